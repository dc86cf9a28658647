/* itemanswers: answers written outside their list item. An author who numbers
 * question headings as a list ("1. ### What is X?") and indents the answer
 * less than the item's text, or not at all, ends the item by CommonMark's
 * rules: the question keeps no answer, the answer's blocks stand after the
 * list, and an indented "  ## Key Points" in it would even head a section.
 * The author's answer is everything up to the next such question, so those
 * blocks are moved back into the item before anything else reads the
 * document. Never: moves a heading the author wrote at the margin at the
 * question's level or above (that one heads a new part of the guide), or
 * touches a list whose last question is answered inside its item.
 *
 * The same for inka's cards, "1. Question?" over "> Answer", where the guide
 * writes them so twice at least: the quote's blocks go into the item. */
#include "md2guide.h"

#include <stdlib.h>

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

/* LIST is one item that holds only a question in a paragraph ("1. What does a
 * router do?"), and a block quote follows it: inka's cards, whose answers
 * start with ">". */
static cmark_node *quoted_answer(cmark_node *list)
{
	cmark_node *item = cmark_node_get_type(list) == CMARK_NODE_LIST
				   ? cmark_node_first_child(list) : NULL;
	cmark_node *question = item ? cmark_node_first_child(item) : NULL;
	cmark_node *quote = cmark_node_next(list);
	if (!question || cmark_node_next(item) || cmark_node_next(question) ||
	    cmark_node_get_type(question) != CMARK_NODE_PARAGRAPH || !quote ||
	    cmark_node_get_type(quote) != CMARK_NODE_BLOCK_QUOTE)
		return NULL;
	char *text = node_text(question);
	int asks = text && (evidence_question_mark(text) || evidence_asks(text));
	free(text);
	return asks ? quote : NULL;
}

/* Where a guide writes its cards so, twice at least (a quote after a
 * numbered line may be anything once), each quote's blocks are moved into
 * the item above it, the question's answer, and the items that follow one
 * another join one list, as the author numbered them. */
static void quoted_answers_take(cmark_node *document)
{
	int pairs = 0;
	for (cmark_node *block = cmark_node_first_child(document); block && pairs < 2;
	     block = cmark_node_next(block))
		pairs += quoted_answer(block) != NULL;
	if (pairs < 2)
		return;
	cmark_node *next, *joined = NULL;
	for (cmark_node *block = cmark_node_first_child(document); block; block = next) {
		cmark_node *quote = quoted_answer(block);
		next = cmark_node_next(block);
		if (!quote) {
			joined = NULL;
			continue;
		}
		cmark_node *item = cmark_node_first_child(block);
		while (cmark_node_first_child(quote))
			cmark_node_append_child(item, cmark_node_first_child(quote));
		next = cmark_node_next(quote);
		cmark_node_free(quote); /* unlinks it too */
		if (joined && cmark_node_next(joined) == block &&
		    cmark_node_get_list_type(joined) == cmark_node_get_list_type(block)) {
			cmark_node_append_child(joined, item);
			cmark_node_free(block);
		} else {
			joined = block;
		}
	}
}

void item_answers_take(cmark_node *document)
{
	quoted_answers_take(document);
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
