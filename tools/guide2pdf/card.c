/* card.c: a question card: its question, "why they ask" and answer.
 *
 * Owns: the question as a heading (numbered "Qn." when the tree numbers it)
 * with its outline entry, the reason under a side rule in italics, and the
 * answer's label. Both the handout and the drill sheet's answers draw cards
 * through these. Never: decides which cards a document shows or in what
 * order (guide2pdf.c, drill.c); the blocks inside go through blocks.c. */
#include "words.h"
#include "guide2pdf/handout.h"

#include "tree.h"

#include <stdio.h>
#include <stdlib.h>

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
	if (inline_collect(r, text, question, style) != 0)
		return -1;
	return inline_mark_languages(r, text);
}

/* The question as a heading; MARK > 0 puts it in the outline at level MARK. */
int pdf_render_question(struct render *r, const xmlNode *card, const char *anchor,
			const xmlNode *next, int mark)
{
	struct pdf_text text;
	tags_open(&r->pdf.tags, "H2");
	int status = card_heading_text(r, card, &text, r->pdf.set.heading_size[1], r->pdf.set.accent);
	if (status == 0)
		status = block_place_heading(r, &text, r->pdf.set.paragraph_gap * 1.5, 4, next, anchor);
	tags_close(&r->pdf.tags);
	text_free(&text);
	if (status == 0 && mark) {
		char *title = tree_card_title(card);
		status = title ? nav_add_mark(&r->pdf, mark, title, anchor, tree_line(card)) : -1;
		free(title);
	}
	return status;
}

int pdf_render_why(struct render *r, const xmlNode *why)
{
	double indent = block_push_rule(r, r->pdf.set.body_size, r->pdf.set.accent);
	enum pdf_face face = r->base_face;
	struct pdf_color color = r->base_color;
	r->base_face = FACE_ITALIC;
	r->base_color = r->pdf.set.why;
	/* A run-in label, bold before the reason's first paragraph, not a heading
	 * of its own: the reason is a line or two, and reads as one with it. */
	char label[96];
	snprintf(label, sizeof label, "%s:", word_in(r->pdf.lang, WORD_WHY));
	r->prefix = label;
	int status = pdf_render_blocks(r, why);
	r->prefix = NULL;
	r->base_face = face;
	r->base_color = color;
	block_pop_rule(r, indent);
	return status;
}

int pdf_render_answer(struct render *r, const xmlNode *answer)
{
	const char *label = tree_attr(answer, "label");
	/* Under code or options the answer needs its label, or it reads as one
	 * more option: the guide's own word, else the language's. */
	if ((!label || !*label) && answer->parent && tree_child(answer->parent, "prompt"))
		label = word_in(r->pdf.lang, WORD_ANSWER);
	if (label && *label) {
		tags_open(&r->pdf.tags, "P");
		struct pdf_text text;
		inline_start(r, &text, tree_line(answer));
		struct pdf_style style = {.face = FACE_BOLD, .size = r->pdf.set.body_size,
					  .color = r->pdf.set.heading};
		int status = inline_append(r, &text, &style, label);
		if (status == 0)
			status = block_place_heading(r, &text, 2, 2, tree_first(answer), NULL);
		text_free(&text);
		tags_close(&r->pdf.tags);
		if (status != 0)
			return -1;
	}
	/* Headings in the answer rank under the question. */
	int base = r->heading_base, depth = r->heading_depth;
	r->heading_base = 3;
	r->heading_depth = 0;
	int status = pdf_render_blocks(r, answer);
	r->heading_base = base;
	r->heading_depth = depth;
	return status;
}

int pdf_render_prompt(struct render *r, const xmlNode *card)
{
	const xmlNode *prompt = tree_child(card, "prompt");
	return prompt ? pdf_render_blocks(r, prompt) : 0;
}

int pdf_render_card(struct render *r, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	const xmlNode *answer = tree_child(card, "answer");
	/* Kept with the card itself: block_lead_height measures its reason, the
	 * answer's label and the start of the answer. */
	if (pdf_render_question(r, card, tree_attr(card, "id"), card, 1) != 0 ||
	    pdf_render_prompt(r, card) != 0)
		return -1;
	if (why && pdf_render_why(r, why) != 0)
		return -1;
	return pdf_render_answer(r, answer);
}
