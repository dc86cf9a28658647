/* highlight.c: a code block's tokens, from its language's grammar.
 *
 * Owns: parsing code with tree-sitter (libtree-sitter 0.20.7) and running the
 * language's highlight query over it (hlquery.c matches it); the query's text
 * predicates (#eq?, #match?, #any-of? and their #not- forms); which capture
 * wins where several cover the same text; and writing
 * the code as XML text with <t k="KIND"> runs. Never: changes a byte of the
 * code, knows languages by name (highlang.c), or guesses a language.
 *
 * Where captures nest, the innermost wins (an escape inside a string). Where
 * several capture the same node, the later pattern wins, as in tree-sitter's
 * own highlighter ((identifier) @variable first, ((identifier) @constant
 * (#match? ...)) after it), except that a pattern on a node's type alone
 * never wins over one that says more: some grammars put their catch-all
 * `(identifier) @variable` last, after `(call function: (identifier)
 * @function)`. */
#include "md2guide/highlight.h"
#include "md2guide/hlquery.h"
#include "strmap.h"

#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

/* A pattern's matches per node are bounded: the work per byte is too. */
#define MATCH_LIMIT 64
/* A tree deeper than this (a thousand open brackets; no code a person reads)
 * is left plain: parsing it is error recovery, and the matches of its nested
 * hidden nodes are no highlighting. */
#define MAX_DEPTH 100

enum pred_op { PRED_EQ, PRED_MATCH, PRED_ANY_OF };

/* One text predicate of a pattern: capture CAPTURE's text against another
 * capture's (OTHER) or a string (#eq?), a regular expression, or strings. */
struct pred {
	enum pred_op op;
	int negate;
	uint32_t capture;
	uint32_t other; /* UINT32_MAX: compare with VALUES[0] */
	const char **values;
	uint32_t *value_lens;
	uint32_t value_count;
	regex_t re;
	int re_ok;
};

struct pattern {
	uint32_t weight; /* 1 for a specific pattern, 0 for one on a node's type alone */
	uint32_t first_pred, pred_count;
	int disabled;    /* a predicate it has that cannot be evaluated here */
};

struct compiled {
	int tried;
	struct hlq *query;
	const char **kinds; /* per capture id; NULL styles nothing */
	struct pattern *patterns;
	struct pred *preds;
	uint32_t pred_count;
};

static struct compiled compiled[32];

/* --- regular expressions ---------------------------------------------------- */

/* The queries' expressions are Rust's: \d \w \s, which POSIX's extended
 * ones spell as classes (and a few grammars write Lua's %d %w %a %s).
 * Returns a malloc'd POSIX expression, or NULL. */
static char *posix_regex(const char *re, size_t len)
{
	char *out = malloc(len * 14 + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	int in_class = 0;
	for (size_t i = 0; i < len; i++) {
		char c = re[i];
		if (c == '[' && !in_class) {
			in_class = 1;
			out[n++] = c;
			if (i + 1 < len && re[i + 1] == '^')
				out[n++] = re[++i];
			if (i + 1 < len && re[i + 1] == ']')
				out[n++] = re[++i];
			continue;
		}
		if (c == ']' && in_class)
			in_class = 0;
		if ((c != '\\' && c != '%') || i + 1 == len || (c == '%' && !strchr("dwas", re[i + 1]))) {
			out[n++] = c;
			continue;
		}
		char e = re[++i];
		const char *s = e == 'd' ? "0-9" : e == 'w' ? "A-Za-z0-9_" : e == 's' ? " \t\n\r"
			      : e == 'a' && c == '%' ? "A-Za-z" : NULL;
		if (s) {
			if (!in_class)
				out[n++] = '[';
			memcpy(out + n, s, strlen(s));
			n += strlen(s);
			if (!in_class)
				out[n++] = ']';
		} else if (in_class) {
			out[n++] = e; /* a backslash is literal inside POSIX's brackets */
		} else {
			out[n++] = '\\';
			out[n++] = e;
		}
	}
	out[n] = '\0';
	return out;
}

/* --- compiling a language's query ---------------------------------------------- */

static int add_pred(struct compiled *c, const struct pred *p)
{
	struct pred *grown = realloc(c->preds, (c->pred_count + 1) * sizeof *grown);
	if (!grown)
		return -1;
	c->preds = grown;
	c->preds[c->pred_count++] = *p;
	return 0;
}

/* One predicate. Returns 1 when it was kept, 0 when it has no effect here
 * (#is-not? local, #set!), -1 when it cannot be evaluated (the pattern is then
 * left out). */
static int parse_pred(struct compiled *c, const struct hlq_pred *pred)
{
	uint32_t len = pred->name_len;
	const char *name = pred->name;
	struct pred p = {.other = UINT32_MAX};
	const char *base = name;
	if (len > 4 && strncmp(name, "not-", 4) == 0) {
		p.negate = 1;
		base = name + 4;
	}
	size_t base_len = len - (size_t)(base - name);
	if (base_len == 3 && strncmp(base, "eq?", 3) == 0)
		p.op = PRED_EQ;
	else if ((base_len == 6 && strncmp(base, "match?", 6) == 0) ||
		 (base_len == 10 && strncmp(base, "lua-match?", 10) == 0))
		p.op = PRED_MATCH;
	else if (base_len == 7 && strncmp(base, "any-of?", 7) == 0)
		p.op = PRED_ANY_OF;
	else
		return (len > 0 && name[len - 1] == '!') || (len == 7 && strncmp(name, "is-not?", 7) == 0) ||
			       (len == 3 && strncmp(name, "is?", 3) == 0)
			       ? 0
			       : -1;
	const struct hlq_arg *args = pred->args;
	uint32_t count = pred->arg_count + 1;
	if (count < 3 || !args[0].is_capture)
		return -1;
	p.capture = args[0].capture;
	if (p.op == PRED_EQ && args[1].is_capture) {
		p.other = args[1].capture;
		return add_pred(c, &p) == 0 ? 1 : -1;
	}
	p.values = calloc(count - 2, sizeof *p.values);
	p.value_lens = calloc(count - 2, sizeof *p.value_lens);
	if (!p.values || !p.value_lens)
		goto refused;
	for (uint32_t i = 1; i + 1 < count; i++) {
		if (args[i].is_capture)
			goto refused;
		p.values[p.value_count] = args[i].text;
		p.value_lens[p.value_count] = args[i].len;
		p.value_count++;
	}
	if (p.op == PRED_MATCH) {
		char *re = posix_regex(p.values[0], p.value_lens[0]);
		p.re_ok = re && regcomp(&p.re, re, REG_EXTENDED | REG_NOSUB) == 0;
		free(re);
		if (!p.re_ok)
			goto refused;
	}
	if (add_pred(c, &p) == 0)
		return 1;
	if (p.re_ok)
		regfree(&p.re);
refused:
	free(p.values);
	free(p.value_lens);
	return -1;
}

/* A pattern that says more than a node's type: a child, a field, an anchor or
 * a predicate. `(identifier) @variable` and `["if" "else"] @keyword` do not. */
static uint32_t is_specific(const char *p, uint32_t len)
{
	int depth = 0;
	for (uint32_t i = 0; i < len; i++) {
		char c = p[i];
		if (c == '"') { /* a string, escapes and all */
			for (i++; i < len && p[i] != '"'; i++)
				i += p[i] == '\\';
		} else if (c == ';') {
			while (i < len && p[i] != '\n')
				i++;
		} else if (c == '(') {
			if (++depth > 1)
				return 1;
		} else if (c == ')') {
			depth--;
		} else if (c == ':' || c == '#' || c == '.') {
			return 1;
		}
	}
	return 0;
}

static int compile_patterns(struct compiled *c, const char *source, uint32_t source_len)
{
	uint32_t count = hlq_pattern_count(c->query);
	c->patterns = calloc(count ? count : 1, sizeof *c->patterns);
	if (!c->patterns)
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		struct pattern *p = &c->patterns[i];
		uint32_t start = hlq_pattern_start(c->query, i);
		uint32_t end = i + 1 < count ? hlq_pattern_start(c->query, i + 1) : source_len;
		p->weight = is_specific(source + start, end - start);
		p->first_pred = c->pred_count;
		uint32_t preds;
		const struct hlq_pred *pred = hlq_predicates(c->query, i, &preds);
		for (uint32_t k = 0; k < preds; k++)
			if (parse_pred(c, &pred[k]) < 0)
				p->disabled = 1;
		p->pred_count = c->pred_count - p->first_pred;
	}
	return 0;
}

/* The language's query, compiled on first use; NULL when it cannot be (then
 * the language's blocks stay plain). */
static struct compiled *compiled_query(const struct hl_language *lang)
{
	size_t index = 0;
	while (hl_language_at(index) != lang)
		index++;
	struct compiled *c = &compiled[index];
	if (c->tried)
		return c->query ? c : NULL;
	c->tried = 1;
	c->query = hlq_new(lang->grammar(), (const char *)*lang->query, *lang->query_len);
	if (!c->query)
		return NULL;
	uint32_t captures = hlq_capture_count(c->query);
	c->kinds = calloc(captures ? captures : 1, sizeof *c->kinds);
	if (!c->kinds || compile_patterns(c, (const char *)*lang->query, *lang->query_len) != 0) {
		hlq_free(c->query);
		c->query = NULL;
		return NULL;
	}
	for (uint32_t i = 0; i < captures; i++) {
		uint32_t len;
		const char *name = hlq_capture_name(c->query, i, &len);
		c->kinds[i] = hl_kind_of_capture(name, len);
	}
	return c;
}

/* --- evaluating predicates ------------------------------------------------------ */

struct text {
	const char *code;
	uint32_t start, len;
};

/* One match: its pattern and captures. */
struct match {
	uint32_t pattern;
	const struct hlq_capture *captures;
	uint32_t count;
};

static int capture_text(const struct match *m, const char *code, uint32_t capture, struct text *t)
{
	for (uint32_t i = 0; i < m->count; i++)
		if (m->captures[i].index == capture) {
			t->code = code;
			t->start = ts_node_start_byte(m->captures[i].node);
			t->len = ts_node_end_byte(m->captures[i].node) - t->start;
			return 1;
		}
	return 0;
}

static int text_is(const struct text *t, const char *s, uint32_t len)
{
	return t->len == len && memcmp(t->code + t->start, s, len) == 0;
}

/* regexec needs the text on its own: with REG_STARTEND glibc's ^ still looks
 * at the character before the start. */
static int text_matches(const regex_t *re, const struct text *t)
{
	char small[256];
	char *copy = t->len < sizeof small ? small : malloc(t->len + 1);
	if (!copy)
		return 0;
	memcpy(copy, t->code + t->start, t->len);
	copy[t->len] = '\0';
	int matches = regexec(re, copy, 0, NULL, 0) == 0;
	if (copy != small)
		free(copy);
	return matches;
}

static int pred_holds(const struct pred *p, const struct match *m, const char *code)
{
	struct text t, other;
	if (!capture_text(m, code, p->capture, &t))
		return 1; /* a capture the match left out (optional) constrains nothing */
	int holds = 0;
	if (p->op == PRED_EQ && p->other != UINT32_MAX)
		holds = capture_text(m, code, p->other, &other) &&
			text_is(&t, code + other.start, other.len);
	else if (p->op == PRED_EQ || p->op == PRED_ANY_OF)
		for (uint32_t i = 0; i < p->value_count && !holds; i++)
			holds = text_is(&t, p->values[i], p->value_lens[i]);
	else
		holds = text_matches(&p->re, &t);
	return holds != p->negate;
}

static int match_holds(const struct compiled *c, const struct match *m, const char *code)
{
	const struct pattern *p = &c->patterns[m->pattern];
	if (p->disabled)
		return 0;
	for (uint32_t i = 0; i < p->pred_count; i++)
		if (!pred_holds(&c->preds[p->first_pred + i], m, code))
			return 0;
	return 1;
}

/* --- spans and runs ----------------------------------------------------------- */

struct span {
	uint32_t start, end, weight, order, seq;
	const char *kind;
};

struct spans {
	struct span *items;
	size_t count, cap;
};

static int spans_add(struct spans *s, struct span span)
{
	if (s->count == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		struct span *grown = realloc(s->items, cap * sizeof *grown);
		if (!grown)
			return -1;
		s->items = grown;
		s->cap = cap;
	}
	s->items[s->count++] = span;
	return 0;
}

/* Outer before inner; of one node's spans, the winner last. */
static int span_order(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Runs as they are written: a piece waits for the next, so that adjacent
 * pieces of one kind become one run. */
struct writer {
	struct buf *out;
	const char *code;
	uint32_t at;       /* written up to here */
	uint32_t from;     /* the waiting piece: [from, at) of KIND */
	const char *kind;
};

static void flush_piece(struct writer *w)
{
	if (w->at == w->from)
		return;
	/* Blanks between a shell prompt and its command style nothing. */
	uint32_t i = w->from;
	while (i < w->at && (w->code[i] == ' ' || w->code[i] == '\t' || w->code[i] == '\n'))
		i++;
	if (i == w->at)
		w->kind = NULL;
	if (w->kind) {
		buf_puts(w->out, "<t k=\"");
		buf_puts(w->out, w->kind);
		buf_puts(w->out, "\">");
	}
	buf_xml_text(w->out, w->code + w->from, w->at - w->from);
	if (w->kind)
		buf_puts(w->out, "</t>");
	w->from = w->at;
}

/* The text up to END is of KIND. */
static void write_to(struct writer *w, uint32_t end, const char *kind)
{
	if (end <= w->at)
		return;
	if (kind != w->kind) {
		flush_piece(w);
		w->kind = kind;
	}
	w->at = end;
}

/* A sweep over the sorted spans with a stack of the open ones: each byte
 * gets the kind of the innermost span over it. */
static int write_spans(struct writer *w, struct spans *s, uint32_t len)
{
	if (s->count > 1)
		qsort(s->items, s->count, sizeof *s->items, span_order);
	struct span **stack = malloc((s->count + 1) * sizeof *stack);
	if (!stack)
		return -1;
	size_t depth = 0;
	for (size_t i = 0; i < s->count; i++) {
		struct span *span = &s->items[i];
		while (depth > 0 && stack[depth - 1]->end <= span->start) {
			write_to(w, stack[depth - 1]->end, stack[depth - 1]->kind);
			depth--;
		}
		write_to(w, span->start, depth ? stack[depth - 1]->kind : NULL);
		if (depth > 0 && span->end > stack[depth - 1]->end)
			span->end = stack[depth - 1]->end; /* never out of its parent */
		if (depth > 0 && stack[depth - 1]->start == span->start &&
		    stack[depth - 1]->end == span->end)
			stack[depth - 1] = span; /* the same node: sorted so the winner comes last */
		else
			stack[depth++] = span;
	}
	while (depth > 0) {
		write_to(w, stack[depth - 1]->end, stack[depth - 1]->kind);
		depth--;
	}
	write_to(w, len, NULL);
	flush_piece(w);
	free(stack);
	return 0;
}

struct collecting {
	const struct compiled *c;
	const char *code;
	struct spans *spans;
};

/* A match of the query: its captures become spans when its predicates hold.
 * Of one node's spans, the later pattern's wins. */
static int add_match(void *context, uint32_t pattern, const struct hlq_capture *captures,
		     uint32_t count)
{
	struct collecting *k = context;
	struct match m = {pattern, captures, count};
	if (!match_holds(k->c, &m, k->code))
		return 0;
	for (uint32_t i = 0; i < count; i++) {
		const char *kind = k->c->kinds[captures[i].index];
		uint32_t start = ts_node_start_byte(captures[i].node);
		uint32_t end = ts_node_end_byte(captures[i].node);
		if (kind && end > start &&
		    spans_add(k->spans, (struct span){start, end, k->c->patterns[pattern].weight,
						      pattern, (uint32_t)k->spans->count, kind}) != 0)
			return -1;
	}
	return 0;
}

static int collect_spans(struct compiled *c, TSNode root, const char *code, struct spans *s)
{
	struct collecting k = {c, code, s};
	return hlq_exec(c->query, root, MATCH_LIMIT, add_match, &k) == 0 ? 0 : -1;
}

/* True when CODE draws with box-drawing characters (U+2500..U+257F): a
 * diagram, whatever its block says it is. */
static int is_diagram(const char *code, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if ((unsigned char)code[i] == 0xE2 &&
		    ((unsigned char)code[i + 1] == 0x94 || (unsigned char)code[i + 1] == 0x95))
			return 1;
	return 0;
}

/* True when CODE's brackets nest deeper than MAX_DEPTH: code a parser
 * recovers from as errors, whose hidden nodes nest as deep, unseen by a
 * cursor. */
static int brackets_too_deep(const char *code, size_t len)
{
	long depth = 0;
	for (size_t i = 0; i < len; i++) {
		char c = code[i];
		depth += c == '(' || c == '[' || c == '{';
		depth -= depth > 0 && (c == ')' || c == ']' || c == '}');
		if (depth > MAX_DEPTH)
			return 1;
	}
	return 0;
}

/* True when the tree under ROOT nests deeper than MAX_DEPTH: one walk with a
 * cursor, which moves to a parent or sibling in constant time. */
static int too_deep(TSNode root)
{
	TSTreeCursor cursor = ts_tree_cursor_new(root);
	int depth = 0, deep = 0;
	for (;;) {
		if (depth > MAX_DEPTH) {
			deep = 1;
			break;
		}
		if (ts_tree_cursor_goto_first_child(&cursor)) {
			depth++;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&cursor) && depth > 0) {
			ts_tree_cursor_goto_parent(&cursor);
			depth--;
		}
		if (depth == 0)
			break;
	}
	ts_tree_cursor_delete(&cursor);
	return deep;
}

/* The spans of CODE[FROM, TO), parsed on its own, into S at their place in
 * CODE. */
static int collect_piece(struct compiled *c, TSParser *parser, const char *code, uint32_t from,
			 uint32_t to, struct spans *s)
{
	TSTree *tree = ts_parser_parse_string(parser, NULL, code + from, to - from);
	size_t first = s->count;
	int status = tree && !too_deep(ts_tree_root_node(tree))
			     ? collect_spans(c, ts_tree_root_node(tree), code + from, s)
			     : -1;
	for (size_t i = first; i < s->count; i++) {
		s->items[i].start += from;
		s->items[i].end += from;
	}
	if (tree)
		ts_tree_delete(tree);
	return status;
}

/* The end of the paragraph of CODE from AT: the next blank line, or LEN. */
static uint32_t paragraph_end(const char *code, uint32_t at, uint32_t len)
{
	for (uint32_t i = at; i + 1 < len; i++)
		if (code[i] == '\n' && code[i + 1] == '\n')
			return i + 1;
	return len;
}

/* Guides write SQL as statements one after another, often without the ';'
 * between them that the grammar needs: parsed whole, all after the first is
 * error recovery, and one name changes colour from line to line. A blank
 * line ends a statement there, so SQL is parsed a paragraph at a time. */
static int parsed_by_paragraph(const struct hl_language *lang)
{
	return strcmp(lang->name, "sql") == 0;
}

/* Writes the runs of CODE in LANG to OUT; -1 (OUT untouched) when it cannot. */
static int highlight_runs(struct buf *out, const struct hl_language *lang, const char *code,
			  uint32_t len)
{
	struct compiled *c = compiled_query(lang);
	TSParser *parser = c ? ts_parser_new() : NULL;
	if (!parser || !ts_parser_set_language(parser, lang->grammar())) {
		if (parser)
			ts_parser_delete(parser);
		return -1;
	}
	struct spans spans = {0};
	int status = 0;
	if (!parsed_by_paragraph(lang))
		status = collect_piece(c, parser, code, 0, len, &spans);
	for (uint32_t at = 0; status == 0 && parsed_by_paragraph(lang) && at < len;) {
		uint32_t end = paragraph_end(code, at, len);
		status = collect_piece(c, parser, code, at, end, &spans);
		at = end;
	}
	if (status == 0) {
		struct writer w = {.out = out, .code = code};
		status = write_spans(&w, &spans, len);
	}
	free(spans.items);
	ts_parser_delete(parser);
	return status;
}

/* Blocks already written, by language and code: guides repeat snippets, and
 * parsing is most of what highlighting costs. */
static struct strmap memo;

/* The runs of CODE from the memo, or written to OUT and kept there. */
static int memo_runs(struct buf *out, const struct hl_language *lang, const char *code,
		     uint32_t len)
{
	struct buf key;
	buf_init(&key);
	buf_puts(&key, lang->name);
	buf_putc(&key, '\n');
	buf_put(&key, code, len);
	struct strmap_entry *entry = !key.failed && !memchr(code, '\0', len)
					     ? strmap_insert(&memo, key.data)
					     : NULL;
	buf_free(&key);
	if (entry && entry->value) {
		buf_puts(out, entry->value);
		return 0;
	}
	/* Checked once per block, not per repeat: a diagram, whatever its block
	 * says it is, and code too deep for the query cursor stay plain. */
	size_t mark = out->len;
	if (is_diagram(code, len) || brackets_too_deep(code, len) ||
	    highlight_runs(out, lang, code, len) != 0)
		return -1;
	if (entry && !out->failed)
		entry->value = out->len > mark ? strndup(out->data + mark, out->len - mark) : strdup("");
	return 0;
}

void highlight_xml(struct buf *out, const char *lang, size_t lang_len, const char *code,
		   size_t len)
{
	const struct hl_language *language =
		lang_len ? hl_language_named(lang, lang_len) : hl_language_of_shebang(code, len);
	if (language && len <= HIGHLIGHT_MAX_BYTES) {
		size_t mark = out->len;
		if (memo_runs(out, language, code, (uint32_t)len) == 0)
			return;
		out->len = mark; /* left plain, or out of memory halfway */
		if (out->data)
			out->data[mark] = '\0';
	}
	buf_xml_text(out, code, len);
}

void highlight_release(void)
{
	for (size_t i = 0; i < memo.cap; i++)
		if (memo.entries[i].key)
			free(memo.entries[i].value);
	strmap_free(&memo);
	strmap_init(&memo);
}
