/* sanitize: make sure the Markdown is text the tree can carry, before parsing
 * and after. A file that is not text at all (a known magic number, or NUL
 * bytes all through it) is an error; a stray NUL (U+0000, as CommonMark
 * says), invalid UTF-8 and noncharacters become U+FFFD, reported line by
 * line, as a reader would want to fix them. After parsing, what cmark-gfm
 * decoded from character references gets the same treatment: it turns
 * &#xFFFE; and &#xFFFF; into lone bytes. Never changes what is valid. */
#include "md2guide.h"
#include "diag.h"

#include <stdint.h>
#include <stdio.h>
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

/* More NUL bytes than this, and more than one in NUL_SHARE bytes, make the
 * input binary: a text editor leaves a stray NUL, never hundreds. */
#define MAX_STRAY_NULS 16
#define NUL_SHARE 1000

static const struct {
	const char *bytes;
	size_t len;
	const char *what;
} MAGIC[] = {
	{"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
	{"\xff\xd8\xff", 3, "a JPEG image"},
	{"GIF87a", 6, "a GIF image"},
	{"GIF89a", 6, "a GIF image"},
	{"%PDF-", 5, "a PDF document"},
	{"PK\x03\x04", 4, "a zip archive (EPUB, deck, office file)"},
	{"\x1f\x8b", 2, "a gzip archive"},
	{"\x7f" "ELF", 4, "a program"},
	{"SQLite format 3", 16, "an SQLite database"},
	{"\xff\xfe", 2, "UTF-16 text"},
	{"\xfe\xff", 2, "UTF-16 text"},
};

static const char DECODED_FLAW[] = "a character reference to a noncharacter or invalid text";

static int is_noncharacter(utf8proc_int32_t c)
{
	return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/* Length of the clean prefix of DATA: valid UTF-8 with no NUL and no
 * noncharacter (ASCII runs take the fast path). */
static size_t clean_prefix(const unsigned char *data, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;
	while (i < len) {
		/* Eight ASCII bytes at a time, none of them NUL: most guides are
		 * mostly ASCII. */
		uint64_t word;
		while (i + 8 <= len &&
		       (memcpy(&word, data + i, 8), !((word | ((word - ones) & ~word)) & highs)))
			i += 8;
		if (i < len && data[i] < 0x80 && data[i] != 0) {
			i++;
			continue;
		}
		if (i >= len || data[i] == 0)
			break;
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(data + i, (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0 || is_noncharacter(c))
			break;
		i += (size_t)n;
	}
	return i;
}

/* What is wrong at DATA (not clean), and how many bytes it spans. DECODED:
 * DATA came out of cmark-gfm, which decodes character references; a lone
 * 0xFE or 0xFF byte is its way of writing U+FFFE or U+FFFF. */
static size_t flaw_at(const unsigned char *data, size_t len, int decoded, char *what,
		      size_t what_size)
{
	if (data[0] == 0) {
		snprintf(what, what_size, "a NUL byte");
		return 1;
	}
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate(data, (utf8proc_ssize_t)len, &c);
	if (n > 0) {
		snprintf(what, what_size, "%sthe noncharacter U+%04X",
			 decoded ? "a character reference to " : "", (unsigned)c);
		return (size_t)n;
	}
	if (decoded) {
		snprintf(what, what_size, "%s", DECODED_FLAW);
		return 1;
	}
	/* One bad byte at a time: each becomes one U+FFFD, as cmark and
	 * browsers do, and reading resumes at the next byte. */
	snprintf(what, what_size, "invalid UTF-8 (save the file as UTF-8)");
	return 1;
}

/* What has been reported: warnings name NAME (none when it is NULL), the
 * first MD2GUIDE_MAX_UTF8_WARNINGS lines with a flaw each get one. */
struct report {
	const char *name;
	long reported;   /* lines reported */
	long last_line;  /* the last line with a flaw */
	long first_line; /* the first one */
};

/* Copies TEXT into FIXED with every flaw replaced by U+FFFD. LINE is the
 * line TEXT starts on, or 0 to report at FIXED_LINE, the line TEXT is from. */
static void repair(struct buf *fixed, struct report *r, long line, long fixed_line,
		   const char *text, size_t len)
{
	size_t done = 0;
	while (done < len) {
		size_t good = clean_prefix((const unsigned char *)text + done, len - done);
		buf_put(fixed, text + done, good);
		if (line)
			for (size_t i = done; i < done + good; i++)
				line += text[i] == '\n';
		done += good;
		if (done >= len)
			break;
		char what[64];
		size_t bad = flaw_at((const unsigned char *)text + done, len - done, line == 0, what,
				     sizeof what);
		buf_puts(fixed, "\xEF\xBF\xBD");
		done += bad;
		long at = line ? line : fixed_line;
		if (at == r->last_line)
			continue;
		if (r->name && ++r->reported <= MD2GUIDE_MAX_UTF8_WARNINGS)
			diag_warning(r->name, at, "%s; replaced with U+FFFD", what);
		r->last_line = at;
		r->first_line = r->first_line ? r->first_line : at;
	}
}

static void report_more(const struct report *r)
{
	if (r->name && r->reported > MD2GUIDE_MAX_UTF8_WARNINGS)
		diag_warning(r->name, 0, "invalid or unusable characters on %ld more lines, not "
					 "listed", r->reported - MD2GUIDE_MAX_UTF8_WARNINGS);
}

/* A file that is not Markdown at all: a known magic number, or NUL bytes
 * all through it. */
static int refuse_binary(const char *name, const char *data, size_t len)
{
	for (size_t i = 0; i < sizeof MAGIC / sizeof *MAGIC; i++)
		if (len >= MAGIC[i].len && memcmp(data, MAGIC[i].bytes, MAGIC[i].len) == 0) {
			diag_error(name, 0, "this is %s, not Markdown text", MAGIC[i].what);
			return -1;
		}
	size_t nuls = 0;
	const char *first = memchr(data, '\0', len);
	for (const char *p = first; p; p = memchr(p + 1, '\0', (size_t)(data + len - p - 1)))
		if (++nuls > MAX_STRAY_NULS && nuls > len / NUL_SHARE) {
			diag_error(name, line_of(data, (size_t)(first - data)),
				   "contains NUL bytes all through it: this is a binary file, not "
				   "Markdown text");
			return -1;
		}
	return 0;
}

int sanitize_input(const char *name, char *data, size_t len, char **out, size_t *out_len)
{
	if (refuse_binary(name, data, len) != 0)
		return -1;
	size_t blank = strspn(data, " \t\r\n");
	if (blank == len) {
		diag_error(name, 0, "empty input: there is no Markdown to convert");
		return -1;
	}
	if (clean_prefix((const unsigned char *)data, len) == len) {
		*out = data;
		*out_len = len;
		return 0;
	}
	struct buf fixed;
	buf_init(&fixed);
	struct report r = {.name = name};
	repair(&fixed, &r, 1, 0, data, len);
	report_more(&r);
	if (fixed.failed) {
		buf_free(&fixed);
		diag_error(name, 0, "out of memory");
		return -1;
	}
	*out = fixed.data;
	*out_len = fixed.len;
	return 0;
}

/* One string of a node, repaired in place through SET when it has a flaw.
 * Returns -1 when memory ran out. */
static int repair_field(cmark_node *node, const char *value,
			int (*set)(cmark_node *, const char *), struct report *r, long line)
{
	size_t len = value ? strlen(value) : 0;
	if (!value || clean_prefix((const unsigned char *)value, len) == len)
		return 0;
	struct buf fixed;
	buf_init(&fixed);
	repair(&fixed, r, 0, line, value, len);
	int ok = !fixed.failed && set(node, fixed.len ? fixed.data : "");
	buf_free(&fixed);
	return ok ? 0 : -1;
}

/* The strings of NODE that cmark-gfm decoded. */
static int repair_node(cmark_node *node, struct report *r, long line)
{
	int status = 0;
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		status = repair_field(node, cmark_node_get_url(node), cmark_node_set_url, r, line);
		if (status == 0)
			status = repair_field(node, cmark_node_get_title(node), cmark_node_set_title,
					      r, line);
		return status;
	case CMARK_NODE_CODE_BLOCK:
		status = repair_field(node, cmark_node_get_fence_info(node),
				      cmark_node_set_fence_info, r, line);
		/* fall through */
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_HTML_BLOCK:
		if (status == 0)
			status = repair_field(node, cmark_node_get_literal(node),
					      cmark_node_set_literal, r, line);
		return status;
	default: return 0;
	}
}

int sanitize_tree(cmark_node *document, const char *name, long *first_line)
{
	cmark_iter *iter = cmark_iter_new(document);
	if (!iter)
		return -1;
	cmark_event_type event;
	struct report r = {.name = name};
	long line = 0;
	int status = 0;
	while (status == 0 && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (event != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_start_line(node) > 0)
			line = cmark_node_get_start_line(node);
		status = repair_node(node, &r, line);
	}
	cmark_iter_free(iter);
	report_more(&r);
	if (first_line)
		*first_line = r.first_line;
	return status;
}

void sanitize_report_piece(const char *name, long line)
{
	diag_warning(name, line, "%s; replaced with U+FFFD", DECODED_FLAW);
}
