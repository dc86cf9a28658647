/* settings.c: the handout's settings, read from the style file handout.conf.
 *
 * Owns: the paper, margins, font sizes, spacings and colours of the handout
 * (struct pdf_settings), with their built-in defaults and the checks that
 * they leave room for text. Never: draws, or opens fonts (font.c reads the
 * font_ keys of the same file); a bad value is an error that names the
 * style file, not a silent fallback.
 *
 * The style file itself is read by tools/lib/style.c (built-in copy, or
 * --styles DIR/handout.conf); here it becomes numbers. */
#include "guide2pdf/handout.h"

#include "diag.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STYLE_FILE "handout.conf"
/* Paper sizes in points (1/72 inch): ISO A4, 210 x 297 mm, and US letter. */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89
#define LETTER_WIDTH 612.0
#define LETTER_HEIGHT 792.0

/* Only #rrggbb: the form the style file documents, and one that cannot be
 * misread (no names, no short #rgb). */
static int parse_color(const struct style_conf *conf, const char *key, const char *fallback,
		       struct pdf_color *color)
{
	const char *value = style_conf_get(conf, key, fallback);
	unsigned rgb;
	if (value[0] != '#' || strlen(value) != 7 || sscanf(value + 1, "%6x", &rgb) != 1) {
		diag_error(conf->name, 0, "%s: expected a colour as #rrggbb, got '%s'", key, value);
		return -1;
	}
	color->r = ((rgb >> 16) & 0xFF) / 255.0;
	color->g = ((rgb >> 8) & 0xFF) / 255.0;
	color->b = (rgb & 0xFF) / 255.0;
	return 0;
}

static int load_paper(struct pdf_settings *s, const struct style_conf *conf, const char *paper)
{
	paper = paper ? paper : style_conf_get(conf, "paper", "a4");
	if (strcmp(paper, "a4") == 0) {
		s->page_width = A4_WIDTH;
		s->page_height = A4_HEIGHT;
	} else if (strcmp(paper, "letter") == 0) {
		s->page_width = LETTER_WIDTH;
		s->page_height = LETTER_HEIGHT;
	} else {
		diag_error(conf->name, 0, "paper '%s' is not known; use a4 or letter", paper);
		return -1;
	}
	return 0;
}

static int load_numbers(struct pdf_settings *s, const struct style_conf *conf)
{
	double drill_lines = 0;
	const struct {
		const char *key;
		double fallback;
		double *value;
	} numbers[] = {
		{"margin_top", 64, &s->margin_top},
		{"margin_bottom", 56, &s->margin_bottom},
		{"margin_left", 60, &s->margin_left},
		{"margin_right", 60, &s->margin_right},
		{"body_size", 10, &s->body_size},
		{"code_size", 8.5, &s->code_size},
		{"small_size", 8.5, &s->small_size},
		{"title_size", 26, &s->title_size},
		{"section_size", 18, &s->heading_size[0]},
		{"question_size", 13, &s->heading_size[1]},
		{"heading_size", 12, &s->heading_size[2]},
		{"minor_heading_size", 10.5, &s->heading_size[3]},
		{"line_spacing", 1.4, &s->line_spacing},
		{"code_spacing", 1.18, &s->code_spacing},
		{"paragraph_gap", 6, &s->paragraph_gap},
		{"code_padding", 6, &s->code_padding},
		{"drill_lines", 6, &drill_lines},
	};
	int ok = 1;
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
		*numbers[i].value = style_conf_number(conf, numbers[i].key, numbers[i].fallback, &ok);
	/* More than 40 ruled lines would not fit one question on a page. */
	s->drill_lines = (int)fmin(fmax(drill_lines, 0), 40);
	if (!ok)
		return -1;
	/* At least two inches (144 pt) of text each way, and type large enough
	 * to read: less leaves pages that cannot hold a line. */
	if (s->body_size < 4 || s->code_size < 4 || s->line_spacing < 1 || s->code_spacing < 1 ||
	    s->margin_left + s->margin_right > s->page_width - 144 ||
	    s->margin_top + s->margin_bottom > s->page_height - 144) {
		diag_error(conf->name, 0, "sizes or margins leave no room for text; check the "
					  "margins, font sizes and spacings");
		return -1;
	}
	return 0;
}

static int load_colors(struct pdf_settings *s, const struct style_conf *conf)
{
	const struct {
		const char *key, *fallback;
		struct pdf_color *color;
	} colors[] = {
		{"color_text", "#1a1a1a", &s->text},
		{"color_heading", "#1f3a5f", &s->heading},
		{"color_link", "#1a56a8", &s->link},
		{"color_code_background", "#f2f4f7", &s->code_background},
		{"color_code_text", "#202428", &s->code_text},
		{"color_rule", "#9aa5b1", &s->rule},
		{"color_muted", "#5f6b76", &s->muted},
		{"color_accent", "#9c4221", &s->accent},
		{"color_why", "#3d4a57", &s->why},
	};
	for (size_t i = 0; i < sizeof colors / sizeof colors[0]; i++)
		if (parse_color(conf, colors[i].key, colors[i].fallback, colors[i].color) != 0)
			return -1;
	return 0;
}

static int load_settings(struct pdf_settings *s, const struct style_conf *conf, const char *paper)
{
	if (load_paper(s, conf, paper) != 0 || load_numbers(s, conf) != 0)
		return -1;
	return load_colors(s, conf);
}

static struct pdf_color pdf_color_of(unsigned rgb)
{
	return (struct pdf_color){((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
				  (rgb & 0xFF) / 255.0};
}

/* code_theme names styles/code-NAME.conf: the code box's background and text,
 * and each token's colour, weight and slant (in the monospace face's bold and
 * italic cuts). "none" keeps color_code_background and color_code_text, and
 * tokens in them, upright and regular. */
static int load_code_theme(struct pdf_settings *s, const struct style_conf *conf, const char *dir)
{
	struct code_theme theme;
	for (int i = 0; i < CODE_KINDS; i++) {
		s->code_kind[i] = s->code_text;
		s->code_kind_face[i] = FACE_MONO;
	}
	int found = code_theme_of_style(conf, dir, &theme);
	if (found <= 0)
		return found;
	s->code_background = pdf_color_of(theme.background.rgb);
	s->code_text = pdf_color_of(theme.text.rgb);
	for (int i = 0; i < CODE_KINDS; i++) {
		s->code_kind[i] = pdf_color_of(theme.kind[i].rgb);
		s->code_kind_face[i] = face_mono_look(theme.kind[i].bold, theme.kind[i].italic);
	}
	return 0;
}

/* The style file's name in messages: the file read, or the built-in copy's name. */
static char *style_name(const char *dir)
{
	if (!dir)
		return strdup(STYLE_FILE);
	size_t need = strlen(dir) + sizeof STYLE_FILE + 1;
	char *path = malloc(need);
	if (path) {
		snprintf(path, need, "%s/%s", dir, STYLE_FILE);
		if (access(path, F_OK) != 0)
			snprintf(path, need, "%s", STYLE_FILE);
	}
	return path;
}

int settings_load(const char *styles, const char *paper, struct style_conf *conf, char **name,
		  struct pdf_settings *set)
{
	char *text;
	size_t len;
	if (style_load(styles, STYLE_FILE, &text, &len) != 0)
		return -1;
	*name = style_name(styles);
	int status = *name ? style_conf_parse(conf, *name, text) : -1;
	free(text);
	if (status != 0 || load_settings(set, conf, paper) != 0)
		return -1;
	return load_code_theme(set, conf, styles);
}
