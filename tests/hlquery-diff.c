/* hlquery-diff: md2guide's query matcher (tools/md2guide/hlquery.c) against
 * libtree-sitter's own query cursor, on every code block of the Markdown
 * files given: for each block in a language md2guide highlights, the two
 * must find the same matches (pattern, and each capture's name and bytes).
 *
 *   hlquery-diff [--query LANG FILE] FILE.md...
 *
 * --query gives hlquery.c another query for LANG than the one libtree-sitter
 * gets (the test's proof that a difference is seen). Prints a line for each
 * block that differs (its first three differences), the blocks compared per
 * language, and a last line "N blocks, N differ"; exits 1 when one differs.
 * Built and run by tests/hlquery.sh. */
#include "md2guide/highlight.h"
#include "md2guide/hlquery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

struct lines {
	char **items;
	size_t count, cap;
};

static void add_line(struct lines *l, const char *text)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->items = realloc(l->items, l->cap * sizeof *l->items);
		if (!l->items)
			abort();
	}
	l->items[l->count++] = strdup(text);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, each line once. */
static void normalise(struct lines *l)
{
	qsort(l->items, l->count, sizeof *l->items, by_text);
	size_t n = 0;
	for (size_t i = 0; i < l->count; i++) {
		if (n > 0 && strcmp(l->items[n - 1], l->items[i]) == 0) {
			free(l->items[i]);
			continue;
		}
		l->items[n++] = l->items[i];
	}
	l->count = n;
}

static void free_lines(struct lines *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

struct capture_text {
	char name[64];
	unsigned start, end;
};

static int by_capture(const void *a, const void *b)
{
	const struct capture_text *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* One match as a line: its pattern and its captures, sorted. */
static void match_line(struct lines *out, unsigned pattern, struct capture_text *caps,
		       unsigned count)
{
	qsort(caps, count, sizeof *caps, by_capture);
	char line[4096];
	size_t n = (size_t)snprintf(line, sizeof line, "pattern %u:", pattern);
	for (unsigned i = 0; i < count && n < sizeof line; i++)
		n += (size_t)snprintf(line + n, sizeof line - n, " @%s %u-%u", caps[i].name,
				      caps[i].start, caps[i].end);
	add_line(out, line);
}

static void library_matches(const TSLanguage *language, const char *query, unsigned len,
			    TSNode root, struct lines *out)
{
	uint32_t offset;
	TSQueryError error;
	TSQuery *q = ts_query_new(language, query, len, &offset, &error);
	if (!q) {
		add_line(out, "the library refuses the query");
		return;
	}
	TSQueryCursor *cursor = ts_query_cursor_new();
	ts_query_cursor_set_match_limit(cursor, 1u << 20);
	ts_query_cursor_exec(cursor, q, root);
	TSQueryMatch m;
	while (ts_query_cursor_next_match(cursor, &m)) {
		struct capture_text caps[64];
		unsigned n = 0;
		for (unsigned i = 0; i < m.capture_count && n < 64; i++, n++) {
			uint32_t name_len;
			const char *name = ts_query_capture_name_for_id(q, m.captures[i].index, &name_len);
			snprintf(caps[n].name, sizeof caps[n].name, "%.*s", (int)name_len, name);
			caps[n].start = ts_node_start_byte(m.captures[i].node);
			caps[n].end = ts_node_end_byte(m.captures[i].node);
		}
		match_line(out, m.pattern_index, caps, n);
	}
	ts_query_cursor_delete(cursor);
	ts_query_delete(q);
}

struct own {
	const struct hlq *q;
	struct lines *out;
};

static int own_match(void *context, uint32_t pattern, const struct hlq_capture *captures,
		     uint32_t count)
{
	struct own *o = context;
	struct capture_text caps[64];
	unsigned n = 0;
	for (unsigned i = 0; i < count && n < 64; i++, n++) {
		uint32_t name_len;
		const char *name = hlq_capture_name(o->q, captures[i].index, &name_len);
		snprintf(caps[n].name, sizeof caps[n].name, "%.*s", (int)name_len, name);
		caps[n].start = ts_node_start_byte(captures[i].node);
		caps[n].end = ts_node_end_byte(captures[i].node);
	}
	match_line(o->out, pattern, caps, n);
	return 0;
}

static void own_matches(const TSLanguage *language, const char *query, unsigned len, TSNode root,
			struct lines *out)
{
	struct hlq *q = hlq_new(language, query, len);
	if (!q) {
		add_line(out, "hlquery refuses the query");
		return;
	}
	struct own o = {q, out};
	hlq_exec(q, root, 1u << 20, own_match, &o);
	hlq_free(q);
}

static const char *other_lang, *other_query;
static size_t other_len;
static unsigned blocks, differ;
static unsigned per_language[64];

static void compare_block(const char *file, long line, const struct hl_language *lang,
			  const char *code, size_t len)
{
	TSParser *parser = ts_parser_new();
	ts_parser_set_language(parser, lang->grammar());
	TSTree *tree = ts_parser_parse_string(parser, NULL, code, (uint32_t)len);
	TSNode root = ts_tree_root_node(tree);
	struct lines theirs = {0}, ours = {0};
	const char *query = (const char *)*lang->query;
	unsigned query_len = *lang->query_len;
	library_matches(lang->grammar(), query, query_len, root, &theirs);
	if (other_lang && strcmp(other_lang, lang->name) == 0)
		own_matches(lang->grammar(), other_query, (unsigned)other_len, root, &ours);
	else
		own_matches(lang->grammar(), query, query_len, root, &ours);
	normalise(&theirs);
	normalise(&ours);
	blocks++;
	for (size_t k = 0; k < hl_language_count() && k < 64; k++)
		per_language[k] += hl_language_at(k) == lang;
	size_t i = 0, j = 0;
	int shown = 0;
	while (i < theirs.count || j < ours.count) {
		int c = i == theirs.count ? 1 : j == ours.count ? -1 : strcmp(theirs.items[i], ours.items[j]);
		if (c != 0 && shown++ < 3)
			printf("%s:%ld: %s: %s only %s\n", file, line, lang->name,
			       c < 0 ? "libtree-sitter" : "hlquery", c < 0 ? theirs.items[i] : ours.items[j]);
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	differ += shown > 0;
	free_lines(&theirs);
	free_lines(&ours);
	ts_tree_delete(tree);
	ts_parser_delete(parser);
}

/* Every fenced block of FILE whose info string names a language. */
static void compare_file(const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		perror(file);
		exit(2);
	}
	char text[65536];
	char *code = NULL;
	size_t len = 0, cap = 0;
	const struct hl_language *lang = NULL;
	int in = 0;
	long line = 0, start = 0;
	char fence[16];
	while (fgets(text, sizeof text, f)) {
		line++;
		const char *t = text + strspn(text, " ");
		if (!in && (strncmp(t, "```", 3) == 0 || strncmp(t, "~~~", 3) == 0)) {
			size_t n = strspn(t, t[0] == '`' ? "`" : "~");
			snprintf(fence, sizeof fence, "%.*s", (int)(n < 15 ? n : 15), t);
			const char *info = t + n;
			size_t word = strcspn(info, " \t\r\n{");
			lang = word ? hl_language_named(info, word) : NULL;
			in = 1;
			len = 0;
			start = line;
			continue;
		}
		if (in && strncmp(t, fence, strlen(fence)) == 0 && t[strspn(t, fence)] != '`' &&
		    strspn(t + strlen(fence), " \t\r\n") == strlen(t + strlen(fence))) {
			in = 0;
			if (lang)
				compare_block(file, start, lang, code ? code : "", len);
			continue;
		}
		if (in) {
			size_t n = strlen(text);
			if (len + n + 1 > cap) {
				cap = (len + n + 1) * 2;
				code = realloc(code, cap);
				if (!code)
					abort();
			}
			memcpy(code + len, text, n);
			len += n;
		}
	}
	fclose(f);
	free(code);
}

int main(int argc, char **argv)
{
	int i = 1;
	if (argc > 3 && strcmp(argv[1], "--query") == 0) {
		other_lang = argv[2];
		FILE *f = fopen(argv[3], "rb");
		if (!f) {
			perror(argv[3]);
			return 2;
		}
		static char buffer[1 << 20];
		other_len = fread(buffer, 1, sizeof buffer - 1, f);
		fclose(f);
		other_query = buffer;
		i = 4;
	}
	for (; i < argc; i++)
		compare_file(argv[i]);
	for (size_t k = 0; k < hl_language_count() && k < 64; k++)
		printf("%s: %u blocks\n", hl_language_at(k)->name, per_language[k]);
	printf("%u blocks, %u differ\n", blocks, differ);
	return differ ? 1 : 0;
}
