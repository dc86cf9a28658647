/* media.c: the files a deck carries besides its notes. Images the guide shows
 * are packed under safe, single-component names (Anki has no folders, and a name
 * with "/" or ".." fails the import); the monospace font for code blocks is
 * packed as "_guide-mono-HASH.ttf" (a leading "_" makes Anki keep it though no field
 * names it), cut down to the deck's characters and named by its content. */
/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include "guide2anki/anki.h"
#include "buf.h"
#include "diag.h"
#include "fontfind.h"
#include "input.h"
#include "subset.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct anki_media *media_add(struct anki_deck_set *set, const char *name, const char *path)
{
	if (set->media_count >= ANKI_MAX_MEDIA)
		return NULL;
	struct anki_media *all = anki_grow(set->media, &set->media_cap, set->media_count,
					   sizeof *all);
	if (!all)
		return NULL;
	set->media = all;
	struct anki_media *media = &set->media[set->media_count];
	media->name = strdup(name);
	media->path = strdup(path);
	media->data = NULL;
	media->len = 0;
	if (!media->name || !media->path) {
		free(media->name);
		free(media->path);
		return NULL;
	}
	set->media_count++;
	return media;
}

static int name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.';
}

/* The media name: the file's own name reduced to [A-Za-z0-9._-], with 8 hex
 * digits of its content's hash before the extension. Two different images both
 * called "a.png" stay apart, and an image whose content changes gets a new name,
 * so the notes that show it change too and Anki takes the new file on import.
 * Never starts with '_' (kept always) or '.' (hidden). */
static void media_name(const char *src, unsigned long long content_hash, struct buf *name)
{
	const char *base = strrchr(src, '/');
	base = base ? base + 1 : src;
	const char *dot = strrchr(base, '.');
	if (dot == base || (dot && strlen(dot) > 8))
		dot = NULL;
	size_t stem_len = dot ? (size_t)(dot - base) : strlen(base);
	if (stem_len > 64)
		stem_len = 64;
	buf_puts(name, "guide-");
	for (size_t i = 0; i < stem_len; i++)
		buf_putc(name, name_char((unsigned char)base[i]) ? base[i] : '_');
	buf_printf(name, "-%08llx", content_hash >> 32);
	for (const char *p = dot; p && *p; p++)
		buf_putc(name, name_char((unsigned char)*p) ? *p : '_');
}

/* Names the image by its content and adds it once. */
static const char *pack_image(struct anki_deck_set *set, const char *src,
			      const struct image_file *image, const char **problem)
{
	struct buf name;
	buf_init(&name);
	media_name(src, anki_hash64((const char *)image->data, image->len), &name);
	const char *result = NULL;
	for (size_t i = 0; i < set->media_count && !result && !name.failed; i++)
		if (strcmp(set->media[i].name, name.data) == 0)
			result = set->media[i].name;
	struct anki_media *added =
		result || name.failed ? NULL : media_add(set, name.data, image->path);
	if (added)
		result = added->name;
	else if (!result)
		*problem = "cannot be packed: too many media files or out of memory";
	buf_free(&name);
	return result;
}

const char *anki_media_image(struct anki_deck_set *set, const struct image_folder *folder,
			     const char *src, const char **problem)
{
	src = imagefile_first_name(folder, src); /* one media file per file */
	struct image_file image;
	if (imagefile_load(folder, src, ANKI_MAX_MEDIA_BYTES, &image, problem) != 0)
		return NULL;
	const char *name = pack_image(set, src, &image, problem);
	imagefile_free(&image);
	return name;
}

/* The characters of every field of every note: the deck's one font serves
 * them all. NULL when memory is short. */
static struct subset_chars *deck_chars(const struct anki_deck_set *set)
{
	struct subset_chars *chars = subset_chars_new();
	for (size_t i = 0; chars && i < set->note_count; i++)
		for (int f = 0; f < ANKI_FIELD_COUNT; f++) {
			const char *field = set->notes[i].fields[f];
			if (field && subset_chars_add_text(chars, field, strlen(field)) != 0) {
				subset_chars_free(chars);
				return NULL;
			}
		}
	return chars;
}

/* Cuts the font in *DATA down to the deck's characters; a font HarfBuzz cannot
 * cut is packed whole, with a warning. Returns 0, or -1 when memory is short. */
static int cut_font(const struct anki_deck_set *set, const char *path, unsigned char **data,
		    size_t *len)
{
	struct subset_chars *chars = deck_chars(set);
	if (!chars)
		return -1;
	unsigned char *cut = NULL;
	size_t cut_len = 0;
	if (subset_font(*data, *len, chars, &cut, &cut_len) == 0) {
		free(*data);
		*data = cut;
		*len = cut_len;
	} else {
		diag_warning(path, 0, "cannot cut this font down to the deck's characters; it is "
				      "packed whole");
	}
	subset_chars_free(chars);
	return 0;
}

/* The note type's style names the font as ANKI_FONT_MEDIA_NAME; it is packed
 * under a name made from its content instead, and the style says that name.
 * Anki never replaces a media file it already has (an earlier export's font,
 * cut to other characters): a new cut must come under a new name. The style
 * then changes too, so the note type's mod moves and Anki takes the new one. */
static int rename_in_style(struct anki_deck_set *set, const char *name)
{
	if (!strstr(set->css, ANKI_FONT_MEDIA_NAME))
		return 0; /* a style of the user's own that loads no font */
	struct buf css;
	buf_init(&css);
	const char *at = set->css;
	for (const char *hit; (hit = strstr(at, ANKI_FONT_MEDIA_NAME)) != NULL;
	     at = hit + strlen(ANKI_FONT_MEDIA_NAME)) {
		buf_put(&css, at, (size_t)(hit - at));
		buf_puts(&css, name);
	}
	buf_puts(&css, at);
	if (css.failed) {
		buf_free(&css);
		return -1;
	}
	free(set->css);
	set->css = css.data; /* the buffer's NUL-terminated storage, now the set's */
	return 0;
}

/* Packs the font at PATH, cut down, named by its content. */
static int pack_font(struct anki_deck_set *set, const char *path)
{
	unsigned char *data = NULL;
	size_t len = 0;
	struct stat st;
	const char *why = NULL;
	if (input_read_regular(path, 0, ANKI_MAX_MEDIA_BYTES, &data, &len, &st, &why) != 0) {
		diag_warning(path, 0, "this font file %s; code blocks use the device's monospace "
				      "font", why);
		return -1;
	}
	char name[64];
	struct anki_media *media = NULL;
	if (cut_font(set, path, &data, &len) == 0) {
		snprintf(name, sizeof name, ANKI_FONT_MEDIA_STEM "-%08llx.ttf",
			 anki_hash64((const char *)data, len) >> 32);
		media = rename_in_style(set, name) == 0 ? media_add(set, name, path) : NULL;
	}
	if (!media) {
		free(data);
		diag_fatal("out of memory");
		return -1;
	}
	media->data = data;
	media->len = len;
	return 0;
}

int anki_media_font(struct anki_deck_set *set, const char *font_file)
{
	/* Only DejaVu Sans Mono itself: fontconfig's substitute for a missing family
	 * could be proportional, which would misalign the diagrams. */
	char *found = font_file ? strdup(font_file) : fontfind_file("DejaVu Sans Mono");
	if (!found) {
		diag_warning(NULL, 0, "the font \"DejaVu Sans Mono\" was not found (install "
				      "fonts-dejavu-core, or give --font FILE); code blocks use the "
				      "device's monospace font");
		return -1;
	}
	int status = pack_font(set, found);
	free(found);
	return status;
}
