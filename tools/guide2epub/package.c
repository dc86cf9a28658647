/* package: the parts of the book that describe the rest: the package document
 * (metadata, manifest, spine), the navigation document, the NCX for EPUB 2
 * readers, and the cover drawn from the title. All are libxml2 trees. */
#include "guide2epub/book.h"

#include "lang.h"
#include "tree.h"
#include "words.h"

#include <nettle/sha1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPF_NS "http://www.idpf.org/2007/opf"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define NCX_NS "http://www.daisy.org/z3986/2005/ncx/"
#define SVG_NS "http://www.w3.org/2000/svg"

/* The cover: a portrait page, the title wrapped to lines of at most this many
 * characters (the subtitle to its own width), at most this many lines (a longer title is cut with "…"). */
#define COVER_WIDTH 600
#define COVER_HEIGHT 900
#define COVER_TITLE_CHARS 18
#define COVER_SUBTITLE_CHARS 36
#define COVER_MAX_LINES 7

/* RFC 4122 name-based UUID (version 5, SHA-1) in the URL namespace, named by the
 * guide's source and title: the same guide keeps its identifier across builds. */
void epub_make_identifier(struct epub_book *book)
{
	static const unsigned char URL_NAMESPACE[16] = {
		0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
	};
	struct sha1_ctx sha;
	unsigned char digest[SHA1_DIGEST_SIZE];
	sha1_init(&sha);
	sha1_update(&sha, sizeof URL_NAMESPACE, URL_NAMESPACE);
	static const char PREFIX[] = "guide:";
	sha1_update(&sha, strlen(PREFIX), (const uint8_t *)PREFIX);
	sha1_update(&sha, strlen(book->source), (const uint8_t *)book->source);
	sha1_update(&sha, 1, (const uint8_t *)"\n");
	sha1_update(&sha, strlen(book->title), (const uint8_t *)book->title);
	sha1_digest(&sha, sizeof digest, digest);
	digest[6] = (unsigned char)((digest[6] & 0x0f) | 0x50);
	digest[8] = (unsigned char)((digest[8] & 0x3f) | 0x80);
	char *out = book->identifier;
	out += sprintf(out, "urn:uuid:");
	for (int i = 0; i < 16; i++) {
		out += sprintf(out, "%02x", digest[i]);
		if (i == 3 || i == 5 || i == 7 || i == 9)
			*out++ = '-';
	}
	*out = '\0';
}

/* A new document whose root is NAME in namespace NS (default namespace). */
static xmlNode *new_root(struct epub_book *book, xmlDocPtr *out, const char *name, const char *ns)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = doc ? xmlNewDocNode(doc, NULL, (const xmlChar *)name, NULL) : NULL;
	xmlNsPtr space = root ? xmlNewNs(root, (const xmlChar *)ns, NULL) : NULL;
	*out = doc;
	if (!space) {
		book->failed = 1;
		xmlFreeNode(root);
		return NULL;
	}
	xmlSetNs(root, space);
	xmlDocSetRootElement(doc, root);
	return root;
}

static int add_xml_file(struct epub_book *book, xmlDocPtr doc, const char *href, const char *id,
			const char *media_type, const char *properties)
{
	unsigned char *data = NULL;
	size_t len = 0;
	int status = !book->failed && doc ? epub_serialise(doc, &data, &len) : -1;
	xmlFreeDoc(doc);
	struct epub_file *file =
		status == 0 ? epub_add_file(book, href, id, media_type, data, len) : NULL;
	if (!file) {
		book->failed = 1;
		return -1;
	}
	file->properties = properties;
	return 0;
}

/* --- cover ------------------------------------------------------------------- */

static size_t utf8_length(const char *s, size_t bytes)
{
	size_t n = 0;
	for (size_t i = 0; i < bytes; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

static void cover_text(struct epub_book *book, xmlNode *svg, const char *text, int y, int size,
		       const char *fill)
{
	char number[32];
	xmlNode *node = epub_el_text(book, svg, "text", text);
	epub_attr(book, node, "x", "300");
	snprintf(number, sizeof number, "%d", y);
	epub_attr(book, node, "y", number);
	snprintf(number, sizeof number, "%d", size);
	epub_attr(book, node, "font-size", number);
	epub_attr(book, node, "fill", fill);
	epub_attr(book, node, "text-anchor", "middle");
	epub_attr(book, node, "font-family", "DejaVu Serif, Georgia, serif");
}

/* Writes TEXT wrapped at spaces into lines of at most CHARS characters (one
 * long word alone may be longer), from baseline Y; returns the Y below. */
static int cover_lines(struct epub_book *book, xmlNode *svg, const char *text, int y, int size,
		       size_t chars, const char *fill)
{
	int lines = 0, step = size * 5 / 4;
	while (*text && lines < COVER_MAX_LINES) {
		while (*text == ' ')
			text++;
		size_t take = strlen(text), fit = 0;
		/* The longest run of whole words that fits; one long word alone if none. */
		for (size_t i = 0; i <= take; i++) {
			if (text[i] != ' ' && text[i] != '\0')
				continue;
			if (fit && utf8_length(text, i) > chars)
				break;
			fit = i;
		}
		if (!fit)
			break;
		char line[512];
		int last = lines + 1 == COVER_MAX_LINES && text[fit] != '\0';
		size_t cut = fit < 400 ? fit : 400;
		while (cut < fit && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut--; /* never split a UTF-8 sequence */
		snprintf(line, sizeof line, "%.*s%s", (int)cut, text, last || cut < fit ? "\u2026" : "");
		cover_text(book, svg, line, y + lines * step, size, fill);
		text += fit;
		lines++;
	}
	return y + lines * step;
}

int epub_write_cover(struct epub_book *book)
{
	xmlDocPtr doc = NULL;
	xmlNode *svg = new_root(book, &doc, "svg", SVG_NS);
	epub_attr(book, svg, "version", "1.1");
	epub_attr(book, svg, "viewBox", "0 0 600 900");
	epub_attr(book, svg, "width", "600");
	epub_attr(book, svg, "height", "900");
	epub_el_text(book, svg, "title", book->title);
	xmlNode *back = epub_el(book, svg, "rect");
	epub_attr(book, back, "width", "600");
	epub_attr(book, back, "height", "900");
	epub_attr(book, back, "fill", "#1d3557");
	xmlNode *band = epub_el(book, svg, "rect");
	epub_attr(book, band, "y", "120");
	epub_attr(book, band, "width", "600");
	epub_attr(book, band, "height", "12");
	epub_attr(book, band, "fill", "#e9c46a");
	int y = cover_lines(book, svg, book->title, 250, 54, COVER_TITLE_CHARS, "#ffffff");
	if (book->subtitle)
		cover_lines(book, svg, book->subtitle, y + 30, 26, COVER_SUBTITLE_CHARS, "#e9c46a");
	if (book->author)
		cover_text(book, svg, book->author, 820, 28, "#ffffff");
	if (add_xml_file(book, doc, "images/cover.svg", "cover-image", "image/svg+xml",
			 "cover-image") != 0)
		return -1;

	xmlDocPtr page = NULL;
	xmlNode *body = epub_xhtml_new(book, &page, book->title);
	xmlNode *section = epub_attr(book, epub_el(book, body, "section"), "class", "cover");
	epub_set_type(book, section, "cover");
	xmlNode *img = epub_el(book, section, "img");
	epub_attr(book, img, "src", "images/cover.svg");
	char *alt = epub_join(book, "Cover: ", book->title);
	if (alt)
		epub_attr(book, img, "alt", alt);
	free(alt);
	if (!body)
		book->failed = 1;
	return epub_add_xhtml(book, page, "cover.xhtml", "cover") ? 0 : -1;
}

/* --- navigation -------------------------------------------------------------- */

/* LABEL, or "Untitled" when it has no text (a nav entry must have some). */
static const char *named(const char *label)
{
	return strspn(label, " \t\n") == strlen(label) ? "Untitled" : label;
}

static xmlNode *nav_entry(struct epub_book *book, xmlNode *list, const char *href,
			  const char *label)
{
	label = named(label);
	epub_text(book, list, "\n"); /* one entry a line, for people reading the file */
	xmlNode *item = epub_el(book, list, "li");
	epub_attr(book, epub_el_text(book, item, "a", label), "href", href);
	return item;
}

/* "CHAPTER#CARD-ID", malloc'd; NULL (book.failed set) when out of memory. */
static char *card_href(struct epub_book *book, const struct epub_chapter *chapter,
		       const xmlNode *card)
{
	const char *id = tree_attr(card, "id");
	size_t len = strlen(chapter->href) + strlen(id) + 2;
	char *href = malloc(len);
	if (href)
		snprintf(href, len, "%s#%s", chapter->href, id);
	else
		book->failed = 1;
	return href;
}

static void nav_cards(struct epub_book *book, xmlNode *item, const struct epub_chapter *chapter)
{
	xmlNode *list = NULL;
	for (xmlNode *node = tree_first(chapter->section); node; node = tree_next(node)) {
		if (!tree_is(node, "card"))
			continue;
		if (!list)
			list = epub_el(book, item, "ol");
		char *label = tree_card_title(node);
		char *href = card_href(book, chapter, node);
		if (!label)
			book->failed = 1;
		else if (href)
			nav_entry(book, list, href, label);
		free(label);
		free(href);
	}
}

static void landmark(struct epub_book *book, xmlNode *list, const char *label, const char *type,
		     const char *href)
{
	xmlNode *a = epub_el_text(book, epub_el(book, list, "li"), "a", label);
	epub_set_type(book, a, type);
	epub_attr(book, a, "href", href);
}

static void nav_landmarks(struct epub_book *book, xmlNode *body, const char *toc_id)
{
	xmlNode *nav = epub_el(book, body, "nav");
	epub_set_type(book, nav, "landmarks");
	epub_attr(book, nav, "hidden", "hidden");
	epub_el_text(book, nav, "h2", "Landmarks");
	xmlNode *list = epub_el(book, nav, "ol");
	landmark(book, list, "Cover", "cover", "cover.xhtml");
	landmark(book, list, word_in(book->lang, WORD_TITLE_PAGE), "titlepage", "title.xhtml");
	char *contents = epub_join(book, "nav.xhtml#", toc_id);
	if (contents)
		landmark(book, list, word_in(book->lang, WORD_CONTENTS), "toc", contents);
	free(contents);
	landmark(book, list, "Start", "bodymatter",
		 book->chapter_count ? book->chapters[0].href : "nav.xhtml");
}

int epub_write_nav(struct epub_book *book, epub_toc_extras_fn *toc_extras)
{
	const xmlNode *toc = tree_child(book->guide, "toc");
	const char *contents_word = word_in(book->lang, WORD_CONTENTS);
	char *heading = toc ? tree_plain_text(tree_child(toc, "title")) : strdup(contents_word);
	const char *toc_id = toc ? tree_attr(toc, "id") : "contents";
	if (!heading)
		return -1;
	xmlDocPtr doc = NULL;
	xmlNode *body = epub_xhtml_new(book, &doc, heading);
	if (!body)
		book->failed = 1;
	xmlNode *nav = epub_el(book, body, "nav");
	epub_set_type(book, nav, "toc");
	epub_attr(book, nav, "id", toc_id);
	epub_el_text(book, nav, "h1", *heading ? heading : contents_word);
	free(heading);
	xmlNode *list = epub_el(book, nav, "ol");
	nav_entry(book, list, "title.xhtml", word_in(book->lang, WORD_TITLE_PAGE));
	for (size_t i = 0; i < book->chapter_count; i++) {
		const struct epub_chapter *chapter = &book->chapters[i];
		xmlNode *item = nav_entry(book, list, chapter->href, chapter->title);
		nav_cards(book, item, chapter);
	}
	if (book->drill)
		nav_entry(book, list, "questions.xhtml", word_in(book->lang, WORD_QUESTIONS));
	if (toc)
		toc_extras(book, body, toc);
	nav_landmarks(book, body, toc_id);
	struct epub_file *file = epub_add_xhtml(book, doc, "nav.xhtml", "nav");
	if (!file)
		return -1;
	file->properties = "nav";
	return 0;
}

/* --- NCX (EPUB 2 readers) ---------------------------------------------------- */

static xmlNode *ncx_point(struct epub_book *book, xmlNode *parent, int *order, const char *label,
			  const char *href)
{
	char id[32], number[32];
	snprintf(id, sizeof id, "point-%d", *order);
	snprintf(number, sizeof number, "%d", *order);
	(*order)++;
	label = named(label);
	xmlNode *point = epub_el(book, parent, "navPoint");
	epub_attr(book, point, "id", id);
	epub_attr(book, point, "playOrder", number);
	epub_el_text(book, epub_el(book, point, "navLabel"), "text", label);
	epub_attr(book, epub_el(book, point, "content"), "src", href);
	return point;
}

static void ncx_cards(struct epub_book *book, xmlNode *point, const struct epub_chapter *chapter,
		      int *order)
{
	for (xmlNode *node = tree_first(chapter->section); node; node = tree_next(node)) {
		if (!tree_is(node, "card"))
			continue;
		char *label = tree_card_title(node);
		char *href = card_href(book, chapter, node);
		if (!label)
			book->failed = 1;
		else if (href)
			ncx_point(book, point, order, label, href);
		free(label);
		free(href);
	}
}

int epub_write_ncx(struct epub_book *book)
{
	xmlDocPtr doc = NULL;
	xmlNode *ncx = new_root(book, &doc, "ncx", NCX_NS);
	epub_attr(book, ncx, "version", "2005-1");
	xmlNodeSetLang(ncx, (const xmlChar *)book->lang);
	xmlNode *head = epub_el(book, ncx, "head");
	static const char *const NAMES[] = {"dtb:uid", "dtb:depth", "dtb:totalPageCount",
					    "dtb:maxPageNumber"};
	const char *values[] = {book->identifier, "2", "0", "0"};
	for (int i = 0; i < 4; i++) {
		xmlNode *meta = epub_el(book, head, "meta");
		epub_attr(book, meta, "name", NAMES[i]);
		epub_attr(book, meta, "content", values[i]);
	}
	epub_el_text(book, epub_el(book, ncx, "docTitle"), "text", book->title);
	xmlNode *map = epub_el(book, ncx, "navMap");
	int order = 1;
	ncx_point(book, map, &order, word_in(book->lang, WORD_TITLE_PAGE), "title.xhtml");
	ncx_point(book, map, &order, word_in(book->lang, WORD_CONTENTS), "nav.xhtml");
	for (size_t i = 0; i < book->chapter_count; i++) {
		const struct epub_chapter *chapter = &book->chapters[i];
		xmlNode *point = ncx_point(book, map, &order, chapter->title, chapter->href);
		ncx_cards(book, point, chapter, &order);
	}
	if (book->drill)
		ncx_point(book, map, &order, word_in(book->lang, WORD_QUESTIONS), "questions.xhtml");
	return add_xml_file(book, doc, "toc.ncx", "ncx", "application/x-dtbncx+xml", NULL);
}

/* --- package document -------------------------------------------------------- */

static xmlNode *meta_property(struct epub_book *book, xmlNode *metadata, const char *property,
			      const char *value)
{
	xmlNode *meta = epub_el_text(book, metadata, "meta", value);
	return epub_attr(book, meta, "property", property);
}

static xmlNode *dc_element(struct epub_book *book, xmlNode *metadata, xmlNsPtr dc,
			   const char *name, const char *value)
{
	if (!metadata)
		return NULL;
	xmlNode *node = xmlNewDocNode(metadata->doc, dc, (const xmlChar *)name, NULL);
	if (!node) {
		book->failed = 1;
		return NULL;
	}
	xmlAddChild(metadata, node);
	epub_text(book, node, value);
	return node;
}

static void package_accessibility(struct epub_book *book, xmlNode *metadata)
{
	meta_property(book, metadata, "schema:accessMode", "textual");
	meta_property(book, metadata, "schema:accessMode", "visual");
	meta_property(book, metadata, "schema:accessModeSufficient", "textual");
	static const char *const FEATURES[] = {"structuralNavigation", "tableOfContents",
					       "readingOrder", "alternativeText",
					       "displayTransformability"};
	for (size_t i = 0; i < sizeof FEATURES / sizeof FEATURES[0]; i++)
		meta_property(book, metadata, "schema:accessibilityFeature", FEATURES[i]);
	meta_property(book, metadata, "schema:accessibilityHazard", "none");
	/* The claim holds only when it is true of this book: the structure,
	 * roles, languages and colours always are; text alternatives depend on
	 * the guide (md2guide warns at each image without one). */
	if (book->images_without_alt == 0) {
		meta_property(book, metadata, "dcterms:conformsTo",
			      "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
		meta_property(book, metadata, "schema:accessibilitySummary",
			      "A text book that meets WCAG 2.1 AA: a navigable table of contents, "
			      "headings for every section and question, text alternatives for the "
			      "cover and every image, and colours of AA contrast in day and night "
			      "themes. Diagrams drawn with text characters are kept as preformatted "
			      "text. No audio, video, animation or flashing content.");
		return;
	}
	char summary[512];
	snprintf(summary, sizeof summary,
		 "A text book with a navigable table of contents and headings for every section "
		 "and question. %zu image%s of the guide %s no text alternative, so the book "
		 "claims no WCAG conformance. Diagrams drawn with text characters are kept as "
		 "preformatted text. No audio, video, animation or flashing content.",
		 book->images_without_alt, book->images_without_alt == 1 ? "" : "s",
		 book->images_without_alt == 1 ? "has" : "have");
	meta_property(book, metadata, "schema:accessibilitySummary", summary);
}

static void package_metadata(struct epub_book *book, xmlNode *package)
{
	xmlNode *metadata = epub_el(book, package, "metadata");
	xmlNsPtr dc = metadata ? xmlNewNs(metadata, (const xmlChar *)DC_NS, (const xmlChar *)"dc")
			       : NULL;
	if (!dc) {
		book->failed = 1;
		return;
	}
	epub_attr(book, dc_element(book, metadata, dc, "identifier", book->identifier), "id",
		  "book-id");
	epub_attr(book, dc_element(book, metadata, dc, "title", book->title), "id", "title");
	epub_attr(book, meta_property(book, metadata, "title-type", "main"), "refines", "#title");
	if (book->subtitle) {
		epub_attr(book, dc_element(book, metadata, dc, "title", book->subtitle), "id",
			  "subtitle");
		epub_attr(book, meta_property(book, metadata, "title-type", "subtitle"), "refines",
			  "#subtitle");
	}
	dc_element(book, metadata, dc, "language", book->lang);
	if (book->author) {
		epub_attr(book, dc_element(book, metadata, dc, "creator", book->author), "id",
			  "creator");
		xmlNode *role = meta_property(book, metadata, "role", "aut");
		epub_attr(book, role, "refines", "#creator");
		epub_attr(book, role, "scheme", "marc:relators");
	}
	dc_element(book, metadata, dc, "date", book->modified);
	meta_property(book, metadata, "dcterms:modified", book->modified);
	package_accessibility(book, metadata);
	xmlNode *cover = epub_el(book, metadata, "meta");
	epub_attr(book, cover, "name", "cover");
	epub_attr(book, cover, "content", "cover-image");
}

int epub_package_document(struct epub_book *book, unsigned char **data, size_t *len)
{
	xmlDocPtr doc = NULL;
	xmlNode *package = new_root(book, &doc, "package", OPF_NS);
	epub_attr(book, package, "version", "3.0");
	epub_attr(book, package, "unique-identifier", "book-id");
	xmlNodeSetLang(package, (const xmlChar *)book->lang);
	package_metadata(book, package);
	xmlNode *manifest = epub_el(book, package, "manifest");
	xmlNode *spine = epub_attr(book, epub_el(book, package, "spine"), "toc", "ncx");
	/* A reader turns a right-to-left book's pages the other way. */
	if (lang_is_right_to_left(book->lang))
		epub_attr(book, spine, "page-progression-direction", "rtl");
	for (size_t i = 0; i < book->file_count; i++) {
		const struct epub_file *file = &book->files[i];
		xmlNode *item = epub_el(book, manifest, "item");
		epub_attr(book, item, "id", file->id);
		epub_attr(book, item, "href", file->href);
		epub_attr(book, item, "media-type", file->media_type);
		if (file->properties)
			epub_attr(book, item, "properties", file->properties);
		if (file->spine == EPUB_IN_SPINE)
			epub_attr(book, epub_el(book, spine, "itemref"), "idref", file->id);
	}
	int status = book->failed || !doc ? -1 : epub_serialise(doc, data, len);
	xmlFreeDoc(doc);
	return status;
}
