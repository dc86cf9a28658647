/* lang: language tags (BCP 47 shape) as the guide tree and its outputs use them. */
#ifndef GUIDE_LANG_H
#define GUIDE_LANG_H

#include <stddef.h>

/* True for tags of the form the guide schema accepts: 1-8 letters, then any
 * number of "-" and 1-8 letters or digits ("en", "pt-BR", "zh-Hant-TW"). */
int lang_valid(const char *tag);

/* True for a language written right to left (Arabic, Hebrew, Persian, Urdu...),
 * or a tag naming such a script ("pa-Arab"). */
int lang_is_right_to_left(const char *tag);

/* The language the main script of TEXT (LEN bytes of valid UTF-8) suggests:
 * Han "zh", kana "ja", Hangul "ko", Cyrillic "ru", Greek "el", Arabic "ar",
 * Hebrew "he", Thai "th", Devanagari "hi"; in the Latin script (and with no
 * letters) the language its function words show, "pt", "es", "fr", "de",
 * "it", "nl", or "en" (see stopwords.h). *BY_WORDS (when not NULL) is set
 * when the words decided rather than the script. */
const char *lang_of_text(const char *text, size_t len, int *by_words);

/* True when TEXT (valid UTF-8) only numbers something: digits and marks
 * ("#1", "2."), maybe after one numbering word ("Question 3", "Q4"). Such a
 * title names no topic. */
int lang_only_numbers(const char *text);

#endif
