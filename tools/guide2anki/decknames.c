/* decknames: the deck each card goes to. A card belongs to the nearest topic
 * above it, whatever its heading level: the section, and the headings between
 * the section's cards ("### Junior Sysadmin", "###### Network Questions"),
 * each nested under the topics that hold it, as Anki nests decks
 * ("Guide::General Knowledge::Junior Sysadmin::Network Questions"). A title
 * of numbering only ("#1", "Question 3", "Card 2 [DEFINITION]") names no
 * topic, nor do a glossary's index letters ("## A", "## B", "## D"), and
 * neither does the tool's own title of a section the guide gave
 * no heading, nor a heading over nothing but links to the guide's anchors (a
 * part's own contents; the guide's are its toc). Questions are cards, so
 * none comes here. Never: adds a deck (notes.c does, when a card needs one). */
#include "guide2anki/decknames.h"
#include "lang.h"
#include "tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void anki_deck_component(struct buf *out, const char *text)
{
	int blank = 0;
	size_t start = out->len;
	for (const char *p = text; *p; p++) {
		if (isspace((unsigned char)*p)) {
			blank = out->len > start;
			continue;
		}
		if (p[0] == ':' && p[1] == ':')
			p++;
		if (blank)
			buf_putc(out, ' ');
		blank = 0;
		buf_putc(out, *p);
	}
	if (out->len == start)
		buf_puts(out, "Untitled");
}

/* "Card 3", "Flashcard 12 [DEFINITION]": a generated set's title of each
 * card, its number and kind, over the card's own two sides. No topic. */
static int card_number_title(const char *text)
{
	static const char *const words[] = {"card", "flashcard", NULL};
	const char *p = text;
	while (*p == ' ' || *p == '#')
		p++;
	size_t len = 0;
	for (const char *const *word = words; *word && !len; word++)
		if (strncasecmp(p, *word, strlen(*word)) == 0 && p[strlen(*word)] == ' ')
			len = strlen(*word);
	if (!len)
		return 0;
	p += len;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	while (*p == ' ')
		p++;
	if (*p == '[' || *p == '(') {
		const char *close = strchr(p, *p == '[' ? ']' : ')');
		p = close ? close + 1 : p;
	}
	while (*p == ' ')
		p++;
	return *p == '\0';
}

/* The one letter TEXT is ("B", "Ж"; blanks around it), as a code point's
 * UTF-8 bytes in one number, upper case for ASCII; 0 for anything else. */
static unsigned long single_letter(const char *text)
{
	while (*text == ' ')
		text++;
	const unsigned char *p = (const unsigned char *)text;
	size_t len = p[0] < 0x80 ? 1 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 0;
	if (len == 0 || (len == 1 && !isalpha(p[0])))
		return 0;
	unsigned long letter = len == 1 ? (unsigned long)toupper(p[0]) : 0;
	for (size_t i = 0; len > 1 && i < len; i++) {
		if (i > 0 && (p[i] & 0xC0) != 0x80)
			return 0;
		letter = letter << 8 | p[i];
	}
	for (p += len; *p == ' '; p++)
		;
	return *p ? 0 : letter;
}

/* The letter a section's title or a heading is, or 0. */
static unsigned long node_letter(const xmlNode *node)
{
	const xmlNode *title = tree_is(node, "section") ? tree_child(node, "title") : node;
	char *text = title ? tree_plain_text(title) : NULL;
	unsigned long letter = text ? single_letter(text) : 0;
	free(text);
	return letter;
}

/* The sibling of NODE that would go on its run of index letters, STEP -1
 * before it or 1 after it: the next section, or the next heading of its
 * level with no heading above that level between. NULL when none. */
static const xmlNode *letter_neighbour(const xmlNode *node, int step)
{
	int section = tree_is(node, "section");
	const char *level = section ? NULL : tree_attr(node, "level");
	for (const xmlNode *n = step < 0 ? xmlPreviousElementSibling((xmlNode *)node) : tree_next(node);
	     n; n = step < 0 ? xmlPreviousElementSibling((xmlNode *)n) : tree_next(n)) {
		if (section && tree_is(n, "section"))
			return n;
		if (section || !tree_is(n, "heading"))
			continue;
		const char *other = tree_attr(n, "level");
		if (!level || !other || atoi(other) < atoi(level))
			return NULL;
		if (atoi(other) == atoi(level))
			return n;
	}
	return NULL;
}

/* NODE, a section or a heading titled one letter, is one of three or more
 * in a row whose letters go in alphabetical order ("A", "B", "D"): a
 * glossary's or an index's letters, which order the entries but name no
 * topic. A single "C" or "R" among other titles is a language's section.
 * Only the two neighbours each way are looked at, so that a guide of many
 * headings costs no more than its length. */
static int index_letter(const xmlNode *node)
{
	unsigned long letter = node_letter(node);
	if (!letter)
		return 0;
	int run = 1;
	for (int step = -1; step <= 1; step += 2) {
		unsigned long last = letter;
		const xmlNode *n = node;
		for (int i = 0; i < 2 && (n = letter_neighbour(n, step)) != NULL; i++) {
			unsigned long next = node_letter(n);
			if (!next || (step < 0 ? next >= last : next <= last))
				break;
			last = next;
			run++;
		}
	}
	return run >= 3;
}

/* "::TITLE" after the name, when TITLE (a title element's or a heading's
 * inlines) names a topic. -1 when out of memory. */
static int add_topic(struct buf *name, const xmlNode *title)
{
	char *text = tree_plain_text(title);
	if (!text)
		return -1;
	if (!lang_only_numbers(text) && !card_number_title(text)) {
		buf_puts(name, "::");
		anki_deck_component(name, text);
	}
	free(text);
	return name->failed ? -1 : 0;
}

int anki_topics_start(struct anki_topics *t, const char *top, const xmlNode *section)
{
	memset(t, 0, sizeof *t);
	buf_init(&t->name);
	buf_puts(&t->name, top);
	const char *untitled = tree_attr(section, "untitled");
	if (!(untitled && strcmp(untitled, "true") == 0) && !index_letter(section) &&
	    add_topic(&t->name, tree_child(section, "title")) != 0)
		return -1;
	t->base = t->name.len;
	return t->name.failed ? -1 : 0;
}

/* P opens with a link to a place in the guide, maybe inside emphasis. */
static int opens_with_anchor_link(const xmlNode *p)
{
	const xmlNode *node = tree_first(p);
	while (node && (tree_is(node, "strong") || tree_is(node, "em")))
		node = tree_first(node);
	const char *href = node && tree_is(node, "link") ? tree_attr(node, "href") : NULL;
	return href && href[0] == '#';
}

/* Every item of LIST opens with such a link and holds only lists like it. */
static int is_link_list(const xmlNode *list)
{
	if (!tree_is(list, "list"))
		return 0;
	for (const xmlNode *item = tree_first(list); item; item = tree_next(item)) {
		const xmlNode *first = tree_first(item);
		if (!first || !tree_is(first, "p") || !opens_with_anchor_link(first))
			return 0;
		for (const xmlNode *inner = tree_next(first); inner; inner = tree_next(inner))
			if (!is_link_list(inner))
				return 0;
	}
	return 1;
}

/* A heading over nothing but lists of links to the guide's anchors (and
 * rules) heads contents ("### In this part"), not a topic. */
static int heads_contents(const xmlNode *heading)
{
	int lists = 0;
	for (const xmlNode *node = tree_next(heading);
	     node && !tree_is(node, "heading") && !tree_is(node, "card"); node = tree_next(node)) {
		if (is_link_list(node))
			lists++;
		else if (!tree_is(node, "hr"))
			return 0;
	}
	return lists > 0;
}

int anki_topics_heading(struct anki_topics *t, const xmlNode *heading)
{
	if (heads_contents(heading))
		return 0;
	int level = atoi(tree_attr(heading, "level"));
	size_t open = t->count;
	while (t->count > 0 && t->levels[t->count - 1] >= level)
		t->count--;
	if (t->count < open) /* the closed topics leave the name */
		t->name.len = t->starts[t->count];
	if (t->name.data)
		t->name.data[t->name.len] = '\0';
	if (index_letter(heading)) /* it closes the topics before it, opens none */
		return 0;
	t->levels[t->count] = level; /* levels rise along the list: six at most */
	t->starts[t->count] = t->name.len;
	t->count++;
	return add_topic(&t->name, heading);
}

void anki_topics_free(struct anki_topics *t) { buf_free(&t->name); }
