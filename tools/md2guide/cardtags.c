/* cardtags: a "**Tags:** basics, tcp" line ending a card's answer, as
 * generated flashcard sets write one under each card's back, becomes the
 * card's tags (its deck note's own), and leaves the answer.
 *
 * Owns: what such a line looks like and how its words become tags. It only
 * narrows the card's body and sets its tag; it never changes the document. */
#include "md2guide.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The last block of the card's body, or NULL. */
static cmark_node *body_last(const struct card *card)
{
	cmark_node *last = NULL;
	for (cmark_node *n = card->body.first; n && n != card->body.stop; n = cmark_node_next(n))
		last = n;
	return last;
}

/* The words after "**Tags:**" in PARAGRAPH, when it is that label and plain
 * text alone (malloc'd); NULL otherwise. */
static char *tags_text(cmark_node *paragraph)
{
	char *label = NULL;
	cmark_node *strong = cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH
				     ? leading_strong(paragraph, &label)
				     : NULL;
	char *name = strong ? label_name(label) : NULL;
	int colon_outside = 0;
	struct inline_span rest = strong ? after_label(strong, &colon_outside) : (struct inline_span){0};
	int is_tags = name && strcasecmp(name, "tags") == 0 &&
		      (last_char(label) == ':' || colon_outside) && rest.first;
	free(name);
	free(label);
	if (!is_tags)
		return NULL;
	size_t size = 1;
	for (cmark_node *n = rest.first; n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT)
			return NULL; /* a link, a break, code: more than a list of tags */
		size += strlen(cmark_node_get_literal(n));
	}
	char *text = malloc(size);
	if (!text)
		return NULL;
	text[0] = '\0';
	for (cmark_node *n = rest.first; n; n = cmark_node_next(n))
		strcat(text, cmark_node_get_literal(n) + (n == rest.first ? rest.skip : 0));
	return text;
}

/* "basics, Transport layer, #tcp" as a deck's tags: "basics Transport_layer
 * tcp" (a tag holds no space), into OUT of SIZE bytes. 0: none, or too long. */
static int tags_words(const char *text, char *out, size_t size)
{
	size_t used = 0;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, ",;");
		const char *start = p, *end = p + n;
		p = *end ? end + 1 : end;
		while (start < end && (isspace((unsigned char)*start) || *start == '#'))
			start++;
		while (end > start && isspace((unsigned char)end[-1]))
			end--;
		if (start == end)
			continue;
		if (used + (size_t)(end - start) + 2 > size)
			return 0;
		if (used > 0)
			out[used++] = ' ';
		for (const char *c = start; c < end; c++)
			if (!isspace((unsigned char)*c))
				out[used++] = *c;
			else if (out[used - 1] != '_')
				out[used++] = '_';
	}
	out[used] = '\0';
	return used > 0;
}

int take_tags_line(struct card *card)
{
	cmark_node *last = body_last(card);
	/* Something must be left of the answer: its label's text or a block. */
	if (!last || (last == card->body.first && !card->label_rest.first))
		return 0;
	char *text = tags_text(last);
	char words[256];
	int found = text && tags_words(text, words, sizeof words);
	free(text);
	if (!found)
		return 0;
	size_t old = card->tag ? strlen(card->tag) + 1 : 0;
	char *tag = malloc(old + strlen(words) + 1);
	if (!tag)
		return -1;
	tag[0] = '\0';
	if (card->tag) {
		strcpy(tag, card->tag);
		strcat(tag, " ");
	}
	strcat(tag, words);
	free(card->tag);
	card->tag = tag;
	card->body.stop = last;
	return 0;
}
