/* langruns: splits a block's text into runs by the language its scripts imply
 * (the rules are in langruns.h). It reads text and writes only the caller's
 * structs: no allocation, no markup, no knowledge of any output format.
 *
 * A segment is a stretch of letters of one script, with the punctuation and
 * spaces between them in an alphabet (so "a API" is one English phrase); the gap between two segments holds neither's letters.
 * Each segment gets a language from its script, the language around, and its
 * neighbours (Han against kana); a run is a row of segments of one language,
 * with the gaps between them. */
#include "langruns.h"
#include "script.h"

#include <string.h>

/* The languages a run may be in. LANGUAGE_AROUND is the block's own; a run
 * of LANGUAGE_HAN_BY_BLOCK is Han whose language depends on whether the block
 * has kana, which lang_block_add cannot know until every piece is in. */
enum language { LANGUAGE_AROUND, LANGUAGE_EN, LANGUAGE_JA, LANGUAGE_ZH, LANGUAGE_KO,
		LANGUAGE_RU, LANGUAGE_EL, LANGUAGE_AR, LANGUAGE_HE, LANGUAGE_TH, LANGUAGE_HI,
		LANGUAGE_HAN_BY_BLOCK };

static const char *const LANGUAGE_TAGS[] = {NULL, "en", "ja", "zh", "ko", "ru",
					    "el", "ar", "he", "th", "hi", NULL};

/* The language a script is marked with outside a document written in it. */
static const enum language SCRIPT_LANGUAGE[SCRIPT_COUNT] = {
	[SCRIPT_LATIN] = LANGUAGE_EN,   [SCRIPT_HAN] = LANGUAGE_ZH,
	[SCRIPT_KANA] = LANGUAGE_JA,    [SCRIPT_HANGUL] = LANGUAGE_KO,
	[SCRIPT_CYRILLIC] = LANGUAGE_RU, [SCRIPT_GREEK] = LANGUAGE_EL,
	[SCRIPT_ARABIC] = LANGUAGE_AR,  [SCRIPT_HEBREW] = LANGUAGE_HE,
	[SCRIPT_THAI] = LANGUAGE_TH,    [SCRIPT_DEVANAGARI] = LANGUAGE_HI,
};

/* The script a language is written in, by its primary subtag; a language not
 * listed is written in Latin. Japanese counts as kana, its own script. */
static int script_of_language(const char *tag)
{
	static const struct {
		const char *subtag;
		enum script script;
	} SCRIPTS[] = {
		{"ja", SCRIPT_KANA},       {"zh", SCRIPT_HAN},        {"ko", SCRIPT_HANGUL},
		{"ru", SCRIPT_CYRILLIC},   {"uk", SCRIPT_CYRILLIC},   {"be", SCRIPT_CYRILLIC},
		{"bg", SCRIPT_CYRILLIC},   {"mk", SCRIPT_CYRILLIC},   {"sr", SCRIPT_CYRILLIC},
		{"kk", SCRIPT_CYRILLIC},   {"ky", SCRIPT_CYRILLIC},   {"mn", SCRIPT_CYRILLIC},
		{"tg", SCRIPT_CYRILLIC},   {"el", SCRIPT_GREEK},      {"ar", SCRIPT_ARABIC},
		{"fa", SCRIPT_ARABIC},     {"ur", SCRIPT_ARABIC},     {"ps", SCRIPT_ARABIC},
		{"he", SCRIPT_HEBREW},     {"yi", SCRIPT_HEBREW},     {"th", SCRIPT_THAI},
		{"hi", SCRIPT_DEVANAGARI}, {"mr", SCRIPT_DEVANAGARI}, {"ne", SCRIPT_DEVANAGARI},
		{"sa", SCRIPT_DEVANAGARI},
	};
	size_t len = tag ? strcspn(tag, "-_") : 0;
	for (size_t i = 0; i < sizeof SCRIPTS / sizeof SCRIPTS[0]; i++)
		if (len == 2 && (tag[0] | 0x20) == SCRIPTS[i].subtag[0] &&
		    (tag[1] | 0x20) == SCRIPTS[i].subtag[1])
			return SCRIPTS[i].script;
	return SCRIPT_LATIN;
}

/* Does segment A end right where B starts, nothing between? */
static int touching(const struct lang_segment *a, const struct lang_segment *b)
{
	return a->script != SCRIPT_NONE && b->script != SCRIPT_NONE && a->end == b->start;
}

/* The language of CUR between PREV and NEXT (either may be no segment). */
static enum language segment_language(const struct lang_block *block,
				      const struct lang_segment *prev,
				      const struct lang_segment *cur,
				      const struct lang_segment *next)
{
	int around = block->around;
	if (cur->script == SCRIPT_HAN && around != SCRIPT_KANA &&
	    ((prev->script == SCRIPT_KANA && touching(prev, cur)) ||
	     (next->script == SCRIPT_KANA && touching(cur, next))))
		return LANGUAGE_JA; /* "日本語で" is Japanese, even in Chinese */
	if (cur->script == around || (cur->script == SCRIPT_HAN && around == SCRIPT_KANA))
		return LANGUAGE_AROUND;
	if (cur->script == SCRIPT_HAN)
		return LANGUAGE_HAN_BY_BLOCK;
	if (cur->script == SCRIPT_KANA || cur->script == SCRIPT_HANGUL)
		return SCRIPT_LANGUAGE[cur->script];
	return cur->has_word ? SCRIPT_LANGUAGE[cur->script] : LANGUAGE_AROUND;
}

/* Han that depends on the block: with kana it is Japanese; without, Chinese,
 * except in Korean, where it is Hanja. */
static enum language by_block(const struct lang_block *block, enum language language)
{
	if (language != LANGUAGE_HAN_BY_BLOCK)
		return language;
	if (block->has_kana)
		return LANGUAGE_JA;
	return block->around == SCRIPT_HANGUL ? LANGUAGE_AROUND : LANGUAGE_ZH;
}

/* Does the script write words of letters (so one letter alone is a symbol)?
 * Han, kana and Hangul write a word or a syllable with each character. */
static int is_alphabet(int script)
{
	return script != SCRIPT_HAN && script != SCRIPT_KANA && script != SCRIPT_HANGUL;
}

/* The code point at TEXT[*pos], as a letter's script, SCRIPT_NONE, or -2
 * for a mark that extends the character before it; *pos moves past it. */
#define CLASS_EXTEND (-2)
static int next_class(const unsigned char *text, size_t len, size_t *pos)
{
	const unsigned char *p = text + *pos;
	unsigned long c = script_next_code_point(&p, text + len);
	*pos = (size_t)(p - text);
	enum script script = script_of(c);
	if (script == SCRIPT_NONE && script_is_extend(c))
		return CLASS_EXTEND;
	return script;
}

/* Reads the segment that starts at the first letter at or after FROM into
 * *SEG (script SCRIPT_NONE when there is none). It ends after its last letter
 * (and that letter's marks) of the same script before another script or the
 * end; Han, kana and Hangul also end before a space or a sign. */
static void read_segment(const unsigned char *text, size_t len, size_t from,
			 struct lang_segment *seg)
{
	size_t pos = from;
	seg->script = SCRIPT_NONE;
	seg->has_word = 0;
	int in_row = 0; /* letters in a row so far (a mark does not break a row) */
	while (pos < len) {
		size_t at = pos;
		int class = next_class(text, len, &pos);
		if (class == CLASS_EXTEND && in_row) {
			seg->end = pos;
			continue;
		}
		if (class < 0) { /* a space, a sign, or a mark with no letter */
			if (seg->script != SCRIPT_NONE && !is_alphabet(seg->script))
				return; /* Han against kana is Japanese only when they touch */
			in_row = 0;
			continue;
		}
		if (seg->script == SCRIPT_NONE) {
			seg->script = class;
			seg->start = at;
		} else if (class != seg->script) {
			return;
		}
		seg->end = pos;
		if (++in_row >= 2)
			seg->has_word = 1;
	}
}

void lang_block_begin(struct lang_block *block, const char *lang)
{
	block->lang = lang;
	block->around = script_of_language(lang);
	block->has_kana = 0;
	block->languages = 0;
}

void lang_block_add(struct lang_block *block, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	struct lang_segment prev = {0, 0, SCRIPT_NONE, 0}, cur, next;
	read_segment(p, len, 0, &cur);
	while (cur.script != SCRIPT_NONE) {
		read_segment(p, len, cur.end, &next);
		block->languages |= 1u << segment_language(block, &prev, &cur, &next);
		block->has_kana |= cur.script == SCRIPT_KANA;
		prev = cur;
		cur = next;
	}
}

const char *lang_block_whole(const struct lang_block *block)
{
	unsigned languages = block->languages;
	if (languages & (1u << LANGUAGE_HAN_BY_BLOCK))
		languages = (languages & ~(1u << LANGUAGE_HAN_BY_BLOCK)) |
			    1u << by_block(block, LANGUAGE_HAN_BY_BLOCK);
	for (enum language language = LANGUAGE_EN; language < LANGUAGE_HAN_BY_BLOCK; language++)
		if (languages == 1u << language)
			return LANGUAGE_TAGS[language];
	return NULL;
}

void lang_runs_begin(struct lang_runs *runs, const struct lang_block *block, const char *text,
		     size_t len)
{
	runs->block = block;
	runs->text = (const unsigned char *)text;
	runs->len = len;
	runs->pos = 0;
	runs->prev = (struct lang_segment){0, 0, SCRIPT_NONE, 0};
	read_segment(runs->text, len, 0, &runs->cur);
	runs->next = (struct lang_segment){0, 0, SCRIPT_NONE, 0};
	if (runs->cur.script != SCRIPT_NONE)
		read_segment(runs->text, len, runs->cur.end, &runs->next);
}

static enum language current_language(const struct lang_runs *runs)
{
	return by_block(runs->block,
			segment_language(runs->block, &runs->prev, &runs->cur, &runs->next));
}

/* Moves the window one segment on; each segment is read once. */
static void advance(struct lang_runs *runs)
{
	runs->prev = runs->cur;
	runs->cur = runs->next;
	runs->next.script = SCRIPT_NONE;
	if (runs->cur.script != SCRIPT_NONE)
		read_segment(runs->text, runs->len, runs->cur.end, &runs->next);
}

int lang_runs_next(struct lang_runs *runs, struct lang_run *run)
{
	if (runs->pos >= runs->len)
		return 0;
	run->start = runs->pos;
	enum language language =
		runs->cur.script != SCRIPT_NONE ? current_language(runs) : LANGUAGE_AROUND;
	if (language != LANGUAGE_AROUND && runs->cur.start == runs->pos) {
		do {
			run->end = runs->cur.end;
			advance(runs);
		} while (runs->cur.script != SCRIPT_NONE && current_language(runs) == language);
		run->lang = LANGUAGE_TAGS[language];
	} else {
		/* The language around, up to the next segment marked otherwise. */
		while (runs->cur.script != SCRIPT_NONE && current_language(runs) == LANGUAGE_AROUND)
			advance(runs);
		run->end = runs->cur.script != SCRIPT_NONE ? runs->cur.start : runs->len;
		run->lang = NULL;
	}
	runs->pos = run->end;
	return 1;
}
