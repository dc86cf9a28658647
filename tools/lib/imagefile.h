/* imagefile: the images a guide shows, read safely by every back end.
 *
 * A guide names images by relative paths ("img/diagram.png"). Downloaded
 * guides may instead name "../../etc/passwd", "/etc/shadow", "file:///..." or a
 * symbolic link that leads out of their folder; none of those is ever read.
 * An image is read only when its real path (links resolved) lies inside the
 * image folder, and only as PNG, JPEG or GIF recognised by its bytes. */
#ifndef GUIDE_IMAGEFILE_H
#define GUIDE_IMAGEFILE_H

#include <stddef.h>

struct image_folder {
	char *dir;  /* as given */
	char *real; /* with links resolved */
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
};

/* Reads the image SRC (as written in the tree: %XX escapes, ?query and
 * #fragment allowed) from FOLDER, at most MAX bytes. Returns 0, or -1 with *WHY
 * set to a phrase that completes "image 'SRC' ..." (e.g. "was not found"). */
int imagefile_load(const struct image_folder *folder, const char *src, size_t max,
		   struct image_file *image, const char **why);
void imagefile_free(struct image_file *image);

#endif
