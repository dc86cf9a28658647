/* content.c: the operators of a page's content stream, written directly.
 *
 * Owns: the bytes of a page's content stream (colours, rectangles, lines,
 * text objects) and the state set on it. Never: decides where anything goes
 * on a page, breaks pages or knows the handout; it writes where it is told.
 *
 * libharu formats each number of an operator through a byte-by-byte routine
 * and checks the graphics state on every call: on a long guide that cost more
 * than laying the guide out. The few operators the handout draws with (fill
 * and stroke colour, rectangles, lines, text) are written here instead, into
 * the stream libharu keeps for the page, and a colour or font already set on
 * the page is not set again. libharu still owns the page, its resources and
 * the fonts.
 *
 * In a tagged document it also writes the marked-content operators: what is
 * drawn for the element current in the structure tree (tags.c) is put
 * between BDC and EMC with an MCID of the page, furniture (rules, shading,
 * backgrounds, headers) between /Artifact BMC and EMC. A sequence is left
 * open while the same element draws on, and closed before anything else is
 * drawn, before a hold and at the end of the page; each text object is
 * inside one sequence. */
#include "guide2pdf/typeset.h"

#include <hpdf_pages.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NUMBER_MAX 24 /* "-999999999.999" and room to spare */
#define LIMIT 1e9     /* far outside any page; keeps the digits bounded */
#define HELD_LIMIT ((size_t)1 << 30)

/* V with at most three decimals and no exponent, as PDF numbers are. */
static size_t format_number(char *out, double v)
{
	if (!isfinite(v))
		v = 0;
	v = v > LIMIT ? LIMIT : v < -LIMIT ? -LIMIT : v;
	long long n = llround(v * 1000);
	size_t len = 0;
	if (n < 0) {
		out[len++] = '-';
		n = -n;
	}
	long long whole = n / 1000;
	int frac = (int)(n % 1000);
	char digits[NUMBER_MAX];
	int count = 0;
	do {
		digits[count++] = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole > 0);
	while (count > 0)
		out[len++] = digits[--count];
	if (frac > 0) {
		out[len++] = '.';
		int scale = 100;
		while (frac > 0) {
			out[len++] = (char)('0' + frac / scale);
			frac %= scale;
			scale /= 10;
		}
	}
	return len;
}

/* Writes the numbers VALUES and then OP ("re f", "rg", ...) as one line. */
static void put_op(struct pdf_content *content, const double *values, size_t count, const char *op)
{
	char line[8 * (NUMBER_MAX + 1) + 16];
	size_t len = 0;
	for (size_t i = 0; i < count && i < 8; i++) {
		len += format_number(line + len, values[i]);
		line[len++] = ' ';
	}
	size_t op_len = strlen(op);
	memcpy(line + len, op, op_len);
	len += op_len;
	line[len++] = '\n';
	content_write(content, line, len);
}

static int hold_room(struct pdf_content *content, size_t len)
{
	size_t cap = content->held_cap ? content->held_cap : 4096;
	while (cap - content->held_len < len) {
		if (cap >= HELD_LIMIT)
			return -1;
		cap *= 2;
	}
	if (cap == content->held_cap)
		return 0;
	char *grown = realloc(content->held, cap);
	if (!grown)
		return -1;
	content->held = grown;
	content->held_cap = cap;
	return 0;
}

void content_write(struct pdf_content *content, const char *bytes, size_t len)
{
	if (content->holding) {
		if (hold_room(content, len) != 0) {
			*content->failed = 1;
			return;
		}
		memcpy(content->held + content->held_len, bytes, len);
		content->held_len += len;
		return;
	}
	HPDF_Stream stream = ((HPDF_PageAttr)content->page->attr)->stream;
	if (HPDF_Stream_Write(stream, (const HPDF_BYTE *)bytes, (HPDF_UINT)len) != HPDF_OK)
		*content->failed = 1;
}

void content_unmark(struct pdf_content *content)
{
	if (content->marked == TAG_NONE)
		return;
	content->marked = TAG_NONE;
	content_write(content, "EMC\n", 4);
}

void content_mark(struct pdf_content *content, int elem)
{
	struct pdf_tags *tags = content->tags;
	if (!tags || !tags->on || content->marked == elem || !content->page)
		return;
	content_unmark(content);
	if (elem == TAG_NONE)
		return;
	int mcid = elem >= 0 ? tags_mcid(tags, content->page_index, elem) : -1;
	content->marked = elem; /* what was asked for, even when drawn as an artifact */
	if (mcid < 0) {
		content_write(content, "/Artifact BMC\n", 14);
		return;
	}
	char line[64];
	int len = snprintf(line, sizeof line, "/%s <</MCID %d>> BDC\n", tags_type(tags, elem), mcid);
	content_write(content, line, (size_t)len);
}

void content_reset(struct pdf_content *content, HPDF_Page page, int *failed)
{
	if (content->page && !content->holding)
		content_unmark(content);
	char *held = content->held;
	size_t cap = content->held_cap;
	struct pdf_tags *tags = content->tags;
	int page_index = page == content->page ? content->page_index : 0;
	memset(content, 0, sizeof *content);
	content->held = held;
	content->held_cap = cap;
	content->page = page;
	content->failed = failed;
	content->tags = tags;
	content->page_index = page_index; /* the same page again: its MCIDs go on */
	content->marked = TAG_NONE;
}

void content_tag(struct pdf_content *content, struct pdf_tags *tags, int page_index)
{
	content->tags = tags;
	content->page_index = page_index;
}

void content_free(struct pdf_content *content)
{
	free(content->held);
	memset(content, 0, sizeof *content);
}

void content_hold(struct pdf_content *content)
{
	content_unmark(content);
	if (content->holding < CONTENT_MAX_HOLDS)
		content->marks[content->holding] = content->held_len;
	content->holding++;
}

/* The background is wrapped in q/Q, so the colour the held operators were
 * written after is still the one in force when they run. The held bytes are
 * moved out first: written again, they go to the stream, or to the hold
 * around this one. */
void content_release(struct pdf_content *content, double x, double y, double w, double h,
		     struct pdf_color under)
{
	if (!content->holding)
		return;
	content_unmark(content);
	if (--content->holding >= CONTENT_MAX_HOLDS)
		return; /* too deep: its operators stay with the hold around it */
	size_t mark = content->marks[content->holding];
	size_t len = content->held_len - mark;
	char *bytes = len ? malloc(len) : NULL;
	if (len && !bytes) {
		*content->failed = 1;
		return;
	}
	if (len)
		memcpy(bytes, content->held + mark, len);
	content->held_len = mark;
	double color[] = {under.r, under.g, under.b}, rect[] = {x, y, w, h};
	content_mark(content, TAG_ARTIFACT);
	content_write(content, "q\n", 2);
	put_op(content, color, 3, "rg");
	put_op(content, rect, 4, "re f");
	content_write(content, "Q\n", 2);
	content_unmark(content);
	if (len)
		content_write(content, bytes, len);
	free(bytes);
}

static int same_color(struct pdf_color a, struct pdf_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

void content_fill_color(struct pdf_content *content, struct pdf_color c)
{
	if (content->fill_set && same_color(content->fill, c))
		return;
	double values[] = {c.r, c.g, c.b};
	put_op(content, values, 3, "rg");
	content->fill = c;
	content->fill_set = 1;
}

void content_fill_rect(struct pdf_content *content, double x, double y, double w, double h,
		       struct pdf_color color)
{
	content_mark(content, TAG_ARTIFACT);
	content_fill_color(content, color);
	double values[] = {x, y, w, h};
	put_op(content, values, 4, "re f");
}

static void set_stroke(struct pdf_content *content, double width, struct pdf_color color)
{
	if (!content->stroke_set || !same_color(content->stroke, color)) {
		double values[] = {color.r, color.g, color.b};
		put_op(content, values, 3, "RG");
		content->stroke = color;
		content->stroke_set = 1;
	}
	if (!content->width_set || content->width != width) {
		put_op(content, &width, 1, "w");
		content->width = width;
		content->width_set = 1;
	}
}

void content_stroke_line(struct pdf_content *content, double x0, double y0, double x1,
			 double y1, double width, struct pdf_color color)
{
	content_mark(content, TAG_ARTIFACT);
	set_stroke(content, width, color);
	double from[] = {x0, y0}, to[] = {x1, y1};
	put_op(content, from, 2, "m");
	put_op(content, to, 2, "l S");
}

void content_begin_text(struct pdf_content *content)
{
	content_write(content, "BT\n", 3);
	content->pen_set = 0;
}

/* Places the next run at X, Y: with Tm, unless the last run of this text
 * object ended exactly there. Each glyph's width is the one the font's /W
 * gives it (fonts_width asks libharu), so after a Tj the text position is
 * where the layout put the next run; a code line of many tokens, or a line's
 * closing space, then costs no text matrix per token. */
static void place_run(struct pdf_content *content, double x, double y)
{
	if (content->pen_set && content->pen_y == y && content->pen_slant == content->slant &&
	    fabs(content->pen_x - x) < 1e-6)
		return;
	double at[] = {1, 0, content->slant, 1, x, y};
	put_op(content, at, 6, "Tm");
	content->pen_x = x;
	content->pen_y = y;
	content->pen_slant = content->slant;
	content->pen_set = 1;
}

void content_end_text(struct pdf_content *content)
{
	content_write(content, "ET\n", 3);
}

int content_font(struct pdf_content *content, HPDF_Font font, double size)
{
	if (content->font == font && content->size == size)
		return 0;
	/* Also adds the font to the page's resources. */
	const char *name = HPDF_Page_GetLocalFontName(content->page, font);
	if (!name) {
		*content->failed = 1;
		return -1;
	}
	char line[HPDF_LIMIT_MAX_NAME_LEN + NUMBER_MAX + 8];
	size_t len = 0;
	line[len++] = '/';
	size_t name_len = strnlen(name, HPDF_LIMIT_MAX_NAME_LEN);
	memcpy(line + len, name, name_len);
	len += name_len;
	line[len++] = ' ';
	len += format_number(line + len, size);
	memcpy(line + len, " Tf\n", 4);
	content_write(content, line, len + 4);
	content->font = font;
	content->size = size;
	return 0;
}

/* Appends BYTE to a literal string, escaped where PDF needs it: the
 * parentheses and the backslash, and a carriage return, which a reader would
 * read as a line end. */
static size_t put_string_byte(char *out, unsigned char byte)
{
	if (byte == '(' || byte == ')' || byte == '\\') {
		out[0] = '\\';
		out[1] = (char)byte;
		return 2;
	}
	if (byte == '\r') {
		out[0] = '\\';
		out[1] = 'r';
		return 2;
	}
	out[0] = (char)byte;
	return 1;
}

/* Glyphs [start, end) of TEXT at X, Y. With libharu's UTF-8 fonts a glyph's
 * code is its UTF-16 code unit (text.c keeps to the Basic Multilingual
 * Plane: a character above it is at its private code), written as two bytes of a literal string: half the size of a hex
 * string, which matters to the time spent compressing the page. */
void content_text(struct pdf_content *content, double x, double y, const struct pdf_text *text,
		  size_t start, size_t end)
{
	place_run(content, x, y);
	char buf[4 * 256 + 8];
	size_t len = 0;
	buf[len++] = '(';
	for (size_t i = start; i < end; i++) {
		uint32_t cp = text->glyphs[i].cp;
		content->pen_x += text->glyphs[i].width;
		len += put_string_byte(buf + len, (unsigned char)(cp >> 8));
		len += put_string_byte(buf + len, (unsigned char)(cp & 0xFF));
		if (len > sizeof buf - 8) {
			content_write(content, buf, len);
			len = 0;
		}
	}
	memcpy(buf + len, ") Tj\n", 5);
	content_write(content, buf, len + 5);
}

static int same_run(const struct pdf_text *text, size_t a, size_t b)
{
	return text->glyphs[a].face == text->glyphs[b].face &&
	       text->glyphs[a].style == text->glyphs[b].style;
}

/* Bold text in a face with no bold cut of its own (the CJK, Hangul, Thai and
 * symbol fonts, or any face standing in for the bold one): its glyphs are
 * filled and stroked in their colour (text render mode 2), the usual way to
 * embolden in PDF, with a line this fraction of the font size. */
#define STROKED_BOLD 0.035

static int stroked_bold(const struct pdf_glyph *glyph, const struct pdf_style *style)
{
	int bold = style->face == FACE_BOLD || style->face == FACE_BOLD_ITALIC;
	return bold && glyph->face != FACE_BOLD && glyph->face != FACE_BOLD_ITALIC;
}

/* A code token in a cut of the monospace face (bold, italic) whose glyphs
 * come from another face: the cut lacks the character, or prints it at
 * another width, or is not installed (font.c). Bold is stroked as above;
 * italic is slanted by the text matrix, as a word processor slants a face
 * with no italic of its own. */
#define SLANTED_ITALIC 0.2126 /* tan 12 degrees */

static int drawn_as_cut(const struct pdf_glyph *glyph, const struct pdf_style *style)
{
	return face_is_mono_cut(style->face) && !face_is_mono_cut(glyph->face);
}

static void draw_as_cut(struct pdf_content *content, const struct pdf_text *text, size_t start,
			size_t end, double x, double baseline)
{
	const struct pdf_style *style = &text->styles[text->glyphs[start].style];
	int bold = style->face != FACE_MONO_ITALIC, italic = style->face != FACE_MONO_BOLD;
	if (bold) {
		set_stroke(content, style->size * STROKED_BOLD, style->color);
		content_write(content, "2 Tr\n", 5);
	}
	content->slant = italic ? SLANTED_ITALIC : 0;
	content_text(content, x, baseline, text, start, end);
	content->slant = 0;
	if (bold)
		content_write(content, "0 Tr\n", 5);
}

/* One run of one face and style. The glyphs were marked for the font subset
 * when text.c measured them (fonts_width). */
static int draw_run(struct pdf_content *content, struct pdf_fonts *fonts,
		    const struct pdf_text *text, size_t start, size_t end, double x, double baseline)
{
	const struct pdf_glyph *first = &text->glyphs[start];
	const struct pdf_style *style = &text->styles[first->style];
	HPDF_Font font = fonts_get(fonts, first->face);
	if (!font || content_font(content, font, style->size) != 0)
		return -1;
	content_fill_color(content, style->color);
	if (drawn_as_cut(first, style)) {
		draw_as_cut(content, text, start, end, x, baseline);
		return 0;
	}
	if (!stroked_bold(first, style)) {
		content_text(content, x, baseline, text, start, end);
		return 0;
	}
	set_stroke(content, style->size * STROKED_BOLD, style->color);
	content_write(content, "2 Tr\n", 5);
	content_text(content, x, baseline, text, start, end);
	content_write(content, "0 Tr\n", 5);
	return 0;
}

/* Whether a line ending before glyph END ends a word there: at the end of
 * the text, or before a space or line end. A line broken inside a word (code
 * wrapped anywhere, CJK, which has no spaces) does not. */
static int ends_word(const struct pdf_text *text, size_t end)
{
	return end >= text->count || text->glyphs[end].cp == ' ' || text->glyphs[end].cp == '\n' ||
	       (end > 0 && text->glyphs[end - 1].cp == '\n');
}

/* A space at X, which prints nothing: the break between two lines of one
 * element, which no glyph shows, so that its text reads "two words" and
 * not "twowords" where the lines are read one after the other. It is in
 * the font the line ended in, whose subset may have no space (the CJK
 * font, the emoji copy): drawn invisible (render mode 3), so that no
 * viewer prints a .notdef box after the line. */
static void content_text_space(struct pdf_content *content, double x, double baseline)
{
	double slant = content->slant;
	content->slant = 0;
	place_run(content, x, baseline);
	content->slant = slant;
	static const char SPACE[] = "3 Tr\n(\\000 ) Tj\n0 Tr\n"; /* the code of U+0020 */
	content_write(content, SPACE, sizeof SPACE - 1);
	content->pen_set = 0; /* the space's own width is not known here */
}

/* The element the run at glyph I belongs to. */
static int run_elem(struct pdf_content *content, const struct pdf_text *text, size_t i)
{
	struct pdf_tags *tags = content->tags;
	const struct pdf_style *style = &text->styles[text->glyphs[i].style];
	if (tags->artifact)
		return TAG_ARTIFACT;
	int elem = (style->flags & STYLE_LINK) && style->href ? tags_link(tags, style->href)
		   : style->lang ? tags_lang_span(tags, style->lang)
				 : tags_current(tags);
	tags_drew(tags, elem);
	return elem;
}

/* Tagged, each run goes into its element's sequence: a text object ends
 * where the element changes (a link in a line). Text state (font, size)
 * outlives a text object, and each run places itself with Tm, so the page
 * looks the same. */
static int draw_tagged(struct pdf_content *content, struct pdf_fonts *fonts,
		       const struct pdf_text *text, size_t start, size_t end, double x,
		       double baseline, int word_end)
{
	int open = 0;
	for (size_t i = start; i < end;) {
		size_t j = i;
		double width = 0;
		while (j < end && same_run(text, i, j))
			width += text->glyphs[j++].width;
		if (text->glyphs[i].face >= 0 && text->glyphs[i].cp != '\n') {
			int elem = run_elem(content, text, i);
			if (!open || elem != content->marked) {
				if (open)
					content_end_text(content);
				content_mark(content, elem);
				content_begin_text(content);
				open = 1;
			}
			if (draw_run(content, fonts, text, i, j, x, baseline) != 0) {
				content_end_text(content);
				return -1;
			}
		}
		x += width;
		i = j;
	}
	if (open && word_end)
		content_text_space(content, x, baseline);
	if (open)
		content_end_text(content);
	return 0;
}

/* WORD_END: the line ends a word (ends_word, asked of the text in reading
 * order: a visual copy holds the line's glyphs alone). */
static int draw_glyphs(struct pdf_content *content, struct pdf_fonts *fonts,
		       const struct pdf_text *text, size_t start, size_t end, double x,
		       double baseline, int word_end)
{
	if (content->tags && content->tags->on)
		return draw_tagged(content, fonts, text, start, end, x, baseline, word_end);
	content_begin_text(content);
	for (size_t i = start; i < end;) {
		size_t j = i;
		double width = 0;
		while (j < end && same_run(text, i, j))
			width += text->glyphs[j++].width;
		if (text->glyphs[i].face >= 0 && text->glyphs[i].cp != '\n' &&
		    draw_run(content, fonts, text, i, j, x, baseline) != 0) {
			content_end_text(content);
			return -1;
		}
		x += width;
		i = j;
	}
	content_end_text(content);
	return 0;
}

/* The Arabic letter a presentation form (bidi.c's shaping) stands for, as
 * the ToUnicode map gives it back (cmap.c); any other character itself. */
static uint32_t letter_of_form(uint32_t cp)
{
	if (!((cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)))
		return cp;
	utf8proc_int32_t parts[4];
	int last = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, parts, 4,
						     UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
	return n == 1 ? (uint32_t)parts[0] : cp;
}

/* Glyphs [START, END) of TEXT as UTF-8 in reading order, line ends left
 * out; NULL when out of memory. */
static char *text_utf8(const struct pdf_text *text, size_t start, size_t end)
{
	char *out = malloc(4 * (end - start) + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	for (size_t i = start; i < end; i++) {
		uint32_t cp = letter_of_form(astral_char(text->glyphs[i].cp));
		if (cp != '\n')
			n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + n);
	}
	out[n] = '\0';
	return out;
}

/* A line with Hebrew or Arabic is drawn from a copy of its glyphs in visual
 * order (bidi.c); any other as it stands. */
int content_glyphs(struct pdf_content *content, struct pdf_fonts *fonts,
		   const struct pdf_text *text, size_t start, size_t end, double x, double baseline)
{
	int word_end = ends_word(text, end);
	if (!bidi_has_rtl(text, start, end))
		return draw_glyphs(content, fonts, text, start, end, x, baseline, word_end);
	struct pdf_tags *tags = content->tags;
	int span = tags && tags->on && !tags->artifact;
	if (span) {
		char *actual = text_utf8(text, start, end);
		tags_open_span(tags, actual);
		free(actual);
	}
	struct pdf_text visual = *text;
	visual.glyphs = malloc((end - start) * sizeof *visual.glyphs);
	if (!visual.glyphs || bidi_visual(text, start, end, visual.glyphs) != 0) {
		free(visual.glyphs);
		if (span)
			tags_close(tags);
		*content->failed = 1;
		return -1;
	}
	/* A mirrored sign (bidi.c) may be one the text never measured: asking
	 * its width puts its glyph into the font's subset. */
	for (size_t i = 0; i < end - start; i++)
		fonts_width(fonts, visual.glyphs[i].face, visual.glyphs[i].cp);
	int status =
		draw_glyphs(content, fonts, &visual, 0, end - start, x, baseline, word_end);
	free(visual.glyphs);
	if (span)
		tags_close(tags);
	return status;
}

int content_image(struct pdf_content *content, HPDF_Image image, double x, double y, double w,
		  double h, int elem)
{
	/* Also adds the image to the page's resources. */
	const char *name = HPDF_Page_GetXObjectName(content->page, image);
	if (!name) {
		*content->failed = 1;
		return -1;
	}
	content_mark(content, elem);
	double at[] = {w, 0, 0, h, x, y};
	content_write(content, "q\n", 2);
	put_op(content, at, 6, "cm");
	char line[HPDF_LIMIT_MAX_NAME_LEN + 8];
	int len = snprintf(line, sizeof line, "/%s Do\n", name);
	content_write(content, line, (size_t)len);
	content_write(content, "Q\n", 2);
	return 0;
}
