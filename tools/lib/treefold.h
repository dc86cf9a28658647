/* treefold: a tree's code token runs folded into their code block's text as
 * libxml2 parses it.
 *
 * A highlighted tree holds a <t k="KIND"> element for every token, tens of
 * thousands in a long guide; building, validating, walking and freeing them
 * as libxml2 nodes took each back end more than the rest of the tree. Here
 * the parser's SAX callbacks leave each run out: its text joins the code
 * block's text, and the kind of each byte is kept beside the block
 * (treefold_kinds). The back ends see the code through tree.h
 * (tree_code_text, tree_code_kinds), which reads either form.
 *
 * A run is folded only when it is one treetokens.c would accept: a <t> in no
 * namespace directly in a <codeblock>, with k of a known kind as its only
 * attribute and nothing but text in it. Any other stops the parse, and the
 * caller reads the tree again the ordinary way, so what is reported about it
 * is what was reported before. */
#ifndef GUIDE_TREEFOLD_H
#define GUIDE_TREEFOLD_H

#include <libxml/tree.h>
#include <stddef.h>

/* DATA as a document, read with OPTIONS (xmlReadMemory's) and NAME for its
 * URL. NULL with *IRREGULAR set when a run is not folded or libxml2 found
 * any error, which is reported nothing of: read it again then. */
xmlDocPtr treefold_read(const char *data, size_t len, const char *name, int options,
			int *irregular);

/* The kind of each byte of CODEBLOCK's text (0 outside any run, else 1 +
 * the kind's index, as tree_code_kinds), and *LEN their count; NULL when
 * its runs were not folded, or it had none. */
const unsigned char *treefold_kinds(const xmlNode *codeblock, size_t *len);

/* Frees what treefold_read kept beside DOC, then DOC (any document). */
void treefold_free(xmlDocPtr doc);

#endif
