/* treefold: code token runs folded into their block's text while parsing
 * (see treefold.h). Owns: the SAX callbacks that leave runs out, and the
 * kinds kept beside each code block until the document is freed. Never:
 * judging an irregular run, which the ordinary read and treetokens.c do. */
#include "treefold.h"
#include "codetheme.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

/* A folded block's kinds, at the block's _private until the document goes. */
struct kinds_block {
	size_t len;
	unsigned char bytes[];
};

/* What doc->_private holds: every kinds_block of the document. */
struct folded {
	size_t count;
	struct kinds_block *blocks[];
};

struct fold {
	xmlNode *block;         /* the code block being read, or NULL */
	int kind;               /* in a run: its kind's index; else -1 */
	int any;                /* a run of the block has had text */
	int irregular;          /* a run not folded: the parse was stopped */
	int erred;              /* libxml2 reported an error (and went on) */
	int failed;             /* out of memory: the parse was stopped */
	unsigned char *kinds;   /* the block's kinds so far */
	size_t len, cap;
	struct kinds_block **blocks;
	size_t count, room;
};

static struct fold *fold_of(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

static void stop(void *ctx, int *flag)
{
	*flag = 1;
	xmlStopParser((xmlParserCtxtPtr)ctx);
}

static int is_name(const xmlChar *name, const char *want)
{
	return strcmp((const char *)name, want) == 0;
}

/* The kind of a run starting here, or -1 when it is no regular run: one
 * attribute, k in no namespace, of a kind the back ends know, and no
 * namespace declared (ATTRIBUTES holds five pointers per attribute: name,
 * prefix, URI, value start, value end). */
static int run_kind(const xmlChar *uri, int nb_namespaces, int nb_attributes, int nb_defaulted,
		    const xmlChar **attributes)
{
	if (uri || nb_namespaces != 0 || nb_attributes != 1 || nb_defaulted != 0 ||
	    !is_name(attributes[0], "k") || attributes[1] || attributes[2])
		return -1;
	char kind[32];
	size_t n = (size_t)(attributes[4] - attributes[3]);
	if (n == 0 || n >= sizeof kind || memchr(attributes[3], '&', n))
		return -1;
	memcpy(kind, attributes[3], n);
	kind[n] = '\0';
	return code_kind_index(kind);
}

static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			  const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			  int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct fold *f = fold_of(ctx);
	xmlParserCtxtPtr ctxt = ctx;
	if (f->block && ctxt->node == f->block) {
		/* Only runs belong in a code block, and only text in a run. */
		int kind = f->kind < 0 && is_name(localname, "t")
				   ? run_kind(uri, nb_namespaces, nb_attributes, nb_defaulted, attributes)
				   : -1;
		if (kind < 0) {
			stop(ctx, &f->irregular);
			return;
		}
		f->kind = kind;
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
			      nb_defaulted, attributes);
	if (!f->block && !uri && is_name(localname, "codeblock") && ctxt->node &&
	    is_name(ctxt->node->name, "codeblock")) {
		f->block = ctxt->node;
		f->len = 0;
		f->any = 0;
	}
}

/* Keeps the block's kinds beside it, when a run had text: runs that are
 * all empty give no kinds, as tree_code_kinds has it for the ordinary read. */
static void attach_kinds(void *ctx, struct fold *f)
{
	if (!f->any)
		return;
	if (f->count == f->room) {
		size_t room = f->room ? f->room * 2 : 64;
		struct kinds_block **blocks = realloc(f->blocks, room * sizeof *blocks);
		if (!blocks) {
			stop(ctx, &f->failed);
			return;
		}
		f->blocks = blocks;
		f->room = room;
	}
	struct kinds_block *kb = malloc(sizeof *kb + f->len);
	if (!kb) {
		stop(ctx, &f->failed);
		return;
	}
	kb->len = f->len;
	if (f->len)
		memcpy(kb->bytes, f->kinds, f->len);
	f->blocks[f->count++] = kb;
	f->block->_private = kb;
}

static void end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			const xmlChar *uri)
{
	struct fold *f = fold_of(ctx);
	if (f->kind >= 0) { /* a run ends: nothing else can be open in it */
		f->kind = -1;
		return;
	}
	if (f->block && ((xmlParserCtxtPtr)ctx)->node == f->block) {
		attach_kinds(ctx, f);
		f->block = NULL;
	}
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

static void characters(void *ctx, const xmlChar *ch, int len)
{
	struct fold *f = fold_of(ctx);
	if (f->block && ((xmlParserCtxtPtr)ctx)->node == f->block && len > 0) {
		if (f->cap - f->len < (size_t)len) {
			size_t cap = f->cap ? f->cap : 4096;
			while (cap - f->len < (size_t)len)
				cap *= 2;
			unsigned char *kinds = realloc(f->kinds, cap);
			if (!kinds) {
				stop(ctx, &f->failed);
				return;
			}
			f->kinds = kinds;
			f->cap = cap;
		}
		memset(f->kinds + f->len, f->kind >= 0 ? f->kind + 1 : 0, (size_t)len);
		f->any |= f->kind >= 0;
		f->len += (size_t)len;
	}
	xmlSAX2Characters(ctx, ch, len);
}

/* libxml2 reports to this, not to the caller's handler, so that the
 * ordinary read, which then follows, says it all once: after a namespace
 * error the parse goes on, and the run it came in (a <p:t> whose prefix is
 * not declared has no namespace) could be folded, or a later one stop the
 * fold after the message alone. No xmlStopParser here: libxml2 may still
 * hold pointers into the input it would free. */
static void parse_error(void *ctx, xmlErrorPtr err)
{
	if (err && err->level != XML_ERR_WARNING)
		fold_of(ctx)->erred = 1;
}

static void free_blocks(struct fold *f)
{
	for (size_t i = 0; i < f->count; i++)
		free(f->blocks[i]);
	free(f->blocks);
	f->blocks = NULL;
	f->count = 0;
}

/* Hands the kinds to DOC, which keeps them until treefold_free. */
static int keep_blocks(xmlDocPtr doc, struct fold *f)
{
	struct folded *kept = malloc(sizeof *kept + f->count * sizeof kept->blocks[0]);
	if (!kept)
		return -1;
	kept->count = f->count;
	if (f->count)
		memcpy(kept->blocks, f->blocks, f->count * sizeof kept->blocks[0]);
	free(f->blocks);
	f->blocks = NULL;
	f->count = 0;
	doc->_private = kept;
	return 0;
}

xmlDocPtr treefold_read(const char *data, size_t len, const char *name, int options,
			int *irregular)
{
	*irregular = 0;
	struct fold f = {.kind = -1};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt || !ctxt->sax) {
		xmlFreeParserCtxt(ctxt);
		*irregular = 1; /* the ordinary read reports what is wrong */
		return NULL;
	}
	ctxt->sax->startElementNs = start_element;
	ctxt->sax->endElementNs = end_element;
	/* The same function for both, as libxml2 has it when blanks are kept. */
	ctxt->sax->characters = characters;
	ctxt->sax->ignorableWhitespace = characters;
	ctxt->sax->serror = parse_error;
	ctxt->_private = &f;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, "UTF-8", options);
	if (f.failed || f.irregular || f.erred) {
		/* Stopped, or not clean: a partial document may have come back. */
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
		*irregular = 1;
	}
	if (doc && keep_blocks(doc, &f) != 0) {
		xmlFreeDoc(doc);
		doc = NULL;
		*irregular = 1;
	}
	free_blocks(&f);
	free(f.kinds);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

const unsigned char *treefold_kinds(const xmlNode *codeblock, size_t *len)
{
	const struct kinds_block *kb = codeblock ? codeblock->_private : NULL;
	if (!kb)
		return NULL;
	*len = kb->len;
	return kb->bytes;
}

void treefold_free(xmlDocPtr doc)
{
	if (!doc)
		return;
	struct folded *kept = doc->_private;
	if (kept) {
		for (size_t i = 0; i < kept->count; i++)
			free(kept->blocks[i]);
		free(kept);
		doc->_private = NULL;
	}
	xmlFreeDoc(doc);
}
