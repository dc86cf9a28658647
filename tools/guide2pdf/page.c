/* page.c: the pages of the handout: breaks, header and footer, drawing lines,
 * and the page numbers that wait for the last page.
 *
 * The document is laid out and drawn in one pass. What needs pages that do not
 * exist yet waits for page_finish: the footers ("page n of N"), the page numbers
 * of the table of contents and the drill sheet (page_defer_number), and the
 * annotations of links and outline entries, which may point forward. Drawing on
 * an earlier page then only appends to its content stream.
 *
 * Owns: the pages (struct pdf_doc's page list, the current page and the
 * height reached on it), starting a page, breaking one when asked
 * (page_need), drawing one laid-out line with what goes with it (side rules,
 * a list marker, inline code shading, strike-through, link underlines and
 * areas), and the numbers drawn once every page exists. Never: decides
 * where a block breaks (flow.c, code.c and table.c decide and ask here), or
 * draws through libharu's drawing calls: every operator goes through
 * content.c, and a page that does not exist (while only measuring) gets
 * none. */
#include "guide2pdf/handout.h"

#include "diag.h"

#include <hpdf_doc.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_LIMIT 100000
/* libharu hangs every page from one /Pages node, whose /Kids array holds at
 * most HPDF_LIMIT_MAX_ARRAY (32767) entries. From page PAGE_TREE_FROM on,
 * pages hang from nodes of PAGES_PER_NODE pages under it instead: room for
 * (32767 - 16384) * 4096 pages. */
#define PAGE_TREE_FROM 16384
#define PAGES_PER_NODE 4096

double page_top(const struct pdf_doc *pdf)
{
	return pdf->set.page_height - pdf->set.margin_top;
}

double page_bottom(const struct pdf_doc *pdf)
{
	return pdf->set.margin_bottom;
}

double page_room(const struct pdf_doc *pdf)
{
	return pdf->y - page_bottom(pdf);
}

void page_fill_rect(struct pdf_doc *pdf, double x, double y, double w, double h,
		    struct pdf_color color)
{
	if (pdf->page)
		content_fill_rect(&pdf->content, x, y, w, h, color);
}

void page_stroke_line(struct pdf_doc *pdf, double x0, double y0, double x1, double y1,
		      double width, struct pdf_color color)
{
	if (pdf->page)
		content_stroke_line(&pdf->content, x0, y0, x1, y1, width, color);
}

void page_hold(struct pdf_doc *pdf)
{
	if (pdf->page)
		content_hold(&pdf->content);
}

void page_release(struct pdf_doc *pdf, double x, double y, double w, double h,
		  struct pdf_color under)
{
	if (pdf->page)
		content_release(&pdf->content, x, y, w, h, under);
}

/* Paints BOX's part on this page, from its top down to where the page's
 * content ends. */
static void box_paint(struct pdf_doc *pdf, const struct pdf_box *box)
{
	double height = box->top - pdf->y;
	page_release(pdf, box->x, pdf->y, box->width, height, box->fill);
	page_fill_rect(pdf, box->x, pdf->y, 3, height, box->bar);
}

int page_box_begin(struct pdf_doc *pdf, double x, double width, struct pdf_color fill,
		   struct pdf_color bar)
{
	if (pdf->box_count >= PDF_MAX_BOXES)
		return 0;
	pdf->boxes[pdf->box_count++] = (struct pdf_box){x, width, pdf->y, fill, bar};
	page_hold(pdf);
	return 1;
}

void page_box_end(struct pdf_doc *pdf, int begun)
{
	if (begun)
		box_paint(pdf, &pdf->boxes[--pdf->box_count]);
}

static int remember_page(struct pdf_doc *pdf, HPDF_Page page)
{
	if (pdf_grow(&pdf->pages, &pdf->pages_cap, (size_t)pdf->page_count - 1, sizeof *pdf->pages,
		     PAGE_LIMIT) != 0)
		return -1;
	pdf->pages[pdf->page_count - 1] = page;
	return 0;
}

/* What HPDF_SetPagesConfiguration arranges, from here on: it may only be
 * called before the first page, and would give every document, however
 * short, a tree of pages. libharu's HPDF_AddPage reads these two fields: the
 * next page starts a new node. */
static void page_tree(struct pdf_doc *pdf)
{
	HPDF_Doc doc = pdf->doc;
	doc->page_per_pages = PAGES_PER_NODE;
	doc->cur_page_num = PAGES_PER_NODE;
}

int page_new(struct pdf_doc *pdf)
{
	if (pdf->page_count >= PAGE_LIMIT) {
		diag_error(pdf->source, 0, "more than %d pages; split the guide", PAGE_LIMIT);
		return -1;
	}
	for (int i = pdf->box_count; i-- > 0;) /* the innermost first: it is held in the next */
		box_paint(pdf, &pdf->boxes[i]);
	if (pdf->page_count == PAGE_TREE_FROM)
		page_tree(pdf);
	pdf->page_count++;
	pdf->y = page_top(pdf);
	pdf->at_top = 1;
	pdf->page = NULL;
	HPDF_Page page = HPDF_AddPage(pdf->doc);
	if (!page || remember_page(pdf, page) != 0)
		return -1;
	HPDF_Page_SetWidth(page, (HPDF_REAL)pdf->set.page_width);
	HPDF_Page_SetHeight(page, (HPDF_REAL)pdf->set.page_height);
	pdf->page = page;
	content_reset(&pdf->content, page, &pdf->failed);
	content_tag(&pdf->content, &pdf->tags, pdf->page_count - 1);
	tags_begin_artifact(&pdf->tags);
	furniture_header(pdf);
	tags_end_artifact(&pdf->tags);
	pdf->at_top = 1; /* the header is no content: the page is still empty */
	for (int i = 0; i < pdf->box_count; i++) {
		pdf->boxes[i].top = pdf->y;
		page_hold(pdf);
	}
	return pdf->failed ? -1 : 0;
}

/* A page with nothing on it yet takes what is asked, fitting or not: a block
 * taller than a page would otherwise start new pages for ever. 0.01: heights
 * are sums of line heights, and one that fits exactly must not move. */
int page_need(struct pdf_doc *pdf, double height)
{
	if (pdf->page_count == 0 || (!pdf->at_top && pdf->y - height < page_bottom(pdf) - 0.01))
		return page_new(pdf);
	return 0;
}

/* The next span of one style on LINE from glyph *AT: its style and width. */
static const struct pdf_style *next_span(const struct pdf_text *text, const struct pdf_line *line,
					 size_t *at, double *width)
{
	size_t i = *at;
	*width = 0;
	while (*at < line->end && text->glyphs[*at].style == text->glyphs[i].style)
		*width += text->glyphs[(*at)++].width;
	return &text->styles[text->glyphs[i].style];
}

/* Shading for inline code, under the text. */
static void draw_backgrounds(struct pdf_doc *pdf, const struct pdf_text *text,
			     const struct pdf_line *line, double x, double baseline)
{
	double width;
	for (size_t i = line->start; i < line->end; x += width) {
		const struct pdf_style *style = next_span(text, line, &i, &width);
		if (style->flags & STYLE_CODE)
			page_fill_rect(pdf, x - 1, baseline - 0.25 * style->size, width + 2,
				       1.18 * style->size, pdf->set.code_background);
	}
}

/* Strike-through lines and link areas, over the text. */
static int draw_overlays(struct pdf_doc *pdf, const struct pdf_text *text,
			 const struct pdf_line *line, double x, double baseline)
{
	double width;
	for (size_t i = line->start; i < line->end; x += width) {
		const struct pdf_style *style = next_span(text, line, &i, &width);
		double size = style->size;
		if (style->flags & STYLE_STRIKE)
			page_stroke_line(pdf, x, baseline + 0.3 * size, x + width,
					 baseline + 0.3 * size, size / 14, style->color);
		if (style->flags & STYLE_LINK) {
			page_stroke_line(pdf, x, baseline - 0.12 * size, x + width,
					 baseline - 0.12 * size, 0.4, style->color);
			int elem = pdf->tags.artifact || !style->href ? tags_current(&pdf->tags)
								      : tags_link(&pdf->tags, style->href);
			if (nav_add_link(pdf, x, baseline - 0.25 * size, x + width,
					 baseline + 0.93 * size, style->href, text->line, elem) != 0)
				return -1;
		}
	}
	return 0;
}

/* A list marker beside the first line of its item, on the same baseline. */
static int draw_marker(struct pdf_doc *pdf, double baseline)
{
	const struct pdf_text *marker = pdf->marker;
	pdf->marker = NULL;
	int artifact = pdf->marker_elem == TAG_ARTIFACT;
	if (artifact)
		tags_begin_artifact(&pdf->tags);
	else
		tags_resume(&pdf->tags, pdf->marker_elem);
	int status = content_glyphs(&pdf->content, &pdf->fonts, marker, 0, marker->count,
				    pdf->marker_x, baseline);
	if (artifact)
		tags_end_artifact(&pdf->tags);
	else if (pdf->marker_elem >= 0)
		tags_close(&pdf->tags);
	return status;
}

int page_draw_line(struct pdf_doc *pdf, const struct pdf_text *text, const struct pdf_line *line,
		   double x, double height)
{
	double top = pdf->y;
	pdf->y -= height;
	pdf->at_top = 0;
	if (!pdf->page) {
		pdf->marker = NULL;
		return 0;
	}
	for (int r = 0; r < pdf->rule_count; r++)
		page_stroke_line(pdf, pdf->rules[r].x, top, pdf->rules[r].x, top - height, 1.5,
				 pdf->rules[r].color);
	/* The glyphs' own box (1.18 em: the fonts' ascent and descent) is centred
	 * in the line's HEIGHT, the baseline 0.25 em above the box's foot. */
	double size = line->ascent;
	double baseline = top - height + (height - 1.18 * size) / 2 + 0.25 * size;
	/* A right-to-left line's code shading, links and strike-throughs follow
	 * its glyphs in the order they are drawn (bidi.c), not read. */
	struct pdf_text visual = *text;
	struct pdf_line at = *line;
	visual.glyphs = NULL;
	if (bidi_has_rtl(text, line->start, line->end)) {
		visual.glyphs = malloc((line->end - line->start) * sizeof *visual.glyphs);
		if (!visual.glyphs || bidi_visual(text, line->start, line->end, visual.glyphs) != 0) {
			free(visual.glyphs);
			return -1;
		}
		visual.count = line->end - line->start;
		at.start = 0;
		at.end = visual.count;
	}
	const struct pdf_text *drawn = visual.glyphs ? &visual : text;
	draw_backgrounds(pdf, drawn, &at, x, baseline);
	int status = pdf->marker ? draw_marker(pdf, baseline) : 0;
	if (status == 0)
		status = content_glyphs(&pdf->content, &pdf->fonts, text, line->start, line->end,
					x, baseline);
	if (status == 0)
		status = draw_overlays(pdf, drawn, &at, x, baseline);
	free(visual.glyphs);
	return status != 0 || pdf->failed ? -1 : 0;
}

/* ---- what waits for the last page ---------------------------------------- */

int page_defer_number(struct pdf_doc *pdf, const char *anchor, const char *format,
		      struct pdf_style style, double right)
{
	if (!pdf->page)
		return 0;
	if (pdf_grow(&pdf->numbers, &pdf->number_cap, pdf->number_count, sizeof *pdf->numbers,
		     SIZE_MAX) != 0)
		return -1;
	struct pdf_number *number = &pdf->numbers[pdf->number_count];
	*number = (struct pdf_number){.page = pdf->page_count, .y = pdf->y, .right = right,
				      .style = style, .format = format,
				      .rule_count = pdf->rule_count,
				      .elem = tags_current(&pdf->tags)};
	/* Drawn later, the number still draws the side rules of where it stands,
	 * and keeps its own copies of the anchor and link: the caller's are gone. */
	memcpy(number->rules, pdf->rules, sizeof number->rules);
	number->anchor = strdup(anchor);
	number->href = style.href ? strdup(style.href) : NULL;
	if (!number->anchor || (style.href && !number->href)) {
		free(number->anchor);
		free(number->href);
		return -1;
	}
	number->style.href = number->href;
	pdf->number_count++;
	return 0;
}

/* Makes page N (from 1) the current one again, to draw on it after the rest. */
static void page_revisit(struct pdf_doc *pdf, int n)
{
	pdf->page_count = n;
	pdf->page = pdf->pages[n - 1];
	/* What the stream set last is not known here. */
	content_reset(&pdf->content, pdf->page, &pdf->failed);
	content_tag(&pdf->content, &pdf->tags, n - 1);
	pdf->marker = NULL;
}

static int draw_number(struct pdf_doc *pdf, const struct pdf_number *number)
{
	const struct pdf_anchor *target = nav_find_anchor(pdf, number->anchor);
	char label[128];
	/* Page 0 for an anchor never placed: a wrong number, not a lost PDF. */
	snprintf(label, sizeof label, number->format, target ? target->page : 0);
	struct pdf_text text;
	text_init(&text, pdf->source, 0);
	text.quiet = 1;
	int index = text_style(&text, &number->style);
	int status = index < 0 ? -1 : text_append(&text, &pdf->fonts, index, label, strlen(label));
	if (status == 0) {
		struct pdf_line line = {.start = 0, .end = text.count, .ascent = number->style.size};
		line.width = text_width(&text, 0, text.count);
		page_revisit(pdf, number->page);
		pdf->y = number->y;
		pdf->rule_count = number->rule_count;
		memcpy(pdf->rules, number->rules, sizeof pdf->rules);
		tags_resume(&pdf->tags, number->elem);
		status = page_draw_line(pdf, &text, &line, number->right - line.width,
					line.ascent * pdf->set.line_spacing);
		if (number->elem >= 0)
			tags_close(&pdf->tags);
	}
	text_free(&text);
	return status;
}

int page_finish(struct pdf_doc *pdf)
{
	/* Revisiting sets page_count to the page drawn on, which the footer
	 * prints as its n; it is the total again before the links are made. */
	pdf->total_pages = pdf->page_count;
	for (int n = 1; n <= pdf->total_pages; n++) {
		page_revisit(pdf, n);
		tags_begin_artifact(&pdf->tags);
		furniture_footer(pdf);
		tags_end_artifact(&pdf->tags);
	}
	for (size_t i = 0; i < pdf->number_count; i++)
		if (draw_number(pdf, &pdf->numbers[i]) != 0)
			return -1;
	content_unmark(&pdf->content);
	pdf->page_count = pdf->total_pages;
	if (nav_finish(pdf) != 0)
		return -1;
	HPDF_AddPageLabel(pdf->doc, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
	return pdf->failed ? -1 : 0;
}

void page_free(struct pdf_doc *pdf)
{
	nav_free(pdf);
	for (size_t i = 0; i < pdf->number_count; i++) {
		free(pdf->numbers[i].anchor);
		free(pdf->numbers[i].href);
	}
	free(pdf->numbers);
	pdf->numbers = NULL;
	pdf->number_count = 0;
	free(pdf->pages);
	content_free(&pdf->content);
	pdf->pages = NULL;
}
