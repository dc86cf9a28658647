/* style: style files from a folder, with built-in defaults; key = value parsing. */
#include "style.h"
#include "diag.h"
#include "input.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STYLE_MAX_BYTES ((size_t)16 << 20)

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
			int status = input_read(path, path, STYLE_MAX_BYTES, data, len);
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
	struct style_setting *grown =
		realloc(conf->settings, (conf->count + 1) * sizeof *conf->settings);
	if (!grown)
		return -1;
	conf->settings = grown;
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

int style_conf_parse(struct style_conf *conf, const char *name, const char *text)
{
	memset(conf, 0, sizeof *conf);
	conf->name = name;
	long number = 0;
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		number++;
		const char *p = line;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p < end && *p != '#') {
			const char *eq = memchr(p, '=', (size_t)(end - p));
			if (!eq) {
				diag_error(name, number, "expected 'key = value'");
				style_conf_free(conf);
				return -1;
			}
			if (add_setting(conf, p, eq, end, number) != 0) {
				diag_error(name, number, "out of memory");
				style_conf_free(conf);
				return -1;
			}
		}
		line = *end ? end + 1 : end;
	}
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
	conf->count = 0;
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
	return value;
}
