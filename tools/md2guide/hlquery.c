/* hlquery.c: the highlight queries of tree-sitter grammars, read and matched.
 *
 * Owns: reading a query's text (node patterns, fields, alternatives, anonymous
 * nodes, wildcards, '?', the '.' anchor, captures, predicates) into steps, and
 * finding its matches in a syntax tree as libtree-sitter 0.20.7's query
 * cursor finds them. Never: evaluates predicates (highlight.c does, as it does
 * for libtree-sitter's own queries), or decides what a capture styles.
 *
 * Why not ts_query_new: see hlquery.h. The matcher follows the cursor's rules:
 * a pattern's root may be any node; a child step matches a visible child of
 * its parent's node (hidden nodes are looked through), in order but not
 * necessarily next to each other; a field names the child's field; '_' is any
 * node and '(_)' any named one, never an ERROR; '.' before a child means the
 * first named child, or the named child right after the one before. Each
 * distinct way a pattern's captured children can match is one match, up to
 * a limit per pattern and node. */
#include "md2guide/hlquery.h"

#include <stdlib.h>
#include <string.h>

enum step_kind { STEP_NODE, STEP_WILD_NAMED, STEP_WILD_ANY, STEP_ALT };

#define MAX_STEP_CAPTURES 4
#define MAX_BOUND 32   /* captures bound at once while matching */
#define MAX_NESTING 32 /* parentheses within one pattern */
/* Children tried for one pattern at one node: a pattern with two children
 * under a node with thousands would otherwise try every pair. */
#define MAX_TRIES 4096

struct step {
	uint8_t kind, optional, anchored, capture_count;
	uint8_t has_captures; /* it or a step under it captures */
	TSSymbol symbol;      /* STEP_NODE: the public symbol, named or anonymous */
	TSFieldId field;      /* 0: any */
	uint32_t captures[MAX_STEP_CAPTURES];
	uint32_t first, count; /* children (nodes) or alternatives (STEP_ALT), in lists */
};

struct pattern {
	uint32_t root, start, first_pred, pred_count;
};

/* A way a pattern can start at a node: an alternative of its root. */
struct entry {
	uint32_t pattern, step;
};

struct name {
	const char *text;
	uint32_t len;
};

struct hlq {
	const TSLanguage *language;
	struct step *steps;
	uint32_t step_count, step_cap;
	uint32_t *lists;
	uint32_t list_count, list_cap;
	struct pattern *patterns;
	uint32_t pattern_count, pattern_cap;
	struct name *captures;
	uint32_t capture_count, capture_cap;
	struct hlq_pred *preds;
	uint32_t pred_count, pred_cap;
	struct hlq_arg *args;
	uint32_t arg_count, arg_cap;
	char **strings; /* unescaped string literals, owned */
	uint32_t string_count, string_cap;
	/* Entries by the symbol of the root node they need (symbol_count + 1
	 * lists, the last for ERROR), and those whose root is a wildcard. */
	uint32_t symbol_count;
	uint32_t *entry_start; /* symbol_count + 2 offsets into entries */
	struct entry *entries;
	struct entry *wild;
	uint32_t wild_count;
};

/* --- growing arrays ------------------------------------------------------------ */

static int grow(void **items, uint32_t *cap, uint32_t count, size_t size)
{
	if (count < *cap)
		return 0;
	uint32_t wanted = *cap ? *cap * 2 : 16;
	void *grown = realloc(*items, (size_t)wanted * size);
	if (!grown)
		return -1;
	*items = grown;
	*cap = wanted;
	return 0;
}

#define PUSH(q, array, count, cap, value)                                                 \
	(grow((void **)&(q)->array, &(q)->cap, (q)->count, sizeof *(q)->array) != 0           \
		 ? -1                                                                      \
		 : ((q)->array[(q)->count++] = (value), 0))

/* --- reading the query ----------------------------------------------------------- */

struct reader {
	struct hlq *q;
	const char *s;
	uint32_t at, len;
	uint32_t depth;
	int failed;
};

static int peek(struct reader *r) { return r->at < r->len ? (unsigned char)r->s[r->at] : -1; }

static void skip_blank(struct reader *r)
{
	while (r->at < r->len) {
		char c = r->s[r->at];
		if (c == ';')
			while (r->at < r->len && r->s[r->at] != '\n')
				r->at++;
		else if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			r->at++;
		else
			break;
	}
}

static int is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.' || c == '?' || c == '!' || c >= 0x80;
}

/* An identifier at the reader, as libtree-sitter scans one. */
static struct name read_ident(struct reader *r)
{
	struct name n = {r->s + r->at, 0};
	while (r->at < r->len && is_ident((unsigned char)r->s[r->at]))
		r->at++;
	n.len = (uint32_t)(r->s + r->at - n.text);
	if (n.len == 0)
		r->failed = 1;
	return n;
}

/* A string literal, unescaped into memory the query owns. */
static struct name read_string(struct reader *r)
{
	struct name n = {NULL, 0};
	uint32_t end = r->at + 1;
	while (end < r->len && r->s[end] != '"' && r->s[end] != '\n')
		end += r->s[end] == '\\' ? 2 : 1;
	char *out = end < r->len && r->s[end] == '"' ? malloc(end - r->at) : NULL;
	if (!out || PUSH(r->q, strings, string_count, string_cap, out) != 0) {
		free(out);
		r->failed = 1;
		return n;
	}
	for (r->at++; r->at < end;) {
		char c = r->s[r->at++];
		if (c == '\\' && r->at < end) {
			c = r->s[r->at++];
			c = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c == '0' ? '\0' : c;
		}
		out[n.len++] = c;
	}
	r->at = end + 1; /* the closing quote */
	out[n.len] = '\0';
	n.text = out;
	return n;
}

static uint32_t capture_id(struct reader *r, struct name n)
{
	struct hlq *q = r->q;
	for (uint32_t i = 0; i < q->capture_count; i++)
		if (q->captures[i].len == n.len && memcmp(q->captures[i].text, n.text, n.len) == 0)
			return i;
	if (PUSH(q, captures, capture_count, capture_cap, n) != 0)
		r->failed = 1;
	return q->capture_count - 1;
}

static uint32_t new_step(struct reader *r, enum step_kind kind)
{
	struct step s = {.kind = (uint8_t)kind};
	if (PUSH(r->q, steps, step_count, step_cap, s) != 0) {
		r->failed = 1;
		return 0;
	}
	return r->q->step_count - 1;
}

/* Stores the step indices ITEMS[0, COUNT) as STEP's children or alternatives. */
static void set_list(struct reader *r, uint32_t step, const uint32_t *items, uint32_t count)
{
	struct hlq *q = r->q;
	q->steps[step].first = q->list_count;
	q->steps[step].count = count;
	for (uint32_t i = 0; i < count && !r->failed; i++)
		if (PUSH(q, lists, list_count, list_cap, items[i]) != 0)
			r->failed = 1;
}

/* `(#name arg ...)`, the '(' read: appended to the pattern being read. */
static void read_predicate(struct reader *r)
{
	struct hlq *q = r->q;
	r->at++; /* '#' */
	struct name name = read_ident(r);
	uint32_t first = q->arg_count;
	for (skip_blank(r); !r->failed && peek(r) != ')'; skip_blank(r)) {
		struct hlq_arg a = {0};
		if (peek(r) == '@') {
			r->at++;
			a.is_capture = 1;
			a.capture = capture_id(r, read_ident(r));
		} else {
			struct name n = peek(r) == '"' ? read_string(r) : read_ident(r);
			a.text = n.text;
			a.len = n.len;
		}
		if (!r->failed && PUSH(q, args, arg_count, arg_cap, a) != 0)
			r->failed = 1;
	}
	r->at++;
	/* Arguments are pointed at once all are read: the array may move. */
	struct hlq_pred p = {name.text, name.len, NULL, q->arg_count - first};
	p.args = (const struct hlq_arg *)(uintptr_t)first;
	if (!r->failed && PUSH(q, preds, pred_count, pred_cap, p) != 0)
		r->failed = 1;
}

static uint32_t read_pattern(struct reader *r);

/* The children of a node step, after its type, up to its ')'. */
static void read_children(struct reader *r, uint32_t step)
{
	uint32_t kids[64], count = 0;
	int anchored = 0;
	for (skip_blank(r); !r->failed && peek(r) != ')'; skip_blank(r)) {
		int c = peek(r);
		if (c == -1 || c == '!') {
			r->failed = 1; /* unclosed, or a negated field */
			break;
		}
		if (c == '.') {
			r->at++;
			anchored = 1;
			continue;
		}
		if (c == '(' && r->at + 1 < r->len && r->s[r->at + 1] == '#') {
			r->at++;
			read_predicate(r);
			continue;
		}
		TSFieldId field = 0;
		if (c != '(' && c != '[' && c != '"' && c != '_') {
			struct name f = read_ident(r);
			if (peek(r) != ':') {
				r->failed = 1;
				break;
			}
			r->at++;
			skip_blank(r);
			field = ts_language_field_id_for_name(r->q->language, f.text, f.len);
			if (!field)
				r->failed = 1;
		}
		uint32_t kid = read_pattern(r);
		if (r->failed || count == sizeof kids / sizeof *kids) {
			r->failed = 1;
			break;
		}
		r->q->steps[kid].field = field;
		r->q->steps[kid].anchored = (uint8_t)anchored;
		anchored = 0;
		kids[count++] = kid;
	}
	if (anchored)
		r->failed = 1; /* a last-child anchor: not read here */
	r->at++;
	set_list(r, step, kids, count);
}

/* `(type children...)`, `(_ ...)` or `((pattern) (#predicate...))`. */
static uint32_t read_parenthesised(struct reader *r)
{
	r->at++;
	skip_blank(r);
	int c = peek(r);
	if (c == '(' || c == '[' || c == '"') {
		/* A group: one pattern and its predicates (a sequence of siblings
		 * is not read here). */
		uint32_t inner = read_pattern(r);
		for (skip_blank(r); !r->failed && peek(r) != ')'; skip_blank(r)) {
			if (peek(r) == '(' && r->at + 1 < r->len && r->s[r->at + 1] == '#') {
				r->at++;
				read_predicate(r);
			} else {
				r->failed = 1;
			}
		}
		r->at++;
		return inner;
	}
	struct name type = read_ident(r);
	uint32_t step;
	if (type.len == 1 && type.text[0] == '_') {
		step = new_step(r, STEP_WILD_NAMED);
	} else {
		step = new_step(r, STEP_NODE);
		TSSymbol symbol = ts_language_symbol_for_name(r->q->language, type.text, type.len, 1);
		if (!symbol)
			r->failed = 1;
		if (!r->failed)
			r->q->steps[step].symbol = symbol;
	}
	if (!r->failed)
		read_children(r, step);
	return step;
}

/* The captures of an alternation from its FROMth on go to each alternative
 * in it, at any depth. */
static void push_down(struct reader *r, uint32_t alt, uint8_t from)
{
	struct hlq *q = r->q;
	for (uint32_t i = 0; i < q->steps[alt].count && !r->failed; i++) {
		uint32_t kid = q->lists[q->steps[alt].first + i];
		struct step *s = &q->steps[kid];
		const struct step *a = &q->steps[alt];
		uint8_t had = s->capture_count;
		if (s->capture_count + a->capture_count - from > MAX_STEP_CAPTURES) {
			r->failed = 1;
			return;
		}
		for (uint8_t k = from; k < a->capture_count; k++)
			s->captures[s->capture_count++] = a->captures[k];
		if (s->kind == STEP_ALT)
			push_down(r, kid, had);
	}
}

/* Whether STEP or a step under it captures. */
static int step_captures(const struct hlq *q, uint32_t step)
{
	const struct step *s = &q->steps[step];
	int any = s->capture_count > 0;
	for (uint32_t i = 0; i < s->count; i++)
		any |= step_captures(q, q->lists[s->first + i]);
	return any;
}

/* One pattern with its quantifier and captures. */
static uint32_t read_pattern(struct reader *r)
{
	if (++r->depth > MAX_NESTING) {
		r->failed = 1;
		return 0;
	}
	skip_blank(r);
	int c = peek(r);
	uint32_t step = 0;
	if (c == '(') {
		step = read_parenthesised(r);
	} else if (c == '[') {
		r->at++;
		uint32_t alts[256], count = 0;
		for (skip_blank(r); !r->failed && peek(r) != ']'; skip_blank(r)) {
			if (peek(r) == -1 || count == sizeof alts / sizeof *alts) {
				r->failed = 1;
				break;
			}
			alts[count++] = read_pattern(r);
		}
		r->at++;
		step = new_step(r, STEP_ALT);
		if (!r->failed)
			set_list(r, step, alts, count);
	} else if (c == '"') {
		struct name text = read_string(r);
		step = new_step(r, STEP_NODE);
		TSSymbol symbol =
			r->failed ? 0 : ts_language_symbol_for_name(r->q->language, text.text, text.len, 0);
		if (!symbol)
			r->failed = 1;
		if (!r->failed)
			r->q->steps[step].symbol = symbol;
	} else if (c == '_') {
		r->at++;
		step = new_step(r, STEP_WILD_ANY);
	} else {
		r->failed = 1;
	}
	uint8_t had = r->failed ? 0 : r->q->steps[step].capture_count;
	for (skip_blank(r); !r->failed; skip_blank(r)) {
		c = peek(r);
		if (c == '?') {
			r->at++;
			r->q->steps[step].optional = 1;
		} else if (c == '*' || c == '+') {
			r->failed = 1; /* repetition: not read here */
		} else if (c == '@') {
			r->at++;
			uint32_t id = capture_id(r, read_ident(r));
			struct step *s = &r->q->steps[step];
			if (s->capture_count == MAX_STEP_CAPTURES)
				r->failed = 1;
			else
				s->captures[s->capture_count++] = id;
		} else {
			break;
		}
	}
	if (!r->failed && r->q->steps[step].kind == STEP_ALT)
		push_down(r, step, had);
	r->depth--;
	return step;
}

/* --- the index of patterns by their root's symbol -------------------------------- */

static uint32_t symbol_slot(const struct hlq *q, TSSymbol symbol)
{
	return symbol == (TSSymbol)-1 || symbol >= q->symbol_count ? q->symbol_count : symbol;
}

/* Calls ADD for every way PATTERN's STEP can be its root. */
static int each_root(struct hlq *q, uint32_t pattern, uint32_t step,
		     int (*add)(struct hlq *, struct entry, void *), void *data)
{
	const struct step *s = &q->steps[step];
	if (s->kind != STEP_ALT)
		return add(q, (struct entry){pattern, step}, data);
	for (uint32_t i = 0; i < s->count; i++)
		if (each_root(q, pattern, q->lists[s->first + i], add, data) != 0)
			return -1;
	return 0;
}

static int count_entry(struct hlq *q, struct entry e, void *data)
{
	(void)data;
	const struct step *s = &q->steps[e.step];
	if (s->kind == STEP_NODE)
		q->entry_start[symbol_slot(q, s->symbol) + 1]++;
	else
		q->wild_count++;
	return 0;
}

static int place_entry(struct hlq *q, struct entry e, void *data)
{
	uint32_t *next = data;
	const struct step *s = &q->steps[e.step];
	if (s->kind == STEP_NODE)
		q->entries[next[symbol_slot(q, s->symbol)]++] = e;
	else
		q->wild[q->wild_count++] = e;
	return 0;
}

/* Entries in pattern order within each symbol's list. */
static int build_index(struct hlq *q)
{
	uint32_t slots = q->symbol_count + 1;
	q->entry_start = calloc(slots + 1, sizeof *q->entry_start);
	uint32_t *next = calloc(slots, sizeof *next);
	if (!q->entry_start || !next) {
		free(next);
		return -1;
	}
	for (uint32_t p = 0; p < q->pattern_count; p++)
		each_root(q, p, q->patterns[p].root, count_entry, NULL);
	for (uint32_t i = 0; i < slots; i++)
		q->entry_start[i + 1] += q->entry_start[i];
	memcpy(next, q->entry_start, slots * sizeof *next);
	q->entries = malloc((q->entry_start[slots] + 1) * sizeof *q->entries);
	q->wild = malloc((q->wild_count + 1) * sizeof *q->wild);
	q->wild_count = 0;
	if (!q->entries || !q->wild) {
		free(next);
		return -1;
	}
	for (uint32_t p = 0; p < q->pattern_count; p++)
		each_root(q, p, q->patterns[p].root, place_entry, next);
	free(next);
	return 0;
}

/* --- building and freeing ----------------------------------------------------------- */

static int read_query(struct hlq *q, const char *source, uint32_t len)
{
	struct reader r = {.q = q, .s = source, .len = len};
	for (skip_blank(&r); !r.failed && r.at < len; skip_blank(&r)) {
		struct pattern p = {.start = r.at, .first_pred = q->pred_count};
		p.root = read_pattern(&r);
		p.pred_count = q->pred_count - p.first_pred;
		if (!r.failed && PUSH(q, patterns, pattern_count, pattern_cap, p) != 0)
			r.failed = 1;
	}
	if (r.failed)
		return -1;
	for (uint32_t i = 0; i < q->pred_count; i++)
		q->preds[i].args = q->preds[i].arg_count ? q->args + (uintptr_t)q->preds[i].args : NULL;
	for (uint32_t i = 0; i < q->step_count; i++)
		q->steps[i].has_captures = (uint8_t)step_captures(q, i);
	return 0;
}

struct hlq *hlq_new(const TSLanguage *language, const char *source, uint32_t len)
{
	struct hlq *q = calloc(1, sizeof *q);
	if (!q)
		return NULL;
	q->language = language;
	q->symbol_count = ts_language_symbol_count(language);
	if (read_query(q, source, len) != 0 || build_index(q) != 0) {
		hlq_free(q);
		return NULL;
	}
	return q;
}

void hlq_free(struct hlq *q)
{
	if (!q)
		return;
	for (uint32_t i = 0; i < q->string_count; i++)
		free(q->strings[i]);
	free(q->strings);
	free(q->steps);
	free(q->lists);
	free(q->patterns);
	free(q->captures);
	free(q->preds);
	free(q->args);
	free(q->entry_start);
	free(q->entries);
	free(q->wild);
	free(q);
}

uint32_t hlq_pattern_count(const struct hlq *q) { return q->pattern_count; }
uint32_t hlq_pattern_start(const struct hlq *q, uint32_t index) { return q->patterns[index].start; }
uint32_t hlq_capture_count(const struct hlq *q) { return q->capture_count; }

const char *hlq_capture_name(const struct hlq *q, uint32_t index, uint32_t *len)
{
	*len = q->captures[index].len;
	return q->captures[index].text;
}

const struct hlq_pred *hlq_predicates(const struct hlq *q, uint32_t pattern, uint32_t *count)
{
	*count = q->patterns[pattern].pred_count;
	return *count ? q->preds + q->patterns[pattern].first_pred : NULL;
}

/* --- matching ------------------------------------------------------------------------- */

struct child {
	TSNode node;
	TSFieldId field;
};

struct children {
	struct child *items;
	uint32_t count;
};

/* A child step list being matched, and where its parent's list goes on. */
struct pending {
	const struct step *parent;
	struct children kids;
	uint32_t next_step, next_child;
	const struct pending *up;
};

struct matcher {
	const struct hlq *q;
	uint32_t pattern;
	struct hlq_capture bound[MAX_BOUND];
	uint32_t bound_count;
	uint32_t matches, limit, tries;
	hlq_match_fn *match;
	void *context;
	int status;
};

/* The visible children of NODE with their fields (items NULL when it has none
 * or memory ran out: then status is set). */
static struct children children_of(struct matcher *m, TSNode node)
{
	struct children c = {NULL, 0};
	uint32_t n = ts_node_child_count(node);
	if (n == 0)
		return c;
	c.items = malloc(n * sizeof *c.items);
	if (!c.items) {
		m->status = -1;
		return c;
	}
	TSTreeCursor cursor = ts_tree_cursor_new(node);
	if (ts_tree_cursor_goto_first_child(&cursor))
		do {
			if (c.count == n)
				break;
			c.items[c.count].node = ts_tree_cursor_current_node(&cursor);
			c.items[c.count].field = ts_tree_cursor_current_field_id(&cursor);
			c.count++;
		} while (ts_tree_cursor_goto_next_sibling(&cursor));
	ts_tree_cursor_delete(&cursor);
	return c;
}

static int is_error(TSNode node) { return ts_node_symbol(node) == (TSSymbol)-1; }

/* Whether NODE is of STEP's type (STEP is no alternative). */
static int type_matches(const struct step *s, TSNode node)
{
	switch (s->kind) {
	case STEP_NODE:
		return ts_node_symbol(node) == s->symbol;
	case STEP_WILD_NAMED:
		return !is_error(node) && ts_node_is_named(node);
	default:
		return !is_error(node);
	}
}

static void continue_list(struct matcher *m, const struct pending *p);

static int bind(struct matcher *m, const struct step *s, TSNode node)
{
	if (m->bound_count + s->capture_count > MAX_BOUND)
		return 0;
	for (uint8_t i = 0; i < s->capture_count; i++)
		m->bound[m->bound_count++] = (struct hlq_capture){s->captures[i], node};
	return 1;
}

/* STEP (no alternative) on NODE, then what P says comes after. */
static void match_node(struct matcher *m, const struct step *s, TSNode node,
		       const struct pending *after)
{
	if (!type_matches(s, node) || !bind(m, s, node))
		return;
	if (s->count == 0) {
		continue_list(m, after);
	} else {
		struct pending inner = {s, children_of(m, node), 0, 0, after};
		if (inner.kids.items)
			continue_list(m, &inner);
		free(inner.kids.items);
	}
	m->bound_count -= s->capture_count;
}

/* The matches so far, to tell whether trying a child found one. */
static uint32_t found(const struct matcher *m) { return m->matches; }

/* Child step P->next_step of P->parent tried on child J of P->kids. */
static void try_child(struct matcher *m, const struct pending *p, const struct step *s,
		      uint32_t j)
{
	const struct child *c = &p->kids.items[j];
	if (s->field && c->field != s->field)
		return;
	if (++m->tries > MAX_TRIES)
		return;
	struct pending rest = *p;
	rest.next_step++;
	rest.next_child = j + 1;
	if (s->kind != STEP_ALT) {
		match_node(m, s, c->node, &rest);
		return;
	}
	for (uint32_t a = 0; a < s->count && m->status == 0; a++)
		match_node(m, &m->q->steps[m->q->lists[s->first + a]], c->node, &rest);
}

/* Matches the rest of P's child steps from its next child on; when none is
 * left, the list above, and at the top, the whole pattern has matched. */
static void continue_list(struct matcher *m, const struct pending *p)
{
	if (m->status != 0 || m->matches >= m->limit)
		return;
	if (!p) {
		m->matches++;
		m->status = m->match(m->context, m->pattern, m->bound, m->bound_count);
		return;
	}
	if (p->next_step == p->parent->count) {
		continue_list(m, p->up);
		return;
	}
	const struct step *s = &m->q->steps[m->q->lists[p->parent->first + p->next_step]];
	for (uint32_t j = p->next_child; j < p->kids.count && m->status == 0; j++) {
		int named = ts_node_is_named(p->kids.items[j].node);
		if (s->anchored && !named)
			continue;
		uint32_t before = found(m);
		try_child(m, p, s, j);
		/* A step that captures nothing gives one match, not one per child
		 * it could take; an anchored one takes the next named child only. */
		if (s->anchored || (!s->has_captures && found(m) > before))
			break;
	}
	if (s->optional) {
		struct pending skip = *p;
		skip.next_step++;
		continue_list(m, &skip);
	}
}

/* Every match of entry E at NODE. */
static void match_entry(struct matcher *m, struct entry e, TSNode node)
{
	m->pattern = e.pattern;
	m->matches = 0;
	m->tries = 0;
	m->bound_count = 0;
	match_node(m, &m->q->steps[e.step], node, NULL);
}

/* Patterns are tried at each node in pattern order, wildcard roots merged in,
 * so a node's matches come in the order libtree-sitter gives them. */
static void match_at(struct matcher *m, TSNode node)
{
	const struct hlq *q = m->q;
	uint32_t slot = symbol_slot(q, ts_node_symbol(node));
	uint32_t i = q->entry_start[slot], end = q->entry_start[slot + 1], w = 0;
	while ((i < end || w < q->wild_count) && m->status == 0) {
		if (w < q->wild_count && (i == end || q->wild[w].pattern < q->entries[i].pattern))
			match_entry(m, q->wild[w++], node);
		else
			match_entry(m, q->entries[i++], node);
	}
}

int hlq_exec(const struct hlq *q, TSNode root, uint32_t limit, hlq_match_fn *match,
	     void *context)
{
	struct matcher m = {.q = q, .limit = limit, .match = match, .context = context};
	TSTreeCursor cursor = ts_tree_cursor_new(root);
	for (;;) {
		match_at(&m, ts_tree_cursor_current_node(&cursor));
		if (m.status != 0)
			break;
		if (ts_tree_cursor_goto_first_child(&cursor))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&cursor))
			if (!ts_tree_cursor_goto_parent(&cursor))
				goto done;
	}
done:
	ts_tree_cursor_delete(&cursor);
	return m.status;
}
