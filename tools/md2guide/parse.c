/* parse.c: Markdown to a cmark-gfm tree, with the options and extensions
 * (tables, strikethrough, autolinks, task lists) every parse of the guide
 * uses: the whole document (md2guide.c) and the pieces structure.c parses
 * apart (a <details> summary or body). Every parse goes through the same
 * limits: the slow patterns guarded (guard.c), what cmark-gfm decoded made
 * fit for XML (sanitize.c), and a piece that nests too deep refused, so no
 * later stage ever walks it. What a piece needed is reported once the plan is
 * built (parse_report_pieces), at its line in the document. The caller owns
 * the tree and frees it with cmark_node_free. */
#include "md2guide.h"
#include "diag.h"

#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const EXTENSIONS[] = {"table", "strikethrough", "autolink", "tasklist"};

/* What parse_markdown() found in the pieces: static because structure.c
 * calls it with no context; parse_pieces_reset() starts a conversion. */
struct piece_note {
	const char *text; /* the first piece noted */
	long line;        /* where in it */
	size_t count;
};
static struct piece_note deep_pieces, repaired_pieces;

static void note_piece(struct piece_note *note, const char *text, long line)
{
	if (note->count++ == 0) {
		note->text = text;
		note->line = line;
	}
}

/* A parser with the options of the document (FOOTNOTES) or of a piece, and
 * the extensions from the FIRST_EXTENSION-th on. */
static cmark_parser *new_parser(int footnotes, size_t first_extension)
{
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE |
						(footnotes ? CMARK_OPT_FOOTNOTES : 0));
	if (!parser)
		return NULL;
	for (size_t i = first_extension; i < sizeof EXTENSIONS / sizeof *EXTENSIONS; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(EXTENSIONS[i]);
		if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
			cmark_parser_free(parser);
			return NULL;
		}
	}
	return parser;
}

/* Whether TEXT holds "&#": only a numeric character reference makes cmark-gfm
 * write a noncharacter or a NUL into a clean text (sanitize.c), so a text with
 * none need not be looked at again once parsed. */
static int has_numeric_reference(const char *text, size_t len)
{
	for (const char *p = text, *end = text + len; (p = memchr(p, '&', (size_t)(end - p)));)
		if (++p < end && *p == '#')
			return 1;
	return 0;
}

/* NAME set: the document (warnings name it); NULL: a piece (*REPAIRED set
 * to its first line with text repaired, or 0). */
static cmark_node *parse_checked(const char *text, size_t len, const char *name, long *repaired)
{
	/* Footnotes only in the document: a piece (a <details> body) would put
	 * its notes at its own end, where footnotes.c does not look. */
	cmark_parser *parser = new_parser(name != NULL, 0);
	if (!parser)
		return NULL;
	struct guard guard;
	struct buf guarded;
	buf_init(&guarded);
	if (guard_text(name, text, len, &guarded, &guard) != 0) {
		buf_free(&guarded);
		cmark_parser_free(parser);
		return NULL;
	}
	if (guard.active)
		cmark_parser_feed(parser, guarded.data, guarded.len);
	else
		cmark_parser_feed(parser, text, len);
	buf_free(&guarded);
	cmark_node *document = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	int check = guard.active || has_numeric_reference(text, len);
	if (repaired)
		*repaired = 0;
	if (document && (guard_restore(document, &guard) != 0 ||
			 (check && sanitize_tree(document, name, repaired) != 0))) {
		cmark_node_free(document);
		return NULL;
	}
	return document;
}

cmark_node *parse_document(const char *text, size_t len, const char *name)
{
	/* Admonitions as the blocks md2guide reads (admonition.c), then
	 * "<h3 id=x>Part</h3>" lines as "### Part" (htmlheading.c). */
	struct buf rewritten, headings;
	buf_init(&rewritten);
	buf_init(&headings);
	if (admonitions_rewrite(text, len, &rewritten) != 0) {
		buf_free(&rewritten);
		return NULL;
	}
	const char *source = rewritten.len ? rewritten.data : text;
	size_t source_len = rewritten.len ? rewritten.len : len;
	if (html_headings_as_markdown(source, source_len, &headings) != 0) {
		buf_free(&rewritten);
		return NULL;
	}
	cmark_node *document = headings.data ? parse_checked(headings.data, headings.len, name, NULL)
					      : parse_checked(source, source_len, name, NULL);
	buf_free(&headings);
	buf_free(&rewritten);
	if (document)
		mdx_leave_out(document, name);
	return document;
}

/* The document parsed without the table extension (EXTENSIONS[0]), which
 * is what costs on a long line of '|' (md2guide.c): its blocks are those of
 * the guide's own parse, for a fence or an indentation ends a table like any
 * paragraph. Only the blocks are read, so the guard's stand-ins stay in. */
cmark_node *parse_without_tables(const char *text, size_t len)
{
	cmark_parser *parser = new_parser(1, 1);
	if (!parser)
		return NULL;
	struct guard guard;
	struct buf guarded;
	buf_init(&guarded);
	cmark_node *document = NULL;
	if (guard_text(NULL, text, len, &guarded, &guard) == 0) {
		cmark_parser_feed(parser, guard.active ? guarded.data : text,
				  guard.active ? guarded.len : len);
		document = cmark_parser_finish(parser);
	}
	buf_free(&guarded);
	cmark_parser_free(parser);
	return document;
}

int parse_code_lines(const char *text, size_t len, struct line_range **ranges, size_t *count)
{
	*ranges = NULL;
	*count = 0;
	cmark_node *document = parse_without_tables(text, len);
	if (!document)
		return -1;
	cmark_iter *iter = cmark_iter_new(document);
	cmark_event_type event;
	size_t cap = 0;
	int status = 0;
	while (status == 0 && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		int fence_length, fence_offset;
		char fence_char;
		if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK)
			continue;
		/* A fenced block: the fences left out, and the last line even where
		 * the block ends unclosed at the end of its container. An indented
		 * block is code from its first line to its last. */
		int fenced = cmark_node_get_fenced(node, &fence_length, &fence_offset, &fence_char);
		struct line_range inside = {cmark_node_get_start_line(node) + (fenced ? 1 : 0),
					    cmark_node_get_end_line(node) - (fenced ? 1 : 0)};
		if (inside.first > inside.last)
			continue;
		if (*count == cap) {
			cap = cap ? cap * 2 : 16;
			struct line_range *grown = realloc(*ranges, cap * sizeof *grown);
			if (!grown) {
				status = -1;
				break;
			}
			*ranges = grown;
		}
		(*ranges)[(*count)++] = inside;
	}
	cmark_iter_free(iter);
	cmark_node_free(document);
	if (status != 0) {
		free(*ranges);
		*ranges = NULL;
		*count = 0;
	}
	return status;
}

long parse_too_deep_at(cmark_node *document)
{
	cmark_iter *iter = cmark_iter_new(document);
	int depth = 0;
	long line = 0;
	cmark_event_type event;
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		int leaf = cmark_node_first_child(node) == NULL;
		if (event == CMARK_EVENT_ENTER && !leaf && ++depth > MD2GUIDE_MAX_DEPTH) {
			cmark_node *block = node;
			while (block && cmark_node_get_start_line(block) == 0)
				block = cmark_node_parent(block);
			line = block ? cmark_node_get_start_line(block) : -1;
			break;
		}
		if (event == CMARK_EVENT_EXIT)
			depth--;
	}
	cmark_iter_free(iter);
	return line;
}

void parse_report_too_deep(const char *name, long line)
{
	diag_error(name, line > 0 ? line : 0, "lists, quotes or emphasis nested more than %d "
					     "levels deep; flatten the structure", MD2GUIDE_MAX_DEPTH);
}

cmark_node *parse_markdown(const char *text, size_t len)
{
	long repaired = 0;
	cmark_node *piece = parse_checked(text, len, NULL, &repaired);
	long line = piece ? parse_too_deep_at(piece) : 0;
	if (repaired)
		note_piece(&repaired_pieces, text, repaired);
	if (line == 0)
		return piece;
	cmark_node_free(piece);
	note_piece(&deep_pieces, text, line);
	return NULL;
}

void parse_pieces_reset(void)
{
	deep_pieces.count = repaired_pieces.count = 0;
}

/* The line in DOCUMENT of what NOTE points at: found through the HTML block
 * that holds the piece's text. 0 when none does. */
static long piece_line(cmark_node *document, const struct piece_note *note)
{
	uintptr_t at = (uintptr_t)note->text;
	cmark_iter *iter = cmark_iter_new(document);
	long line = 0;
	cmark_event_type event;
	while (!line && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		const char *html = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
					   ? cmark_node_get_literal(node) : NULL;
		uintptr_t start = (uintptr_t)html;
		if (event != CMARK_EVENT_ENTER || !html || at < start || at > start + strlen(html))
			continue;
		line = cmark_node_get_start_line(node) + note->line - 1;
		for (const char *p = html; (uintptr_t)p < at; p++)
			line += *p == '\n';
	}
	cmark_iter_free(iter);
	return line;
}

int parse_report_pieces(cmark_node *document, const char *name)
{
	if (repaired_pieces.count > 0)
		sanitize_report_piece(name, piece_line(document, &repaired_pieces));
	if (deep_pieces.count == 0)
		return 0;
	parse_report_too_deep(name, piece_line(document, &deep_pieces));
	return -1;
}
