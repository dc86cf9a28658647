/* package.c: the .apkg itself, a zip holding collection.anki2, the "media" map
 * ({"0": "name", ...}, "{}" when empty) and one numbered member per media file.
 * Every member gets the export time as its date, so a rebuild is byte-identical. */
#include "guide2anki/anki.h"
#include "atomic.h"
#include "deflate.h"
#include "buf.h"
#include "diag.h"
#include "input.h"

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

/* Adds DATA as member NAME; libzip frees DATA when FREE_DATA is set (even when
 * adding fails). Returns 0, or -1 after reporting. */
static int add_member(zip_t *zip, const char *name, void *data, size_t len, int free_data,
		      long long mtime, const char *path)
{
	zip_source_t *source = zip_source_buffer(zip, data, len, free_data);
	if (!source) {
		if (free_data)
			free(data);
		diag_error(path, 0, "cannot add %s: %s", name, zip_strerror(zip));
		return -1;
	}
	zip_int64_t index = zip_file_add(zip, name, source, ZIP_FL_ENC_UTF_8);
	if (index < 0) {
		zip_source_free(source);
		diag_error(path, 0, "cannot add %s: %s", name, zip_strerror(zip));
		return -1;
	}
	if (zip_file_set_mtime(zip, (zip_uint64_t)index, (time_t)mtime, 0) != 0 ||
	    zip_set_file_compression(zip, (zip_uint64_t)index, ZIP_CM_DEFLATE, DEFLATE_LEVEL) != 0) {
		diag_error(path, 0, "cannot add %s: %s", name, zip_strerror(zip));
		return -1;
	}
	return 0;
}

static int add_media(zip_t *zip, const struct anki_deck_set *set, const char *path)
{
	for (size_t i = 0; i < set->media_count; i++) {
		char *data;
		size_t len;
		if (input_read(set->media[i].path, set->media[i].path, ANKI_MAX_MEDIA_BYTES, &data,
			       &len) != 0)
			return -1;
		char member[32];
		snprintf(member, sizeof member, "%zu", i);
		if (add_member(zip, member, data, len, 1, set->timestamp, path) != 0)
			return -1;
	}
	return 0;
}

/* COLLECTION stays the caller's: libzip reads it only in zip_close(). */
static int fill_zip(zip_t *zip, const struct anki_deck_set *set, const char *path,
		    unsigned char *collection, size_t collection_len)
{
	if (add_member(zip, "collection.anki2", collection, collection_len, 0, set->timestamp,
		       path) != 0)
		return -1;
	struct buf map;
	buf_init(&map);
	media_map(set, &map);
	if (map.failed) {
		buf_free(&map);
		diag_fatal("out of memory");
		return -1;
	}
	/* Ownership of the map's bytes passes to libzip. */
	if (add_member(zip, "media", map.data, map.len, 1, set->timestamp, path) != 0)
		return -1;
	return add_media(zip, set, path);
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
	if (fill_zip(zip, set, path, collection, collection_len) != 0) {
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
