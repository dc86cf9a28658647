/* codelayout.c: code as lines of monospace text, wrapped or shrunk to fit.
 *
 * Owns: splitting code into one text run per source line (tabs to the next
 * multiple of 4 columns), telling a diagram (box-drawing characters) from
 * code and a line that introduces what follows (it ends in a colon), the
 * smaller size at which a diagram's widest line fits, wrapping the other
 * lines, and the count of visual lines a code block will take. Never:
 * knows pages, boxes, padding or colours: a caller gives the widths, the
 * style and the size, and draws (code.c for the handout). */
#include "guide2pdf/typeset.h"

#include "codetheme.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int code_is_diagram(const char *code)
{
	/* U+2500..U+257F (box drawing) is E2 94 80 .. E2 95 BF in UTF-8. */
	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		if (p[0] == 0xE2 && (p[1] == 0x94 || p[1] == 0x95))
			return 1;
	return 0;
}

/* Also the arrows (U+25B2, U+25BC) that diagrams draw their edges with. */
int code_has_box_drawing(const struct pdf_text *text)
{
	for (size_t i = 0; i < text->count; i++) {
		uint32_t cp = text->glyphs[i].cp;
		if ((cp >= 0x2500 && cp <= 0x257F) || cp == 0x25B2 || cp == 0x25BC)
			return 1;
	}
	return 0;
}

int code_is_blank(const struct pdf_text *text)
{
	for (size_t i = 0; i < text->count; i++)
		if (text->glyphs[i].cp != ' ')
			return 0;
	return 1;
}

/* A line that ends in a colon (or a full-width one, U+FF1A) leads into what
 * follows it: "Django settings.py:", "DEPLOYMENT ARCHITECTURE:", "try:". A
 * line of a drawing is never one. */
int code_introduces(const struct pdf_text *text)
{
	size_t n = text->count;
	while (n > 0 && text->glyphs[n - 1].cp == ' ')
		n--;
	return n > 0 && (text->glyphs[n - 1].cp == ':' || text->glyphs[n - 1].cp == 0xFF1A) &&
	       !code_has_box_drawing(text);
}

/* Whether the source line P[0, N) ends in a colon or has a box-drawing
 * character (U+2500..U+257F, and the arrows U+25B2, U+25BC), from its bytes. */
static int line_may_keep(const char *p, size_t n)
{
	size_t end = n;
	while (end > 0 && p[end - 1] == ' ')
		end--;
	if (end > 0 && p[end - 1] == ':')
		return 1;
	if (end >= 3 && memcmp(p + end - 3, "\xEF\xBC\x9A", 3) == 0) /* U+FF1A */
		return 1;
	for (size_t i = 0; i + 2 < n; i++) {
		unsigned char a = (unsigned char)p[i], b = (unsigned char)p[i + 1],
			      c = (unsigned char)p[i + 2];
		if (a == 0xE2 && (b == 0x94 || b == 0x95 || (b == 0x96 && (c == 0xB2 || c == 0xBC))))
			return 1;
	}
	return 0;
}

int code_start_may_keep(const char *code, size_t lines)
{
	for (const char *p = code; *p && lines > 0; lines--) {
		size_t n = strcspn(p, "\n");
		if (line_may_keep(p, n))
			return 1;
		p += n + (p[n] == '\n');
	}
	return 0;
}

size_t code_count_lines(const char *code, double columns)
{
	int diagram = code_is_diagram(code);
	size_t count = 0, width = 0;
	for (const unsigned char *p = (const unsigned char *)code; *p; p++) {
		if (*p == '\n') {
			/* A wrapped line's continuations lose two columns to the mark. */
			count += diagram || width <= columns ? 1 : (size_t)ceil(width / (columns - 2));
			width = 0;
		} else if ((*p & 0xC0) != 0x80) {
			width++;
		}
	}
	if (width > 0)
		count++;
	return count;
}

void code_lines_free(struct code_lines *code)
{
	for (size_t i = 0; i < code->count; i++) {
		text_free(&code->texts[i]);
		lines_free(&code->broken[i]);
	}
	free(code->texts);
	free(code->broken);
}

#define STYLE_UNSET (-2) /* a kind's style not yet registered in the line */

/* The style index of kind K (0: the block's own style) in TEXT, registered
 * on first use: a line holds a few of the kinds, and registering all of
 * them for every line cost more than the line's characters. */
static int style_of(struct pdf_text *text, const struct code_runs *runs, int *index, int k)
{
	if (index[k] == STYLE_UNSET)
		index[k] = text_style(text, &runs->styles[k - 1]);
	return index[k];
}

/* Appends the source line P[0, N) to TEXT, each tab as the spaces up to the
 * next multiple of 4 columns (a column is a code point, not a byte), each
 * piece in the style of its kind (KIND: per byte, or NULL for INDEX[0]). */
static int append_expanded(struct pdf_text *text, struct pdf_fonts *fonts, const struct code_runs *runs,
			   int *index, const unsigned char *kind, const char *p, size_t n)
{
	size_t column = 0, from = 0;
	for (size_t k = 0; k <= n; k++) {
		int tab = k < n && p[k] == '\t';
		int change = k < n && kind && k > from && kind[k] != kind[from];
		int counts = k < n && ((unsigned char)p[k] & 0xC0) != 0x80;
		if (k < n && !tab && !change) {
			column += counts;
			continue;
		}
		int style = style_of(text, runs, index, kind && k > from ? kind[from] : 0);
		if (style < 0 || text_append(text, fonts, style, p + from, k - from) != 0)
			return -1;
		from = k;
		if (tab) {
			size_t spaces = 4 - column % 4;
			int tab_style = style_of(text, runs, index, kind ? kind[k] : 0);
			if (tab_style < 0 || text_append(text, fonts, tab_style, "    ", spaces) != 0)
				return -1;
			column += spaces;
			from = k + 1;
		} else {
			column += counts; /* the byte that starts the next piece */
		}
	}
	return 0;
}

/* The style index of the block's style in TEXT; each kind's is left to
 * style_of. */
static int add_styles(struct pdf_text *text, const struct pdf_style *style, int *index)
{
	index[0] = text_style(text, style);
	for (int i = 0; i < CODE_KINDS; i++)
		index[i + 1] = STYLE_UNSET;
	return index[0];
}

int code_split(struct pdf_fonts *fonts, const char *code, const char *source, long line,
	       int quiet, struct pdf_style style, struct code_lines *out)
{
	return code_split_runs(fonts, code, NULL, source, line, quiet, style, out);
}

int code_split_runs(struct pdf_fonts *fonts, const char *code, const struct code_runs *runs,
		    const char *source, long line, int quiet, struct pdf_style style,
		    struct code_lines *out)
{
	size_t count = 1;
	for (const char *p = code; *p; p++)
		count += *p == '\n';
	size_t len = strlen(code);
	if (len > 0 && code[len - 1] == '\n')
		count--;
	out->count = 0;
	out->texts = calloc(count ? count : 1, sizeof *out->texts);
	out->broken = calloc(count ? count : 1, sizeof *out->broken);
	if (!out->texts || !out->broken)
		return -1;
	const char *p = code;
	for (size_t i = 0; i < count; i++) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		struct pdf_text *text = &out->texts[i];
		text_init(text, source, line + 1 + (long)i);
		text->quiet = quiet;
		text->code = 1;
		out->count++;
		int index[CODE_KINDS + 1];
		if (add_styles(text, &style, index) < 0 ||
		    append_expanded(text, fonts, runs, index, runs ? runs->kind + (p - code) : NULL, p,
				    n) != 0)
			return -1;
		p = end ? end + 1 : p + n;
	}
	return 0;
}

double code_fit_size(struct pdf_fonts *fonts, const char *code, double size, double width)
{
	if (!code_is_diagram(code))
		return size;
	struct pdf_style style = {.face = FACE_MONO, .size = size};
	struct code_lines lines = {0};
	double widest = 0;
	if (code_split(fonts, code, NULL, 0, 1, style, &lines) == 0)
		for (size_t i = 0; i < lines.count; i++)
			widest = fmax(widest, text_width(&lines.texts[i], 0, lines.texts[i].count));
	code_lines_free(&lines);
	/* 0.999: the sum of the scaled widths must not round past WIDTH. */
	return widest > width ? size * width / widest * 0.999 : size;
}

int code_break(struct code_lines *lines, double first_width, double width, double size)
{
	for (size_t i = 0; i < lines->count; i++) {
		if (text_break(&lines->texts[i], first_width, width, &lines->broken[i]) != 0)
			return -1;
		if (lines->broken[i].count > 0)
			continue;
		/* An empty source line is still a line of the block. */
		struct pdf_line empty = {.ascent = size};
		lines->broken[i].items = malloc(sizeof empty);
		if (!lines->broken[i].items)
			return -1;
		lines->broken[i].items[0] = empty;
		lines->broken[i].count = lines->broken[i].cap = 1;
	}
	return 0;
}
