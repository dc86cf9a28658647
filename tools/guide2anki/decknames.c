/* decknames: the deck each card goes to. A card belongs to the nearest topic
 * above it, whatever its heading level: the section, and the headings between
 * the section's cards ("### Junior Sysadmin", "###### Network Questions"),
 * each nested under the topics that hold it, as Anki nests decks
 * ("Guide::General Knowledge::Junior Sysadmin::Network Questions"). A title
 * of numbering only ("#1", "Question 3") names no topic, and neither does the
 * tool's own title of a section the guide gave no heading. Questions are
 * cards and contents a toc, so neither comes here. Never: adds a deck
 * (guide2anki.c does, when a card needs one). */
#include "guide2anki/decknames.h"
#include "lang.h"
#include "tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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

/* "::TITLE" after the name, when TITLE (a title element's or a heading's
 * inlines) names a topic. -1 when out of memory. */
static int add_topic(struct buf *name, const xmlNode *title)
{
	char *text = tree_plain_text(title);
	if (!text)
		return -1;
	if (!lang_only_numbers(text)) {
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
	if (!(untitled && strcmp(untitled, "true") == 0) &&
	    add_topic(&t->name, tree_child(section, "title")) != 0)
		return -1;
	t->base = t->name.len;
	return t->name.failed ? -1 : 0;
}

int anki_topics_heading(struct anki_topics *t, const xmlNode *heading)
{
	int level = atoi(tree_attr(heading, "level"));
	size_t open = t->count;
	while (t->count > 0 && t->levels[t->count - 1] >= level)
		t->count--;
	if (t->count < open) /* the closed topics leave the name */
		t->name.len = t->starts[t->count];
	t->levels[t->count] = level; /* levels rise along the list: six at most */
	t->starts[t->count] = t->name.len;
	t->count++;
	if (t->name.data)
		t->name.data[t->name.len] = '\0';
	return add_topic(&t->name, heading);
}

void anki_topics_free(struct anki_topics *t) { buf_free(&t->name); }
