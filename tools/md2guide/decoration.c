/* decoration: the marks authors hang on the end of a question to grade it:
 * "[Easy]", "(Hard)", "⭐⭐", "🟢", "👶", "***". They are not part of the
 * question (a card that asks "What is X? 🔴" reads badly, and its key would
 * change with the grade), so they leave its text and become a tag:
 * difficulty::easy for the words and colours that say a level, the raw mark
 * for the rest; the hashtags that mark a flashcard ("#card") become the
 * other tags beside them. Only the end of the text is looked at, and only
 * when some question is left before it. */
#include "md2guide.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const LEVEL_WORDS[] = {
	"easy", "medium", "hard", "beginner", "intermediate", "advanced", "expert",
	"junior", "mid", "middle", "senior", "basic", "simple", NULL,
};

/* Colours that say a level, as difficulty badges use them. */
static const struct {
	const char *mark;
	const char *level;
} LEVEL_COLOURS[] = {
	{"\xF0\x9F\x9F\xA2", "easy"},   /* 🟢 */
	{"\xF0\x9F\x9F\xA9", "easy"},   /* 🟩 */
	{"\xF0\x9F\x9F\xA1", "medium"}, /* 🟡 */
	{"\xF0\x9F\x9F\xA8", "medium"}, /* 🟨 */
	{"\xF0\x9F\x9F\xA0", "medium"}, /* 🟠 */
	{"\xF0\x9F\x94\xB4", "hard"},   /* 🔴 */
	{"\xF0\x9F\x9F\xA5", "hard"},   /* 🟥 */
};

/* The start of a trailing "[Word]" or "(Word)" naming a level in TEXT[0,LEN). */
static size_t bracketed_level(const char *text, size_t len, char *tag, size_t size)
{
	if (len < 3 || (text[len - 1] != ']' && text[len - 1] != ')'))
		return len;
	char open = text[len - 1] == ']' ? '[' : '(';
	size_t start = len - 1;
	while (start > 0 && text[start - 1] != open && len - start < 24)
		start--;
	if (start == 0 || text[start - 1] != open)
		return len;
	size_t word = len - 1 - start;
	for (const char *const *level = LEVEL_WORDS; *level; level++)
		if (strlen(*level) == word && strncasecmp(text + start, *level, word) == 0) {
			snprintf(tag, size, "difficulty::%s", *level);
			return start - 1;
		}
	return len;
}

/* Length of the emoji or star ending TEXT[0,LEN) (with its variation
 * selector), or 0. */
static size_t trailing_mark(const char *text, size_t len)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t vs = len >= 3 && t[len - 3] == 0xEF && t[len - 2] == 0xB8 && t[len - 1] == 0x8F ? 3 : 0;
	size_t end = len - vs;
	if (end >= 4 && t[end - 4] == 0xF0 && t[end - 3] == 0x9F)
		return 4 + vs; /* U+1F000 and up: emoji */
	if (end >= 3 && t[end - 3] == 0xE2 && (t[end - 2] == 0xAD || t[end - 2] == 0x98))
		return 3 + vs; /* ⭐ ★ ☆ */
	return 0;
}

void copy_whole_characters(char *out, size_t size, const char *text, size_t len)
{
	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, text, len);
	out[len] = '\0';
}

/* The start of a run of marks ending TEXT[0,LEN): colours give a level,
 * stars and asterisks a count, anything else itself. */
static size_t mark_run(const char *text, size_t len, char *tag, size_t size)
{
	size_t start = len, count = 0, n;
	while (start > 0 && text[start - 1] == '*')
		start--, count++;
	if (count >= 2) {
		snprintf(tag, size, "difficulty::%zu-stars", count);
		return start;
	}
	start = len;
	count = 0;
	while ((n = trailing_mark(text, start)) > 0)
		start -= n, count++;
	if (count == 0)
		return len;
	for (size_t i = 0; i < sizeof LEVEL_COLOURS / sizeof *LEVEL_COLOURS; i++)
		if (strncmp(text + start, LEVEL_COLOURS[i].mark, 4) == 0) {
			snprintf(tag, size, "difficulty::%s", LEVEL_COLOURS[i].level);
			return start;
		}
	if (strncmp(text + start, "\xE2\xAD\x90", 3) == 0 || strncmp(text + start, "\xE2\x98\x85", 3) == 0)
		snprintf(tag, size, "difficulty::%zu-stars", count);
	else
		copy_whole_characters(tag, size, text + start, len - start);
	return start;
}

/* The start of a run of hashtags ending TEXT[0,LEN) that marks a flashcard
 * ("What is X? #card", "#DevOps #card": Logseq's, and the Obsidian to Anki
 * plugins'), with the other tags in TAG ("DevOps"; "card" when none); LEN
 * when there is none: "issue #42" is text. */
static size_t card_tags(const char *text, size_t len, char *tag, size_t size)
{
	static const char *const MARKS[] = {"card", "card-reverse", "card-spaced", "flashcard", NULL};
	size_t start = len, used = 0;
	int marked = 0;
	tag[0] = '\0';
	for (;;) {
		size_t word = start;
		while (word > 0 && (isalnum((unsigned char)text[word - 1]) || text[word - 1] == '-' ||
				    text[word - 1] == '_' || text[word - 1] == '/'))
			word--;
		if (word == 0 || word == start || text[word - 1] != '#' ||
		    (word > 1 && !isspace((unsigned char)text[word - 2])))
			break;
		int mark = 0;
		for (const char *const *m = MARKS; *m && !mark; m++)
			mark = strlen(*m) == start - word && strncasecmp(text + word, *m, start - word) == 0;
		marked |= mark;
		if (!mark && used + (start - word) + 2 < size) {
			memmove(tag + (start - word) + (used > 0), tag, used + 1);
			memcpy(tag, text + word, start - word);
			if (used > 0)
				tag[start - word] = ' ';
			used += (start - word) + (used > 0);
		}
		start = word - 1;
		while (start > 0 && isspace((unsigned char)text[start - 1]))
			start--;
	}
	if (!marked) {
		tag[0] = '\0';
		return len;
	}
	if (!used)
		snprintf(tag, size, "card");
	return start;
}

int decoration_marks_card(const char *text)
{
	char tag[64];
	size_t len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	return card_tags(text, len, tag, sizeof tag) < len;
}

/* A zero-width joiner, space or word joiner ends TEXT[0,LEN): left of a
 * mark when it was copied from an emoji sequence ("‍⭐️"), and no more of
 * the question than the mark is. */
static int invisible_before(const char *text, size_t len)
{
	return len >= 3 && (strncmp(text + len - 3, "\xE2\x80\x8D", 3) == 0 ||
			    strncmp(text + len - 3, "\xE2\x80\x8B", 3) == 0 ||
			    strncmp(text + len - 3, "\xE2\x81\xA0", 3) == 0);
}

/* Takes the decoration off the end of TEXT (in place) into TAG (SIZE bytes,
 * "" when there is none). Returns how many bytes left the text. */
size_t decoration_take(char *text, char *tag, size_t size)
{
	size_t len = strlen(text), end = len;
	tag[0] = '\0';
	while (end > 0 && isspace((unsigned char)text[end - 1]))
		end--;
	size_t start = card_tags(text, end, tag, size);
	if (start == end)
		start = bracketed_level(text, end, tag, size);
	if (start == end)
		start = mark_run(text, end, tag, size);
	size_t kept = start;
	while (kept > 0 && (isspace((unsigned char)text[kept - 1]) || invisible_before(text, kept)))
		kept -= isspace((unsigned char)text[kept - 1]) ? 1 : 3;
	if (start == end || kept == 0) {
		tag[0] = '\0';
		return 0;
	}
	text[kept] = '\0';
	return len - kept;
}
