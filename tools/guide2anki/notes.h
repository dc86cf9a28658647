/* notes.h: the deck's notes from the guide tree (notes.c). */
#ifndef GUIDE2ANKI_NOTES_H
#define GUIDE2ANKI_NOTES_H

#include "guide2anki/anki.h"
#include "guide2anki/options.h"
#include <libxml/tree.h>

/* Fills SET with the decks and a note per card of DOC that has an answer
 * (OPT: --deck, --single-deck, --keep-unanswered), its images read below
 * IMAGES. A card in error is reported and counted (diag_error_count), and
 * the walk goes on. Returns 0, or -1 when memory ran out (reported). */
int anki_build_notes(struct anki_deck_set *set, const xmlDoc *doc,
		     const struct anki_options *opt, const struct image_folder *images);

#endif
