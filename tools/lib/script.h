/* script: the writing system of a code point, which is what the language
 * helpers (lang.c, langruns.c) judge a text by. */
#ifndef GUIDE_SCRIPT_H
#define GUIDE_SCRIPT_H

#include <stddef.h>

/* SCRIPT_NONE: a code point that says nothing of a language (digits,
 * punctuation, spaces, symbols, scripts not listed). */
enum script { SCRIPT_NONE = -1, SCRIPT_LATIN, SCRIPT_HAN, SCRIPT_KANA, SCRIPT_HANGUL,
	      SCRIPT_CYRILLIC, SCRIPT_GREEK, SCRIPT_ARABIC, SCRIPT_HEBREW, SCRIPT_THAI,
	      SCRIPT_DEVANAGARI, SCRIPT_COUNT };

enum script script_of(unsigned long code_point);

/* Does CODE_POINT belong to the character before it (a combining mark, a
 * joiner, a variation selector), so that no run of text may end before it? */
int script_is_extend(unsigned long code_point);

/* Decodes the UTF-8 sequence at *P (before END) and moves *P past it. Never
 * reads past END; a malformed sequence yields its lead byte alone. */
unsigned long script_next_code_point(const unsigned char **p, const unsigned char *end);

#endif
