/* buf: growable buffer and XML-safe escaping. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b) { memset(b, 0, sizeof *b); }

void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

static int buf_reserve(struct buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1) {
		if (cap > ((size_t)-1) / 2) {
			b->failed = 1;
			return -1;
		}
		cap *= 2;
	}
	char *grown = realloc(b->data, cap);
	if (!grown) {
		b->failed = 1;
		return -1;
	}
	b->data = grown;
	b->cap = cap;
	return 0;
}

void buf_put(struct buf *b, const char *data, size_t len)
{
	if (len == 0 || buf_reserve(b, len) != 0)
		return;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s) { buf_put(b, s, strlen(s)); }
void buf_putc(struct buf *b, char c) { buf_put(b, &c, 1); }

void buf_printf(struct buf *b, const char *fmt, ...)
{
	/* Most calls are short (an attribute, a number): format straight into the
	 * free space, and only on overflow grow and format again. */
	if (buf_reserve(b, 64) != 0)
		return;
	size_t room = b->cap - b->len;
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (need < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)need >= room) {
		if (buf_reserve(b, (size_t)need) != 0)
			return;
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)need + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)need;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

void buf_putl(struct buf *b, long value)
{
	char digits[24];
	size_t n = sizeof digits;
	unsigned long magnitude = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
	do {
		digits[--n] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (value < 0)
		digits[--n] = '-';
	buf_put(b, digits + n, sizeof digits - n);
}

/* The bytes that may need something in XML character data, as a mask:
 * STOP_TEXT | STOP_ATTR where they always may (controls, '&', '<', '>', and
 * 0xEF, which starts U+FFFE and U+FFFF, which XML cannot carry), STOP_ATTR
 * alone for '"', tab and newline, which attribute normalisation would lose. */
enum { STOP_TEXT = 1, STOP_ATTR = 2, STOP_ALL = 3 };
static const unsigned char STOP[256] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3, 0,
	[0xEF] = STOP_ALL,
};

/* Length of the run at S that needs no escaping: the hot loop of every
 * writer, four bytes looked at per turn. */
static size_t plain_run(const unsigned char *s, size_t len, int attr)
{
	const unsigned char mask = attr ? STOP_ATTR : STOP_TEXT;
	size_t i = 0;
	for (;;) {
		while (i + 4 <= len &&
		       !((STOP[s[i]] | STOP[s[i + 1]] | STOP[s[i + 2]] | STOP[s[i + 3]]) & mask))
			i += 4;
		while (i < len && !(STOP[s[i]] & mask))
			i++;
		/* 0xEF is plain unless it starts U+FFFE or U+FFFF. */
		if (i < len && s[i] == 0xEF &&
		    !(i + 2 < len && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF))) {
			i++;
			continue;
		}
		return i;
	}
}

static void buf_xml_escape(struct buf *b, const char *s, size_t len, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	while (len > 0) {
		size_t run = plain_run(p, len, attr);
		buf_put(b, (const char *)p, run);
		p += run;
		len -= run;
		if (len == 0)
			break;
		size_t used = 1;
		switch (*p) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\r': buf_puts(b, "&#13;"); break;
		case '\n': buf_puts(b, "&#10;"); break; /* attributes only */
		case '\t': buf_puts(b, "&#9;"); break;  /* attributes only */
		case 0xEF: buf_puts(b, REPLACEMENT); used = 3; break;
		default: buf_puts(b, REPLACEMENT); break;
		}
		p += used;
		len -= used;
	}
}

void buf_xml_text(struct buf *b, const char *s, size_t len) { buf_xml_escape(b, s, len, 0); }
void buf_xml_attr(struct buf *b, const char *s, size_t len) { buf_xml_escape(b, s, len, 1); }
