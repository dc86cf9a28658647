/* options.c: guide2anki's command line: the usage text and the options, checked
 * for what can be told before any file is read. It reads no file itself. */
#include "guide2anki/options.h"
#include "guide2anki/anki.h"
#include "atomic.h"
#include "cli.h"
#include "diag.h"
#include "timelimit.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define GUIDE2ANKI_VERSION "0.1"

static void usage(FILE *to)
{
	fprintf(to,
		"usage: guide2anki [-o FILE] [--styles DIR] [--format apkg|tsv] [--deck NAME]\n"
		"                  [--single-deck] [--previous FILE | --no-previous]\n"
		"                  [--images DIR] [--font FILE | --no-font] [--time-limit S]\n"
		"                  [TREE.xml]\n"
		"Reads a guide tree (TREE.xml, or standard input) and writes an Anki deck:\n"
		"one note per card, a deck per section under the guide's deck.\n"
		"  -o, --output FILE    the .apkg to write (required), or the text file (tsv;\n"
		"                       default standard output)\n"
		"      --styles DIR     read card.css, card-front.html, card-back.html here\n"
		"      --format FORMAT  apkg (default) or tsv (Anki's text import)\n"
		"      --deck NAME      the top deck (default: the guide's title)\n"
		"      --single-deck    every card in the top deck, no deck per section\n"
		"      --previous FILE  the last export: unchanged notes keep their mod time\n"
		"                       (default: the output file, when it exists)\n"
		"      --no-previous    every note gets the export time as its mod time\n"
		"      --images DIR     folder the guide's images are read from, never outside\n"
		"                       it (default: the folder of TREE.xml; --media-dir too)\n"
		"      --font FILE      the monospace font packed for code (default: DejaVu\n"
		"                       Sans Mono, found with fontconfig)\n"
		"      --no-font        pack no font\n"
		"      --keep-unanswered  keep the cards the guide gives no answer yet,\n"
		"                       tagged unanswered (default: left out, one warning)\n"
		TIMELIMIT_USAGE
		"  -h, --help           show this help\n"
		"  -V, --version        show the version\n"
		"Exit status: 0 ok, 1 error in the input, 2 usage or system error.\n");
}

enum {
	OPT_STYLES = 256,
	OPT_FORMAT,
	OPT_DECK,
	OPT_SINGLE_DECK,
	OPT_PREVIOUS,
	OPT_NO_PREVIOUS,
	OPT_MEDIA_DIR,
	OPT_FONT,
	OPT_NO_FONT,
	OPT_KEEP_UNANSWERED,
	OPT_TIME_LIMIT,
};

/* Returns -1 to go on, or the exit status. */
int anki_options_parse(int argc, char **argv, struct anki_options *opt)
{
	static const struct option longs[] = {
		{"output", required_argument, NULL, 'o'},
		{"styles", required_argument, NULL, OPT_STYLES},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"deck", required_argument, NULL, OPT_DECK},
		{"single-deck", no_argument, NULL, OPT_SINGLE_DECK},
		{"previous", required_argument, NULL, OPT_PREVIOUS},
		{"no-previous", no_argument, NULL, OPT_NO_PREVIOUS},
		{"images", required_argument, NULL, OPT_MEDIA_DIR},
		{"media-dir", required_argument, NULL, OPT_MEDIA_DIR},
		{"font", required_argument, NULL, OPT_FONT},
		{"no-font", no_argument, NULL, OPT_NO_FONT},
		{"keep-unanswered", no_argument, NULL, OPT_KEEP_UNANSWERED},
		{"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	memset(opt, 0, sizeof *opt);
	int c;
	while ((c = cli_getopt(argc, argv, "o:hV", longs)) != -1) {
		switch (c) {
		case 'o': opt->output = optarg; break;
		case OPT_STYLES: opt->styles = optarg; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "tsv") != 0 && strcmp(optarg, "apkg") != 0) {
				diag_fatal("unknown format '%s'; use apkg or tsv", optarg);
				return EXIT_SYSTEM;
			}
			opt->tsv = strcmp(optarg, "tsv") == 0;
			break;
		case OPT_DECK: opt->deck = optarg; break;
		case OPT_SINGLE_DECK: opt->single_deck = 1; break;
		case OPT_PREVIOUS: opt->previous = optarg; break;
		case OPT_NO_PREVIOUS: opt->no_previous = 1; break;
		case OPT_MEDIA_DIR: opt->media_dir = optarg; break;
		case OPT_FONT: opt->font = optarg; break;
		case OPT_NO_FONT: opt->no_font = 1; break;
		case OPT_KEEP_UNANSWERED: opt->keep_unanswered = 1; break;
		case OPT_TIME_LIMIT: opt->time_limit = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'V': printf("guide2anki %s\n", GUIDE2ANKI_VERSION); return EXIT_OK;
		default: return EXIT_SYSTEM; /* reported by cli_getopt */
		}
	}
	if (argc - optind > 1) {
		cli_usage_error("one input file at most");
		return EXIT_SYSTEM;
	}
	opt->input = optind < argc ? argv[optind] : NULL;
	if (!opt->tsv && atomic_is_stdout(opt->output)) {
		diag_fatal("an .apkg cannot go to standard output; give -o FILE.apkg");
		return EXIT_SYSTEM;
	}
	if (opt->deck && (!*opt->deck || strlen(opt->deck) > ANKI_MAX_DECK_NAME)) {
		diag_fatal("--deck needs a name of 1 to %d bytes", ANKI_MAX_DECK_NAME);
		return EXIT_SYSTEM;
	}
	return -1;
}
