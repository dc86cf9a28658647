/* fuzz_tool: a libFuzzer target that runs one filter's main on each input.
 *
 * tests/fuzz/run compiles the filter's sources with -Dmain=fuzz_tool_main, so
 * no filter needs a hook of its own, and this file with
 *   -DFUZZ_TOOL='"guide2epub"'  the filter's name (argv[0])
 *   -DFUZZ_VALIDATE=1           md2guide: a tree it wrote must be well-formed
 *                               and valid against guide.rng, or it is a bug
 * The input is written to a file in a private folder under /dev/shm (or
 * TMPDIR) and the filter writes its output next to it, as from the shell. */
#include "diag.h"
#include "fuzz_folder.h"
#include "tree.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FUZZ_VALIDATE
#define FUZZ_VALIDATE 0
#endif

extern int optind;
int fuzz_tool_main(int argc, char **argv);

#define input_path fuzz_paths[0]
#define output_path fuzz_paths[1]

/* The tree md2guide wrote must be well-formed and valid against guide.rng (the
 * copy compiled into the tools); the schema is compiled once, not per input. */
static void validate_output(void)
{
	static xmlRelaxNGValidCtxtPtr valid;
	if (!valid) {
		xmlRelaxNGParserCtxtPtr parser =
			xmlRelaxNGNewMemParserCtxt((const char *)guide_rng, (int)guide_rng_len);
		static xmlRelaxNGPtr schema; /* kept, and reachable, for every input */
		schema = parser ? xmlRelaxNGParse(parser) : NULL;
		xmlRelaxNGFreeParserCtxt(parser);
		valid = schema ? xmlRelaxNGNewValidCtxt(schema) : NULL;
		if (!valid)
			abort();
	}
	xmlDocPtr doc = xmlReadFile(output_path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	if (!doc || xmlRelaxNGValidateDoc(valid, doc) != 0) {
		fprintf(stderr, "fuzz: md2guide wrote a tree that is not valid\n");
		abort();
	}
	xmlFreeDoc(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_folder_make(strcmp(FUZZ_TOOL, "md2guide") == 0 ? "in.md" : "in.xml", "out") != 0 ||
	    fuzz_folder_write(input_path, data, size) != 0)
		abort();
	unlink(output_path);
	char *argv[] = {FUZZ_TOOL, "--styles", "styles", "-o", output_path, input_path, NULL};
	char **args = argv;
	int argc = 6;
	if (strcmp(FUZZ_TOOL, "md2guide") == 0) {
		/* md2guide has no --styles. */
		args = argv + 2;
		args[0] = FUZZ_TOOL;
		argc = 4;
	}
	optind = 0; /* glibc: start getopt afresh */
	diag_reset();
	int status = fuzz_tool_main(argc, args);
	if (status != EXIT_OK && status != EXIT_INPUT && status != EXIT_SYSTEM)
		abort();
	if (FUZZ_VALIDATE && status == EXIT_OK)
		validate_output();
	return 0;
}
