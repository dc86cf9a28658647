/* questionlist: whether a list is a list of questions, each item a card
 * (structure.c collects them), and how many FAQ lists a guide has.
 *
 * Owns: what an item opens with, and the counts that make a list one of
 * questions. Never: changes the tree, or makes a card. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>

/* How a list item that opens with FIRST opens: 2 with a question (a heading
 * or a paragraph that asks, or whose first line asks and the answer follows),
 * 1 with a heading that does not ask (a member of a list of question headings
 * all the same, "1. ### Arrays" among "2. ### What is a stack?") or a task
 * answered below it ("3. Explain a LEFT JOIN." among questions), 0 with
 * anything else. */
int list_item_asks(cmark_node *first)
{
	if (is_heading(first)) {
		enum heading_kind kind = heading_kind(first);
		return kind == HEADING_REFERENCE ? 0 : kind == HEADING_TOPIC ? 1 : 2;
	}
	if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
		return 0;
	char *text = node_text(first);
	char number[17];
	int named = 0;
	if (text)
		question_prefix(text, number, &named);
	int asked = text && (named || last_char(text) == '?' || decoration_marks_card(text) ||
			     strstr(text, "\xEF\xBC\x9F") != NULL || /* full-width ？ */
			     answered_in_paragraph(first));
	int task = text && !asked && cmark_node_next(first) && evidence_asks(text) &&
		   last_char(text) != ':'; /* "Create a config:" leads in to code */
	free(text);
	return asked ? 2 : task;
}

/* What the items of a list open with. */
struct list_items {
	int items, asking, strays; /* strays: items that ask nothing */
	int answered;              /* some item holds more than its question */
	int inline_answers;        /* items answered in the question's paragraph */
	int same_line;             /* of them, answered on the question's line */
};

static int count_items(cmark_node *list, struct list_items *count)
{
	memset(count, 0, sizeof *count);
	if (cmark_node_get_type(list) != CMARK_NODE_LIST)
		return 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *first = cmark_node_first_child(item);
		int opens = list_item_asks(first);
		count->items++;
		count->strays += !opens;
		if (!opens)
			continue;
		count->asking += opens == 2;
		if (cmark_node_next(first) || (opens == 2 && question_line_end(first)))
			count->answered = 1;
		if (opens == 2 && answered_in_paragraph(first)) { /* "* Is X? Yes." */
			count->inline_answers++;
			count->same_line += !question_line_end(first);
		}
	}
	return 1;
}

/* A list of three questions or more, half of its items, answered on their
 * lines ("* Do I need a degree? No, but projects help."): two in passing
 * are prose. */
static int faq_list(const struct list_items *count)
{
	return count->inline_answers >= 3 && count->inline_answers * 2 >= count->items - count->strays;
}

/* A list whose every item opens with a question or a heading, most of them
 * asking, and some item holds more than the question (or it is an FAQ list):
 * each item is a card. In an FAQ list one item may ask nothing ("* Common
 * questions about [my interview]."), and in a guide of FAQ lists (SCOPE, or
 * NULL) a short one, all of whose questions are answered on their lines,
 * is one too. */
int question_list(cmark_node *list, const struct scope *scope)
{
	struct list_items count;
	if (!count_items(list, &count) || count.strays > 1 || count.asking * 2 < count.items)
		return 0;
	int faq = faq_list(&count) || (scope && scope->faq_guide && count.same_line > 0 &&
				       count.same_line == count.asking);
	return count.strays ? faq : count.answered || faq;
}

/* How many FAQ lists the guide has, among its top-level blocks, most of
 * whose answers follow their questions on the same line. */
int faq_lists_count(cmark_node *document)
{
	int lists = 0;
	struct list_items count;
	for (cmark_node *block = cmark_node_first_child(document); block; block = cmark_node_next(block))
		lists += count_items(block, &count) && count.strays == 0 && faq_list(&count) &&
			 count.same_line * 2 >= count.items;
	return lists;
}
