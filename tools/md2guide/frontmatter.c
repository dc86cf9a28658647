/* frontmatter: YAML front matter at the top of a guide ("---", YAML, "---" or
 * "..."), as static-site generators and note apps write it, after a UTF-8 BOM
 * too, with any line ends (LF, CRLF, CR). Markdown would read it as a rule
 * and a heading, so it is taken out before parsing: its lines are blanked
 * (line numbers stay right) and the keys a guide uses are kept. libyaml reads
 * it, so nesting, lists, block scalars and quoting all mean what YAML says;
 * only the top-level keys below are looked at, and nothing is ever expanded
 * (an alias is skipped, never followed). Malformed YAML is a warning at its
 * line; the block is still left out of the text. Never reads past the
 * closing fence, never fails the conversion. */
#include "md2guide.h"
#include "diag.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define FRONTMATTER_MAX_LINES 1000 /* a closing fence further down: not front matter */
#define FRONTMATTER_MAX_DEPTH 32   /* YAML nesting followed before giving up */
#define FRONTMATTER_MAX_TAGS 100

static const char BOM[] = "\xEF\xBB\xBF";

/* Length of the line at P (to END), and *NEXT set past its line end. */
static size_t line_at(const char *p, const char *end, const char **next)
{
	const char *q = p;
	while (q < end && *q != '\n' && *q != '\r')
		q++;
	size_t len = (size_t)(q - p);
	if (q < end && *q == '\r')
		q++;
	if (q < end && *q == '\n' && (q == p + len || q[-1] == '\r'))
		q++;
	*next = q;
	return len;
}

static int is_fence(const char *line, size_t len, const char *fence)
{
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	return len == 3 && memcmp(line, fence, 3) == 0;
}

/* A first content line like "key:" or "key: value": the block is YAML front
 * matter, not a thematic break over Markdown. */
static int looks_keyed(const char *line, size_t len)
{
	if (len == 0 || !(isalpha((unsigned char)line[0]) || line[0] == '"' || line[0] == '\''))
		return 0;
	const char *colon = memchr(line, ':', len);
	return colon && (colon + 1 == line + len || colon[1] == ' ' || colon[1] == '\t');
}

/* ---- reading the YAML --------------------------------------------------- */

struct reader {
	yaml_parser_t parser;
	struct frontmatter *fm;
	const char *name;
	long first_line; /* line of the first YAML line in the file */
};

static int next_event(struct reader *r, yaml_event_t *event)
{
	if (yaml_parser_parse(&r->parser, event))
		return 0;
	const yaml_mark_t *mark = &r->parser.problem_mark;
	diag_warning(r->name, r->first_line + (long)mark->line,
		     "front matter is not valid YAML: %s%s%s; it is left out of the text",
		     r->parser.problem ? r->parser.problem : "unreadable",
		     r->parser.context ? " " : "", r->parser.context ? r->parser.context : "");
	return -1;
}

static char *scalar_copy(const yaml_event_t *event)
{
	const char *value = (const char *)event->data.scalar.value;
	size_t len = event->data.scalar.length;
	while (len > 0 && isspace((unsigned char)value[len - 1]))
		len--; /* a block scalar's last newline */
	return len && !memchr(value, '\0', len) ? strndup(value, len) : NULL;
}

/* Skips the rest of a collection whose start event was just read. */
static int skip_collection(struct reader *r)
{
	int depth = 1;
	while (depth > 0) {
		yaml_event_t event;
		if (next_event(r, &event) != 0)
			return -1;
		if (event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT)
			depth--;
		yaml_event_delete(&event);
		if (depth > FRONTMATTER_MAX_DEPTH) {
			diag_warning(r->name, r->first_line, "front matter nested more than %d levels "
					   "deep; the rest of it is ignored", FRONTMATTER_MAX_DEPTH);
			return -1;
		}
	}
	return 0;
}

/* The scalars of a sequence (its start event just read), nested
 * collections skipped. */
static int read_list(struct reader *r, char ***items, size_t *count)
{
	for (;;) {
		yaml_event_t event;
		if (next_event(r, &event) != 0)
			return -1;
		yaml_event_type_t type = event.type;
		char *item = type == YAML_SCALAR_EVENT ? scalar_copy(&event) : NULL;
		yaml_event_delete(&event);
		if (type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if ((type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) &&
		    skip_collection(r) != 0)
			return -1;
		if (!item)
			continue;
		char **more = *count < FRONTMATTER_MAX_TAGS
				      ? realloc(*items, (*count + 1) * sizeof **items) : NULL;
		if (!more) {
			free(item);
			continue;
		}
		*items = more;
		(*items)[(*count)++] = item;
	}
}

static void free_list(char **items, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(items[i]);
	free(items);
}

/* ITEMS joined with SEPARATOR, or NULL. */
static char *join(char **items, size_t count, const char *separator)
{
	size_t len = 1;
	for (size_t i = 0; i < count; i++)
		len += strlen(items[i]) + strlen(separator);
	char *out = count ? malloc(len) : NULL;
	if (!out)
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		if (i)
			strcat(out, separator);
		strcat(out, items[i]);
	}
	return out;
}

/* One shape of the questions rule: heading, heading:N (1-6), bold, list,
 * details, label, table, none. */
static int rule_part_valid(const char *part, size_t len)
{
	static const char *const shapes[] = {"heading", "bold",  "list", "details",
					     "label",   "table", "none"};
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
		size_t n = strlen(shapes[i]);
		if (len == n && strncmp(part, shapes[i], n) == 0)
			return 1;
	}
	return len == 9 && strncmp(part, "heading:", 8) == 0 && part[8] >= '1' && part[8] <= '6';
}

/* "questions": one shape, or a list of two (stored as "A,B"). */
static void keep_questions(struct reader *r, char **items, size_t count, long line)
{
	int valid = count >= 1 && count <= 2;
	for (size_t i = 0; valid && i < count; i++)
		valid = rule_part_valid(items[i], strlen(items[i]));
	if (count == 2 && valid && (strcmp(items[0], "none") == 0 || strcmp(items[1], "none") == 0))
		valid = 0;
	if (!valid) {
		diag_warning(r->name, line, "front matter questions: give one of heading, "
				 "heading:N, bold, list, details, label, table, none, or a list of "
				 "two; ignored");
		return;
	}
	free(r->fm->questions_rule);
	r->fm->questions_rule = join(items, count, ",");
}

/* Stores the value of KEY (its first event, VALUE, just read). */
static int keep_value(struct reader *r, const char *key, yaml_event_t *value)
{
	struct frontmatter *fm = r->fm;
	char **scalar_slot = strcmp(key, "title") == 0         ? &fm->title
			     : strcmp(key, "subtitle") == 0    ? &fm->subtitle
			     : strcmp(key, "lang") == 0        ? &fm->lang
			     : strcmp(key, "description") == 0 ? &fm->description
							       : NULL;
	long line = r->first_line + (long)value->start_mark.line;
	char **items = NULL;
	size_t count = 0;
	if (value->type == YAML_SCALAR_EVENT) {
		char *one = scalar_copy(value);
		if (one && !(items = malloc(sizeof *items)))
			free(one);
		else if (one)
			items[count++] = one;
	} else if (value->type == YAML_SEQUENCE_START_EVENT) {
		if (read_list(r, &items, &count) != 0) {
			free_list(items, count);
			return -1;
		}
	} else if (value->type == YAML_MAPPING_START_EVENT) {
		return skip_collection(r);
	}
	if (scalar_slot && count > 0 && !*scalar_slot)
		*scalar_slot = join(items, count, " ");
	else if (strcmp(key, "author") == 0 && count > 0 && !fm->author)
		fm->author = join(items, count, ", ");
	else if (strcmp(key, "questions") == 0)
		keep_questions(r, items, count, line);
	else if (strcmp(key, "tags") == 0 && !fm->tags) {
		fm->tags = items;
		fm->tag_count = count;
		items = NULL;
		count = 0;
	}
	free_list(items, count);
	return 0;
}

/* The top-level mapping, key by key. */
static void read_mapping(struct reader *r)
{
	for (;;) {
		yaml_event_t key, value;
		if (next_event(r, &key) != 0)
			return;
		if (key.type != YAML_SCALAR_EVENT) {
			int end = key.type == YAML_MAPPING_END_EVENT;
			int collection = key.type == YAML_SEQUENCE_START_EVENT ||
					 key.type == YAML_MAPPING_START_EVENT;
			yaml_event_delete(&key);
			if (end || (collection && skip_collection(r) != 0))
				return;
			if (next_event(r, &value) != 0)
				return;
			int skipped = (value.type == YAML_SEQUENCE_START_EVENT ||
				       value.type == YAML_MAPPING_START_EVENT) && skip_collection(r) != 0;
			yaml_event_delete(&value);
			if (skipped)
				return;
			continue;
		}
		char *name = strndup((const char *)key.data.scalar.value, key.data.scalar.length);
		yaml_event_delete(&key);
		if (!name || next_event(r, &value) != 0) {
			free(name);
			return;
		}
		int status = keep_value(r, name, &value);
		yaml_event_delete(&value);
		free(name);
		if (status != 0)
			return;
	}
}

static void read_yaml(struct frontmatter *fm, const char *name, long first_line,
		      const char *yaml, size_t len)
{
	struct reader r = {.fm = fm, .name = name, .first_line = first_line};
	if (!yaml_parser_initialize(&r.parser))
		return;
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	yaml_event_t event;
	int status = 0;
	/* Stream start, document start (none in an empty block), then the top. */
	for (int i = 0; i < 3 && status == 0; i++) {
		if ((status = next_event(&r, &event)) != 0)
			break;
		yaml_event_type_t type = event.type;
		long line = first_line + (long)event.start_mark.line;
		yaml_event_delete(&event);
		if (type == YAML_MAPPING_START_EVENT) {
			read_mapping(&r);
			break;
		}
		if (type == YAML_STREAM_END_EVENT || type == YAML_DOCUMENT_END_EVENT)
			break;
		if (i == 2 || (type != YAML_STREAM_START_EVENT && type != YAML_DOCUMENT_START_EVENT)) {
			diag_warning(name, line, "front matter is not a set of \"key: value\" lines; "
					   "it is left out of the text");
			break;
		}
	}
	yaml_parser_delete(&r.parser);
}

/* ---- finding and blanking the block ------------------------------------- */

int frontmatter_take(const char *name, char *text, size_t len, struct frontmatter *fm)
{
	memset(fm, 0, sizeof *fm);
	const char *end = text + len, *p = text, *next;
	if (len >= 3 && memcmp(p, BOM, 3) == 0)
		p += 3;
	if (!is_fence(p, line_at(p, end, &next), "---"))
		return 0;
	const char *yaml = next, *first_content = NULL;
	long line = 2;
	for (p = next; p < end && line <= FRONTMATTER_MAX_LINES; p = next, line++) {
		size_t line_len = line_at(p, end, &next);
		if (is_fence(p, line_len, "---") || is_fence(p, line_len, "...")) {
			if (!first_content)
				return 0; /* two rules, not front matter */
			read_yaml(fm, name, 2, yaml, (size_t)(p - yaml));
			/* Blank everything up to the closing fence, line ends kept. */
			for (char *q = text; q < p + line_len; q++)
				if (*q != '\n' && *q != '\r')
					*q = ' ';
			return 1;
		}
		const char *content = p;
		while (content < p + line_len && (*content == ' ' || *content == '\t'))
			content++;
		if (!first_content && content < p + line_len && *content != '#') {
			if (content != p || !looks_keyed(p, line_len))
				return 0; /* Markdown after a thematic break */
			first_content = p;
		}
	}
	return 0;
}

int frontmatter_tagged(const struct frontmatter *fm, const char *tag)
{
	size_t len = strlen(tag);
	for (size_t i = 0; fm && i < fm->tag_count; i++)
		if (fm->tags[i] && strncmp(fm->tags[i], tag, len) == 0 &&
		    (fm->tags[i][len] == '\0' || fm->tags[i][len] == '/'))
			return 1;
	return 0;
}

void frontmatter_free(struct frontmatter *fm)
{
	free(fm->title);
	free(fm->subtitle);
	free(fm->author);
	free(fm->lang);
	free(fm->description);
	free(fm->questions_rule);
	free_list(fm->tags, fm->tag_count);
	memset(fm, 0, sizeof *fm);
}
