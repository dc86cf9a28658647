/* notes.c: the deck's notes, one per card of the guide tree, in the decks of
 * their sections and topics, and the deck set that holds them.
 *
 * Owns: which cards become notes (an empty question is an error, a card
 * without an answer or said twice is left out, with one warning each), the
 * decks (the guide's title or --deck, and its topics below), and stable
 * identity: a note's guid from its card's key, ids from hashes.
 * Never: renders a field itself (render.c does), or writes the deck. */
#include "guide2anki/notes.h"
#include "guide2anki/decknames.h"
#include "guide2anki/render.h"
#include "guide2anki/repeats.h"
#include "buf.h"
#include "diag.h"
#include "strmap.h"
#include "tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Id ranges: millisecond times in the past, as Anki's own ids are (ids more
 * than a day in the future are renumbered on import). Separate ranges keep
 * note, card and deck ids apart. */
#define ANKI_NOTE_ID_BASE 1400000000000LL
#define ANKI_CARD_ID_BASE 1500000000000LL
#define ANKI_DECK_ID_BASE 1600000000000LL
#define ANKI_ID_SPAN 90000000000LL

/* --- the deck set ------------------------------------------------------------ */

/* Makes *ID unique among USED, stepping past a hash collision. */
static int unique_id(struct strmap *used, long long *id)
{
	for (;;) {
		char key[32];
		snprintf(key, sizeof key, "%lld", *id);
		if (strmap_find(used, key)) {
			(*id)++;
			continue;
		}
		return strmap_insert(used, key) ? 0 : -1;
	}
}

void anki_deck_set_free(struct anki_deck_set *set)
{
	for (size_t i = 0; i < set->note_count; i++) {
		for (int f = 0; f < ANKI_FIELD_COUNT; f++)
			free(set->notes[i].fields[f]);
		free(set->notes[i].tags);
	}
	for (size_t i = 0; i < set->deck_count; i++)
		free(set->decks[i].name);
	for (size_t i = 0; i < set->media_count; i++) {
		free(set->media[i].name);
		free(set->media[i].path);
		free(set->media[i].data);
	}
	free(set->notes);
	free(set->decks);
	free(set->media);
	free(set->css);
	free(set->front);
	free(set->back);
	strmap_free(&set->deck_names);
	strmap_free(&set->deck_ids);
	memset(set, 0, sizeof *set);
}

struct anki_deck *anki_deck_add(struct anki_deck_set *set, const char *name)
{
	/* Names and ids are looked up in hash maps: a guide may have 100,000
	 * sections, and a scan per deck made that quadratic. */
	struct strmap_entry *known = strmap_find(&set->deck_names, name);
	if (known)
		return &set->decks[(size_t)(intptr_t)known->value];
	struct anki_deck *decks = anki_grow(set->decks, &set->deck_cap, set->deck_count,
					    sizeof *decks);
	if (!decks)
		return NULL;
	set->decks = decks;
	struct anki_deck *deck = &set->decks[set->deck_count];
	/* Default keeps Anki's id 1; every other deck's id comes from its name. */
	deck->id = strcmp(name, "Default") == 0
			   ? ANKI_DEFAULT_DECK_ID
			   : anki_stable_id(name, ANKI_DECK_ID_BASE, ANKI_ID_SPAN);
	struct strmap_entry *entry = strmap_insert(&set->deck_names, name);
	deck->name = entry ? strdup(name) : NULL;
	if (!deck->name || unique_id(&set->deck_ids, &deck->id) != 0) {
		free(deck->name); /* the name maps to no deck: the run ends here */
		return NULL;
	}
	entry->value = (void *)(intptr_t)set->deck_count++;
	return deck;
}

struct anki_note *anki_note_add(struct anki_deck_set *set)
{
	if (set->note_count >= ANKI_MAX_NOTES)
		return NULL;
	struct anki_note *notes = anki_grow(set->notes, &set->note_cap, set->note_count,
					    sizeof *notes);
	if (!notes)
		return NULL;
	set->notes = notes;
	struct anki_note *note = &set->notes[set->note_count++];
	memset(note, 0, sizeof *note);
	return note;
}

/* --- cards, sections, the guide ----------------------------------------------- */

/* True when NODE holds nothing a reader would see. */
static int is_blank(const xmlNode *node)
{
	if (!node)
		return 1;
	for (const xmlNode *n = node->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && (tree_is(n, "img") || tree_is(n, "hr") ||
						     !is_blank(n)))
			return 0;
	char *text = tree_plain_text(node);
	int blank = 1;
	for (const char *p = text; p && *p && blank; p++)
		blank = isspace((unsigned char)*p);
	free(text);
	return blank;
}

/* The guid: the card's key (stable across edits of its answer) with the guide's
 * source name, so two guides with equal keys stay apart. */
static void card_guid(struct anki_note *note, const char *source, const char *key)
{
	struct buf text;
	buf_init(&text);
	buf_printf(&text, "%s#%s", source, key);
	snprintf(note->guid, sizeof note->guid, "g2a%016llx",
		 text.failed ? 0ULL : anki_hash64(text.data, text.len));
	buf_free(&text);
}

#define ANKI_LINES_SHOWN 5 /* lines a warning lists */

struct walk {
	struct anki_deck_set *set;
	struct anki_render render;
	struct strmap guids; /* guid -> its note's line */
	struct strmap ids;   /* every note and card id given out */
	long long deck_id;   /* the deck of the section being walked */
	const char *tag;     /* its slug */
	const xmlNode *section_title;
	int keep_unanswered;                     /* --keep-unanswered */
	struct anki_repeats repeats;             /* cards said twice, left out */
	size_t unanswered;                       /* cards left out: no answer yet */
	long unanswered_lines[ANKI_LINES_SHOWN]; /* the first of them */
};

/* One warning for every card left out for want of an answer: a missing answer
 * never costs the other cards. */
static void report_unanswered(const struct walk *w)
{
	if (w->unanswered == 0)
		return;
	struct buf lines;
	buf_init(&lines);
	anki_list_lines(&lines, w->unanswered_lines, w->unanswered, ANKI_LINES_SHOWN);
	diag_warning(w->render.source, w->unanswered_lines[0],
		     "%zu card%s no answer yet and %s left out of the deck (line%s %s); write "
		     "the answer, or keep such cards with --keep-unanswered",
		     w->unanswered, w->unanswered == 1 ? " has" : "s have",
		     w->unanswered == 1 ? "is" : "are", w->unanswered == 1 ? "" : "s",
		     lines.failed ? "?" : lines.data);
	buf_free(&lines);
}

/* The front: the question, and under it what belongs to it (the code whose
 * output it asks for, the options of a multiple choice). */
static char *render_question(struct anki_render *r, const xmlNode *card)
{
	char *question = anki_render_field(r, tree_child(card, "question"), 1);
	const xmlNode *prompt = tree_child(card, "prompt");
	char *blocks = prompt && question ? anki_render_field(r, prompt, 0) : NULL;
	if (!prompt || !blocks) {
		if (prompt)
			free(question);
		return prompt ? NULL : question;
	}
	struct buf out;
	buf_init(&out);
	buf_printf(&out, "%s<div class=\"prompt\">%s</div>", question, blocks);
	free(question);
	free(blocks);
	if (out.failed) {
		buf_free(&out);
		return NULL;
	}
	return out.data;
}

/* The section's tag, the card's own (difficulty::easy), and "unanswered" for
 * a card kept by --keep-unanswered. */
static char *note_tags(const struct walk *w, const xmlNode *card)
{
	const char *own = tree_attr(card, "tags");
	struct buf tags;
	buf_init(&tags);
	buf_puts(&tags, w->tag);
	if (own && *own)
		buf_printf(&tags, " %s", own);
	if (tree_attr(card, "unanswered"))
		buf_puts(&tags, " unanswered");
	if (tags.failed || !tags.data) {
		buf_free(&tags);
		return NULL;
	}
	return tags.data;
}

static int fill_note(struct walk *w, struct anki_note *note, const xmlNode *card)
{
	struct anki_render *r = &w->render;
	r->line = note->line;
	note->fields[ANKI_QUESTION] = render_question(r, card);
	note->fields[ANKI_ANSWER] = anki_render_field(r, tree_child(card, "answer"), 0);
	note->fields[ANKI_WHY] = anki_render_field(r, tree_child(card, "why"), 0);
	note->fields[ANKI_SECTION] = anki_render_field(r, w->section_title, 1);
	/* Source: where to edit the card, as SOURCE:LINE. */
	struct buf where, escaped;
	buf_init(&where);
	buf_init(&escaped);
	buf_printf(&where, "%s:%ld", r->source, note->line);
	r->out = &escaped;
	if (!where.failed)
		anki_render_text(r, where.data, where.len);
	r->out = NULL;
	note->fields[ANKI_SOURCE] = escaped.failed || where.failed ? NULL : escaped.data;
	if (!note->fields[ANKI_SOURCE])
		buf_free(&escaped);
	buf_free(&where);
	note->tags = note_tags(w, card);
	for (int f = 0; f < ANKI_FIELD_COUNT; f++)
		if (!note->fields[f])
			return -1;
	return note->tags ? 0 : -1;
}

static int anki_render_card(struct walk *w, const xmlNode *card)
{
	const char *source = w->render.source;
	long line = tree_line(card);
	const xmlNode *answer = tree_child(card, "answer");
	if (is_blank(tree_child(card, "question"))) {
		diag_error(source, line, "this card has an empty question; write the question "
					 "or remove the card");
		return 0;
	}
	if ((is_blank(answer) || tree_attr(card, "unanswered")) && !w->keep_unanswered) {
		if (w->unanswered < ANKI_LINES_SHOWN)
			w->unanswered_lines[w->unanswered] = tree_line(answer);
		w->unanswered++;
		return 0;
	}
	int repeated = anki_repeat_seen(&w->repeats, card);
	if (repeated != 0)
		return repeated < 0 ? -1 : 0;
	struct anki_note *note = anki_note_add(w->set);
	if (!note) {
		diag_error(source, line, "more than %d cards, or out of memory", ANKI_MAX_NOTES);
		return -1;
	}
	note->line = line;
	note->deck_id = w->deck_id;
	note->mod = w->set->timestamp;
	card_guid(note, source, tree_attr(card, "key"));
	struct strmap_entry *seen = strmap_find(&w->guids, note->guid);
	if (seen) {
		diag_error(source, line, "this card has the same key as the card on line %ld; "
					 "give one of them a different question",
			   (long)(intptr_t)seen->value);
		return 0;
	}
	struct strmap_entry *entry = strmap_insert(&w->guids, note->guid);
	if (!entry)
		return -1;
	entry->value = (void *)(intptr_t)line;
	note->id = anki_stable_id(note->guid, ANKI_NOTE_ID_BASE, ANKI_ID_SPAN);
	note->card_id = anki_stable_id(note->guid, ANKI_CARD_ID_BASE, ANKI_ID_SPAN);
	if (unique_id(&w->ids, &note->id) != 0 || unique_id(&w->ids, &note->card_id) != 0)
		return -1;
	return fill_note(w, note, card);
}

/* The deck of the topics open now, added when a card first needs it. */
static int topic_deck(struct walk *w, const struct anki_topics *topics)
{
	struct anki_deck *deck = anki_deck_add(w->set, topics->name.data);
	if (!deck)
		return -1;
	w->deck_id = deck->id;
	return 0;
}

static int anki_render_section(struct walk *w, const xmlNode *section, const char *top)
{
	if (strcmp(tree_attr(section, "kind"), "questions") != 0)
		return 0; /* prose: no cards */
	w->section_title = tree_child(section, "title");
	w->tag = tree_attr(section, "id");
	w->deck_id = w->set->decks[1].id;
	struct anki_topics topics;
	int status = top ? anki_topics_start(&topics, top, section) : 0;
	int changed = top != NULL; /* the topics' deck differs from the one in use */
	for (const xmlNode *node = tree_first(section); node && status == 0;
	     node = tree_next(node)) {
		if (top && tree_is(node, "heading")) {
			status = anki_topics_heading(&topics, node);
			changed = 1;
		} else if (tree_is(node, "card")) {
			if (changed && (status = topic_deck(w, &topics)) != 0)
				break;
			changed = 0;
			status = anki_render_card(w, node);
		}
	}
	if (top)
		anki_topics_free(&topics);
	return status;
}

/* The top deck: --deck NAME as given (it may nest with "::"), or the guide's
 * title. */
static char *top_deck_name(const xmlDoc *doc, const char *deck)
{
	if (deck)
		return strdup(deck);
	const xmlNode *meta = tree_child(xmlDocGetRootElement((xmlDoc *)doc), "meta");
	char *title = tree_plain_text(tree_child(meta, "title"));
	if (!title)
		return NULL;
	struct buf name;
	buf_init(&name);
	anki_deck_component(&name, title);
	free(title);
	if (name.failed) {
		buf_free(&name);
		return NULL;
	}
	return name.data;
}

int anki_build_notes(struct anki_deck_set *set, const xmlDoc *doc,
		     const struct anki_options *opt, const struct image_folder *images)
{
	struct walk w;
	memset(&w, 0, sizeof w);
	w.set = set;
	w.render.set = set;
	w.render.source = tree_source(doc);
	w.render.lang = tree_attr(xmlDocGetRootElement(doc), "lang");
	w.render.images = images;
	w.keep_unanswered = opt->keep_unanswered;
	anki_repeats_init(&w.repeats);
	strmap_init(&w.guids);
	strmap_init(&w.ids);
	char *top = top_deck_name(doc, opt->deck);
	int status = (!top || !anki_deck_add(set, "Default") || !anki_deck_add(set, top)) ? -1 : 0;
	const xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc);
	for (const xmlNode *node = tree_first(root); node && status == 0; node = tree_next(node))
		if (tree_is(node, "section"))
			status = anki_render_section(&w, node, opt->single_deck ? NULL : top);
	if (status != 0)
		diag_fatal("out of memory");
	else {
		report_unanswered(&w);
		anki_repeats_report(&w.repeats, w.render.source);
	}
	anki_repeats_free(&w.repeats);
	free(top);
	strmap_free(&w.guids);
	strmap_free(&w.ids);
	return status;
}
