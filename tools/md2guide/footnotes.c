/* footnotes: GitHub's footnotes ("a port[^1]" ... "[^1]: From 0 to 65535.")
 * kept beside what cites them. cmark-gfm moves every definition to the end
 * of the document, which would put them after the last card; a study guide
 * needs a card's note on the card. So the definitions are taken out of the
 * document here, numbered as cmark-gfm numbers the references ([1], [2] in
 * the order first cited), and emit.c writes each one after the outermost
 * block that first cites it, as blocks opening with "[N] ". Never changes
 * the text of a note, only where it stands. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>

/* "[N] " before the note's first paragraph (a paragraph of its own when the
 * note opens with another block). */
static int number_note(cmark_node *definition, size_t number)
{
	char label[32];
	snprintf(label, sizeof label, "[%zu] ", number);
	cmark_node *first = cmark_node_first_child(definition);
	cmark_node *paragraph = first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH ? first : NULL;
	if (!paragraph) {
		paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
		if (!paragraph || !cmark_node_prepend_child(definition, paragraph))
			return -1;
	}
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	if (!text || !cmark_node_set_literal(text, label) || !cmark_node_prepend_child(paragraph, text)) {
		cmark_node_free(text);
		return -1;
	}
	return 0;
}

int footnotes_take(struct plan *plan)
{
	size_t count = 0;
	for (cmark_node *n = cmark_node_first_child(plan->document); n; n = cmark_node_next(n))
		count += cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION;
	if (count == 0)
		return 0;
	plan->footnotes = calloc(count, sizeof *plan->footnotes);
	if (!plan->footnotes)
		return -1;
	cmark_node *next;
	for (cmark_node *n = cmark_node_first_child(plan->document); n; n = next) {
		next = cmark_node_next(n);
		if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		cmark_node_unlink(n);
		plan->footnotes[plan->footnote_count++] = n;
		if (number_note(n, plan->footnote_count) != 0)
			return -1;
	}
	return 0;
}

void footnotes_free(struct plan *plan)
{
	for (size_t i = 0; i < plan->footnote_count; i++)
		cmark_node_free(plan->footnotes[i]);
	free(plan->footnotes);
}

cmark_node *footnote_of(const struct plan *plan, cmark_node *reference)
{
	const char *literal = cmark_node_get_literal(reference);
	char *end = NULL;
	unsigned long number = literal ? strtoul(literal, &end, 10) : 0;
	if (!literal || end == literal || *end || number == 0 || number > plan->footnote_count)
		return NULL;
	return plan->footnotes[number - 1];
}
