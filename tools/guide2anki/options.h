/* options.h: guide2anki's command line. */
#ifndef GUIDE2ANKI_OPTIONS_H
#define GUIDE2ANKI_OPTIONS_H

struct anki_options {
	const char *input;  /* NULL: stdin */
	const char *output; /* NULL: stdout (tsv only) */
	const char *styles;
	const char *deck;
	const char *previous;
	const char *media_dir;
	const char *font;
	const char *time_limit; /* --time-limit, or NULL */
	int tsv;
	int single_deck;
	int no_previous;
	int no_font;
	int keep_unanswered; /* cards without an answer yet go in, tagged "unanswered" */
};
/* Parses ARGV into *OPT. Returns -1 to go on, or the exit status (after --help,
 * --version or a usage error, reported). */
int anki_options_parse(int argc, char **argv, struct anki_options *opt);

#endif
