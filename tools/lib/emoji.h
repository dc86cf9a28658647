/* emoji: GitHub's emoji shortcodes (":rocket:", ":+1:") and their characters.
 * The table is generated at build time from gemoji, GitHub's own list
 * (tools/emoji-table.mjs); nothing here is typed in by hand. */
#ifndef GUIDE_EMOJI_H
#define GUIDE_EMOJI_H

#include "buf.h"

#include <stddef.h>

struct emoji_name {
	const char *name;  /* "rocket", without the colons */
	const char *emoji; /* UTF-8 */
};
extern const struct emoji_name EMOJI_NAMES[]; /* sorted by name, byte by byte */
extern const size_t EMOJI_NAME_COUNT;

/* The emoji NAME (LEN bytes, no colons) stands for, or NULL. */
const char *emoji_by_name(const char *name, size_t len);

/* TEXT[0,LEN) into B as XML text, each ":name:" GitHub knows as its emoji;
 * an unknown ":word:" stays as typed. */
void emoji_xml_text(struct buf *b, const char *text, size_t len);

#endif
