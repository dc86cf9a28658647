/* render.c: a card's fields as HTML, one anki_render_ function per element of
 * the guide tree, for the note type's templates (card.css styles them).
 *
 * Owns: escaping for Anki (braces too, so no template renderer reads an
 * answer's "{{" as a field), the passages in another language as spans, the
 * guide's images packed as media (media.c) or shown as their alt text, raw
 * HTML made safe (tools/lib/htmlsafe.c).
 * Never: decides which cards become notes or in which deck (notes.c), or
 * writes anything but the field it is given. */
#include "guide2anki/render.h"
#include "coderuns.h"
#include "codetheme.h"
#include "diag.h"
#include "htmlsafe.h"
#include "tree.h"
#include "words.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void anki_render_blocks(struct anki_render *r, const xmlNode *parent);
static void anki_render_inlines(struct anki_render *r, const xmlNode *parent);
static void anki_render_block(struct anki_render *r, const xmlNode *node);

/* --- inline elements ---------------------------------------------------------- */

/* Text as HTML: & < > escaped, and '{' as &#123; so that no Anki template
 * renderer sees "{{ user.name }}" in a Django answer as a field reference. */
void anki_render_text(struct anki_render *r, const char *text, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '{')
			continue;
		buf_xml_text(r->out, text + start, i - start);
		if (i < len)
			buf_puts(r->out, "&#123;");
		start = i + 1;
	}
}

/* An attribute value (inside ""): quotes escaped too, and braces as in text. */
static void anki_render_attr(struct anki_render *r, const char *text)
{
	struct buf escaped;
	buf_init(&escaped);
	buf_xml_attr(&escaped, text, strlen(text));
	if (escaped.failed)
		r->out->failed = 1;
	for (size_t i = 0; i < escaped.len; i++) {
		if (escaped.data[i] == '{')
			buf_puts(r->out, "&#123;");
		else
			buf_putc(r->out, escaped.data[i]);
	}
	buf_free(&escaped);
}

static void anki_render_plain(struct anki_render *r, const xmlNode *node)
{
	char *text = tree_plain_text(node);
	if (!text) {
		r->out->failed = 1;
		return;
	}
	anki_render_text(r, text, strlen(text));
	free(text);
}

static void anki_render_wrapped(struct anki_render *r, const xmlNode *node, const char *tag)
{
	buf_printf(r->out, "<%s>", tag);
	anki_render_inlines(r, node);
	buf_printf(r->out, "</%s>", tag);
}

/* Blocks of text take their direction from their first strong character, so
 * a Hebrew or Arabic paragraph reads right to left. */
#define AUTO_DIR " dir=\"auto\""

static void anki_render_text_block(struct anki_render *r, const xmlNode *node, const char *tag)
{
	buf_printf(r->out, "<%s" AUTO_DIR ">", tag);
	anki_render_inlines(r, node);
	buf_printf(r->out, "</%s>", tag);
}

static void anki_render_code(struct anki_render *r, const xmlNode *node)
{
	buf_puts(r->out, "<code>");
	anki_render_plain(r, node);
	buf_puts(r->out, "</code>");
}

/* Links inside the guide ("#id") have no target in a deck: their text stays.
 * Outside links keep their target when the scheme is a safe one. */
static void anki_render_link(struct anki_render *r, const xmlNode *node)
{
	const char *href = tree_attr(node, "href");
	if (!href || href[0] == '#' || !htmlsafe_url_ok(href) || !strchr(href, ':')) {
		anki_render_inlines(r, node);
		return;
	}
	buf_puts(r->out, "<a href=\"");
	anki_render_attr(r, href);
	buf_puts(r->out, "\">");
	anki_render_inlines(r, node);
	buf_puts(r->out, "</a>");
}

static void anki_render_alt(struct anki_render *r, const char *alt)
{
	if (!*alt)
		return; /* a picture without words leaves no empty brackets */
	buf_puts(r->out, "<span class=\"missing-image\">[");
	anki_render_text(r, alt, strlen(alt));
	buf_puts(r->out, "]</span>");
}

/* An image of the guide becomes a media file; one that cannot be packed is a
 * warning, and the card shows its alt text instead. */
static void anki_render_img(struct anki_render *r, const xmlNode *node)
{
	const char *src = tree_attr(node, "src");
	const char *alt = tree_attr(node, "alt");
	if (!alt)
		alt = "";
	if (src && (strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0)) {
		/* A web image is not packed: the card links to it instead. */
		buf_puts(r->out, "<a href=\"");
		anki_render_attr(r, src);
		buf_puts(r->out, "\">");
		anki_render_text(r, *alt ? alt : src, strlen(*alt ? alt : src));
		buf_puts(r->out, "</a>");
		return;
	}
	const char *problem = "has no source";
	const char *name = src ? anki_media_image(r->set, r->images, src, &problem) : NULL;
	if (!name) {
		diag_warning(r->source, r->line, "image '%s' %s; the card shows its alt text",
			     src ? src : "", problem);
		anki_render_alt(r, alt);
		return;
	}
	buf_printf(r->out, "<img src=\"%s\" alt=\"", name); /* our own safe name */
	anki_render_attr(r, alt);
	char size[96];
	imagefile_size_style(tree_attr(node, "width"), tree_attr(node, "height"), size,
			     sizeof size);
	if (*size)
		buf_printf(r->out, "\" style=\"%s", size); /* digits and CSS words only */
	buf_puts(r->out, "\" />");
}

/* Raw HTML's images go through the same packing as Markdown images. */
static const char *raw_image(void *context, const char *src)
{
	struct anki_render *r = context;
	const char *problem = "has no source";
	const char *name = anki_media_image(r->set, r->images, src, &problem);
	if (!name)
		diag_warning(r->source, r->line, "image '%s' %s; it is left out", src, problem);
	return name;
}

static void anki_render_raw(struct anki_render *r, const xmlNode *node)
{
	char *raw = tree_plain_text(node);
	if (!raw) {
		r->out->failed = 1;
		return;
	}
	struct htmlsafe_options options = {HTMLSAFE_BRACES, raw_image, r};
	htmlsafe_sanitize(r->out, raw, strlen(raw), &options);
	free(raw);
}

static void anki_render_inline(struct anki_render *r, const xmlNode *node)
{
	const char *name = (const char *)node->name;
	if (strcmp(name, "em") == 0)
		anki_render_wrapped(r, node, "em");
	else if (strcmp(name, "strong") == 0)
		anki_render_wrapped(r, node, "strong");
	else if (strcmp(name, "del") == 0)
		anki_render_wrapped(r, node, "del");
	else if (strcmp(name, "code") == 0)
		anki_render_code(r, node);
	else if (strcmp(name, "link") == 0)
		anki_render_link(r, node);
	else if (strcmp(name, "img") == 0)
		anki_render_img(r, node);
	else if (strcmp(name, "br") == 0)
		buf_puts(r->out, "<br />");
	else if (strcmp(name, "softbreak") == 0)
		buf_putc(r->out, '\n');
	else if (strcmp(name, "raw") == 0)
		anki_render_raw(r, node);
}

static void render_text_piece(void *r, const char *text, size_t len)
{
	anki_render_text(r, text, len);
}

/* The outermost inlines (a p, a cell, the question) are one block for their
 * languages: passages in another one are spans (guide2anki/languages.c). */
static void anki_render_inlines(struct anki_render *r, const xmlNode *parent)
{
	struct lang_block block;
	const struct lang_block *outer = r->block;
	if (!outer)
		anki_lang_block(&block, parent, r->lang);
	r->block = outer ? outer : &block;
	for (const xmlNode *node = parent->children; node; node = node->next) {
		if (node->type == XML_TEXT_NODE && node->content)
			anki_lang_text(r->out, r->block, (const char *)node->content,
				       strlen((const char *)node->content), render_text_piece, r);
		else if (node->type == XML_ELEMENT_NODE)
			anki_render_inline(r, node);
	}
	r->block = outer;
}

/* --- block elements ----------------------------------------------------------- */

static void anki_render_p(struct anki_render *r, const xmlNode *node)
{
	anki_render_text_block(r, node, "p");
}

/* Headings inside an answer sit below the card's own title: h4 at the most. */
static void anki_render_heading(struct anki_render *r, const xmlNode *node)
{
	int level = atoi(tree_attr(node, "level"));
	char tag[3] = {'h', (char)('0' + (level < 4 ? 4 : level > 6 ? 6 : level)), '\0'};
	anki_render_text_block(r, node, tag);
}

/* In a tight list a paragraph is its bare text, as every Markdown renderer
 * writes it: no gap between items, and a task's box stays on the text's line. */
static void anki_render_item(struct anki_render *r, const xmlNode *item, int tight)
{
	for (const xmlNode *node = tree_first(item); node; node = tree_next(node)) {
		if (tight && tree_is(node, "p")) {
			if (node != tree_first(item))
				buf_puts(r->out, "<br />");
			anki_render_inlines(r, node);
		} else {
			anki_render_block(r, node);
		}
	}
}

static void anki_render_list(struct anki_render *r, const xmlNode *node)
{
	int ordered = strcmp(tree_attr(node, "type"), "ordered") == 0;
	int tight = strcmp(tree_attr(node, "tight"), "true") == 0;
	const char *start = tree_attr(node, "start");
	if (ordered && start && strcmp(start, "1") != 0)
		buf_printf(r->out, "<ol start=\"%ld\">", strtol(start, NULL, 10));
	else
		buf_puts(r->out, ordered ? "<ol>" : "<ul>");
	for (const xmlNode *item = tree_first(node); item; item = tree_next(item)) {
		const char *task = tree_attr(item, "task");
		buf_puts(r->out, task ? "<li class=\"task\"" AUTO_DIR ">" : "<li" AUTO_DIR ">");
		if (task)
			buf_puts(r->out, strcmp(task, "done") == 0 ? "\xE2\x98\x91 " : "\xE2\x98\x90 ");
		anki_render_item(r, item, tight);
		buf_puts(r->out, "</li>");
	}
	buf_puts(r->out, ordered ? "</ol>" : "</ul>");
}

/* One run of a code block's lines (coderuns.h): a drawing is one span whose
 * lines never wrap, sized to the card by its --columns or scrolling; code is
 * a span per source line, which wraps and hangs under the line's own text
 * (its --indent). card.css says how. */
/* Bytes [FROM, TO) of TEXT, each token (KINDS, from the tree's runs; NULL
 * for none) as <span class="hl-KIND">, which the note type's CSS colours. */
static void anki_render_code_tokens(struct anki_render *r, const char *text, size_t from,
				    size_t to, const unsigned char *kinds)
{
	while (from < to) {
		size_t end = kinds ? from + 1 : to;
		while (kinds && end < to && kinds[end] == kinds[from])
			end++;
		if (kinds && kinds[from])
			buf_printf(r->out, "<span class=\"hl-%s\">", code_kind_name(kinds[from] - 1));
		anki_render_text(r, text + from, end - from);
		if (kinds && kinds[from])
			buf_puts(r->out, "</span>");
		from = end;
	}
}

static void anki_render_code_run(struct anki_render *r, const char *text,
				 const struct code_run *run, const unsigned char *kinds)
{
	if (run->diagram) {
		buf_printf(r->out, "<span class=\"diagram\" style=\"--columns: %zu\">", run->columns);
		anki_render_text(r, text + run->start, run->end - run->start);
		buf_puts(r->out, "</span>");
		return;
	}
	for (size_t at = run->start; at < run->end;) {
		size_t len = code_line_length(text + at), indent = code_line_indent(text + at);
		if (indent > 0)
			buf_printf(r->out, "<span class=\"line\" style=\"--indent: %zu\">", indent);
		else
			buf_puts(r->out, "<span class=\"line\">");
		anki_render_code_tokens(r, text, at, at + len, kinds);
		buf_puts(r->out, "</span>");
		at += len;
	}
}

/* A code block keeps its text byte for byte (escaped), newlines included,
 * inside <pre>, so the field's text is the tree's once the spans are gone. */
static void anki_render_codeblock(struct anki_render *r, const xmlNode *node)
{
	const char *lang = tree_attr(node, "lang");
	buf_puts(r->out, "<pre class=\"code\"><code");
	if (lang && *lang) {
		buf_puts(r->out, " class=\"lang-");
		for (const char *p = lang; *p; p++)
			buf_putc(r->out, isalnum((unsigned char)*p) || *p == '-' ? *p : '_');
		buf_putc(r->out, '"');
	}
	buf_putc(r->out, '>');
	char *text = tree_plain_text(node);
	if (!text) {
		r->out->failed = 1;
		return;
	}
	unsigned char *kinds = tree_code_kinds(node, strlen(text));
	struct code_run run;
	for (size_t at = 0; code_run_next(text, at, &run); at = run.end)
		anki_render_code_run(r, text, &run, kinds);
	free(kinds);
	free(text);
	buf_puts(r->out, "</code></pre>");
}

static void anki_render_quote(struct anki_render *r, const xmlNode *node)
{
	buf_puts(r->out, "<blockquote>");
	anki_render_blocks(r, node);
	buf_puts(r->out, "</blockquote>");
}

/* A callout: a tinted box (card.css) with its label word, in the deck's
 * language; a <details>, closed until tapped. */
static void anki_render_callout(struct anki_render *r, const xmlNode *node)
{
	const char *kind = tree_attr(node, "kind");
	const xmlNode *title = tree_child(node, "title");
	buf_printf(r->out, "<aside class=\"callout callout-%s\"><p class=\"callout-label\">"
			   "<span class=\"callout-kind\">", kind);
	anki_render_text(r, word_callout(r->lang, kind), strlen(word_callout(r->lang, kind)));
	buf_puts(r->out, title ? "</span> \xC2\xB7 " : "</span>");
	if (title)
		anki_render_inlines(r, title);
	buf_puts(r->out, "</p>");
	anki_render_blocks(r, node);
	buf_puts(r->out, "</aside>");
}

static void anki_render_details(struct anki_render *r, const xmlNode *node)
{
	buf_puts(r->out, "<details><summary>");
	anki_render_inlines(r, tree_child(node, "summary"));
	buf_puts(r->out, "</summary>");
	anki_render_blocks(r, node);
	buf_puts(r->out, "</details>");
}

static void anki_render_table(struct anki_render *r, const xmlNode *node)
{
	buf_puts(r->out, "<table>");
	for (const xmlNode *row = tree_first(node); row; row = tree_next(row)) {
		const char *cell_tag = tree_attr(row, "header") ? "th" : "td";
		buf_puts(r->out, "<tr>");
		for (const xmlNode *cell = tree_first(row); cell; cell = tree_next(cell)) {
			const char *align = tree_attr(cell, "align");
			if (align)
				buf_printf(r->out, "<%s" AUTO_DIR " style=\"text-align: %s\">", cell_tag,
					   align);
			else
				buf_printf(r->out, "<%s" AUTO_DIR ">", cell_tag);
			anki_render_inlines(r, cell);
			buf_printf(r->out, "</%s>", cell_tag);
		}
		buf_puts(r->out, "</tr>");
	}
	buf_puts(r->out, "</table>");
}

static void anki_render_block(struct anki_render *r, const xmlNode *node)
{
	const char *name = (const char *)node->name;
	long line = tree_line(node);
	if (line > 0)
		r->line = line;
	if (strcmp(name, "p") == 0)
		anki_render_p(r, node);
	else if (strcmp(name, "heading") == 0)
		anki_render_heading(r, node);
	else if (strcmp(name, "list") == 0)
		anki_render_list(r, node);
	else if (strcmp(name, "codeblock") == 0)
		anki_render_codeblock(r, node);
	else if (strcmp(name, "quote") == 0)
		anki_render_quote(r, node);
	else if (strcmp(name, "callout") == 0)
		anki_render_callout(r, node);
	else if (strcmp(name, "details") == 0)
		anki_render_details(r, node);
	else if (strcmp(name, "table") == 0)
		anki_render_table(r, node);
	else if (strcmp(name, "hr") == 0)
		buf_puts(r->out, "<hr />");
	else if (strcmp(name, "raw") == 0)
		anki_render_raw(r, node);
}

static void anki_render_blocks(struct anki_render *r, const xmlNode *parent)
{
	for (const xmlNode *node = tree_first(parent); node; node = tree_next(node))
		anki_render_block(r, node);
}

/* Renders NODE's inlines (INLINE) or blocks into a malloc'd field; NULL node
 * gives "". Returns NULL on allocation failure. */
/* A guide in another language than English says which around each field
 * that has anything in it, as a book's html does: a card has no lang of its
 * own, and Korean breaks between words (card.css) and kanji take their
 * Japanese forms only where the language is known. (The schema keeps the
 * tag to letters, digits and hyphens.) */
static const char *field_lang(const struct anki_render *r)
{
	const char *lang = r->lang;
	if (!lang || !*lang || (strncasecmp(lang, "en", 2) == 0 && (lang[2] == '\0' || lang[2] == '-')))
		return NULL;
	return lang;
}

char *anki_render_field(struct anki_render *r, const xmlNode *node, int inline_content)
{
	struct buf out;
	buf_init(&out);
	r->out = &out;
	const char *lang = field_lang(r);
	const char *tag = inline_content ? "span" : "div";
	if (lang && node)
		buf_printf(&out, "<%s lang=\"%s\">", tag, lang);
	size_t opened = out.len;
	if (node && inline_content)
		anki_render_inlines(r, node);
	else if (node)
		anki_render_blocks(r, node);
	if (opened > 0 && out.len > opened)
		buf_printf(&out, "</%s>", tag);
	else if (opened > 0) /* nothing in it: the field stays empty ({{#Why}}) */
		out.data[out.len = 0] = '\0';
	r->out = NULL;
	if (out.failed) {
		buf_free(&out);
		return NULL;
	}
	return out.data ? out.data : strdup("");
}
