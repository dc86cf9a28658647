/* deck.c: the growable arrays of the deck (decks, notes, media), shared by
 * notes.c and media.c. Never: frees or moves what a caller owns but
 * through realloc; on failure the old array is untouched. */
#include "guide2anki/anki.h"

#include <stdlib.h>

void *anki_grow(void *array, size_t *cap, size_t count, size_t item_size)
{
	if (count < *cap)
		return array;
	size_t grown_cap = *cap ? *cap * 2 : 16;
	if (grown_cap > ((size_t)-1) / item_size)
		return NULL;
	void *grown = realloc(array, grown_cap * item_size);
	if (grown)
		*cap = grown_cap;
	return grown;
}
