/* cli: the command-line conventions the four tools share, so that they read
 * and fail alike: options through getopt_long with its own messages off, one
 * line for a bad option (never the whole help), and no binary output to a
 * terminal. The help texts themselves stay with each tool. */
#ifndef GUIDE_CLI_H
#define GUIDE_CLI_H

#include <getopt.h>

/* getopt_long(ARGC, ARGV, SHORTS, LONGS) that reports an unknown option or a
 * missing value once, as "TOOL: error: unknown option '--x' (see TOOL --help)".
 * Returns what getopt_long returns; '?' after such a report (the caller then
 * exits EXIT_SYSTEM). SHORTS is given without a leading ':'. */
int cli_getopt(int argc, char **argv, const char *shorts, const struct option *longs);

/* A usage error about the operands, in the same form: "TOOL: error: MESSAGE
 * (see TOOL --help)". */
void cli_usage_error(const char *message);

/* OUTPUT is standard output (NULL or "-") and that is a terminal: reports
 * "TOOL: error: will not write WHAT to a terminal; use -o FILE or redirect"
 * and returns -1. Else 0. */
int cli_refuse_terminal(const char *output, const char *what);

#endif
