/* atomic: whole-or-nothing output files (temporary file + rename). */
#include "atomic.h"
#include "diag.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files open now, for atomic_remove_temporaries(): a run
 * that a signal ends must leave none behind. A slot is cleared before its
 * path is freed, so the handler never reads freed memory. */
#define ATOMIC_MAX_OPEN 8
static char *volatile open_temporaries[ATOMIC_MAX_OPEN];

static void remember_temporary(char *path)
{
	for (size_t i = 0; i < ATOMIC_MAX_OPEN; i++)
		if (!open_temporaries[i]) {
			open_temporaries[i] = path;
			return;
		}
}

static void forget_temporary(const char *path)
{
	for (size_t i = 0; i < ATOMIC_MAX_OPEN; i++)
		if (open_temporaries[i] == path)
			open_temporaries[i] = NULL;
}

void atomic_remove_temporaries(void)
{
	for (size_t i = 0; i < ATOMIC_MAX_OPEN; i++) {
		char *path = open_temporaries[i];
		if (path)
			unlink(path);
	}
}

int atomic_is_stdout(const char *path) { return !path || strcmp(path, "-") == 0; }

/* Refuses targets that would make the rename do something surprising: a folder,
 * or a symlink (renaming over it would replace the link, not write where it
 * points, and writing through it could reach anywhere). */
static int check_target(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			diag_error(path, 0, "output path is a directory; give a file name");
			return -1;
		}
		if (S_ISLNK(st.st_mode)) {
			diag_error(path, 0, "output path is a symbolic link; refusing to write "
					    "through it, remove it or choose another name");
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			diag_error(path, 0, "output path is not a regular file");
			return -1;
		}
	} else if (errno != ENOENT) {
		diag_error(path, 0, "cannot use output path: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int make_temp(struct atomic_file *out, const char *path)
{
	size_t len = strlen(path);
	out->temp_path = malloc(len + sizeof ".tmpXXXXXX");
	if (!out->temp_path) {
		diag_error(path, 0, "out of memory");
		return -1;
	}
	memcpy(out->temp_path, path, len);
	memcpy(out->temp_path + len, ".tmpXXXXXX", sizeof ".tmpXXXXXX");
	int fd = mkstemp(out->temp_path);
	if (fd < 0) {
		diag_error(path, 0, "cannot create output file: %s", strerror(errno));
		free(out->temp_path);
		out->temp_path = NULL;
		return -1;
	}
	remember_temporary(out->temp_path);
	/* mkstemp makes the file 0600; outputs are ordinary documents. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return fd;
}

int atomic_open(struct atomic_file *out, const char *path)
{
	memset(out, 0, sizeof *out);
	out->path = path;
	if (atomic_is_stdout(path)) {
		out->stream = stdout;
		return 0;
	}
	if (check_target(path) != 0)
		return -1;
	int fd = make_temp(out, path);
	if (fd < 0)
		return -1;
	out->stream = fdopen(fd, "wb");
	if (!out->stream) {
		diag_error(path, 0, "cannot open output file: %s", strerror(errno));
		close(fd);
		atomic_abort(out);
		return -1;
	}
	return 0;
}

int atomic_open_path(struct atomic_file *out, const char *path)
{
	memset(out, 0, sizeof *out);
	out->path = path;
	if (atomic_is_stdout(path)) {
		diag_error(NULL, 0, "this output cannot go to standard output; give -o FILE");
		return -1;
	}
	if (check_target(path) != 0)
		return -1;
	int fd = make_temp(out, path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int atomic_commit(struct atomic_file *out)
{
	if (!out->temp_path) {
		if (out->stream && fflush(out->stream) != 0) {
			diag_error(NULL, 0, "cannot write to standard output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	if (out->stream) {
		int failed = fflush(out->stream) != 0 || ferror(out->stream);
		int err = errno;
		if (!failed && fsync(fileno(out->stream)) != 0 && errno != EINVAL) {
			failed = 1;
			err = errno;
		}
		if (fclose(out->stream) != 0 && !failed) {
			failed = 1;
			err = errno;
		}
		out->stream = NULL;
		if (failed) {
			diag_error(out->path, 0, "cannot write output file: %s", strerror(err));
			atomic_abort(out);
			return -1;
		}
	}
	if (rename(out->temp_path, out->path) != 0) {
		diag_error(out->path, 0, "cannot move output file into place: %s", strerror(errno));
		atomic_abort(out);
		return -1;
	}
	forget_temporary(out->temp_path);
	free(out->temp_path);
	out->temp_path = NULL;
	return 0;
}

void atomic_abort(struct atomic_file *out)
{
	if (out->stream && out->stream != stdout)
		fclose(out->stream);
	out->stream = NULL;
	if (out->temp_path) {
		unlink(out->temp_path);
		forget_temporary(out->temp_path);
		free(out->temp_path);
		out->temp_path = NULL;
	}
}
