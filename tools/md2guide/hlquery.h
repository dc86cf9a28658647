/* hlquery.h: tree-sitter highlight queries, read and matched here.
 *
 * libtree-sitter 0.20.7 compiles a query by analysing its grammar's whole
 * parse table: 22 ms for SQL's, whatever the query holds, more than md2guide
 * spends on a long guide's own work. Highlight queries use a small part of the
 * query language, so md2guide reads them itself (microseconds) and matches
 * them over the syntax tree that libtree-sitter parses. tests/hlquery.sh checks
 * that every match is the one libtree-sitter's own query cursor finds. */
#ifndef MD2GUIDE_HLQUERY_H
#define MD2GUIDE_HLQUERY_H

#include <stdint.h>
#include <tree_sitter/api.h>

struct hlq;

/* One argument of a predicate: a capture, or a string (QUERY's own bytes). */
struct hlq_arg {
	int is_capture;
	uint32_t capture;
	const char *text;
	uint32_t len;
};

/* A predicate, `(#match? @name "^[A-Z]")`: its name without the '#', then its
 * arguments. */
struct hlq_pred {
	const char *name;
	uint32_t name_len;
	const struct hlq_arg *args;
	uint32_t arg_count;
};

struct hlq_capture {
	uint32_t index; /* the capture's id: its name is hlq_capture_name */
	TSNode node;
};

/* The query SOURCE[0, LEN) for LANGUAGE, or NULL when it is malformed, names a
 * node type or field the grammar lacks, or uses what is not read here (a
 * quantifier other than '?', negated fields, a top-level sibling sequence).
 * SOURCE must outlive the query: names and strings point into it. */
struct hlq *hlq_new(const TSLanguage *language, const char *source, uint32_t len);
void hlq_free(struct hlq *query);

uint32_t hlq_pattern_count(const struct hlq *query);
/* The byte offset in SOURCE where pattern INDEX begins. */
uint32_t hlq_pattern_start(const struct hlq *query, uint32_t index);
uint32_t hlq_capture_count(const struct hlq *query);
const char *hlq_capture_name(const struct hlq *query, uint32_t index, uint32_t *len);
const struct hlq_pred *hlq_predicates(const struct hlq *query, uint32_t pattern,
				      uint32_t *count);

/* Calls MATCH for every match of QUERY in the tree under ROOT, in document
 * order of the node each pattern starts at: pattern PATTERN, its COUNT
 * captures. At most LIMIT matches per pattern and node. MATCH returns
 * nonzero to stop; hlq_exec returns that value, 0 when done, -1 when out of
 * memory. */
typedef int hlq_match_fn(void *context, uint32_t pattern, const struct hlq_capture *captures,
			 uint32_t count);
int hlq_exec(const struct hlq *query, TSNode root, uint32_t limit, hlq_match_fn *match,
	     void *context);

#endif
