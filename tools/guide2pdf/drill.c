/* drill.c: the drill sheet (--drill): questions to answer on paper.
 *
 * Owns: the sheet's body: each section of questions, one after the other,
 * with every question, its reason and ruled lines to write on, kept together
 * on a page, and a link to its answer ("answer on page N"); then the answers,
 * as an appendix, under the same sections, each with a link back to its
 * question ("question on page N"). Never: shows the guide's prose sections or intro (only
 * sections of kind "questions"), or draws a card other than through card.c,
 * so the sheet and the handout show a card alike. */
#include "words.h"
#include "guide2pdf/handout.h"

#include "tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANSWERS_PREFIX "Answers: "

/* A small italic line, right-aligned: FORMAT (WORD of the guide's language,
 * with ARROW before or after it) with the page of ANCHOR, a link to it. The
 * page is known only once the whole document is laid out, so the line is
 * drawn at the end; FORMAT is a buffer of struct pdf_doc, which lives that
 * long. */
static int drill_page_link(struct render *r, const char *anchor, char *format, size_t size,
			   enum word word, const char *before, const char *after)
{
	char *href = nav_prefixed("#", anchor);
	if (!href)
		return -1;
	struct pdf_style style = {.face = FACE_ITALIC, .size = r->pdf.set.small_size,
				  .flags = STYLE_LINK, .color = r->pdf.set.link, .href = href};
	r->pdf.y -= 2;
	if (!format[0])
		snprintf(format, size, "%s%s%s", before, word_in(r->pdf.lang, word), after);
	int status = page_defer_number(&r->pdf, anchor, format, style, r->pdf.right);
	r->pdf.y -= r->pdf.set.small_size * r->pdf.set.line_spacing;
	r->pdf.at_top = 0;
	free(href);
	return status;
}

/* "answer on page N →", to the card's answer in the appendix. */
static int drill_answer_link(struct render *r, const xmlNode *card)
{
	char *anchor = nav_prefixed("answer-", tree_attr(card, "id"));
	int status = !anchor ? -1
			     : drill_page_link(r, anchor, r->pdf.answer_on_page,
					       sizeof r->pdf.answer_on_page, WORD_ANSWER_ON_PAGE,
					       "", " \xE2\x86\x92");
	free(anchor);
	return status;
}

/* "← question on page N", under an answer, back to its question on the
 * sheet, kept on the page of the answer's last line. */
static int drill_question_link(struct render *r, const xmlNode *card)
{
	if (page_need(&r->pdf, 2 + r->pdf.set.small_size * r->pdf.set.line_spacing) != 0)
		return -1;
	return drill_page_link(r, tree_attr(card, "id"), r->pdf.question_on_page,
			       sizeof r->pdf.question_on_page, WORD_QUESTION_ON_PAGE,
			       "\xE2\x86\x90 ", "");
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

/* The height of a card on the sheet: the question, its reason and the
 * space for the answer, which stay together. */
static double drill_card_height(struct render *r, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	const struct pdf_settings *s = &r->pdf.set;
	/* Two lines for the question: a guess that spares laying it out twice. */
	double question = 2 * s->heading_size[1] * s->line_spacing;
	double reason = why ? block_lead_height(r, why) : 0;
	double space = s->drill_lines * s->body_size * 2 + s->small_size * s->line_spacing + 2;
	return question + reason + space;
}

static int drill_card(struct render *r, const xmlNode *card)
{
	const xmlNode *why = tree_child(card, "why");
	if (page_need(&r->pdf, drill_card_height(r, card)) != 0)
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
		flow_gap(r, 2 * r->pdf.set.paragraph_gap); /* after the answer before */
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
				 pdf_render_answer(r, answer) != 0 || drill_question_link(r, card) != 0;
			free(anchor);
			if (status)
				return -1;
		}
	}
	return 0;
}

/* A section of the sheet follows the one before on its page (a sheet to
 * print wastes no paper), its heading kept with its first question; the
 * first starts a page of its own, after the contents. */
static int drill_section_start(struct render *r, const xmlNode *section, int first)
{
	if (section_set_title(r, section, "") != 0)
		return -1;
	if (first)
		return page_new(&r->pdf);
	const struct pdf_settings *s = &r->pdf.set;
	double heading = 2 * s->paragraph_gap + s->heading_size[0] * s->line_spacing + 4 +
			 s->paragraph_gap * 1.5;
	const xmlNode *card = tree_child(section, "card");
	if (page_need(&r->pdf, heading + (card ? drill_card_height(r, card) : 0)) != 0)
		return -1;
	flow_gap(r, 2 * s->paragraph_gap);
	return 0;
}

int pdf_render_drill(struct render *r, const xmlNode *guide)
{
	int first = 1;
	for (const xmlNode *section = tree_first(guide); section; section = tree_next(section)) {
		if (!tree_is(section, "section") || strcmp(tree_attr(section, "kind"), "questions") != 0)
			continue;
		if (drill_section_start(r, section, first) != 0)
			return -1;
		first = 0;
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
