/* emoji: shortcodes to characters (see emoji.h). */
#include "emoji.h"

#include <string.h>

#define EMOJI_MAX_NAME 63 /* the generator refuses longer names */

const char *emoji_by_name(const char *name, size_t len)
{
	size_t low = 0, high = EMOJI_NAME_COUNT;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		const char *key = EMOJI_NAMES[mid].name;
		int order = strncmp(key, name, len);
		if (order == 0 && key[len] != '\0')
			order = 1; /* KEY is longer: it sorts after NAME */
		if (order == 0)
			return EMOJI_NAMES[mid].emoji;
		if (order < 0)
			low = mid + 1;
		else
			high = mid;
	}
	return NULL;
}

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
}

/* The length of the name after the colon at TEXT[0], up to END, when a
 * colon closes it; else 0. */
static size_t shortcode_at(const char *text, const char *end)
{
	size_t len = 0;
	while (text + 1 + len < end && len <= EMOJI_MAX_NAME && name_char(text[1 + len]))
		len++;
	return len > 0 && len <= EMOJI_MAX_NAME && text + 1 + len < end && text[1 + len] == ':' ? len
												: 0;
}

void emoji_xml_text(struct buf *b, const char *text, size_t len)
{
	const char *end = text + len, *run = text;
	for (const char *p = memchr(text, ':', len); p; p = memchr(p, ':', (size_t)(end - p))) {
		size_t name = shortcode_at(p, end);
		/* "::warning::" is a workflow command or a scope, not a shortcode. */
		if (name && ((p > text && p[-1] == ':') || (p + name + 2 < end && p[name + 2] == ':')))
			name = 0;
		const char *emoji = name ? emoji_by_name(p + 1, name) : NULL;
		if (!emoji) {
			p++; /* the next colon may open one: "a:b:+1:" */
			continue;
		}
		buf_xml_text(b, run, (size_t)(p - run));
		buf_puts(b, emoji);
		p += name + 2;
		run = p;
	}
	buf_xml_text(b, run, (size_t)(end - run));
}
