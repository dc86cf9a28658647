/* keyed: option lists that mark their key, as exam notes write them:
 *
 *     - ❌ `${{ secrets.prod.api_key }}`
 *     - ✅ `${{ secrets.api_key }}`
 *
 * Such a list belongs to the question (its options), but its marks are the
 * answer. The front shows the options with the marks left out; the answer
 * shows the list as written. This module finds such a list, and hides and
 * restores its marks around the emitting of the front; it never changes
 * what a list says otherwise. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>

/* Marks that say an option is right (1) or wrong (-1), with the text
 * presentation selector some editors add. */
static const struct {
	const char *mark;
	int right;
} MARKS[] = {
	{"\xE2\x9C\x85", 1},  /* ✅ */
	{"\xE2\x9C\x94", 1},  /* ✔ */
	{"\xE2\x9C\x93", 1},  /* ✓ */
	{"\xE2\x98\x91", 1},  /* ☑ */
	{"\xE2\x9D\x8C", -1}, /* ❌ */
	{"\xE2\x9D\x8E", -1}, /* ❎ */
	{"\xE2\x9C\x96", -1}, /* ✖ */
	{"\xE2\x9C\x97", -1}, /* ✗ */
	{"\xE2\x9C\x98", -1}, /* ✘ */
};

/* The text node that opens ITEM's first paragraph, or NULL. */
static cmark_node *opening_text(cmark_node *item)
{
	cmark_node *paragraph = cmark_node_first_child(item);
	if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *text = cmark_node_first_child(paragraph);
	return text && cmark_node_get_type(text) == CMARK_NODE_TEXT ? text : NULL;
}

/* Bytes of the mark opening TEXT, with its selector and the spaces after it,
 * or 0; *RIGHT says which kind of mark it is. */
static size_t mark_length(const char *text, int *right)
{
	for (size_t i = 0; i < sizeof MARKS / sizeof *MARKS; i++) {
		size_t len = strlen(MARKS[i].mark);
		if (strncmp(text, MARKS[i].mark, len) != 0)
			continue;
		if (strncmp(text + len, "\xEF\xB8\x8F", 3) == 0 || strncmp(text + len, "\xEF\xB8\x8E", 3) == 0)
			len += 3;
		while (text[len] == ' ' || text[len] == '\t')
			len++;
		*right = MARKS[i].right;
		return len;
	}
	return 0;
}

/* Does every item of LIST (two or more) open with a mark, with at least one
 * right and one wrong? A list of features all ticked is no key. */
static int is_keyed(cmark_node *list)
{
	int items = 0, rights = 0, wrongs = 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *text = opening_text(item);
		int right = 0;
		if (!text || !mark_length(cmark_node_get_literal(text), &right))
			return 0;
		items++;
		rights += right > 0;
		wrongs += right < 0;
	}
	return items >= 2 && rights > 0 && wrongs > 0;
}

cmark_node *keyed_options(struct block_span prompt)
{
	for (cmark_node *block = prompt.first; block && block != prompt.stop;
	     block = cmark_node_next(block))
		if (cmark_node_get_type(block) == CMARK_NODE_LIST && is_keyed(block))
			return block;
	return NULL;
}

char **keyed_hide(cmark_node *list)
{
	size_t count = 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item))
		count++;
	char **saved = calloc(count + 1, sizeof *saved);
	if (!saved)
		return NULL;
	size_t i = 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *text = opening_text(item);
		int right;
		saved[i] = strdup(cmark_node_get_literal(text));
		if (!saved[i]) {
			keyed_restore(list, saved);
			return NULL;
		}
		cmark_node_set_literal(text, saved[i] + mark_length(saved[i], &right));
		i++;
	}
	return saved;
}

void keyed_restore(cmark_node *list, char **saved)
{
	if (!saved)
		return;
	size_t i = 0;
	for (cmark_node *item = cmark_node_first_child(list); item && saved[i];
	     item = cmark_node_next(item), i++) {
		cmark_node_set_literal(opening_text(item), saved[i]);
		free(saved[i]);
	}
	for (; saved[i]; i++)
		free(saved[i]);
	free(saved);
}
