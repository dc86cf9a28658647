/* parse.c: Markdown to a cmark-gfm tree, with the options and extensions
 * (tables, strikethrough, autolinks, task lists) every parse of the guide
 * uses: the whole document (md2guide.c) and a <details> body (structure.c).
 * Never: sanitizes, checks limits or reads the tree it returns; the caller
 * owns the tree and frees it with cmark_node_free. */
#include "md2guide.h"

#include <cmark-gfm-core-extensions.h>

static const char *const EXTENSIONS[] = {"table", "strikethrough", "autolink", "tasklist"};

cmark_node *parse_markdown(const char *text, size_t len)
{
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE);
	if (!parser)
		return NULL;
	for (size_t i = 0; i < sizeof EXTENSIONS / sizeof *EXTENSIONS; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(EXTENSIONS[i]);
		if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
			cmark_parser_free(parser);
			return NULL;
		}
	}
	cmark_parser_feed(parser, text, len);
	cmark_node *document = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return document;
}
