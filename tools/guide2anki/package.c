/* package.c: the .apkg itself, a zip holding collection.anki2, the "media" map
 * ({"0": "name", ...}, "{}" when empty) and one numbered member per media file.
 * Every member gets the export time as its date, so a rebuild is byte-identical. */
#include "guide2anki/anki.h"
#include "atomic.h"
#include "buf.h"
#include "diag.h"
#include "input.h"
#include "zipentry.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/* The media map as JSON. Names are our own safe ones ([A-Za-z0-9._-]), so they
 * need no escaping. */
static void media_map(const struct anki_deck_set *set, struct buf *out)
{
	buf_putc(out, '{');
	for (size_t i = 0; i < set->media_count; i++)
		buf_printf(out, "%s\"%zu\":\"%s\"", i ? "," : "", i, set->media[i].name);
	buf_putc(out, '}');
}

/* Adds DATA as member NAME, deflated now (the caller keeps DATA). Returns 0,
 * or -1 after reporting. */
static int add_member(zip_t *zip, struct zipentry_deflater *deflater, const char *name,
		      const void *data, size_t len, long long mtime, const char *path)
{
	if (zipentry_add(zip, deflater, name, data, len, (time_t)mtime) < 0) {
		diag_error(path, 0, "cannot add %s: %s", name, zip_strerror(zip));
		return -1;
	}
	return 0;
}

static int add_media(zip_t *zip, struct zipentry_deflater *deflater,
		     const struct anki_deck_set *set, const char *path)
{
	for (size_t i = 0; i < set->media_count; i++) {
		const struct anki_media *media = &set->media[i];
		char *read = NULL;
		size_t len = media->len;
		if (!media->data && input_read(media->path, media->path, ANKI_MAX_MEDIA_BYTES,
					       &read, &len) != 0)
			return -1;
		char member[32];
		snprintf(member, sizeof member, "%zu", i);
		int status = add_member(zip, deflater, member, media->data ? (const void *)media->data
									 : read,
					len, set->timestamp, path);
		free(read);
		if (status != 0)
			return -1;
	}
	return 0;
}

static int fill_zip(zip_t *zip, struct zipentry_deflater *deflater,
		    const struct anki_deck_set *set, const char *path,
		    const unsigned char *collection, size_t collection_len)
{
	if (add_member(zip, deflater, "collection.anki2", collection, collection_len,
		       set->timestamp, path) != 0)
		return -1;
	struct buf map;
	buf_init(&map);
	media_map(set, &map);
	if (map.failed) {
		buf_free(&map);
		diag_fatal("out of memory");
		return -1;
	}
	int status = add_member(zip, deflater, "media", map.data, map.len, set->timestamp, path);
	buf_free(&map);
	return status == 0 ? add_media(zip, deflater, set, path) : -1;
}

static int write_zip(const struct anki_deck_set *set, const char *path, const char *temp_path,
		     unsigned char *collection, size_t collection_len)
{
	int error = 0;
	zip_t *zip = zip_open(temp_path, ZIP_CREATE | ZIP_TRUNCATE, &error);
	if (!zip) {
		zip_error_t err;
		zip_error_init_with_code(&err, error);
		diag_error(path, 0, "cannot write the package: %s", zip_error_strerror(&err));
		zip_error_fini(&err);
		return -1;
	}
	struct zipentry_deflater *deflater = zipentry_deflater_new();
	if (!deflater) {
		diag_fatal("out of memory");
		zip_discard(zip);
		return -1;
	}
	int filled = fill_zip(zip, deflater, set, path, collection, collection_len);
	zipentry_deflater_free(deflater);
	if (filled != 0) {
		zip_discard(zip);
		return -1;
	}
	if (zip_close(zip) != 0) {
		diag_error(path, 0, "cannot write the package: %s", zip_strerror(zip));
		zip_discard(zip);
		return -1;
	}
	return 0;
}

int anki_package_write(const struct anki_deck_set *set, const char *path)
{
	unsigned char *collection;
	size_t collection_len;
	if (anki_collection_build(set, &collection, &collection_len) != 0)
		return -1;
	struct atomic_file out;
	int status = atomic_open_path(&out, path);
	if (status == 0) {
		status = write_zip(set, path, out.temp_path, collection, collection_len);
		if (status == 0)
			status = atomic_commit(&out);
		else
			atomic_abort(&out);
	}
	sqlite3_free(collection);
	return status;
}

/* Why the previous package cannot be used, as a warning; always -1. */
static int previous_unusable(const char *path, const char *why)
{
	diag_warning(path, 0, "the previous deck is not a usable Anki package (%s); every note "
			      "gets the export time as its mod",
		     why);
	return -1;
}

/* Reads the member collection.anki2 of ZIP into a malloc'd buffer, at most
 * ANKI_MAX_PREVIOUS_BYTES, whatever sizes the archive claims. Returns NULL, or
 * why not (and *data stays NULL). */
static const char *read_member(zip_t *zip, unsigned char **data, size_t *len)
{
	zip_stat_t info;
	if (zip_stat(zip, "collection.anki2", 0, &info) != 0 || !(info.valid & ZIP_STAT_SIZE))
		return "it holds no collection.anki2";
	if (info.size > ANKI_MAX_PREVIOUS_BYTES)
		return "its collection.anki2 is over " ANKI_MAX_PREVIOUS_TEXT;
	zip_file_t *member = zip_fopen(zip, "collection.anki2", 0);
	if (!member)
		return "its collection.anki2 cannot be opened";
	unsigned char *bytes = malloc(info.size ? (size_t)info.size : 1);
	const char *problem = bytes ? NULL : "out of memory";
	unsigned char extra;
	/* The read past the end returns 0 only when the data inflated to the size
	 * claimed and its CRC matched. */
	if (bytes && (zip_fread(member, bytes, info.size) != (zip_int64_t)info.size ||
		      zip_fread(member, &extra, 1) != 0))
		problem = "its collection.anki2 cannot be read in full: damaged data or a changing "
			  "file";
	zip_fclose(member);
	if (problem) {
		free(bytes);
		return problem;
	}
	*data = bytes;
	*len = (size_t)info.size;
	return NULL;
}

int anki_package_read_collection(const char *path, unsigned char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	/* Never blocks on a FIFO; reads one file even when PATH is replaced meanwhile. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : previous_unusable(path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return previous_unusable(path, "not a regular file");
	}
	int error = 0;
	zip_t *zip = zip_fdopen(fd, 0, &error);
	if (!zip) {
		close(fd);
		return previous_unusable(path, "not a zip archive");
	}
	const char *problem = read_member(zip, data, len);
	zip_discard(zip);
	return problem ? previous_unusable(path, problem) : 0;
}
