/* decknames.h: the deck each card of a section goes to. */
#ifndef GUIDE2ANKI_DECKNAMES_H
#define GUIDE2ANKI_DECKNAMES_H

#include "buf.h"

#include <libxml/tree.h>
#include <stddef.h>

/* The topics open at one point of a section: the deck name built so far
 * and, for each heading that opened a topic, its level and where its part
 * of the name starts. */
struct anki_topics {
	struct buf name;
	size_t base;    /* the top deck and the section's part */
	size_t count;
	int levels[6];
	size_t starts[6];
};

/* TEXT as one part of a deck name into OUT: blanks collapsed, "::" (Anki's
 * nesting) made ":", "Untitled" for nothing. */
void anki_deck_component(struct buf *out, const char *text);
/* Starts the topics of SECTION under the deck TOP. -1 when out of memory. */
int anki_topics_start(struct anki_topics *t, const char *top, const xmlNode *section);
/* A heading among the section's blocks: it closes the topics of its level
 * and below and opens its own. -1 when out of memory. */
int anki_topics_heading(struct anki_topics *t, const xmlNode *heading);
void anki_topics_free(struct anki_topics *t);

#endif
