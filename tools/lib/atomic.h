/* atomic: write an output file so that it either appears whole or not at all.
 *
 * The data goes to a temporary file in the same folder as the target (so the final
 * rename(2) cannot cross file systems), and only atomic_commit() renames it into
 * place. Any failure, or atomic_abort(), removes the temporary file: a failed run
 * never leaves a half-written output behind.
 *
 * A path of NULL or "-" means standard output; then nothing is temporary and the
 * caller should write everything only once it knows it will succeed.
 *
 * The temporary file is TARGET.tmpXXXXXX (libzip's own, beside it, adds
 * .XXXXXX). It is removed on SIGINT, SIGTERM and SIGHUP; one a SIGKILL or a
 * crash left behind is removed by the next run that writes the same target.
 * A run holds an flock(2) on its temporary file, so that cleanup never touches
 * the file of a run still going. An existing target keeps its permissions. */
#ifndef GUIDE_ATOMIC_H
#define GUIDE_ATOMIC_H

#include <stdio.h>

struct atomic_file {
	const char *path; /* the target, as given */
	char *temp_path;  /* NULL when writing to stdout */
	FILE *stream;     /* open for writing ("wb") */
	int lock_fd;      /* atomic_open_path: holds the lock on temp_path, or -1 */
};

/* Checks the target (not a directory, not a symlink, folder exists) and creates
 * the temporary file. Returns 0, or -1 after reporting the reason. */
int atomic_open(struct atomic_file *out, const char *path);

/* For writers that need a path of their own (libzip, SQLite): like atomic_open but
 * the temporary file is created empty and closed; write to out->temp_path, then
 * commit or abort. Never used for stdout. */
int atomic_open_path(struct atomic_file *out, const char *path);

/* Flushes, syncs, closes and renames into place. Returns 0, or -1 after reporting
 * the reason (the temporary file is then removed). */
int atomic_commit(struct atomic_file *out);

/* Closes and removes the temporary file. Safe to call twice. */
void atomic_abort(struct atomic_file *out);

/* Removes every temporary file still open, from a signal handler (only
 * unlink(2): async-signal-safe). The run must end right after. */
void atomic_remove_temporaries(void);

/* True for NULL and "-". */
int atomic_is_stdout(const char *path);

#endif
