/* subset: a font cut down to the characters a document shows, with HarfBuzz's
 * subsetter (hb-subset).
 *
 * The EPUB and the Anki deck embed their code font; the whole DejaVu Sans Mono
 * is 343 KB, most of it glyphs no guide uses. This module owns the cutting
 * only: callers find the font, gather the text, and decide what to do when a
 * font cannot be cut (embed it whole). It never reads files or reports. */
#ifndef GUIDE_SUBSET_H
#define GUIDE_SUBSET_H

#include <stddef.h>

/* A set of characters to keep, built from text. */
struct subset_chars;

/* A set holding the characters every cut keeps (printable ASCII and the marks
 * style sheets may add in the code font, such as the wrap mark U+21AA), or
 * NULL when memory is short. */
struct subset_chars *subset_chars_new(void);
void subset_chars_free(struct subset_chars *chars);
/* Adds every character of the UTF-8 TEXT (LEN bytes; invalid bytes are
 * skipped). Returns 0, or -1 when memory is short. */
int subset_chars_add_text(struct subset_chars *chars, const char *text, size_t len);

/* Cuts FONT (LEN bytes of a TrueType or OpenType file) down to CHARS, without
 * hinting. The same font and characters give the same bytes. Returns 0 and a
 * malloc'd *OUT of *OUT_LEN bytes, or -1 when the data is not a font HarfBuzz
 * can cut or memory is short. */
int subset_font(const unsigned char *font, size_t len, const struct subset_chars *chars,
		unsigned char **out, size_t *out_len);

#endif
