/* treetokens: the token runs of code blocks, held out of validation and
 * checked by hand (see treetokens.h). Owns: the rules for a <t> element and
 * taking the runs out and back. Never: anything else of the schema, which
 * tree.c validates with libxml2. */
#include "treetokens.h"
#include "codetheme.h"
#include "diag.h"

#include <stdlib.h>
#include <string.h>

static int is_element(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

/* Whether RUN is a token run as the schema has it; else an error. */
static int run_ok(const xmlNode *run, const char *name)
{
	const xmlAttr *k = run->properties;
	const char *kind = k && !k->next && !k->ns && strcmp((const char *)k->name, "k") == 0 &&
				   k->children && k->children->type == XML_TEXT_NODE &&
				   !k->children->next
			   ? (const char *)k->children->content
			   : NULL;
	if (run->ns || !kind) {
		diag_error(name, xmlGetLineNo((xmlNode *)run),
			   "a code token must be <t k=\"KIND\"> with no other attribute");
		return 0;
	}
	if (code_kind_index(kind) < 0) {
		diag_error(name, xmlGetLineNo((xmlNode *)run),
			   "a code token of kind '%s', which no back end knows; see the kinds of "
			   "<t k> in the guide schema", kind);
		return 0;
	}
	/* Comments and processing instructions are no content to RelaxNG. */
	for (const xmlNode *c = run->children; c; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE) {
			diag_error(name, xmlGetLineNo((xmlNode *)c),
				   "a code token holds only text");
			return 0;
		}
	return 1;
}

static int hold(struct tree_tokens *held, xmlNode *run, xmlNode *block)
{
	if (held->count == held->cap) {
		size_t cap = held->cap ? held->cap * 2 : 1024;
		xmlNode **runs = realloc(held->runs, cap * sizeof *runs);
		if (runs)
			held->runs = runs;
		xmlNode **after = realloc(held->after, cap * sizeof *after);
		if (after)
			held->after = after;
		xmlNode **blocks = realloc(held->block, cap * sizeof *blocks);
		if (blocks)
			held->block = blocks;
		if (!runs || !after || !blocks)
			return -1;
		held->cap = cap;
	}
	held->runs[held->count] = run;
	held->after[held->count] = run->next;
	held->block[held->count] = block;
	held->count++;
	return 0;
}

/* Every code block of the tree under ROOT, in document order, passed to FN;
 * a code block's own children are not walked (the schema gives it none but
 * text and runs). Stops at the first nonzero FN. */
static int each_codeblock(xmlNode *root, int (*fn)(xmlNode *, void *), void *data)
{
	xmlNode *node = root;
	for (;;) {
		if (is_element(node, "codeblock")) {
			int status = fn(node, data);
			if (status != 0)
				return status;
		} else if (node->type == XML_ELEMENT_NODE && node->children) {
			node = node->children;
			continue;
		}
		while (node != root && !node->next)
			node = node->parent;
		if (node == root)
			return 0;
		node = node->next;
	}
}

struct checking {
	const char *name;
	struct tree_tokens *held;
};

static int check_block(xmlNode *block, void *data)
{
	struct checking *c = data;
	for (xmlNode *run = block->children; run; run = run->next)
		if (is_element(run, "t") && !run_ok(run, c->name))
			return -1;
	return 0;
}

static int hold_block(xmlNode *block, void *data)
{
	struct checking *c = data;
	for (xmlNode *run = block->children; run; run = run->next)
		if (is_element(run, "t") && hold(c->held, run, block) != 0)
			return -1;
	return 0;
}

int tree_tokens_hold(xmlDocPtr doc, const char *name, struct tree_tokens *held)
{
	memset(held, 0, sizeof *held);
	xmlNode *root = xmlDocGetRootElement(doc);
	struct checking c = {name, held};
	if (!root || each_codeblock(root, check_block, &c) != 0)
		return -1;
	if (each_codeblock(root, hold_block, &c) != 0) {
		diag_error(name, 0, "out of memory reading the code's token runs");
		tree_tokens_restore(held);
		return -1;
	}
	for (size_t i = 0; i < held->count; i++)
		xmlUnlinkNode(held->runs[i]);
	return 0;
}

void tree_tokens_restore(struct tree_tokens *held)
{
	/* Back to front: a run's recorded sibling may be a run taken after it,
	 * which is back in place by then. Elements are never merged into text. */
	for (size_t i = held->count; i-- > 0;) {
		xmlNode *run = held->runs[i];
		if (run->parent) /* still in place: holding stopped before it */
			continue;
		if (held->after[i])
			xmlAddPrevSibling(held->after[i], run);
		else
			xmlAddChild(held->block[i], run);
	}
	free(held->runs);
	free(held->after);
	free(held->block);
	memset(held, 0, sizeof *held);
}
