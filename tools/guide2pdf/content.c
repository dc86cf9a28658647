/* content.c: the operators of a page's content stream, written directly.
 *
 * libharu formats each number of an operator through a byte-by-byte routine
 * and checks the graphics state on every call: on a long guide that cost more
 * than laying the guide out. The few operators the handout draws with (fill
 * and stroke colour, rectangles, lines, text) are written here instead, into
 * the stream libharu keeps for the page, and a colour or font already set on
 * the page is not set again. libharu still owns the page, its resources and
 * the fonts. */
#include "guide2pdf/pdf.h"

#include <hpdf_pages.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
static void put_op(struct pdf_doc *pdf, const double *values, size_t count, const char *op)
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
	content_write(pdf, line, len);
}

static int hold_room(struct pdf_content *state, size_t len)
{
	size_t cap = state->held_cap ? state->held_cap : 4096;
	while (cap - state->held_len < len) {
		if (cap >= HELD_LIMIT)
			return -1;
		cap *= 2;
	}
	if (cap == state->held_cap)
		return 0;
	char *grown = realloc(state->held, cap);
	if (!grown)
		return -1;
	state->held = grown;
	state->held_cap = cap;
	return 0;
}

void content_write(struct pdf_doc *pdf, const char *bytes, size_t len)
{
	struct pdf_content *state = &pdf->content;
	if (state->holding) {
		if (hold_room(state, len) != 0) {
			pdf->failed = 1;
			return;
		}
		memcpy(state->held + state->held_len, bytes, len);
		state->held_len += len;
		return;
	}
	HPDF_Stream stream = ((HPDF_PageAttr)pdf->page->attr)->stream;
	if (HPDF_Stream_Write(stream, (const HPDF_BYTE *)bytes, (HPDF_UINT)len) != HPDF_OK)
		pdf->failed = 1;
}

/* A new page: nothing is set on it yet. The hold buffer is kept for reuse. */
void content_reset(struct pdf_content *content)
{
	char *held = content->held;
	size_t cap = content->held_cap;
	memset(content, 0, sizeof *content);
	content->held = held;
	content->held_cap = cap;
}

void content_free(struct pdf_content *content)
{
	free(content->held);
	memset(content, 0, sizeof *content);
}

void content_hold(struct pdf_doc *pdf)
{
	pdf->content.holding = 1;
	pdf->content.held_len = 0;
}

/* The background is wrapped in q/Q, so the colour the held operators were
 * written after is still the one in force when they run. */
void content_release(struct pdf_doc *pdf, double x, double y, double w, double h,
		     struct pdf_color under)
{
	struct pdf_content *state = &pdf->content;
	if (!state->holding)
		return;
	state->holding = 0;
	double color[] = {under.r, under.g, under.b}, rect[] = {x, y, w, h};
	content_write(pdf, "q\n", 2);
	put_op(pdf, color, 3, "rg");
	put_op(pdf, rect, 4, "re f");
	content_write(pdf, "Q\n", 2);
	content_write(pdf, state->held, state->held_len);
	state->held_len = 0;
}

static int same_color(struct pdf_color a, struct pdf_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

void content_fill_color(struct pdf_doc *pdf, struct pdf_color c)
{
	struct pdf_content *state = &pdf->content;
	if (state->fill_set && same_color(state->fill, c))
		return;
	double values[] = {c.r, c.g, c.b};
	put_op(pdf, values, 3, "rg");
	state->fill = c;
	state->fill_set = 1;
}

void content_fill_rect(struct pdf_doc *pdf, double x, double y, double w, double h,
		       struct pdf_color color)
{
	content_fill_color(pdf, color);
	double values[] = {x, y, w, h};
	put_op(pdf, values, 4, "re f");
}

void content_stroke_line(struct pdf_doc *pdf, double x0, double y0, double x1, double y1,
			 double width, struct pdf_color color)
{
	struct pdf_content *state = &pdf->content;
	if (!state->stroke_set || !same_color(state->stroke, color)) {
		double values[] = {color.r, color.g, color.b};
		put_op(pdf, values, 3, "RG");
		state->stroke = color;
		state->stroke_set = 1;
	}
	if (!state->width_set || state->width != width) {
		put_op(pdf, &width, 1, "w");
		state->width = width;
		state->width_set = 1;
	}
	double from[] = {x0, y0}, to[] = {x1, y1};
	put_op(pdf, from, 2, "m");
	put_op(pdf, to, 2, "l S");
}

void content_begin_text(struct pdf_doc *pdf)
{
	content_write(pdf, "BT\n", 3);
}

void content_end_text(struct pdf_doc *pdf)
{
	content_write(pdf, "ET\n", 3);
}

int content_font(struct pdf_doc *pdf, HPDF_Font font, double size)
{
	struct pdf_content *state = &pdf->content;
	if (state->font == font && state->size == size)
		return 0;
	/* Also adds the font to the page's resources. */
	const char *name = HPDF_Page_GetLocalFontName(pdf->page, font);
	if (!name) {
		pdf->failed = 1;
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
	content_write(pdf, line, len + 4);
	state->font = font;
	state->size = size;
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
 * code is its UTF-16 code unit (layout.c keeps to the Basic Multilingual
 * Plane), written as two bytes of a literal string: half the size of a hex
 * string, which matters to the time spent compressing the page. */
void content_text(struct pdf_doc *pdf, double x, double y, const struct pdf_text *text,
		  size_t start, size_t end)
{
	double at[] = {1, 0, 0, 1, x, y};
	put_op(pdf, at, 6, "Tm");
	char buf[4 * 256 + 8];
	size_t len = 0;
	buf[len++] = '(';
	for (size_t i = start; i < end; i++) {
		uint32_t cp = text->glyphs[i].cp;
		len += put_string_byte(buf + len, (unsigned char)(cp >> 8));
		len += put_string_byte(buf + len, (unsigned char)(cp & 0xFF));
		if (len > sizeof buf - 8) {
			content_write(pdf, buf, len);
			len = 0;
		}
	}
	memcpy(buf + len, ") Tj\n", 5);
	content_write(pdf, buf, len + 5);
}
