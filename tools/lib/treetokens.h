/* treetokens: the token runs of a tree's code blocks, checked by hand.
 *
 * A highlighted tree holds a <t k="KIND"> element for every token, tens of
 * thousands in a long guide, and libxml2's RelaxNG validation spent about
 * 3,000 instructions on each: more than parsing them. tree_load takes the
 * runs out of their code blocks before validating (the code's text stays,
 * which the schema allows on its own) and puts them back after. What the
 * schema says of a run is checked here instead: a <t> in no namespace, one
 * attribute, k, of a kind the back ends know, and only text in it. */
#ifndef GUIDE_TREETOKENS_H
#define GUIDE_TREETOKENS_H

#include <libxml/tree.h>
#include <stddef.h>

struct tree_tokens {
	xmlNode **runs;  /* taken out, in document order */
	xmlNode **after; /* the sibling each stood before (NULL: the last) */
	xmlNode **block; /* its code block */
	size_t count, cap;
};

/* Checks every <t> child of every <codeblock> in DOC and takes them out
 * into HELD: 0, or -1 after a "NAME:LINE: error: ..." for a run the schema
 * would refuse, or when out of memory (DOC is then as it was). */
int tree_tokens_hold(xmlDocPtr doc, const char *name, struct tree_tokens *held);

/* Puts the runs back where they were and frees HELD. */
void tree_tokens_restore(struct tree_tokens *held);

#endif
