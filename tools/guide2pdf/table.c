/* table.c: GFM tables, drawn as a grid that may cross pages.
 *
 * Owns: reading a table's cells as text, the column widths (each at least its
 * longest word, the rest shared by natural width), the rows and their rules,
 * and the header row repeated on each page the table crosses. Never: splits
 * a row across pages (a row is kept whole) or draws outside the column. */
#include "guide2pdf/handout.h"

#include "tree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct table_cell {
	struct pdf_text text;
	struct pdf_lines lines;
	int align;
};

/* The padding of a cell, in points. The text's line has leading of its own
 * above and below the letters (line_spacing), and none at its sides, so the
 * side padding is the larger: the white around the letters comes out about
 * even on the four sides. */
#define CELL_PAD_X 5.5
#define CELL_PAD_Y 3.0
#define CELL_SIZE 0.92 /* of the body size */

struct table {
	struct table_cell *cells; /* rows * columns */
	size_t rows, columns;
	double *widths;
	int *header;
	double width; /* from the left rule to the right one */
};

static void table_free(struct table *t)
{
	for (size_t i = 0; t->cells && i < t->rows * t->columns; i++) {
		text_free(&t->cells[i].text);
		lines_free(&t->cells[i].lines);
	}
	free(t->cells);
	free(t->widths);
	free(t->header);
}

/* A cell's alignment as flow_draw_lines takes it: 0 left, 1 centre, 2 right. */
static int cell_align(const char *align)
{
	if (!align)
		return 0;
	return strcmp(align, "center") == 0 ? 1 : strcmp(align, "right") == 0 ? 2 : 0;
}

/* Every cell's inline content as text. Two passes: the table is as wide as
 * its widest row, known only after the first; a shorter row (the tree allows
 * one) is filled up with empty cells, so every row has every column. */
static int table_read(struct render *r, const xmlNode *node, struct table *t)
{
	for (const xmlNode *row = tree_first(node); row; row = tree_next(row)) {
		size_t n = 0;
		for (const xmlNode *cell = tree_first(row); cell; cell = tree_next(cell))
			n++;
		t->rows++;
		if (n > t->columns)
			t->columns = n;
	}
	t->cells = calloc(t->rows * t->columns, sizeof *t->cells);
	t->widths = calloc(t->columns, sizeof *t->widths);
	t->header = calloc(t->rows, sizeof *t->header);
	if (!t->cells || !t->widths || !t->header)
		return -1;
	size_t i = 0;
	for (const xmlNode *row = tree_first(node); row; row = tree_next(row), i++) {
		t->header[i] = tree_attr(row, "header") != NULL;
		size_t j = 0;
		for (const xmlNode *cell = tree_first(row); cell; cell = tree_next(cell), j++) {
			struct table_cell *c = &t->cells[i * t->columns + j];
			inline_start(r, &c->text, tree_line(node));
			const char *align = tree_attr(cell, "align");
			c->align = cell_align(align);
			struct pdf_style style = inline_base_style(r);
			style.size = r->pdf.set.body_size * CELL_SIZE;
			if (t->header[i])
				style.face = FACE_BOLD;
			if (inline_collect(r, &c->text, cell, style) != 0 ||
			    inline_mark_languages(r, &c->text) != 0)
				return -1;
		}
		for (; j < t->columns; j++)
			inline_start(r, &t->cells[i * t->columns + j].text, tree_line(node));
	}
	return 0;
}

/* The widest word of a cell: its column may not be narrower. */
static double longest_word(const struct pdf_text *text)
{
	double longest = 0, word = 0;
	for (size_t i = 0; i < text->count; i++) {
		word = text->glyphs[i].cp == ' ' ? 0 : word + text->glyphs[i].width;
		longest = fmax(longest, word);
	}
	return longest;
}

/* Each column as wide as its widest cell when the table fits; otherwise
 * each gets at least its longest word (capped at an equal share, so that one
 * long URL cannot take the whole table) and the rest is shared in proportion
 * to the natural widths. Short of memory for the minimums, the widths are
 * only shared, which still fits. */
static void table_widths(struct render *r, struct table *t)
{
	double available = flow_width(r) - 2 * CELL_PAD_X * (double)t->columns;
	double natural = 0, minimum = 0;
	double *mins = calloc(t->columns, sizeof *mins);
	for (size_t j = 0; j < t->columns; j++) {
		for (size_t i = 0; i < t->rows; i++) {
			const struct pdf_text *text = &t->cells[i * t->columns + j].text;
			t->widths[j] = fmax(t->widths[j], text_width(text, 0, text->count));
			if (mins)
				mins[j] = fmax(mins[j], fmin(longest_word(text), available / (double)t->columns));
		}
		natural += t->widths[j];
		minimum += mins ? mins[j] : 0;
	}
	if (natural > available) {
		/* Give each column its minimum, and share the rest by natural width. */
		double rest = fmax(0, available - minimum), extra = natural - minimum;
		for (size_t j = 0; j < t->columns; j++) {
			double m = mins ? mins[j] : 0;
			t->widths[j] = extra > 0 ? m + (t->widths[j] - m) * rest / extra
						 : available / (double)t->columns;
		}
	}
	free(mins);
	t->width = 0;
	for (size_t j = 0; j < t->columns; j++)
		t->width += t->widths[j] + 2 * CELL_PAD_X;
}

static double cell_height(const struct render *r, const struct table_cell *c)
{
	return flow_lines_height(r, &c->lines, 0, c->lines.count);
}

/* At least one line of the cells' type, so that an empty row is as tall as
 * a row of one line. */
static double row_height(const struct render *r, const struct table *t, size_t i)
{
	double height = r->pdf.set.body_size * CELL_SIZE * r->pdf.set.line_spacing;
	for (size_t j = 0; j < t->columns; j++)
		height = fmax(height, cell_height(r, &t->cells[i * t->columns + j]));
	return height + 2 * CELL_PAD_Y;
}

/* Row I whole: a row never splits across pages, so a page break comes
 * before it when it does not fit. A cell shorter than its row is centred
 * in it, as a browser sets a GFM table. */
static int table_row(struct render *r, struct table *t, size_t i)
{
	double height = row_height(r, t, i);
	if (page_need(&r->pdf, height) != 0)
		return -1;
	double top = r->pdf.y, x = r->pdf.left, left = r->pdf.left, right = r->pdf.right;
	if (t->header[i])
		page_fill_rect(&r->pdf, x, top - height, t->width, height, r->pdf.set.code_background);
	/* A quote's side rules stay out of the grid: each cell's lines are drawn
	 * into a column of their own, which the rules would cross. */
	int rules = r->pdf.rule_count;
	r->pdf.rule_count = 0;
	for (size_t j = 0; j < t->columns; j++) {
		struct table_cell *c = &t->cells[i * t->columns + j];
		r->pdf.y = top - (height - cell_height(r, c)) / 2;
		r->pdf.left = x + CELL_PAD_X;
		r->pdf.right = x + CELL_PAD_X + t->widths[j];
		tags_open(&r->pdf.tags, t->header[i] ? "TH" : "TD");
		int status = flow_draw_lines(r, &c->text, &c->lines, 0, c->lines.count, r->pdf.left,
					     c->align);
		tags_close(&r->pdf.tags);
		if (status != 0)
			return -1;
		page_stroke_line(&r->pdf, x, top, x, top - height, 0.5, r->pdf.set.rule);
		x += t->widths[j] + 2 * CELL_PAD_X;
	}
	r->pdf.rule_count = rules;
	r->pdf.left = left;
	r->pdf.right = right;
	page_stroke_line(&r->pdf, x, top, x, top - height, 0.5, r->pdf.set.rule);
	page_stroke_line(&r->pdf, left, top, x, top, 0.5, r->pdf.set.rule);
	page_stroke_line(&r->pdf, left, top - height, x, top - height, 0.5, r->pdf.set.rule);
	r->pdf.y = top - height;
	r->pdf.at_top = 0;
	return 0;
}

int pdf_render_table(struct render *r, const xmlNode *node)
{
	struct table t = {0};
	int status = table_read(r, node, &t);
	if (status == 0)
		table_widths(r, &t);
	for (size_t i = 0; status == 0 && i < t.rows * t.columns; i++) {
		double w = t.widths[i % t.columns];
		status = text_break(&t.cells[i].text, w, w, &t.cells[i].lines);
	}
	for (size_t i = 0; status == 0 && i < t.rows; i++) {
		/* A table that crosses a page repeats its header row (0.01: a row
		 * that fits exactly is not moved by rounding). */
		int repeat = i > 0 && t.header[0] && !t.header[i] &&
			     row_height(r, &t, i) > page_room(&r->pdf) + 0.01;
		/* The repeated header is furniture: it was read once already. */
		if (repeat && page_new(&r->pdf) != 0)
			status = -1;
		if (repeat && status == 0) {
			tags_begin_artifact(&r->pdf.tags);
			status = table_row(r, &t, 0);
			tags_end_artifact(&r->pdf.tags);
		}
		if (status == 0) {
			tags_open(&r->pdf.tags, "TR");
			status = table_row(r, &t, i);
			tags_close(&r->pdf.tags);
		}
	}
	table_free(&t);
	if (status == 0)
		flow_gap(r, r->pdf.set.paragraph_gap);
	return status;
}
