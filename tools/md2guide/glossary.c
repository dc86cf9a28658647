/* glossary: the entries of a glossary written as bold terms, one a
 * paragraph, as study notes and course glossaries write them:
 *
 *     **Inode**: The record of a file's owner, size and blocks.
 *     **Journal:** A log of changes written before the changes.
 *     **Extent** - A run of contiguous blocks given to one file.
 *
 * Tells an entry from other bold lines by its shape only; whether a part of
 * the guide is a glossary (its title says so) is convention.c's to judge,
 * and cards.c makes the card. Reads the tree, never changes it. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>

int term_definition(cmark_node *paragraph, struct inline_span *rest)
{
	char *text = NULL;
	cmark_node *strong = leading_strong(paragraph, &text);
	if (!strong)
		return 0;
	int colon_outside;
	*rest = after_label(strong, &colon_outside);
	cmark_node *next = cmark_node_next(strong);
	const char *after = next && cmark_node_get_type(next) == CMARK_NODE_TEXT
				    ? cmark_node_get_literal(next) : "";
	int dash = strncmp(after, " - ", 3) == 0 || strncmp(after, " \xE2\x80\x93 ", 5) == 0 ||
		   strncmp(after, " \xE2\x80\x94 ", 5) == 0;
	if (dash) /* "**Term** - what it means" */
		*rest = (struct inline_span){next, NULL, after[1] == '-' ? 3 : 5};
	int broken = next && (cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK ||
			      cmark_node_get_type(next) == CMARK_NODE_LINEBREAK);
	size_t len = strlen(text);
	int term = rest->first && len > 0 && len <= 60 && !evidence_question_mark(text) &&
		   (last_char(text) == ':' || colon_outside || dash || broken) &&
		   !is_why_or_label(paragraph);
	free(text);
	return term;
}

