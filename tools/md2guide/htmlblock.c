/* htmlblock: one HTML block of the guide (cmark's literal) read by libxml2's
 * HTML parser and written as the tree's own blocks: the layout GitHub guides
 * use (<p align>, <div>, <center>, images and badges, <picture>, <br>, <hr>,
 * headings, simple tables and lists) becomes paragraphs, tables and lists.
 *
 * Owns: the mapping from HTML elements to tree elements, and the line of each
 * block (the block's line plus the parser's line within it); a Markdown rule
 * ("---") the block took in for want of a blank line before it is a rule.
 * Never: writes an attribute the tree does not define (so no event handler
 * passes), a URL htmlsafe_url_ok() refuses, the content of <script> or
 * <style>, or anything half-converted (on -1, OUT is as it was). It never
 * reads the network or loads entities. <details> belongs to cards.c and
 * emit.c: such a block is not converted. */
#include "emoji.h"
#include "htmlsafe.h"
#include "md2guide.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What a run of inline content has written so far, so spaces and breaks are
 * written only between pieces of content, never first or last. */
enum pending { PENDING_NONE, PENDING_SPACE, PENDING_BREAK };

/* An inline element whose opening is written with the first content in it. */
struct open_element {
	const char *element;
	const char *href;
	int written;
};
#define MAX_OPEN 32

struct converter {
	const struct html_block_context *ctx;
	struct buf *out;
	long line;          /* the block's first line in the guide */
	int failed;         /* something this module cannot convert */
	int in_paragraph;   /* a <p> of inline content is open */
	size_t para_start;  /* OUT's length before that <p> */
	int has_content;    /* the open run has written something */
	enum pending pending;
	struct open_element open[MAX_OPEN];
	int open_count;
	int depth;
};

static void convert_blocks(struct converter *c, xmlNode *first);
static void convert_block_node(struct converter *c, xmlNode *node);
static void convert_inlines(struct converter *c, xmlNode *first);

static int named(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && strcasecmp((const char *)node->name, name) == 0;
}

static int named_any(const xmlNode *node, const char *const *names)
{
	for (; *names; names++)
		if (named(node, *names))
			return 1;
	return 0;
}

static const char *const DROPPED[] = {"script", "style", "noscript", "template", "iframe",
				      "object", "embed", "head", "title", "meta", "link",
				      "source", "svg", "math", "form", "input", "button",
				      "select", "textarea", NULL};
static const char *const BLOCKS[] = {"p", "div", "center", "section", "article", "header",
				     "footer", "main", "nav", "aside", "figure", "figcaption",
				     "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
				     "table", "ul", "ol", "li", "pre", "dl", "dt", "dd", NULL};
/* Elements whose text is kept without the element, and without a warning:
 * the tree has no element for them yet. */
static const char *const TEXT_ONLY[] = {"span", "sub", "sup", "u", "mark", "small", "big",
					"font", "abbr", "cite", "q", "ins", "var", "label",
					"time", "dfn", "bdi", "bdo", "wbr", "nobr", "html",
					"body", "thead", "tbody", "tfoot", "tr", "th", "td",
					"caption", NULL};

static char *attribute(xmlNode *node, const char *name) /* xmlFree'd by the caller */
{
	return (char *)xmlGetProp(node, (const xmlChar *)name);
}

/* The guide's line of NODE. libxml2 gives a text node the line where it ends,
 * so its first word's line is found by counting its newlines back. */
static long line_of(const struct converter *c, xmlNode *node)
{
	long within = xmlGetLineNo(node);
	if (node->type == XML_TEXT_NODE && node->content) {
		const char *text = (const char *)node->content;
		size_t blank = strspn(text, " \t\r\n\f");
		for (const char *p = text + blank; *p; p++)
			within -= *p == '\n';
	}
	return c->line + (within > 1 ? within - 1 : 0);
}

static void put_line(struct converter *c, xmlNode *node)
{
	buf_puts(c->out, " line=\"");
	buf_putl(c->out, line_of(c, node));
	buf_putc(c->out, '"');
}

static void put_attr(struct converter *c, const char *name, const char *value)
{
	buf_printf(c->out, " %s=\"", name);
	buf_xml_attr(c->out, value, strlen(value));
	buf_putc(c->out, '"');
}

/* OUT back to LEN bytes: what was written after it is taken back. */
static void take_back(struct buf *out, size_t len)
{
	out->len = len;
	if (out->data && out->cap > len)
		out->data[len] = '\0';
}

static void warn_unknown(struct converter *c, xmlNode *node)
{
	if (c->ctx && c->ctx->warn_unknown)
		c->ctx->warn_unknown(c->ctx->data, line_of(c, node), (const char *)node->name);
}

/* ---- runs of inline content ------------------------------------------------ */

/* Opens the run's <p> when content comes outside one, and writes the space or
 * break owed before it. */
static void before_content(struct converter *c, xmlNode *node)
{
	if (c->in_paragraph == 0) {
		c->in_paragraph = 1;
		c->para_start = c->out->len;
		c->has_content = 0;
		buf_puts(c->out, "<p");
		put_line(c, node);
		buf_putc(c->out, '>');
	}
	if (c->has_content && c->pending == PENDING_BREAK)
		buf_puts(c->out, "<br/>");
	else if (c->has_content && c->pending == PENDING_SPACE)
		buf_putc(c->out, ' ');
	c->pending = PENDING_NONE;
	c->has_content = 1;
	for (int i = 0; i < c->open_count; i++) {
		if (c->open[i].written)
			continue;
		c->open[i].written = 1;
		buf_putc(c->out, '<');
		buf_puts(c->out, c->open[i].element);
		if (c->open[i].href)
			put_attr(c, "href", c->open[i].href);
		buf_putc(c->out, '>');
	}
}

/* Closes the run's <p>; a run that wrote nothing leaves nothing. */
static void end_paragraph(struct converter *c)
{
	if (!c->in_paragraph)
		return;
	if (c->has_content)
		buf_puts(c->out, "</p>\n");
	else
		take_back(c->out, c->para_start);
	c->in_paragraph = 0;
	c->pending = PENDING_NONE;
}

static void owe(struct converter *c, enum pending pending)
{
	if (pending > c->pending)
		c->pending = pending;
}

/* HTML text: runs of blanks are one space, owed until more content comes. */
static void put_text(struct converter *c, xmlNode *node, const char *text)
{
	while (*text) {
		size_t blank = strspn(text, " \t\r\n\f");
		if (blank) {
			owe(c, PENDING_SPACE);
			text += blank;
			continue;
		}
		size_t word = strcspn(text, " \t\r\n\f");
		before_content(c, node);
		emoji_xml_text(c->out, text, word); /* GitHub shows ":rocket:" here too */
		text += word;
	}
}

/* The text inside NODE, but for what never passes (<script>, <style>). */
static void collect_text(struct buf *text, xmlNode *node, int depth)
{
	for (; node && depth < MD2GUIDE_MAX_DEPTH; node = node->next) {
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
			buf_puts(text, (const char *)node->content);
		else if (node->type == XML_ELEMENT_NODE && !named_any(node, DROPPED))
			collect_text(text, node->children, depth + 1);
	}
}

static void put_code(struct converter *c, xmlNode *node)
{
	struct buf text;
	buf_init(&text);
	collect_text(&text, node->children, 0);
	for (size_t i = 0; i < text.len; i++) /* a code span is one line */
		if (text.data[i] == '\n' || text.data[i] == '\r' || text.data[i] == '\t')
			text.data[i] = ' ';
	if (text.len && text.data[strspn(text.data, " ")]) {
		before_content(c, node);
		buf_puts(c->out, "<code>");
		buf_xml_text(c->out, text.data, text.len);
		buf_puts(c->out, "</code>");
	}
	c->failed |= text.failed;
	buf_free(&text);
}

static xmlNode *find_element(xmlNode *node, const char *name)
{
	for (; node; node = node->next) {
		if (named(node, name))
			return node;
		xmlNode *inside = node->type == XML_ELEMENT_NODE ? find_element(node->children, name) : NULL;
		if (inside)
			return inside;
	}
	return NULL;
}

/* An <img width> or height the tree keeps, as a largest size. */
static void put_length(struct converter *c, xmlNode *node, const char *name)
{
	char *value = attribute(node, name);
	char length[8];
	inline_html_length(value, length);
	if (length[0])
		put_attr(c, name, length);
	xmlFree(value);
}

static void put_image(struct converter *c, xmlNode *node)
{
	char *src = attribute(node, "src");
	if (src && *src && htmlsafe_url_ok(src)) {
		char *alt = attribute(node, "alt");
		char *title = attribute(node, "title");
		if (c->ctx->warn_no_alt)
			c->ctx->warn_no_alt(c->ctx->data, line_of(c, node), src, alt);
		before_content(c, node);
		buf_puts(c->out, "<img");
		put_attr(c, "src", src);
		put_attr(c, "alt", alt ? alt : "");
		if (title && *title)
			put_attr(c, "title", title);
		put_length(c, node, "width");
		put_length(c, node, "height");
		buf_puts(c->out, "/>");
		xmlFree(alt);
		xmlFree(title);
	}
	xmlFree(src);
}

/* An element written as ELEMENT around its inlines. Its opening waits until
 * content comes (after the space owed before it), so an element that holds
 * nothing leaves nothing and no blank is written inside its edges. */
static void put_wrapped(struct converter *c, xmlNode *node, const char *element,
			const char *href)
{
	if (c->open_count == MAX_OPEN) {
		c->failed = 1;
		return;
	}
	int slot = c->open_count++;
	c->open[slot] = (struct open_element){element, href, 0};
	convert_inlines(c, node->children);
	if (c->open[slot].written) {
		buf_puts(c->out, "</");
		buf_puts(c->out, element);
		buf_putc(c->out, '>');
	}
	c->open_count = slot;
}

/* "#anchor" becomes the tree's "#id"; other URLs stay when they are safe.
 * Returns a malloc'd href, or NULL for none. */
static char *link_target(struct converter *c, xmlNode *node, const char *href)
{
	if (href[0] == '#' && c->ctx && c->ctx->resolve_anchor) {
		const char *id = c->ctx->resolve_anchor(c->ctx->data, line_of(c, node), href + 1);
		if (!id)
			return NULL; /* reported: the link's text stays, without the link */
		size_t len = strlen(id);
		char *target = malloc(len + 2);
		if (target) {
			target[0] = '#';
			memcpy(target + 1, id, len + 1);
		}
		return target;
	}
	return htmlsafe_url_ok(href) ? strdup(href) : NULL;
}

static void put_link(struct converter *c, xmlNode *node)
{
	char *href = attribute(node, "href");
	char *target = href && *href ? link_target(c, node, href) : NULL;
	if (target)
		put_wrapped(c, node, "link", target);
	else
		convert_inlines(c, node->children);
	free(target);
	xmlFree(href);
}

static const char *inline_element(xmlNode *node)
{
	static const char *const map[][2] = {
		{"b", "strong"}, {"strong", "strong"}, {"i", "em"}, {"em", "em"},
		{"s", "del"}, {"del", "del"}, {"strike", "del"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (named(node, map[i][0]))
			return map[i][1];
	return NULL;
}

static void convert_inline(struct converter *c, xmlNode *node)
{
	static const char *const codes[] = {"code", "kbd", "tt", "samp", NULL};
	const char *element = inline_element(node);
	if (named_any(node, DROPPED))
		return;
	if (named(node, "details") || named(node, "summary") || named(node, "table"))
		c->failed = 1; /* not flattened into a line of text */
	else if (element)
		put_wrapped(c, node, element, NULL);
	else if (named_any(node, codes))
		put_code(c, node);
	else if (named(node, "a"))
		put_link(c, node);
	else if (named(node, "img"))
		put_image(c, node);
	else if (named(node, "picture")) {
		xmlNode *img = find_element(node->children, "img");
		if (img)
			put_image(c, img);
	} else if (named(node, "br"))
		owe(c, PENDING_BREAK);
	else if (named_any(node, BLOCKS)) { /* inside a cell or a heading: a line of its own */
		owe(c, PENDING_BREAK);
		convert_inlines(c, node->children);
		owe(c, PENDING_BREAK);
	} else {
		if (!named_any(node, TEXT_ONLY))
			warn_unknown(c, node);
		convert_inlines(c, node->children);
	}
}

static void convert_inline_node(struct converter *c, xmlNode *node)
{
	if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
		put_text(c, node, (const char *)node->content);
	else if (node->type == XML_ELEMENT_NODE)
		convert_inline(c, node);
}

static void convert_inlines(struct converter *c, xmlNode *first)
{
	if (++c->depth > MD2GUIDE_MAX_DEPTH)
		c->failed = 1;
	for (xmlNode *node = first; node && !c->failed; node = node->next)
		convert_inline_node(c, node);
	c->depth--;
}

/* Inline content written in a context of its own (a cell, a heading): no <p>
 * of the surrounding run is opened or closed by it. */
static void convert_inline_context(struct converter *c, xmlNode *node)
{
	int in_paragraph = c->in_paragraph;
	size_t para_start = c->para_start;
	int has_content = c->has_content;
	c->in_paragraph = 2; /* open already: before_content writes no <p> */
	c->para_start = c->out->len;
	c->has_content = 0;
	c->pending = PENDING_NONE;
	convert_inlines(c, node->children);
	c->in_paragraph = in_paragraph;
	c->para_start = para_start;
	c->has_content = has_content;
	c->pending = PENDING_NONE;
}

/* ---- blocks ----------------------------------------------------------------- */

static int heading_number(xmlNode *node)
{
	const char *name = (const char *)node->name;
	if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2])
		return name[1] - '0';
	return 0;
}

/* The tree's heading needs a unique id, which only the caller can give; with
 * none, the heading is a paragraph of strong text. */
static void convert_heading(struct converter *c, xmlNode *node, int level)
{
	struct buf text;
	buf_init(&text);
	collect_text(&text, node->children, 0);
	const char *id = NULL;
	if (c->ctx && c->ctx->heading_id && text.len && text.data[strspn(text.data, " \t\r\n\f")])
		id = c->ctx->heading_id(c->ctx->data, text.data);
	size_t start = c->out->len;
	if (id) {
		buf_puts(c->out, "<heading");
		put_attr(c, "id", id);
		buf_printf(c->out, " level=\"%d\"", level);
	} else {
		buf_puts(c->out, "<p");
	}
	put_line(c, node);
	buf_puts(c->out, id ? ">" : "><strong>");
	size_t inner = c->out->len;
	convert_inline_context(c, node);
	if (c->out->len == inner)
		take_back(c->out, start);
	else
		buf_puts(c->out, id ? "</heading>\n" : "</strong></p>\n");
	buf_free(&text);
}

static void convert_pre(struct converter *c, xmlNode *node)
{
	struct buf text;
	buf_init(&text);
	collect_text(&text, node->children, 0);
	size_t skip = text.len && text.data[0] == '\n'; /* HTML ignores a newline after <pre> */
	if (text.len > skip) {
		buf_puts(c->out, "<codeblock");
		put_line(c, node);
		buf_putc(c->out, '>');
		buf_xml_text(c->out, text.data + skip, text.len - skip);
		buf_puts(c->out, "</codeblock>\n");
	}
	c->failed |= text.failed;
	buf_free(&text);
}

static void convert_list(struct converter *c, xmlNode *node)
{
	int ordered = named(node, "ol"), items = 0;
	size_t open = c->out->len;
	buf_printf(c->out, "<list type=\"%s\"", ordered ? "ordered" : "bullet");
	char *start = ordered ? attribute(node, "start") : NULL;
	if (ordered) {
		char *end = NULL;
		long n = start ? strtol(start, &end, 10) : 1;
		buf_printf(c->out, " start=\"%ld\"", start && *end == '\0' && n >= 0 ? n : 1);
	}
	xmlFree(start);
	buf_puts(c->out, " tight=\"true\"");
	put_line(c, node);
	buf_puts(c->out, ">\n");
	for (xmlNode *item = node->children; item && !c->failed; item = item->next) {
		if (item->type != XML_ELEMENT_NODE)
			continue; /* blanks between items */
		items++;
		buf_puts(c->out, "<item");
		put_line(c, item);
		buf_puts(c->out, ">\n");
		if (named(item, "li"))
			convert_blocks(c, item->children);
		else
			convert_block_node(c, item);
		end_paragraph(c);
		buf_puts(c->out, "</item>\n");
	}
	if (items)
		buf_puts(c->out, "</list>\n");
	else /* the tree's list has at least one item */
		take_back(c->out, open);
}

/* ---- tables ----------------------------------------------------------------- */

static int collect_rows(struct converter *c, xmlNode *node, xmlNode **rows, int max)
{
	int n = 0;
	for (; node && n < max; node = node->next) {
		if (named(node, "tr"))
			rows[n++] = node;
		else if (named(node, "thead") || named(node, "tbody") || named(node, "tfoot"))
			n += collect_rows(c, node->children, rows + n, max - n);
		else if (node->type == XML_ELEMENT_NODE && !named(node, "caption") &&
			 !named(node, "colgroup") && !named(node, "col"))
			c->failed = 1; /* a table of more than rows */
	}
	return n;
}

static int is_cell(xmlNode *node)
{
	return named(node, "td") || named(node, "th");
}

static int spans(xmlNode *cell)
{
	char *col = attribute(cell, "colspan");
	char *row = attribute(cell, "rowspan");
	int span = (col && atoi(col) > 1) || (row && atoi(row) > 1);
	xmlFree(col);
	xmlFree(row);
	return span;
}

/* The number of cells of ROW, or -1 when it is not simple. */
static int row_cells(xmlNode *row, int *all_header)
{
	int n = 0;
	*all_header = 1;
	for (xmlNode *cell = row->children; cell; cell = cell->next) {
		if (!is_cell(cell))
			continue;
		if (spans(cell) || find_element(cell->children, "table"))
			return -1;
		if (!named(cell, "th"))
			*all_header = 0;
		n++;
	}
	return n;
}

static void put_cell(struct converter *c, xmlNode *cell)
{
	buf_puts(c->out, "<cell");
	char *align = cell ? attribute(cell, "align") : NULL;
	if (align && (!strcasecmp(align, "left") || !strcasecmp(align, "center") ||
		      !strcasecmp(align, "right"))) {
		for (char *p = align; *p; p++)
			*p = (char)(*p | 0x20);
		put_attr(c, "align", align);
	}
	xmlFree(align);
	buf_putc(c->out, '>');
	if (cell)
		convert_inline_context(c, cell);
	buf_puts(c->out, "</cell>");
}

static void put_row(struct converter *c, xmlNode *row, int columns)
{
	int header;
	row_cells(row, &header);
	int in_head = row->parent && named(row->parent, "thead");
	buf_puts(c->out, (header || in_head) ? "<row header=\"true\">" : "<row>");
	int n = 0;
	for (xmlNode *cell = row->children; cell; cell = cell->next)
		if (is_cell(cell)) {
			put_cell(c, cell);
			n++;
		}
	for (; n < columns; n++) /* the tree's rows are all as wide */
		put_cell(c, NULL);
	buf_puts(c->out, "</row>\n");
}

static void convert_table(struct converter *c, xmlNode *node)
{
	enum { MAX_ROWS = 4096 };
	xmlNode **rows = malloc(MAX_ROWS * sizeof *rows);
	if (!rows) {
		c->failed = 1;
		return;
	}
	int count = collect_rows(c, node->children, rows, MAX_ROWS), columns = 0;
	for (int i = 0; i < count && !c->failed; i++) {
		int header, n = row_cells(rows[i], &header);
		if (n < 0 || n > MD2GUIDE_MAX_TABLE_COLUMNS)
			c->failed = 1;
		else if (n > columns)
			columns = n;
	}
	if (!c->failed && columns > 0) {
		buf_puts(c->out, "<table");
		put_line(c, node);
		buf_puts(c->out, ">\n");
		for (int i = 0; i < count; i++)
			put_row(c, rows[i], columns);
		buf_puts(c->out, "</table>\n");
	}
	free(rows);
}

/* ---- the walk ------------------------------------------------------------- */

static void convert_block(struct converter *c, xmlNode *node)
{
	int level = heading_number(node);
	end_paragraph(c);
	if (named(node, "hr")) {
		buf_puts(c->out, "<hr");
		put_line(c, node);
		buf_puts(c->out, "/>\n");
	} else if (level)
		convert_heading(c, node, level);
	else if (named(node, "table"))
		convert_table(c, node);
	else if (named(node, "ul") || named(node, "ol"))
		convert_list(c, node);
	else if (named(node, "pre"))
		convert_pre(c, node);
	else if (named(node, "blockquote")) {
		buf_puts(c->out, "<quote");
		put_line(c, node);
		buf_puts(c->out, ">\n");
		convert_blocks(c, node->children);
		end_paragraph(c);
		buf_puts(c->out, "</quote>\n");
	} else { /* <p>, <div>, <center> and the like: their content */
		convert_blocks(c, node->children);
		end_paragraph(c);
	}
}

static void convert_block_node(struct converter *c, xmlNode *node)
{
	if (named_any(node, BLOCKS) && !named(node, "li"))
		convert_block(c, node);
	else if (named(node, "html") || named(node, "body"))
		convert_blocks(c, node->children);
	else
		convert_inline_node(c, node);
}

static void convert_blocks(struct converter *c, xmlNode *first)
{
	if (++c->depth > MD2GUIDE_MAX_DEPTH)
		c->failed = 1;
	for (xmlNode *node = first; node && !c->failed; node = node->next)
		convert_block_node(c, node);
	c->depth--;
}

/* A <details> block, or a piece of one, is a card's or emit.c's to read. */
static int is_details_piece(const char *html)
{
	html += strspn(html, " \t\r\n");
	return !strncasecmp(html, "<details", 8) || !strncasecmp(html, "</details", 9) ||
	       !strncasecmp(html, "<summary", 8) || !strncasecmp(html, "</summary", 9);
}

/* Where the thematic break that ends HTML (LEN bytes) starts, or LEN. An
 * HTML block runs to the next blank line, so a "---" written right under
 * "</details>" is part of it: a Markdown rule, not text. */
static size_t trailing_rule(const char *html, size_t len)
{
	size_t end = len;
	while (end > 0 && strchr(" \t\r\n", html[end - 1]))
		end--;
	size_t start = end;
	while (start > 0 && html[start - 1] != '\n')
		start--;
	const char *p = html + start + strspn(html + start, " ");
	char mark = *p;
	size_t marks = 0;
	if (mark != '-' && mark != '*' && mark != '_')
		return len;
	for (; p < html + end; p++) {
		if (*p == mark)
			marks++;
		else if (*p != ' ' && *p != '\t')
			return len;
	}
	return marks >= 3 && start > 0 ? start : len;
}

int html_block_to_tree(const char *html, long line, const struct html_block_context *ctx,
		       struct buf *out)
{
	size_t len = html ? strlen(html) : 0;
	if (!html || len > INT_MAX || is_details_piece(html))
		return -1;
	size_t rule = trailing_rule(html, len);
	long rule_line = line;
	for (size_t i = 0; i < rule; i++)
		rule_line += html[i] == '\n';
	len = rule;
	/* Not HTML_PARSE_NOBLANKS: the blank between two badges is a space on
	 * the page; put_text() writes blanks only between pieces of content. */
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR |
						HTML_PARSE_NOWARNING);
	if (!doc)
		return -1;
	struct converter c = {.ctx = ctx, .out = out, .line = line > 0 ? line : 1};
	size_t start = out->len;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root)
		convert_blocks(&c, root);
	end_paragraph(&c);
	xmlFreeDoc(doc);
	if (rule < strlen(html)) {
		buf_puts(out, "<hr line=\"");
		buf_putl(out, rule_line);
		buf_puts(out, "\"/>\n");
	}
	if (c.failed || out->failed) {
		take_back(out, start);
		return -1;
	}
	return out->len > start ? 1 : 0;
}
