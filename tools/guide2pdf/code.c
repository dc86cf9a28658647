/* code.c: code blocks and raw HTML, as shaded boxes that may cross pages.
 *
 * Owns: the box of a code block (its background, padding, the language label
 * at its top right), its page breaks (a block under CODE_KEEP_LINES lines
 * never splits; a longer one leaves at least MIN_LINES on each side; a
 * diagram inside moves whole to the next page when it fits on one), and the
 * mark that starts a wrapped line's continuation. Never: splits, wraps or
 * sizes the code itself (codelayout.c), or runs or interprets raw HTML: it
 * is shown as code. */
#include "guide2pdf/handout.h"

#include "tree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The visual lines of a code block, wrapping included, counted in columns of
 * the monospace font (0.602 em), to keep a heading with the block's start. */
size_t code_line_estimate(const struct render *r, const xmlNode *node)
{
	xmlChar *code = xmlNodeGetContent(node);
	if (!code)
		return 0;
	double columns = (flow_width(r) - 2 * r->pdf.set.code_padding) /
			 (0.602 * r->pdf.set.code_size);
	size_t count = code_count_lines((const char *)code, columns);
	xmlFree(code);
	return count;
}

/* The block's language, small, in the top right corner of the box, in the
 * padding above the first line (pad_top makes room for it). Drawn without a
 * quote's side rules, which the box's own line already has. */
static int draw_code_label(struct render *r, const char *lang, double top)
{
	struct pdf_text text;
	inline_start(r, &text, 0);
	struct pdf_style style = {
		.face = FACE_REGULAR, .size = r->pdf.set.small_size * 0.85, .color = r->pdf.set.muted};
	int status = inline_append(r, &text, &style, lang);
	if (status == 0) {
		struct pdf_line line = {.start = 0, .end = text.count, .ascent = style.size};
		line.width = text_width(&text, 0, text.count);
		double saved = r->pdf.y;
		int rules = r->pdf.rule_count;
		r->pdf.rule_count = 0;
		r->pdf.y = top - 1;
		status = page_draw_line(&r->pdf, &text, &line,
					r->pdf.right - line.width - r->pdf.set.code_padding,
					style.size * 1.2);
		r->pdf.y = saved;
		r->pdf.rule_count = rules;
	}
	text_free(&text);
	return status;
}

/* A code box as it is being drawn: where it stands, its line height and
 * font size (smaller for a diagram), its padding (more above when a label
 * is there), and the mark a wrapped line continues after. */
struct code_box {
	double x, width, line, size, pad_top, pad;
	double top; /* of the box's part on this page */
	const char *lang;
	struct pdf_text *mark;
	double mark_width;
};

/* The box's background is painted once for each page it is on, beneath the
 * lines held back until its height is known (page_hold, page_release). */
static int code_box_top(struct render *r, struct code_box *box)
{
	double top = r->pdf.y;
	box->top = top;
	page_hold(&r->pdf);
	r->pdf.y -= box->pad_top;
	r->pdf.at_top = 0;
	if (box->lang)
		return draw_code_label(r, box->lang, top);
	return 0;
}

static void code_box_bottom(struct render *r, const struct code_box *box)
{
	r->pdf.y -= box->pad;
	page_release(&r->pdf, box->x, r->pdf.y, box->width, box->top - r->pdf.y,
		     r->pdf.set.code_background);
}

/* Ends the box at the foot of the page and opens it again on the next. */
static int code_page_break(struct render *r, struct code_box *box)
{
	code_box_bottom(r, box);
	if (page_new(&r->pdf) != 0)
		return -1;
	struct code_box next = *box;
	next.lang = NULL; /* the label only on the first page of the box */
	next.pad_top = box->pad;
	int status = code_box_top(r, &next);
	box->top = next.top;
	return status;
}

/* Draws one visual line of code; LEFT lines, this one included, remain. A
 * page break leaves no fewer than MIN_LINES lines for the next page. */
static int draw_code_line(struct render *r, struct code_box *box,
			  const struct pdf_text *text, const struct pdf_line *line, size_t left)
{
	double room = r->pdf.y - box->pad - page_bottom(&r->pdf) + 0.01;
	int all_fit = room >= (double)left * box->line;
	if ((room < box->line || (!all_fit && left <= MIN_LINES)) && code_page_break(r, box) != 0)
		return -1;
	double x = box->x + box->pad;
	if (line->continued) { /* the mark goes beside the line, as a list marker does */
		r->pdf.marker = box->mark;
		r->pdf.marker_x = x;
		x += box->mark_width;
	}
	/* Every line of the box one height, whatever its characters' fonts, so
	 * that box-drawing lines join from one line to the next. */
	struct pdf_line copy = *line;
	copy.ascent = box->size;
	return page_draw_line(&r->pdf, text, &copy, x, box->line);
}

/* A drawing inside a code block (lines FROM.. with box-drawing characters)
 * moves to the next page whole rather than split, when it fits on one page. */
static int keep_drawing(struct render *r, const struct code_lines *code, size_t from,
			struct code_box *box)
{
	if (!code_has_box_drawing(&code->texts[from]) ||
	    (from > 0 && code_has_box_drawing(&code->texts[from - 1])))
		return 0;
	size_t lines = 0;
	for (size_t i = from; i < code->count && code_has_box_drawing(&code->texts[i]); i++)
		lines += code->broken[i].count;
	double height = (double)lines * box->line;
	double page = page_top(&r->pdf) - page_bottom(&r->pdf) - 2 * box->pad;
	if (height <= page && r->pdf.y - box->pad - height < page_bottom(&r->pdf) - 0.01)
		return code_page_break(r, box);
	return 0;
}

/* The whole box: a short block (under CODE_KEEP_LINES) moves to the next
 * page whole; a longer one starts here when KEEP_LINES of it fit. */
static int place_code(struct render *r, struct code_lines *code, struct code_box *box)
{
	size_t total = 0;
	for (size_t i = 0; i < code->count; i++)
		total += code->broken[i].count;
	double height = box->pad_top + box->pad + (double)total * box->line;
	double keep = total < CODE_KEEP_LINES ? height : box->pad_top + KEEP_LINES * box->line;
	if (page_need(&r->pdf, keep) != 0 || code_box_top(r, box) != 0)
		return -1;
	size_t left = total;
	for (size_t i = 0; i < code->count; i++) {
		if (keep_drawing(r, code, i, box) != 0)
			return -1;
		for (size_t k = 0; k < code->broken[i].count; k++, left--)
			if (draw_code_line(r, box, &code->texts[i], &code->broken[i].items[k],
					   left) != 0)
				return -1;
	}
	code_box_bottom(r, box);
	return 0;
}

static int render_code(struct render *r, const char *code, const unsigned char *kinds,
		       long line, const char *lang, struct pdf_color color)
{
	struct code_box box = {.x = r->pdf.left, .width = flow_width(r), .lang = lang};
	box.pad = r->pdf.set.code_padding;
	box.pad_top = lang ? fmax(box.pad, r->pdf.set.small_size * 1.3) : box.pad;
	double inner = box.width - 2 * box.pad;
	box.size = code_fit_size(&r->pdf.fonts, code, r->pdf.set.code_size, inner);
	box.line = box.size * r->pdf.set.code_spacing;
	struct pdf_style style = {.face = FACE_MONO, .size = box.size, .color = color};
	struct pdf_style mark_style = {.face = FACE_MONO, .size = box.size, .color = r->pdf.set.accent};
	struct pdf_text mark;
	inline_start(r, &mark, line);
	struct code_lines lines = {0};
	int status = inline_append(r, &mark, &mark_style, "\xE2\x86\xAA ");
	box.mark = &mark;
	box.mark_width = text_width(&mark, 0, mark.count);
	struct pdf_style kind_styles[CODE_KINDS];
	for (int i = 0; i < CODE_KINDS; i++) {
		kind_styles[i] = style;
		kind_styles[i].color = r->pdf.set.code_kind[i];
	}
	struct code_runs runs = {kinds, kind_styles};
	if (status == 0)
		status = code_split_runs(&r->pdf.fonts, code, kinds ? &runs : NULL, r->pdf.source, line,
					 r->measuring, style, &lines);
	/* A diagram's lines are never wrapped: it was shrunk to fit instead. */
	double first = code_is_diagram(code) ? 1e9 : inner;
	if (status == 0)
		status = code_break(&lines, first, inner - box.mark_width, box.size);
	if (status == 0)
		status = place_code(r, &lines, &box);
	r->pdf.marker = NULL;
	code_lines_free(&lines);
	text_free(&mark);
	if (status == 0)
		flow_gap(r, r->pdf.set.paragraph_gap);
	return status;
}

/* The kinds of the code's bytes, from its token runs (see struct code_runs). */
struct kind_fill {
	unsigned char *kinds;
	size_t at, len;
	int any;
};

static int fill_kinds(void *ctx, const char *kind, const char *text, size_t len)
{
	(void)text;
	struct kind_fill *fill = ctx;
	int index = code_kind_index(kind);
	if (len > fill->len - fill->at)
		return -1; /* not the text xmlNodeGetContent gave: draw it plain */
	memset(fill->kinds + fill->at, index + 1, len);
	fill->at += len;
	fill->any |= index >= 0;
	return 0;
}

int pdf_render_codeblock(struct render *r, const xmlNode *node)
{
	xmlChar *code = xmlNodeGetContent(node);
	if (!code)
		return -1;
	struct kind_fill fill = {.len = strlen((const char *)code)};
	fill.kinds = malloc(fill.len + 1);
	if (!fill.kinds || tree_code_runs(node, fill_kinds, &fill) != 0 || fill.at != fill.len)
		fill.any = 0;
	const char *lang = tree_attr(node, "lang");
	int status = render_code(r, (const char *)code, fill.any ? fill.kinds : NULL, tree_line(node),
				 lang, r->pdf.set.code_text);
	free(fill.kinds);
	xmlFree(code);
	return status;
}

/* Raw HTML as its source, muted and labelled "html": a PDF cannot show it as
 * a page would, and dropping it would lose words. */
int pdf_render_raw(struct render *r, const xmlNode *node)
{
	xmlChar *code = xmlNodeGetContent(node);
	if (!code)
		return -1;
	int status = render_code(r, (const char *)code, NULL, tree_line(node), "html", r->pdf.set.muted);
	xmlFree(code);
	return status;
}
