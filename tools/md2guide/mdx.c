/* mdx: the lines of MDX and VuePress pages that are the site's build, not
 * text: ESM "import ... from '...'" and "export ..." statements, a component
 * alone such as <TOCInline toc={toc} />, "<!-- @include: ./part.md -->" and
 * "[[toc]]"; and kramdown's attribute lines under a heading on Jekyll sites
 * ("{: .-three-column}", "{: id='x'}"). Such a block is taken out of the
 * parsed guide before anything reads it (parse.c), with one warning per
 * kind.
 *
 * Owns: what counts as one of these lines. Never: looks below the guide's
 * top level or into code (a code block or span is never one), and never
 * takes a paragraph of prose that merely starts with "import": every line
 * of the paragraph must be a statement, or inside the brackets one opened. */
#include "diag.h"
#include "md2guide.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The paragraph's text with its line breaks; code spans make it no statement. */
static int paragraph_lines(cmark_node *node, struct buf *out)
{
	for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
		switch (cmark_node_get_type(child)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE: buf_puts(out, cmark_node_get_literal(child)); break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK: buf_putc(out, '\n'); break;
		case CMARK_NODE_CODE: return 0;
		default:
			if (!paragraph_lines(child, out))
				return 0;
		}
	}
	return 1;
}

static int starts_word(const char *line, const char *word)
{
	size_t len = strlen(word);
	return strncmp(line, word, len) == 0 && !isalnum((unsigned char)line[len]) &&
	       line[len] != '_' && line[len] != '$';
}

/* LINE[0,LEN) ends with a module name in quotes ("'react';"), after FROM
 * when FROM is set ("from 'react'"). */
static int ends_with_module(const char *line, size_t len, int from)
{
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == ';'))
		len--;
	if (len < 3 || (line[len - 1] != '\'' && line[len - 1] != '"'))
		return 0;
	char quote = line[len - 1];
	size_t open = len - 1;
	while (open > 0 && line[open - 1] != quote)
		open--;
	if (open == 0 || open + 1 >= len)
		return 0;
	open--; /* at the opening quote */
	if (!from)
		return 1;
	size_t end = open;
	while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	return end >= 5 && end < open && strncmp(line + end - 4, "from", 4) == 0 &&
	       (line[end - 5] == ' ' || line[end - 5] == '}' || line[end - 5] == '\t');
}

/* LINE (LEN bytes) starts an ESM statement: "import X from 'x'",
 * "import 'x'", "import {" (its names on the lines after), "export const",
 * "export default", "export {" ... */
static int statement_start(const char *line, size_t len)
{
	static const char *const EXPORTED[] = {"const", "let", "var", "function", "class",
					       "default", "async", NULL};
	if (starts_word(line, "import")) {
		const char *rest = line + 6 + strspn(line + 6, " \t");
		size_t rest_len = len - (size_t)(rest - line);
		if (rest == line + 6)
			return 0;
		if (*rest == '\'' || *rest == '"')
			return ends_with_module(rest, rest_len, 0);
		if (*rest == '{' && !memchr(rest, '}', rest_len))
			return 1;
		return ends_with_module(rest, rest_len, 1);
	}
	if (!starts_word(line, "export"))
		return 0;
	const char *rest = line + 6 + strspn(line + 6, " \t");
	if (*rest == '{' || *rest == '*')
		return 1;
	for (const char *const *word = EXPORTED; *word; word++)
		if (starts_word(rest, *word))
			return 1;
	return 0;
}

/* Every line of TEXT starts a statement or continues one whose brackets are
 * still open. */
static int all_statements(const char *text)
{
	int depth = 0;
	for (const char *line = text; *line;) {
		size_t len = strcspn(line, "\n");
		if (depth == 0 && !statement_start(line, len))
			return 0;
		for (size_t i = 0; i < len; i++)
			depth += strchr("{([", line[i]) ? 1 : strchr("})]", line[i]) ? -1 : 0;
		if (depth < 0)
			return 0;
		line += len + (line[len] == '\n');
	}
	return depth == 0;
}

/* Every line of TEXT is a kramdown attribute list: "{:" up to a "}" that
 * ends the line ("{: .-intro}", "{:toc}"). */
static int attribute_lines(const char *text)
{
	for (const char *line = text; *line;) {
		size_t len = strcspn(line, "\n");
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (len < 3 || strncmp(line, "{:", 2) != 0 || line[len - 1] != '}' ||
		    memchr(line + 2, '}', len - 3) != NULL)
			return 0;
		line += strcspn(line, "\n");
		line += *line == '\n';
	}
	return 1;
}

static enum mdx_kind paragraph_kind(cmark_node *node)
{
	struct buf text;
	buf_init(&text);
	int whole = paragraph_lines(node, &text);
	enum mdx_kind kind = MDX_NONE;
	if (whole && text.data && !text.failed) {
		const char *s = text.data + strspn(text.data, " \t");
		if (strcasecmp(s, "[[toc]]") == 0)
			kind = MDX_TOC;
		else if (all_statements(s))
			kind = MDX_ESM;
		else if (attribute_lines(s))
			kind = MDX_ATTRIBUTES;
	}
	buf_free(&text);
	return kind;
}

/* "<Name ... />" alone: a component of the site (capitalised, as JSX has it). */
static int component_alone(const char *html)
{
	html += strspn(html, " \t\r\n");
	if (html[0] != '<' || !isupper((unsigned char)html[1]))
		return 0;
	size_t len = strlen(html);
	while (len > 0 && isspace((unsigned char)html[len - 1]))
		len--;
	return len >= 4 && html[len - 2] == '/' && html[len - 1] == '>' &&
	       memchr(html + 1, '<', len - 1) == NULL;
}

static enum mdx_kind html_kind(const char *html)
{
	const char *s = html + strspn(html, " \t\r\n");
	if (strncmp(s, "<!--", 4) == 0) {
		s += 4 + strspn(s + 4, " \t");
		return strncmp(s, "@include", 8) == 0 ? MDX_INCLUDE : MDX_NONE;
	}
	return component_alone(html) ? MDX_COMPONENT : MDX_NONE;
}

enum mdx_kind mdx_block(cmark_node *block)
{
	cmark_node *parent = cmark_node_parent(block);
	if (!parent || cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT)
		return MDX_NONE;
	if (cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH)
		return paragraph_kind(block);
	if (cmark_node_get_type(block) == CMARK_NODE_HTML_BLOCK)
		return html_kind(cmark_node_get_literal(block));
	return MDX_NONE;
}

static const char *warning_of(enum mdx_kind kind)
{
	switch (kind) {
	case MDX_ESM:
		return "MDX import/export lines are left out: they build the site, they are no text";
	case MDX_COMPONENT:
		return "an MDX component alone on its line (<TOCInline />) is left out: it holds no "
		       "text; each output makes its own contents";
	case MDX_INCLUDE:
		return "<!-- @include: ... --> is not followed, so the file it names is left out; "
		       "paste its text into the guide to keep it";
	case MDX_TOC:
		return "[[toc]] is left out: each output makes its own contents";
	case MDX_ATTRIBUTES:
		return "kramdown attribute lines ({: .class}) are left out: they style the site's "
		       "page, they are no text";
	default: return "";
	}
}

void mdx_leave_out(cmark_node *document, const char *name)
{
	unsigned warned = 0;
	cmark_node *next;
	for (cmark_node *block = cmark_node_first_child(document); block; block = next) {
		next = cmark_node_next(block);
		enum mdx_kind kind = mdx_block(block);
		if (kind == MDX_NONE)
			continue;
		if (!(warned & (1u << kind)))
			diag_warning(name, cmark_node_get_start_line(block), "%s", warning_of(kind));
		warned |= 1u << kind;
		cmark_node_free(block); /* unlinks it too */
	}
}
