/* itemanswers: answers written outside their list item. An author who numbers
 * question headings as a list ("1. ### What is X?") and indents the answer
 * less than the item's text, or not at all, ends the item by CommonMark's
 * rules: the question keeps no answer, the answer's blocks stand after the
 * list, and an indented "  ## Key Points" in it would even head a section.
 * The author's answer is everything up to the next such question, so those
 * blocks are moved back into the item before anything else reads the
 * document. Never: moves a heading the author wrote at the margin at the
 * question's level or above (that one heads a new part of the guide), or
 * touches a list whose last question is answered inside its item. */
#include "md2guide.h"

/* ITEM opens with a heading: its level, else 0. */
static int item_heading_level(cmark_node *item)
{
	cmark_node *first = cmark_node_first_child(item);
	return is_heading(first) ? heading_level(first) : 0;
}

/* The heading level of the question LIST's last item, when that item holds
 * only its question and every item of the list opens with a heading, the
 * last one asking; else 0. */
static int unanswered_question_list(cmark_node *list)
{
	if (cmark_node_get_type(list) != CMARK_NODE_LIST)
		return 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item))
		if (!item_heading_level(item))
			return 0;
	cmark_node *last = cmark_node_last_child(list);
	cmark_node *question = last ? cmark_node_first_child(last) : NULL;
	if (!question || cmark_node_next(question))
		return 0;
	enum heading_kind kind = heading_kind(question);
	return kind == HEADING_ASKS || kind == HEADING_NAMED ? heading_level(question) : 0;
}

/* Does BLOCK end the answer of a list question whose heading is of LEVEL:
 * the next list of question headings, or a heading at the margin at that
 * level or above? A thematic break just before either ends it too. */
static int ends_item_answer(cmark_node *block, int level)
{
	if (!block)
		return 1;
	if (cmark_node_get_type(block) == CMARK_NODE_LIST)
		return item_heading_level(cmark_node_first_child(block)) > 0;
	if (is_heading(block))
		return cmark_node_get_start_column(block) == 1 && heading_level(block) <= level;
	if (cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK)
		return ends_item_answer(cmark_node_next(block), level);
	return 0;
}

void item_answers_take(cmark_node *document)
{
	cmark_node *block = cmark_node_first_child(document);
	while (block) {
		int level = unanswered_question_list(block);
		cmark_node *item = level ? cmark_node_last_child(block) : NULL;
		cmark_node *next = cmark_node_next(block);
		while (item && !ends_item_answer(next, level)) {
			cmark_node *after = cmark_node_next(next);
			cmark_node_unlink(next);
			cmark_node_append_child(item, next);
			next = after;
		}
		block = next;
	}
}
