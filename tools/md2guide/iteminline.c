/* iteminline: a list item that asks and answers in one paragraph, as FAQ
 * lists write them ("* Do I need a degree? No, but projects help."): where
 * the question ends and the answer begins. The question is the run of
 * sentences at the start that ask ("Did you get statistics questions? If
 * yes, what kind?"); the answer is what follows the last of them. A first
 * sentence that does not ask, or nothing after the questions, is no such
 * item. Decides nothing about which lists hold questions: structure.c asks,
 * and never splits a paragraph inside a link, code or emphasis. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>

#define FULLWIDTH_QUESTION "\xEF\xBC\x9F" /* ？ */

/* The end of the sentence mark at P, or NULL when P is none: '?' '.' '!'
 * before a space or the end, a full-width ？ or 。 anywhere. *ASKS says
 * whether it is a question mark. */
static const char *sentence_end(const char *p, int *asks)
{
	if (strncmp(p, FULLWIDTH_QUESTION, 3) == 0 || strncmp(p, "\xE3\x80\x82", 3) == 0) {
		*asks = p[0] == FULLWIDTH_QUESTION[0] && p[1] == FULLWIDTH_QUESTION[1];
		return p + 3;
	}
	if ((*p == '?' || *p == '.' || *p == '!') &&
	    (p[1] == '\0' || p[1] == ' ' || p[1] == '\t')) {
		*asks = *p == '?';
		return p + 1;
	}
	return NULL;
}

/* Where the answer starts in PARAGRAPH: the text node holding the end of its
 * opening questions, with *OFFSET just past their last mark (the answer may
 * start in the same node, after spaces, or at the next inline). NULL when the
 * paragraph does not open so. */
cmark_node *inline_answer(cmark_node *paragraph, size_t *offset)
{
	if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *found = NULL;
	size_t at = 0;
	for (cmark_node *node = cmark_node_first_child(paragraph); node;
	     node = cmark_node_next(node)) {
		if (cmark_node_get_type(node) != CMARK_NODE_TEXT)
			continue; /* code, links, emphasis: inside the sentence */
		const char *text = cmark_node_get_literal(node);
		for (const char *p = text; p && *p; p++) {
			int asks = 0;
			const char *end = sentence_end(p, &asks);
			if (!end)
				continue;
			if (!asks) { /* the answer's first sentence, or no question */
				*offset = at;
				return found;
			}
			found = node;
			at = (size_t)(end - text);
			p = end - 1;
		}
	}
	*offset = at;
	return found; /* the answer, if any, has no closing mark */
}

/* Is there more than spaces in NODE's literal from OFFSET, or an inline
 * after NODE (not a line break, which question_line_end() takes)? */
static int answer_follows(cmark_node *node, size_t offset)
{
	const char *rest = cmark_node_get_literal(node) + offset;
	if (rest[strspn(rest, " \t")] != '\0')
		return 1;
	cmark_node *next = cmark_node_next(node);
	return next && cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK &&
	       cmark_node_get_type(next) != CMARK_NODE_LINEBREAK;
}

/* Does the item's first PARAGRAPH answer its question: on the question's
 * next line, or after it on the same one? */
int answered_in_paragraph(cmark_node *paragraph)
{
	size_t offset = 0;
	if (question_line_end(paragraph))
		return 1;
	cmark_node *node = inline_answer(paragraph, &offset);
	return node && answer_follows(node, offset);
}

/* Splits the item opening with PARAGRAPH, and nothing else, into CARD's
 * question (its opening questions) and answer (the rest of the
 * paragraph). 0 when the item does not open so (an answer on the next line
 * is question_line_end()'s); -1 when out of memory. */
int split_inline_answer(struct card *card, cmark_node *paragraph)
{
	size_t offset = 0;
	if (cmark_node_next(paragraph) || question_line_end(paragraph))
		return 0;
	cmark_node *node = inline_answer(paragraph, &offset);
	if (!node || !answer_follows(node, offset))
		return 0;
	char *question = text_up_to(paragraph, node, offset);
	const char *literal = cmark_node_get_literal(node);
	if (!question)
		return -1;
	/* The question keeps its markup ("Should I learn `git`?"): its inlines
	 * up to NODE, whose text is cut where the answer starts. */
	card->question = (struct inline_span){cmark_node_first_child(paragraph),
					      cmark_node_next(node), 0};
	card->question_trim = strlen(literal) - offset;
	card->question_text = question;
	size_t skip = offset + strspn(literal + offset, " \t");
	card->label_rest = literal[skip] ? (struct inline_span){node, NULL, skip}
					 : (struct inline_span){cmark_node_next(node), NULL, 0};
	card->answer_line = cmark_node_get_start_line(paragraph);
	label_of_rest(card); /* "* Is X? Answer: yes." */
	return 1;
}
