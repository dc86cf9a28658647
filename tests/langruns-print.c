/* langruns-print: the runs tools/lib/langruns.c finds, for
 * tests/epub-languages.sh. Arguments: the language around the block, then
 * its pieces. Prints "whole: LANG" (or "-"), then per piece one line of runs
 * "START-END:LANG" (byte offsets; "-" for the language around) followed by
 * the runs' text as "[LANG|TEXT]", so the offsets are checked with the text. */
#include "langruns.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: langruns-print LANG PIECE...\n");
		return 2;
	}
	struct lang_block block;
	lang_block_begin(&block, argv[1]);
	for (int i = 2; i < argc; i++)
		lang_block_add(&block, argv[i], strlen(argv[i]));
	const char *whole = lang_block_whole(&block);
	printf("whole: %s\n", whole ? whole : "-");
	for (int i = 2; i < argc; i++) {
		struct lang_runs runs;
		struct lang_run run;
		lang_runs_begin(&runs, &block, argv[i], strlen(argv[i]));
		while (lang_runs_next(&runs, &run))
			printf("%zu-%zu:%s[%.*s] ", run.start, run.end, run.lang ? run.lang : "-",
			       (int)(run.end - run.start), argv[i] + run.start);
		printf("\n");
	}
	return 0;
}
