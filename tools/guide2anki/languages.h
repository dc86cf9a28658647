/* languages: the passages of a card's text in another language than the
 * guide's, as <span lang> (tools/lib/langruns decides which). */
#ifndef GUIDE2ANKI_LANGUAGES_H
#define GUIDE2ANKI_LANGUAGES_H

#include "buf.h"
#include "langruns.h"

#include <libxml/tree.h>

/* Starts BLOCK, in LANG (the guide's; NULL reads as en), with the text of the
 * tree's inline content NODE (a p, a heading, a cell, a question): its text
 * and that of em, strong, del and link, never code, raw HTML or alt text. */
void anki_lang_block(struct lang_block *block, const xmlNode *node, const char *lang);

/* Writes TEXT, one piece of BLOCK, to OUT: each run through WRITE (which
 * escapes it), those in another language inside <span lang="..">. */
typedef void anki_text_fn(void *context, const char *text, size_t len);
void anki_lang_text(struct buf *out, const struct lang_block *block, const char *text,
		    size_t len, anki_text_fn *write, void *context);

#endif
