/* htmlsafe: raw HTML from the guide, reduced to a small safe whitelist.
 *
 * The guide tree keeps raw HTML from the Markdown as text (raw format="html").
 * Back ends that put it into a page (EPUB) or a card (Anki) pass it through
 * htmlsafe_sanitize(): whitelisted elements and attributes are written again in a
 * normalised, XHTML-compatible form (lower-case names, quoted attributes, void
 * elements as <br />); any other tag, a comment's opening, a DOCTYPE or a stray
 * '<' is written as escaped text, so nothing is silently lost and nothing runs.
 * Never written: <script>, <style>, <iframe>, event attributes (on*), style
 * attributes, or a link/image URL whose scheme is not http, https or mailto.
 *
 * The input is one fragment (inline raw HTML comes as separate pieces: "<b>",
 * text, "</b>"), so tags are not balanced across calls; a caller writing XML
 * must balance them itself, or treat the result as tag soup. */
#ifndef GUIDE_HTMLSAFE_H
#define GUIDE_HTMLSAFE_H

#include "buf.h"

#include <stddef.h>

enum {
	HTMLSAFE_BRACES = 1, /* write '{' as &#123; (Anki's template renderer) */
};

struct htmlsafe_options {
	unsigned flags;
	/* Called for each <img src> whose URL passed htmlsafe_url_ok(); returns the src
	 * to write (borrowed until the next call), or NULL to drop the image. NULL
	 * callback: the src is written as it is. */
	const char *(*image)(void *context, const char *src);
	void *context;
};

/* Appends the safe form of RAW (LEN bytes, UTF-8) to OUT. OPTIONS may be NULL. */
void htmlsafe_sanitize(struct buf *out, const char *raw, size_t len,
		       const struct htmlsafe_options *options);

/* True when URL (already entity-decoded) may appear in href or src: relative
 * references and fragments, or the schemes http, https and mailto. Control
 * characters and blanks inside the scheme do not hide it. */
int htmlsafe_url_ok(const char *url);

/* Decodes one character reference at S ("&amp;", "&#123;", "&#x7b;", and a few
 * common named ones such as &nbsp;), LEN bytes available. Returns the code point
 * and sets *used to the bytes consumed, or returns 0 when S is no known
 * reference. */
unsigned long htmlsafe_entity(const char *s, size_t len, size_t *used);

/* Appends S (LEN bytes of HTML text, no tags) with its character references
 * decoded to UTF-8; unknown references stay as they are. */
void htmlsafe_unescape(struct buf *out, const char *s, size_t len);

#endif
