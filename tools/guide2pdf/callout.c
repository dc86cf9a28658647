/* callout.c: callouts and <details> outside questions.
 *
 * Owns: the callout's box (a tint, a bar in the kind's colour, padding), its
 * label line ("Warning · Exam Tip") kept with the start of its body, and
 * the details block printed open: its summary as a bold lead line, its body
 * behind a side rule. Never: breaks a page itself (page.c ends a box on one
 * page and opens it again on the next), or draws the blocks inside
 * (blocks.c does); and never nests without bound (MAX_DEPTH). */
#include "words.h"
#include "guide2pdf/handout.h"

#include "diag.h"
#include "tree.h"

#include <string.h>

#define MAX_DEPTH 64   /* as blocks.c: callouts and details count with quotes */
#define PAD 6.0        /* points inside the box, around its content */
#define BAR 3.0        /* the bar on its left (page.c draws it 3 points wide) */
#define MIN_COLUMN 120.0 /* as blocks.c: a narrower box is drawn unindented */

/* The colours of each kind: GitHub's for its five alerts, blue and red for
 * the admonitions' info and danger. The tint is the colour at about 8 %. */
static const struct {
	const char *kind;
	struct pdf_color bar;
} KINDS[] = {
	{"note", {0.035, 0.412, 0.855}},      {"tip", {0.102, 0.498, 0.216}},
	{"important", {0.510, 0.314, 0.875}}, {"warning", {0.604, 0.404, 0.0}},
	{"caution", {0.820, 0.141, 0.184}},   {"info", {0.0, 0.447, 0.620}},
	{"danger", {0.820, 0.141, 0.184}},
};

static struct pdf_color kind_color(const char *kind)
{
	for (size_t i = 0; i < sizeof KINDS / sizeof *KINDS; i++)
		if (strcmp(KINDS[i].kind, kind) == 0)
			return KINDS[i].bar;
	return KINDS[0].bar;
}

static struct pdf_color tint(struct pdf_color c)
{
	return (struct pdf_color){0.92 + 0.08 * c.r, 0.92 + 0.08 * c.g, 0.92 + 0.08 * c.b};
}

static int enter(struct render *r, const xmlNode *node)
{
	if (r->depth >= MAX_DEPTH) {
		diag_error(r->pdf.source, tree_line(node), "callouts nested too deeply");
		return -1;
	}
	r->depth++;
	return 0;
}

/* The first block of NODE's body: after its title or summary. */
static const xmlNode *first_block(const xmlNode *node)
{
	const xmlNode *first = tree_first(node);
	return tree_is(first, "title") || tree_is(first, "summary") ? tree_next(first) : first;
}

/* "Warning" in the kind's colour, then " · " and the guide's title. */
static int callout_label(struct render *r, const xmlNode *node, struct pdf_color color,
			 struct pdf_text *text)
{
	inline_start(r, text, tree_line(node));
	struct pdf_style style = inline_base_style(r);
	style.face = FACE_BOLD;
	style.color = color;
	const xmlNode *title = tree_child(node, "title");
	if (inline_append(r, text, &style, word_callout(r->pdf.lang, tree_attr(node, "kind"))) != 0)
		return -1;
	if (!title)
		return 0;
	style.color = r->pdf.set.text;
	if (inline_append(r, text, &style, " \xC2\xB7 ") != 0)
		return -1;
	return inline_collect(r, text, title, style);
}

int pdf_render_callout(struct render *r, const xmlNode *node)
{
	if (enter(r, node) != 0)
		return -1;
	struct pdf_color color = kind_color(tree_attr(node, "kind"));
	struct pdf_text label;
	int status = callout_label(r, node, color, &label);
	/* The box starts where its label and the start of its body fit. */
	if (status == 0)
		status = page_need(&r->pdf, 2 * PAD + r->pdf.set.body_size * r->pdf.set.line_spacing +
						    block_lead_height(r, first_block(node)));
	/* Nested deep, the column runs out: the rest go on unboxed, as quotes do. */
	int room = flow_width(r) - (BAR + 2 * PAD + 2) >= MIN_COLUMN;
	int boxed = status == 0 && room &&
		    page_box_begin(&r->pdf, r->pdf.left, flow_width(r), tint(color), color);
	double left = r->pdf.left, right = r->pdf.right;
	if (boxed) {
		r->pdf.left += BAR + PAD + 2;
		r->pdf.right -= PAD;
		r->pdf.y -= PAD;
		r->pdf.at_top = 0;
	}
	tags_open(&r->pdf.tags, "P");
	if (status == 0)
		status = block_place_heading(r, &label, 0, 3, first_block(node), NULL);
	tags_close(&r->pdf.tags);
	if (status == 0)
		status = pdf_render_blocks(r, node);
	if (boxed)
		r->pdf.y -= PAD / 2;
	r->pdf.left = left;
	r->pdf.right = right;
	page_box_end(&r->pdf, boxed);
	text_free(&label);
	r->depth--;
	if (status == 0)
		flow_gap(r, r->pdf.set.paragraph_gap);
	return status;
}

/* Printed open: the summary as a bold line, the body under it. */
int pdf_render_details(struct render *r, const xmlNode *node)
{
	if (enter(r, node) != 0)
		return -1;
	struct pdf_text text;
	inline_start(r, &text, tree_line(node));
	struct pdf_style style = inline_base_style(r);
	style.face = face_bold(style.face);
	tags_open(&r->pdf.tags, "P");
	int status = inline_append(r, &text, &style, "\xE2\x96\xBE ");
	if (status == 0)
		status = inline_collect(r, &text, tree_child(node, "summary"), style);
	if (status == 0)
		status = inline_mark_languages(r, &text);
	if (status == 0)
		status = block_place_heading(r, &text, 0, 3, first_block(node), NULL);
	tags_close(&r->pdf.tags);
	text_free(&text);
	double indent = block_push_rule(r, r->pdf.set.body_size * 1.4, r->pdf.set.rule);
	if (status == 0)
		status = pdf_render_blocks(r, node);
	block_pop_rule(r, indent);
	r->depth--;
	return status;
}
