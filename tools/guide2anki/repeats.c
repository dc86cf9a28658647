/* repeats.c: cards that say, word for word, what an earlier card of the deck
 * says. Guides that list their questions under several topics repeat them
 * (the same question and answer under "JavaScript" and "React"): the book
 * keeps every copy where the author put it, the deck keeps the first, since
 * drilling one card twice teaches nothing; an answer ending in a pointer to
 * a longer one elsewhere is the same card as its copy without. Owns the set
 * of what was seen; never decides on cards whose answers differ otherwise. */
#include "guide2anki/repeats.h"
#include "guide2anki/anki.h"
#include "buf.h"
#include "diag.h"
#include "tree.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void anki_repeats_init(struct anki_repeats *r)
{
	memset(r, 0, sizeof *r);
	strmap_init(&r->seen);
}

void anki_repeats_free(struct anki_repeats *r)
{
	strmap_free(&r->seen);
}

/* NODE's text with its blanks collapsed, into OUT. */
static void collapsed(struct buf *out, const xmlNode *node)
{
	char *text = node ? tree_plain_text(node) : NULL;
	int blank = 1;
	size_t n = 0; /* collapsed in place: never longer than the text */
	for (const char *p = text; p && *p; p++) {
		int space = isspace((unsigned char)*p);
		if (!space)
			text[n++] = *p;
		else if (!blank)
			text[n++] = ' ';
		blank = space;
	}
	if (n > 0)
		buf_put(out, text, n);
	free(text);
}

/* A guide's pointer to more of the answer elsewhere, ending it: a quote of
 * one short paragraph with a link ("> Read the [longer answer](…) on our
 * site"), which one copy of a question has and its repeat under another
 * topic has not. The two are the same card. */
#define PROMO_MAX 400
static const xmlNode *trailing_promo(const xmlNode *answer)
{
	const xmlNode *last = answer ? xmlLastElementChild((xmlNode *)answer) : NULL;
	const xmlNode *p = last && tree_is(last, "quote") ? tree_first(last) : NULL;
	if (!p || !tree_is(p, "p") || tree_next(p) || !tree_child(p, "link"))
		return NULL;
	char *text = tree_plain_text(p);
	int promo = text && strlen(text) <= PROMO_MAX;
	free(text);
	return promo ? last : NULL;
}

/* OUT from START on without the blanks that end it. */
static void trim_end(struct buf *out, size_t start)
{
	while (out->len > start && out->data[out->len - 1] == ' ')
		out->len--;
	if (out->data)
		out->data[out->len] = '\0';
}

/* ANSWER's text, collapsed, less a trailing promo's. */
static void answer_text(struct buf *out, const xmlNode *answer)
{
	size_t start = out->len;
	collapsed(out, answer);
	const xmlNode *promo = trailing_promo(answer);
	if (!out->failed)
		trim_end(out, start);
	if (!promo || out->failed)
		return;
	struct buf tail;
	buf_init(&tail);
	collapsed(&tail, promo);
	if (!tail.failed)
		trim_end(&tail, 0);
	if (!tail.failed && tail.len <= out->len - start &&
	    memcmp(out->data + out->len - tail.len, tail.data, tail.len) == 0) {
		out->len -= tail.len;
		trim_end(out, start);
	}
	buf_free(&tail);
}

/* 1 when CARD repeats an earlier card (counted), 0 when not, -1 when memory
 * ran out. */
int anki_repeat_seen(struct anki_repeats *r, const xmlNode *card)
{
	struct buf text;
	buf_init(&text);
	collapsed(&text, tree_child(card, "question"));
	buf_putc(&text, '\x1f');
	collapsed(&text, tree_child(card, "prompt"));
	buf_putc(&text, '\x1f');
	answer_text(&text, tree_child(card, "answer"));
	char key[24];
	snprintf(key, sizeof key, "%016llx",
		 text.failed ? 0ULL : anki_hash64(text.data ? text.data : "", text.len));
	int failed = text.failed;
	buf_free(&text);
	if (failed)
		return -1;
	if (strmap_find(&r->seen, key)) {
		if (r->count < ANKI_REPEAT_LINES)
			r->lines[r->count] = tree_line(card);
		r->count++;
		return 1;
	}
	return strmap_insert(&r->seen, key) ? 0 : -1;
}

void anki_list_lines(struct buf *out, const long *lines, size_t count, size_t shown)
{
	for (size_t i = 0; i < count && i < shown; i++)
		buf_printf(out, "%s%ld", i ? ", " : "", lines[i]);
	if (count > shown)
		buf_puts(out, ", ...");
}

void anki_repeats_report(const struct anki_repeats *r, const char *source)
{
	if (r->count == 0)
		return;
	struct buf lines;
	buf_init(&lines);
	anki_list_lines(&lines, r->lines, r->count, ANKI_REPEAT_LINES);
	diag_warning(source, r->lines[0],
		     "%zu card%s word for word an earlier card (question and answer) and %s left "
		     "out of the deck (line%s %s); the book keeps every copy",
		     r->count, r->count == 1 ? " repeats" : "s repeat", r->count == 1 ? "is" : "are",
		     r->count == 1 ? "" : "s", lines.failed ? "?" : lines.data);
	buf_free(&lines);
}
