/* serialise: a book's XML document as the bytes of its file.
 *
 * The bytes are exactly those libxml2's xmlSaveDoc writes for a document
 * saved as UTF-8 with no formatting (libxml2 2.9's xmlsave.c): the
 * declaration, the doctype, elements with their namespace declarations and
 * attributes in order, `<x/>` for an element with no children, and the same
 * escapes (text: & < > and CR; attribute values: those, the double quote, LF
 * and tab as character references). xmlSaveDoc spent a sixth of guide2epub's
 * time writing each tag, name and escape through its output buffer's
 * bookkeeping; here they are appended to one growing buffer.
 * tests/serialise.sh compares the two on every page of the books it writes
 * and on documents made to hold every kind of node.
 *
 * A document holding any other kind of node than those written here (an
 * entity declaration, a doctype with identifiers, ...) is left to xmlSaveDoc
 * whole, so the bytes never depend on which of the two wrote them.
 *
 * Owns: turning a document into bytes. Never: changing the document. */
#include "guide2epub/book.h"

#include <libxml/parserInternals.h> /* xmlStringTextNoenc */
#include <libxml/xmlsave.h>
#include <stdlib.h>
#include <string.h>

/* The bytes written so far. FAILED: out of memory, or a node this writer
 * leaves to libxml2. */
struct out {
	unsigned char *data;
	size_t len, cap;
	int failed, unsupported;
};

/* Room for N more bytes and a NUL; on failure the buffer is dropped, so
 * that put's test fails from then on. */
static void put_slow(struct out *o, const void *bytes, size_t n)
{
	if (o->failed || n == 0)
		return;
	size_t cap = o->cap ? o->cap : 4096;
	while (cap - o->len <= n)
		cap *= 2;
	unsigned char *data = realloc(o->data, cap);
	if (!data) {
		free(o->data);
		o->data = NULL;
		o->len = o->cap = 0;
		o->failed = 1;
		return;
	}
	o->data = data;
	o->cap = cap;
	memcpy(o->data + o->len, bytes, n);
	o->len += n;
}

static inline void put(struct out *o, const void *bytes, size_t n)
{
	if (o->cap - o->len > n) {
		memcpy(o->data + o->len, bytes, n);
		o->len += n;
	} else {
		put_slow(o, bytes, n);
	}
}

static void put_str(struct out *o, const xmlChar *s)
{
	put(o, s, strlen((const char *)s));
}

/* The escape of C in text (ATTR 0) or in an attribute value, or NULL. */
static const char *escape_of(unsigned char c, int attr)
{
	switch (c) {
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '&': return "&amp;";
	case '\r': return "&#13;";
	case '"': return attr ? "&quot;" : NULL;
	case '\n': return attr ? "&#10;" : NULL;
	case '\t': return attr ? "&#9;" : NULL;
	default: return NULL;
	}
}

static void put_escaped(struct out *o, const xmlChar *s, int attr)
{
	const xmlChar *run = s;
	for (; *s; s++) {
		/* Most bytes need nothing: test the common case first. */
		if (*s > '>' || (*s > '"' && *s != '&' && *s != '<' && *s != '>'))
			continue;
		const char *escape = escape_of(*s, attr);
		if (!escape)
			continue;
		put(o, run, (size_t)(s - run));
		put_str(o, (const xmlChar *)escape);
		run = s + 1;
	}
	put(o, run, (size_t)(s - run));
}

static void put_qname(struct out *o, const xmlNs *ns, const xmlChar *name)
{
	if (ns && ns->prefix) {
		put_str(o, ns->prefix);
		put(o, ":", 1);
	}
	put_str(o, name);
}

/* A namespace href or the version, quoted as xmlBufWriteQuotedString does
 * for a string with no double quote (any other is left to libxml2). */
static void put_quoted(struct out *o, const xmlChar *s)
{
	if (strchr((const char *)s, '"')) {
		o->unsupported = 1;
		return;
	}
	put(o, "\"", 1);
	put_str(o, s);
	put(o, "\"", 1);
}

static void put_namespaces(struct out *o, const xmlNs *ns)
{
	for (; ns; ns = ns->next) {
		if (ns->type != XML_LOCAL_NAMESPACE || !ns->href)
			continue;
		if (ns->prefix && strcmp((const char *)ns->prefix, "xml") == 0)
			continue;
		if (ns->prefix) {
			put(o, " xmlns:", 7);
			put_str(o, ns->prefix);
		} else {
			put(o, " xmlns", 6);
		}
		put(o, "=", 1);
		put_quoted(o, ns->href);
	}
}

static void put_attributes(struct out *o, const xmlAttr *attr)
{
	for (; attr; attr = attr->next) {
		put(o, " ", 1);
		put_qname(o, attr->ns, attr->name);
		put(o, "=\"", 2);
		for (const xmlNode *child = attr->children; child; child = child->next) {
			if (child->type == XML_TEXT_NODE && child->content) {
				put_escaped(o, child->content, 1);
			} else if (child->type == XML_ENTITY_REF_NODE) {
				put(o, "&", 1);
				put_str(o, child->name);
				put(o, ";", 1);
			}
		}
		put(o, "\"", 1);
	}
}

static void put_start_tag(struct out *o, const xmlNode *node)
{
	put(o, "<", 1);
	put_qname(o, node->ns, node->name);
	put_namespaces(o, node->nsDef);
	put_attributes(o, node->properties);
	put(o, node->children ? ">" : "/>", node->children ? 1 : 2);
}

static void put_end_tag(struct out *o, const xmlNode *node)
{
	put(o, "</", 2);
	put_qname(o, node->ns, node->name);
	put(o, ">", 1);
}

/* Every node but an element, or the unsupported flag. */
static void put_leaf(struct out *o, const xmlNode *node)
{
	switch (node->type) {
	case XML_TEXT_NODE:
		if (!node->content)
			break;
		if (node->name == xmlStringTextNoenc)
			put_str(o, node->content);
		else
			put_escaped(o, node->content, 0);
		break;
	case XML_COMMENT_NODE:
		if (node->content) {
			put(o, "<!--", 4);
			put_str(o, node->content);
			put(o, "-->", 3);
		}
		break;
	case XML_ENTITY_REF_NODE:
		put(o, "&", 1);
		put_str(o, node->name);
		put(o, ";", 1);
		break;
	default:
		o->unsupported = 1;
		break;
	}
}

/* NODE and everything under it, walked without recursion (a deep
 * document must not use up the stack). */
static void put_node(struct out *o, const xmlNode *root)
{
	const xmlNode *node = root;
	while (node && !o->failed && !o->unsupported) {
		if (node->type == XML_ELEMENT_NODE) {
			put_start_tag(o, node);
			if (node->children) {
				node = node->children;
				continue;
			}
		} else {
			put_leaf(o, node);
		}
		while (node != root && !node->next) {
			node = node->parent;
			put_end_tag(o, node);
		}
		if (node == root)
			return;
		node = node->next;
	}
}

/* A doctype is written here only as <!DOCTYPE name>: with no identifiers
 * and nothing declared in it. */
static void put_doctype(struct out *o, const xmlDtd *dtd)
{
	if (dtd->ExternalID || dtd->SystemID || dtd->entities || dtd->elements ||
	    dtd->attributes || dtd->notations || dtd->pentities || !dtd->name) {
		o->unsupported = 1;
		return;
	}
	put(o, "<!DOCTYPE ", 10);
	put_str(o, dtd->name);
	put(o, ">", 1);
}

static void put_document(struct out *o, const xmlDoc *doc)
{
	put(o, "<?xml version=", 14);
	if (doc->version)
		put_quoted(o, doc->version);
	else
		put(o, "\"1.0\"", 5);
	put(o, " encoding=\"UTF-8\"", 17);
	if (doc->standalone == 0)
		put(o, " standalone=\"no\"", 16);
	else if (doc->standalone == 1)
		put(o, " standalone=\"yes\"", 17);
	put(o, "?>\n", 3);
	for (const xmlNode *child = doc->children; child; child = child->next) {
		if (child->type == XML_DTD_NODE)
			put_doctype(o, (const xmlDtd *)child);
		else if (child->type == XML_ELEMENT_NODE || child->type == XML_COMMENT_NODE)
			put_node(o, child);
		else
			o->unsupported = 1;
		put(o, "\n", 1);
	}
}

int epub_serialise_libxml2(xmlDocPtr doc, unsigned char **data, size_t *len)
{
	xmlBufferPtr buffer = xmlBufferCreate();
	if (!buffer)
		return -1;
	/* The default grows by exactly what is added: quadratic copying on a big
	 * document. */
	xmlBufferSetAllocationScheme(buffer, XML_BUFFER_ALLOC_DOUBLEIT);
	xmlSaveCtxtPtr save = xmlSaveToBuffer(buffer, "UTF-8", 0);
	int status = -1;
	if (save) {
		long written = xmlSaveDoc(save, doc);
		if (xmlSaveClose(save) >= 0 && written >= 0) {
			*len = (size_t)xmlBufferLength(buffer);
			*data = malloc(*len + 1);
			if (*data) {
				memcpy(*data, xmlBufferContent(buffer), *len);
				(*data)[*len] = '\0';
				status = 0;
			}
		}
	}
	xmlBufferFree(buffer);
	return status;
}

int epub_serialise(xmlDocPtr doc, unsigned char **data, size_t *len)
{
	struct out o = {0};
	if (doc->type != XML_DOCUMENT_NODE)
		o.unsupported = 1;
	else
		put_document(&o, doc);
	if (!o.failed && !o.unsupported) {
		put(&o, "", 1); /* the terminating NUL, not counted */
		if (!o.failed) {
			*data = o.data;
			*len = o.len - 1;
			return 0;
		}
	}
	free(o.data);
	if (o.failed)
		return -1;
	return epub_serialise_libxml2(doc, data, len);
}
