/* buf: a growable byte buffer, with the escaping XML and HTML writers need.
 *
 * Appends never fail silently: on allocation failure the buffer remembers it
 * (buf.failed) and ignores further appends, so writers check once at the end. */
#ifndef GUIDE_BUF_H
#define GUIDE_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated when len > 0 */
	size_t len;
	size_t cap;
	int failed;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_put(struct buf *b, const char *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* VALUE in decimal: what buf_printf("%ld") writes, without its cost. */
void buf_putl(struct buf *b, long value);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Character data: escapes & < > (and " in attributes), and writes U+FFFD for
 * anything XML 1.0 cannot carry (control characters, U+FFFE, U+FFFF), so the
 * result always parses. The input must be valid UTF-8. */
void buf_xml_text(struct buf *b, const char *s, size_t len);
void buf_xml_attr(struct buf *b, const char *s, size_t len);

#endif
