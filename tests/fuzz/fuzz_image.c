/* fuzz_image: a libFuzzer target for the image reader (tools/lib/imagefile.c):
 * any bytes in the image folder, named three ways, are refused with a reason
 * or read as a PNG, JPEG or GIF whose header size is within the limits, and
 * every name of the one file leads to the same first name. */
#include "imagefile.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char folder[256], image_path[300];

static void remove_folder(void)
{
	unlink(image_path);
	rmdir(folder);
}

static void set_up(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(folder, sizeof folder, "%s/guide-fuzz-image-XXXXXX", base);
	if (!mkdtemp(folder))
		abort();
	snprintf(image_path, sizeof image_path, "%s/pic.png", folder);
	atexit(remove_folder);
}

static void check(const struct image_folder *images, const char *src)
{
	struct image_file image;
	const char *why = NULL;
	if (imagefile_load(images, src, (size_t)1 << 20, &image, &why) != 0) {
		if (!why || !*why)
			abort(); /* refused without a reason */
		return;
	}
	unsigned long long pixels = (unsigned long long)image.width * image.height;
	if (!image.media_type || !image.ext || pixels == 0 || pixels > IMAGE_MAX_PIXELS)
		abort();
	imagefile_free(&image);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!folder[0])
		set_up();
	FILE *f = fopen(image_path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	struct image_folder images;
	if (imagefile_folder(&images, folder, NULL) != 0)
		abort();
	const char *names[] = {"pic.png", "pic.png?1", "./pic.png#x"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *first = imagefile_first_name(&images, names[i]);
		if (strcmp(first, "pic.png") != 0)
			abort(); /* one file, one entry */
		check(&images, names[i]);
	}
	imagefile_folder_free(&images);
	return 0;
}
