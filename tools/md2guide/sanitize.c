/* sanitize: make sure the Markdown is text the tree can carry. NUL bytes mean
 * the file is not text at all (an error); invalid UTF-8 is repaired with
 * U+FFFD and reported line by line, as a reader would want to fix it. */
#include "md2guide.h"
#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static long line_of(const char *data, size_t offset)
{
	long line = 1;
	for (size_t i = 0; i < offset; i++)
		line += data[i] == '\n';
	return line;
}

/* Length of the valid UTF-8 prefix of DATA (ASCII runs take the fast path). */
static size_t valid_prefix(const unsigned char *data, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* Eight ASCII bytes at a time: most guides are mostly ASCII. */
		uint64_t word;
		while (i + 8 <= len && (memcpy(&word, data + i, 8), !(word & 0x8080808080808080u)))
			i += 8;
		if (i < len && data[i] < 0x80) {
			i++;
			continue;
		}
		if (i >= len)
			break;
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(data + i, (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0)
			break;
		i += (size_t)n;
	}
	return i;
}

static int repair_utf8(const char *name, const char *data, size_t len, char **out,
		       size_t *out_len)
{
	struct buf fixed;
	buf_init(&fixed);
	size_t done = 0;
	long line = 1, reported = 0, last_line = 0;
	while (done < len) {
		size_t good = valid_prefix((const unsigned char *)data + done, len - done);
		buf_put(&fixed, data + done, good);
		for (size_t i = done; i < done + good; i++)
			line += data[i] == '\n';
		done += good;
		if (done >= len)
			break;
		/* One bad byte at a time: each becomes one U+FFFD, as cmark and
		 * browsers do, and parsing resumes at the next byte. */
		buf_puts(&fixed, "\xEF\xBF\xBD");
		line += data[done] == '\n';
		done++;
		if (line != last_line) {
			if (++reported <= MD2GUIDE_MAX_UTF8_WARNINGS)
				diag_warning(name, line, "invalid UTF-8; replaced with U+FFFD "
							 "(save the file as UTF-8)");
			last_line = line;
		}
	}
	if (reported > MD2GUIDE_MAX_UTF8_WARNINGS)
		diag_warning(name, 0, "invalid UTF-8 on %ld more lines, not listed",
			     reported - MD2GUIDE_MAX_UTF8_WARNINGS);
	if (fixed.failed) {
		buf_free(&fixed);
		diag_error(name, 0, "out of memory");
		return -1;
	}
	*out = fixed.data;
	*out_len = fixed.len;
	return 0;
}

int sanitize_input(const char *name, char *data, size_t len, char **out, size_t *out_len)
{
	const char *nul = memchr(data, '\0', len);
	if (nul) {
		diag_error(name, line_of(data, (size_t)(nul - data)),
			   "contains a NUL byte: this is a binary file, not Markdown text");
		return -1;
	}
	size_t blank = strspn(data, " \t\r\n");
	if (blank == len) {
		diag_error(name, 0, "empty input: there is no Markdown to convert");
		return -1;
	}
	if (valid_prefix((const unsigned char *)data, len) == len) {
		*out = data;
		*out_len = len;
		return 0;
	}
	return repair_utf8(name, data, len, out, out_len);
}
