/* input: read a whole input file (or stdin) into memory, with a size limit. */
#ifndef GUIDE_INPUT_H
#define GUIDE_INPUT_H

#include <stddef.h>

/* Reads PATH (NULL or "-" for stdin) into a NUL-terminated buffer the caller
 * frees. Refuses folders, unreadable files and files over max_bytes, with a
 * message naming DISPLAY_NAME. Returns 0, or -1 after reporting. */
int input_read(const char *path, const char *display_name, size_t max_bytes, char **data,
	       size_t *len);

#endif
