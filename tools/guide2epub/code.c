/* code: a code block of the tree as the book's <pre class="code"><code>.
 *
 * Code wraps and a drawing keeps its lines whole, run by run (coderuns.h):
 * a drawing is one span whose lines never wrap (book.css sizes it to the
 * width by its widest line, --columns, or lets it scroll); other code is a
 * span per source line, so that a line that wraps hangs under its own text
 * (its --indent, the columns of space it starts with), and each token
 * (the tree's runs) is a <span class="hl-KIND">, which code.css colours.
 * The text stays the tree's, newlines included, so it copies as it was.
 *
 * The spans inside <code> are written here as markup, into one text node
 * that the serialiser writes as it stands (libxml2's "noenc" text), not as a
 * node per token: a long guide has tens of thousands of tokens, and making,
 * writing and freeing their nodes took a fifth of guide2epub's time. The
 * bytes are those the nodes would have given: the same tags, attributes in
 * the same order, `<span .../>` for an empty one, and the serialiser's
 * escapes of text (& < > and CR).
 *
 * Owns: the markup of code. Never: anything outside the <code> element. */
#include "guide2epub/book.h"

#include "buf.h"
#include "coderuns.h"
#include "codetheme.h"
#include "lang.h"
#include "tree.h"

#include <libxml/parserInternals.h> /* xmlStringTextNoenc */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text as the serialiser escapes it. */
static void put_text(struct buf *b, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *escape = s[i] == '&'    ? "&amp;"
				     : s[i] == '<'  ? "&lt;"
				     : s[i] == '>'  ? "&gt;"
				     : s[i] == '\r' ? "&#13;"
						    : NULL;
		if (!escape)
			continue;
		buf_put(b, s + run, i - run);
		buf_puts(b, escape);
		run = i + 1;
	}
	buf_put(b, s + run, len - run);
}

/* A span's start tag, still open: span_close ends it as the serialiser
 * would, `/>` when nothing was written into it. Returns where its content
 * starts. */
static size_t span_open(struct buf *b, const char *attributes)
{
	buf_puts(b, "<span ");
	buf_puts(b, attributes);
	buf_putc(b, '>');
	return b->len;
}

static void span_close(struct buf *b, size_t content)
{
	if (b->failed)
		return;
	if (b->len == content) {
		b->len--; /* the '>' */
		buf_puts(b, "/>");
	} else {
		buf_puts(b, "</span>");
	}
}

/* "hl-KIND", the class of a token of kind INDEX (codetheme.h), made once. */
static const char *token_class(int index)
{
	static char classes[CODE_KINDS][40];
	if (!classes[index][0])
		snprintf(classes[index], sizeof classes[index], "class=\"hl-%s\"",
			 code_kind_name(index));
	return classes[index];
}

/* Bytes [FROM, TO) of TEXT, each token (KINDS; NULL for none) in its span. */
static void put_tokens(struct buf *b, const char *text, size_t from, size_t to,
		       const unsigned char *kinds)
{
	while (from < to) {
		size_t end = from + 1;
		while (kinds && end < to && kinds[end] == kinds[from])
			end++;
		if (!kinds)
			end = to;
		if (kinds && kinds[from]) {
			size_t content = span_open(b, token_class(kinds[from] - 1));
			put_text(b, text + from, end - from);
			span_close(b, content);
		} else {
			put_text(b, text + from, end - from);
		}
		from = end;
	}
}

static void put_run(struct buf *b, const char *text, const struct code_run *run,
		    const unsigned char *kinds)
{
	char attributes[96];
	if (run->diagram) {
		/* tabindex: it may scroll, so it is reachable by keyboard. */
		snprintf(attributes, sizeof attributes,
			 "class=\"diagram\" tabindex=\"0\" style=\"--columns: %zu\"", run->columns);
		size_t content = span_open(b, attributes);
		put_text(b, text + run->start, run->end - run->start);
		span_close(b, content);
		return;
	}
	for (size_t at = run->start; at < run->end;) {
		size_t len = code_line_length(text + at), indent = code_line_indent(text + at);
		if (indent > 0)
			snprintf(attributes, sizeof attributes,
				 "class=\"line\" style=\"--indent: %zu\"", indent);
		size_t content = span_open(b, indent > 0 ? attributes : "class=\"line\"");
		put_tokens(b, text, at, at + len, kinds);
		span_close(b, content);
		at += len;
	}
}

/* MARKUP as the content of CODE, written as it stands. */
static void add_markup(struct epub_book *book, xmlNode *code, const struct buf *markup)
{
	if (!code || markup->len == 0)
		return;
	xmlNode *text = xmlNewDocTextLen(code->doc, (const xmlChar *)markup->data, (int)markup->len);
	if (!text) {
		book->failed = 1;
		return;
	}
	text->name = xmlStringTextNoenc;
	xmlAddChild(code, text);
}

void epub_code_block(struct epub_book *book, xmlNode *out, const xmlNode *node)
{
	char *text = tree_code_text(node);
	if (!text) {
		book->failed = 1;
		return;
	}
	xmlNode *pre = epub_attr(book, epub_el(book, out, "pre"), "class", "code");
	if (lang_is_right_to_left(book->lang)) /* code reads left to right all the same */
		epub_attr(book, pre, "dir", "ltr");
	xmlNode *code = epub_el(book, pre, "code");
	const char *lang = tree_attr(node, "lang");
	if (lang && *lang && strlen(lang) < 40 &&
	    strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-") ==
		    strlen(lang)) {
		char class_name[64];
		snprintf(class_name, sizeof class_name, "language-%s", lang);
		epub_attr(book, code, "class", class_name);
	}
	/* The tree keeps the closing newline; inside <pre> it would add a blank line. */
	size_t len = strlen(text);
	unsigned char *kinds = tree_code_kinds(node, len);
	if (len > 0 && text[len - 1] == '\n')
		text[len - 1] = '\0';
	struct buf markup;
	buf_init(&markup);
	struct code_run run;
	for (size_t at = 0; code_run_next(text, at, &run); at = run.end)
		put_run(&markup, text, &run, kinds);
	if (markup.failed || (markup.len > 0 && markup.len > (size_t)INT_MAX))
		book->failed = 1;
	else
		add_markup(book, code, &markup);
	buf_free(&markup);
	free(kinds);
	free(text);
}
