/* imagefile: safe lookup and reading of the images a guide names, and the
 * ledger of the files one output has read. Never decodes pixels: the size comes
 * from the header, so a back end can refuse an image before it decodes it. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "imagefile.h"
#include "diag.h"
#include "input.h"
#include "strmap.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One file, by device and inode: the first name it was asked for, and whether
 * its bytes and pixels count in the totals yet. */
struct ledger_file {
	char *first_src;
	int counted;
};

struct image_ledger {
	struct strmap files; /* "DEV:INODE" -> struct ledger_file */
	struct strmap names; /* each src asked for -> its struct ledger_file */
	size_t total_bytes;
	unsigned long long total_pixels;
	char why[200]; /* the last formatted reason */
};

int imagefile_folder(struct image_folder *folder, const char *option, const char *tree_path)
{
	memset(folder, 0, sizeof *folder);
	folder->ledger = calloc(1, sizeof *folder->ledger);
	if (!folder->ledger) {
		diag_fatal("out of memory");
		return -1;
	}
	strmap_init(&folder->ledger->files);
	strmap_init(&folder->ledger->names);
	const char *slash = tree_path && strcmp(tree_path, "-") != 0 ? strrchr(tree_path, '/')
								     : NULL;
	if (option)
		folder->dir = strdup(option);
	else if (slash)
		folder->dir = slash == tree_path ? strdup("/")
						 : strndup(tree_path, (size_t)(slash - tree_path));
	else
		folder->dir = strdup(".");
	if (!folder->dir) {
		diag_fatal("out of memory");
		imagefile_folder_free(folder);
		return -1;
	}
	folder->real = realpath(folder->dir, NULL);
	if (!folder->real) {
		diag_error(folder->dir, 0, "cannot use this folder for images: %s", strerror(errno));
		imagefile_folder_free(folder);
		return -1;
	}
	return 0;
}

void imagefile_folder_free(struct image_folder *folder)
{
	if (folder->ledger) {
		struct strmap *files = &folder->ledger->files;
		for (size_t i = 0; i < files->cap; i++) {
			struct ledger_file *file = files->entries[i].value;
			if (file)
				free(file->first_src);
			free(file);
		}
		strmap_free(files);
		strmap_free(&folder->ledger->names);
		free(folder->ledger);
	}
	free(folder->dir);
	free(folder->real);
	memset(folder, 0, sizeof *folder);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int escapes_folder(const char *path, size_t len)
{
	return len == 0 || strlen(path) != len || path[0] == '/' || strcmp(path, "..") == 0 ||
	       strncmp(path, "../", 3) == 0 || strstr(path, "/../") ||
	       (len >= 3 && strcmp(path + len - 3, "/..") == 0);
}

/* SRC as a relative file path: query and fragment cut, %XX decoded. NULL when
 * it is not one (a URL, an absolute path, a ".." step, a NUL byte). */
static char *relative_path(const char *src, const char **why)
{
	size_t scheme = strcspn(src, ":/?#");
	if (src[scheme] == ':' || strncmp(src, "//", 2) == 0) {
		*why = "is not a file in the guide's folder (remote images are not read)";
		return NULL;
	}
	size_t len = strcspn(src, "?#");
	char *path = malloc(len + 1);
	if (!path) {
		*why = "cannot be read: out of memory";
		return NULL;
	}
	size_t out = 0;
	for (size_t i = 0; i < len; i++) {
		int high = src[i] == '%' && i + 2 < len ? hex_value(src[i + 1]) : -1;
		int low = high >= 0 ? hex_value(src[i + 2]) : -1;
		if (low >= 0) {
			path[out++] = (char)(high * 16 + low);
			i += 2;
		} else {
			path[out++] = src[i];
		}
	}
	path[out] = '\0';
	if (escapes_folder(path, out)) {
		*why = "is outside the guide's folder, so it is not read";
		free(path);
		return NULL;
	}
	return path;
}

/* The real path of PATH inside FOLDER, or NULL with *WHY set. */
static char *inside_path(const struct image_folder *folder, const char *path, const char **why)
{
	size_t need = strlen(folder->dir) + strlen(path) + 2;
	char *joined = malloc(need);
	if (!joined) {
		*why = "cannot be read: out of memory";
		return NULL;
	}
	snprintf(joined, need, "%s/%s", folder->dir, path);
	char *real = realpath(joined, NULL);
	free(joined);
	if (!real) {
		*why = "was not found";
		return NULL;
	}
	size_t dir_len = strlen(folder->real);
	int root = strcmp(folder->real, "/") == 0;
	if (!root && (strncmp(real, folder->real, dir_len) != 0 || real[dir_len] != '/')) {
		*why = "leads outside the guide's folder (a symbolic link), so it is not read";
		free(real);
		return NULL;
	}
	return real;
}

/* "DEV:INODE", the ledger's key for a file. */
static void file_key(const struct stat *st, char key[48])
{
	snprintf(key, 48, "%" PRIxMAX ":%" PRIxMAX, (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
}

/* The ledger's entry for the file of ST, created (first named SRC) if new. */
static struct ledger_file *ledger_entry(struct image_ledger *ledger, const struct stat *st,
					const char *src)
{
	char key[48];
	file_key(st, key);
	struct strmap_entry *entry = strmap_find(&ledger->files, key);
	if (entry)
		return entry->value;
	struct ledger_file *file = calloc(1, sizeof *file);
	char *first = strdup(src);
	entry = file && first ? strmap_insert(&ledger->files, key) : NULL;
	if (!entry) {
		free(file);
		free(first);
		return NULL;
	}
	file->first_src = first;
	entry->value = file;
	return file;
}

const char *imagefile_first_name(const struct image_folder *folder, const char *src)
{
	if (!folder->ledger)
		return src;
	/* A name asked for before costs no path resolution: a guide may show one
	 * image 100,000 times. */
	struct strmap_entry *known = strmap_find(&folder->ledger->names, src);
	if (known)
		return ((struct ledger_file *)known->value)->first_src;
	const char *why;
	char *path = relative_path(src, &why);
	char *real = path ? inside_path(folder, path, &why) : NULL;
	free(path);
	struct stat st;
	struct ledger_file *file =
		real && stat(real, &st) == 0 ? ledger_entry(folder->ledger, &st, src) : NULL;
	free(real);
	if (!file)
		return src;
	known = strmap_insert(&folder->ledger->names, src);
	if (known)
		known->value = file;
	return file->first_src;
}

static unsigned long big_endian(const unsigned char *p, int bytes)
{
	unsigned long value = 0;
	for (int i = 0; i < bytes; i++)
		value = value << 8 | p[i];
	return value;
}

/* PNG: the IHDR chunk comes first, right after the signature. */
static int png_size(const struct image_file *image)
{
	const unsigned char *d = image->data;
	return image->len >= 24 && memcmp(d + 12, "IHDR", 4) == 0 ? 0 : -1;
}

/* JPEG: the first SOFn segment before the scan (SOS) holds the size. Returns
 * its offset, or 0 when there is none. */
static size_t jpeg_sof(const unsigned char *d, size_t len)
{
	size_t at = 2;
	while (at + 4 <= len) {
		if (d[at] != 0xFF)
			return 0;
		unsigned char marker = d[at + 1];
		if (marker == 0xFF) { /* fill byte */
			at++;
			continue;
		}
		if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
			at += 2;
			continue;
		}
		if (marker == 0xDA || marker == 0xD9)
			return 0;
		size_t length = big_endian(d + at + 2, 2);
		int sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
			  marker != 0xCC;
		if (sof)
			return length >= 7 && at + 2 + length <= len ? at + 2 : 0;
		if (length < 2)
			return 0;
		at += 2 + length;
	}
	return 0;
}

/* The width and height from the header, or -1 with *WHY set. */
static int read_size(struct image_file *image, const char **why)
{
	const unsigned char *d = image->data;
	*why = "cannot be decoded: its header is cut short or damaged";
	if (strcmp(image->ext, "png") == 0) {
		if (png_size(image) != 0)
			return -1;
		image->width = big_endian(d + 16, 4);
		image->height = big_endian(d + 20, 4);
	} else if (strcmp(image->ext, "jpg") == 0) {
		size_t sof = jpeg_sof(d, image->len);
		if (!sof) {
			*why = "is a JPEG with no frame header (SOF marker), so it cannot be shown";
			return -1;
		}
		image->height = big_endian(d + sof + 3, 2);
		image->width = big_endian(d + sof + 5, 2);
	} else {
		if (image->len < 10)
			return -1;
		image->width = (unsigned long)d[6] | (unsigned long)d[7] << 8;
		image->height = (unsigned long)d[8] | (unsigned long)d[9] << 8;
	}
	if (image->width == 0 || image->height == 0) {
		*why = "has a size of 0 pixels in its header, so it cannot be shown";
		return -1;
	}
	return 0;
}

/* Refuses an image over the per-image limit, or one that would take the
 * output over its totals; counts a file once however often it is read. */
static int check_limits(struct image_ledger *ledger, struct image_file *image,
			const struct stat *st, const char *src, const char **why)
{
	unsigned long long pixels = (unsigned long long)image->width * image->height;
	if (pixels > IMAGE_MAX_PIXELS) {
		snprintf(ledger->why, sizeof ledger->why,
			 "is %lux%lu pixels, over the limit of %llu pixels per image "
			 "(IMAGE_MAX_PIXELS); scale it down",
			 image->width, image->height, IMAGE_MAX_PIXELS);
		*why = ledger->why;
		return -1;
	}
	struct ledger_file *file = ledger_entry(ledger, st, src);
	if (!file) {
		*why = "cannot be read: out of memory";
		return -1;
	}
	if (file->counted)
		return 0;
	if (ledger->total_bytes + image->len > IMAGE_MAX_TOTAL_BYTES ||
	    ledger->total_pixels + pixels > IMAGE_MAX_TOTAL_PIXELS) {
		snprintf(ledger->why, sizeof ledger->why,
			 "would take the images of this output over %zu MiB or %llu pixels "
			 "(IMAGE_MAX_TOTAL_BYTES, IMAGE_MAX_TOTAL_PIXELS); use fewer or smaller "
			 "images",
			 IMAGE_MAX_TOTAL_BYTES >> 20, IMAGE_MAX_TOTAL_PIXELS);
		*why = ledger->why;
		return -1;
	}
	ledger->total_bytes += image->len;
	ledger->total_pixels += pixels;
	file->counted = 1;
	return 0;
}

static int recognise(struct image_file *image)
{
	const unsigned char *d = image->data;
	size_t len = image->len;
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
		image->media_type = "image/png";
		image->ext = "png";
	} else if (len >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0) {
		image->media_type = "image/jpeg";
		image->ext = "jpg";
	} else if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)) {
		image->media_type = "image/gif";
		image->ext = "gif";
	} else {
		return -1;
	}
	return 0;
}

int imagefile_load(const struct image_folder *folder, const char *src, size_t max,
		   struct image_file *image, const char **why)
{
	memset(image, 0, sizeof *image);
	char *path = relative_path(src, why);
	image->path = path ? inside_path(folder, path, why) : NULL;
	free(path);
	/* O_NOFOLLOW: the path is resolved already, so a link here can only be one
	 * swapped in since. */
	struct stat st;
	int status = image->path ? input_read_regular(image->path, O_NOFOLLOW, max, &image->data,
						      &image->len, &st, why)
				 : -1;
	if (status == 0 && recognise(image) != 0) {
		*why = "is not a PNG, JPEG or GIF image; convert it";
		status = -1;
	}
	if (status == 0)
		status = read_size(image, why);
	if (status == 0 && folder->ledger)
		status = check_limits(folder->ledger, image, &st, src, why);
	if (status != 0)
		imagefile_free(image);
	return status;
}

void imagefile_free(struct image_file *image)
{
	free(image->path);
	free(image->data);
	memset(image, 0, sizeof *image);
}

/* Only what the schema lets through: digits, and a '%' after them. */
static int is_length(const char *value)
{
	size_t digits = value ? strspn(value, "0123456789") : 0;
	return digits > 0 && digits <= 5 &&
	       (value[digits] == '\0' || (value[digits] == '%' && value[digits + 1] == '\0'));
}

void imagefile_size_style(const char *width, const char *height, char *out, size_t size)
{
	char max_width[48] = "", max_height[32] = "";
	if (is_length(width) && strchr(width, '%'))
		snprintf(max_width, sizeof max_width, "max-width: %s;", width);
	else if (is_length(width))
		snprintf(max_width, sizeof max_width, "max-width: min(100%%, %spx);", width);
	if (is_length(height) && !strchr(height, '%'))
		snprintf(max_height, sizeof max_height, "max-height: %spx;", height);
	snprintf(out, size, "%s%s%s", max_width, *max_width && *max_height ? " " : "",
		 max_height);
}
