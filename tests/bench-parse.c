/* bench-parse: time cmark-gfm's own parse of a Markdown file, nothing else
 * (no rendering), with the options and extensions md2guide uses, so that
 * tests/bench can compare the front end with the parser it is built on.
 *
 *   bench-parse FILE.md   prints nothing; exit 0 when the parse succeeded */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	static const char *const extensions[] = {"table", "strikethrough", "autolink", "tasklist"};
	FILE *in = argc == 2 ? fopen(argv[1], "rb") : NULL;
	if (!in) {
		fprintf(stderr, "usage: bench-parse FILE.md\n");
		return 2;
	}
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE);
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++)
		cmark_parser_attach_syntax_extension(parser,
						     cmark_find_syntax_extension(extensions[i]));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		cmark_parser_feed(parser, chunk, n);
	fclose(in);
	cmark_node *document = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!document)
		return 1;
	cmark_node_free(document);
	return 0;
}
