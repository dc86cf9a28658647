/* template.c: the note type's style (card.css) and card templates
 * (card-front.html, card-back.html), loaded from a style folder or the built-in
 * copies, and the templates checked as Anki checks them before it stores a note
 * type: every {{Field}} names a field of "Guide Card" or one of Anki's special
 * fields, every {{#Field}} or {{^Field}} is closed by its {{/Field}} in order,
 * and the front shows at least one field. A template Anki would refuse (or
 * render as an error on every card) is an error here, at its line; this module
 * never changes a template. */
#include "guide2anki/anki.h"
#include "buf.h"
#include "codetheme.h"
#include "diag.h"
#include "style.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define TEMPLATE_MAX_DEPTH 32  /* {{#...}} inside {{#...}} */
#define TEMPLATE_MAX_ERRORS 10 /* reported per template */
#define TEMPLATE_MAX_NAME 200  /* bytes of a field name quoted in a message */

/* What Anki fills in besides the note's fields. */
static const char *const SPECIAL_FIELDS[] = {"FrontSide", "Tags",     "Type",   "Deck",
					     "Subdeck",   "Card",     "CardFlag", "CardID"};

struct open_section {
	const char *name;
	size_t len;
	long line;
};

struct check {
	const char *file;
	int front;
	int errors;
	int shows_field; /* a note field appears */
	struct open_section open[TEMPLATE_MAX_DEPTH];
	int depth;
	int broken; /* sections out of order: later ones would only echo it */
};

static int name_is(const char *name, size_t len, const char *known)
{
	return strlen(known) == len && memcmp(name, known, len) == 0;
}

/* 1: a note field, 2: a special field, 0: neither; *near is a field that differs
 * in case only, for the message. */
static int field_kind(const char *name, size_t len, const char **near)
{
	*near = NULL;
	for (int f = 0; f < ANKI_FIELD_COUNT; f++) {
		if (name_is(name, len, ANKI_FIELD_NAMES[f]))
			return 1;
		if (strlen(ANKI_FIELD_NAMES[f]) == len &&
		    strncasecmp(name, ANKI_FIELD_NAMES[f], len) == 0)
			*near = ANKI_FIELD_NAMES[f];
	}
	for (size_t i = 0; i < sizeof SPECIAL_FIELDS / sizeof *SPECIAL_FIELDS; i++)
		if (name_is(name, len, SPECIAL_FIELDS[i]))
			return 2;
	return 0;
}

static void problem(struct check *c, long line, const char *fmt, const char *name, size_t len,
		    const char *more)
{
	if (++c->errors > TEMPLATE_MAX_ERRORS)
		return;
	char quoted[TEMPLATE_MAX_NAME + 4];
	snprintf(quoted, sizeof quoted, "%.*s%s", (int)(len > TEMPLATE_MAX_NAME ? TEMPLATE_MAX_NAME
										  : len),
		 name, len > TEMPLATE_MAX_NAME ? "..." : "");
	diag_error(c->file, line, fmt, quoted, more);
}

static void trim(const char **text, size_t *len)
{
	while (*len && strchr(" \t\r\n", (*text)[0])) {
		(*text)++;
		(*len)--;
	}
	while (*len && strchr(" \t\r\n", (*text)[*len - 1]))
		(*len)--;
}

/* {{Field}}, {{filter:Field}}, {{filter arg:Field}}: the field is after the last ':'. */
static void check_replacement(struct check *c, const char *tag, size_t len, long line)
{
	const char *field = tag;
	for (size_t i = 0; i < len; i++)
		if (tag[i] == ':')
			field = tag + i + 1;
	size_t field_len = len - (size_t)(field - tag);
	trim(&field, &field_len);
	const char *near;
	int kind = field_kind(field, field_len, &near);
	if (kind == 1)
		c->shows_field = 1;
	else if (kind == 2 && c->front && name_is(field, field_len, "FrontSide"))
		problem(c, line, "{{%s}} shows the front itself%s; it belongs on the back only", field,
			field_len, "");
	else if (kind == 0)
		problem(c, line, "no field of the note type is called '%s'%s", field, field_len,
			near ? "; field names are case-sensitive"
			     : " (fields: Question, Answer, Why, Section, Source)");
}

static void open_section(struct check *c, const char *name, size_t len, long line)
{
	const char *near;
	if (field_kind(name, len, &near) == 0)
		problem(c, line, "{{#%s}} tests no field of the note type%s", name, len,
			near ? "; field names are case-sensitive" : "");
	if (c->depth == TEMPLATE_MAX_DEPTH) {
		problem(c, line, "{{#%s}} is nested too deeply%s", name, len,
			" (at most 32 sections inside one another)");
		return;
	}
	c->open[c->depth++] = (struct open_section){name, len, line};
}

static void close_section(struct check *c, const char *name, size_t len, long line)
{
	if (c->broken)
		return;
	if (c->depth == 0) {
		problem(c, line, "{{/%s}} closes a section that was never opened%s", name, len,
			"; remove it or add {{#...}} before it");
		return;
	}
	const struct open_section *top = &c->open[c->depth - 1];
	if (top->len != len || memcmp(top->name, name, len) != 0) {
		char more[TEMPLATE_MAX_NAME + 64];
		snprintf(more, sizeof more, ", but the open section is {{#%.*s}} of line %ld",
			 (int)(top->len > TEMPLATE_MAX_NAME ? TEMPLATE_MAX_NAME : top->len),
			 top->name, top->line);
		problem(c, line, "{{/%s}} closes a section%s; close sections in the order opened",
			name, len, more);
		c->broken = 1;
	}
	c->depth--;
}

static void check_tag(struct check *c, const char *tag, size_t len, long line)
{
	trim(&tag, &len);
	char kind = len ? tag[0] : '\0';
	if (kind == '#' || kind == '^' || kind == '/' || kind == '=') {
		tag++;
		len--;
		trim(&tag, &len);
	}
	if (kind == '=')
		problem(c, line, "{{=%s}} changes the tag delimiters%s; keep {{ and }}", tag, len,
			", which guide2anki does not support");
	else if (len == 0)
		problem(c, line, "an empty tag {{%s}}%s; write a field name inside", "", 0, "");
	else if (kind == '#' || kind == '^')
		open_section(c, tag, len, line);
	else if (kind == '/')
		close_section(c, tag, len, line);
	else
		check_replacement(c, tag, len, line);
}

int anki_template_check(const char *file, const char *text, int front)
{
	struct check c;
	memset(&c, 0, sizeof c);
	c.file = file;
	c.front = front;
	long line = 1;
	const char *p = text;
	while (c.errors <= TEMPLATE_MAX_ERRORS) {
		const char *start = strstr(p, "{{");
		if (!start)
			break;
		for (; p < start; p++)
			line += *p == '\n';
		const char *end = strstr(start + 2, "}}");
		if (!end) {
			problem(&c, line, "'{{' is never closed by '}}'%s%s", "", 0,
				"; close the tag or write the brace as &#123;");
			break;
		}
		check_tag(&c, start + 2, (size_t)(end - start - 2), line);
		for (; p < end; p++)
			line += *p == '\n';
		p = end + 2;
	}
	for (int i = c.depth - 1; i >= 0 && !c.broken && c.errors <= TEMPLATE_MAX_ERRORS; i--)
		problem(&c, c.open[i].line, "{{#%s}} is never closed%s", c.open[i].name,
			c.open[i].len, "; add {{/...}} with its name");
	if (front && !c.shows_field && c.errors == 0)
		problem(&c, 1, "the front shows no field%s%s", "", 0,
			" (Anki would make no card); add {{Question}}");
	return c.errors ? -1 : 0;
}

/* The name a template is reported under: DIR/NAME when it came from there. */
static void template_file(char *out, size_t size, const char *dir, const char *name)
{
	struct stat st;
	snprintf(out, size, "%s/%s", dir ? dir : "", name);
	if (!dir || stat(out, &st) != 0)
		snprintf(out, size, "%s", name);
}

/* The code tokens' colours after card.css: the light theme, and the dark one
 * in Anki's night mode (.nightMode; .night_mode in older versions). */
static int add_code_css(char **css, const char *dir)
{
	struct code_theme light, dark;
	if (code_theme_load(dir, "light", &light) != 0 || code_theme_load(dir, "dark", &dark) != 0)
		return -1;
	struct buf out;
	buf_init(&out);
	buf_puts(&out, *css);
	buf_puts(&out, "\n/* Code tokens, from styles/code-light.conf and code-dark.conf. */\n");
	code_theme_css(&out, &light, "", "pre.code");
	code_theme_css(&out, &dark, ".nightMode ", "pre.code");
	code_theme_css(&out, &dark, ".night_mode ", "pre.code");
	if (out.failed) {
		buf_free(&out);
		return -1;
	}
	free(*css);
	*css = out.data;
	return 0;
}

int anki_template_load(struct anki_deck_set *set, const char *dir)
{
	size_t len;
	if (style_load(dir, "card.css", &set->css, &len) != 0 || add_code_css(&set->css, dir) != 0 ||
	    style_load(dir, "card-front.html", &set->front, &len) != 0 ||
	    style_load(dir, "card-back.html", &set->back, &len) != 0)
		return -1;
	char front[4096], back[4096];
	template_file(front, sizeof front, dir, "card-front.html");
	template_file(back, sizeof back, dir, "card-back.html");
	int front_ok = anki_template_check(front, set->front, 1);
	int back_ok = anki_template_check(back, set->back, 0);
	return front_ok == 0 && back_ok == 0 ? 0 : 1;
}
