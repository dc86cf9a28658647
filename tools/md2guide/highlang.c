/* highlang.c: the languages md2guide highlights, by name.
 *
 * Owns: the table of languages (each a tree-sitter grammar fetched and built by
 * tools/highlight/grammars.sh, and its highlight query embedded from there),
 * the aliases a code block's info string uses for them (py, sh, yml, postgres,
 * ...), the interpreters a shebang line names, and what the capture names of
 * the queries mean as the tree's token kinds. Never: parses or highlights code
 * (highlight.c), or guesses a language from a block's content beyond its
 * shebang line. */
#include "md2guide/highlight.h"

#include <string.h>
#include <strings.h>
#include <tree_sitter/api.h>

#define GRAMMAR(name)                                                                     \
	const TSLanguage *tree_sitter_##name(void);                                       \
	extern const unsigned char *const query_##name;                                   \
	extern const unsigned int query_##name##_len;
GRAMMAR(python)
GRAMMAR(bash)
GRAMMAR(javascript)
GRAMMAR(typescript)
GRAMMAR(tsx)
GRAMMAR(json)
GRAMMAR(yaml)
GRAMMAR(html)
GRAMMAR(xml)
GRAMMAR(css)
GRAMMAR(c)
GRAMMAR(java)
GRAMMAR(go)
GRAMMAR(sql)
#undef GRAMMAR

#define LANGUAGE(name) {#name, tree_sitter_##name, &query_##name, &query_##name##_len}
static const struct hl_language languages[] = {
	LANGUAGE(python), LANGUAGE(bash), LANGUAGE(javascript), LANGUAGE(typescript),
	LANGUAGE(tsx),    LANGUAGE(json), LANGUAGE(yaml),       LANGUAGE(html),
	LANGUAGE(xml),    LANGUAGE(css),  LANGUAGE(c),          LANGUAGE(java),
	LANGUAGE(go),     LANGUAGE(sql),
};
#undef LANGUAGE
enum { PYTHON, BASH, JAVASCRIPT, TYPESCRIPT, TSX, JSON, YAML, HTML, XML, CSS, C, JAVA, GO, SQL };

/* The names code blocks use, as GitHub's linguist and highlight.js know them. */
static const struct {
	const char *tag;
	int language;
} aliases[] = {
	{"python", PYTHON},     {"py", PYTHON},         {"python3", PYTHON},    {"py3", PYTHON},
	{"gyp", PYTHON},        {"bash", BASH},         {"sh", BASH},           {"shell", BASH},
	{"console", BASH},      {"zsh", BASH},          {"ksh", BASH},          {"shell-script", BASH},
	{"shellsession", BASH}, {"javascript", JAVASCRIPT}, {"js", JAVASCRIPT}, {"jsx", JAVASCRIPT},
	{"mjs", JAVASCRIPT},    {"cjs", JAVASCRIPT},    {"node", JAVASCRIPT},   {"typescript", TYPESCRIPT},
	{"ts", TYPESCRIPT},     {"mts", TYPESCRIPT},    {"cts", TYPESCRIPT},    {"tsx", TSX},
	{"json", JSON},         {"jsonc", JSON},        {"json5", JSON},        {"geojson", JSON},
	{"yaml", YAML},         {"yml", YAML},          {"html", HTML},         {"htm", HTML},
	{"xhtml", HTML},        {"xml", XML},           {"svg", XML},           {"xsl", XML},
	{"xslt", XML},          {"xsd", XML},           {"plist", XML},         {"rss", XML},
	{"css", CSS},           {"c", C},               {"h", C},               {"java", JAVA},
	{"go", GO},             {"golang", GO},         {"sql", SQL},           {"postgres", SQL},
	{"postgresql", SQL},    {"psql", SQL},          {"pgsql", SQL},         {"plpgsql", SQL},
	{"mysql", SQL},         {"mariadb", SQL},       {"sqlite", SQL},        {"plsql", SQL},
	{"tsql", SQL},          {"mssql", SQL},
};

size_t hl_language_count(void)
{
	return sizeof languages / sizeof languages[0];
}

const struct hl_language *hl_language_at(size_t index)
{
	return index < hl_language_count() ? &languages[index] : NULL;
}

const struct hl_language *hl_language_named(const char *tag, size_t len)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strlen(aliases[i].tag) == len && strncasecmp(aliases[i].tag, tag, len) == 0)
			return &languages[aliases[i].language];
	return NULL;
}

/* The interpreter's name, the last word of #!/bin/bash or #!/usr/bin/env
 * python3 -u (its options left out), without a version: python3.11 -> python. */
const struct hl_language *hl_language_of_shebang(const char *code, size_t len)
{
	if (len < 3 || code[0] != '#' || code[1] != '!')
		return NULL;
	size_t end = 2;
	while (end < len && code[end] != '\n')
		end++;
	const char *word = NULL;
	size_t word_len = 0;
	for (size_t i = 2; i < end;) {
		while (i < end && (code[i] == ' ' || code[i] == '\t'))
			i++;
		size_t start = i;
		while (i < end && code[i] != ' ' && code[i] != '\t')
			i++;
		if (i == start || code[start] == '-')
			continue;
		const char *slash = memchr(code + start, '/', i - start);
		while (slash) { /* the base name */
			start = (size_t)(slash - code) + 1;
			slash = memchr(code + start, '/', i - start);
		}
		if (i - start == 3 && memcmp(code + start, "env", 3) == 0)
			continue;
		word = code + start;
		word_len = i - start;
		break;
	}
	if (!word)
		return NULL;
	static const char *const names[] = {"python", "bash", "sh", "zsh", "ksh", "dash", "node"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n = strlen(names[i]);
		if (word_len >= n && memcmp(word, names[i], n) == 0 &&
		    strspn(word + n, "0123456789.") == word_len - n)
			return hl_language_named(names[i], n);
	}
	return NULL;
}

/* Capture names (tree-sitter's and nvim's conventions) by their first part;
 * a few second parts say more than the first. */
static const struct {
	const char *capture;
	const char *kind;
} kinds[] = {
	{"string.escape", "escape"},  {"string.special.key", "property"},
	{"keyword", "keyword"},       {"conditional", "keyword"},
	{"repeat", "keyword"},        {"include", "keyword"},
	{"exception", "keyword"},     {"storageclass", "keyword"},
	{"string", "string"},         {"character", "string"},
	{"escape", "escape"},         {"number", "number"},
	{"float", "number"},          {"comment", "comment"},
	{"function", "function"},     {"method", "function"},
	{"constructor", "type"},      {"type", "type"},
	{"constant", "constant"},     {"boolean", "constant"},
	{"operator", "operator"},     {"punctuation", "punctuation"},
	{"delimiter", "punctuation"}, {"variable", "variable"},
	{"parameter", "variable"},    {"property", "property"},
	{"field", "property"},        {"tag", "tag"},
	{"attribute", "attribute"},   {"label", "label"},
	{"module", "module"},         {"namespace", "module"},
};

const char *hl_kind_of_capture(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i].capture);
		if (len >= n && memcmp(name, kinds[i].capture, n) == 0 && (len == n || name[n] == '.'))
			return kinds[i].kind;
	}
	return NULL;
}
