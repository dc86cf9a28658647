/* languages: marks the passages of a finished XHTML document that are in
 * another language than the one around them (tools/lib/langruns decides
 * which), so a screen reader switches voice and a reading system picks fonts
 * and hyphenation for them. A block (p, li, a heading, a cell) wholly in one
 * other language takes lang on its element; a passage inside a block is
 * wrapped in a span. Both lang and xml:lang are set, to the same value: in
 * XHTML xml:lang is the one that counts, and checkers (Ace) read lang.
 *
 * The head's title, which may hold no span, takes lang only when all of it is
 * in another language.
 *
 * It only adds spans and attributes: text stays as it was, byte for byte. It
 * never enters code (code, pre, kbd, samp), foreign content (SVG, MathML),
 * the rest of the head, or an element whose own lang the guide's HTML set,
 * and it never touches attribute values. */
#include "book.h"
#include "diag.h"
#include "langruns.h"

#include <libxml/xmlstring.h>
#include <string.h>

/* Most passages marked in one document. Each costs about 1 KB of libxml2
 * nodes until the document is written, so text of nothing but short words
 * in alternating scripts would otherwise take 200 times its size; a real
 * guide's chapter has hundreds. Past it the rest stays unmarked, with a
 * warning. */
#define EPUB_MAX_LANG_PASSAGES 20000

struct marker {
	struct epub_book *book;
	xmlNsPtr ns;       /* XHTML's, for the spans */
	const char *href;  /* the document, for the warning */
	size_t passages;   /* spans and blocks marked so far */
};

/* Counts one more passage; false once the document has its fill. */
static int may_mark(struct marker *m)
{
	if (m->passages == EPUB_MAX_LANG_PASSAGES)
		diag_warning(m->book->source, 0,
			     "%s has more than %d passages in other languages; the rest are "
			     "not marked with their lang",
			     m->href, EPUB_MAX_LANG_PASSAGES);
	return m->passages++ < EPUB_MAX_LANG_PASSAGES;
}

static int is_xhtml_element(const xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE && node->ns &&
	       xmlStrEqual(node->ns->href, (const xmlChar *)EPUB_XHTML_NS);
}

/* Code keeps the language of its context: its words are not prose. */
static int is_unmarked(const xmlNode *node)
{
	static const char *const CODE[] = {"code", "pre", "kbd", "samp", "script", "style"};
	if (!is_xhtml_element(node))
		return 1;
	for (size_t i = 0; i < sizeof CODE / sizeof CODE[0]; i++)
		if (strcmp((const char *)node->name, CODE[i]) == 0)
			return 1;
	return 0;
}

/* The lang the element itself carries (the guide's raw HTML may set one). */
static const char *own_lang(const xmlNode *node)
{
	xmlAttr *attr = xmlHasNsProp(node, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	if (!attr)
		attr = xmlHasNsProp(node, (const xmlChar *)"lang", NULL);
	return attr && attr->children && attr->children->type == XML_TEXT_NODE
		       ? (const char *)attr->children->content
		       : NULL;
}

/* Does NODE start a block of its own for languages? */
static int is_block(const xmlNode *node)
{
	return own_lang(node) || epub_is_text_block((const char *)node->name);
}

static int set_lang(struct marker *m, xmlNode *node, const char *lang)
{
	xmlNodeSetLang(node, (const xmlChar *)lang);
	if (!xmlSetProp(node, (const xmlChar *)"lang", (const xmlChar *)lang)) {
		m->book->failed = 1;
		return -1;
	}
	return 0;
}

/* Links NODE in before REF by hand: xmlAddPrevSibling would merge a text node
 * into the text node REF, and the pieces of one text must stay apart. */
static void link_before(xmlNode *ref, xmlNode *node)
{
	node->parent = ref->parent;
	node->doc = ref->doc;
	node->next = ref;
	node->prev = ref->prev;
	if (ref->prev)
		ref->prev->next = node;
	else
		ref->parent->children = node;
	ref->prev = node;
}

/* RUN of TEXT as a node: its text, or a span in its language holding it. */
static xmlNode *run_node(struct marker *m, xmlDocPtr doc, const char *text,
			 const struct lang_run *run)
{
	xmlNode *piece = xmlNewDocTextLen(doc, (const xmlChar *)text + run->start,
					  (int)(run->end - run->start));
	if (!piece || !run->lang)
		return piece;
	xmlNode *span = xmlNewDocNode(doc, m->ns, (const xmlChar *)"span", NULL);
	if (!span || set_lang(m, span, run->lang) != 0) {
		xmlFreeNode(piece);
		xmlFreeNode(span);
		return NULL;
	}
	xmlAddChild(span, piece);
	return span;
}

/* Replaces TEXT by its runs when one of them is in another language. */
static void split_text(struct marker *m, const struct lang_block *block, xmlNode *text)
{
	const char *content = (const char *)text->content;
	size_t len = content ? strlen(content) : 0;
	if (len > (size_t)1 << 30 || m->passages > EPUB_MAX_LANG_PASSAGES)
		return; /* beyond xmlNewDocTextLen's int (no guide's text node is), or the limit */
	struct lang_runs runs;
	struct lang_run run;
	lang_runs_begin(&runs, block, content, len);
	if (!lang_runs_next(&runs, &run) || (!run.lang && run.end == len))
		return; /* all of it in the language around */
	do {
		if (run.lang && !may_mark(m))
			run = (struct lang_run){run.start, len, NULL}; /* the rest as it is */
		xmlNode *node = run_node(m, text->doc, content, &run);
		if (!node) {
			m->book->failed = 1;
			return;
		}
		link_before(text, node);
	} while (run.end < len && lang_runs_next(&runs, &run));
	xmlUnlinkNode(text);
	xmlFreeNode(text);
}

enum pass { PASS_ADD, PASS_SPLIT };

/* The text of block NODE, in order, other than code and nested blocks: each
 * piece added to BLOCK (PASS_ADD) or split into runs (PASS_SPLIT). */
static void each_piece(struct marker *m, xmlNode *node, struct lang_block *block, enum pass pass)
{
	xmlNode *next;
	for (xmlNode *child = node->children; child; child = next) {
		next = child->next; /* a split replaces CHILD */
		if (child->type == XML_TEXT_NODE && child->content) {
			if (pass == PASS_ADD)
				lang_block_add(block, (const char *)child->content,
					       strlen((const char *)child->content));
			else
				split_text(m, block, child);
		} else if (child->type == XML_ELEMENT_NODE && !is_unmarked(child) &&
			   !is_block(child)) {
			each_piece(m, child, block, pass);
		}
	}
}

static void mark_children(struct marker *m, xmlNode *parent, const char *lang, int in_block);

/* Block NODE in LANG: on its element when it is wholly in another language,
 * else in spans; then the blocks nested in it. */
static void mark_block(struct marker *m, xmlNode *node, const char *lang)
{
	const char *own = own_lang(node);
	struct lang_block block;
	lang_block_begin(&block, own ? own : lang);
	each_piece(m, node, &block, PASS_ADD);
	const char *whole = own ? NULL : lang_block_whole(&block);
	if (whole && !may_mark(m))
		return; /* nothing more is marked in this document */
	if (whole) {
		if (set_lang(m, node, whole) != 0)
			return;
	} else {
		each_piece(m, node, &block, PASS_SPLIT);
	}
	mark_children(m, node, whole ? whole : block.lang, 1);
}

/* A text node outside any block (in a div, an aside) is a block of its own. */
static void mark_lone_text(struct marker *m, xmlNode *text, const char *lang)
{
	struct lang_block block;
	lang_block_begin(&block, lang);
	lang_block_add(&block, (const char *)text->content, strlen((const char *)text->content));
	split_text(m, &block, text);
}

/* The blocks under PARENT, in LANG; its own text too unless IN_BLOCK (the
 * block holding it has done it). */
static void mark_children(struct marker *m, xmlNode *parent, const char *lang, int in_block)
{
	xmlNode *next;
	for (xmlNode *child = parent->children; child && !m->book->failed; child = next) {
		next = child->next;
		if (child->type == XML_TEXT_NODE && child->content && !in_block)
			mark_lone_text(m, child, lang);
		else if (child->type == XML_ELEMENT_NODE && !is_unmarked(child) && is_block(child))
			mark_block(m, child, lang);
		else if (child->type == XML_ELEMENT_NODE && !is_unmarked(child))
			mark_children(m, child, lang, in_block);
	}
}

/* The head's title holds no span: it takes a language only when all of it
 * is in one other language. */
static void mark_title(struct marker *m, xmlNode *head)
{
	for (xmlNode *title = head->children; title; title = title->next) {
		if (!is_xhtml_element(title) || strcmp((const char *)title->name, "title") != 0)
			continue;
		struct lang_block block;
		lang_block_begin(&block, m->book->lang);
		each_piece(m, title, &block, PASS_ADD);
		const char *whole = lang_block_whole(&block);
		if (whole && may_mark(m))
			set_lang(m, title, whole);
	}
}

void epub_mark_languages(struct epub_book *book, xmlDocPtr doc, const char *href)
{
	xmlNode *html = xmlDocGetRootElement(doc);
	struct marker m = {book, html ? html->ns : NULL, href, 0};
	for (xmlNode *child = html ? html->children : NULL; child; child = child->next) {
		if (!is_xhtml_element(child))
			continue;
		if (strcmp((const char *)child->name, "head") == 0)
			mark_title(&m, child);
		else if (strcmp((const char *)child->name, "body") == 0)
			mark_children(&m, child, book->lang, 0);
	}
}
