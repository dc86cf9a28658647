/* frontmatter: YAML front matter at the top of a guide ("---", key: value
 * lines, "---"), as static-site generators and note apps write it. Markdown
 * would read it as a rule and a heading, so it is taken out before parsing:
 * its lines are blanked (line numbers stay right) and the few keys a guide
 * uses are kept: title, subtitle, author, lang. */
#include "md2guide.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define FRONTMATTER_MAX_LINES 200

static int is_fence(const char *line, size_t len, const char *fence)
{
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
		len--;
	return len == 3 && memcmp(line, fence, 3) == 0;
}

/* Copies VALUE without quotes and surrounding spaces. */
static char *scalar(const char *value, size_t len)
{
	while (len > 0 && isspace((unsigned char)*value)) {
		value++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)value[len - 1]))
		len--;
	if (len >= 2 && (value[0] == '"' || value[0] == '\'') && value[len - 1] == value[0]) {
		value++;
		len -= 2;
	}
	return len ? strndup(value, len) : NULL;
}

static void keep_key(struct frontmatter *fm, const char *line, size_t len)
{
	static const char *const keys[] = {"title", "subtitle", "author", "lang"};
	char **slots[] = {&fm->title, &fm->subtitle, &fm->author, &fm->lang};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		size_t key_len = strlen(keys[i]);
		if (len > key_len && strncmp(line, keys[i], key_len) == 0 && line[key_len] == ':' &&
		    !*slots[i])
			*slots[i] = scalar(line + key_len + 1, len - key_len - 1);
	}
}

int frontmatter_take(char *text, size_t len, struct frontmatter *fm)
{
	memset(fm, 0, sizeof *fm);
	if (len < 4 || strncmp(text, "---", 3) != 0 || !is_fence(text, strcspn(text, "\n"), "---"))
		return 0;
	char *line = strchr(text, '\n');
	for (int n = 0; line && n < FRONTMATTER_MAX_LINES; n++) {
		line++;
		size_t line_len = strcspn(line, "\n");
		if (is_fence(line, line_len, "---") || is_fence(line, line_len, "...")) {
			/* Blank everything up to the closing fence, newlines kept. */
			for (char *p = text; p < line + line_len; p++)
				if (*p != '\n')
					*p = ' ';
			return 1;
		}
		/* Only "key: value" lines, indented continuations, list items,
		 * comments and blank lines belong in front matter; anything else
		 * means this "---" was a thematic break after all. */
		int keyed = isalpha((unsigned char)line[0]) && memchr(line, ':', line_len);
		if (!keyed && line_len > 0 && !isspace((unsigned char)line[0]) && line[0] != '-' &&
		    line[0] != '#') {
			frontmatter_free(fm);
			return 0;
		}
		if (keyed)
			keep_key(fm, line, line_len);
		line = strchr(line, '\n');
	}
	frontmatter_free(fm);
	return 0;
}

void frontmatter_free(struct frontmatter *fm)
{
	free(fm->title);
	free(fm->subtitle);
	free(fm->author);
	free(fm->lang);
	memset(fm, 0, sizeof *fm);
}
