/* raw: raw HTML from the Markdown, and links that leave the book.
 *
 * Raw HTML goes through the shared whitelist (htmlsafe) first; what comes back
 * is parsed as XHTML in the place it will stand. Then the book's own rules
 * apply, so that it stays valid XHTML: elements stand only where HTML lets them
 * (a <td> only in a <tr>, no <div> in a paragraph, no link inside a link);
 * one that does not fit is replaced by its content, so no words are lost.
 * Links to "#ID" go to the file holding ID. Markup whose tags do not balance
 * is read as HTML parsers read it (closing what is left open). */
#include "guide2epub/book.h"

#include "htmlsafe.h"
#include "tree.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Raw HTML nested deeper than this is flattened to its content. */
#define RAW_MAX_DEPTH 64

/* Elements that may stand inside a paragraph (HTML phrasing content): the
 * list's own copy of NAME, or NULL. */
static const char *phrasing_name(const char *name)
{
	static const char *const PHRASING[] = {
		"a", "abbr", "b", "bdi", "br", "cite", "code", "del", "dfn", "em", "i", "img",
		"ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
		"strong", "sub", "sup", "time", "u", "var", "wbr",
	};
	for (size_t i = 0; i < sizeof PHRASING / sizeof PHRASING[0]; i++)
		if (strcmp(PHRASING[i], name) == 0)
			return PHRASING[i];
	return NULL;
}

/* NAME is one of the space-separated words of LIST. */
static int in_words(const char *list, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = strstr(list, name); p; p = strstr(p + 1, name))
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return 1;
	return 0;
}

/* Elements that hold only certain children (no text). */
static int is_container(const char *name)
{
	return in_words("ul ol dl table thead tbody tfoot tr", name);
}

/* Elements that hold only phrasing content. */
static int holds_phrasing(const char *name)
{
	return phrasing_name(name) || in_words("p h1 h2 h3 h4 h5 h6 pre", name);
}

/* May an element NAME stand in PARENT? */
static int raw_fits(const xmlNode *parent, const char *name)
{
	static const struct {
		const char *child, *parents;
	} PLACES[] = {
		{"li", "ul ol"},         {"td", "tr"},        {"th", "tr"},
		{"tr", "table thead tbody tfoot"},            {"thead", "table"},
		{"tbody", "table"},      {"tfoot", "table"},  {"caption", "table"},
		{"dt", "dl"},            {"dd", "dl"},        {"summary", "details"},
	};
	const char *where = (const char *)parent->name;
	for (size_t i = 0; i < sizeof PLACES / sizeof PLACES[0]; i++)
		if (strcmp(PLACES[i].child, name) == 0)
			return in_words(PLACES[i].parents, where);
	if (is_container(where) || (!phrasing_name(name) && holds_phrasing(where)))
		return 0;
	if (strcmp(name, "a") == 0)
		for (const xmlNode *up = parent; up && up->type == XML_ELEMENT_NODE; up = up->parent)
			if (strcmp((const char *)up->name, "a") == 0)
				return 0;
	return 1;
}

/* A container whose children are all of the kinds it may hold. */
static int container_whole(const xmlNode *node)
{
	for (const xmlNode *child = node->children; child; child = child->next) {
		if (child->type == XML_TEXT_NODE) {
			for (const xmlChar *c = child->content; c && *c; c++)
				if (*c != ' ' && *c != '\n' && *c != '\t' && *c != '\r')
					return 0;
		} else if (child->type == XML_ELEMENT_NODE &&
			   !raw_fits(node, (const char *)child->name)) {
			return 0;
		}
	}
	return 1;
}

/* Replaces NODE by its children; returns the first of them (or what followed
 * NODE when it had none). */
static xmlNode *unwrap(xmlNode *node)
{
	xmlNode *next = node->children ? node->children : node->next;
	while (node->children) {
		xmlNode *child = node->children;
		xmlUnlinkNode(child);
		xmlAddPrevSibling(node, child);
	}
	xmlUnlinkNode(node);
	xmlFreeNode(node);
	return next;
}

/* "#ID" links go to the file holding ID, links out of the book are checked;
 * a link left without a target becomes a span, an image without a source its
 * alt text. Returns the node that now stands in NODE's place (NULL if none). */
static xmlNode *raw_fix_links(struct epub_render *r, xmlNode *node)
{
	xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
	if (href) {
		char *fixed = href[0] == '#' ? epub_target_href(r, (const char *)href + 1)
					     : epub_external_href((const char *)href);
		if (fixed)
			epub_attr(r->book, node, "href", fixed);
		else
			xmlUnsetProp(node, (const xmlChar *)"href");
		free(fixed);
		xmlFree(href);
	}
	if (strcmp((const char *)node->name, "a") == 0 && !xmlHasProp(node, (const xmlChar *)"href"))
		xmlNodeSetName(node, (const xmlChar *)"span");
	if (strcmp((const char *)node->name, "img") != 0)
		return node;
	xmlChar *alt = xmlGetProp(node, (const xmlChar *)"alt");
	if (xmlHasProp(node, (const xmlChar *)"src")) {
		if (!alt || !alt[strspn((const char *)alt, " \t\n")])
			r->book->images_without_alt++;
		if (!alt && !xmlSetProp(node, (const xmlChar *)"alt", (const xmlChar *)""))
			r->book->failed = 1;
		xmlFree(alt);
		return node;
	}
	xmlNode *text = xmlNewDocText(node->doc, alt ? alt : (const xmlChar *)"");
	xmlFree(alt);
	if (!text)
		r->book->failed = 1;
	else
		xmlAddPrevSibling(node, text);
	xmlUnlinkNode(node);
	xmlFreeNode(node);
	return text;
}

/* Applies the book's rules to the children of PARENT from FIRST on, top down;
 * an unwrapped element's children are checked again in its place. */
static void raw_fix(struct epub_render *r, xmlNode *parent, xmlNode *first, int depth)
{
	xmlNode *node = first;
	while (node) {
		if (node->type != XML_ELEMENT_NODE) {
			node = node->next;
			continue;
		}
		node = raw_fix_links(r, node);
		if (!node || node->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)node->name;
		if (depth >= RAW_MAX_DEPTH || !raw_fits(parent, name) ||
		    (is_container(name) && !container_whole(node))) {
			node = unwrap(node);
			continue;
		}
		if (epub_is_text_block(name)) /* the whitelist lets no dir through */
			epub_attr(r->book, node, "dir", "auto");
		raw_fix(r, node, node->children, depth + 1);
		node = node->next;
	}
}

/* Called by htmlsafe for each <img src> in raw HTML: pack it like a tree image. */
static const char *raw_image(void *context, const char *src)
{
	struct epub_render *r = context;
	return epub_pack_image(r->book, src, r->line);
}

static void quiet_errors(void *context, xmlErrorPtr error)
{
	(void)context;
	(void)error;
}

/* Parses sanitised HTML (well-formed XHTML unless its tags do not balance) as
 * content of OUT. Returns the nodes, unattached, or NULL. */
static xmlNode *raw_parse(xmlNode *out, const char *html, size_t len)
{
	xmlNode *list = NULL;
	if (len == 0 || len > INT_MAX)
		return NULL;
	xmlSetStructuredErrorFunc(NULL, quiet_errors);
	xmlParserErrors status =
		xmlParseInNodeContext(out, html, (int)len, XML_PARSE_NONET, &list);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (status != XML_ERR_OK) {
		xmlFreeNodeList(list);
		return NULL;
	}
	return list;
}

/* Puts NODE and everything below it in namespace NS (copies from the HTML
 * parser have none). */
static void set_namespace(xmlNode *node, xmlNsPtr ns)
{
	xmlNode *top = node;
	while (node) {
		if (node->type == XML_ELEMENT_NODE)
			node->ns = ns;
		if (node->children && node->type == XML_ELEMENT_NODE) {
			node = node->children;
			continue;
		}
		while (node != top && !node->next)
			node = node->parent;
		node = node == top ? NULL : node->next;
	}
}

/* How deep the tags of sanitised markup nest. In htmlsafe's output every '<'
 * starts a tag (text has "&lt;") and void elements end in "/>". */
static int markup_depth(const char *html, size_t len)
{
	int depth = 0, deepest = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (html[i] != '<')
			continue;
		const char *end = memchr(html + i, '>', len - i);
		if (!end)
			break;
		if (html[i + 1] == '/')
			depth--;
		else if (end[-1] != '/' && ++depth > deepest)
			deepest = depth;
	}
	return deepest;
}

/* Markup whose tags do not balance, read the forgiving HTML way (what is left
 * open is closed). It is htmlsafe's output, so only whitelisted elements come
 * back. Returns copies in OUT's document and namespace, unattached, or NULL
 * (also for markup nested deeper than the HTML parser would keep). */
static xmlNode *raw_parse_html(xmlNode *out, const char *html, size_t len)
{
	if (len == 0 || len > INT_MAX || markup_depth(html, len) > RAW_MAX_DEPTH)
		return NULL;
	int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		      HTML_PARSE_NOIMPLIED;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8", options);
	if (!doc)
		return NULL;
	xmlNode *first = NULL, *last = NULL;
	for (xmlNode *node = doc->children; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE && node->type != XML_TEXT_NODE)
			continue;
		xmlNode *copy = xmlDocCopyNode(node, out->doc, 1);
		if (!copy) {
			xmlFreeNodeList(first);
			first = NULL;
			break;
		}
		set_namespace(copy, out->ns);
		copy->prev = last;
		if (last)
			last->next = copy;
		else
			first = copy;
		last = copy;
	}
	xmlFreeDoc(doc);
	return first;
}

static int sanitise(struct epub_render *r, struct buf *clean, const char *text)
{
	struct htmlsafe_options options = {0, raw_image, r};
	buf_init(clean);
	htmlsafe_sanitize(clean, text, strlen(text), &options);
	if (clean->failed) {
		r->book->failed = 1;
		buf_free(clean);
		return -1;
	}
	return 0;
}

void epub_raw_append(struct epub_render *r, xmlNode *out, const char *text)
{
	struct buf clean;
	if (!out || sanitise(r, &clean, text) != 0)
		return;
	xmlNode *list = clean.len ? raw_parse(out, clean.data, clean.len) : NULL;
	if (!list && clean.len)
		list = raw_parse_html(out, clean.data, clean.len);
	if (list) {
		xmlNode *before = out->last;
		xmlAddChildList(out, list);
		raw_fix(r, out, before ? before->next : out->children, 0);
	} else if (clean.len) {
		epub_text(r->book, out, text);
	}
	buf_free(&clean);
}

/* How many elements raw HTML has opened between BASE and CURRENT. */
static int depth_below(const xmlNode *base, const xmlNode *current)
{
	int depth = 0;
	for (; current && current != base && depth < RAW_MAX_DEPTH; current = current->parent)
		depth++;
	return depth;
}

xmlNode *epub_raw_inline(struct epub_render *r, xmlNode *base, xmlNode *current, const char *text)
{
	struct buf clean;
	if (sanitise(r, &clean, text) != 0)
		return current;
	const char *s = clean.len ? clean.data : "";
	size_t len = clean.len;
	int tag = len > 2 && s[0] == '<' && s[len - 1] == '>' && !strchr(s + 1, '<') &&
		  s[len - 2] != '/';
	if (tag && s[1] == '/') {
		/* A closing tag closes the element it matches (by the name it was opened
		 * with: raw_fix_links may have renamed it), or is dropped. */
		const char *open = current->_private ? current->_private : (const char *)current->name;
		if (current != base && len == strlen(open) + 3 && strncmp(s + 2, open, len - 3) == 0)
			current = current->parent;
	} else if (tag) {
		size_t name_len = strspn(s + 1, "abcdefghijklmnopqrstuvwxyz0123456789");
		char name[40];
		snprintf(name, sizeof name, "%.*s", (int)(name_len < 39 ? name_len : 39), s + 1);
		const char *phrasing = phrasing_name(name);
		xmlNode *opened = NULL;
		if (phrasing && raw_fits(current, phrasing) && depth_below(base, current) < RAW_MAX_DEPTH) {
			buf_printf(&clean, "</%s>", name);
			opened = clean.failed ? NULL : raw_parse(current, clean.data, clean.len);
		}
		if (opened && !opened->next && opened->type == XML_ELEMENT_NODE) {
			opened->_private = (void *)phrasing;
			xmlAddChild(current, opened);
			current = raw_fix_links(r, opened);
		} else {
			/* A lone tag that cannot open here (a block in a paragraph) holds
			 * no words: leave it out. */
			xmlFreeNodeList(opened);
		}
	} else {
		epub_raw_append(r, current, text);
	}
	if (clean.failed)
		r->book->failed = 1;
	buf_free(&clean);
	return current;
}

/* A host name: labels of letters, digits and '-', joined by single dots, and
 * an optional port. */
static int host_ok(const char *host, size_t len)
{
	size_t label = 0, i = 0;
	for (; i < len && host[i] != ':'; i++) {
		char c = host[i];
		if (c == '.') {
			if (label == 0)
				return 0;
			label = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '-') {
			label++;
		} else {
			return 0;
		}
	}
	if (i == 0 || (label == 0 && host[i - 1] != '.'))
		return 0;
	if (i < len)
		return i + 1 < len && strspn(host + i + 1, "0123456789") == len - i - 1;
	return 1;
}

char *epub_external_href(const char *href)
{
	size_t scheme = strcspn(href, ":/?#");
	if (href[scheme] != ':' || !htmlsafe_url_ok(href) || (unsigned char)href[0] <= ' ')
		return NULL;
	if (strncmp(href + scheme, "://", 3) == 0) {
		const char *host = href + scheme + 3;
		if (!host_ok(host, strcspn(host, "/?#")))
			return NULL;
	} else if (strncmp(href, "mailto:", 7) != 0 && strncmp(href, "MAILTO:", 7) != 0) {
		return NULL; /* http: without "//" */
	}
	/* Every byte a URI may not hold is percent-encoded; so is a second '#' and a
	 * '%' that starts no escape. Brackets belong only in IPv6 hosts. */
	static const char KEEP[] = "-._~:/?@!$&'()*+,;=";
	size_t len = strlen(href);
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	int fragment = 0;
	for (const unsigned char *c = (const unsigned char *)href; *c; c++) {
		int hex = c[0] == '%' && strchr("0123456789abcdefABCDEF", c[1]) && c[1] &&
			  strchr("0123456789abcdefABCDEF", c[2]) && c[2];
		int keep = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			   (*c >= '0' && *c <= '9') || (*c && strchr(KEEP, *c)) || hex ||
			   (*c == '#' && !fragment);
		fragment |= *c == '#';
		if (keep)
			out[n++] = (char)*c;
		else
			n += (size_t)sprintf(out + n, "%%%02X", *c);
	}
	out[n] = '\0';
	return out;
}

char *epub_target_href(struct epub_render *r, const char *id)
{
	struct strmap_entry *entry = strmap_find(&r->book->targets, id);
	if (!entry)
		return NULL;
	const char *file = entry->value;
	int same = r->href && strcmp(file, r->href) == 0;
	size_t len = (same ? 0 : strlen(file)) + strlen(id) + 2;
	char *href = malloc(len);
	if (!href) {
		r->book->failed = 1;
		return NULL;
	}
	snprintf(href, len, "%s#%s", same ? "" : file, id);
	return href;
}
