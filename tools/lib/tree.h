/* tree: load the guide tree (XML) that md2guide writes, for the back ends.
 *
 * The loader owns the safety rules: no network, no DTD, no entity expansion, a
 * size and depth limit, the root element and version checked, and the whole
 * document validated against the schema compiled into the tool. A back end that
 * gets a document from tree_load() can trust its shape and walk it directly. */
#ifndef GUIDE_TREE_H
#define GUIDE_TREE_H

#include <libxml/tree.h>

#define TREE_VERSION "1"
#define TREE_MAX_BYTES ((size_t)512 << 20)

/* Reads PATH (NULL or "-": stdin). Returns the validated document, or NULL after
 * reporting every problem as "FILE:LINE: error: ..." and setting *EXIT_STATUS:
 * EXIT_SYSTEM when the file could not be read at all (missing, a folder,
 * unreadable), EXIT_INPUT when what was read is not a valid guide tree.
 * Free with xmlFreeDoc. */
xmlDocPtr tree_load(const char *path, int *exit_status);
/* Frees a tree tree_load gave, and what was kept beside it. */
void tree_free(xmlDocPtr doc);

/* Helpers for walking a validated tree. Attribute values are borrowed from the
 * tree (no allocation); NULL when absent. */
const char *tree_attr(const xmlNode *node, const char *name);
long tree_line(const xmlNode *node);          /* the Markdown line, 0 if none */
int tree_is(const xmlNode *node, const char *name);
xmlNode *tree_first(const xmlNode *parent);   /* first element child */
xmlNode *tree_next(const xmlNode *node);      /* next element sibling */
xmlNode *tree_child(const xmlNode *parent, const char *name);
const char *tree_source(const xmlDoc *doc);   /* the guide's source file name */

/* The tree's meta/date (the source's modification time) in seconds since
 * 1970 into *SECONDS: 0, or -1 when the tree has none or it is not a real
 * date between the years 1970 and 9999. */
int tree_date(const xmlDoc *doc, long long *seconds);

/* The title of a card as lists show it: "Q<number>. <question text>", or the
 * question text alone when the guide numbers nothing. malloc'd; NULL on failure. */
char *tree_card_title(const xmlNode *card);

/* Appends the plain text of NODE (all descendant text, no markup) to a malloc'd,
 * NUL-terminated string. Returns NULL on allocation failure. */
char *tree_plain_text(const xmlNode *node);

/* The code of a codeblock as its token runs, in order: FN gets each piece of
 * text with the kind of token it is (a `t` run's k: "keyword", "string", ...)
 * or NULL for text outside any run. The pieces concatenated are the code,
 * byte for byte (what xmlNodeGetContent gives). Stops at, and returns, the
 * first non-zero value FN returns; 0 otherwise. */
typedef int (*tree_code_fn)(void *ctx, const char *kind, const char *text, size_t len);
int tree_code_runs(const xmlNode *codeblock, tree_code_fn fn, void *ctx);
/* A codeblock's whole text (what xmlNodeGetContent gives, without its walk),
 * malloc'd; NULL when out of memory. */
char *tree_code_text(const xmlNode *codeblock);

/* Per byte of the code's LEN bytes of text: 0 outside any token, else 1 + the
 * index of its kind (codetheme.h). NULL when the block has no token (or its
 * runs are not that text, or memory ran out): then it is drawn plain. */
unsigned char *tree_code_kinds(const xmlNode *codeblock, size_t len);

/* The schema text compiled into the tool. */
extern const unsigned char *const guide_rng;
extern const unsigned int guide_rng_len;

#endif
