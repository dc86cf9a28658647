/* lang: checks a language tag against the pattern of tools/guide.rng. */
#include "lang.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

int lang_valid(const char *tag)
{
	size_t part = 0;
	int first = 1; /* in the first subtag, which is letters only */
	for (const char *c = tag;; c++) {
		if (*c == '-' || *c == '\0') {
			if (part == 0 || part > 8)
				return 0;
			if (*c == '\0')
				return 1;
			part = 0;
			first = 0;
			continue;
		}
		int alpha = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z');
		int digit = *c >= '0' && *c <= '9';
		if (!alpha && !(digit && !first))
			return 0;
		part++;
	}
}

/* ---- the language of a text, by its script ---------------------------------------- */

enum script { SCRIPT_LATIN, SCRIPT_HAN, SCRIPT_KANA, SCRIPT_HANGUL, SCRIPT_CYRILLIC,
	      SCRIPT_GREEK, SCRIPT_ARABIC, SCRIPT_HEBREW, SCRIPT_THAI, SCRIPT_DEVANAGARI,
	      SCRIPT_COUNT };

static const char *const SCRIPT_LANGS[SCRIPT_COUNT] = {
	"en", "zh", "ja", "ko", "ru", "el", "ar", "he", "th", "hi",
};

/* The script of code point C, or -1 for one that says nothing (digits,
 * punctuation, symbols, other scripts). */
static int script_of(unsigned long c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F))
		return SCRIPT_LATIN;
	if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF))
		return SCRIPT_KANA;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
		return SCRIPT_HAN;
	if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
	    (c >= 0x3130 && c <= 0x318F))
		return SCRIPT_HANGUL;
	if (c >= 0x400 && c <= 0x4FF)
		return SCRIPT_CYRILLIC;
	if (c >= 0x370 && c <= 0x3FF)
		return SCRIPT_GREEK;
	if (c >= 0x600 && c <= 0x6FF)
		return SCRIPT_ARABIC;
	if (c >= 0x590 && c <= 0x5FF)
		return SCRIPT_HEBREW;
	if (c >= 0xE00 && c <= 0xE7F)
		return SCRIPT_THAI;
	if (c >= 0x900 && c <= 0x97F)
		return SCRIPT_DEVANAGARI;
	return -1;
}

/* Decodes the UTF-8 sequence at P (valid: the text was checked before). */
static unsigned long next_code_point(const unsigned char **p)
{
	unsigned long c = *(*p)++;
	int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	c &= more == 3 ? 0x07 : more == 2 ? 0x0F : more == 1 ? 0x1F : 0x7F;
	while (more-- > 0 && (**p & 0xC0) == 0x80)
		c = (c << 6) | (*(*p)++ & 0x3F);
	return c;
}

const char *lang_of_text(const char *text, size_t len)
{
	size_t count[SCRIPT_COUNT] = {0};
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	while (p < end) {
		int script = script_of(next_code_point(&p));
		if (script >= 0)
			count[script]++;
	}
	/* Kana mark Japanese even among more Han; each Han character weighs as
	 * much as a Latin word of about five letters. */
	if (count[SCRIPT_KANA] * 10 >= count[SCRIPT_HAN] && count[SCRIPT_KANA] >= 20)
		count[SCRIPT_KANA] += count[SCRIPT_HAN];
	count[SCRIPT_HAN] *= 3;
	count[SCRIPT_KANA] *= 3;
	count[SCRIPT_HANGUL] *= 3;
	int best = SCRIPT_LATIN;
	for (int script = 0; script < SCRIPT_COUNT; script++)
		if (count[script] > count[best])
			best = script;
	return SCRIPT_LANGS[best];
}

/* ---- numbering that names nothing ------------------------------------------------- */

/* Does TEXT only number something ("#1", "2.", "Question 3", "Q4")? Letters
 * of any script make it a name, except one numbering word before the number. */
int lang_only_numbers(const char *text)
{
	static const char *const words[] = {"question", "q", "problem", "exercise", "task", NULL};
	const char *p = text;
	while (*p == ' ' || *p == '#')
		p++;
	for (const char *const *word = words; *word; word++) {
		size_t len = strlen(*word);
		if (strncasecmp(p, *word, len) == 0 && !isalpha((unsigned char)p[len])) {
			p += len;
			break;
		}
	}
	int digits = 0;
	for (const unsigned char *c = (const unsigned char *)p; *c;) {
		utf8proc_int32_t code;
		utf8proc_ssize_t n = utf8proc_iterate(c, -1, &code);
		if (n <= 0)
			return 0;
		utf8proc_category_t category = utf8proc_category(code);
		if (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO)
			return 0;
		digits += category == UTF8PROC_CATEGORY_ND;
		c += n;
	}
	return digits > 0;
}
