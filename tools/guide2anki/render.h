/* render.h: a card's fields as HTML, made from the guide tree (render.c),
 * for notes.c to fill the deck's notes with. */
#ifndef GUIDE2ANKI_RENDER_H
#define GUIDE2ANKI_RENDER_H

#include "guide2anki/anki.h"
#include "guide2anki/languages.h"
#include "buf.h"
#include <libxml/tree.h>

/* What the renderers share while walking one card. */
struct anki_render {
	struct anki_deck_set *set;
	const char *source;    /* guide/@source, for messages */
	const struct image_folder *images; /* images are read below this folder only */
	long line;             /* the block being rendered, for messages */
	const char *lang;      /* the guide's, for the callouts' label words */
	const struct lang_block *block; /* the text being rendered, for its languages */
	struct buf *out;
};

/* TEXT as a field's HTML, to R's output: & < > escaped, and '{' too. */
void anki_render_text(struct anki_render *r, const char *text, size_t len);
/* Renders NODE's inlines (INLINE) or blocks into a malloc'd field; NULL node
 * gives "". Returns NULL on allocation failure. */
char *anki_render_field(struct anki_render *r, const xmlNode *node, int inline_content);

#endif
