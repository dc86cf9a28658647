/* drill.c: the drill sheet (--drill): questions to answer on paper.
 *
 * Owns: the sheet's body: each section of questions with every question, its
 * reason and ruled lines to write on, kept together on a page, and a link to
 * its answer ("answer on page N"); then the answers, as an appendix, under
 * the same sections. Never: shows the guide's prose sections or intro (only
 * sections of kind "questions"), or draws a card other than through card.c,
 * so the sheet and the handout show a card alike. */
#include "words.h"
#include "guide2pdf/handout.h"

#include "tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANSWERS_PREFIX "Answers: "

/* "answer on page N", a link to the card's answer in the appendix; N is
 * known only once the appendix is laid out, so it is drawn at the end. */
static int drill_answer_link(struct render *r, const xmlNode *card)
{
	char *href = nav_prefixed("#answer-", tree_attr(card, "id"));
	if (!href)
		return -1;
	struct pdf_style style = {.face = FACE_ITALIC, .size = r->pdf.set.small_size,
				  .flags = STYLE_LINK, .color = r->pdf.set.link, .href = href};
	r->pdf.y -= 2;
	char *format = r->pdf.answer_on_page;
	if (!format[0])
		snprintf(format, sizeof r->pdf.answer_on_page, "%s \xE2\x86\x92",
			 word_in(r->pdf.lang, WORD_ANSWER_ON_PAGE));
	int status = page_defer_number(&r->pdf, href + 1, format, style, r->pdf.right);
	r->pdf.y -= r->pdf.set.small_size * r->pdf.set.line_spacing;
	free(href);
	return status;
}

/* DRILL_LINES ruled lines to write the answer on, twice the body size apart
 * (room for handwriting), and the link to the answer under them. */
static int drill_ruled_space(struct render *r, const xmlNode *card)
{
	double line = r->pdf.set.body_size * 2;
	double link = 2 + r->pdf.set.small_size * r->pdf.set.line_spacing;
	if (page_need(&r->pdf, line * r->pdf.set.drill_lines + link) != 0)
		return -1;
	for (int i = 0; i < r->pdf.set.drill_lines; i++) {
		r->pdf.y -= line;
		r->pdf.at_top = 0;
		page_stroke_line(&r->pdf, r->pdf.left, r->pdf.y, r->pdf.right, r->pdf.y, 0.4,
				 r->pdf.set.rule);
	}
	if (drill_answer_link(r, card) != 0)
		return -1;
	r->pdf.y -= r->pdf.set.paragraph_gap;
	return 0;
}

static int drill_card(struct render *r, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	/* The question, its reason and the space for the answer stay together. */
	const struct pdf_settings *s = &r->pdf.set;
	/* Two lines for the question: a guess that spares laying it out twice. */
	double question = 2 * s->heading_size[1] * s->line_spacing;
	double reason = why ? block_lead_height(r, why) : 0;
	double space = s->drill_lines * s->body_size * 2 + s->small_size * s->line_spacing + 2;
	if (page_need(&r->pdf, question + reason + space) != 0)
		return -1;
	if (pdf_render_question(r, card, tree_attr(card, "id"), why, 1) != 0 ||
	    pdf_render_prompt(r, card) != 0)
		return -1;
	if (why && pdf_render_why(r, why) != 0)
		return -1;
	return drill_ruled_space(r, card);
}

/* The appendix: every card again, with its answer. A card's place here is
 * "answer-ID" (its section's "answers-ID"), since ID itself is the question
 * on the sheet, which the contents and the outline point to. */
static int drill_answers(struct render *r, const xmlNode *guide)
{
	free(r->pdf.section_title);
	r->pdf.section_title = strdup("Answers");
	if (!r->pdf.section_title || page_new(&r->pdf) != 0 ||
	    nav_add_mark(&r->pdf, 0, "Answers", "answers", 0) != 0 || nav_anchor(&r->pdf, "answers") != 0)
		return -1;
	for (const xmlNode *section = tree_first(guide); section; section = tree_next(section)) {
		if (!tree_is(section, "section") || strcmp(tree_attr(section, "kind"), "questions") != 0)
			continue;
		if (section_set_title(r, section, ANSWERS_PREFIX) != 0)
			return -1;
		char *anchor = nav_prefixed("answers-", tree_attr(section, "id"));
		const char *title = r->pdf.section_title + strlen(ANSWERS_PREFIX);
		int status = !anchor || nav_add_mark(&r->pdf, 1, title, anchor, tree_line(section)) != 0 ||
			     section_heading(r, section, anchor, ANSWERS_PREFIX) != 0;
		free(anchor);
		if (status)
			return -1;
		for (const xmlNode *card = tree_first(section); card; card = tree_next(card)) {
			if (!tree_is(card, "card"))
				continue;
			const xmlNode *answer = tree_child(card, "answer");
			anchor = nav_prefixed("answer-", tree_attr(card, "id"));
			status = !anchor || pdf_render_question(r, card, anchor, answer, 2) != 0 ||
				 pdf_render_answer(r, answer) != 0;
			free(anchor);
			if (status)
				return -1;
		}
	}
	return 0;
}

int pdf_render_drill(struct render *r, const xmlNode *guide)
{
	for (const xmlNode *section = tree_first(guide); section; section = tree_next(section)) {
		if (!tree_is(section, "section") || strcmp(tree_attr(section, "kind"), "questions") != 0)
			continue;
		if (section_set_title(r, section, "") != 0 || page_new(&r->pdf) != 0)
			return -1;
		const char *id = tree_attr(section, "id");
		if (nav_add_mark(&r->pdf, 0, r->pdf.section_title, id, tree_line(section)) != 0 ||
		    section_heading(r, section, id, NULL) != 0)
			return -1;
		for (const xmlNode *card = tree_first(section); card; card = tree_next(card))
			if (tree_is(card, "card") && drill_card(r, card) != 0)
				return -1;
	}
	return drill_answers(r, guide);
}
