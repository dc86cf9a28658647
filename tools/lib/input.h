/* input: read a whole input file (or stdin) into memory, with a size limit. */
#ifndef GUIDE_INPUT_H
#define GUIDE_INPUT_H

#include <stddef.h>
#include <sys/stat.h>

/* Reads PATH (NULL or "-" for stdin) into a NUL-terminated buffer the caller
 * frees. Refuses folders, unreadable files and files over max_bytes, with a
 * message naming DISPLAY_NAME. Returns 0, or -1 after reporting. */
int input_read(const char *path, const char *display_name, size_t max_bytes, char **data,
	       size_t *len);

/* Reads PATH, which must be a regular file of at most MAX_BYTES, into a buffer
 * the caller frees, without ever blocking: opened with O_NONBLOCK (a FIFO
 * would wait for a writer for ever) and FLAGS (O_NOFOLLOW, say), then checked
 * with fstat (*ST) before any read. Reports nothing: returns 0, or -1 with
 * *WHY set to a phrase ("is not a regular file ...", "is too large", "cannot
 * be read"). */
int input_read_regular(const char *path, int flags, size_t max_bytes, unsigned char **data,
		       size_t *len, struct stat *st, const char **why);

#endif
