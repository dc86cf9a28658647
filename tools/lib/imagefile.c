/* imagefile: safe lookup and reading of the images a guide names. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "imagefile.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int imagefile_folder(struct image_folder *folder, const char *option, const char *tree_path)
{
	memset(folder, 0, sizeof *folder);
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

/* Reads a regular file of at most MAX bytes. O_NOFOLLOW: the path is resolved
 * already, so a link here can only be one swapped in since. */
static int read_regular(const char *path, size_t max, struct image_file *image, const char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	*why = "cannot be read";
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		if (S_ISREG(st.st_mode))
			*why = "is too large";
		close(fd);
		return -1;
	}
	size_t size = (size_t)st.st_size, used = 0;
	image->data = malloc(size ? size : 1);
	while (image->data && used < size) {
		ssize_t n = read(fd, image->data + used, size - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	image->len = used;
	return image->data && used == size ? 0 : -1;
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
	if (!image->path || read_regular(image->path, max, image, why) != 0) {
		imagefile_free(image);
		return -1;
	}
	if (recognise(image) != 0) {
		*why = "is not a PNG, JPEG or GIF image; convert it";
		imagefile_free(image);
		return -1;
	}
	return 0;
}

void imagefile_free(struct image_file *image)
{
	free(image->path);
	free(image->data);
	memset(image, 0, sizeof *image);
}
