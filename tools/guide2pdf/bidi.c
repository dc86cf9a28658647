/* bidi.c: right-to-left text drawn in visual order, with FriBidi.
 *
 * Text is kept, measured and broken into lines in logical order (the order
 * it is read in); only a line that holds Hebrew or Arabic is put in visual
 * order, by the Unicode Bidirectional Algorithm (UAX #9) as FriBidi applies
 * it, the line's direction taken from its first strong character, and a
 * bracket or other paired sign in a right-to-left run drawn as its mirror
 * (rule L4: the "(" that opens "(HTTP)" in Arabic prints as the ")" it looks
 * like there). Readers (pdftotext, search, copy) put visual order back into
 * reading order.
 *
 * Arabic letters are shaped the way PDF writers without OpenType shaping do
 * it: each becomes the presentation form (isolated, initial, medial, final)
 * that its neighbours ask for, which the body font draws. No ligatures:
 * pdftotext gives the two letters of a lam-alef ligature back in the wrong
 * order, so lam and alef stay two joined glyphs; marks are not positioned
 * beyond what the font's own metrics do.
 *
 * Owns: the order in which a line's glyphs are drawn, and the forms of Arabic
 * letters. Never: measures or breaks lines, or moves anything but whole
 * glyphs. */
#include "guide2pdf/typeset.h"

#include <fribidi.h>
#include <stdlib.h>

_Static_assert(sizeof(FriBidiChar) == sizeof(uint32_t), "code points are FriBidi's characters");

int bidi_has_rtl(const struct pdf_text *text, size_t start, size_t end)
{
	for (size_t i = start; i < end; i++)
		if (text->glyphs[i].cp >= 0x0590 && char_is_right_to_left(text->glyphs[i].cp))
			return 1;
	return 0;
}

int bidi_starts_rtl(const struct pdf_text *text)
{
	for (size_t i = 0; i < text->count; i++) {
		FriBidiCharType type = fribidi_get_bidi_type(astral_char(text->glyphs[i].cp));
		if (FRIBIDI_IS_STRONG(type))
			return FRIBIDI_IS_RTL(type) ? 1 : 0;
	}
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
		int ok = fribidi_get_par_embedding_levels_ex(types, brackets, len, &direction, levels);
		if (ok)
			fribidi_shape_mirroring(levels, len, chars);
		if (ok && fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types, len, 0, direction, levels,
					       NULL, map)) {
			for (size_t i = 0; i < n; i++) {
				const struct pdf_glyph *logical = &text->glyphs[start + (size_t)map[i]];
				visual[i] = *logical;
				if (chars[map[i]] != astral_char(logical->cp))
					visual[i].cp = chars[map[i]]; /* a mirror, in the BMP */
			}
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

int bidi_shape_arabic(uint32_t *cps, size_t n)
{
	FriBidiCharType *types = malloc(n * sizeof *types);
	FriBidiBracketType *brackets = malloc(n * sizeof *brackets);
	FriBidiLevel *levels = malloc(n * sizeof *levels);
	FriBidiArabicProp *props = malloc(n * sizeof *props);
	int status = -1;
	if (n > 0 && types && brackets && levels && props) {
		FriBidiChar *chars = (FriBidiChar *)cps;
		FriBidiStrIndex len = (FriBidiStrIndex)n;
		FriBidiParType direction = FRIBIDI_PAR_ON;
		fribidi_get_bidi_types(chars, len, types);
		fribidi_get_bracket_types(chars, len, types, brackets);
		if (fribidi_get_par_embedding_levels_ex(types, brackets, len, &direction, levels)) {
			fribidi_get_joining_types(chars, len, props);
			fribidi_join_arabic(types, len, levels, props);
			fribidi_shape_arabic(FRIBIDI_FLAG_SHAPE_ARAB_PRES, levels, len, props, chars);
			status = 0;
		}
	}
	free(types);
	free(brackets);
	free(levels);
	free(props);
	return status;
}
