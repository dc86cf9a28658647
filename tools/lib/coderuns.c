/* coderuns: a code block's lines told apart as diagram or code (coderuns.h). */
#include "coderuns.h"

#include <string.h>
#include <utf8proc.h>

size_t code_line_length(const char *text)
{
	const char *end = strchr(text, '\n');
	return end ? (size_t)(end - text) + 1 : strlen(text);
}

size_t code_line_indent(const char *text)
{
	size_t columns = 0;
	for (; *text == ' ' || *text == '\t'; text++)
		columns += *text == ' ' ? 1 : 4 - columns % 4;
	if (!*text || *text == '\n' || *text == '\r')
		return 0;
	return columns < CODE_INDENT_MAX ? columns : CODE_INDENT_MAX;
}

/* The line's width in cells, and whether it draws (*DRAWS) or is blank (*BLANK). */
static size_t line_columns(const char *line, size_t len, int *draws, int *blank)
{
	size_t columns = 0;
	*draws = 0;
	*blank = 1;
	for (size_t i = 0; i < len && line[i] != '\n';) {
		unsigned char byte = (unsigned char)line[i];
		if (byte < 0x80 && byte != '\t') {
			/* ASCII, most of code: what utf8proc would say, without it. */
			*blank &= byte == ' ' || byte == '\r';
			columns += byte >= 0x20 && byte < 0x7F;
			i++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t n =
			utf8proc_iterate((const utf8proc_uint8_t *)line + i, (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0) { /* not UTF-8: one byte, one cell, as a browser shows U+FFFD */
			c = 0xFFFD;
			n = 1;
		}
		i += (size_t)n;
		if (c == '\t') {
			columns += 4 - columns % 4;
			continue;
		}
		*draws |= (c >= 0x2500 && c <= 0x257F) || c == 0x25B2 || c == 0x25BC;
		*blank &= c == ' ' || c == '\r';
		int width = utf8proc_charwidth(c);
		columns += width > 0 ? (size_t)width : 0;
	}
	return columns;
}

/* A drawing runs from a drawing line to the last drawing line before a blank
 * line or the end; lines between two drawing lines go with it. */
static void extend_drawing(const char *text, struct code_run *run)
{
	size_t at = run->end, columns = run->columns;
	while (text[at]) {
		size_t len = code_line_length(text + at);
		int draws, blank;
		size_t width = line_columns(text + at, len, &draws, &blank);
		if (blank)
			break;
		at += len;
		columns = width > columns ? width : columns;
		if (draws) {
			run->end = at;
			run->columns = columns;
		}
	}
}

int code_run_next(const char *text, size_t from, struct code_run *run)
{
	if (!text[from])
		return 0;
	int draws, blank;
	size_t len = code_line_length(text + from);
	*run = (struct code_run){.start = from, .end = from + len};
	run->columns = line_columns(text + from, len, &draws, &blank);
	run->diagram = draws;
	if (draws) {
		extend_drawing(text, run);
		return 1;
	}
	while (text[run->end]) {
		len = code_line_length(text + run->end);
		size_t width = line_columns(text + run->end, len, &draws, &blank);
		if (draws)
			break;
		run->end += len;
		run->columns = width > run->columns ? width : run->columns;
	}
	return 1;
}
