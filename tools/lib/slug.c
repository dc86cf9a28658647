/* slug: GitHub heading anchors (as github-slugger computes them) and XML ids. */
#include "slug.h"
#include "buf.h"

#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* github-slugger keeps letters, marks, decimal and letter numbers, connector
 * punctuation, hyphens and spaces; everything else (other punctuation, symbols,
 * emoji, other numbers such as superscripts) is dropped. */
static int slug_keeps(utf8proc_int32_t c)
{
	if (c == ' ' || c == '-' || c == '_')
		return 1;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_PC:
		return 1;
	default:
		return 0;
	}
}

char *slug_github(const char *text)
{
	struct buf out;
	buf_init(&out);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(text);
	while (left > 0) {
		if (*p < 0x80) { /* ASCII, most headings: no table to ask */
			char c = (char)*p++;
			left--;
			if (c >= 'A' && c <= 'Z')
				buf_putc(&out, (char)(c - 'A' + 'a'));
			else if (c == ' ')
				buf_putc(&out, '-');
			else if (slug_keeps(c))
				buf_putc(&out, c);
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
		if (n <= 0) { /* not UTF-8: skip the byte */
			p++;
			left--;
			continue;
		}
		p += n;
		left -= n;
		if (!slug_keeps(c))
			continue;
		if (c == ' ') {
			buf_putc(&out, '-');
			continue;
		}
		utf8proc_uint8_t encoded[4];
		utf8proc_ssize_t len = utf8proc_encode_char(utf8proc_tolower(c), encoded);
		buf_put(&out, (const char *)encoded, (size_t)len);
	}
	if (out.failed) {
		buf_free(&out);
		return NULL;
	}
	return out.data ? out.data : strdup("");
}

char *slug_unique(struct strmap *seen, const char *slug)
{
	/* github-slugger: the base slug counts its repeats; each candidate
	 * "base-N" is tried until one is unused, and every result is recorded. */
	struct strmap_entry *base = strmap_insert(seen, slug);
	if (!base)
		return NULL;
	if (!base->value) {
		base->value = (void *)(uintptr_t)1;
		return strdup(slug);
	}
	size_t size = strlen(slug) + 24;
	char *candidate = malloc(size);
	if (!candidate)
		return NULL;
	for (;;) {
		uintptr_t n = (uintptr_t)base->value;
		base->value = (void *)(n + 1);
		snprintf(candidate, size, "%s-%lu", slug, (unsigned long)n);
		struct strmap_entry *e = strmap_insert(seen, candidate);
		if (!e) {
			free(candidate);
			return NULL;
		}
		if (!e->value) {
			e->value = (void *)(uintptr_t)1;
			return candidate;
		}
		base = strmap_find(seen, slug); /* the insert may have moved it */
	}
}

/* True when the UTF-8 character at P (N bytes) may stand inside an XML name
 * by libxml2's own rules, the ones the schema's ID type is checked with
 * (XML 1.0 4th edition: letters of Unicode 2.0), not by the newer Unicode
 * categories, which admit letters such as U+1A48 that validation refuses. */
static int name_char_ok(const utf8proc_uint8_t *p, utf8proc_ssize_t n)
{
	char probe[8] = "a";
	memcpy(probe + 1, p, (size_t)n);
	probe[1 + n] = '\0';
	return xmlValidateNCName((const xmlChar *)probe, 0) == 0;
}

char *slug_to_id(const char *slug)
{
	if (*slug && xmlValidateNCName((const xmlChar *)slug, 0) == 0)
		return strdup(slug);
	struct buf out;
	buf_init(&out);
	buf_putc(&out, '_');
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)slug;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(slug);
	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
		if (n <= 0)
			break;
		int ascii_ok = c < 0x80 && (c == '-' || c == '_' || (c >= '0' && c <= '9') ||
					    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
		if (ascii_ok || (c >= 0xC0 && utf8proc_category(c) <= UTF8PROC_CATEGORY_LO &&
				 utf8proc_category(c) >= UTF8PROC_CATEGORY_LU && name_char_ok(p, n)))
			buf_put(&out, (const char *)p, (size_t)n);
		else
			buf_printf(&out, "-x%X", (unsigned)c);
		p += n;
		left -= n;
	}
	if (out.failed) {
		buf_free(&out);
		return NULL;
	}
	return out.data;
}
