/* imagefile: the images a guide shows, read safely by every back end.
 *
 * A guide names images by relative paths ("img/diagram.png"). Downloaded
 * guides may instead name "../../etc/passwd", "/etc/shadow", "file:///..." or a
 * symbolic link that leads out of their folder; none of those is ever read.
 * An image is read only when its real path (links resolved) lies inside the
 * image folder, only when it is a regular file (a FIFO would block the reader
 * for ever), and only as PNG, JPEG or GIF recognised by its bytes, with a size
 * in its header that is neither 0 nor over IMAGE_MAX_PIXELS.
 *
 * A guide may name one file many times ("pic.png?1", "pic.png?2", "./pic.png"):
 * the folder remembers each file by device and inode, so a back end that asks
 * imagefile_first_name() first reads, decodes and packs it once, and the files
 * of one output together stay under IMAGE_MAX_TOTAL_BYTES and
 * IMAGE_MAX_TOTAL_PIXELS. */
#ifndef GUIDE_IMAGEFILE_H
#define GUIDE_IMAGEFILE_H

#include <stddef.h>

/* The limits on images, per image and per output (the distinct files of one
 * run): a small PNG can claim a size that takes gigabytes to decode or print. */
#define IMAGE_MAX_PIXELS 25000000ULL       /* one image: 5000 x 5000 */
#define IMAGE_MAX_TOTAL_PIXELS 100000000ULL /* all the images of one output */
#define IMAGE_MAX_TOTAL_BYTES ((size_t)128 << 20)

struct image_ledger;

struct image_folder {
	char *dir;  /* as given */
	char *real; /* with links resolved */
	struct image_ledger *ledger; /* the files seen so far (imagefile.c's own) */
};

/* The folder images are read from: OPTION (an --images DIR) when given, else
 * the folder of TREE_PATH (the tree file; "." for stdin). Returns 0, or -1
 * after reporting. */
int imagefile_folder(struct image_folder *folder, const char *option, const char *tree_path);
void imagefile_folder_free(struct image_folder *folder);

struct image_file {
	char *path;             /* the real path that was read */
	unsigned char *data;
	size_t len;
	const char *media_type; /* "image/png", "image/jpeg", "image/gif" */
	const char *ext;        /* "png", "jpg", "gif" */
	unsigned long width, height; /* from its header */
};

/* The SRC under which the file SRC names was first asked for (owned by FOLDER),
 * or SRC itself when it is the first, or does not name a file. A back end that
 * keeps what it made of each image by SRC asks this first, so that every name
 * of one file finds the same entry. */
const char *imagefile_first_name(const struct image_folder *folder, const char *src);

/* Reads the image SRC (as written in the tree: %XX escapes, ?query and
 * #fragment allowed) from FOLDER, at most MAX bytes. Returns 0, or -1 with *WHY
 * set to a phrase that completes "image 'SRC' ..." (e.g. "was not found"; it
 * may live in FOLDER until the next call). */
int imagefile_load(const struct image_folder *folder, const char *src, size_t max,
		   struct image_file *image, const char **why);
void imagefile_free(struct image_file *image);

/* The CSS that shows an image no larger than the <img width> and height the
 * tree gives (WIDTH "120" or "50%", HEIGHT "80"; either may be NULL) and
 * never wider than its column, in OUT (SIZE bytes): "max-width: min(100%,
 * 120px)". "" when the tree gives neither. */
void imagefile_size_style(const char *width, const char *height, char *out, size_t size);

#endif
