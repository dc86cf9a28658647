/* timelimit: a CPU-time budget for one run of a filter, scaled to its input.
 *
 * Some inputs cost far more than their size says (cmark-gfm has quadratic
 * corners; so may a back end), and a filter under `make` must never run for
 * days. Each filter arms one budget at start; when the process has used it,
 * the run ends at once with
 *   FILE: error: this input takes too long to parse (more than N s of CPU
 *   time for SIZE); limit with --time-limit
 * every temporary output file removed (atomic.c), and exit 1. The default is
 * TIMELIMIT_BASE_SECONDS plus TIMELIMIT_SECONDS_PER_MIB for every MiB of the
 * input: about a hundred times what a normal input of that size takes, with
 * room for the sanitizer and valgrind builds. */
#ifndef GUIDE_TIMELIMIT_H
#define GUIDE_TIMELIMIT_H

#define TIMELIMIT_BASE_SECONDS 30.0
#define TIMELIMIT_SECONDS_PER_MIB 4.0
#define TIMELIMIT_MAX_SECONDS 1000000.0 /* the largest --time-limit */
#define TIMELIMIT_UNKNOWN_SIZE (64.0 * 1024 * 1024) /* a pipe: as if this big */

/* What an options struct holds before --time-limit is seen (zeroed), and
 * what --time-limit 0 means. */
#define TIMELIMIT_DEFAULT 0.0
#define TIMELIMIT_OFF (-1.0)

/* The usage line every filter prints for the option. */
#define TIMELIMIT_USAGE \
	"      --time-limit S  stop after S seconds of CPU time (default: by input size; 0: never)\n"

/* Parses a --time-limit value: seconds of CPU time, a decimal number from 0
 * (no limit: TIMELIMIT_OFF) to TIMELIMIT_MAX_SECONDS. Returns 0, or -1 after
 * reporting a usage error. */
int timelimit_parse(const char *text, double *seconds);

/* Arms the budget for a run that reads PATH (NULL or "-": standard input);
 * NAME is what the message calls it. SECONDS is TIMELIMIT_DEFAULT (scaled to
 * the input's size), TIMELIMIT_OFF, or a --time-limit. Arming again replaces
 * the budget. Returns 0, or -1 after reporting that the system refused. */
int timelimit_start(const char *path, const char *name, double seconds);

/* What a filter's main calls, once, before reading: parses LIMIT (the
 * --time-limit text, or NULL for the default) and arms the budget for PATH
 * (NULL or "-": standard input, called "<stdin>"). Returns 0, or -1 after
 * reporting a usage or system error (exit 2). */
int timelimit_arm(const char *path, const char *limit);

#endif
