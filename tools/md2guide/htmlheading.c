/* htmlheading: a heading written in HTML, alone on its line at the top level
 * (`<h3 id="4">Second company</h3>`), is a heading of the guide's outline as
 * `### Second company` would be: it opens a section or a topic, names a deck,
 * and ends the answer before it. Such a line is written as that Markdown
 * heading before the guide is parsed (the same line, so line numbers stay
 * right), its id kept as an anchor (`<a id="4"></a>`).
 *
 * Owns: which lines those are. Never: an <h1> (the title matter's, read by
 * structure.c), a centred heading (`align=`: a README's banner, not its
 * outline), a heading inside code, a list, a quote or a larger HTML block
 * (it must be the whole of a top-level HTML block), or one whose words hold
 * markup that would end it. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The heading element that is all of LINE[0,LEN): its level 2..6, with
 * [*ATTRS, *ATTRS_END) its attributes and [*INNER, *INNER_END) its words.
 * 0 when the line is anything else. */
static int heading_element(const char *line, size_t len, const char **attrs,
			   const char **attrs_end, const char **inner, const char **inner_end)
{
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
		len--;
	if (len < 9 || line[0] != '<' || (line[1] != 'h' && line[1] != 'H') || line[2] < '2' ||
	    line[2] > '6' || (line[3] != '>' && line[3] != ' '))
		return 0;
	const char *end = line + len, *open_end = memchr(line, '>', len);
	char closing[6] = {'<', '/', 'h', line[2], '>', '\0'};
	if (!open_end || end - open_end < 6 || strncasecmp(end - 5, closing, 5) != 0)
		return 0;
	*attrs = line + 3;
	*attrs_end = open_end;
	*inner = open_end + 1;
	*inner_end = end - 5;
	for (const char *p = *attrs; p + 5 <= *attrs_end; p++)
		if (strncasecmp(p, "align", 5) == 0)
			return 0;
	for (const char *p = *inner; p < *inner_end; p++)
		if (*p == '\n' || (*p == '<' && p + 2 < *inner_end && p[1] == '/' &&
				   (p[2] == 'h' || p[2] == 'H')))
			return 0; /* "<h3>A</h3> <h3>B</h3>" is two */
	return line[2] - '0';
}

/* The value of the id attribute in [P, END), or NULL with *LEN 0. */
static const char *id_value(const char *p, const char *end, size_t *len)
{
	*len = 0;
	for (; p + 5 < end; p++) {
		if (strncasecmp(p, " id=", 4) != 0 || (p[4] != '"' && p[4] != '\''))
			continue;
		const char *value = p + 5, *stop = memchr(value, p[4], (size_t)(end - value));
		if (stop && stop > value && !memchr(value, '<', (size_t)(stop - value))) {
			*len = (size_t)(stop - value);
			return value;
		}
	}
	return NULL;
}

/* The lines of DOCUMENT's top-level HTML blocks of one line each, in order. */
static int lines_of_blocks(cmark_node *document, long **lines, size_t *count)
{
	size_t cap = 0;
	*lines = NULL;
	*count = 0;
	for (cmark_node *block = cmark_node_first_child(document); block;
	     block = cmark_node_next(block)) {
		if (cmark_node_get_type(block) != CMARK_NODE_HTML_BLOCK ||
		    cmark_node_get_start_line(block) != cmark_node_get_end_line(block))
			continue;
		if (*count == cap) {
			cap = cap ? cap * 2 : 16;
			long *grown = realloc(*lines, cap * sizeof **lines);
			if (!grown)
				return -1;
			*lines = grown;
		}
		(*lines)[(*count)++] = cmark_node_get_start_line(block);
	}
	return 0;
}

/* The line at P as a Markdown heading into OUT, or 0 when it is none. */
static int write_heading(const char *p, size_t len, struct buf *out)
{
	const char *attrs, *attrs_end, *inner, *inner_end;
	int level = heading_element(p, len, &attrs, &attrs_end, &inner, &inner_end);
	if (!level)
		return 0;
	size_t id_len;
	const char *id = id_value(attrs - 1, attrs_end, &id_len);
	buf_put(out, "######", (size_t)level);
	buf_putc(out, ' ');
	if (id) {
		buf_puts(out, "<a id=\"");
		buf_put(out, id, id_len);
		buf_puts(out, "\"></a>");
	}
	buf_put(out, inner, (size_t)(inner_end - inner));
	return 1;
}

/* Cheap first look: some line opens with "<h2".."<h6". */
static int may_hold_headings(const char *text, size_t len)
{
	for (const char *p = text, *end = text + len; p && p + 3 < end;) {
		if (p[0] == '<' && (p[1] == 'h' || p[1] == 'H') && p[2] >= '2' && p[2] <= '6')
			return 1;
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : NULL;
	}
	return 0;
}

/* TEXT with its HTML heading lines written as Markdown headings, into OUT
 * (left empty when there is none). -1 when out of memory. */
int html_headings_as_markdown(const char *text, size_t len, struct buf *out)
{
	if (!may_hold_headings(text, len))
		return 0;
	cmark_node *blocks = parse_without_tables(text, len);
	long *lines;
	size_t count;
	if (!blocks || lines_of_blocks(blocks, &lines, &count) != 0) {
		cmark_node_free(blocks);
		return -1;
	}
	cmark_node_free(blocks);
	int rewrote = 0;
	long line = 1;
	size_t at = 0;
	for (const char *p = text, *end = text + len; p < end; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t span = eol ? (size_t)(eol - p) : (size_t)(end - p);
		while (at < count && lines[at] < line)
			at++;
		int wrote = at < count && lines[at] == line && write_heading(p, span, out);
		if (!wrote)
			buf_put(out, p, span);
		rewrote |= wrote;
		if (eol)
			buf_putc(out, '\n');
		p += span + (eol != NULL);
	}
	free(lines);
	if (out->failed)
		return -1;
	if (!rewrote)
		buf_free(out);
	return 0;
}
