/* codetheme: how each kind of code token looks, from styles/code-NAME.conf.
 *
 * Owns: the token kinds the tree's runs name (md2guide writes them, the
 * schema lists them), reading a theme file (a colour #rrggbb per kind, with
 * "bold" and "italic"), and writing a theme as CSS rules for the HTML back
 * ends. Never: knows PDF, EPUB or Anki beyond the CSS selectors it is given. */
#ifndef GUIDE_CODETHEME_H
#define GUIDE_CODETHEME_H

#include "buf.h"

#define CODE_KINDS 16

struct code_look {
	unsigned rgb; /* 0xRRGGBB */
	int bold, italic;
};

struct code_theme {
	struct code_look background, text;
	struct code_look kind[CODE_KINDS];
};

/* The index of a run's kind ("keyword"), or -1 for none (or one not known). */
int code_kind_index(const char *kind);
const char *code_kind_name(int index);

/* Reads the theme NAME ("light", "dark", "greyscale": styles/code-NAME.conf,
 * DIR's copy when DIR holds one). Returns 0, or -1 after reporting the bad
 * line ("FILE:LINE: error: ..."). */
int code_theme_load(const char *dir, const char *name, struct code_theme *theme);

struct style_conf;
/* The theme a style file's code_theme names (default "light"): 1 with THEME
 * filled, 0 for "none" (code keeps the style's own colours), -1 after
 * reporting a bad name or theme file. */
int code_theme_of_style(const struct style_conf *conf, const char *dir, struct code_theme *theme);

/* CSS rules for THEME, each selector SCOPE (may be "") then ".hl-KIND"; the
 * block's own colours go to SCOPE BLOCK (a selector such as "pre.code"). */
void code_theme_css(struct buf *out, const struct code_theme *theme, const char *scope,
		    const char *block);

#endif
