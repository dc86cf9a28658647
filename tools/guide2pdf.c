/* guide2pdf: the guide tree as a printed handout (PDF, with libharu).
 *
 * Reads the guide tree (tools/guide.rng) and writes a PDF: title page, table
 * of contents with page numbers, every section and question card, an outline
 * with every question, links, running header and footer. --drill writes a
 * question sheet with ruled space for answers and the answers in an appendix.
 * One pdf_render_ELEMENT() per element of the tree; fonts, line breaking and
 * pages are in tools/guide2pdf/. The document is laid out twice (see page.c). */
#include "guide2pdf/handout.h"

#include "atomic.h"
#include "diag.h"
#include "imagefile.h"
#include "style.h"
#include "tree.h"

#include <errno.h>
#include <hpdf_doc.h>
#include <png.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define VERSION "guide2pdf 0.1"
#define MAX_DEPTH 64             /* nesting of lists and quotes */
#define MIN_COLUMN 120.0         /* points: deeper nesting stops indenting */
#define ANSWERS_PREFIX "Answers: "

static int pdf_render_blocks(struct render *r, const xmlNode *parent);


/* ---- blocks ------------------------------------------------------------- */

/* A paragraph's inline content as text, with the pending label first. */
static int paragraph_text(struct render *r, const xmlNode *node, struct pdf_text *text)
{
	inline_start(r, text, tree_line(node));
	struct pdf_style style = inline_base_style(r);
	if (r->prefix) {
		struct pdf_style label = style;
		label.face = face_bold(style.face);
		if (inline_append(r, text, &label, r->prefix) != 0 ||
		    inline_append(r, text, &label, " ") != 0)
			return -1;
		r->prefix = NULL;
	}
	return inline_collect(r, text, node, style);
}

static int pdf_render_p(struct render *r, const xmlNode *node)
{
	struct pdf_text text;
	struct pdf_lines lines = {0};
	r->image_count = 0;
	int status = paragraph_text(r, node, &text);
	if (status == 0)
		status = text_break(&text, flow_width(r), flow_width(r), &lines);
	if (status == 0)
		status = flow_place_lines(r, &text, &lines, r->pdf.left, 0);
	for (int i = 0; status == 0 && i < r->image_count; i++)
		status = pdf_render_img(r, r->images[i], tree_line(node));
	lines_free(&lines);
	text_free(&text);
	if (status == 0)
		flow_gap(r, r->tight ? 1.5 : r->pdf.set.paragraph_gap);
	return status;
}

static double measure_lead(struct render *r, const xmlNode *node);

/* The height the start of NODE needs on the page of a heading before it. */
static double lead_height(struct render *r, const xmlNode *node)
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
	if (tree_is(node, "codeblock")) {
		size_t count = code_line_estimate(r, node);
		double line = r->pdf.set.code_size * r->pdf.set.code_spacing;
		size_t keep = count < CODE_KEEP_LINES ? count : KEEP_LINES;
		return keep * line + 2 * r->pdf.set.code_padding + r->pdf.set.small_size;
	}
	if (tree_is(node, "p")) {
		struct pdf_text text;
		struct pdf_lines lines = {0};
		double height = KEEP_LINES * body;
		const char *saved = r->prefix;
		if (paragraph_text(r, node, &text) == 0 &&
		    text_break(&text, flow_width(r), flow_width(r), &lines) == 0)
			height = flow_lines_height(r, &lines, 0,
					      lines.count < KEEP_LINES ? lines.count : KEEP_LINES);
		r->prefix = saved;
		lines_free(&lines);
		text_free(&text);
		return height;
	}
	if (tree_is(node, "card")) {
		/* Under its question: the reason, the answer's label and its start. */
		const xmlNode *why = tree_child(node, "why");
		const xmlNode *answer = tree_child(node, "answer");
		double label = tree_attr(answer, "label") ? body : 0;
		return (why ? measure_lead(r, why) : 0) + label + measure_lead(r, tree_first(answer));
	}
	if (tree_is(node, "why") || tree_is(node, "answer") || tree_is(node, "quote"))
		return measure_lead(r, tree_first(node)) + body;
	if (tree_is(node, "table"))
		return 4 * body;
	return KEEP_LINES * body;
}

/* A heading-like line: breaks a page first unless it and the start of NEXT fit. */
static int place_heading(struct render *r, struct pdf_text *text, double before, double after,
			 const xmlNode *next, const char *anchor)
{
	struct pdf_lines lines = {0};
	if (text_break(text, flow_width(r), flow_width(r), &lines) != 0)
		return -1;
	double need = before + flow_lines_height(r, &lines, 0, lines.count) + after + lead_height(r, next);
	int status = page_need(&r->pdf, need);
	if (status == 0) {
		flow_gap(r, before);
		if (anchor)
			status = page_anchor(&r->pdf, anchor);
	}
	if (status == 0)
		status = flow_draw_lines(r, text, &lines, 0, lines.count, r->pdf.left, 0);
	r->pdf.y -= after;
	lines_free(&lines);
	return status;
}

static int pdf_render_heading(struct render *r, const xmlNode *node)
{
	int level = atoi(tree_attr(node, "level"));
	int slot = level <= 2 ? 1 : level == 3 ? 2 : 3;
	struct pdf_text text;
	inline_start(r, &text, tree_line(node));
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[slot], .color = r->pdf.set.heading};
	int status = inline_collect(r, &text, node, style);
	if (status == 0)
		status = place_heading(r, &text, r->pdf.set.paragraph_gap, 3, tree_next(node),
				       tree_attr(node, "id"));
	text_free(&text);
	return status;
}

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
static double push_rule(struct render *r, double indent, struct pdf_color color)
{
	if (r->pdf.rule_count >= PDF_MAX_RULES || flow_width(r) - indent < MIN_COLUMN)
		return 0;
	r->pdf.rules[r->pdf.rule_count].x = r->pdf.left + 2;
	r->pdf.rules[r->pdf.rule_count].color = color;
	r->pdf.rule_count++;
	r->pdf.left += indent;
	return indent;
}

static void pop_rule(struct render *r, double indent)
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
	double indent = push_rule(r, r->pdf.set.body_size * 1.4, r->pdf.set.rule);
	enum pdf_face face = r->base_face;
	struct pdf_color color = r->base_color;
	r->base_color = r->pdf.set.muted;
	int status = pdf_render_blocks(r, node);
	r->base_face = face;
	r->base_color = color;
	pop_rule(r, indent);
	r->depth--;
	return status;
}

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
	if (status == 0) {
		double width = text_width(&marker, 0, marker.count);
		r->pdf.marker = &marker;
		/* Right-aligned against the text, never left of the page's margin. */
		r->pdf.marker_x = fmax(r->pdf.set.margin_left, r->pdf.left - width - 4);
		if (tree_first(item))
			status = pdf_render_blocks(r, item);
		else {
			struct pdf_line line = {.ascent = r->base_size};
			status = flow_place_lines(r, &marker, &(struct pdf_lines){&line, 0, 0}, 0, 0);
			if (status == 0)
				status = page_draw_line(&r->pdf, &marker, &line, r->pdf.left,
							flow_line_height(r, &line));
		}
	}
	r->pdf.marker = NULL;
	text_free(&marker);
	return status;
}

static int pdf_render_list(struct render *r, const xmlNode *node)
{
	if (r->depth >= MAX_DEPTH) {
		diag_error(r->pdf.source, tree_line(node), "lists nested too deeply");
		return -1;
	}
	/* Room for the widest number: digits are 0.64 em in DejaVu Sans. */
	const char *first = tree_attr(node, "start");
	long last = (first ? atol(first) : 1) + (long)xmlChildElementCount((xmlNode *)node);
	int digits = 1;
	for (; last >= 10; last /= 10)
		digits++;
	double indent = r->base_size * fmax(1.8, 0.64 * digits + 1.0);
	if (flow_width(r) - indent < MIN_COLUMN)
		indent = 0;
	int depth = r->depth++;
	int tight = r->tight;
	r->tight = strcmp(tree_attr(node, "tight"), "true") == 0;
	r->pdf.left += indent;
	const char *start = tree_attr(node, "start");
	long number = start ? atol(start) : 1;
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

/* ---- cards and sections ------------------------------------------------- */

static int card_heading_text(struct render *r, const xmlNode *card, struct pdf_text *text,
			     double size, struct pdf_color color)
{
	const xmlNode *question = tree_child(card, "question");
	inline_start(r, text, tree_line(card));
	struct pdf_style style = {.face = FACE_BOLD, .size = size, .color = color};
	const char *number = tree_attr(card, "number");
	if (number) {
		char label[32];
		snprintf(label, sizeof label, "Q%s. ", number);
		if (inline_append(r, text, &style, label) != 0)
			return -1;
	}
	return inline_collect(r, text, question, style);
}

/* The question as a heading; MARK > 0 puts it in the outline at level MARK. */
static int pdf_render_question(struct render *r, const xmlNode *card, const char *anchor,
			       const xmlNode *next, int mark)
{
	struct pdf_text text;
	int status = card_heading_text(r, card, &text, r->pdf.set.heading_size[1], r->pdf.set.accent);
	if (status == 0)
		status = place_heading(r, &text, r->pdf.set.paragraph_gap * 1.5, 4, next, anchor);
	text_free(&text);
	if (status == 0 && mark) {
		char *title = tree_card_title(card);
		status = title ? page_add_mark(&r->pdf, mark, title, anchor) : -1;
		free(title);
	}
	return status;
}

static int pdf_render_why(struct render *r, const xmlNode *why)
{
	double indent = push_rule(r, r->pdf.set.body_size, r->pdf.set.accent);
	enum pdf_face face = r->base_face;
	struct pdf_color color = r->base_color;
	r->base_face = FACE_ITALIC;
	r->base_color = r->pdf.set.why;
	r->prefix = "Why they ask:";
	int status = pdf_render_blocks(r, why);
	r->prefix = NULL;
	r->base_face = face;
	r->base_color = color;
	pop_rule(r, indent);
	return status;
}

static int pdf_render_answer(struct render *r, const xmlNode *answer)
{
	const char *label = tree_attr(answer, "label");
	if (label && *label) {
		struct pdf_text text;
		inline_start(r, &text, tree_line(answer));
		struct pdf_style style = {.face = FACE_BOLD, .size = r->pdf.set.body_size,
					  .color = r->pdf.set.heading};
		int status = inline_append(r, &text, &style, label);
		if (status == 0)
			status = place_heading(r, &text, 2, 2, tree_first(answer), NULL);
		text_free(&text);
		if (status != 0)
			return -1;
	}
	return pdf_render_blocks(r, answer);
}

static int pdf_render_card(struct render *r, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	const xmlNode *answer = tree_child(card, "answer");
	if (pdf_render_question(r, card, tree_attr(card, "id"), card, 1) != 0)
		return -1;
	if (why && pdf_render_why(r, why) != 0)
		return -1;
	return pdf_render_answer(r, answer);
}

static int render_block(struct render *r, const xmlNode *node)
{
	if (tree_is(node, "p"))
		return pdf_render_p(r, node);
	if (tree_is(node, "heading"))
		return pdf_render_heading(r, node);
	if (tree_is(node, "list"))
		return pdf_render_list(r, node);
	if (tree_is(node, "codeblock"))
		return pdf_render_codeblock(r, node);
	if (tree_is(node, "quote"))
		return pdf_render_quote(r, node);
	if (tree_is(node, "table"))
		return pdf_render_table(r, node);
	if (tree_is(node, "hr"))
		return pdf_render_hr(r, node);
	if (tree_is(node, "raw"))
		return pdf_render_raw(r, node);
	if (tree_is(node, "card"))
		return pdf_render_card(r, node);
	return 0;
}

static int pdf_render_blocks(struct render *r, const xmlNode *parent)
{
	for (const xmlNode *node = tree_first(parent); node; node = tree_next(node))
		if (render_block(r, node) != 0)
			return -1;
	return 0;
}

static int section_heading(struct render *r, const xmlNode *section, const char *anchor,
			   const char *prefix)
{
	struct pdf_text text;
	inline_start(r, &text, tree_line(section));
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[0], .color = r->pdf.set.heading};
	int status = prefix ? inline_append(r, &text, &style, prefix) : 0;
	if (status == 0)
		status = inline_collect(r, &text, tree_child(section, "title"), style);
	if (status == 0)
		status = place_heading(r, &text, 0, 4, NULL, anchor);
	if (status == 0) {
		page_stroke_line(&r->pdf, r->pdf.left, r->pdf.y, r->pdf.right, r->pdf.y, 0.8,
				 r->pdf.set.heading);
		r->pdf.y -= r->pdf.set.paragraph_gap * 1.5;
	}
	text_free(&text);
	return status;
}

/* The running header's section title: PREFIX and the section's title. */
static int set_section_title(struct render *r, const xmlNode *section, const char *prefix)
{
	free(r->pdf.section_title);
	r->pdf.section_title = NULL;
	char *title = tree_plain_text(tree_child(section, "title"));
	if (!title)
		return -1;
	size_t need = strlen(prefix) + strlen(title) + 1;
	r->pdf.section_title = malloc(need);
	if (r->pdf.section_title)
		snprintf(r->pdf.section_title, need, "%s%s", prefix, title);
	free(title);
	return r->pdf.section_title ? 0 : -1;
}

static int pdf_render_section(struct render *r, const xmlNode *section)
{
	if (set_section_title(r, section, "") != 0 || page_new(&r->pdf) != 0)
		return -1;
	const char *id = tree_attr(section, "id");
	if (page_add_mark(&r->pdf, 0, r->pdf.section_title, id) != 0)
		return -1;
	if (section_heading(r, section, id, NULL) != 0)
		return -1;
	for (const xmlNode *node = tree_next(tree_child(section, "title")); node;
	     node = tree_next(node))
		if (render_block(r, node) != 0)
			return -1;
	return 0;
}

/* ---- title page and table of contents ----------------------------------- */

static int centered(struct render *r, const xmlNode *inlines, const char *plain,
		    struct pdf_style style, double after)
{
	struct pdf_text text;
	struct pdf_lines lines = {0};
	inline_start(r, &text, 0);
	int status = inlines ? inline_collect(r, &text, inlines, style)
			     : inline_append(r, &text, &style, plain);
	if (status == 0)
		status = text_break(&text, flow_width(r), flow_width(r), &lines);
	if (status == 0)
		status = flow_draw_lines(r, &text, &lines, 0, lines.count, r->pdf.left, 1);
	r->pdf.y -= after;
	lines_free(&lines);
	text_free(&text);
	return status;
}

static int pdf_render_title_page(struct render *r, const xmlNode *meta)
{
	const struct pdf_settings *s = &r->pdf.set;
	if (page_new(&r->pdf) != 0)
		return -1;
	r->pdf.y = page_top(&r->pdf) - (page_top(&r->pdf) - page_bottom(&r->pdf)) * 0.25;
	struct pdf_style title = {.face = FACE_BOLD, .size = s->title_size, .color = s->heading};
	struct pdf_style sub = {.face = FACE_REGULAR, .size = s->body_size * 1.4, .color = s->text};
	struct pdf_style small = {.face = FACE_REGULAR, .size = s->body_size, .color = s->muted};
	if (centered(r, tree_child(meta, "title"), NULL, title, 14) != 0)
		return -1;
	if (r->drill && centered(r, NULL, "Question sheet", sub, 10) != 0)
		return -1;
	const xmlNode *subtitle = tree_child(meta, "subtitle");
	if (subtitle && centered(r, subtitle, NULL, sub, 24) != 0)
		return -1;
	if (r->author && centered(r, NULL, r->author, sub, 24) != 0)
		return -1;
	char line[512];
	snprintf(line, sizeof line, "Source: %s", r->pdf.source);
	if (centered(r, NULL, line, small, 4) != 0)
		return -1;
	struct tm tm;
	gmtime_r(&r->date, &tm);
	strftime(line, sizeof line, "%Y-%m-%d", &tm);
	return centered(r, NULL, line, small, 20);
}

/* One line of UTF8 in STYLE beside the line at the current height, ending
 * at RIGHT; the current height stays. */
static int draw_right(struct render *r, const char *utf8, struct pdf_style style, double right)
{
	struct pdf_text text;
	inline_start(r, &text, 0);
	int status = inline_append(r, &text, &style, utf8);
	struct pdf_line line = {.start = 0, .end = text.count, .ascent = style.size};
	line.width = text_width(&text, 0, text.count);
	double top = r->pdf.y;
	if (status == 0)
		status = page_draw_line(&r->pdf, &text, &line, right - line.width,
					flow_line_height(r, &line));
	r->pdf.y = top;
	text_free(&text);
	return status;
}

/* Dot leaders from FROM to RIGHT and the page of ANCHOR after them. */
static int toc_leader(struct render *r, struct pdf_style style, double from, const char *anchor)
{
	double number_width = style.size * 2.2;
	struct pdf_style dots = style;
	dots.face = FACE_REGULAR;
	dots.color = r->pdf.set.rule;
	/* " ." is two characters as wide as a dot each in DejaVu Sans. */
	double pair = fonts_width(&r->pdf.fonts, FACE_REGULAR, '.') * style.size / 500.0;
	size_t count = pair > 0 && r->pdf.right - number_width > from
			       ? (size_t)((r->pdf.right - number_width - from) / pair) : 0;
	char *leader = malloc(2 * count + 1);
	if (!leader)
		return -1;
	for (size_t i = 0; i < count; i++)
		memcpy(leader + 2 * i, " .", 2);
	leader[2 * count] = '\0';
	int status = draw_right(r, leader, dots, r->pdf.right - number_width);
	free(leader);
	return status == 0 ? page_defer_number(&r->pdf, anchor, "%d", style, r->pdf.right) : -1;
}

/* One entry: text, dot leaders and the page number of ANCHOR, as a link. */
static int toc_entry(struct render *r, const xmlNode *inlines, const char *plain, const char *prefix,
		     const char *anchor, struct pdf_style style, double indent)
{
	int measuring = r->measuring;
	r->measuring = 1; /* the entries repeat text whose own lines warn */
	struct pdf_text text;
	struct pdf_lines lines = {0};
	inline_start(r, &text, 0);
	double x = r->pdf.left + indent;
	int status = prefix ? inline_append(r, &text, &style, prefix) : 0;
	if (status == 0)
		status = inlines ? inline_collect(r, &text, inlines, style)
				 : inline_append(r, &text, &style, plain);
	if (status == 0 && text.count == 0) /* an empty title still gets its line */
		status = inline_append(r, &text, &style, " ");
	double width = r->pdf.right - x - style.size * 3.2;
	if (status == 0)
		status = text_break(&text, width, width, &lines);
	if (status == 0 && lines.count == 0)
		status = -1;
	if (status == 0)
		status = page_need(&r->pdf, flow_lines_height(r, &lines, 0, lines.count));
	double top = r->pdf.y;
	if (status == 0)
		status = flow_draw_lines(r, &text, &lines, 0, lines.count - 1, x, 0);
	if (status == 0)
		status = toc_leader(r, style, x + lines.items[lines.count - 1].width + style.size * 0.5,
				    anchor);
	if (status == 0)
		status = flow_draw_lines(r, &text, &lines, lines.count - 1, lines.count, x, 0);
	if (status == 0) {
		char href[600];
		snprintf(href, sizeof href, "#%s", anchor);
		status = page_add_link(&r->pdf, x, r->pdf.y, r->pdf.right, top, href, 0);
	}
	r->measuring = measuring;
	lines_free(&lines);
	text_free(&text);
	return status;
}

static int toc_section(struct render *r, const xmlNode *section, const char *anchor_prefix)
{
	const struct pdf_settings *s = &r->pdf.set;
	struct pdf_style style = {.face = FACE_BOLD, .size = s->body_size, .color = s->text};
	char anchor[512];
	snprintf(anchor, sizeof anchor, "%s%s", anchor_prefix, tree_attr(section, "id"));
	r->pdf.y -= 3;
	if (toc_entry(r, tree_child(section, "title"), NULL, NULL, anchor, style, 0) != 0)
		return -1;
	struct pdf_style question = {.face = FACE_REGULAR, .size = s->body_size * 0.9, .color = s->text};
	for (const xmlNode *card = tree_first(section); card; card = tree_next(card)) {
		if (!tree_is(card, "card"))
			continue;
		char prefix[32] = "";
		if (tree_attr(card, "number"))
			snprintf(prefix, sizeof prefix, "Q%s. ", tree_attr(card, "number"));
		snprintf(anchor, sizeof anchor, "%s%s", anchor_prefix, tree_attr(card, "id"));
		if (toc_entry(r, tree_child(card, "question"), NULL, prefix, anchor, question,
			      s->body_size * 1.5) != 0)
			return -1;
	}
	return 0;
}

static int pdf_render_toc(struct render *r, const xmlNode *guide, const char *id)
{
	free(r->pdf.section_title);
	r->pdf.section_title = strdup("Contents");
	if (!r->pdf.section_title || page_new(&r->pdf) != 0)
		return -1;
	if (page_anchor(&r->pdf, id ? id : "contents") != 0 ||
	    page_add_mark(&r->pdf, 0, "Contents", id ? id : "contents") != 0)
		return -1;
	struct pdf_text text;
	inline_start(r, &text, 0);
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[0], .color = r->pdf.set.heading};
	int status = inline_append(r, &text, &style, "Contents");
	if (status == 0)
		status = place_heading(r, &text, 0, 10, NULL, NULL);
	text_free(&text);
	for (const xmlNode *node = tree_first(guide); status == 0 && node; node = tree_next(node)) {
		if (!tree_is(node, "section"))
			continue;
		if (r->drill && strcmp(tree_attr(node, "kind"), "questions") != 0)
			continue;
		status = toc_section(r, node, "");
	}
	if (status == 0 && r->drill) {
		struct pdf_style bold = {.face = FACE_BOLD, .size = r->pdf.set.body_size,
					 .color = r->pdf.set.text};
		r->pdf.y -= 8;
		status = toc_entry(r, NULL, "Answers", NULL, "answers", bold, 0);
	}
	return status;
}

/* ---- drill sheet -------------------------------------------------------- */

/* "answer on page N", a link to the card's answer in the appendix. */
static int drill_answer_link(struct render *r, const xmlNode *card)
{
	char href[512];
	snprintf(href, sizeof href, "#answer-%s", tree_attr(card, "id"));
	struct pdf_style style = {.face = FACE_ITALIC, .size = r->pdf.set.small_size,
				  .flags = STYLE_LINK, .color = r->pdf.set.link, .href = href};
	r->pdf.y -= 2;
	int status = page_defer_number(&r->pdf, href + 1, "answer on page %d \xE2\x86\x92", style,
				       r->pdf.right);
	r->pdf.y -= r->pdf.set.small_size * r->pdf.set.line_spacing;
	return status;
}

static int drill_ruled_space(struct render *r, const xmlNode *card)
{
	double line = r->pdf.set.body_size * 2;
	double link = 2 + r->pdf.set.small_size * r->pdf.set.line_spacing;
	if (page_need(&r->pdf, line * r->pdf.set.drill_lines + link) != 0)
		return -1;
	for (int i = 0; i < r->pdf.set.drill_lines; i++) {
		r->pdf.y -= line;
		r->pdf.at_top = 0;
		page_stroke_line(&r->pdf, r->pdf.left, r->pdf.y, r->pdf.right, r->pdf.y, 0.4,
				 r->pdf.set.rule);
	}
	if (drill_answer_link(r, card) != 0)
		return -1;
	r->pdf.y -= r->pdf.set.paragraph_gap;
	return 0;
}

static int drill_card(struct render *r, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	/* The question, its reason and the space for the answer stay together. */
	const struct pdf_settings *s = &r->pdf.set;
	double question = 2 * s->heading_size[1] * s->line_spacing;
	double reason = why ? lead_height(r, why) : 0;
	double space = s->drill_lines * s->body_size * 2 + s->small_size * s->line_spacing + 2;
	if (page_need(&r->pdf, question + reason + space) != 0)
		return -1;
	if (pdf_render_question(r, card, tree_attr(card, "id"), why, 1) != 0)
		return -1;
	if (why && pdf_render_why(r, why) != 0)
		return -1;
	return drill_ruled_space(r, card);
}

static int drill_answers(struct render *r, const xmlNode *guide)
{
	free(r->pdf.section_title);
	r->pdf.section_title = strdup("Answers");
	if (!r->pdf.section_title || page_new(&r->pdf) != 0 ||
	    page_add_mark(&r->pdf, 0, "Answers", "answers") != 0 || page_anchor(&r->pdf, "answers") != 0)
		return -1;
	char anchor[512];
	for (const xmlNode *section = tree_first(guide); section; section = tree_next(section)) {
		if (!tree_is(section, "section") || strcmp(tree_attr(section, "kind"), "questions") != 0)
			continue;
		if (set_section_title(r, section, ANSWERS_PREFIX) != 0)
			return -1;
		snprintf(anchor, sizeof anchor, "answers-%s", tree_attr(section, "id"));
		const char *title = r->pdf.section_title + strlen(ANSWERS_PREFIX);
		if (page_add_mark(&r->pdf, 1, title, anchor) != 0 ||
		    section_heading(r, section, anchor, ANSWERS_PREFIX) != 0)
			return -1;
		for (const xmlNode *card = tree_first(section); card; card = tree_next(card)) {
			if (!tree_is(card, "card"))
				continue;
			snprintf(anchor, sizeof anchor, "answer-%s", tree_attr(card, "id"));
			const xmlNode *answer = tree_child(card, "answer");
			if (pdf_render_question(r, card, anchor, answer, 2) != 0 ||
			    pdf_render_answer(r, answer) != 0)
				return -1;
		}
	}
	return 0;
}

static int drill_sections(struct render *r, const xmlNode *guide)
{
	for (const xmlNode *section = tree_first(guide); section; section = tree_next(section)) {
		if (!tree_is(section, "section") || strcmp(tree_attr(section, "kind"), "questions") != 0)
			continue;
		if (set_section_title(r, section, "") != 0 || page_new(&r->pdf) != 0)
			return -1;
		const char *id = tree_attr(section, "id");
		if (page_add_mark(&r->pdf, 0, r->pdf.section_title, id) != 0 ||
		    section_heading(r, section, id, NULL) != 0)
			return -1;
		for (const xmlNode *card = tree_first(section); card; card = tree_next(card))
			if (tree_is(card, "card") && drill_card(r, card) != 0)
				return -1;
	}
	return drill_answers(r, guide);
}

/* ---- the document ------------------------------------------------------- */

static int render_guide(struct render *r)
{
	struct pdf_doc *pdf = &r->pdf;
	pdf->page_count = 0;
	pdf->page = NULL;
	pdf->rule_count = 0;
	pdf->marker = NULL;
	pdf->left = pdf->set.margin_left;
	pdf->right = pdf->set.page_width - pdf->set.margin_right;
	free(pdf->section_title);
	pdf->section_title = NULL;
	r->base_face = FACE_REGULAR;
	r->base_color = pdf->set.text;
	r->base_size = pdf->set.body_size;
	const xmlNode *guide = xmlDocGetRootElement(r->tree);
	const xmlNode *meta = tree_child(guide, "meta");
	const xmlNode *toc = tree_child(guide, "toc");
	if (pdf_render_title_page(r, meta) != 0)
		return -1;
	const xmlNode *intro = tree_child(guide, "intro");
	if (intro && !r->drill && pdf_render_blocks(r, intro) != 0)
		return -1;
	if (pdf_render_toc(r, guide, toc ? tree_attr(toc, "id") : NULL) != 0)
		return -1;
	if (r->drill)
		return drill_sections(r, guide);
	for (const xmlNode *node = tree_first(guide); node; node = tree_next(node))
		if (tree_is(node, "section") && pdf_render_section(r, node) != 0)
			return -1;
	return 0;
}

static void hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct render *r = data;
	if (r->loading_image || r->pdf.fonts.loading)
		return; /* the caller checks, warns and goes on without it */
	if (r->saving) { /* save() names the file that could not be written */
		r->pdf.failed = 1;
		return;
	}
	if (!r->pdf.failed)
		diag_error(r->pdf.source, 0, "PDF library error 0x%04X (detail %u); no PDF written",
			   (unsigned)error, (unsigned)detail);
	r->pdf.failed = 1;
}

static time_t document_date(const char *path)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		char *end;
		long long value = strtoll(epoch, &end, 10);
		if (*end == '\0' && value >= 0)
			return (time_t)value;
		diag_warning("SOURCE_DATE_EPOCH", 0, "not a number of seconds; ignored");
	}
	struct stat st;
	if (path && strcmp(path, "-") != 0 && stat(path, &st) == 0)
		return st.st_mtime;
	return 0;
}

/* The document's language (the guide's lang), for screen readers and
 * hyphenating viewers; libharu has no call for it, so it goes into the
 * catalog dictionary directly. */
static int set_language(struct render *r)
{
	const char *lang = tree_attr(xmlDocGetRootElement(r->tree), "lang");
	HPDF_Doc doc = r->pdf.doc;
	HPDF_String value = HPDF_String_New(doc->mmgr, lang, NULL);
	if (!value || HPDF_Dict_Add(doc->catalog, "Lang", value) != HPDF_OK)
		return -1;
	return 0;
}

static int set_metadata(struct render *r)
{
	HPDF_Doc doc = r->pdf.doc;
	const xmlNode *meta = tree_child(xmlDocGetRootElement(r->tree), "meta");
	char *title = tree_plain_text(tree_child(meta, "title"));
	const xmlNode *sub = tree_child(meta, "subtitle");
	char *subtitle = sub ? tree_plain_text(sub) : NULL;
	if (!title || (sub && !subtitle)) {
		free(title);
		free(subtitle);
		return -1;
	}
	HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, title);
	if (subtitle)
		HPDF_SetInfoAttr(doc, HPDF_INFO_SUBJECT, subtitle);
	if (r->author)
		HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, r->author);
	HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, VERSION);
	struct tm tm;
	gmtime_r(&r->date, &tm);
	HPDF_Date date = {.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
			  .hour = tm.tm_hour, .minutes = tm.tm_min, .seconds = tm.tm_sec,
			  .ind = 'Z'};
	HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, date);
	free(title);
	free(subtitle);
	if (set_language(r) != 0)
		return -1;
	return r->pdf.failed ? -1 : 0;
}

/* Standard output gets the document only once it is complete. */
static int save_to_stdout(HPDF_Doc doc)
{
	if (HPDF_SaveToStream(doc) != HPDF_OK)
		return -1;
	HPDF_ResetStream(doc);
	unsigned char buffer[65536];
	for (;;) {
		HPDF_UINT32 size = sizeof buffer;
		HPDF_STATUS status = HPDF_ReadFromStream(doc, buffer, &size);
		if (size > 0 && fwrite(buffer, 1, size, stdout) != size)
			return -1;
		if (status == HPDF_STREAM_EOF)
			break;
		if (status != HPDF_OK)
			return -1;
	}
	return fflush(stdout) == 0 ? 0 : -1;
}

static int save(struct render *r, const char *output)
{
	if (atomic_is_stdout(output)) {
		if (save_to_stdout(r->pdf.doc) != 0) {
			diag_fatal("cannot write the PDF to standard output");
			return -1;
		}
		return 0;
	}
	struct atomic_file out;
	if (atomic_open_path(&out, output) != 0)
		return -1;
	if (r->pdf.failed) {
		atomic_abort(&out);
		return -1;
	}
	r->saving = 1;
	errno = 0;
	HPDF_STATUS saved = HPDF_SaveToFile(r->pdf.doc, out.temp_path);
	int err = errno;
	r->saving = 0;
	if (saved != HPDF_OK || r->pdf.failed) {
		diag_error(output, 0, "cannot write the PDF: %s",
			   err ? strerror(err) : "the PDF library could not save it");
		atomic_abort(&out);
		return -1;
	}
	return atomic_commit(&out);
}

static int open_document(struct render *r, const struct style_conf *conf, const char *cache)
{
	r->pdf.doc = HPDF_New(hpdf_error, r);
	if (!r->pdf.doc) {
		diag_fatal("cannot create the PDF document (out of memory)");
		return -1;
	}
	HPDF_UseUTFEncodings(r->pdf.doc);
	HPDF_SetCurrentEncoder(r->pdf.doc, "UTF-8");
	HPDF_SetCompressionMode(r->pdf.doc, HPDF_COMP_ALL);
	HPDF_SetPageMode(r->pdf.doc, HPDF_PAGE_MODE_USE_OUTLINE);
	if (r->pdf.failed)
		return -1;
	return fonts_open(&r->pdf.fonts, r->pdf.doc, conf, cache);
}

static char *guide_title(const xmlDoc *tree)
{
	return tree_plain_text(tree_child(tree_child(xmlDocGetRootElement(tree), "meta"), "title"));
}

/* Lays out, draws and saves. */
static int convert(struct render *r, const struct style_conf *conf, const char *cache,
		   const char *output)
{
	if (open_document(r, conf, cache) != 0)
		return EXIT_SYSTEM;
	r->pdf.guide_title = guide_title(r->tree);
	if (!r->pdf.guide_title || render_guide(r) != 0)
		return r->pdf.failed ? EXIT_SYSTEM : EXIT_INPUT;
	if (page_finish(&r->pdf) != 0 || set_metadata(r) != 0)
		return EXIT_SYSTEM;
	return save(r, output) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

static void render_free(struct render *r)
{
	image_cache_free(r);
	imagefile_folder_free(&r->image_folder);
	page_free(&r->pdf);
	fonts_close(&r->pdf.fonts);
	free(r->pdf.guide_title);
	free(r->pdf.section_title);
	if (r->pdf.doc)
		HPDF_Free(r->pdf.doc);
}

static void usage(FILE *to)
{
	fputs("usage: guide2pdf [-o FILE] [--styles DIR] [--paper a4|letter] [--author NAME]\n"
	      "                 [--drill] [--font-cache DIR] [--images DIR] [TREE.xml]\n"
	      "Writes the guide tree as a PDF handout (--drill: a question sheet).\n",
	      to);
}

struct options {
	const char *output, *styles, *paper, *author, *cache, *images, *input;
	int drill;
};

static int parse_options(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char **slot = strcmp(arg, "-o") == 0		 ? &o->output
				    : strcmp(arg, "--styles") == 0	 ? &o->styles
				    : strcmp(arg, "--paper") == 0	 ? &o->paper
				    : strcmp(arg, "--author") == 0	 ? &o->author
				    : strcmp(arg, "--font-cache") == 0 ? &o->cache
				    : strcmp(arg, "--images") == 0	 ? &o->images
									 : NULL;
		if (slot) {
			if (++i >= argc) {
				diag_fatal("%s needs a value", arg);
				return -1;
			}
			*slot = argv[i];
		} else if (strcmp(arg, "--drill") == 0) {
			o->drill = 1;
		} else if (strcmp(arg, "--help") == 0) {
			usage(stdout);
			exit(EXIT_OK);
		} else if (strcmp(arg, "--version") == 0) {
			puts(VERSION);
			exit(EXIT_OK);
		} else if (arg[0] == '-' && arg[1] != '\0') {
			diag_fatal("unknown option '%s'; see --help", arg);
			return -1;
		} else if (o->input) {
			diag_fatal("only one input tree, please");
			return -1;
		} else {
			o->input = arg;
		}
	}
	if (o->paper && strcmp(o->paper, "a4") != 0 && strcmp(o->paper, "letter") != 0) {
		diag_fatal("--paper takes a4 or letter, not '%s'", o->paper);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	diag_set_program("guide2pdf");
	struct options o = {0};
	if (parse_options(argc, argv, &o) != 0) {
		usage(stderr);
		return EXIT_SYSTEM;
	}
	struct render r = {0};
	struct style_conf conf = {0};
	char *conf_name = NULL;
	int status = EXIT_INPUT;
	r.tree_path = o.input;
	r.drill = o.drill;
	r.tree = tree_load(o.input, &status);
	if (r.tree && imagefile_folder(&r.image_folder, o.images, o.input) != 0) {
		status = EXIT_SYSTEM;
	} else if (r.tree && settings_load(o.styles, o.paper, &conf, &conf_name, &r.pdf.set) == 0) {
		r.pdf.source = tree_source(r.tree);
		const xmlNode *meta = tree_child(xmlDocGetRootElement(r.tree), "meta");
		const xmlNode *author = tree_child(meta, "author");
		xmlChar *stated = author ? xmlNodeGetContent(author) : NULL;
		r.author = o.author ? o.author : (const char *)stated;
		r.date = document_date(o.input);
		const char *cache = o.cache ? o.cache : style_conf_get(&conf, "font_cache", "out/fonts");
		status = convert(&r, &conf, cache, o.output);
		xmlFree(stated);
	}
	render_free(&r);
	style_conf_free(&conf);
	free(conf_name);
	if (r.tree)
		xmlFreeDoc(r.tree);
	return status;
}
