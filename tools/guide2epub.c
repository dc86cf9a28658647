/* guide2epub: the EPUB 3 back end. Reads the guide tree and writes a book.
 *
 *   guide2epub -o BOOK.epub [--styles DIR] [--lang LANG] [--author NAME]
 *              [--images DIR] [--no-drill] [TREE.xml]
 *
 * This file walks the tree and renders the XHTML documents, one function per
 * element (epub_render_ELEMENT). Every document is a libxml2 tree, serialised at
 * the end, so the XHTML is well formed whatever the guide holds. The package
 * document, navigation and cover are in guide2epub/package.c, images and the
 * code font in guide2epub/assets.c, raw HTML and links out of the book in
 * guide2epub/raw.c, the zip in guide2epub/container.c.
 *
 * Book layout (inside OEBPS/): cover.xhtml, title.xhtml (title page and the
 * guide's introduction), nav.xhtml (the contents, in place of the guide's own
 * table of contents), section-N.xhtml (one per section), questions.xhtml (the
 * drill chapter), toc.ncx, styles/, fonts/, images/. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "guide2epub/book.h"

#include "coderuns.h"
#include "codetheme.h"
#include "builddate.h"
#include "cli.h"
#include "diag.h"
#include "lang.h"
#include "timelimit.h"
#include "tree.h"
#include "words.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GUIDE2EPUB_VERSION "0.1"

struct options {
	const char *input;
	const char *output;
	const char *styles;
	const char *lang;
	const char *author;
	const char *images;
	const char *time_limit;
	int drill;
};

static void epub_render_blocks(struct epub_render *r, xmlNode *out, const xmlNode *parent);
static void epub_render_block(struct epub_render *r, xmlNode *out, const xmlNode *node);
static void epub_render_inlines(struct epub_render *r, xmlNode *out, const xmlNode *parent);

/* --- small helpers ------------------------------------------------------------ */

static void epub_render_raw(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	xmlNode *div = epub_attr(r->book, epub_el(r->book, out, "div"), "class", "raw");
	xmlChar *text = xmlNodeGetContent(node);
	if (!text) {
		r->book->failed = 1;
		return;
	}
	r->line = tree_line(node);
	epub_raw_append(r, div, (const char *)text);
	xmlFree(text);
}

/* --- inlines ---------------------------------------------------------------------- */

/* True inside an <a> (a link, or raw HTML's): HTML allows no link in a link. */
static int inside_link(const xmlNode *out)
{
	for (; out && out->type == XML_ELEMENT_NODE; out = out->parent)
		if (strcmp((const char *)out->name, "a") == 0)
			return 1;
	return 0;
}

static void epub_render_link(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	const char *href = tree_attr(node, "href");
	if (r->no_links || inside_link(out)) {
		epub_render_inlines(r, out, node);
		return;
	}
	char *target = href[0] == '#' ? epub_target_href(r, href + 1) : epub_external_href(href);
	if (!target) {
		diag_warning(r->book->source, tree_line(node),
			     href[0] == '#'
				     ? "link '%s' points to no section, question or heading; the book "
				       "shows its text without the link"
				     : "link '%s' is not a web (http, https) or mail address, nor a "
				       "link inside the guide; the book shows its text without the link",
			     href);
		epub_render_inlines(r, out, node);
		return;
	}
	xmlNode *a = epub_attr(r->book, epub_el(r->book, out, "a"), "href", target);
	free(target);
	const char *title = tree_attr(node, "title");
	if (title && *title)
		epub_attr(r->book, a, "title", title);
	epub_render_inlines(r, a, node);
	/* A link left with nothing to read (its only image missing, with no alt
	 * text) would have no name for a screen reader: it reads its address. */
	if (a && !a->children)
		epub_text(r->book, a, tree_attr(node, "href"));
}

static void epub_render_img(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	const char *alt = tree_attr(node, "alt");
	const char *href = epub_pack_image(r->book, tree_attr(node, "src"), tree_line(node));
	if (!href) {
		if (!alt || !*alt)
			return; /* a picture without words leaves no empty box */
		xmlNode *span = epub_el_text(r->book, out, "span", alt);
		epub_attr(r->book, span, "class", "missing-image");
		return;
	}
	xmlNode *img = epub_el(r->book, out, "img");
	epub_attr(r->book, img, "src", href);
	epub_attr(r->book, img, "alt", alt);
	if (!alt[strspn(alt, " \t\n")])
		r->book->images_without_alt++;
	const char *title = tree_attr(node, "title");
	if (title && *title)
		epub_attr(r->book, img, "title", title);
	char size[96];
	imagefile_size_style(tree_attr(node, "width"), tree_attr(node, "height"), size,
			     sizeof size);
	if (*size)
		epub_attr(r->book, img, "style", size);
}

static void epub_render_code(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	xmlChar *text = xmlNodeGetContent(node);
	if (!text)
		r->book->failed = 1;
	epub_el_text(r->book, out, "code", (const char *)text);
	xmlFree(text);
}

/* Inline raw HTML comes in pieces ("<b>", text, "</b>"): a lone opening tag
 * opens an element for the inlines after it, its closing tag closes it.
 * Returns where the next inline goes. */
static xmlNode *epub_render_inline_raw(struct epub_render *r, xmlNode *base, xmlNode *current,
				       const xmlNode *node)
{
	xmlChar *text = xmlNodeGetContent(node);
	if (!text) {
		r->book->failed = 1;
		return current;
	}
	r->line = tree_line(node);
	current = epub_raw_inline(r, base, current, (const char *)text);
	xmlFree(text);
	return current;
}

static void epub_render_inline(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	if (node->type == XML_TEXT_NODE) {
		epub_text(r->book, out, (const char *)node->content);
		return;
	}
	if (node->type != XML_ELEMENT_NODE)
		return;
	const char *name = (const char *)node->name;
	if (strcmp(name, "em") == 0 || strcmp(name, "strong") == 0 || strcmp(name, "del") == 0)
		epub_render_inlines(r, epub_el(r->book, out, name), node);
	else if (strcmp(name, "code") == 0)
		epub_render_code(r, out, node);
	else if (strcmp(name, "link") == 0)
		epub_render_link(r, out, node);
	else if (strcmp(name, "img") == 0)
		epub_render_img(r, out, node);
	else if (strcmp(name, "br") == 0)
		epub_el(r->book, out, "br");
	else if (strcmp(name, "softbreak") == 0)
		epub_text(r->book, out, "\n");
}

static void epub_render_inlines(struct epub_render *r, xmlNode *out, const xmlNode *parent)
{
	xmlNode *current = out;
	for (const xmlNode *node = parent ? parent->children : NULL; node; node = node->next) {
		if (tree_is(node, "raw"))
			current = epub_render_inline_raw(r, out, current, node);
		else
			epub_render_inline(r, current, node);
	}
}

/* --- blocks ----------------------------------------------------------------------- */

static void epub_render_p(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	epub_render_inlines(r, epub_el(r->book, out, "p"), node);
}

/* Tree headings keep their relative depth below the heading of what holds them. */
static void epub_render_heading(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	long level = strtol(tree_attr(node, "level"), NULL, 10) - r->section_level + 1;
	if (level < r->heading_floor)
		level = r->heading_floor;
	if (level > 6)
		level = 6;
	char name[4] = {'h', (char)('0' + level), '\0', '\0'};
	xmlNode *heading = epub_el(r->book, out, name);
	epub_attr(r->book, heading, "id", tree_attr(node, "id"));
	epub_render_inlines(r, heading, node);
}

/* A task item's box goes at the start of its first paragraph (or the item). */
static void task_marker(struct epub_render *r, xmlNode *item, const char *task)
{
	xmlNode *target = item->children && item->children->type == XML_ELEMENT_NODE &&
					  strcmp((const char *)item->children->name, "p") == 0
				  ? item->children
				  : item;
	xmlNode *box = xmlNewDocNode(item->doc, item->ns, (const xmlChar *)"span", NULL);
	xmlNode *mark = xmlNewDocText(item->doc, (const xmlChar *)(strcmp(task, "done") == 0
									    ? "\u2611 "
									    : "\u2610 "));
	if (!box || !mark) {
		xmlFreeNode(box);
		xmlFreeNode(mark);
		r->book->failed = 1;
		return;
	}
	xmlAddChild(box, mark);
	epub_attr(r->book, box, "class", strcmp(task, "done") == 0 ? "task done" : "task todo");
	epub_attr(r->book, box, "role", "img");
	epub_attr(r->book, box, "aria-label", strcmp(task, "done") == 0 ? "done: " : "to do: ");
	if (target->children)
		xmlAddPrevSibling(target->children, box);
	else
		xmlAddChild(target, box);
}

static void epub_render_item(struct epub_render *r, xmlNode *list, const xmlNode *node,
			     int tight)
{
	xmlNode *item = epub_el(r->book, list, "li");
	int texts = 0;
	for (xmlNode *child = tree_first(node); child; child = tree_next(child)) {
		if (tight && tree_is(child, "p")) {
			/* A tight list's paragraphs are the item's text, not <p>s. */
			if (texts++ > 0)
				epub_el(r->book, item, "br");
			epub_render_inlines(r, item, child);
		} else {
			epub_render_block(r, item, child);
		}
	}
	const char *task = tree_attr(node, "task");
	if (task && item)
		task_marker(r, item, task);
}

static void epub_render_list(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	int ordered = strcmp(tree_attr(node, "type"), "ordered") == 0;
	xmlNode *list = epub_el(r->book, out, ordered ? "ol" : "ul");
	const char *start = tree_attr(node, "start");
	if (ordered && start && strcmp(start, "1") != 0)
		epub_attr(r->book, list, "start", start);
	int tasks = 0;
	for (xmlNode *item = tree_first(node); item; item = tree_next(item))
		tasks |= tree_attr(item, "task") != NULL;
	if (tasks)
		epub_attr(r->book, list, "class", "tasks");
	int tight = strcmp(tree_attr(node, "tight"), "true") == 0;
	for (xmlNode *item = tree_first(node); item; item = tree_next(item))
		epub_render_item(r, list, item, tight);
}

/* Bytes [FROM, TO) of TEXT (a buffer of ours) as text in PARENT. */
static void epub_text_part(struct epub_render *r, xmlNode *parent, char *text, size_t from,
			   size_t to)
{
	char saved = text[to];
	text[to] = '\0';
	epub_text(r->book, parent, text + from);
	text[to] = saved;
}

/* Bytes [FROM, TO) of TEXT into PARENT, each token (KINDS, from the tree's
 * runs; NULL for none) as <span class="hl-KIND">, which code.css colours. */
/* "hl-KIND", the class of a token of kind INDEX (codetheme.h), made once. */
static const char *token_class(int index)
{
	static char classes[CODE_KINDS][24];
	if (!classes[index][0])
		snprintf(classes[index], sizeof classes[index], "hl-%s", code_kind_name(index));
	return classes[index];
}

static void epub_code_tokens(struct epub_render *r, xmlNode *parent, char *text, size_t from,
			     size_t to, const unsigned char *kinds)
{
	while (from < to) {
		size_t end = from + 1;
		while (kinds && end < to && kinds[end] == kinds[from])
			end++;
		if (!kinds)
			end = to;
		xmlNode *into = parent;
		if (kinds && kinds[from])
			into = epub_attr(r->book, epub_el(r->book, parent, "span"), "class",
					 token_class(kinds[from] - 1));
		epub_text_part(r, into, text, from, end);
		from = end;
	}
}

/* A drawing is one block whose lines never wrap: book.css sizes it to the
 * width by its widest line (--columns), or lets it scroll. Code is a block
 * per source line, so that a line that wraps hangs under its own text (its
 * --indent, the columns of space it starts with). The
 * text stays the tree's, newlines included, so it copies as it was. */
static void epub_render_code_run(struct epub_render *r, xmlNode *code, char *text,
				 const struct code_run *run, const unsigned char *kinds)
{
	if (run->diagram) {
		char style[48];
		snprintf(style, sizeof style, "--columns: %zu", run->columns);
		xmlNode *span = epub_attr(r->book, epub_el(r->book, code, "span"), "class", "diagram");
		epub_attr(r->book, span, "tabindex", "0"); /* it may scroll: reachable by keyboard */
		epub_text_part(r, epub_attr(r->book, span, "style", style), text, run->start, run->end);
		return;
	}
	for (size_t at = run->start; at < run->end;) {
		size_t len = code_line_length(text + at), indent = code_line_indent(text + at);
		xmlNode *line = epub_attr(r->book, epub_el(r->book, code, "span"), "class", "line");
		if (indent > 0) {
			char style[48];
			snprintf(style, sizeof style, "--indent: %zu", indent);
			epub_attr(r->book, line, "style", style);
		}
		epub_code_tokens(r, line, text, at, at + len, kinds);
		at += len;
	}
}

/* Code wraps and a drawing keeps its lines whole, run by run (coderuns.h):
 * the explanation around a diagram reads at the size of any other code. */
static void epub_render_codeblock(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	char *text = tree_code_text(node);
	if (!text) {
		r->book->failed = 1;
		return;
	}
	xmlNode *pre = epub_attr(r->book, epub_el(r->book, out, "pre"), "class", "code");
	if (lang_is_right_to_left(r->book->lang)) /* code reads left to right all the same */
		epub_attr(r->book, pre, "dir", "ltr");
	xmlNode *code = epub_el(r->book, pre, "code");
	const char *lang = tree_attr(node, "lang");
	if (lang && *lang && strlen(lang) < 40 &&
	    strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-") ==
		    strlen(lang)) {
		char class_name[64];
		snprintf(class_name, sizeof class_name, "language-%s", lang);
		epub_attr(r->book, code, "class", class_name);
	}
	/* The tree keeps the closing newline; inside <pre> it would add a blank line. */
	size_t len = strlen((const char *)text);
	unsigned char *kinds = tree_code_kinds(node, len);
	if (len > 0 && text[len - 1] == '\n')
		text[len - 1] = '\0';
	struct code_run run;
	for (size_t at = 0; code_run_next((const char *)text, at, &run); at = run.end)
		epub_render_code_run(r, code, (char *)text, &run, kinds);
	free(kinds);
	free(text);
}

static void epub_render_quote(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	epub_render_blocks(r, epub_el(r->book, out, "blockquote"), node);
}

/* A callout is an aside a screen reader announces as a note; its label
 * word ("Warning") says the kind, the class gives it its colour. */
static void epub_render_callout(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	const char *kind = tree_attr(node, "kind");
	char class_name[48];
	snprintf(class_name, sizeof class_name, "callout callout-%s", kind);
	xmlNode *aside = epub_attr(r->book, epub_el(r->book, out, "aside"), "class", class_name);
	epub_attr(r->book, aside, "role", "note");
	xmlNode *label = epub_attr(r->book, epub_el(r->book, aside, "p"), "class", "callout-label");
	epub_attr(r->book, epub_el_text(r->book, label, "span", word_callout(r->book->lang, kind)),
		  "class", "callout-kind");
	const xmlNode *title = tree_child(node, "title");
	if (title) {
		epub_text(r->book, label, " \u00B7 ");
		epub_render_inlines(r, label, title);
	}
	epub_render_blocks(r, aside, node);
}

static void epub_render_details(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	xmlNode *details = epub_el(r->book, out, "details");
	epub_render_inlines(r, epub_el(r->book, details, "summary"), tree_child(node, "summary"));
	epub_render_blocks(r, details, node);
}

static void epub_render_cell(struct epub_render *r, xmlNode *row, const xmlNode *node,
			     int header)
{
	xmlNode *cell = epub_el(r->book, row, header ? "th" : "td");
	const char *align = tree_attr(node, "align");
	if (align) {
		char class_name[32];
		snprintf(class_name, sizeof class_name, "align-%s", align);
		epub_attr(r->book, cell, "class", class_name);
	}
	epub_render_inlines(r, cell, node);
}

/* Header rows go in <thead>; the table sits in a box that scrolls sideways on
 * a screen narrower than the table, which a keyboard reaches (tabindex): a
 * box that scrolls must be, for a reader who has no mouse (WCAG 2.1.1). */
static void epub_render_table(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	xmlNode *wrap = epub_attr(r->book, epub_el(r->book, out, "div"), "class", "table");
	epub_attr(r->book, wrap, "tabindex", "0");
	xmlNode *table = epub_el(r->book, wrap, "table");
	xmlNode *head = NULL, *body = NULL;
	for (xmlNode *row = tree_first(node); row; row = tree_next(row)) {
		int header = tree_attr(row, "header") != NULL && !body;
		xmlNode **group = header ? &head : &body;
		if (!*group)
			*group = epub_el(r->book, table, header ? "thead" : "tbody");
		xmlNode *tr = epub_el(r->book, *group, "tr");
		for (xmlNode *cell = tree_first(row); cell; cell = tree_next(cell))
			epub_render_cell(r, tr, cell, tree_attr(row, "header") != NULL);
	}
}

static void epub_render_hr(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	(void)node;
	epub_el(r->book, out, "hr");
}

static void card_label(struct epub_render *r, xmlNode *part, const char *label)
{
	epub_attr(r->book, epub_el_text(r->book, part, "p", label), "class", "label");
}

/* A question: an anchored heading, why they ask, the answer, and (in drill
 * mode) a link back to the question list. */
static void epub_render_card(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	struct epub_book *book = r->book;
	const char *id = tree_attr(node, "id");
	xmlNode *card = epub_attr(book, epub_el(book, out, "section"), "class", "card");
	xmlNode *heading = epub_attr(book, epub_el(book, card, "h2"), "id", id);
	epub_attr(book, heading, "class", "question");
	const char *number = tree_attr(node, "number");
	if (number) {
		char text[32];
		snprintf(text, sizeof text, "Q%s. ", number);
		epub_attr(book, epub_el_text(book, heading, "span", text), "class", "number");
	}
	epub_render_inlines(r, heading, tree_child(node, "question"));
	struct epub_render inner = *r;
	inner.heading_floor = 3;
	const xmlNode *prompt = tree_child(node, "prompt");
	if (prompt) /* the code it asks about, the options to choose from */
		epub_render_blocks(&inner, epub_attr(book, epub_el(book, card, "div"), "class",
						     "prompt"), prompt);
	const xmlNode *why = tree_child(node, "why");
	if (why) {
		xmlNode *part = epub_attr(book, epub_el(book, card, "div"), "class", "why");
		const char *why_label = tree_attr(why, "label");
		card_label(r, part, why_label && *why_label ? why_label : word_in(book->lang, WORD_WHY));
		epub_render_blocks(&inner, part, why);
	}
	const xmlNode *answer = tree_child(node, "answer");
	xmlNode *part = epub_attr(book, epub_el(book, card, "div"), "class", "answer");
	const char *label = tree_attr(answer, "label");
	card_label(r, part, label && *label ? label : word_in(book->lang, WORD_ANSWER));
	epub_render_blocks(&inner, part, answer);
	if (book->drill) {
		char *href = epub_join(book, "questions.xhtml#drill-", id);
		xmlNode *back = epub_attr(book, epub_el(book, card, "p"), "class", "back");
		if (href)
			epub_attr(book, epub_el_text(book, back, "a",
						       word_in(book->lang, WORD_BACK_TO_QUESTIONS)),
				  "href", href);
		free(href);
	}
}

static void epub_render_block(struct epub_render *r, xmlNode *out, const xmlNode *node)
{
	static const struct {
		const char *name;
		void (*render)(struct epub_render *, xmlNode *, const xmlNode *);
	} BLOCKS[] = {
		{"p", epub_render_p},         {"heading", epub_render_heading},
		{"list", epub_render_list},   {"codeblock", epub_render_codeblock},
		{"quote", epub_render_quote}, {"table", epub_render_table},
		{"hr", epub_render_hr},       {"raw", epub_render_raw},
		{"card", epub_render_card},   {"callout", epub_render_callout},
		{"details", epub_render_details},
	};
	for (size_t i = 0; i < sizeof BLOCKS / sizeof BLOCKS[0]; i++) {
		if (tree_is(node, BLOCKS[i].name)) {
			BLOCKS[i].render(r, out, node);
			epub_text(r->book, out, "\n");
			return;
		}
	}
}

/* The blocks (and cards) among PARENT's children; a title is not one. */
static void epub_render_blocks(struct epub_render *r, xmlNode *out, const xmlNode *parent)
{
	for (xmlNode *node = tree_first(parent); node; node = tree_next(node))
		epub_render_block(r, out, node);
}

/* --- documents -------------------------------------------------------------------- */

static int epub_render_title_page(struct epub_book *book)
{
	xmlDocPtr doc = NULL;
	xmlNode *body = epub_xhtml_new(book, &doc, book->title);
	if (!body)
		book->failed = 1;
	struct epub_render r = {book, "title.xhtml", 2, 1, 0, 0};
	const xmlNode *meta = tree_child(book->guide, "meta");
	xmlNode *page = epub_attr(book, epub_el(book, body, "section"), "class", "titlepage");
	epub_set_type(book, page, "titlepage");
	epub_render_inlines(&r, epub_attr(book, epub_el(book, page, "h1"), "class", "title"),
			    tree_child(meta, "title"));
	const xmlNode *subtitle = tree_child(meta, "subtitle");
	if (subtitle)
		epub_render_inlines(
			&r, epub_attr(book, epub_el(book, page, "p"), "class", "subtitle"), subtitle);
	if (book->author)
		epub_attr(book, epub_el_text(book, page, "p", book->author), "class", "author");
	const xmlNode *intro = tree_child(book->guide, "intro");
	if (intro) {
		xmlNode *section = epub_attr(book, epub_el(book, body, "section"), "class", "intro");
		epub_set_type(book, section, "preface");
		epub_render_blocks(&r, section, intro);
	}
	return epub_add_xhtml(book, doc, "title.xhtml", "title-page") ? 0 : -1;
}

static int epub_render_section(struct epub_book *book, const struct epub_chapter *chapter)
{
	xmlDocPtr doc = NULL;
	xmlNode *body = epub_xhtml_new(book, &doc, chapter->title);
	if (!body)
		book->failed = 1;
	const xmlNode *node = chapter->section;
	struct epub_render r = {book, chapter->href, 2,
				(int)strtol(tree_attr(node, "level"), NULL, 10), 0, 0};
	xmlNode *section = epub_attr(book, epub_el(book, body, "section"), "id",
				     tree_attr(node, "id"));
	epub_attr(book, section, "class", tree_attr(node, "kind"));
	epub_set_type(book, section, "chapter");
	epub_render_inlines(&r, epub_el(book, section, "h1"), tree_child(node, "title"));
	epub_text(book, section, "\n");
	epub_render_blocks(&r, section, node);
	char id[32];
	snprintf(id, sizeof id, "chapter-%zu", (size_t)(chapter - book->chapters) + 1);
	return epub_add_xhtml(book, doc, chapter->href, id) ? 0 : -1;
}

/* The drill chapter: every question, each a link to its answer (the answers
 * link back), so a reader can test themselves. */
static void drill_section(struct epub_book *book, xmlNode *out, const struct epub_chapter *chapter)
{
	struct epub_render r = {book, "questions.xhtml", 2, 1, 1, 0};
	xmlNode *list = NULL;
	for (xmlNode *card = tree_first(chapter->section); card; card = tree_next(card)) {
		if (!tree_is(card, "card"))
			continue;
		if (!list) {
			epub_render_inlines(&r, epub_el(book, out, "h2"),
					    tree_child(chapter->section, "title"));
			list = epub_attr(book, epub_el(book, out, "ol"), "class", "drill");
		}
		const char *id = tree_attr(card, "id");
		char *drill_id = epub_join(book, "drill-", id);
		epub_text(book, list, "\n");
		xmlNode *item = epub_el(book, list, "li");
		if (drill_id)
			epub_attr(book, item, "id", drill_id);
		free(drill_id);
		char *href = epub_target_href(&r, id);
		xmlNode *a = epub_attr(book, epub_el(book, item, "a"), "href", href ? href : "#");
		free(href);
		const char *number = tree_attr(card, "number");
		if (number) {
			char text[32];
			snprintf(text, sizeof text, "Q%s. ", number);
			epub_attr(book, epub_el_text(book, a, "span", text), "class", "number");
		}
		epub_render_inlines(&r, a, tree_child(card, "question"));
	}
}

static int epub_render_drill(struct epub_book *book)
{
	xmlDocPtr doc = NULL;
	const char *questions = word_in(book->lang, WORD_QUESTIONS);
	xmlNode *body = epub_xhtml_new(book, &doc, questions);
	if (!body)
		book->failed = 1;
	xmlNode *section = epub_attr(book, epub_el(book, body, "section"), "id", "questions");
	epub_attr(book, section, "class", "drill");
	epub_set_type(book, section, "chapter");
	epub_el_text(book, section, "h1", questions);
	epub_attr(book, epub_el_text(book, section, "p", word_in(book->lang, WORD_TEST_YOURSELF)),
		  "class", "drill-note");
	for (size_t i = 0; i < book->chapter_count; i++)
		drill_section(book, section, &book->chapters[i]);
	return epub_add_xhtml(book, doc, "questions.xhtml", "questions") ? 0 : -1;
}

static void epub_render_toc_extras(struct epub_book *book, xmlNode *body, const xmlNode *toc)
{
	struct epub_render r = {book, "nav.xhtml", 2, 1, 0, 0};
	for (xmlNode *node = tree_first(toc); node; node = tree_next(node))
		if (!tree_is(node, "title") && !tree_is(node, "list"))
			epub_render_block(&r, body, node);
}

/* --- planning: which file each id lands in ------------------------------------------ */

static int map_ids(struct epub_book *book, const xmlNode *node, const char *href)
{
	for (xmlNode *child = tree_first(node); child; child = tree_next(child)) {
		const char *id = tree_attr(child, "id");
		if (id) {
			struct strmap_entry *entry = strmap_insert(&book->targets, id);
			if (!entry)
				return -1;
			entry->value = (void *)href;
		}
		if (map_ids(book, child, href) != 0)
			return -1;
	}
	return 0;
}

static int plan_chapters(struct epub_book *book)
{
	size_t count = 0;
	for (xmlNode *node = tree_first(book->guide); node; node = tree_next(node))
		count += tree_is(node, "section");
	book->chapters = calloc(count ? count : 1, sizeof *book->chapters);
	if (!book->chapters)
		return -1;
	for (xmlNode *node = tree_first(book->guide); node; node = tree_next(node)) {
		if (tree_is(node, "intro") && map_ids(book, node, "title.xhtml") != 0)
			return -1;
		if (tree_is(node, "toc")) {
			struct strmap_entry *entry = strmap_insert(&book->targets, tree_attr(node, "id"));
			if (!entry || map_ids(book, node, "nav.xhtml") != 0)
				return -1;
			entry->value = (void *)"nav.xhtml";
		}
		if (!tree_is(node, "section"))
			continue;
		struct epub_chapter *chapter = &book->chapters[book->chapter_count++];
		chapter->section = node;
		chapter->href = malloc(48);
		chapter->title = tree_plain_text(tree_child(node, "title"));
		if (!chapter->href || !chapter->title)
			return -1;
		snprintf(chapter->href, 48, "section-%zu.xhtml", book->chapter_count);
		if (strspn(chapter->title, " \t\n") == strlen(chapter->title)) {
			/* A heading of only an image or markup: readers need a name. */
			free(chapter->title);
			chapter->title = malloc(48);
			if (!chapter->title)
				return -1;
			snprintf(chapter->title, 48, "Section %zu", book->chapter_count);
		}
		struct strmap_entry *entry = strmap_insert(&book->targets, tree_attr(node, "id"));
		if (!entry)
			return -1;
		entry->value = chapter->href;
		if (map_ids(book, node, chapter->href) != 0)
			return -1;
	}
	return 0;
}

/* --- the book ------------------------------------------------------------------------ */

static int render_book(struct epub_book *book)
{
	if (plan_chapters(book) != 0 || epub_add_styles(book) != 0 || epub_embed_font(book) != 0 ||
	    epub_write_cover(book) != 0 || epub_render_title_page(book) != 0 ||
	    epub_write_nav(book, epub_render_toc_extras) != 0)
		return -1;
	for (size_t i = 0; i < book->chapter_count; i++)
		if (epub_render_section(book, &book->chapters[i]) != 0)
			return -1;
	if (book->drill && epub_render_drill(book) != 0)
		return -1;
	return epub_write_ncx(book);
}

/* The build date (tools/lib/builddate.c says which), for dcterms:modified
 * and the zip entries. */
static int book_date(struct epub_book *book, const char *input)
{
	long long seconds = 0;
	if (builddate_of(book->tree, input, &seconds) != 0)
		return -1;
	book->epoch = (time_t)seconds;
	return builddate_iso(seconds, book->modified);
}

/* Images are read from --images DIR, else from the folder of the tree file. */
static int book_image_dir(struct epub_book *book, const struct options *opt)
{
	return imagefile_folder(&book->images_from, opt->images, opt->input);
}

static int book_metadata(struct epub_book *book, const struct options *opt)
{
	const xmlNode *meta = tree_child(book->guide, "meta");
	const xmlNode *subtitle = tree_child(meta, "subtitle");
	const xmlNode *author = tree_child(meta, "author");
	book->source = tree_source(book->tree);
	book->lang = opt->lang ? opt->lang : tree_attr(book->guide, "lang");
	book->title = tree_plain_text(tree_child(meta, "title"));
	book->subtitle = subtitle ? tree_plain_text(subtitle) : NULL;
	book->author = opt->author ? strdup(opt->author) : author ? tree_plain_text(author) : NULL;
	if (!book->title || (subtitle && !book->subtitle) || ((opt->author || author) && !book->author))
		return -1;
	if (!*book->title) {
		free(book->title);
		book->title = strdup("Untitled guide");
		if (!book->title)
			return -1;
	}
	if (book->author && !*book->author) {
		free(book->author);
		book->author = NULL;
	}
	epub_make_identifier(book);
	return 0;
}

static void book_free(struct epub_book *book)
{
	for (size_t i = 0; i < book->file_count; i++) {
		free(book->files[i].href);
		free(book->files[i].id);
		free(book->files[i].data);
	}
	free(book->files);
	for (size_t i = 0; i < book->chapter_count; i++) {
		free(book->chapters[i].href);
		free(book->chapters[i].title);
	}
	free(book->chapters);
	for (size_t i = 0; i < book->images.cap; i++)
		if (book->images.entries[i].key)
			free(book->images.entries[i].value);
	strmap_free(&book->images);
	strmap_free(&book->targets);
	free(book->title);
	free(book->subtitle);
	free(book->author);
	imagefile_folder_free(&book->images_from);
	xmlFreeDoc(book->tree);
}

/* --- command line ---------------------------------------------------------------------- */

static void usage(FILE *to)
{
	fprintf(to,
		"usage: guide2epub -o BOOK.epub [--styles DIR] [--lang LANG] [--author NAME]\n"
		"                  [--images DIR] [--no-drill] [--time-limit S] [TREE.xml]\n"
		"Writes an EPUB 3 book from a guide tree (standard input when no TREE).\n"
		"  -o, --output FILE  the book to write (required: a zip cannot stream)\n"
		"      --styles DIR   read book.css from DIR when it is there\n"
		"      --lang LANG    the book's language (default: the tree's)\n"
		"      --author NAME  the book's creator (default: the guide's author)\n"
		"      --images DIR   the guide's folder, images are read from (default: the\n"
		"                     tree's folder); nothing outside it is read\n"
		"      --no-drill     leave out the \"Questions\" chapter\n"
		TIMELIMIT_USAGE
		"  -h, --help         show this help\n"
		"  -V, --version      show the version\n"
		"Exit status: 0 ok, 1 error in the input, 2 usage or system error.\n");
}

/* Returns -1 to go on, or the exit status. */
static int parse_options(int argc, char **argv, struct options *opt)
{
	static const struct option longs[] = {
		{"output", required_argument, NULL, 'o'}, {"styles", required_argument, NULL, 's'},
		{"lang", required_argument, NULL, 'l'},   {"author", required_argument, NULL, 'a'},
		{"images", required_argument, NULL, 'i'}, {"no-drill", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
		{"time-limit", required_argument, NULL, 'T'}, {NULL, 0, NULL, 0},
	};
	memset(opt, 0, sizeof *opt);
	opt->drill = 1;
	int c;
	while ((c = cli_getopt(argc, argv, "o:hV", longs)) != -1) {
		switch (c) {
		case 'o': opt->output = optarg; break;
		case 's': opt->styles = optarg; break;
		case 'l': opt->lang = optarg; break;
		case 'a': opt->author = optarg; break;
		case 'i': opt->images = optarg; break;
		case 'n': opt->drill = 0; break;
		case 'T': opt->time_limit = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'V': printf("guide2epub %s\n", GUIDE2EPUB_VERSION); return EXIT_OK;
		default: return EXIT_SYSTEM; /* reported by cli_getopt */
		}
	}
	if (argc - optind > 1) {
		cli_usage_error("one input file at most");
		return EXIT_SYSTEM;
	}
	if (opt->lang && !lang_valid(opt->lang)) {
		diag_fatal("'%s' is not a language tag such as en or pt-BR", opt->lang);
		return EXIT_SYSTEM;
	}
	if (!opt->output || strcmp(opt->output, "-") == 0) {
		diag_fatal("give the book's file name with -o BOOK.epub (a zip cannot go to "
			   "standard output)");
		return EXIT_SYSTEM;
	}
	opt->input = optind < argc ? argv[optind] : NULL;
	return -1;
}

int main(int argc, char **argv)
{
	diag_set_program("guide2epub");
	struct options opt;
	int status = parse_options(argc, argv, &opt);
	if (status >= 0)
		return status;
	if (timelimit_arm(opt.input, opt.time_limit) != 0)
		return EXIT_SYSTEM;
	/* libzip writes zip timestamps in local time: make that UTC, so the bytes do
	 * not depend on the machine's time zone. */
	setenv("TZ", "UTC", 1);
	tzset();
	struct epub_book book;
	memset(&book, 0, sizeof book);
	book.styles_dir = opt.styles;
	book.drill = opt.drill;
	strmap_init(&book.targets);
	strmap_init(&book.images);
	book.tree = tree_load(opt.input, &status);
	if (!book.tree)
		return status;
	book.guide = xmlDocGetRootElement(book.tree);
	/* The output first: a path that cannot be written fails before any work. */
	struct atomic_file out;
	status = EXIT_OK;
	if (atomic_open_path(&out, opt.output) != 0) {
		book_free(&book);
		return EXIT_SYSTEM;
	}
	if (book_date(&book, opt.input) != 0 || book_image_dir(&book, &opt) != 0) {
		atomic_abort(&out);
		status = EXIT_SYSTEM;
	} else if (book_metadata(&book, &opt) != 0 || render_book(&book) != 0 || book.failed) {
		/* A limit of the book is the input's fault; anything else, memory. */
		status = diag_error_count() ? EXIT_INPUT : EXIT_SYSTEM;
		if (diag_error_count() == 0)
			diag_fatal("out of memory while making the book");
		atomic_abort(&out);
	} else if (epub_write_container(&book, &out) != 0) {
		status = EXIT_SYSTEM;
	}
	book_free(&book);
	return status;
}
