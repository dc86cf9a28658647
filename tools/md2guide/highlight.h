/* highlight.h: code blocks as token runs, for emit.c.
 *
 *   highlight.c  code + language -> the code as XML text with <t k="..."> runs
 *                (tree-sitter: parse, run the language's highlight query)
 *   hlquery.c    the highlight queries read and matched (hlquery.h)
 *   highlang.c   the languages: names and aliases of code blocks, the
 *                grammar and query of each, what a query's capture names mean */
#ifndef MD2GUIDE_HIGHLIGHT_H
#define MD2GUIDE_HIGHLIGHT_H

#include <stddef.h>

#include "buf.h"

/* Blocks longer than this are left plain: one block is never the guide's
 * main cost, whatever it holds. */
#define HIGHLIGHT_MAX_BYTES ((size_t)1 << 20)

/* Writes CODE[0, LEN) to OUT as XML text, its tokens as <t k="KIND"> runs when
 * LANG (the info string's first word, LANG_LEN bytes; may be empty) names a
 * language highlight knows, or when a block with no language opens with a
 * shebang line that names one. Any other block is written as plain text.
 * The text of OUT's runs and the text between them is CODE, byte for byte. */
void highlight_xml(struct buf *out, const char *lang, size_t lang_len, const char *code,
		   size_t len);

/* Frees the blocks kept for repeats (the compiled queries stay). */
void highlight_release(void);

struct TSLanguage;
struct hl_language {
	const char *name;
	const struct TSLanguage *(*grammar)(void);
	const unsigned char *const *query; /* the highlight query's source */
	const unsigned int *query_len;
};

/* The language a code block's tag names (case does not matter), or NULL. */
const struct hl_language *hl_language_named(const char *tag, size_t len);
/* The language a shebang line (#!/usr/bin/env python3) names, or NULL. */
const struct hl_language *hl_language_of_shebang(const char *code, size_t len);
/* The number of languages, and each by index (0 .. count - 1). */
size_t hl_language_count(void);
const struct hl_language *hl_language_at(size_t index);

/* The token kind a query capture name means ("keyword.return" -> "keyword"),
 * or NULL for one that styles nothing ("embedded", "spell"). */
const char *hl_kind_of_capture(const char *name, size_t len);

#endif
