/* code.c: code blocks and raw HTML, as shaded boxes that may cross pages.
 *
 * Owns: the box of a code block (its background, padding, the language label
 * at its top right), its page breaks (a block under CODE_KEEP_LINES lines
 * never splits; a longer one leaves at least MIN_LINES on each side; a
 * diagram inside moves whole to the next page when it fits on one, and a
 * line that introduces what follows, "ARCHITECTURE:", moves with it), and
 * the mark that starts a wrapped line's continuation. Never: splits, wraps or
 * sizes the code itself (codelayout.c), or runs or interprets raw HTML: it
 * is shown as code. */
#include "guide2pdf/handout.h"

#include "tree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The padding above a box's first line: room for the language label. */
static double code_pad_top(const struct render *r, const char *lang)
{
	double pad = r->pdf.set.code_padding;
	return lang ? fmax(pad, r->pdf.set.small_size * 1.3) : pad;
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
	tags_begin_artifact(&r->pdf.tags); /* the tree's attribute, not its text */
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
	tags_end_artifact(&r->pdf.tags);
	text_free(&text);
	return status;
}

/* A code box as it is being drawn: where it stands, its line height and
 * font size (smaller for a diagram), its padding (more above when a label
 * is there), and the mark a wrapped line continues after. */
struct code_box {
	double x, width, line, size, pad_top, pad;
	double top; /* of the box's part on this page */
	int empty;  /* no line drawn in that part yet */
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
	box->empty = 1;
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
	box->empty = 1;
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
		r->pdf.marker_elem = TAG_ARTIFACT; /* the wrap's mark is no text of the code */
		r->pdf.marker_x = x;
		x += box->mark_width;
	}
	/* Every line of the box one height, whatever its characters' fonts, so
	 * that box-drawing lines join from one line to the next. */
	struct pdf_line copy = *line;
	copy.ascent = box->size;
	box->empty = 0;
	return page_draw_line(&r->pdf, text, &copy, x, box->line);
}

static size_t visual_lines(const struct code_lines *code, size_t from, size_t to)
{
	size_t lines = 0;
	for (size_t i = from; i < to; i++)
		lines += code->broken[i].count;
	return lines;
}

/* The source line after FROM's blank lines, or COUNT at the end. */
static size_t skip_blank(const struct code_lines *code, size_t from)
{
	while (from < code->count && code_is_blank(&code->texts[from]))
		from++;
	return from;
}

/* What must stay on one page from source line FROM, as a height (0: none):
 * a drawing (lines with box-drawing characters), whole when it fits on a
 * PAGE; a line that introduces what follows (it ends in a colon), with the
 * blank lines after it and the drawing they lead to, or else KEEP_LINES
 * lines of what follows; and when those start with an introduction too
 * ("# The class:" above "class A:"), up to KEEP_LINES of them in a row.
 * *COVERED: the source lines it answers for, which are not asked again: a
 * drawing's own; an introduction's blank lines, and the drawing after it
 * when too tall to go with it, so that its own move to the next page does
 * not leave the introduction behind. */
static double kept_height(const struct code_lines *code, size_t from, double line, double page,
			  size_t *covered)
{
	size_t next = from, intro = 0;
	*covered = 1;
	for (int links = 0; links < KEEP_LINES && code_introduces(&code->texts[next]); links++) {
		size_t after = skip_blank(code, next + 1);
		if (after == code->count) /* it introduces nothing */
			break;
		intro += visual_lines(code, next, after);
		if (links == 0)
			*covered = after - from;
		next = after;
	}
	if (code_has_box_drawing(&code->texts[next]) &&
	    (next == 0 || !code_has_box_drawing(&code->texts[next - 1]))) {
		size_t end = next;
		while (end < code->count && code_has_box_drawing(&code->texts[end]))
			end++;
		double height = (double)(intro + visual_lines(code, next, end)) * line;
		*covered = end - from;
		if (height <= page)
			return height;
		*covered = next - from + 1;
	}
	if (next == from) /* no introduction; a drawing taller than a page, split */
		return 0;
	size_t after = 0; /* up to KEEP_LINES, counted no further: linear in the block */
	for (size_t i = next; i < code->count && after < KEEP_LINES; i++)
		after += code->broken[i].count;
	return (double)(intro + (after < KEEP_LINES ? after : KEEP_LINES)) * line;
}

/* A page's room for a box's lines, under its padding above and below. */
static double code_page(const struct render *r, const struct code_box *box)
{
	return page_top(&r->pdf) - page_bottom(&r->pdf) - 2 * box->pad;
}

/* What the box keeps together at its start: the whole of a short block
 * (under CODE_KEEP_LINES lines), else KEEP_LINES lines, or more when one of
 * those lines introduces or begins a drawing (kept_height): a page break
 * for it further down would leave the box's first lines, and any heading
 * above them, alone at the foot of the page. */
static double code_keep(const struct render *r, const struct code_lines *code,
			const struct code_box *box)
{
	size_t total = visual_lines(code, 0, code->count);
	if (total < CODE_KEEP_LINES)
		return box->pad_top + box->pad + (double)total * box->line;
	/* The box's first part has the label's padding above it: less room. */
	double page = code_page(r, box), first = page - (box->pad_top - box->pad);
	double keep = KEEP_LINES * box->line;
	size_t before = 0, covered;
	for (size_t i = 0; i < code->count && before < KEEP_LINES; i++) {
		double kept = (double)before * box->line + kept_height(code, i, box->line, page, &covered);
		if (kept > (double)before * box->line && kept <= first)
			keep = fmax(keep, kept + box->pad);
		before += code->broken[i].count;
	}
	return box->pad_top + keep;
}

/* The whole box, breaking a page before what must stay together and does
 * not fit (kept_height), unless nothing of the box is on the page yet. */
static int place_code(struct render *r, struct code_lines *code, struct code_box *box)
{
	if (page_need(&r->pdf, code_keep(r, code, box)) != 0 || code_box_top(r, box) != 0)
		return -1;
	size_t left = visual_lines(code, 0, code->count), asked = 0;
	for (size_t i = 0; i < code->count; i++) {
		if (i >= asked) {
			size_t covered;
			double kept = kept_height(code, i, box->line, code_page(r, box), &covered);
			double room = r->pdf.y - box->pad - page_bottom(&r->pdf) + 0.01;
			asked = i + covered;
			if (kept > room && !box->empty && code_page_break(r, box) != 0)
				return -1;
		}
		for (size_t k = 0; k < code->broken[i].count; k++, left--)
			if (draw_code_line(r, box, &code->texts[i], &code->broken[i].items[k],
					   left) != 0)
				return -1;
	}
	code_box_bottom(r, box);
	return 0;
}

/* CODE laid out in its box: its size (smaller for a diagram), its lines
 * split and wrapped behind the continuation mark, which MARK holds. */
static int layout_code(struct render *r, const char *code, const unsigned char *kinds, long line,
		       const char *lang, struct pdf_color color, struct code_box *box,
		       struct pdf_text *mark, struct code_lines *lines)
{
	*box = (struct code_box){.x = r->pdf.left, .width = flow_width(r), .lang = lang};
	box->pad = r->pdf.set.code_padding;
	box->pad_top = code_pad_top(r, lang);
	double inner = box->width - 2 * box->pad;
	box->size = code_fit_size(&r->pdf.fonts, code, r->pdf.set.code_size, inner);
	box->line = box->size * r->pdf.set.code_spacing;
	struct pdf_style style = {.face = FACE_MONO, .size = box->size, .color = color};
	struct pdf_style mark_style = {.face = FACE_MONO, .size = box->size,
				       .color = r->pdf.set.accent};
	inline_start(r, mark, line);
	int status = inline_append(r, mark, &mark_style, "\xE2\x86\xAA ");
	box->mark = mark;
	box->mark_width = text_width(mark, 0, mark->count);
	struct pdf_style kind_styles[CODE_KINDS];
	for (int i = 0; i < CODE_KINDS; i++) {
		kind_styles[i] = style;
		kind_styles[i].color = r->pdf.set.code_kind[i];
		kind_styles[i].face = r->pdf.set.code_kind_face[i];
	}
	struct code_runs runs = {kinds, kind_styles};
	if (status == 0)
		status = code_split_runs(&r->pdf.fonts, code, kinds ? &runs : NULL, r->pdf.source, line,
					 r->measuring, style, lines);
	/* A diagram's lines are never wrapped: it was shrunk to fit instead. */
	double first = code_is_diagram(code) ? 1e9 : inner;
	if (status == 0)
		status = code_break(lines, first, inner - box->mark_width, box->size);
	return status;
}

static int render_code(struct render *r, const char *code, const unsigned char *kinds,
		       long line, const char *lang, struct pdf_color color)
{
	struct code_box box;
	struct pdf_text mark;
	struct code_lines lines = {0};
	int status = layout_code(r, code, kinds, line, lang, color, &box, &mark, &lines);
	tags_open(&r->pdf.tags, "Code");
	if (status == 0)
		status = place_code(r, &lines, &box);
	tags_close(&r->pdf.tags);
	r->pdf.marker = NULL;
	code_lines_free(&lines);
	text_free(&mark);
	if (status == 0)
		flow_gap(r, r->pdf.set.paragraph_gap);
	return status;
}

/* The bytes of CODE that code_keep can look at, when CODE draws nothing: its
 * first source lines up to the twelfth that is not blank. code_keep asks
 * about its first KEEP_LINES visual lines, an introduction there leads on
 * through at most KEEP_LINES more, each with the blank lines after it, and
 * then KEEP_LINES lines: the eighth line that is not blank at most. A block
 * that draws (box-drawing characters or their arrows) is looked at whole: a
 * drawing is kept together however long. Laying out only the start made
 * measuring a block cost little next to drawing it. */
static size_t code_keep_prefix(const char *code)
{
	size_t nonblank = 0;
	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		if (p[0] == 0xE2 && (p[1] == 0x94 || p[1] == 0x95 ||
				     (p[1] == 0x96 && (p[2] == 0xB2 || p[2] == 0xBC))))
			return strlen(code);
	const char *p = code;
	while (*p && nonblank < 12) {
		size_t n = strcspn(p, "\n");
		nonblank += strspn(p, " \t") < n;
		p += n + (p[n] == '\n');
	}
	return (size_t)(p - code);
}

/* The height the start of a code block keeps together, to keep a heading or
 * an introduction with it. Counted from the bytes (columns of the monospace
 * font, 0.602 em; a diagram's smaller lines counted full size), unless one
 * of its first lines may introduce something or begin a drawing: then laid
 * out as drawn. */
/* The lead height of NODE as last measured in this column on these pages,
 * or -1. */
static double remembered_lead(const struct render *r, const xmlNode *node, double width,
			      double page)
{
	for (size_t i = 0; i < sizeof r->leads / sizeof r->leads[0]; i++)
		if (r->leads[i].node == node && r->leads[i].width == width && r->leads[i].page == page)
			return r->leads[i].height;
	return -1;
}

static double measure_code_lead(struct render *r, const xmlNode *node);

/* Measured once for each column width and page height: what it depends on
 * besides the block (its first lines' layout is quiet, no warning). */
double code_lead_height(struct render *r, const xmlNode *node)
{
	double width = flow_width(r), page = page_top(&r->pdf) - page_bottom(&r->pdf);
	double height = remembered_lead(r, node, width, page);
	if (height >= 0)
		return height;
	height = measure_code_lead(r, node);
	r->leads[r->lead_next] = (struct lead_memo){node, width, page, height};
	r->lead_next = (r->lead_next + 1) % (sizeof r->leads / sizeof r->leads[0]);
	return height;
}

static double measure_code_lead(struct render *r, const xmlNode *node)
{
	char *text = tree_code_text(node);
	if (!text)
		return 0;
	const char *code = text, *lang = tree_attr(node, "lang");
	const struct pdf_settings *s = &r->pdf.set;
	double height;
	if (code_start_may_keep(code, KEEP_LINES)) {
		struct code_box box;
		struct pdf_text mark = {0};
		struct code_lines lines = {0};
		int measuring = r->measuring;
		r->measuring = 1;
		size_t prefix = code_keep_prefix(code);
		char *start = code[prefix] ? strndup(code, prefix) : NULL;
		height = (code[prefix] && !start) ||
				 layout_code(r, start ? start : code, NULL, tree_line(node), lang,
					     s->code_text, &box, &mark, &lines) != 0
				 ? 0
				 : code_keep(r, &lines, &box);
		free(start);
		r->measuring = measuring;
		code_lines_free(&lines);
		text_free(&mark);
	} else {
		double columns = (flow_width(r) - 2 * s->code_padding) / (0.602 * s->code_size);
		size_t count = code_count_lines(code, columns);
		double line = s->code_size * s->code_spacing, top = code_pad_top(r, lang);
		height = count < CODE_KEEP_LINES ? top + s->code_padding + (double)count * line
						 : top + KEEP_LINES * line;
	}
	free(text);
	return height;
}

int pdf_render_codeblock(struct render *r, const xmlNode *node)
{
	char *code = tree_code_text(node);
	if (!code)
		return -1;
	unsigned char *kinds = tree_code_kinds(node, strlen(code));
	const char *lang = tree_attr(node, "lang");
	int status = render_code(r, code, kinds, tree_line(node), lang, r->pdf.set.code_text);
	free(kinds);
	free(code);
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
