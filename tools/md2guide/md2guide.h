/* md2guide: shared definitions of the front end's three stages.
 *
 *   sanitize.c   bytes -> valid UTF-8 text fit for XML (or a clear error)
 *   frontmatter.c  YAML front matter -> title, lang, questions rule ...
 *   guard.c      text -> text cmark-gfm parses in linear time, and back
 *   structure.c  cmark tree -> a plan: title, toc, sections, cards, ids, keys
 *   emit.c       plan + cmark tree -> guide tree XML
 *
 * The cmark document owns every node; the plan only points into it. */
#ifndef MD2GUIDE_H
#define MD2GUIDE_H

#include <cmark-gfm.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "strmap.h"

/* Limits: each has a name, a value and an error message where it is checked. */
#define MD2GUIDE_MAX_INPUT ((size_t)64 << 20) /* bytes of Markdown */
#define MD2GUIDE_MAX_DEPTH 100                /* nesting of blocks and inlines */
#define MD2GUIDE_MAX_CARDS 100000             /* questions in one guide */
#define MD2GUIDE_MAX_TABLE_COLUMNS 200        /* cells in one table row */
#define MD2GUIDE_MAX_UTF8_WARNINGS 10         /* then one summary line */
#define MD2GUIDE_MAX_DUPLICATE_WARNINGS 10    /* then one summary line */

enum card_style { CARD_HEADING, CARD_BOLD, CARD_LIST, CARD_DETAILS };

/* A run of inline nodes: from `first` up to (not including) `stop`, with the
 * first `skip` bytes of the leading text nodes left out (a "Q1:" prefix, or
 * the space after a "**Why they ask:**" label). */
struct inline_span {
	cmark_node *first;
	cmark_node *stop;
	size_t skip;
};

/* A run of sibling blocks [first, stop). */
struct block_span {
	cmark_node *first;
	cmark_node *stop;
};

struct card {
	enum card_style style;
	cmark_node *node;        /* heading, paragraph, list item or <details> block */
	long line;
	struct inline_span question;
	char *question_text;     /* plain text, for the key and messages */
	char number[17];         /* "1" from "Q1:", or "" */
	char *id;
	char key[24];
	cmark_node *why;         /* the "**Why they ask:**" paragraph, or NULL */
	char *why_label;         /* "Why they ask" */
	struct inline_span why_text;
	char *label;             /* "Answer", "Short Answer" ... or NULL */
	long answer_line;
	struct inline_span label_rest; /* text after the label in its paragraph */
	struct block_span body;
	cmark_node *summary_doc; /* a <details> summary parsed on its own, or NULL */
	cmark_node *details_doc; /* a one-block <details> body parsed on its own */
	long details_line;       /* line of that block: its sub-document counts from 1 */
};

/* What a section holds, in order: blocks and cards. */
struct part {
	cmark_node *block; /* NULL for a card */
	struct card *card;
};

struct section {
	cmark_node *heading; /* NULL for the implicit section of a guide without one */
	char *id;
	int level;
	long line;
	struct part *parts;
	size_t part_count;
	size_t card_count;
};

struct plan {
	const char *source_name;  /* as written in guide/@source */
	const char *display_name; /* for messages */
	cmark_node *document;
	cmark_node *title;        /* the H1, or NULL */
	char *title_fallback;     /* used when there is no H1 */
	const struct frontmatter *front; /* title, subtitle, author given up front */
	cmark_node *subtitle;
	char *author;
	cmark_node **intro;       /* blocks before the first section */
	size_t intro_count;
	cmark_node *toc;          /* the heading of the guide's own contents */
	char *toc_id;
	cmark_node **toc_blocks;
	size_t toc_block_count;
	struct section *sections;
	size_t section_count;
	struct strmap slugs;      /* every GitHub anchor -> the tree id it became */
	struct strmap ids;        /* every tree id in use */
	size_t card_total;
	size_t duplicates;        /* questions asked twice */
};

/* sanitize.c: checks and repairs DATA in place or into a new buffer. Returns 0
 * (with *out set, maybe equal to data), or -1 after reporting an error. */
int sanitize_input(const char *name, char *data, size_t len, char **out, size_t *out_len);
/* The same after parsing, for every string cmark-gfm decoded into DOCUMENT;
 * warnings at the node's line when NAME is set, none when it is NULL (a
 * piece parsed apart: md2guide.c reports it at its line in the document).
 * *FIRST_LINE (when given) is set to the first line repaired, or 0. Returns
 * 0, or -1 when memory ran out. */
int sanitize_tree(cmark_node *document, const char *name, long *first_line);
/* The warning for a piece whose text was repaired, at LINE of the document. */
void sanitize_report_piece(const char *name, long line);

/* frontmatter.c: YAML front matter at the start of TEXT, blanked in place;
 * warnings (malformed YAML, a bad questions rule) name NAME. Returns 1 when
 * there was some (FM filled), 0 when not. Every field may be NULL. */
struct frontmatter {
	char *title;
	char *subtitle;
	char *author;      /* a list of authors is joined with ", " */
	char *lang;
	char *description;
	char **tags;       /* tags: one or a list */
	size_t tag_count;
	/* questions: how the guide writes its questions, checked to be one shape
	 * ("heading", "heading:3", "bold", "list", "details", "label", "table",
	 * "none") or two joined by a comma ("heading:3,details"), for the
	 * recogniser; NULL when not given or not valid. */
	char *questions_rule;
};
int frontmatter_take(const char *name, char *text, size_t len, struct frontmatter *fm);
void frontmatter_free(struct frontmatter *fm);

/* guard.c: the Markdown cmark-gfm 0.29 parses in quadratic time, made
 * linear: guard_text() writes a copy of TEXT into OUT with stand-ins for the
 * characters that cost (GUARD active), or leaves OUT empty when nothing does;
 * guard_restore() puts the originals back into the parsed DOCUMENT. Both
 * return 0, or -1 when memory ran out. Warnings name NAME when it is set. */
#define GUARD_KINDS 3
struct guard {
	int active;
	char stand_in[GUARD_KINDS][4]; /* UTF-8, "" when the input left none free */
	char original[GUARD_KINDS];
};
int guard_text(const char *name, const char *text, size_t len, struct buf *out,
	       struct guard *guard);
int guard_restore(cmark_node *document, const struct guard *guard);

/* structure.c */
int plan_build(struct plan *plan, cmark_node *document);
void plan_free(struct plan *plan);

/* emit.c: the whole tree to STREAM, built piece by piece in OUT. Returns 0,
 * -1 on allocation failure, -2 when writing failed. */
int emit_guide(const struct plan *plan, const char *lang, struct buf *out, FILE *stream);

/* md2guide.c: parses a piece of Markdown (a <details> body) with the same
 * options and extensions as the document. NULL on failure. */
cmark_node *parse_markdown(const char *text, size_t len);

/* Helpers shared by structure.c and emit.c. */
char *plain_text(cmark_node *first, cmark_node *stop, size_t skip); /* malloc'd */
int is_type(cmark_node *node, const char *type_string);
const char *node_id(cmark_node *node); /* the id a heading was given, or NULL */

#endif
