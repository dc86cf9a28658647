/* bidi.c: right-to-left text drawn in visual order, with FriBidi.
 *
 * Text is kept, measured and broken into lines in logical order (the order
 * it is read in); only a line that holds Hebrew or Arabic is put in visual
 * order, by the Unicode Bidirectional Algorithm (UAX #9) as FriBidi applies
 * it, the line's direction taken from its first strong character. Readers
 * (pdftotext, search, copy) put visual order back into reading order.
 *
 * Owns: the order in which a line's glyphs are drawn. Never: shapes (Arabic
 * letters keep their isolated forms: text.c warns), measures or breaks
 * lines, or moves anything but whole glyphs. */
#include "guide2pdf/typeset.h"

#include <fribidi.h>
#include <stdlib.h>

int bidi_has_rtl(const struct pdf_text *text, size_t start, size_t end)
{
	for (size_t i = start; i < end; i++)
		if (text->glyphs[i].cp >= 0x0590 && char_is_right_to_left(text->glyphs[i].cp))
			return 1;
	return 0;
}

int bidi_visual(const struct pdf_text *text, size_t start, size_t end, struct pdf_glyph *visual)
{
	size_t n = end - start;
	FriBidiChar *chars = malloc(n * sizeof *chars);
	FriBidiCharType *types = malloc(n * sizeof *types);
	FriBidiBracketType *brackets = malloc(n * sizeof *brackets);
	FriBidiLevel *levels = malloc(n * sizeof *levels);
	FriBidiStrIndex *map = malloc(n * sizeof *map);
	int status = -1;
	if (chars && types && brackets && levels && map) {
		for (size_t i = 0; i < n; i++) {
			chars[i] = astral_char(text->glyphs[start + i].cp);
			map[i] = (FriBidiStrIndex)i;
		}
		FriBidiStrIndex len = (FriBidiStrIndex)n;
		FriBidiParType direction = FRIBIDI_PAR_ON;
		fribidi_get_bidi_types(chars, len, types);
		fribidi_get_bracket_types(chars, len, types, brackets);
		if (fribidi_get_par_embedding_levels_ex(types, brackets, len, &direction, levels) &&
		    fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types, len, 0, direction, levels,
					 NULL, map)) {
			for (size_t i = 0; i < n; i++)
				visual[i] = text->glyphs[start + (size_t)map[i]];
			status = 0;
		}
	}
	free(chars);
	free(types);
	free(brackets);
	free(levels);
	free(map);
	return status;
}
