/* languages.c: marks the passages of a card's text that are in another
 * language than the guide's, so a reader's voice and its CJK glyphs (ja or
 * zh forms of the same character) follow them. It reads the tree and writes
 * only span tags: escaping the text stays with its caller, and code, raw HTML
 * and attribute values never pass through here. */
#include "guide2anki/languages.h"
#include "tree.h"

#include <string.h>

/* Inline elements whose text is prose of the block. */
static int is_prose(const xmlNode *node)
{
	return tree_is(node, "em") || tree_is(node, "strong") || tree_is(node, "del") ||
	       tree_is(node, "link");
}

static void add_pieces(struct lang_block *block, const xmlNode *node)
{
	for (const xmlNode *child = node->children; child; child = child->next) {
		if (child->type == XML_TEXT_NODE && child->content)
			lang_block_add(block, (const char *)child->content,
				       strlen((const char *)child->content));
		else if (child->type == XML_ELEMENT_NODE && is_prose(child))
			add_pieces(block, child);
	}
}

void anki_lang_block(struct lang_block *block, const xmlNode *node, const char *lang)
{
	lang_block_begin(block, lang ? lang : "en");
	add_pieces(block, node);
}

void anki_lang_text(struct buf *out, const struct lang_block *block, const char *text,
		    size_t len, anki_text_fn *write, void *context)
{
	struct lang_runs runs;
	struct lang_run run;
	lang_runs_begin(&runs, block, text, len);
	while (lang_runs_next(&runs, &run)) {
		if (run.lang)
			buf_printf(out, "<span lang=\"%s\">", run.lang);
		write(context, text + run.start, run.end - run.start);
		if (run.lang)
			buf_puts(out, "</span>");
	}
}
