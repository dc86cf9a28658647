/* furniture.c: the parts of the handout that are not the guide's own text:
 * the title page, the table of contents, the running header and the footer.
 *
 * Owns: the title page (title, subtitle, author, source and date, centred),
 * the contents (one entry per section and question, with dot leaders and
 * page numbers that link to their pages), the running header (guide title,
 * section title, rule; not on the title page) and the footer "page n of N".
 * Never: decides page breaks for the guide's text, or knows a page number
 * before every page exists: numbers wait for page_finish (page.c). The
 * outline's entries are collected by navigation.c. */
#include "words.h"
#include "guide2pdf/handout.h"

#include "tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HEADER_SIZE_FACTOR 0.8 /* of small_size */

/* INLINES (or, without them, the plain text PLAIN) centred in the column,
 * broken into lines if long, then AFTER points of space. */
static int centered(struct render *r, const xmlNode *inlines, const char *plain,
		    struct pdf_style style, double after, const char *tag)
{
	tags_open(&r->pdf.tags, tag);
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
	tags_close(&r->pdf.tags);
	return status;
}

int pdf_render_title_page(struct render *r, const xmlNode *meta)
{
	const struct pdf_settings *s = &r->pdf.set;
	if (page_new(&r->pdf) != 0)
		return -1;
	/* The title a quarter down the text area: it reads as a title page. */
	r->pdf.y = page_top(&r->pdf) - (page_top(&r->pdf) - page_bottom(&r->pdf)) * 0.25;
	struct pdf_style title = {.face = FACE_BOLD, .size = s->title_size, .color = s->heading};
	struct pdf_style sub = {.face = FACE_REGULAR, .size = s->body_size * 1.4, .color = s->text};
	struct pdf_style small = {.face = FACE_REGULAR, .size = s->body_size, .color = s->muted};
	if (centered(r, tree_child(meta, "title"), NULL, title, 14, "H1") != 0)
		return -1;
	if (r->drill && centered(r, NULL, "Question sheet", sub, 10, "P") != 0)
		return -1;
	const xmlNode *subtitle = tree_child(meta, "subtitle");
	if (subtitle && centered(r, subtitle, NULL, sub, 24, "P") != 0)
		return -1;
	if (r->author && centered(r, NULL, r->author, sub, 24, "P") != 0)
		return -1;
	char line[512];
	snprintf(line, sizeof line, word_in(r->pdf.lang, WORD_SOURCE), r->pdf.source);
	if (centered(r, NULL, line, small, 4, "P") != 0)
		return -1;
	/* UTC, the date the metadata carry too: the same on every machine. */
	struct tm tm;
	gmtime_r(&r->date, &tm);
	strftime(line, sizeof line, "%Y-%m-%d", &tm);
	return centered(r, NULL, line, small, 20, "P");
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
	double number_width = style.size * 2.2; /* room for four digits */
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
	tags_begin_artifact(&r->pdf.tags);
	int status = draw_right(r, leader, dots, r->pdf.right - number_width);
	tags_end_artifact(&r->pdf.tags);
	free(leader);
	return status == 0 ? page_defer_number(&r->pdf, anchor, "%d", style, r->pdf.right) : -1;
}

/* One entry: text, dot leaders and the page number of ANCHOR, as a link. */
static int toc_entry(struct render *r, const xmlNode *inlines, const char *plain, const char *prefix,
		     const char *anchor, struct pdf_style style, double indent)
{
	int measuring = r->measuring;
	r->measuring = 1; /* the entries repeat text whose own lines warn */
	tags_open(&r->pdf.tags, "TOCI");
	int link = tags_open(&r->pdf.tags, "Link");
	struct pdf_text text;
	struct pdf_lines lines = {0};
	inline_start(r, &text, inlines ? tree_line(inlines) : 0);
	double x = r->pdf.left + indent;
	int status = prefix ? inline_append(r, &text, &style, prefix) : 0;
	if (status == 0)
		status = inlines ? inline_collect(r, &text, inlines, style)
				 : inline_append(r, &text, &style, plain);
	if (status == 0 && text.count == 0) /* an empty title still gets its line */
		status = inline_append(r, &text, &style, " ");
	/* A long title wraps short of the page numbers (3.2 em); its leader and
	 * number go with its last line, and the link covers the whole entry. */
	double width = r->pdf.right - x - style.size * 3.2;
	if (status == 0)
		status = text_break(&text, width, width, &lines);
	if (status == 0 && lines.count == 0)
		status = -1;
	if (status == 0)
		status = flow_fits_page(r, &text, &lines);
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
		char *href = nav_prefixed("#", anchor);
		status = href ? nav_add_link(&r->pdf, x, r->pdf.y, r->pdf.right, top, href, 0, link)
			      : -1;
		free(href);
	}
	tags_close(&r->pdf.tags);
	tags_close(&r->pdf.tags);
	r->measuring = measuring;
	lines_free(&lines);
	text_free(&text);
	return status;
}

static int toc_section(struct render *r, const xmlNode *section, const char *anchor_prefix)
{
	const struct pdf_settings *s = &r->pdf.set;
	struct pdf_style style = {.face = FACE_BOLD, .size = s->body_size, .color = s->text};
	char *anchor = nav_prefixed(anchor_prefix, tree_attr(section, "id"));
	r->pdf.y -= 3;
	int failed = !anchor || toc_entry(r, tree_child(section, "title"), NULL, NULL, anchor,
					  style, 0) != 0;
	free(anchor);
	if (failed)
		return -1;
	struct pdf_style question = {.face = FACE_REGULAR, .size = s->body_size * 0.9, .color = s->text};
	for (const xmlNode *card = tree_first(section); card; card = tree_next(card)) {
		if (!tree_is(card, "card"))
			continue;
		char prefix[32] = "";
		if (tree_attr(card, "number"))
			snprintf(prefix, sizeof prefix, "Q%s. ", tree_attr(card, "number"));
		anchor = nav_prefixed(anchor_prefix, tree_attr(card, "id"));
		failed = !anchor || toc_entry(r, tree_child(card, "question"), NULL, prefix, anchor,
					      question, s->body_size * 1.5) != 0;
		free(anchor);
		if (failed)
			return -1;
	}
	return 0;
}

int pdf_render_toc(struct render *r, const xmlNode *guide, const char *id)
{
	free(r->pdf.section_title);
	const char *contents = word_in(r->pdf.lang, WORD_CONTENTS);
	r->pdf.section_title = strdup(contents);
	if (!r->pdf.section_title || page_new(&r->pdf) != 0)
		return -1;
	if (nav_anchor(&r->pdf, id ? id : "contents") != 0 ||
	    nav_add_mark(&r->pdf, 0, contents, id ? id : "contents", 0) != 0)
		return -1;
	struct pdf_text text;
	inline_start(r, &text, 0);
	struct pdf_style style = {
		.face = FACE_BOLD, .size = r->pdf.set.heading_size[0], .color = r->pdf.set.heading};
	tags_open(&r->pdf.tags, "H1");
	int status = inline_append(r, &text, &style, contents);
	if (status == 0)
		status = block_place_heading(r, &text, 0, 10, NULL, NULL);
	tags_close(&r->pdf.tags);
	text_free(&text);
	tags_open(&r->pdf.tags, "TOC");
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
	tags_close(&r->pdf.tags);
	return status;
}

/* One short string in one face (header, footer): shrunk to fit MAX_WIDTH,
 * not cut, so that a long section title still reads whole. */
static void draw_label(struct pdf_doc *pdf, const char *utf8, double x, double baseline,
		       double size, double max_width, int align_right)
{
	struct pdf_text text;
	text_init(&text, pdf->source, 0);
	text.quiet = 1;
	struct pdf_style style = {.face = FACE_REGULAR, .size = size, .color = pdf->set.muted};
	int index = text_style(&text, &style);
	if (index < 0 || text_append(&text, &pdf->fonts, index, utf8, strlen(utf8)) != 0) {
		text_free(&text);
		return;
	}
	double width = text_width(&text, 0, text.count);
	if (width > max_width && width > 0) {
		style.size = size * max_width / width;
		text_clear(&text);
		index = text_style(&text, &style);
		if (index < 0 || text_append(&text, &pdf->fonts, index, utf8, strlen(utf8)) != 0) {
			text_free(&text);
			return;
		}
		width = text_width(&text, 0, text.count);
	}
	struct pdf_line line = {.start = 0, .end = text.count, .width = width, .ascent = style.size};
	double saved_y = pdf->y;
	int saved_rules = pdf->rule_count;
	const struct pdf_text *saved_marker = pdf->marker;
	pdf->rule_count = 0;
	pdf->marker = NULL; /* a list marker waits for its item's first line */
	double height = style.size * 1.2;
	/* page_draw_line's baseline, solved for the line's top. */
	pdf->y = baseline + height - (height - 1.18 * style.size) / 2 - 0.25 * style.size;
	page_draw_line(pdf, &text, &line, align_right ? x - width : x, height);
	pdf->y = saved_y;
	pdf->rule_count = saved_rules;
	pdf->marker = saved_marker;
	text_free(&text);
}

static double label_size(const struct pdf_doc *pdf)
{
	return pdf->set.small_size * HEADER_SIZE_FACTOR;
}

/* Guide title, section title and a rule; not on the title page. */
void furniture_header(struct pdf_doc *pdf)
{
	const struct pdf_settings *s = &pdf->set;
	double size = label_size(pdf);
	double left = s->margin_left, right = s->page_width - s->margin_right;
	double half = (right - left) / 2 - size;
	if (pdf->page_count > 1) {
		double baseline = s->page_height - s->margin_top / 2; /* mid-margin */
		if (pdf->guide_title)
			draw_label(pdf, pdf->guide_title, left, baseline, size, half, 0);
		if (pdf->section_title)
			draw_label(pdf, pdf->section_title, right, baseline, size, half, 1);
		page_stroke_line(pdf, left, baseline - size * 0.6, right, baseline - size * 0.6, 0.4,
				 s->rule);
	}
}

/* "page n of N" on the current page, once N is known. */
void furniture_footer(struct pdf_doc *pdf)
{
	const struct pdf_settings *s = &pdf->set;
	double size = label_size(pdf);
	double left = s->margin_left, right = s->page_width - s->margin_right;
	char footer[64];
	snprintf(footer, sizeof footer, word_in(pdf->lang, WORD_PAGE_OF), pdf->page_count,
		 pdf->total_pages);
	draw_label(pdf, footer, (left + right) / 2 + size * 3.5, s->margin_bottom / 2, size,
		   (right - left) / 2 - size, 1);
}
