/* blocks.c: the prose blocks: paragraphs, headings, rules, quotes, lists.
 *
 * Owns: one pdf_render_ELEMENT() per block element and the dispatch over
 * them (pdf_render_block), the side rules and indents of quotes and "why"
 * (block_push_rule), list markers, and keeping a heading, or a paragraph
 * ending in a colon, with the start of what follows it (block_place_heading,
 * block_lead_height). Never: writes
 * to the page directly: lines go through flow.c and page.c; and never
 * nests without bound (MAX_DEPTH), since a hand-written tree may nest
 * lists and quotes as deep as it likes. */
#include "guide2pdf/handout.h"

#include "diag.h"
#include "tree.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64             /* nesting of lists and quotes */
#define MIN_COLUMN 120.0         /* points: deeper nesting stops indenting */
#define MAX_LIST_START 999999999999999999LL /* 18 digits: its items' numbers fit a long */

/* An answer's label: its line and the 2 pt card.c sets above and below it. */
#define ANSWER_LABEL(line) ((line) + 4)

static double measure_lead(struct render *r, const xmlNode *node);

/* A paragraph's inline content as text, with the pending label first. */
static int paragraph_text(struct render *r, const xmlNode *node, struct pdf_text *text)
{
	inline_start(r, text, tree_line(node));
	struct pdf_style style = inline_base_style(r);
	r->image_count = 0;
	if (r->prefix) {
		struct pdf_style label = style;
		label.face = face_bold(style.face);
		if (inline_append(r, text, &label, r->prefix) != 0 ||
		    inline_append(r, text, &label, " ") != 0)
			return -1;
		r->prefix = NULL;
	}
	int collect = r->collect_images;
	r->collect_images = 1;
	int status = inline_collect(r, text, node, style);
	if (status == 0)
		status = inline_mark_languages(r, text);
	r->collect_images = collect;
	r->after_image = 0;
	return status;
}

/* The height a paragraph ending in a colon keeps below its last line: the
 * gap and the start of the code block, diagram, list or table it introduces
 * ("DEPLOYMENT ARCHITECTURE:" above its drawing), which must not be left at
 * the foot of a page without it. 0 for any other paragraph. */
static double introduced_height(struct render *r, const xmlNode *node, const struct pdf_text *text)
{
	static const char *const BLOCKS[] = {"codeblock", "raw", "list", "table"};
	size_t n = text->count;
	while (n > 0 && text->glyphs[n - 1].cp == ' ')
		n--;
	if (n == 0 || (text->glyphs[n - 1].cp != ':' && text->glyphs[n - 1].cp != 0xFF1A))
		return 0;
	const xmlNode *next = tree_next(node);
	for (size_t i = 0; next && i < sizeof BLOCKS / sizeof BLOCKS[0]; i++)
		if (tree_is(next, BLOCKS[i]))
			return (r->tight ? 1.5 : r->pdf.set.paragraph_gap) +
			       block_lead_height(r, next);
	return 0;
}

/* A paragraph or heading whose text starts right to left is set from the
 * right margin (flow_draw_lines's 2); one in a list or a quote, indented
 * beside its marker or rule on the left, stays beside them. */
static int start_align(const struct render *r, const struct pdf_text *text)
{
	return r->pdf.left == r->pdf.set.margin_left && bidi_starts_rtl(text) ? 2 : 0;
}

static int pdf_render_p(struct render *r, const xmlNode *node)
{
	struct pdf_text text;
	struct pdf_lines lines = {0};
	int status = paragraph_text(r, node, &text);
	if (status == 0)
		status = text_break(&text, flow_width(r), flow_width(r), &lines);
	/* A paragraph with images keeps nothing: they come between it and the
	 * block after it. */
	double after = status == 0 && r->image_count == 0 ? introduced_height(r, node, &text) : 0;
	if (status == 0)
		status = flow_place_kept(r, &text, &lines, r->pdf.left, start_align(r, &text), after);
	/* A paragraph's images follow its text, each whole: no line grows to
	 * an image's height. */
	if (status == 0)
		status = pdf_render_images(r, tree_line(node), lines.count > 0);
	lines_free(&lines);
	text_free(&text);
	if (status == 0)
		flow_gap(r, r->tight ? 1.5 : r->pdf.set.paragraph_gap);
	return status;
}

/* The height the start of NODE needs on the page of a heading before it. */
/* Measuring lays text out again, quietly: its warnings come once, when it
 * is drawn. */
double block_lead_height(struct render *r, const xmlNode *node)
{
	int measuring = r->measuring;
	r->measuring = 1;
	double height = measure_lead(r, node);
	r->measuring = measuring;
	return height;
}

static double measure_lead(struct render *r, const xmlNode *node)
{
	double body = r->pdf.set.body_size * r->pdf.set.line_spacing;
	if (!node)
		return 0;
	if (tree_is(node, "codeblock"))
		return code_lead_height(r, node);
	if (tree_is(node, "p")) {
		/* Laid out for real, since its lines' heights depend on its fonts;
		 * the pending label is put back for the paragraph itself. */
		struct pdf_text text;
		struct pdf_lines lines = {0};
		double height = KEEP_LINES * body;
		const char *saved = r->prefix;
		if (paragraph_text(r, node, &text) == 0 &&
		    text_break(&text, flow_width(r), flow_width(r), &lines) == 0)
			height = flow_lines_height(
				r, &lines, 0, lines.count < KEEP_LINES ? lines.count : KEEP_LINES);
		if (lines.count < KEEP_LINES) /* the first images below a short text */
			height += image_lead_height(r, tree_line(node));
		r->prefix = saved;
		lines_free(&lines);
		text_free(&text);
		return height;
	}
	if (tree_is(node, "card")) {
		/* Under its question: the reason, the answer's label and its start. */
		const xmlNode *why = tree_child(node, "why");
		const xmlNode *answer = tree_child(node, "answer");
		double label = tree_attr(answer, "label") ? ANSWER_LABEL(body) : 0;
		return (why ? measure_lead(r, why) : 0) + label + measure_lead(r, tree_first(answer));
	}
	if (tree_is(node, "answer"))
		return measure_lead(r, tree_first(node)) + ANSWER_LABEL(body);
	if (tree_is(node, "why") || tree_is(node, "quote"))
		return measure_lead(r, tree_first(node)) + body;
	if (tree_is(node, "table")) /* about a header row and a row, unmeasured */
		return 4 * body;
	return KEEP_LINES * body;
}

/* A heading-like line: breaks a page first unless it and the start of NEXT fit. */
int block_place_heading(struct render *r, struct pdf_text *text, double before, double after,
			const xmlNode *next, const char *anchor)
{
	struct pdf_lines lines = {0};
	if (text_break(text, flow_width(r), flow_width(r), &lines) != 0 ||
	    flow_fits_page(r, text, &lines) != 0) {
		lines_free(&lines);
		return -1;
	}
	double need = before + flow_lines_height(r, &lines, 0, lines.count) + after +
		      block_lead_height(r, next);
	int status = page_need(&r->pdf, need);
	if (status == 0) {
		flow_gap(r, before);
		if (anchor)
			status = nav_anchor(&r->pdf, anchor);
	}
	if (status == 0)
		status = flow_draw_lines(r, text, &lines, 0, lines.count, r->pdf.left,
					 start_align(r, text));
	r->pdf.y -= after;
	lines_free(&lines);
	return status;
}

/* The heading's rank in the structure: the first heading in a section is
 * H2 (H3 in a card, under its question), and a deeper level one rank more,
 * whatever levels the guide skipped, so that no rank is skipped. */
static const char *heading_tag(struct render *r, int level)
{
	static const char *const TAGS[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
	while (r->heading_depth > 0 && r->heading_levels[r->heading_depth - 1] >= level)
		r->heading_depth--;
	if (r->heading_depth < 6)
		r->heading_levels[r->heading_depth++] = level;
	int rank = r->heading_base + r->heading_depth - 1;
	return TAGS[rank < 1 ? 0 : rank > 6 ? 5 : rank - 1];
}

static int pdf_render_heading(struct render *r, const xmlNode *node)
{
	int level = atoi(tree_attr(node, "level"));
	tags_open(&r->pdf.tags, heading_tag(r, level));
	int slot = level <= 2 ? 1 : level == 3 ? 2 : 3;
	struct pdf_text text;
	inline_start(r, &text, tree_line(node));
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[slot], .color = r->pdf.set.heading};
	int status = inline_collect(r, &text, node, style);
	if (status == 0)
		status = inline_mark_languages(r, &text);
	if (status == 0)
		status = block_place_heading(r, &text, r->pdf.set.paragraph_gap, 3, tree_next(node),
					     tree_attr(node, "id"));
	text_free(&text);
	tags_close(&r->pdf.tags);
	return status;
}

/* A thematic break: a short centred rule in 12 pt of its own, read as a
 * pause in the text rather than a border. */
static int pdf_render_hr(struct render *r, const xmlNode *node)
{
	(void)node;
	if (page_need(&r->pdf, 12) != 0)
		return -1;
	double y = r->pdf.y - 6;
	page_stroke_line(&r->pdf, r->pdf.left + flow_width(r) * 0.25, y,
			 r->pdf.right - flow_width(r) * 0.25, y, 0.6, r->pdf.set.rule);
	r->pdf.y -= 12;
	r->pdf.at_top = 0;
	return 0;
}

/* Indents the column by INDENT behind a side rule. When the rules or the
 * column run out, the content goes on unindented: returns 0 then, and
 * pop_rule must be given the same 0. Returns the indent used. */
double block_push_rule(struct render *r, double indent, struct pdf_color color)
{
	if (r->pdf.rule_count >= PDF_MAX_RULES || flow_width(r) - indent < MIN_COLUMN)
		return 0;
	r->pdf.rules[r->pdf.rule_count].x = r->pdf.left + 2;
	r->pdf.rules[r->pdf.rule_count].color = color;
	r->pdf.rule_count++;
	r->pdf.left += indent;
	return indent;
}

void block_pop_rule(struct render *r, double indent)
{
	if (indent > 0) {
		r->pdf.rule_count--;
		r->pdf.left -= indent;
	}
}

static int pdf_render_quote(struct render *r, const xmlNode *node)
{
	if (r->depth >= MAX_DEPTH) {
		diag_error(r->pdf.source, tree_line(node), "quotes nested too deeply");
		return -1;
	}
	r->depth++;
	double indent = block_push_rule(r, r->pdf.set.body_size * 1.4, r->pdf.set.rule);
	enum pdf_face face = r->base_face;
	struct pdf_color color = r->base_color;
	r->base_color = r->pdf.set.muted;
	int status = pdf_render_blocks(r, node);
	r->base_face = face;
	r->base_color = color;
	block_pop_rule(r, indent);
	r->depth--;
	return status;
}

/* The marker of ITEM: its number in the list's delimiter, or a bullet that
 * changes with the depth (•, ◦, ▪) so that nested lists read apart, and a
 * task's box (☐, ☑) after it. */
static int list_marker(struct render *r, const xmlNode *list, const xmlNode *item, long number,
		       int depth, struct pdf_text *marker)
{
	static const char *const BULLETS[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};
	char label[48];
	const char *task = tree_attr(item, "task");
	int ordered = strcmp(tree_attr(list, "type"), "ordered") == 0;
	const char *delim = tree_attr(list, "delim");
	if (ordered)
		snprintf(label, sizeof label, "%ld%s", number,
			 delim && strcmp(delim, "paren") == 0 ? ")" : ".");
	else if (!task) /* a task's box is its bullet */
		snprintf(label, sizeof label, "%s", BULLETS[depth % 3]);
	else
		label[0] = '\0';
	struct pdf_style style = inline_base_style(r);
	if (task)
		strcat(label, strcmp(task, "done") == 0 ? "\xE2\x98\x91" : "\xE2\x98\x90");
	return inline_append(r, marker, &style, label);
}

static int pdf_render_item(struct render *r, const xmlNode *list, const xmlNode *item,
			   long number, int depth)
{
	struct pdf_text marker;
	inline_start(r, &marker, tree_line(item));
	int status = list_marker(r, list, item, number, depth, &marker);
	tags_open(&r->pdf.tags, "LI");
	r->pdf.marker_elem = tags_open(&r->pdf.tags, "Lbl");
	tags_close(&r->pdf.tags);
	tags_open(&r->pdf.tags, "LBody");
	if (status == 0) {
		double width = text_width(&marker, 0, marker.count);
		r->pdf.marker = &marker;
		/* Right-aligned against the text, never left of the page's margin. */
		r->pdf.marker_x = fmax(r->pdf.set.margin_left, r->pdf.left - width - 4);
		if (tree_first(item))
			status = pdf_render_blocks(r, item);
		else { /* an empty item still shows its marker, on a line of its own */
			struct pdf_line line = {.ascent = r->base_size};
			status = flow_place_lines(r, &marker, &(struct pdf_lines){&line, 0, 0}, 0, 0);
			if (status == 0)
				status = page_draw_line(&r->pdf, &marker, &line, r->pdf.left,
							flow_line_height(r, &line));
		}
	}
	r->pdf.marker = NULL;
	tags_close(&r->pdf.tags);
	tags_close(&r->pdf.tags);
	text_free(&marker);
	return status;
}

/* The number of the list's first item. The schema lets any non-negative
 * integer in; past MAX_LIST_START (md2guide writes nine digits at most, as
 * CommonMark allows) the numbers of the items would overflow, so a
 * hand-written tree with one is refused. */
static int list_start(struct render *r, const xmlNode *list, long *start)
{
	const char *text = tree_attr(list, "start");
	*start = 1;
	if (!text)
		return 0;
	errno = 0;
	long long value = strtoll(text, NULL, 10);
	if (errno == ERANGE || value < 0 || value > MAX_LIST_START) {
		diag_error(r->pdf.source, tree_line(list),
			   "list start '%.40s' is out of range (0 to %lld); fix the tree", text,
			   MAX_LIST_START);
		return -1;
	}
	*start = (long)value;
	return 0;
}

static int pdf_render_list(struct render *r, const xmlNode *node)
{
	if (r->depth >= MAX_DEPTH) {
		diag_error(r->pdf.source, tree_line(node), "lists nested too deeply");
		return -1;
	}
	long number;
	if (list_start(r, node, &number) != 0)
		return -1;
	/* Room for the widest number (digits are 0.64 em in DejaVu Sans) and at
	 * least 1.8 em, a bullet and its space; none once the column is narrow. */
	long last = number + (long)xmlChildElementCount((xmlNode *)node);
	int digits = 1;
	for (; last >= 10; last /= 10)
		digits++;
	double indent = r->base_size * fmax(1.8, 0.64 * digits + 1.0);
	if (flow_width(r) - indent < MIN_COLUMN)
		indent = 0;
	int depth = r->depth++;
	int tight = r->tight; /* of the list around this one, restored after */
	r->tight = strcmp(tree_attr(node, "tight"), "true") == 0;
	r->pdf.left += indent;
	int status = 0;
	for (const xmlNode *item = tree_first(node); status == 0 && item; item = tree_next(item))
		status = pdf_render_item(r, node, item, number++, depth);
	r->pdf.left -= indent;
	r->tight = tight;
	r->depth--;
	if (status == 0 && !r->tight)
		flow_gap(r, r->pdf.set.paragraph_gap * 0.5);
	return status;
}

/* Every block element and the module that draws it: the tree's schema
 * (tools/guide.rng) has no other block, and a card may stand among them. */
/* Each with its element in the PDF's structure (NULL: the module makes its
 * own, or none: a rule is furniture). Code is a Code element in a P. */
static const struct {
	const char *name;
	int (*render)(struct render *r, const xmlNode *node);
	const char *tag;
} BLOCKS[] = {
	{"p", pdf_render_p, "P"},
	{"heading", pdf_render_heading, NULL},
	{"list", pdf_render_list, "L"},
	{"codeblock", pdf_render_codeblock, "P"}, /* code.c */
	{"quote", pdf_render_quote, "BlockQuote"},
	{"callout", pdf_render_callout, "Div"},   /* callout.c */
	{"details", pdf_render_details, "Div"},   /* callout.c */
	{"table", pdf_render_table, "Table"},     /* table.c */
	{"hr", pdf_render_hr, NULL},
	{"raw", pdf_render_raw, "P"},             /* code.c */
	{"card", pdf_render_card, "Div"},         /* card.c */
};

int pdf_render_block(struct render *r, const xmlNode *node)
{
	for (size_t i = 0; i < sizeof BLOCKS / sizeof BLOCKS[0]; i++) {
		if (!tree_is(node, BLOCKS[i].name))
			continue;
		if (BLOCKS[i].tag)
			tags_open(&r->pdf.tags, BLOCKS[i].tag);
		int status = BLOCKS[i].render(r, node);
		if (BLOCKS[i].tag)
			tags_close(&r->pdf.tags);
		return status;
	}
	return 0;
}

int pdf_render_blocks(struct render *r, const xmlNode *parent)
{
	for (const xmlNode *node = tree_first(parent); node; node = tree_next(node))
		if (pdf_render_block(r, node) != 0)
			return -1;
	return 0;
}
