/* emitinline: a block's inlines in the guide tree: text, emphasis, code,
 * links, images, footnote marks, and the inline HTML among them.
 *
 * Owns: the tree's inline elements, internal links rewritten from GitHub
 * anchors to tree ids, the warnings for images without alt text and for
 * inline HTML tags the tree does not keep, and closing in the same run of
 * inlines every tag the guide's HTML opened there.
 * Never: writes a block (emit.c does), or an HTML tag as text. */
#include "diag.h"
#include "emoji.h"
#include "md2guide.h"
#include "emit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The inline HTML tags a run of inlines opened, to close in the same run:
 * the tree stays well-formed whatever the guide's HTML does. */
#define MAX_OPEN_TAGS 16
struct open_tags {
	const char *element[MAX_OPEN_TAGS];
	int count;
};

static long line_of(cmark_node *node);
static void warn_missing_alt(struct emitter *e, long line, const char *src, const char *alt);

/* ---- inlines ------------------------------------------------------------------ */

/* The guide's prose: GitHub's shortcodes (":rocket:") become their emoji,
 * except in a URL written as a link's text; code never comes here. */
void emit_prose(struct emitter *e, const char *text, size_t len)
{
	if (e->in_autolink)
		buf_xml_text(e->out, text, len);
	else
		emoji_xml_text(e->out, text, len);
}

void emit_children(struct emitter *e, cmark_node *node)
{
	emit_inlines(e, (struct inline_span){cmark_node_first_child(node), NULL, 0});
}

static void open_tag(struct emitter *e, const char *element)
{
	buf_putc(e->out, '<');
	buf_puts(e->out, element);
	buf_putc(e->out, '>');
}

void close_tag(struct emitter *e, const char *element)
{
	buf_puts(e->out, "</");
	buf_puts(e->out, element);
	buf_putc(e->out, '>');
}

static void emit_wrapped(struct emitter *e, const char *element, cmark_node *node)
{
	open_tag(e, element);
	emit_children(e, node);
	close_tag(e, element);
}

/* An internal link to an anchor no heading or question has: md2guide has
 * warned at its line (check_links), and writes its text alone. */
static int anchor_missing(const struct emitter *e, const char *url)
{
	return url && url[0] == '#' && !anchor_target(e->plan, url + 1);
}

/* "#anchor" as the guide wrote it becomes "#id" of the tree; other links stay. */
static void emit_href(struct emitter *e, const char *url)
{
	if (url[0] == '#') {
		const char *target = anchor_target(e->plan, url + 1);
		if (target) {
			buf_puts(e->out, " href=\"#");
			emit_text(e, target);
			buf_putc(e->out, '"');
			return;
		}
	}
	emit_attr(e, "href", url);
}

static int is_autolink(cmark_node *link, const char *url)
{
	cmark_node *child = cmark_node_first_child(link);
	if (!child || cmark_node_next(child) || cmark_node_get_type(child) != CMARK_NODE_TEXT)
		return 0;
	const char *text = cmark_node_get_literal(child);
	size_t len = strlen(text);
	size_t url_len = strlen(url);
	return strcmp(text, url) == 0 ||
	       (url_len > len && strcmp(url + url_len - len, text) == 0 &&
		(strncmp(url, "mailto:", 7) == 0 || strncmp(url, "http://", 7) == 0));
}

static void emit_link(struct emitter *e, cmark_node *node)
{
	const char *url = cmark_node_get_url(node);
	const char *title = cmark_node_get_title(node);
	if (anchor_missing(e, url)) {
		emit_children(e, node);
		return;
	}
	buf_puts(e->out, "<link");
	emit_href(e, url ? url : "");
	if (title && *title)
		emit_attr(e, "title", title);
	if (url && is_autolink(node, url))
		buf_puts(e->out, " auto=\"true\"");
	buf_putc(e->out, '>');
	int in_autolink = e->in_autolink;
	e->in_autolink = url && is_autolink(node, url);
	emit_children(e, node);
	e->in_autolink = in_autolink;
	buf_puts(e->out, "</link>");
}

static void emit_image(struct emitter *e, cmark_node *node)
{
	const char *url = cmark_node_get_url(node);
	const char *title = cmark_node_get_title(node);
	char *alt = plain_text(cmark_node_first_child(node), NULL, 0);
	warn_missing_alt(e, line_of(node), url ? url : "", alt);
	buf_puts(e->out, "<img");
	emit_attr(e, "src", url ? url : "");
	emit_attr(e, "alt", alt ? alt : "");
	if (title && *title)
		emit_attr(e, "title", title);
	buf_puts(e->out, "/>");
	free(alt);
}

static void emit_literal_element(struct emitter *e, const char *open, const char *close,
				 cmark_node *node)
{
	buf_puts(e->out, open);
	emit_text(e, cmark_node_get_literal(node));
	buf_puts(e->out, close);
}

/* A footnote's mark, "[N]" as the note opens; the note is due after the
 * outermost block citing it (footnotes.c). */
static void emit_footnote_reference(struct emitter *e, cmark_node *node)
{
	const char *number = cmark_node_get_literal(node);
	buf_printf(e->out, "[%s]", number ? number : "?");
	cmark_node *note = footnote_of(e->plan, node);
	if (!note || !e->noted)
		return;
	size_t index = (size_t)strtoul(number, NULL, 10) - 1;
	if (e->noted[index])
		return;
	if (e->due_count == e->due_cap) {
		size_t cap = e->due_cap ? 2 * e->due_cap : 8;
		cmark_node **due = realloc(e->due, cap * sizeof *due);
		if (!due) {
			e->out->failed = 1;
			return;
		}
		e->due = due, e->due_cap = cap;
	}
	e->noted[index] = 1;
	e->due[e->due_count++] = note;
}

static void emit_inline(struct emitter *e, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
		emit_prose(e, cmark_node_get_literal(node), strlen(cmark_node_get_literal(node)));
		break;
	case CMARK_NODE_SOFTBREAK: buf_puts(e->out, "<softbreak/>"); break;
	case CMARK_NODE_LINEBREAK: buf_puts(e->out, "<br/>"); break;
	case CMARK_NODE_CODE: emit_literal_element(e, "<code>", "</code>", node); break;
	case CMARK_NODE_HTML_INLINE:
		break; /* read as tags by emit_inlines(), never kept as text */
	case CMARK_NODE_EMPH: emit_wrapped(e, "em", node); break;
	case CMARK_NODE_STRONG: emit_wrapped(e, "strong", node); break;
	case CMARK_NODE_LINK: emit_link(e, node); break;
	case CMARK_NODE_IMAGE: emit_image(e, node); break;
	case CMARK_NODE_FOOTNOTE_REFERENCE: emit_footnote_reference(e, node); break;
	default:
		if (is_type(node, "strikethrough"))
			emit_wrapped(e, "del", node);
		else /* an extension's inline we do not know: keep its content */
			emit_children(e, node);
		break;
	}
}

static const char *wrapper_of(cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_EMPH: return "em";
	case CMARK_NODE_STRONG: return "strong";
	default: return is_type(node, "strikethrough") ? "del" : NULL;
	}
}

/* Emits NODE less the first *SKIP bytes of its plain text (a "Q1:" prefix may
 * sit inside emphasis: "**Q1:** What ..."). A wrapper left empty is dropped. */
static void emit_skipping(struct emitter *e, cmark_node *node, size_t *skip)
{
	char *text = plain_text(node, cmark_node_next(node), 0);
	size_t len = text ? strlen(text) : 0;
	free(text);
	if (*skip >= len) {
		*skip -= len;
		return;
	}
	const char *wrapper = wrapper_of(node);
	if (cmark_node_get_type(node) == CMARK_NODE_TEXT) {
		const char *literal = cmark_node_get_literal(node) + *skip;
		emit_prose(e, literal, strlen(literal));
	} else if (wrapper) {
		open_tag(e, wrapper);
		emit_inlines(e, (struct inline_span){cmark_node_first_child(node), NULL, *skip});
		close_tag(e, wrapper);
	} else { /* code, links: the prefix never starts inside them */
		emit_inline(e, node);
	}
	*skip = 0;
}

/* ---- inline HTML (inlinehtml.c reads the tags) ---------------------------------- */

static long line_of(cmark_node *node)
{
	for (; node; node = cmark_node_parent(node))
		if (cmark_node_get_start_line(node) > 0)
			return cmark_node_get_start_line(node);
	return 0;
}

/* An image with no alt text says nothing to a screen reader (and keeps the
 * book from claiming WCAG conformance): the author is told where. */
static void warn_missing_alt(struct emitter *e, long line, const char *src, const char *alt)
{
	if (alt && alt[strspn(alt, " \t\n")])
		return;
	if (++e->images_without_alt <= MD2GUIDE_MAX_ALT_WARNINGS)
		diag_warning(e->plan->display_name, line,
			     "image '%.200s' has no alt text; screen readers say nothing of it: "
			     "say what it shows, ![what it shows](%.200s)", src, src);
}

void warn_html_image(void *data, long line, const char *src, const char *alt)
{
	warn_missing_alt(data, line, src, alt);
}

void warn_unknown_tag(struct emitter *e, const char *name, long line)
{
	char lower[16];
	size_t i = 0;
	for (; name[i] && i + 1 < sizeof lower; i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = '\0';
	if (strmap_find(&e->unknown_tags, lower))
		return;
	strmap_insert(&e->unknown_tags, lower);
	diag_warning(e->plan->display_name, line,
		     "inline HTML <%s> is not kept (its text is); write it in Markdown", lower);
}

static void emit_html_image(struct emitter *e, const struct html_tag *tag)
{
	if (!tag->src)
		return;
	buf_puts(e->out, "<img");
	emit_attr(e, "src", tag->src);
	emit_attr(e, "alt", tag->alt ? tag->alt : "");
	if (tag->width[0])
		emit_attr(e, "width", tag->width);
	if (tag->height[0])
		emit_attr(e, "height", tag->height);
	buf_puts(e->out, "/>");
}

static int is_open(const struct open_tags *open, const char *element)
{
	for (int i = 0; i < open->count; i++)
		if (strcmp(open->element[i], element) == 0)
			return 1;
	return 0;
}

/* An opening tag: the element it stands for is opened, to be closed by its
 * closing tag or at the end of the run. */
static void open_html(struct emitter *e, struct open_tags *open, const char *element,
		      const struct html_tag *tag)
{
	if (open->count == MAX_OPEN_TAGS || is_open(open, "code") ||
	    (strcmp(element, "link") == 0 &&
	     (!tag->href || is_open(open, "link") || anchor_missing(e, tag->href))))
		return; /* nothing nests in code; <a name="x"> is an anchor, not a link */
	if (strcmp(element, "link") == 0) {
		buf_puts(e->out, "<link");
		emit_href(e, tag->href);
		buf_putc(e->out, '>');
	} else {
		open_tag(e, element);
	}
	open->element[open->count++] = element;
}

static void close_html(struct emitter *e, struct open_tags *open, const char *element)
{
	if (!is_open(open, element))
		return; /* a closing tag whose opening is elsewhere: dropped */
	while (open->count > 0) {
		const char *top = open->element[--open->count];
		close_tag(e, top);
		if (strcmp(top, element) == 0)
			break;
	}
}

/* One inline HTML node: the tree's element for a known tag, nothing for the
 * rest (one warning per unknown tag name), never the tag as text. */
static void emit_html_inline(struct emitter *e, struct open_tags *open, cmark_node *node)
{
	struct html_tag tag;
	if (inline_html_tag(cmark_node_get_literal(node), &tag) != 0)
		return; /* a comment, <?...?>, <!...> */
	const char *element = inline_html_element(tag.name);
	if (!element)
		warn_unknown_tag(e, tag.name, line_of(node));
	else if (strcmp(element, "br") == 0)
		buf_puts(e->out, is_open(open, "code") ? " " : "<br/>");
	else if (strcmp(element, "img") == 0 && !is_open(open, "code")) {
		if (tag.src)
			warn_missing_alt(e, line_of(node), tag.src, tag.alt);
		emit_html_image(e, &tag);
	}
	else if (*element && tag.closing)
		close_html(e, open, element);
	else if (*element && !tag.self_closing && strcmp(element, "img") != 0)
		open_html(e, open, element, &tag);
	inline_html_tag_free(&tag);
}

void emit_inlines(struct emitter *e, struct inline_span span)
{
	size_t skip = span.skip;
	struct open_tags open = {{0}, 0};
	for (cmark_node *node = span.first; node && node != span.stop;
	     node = cmark_node_next(node)) {
		if (skip)
			emit_skipping(e, node, &skip);
		else if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE)
			emit_html_inline(e, &open, node);
		else if (is_open(&open, "code")) { /* <code>: its text only */
			char *text = plain_text(node, cmark_node_next(node), 0);
			if (text)
				emit_text(e, text);
			free(text);
		} else
			emit_inline(e, node);
	}
	while (open.count > 0)
		close_tag(e, open.element[--open.count]);
}
