/* book: what the parts of guide2epub share while one EPUB is put together.
 *
 * guide2epub.c walks the guide tree and renders the XHTML documents; the
 * modules beside it write the package (package.c: OPF, nav, NCX, cover),
 * gather resources (assets.c: images, the code font), fit raw HTML into the
 * book (raw.c), mark passages in other languages (languages.c) and write the
 * container (container.c: the zip). Every file of the book is a struct epub_file in
 * book.files, in the order it goes into the zip and the manifest. */
#ifndef GUIDE2EPUB_BOOK_H
#define GUIDE2EPUB_BOOK_H

#include "atomic.h"
#include "imagefile.h"
#include "strmap.h"

#include <libxml/tree.h>
#include <stddef.h>
#include <time.h>

#define EPUB_XHTML_NS "http://www.w3.org/1999/xhtml"
#define EPUB_OPS_NS "http://www.idpf.org/2007/ops"

/* Largest image packed into a book; a bigger one is a mistake in the guide. */
#define EPUB_MAX_IMAGE_BYTES ((size_t)32 << 20)
/* Most files one book may hold (XHTML, images, styles), far above any guide. */
#define EPUB_MAX_FILES 100000

enum epub_spine {
	EPUB_NOT_IN_SPINE = 0,
	EPUB_IN_SPINE = 1,
};

struct epub_file {
	char *href;             /* path inside OEBPS/, e.g. "section-3.xhtml" */
	char *id;               /* manifest id */
	const char *media_type;
	const char *properties; /* manifest properties, or NULL */
	unsigned char *data;    /* owned */
	size_t len;
	enum epub_spine spine;
};

/* One section's XHTML document, and the nav entries under it. */
struct epub_chapter {
	const xmlNode *section; /* the tree's <section> */
	char *href;             /* "section-N.xhtml" */
	char *title;            /* plain text, for nav and NCX */
};

struct epub_book {
	xmlDocPtr tree;
	const xmlNode *guide;   /* the root element */
	const char *source;     /* guide/@source, for messages */
	const char *lang;
	char *title;            /* plain text */
	char *subtitle;         /* plain text, or NULL */
	char *author;           /* or NULL */
	char identifier[64];    /* "urn:uuid:..." */
	char modified[32];      /* dcterms:modified, "YYYY-MM-DDThh:mm:ssZ" */
	time_t epoch;           /* the build date (also the zip timestamps) */
	const char *styles_dir; /* --styles, or NULL */
	struct image_folder images_from; /* where images are read (--images, else the tree's folder) */
	int drill;              /* write the "Questions" chapter */
	int has_font;           /* the code font is embedded */
	int image_count;
	size_t images_without_alt; /* images shown with no text alternative */

	struct strmap targets;  /* tree id -> href of the file holding it */
	struct strmap images;   /* image src -> href in the book, or NULL (not packed) */

	struct epub_chapter *chapters;
	size_t chapter_count;
	struct epub_file *files;
	size_t file_count, file_cap;
	int failed;             /* out of memory somewhere: checked before writing */
};

/* Where, in the document being written, rendering happens. */
struct epub_render {
	struct epub_book *book;
	const char *href;  /* the file being written, for links inside it */
	int heading_floor; /* the highest rank (h2, h3) a heading in the tree may take */
	int section_level; /* the tree level of the enclosing section */
	int no_links;      /* write links as their text (the drill list's entries are links) */
	long line;         /* the Markdown line of the raw HTML being written */
};

/* raw.c: "FILE#ID", or "#ID" when ID is in the file being written;
 * NULL when the tree has no element ID. malloc'd. */
char *epub_target_href(struct epub_render *r, const char *id);

/* raw.c */
/* Appends raw HTML TEXT to OUT: sanitised, parsed, and fitted to where it
 * stands; shown as text when its tags do not balance. */
void epub_raw_append(struct epub_render *r, xmlNode *out, const char *text);
/* One piece of inline raw HTML in a run of inlines written into BASE, the next
 * of which would go into CURRENT; returns where the next one goes. */
xmlNode *epub_raw_inline(struct epub_render *r, xmlNode *base, xmlNode *current,
			 const char *text);
/* HREF as a link out of the book: an http, https or mailto URL with a valid
 * host, with bytes a URI may not hold percent-encoded. NULL for anything else
 * (files, other schemes). malloc'd. */
char *epub_external_href(const char *href);

/* Adds a file to the book, taking DATA (malloc'd). Returns the entry, or NULL
 * (data freed, book.failed set) when out of memory. */
struct epub_file *epub_add_file(struct epub_book *book, const char *href, const char *id,
				const char *media_type, unsigned char *data, size_t len);

/* A code block of the tree as <pre class="code"><code> in OUT, its lines and
 * tokens as spans (code.c). */
void epub_code_block(struct epub_book *book, xmlNode *out, const xmlNode *node);
/* Serialises an XML document (UTF-8, with declaration) into a malloc'd buffer,
 * byte for byte as libxml2's xmlSaveDoc would (serialise.c).
 * Returns 0, or -1 when out of memory. */
int epub_serialise(xmlDocPtr doc, unsigned char **data, size_t *len);
/* The same by xmlSaveDoc itself: what epub_serialise falls back to, and what
 * tests/serialise.sh compares it with. */
int epub_serialise_libxml2(xmlDocPtr doc, unsigned char **data, size_t *len);

/* A new XHTML document with <head> (title, stylesheets) and an empty <body>;
 * returns the body, or NULL when out of memory. */
xmlNode *epub_xhtml_new(const struct epub_book *book, xmlDocPtr *doc, const char *title);

/* Serialises DOC (freed in any case) and adds it as HREF (id ID) to the book.
 * Returns the entry, or NULL. */
struct epub_file *epub_add_xhtml(struct epub_book *book, xmlDocPtr doc, const char *href,
				 const char *id);

/* Building XML: each helper does nothing and returns NULL when PARENT (or NODE) is
 * NULL, and sets book.failed when out of memory, so a builder checks once. */
/* A new element NAME in PARENT's namespace, appended to PARENT; an XHTML text
 * block (p, li, a heading, a table cell: epub_is_text_block) gets dir="auto". */
xmlNode *epub_el(struct epub_book *book, xmlNode *parent, const char *name);
int epub_is_text_block(const char *name);
/* Appends TEXT (literal, escaped on output) to PARENT. */
void epub_text(struct epub_book *book, xmlNode *parent, const char *text);
/* Sets attribute NAME; returns NODE. */
xmlNode *epub_attr(struct epub_book *book, xmlNode *node, const char *name, const char *value);
/* An element NAME holding TEXT. */
xmlNode *epub_el_text(struct epub_book *book, xmlNode *parent, const char *name,
		      const char *text);

/* FIRST followed by SECOND, malloc'd; NULL (book.failed set) when out of memory. */
char *epub_join(struct epub_book *book, const char *first, const char *second);

/* Sets epub:type (structural semantics) on NODE of an XHTML document. */
void epub_set_type(struct epub_book *book, xmlNode *node, const char *type);

/* package.c */
int epub_write_cover(struct epub_book *book);
/* Renders the blocks of the guide's own table of contents TOC, other than its
 * list of links (which the nav replaces), into BODY of the nav: given by
 * guide2epub.c, which renders blocks, to epub_write_nav. */
typedef void epub_toc_extras_fn(struct epub_book *book, xmlNode *body, const xmlNode *toc);
int epub_write_nav(struct epub_book *book, epub_toc_extras_fn *toc_extras);
int epub_write_ncx(struct epub_book *book);
/* The package document, built from book.files (so it comes last). */
/* outline.c: heading ranks that never skip, and no empty header cell, in
 * DOC as a whole (called on every XHTML document before it is written). */
void epub_fix_outline(xmlDocPtr doc);
/* languages.c: lang on the blocks and passages of DOC (the document HREF)
 * in another language than the book's (also called on every XHTML document). */
void epub_mark_languages(struct epub_book *book, xmlDocPtr doc, const char *href);

int epub_package_document(struct epub_book *book, unsigned char **data, size_t *len);
/* The name-based (SHA-1) urn:uuid of the guide, into book.identifier. */
void epub_make_identifier(struct epub_book *book);

/* assets.c */
/* The href (relative to OEBPS/) of image SRC packed into the book, or NULL after
 * a warning naming SOURCE:LINE when it cannot be packed. */
const char *epub_pack_image(struct epub_book *book, const char *src, long line);
/* Embeds the monospace font for code (with its @font-face stylesheet); a
 * missing font is a warning. Returns -1 only when out of memory. */
int epub_embed_font(struct epub_book *book);
/* Adds styles/book.css (from --styles or built in). Returns 0 or -1. */
int epub_add_styles(struct epub_book *book);

/* container.c */
/* Writes the EPUB container for BOOK into OUT (from atomic_open_path) and
 * commits it, or aborts it on failure. Returns 0 or -1. */
int epub_write_container(struct epub_book *book, struct atomic_file *out);

#endif
