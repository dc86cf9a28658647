/* stopwords: tells the languages of the Latin script apart by their commonest
 * words ("the", "que", "der", "het"), which a script count (lang.c) cannot. */
#ifndef GUIDE_STOPWORDS_H
#define GUIDE_STOPWORDS_H

#include <stddef.h>

/* The language ("pt", "es", "fr", "de", "it", "nl", "ro",
 * "vi", "tr", "id", "pl") whose function words
 * TEXT (LEN bytes of valid UTF-8, prose without code) uses most, when they
 * are many and clearly outnumber those of English and of the runner-up;
 * "en" otherwise, so that a short or mixed text stays English. */
const char *stopwords_lang(const char *text, size_t len);

#endif
