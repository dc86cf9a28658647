/* fuzz_folder.h: a private folder for the files of a fuzz target (under
 * /dev/shm, else TMPDIR), removed at exit with the two files it names. Each
 * target includes it once: its functions are static. */
#ifndef FUZZ_FOLDER_H
#define FUZZ_FOLDER_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_folder[256];
static char fuzz_paths[2][300]; /* the input, and an output beside it */

static void fuzz_folder_remove(void)
{
	unlink(fuzz_paths[0]);
	unlink(fuzz_paths[1]);
	rmdir(fuzz_folder);
}

/* Makes the folder once, with fuzz_paths NAME0 and NAME1 in it. Returns 0 or -1. */
static int fuzz_folder_make(const char *name0, const char *name1)
{
	if (fuzz_folder[0])
		return 0;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(fuzz_folder, sizeof fuzz_folder, "%s/guide-fuzz-XXXXXX", base ? base : "/tmp");
	if (!mkdtemp(fuzz_folder))
		return -1;
	snprintf(fuzz_paths[0], sizeof fuzz_paths[0], "%s/%s", fuzz_folder, name0);
	snprintf(fuzz_paths[1], sizeof fuzz_paths[1], "%s/%s", fuzz_folder, name1);
	atexit(fuzz_folder_remove);
	return 0;
}

static int fuzz_folder_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(data, 1, size, f) == size;
	return fclose(f) == 0 && ok ? 0 : -1;
}

#endif
