/* assets: what the book carries besides its text: images from the guide's
 * folder, the monospace font code is set in, and the style sheets.
 *
 * Images are read only from inside the guide's folder (after resolving
 * symbolic links), only in formats every EPUB reader must show (PNG, JPEG,
 * GIF; recognised by their bytes, not their names), and packed under names
 * made of safe characters. Anything else is a warning and the reader sees the
 * image's alt text instead. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "guide2epub/book.h"

#include "diag.h"
#include "fontfind.h"
#include "input.h"
#include "codetheme.h"
#include "style.h"
#include "subset.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The code font: its family (what the CSS names) and its file in the book. */
#define CODE_FONT_FAMILY "DejaVu Sans Mono"
#define CODE_FONT_HREF "fonts/DejaVuSansMono.ttf"
#define CODE_FONT_MAX_BYTES ((size_t)8 << 20)
/* Longest part of an image's own name kept in its name in the book. */
#define IMAGE_STEM_MAX 40

/* The name an image gets in the book: "images/N-STEM.EXT", STEM made of
 * letters, digits, '-' and '_' from the file's own name. */
static char *image_href(struct epub_book *book, const char *path, const char *ext)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char stem[IMAGE_STEM_MAX + 1];
	size_t n = 0;
	for (const char *c = base; *c && *c != '.' && n < IMAGE_STEM_MAX; c++) {
		int safe = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			   (*c >= '0' && *c <= '9') || *c == '-' || *c == '_';
		stem[n++] = safe ? *c : '_';
	}
	stem[n] = '\0';
	char *href = malloc(n + 64);
	if (href)
		snprintf(href, n + 64, "images/%d-%s.%s", ++book->image_count, n ? stem : "image",
			 ext);
	return href;
}

/* Reads and adds the image SRC names. Returns its href, or NULL after setting
 * *WHY. */
static char *image_load(struct epub_book *book, const char *src, const char **why)
{
	struct image_file image;
	if (imagefile_load(&book->images_from, src, EPUB_MAX_IMAGE_BYTES, &image, why) != 0)
		return NULL;
	char *href = image_href(book, image.path, image.ext);
	if (!href) {
		imagefile_free(&image);
		book->failed = 1;
		return NULL;
	}
	char id[32];
	snprintf(id, sizeof id, "image-%d", book->image_count);
	struct epub_file *file =
		epub_add_file(book, href, id, image.media_type, image.data, image.len);
	image.data = NULL; /* the book owns it now, even when adding failed */
	imagefile_free(&image);
	if (!file) {
		free(href);
		return NULL;
	}
	return href;
}

const char *epub_pack_image(struct epub_book *book, const char *src, long line)
{
	src = imagefile_first_name(&book->images_from, src); /* one entry per file */
	/* Each image is read once; a failed one is remembered (value NULL) so every
	 * use of it is reported, with its own line. */
	struct strmap_entry *seen = strmap_find(&book->images, src);
	if (seen) {
		if (!seen->value)
			diag_warning(book->source, line,
				     "image '%s' is not in the book (see above); it shows its alt text",
				     src);
		return seen->value;
	}
	const char *why = NULL;
	char *href = image_load(book, src, &why);
	seen = strmap_insert(&book->images, src);
	if (!seen) {
		free(href);
		book->failed = 1;
		return NULL;
	}
	seen->value = href;
	if (!href)
		diag_warning(book->source, line, "image '%s' %s; the book shows its alt text", src,
			     why);
	return href;
}

/* Cuts the code font down to the characters of the guide's text (a superset
 * of its code: a style sheet may set more than code in this font). A font
 * HarfBuzz cannot cut is embedded whole, with a warning. Takes DATA. */
static int cut_font(struct epub_book *book, const char *path, unsigned char **data, size_t *len)
{
	struct subset_chars *chars = subset_chars_new();
	xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(book->tree));
	int status = chars && text ? subset_chars_add_text(chars, (const char *)text,
							   strlen((const char *)text))
				   : -1;
	xmlFree(text);
	unsigned char *cut = NULL;
	size_t cut_len = 0;
	if (status == 0 && subset_font(*data, *len, chars, &cut, &cut_len) == 0) {
		free(*data);
		*data = cut;
		*len = cut_len;
	} else if (status == 0) {
		diag_warning(path, 0, "cannot cut this font down to the book's characters; it "
				      "is embedded whole");
	}
	subset_chars_free(chars);
	if (status != 0)
		diag_fatal("out of memory");
	return status;
}

int epub_embed_font(struct epub_book *book)
{
	char *path = fontfind_file(CODE_FONT_FAMILY);
	unsigned char *data = NULL;
	size_t len = 0;
	struct stat st;
	const char *why;
	if (!path || input_read_regular(path, 0, CODE_FONT_MAX_BYTES, &data, &len, &st, &why) != 0) {
		diag_warning(NULL, 0,
			     "font '%s' not found (install fonts-dejavu-core); the book embeds no "
			     "code font, and readers without one lose diagram lines",
			     CODE_FONT_FAMILY);
		free(path);
		return 0;
	}
	int cut = cut_font(book, path, &data, &len);
	free(path);
	if (cut != 0) {
		free(data);
		return -1;
	}
	if (!epub_add_file(book, CODE_FONT_HREF, "font-code", "font/ttf", data, len))
		return -1;
	static const char FACE[] = "/* The embedded code font: it has the box-drawing characters"
				   " diagrams use. */\n"
				   "@font-face {\n"
				   "  font-family: \"" CODE_FONT_FAMILY "\";\n"
				   "  font-style: normal;\n"
				   "  font-weight: normal;\n"
				   "  src: url(\"../" CODE_FONT_HREF "\");\n"
				   "}\n";
	unsigned char *css = (unsigned char *)strdup(FACE);
	if (!css || !epub_add_file(book, "styles/fonts.css", "style-fonts", "text/css", css,
				   strlen(FACE)))
		return -1;
	book->has_font = 1;
	return 0;
}

/* The code tokens' colours, from the light theme, and from the dark one
 * where the reader asks for a dark page (styles/code-*.conf). */
static int add_code_styles(struct epub_book *book)
{
	struct code_theme light, dark;
	if (code_theme_load(book->styles_dir, "light", &light) != 0 ||
	    code_theme_load(book->styles_dir, "dark", &dark) != 0)
		return -1;
	struct buf css;
	buf_init(&css);
	buf_puts(&css, "/* Code tokens, written from styles/code-light.conf and code-dark.conf. */\n");
	code_theme_css(&css, &light, "", "pre.code");
	buf_puts(&css, "@media (prefers-color-scheme: dark) {\n");
	code_theme_css(&css, &dark, "", "pre.code");
	buf_puts(&css, "}\n");
	if (css.failed) {
		buf_free(&css);
		return -1;
	}
	return epub_add_file(book, "styles/code.css", "style-code", "text/css",
			     (unsigned char *)css.data, css.len)
		       ? 0
		       : -1;
}

int epub_add_styles(struct epub_book *book)
{
	char *css = NULL;
	size_t len = 0;
	if (style_load(book->styles_dir, "book.css", &css, &len) != 0)
		return -1;
	if (!epub_add_file(book, "styles/book.css", "style-book", "text/css", (unsigned char *)css,
			   len))
		return -1;
	return add_code_styles(book);
}
