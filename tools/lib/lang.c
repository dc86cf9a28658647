/* lang: checks a language tag against the pattern of tools/guide.rng, tells
 * whether it is written right to left, the language of a text by its main
 * script (tools/lib/script) and, in the Latin script, by its commonest words
 * (tools/lib/stopwords), and whether a title only numbers something. */
#include "lang.h"
#include "script.h"
#include "stopwords.h"

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

int lang_is_right_to_left(const char *tag)
{
	static const char *const RTL_LANGS[] = {"ar", "he", "iw", "fa", "ur", "yi", "ps",
						"sd", "ug", "dv", "ckb"};
	static const char *const RTL_SCRIPTS[] = {"arab", "hebr", "syrc", "thaa"};
	size_t len = strcspn(tag, "-");
	for (size_t i = 0; i < sizeof RTL_LANGS / sizeof RTL_LANGS[0]; i++)
		if (len == strlen(RTL_LANGS[i]) && strncasecmp(tag, RTL_LANGS[i], len) == 0)
			return 1;
	for (const char *part = tag + len; *part == '-'; part += len) {
		part++;
		len = strcspn(part, "-");
		for (size_t i = 0; i < sizeof RTL_SCRIPTS / sizeof RTL_SCRIPTS[0]; i++)
			if (len == 4 && strncasecmp(part, RTL_SCRIPTS[i], 4) == 0)
				return 1;
	}
	return 0;
}

/* ---- the language of a text, by its script ---------------------------------------- */

static const char *const SCRIPT_LANGS[SCRIPT_COUNT] = {
	"en", "zh", "ja", "ko", "ru", "el", "ar", "he", "th", "hi",
};

const char *lang_of_text(const char *text, size_t len, int *by_words)
{
	size_t count[SCRIPT_COUNT] = {0};
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	while (p < end) {
		enum script script = script_of(script_next_code_point(&p, end));
		if (script != SCRIPT_NONE)
			count[script]++;
	}
	/* Kana mark Japanese even among more Han; each Han character weighs as
	 * much as a Latin word of about five letters. A long text needs 20 kana
	 * (a Chinese guide may quote a Japanese title); a short one, a few kana
	 * for every four Han, which Chinese never has and Japanese, even a
	 * heading in Kanji and a sentence, always does. */
	size_t kana = count[SCRIPT_KANA], han = count[SCRIPT_HAN];
	if ((kana * 10 >= han && kana >= 20) || (kana * 4 >= han && kana >= 2))
		count[SCRIPT_KANA] += count[SCRIPT_HAN];
	count[SCRIPT_HAN] *= 3;
	count[SCRIPT_KANA] *= 3;
	count[SCRIPT_HANGUL] *= 3;
	int best = SCRIPT_LATIN;
	for (int script = 0; script < SCRIPT_COUNT; script++)
		if (count[script] > count[best])
			best = script;
	if (by_words)
		*by_words = best == SCRIPT_LATIN;
	return best == SCRIPT_LATIN ? stopwords_lang(text, len) : SCRIPT_LANGS[best];
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
