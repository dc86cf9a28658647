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

/* A source path the guide may use: relative, no "..", no backslash, no scheme. */
static int relative_path_ok(const char *src)
{
	if (!*src || src[0] == '/' || strchr(src, '\\') || strchr(src, ':'))
		return 0;
	const char *p = src;
	while (*p) {
		size_t n = strcspn(p, "/");
		if ((n == 2 && strncmp(p, "..", 2) == 0) || n == 0)
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
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

/* True when PATH, with every link resolved, lies inside BASE_DIR. */
static int inside(const char *base_dir, const char *path)
{
	char base_real[PATH_MAX], path_real[PATH_MAX];
	if (!realpath(base_dir, base_real) || !realpath(path, path_real))
		return 0;
	size_t n = strlen(base_real);
	if (n == 1) /* "/" */
		return 1;
	return strncmp(base_real, path_real, n) == 0 && path_real[n] == '/';
}

/* Names the image at PATH by its content and adds it once. */
static const char *pack_image(struct anki_deck_set *set, const char *src, const char *path,
			      const char **problem)
{
	char *data;
	size_t len;
	if (input_read(path, path, ANKI_MAX_MEDIA_BYTES, &data, &len) != 0) {
		*problem = "cannot be read";
		return NULL;
	}
	struct buf name;
	buf_init(&name);
	media_name(src, anki_hash64(data, len), &name);
	free(data);
	const char *result = NULL;
	for (size_t i = 0; i < set->media_count && !result && !name.failed; i++)
		if (strcmp(set->media[i].name, name.data) == 0)
			result = set->media[i].name;
	struct anki_media *added = result || name.failed ? NULL : media_add(set, name.data, path);
	if (added)
		result = added->name;
	else if (!result)
		*problem = "cannot be packed: too many media files or out of memory";
	buf_free(&name);
	return result;
}

const char *anki_media_image(struct anki_deck_set *set, const char *base_dir, const char *src,
			     const char **problem)
{
	if (!relative_path_ok(src)) {
		*problem = "is not a relative path inside the guide's folder";
		return NULL;
	}
	struct buf path;
	buf_init(&path);
	buf_printf(&path, "%s/%s", base_dir, src);
	const char *result = NULL;
	struct stat st;
	if (path.failed) {
		*problem = "cannot be packed: out of memory";
	} else if (stat(path.data, &st) != 0) {
		*problem = errno == ENOENT ? "was not found" : "cannot be read";
	} else if (!S_ISREG(st.st_mode) || !inside(base_dir, path.data)) {
		*problem = "is not a file inside the guide's folder";
	} else if ((size_t)st.st_size > ANKI_MAX_MEDIA_BYTES) {
		*problem = "is larger than the limit for one media file";
	} else {
		result = pack_image(set, src, path.data, problem);
	}
	buf_free(&path);
	return result;
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
