/* handout.h: what the modules of the handout share: its pages, its settings
 * and the walk over the guide tree.
 *
 * The handout is set with the typesetting of typeset.h (fonts, text runs,
 * line breaks, code layout, the content stream), which knows nothing of
 * what is here. guide2pdf.c reads the options, opens the document, walks the
 * tree in order (title page, intro, contents, sections or the drill sheet)
 * and saves; the modules below never call into it.
 *
 * Where each part of the tree is drawn, one pdf_render_ELEMENT() each:
 *   p, heading, hr, quote, list/item  blocks.c   (and the dispatch over blocks)
 *   em strong del code link br ...    inline.c   (inline elements as a text run)
 *   img                               image.c    (pngdecode.c decodes PNG files)
 *   codeblock, raw                    code.c     (box; codelayout.c lays the code out)
 *   callout, details                  callout.c
 *   table/row/cell                    table.c
 *   card: question, why, answer       card.c
 *   section                           section.c
 *   meta (title page), toc            furniture.c (also the running header and footer)
 *   --drill: the question sheet       drill.c
 * And what holds them up:
 *   settings.c    handout.conf: paper, margins, sizes, colours
 *   flow.c        lines into the column: gaps, no widows or orphans
 *   page.c        pages: breaks, drawing a laid-out line, side rules, list
 *                 markers, page numbers drawn after the last page
 *   navigation.c  anchors, links and the outline (bookmarks) */
#ifndef GUIDE2PDF_HANDOUT_H
#define GUIDE2PDF_HANDOUT_H

#include "guide2pdf/typeset.h"

#include "codetheme.h"
#include "imagefile.h"

#include <libxml/tree.h>
#include <time.h>

/* ---- settings.c: the style file's handout settings --------------------- */
struct pdf_settings {
	double page_width, page_height;
	double margin_top, margin_bottom, margin_left, margin_right;
	double body_size, code_size, small_size, title_size;
	double heading_size[4]; /* section, h3, h4, h5+ */
	double line_spacing;    /* body line height / font size */
	double code_spacing;    /* code line height / font size: box lines join */
	double paragraph_gap;
	double code_padding;
	struct pdf_color text, heading, link, code_background, code_text, rule, muted, accent,
		why;
	int drill_lines;
	/* Each kind of code token (codetheme.h), from the code_theme's file:
	 * its colour, and its face (the monospace face or its bold or italic). */
	struct pdf_color code_kind[CODE_KINDS];
	enum pdf_face code_kind_face[CODE_KINDS];
};

/* Reads handout.conf (STYLES/handout.conf, or the built-in copy) into CONF,
 * its name for messages into *NAME (the caller frees both), and the
 * handout's settings into SET; PAPER (a4, letter), when given, wins over the
 * file's. -1 after an error naming the file. */
int settings_load(const char *styles, const char *paper, struct style_conf *conf, char **name,
		  struct pdf_settings *set);

/* ---- the rules of page breaking ----------------------------------------- */
#define CODE_KEEP_LINES 8 /* shorter code blocks never split */
#define KEEP_LINES 3      /* a heading moves with this many lines */
#define MIN_LINES 2       /* no widow or orphan lines */

/* ---- page.c and navigation.c: the document, its pages and anchors ------- */
struct pdf_anchor {
	char *id;
	int page; /* 1-based */
	double y;
};

struct pdf_link {
	int page;
	int elem;  /* the Link (or TOC entry) element it belongs to */
	long line; /* of the source, for messages */
	double x0, y0, x1, y1;
	char *href;
};

#define PDF_MARK_LEVELS 3

struct pdf_mark {
	int level;    /* 0: section, 1: question (2: under the drill's answers) */
	char *title;
	char *anchor;
};

#define PDF_MAX_RULES 16

/* A rule beside the lines of a quote or a "why" (x, and its colour). */
struct pdf_rule {
	double x;
	struct pdf_color color;
};

/* A tinted box behind a run of blocks (a callout), with a bar on its left;
 * painted for each page it is on (page_box_begin). */
#define PDF_MAX_BOXES 8
struct pdf_box {
	double x, width, top; /* top: of its part on this page */
	struct pdf_color fill, bar;
};

/* A page number drawn once every page exists (page_defer_number). */
struct pdf_number {
	int page;           /* where it is drawn */
	double y, right;    /* top of its line; where it ends */
	struct pdf_style style;
	const char *format; /* a static printf format with one %d */
	char *anchor;       /* whose page it shows */
	char *href;         /* owned copy of style.href */
	int elem;           /* the element it ends (a contents entry) */
	int rule_count;
	struct pdf_rule rules[PDF_MAX_RULES];
};

struct pdf_doc {
	HPDF_Doc doc;
	struct pdf_fonts fonts;
	struct pdf_settings set;
	const char *source;
	const char *lang;   /* the guide's, for the words the handout adds (words.h) */
	char answer_on_page[96]; /* the drill sheet's "answer on page %d →": the
				  * format is kept until the numbers are drawn */
	char question_on_page[96]; /* and its answers' "← question on page %d" */
	int failed;         /* a libharu error was reported */
	int page_count;     /* pages begun so far */
	int total_pages;    /* set by page_finish */
	HPDF_Page *pages;
	size_t pages_cap;
	HPDF_Page page;
	struct pdf_content content; /* of page */
	struct pdf_tags tags;       /* the structure tree (tags.c) */
	double y;           /* top of the free space on the current page */
	double left, right; /* the current column, after indents */
	int at_top;         /* nothing placed on the page yet */
	char *guide_title;
	char *section_title;
	struct pdf_rule rules[PDF_MAX_RULES];
	int rule_count;
	struct pdf_box boxes[PDF_MAX_BOXES];
	int box_count;
	const struct pdf_text *marker; /* a list marker, drawn beside the next line */
	int marker_elem;               /* its Lbl element */
	double marker_x;
	struct pdf_anchor *anchors;
	size_t anchor_count, anchor_cap;
	size_t *anchor_index;  /* open-addressing hash of anchor ids: index + 1, 0 empty */
	size_t index_size;     /* a power of two, at least twice anchor_count */
	struct pdf_link *links;
	size_t link_count, link_cap;
	struct pdf_mark *marks;
	size_t mark_count, mark_cap;
	struct pdf_number *numbers;
	size_t number_count, number_cap;
};

/* ---- page.c ------------------------------------------------------------- */
double page_top(const struct pdf_doc *pdf);
double page_bottom(const struct pdf_doc *pdf);
int page_new(struct pdf_doc *pdf);
/* Starts a new page unless HEIGHT fits below the current position. */
int page_need(struct pdf_doc *pdf, double height);
double page_room(const struct pdf_doc *pdf);
/* Draws LINE of TEXT with its top at pdf->y, starting at X, and moves down by
 * HEIGHT. Side rules and links come with it. */
int page_draw_line(struct pdf_doc *pdf, const struct pdf_text *text, const struct pdf_line *line,
		   double x, double height);
void page_fill_rect(struct pdf_doc *pdf, double x, double y, double w, double h,
		    struct pdf_color color);
void page_stroke_line(struct pdf_doc *pdf, double x0, double y0, double x1, double y1,
		      double width, struct pdf_color color);
/* Holds back what is drawn next, until page_release paints a background of
 * X, Y, W, H in UNDER beneath it (content_hold). */
void page_hold(struct pdf_doc *pdf);
void page_release(struct pdf_doc *pdf, double x, double y, double w, double h,
		  struct pdf_color under);
/* A box of FILL, X to X + WIDTH, behind what is drawn from here until
 * page_box_end, with a bar of BAR on its left: a page break ends it on one
 * page and opens it again on the next. Returns 1, or 0 when boxes nest too
 * deep (nothing is boxed); page_box_end takes that answer. */
int page_box_begin(struct pdf_doc *pdf, double x, double width, struct pdf_color fill,
		   struct pdf_color bar);
void page_box_end(struct pdf_doc *pdf, int begun);
/* Prints the page of ANCHOR in FORMAT (one %d) in STYLE, ending at RIGHT on a
 * line whose top is the current height, once every page exists. */
int page_defer_number(struct pdf_doc *pdf, const char *anchor, const char *format,
		      struct pdf_style style, double right);
/* After the last page: footers, deferred page numbers, then nav_finish and
 * the page labels. */
int page_finish(struct pdf_doc *pdf);
void page_free(struct pdf_doc *pdf);

/* ---- navigation.c ------------------------------------------------------- */
/* Records that ID is at the current height of the current page. */
int nav_anchor(struct pdf_doc *pdf, const char *id);
const struct pdf_anchor *nav_find_anchor(const struct pdf_doc *pdf, const char *id);
/* A link area to HREF, made an annotation once every page exists; LINE is
 * the source line for messages. */
int nav_add_link(struct pdf_doc *pdf, double x0, double y0, double x1, double y1,
		 const char *href, long line, int elem);
/* An outline entry at LEVEL (0: section) titled TITLE, to ANCHOR; a title
 * longer than libharu's longest string (HPDF_LIMIT_MAX_STRING_LEN bytes) is
 * an error at the source line LINE. */
int nav_add_mark(struct pdf_doc *pdf, int level, const char *title, const char *anchor,
		 long line);
/* After the last page: the link annotations and the outline. */
int nav_finish(struct pdf_doc *pdf);
void nav_free(struct pdf_doc *pdf);

/* ---- the state of the walk over the tree ------------------------------- */
#define MAX_IMAGES 256

struct image {
	char *src;
	HPDF_Image image; /* NULL: could not be loaded (warned once) */
};

struct render {
	struct pdf_doc pdf;
	xmlDocPtr tree;
	const char *tree_path;
	struct image_folder image_folder; /* images are read from here only */
	int drill;
	int untagged;           /* --untagged: no structure tree */
	const char *author;
	time_t date;
	int depth;
	int measuring;          /* laying out only to measure: no warnings */
	int loading_image;      /* libharu errors now are a bad image, not a failure */
	int saving;             /* libharu errors now are a failed write of the file */
	int tight;              /* inside a tight list: no gap between paragraphs */
	enum pdf_face base_face;/* the face of plain text here (italic in "why") */
	struct pdf_color base_color;
	double base_size;
	const char *prefix;     /* a label to put before the next paragraph */
	int collect_images;     /* a paragraph's text: its images are drawn under it */
	int after_image;        /* the last inline was an image drawn under the text */
	const xmlNode *images[MAX_IMAGES]; /* img nodes of the paragraph being set */
	int image_count;
	int heading_base;       /* the rank of the first heading here (H2, H3 in a card) */
	int heading_depth;      /* headings open under it: their levels */
	int heading_levels[6];
	struct image cache[MAX_IMAGES];
	int cache_count;
	/* The last code blocks' lead heights (code.c): a block is measured for
	 * the heading above it and again for the question or introduction
	 * above that, each a layout of its first lines. */
	struct lead_memo {
		const xmlNode *node;
		double width, page, height;
	} leads[4];
	unsigned lead_next;
};

/* ---- flow.c: lines into the column ------------------------------------- */
double flow_width(const struct render *r);
double flow_line_height(const struct render *r, const struct pdf_line *line);
/* Places lines [FROM, TO) at X, one after the other, with no page check.
 * ALIGN: 0 left, 1 centred in the column, 2 right. */
int flow_draw_lines(struct render *r, const struct pdf_text *text, const struct pdf_lines *lines,
		    size_t from, size_t to, double x, int align);
double flow_lines_height(const struct render *r, const struct pdf_lines *lines, size_t from,
			 size_t to);
/* Places a broken paragraph across pages with no widow or orphan line. */
int flow_place_lines(struct render *r, const struct pdf_text *text, const struct pdf_lines *lines,
		     double x, int align);
/* The same, keeping its last lines on a page with AFTER points below them:
 * a paragraph that introduces the block after it stays with its start. */
int flow_place_kept(struct render *r, const struct pdf_text *text, const struct pdf_lines *lines,
		    double x, int align, double after);
/* Space before the next block, unless the page has nothing on it yet. */
void flow_gap(struct render *r, double height);
/* 0 when LINES of TEXT fit on one page; else -1 after an error at TEXT's
 * line: a heading, a question or a contents entry never splits, and one
 * taller than a page would run off it. */
int flow_fits_page(const struct render *r, const struct pdf_text *text,
		   const struct pdf_lines *lines);

/* ---- inline.c: inline elements as text --------------------------------- */
/* Starts TEXT for the source line LINE; quiet while only measuring. */
void inline_start(struct render *r, struct pdf_text *text, long line);
/* Plain text of the current block: the base face, size and colour. */
struct pdf_style inline_base_style(const struct render *r);
int inline_append(struct render *r, struct pdf_text *text, const struct pdf_style *style,
		  const char *utf8);
/* Appends the inline children of PARENT in STYLE, each element styled. */
int inline_collect(struct render *r, struct pdf_text *text, const xmlNode *parent,
		   struct pdf_style style);
/* In a tagged PDF, the passages of TEXT (a whole block's) in another
 * language than the guide's get their language (textlang.c). */
int inline_mark_languages(struct render *r, struct pdf_text *text);

/* ---- image.c: images ---------------------------------------------------- */
/* 1 when the img element NODE (of source line LINE) can be drawn; else 0
 * after a warning (once per file), and its alt text is printed instead. */
int image_shown(struct render *r, const xmlNode *node, long line);
/* Draws the images noted for the paragraph (r->images) under its text, in
 * rows centred in the column; AFTER_TEXT: the paragraph had text above. */
int pdf_render_images(struct render *r, long line, int after_text);
/* The height the first row of those images needs, gap included. */
double image_lead_height(struct render *r, long line);
void image_cache_free(struct render *r);

/* ---- table.c ------------------------------------------------------------ */
int pdf_render_table(struct render *r, const xmlNode *node);

/* ---- code.c: code blocks ------------------------------------------------ */
int pdf_render_codeblock(struct render *r, const xmlNode *node);
int pdf_render_raw(struct render *r, const xmlNode *node);
/* The height the start of the code block NODE keeps together on a page. */
double code_lead_height(struct render *r, const xmlNode *node);

/* ---- blocks.c: prose blocks -------------------------------------------- */
int pdf_render_blocks(struct render *r, const xmlNode *parent);
/* One block element, or a card; other elements are skipped. */
int pdf_render_block(struct render *r, const xmlNode *node);
/* Places TEXT as a heading-like line with BEFORE and AFTER around it, on a
 * new page unless it fits with the start of NEXT; ANCHOR (may be NULL) is
 * its link target. */
int block_place_heading(struct render *r, struct pdf_text *text, double before, double after,
			const xmlNode *next, const char *anchor);
/* The height the start of NODE needs on the page of a heading before it. */
double block_lead_height(struct render *r, const xmlNode *node);
/* Indents the column by INDENT behind a side rule in COLOR; returns the
 * indent used (0 when the rules or the column run out), for block_pop_rule. */
double block_push_rule(struct render *r, double indent, struct pdf_color color);
void block_pop_rule(struct render *r, double indent);

/* ---- callout.c: callouts and <details> ---------------------------------- */
int pdf_render_callout(struct render *r, const xmlNode *node);
int pdf_render_details(struct render *r, const xmlNode *node);

/* ---- card.c: question cards --------------------------------------------- */
int pdf_render_card(struct render *r, const xmlNode *card);
/* The question as a heading at ANCHOR, kept with NEXT; MARK > 0 puts it in
 * the outline at level MARK. */
int pdf_render_question(struct render *r, const xmlNode *card, const char *anchor,
			const xmlNode *next, int mark);
int pdf_render_why(struct render *r, const xmlNode *why);
/* What belongs to the question: the code it asks about, its options. */
int pdf_render_prompt(struct render *r, const xmlNode *card);
/* PREFIX followed by ID, malloc'd (ids are as long as their headings: no
 * fixed buffer may cut them, or the links to them break). */
char *nav_prefixed(const char *prefix, const char *id);
int pdf_render_answer(struct render *r, const xmlNode *answer);

/* ---- section.c: sections ------------------------------------------------ */
int pdf_render_section(struct render *r, const xmlNode *section);
/* The section's heading, after PREFIX (may be NULL), with ANCHOR. */
int section_heading(struct render *r, const xmlNode *section, const char *anchor,
		    const char *prefix);
/* The running header's section title: PREFIX and the section's title. */
int section_set_title(struct render *r, const xmlNode *section, const char *prefix);

/* ---- furniture.c: title page, contents, header and footer -------------- */
int pdf_render_title_page(struct render *r, const xmlNode *meta);
/* The contents of GUIDE on a new page, with the anchor ID (the guide's own
 * contents section, or "contents"). */
int pdf_render_toc(struct render *r, const xmlNode *guide, const char *id);
/* The running header of the page just begun; the footer of the current
 * page, once the number of pages is known. */
void furniture_header(struct pdf_doc *pdf);
void furniture_footer(struct pdf_doc *pdf);

/* ---- drill.c: the drill sheet ------------------------------------------- */
/* The question sections of GUIDE with ruled space, then the answers. */
int pdf_render_drill(struct render *r, const xmlNode *guide);

#endif
