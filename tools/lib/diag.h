/* diag: the one way every tool reports a problem.
 *
 * Messages go to stderr as "FILE:LINE: warning|error: message" (LINE omitted when
 * it is 0), the form compilers use, so editors can jump to the line. In strict
 * mode a warning counts, and prints, as an error. */
#ifndef GUIDE_DIAG_H
#define GUIDE_DIAG_H

#include <stdarg.h>

/* Exit statuses shared by every filter. */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,  /* the input is wrong: bad Markdown, bad tree, a failed check */
	EXIT_SYSTEM = 2, /* usage error, or the system failed: I/O, memory */
};

void diag_set_program(const char *name);
const char *diag_program(void);
void diag_set_strict(int strict);

void diag_error(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warning(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A problem of the program or the system rather than of one input line:
 * "PROGRAM: error: message". */
void diag_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int diag_error_count(void);
int diag_warning_count(void);
/* Forgets the counts and strict mode (for running a main more than once). */
void diag_reset(void);

#endif
