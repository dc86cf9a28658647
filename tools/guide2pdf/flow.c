/* flow.c: laid-out lines into the column, down the page and across pages.
 *
 * Owns: the column (its width, the gaps between blocks) and the placing of a
 * broken paragraph so that no page ends on its lone first line (an orphan)
 * or starts with its lone last line (a widow), nor ends on the last lines
 * of a paragraph that introduces the block after it (flow_place_kept).
 * Never: decides what a block looks like or breaks text into lines (text.c):
 * it is given the lines; and never starts a page but through page.c. */
#include "guide2pdf/handout.h"

#include "diag.h"

double flow_width(const struct render *r)
{
	return r->pdf.right - r->pdf.left;
}

double flow_line_height(const struct render *r, const struct pdf_line *line)
{
	return line->ascent * r->pdf.set.line_spacing;
}

/* Places lines [from, to) at X, one after the other, with no page check. */
int flow_draw_lines(struct render *r, const struct pdf_text *text, const struct pdf_lines *lines,
		    size_t from, size_t to, double x, int align)
{
	for (size_t i = from; i < to; i++) {
		const struct pdf_line *line = &lines->items[i];
		double at = x;
		if (align == 1)
			at = x + (flow_width(r) - (x - r->pdf.left) - line->width) / 2;
		else if (align == 2)
			at = r->pdf.right - line->width;
		if (page_draw_line(&r->pdf, text, line, at, flow_line_height(r, line)) != 0)
			return -1;
	}
	return 0;
}

double flow_lines_height(const struct render *r, const struct pdf_lines *lines, size_t from,
			 size_t to)
{
	double height = 0;
	for (size_t i = from; i < to; i++)
		height += flow_line_height(r, &lines->items[i]);
	return height;
}

/* How many of lines [from, ...) fit in the room left on the page. */
static size_t lines_fitting(const struct render *r, const struct pdf_lines *lines, size_t from)
{
	double room = page_room(&r->pdf) + 0.01;
	size_t n = 0;
	for (size_t i = from; i < lines->count; i++) {
		room -= flow_line_height(r, &lines->items[i]);
		if (room < 0)
			break;
		n++;
	}
	return n;
}

/* How many of the REST lines from AT go on this page: no orphan (a lone
 * first line at the foot) and no widow (a lone last line at the head). The
 * last line must leave AFTER below it, or go to the next page with the
 * lines before it that no widow rule lets stay. */
static size_t lines_here(const struct render *r, const struct pdf_lines *lines, size_t at,
			 double after)
{
	size_t rest = lines->count - at;
	size_t fit = lines_fitting(r, lines, at);
	if (fit >= rest) {
		double height = flow_lines_height(r, lines, at, lines->count);
		if (after <= 0 || r->pdf.at_top || height + after <= page_room(&r->pdf) + 0.01)
			return rest;
		fit = rest - 1; /* as though the last line did not fit */
	}
	if (rest - fit < MIN_LINES)
		fit = rest >= 2 * MIN_LINES ? rest - MIN_LINES : 0;
	if (fit < MIN_LINES && at == 0 && rest >= MIN_LINES)
		fit = 0;
	if (fit == 0 && r->pdf.at_top) /* a page too short for the rule */
		fit = lines_fitting(r, lines, at) ? lines_fitting(r, lines, at) : 1;
	return fit;
}

int flow_place_kept(struct render *r, const struct pdf_text *text, const struct pdf_lines *lines,
		    double x, int align, double after)
{
	if (r->pdf.page_count == 0 && page_new(&r->pdf) != 0)
		return -1;
	for (size_t at = 0; at < lines->count;) {
		size_t fit = lines_here(r, lines, at, after);
		if (flow_draw_lines(r, text, lines, at, at + fit, x, align) != 0)
			return -1;
		at += fit;
		if (at < lines->count && page_new(&r->pdf) != 0)
			return -1;
	}
	return 0;
}

/* Places a broken paragraph across pages with no widow or orphan line. */
int flow_place_lines(struct render *r, const struct pdf_text *text, const struct pdf_lines *lines,
		     double x, int align)
{
	return flow_place_kept(r, text, lines, x, align, 0);
}

void flow_gap(struct render *r, double height)
{
	if (!r->pdf.at_top)
		r->pdf.y -= height;
}

int flow_fits_page(const struct render *r, const struct pdf_text *text,
		   const struct pdf_lines *lines)
{
	double height = flow_lines_height(r, lines, 0, lines->count);
	if (height <= page_top(&r->pdf) - page_bottom(&r->pdf))
		return 0;
	diag_error(r->pdf.source, text->line,
		   "this heading is %zu lines long, taller than a page; shorten it", lines->count);
	return -1;
}
