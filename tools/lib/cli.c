/* cli: option errors and the terminal check, the same in every tool.
 * Owns getopt's error reporting (opterr is off); never prints the help. */
#include "cli.h"

#include "atomic.h"
#include "diag.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void cli_usage_error(const char *message)
{
	diag_fatal("%s (see %s --help)", message, diag_program());
}

/* The option as the user wrote it: "--name" without any "=value", or "-x". */
static void report_option(const char *what, const char *arg, int short_option)
{
	char message[160];
	if (short_option && (!arg || strncmp(arg, "--", 2) != 0))
		snprintf(message, sizeof message, "%s '-%c'", what, short_option);
	else if (arg)
		snprintf(message, sizeof message, "%s '%.*s'", what, (int)strcspn(arg, "="), arg);
	else
		snprintf(message, sizeof message, "%s", what);
	cli_usage_error(message);
}

int cli_getopt(int argc, char **argv, const char *shorts, const struct option *longs)
{
	char with_colon[64];
	snprintf(with_colon, sizeof with_colon, ":%s", shorts);
	opterr = 0;
	int c = getopt_long(argc, argv, with_colon, longs, NULL);
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : NULL;
	int short_option = optopt > 0 && optopt < 128 ? optopt : 0;
	if (c == '?') {
		report_option("unknown option", arg, short_option);
	} else if (c == ':') {
		report_option("a value is missing after", arg, short_option);
		c = '?';
	}
	return c;
}

int cli_refuse_terminal(const char *output, const char *what)
{
	if (!atomic_is_stdout(output) || !isatty(STDOUT_FILENO))
		return 0;
	diag_fatal("will not write %s to a terminal; use -o FILE or redirect", what);
	return -1;
}
