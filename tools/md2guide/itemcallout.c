/* itemcallout: where an Obsidian callout that asks stands in an item of a
 * list at the margin, for admonition.c to lift it out of the list:
 *
 *     - Ports                          - > [!question] What is a port?
 *       > [!question] What is a port?    > A number that names a service.
 *       > A number that names a service.
 *
 * The callout becomes a <details> at the margin (a question card), the
 * item's other text stays a list. Only a callout that ends its item is
 * lifted: what follows it in the item would be left without its item.
 *
 * Reads the text as lines; never writes: admonition.c rewrites. */
#include "md2guide.h"

#include <string.h>

/* Bytes of the list marker and spaces opening the line at P ("- ", "* ",
 * "12. "), at the margin, or 0. */
static size_t marker_length(const char *p, const char *end)
{
	size_t at = 0;
	if (p < end && *p && strchr("-*+", *p)) {
		at = 1;
	} else {
		while (at < 9 && p + at < end && p[at] >= '0' && p[at] <= '9')
			at++;
		if (at == 0 || p + at >= end || (p[at] != '.' && p[at] != ')'))
			return 0;
		at++;
	}
	if (p + at >= end || p[at] != ' ')
		return 0;
	while (p + at < end && p[at] == ' ')
		at++;
	return at;
}

int item_interrupts(const char *line, const char *end)
{
	size_t marker = marker_length(line, end);
	return marker && (strchr("-*+", *line) || (line[0] == '1' && !(line[1] >= '0' && line[1] <= '9')));
}

static size_t indent_of(const char *p, const char *end)
{
	size_t n = 0;
	while (p + n < end && p[n] == ' ')
		n++;
	return n;
}

static int blank_between(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

/* The start of the line before the one at LINE (in TEXT), or NULL. */
static const char *line_before(const char *text, const char *line)
{
	if (line <= text)
		return NULL;
	const char *p = line - 1; /* its '\n' */
	while (p > text && p[-1] != '\n')
		p--;
	return p;
}

size_t item_callout_indent(const char *text, const char *line, const char *end)
{
	size_t marker = marker_length(line, end);
	if (marker && marker <= 3)
		return line[marker] == '>' ? marker : 0; /* "- > [!question] ..." */
	size_t indent = indent_of(line, end);
	if (indent == 0 || indent > 3 || line + indent >= end || line[indent] != '>')
		return 0;
	/* Up to the item's marker, over its lines and blank ones. */
	for (const char *up = line_before(text, line); up; up = line_before(text, up)) {
		const char *up_end = memchr(up, '\n', (size_t)(line - up));
		up_end = up_end ? up_end : line;
		if (blank_between(up, up_end) || indent_of(up, up_end) >= indent)
			continue;
		return marker_length(up, up_end) == indent ? indent : 0;
	}
	return 0;
}

int item_callout_ends_item(const char *after, const char *text_end, size_t indent)
{
	for (const char *p = after; p < text_end;) {
		p += *p == '\n';
		const char *nl = memchr(p, '\n', (size_t)(text_end - p));
		const char *line_end = nl ? nl : text_end;
		if (!blank_between(p, line_end))
			return indent_of(p, line_end) < indent;
		if (!nl)
			break;
		p = nl;
	}
	return 1;
}
