/* package.c: the .apkg itself, a zip holding collection.anki2, the "media" map
 * ({"0": "name", ...}, "{}" when empty) and one numbered member per media file.
 * Every member gets the export time as its date, so a rebuild is byte-identical. */
#include "guide2anki/anki.h"
#include "atomic.h"
#include "buf.h"
#include "diag.h"
#include "input.h"
#include "zipentry.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
		char *data;
		size_t len;
		if (input_read(set->media[i].path, set->media[i].path, ANKI_MAX_MEDIA_BYTES, &data,
			       &len) != 0)
			return -1;
		char member[32];
		snprintf(member, sizeof member, "%zu", i);
		int status = add_member(zip, deflater, member, data, len, set->timestamp, path);
		free(data);
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

int anki_package_read_collection(const char *path, unsigned char **data, size_t *len)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 1;
	int error = 0;
	zip_t *zip = zip_open(path, ZIP_RDONLY, &error);
	zip_stat_t info;
	zip_file_t *member = NULL;
	int status = -1;
	if (zip && zip_stat(zip, "collection.anki2", 0, &info) == 0 &&
	    (info.valid & ZIP_STAT_SIZE) && info.size <= (zip_uint64_t)1 << 30 &&
	    (member = zip_fopen(zip, "collection.anki2", 0)) != NULL) {
		*len = (size_t)info.size;
		*data = malloc(*len ? *len : 1);
		if (*data && zip_fread(member, *data, info.size) == (zip_int64_t)info.size)
			status = 0;
	}
	if (status != 0) {
		diag_warning(path, 0, "the previous deck is not an Anki package; every note gets "
				      "the export time as its mod");
		if (member)
			free(*data);
	}
	if (member)
		zip_fclose(member);
	if (zip)
		zip_close(zip);
	return status;
}
