/* script: tells the writing system of a code point from its Unicode block.
 * It owns no text and allocates nothing; which language a script implies is
 * for its callers to say. */
#include "script.h"

#include <utf8proc.h>

enum script script_of(unsigned long c)
{
	/* Latin-1's letters, without its multiplication and division signs. */
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF))
		return SCRIPT_LATIN;
	/* Kana, with the prolonged sound mark (U+30FC) and half-width katakana. */
	if ((c >= 0x3041 && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
	    (c >= 0x30FC && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
	    (c >= 0xFF66 && c <= 0xFF9D))
		return SCRIPT_KANA;
	/* U+3005 (々) repeats the Han character before it. */
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005 ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F))
		return SCRIPT_HAN;
	if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
	    (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
	    (c >= 0xD7B0 && c <= 0xD7FF))
		return SCRIPT_HANGUL;
	if (c >= 0x400 && c <= 0x52F)
		return SCRIPT_CYRILLIC;
	/* Greek without U+037E (the Greek question mark, a semicolon) and U+0387. */
	if ((c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387) || (c >= 0x1F00 && c <= 0x1FFF))
		return SCRIPT_GREEK;
	/* Arabic letters and marks; its comma, semicolon and question mark (U+060C,
	 * U+061B, U+061F) full stop and digits say nothing. */
	if ((c >= 0x610 && c <= 0x61A) || (c >= 0x620 && c <= 0x65F) || (c >= 0x66E && c <= 0x6D3) ||
	    (c >= 0x6D5 && c <= 0x6EF) || (c >= 0x6FA && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) || (c >= 0xFB50 && c <= 0xFDFF) ||
	    (c >= 0xFE70 && c <= 0xFEFF && c != 0xFEFF))
		return SCRIPT_ARABIC;
	if ((c >= 0x591 && c <= 0x5F4) || (c >= 0xFB1D && c <= 0xFB4F))
		return SCRIPT_HEBREW;
	if (c >= 0xE01 && c <= 0xE4E)
		return SCRIPT_THAI;
	/* Devanagari without its dandas (U+0964-0965) and digits. */
	if (c >= 0x900 && c <= 0x97F && !(c >= 0x964 && c <= 0x96F))
		return SCRIPT_DEVANAGARI;
	return SCRIPT_NONE;
}

int script_is_extend(unsigned long c)
{
	if (c == 0x200C || c == 0x200D) /* zero-width non-joiner and joiner */
		return 1;
	if (c > 0x10FFFF)
		return 0;
	utf8proc_category_t category = utf8proc_category((utf8proc_int32_t)c);
	return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC ||
	       category == UTF8PROC_CATEGORY_ME;
}

unsigned long script_next_code_point(const unsigned char **p, const unsigned char *end)
{
	unsigned long c = *(*p)++;
	int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	c &= more == 3 ? 0x07 : more == 2 ? 0x0F : more == 1 ? 0x1F : 0x7F;
	while (more-- > 0 && *p < end && (**p & 0xC0) == 0x80)
		c = (c << 6) | (*(*p)++ & 0x3F);
	return c;
}
