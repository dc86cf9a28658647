/* input: whole-file reads with a size limit, for files and pipes alike. */
#include "input.h"
#include "atomic.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_all(int fd, const char *name, size_t max_bytes, char **data, size_t *len)
{
	size_t cap = 65536, used = 0;
	char *buf = malloc(cap + 1);
	if (!buf) {
		diag_error(name, 0, "out of memory");
		return -1;
	}
	for (;;) {
		if (used == cap) {
			if (cap > max_bytes) {
				diag_error(name, 0, "input is larger than the limit of %zu MiB",
					   max_bytes >> 20);
				free(buf);
				return -1;
			}
			char *bigger = realloc(buf, cap * 2 + 1);
			if (!bigger) {
				diag_error(name, 0, "out of memory");
				free(buf);
				return -1;
			}
			buf = bigger;
			cap *= 2;
		}
		ssize_t n = read(fd, buf + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_error(name, 0, "cannot read: %s", strerror(errno));
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (used > max_bytes) {
		diag_error(name, 0, "input is larger than the limit of %zu MiB", max_bytes >> 20);
		free(buf);
		return -1;
	}
	buf[used] = '\0';
	*data = buf;
	*len = used;
	return 0;
}

int input_read(const char *path, const char *display_name, size_t max_bytes, char **data,
	       size_t *len)
{
	if (atomic_is_stdout(path))
		return read_all(STDIN_FILENO, display_name, max_bytes, data, len);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag_error(display_name, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		diag_error(display_name, 0, "is a directory, not a file");
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > max_bytes) {
		diag_error(display_name, 0, "input is %lld bytes, over the limit of %zu MiB",
			   (long long)st.st_size, max_bytes >> 20);
		close(fd);
		return -1;
	}
	int status = read_all(fd, display_name, max_bytes, data, len);
	close(fd);
	return status;
}

int input_read_regular(const char *path, int flags, size_t max_bytes, unsigned char **data,
		       size_t *len, struct stat *st, const char **why)
{
	*data = NULL;
	*len = 0;
	*why = "cannot be read";
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | flags);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || (size_t)st->st_size > max_bytes) {
		if (!S_ISREG(st->st_mode))
			*why = "is not a regular file (a FIFO, device or folder), so it is not read";
		else
			*why = "is too large";
		close(fd);
		return -1;
	}
	size_t size = (size_t)st->st_size, used = 0;
	unsigned char *buf = malloc(size ? size : 1);
	while (buf && used < size) {
		ssize_t n = read(fd, buf + used, size - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (!buf || used < size) {
		free(buf);
		return -1;
	}
	*data = buf;
	*len = size;
	return 0;
}
