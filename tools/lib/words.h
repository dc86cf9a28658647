/* words: the few words the back ends add to a guide ("Answer", "Contents",
 * "page 3 of 9"), in the guide's language. A small table, not a translation
 * system: a language it does not know gets English, and a guide's own label
 * ("Short Answer") always wins where the tree carries one. */
#ifndef GUIDE_WORDS_H
#define GUIDE_WORDS_H

enum word {
	WORD_ANSWER,            /* the label over an answer */
	WORD_WHY,               /* the label over why a question is asked */
	WORD_QUESTIONS,         /* the list of questions; a guide's one section */
	WORD_CONTENTS,          /* the table of contents */
	WORD_BACK_TO_QUESTIONS, /* a link from an answer back to the question list */
	WORD_TEST_YOURSELF,     /* the advice at the head of the question list */
	WORD_SOURCE,            /* "Source: %s", the guide's file, on the title page */
	WORD_PAGE_OF,           /* "page %d of %d", the footer */
	WORD_ANSWER_ON_PAGE,    /* "answer on page %d", the drill sheet's pointer */
	WORD_QUESTION_ON_PAGE,  /* "question on page %d", from an answer back */
	WORD_NOTE,              /* the labels of callouts, one per kind (callout/@kind) */
	WORD_TIP,
	WORD_IMPORTANT,
	WORD_WARNING,
	WORD_CAUTION,
	WORD_INFO,
	WORD_DANGER,
	WORD_DETAILS,           /* the summary of a ":::details" container that gives none */
	WORD_TITLE_PAGE,        /* the title page, in the book's contents */
	WORD_COUNT
};

/* The word in LANG (a BCP 47 tag: "zh-Hant" reads as "zh"). The printf
 * formats keep their conversions, in the same order. */
const char *word_in(const char *lang, enum word word);

/* The label of a callout of KIND ("note", "tip" ... as tools/guide.rng names
 * them) in LANG; an unknown kind reads as "note". */
const char *word_callout(const char *lang, const char *kind);

#endif
