/* fontcheck: is a font file safe to give the PDF library?
 *
 * libharu 2.3.0 trusts every number in a TrueType file: more horizontal
 * metrics than glyphs writes past a heap buffer, a unitsPerEm of 0 divides by
 * zero, no cmap segment ending at U+FFFF reads past an array, a loca that goes
 * backwards or a table that claims 4 GB has it copy for minutes. Fonts from a
 * font cache (a style folder's font_cache, --font-cache, out/fonts) may be
 * damaged or hostile, so they pass here first: the table directory, every
 * table inside the file, and the fields libharu reads (head, hhea, hmtx, maxp,
 * cmap, loca/glyf, name, OS/2, post) checked against each other; then FreeType
 * must open the face. Costs one read of the file and a pass over loca and the
 * cmap segments, whatever the tables claim. */
#ifndef GUIDE_FONTCHECK_H
#define GUIDE_FONTCHECK_H

#include <stddef.h>

/* The largest font file checked (a CJK collection is about 20 MiB). */
#define FONTCHECK_MAX_BYTES ((size_t)64 << 20)

/* 0 when DATA (LEN bytes) holds a TrueType font, face INDEX of a collection,
 * that passes; else -1 with WHY (WHY_SIZE bytes) set to what is wrong. */
int fontcheck_memory(const unsigned char *data, size_t len, unsigned index, char *why,
		     size_t why_size);

/* Reads PATH (a regular file only) and checks it. 0 when it passes; else -1
 * after a warning "PATH: warning: ... it is not used". */
int fontcheck_file(const char *path, unsigned index);

#endif
