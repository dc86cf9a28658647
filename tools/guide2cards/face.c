/* face.c: one side of a card as lines of text, before it is drawn.
 *
 * Owns: what goes on each side (the front: the question, large, and its
 * prompt; the back: the reason, in italics, and the answer), how the tree's
 * blocks and inlines look on a card, the size each side is set at (the
 * largest that fits, down to FACE_MIN_SIZE) and where a side too long at
 * that size is cut into cards. A diagram is scaled to the card's width and
 * height and never cut. Never: places a side on the sheet or draws
 * (draw.c, sheet.c); line breaking and code layout are typeset.h's.
 *
 * A card is small: unlike the handout's flow there are no widows, orphans
 * or page furniture to keep, only lines, the gap above each, and diagrams
 * kept whole. */
#include "guide2cards/cards.h"

#include "tree.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_SPACING 1.3
#define CODE_SPACING 1.18 /* box-drawing lines join (as in the handout) */
#define CODE_SCALE 0.88   /* monospace looks larger than text at one size */
#define INDENT_STEP 10.0
#define CODE_MARK 0x21AA /* ↪ before a wrapped code line, as in the handout */

void face_init(struct face *face, struct pdf_fonts *fonts, const struct face_colors *colors,
	       const char *source, const char *lang, double width, double height)
{
	memset(face, 0, sizeof *face);
	face->fonts = fonts;
	face->colors = colors;
	face->source = source;
	face->lang = lang;
	face->width = width;
	face->height = height;
}

void face_clear(struct face *face)
{
	for (size_t i = 0; i < face->text_count; i++)
		text_free(&face->texts[i]);
	face->text_count = 0;
	face->line_count = 0;
	face->groups = 0;
}

void face_free(struct face *face)
{
	face_clear(face);
	free(face->texts);
	free(face->lines);
	face->texts = NULL;
	face->lines = NULL;
}

static struct pdf_text *new_text(struct face *face, long line)
{
	if (pdf_grow(&face->texts, &face->text_cap, face->text_count, sizeof *face->texts,
		     PDF_MAX_GLYPHS) != 0)
		return NULL;
	struct pdf_text *text = &face->texts[face->text_count++];
	text_init(text, face->source, line);
	text->quiet = face->quiet;
	return text;
}

static int append(struct face *face, struct pdf_text *text, const struct pdf_style *style,
		  const char *utf8)
{
	int index = text_style(text, style);
	if (index < 0)
		return -1;
	return text_append(text, face->fonts, index, utf8, strlen(utf8));
}

/* The inlines of PARENT in STYLE: emphasis as faces, code in monospace. */
static int collect(struct face *face, struct pdf_text *text, const xmlNode *parent,
		   struct pdf_style style)
{
	for (const xmlNode *node = parent->children; node; node = node->next) {
		struct pdf_style s = style;
		int status = 0;
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
			status = append(face, text, &s, (const char *)node->content);
		else if (node->type != XML_ELEMENT_NODE)
			continue;
		else if (tree_is(node, "br"))
			status = append(face, text, &s, "\n");
		else if (tree_is(node, "softbreak"))
			status = append(face, text, &s, " ");
		else if (tree_is(node, "img")) {
			const char *alt = tree_attr(node, "alt");
			s.face = face_italic(s.face);
			s.color = face->colors->muted;
			if (alt && *alt)
				status = append(face, text, &s, "[") || append(face, text, &s, alt) ||
					 append(face, text, &s, "]");
		} else {
			if (tree_is(node, "em"))
				s.face = face_italic(s.face);
			else if (tree_is(node, "strong"))
				s.face = face_bold(s.face);
			else if (tree_is(node, "del"))
				s.flags |= STYLE_STRIKE;
			else if (tree_is(node, "code") || tree_is(node, "raw")) {
				s.face = FACE_MONO;
				s.size *= CODE_SCALE;
				s.color = face->colors->code;
			}
			status = collect(face, text, node, s);
		}
		if (status != 0)
			return -1;
	}
	return 0;
}

static struct face_line *new_line(struct face *face)
{
	if (pdf_grow(&face->lines, &face->line_cap, face->line_count, sizeof *face->lines,
		     PDF_MAX_GLYPHS) != 0)
		return NULL;
	struct face_line *line = &face->lines[face->line_count++];
	memset(line, 0, sizeof *line);
	return line;
}

/* TEXT broken into lines at INDENT, the lines after the first HANG further in. */
static int add_lines(struct face *face, struct pdf_text *text, double indent, double hang,
		     double gap, double spacing, int group)
{
	size_t index = (size_t)(text - face->texts);
	struct pdf_lines lines = {0};
	double width = fmax(face->width - indent, 1);
	if (text_break(text, width, fmax(width - hang, 1), &lines) != 0) {
		lines_free(&lines);
		return -1;
	}
	for (size_t i = 0; i < lines.count; i++) {
		struct face_line *line = new_line(face);
		if (!line) {
			lines_free(&lines);
			return -1;
		}
		const struct pdf_line *l = &lines.items[i];
		double size = l->ascent > 0 ? l->ascent : face->size;
		*line = (struct face_line){.text = index, .start = l->start, .end = l->end,
					   .indent = indent + (i ? hang : 0), .size = size,
					   .advance = size * spacing, .gap = i ? 0 : gap,
					   .group = group, .mark = l->continued ? hang : 0};
	}
	lines_free(&lines);
	return 0;
}

/* A paragraph of NODE's inlines (none: INLINES 0), PREFIX (a list marker)
 * first, the lines after it hung under it. */
static int add_paragraph(struct face *face, const xmlNode *node, int inlines,
			 struct pdf_style style, double indent, const char *prefix, double gap)
{
	struct pdf_text *text = new_text(face, tree_line(node));
	if (!text)
		return -1;
	double hang = 0;
	if (prefix) {
		if (append(face, text, &style, prefix) != 0)
			return -1;
		hang = text_width(text, 0, text->count);
	}
	if (inlines && collect(face, text, node, style) != 0)
		return -1;
	return add_lines(face, text, indent, hang, gap, LINE_SPACING, 0);
}

/* CODE in monospace, a line of text per source line; a diagram scaled to
 * fit the card across and down, and kept on one card. */
static int add_code(struct face *face, const char *code, const unsigned char *kinds, long line,
		    struct pdf_color color, double indent, double gap)
{
	double width = fmax(face->width - indent, 1);
	double size = fmax(face->size * CODE_SCALE, FACE_MIN_SIZE * CODE_SCALE);
	int group = 0;
	if (code_is_diagram(code)) {
		size = code_fit_size(face->fonts, code, size, width);
		size_t rows = code_count_lines(code, 1e9);
		double tall = (double)(rows ? rows : 1) * CODE_SPACING;
		size = fmin(size, face->height * 0.999 / tall);
		group = ++face->groups;
	}
	struct pdf_style style = {.face = FACE_MONO, .size = size, .color = color};
	/* A wrapped line goes on behind the handout's mark, where one font has it. */
	int mark_face = fonts_pick(face->fonts, FACE_MONO, CODE_MARK);
	double mark = mark_face < 0 ? 0 : (fonts_width(face->fonts, mark_face, CODE_MARK) / 1000 + 0.3) * size;
	struct code_lines lines = {0};
	struct pdf_style kind_styles[CODE_KINDS];
	for (int i = 0; i < CODE_KINDS; i++) {
		kind_styles[i] = style;
		kind_styles[i].color = face->colors->code_kind[i];
		kind_styles[i].face = face->colors->code_kind_face[i];
	}
	struct code_runs runs = {kinds, kind_styles};
	int status = code_split_runs(face->fonts, code, kinds && face->colors->highlight ? &runs : NULL,
				     face->source, line, face->quiet, style, &lines);
	for (size_t i = 0; status == 0 && i < lines.count; i++) {
		struct pdf_text *text = new_text(face, line + 1 + (long)i);
		if (!text) {
			status = -1;
			break;
		}
		text_free(text);
		*text = lines.texts[i];
		memset(&lines.texts[i], 0, sizeof lines.texts[i]);
		text->code = 1;
		status = add_lines(face, text, indent, mark, i ? 0 : gap, CODE_SPACING, group);
	}
	code_lines_free(&lines);
	return status;
}

static int add_blocks(struct face *face, const xmlNode *parent, struct pdf_style style,
		      double indent, const char *prefix);

static int add_list(struct face *face, const xmlNode *list, struct pdf_style style,
		    double indent)
{
	int ordered = strcmp(tree_attr(list, "type"), "ordered") == 0;
	const char *start = tree_attr(list, "start");
	long number = start ? atol(start) : 1;
	const char *delim = tree_attr(list, "delim");
	for (const xmlNode *item = tree_first(list); item; item = tree_next(item), number++) {
		char marker[32];
		const char *task = tree_attr(item, "task");
		if (ordered)
			snprintf(marker, sizeof marker, "%ld%c ", number,
				 delim && strcmp(delim, "paren") == 0 ? ')' : '.');
		else
			snprintf(marker, sizeof marker, "%s ",
				 task ? (strcmp(task, "done") == 0 ? "\u2611" : "\u2610") : "\u2022");
		if (add_blocks(face, item, style, indent, marker) != 0)
			return -1;
	}
	return 0;
}

/* A table row as one line of cells. */
static int add_table(struct face *face, const xmlNode *table, struct pdf_style style,
		     double indent)
{
	for (const xmlNode *row = tree_first(table); row; row = tree_next(row)) {
		struct pdf_text *text = new_text(face, tree_line(table));
		if (!text)
			return -1;
		struct pdf_style s = style;
		if (tree_attr(row, "header"))
			s.face = face_bold(s.face);
		for (const xmlNode *cell = tree_first(row); cell; cell = tree_next(cell))
			if ((cell != tree_first(row) && append(face, text, &style, "  |  ") != 0) ||
			    collect(face, text, cell, s) != 0)
				return -1;
		if (add_lines(face, text, indent, INDENT_STEP, face->size * 0.3, LINE_SPACING, 0) != 0)
			return -1;
	}
	return 0;
}

static int add_block(struct face *face, const xmlNode *node, struct pdf_style style,
		     double indent, const char *prefix)
{
	double gap = face->line_count ? face->size * 0.45 : 0;
	if (tree_is(node, "p"))
		return add_paragraph(face, node, 1, style, indent, prefix, gap);
	if (tree_is(node, "heading")) {
		style.face = face_bold(style.face);
		style.color = face->colors->heading;
		return add_paragraph(face, node, 1, style, indent, prefix, gap);
	}
	if (prefix && add_paragraph(face, node, 0, style, indent, prefix, gap) != 0)
		return -1; /* an item that opens with no paragraph: its marker alone */
	if (tree_is(node, "codeblock") || tree_is(node, "raw")) {
		xmlChar *code = xmlNodeGetContent(node);
		/* the tree's token runs, coloured as the handout colours them */
		unsigned char *kinds = code && tree_is(node, "codeblock")
					       ? tree_code_kinds(node, strlen((const char *)code))
					       : NULL;
		int status = code ? add_code(face, (const char *)code, kinds, tree_line(node),
					     tree_is(node, "raw") ? face->colors->muted : face->colors->code,
					     indent, gap)
				  : -1;
		free(kinds);
		xmlFree(code);
		return status;
	}
	if (tree_is(node, "list"))
		return add_list(face, node, style, indent + (prefix ? INDENT_STEP : 0));
	if (tree_is(node, "quote")) {
		style.color = face->colors->muted;
		return add_blocks(face, node, style, indent + INDENT_STEP, NULL);
	}
	if (tree_is(node, "table"))
		return add_table(face, node, style, indent);
	return 0; /* hr: the gap alone */
}

/* PREFIX goes before the first block: a list item's marker. */
static int add_blocks(struct face *face, const xmlNode *parent, struct pdf_style style,
		      double indent, const char *prefix)
{
	for (const xmlNode *node = tree_first(parent); node; node = tree_next(node)) {
		if (add_block(face, node, style, indent, prefix) != 0)
			return -1;
		if (prefix) {
			indent += INDENT_STEP;
			prefix = NULL;
		}
	}
	return 0;
}

/* A label run in before a block: "Why:", the answer's own label. */
static int add_label(struct face *face, const char *label, struct pdf_style style)
{
	struct pdf_text *text = new_text(face, 0);
	if (!text)
		return -1;
	style.face = face_bold(style.face);
	if (append(face, text, &style, label) != 0)
		return -1;
	return add_lines(face, text, 0, 0, face->line_count ? face->size * 0.6 : 0, LINE_SPACING, 0);
}

double face_height(const struct face *face, size_t start, size_t end)
{
	double height = 0;
	for (size_t i = start; i < end; i++)
		height += (i > start ? face->lines[i].gap : 0) + face->lines[i].advance;
	return height;
}

static int build_front(struct face *face, const xmlNode *card)
{
	struct pdf_style style = {.face = FACE_BOLD, .size = face->size,
				  .color = face->colors->text};
	if (add_paragraph(face, tree_child(card, "question"), 1, style, 0, NULL, 0) != 0)
		return -1;
	const xmlNode *prompt = tree_child(card, "prompt");
	if (!prompt)
		return 0;
	double question = face->size;
	face->size = fmax(FACE_MIN_SIZE, question * 0.6);
	style = (struct pdf_style){.face = FACE_REGULAR, .size = face->size,
				   .color = face->colors->text};
	int status = add_blocks(face, prompt, style, 0, NULL);
	face->size = question;
	return status;
}

static int build_back(struct face *face, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	const xmlNode *answer = tree_child(card, "answer");
	if (why) {
		struct pdf_style style = {.face = FACE_ITALIC, .size = face->size,
					  .color = face->colors->why};
		const char *label = tree_attr(why, "label");
		char text[160];
		snprintf(text, sizeof text, "%s:", label && *label ? label : word_in(face->lang, WORD_WHY));
		if (add_label(face, text, style) != 0 || add_blocks(face, why, style, 0, NULL) != 0)
			return -1;
	}
	struct pdf_style style = {.face = FACE_REGULAR, .size = face->size,
				  .color = face->colors->text};
	const char *label = tree_attr(answer, "label");
	if (label && *label) {
		style.color = face->colors->heading;
		if (add_label(face, label, style) != 0)
			return -1;
		style.color = face->colors->text;
	}
	if (tree_first(answer))
		return add_blocks(face, answer, style, 0, NULL);
	return 0;
}

static int build_at(struct face *face, int (*build)(struct face *, const xmlNode *),
		    const xmlNode *card, double size, int *fits)
{
	face_clear(face);
	face->size = fmax(size, FACE_MIN_SIZE);
	int status = build(face, card);
	face->quiet = 1; /* each problem of the text said once, at the first size */
	*fits = face_height(face, 0, face->line_count) <= face->height;
	return status;
}

/* The largest size from START down by STEP at which the side fits, else
 * FACE_MIN_SIZE (and then face_chunks cuts it). The smallest is tried
 * second: most sides fit at the first size, and most that do not need the
 * smallest and more cards, which then costs two layouts, not seven. */
static int fit(struct face *face, int (*build)(struct face *, const xmlNode *),
	       const xmlNode *card, double start, double step)
{
	int fits;
	face->quiet = 0;
	if (build_at(face, build, card, start, &fits) != 0)
		return -1;
	if (fits)
		return 0;
	if (build_at(face, build, card, FACE_MIN_SIZE, &fits) != 0)
		return -1;
	if (!fits)
		return 0; /* cut into cards at the smallest size */
	for (double size = start - step; size > FACE_MIN_SIZE; size -= step) {
		if (build_at(face, build, card, size, &fits) != 0)
			return -1;
		if (fits)
			return 0;
	}
	return build_at(face, build, card, FACE_MIN_SIZE, &fits);
}

int face_front(struct face *face, const xmlNode *card)
{
	return fit(face, build_front, card, FACE_FRONT_SIZE, 1.0);
}

int face_back(struct face *face, const xmlNode *card)
{
	return fit(face, build_back, card, FACE_BACK_SIZE, 0.5);
}

/* Where line I may start a card: not inside a diagram. */
static size_t cut_before(const struct face *face, size_t start, size_t i)
{
	size_t cut = i;
	int group = face->lines[i].group;
	while (group && cut > start + 1 && face->lines[cut - 1].group == group)
		cut--;
	return group && face->lines[cut - 1].group == group ? i : cut;
}

int face_chunks(const struct face *face, size_t **cuts, size_t *count)
{
	*cuts = malloc((face->line_count + 2) * sizeof **cuts);
	if (!*cuts)
		return -1;
	size_t n = 0, start = 0;
	double used = 0;
	(*cuts)[n++] = 0;
	for (size_t i = 0; i < face->line_count; i++) {
		double add = (i > start ? face->lines[i].gap : 0) + face->lines[i].advance;
		if (i > start && used + add > face->height) {
			start = cut_before(face, start, i);
			(*cuts)[n++] = start;
			used = face_height(face, start, i + 1);
		} else {
			used += add;
		}
	}
	(*cuts)[n] = face->line_count;
	*count = n;
	return 0;
}
