/* page.c: the pages of the handout: breaks, header and footer, drawing lines,
 * and the navigation that points into them (anchors, links, outline).
 *
 * The document is laid out and drawn in one pass. What needs pages that do not
 * exist yet waits for page_finish: the footers ("page n of N"), the page numbers
 * of the table of contents and the drill sheet (page_defer_number), and the
 * annotations of links and outline entries, which may point forward. Drawing on
 * an earlier page then only appends to its content stream. */
#include "guide2pdf/handout.h"

#include "diag.h"
#include "htmlsafe.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_LIMIT 100000

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

static int remember_page(struct pdf_doc *pdf, HPDF_Page page)
{
	if (pdf_grow(&pdf->pages, &pdf->pages_cap, (size_t)pdf->page_count - 1, sizeof *pdf->pages,
		     PAGE_LIMIT) != 0)
		return -1;
	pdf->pages[pdf->page_count - 1] = page;
	return 0;
}

int page_new(struct pdf_doc *pdf)
{
	if (pdf->page_count >= PAGE_LIMIT) {
		diag_error(pdf->source, 0, "more than %d pages; split the guide", PAGE_LIMIT);
		return -1;
	}
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
	furniture_header(pdf);
	pdf->at_top = 1; /* the header is no content: the page is still empty */
	return pdf->failed ? -1 : 0;
}

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
			if (page_add_link(pdf, x, baseline - 0.25 * size, x + width,
					  baseline + 0.93 * size, style->href, text->line) != 0)
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
	return content_glyphs(&pdf->content, &pdf->fonts, marker, 0, marker->count, pdf->marker_x,
			      baseline);
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
	double size = line->ascent;
	double baseline = top - height + (height - 1.18 * size) / 2 + 0.25 * size;
	draw_backgrounds(pdf, text, line, x, baseline);
	if (pdf->marker && draw_marker(pdf, baseline) != 0)
		return -1;
	if (content_glyphs(&pdf->content, &pdf->fonts, text, line->start, line->end, x,
			   baseline) != 0)
		return -1;
	if (draw_overlays(pdf, text, line, x, baseline) != 0)
		return -1;
	return pdf->failed ? -1 : 0;
}

/* ---- anchors, links, outline ------------------------------------------ */

/* Anchors are looked up once per link, TOC entry and outline entry: a hash
 * keeps that linear in the size of the guide. */
static size_t hash_id(const char *id)
{
	size_t hash = 14695981039346656037u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		hash = (hash ^ *p) * 1099511628211u;
	return hash;
}

static size_t *anchor_slot(const struct pdf_doc *pdf, const char *id)
{
	size_t mask = pdf->index_size - 1;
	for (size_t at = hash_id(id) & mask;; at = (at + 1) & mask) {
		size_t *slot = &pdf->anchor_index[at];
		if (*slot == 0 || strcmp(pdf->anchors[*slot - 1].id, id) == 0)
			return slot;
	}
}

static int index_grow(struct pdf_doc *pdf)
{
	size_t size = pdf->index_size ? pdf->index_size * 2 : 256;
	size_t *index = calloc(size, sizeof *index);
	if (!index)
		return -1;
	free(pdf->anchor_index);
	pdf->anchor_index = index;
	pdf->index_size = size;
	for (size_t i = 0; i < pdf->anchor_count; i++)
		*anchor_slot(pdf, pdf->anchors[i].id) = i + 1;
	return 0;
}

const struct pdf_anchor *page_find_anchor(const struct pdf_doc *pdf, const char *id)
{
	if (pdf->index_size == 0)
		return NULL;
	size_t slot = *anchor_slot(pdf, id);
	return slot ? &pdf->anchors[slot - 1] : NULL;
}

int page_anchor(struct pdf_doc *pdf, const char *id)
{
	struct pdf_anchor *found = (struct pdf_anchor *)page_find_anchor(pdf, id);
	if (!found) {
		if ((pdf->anchor_count + 1) * 2 > pdf->index_size && index_grow(pdf) != 0)
			return -1;
		if (pdf_grow(&pdf->anchors, &pdf->anchor_cap, pdf->anchor_count, sizeof *pdf->anchors,
			     SIZE_MAX) != 0)
			return -1;
		found = &pdf->anchors[pdf->anchor_count];
		found->id = strdup(id);
		if (!found->id)
			return -1;
		*anchor_slot(pdf, id) = ++pdf->anchor_count;
	}
	found->page = pdf->page_count;
	found->y = pdf->y;
	return 0;
}

int page_add_link(struct pdf_doc *pdf, double x0, double y0, double x1, double y1,
		  const char *href, long line)
{
	if (!pdf->page || !href)
		return 0;
	if (pdf_grow(&pdf->links, &pdf->link_cap, pdf->link_count, sizeof *pdf->links, SIZE_MAX) != 0)
		return -1;
	char *copy = strdup(href);
	if (!copy)
		return -1;
	pdf->links[pdf->link_count++] = (struct pdf_link){
		.page = pdf->page_count, .line = line, .x0 = x0, .y0 = y0, .x1 = x1, .y1 = y1,
		.href = copy};
	return 0;
}

int page_add_mark(struct pdf_doc *pdf, int level, const char *title, const char *anchor)
{
	if (pdf_grow(&pdf->marks, &pdf->mark_cap, pdf->mark_count, sizeof *pdf->marks, SIZE_MAX) != 0)
		return -1;
	struct pdf_mark *mark = &pdf->marks[pdf->mark_count];
	mark->level = level;
	mark->title = strdup(title);
	mark->anchor = strdup(anchor);
	if (!mark->title || !mark->anchor) {
		free(mark->title);
		free(mark->anchor);
		return -1;
	}
	pdf->mark_count++;
	return 0;
}

static HPDF_Destination destination(struct pdf_doc *pdf, const struct pdf_anchor *anchor)
{
	if (!anchor || anchor->page < 1 || anchor->page > pdf->page_count)
		return NULL;
	HPDF_Destination dst = HPDF_Page_CreateDestination(pdf->pages[anchor->page - 1]);
	if (dst)
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(anchor->y + 4), 1);
	return dst;
}

static int finish_links(struct pdf_doc *pdf)
{
	for (size_t i = 0; i < pdf->link_count; i++) {
		const struct pdf_link *link = &pdf->links[i];
		HPDF_Rect rect = {(HPDF_REAL)link->x0, (HPDF_REAL)link->y0, (HPDF_REAL)link->x1,
				  (HPDF_REAL)link->y1};
		HPDF_Page page = pdf->pages[link->page - 1];
		HPDF_Annotation annot;
		if (link->href[0] == '#') {
			HPDF_Destination dst =
				destination(pdf, page_find_anchor(pdf, link->href + 1));
			if (!dst) {
				diag_warning(pdf->source, link->line,
					     "link to '%s' has no target in the guide; left as text",
					     link->href);
				continue;
			}
			annot = HPDF_Page_CreateLinkAnnot(page, rect, dst);
		} else if (htmlsafe_url_ok(link->href)) {
			annot = HPDF_Page_CreateURILinkAnnot(page, rect, link->href);
		} else {
			/* javascript:, data:, file: and the like never become actions. */
			diag_warning(pdf->source, link->line,
				     "link to '%.60s' is not a web or mail address; left as text",
				     link->href);
			continue;
		}
		if (!annot)
			return -1;
		HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
	}
	return 0;
}

static int finish_outline(struct pdf_doc *pdf)
{
	HPDF_Encoder encoder = HPDF_GetEncoder(pdf->doc, "UTF-8");
	HPDF_Outline parents[PDF_MARK_LEVELS] = {NULL};
	for (size_t i = 0; i < pdf->mark_count; i++) {
		const struct pdf_mark *mark = &pdf->marks[i];
		int level = mark->level < PDF_MARK_LEVELS ? mark->level : PDF_MARK_LEVELS - 1;
		HPDF_Outline under = level > 0 ? parents[level - 1] : NULL;
		HPDF_Outline item = HPDF_CreateOutline(pdf->doc, under, mark->title, encoder);
		if (!item)
			return -1;
		HPDF_Destination dst = destination(pdf, page_find_anchor(pdf, mark->anchor));
		if (dst)
			HPDF_Outline_SetDestination(item, dst);
		HPDF_Outline_SetOpened(item, HPDF_FALSE);
		parents[level] = item;
		for (int deeper = level + 1; deeper < PDF_MARK_LEVELS; deeper++)
			parents[deeper] = NULL;
	}
	return 0;
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
				      .rule_count = pdf->rule_count};
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
	pdf->marker = NULL;
}

static int draw_number(struct pdf_doc *pdf, const struct pdf_number *number)
{
	const struct pdf_anchor *target = page_find_anchor(pdf, number->anchor);
	char label[128];
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
		status = page_draw_line(pdf, &text, &line, number->right - line.width,
					line.ascent * pdf->set.line_spacing);
	}
	text_free(&text);
	return status;
}

int page_finish(struct pdf_doc *pdf)
{
	pdf->total_pages = pdf->page_count;
	for (int n = 1; n <= pdf->total_pages; n++) {
		page_revisit(pdf, n);
		furniture_footer(pdf);
	}
	for (size_t i = 0; i < pdf->number_count; i++)
		if (draw_number(pdf, &pdf->numbers[i]) != 0)
			return -1;
	pdf->page_count = pdf->total_pages;
	if (finish_links(pdf) != 0 || finish_outline(pdf) != 0)
		return -1;
	HPDF_AddPageLabel(pdf->doc, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
	return pdf->failed ? -1 : 0;
}

void page_free(struct pdf_doc *pdf)
{
	for (size_t i = 0; i < pdf->anchor_count; i++)
		free(pdf->anchors[i].id);
	for (size_t i = 0; i < pdf->mark_count; i++) {
		free(pdf->marks[i].title);
		free(pdf->marks[i].anchor);
	}
	for (size_t i = 0; i < pdf->link_count; i++)
		free(pdf->links[i].href);
	for (size_t i = 0; i < pdf->number_count; i++) {
		free(pdf->numbers[i].anchor);
		free(pdf->numbers[i].href);
	}
	free(pdf->numbers);
	pdf->numbers = NULL;
	pdf->number_count = 0;
	free(pdf->anchors);
	free(pdf->anchor_index);
	free(pdf->links);
	free(pdf->marks);
	free(pdf->pages);
	content_free(&pdf->content);
	pdf->anchors = NULL;
	pdf->anchor_index = NULL;
	pdf->links = NULL;
	pdf->marks = NULL;
	pdf->pages = NULL;
}
