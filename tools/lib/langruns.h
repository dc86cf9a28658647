/* langruns: the passages of a block of text that are in another language
 * than the one around them, told by the script of their letters, as byte
 * ranges with a language tag. It knows nothing of HTML or PDF: the EPUB wraps
 * a run in <span lang>, a PDF would give it a /Lang in its marked content.
 *
 * Use: one lang_block per block of text (paragraph, heading, list item, table
 * cell), with the language around it; lang_block_add each piece of the
 * block's text (its text nodes, leaving out code); then lang_block_whole says
 * whether the whole block is in one other language, and lang_runs_begin /
 * lang_runs_next split each piece into runs. Nothing is allocated and each
 * piece is read a bounded number of times (linear time).
 *
 * What a script says, with the language around the block as context:
 *  - in a ja document Han is Japanese; in a zh document Han is not marked,
 *    kana are Japanese and so is Han written against kana ("日本語で");
 *    elsewhere Han is Japanese when the block has kana, else Chinese (a
 *    Kanji-only heading in an English guide reads as Chinese; in a Japanese
 *    guide it is Japanese, and never zh); in a ko document Han is Hanja
 *    (not marked) unless the block has kana;
 *  - kana ja, Hangul ko, Greek el, Arabic ar, Hebrew he, Thai th,
 *    Devanagari hi, each unmarked in a document of that script;
 *  - Cyrillic is ru unless the document is written in Cyrillic (uk, bg, sr...):
 *    its script alone cannot tell Russian from Ukrainian or Bulgarian, and
 *    Russian is the one most often quoted;
 *  - Latin in a document of another script (ja, zh, ko, ru...) is en.
 * An alphabetic run (every script but Han, kana and Hangul) is marked only
 * when it has a word of two letters or more: a lone letter is a symbol
 * (x, λ, π), read as part of the text around it. Digits, punctuation, spaces
 * and symbols never start a run: they belong to a run only between two of its
 * letters, else to the language around. A combining mark stays with the
 * letter before it, so a run never splits a character from its marks. */
#ifndef GUIDE_LANGRUNS_H
#define GUIDE_LANGRUNS_H

#include <stddef.h>

/* Bytes [start, end) of a piece, in language LANG (a static string such as
 * "ja"), or in the language around the block when LANG is NULL. */
struct lang_run {
	size_t start, end;
	const char *lang;
};

/* One block of text and what its pieces hold. Fields are private. */
struct lang_block {
	const char *lang;   /* the language around the block */
	int around;         /* the script that language is written in (enum script) */
	int has_kana;       /* some piece has kana */
	unsigned languages; /* bit per language (internal index) of the letters seen */
};

/* Starts a block in language LANG (a BCP 47 tag: the document's, or the
 * nearest enclosing element's; "zh-Hant" counts as "zh"). */
void lang_block_begin(struct lang_block *block, const char *lang);

/* Adds a piece of the block's text (LEN bytes of UTF-8). Every piece is added
 * before any is split: kana in one piece says what Han in another is. */
void lang_block_add(struct lang_block *block, const char *text, size_t len);

/* The language of the whole block when all its letters are in runs of one
 * language other than the one around it; NULL otherwise (also with no
 * letters at all). */
const char *lang_block_whole(const struct lang_block *block);

/* Splits TEXT, one of the pieces added to BLOCK, into runs. Fields are
 * private; TEXT and BLOCK must outlive the iteration. */
struct lang_segment {
	size_t start, end; /* from the first letter to the end of the last */
	int script;        /* enum script, or SCRIPT_NONE: no segment */
	int has_word;      /* two letters or more in a row */
};
struct lang_runs {
	const struct lang_block *block;
	const unsigned char *text;
	size_t len, pos;
	struct lang_segment prev, cur, next;
};
void lang_runs_begin(struct lang_runs *runs, const struct lang_block *block, const char *text,
		     size_t len);

/* The next run of the piece into *RUN: 1, or 0 after the last. The runs
 * cover the piece in order, without gaps; two runs in a row never have the
 * same language. */
int lang_runs_next(struct lang_runs *runs, struct lang_run *run);

#endif
