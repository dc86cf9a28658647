/* codetheme.c: see codetheme.h. */
#include "codetheme.h"
#include "diag.h"
#include "style.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The order of tools/guide.rng's token kinds. */
static const char *const kinds[CODE_KINDS] = {
	"keyword",  "string",      "number",   "comment",  "function", "type",
	"constant", "operator",    "punctuation", "variable", "property", "tag",
	"attribute", "escape",     "label",    "module",
};

int code_kind_index(const char *kind)
{
	for (int i = 0; kind && i < CODE_KINDS; i++)
		if (kinds[i][0] == kind[0] && strcmp(kinds[i], kind) == 0)
			return i;
	return -1;
}

const char *code_kind_name(int index)
{
	return index >= 0 && index < CODE_KINDS ? kinds[index] : NULL;
}

/* "#rrggbb", then "bold" and "italic" in any order. */
static int parse_look(const struct style_conf *conf, const char *key, struct code_look *look)
{
	const struct style_setting *setting = NULL;
	for (size_t i = 0; i < conf->count; i++)
		if (strcmp(conf->settings[i].key, key) == 0)
			setting = &conf->settings[i];
	if (!setting) {
		diag_error(conf->name, 0, "%s: no colour given; add '%s = #rrggbb'", key, key);
		return -1;
	}
	const char *v = setting->value;
	int used = 0;
	*look = (struct code_look){0};
	if (v[0] != '#' || sscanf(v + 1, "%6x%n", &look->rgb, &used) != 1 || used != 6)
		goto bad;
	for (const char *p = v + 7; *p;) {
		p += strspn(p, " \t");
		size_t n = strcspn(p, " \t");
		if (n == 4 && strncmp(p, "bold", 4) == 0)
			look->bold = 1;
		else if (n == 6 && strncmp(p, "italic", 6) == 0)
			look->italic = 1;
		else if (n > 0)
			goto bad;
		p += n;
	}
	return 0;
bad:
	diag_error(conf->name, setting->line,
		   "%s: expected a colour as #rrggbb, then bold or italic, got '%s'", key, v);
	return -1;
}

int code_theme_load(const char *dir, const char *name, struct code_theme *theme)
{
	char file[64], *text;
	size_t len;
	snprintf(file, sizeof file, "code-%s.conf", name);
	if (style_load(dir, file, &text, &len) != 0)
		return -1;
	struct style_conf conf = {0};
	int status = style_conf_parse(&conf, file, text);
	if (status == 0)
		status = parse_look(&conf, "background", &theme->background) |
			 parse_look(&conf, "text", &theme->text);
	for (int i = 0; status == 0 && i < CODE_KINDS; i++)
		status = parse_look(&conf, kinds[i], &theme->kind[i]);
	style_conf_free(&conf);
	free(text);
	return status;
}

static void put_look(struct buf *out, const struct code_look *look)
{
	buf_printf(out, "color:#%06x;", look->rgb);
	if (look->bold)
		buf_puts(out, "font-weight:bold;");
	if (look->italic)
		buf_puts(out, "font-style:italic;");
}

void code_theme_css(struct buf *out, const struct code_theme *theme, const char *scope,
		    const char *block)
{
	buf_printf(out, "%s%s{background-color:#%06x;", scope, block, theme->background.rgb);
	put_look(out, &theme->text);
	buf_puts(out, "}\n");
	for (int i = 0; i < CODE_KINDS; i++) {
		buf_printf(out, "%s.hl-%s{", scope, kinds[i]);
		put_look(out, &theme->kind[i]);
		buf_puts(out, "}\n");
	}
}

int code_theme_of_style(const struct style_conf *conf, const char *dir, struct code_theme *theme)
{
	const char *name = style_conf_get(conf, "code_theme", "light");
	if (strcmp(name, "none") == 0)
		return 0;
	if (strspn(name, "abcdefghijklmnopqrstuvwxyz-") != strlen(name) || strlen(name) > 32) {
		diag_error(conf->name, 0, "code_theme '%s' is not a theme's name (light, dark, greyscale, none)", name);
		return -1;
	}
	return code_theme_load(dir, name, theme) == 0 ? 1 : -1;
}
