/* atomic: whole-or-nothing output files (temporary file + rename), and the
 * cleanup of temporary files that interrupted runs leave. The signal handler
 * and the list of this process's temporary files are the module's only
 * state; it never removes a file not named like its own. */
#define _DEFAULT_SOURCE /* flock */
#include "atomic.h"
#include "diag.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMP_SUFFIX ".tmpXXXXXX"
/* Outputs one process writes at a time (guide2epub: one). */
#define ATOMIC_MAX_OPEN 8

/* The temporary files to remove if a signal ends the run. Written only
 * outside the handler, a slot at a time, so the handler sees each whole. */
static char *volatile open_temps[ATOMIC_MAX_OPEN];
static int handlers_installed;

int atomic_is_stdout(const char *path) { return !path || strcmp(path, "-") == 0; }

void atomic_remove_temporaries(void)
{
	for (int i = 0; i < ATOMIC_MAX_OPEN; i++)
		if (open_temps[i])
			unlink(open_temps[i]);
}

static void on_signal(int sig)
{
	atomic_remove_temporaries();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Installs the handler for the signals that end a run from outside, except
 * where the signal is ignored (nohup, a background job): that stays so. */
static void install_handlers(void)
{
	if (handlers_installed)
		return;
	handlers_installed = 1;
	const int signals[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
		struct sigaction old, action;
		if (sigaction(signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
			continue;
		memset(&action, 0, sizeof action);
		action.sa_handler = on_signal;
		sigemptyset(&action.sa_mask);
		sigaction(signals[i], &action, NULL);
	}
}

static void remember_temp(char *path)
{
	install_handlers();
	for (int i = 0; i < ATOMIC_MAX_OPEN; i++)
		if (!open_temps[i]) {
			open_temps[i] = path;
			return;
		}
}

static void forget_temp(const char *path)
{
	for (int i = 0; i < ATOMIC_MAX_OPEN; i++)
		if (open_temps[i] == path)
			open_temps[i] = NULL;
}

/* Refuses targets that would make the rename do something surprising: a folder,
 * or a symlink (renaming over it would replace the link, not write where it
 * points, and writing through it could reach anywhere). *MODE is the target's
 * permissions when it exists, else -1. */
static int check_target(const char *path, int *mode)
{
	struct stat st;
	*mode = -1;
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
		*mode = (int)(st.st_mode & 07777);
	} else if (errno != ENOENT) {
		diag_error(path, 0, "cannot use output path: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* N characters of mkstemp's alphabet at P. */
static int random_part(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

/* 1 for BASE.tmpXXXXXX, 2 for libzip's BASE.tmpXXXXXX.XXXXXX, else 0. */
static int temp_kind(const char *name, const char *base, size_t base_len)
{
	size_t len = strlen(name), temp_len = base_len + sizeof TEMP_SUFFIX - 1;
	if (len < temp_len || strncmp(name, base, base_len) != 0 ||
	    strncmp(name + base_len, ".tmp", 4) != 0 || !random_part(name + base_len + 4, 6))
		return 0;
	if (len == temp_len)
		return 1;
	return len == temp_len + 7 && name[temp_len] == '.' && random_part(name + temp_len + 1, 6)
		       ? 2
		       : 0;
}

/* True when no live run holds PATH: it is gone, or its lock is free. */
static int unclaimed(int dir_fd, const char *name)
{
	int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT;
	struct stat st;
	int free_lock = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
			flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return free_lock;
}

/* Removes the temporary files of PATH that runs which ended without cleaning
 * up (SIGKILL, a crash, a power cut) left: those no live run holds. */
static void remove_stale_temps(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
	DIR *folder = dir ? opendir(dir) : NULL;
	free(dir);
	if (!folder)
		return;
	size_t base_len = strlen(base);
	struct dirent *entry;
	while ((entry = readdir(folder))) {
		int kind = temp_kind(entry->d_name, base, base_len);
		if (kind == 0)
			continue;
		/* libzip's file belongs to the run that holds the file it replaces. */
		char owner[256];
		size_t owner_len = base_len + sizeof TEMP_SUFFIX - 1;
		if (kind == 2 && owner_len < sizeof owner) {
			memcpy(owner, entry->d_name, owner_len);
			owner[owner_len] = '\0';
		}
		const char *holder = kind == 2 && owner_len < sizeof owner ? owner : entry->d_name;
		if (unclaimed(dirfd(folder), holder))
			unlinkat(dirfd(folder), entry->d_name, 0);
	}
	closedir(folder);
}

/* Creates, locks and remembers the temporary file; its permissions are the
 * target's (MODE) when it exists, else an ordinary document's. */
static int make_temp(struct atomic_file *out, const char *path, int mode)
{
	remove_stale_temps(path);
	size_t len = strlen(path);
	out->temp_path = malloc(len + sizeof TEMP_SUFFIX);
	if (!out->temp_path) {
		diag_error(path, 0, "out of memory");
		return -1;
	}
	memcpy(out->temp_path, path, len);
	memcpy(out->temp_path + len, TEMP_SUFFIX, sizeof TEMP_SUFFIX);
	int fd = mkstemp(out->temp_path);
	if (fd < 0) {
		diag_error(path, 0, "cannot create output file: %s", strerror(errno));
		free(out->temp_path);
		out->temp_path = NULL;
		return -1;
	}
	remember_temp(out->temp_path);
	flock(fd, LOCK_EX | LOCK_NB);
	if (mode < 0) {
		mode_t mask = umask(0);
		umask(mask);
		mode = (int)(0666 & ~mask);
	}
	fchmod(fd, (mode_t)mode);
	return fd;
}

int atomic_open(struct atomic_file *out, const char *path)
{
	memset(out, 0, sizeof *out);
	out->lock_fd = -1;
	out->path = path;
	if (atomic_is_stdout(path)) {
		out->stream = stdout;
		return 0;
	}
	int mode;
	if (check_target(path, &mode) != 0)
		return -1;
	int fd = make_temp(out, path, mode);
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
	out->lock_fd = -1;
	out->path = path;
	if (atomic_is_stdout(path)) {
		diag_error(NULL, 0, "this output cannot go to standard output; give -o FILE");
		return -1;
	}
	int mode;
	if (check_target(path, &mode) != 0)
		return -1;
	/* The descriptor stays open only to hold the lock. */
	out->lock_fd = make_temp(out, path, mode);
	return out->lock_fd < 0 ? -1 : 0;
}

static void release_lock(struct atomic_file *out)
{
	if (out->lock_fd >= 0)
		close(out->lock_fd);
	out->lock_fd = -1;
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
	forget_temp(out->temp_path);
	release_lock(out);
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
		forget_temp(out->temp_path);
		free(out->temp_path);
		out->temp_path = NULL;
	}
	release_lock(out);
}
