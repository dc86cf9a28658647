/* style: style files from a folder, with built-in defaults; key = value parsing.
 * A style file comes from the user: it is checked (regular file, text, known
 * keys, numbers in range) and never trusted to be small or well formed. */
#include "style.h"
#include "diag.h"
#include "input.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STYLE_MAX_BYTES ((size_t)16 << 20)
/* Unknown keys given a "did you mean" each; the rest are only counted, so a
 * file of a million unknown keys costs no more than a few. */
#define STYLE_MAX_UNKNOWN_REPORTED 20
/* Keys longer than this are never near a known one. */
#define STYLE_MAX_KEY_COMPARED 64

/* DIR/NAME, which exists: a regular text file, or an error. */
static int read_style_file(const char *path, char **data, size_t *len)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(path, 0, "is not a regular file; a style file must be one");
		return -1;
	}
	if (input_read(path, path, STYLE_MAX_BYTES, data, len) != 0)
		return -1;
	if (strlen(*data) != *len) {
		diag_error(path, 0, "holds a NUL byte: this is a binary file, not a style file; "
				    "restore it from styles/");
		free(*data);
		*data = NULL;
		return -1;
	}
	return 0;
}

int style_load(const char *dir, const char *name, char **data, size_t *len)
{
	if (dir) {
		size_t need = strlen(dir) + strlen(name) + 2;
		char *path = malloc(need);
		if (!path) {
			diag_error(name, 0, "out of memory");
			return -1;
		}
		snprintf(path, need, "%s/%s", dir, name);
		if (access(path, F_OK) == 0) {
			int status = read_style_file(path, data, len);
			free(path);
			return status;
		}
		free(path);
	}
	size_t builtin_len;
	const unsigned char *builtin = style_builtin(name, &builtin_len);
	if (!builtin) {
		diag_error(name, 0, "no such style file, and no built-in default");
		return -1;
	}
	*data = malloc(builtin_len + 1);
	if (!*data) {
		diag_error(name, 0, "out of memory");
		return -1;
	}
	memcpy(*data, builtin, builtin_len);
	(*data)[builtin_len] = '\0';
	*len = builtin_len;
	return 0;
}

static char *trimmed_copy(const char *start, const char *end)
{
	while (start < end && isspace((unsigned char)*start))
		start++;
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	return strndup(start, (size_t)(end - start));
}

static int add_setting(struct style_conf *conf, const char *line, const char *eq,
		       const char *end, long number)
{
	if (conf->count == conf->cap) {
		size_t cap = conf->cap ? conf->cap * 2 : 32;
		struct style_setting *grown = realloc(conf->settings, cap * sizeof *conf->settings);
		if (!grown)
			return -1;
		conf->settings = grown;
		conf->cap = cap;
	}
	struct style_setting *s = &conf->settings[conf->count];
	s->key = trimmed_copy(line, eq);
	s->value = trimmed_copy(eq + 1, end);
	s->line = number;
	if (!s->key || !s->value) {
		free(s->key);
		free(s->value);
		return -1;
	}
	conf->count++;
	return 0;
}

/* A control character (other than tab and the CR of a CRLF line end) marks a
 * binary file, which would otherwise be read as one long setting. */
static int has_control(const char *p, const char *end)
{
	for (; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c < 0x20 && c != '\t' && !(c == '\r' && p + 1 == end)) || c == 0x7F)
			return 1;
	}
	return 0;
}

/* One line: blank, a comment or a setting. Returns 0, or -1 after reporting. */
static int parse_line(struct style_conf *conf, const char *line, const char *end, long number)
{
	const char *p = line;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end || *p == '#')
		return 0;
	if (has_control(p, end)) {
		diag_error(conf->name, number, "this line holds control characters: a binary file, "
					       "not a style file; restore it from styles/");
		return -1;
	}
	const char *eq = memchr(p, '=', (size_t)(end - p));
	if (!eq) {
		diag_error(conf->name, number, "expected 'key = value'");
		return -1;
	}
	if (add_setting(conf, p, eq, end, number) != 0) {
		diag_error(conf->name, number, "out of memory");
		return -1;
	}
	return 0;
}

static int parse_text(struct style_conf *conf, const char *name, const char *text)
{
	memset(conf, 0, sizeof *conf);
	conf->name = name;
	long number = 0;
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		if (parse_line(conf, line, end, ++number) != 0) {
			style_conf_free(conf);
			return -1;
		}
		line = *end ? end + 1 : end;
	}
	return 0;
}

/* Levenshtein distance of A and B, both at most STYLE_MAX_KEY_COMPARED long. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t row[STYLE_MAX_KEY_COMPARED + 1];
	size_t lb = strlen(b);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; a[i - 1]; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t above = row[j];
			size_t best = diagonal + (a[i - 1] != b[j - 1]);
			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[lb];
}

/* The known key nearest KEY, when near enough to be a typo; else NULL. */
static const char *nearest_key(const struct style_conf *known, const char *key)
{
	size_t len = strlen(key);
	if (len > STYLE_MAX_KEY_COMPARED)
		return NULL;
	const char *best = NULL;
	size_t best_distance = len / 3 > 1 ? len / 3 : 1;
	for (size_t i = 0; i < known->count; i++) {
		const char *candidate = known->settings[i].key;
		if (strlen(candidate) > STYLE_MAX_KEY_COMPARED)
			continue;
		size_t distance = edit_distance(key, candidate);
		if (distance <= best_distance) {
			best = candidate;
			best_distance = distance;
		}
	}
	return best;
}

static int is_known(const struct style_conf *known, const char *key)
{
	for (size_t i = 0; i < known->count; i++)
		if (strcmp(known->settings[i].key, key) == 0)
			return 1;
	return 0;
}

/* Warns about every key of CONF the built-in copy of its file lacks. */
static void warn_unknown_keys(const struct style_conf *conf)
{
	const char *base = strrchr(conf->name, '/');
	base = base ? base + 1 : conf->name;
	size_t len;
	const unsigned char *builtin = style_builtin(base, &len);
	char *text = builtin ? strndup((const char *)builtin, len) : NULL;
	struct style_conf known;
	if (!text || parse_text(&known, base, text) != 0) {
		free(text);
		return;
	}
	size_t unknown = 0;
	for (size_t i = 0; i < conf->count; i++) {
		const struct style_setting *s = &conf->settings[i];
		if (is_known(&known, s->key) || ++unknown > STYLE_MAX_UNKNOWN_REPORTED)
			continue;
		const char *near = nearest_key(&known, s->key);
		diag_warning(conf->name, s->line, "unknown setting '%s'%s%s%s; it is ignored",
			     s->key, near ? " (did you mean '" : "", near ? near : "",
			     near ? "'?)" : "");
	}
	if (unknown > STYLE_MAX_UNKNOWN_REPORTED)
		diag_warning(conf->name, 0, "%zu more unknown settings are ignored",
			     unknown - STYLE_MAX_UNKNOWN_REPORTED);
	style_conf_free(&known);
	free(text);
}

int style_conf_parse(struct style_conf *conf, const char *name, const char *text)
{
	if (parse_text(conf, name, text) != 0)
		return -1;
	warn_unknown_keys(conf);
	return 0;
}

void style_conf_free(struct style_conf *conf)
{
	for (size_t i = 0; i < conf->count; i++) {
		free(conf->settings[i].key);
		free(conf->settings[i].value);
	}
	free(conf->settings);
	conf->settings = NULL;
	conf->count = conf->cap = 0;
}

static const struct style_setting *find_setting(const struct style_conf *conf, const char *key)
{
	/* The last definition wins, as in most config files. */
	for (size_t i = conf->count; i-- > 0;)
		if (strcmp(conf->settings[i].key, key) == 0)
			return &conf->settings[i];
	return NULL;
}

const char *style_conf_get(const struct style_conf *conf, const char *key, const char *fallback)
{
	const struct style_setting *s = find_setting(conf, key);
	return s ? s->value : fallback;
}

long style_conf_line(const struct style_conf *conf, const char *key)
{
	const struct style_setting *s = find_setting(conf, key);
	return s ? s->line : 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t len = strlen(s), n = strlen(suffix);
	return len >= n && strcmp(s + len - n, suffix) == 0;
}

double style_conf_number(const struct style_conf *conf, const char *key, double fallback,
			 int *ok)
{
	const struct style_setting *s = find_setting(conf, key);
	if (!s)
		return fallback;
	char *end;
	errno = 0;
	double value = strtod(s->value, &end);
	while (*end && isspace((unsigned char)*end))
		end++;
	if (errno || end == s->value || *end) {
		diag_error(conf->name, s->line, "'%s' must be a number, not '%s'", key, s->value);
		*ok = 0;
		return fallback;
	}
	if (!isfinite(value) || value < 0 || value > STYLE_MAX_NUMBER) {
		diag_error(conf->name, s->line, "'%s' must be a number from 0 to %g, not '%s'", key,
			   STYLE_MAX_NUMBER, s->value);
		*ok = 0;
		return fallback;
	}
	if (value == 0 && (ends_with(key, "_size") || ends_with(key, "_spacing"))) {
		diag_error(conf->name, s->line, "'%s' must be more than 0", key);
		*ok = 0;
		return fallback;
	}
	return value;
}
