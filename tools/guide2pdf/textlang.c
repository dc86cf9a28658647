/* textlang.c: the passages of a text run in another language than the
 * document's, for the tagged PDF's /Lang.
 *
 * Owns: telling (through tools/lib/langruns.c, the EPUB's own rules) which
 * glyphs of a laid-out text are in another script's language, and giving
 * them a style that says so (pdf_style.lang), which content.c draws inside
 * a Span with that /Lang. Never: draws, or marks code: inline code keeps its
 * style and reads as the text around it. */
#include "guide2pdf/typeset.h"

#include "langruns.h"

#include <stdlib.h>
#include <utf8proc.h>

/* Glyphs [FROM, TO) of TEXT, but code, in the style of their own with LANG. */
static void restyle(struct pdf_text *text, size_t from, size_t to, const char *lang)
{
	for (size_t i = from; i < to; i++) {
		struct pdf_style style = text->styles[text->glyphs[i].style];
		if (style.flags & STYLE_CODE)
			continue;
		style.lang = lang;
		if (text->style_count + 1 >= PDF_MAX_STYLES)
			return; /* a text of thousands of links: the rest reads as around it */
		int index = text_style(text, &style);
		if (index < 0)
			return;
		text->glyphs[i].style = (uint16_t)index;
	}
}

int text_mark_languages(struct pdf_text *text, const char *lang)
{
	if (!lang || text->count == 0)
		return 0;
	char *utf8 = malloc(4 * text->count + 1);
	size_t *start = malloc((text->count + 1) * sizeof *start);
	if (!utf8 || !start) {
		free(utf8);
		free(start);
		return -1;
	}
	size_t len = 0;
	for (size_t i = 0; i < text->count; i++) {
		start[i] = len;
		const struct pdf_glyph *g = &text->glyphs[i];
		/* Code is left out as langruns asks: a space in its place, which
		 * belongs to the language around it. */
		if (text->styles[g->style].flags & STYLE_CODE)
			utf8[len++] = ' ';
		else
			len += (size_t)utf8proc_encode_char((utf8proc_int32_t)astral_char(g->cp),
							    (utf8proc_uint8_t *)utf8 + len);
	}
	start[text->count] = len;
	struct lang_block block;
	lang_block_begin(&block, lang);
	lang_block_add(&block, utf8, len);
	struct lang_runs runs;
	struct lang_run run;
	lang_runs_begin(&runs, &block, utf8, len);
	size_t glyph = 0;
	while (lang_runs_next(&runs, &run)) {
		if (!run.lang)
			continue;
		while (glyph < text->count && start[glyph] < run.start)
			glyph++;
		size_t end = glyph;
		while (end < text->count && start[end] < run.end)
			end++;
		restyle(text, glyph, end, run.lang);
		glyph = end;
	}
	free(utf8);
	free(start);
	return 0;
}
