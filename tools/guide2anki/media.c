/* media.c: the files a deck carries besides its notes. Images the guide shows
 * are packed under safe, single-component names (Anki has no folders, and a name
 * with "/" or ".." fails the import); the monospace font for code blocks is
 * packed as "_guide-mono.ttf" (a leading "_" makes Anki keep it though no field
 * names it). */
/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include "guide2anki/anki.h"
#include "buf.h"
#include "diag.h"
#include "fontfind.h"
#include "input.h"

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
	struct stat st;
	int status = 0;
	if (stat(found, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > ANKI_MAX_MEDIA_BYTES) {
		diag_warning(found, 0, "cannot use this font file; code blocks use the device's "
				       "monospace font");
		status = -1;
	} else if (!media_add(set, ANKI_FONT_MEDIA_NAME, found)) {
		diag_fatal("out of memory");
		status = -1;
	}
	free(found);
	return status;
}
