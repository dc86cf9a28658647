/* text.c: text runs as measured glyphs, and breaking them into lines.
 *
 * Text is kept as code points, never bytes, so no line can end inside a UTF-8
 * sequence. Break opportunities come from libunibreak (UAX #14, any script);
 * a word wider than the line breaks after / - _ . , and, failing those, after
 * any character. Code lines break anywhere (the caller marks continuations).
 * The fill is greedy and looks at each glyph a bounded number of times, so
 * time grows linearly with the text.
 *
 * Owns: text runs (struct pdf_text: glyphs with their widths, font and style)
 * and broken lines (struct pdf_lines), and the warnings about characters no
 * font prints, once each. Never: draws, or knows a page, a column or the
 * tree; its limits (PDF_MAX_STYLES, PDF_MAX_GLYPHS) end a run with an error
 * and -1 rather than grow without bound. */
#include "guide2pdf/typeset.h"

#include "diag.h"
#include "script.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT 0xFFFDu

void text_init(struct pdf_text *text, const char *source, long line)
{
	memset(text, 0, sizeof *text);
	text->source = source;
	text->line = line;
}

void text_clear(struct pdf_text *text)
{
	text->count = 0;
	text->style_count = 0;
}

void text_free(struct pdf_text *text)
{
	free(text->glyphs);
	free(text->styles);
	text->glyphs = NULL;
	text->styles = NULL;
	text->count = text->cap = text->style_count = text->style_cap = 0;
}

void lines_free(struct pdf_lines *lines)
{
	free(lines->items);
	memset(lines, 0, sizeof *lines);
}

int pdf_grow(void *items, size_t *cap, size_t count, size_t size, size_t limit)
{
	if (count < *cap)
		return 0;
	if (count >= limit)
		return -1;
	size_t grown_cap = *cap ? *cap * 2 : 16;
	void **slot = items;
	void *grown = realloc(*slot, grown_cap * size);
	if (!grown)
		return -1;
	*slot = grown;
	*cap = grown_cap;
	return 0;
}

/* A run over one of its limits is an error of the input (a block far
 * larger than any guide's), said even while the run is only measured, since
 * the caller may stop on it; but said once: after a first error the run is
 * failing already, and the same block measured and then drawn would say it
 * twice. */
static void limit_error(const struct pdf_text *text, const char *what, size_t limit)
{
	if (diag_error_count() == 0)
		diag_error(text->source, text->line,
			   "this block has more than %zu %s, the most one block may hold; split it",
			   limit, what);
}

int text_style(struct pdf_text *text, const struct pdf_style *style)
{
	for (size_t i = 0; i < text->style_count; i++)
		if (memcmp(&text->styles[i], style, sizeof *style) == 0)
			return (int)i;
	if (text->style_count >= PDF_MAX_STYLES) {
		limit_error(text, "differently styled pieces (each link is one)", PDF_MAX_STYLES);
		return -1;
	}
	if (pdf_grow(&text->styles, &text->style_cap, text->style_count, sizeof *text->styles,
		     PDF_MAX_STYLES) != 0)
		return -1;
	text->styles[text->style_count] = *style;
	return (int)text->style_count++;
}

/* Decodes one UTF-8 sequence; malformed input gives U+FFFD and one byte. */
static uint32_t utf8_next(const unsigned char *s, size_t len, size_t *used)
{
	unsigned char c = s[0];
	int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	*used = 1;
	if (n == 1)
		return c;
	if (n == 0 || (size_t)n > len)
		return REPLACEMENT;
	uint32_t cp = c & (0x7F >> n);
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return REPLACEMENT;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	static const uint32_t MIN[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (cp < MIN[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return REPLACEMENT;
	*used = (size_t)n;
	return cp;
}

static int push_glyph(struct pdf_text *text, const struct pdf_glyph *glyph)
{
	if (text->count >= PDF_MAX_GLYPHS) {
		limit_error(text, "characters", PDF_MAX_GLYPHS);
		return -1;
	}
	if (text->count >= text->cap &&
	    pdf_grow(&text->glyphs, &text->cap, text->count, sizeof *text->glyphs,
		     PDF_MAX_GLYPHS) != 0)
		return -1;
	text->glyphs[text->count++] = *glyph;
	return 0;
}

/* The code CP prints at (U+E000 and above): a character above U+FFFF at its
 * private code (typeset.h), one with none as U+FFFD; a real character of the
 * private range, whose codes the font copies give to those, as U+FFFD too. */
static uint32_t printed_code(const struct pdf_text *text, struct pdf_fonts *fonts, uint32_t cp)
{
	if (cp > 0xFFFF) {
		uint32_t code = astral_code(cp);
		if (code)
			return code;
		if (!text->quiet)
			diag_warning(text->source, text->line,
				     "character U+%04X is above U+FFFF and outside the blocks the "
				     "PDF fonts print there (emoji, mathematical letters); printed "
				     "as U+FFFD",
				     (unsigned)cp);
		return REPLACEMENT;
	}
	if (!astral_is_code(cp))
		return cp;
	uint8_t *seen = &fonts->warned[cp / 8], bit = (uint8_t)(1u << (cp % 8));
	if (!text->quiet && !(*seen & bit)) {
		diag_warning(text->source, text->line,
			     "private-use character U+%04X is in the range U+%04X-U+%04X that "
			     "the PDF uses for characters above U+FFFF; printed as U+FFFD "
			     "(reported once)",
			     (unsigned)cp, ASTRAL_CODE_FIRST, ASTRAL_CODE_LAST);
		*seen |= bit;
	}
	return REPLACEMENT;
}

/* No font prints CP: said once per character. Above U+FFFF only the astral
 * copy prints, so without it a missing cache is the likely cause. */
static void warn_missing(const struct pdf_text *text, struct pdf_fonts *fonts, uint32_t cp)
{
	uint8_t *seen = &fonts->warned[cp / 8], bit = (uint8_t)(1u << (cp % 8));
	if (text->quiet || (*seen & bit))
		return;
	*seen |= bit;
	if (astral_is_code(cp) && !fonts->face[FACE_ASTRAL].path)
		diag_warning(text->source, text->line,
			     "no font copy has character U+%04X; printed as U+FFFD (reported "
			     "once; characters above U+FFFF print from the flattened font "
			     "cache only: run make, which writes it)",
			     (unsigned)astral_char(cp));
	else
		diag_warning(text->source, text->line,
			     "no font has character U+%04X; printed as U+FFFD (reported once)",
			     (unsigned)astral_char(cp));
}

/* One character of a piece of text in STYLE_INDEX: its face and width. */
static int append_char(struct pdf_text *text, struct pdf_fonts *fonts, int style_index,
		       uint32_t cp)
{
	const struct pdf_style *style = &text->styles[style_index];
	/* Control characters print nothing in any font: a tab or CR is a
	 * space, the others are dropped; '\n' is a forced line break. */
	if (cp == '\t' || cp == '\r')
		cp = ' ';
	if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp >= ASTRAL_CODE_FIRST)
		cp = printed_code(text, fonts, cp);
	int face = fonts_pick(fonts, style->face, cp);
	/* Only a flattened copy is known to draw these as nothing. */
	if (cp >= 0x200B && char_is_invisible(cp) && (face < 0 || !fonts->face[face].flattened))
		return 0;
	if (face < 0 && cp != '\n') {
		warn_missing(text, fonts, cp);
		cp = REPLACEMENT;
		face = fonts_pick(fonts, style->face, cp);
	}
	struct pdf_glyph glyph = {
		.cp = cp,
		.width = cp == '\n' ? 0 : (float)(fonts_width(fonts, face, cp) * style->size / 1000.0),
		.style = (uint16_t)style_index,
		.face = (int8_t)face,
		.brk = LINEBREAK_NOBREAK,
	};
	return push_glyph(text, &glyph);
}

/* Whether UTF8 holds a letter of the Arabic blocks (U+0600-U+06FF,
 * U+0750-U+077F, U+08A0-U+08FF), by their lead bytes. */
static int has_arabic(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((s[i] >= 0xD8 && s[i] <= 0xDB) || s[i] == 0xDD ||
		    (s[i] == 0xE0 && i + 1 < len && (s[i + 1] == 0xA2 || s[i + 1] == 0xA3)))
			return 1;
	return 0;
}

/* Arabic letters take the form their neighbours ask for: a piece with
 * Arabic is shaped whole (bidi.c) before its characters are appended. */
static int append_shaped(struct pdf_text *text, struct pdf_fonts *fonts, int style_index,
			 const unsigned char *s, size_t len)
{
	uint32_t *cps = malloc(len * sizeof *cps);
	if (!cps)
		return -1;
	size_t n = 0;
	for (size_t at = 0, used; at < len; at += used)
		cps[n++] = utf8_next(s + at, len - at, &used);
	bidi_shape_arabic(cps, n); /* out of memory: the letters stay unshaped */
	int status = 0;
	for (size_t i = 0; i < n && status == 0; i++)
		status = append_char(text, fonts, style_index, cps[i]);
	free(cps);
	return status;
}

/* A printable ASCII character: what append_char does for one, without its
 * tests for what ASCII cannot be (most of code is ASCII). A character no
 * font has goes the long way, to be warned about. */
static int append_ascii(struct pdf_text *text, struct pdf_fonts *fonts, int style_index,
			uint32_t cp)
{
	const struct pdf_style *style = &text->styles[style_index];
	int face = fonts_pick(fonts, style->face, cp);
	if (face < 0)
		return append_char(text, fonts, style_index, cp);
	struct pdf_glyph glyph = {
		.cp = cp,
		.width = (float)(fonts_width(fonts, face, cp) * style->size / 1000.0),
		.style = (uint16_t)style_index,
		.face = (int8_t)face,
		.brk = LINEBREAK_NOBREAK,
	};
	return push_glyph(text, &glyph);
}

int text_append(struct pdf_text *text, struct pdf_fonts *fonts, int style_index,
		const char *utf8, size_t len)
{
	const unsigned char *s = (const unsigned char *)utf8;
	if (has_arabic(s, len))
		return append_shaped(text, fonts, style_index, s, len);
	for (size_t at = 0; at < len;) {
		if (s[at] >= 0x20 && s[at] < 0x7F) {
			if (append_ascii(text, fonts, style_index, s[at++]) != 0)
				return -1;
			continue;
		}
		size_t used;
		uint32_t cp = utf8_next(s + at, len - at, &used);
		at += used;
		if (append_char(text, fonts, style_index, cp) != 0)
			return -1;
	}
	return 0;
}

double text_width(const struct pdf_text *text, size_t start, size_t end)
{
	double width = 0;
	for (size_t i = start; i < end; i++)
		width += text->glyphs[i].width;
	return width;
}

/* CP as libunibreak is asked about it. Debian 12's libunibreak aborts on a
 * regional indicator (the letters of a flag, class RI: an assertion in its
 * set_linebreaks), so a flag's first letter is asked about as an emoji and
 * its second as a combining mark (U+20E3), which never breaks from what it
 * follows: a flag breaks as one emoji does. *PAIRED: a first letter came
 * just before. */
static uint32_t breaking_char(uint32_t cp, int *paired)
{
	if (cp < 0x1F1E6 || cp > 0x1F1FF) {
		*paired = 0;
		return cp;
	}
	*paired = !*paired;
	return *paired ? 0x1F600 : 0x20E3;
}

/* Whether CP is a letter or digit: a piece of a word. */
static int is_letter_unit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || script_of(cp) != SCRIPT_NONE;
}

/* A closing bracket or quote, which a Korean particle after it joins:
 * "(Domain Name Server)를" is one word. */
static int is_closing(uint32_t cp)
{
	return cp == ')' || cp == ']' || cp == '}' || cp == '"' || cp == '\'' || cp == 0x2019 ||
	       cp == 0x201D || cp == 0x300D || cp == 0x300F;
}

/* Korean is set with spaces between words and breaks at them only (CSS's
 * keep-all), where UAX #14 breaks between any two syllables: no break
 * between a Hangul letter and a letter or digit beside it, nor after a
 * closing bracket before one, so that neither "...보여주세" nor "WebSocket"
 * ends a line with the rest of its word on the next. A word wider than the
 * line is still cut (fill_line). */
static void keep_korean_words(const struct pdf_text *text, char *breaks)
{
	for (size_t i = 0; i + 1 < text->count; i++) {
		uint32_t a = text->glyphs[i].cp, b = text->glyphs[i + 1].cp;
		if (breaks[i] != LINEBREAK_ALLOWBREAK || (a < 0x1100 && b < 0x1100))
			continue;
		int hangul_a = script_of(a) == SCRIPT_HANGUL, hangul_b = script_of(b) == SCRIPT_HANGUL;
		if ((hangul_a && is_letter_unit(b)) || (hangul_b && (is_letter_unit(a) || is_closing(a))))
			breaks[i] = LINEBREAK_NOBREAK;
	}
}

/* Where each line may break. Code may break at its spaces only (and, when
 * it must, anywhere: fill_line): the prose rules of UAX #14 would break it
 * after punctuation, where code cannot be read across a line end. */
static int mark_breaks(struct pdf_text *text)
{
	if (text->code) {
		for (size_t i = 0; i < text->count; i++)
			text->glyphs[i].brk =
				text->glyphs[i].cp == ' ' ? LINEBREAK_ALLOWBREAK : LINEBREAK_NOBREAK;
		return 0;
	}
	static int initialised; /* libunibreak's tables, once per process */
	if (!initialised) {
		init_linebreak();
		initialised = 1;
	}
	utf32_t *points = malloc((text->count + 1) * sizeof *points);
	char *breaks = malloc(text->count + 1);
	if (!points || !breaks) {
		free(points);
		free(breaks);
		return -1;
	}
	int paired = 0;
	for (size_t i = 0; i < text->count; i++)
		points[i] = breaking_char(astral_char(text->glyphs[i].cp), &paired);
	set_linebreaks_utf32(points, text->count, "en", breaks);
	keep_korean_words(text, breaks);
	for (size_t i = 0; i < text->count; i++)
		text->glyphs[i].brk = (uint8_t)breaks[i];
	free(points);
	free(breaks);
	return 0;
}

static int push_line(struct pdf_lines *lines, const struct pdf_line *line)
{
	if (pdf_grow(&lines->items, &lines->cap, lines->count, sizeof *lines->items,
		     PDF_MAX_GLYPHS) != 0)
		return -1;
	lines->items[lines->count++] = *line;
	return 0;
}

static int is_word_break_char(uint32_t cp)
{
	return cp == '/' || cp == '-' || cp == '_' || cp == '.' || cp == ',' || cp == '?' ||
	       cp == '&' || cp == '=';
}

/* Where a line that overflows at glyph OVER should end, when no break
 * opportunity lies between START and OVER. */
static size_t emergency_end(const struct pdf_text *text, size_t start, size_t over)
{
	for (size_t k = over; k > start + 1; k--)
		if (is_word_break_char(text->glyphs[k - 1].cp))
			return k;
	return over > start ? over : start + 1;
}

/* The end of the line that starts at START, and where the next one starts. */
static size_t fill_line(const struct pdf_text *text, size_t start, double max, size_t *next)
{
	size_t best = 0;
	double width = 0;
	for (size_t i = start; i < text->count; i++) {
		const struct pdf_glyph *g = &text->glyphs[i];
		if (g->cp == '\n') {
			*next = i + 1;
			return i;
		}
		if (g->cp != ' ' && width + g->width > max && i > start) {
			size_t end = best > start ? best : emergency_end(text, start, i);
			/* A code line breaks at a space only when that keeps at least
			 * half the line; else it is cut where it overflows, which
			 * wastes less of a narrow box. */
			if (text->code && best > start && best - start < (i - start) / 2)
				end = i;
			*next = end;
			return end;
		}
		width += g->width;
		if (g->brk == LINEBREAK_ALLOWBREAK || g->brk == LINEBREAK_MUSTBREAK)
			best = i + 1;
	}
	*next = text->count;
	return text->count;
}

int text_break(struct pdf_text *text, double first_width, double width, struct pdf_lines *lines)
{
	lines->count = 0;
	if (mark_breaks(text) != 0)
		return -1;
	size_t start = 0;
	while (start < text->count) {
		size_t next;
		double max = lines->count == 0 ? first_width : width;
		size_t end = fill_line(text, start, max, &next);
		struct pdf_line line = {.start = start, .end = end, .continued = 0};
		while (line.end > line.start && text->glyphs[line.end - 1].cp == ' ')
			line.end--;
		line.width = text_width(text, line.start, line.end);
		for (size_t i = line.start; i < line.end; i++) {
			double size = text->styles[text->glyphs[i].style].size;
			if (size > line.ascent)
				line.ascent = size;
		}
		/* A line of only a line break still has its text's height. */
		if (line.ascent == 0 && text->style_count > 0)
			line.ascent = text->styles[text->glyphs[start < text->count ? start : 0].style].size;
		if (lines->count > 0 && text->code)
			line.continued = 1;
		if (push_line(lines, &line) != 0)
			return -1;
		start = next;
		if (!text->code)
			while (start < text->count && text->glyphs[start].cp == ' ')
				start++;
	}
	return 0;
}
