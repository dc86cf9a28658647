/* repeats.h: cards of the deck that repeat an earlier one word for word. */
#ifndef GUIDE2ANKI_REPEATS_H
#define GUIDE2ANKI_REPEATS_H

#include "strmap.h"

#include <libxml/tree.h>
#include <stddef.h>

#define ANKI_REPEAT_LINES 5 /* lines the warning lists */

struct anki_repeats {
	struct strmap seen; /* a hash of each card's question, prompt and answer */
	size_t count;
	long lines[ANKI_REPEAT_LINES];
};

void anki_repeats_init(struct anki_repeats *r);
void anki_repeats_free(struct anki_repeats *r);
int anki_repeat_seen(struct anki_repeats *r, const xmlNode *card);
void anki_repeats_report(const struct anki_repeats *r, const char *source);
/* "12, 40, 77, ...": the first SHOWN of COUNT lines, for a warning. */
struct buf;
void anki_list_lines(struct buf *out, const long *lines, size_t count, size_t shown);

#endif
