/* keyed: option lists that mark their key, as exam notes and quizzes write
 * them:
 *
 *     - ❌ `${{ secrets.prod.api_key }}`        - [ ] They delete the repository.
 *     - ✅ `${{ secrets.api_key }}`             - [x] They move the branch back.
 *
 * or as a run of one-option lists, each followed by the code it offers. Such
 * options belong to the question, but their marks are the answer. The front
 * shows the options with the marks left out; the answer shows them as
 * written, or, for task boxes (which would only repeat the front with
 * ticks), the ticked options alone. This module finds such options, and
 * hides and restores their marks or their wrong options around the emitting
 * of the front and the answer; it never changes what a list says otherwise. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>

/* Marks that say an option is right (1) or wrong (-1), with the text
 * presentation selector some editors add. */
static const struct {
	const char *mark;
	int right;
} MARKS[] = {
	{"\xE2\x9C\x85", 1},  /* ✅ */
	{"\xE2\x9C\x94", 1},  /* ✔ */
	{"\xE2\x9C\x93", 1},  /* ✓ */
	{"\xE2\x98\x91", 1},  /* ☑ */
	{"\xE2\x9D\x8C", -1}, /* ❌ */
	{"\xE2\x9D\x8E", -1}, /* ❎ */
	{"\xE2\x9C\x96", -1}, /* ✖ */
	{"\xE2\x9C\x97", -1}, /* ✗ */
	{"\xE2\x9C\x98", -1}, /* ✘ */
};

/* One change made to the tree, to undo. */
struct keyed_change {
	cmark_node *node;
	char *literal;                /* a mark taken off: the text as written */
	cmark_syntax_extension *task; /* a box taken off: its task list extension */
	cmark_node *parent, *before;  /* a node taken out: where it was */
};

struct keyed_saved {
	size_t count, cap;
	struct keyed_change changes[];
};

/* The text node that opens ITEM's first paragraph, or NULL. */
static cmark_node *opening_text(cmark_node *item)
{
	cmark_node *paragraph = cmark_node_first_child(item);
	if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *text = cmark_node_first_child(paragraph);
	return text && cmark_node_get_type(text) == CMARK_NODE_TEXT ? text : NULL;
}

/* Bytes of the mark opening TEXT, with its selector and the spaces after it,
 * or 0; *RIGHT says which kind of mark it is. */
static size_t mark_length(const char *text, int *right)
{
	for (size_t i = 0; i < sizeof MARKS / sizeof *MARKS; i++) {
		size_t len = strlen(MARKS[i].mark);
		if (strncmp(text, MARKS[i].mark, len) != 0)
			continue;
		if (strncmp(text + len, "\xEF\xB8\x8F", 3) == 0 || strncmp(text + len, "\xEF\xB8\x8E", 3) == 0)
			len += 3;
		while (text[len] == ' ' || text[len] == '\t')
			len++;
		*right = MARKS[i].right;
		return len;
	}
	return 0;
}

static int is_task(cmark_node *item) { return is_type(item, "tasklist"); }

/* What ITEM says of itself: right (1), wrong (-1), or no key (0). A ticked
 * box is right and an empty one wrong. */
static int option_key(cmark_node *item)
{
	if (is_task(item))
		return cmark_gfm_extensions_get_tasklist_item_checked(item) ? 1 : -1;
	cmark_node *text = opening_text(item);
	int right = 0;
	return text && mark_length(cmark_node_get_literal(text), &right) ? right : 0;
}

static int is_list(cmark_node *block)
{
	return block && cmark_node_get_type(block) == CMARK_NODE_LIST;
}

static int is_code(cmark_node *block)
{
	return block && cmark_node_get_type(block) == CMARK_NODE_CODE_BLOCK;
}

/* The block after the options that LIST opens, up to STOP: the list, or a
 * run of lists of one option each, the code each offers after it ("- [ ] ⠀"
 * then a fenced block). */
cmark_node *keyed_run_end(cmark_node *list, cmark_node *stop)
{
	cmark_node *block = cmark_node_next(list);
	if (cmark_node_first_child(list) != cmark_node_last_child(list))
		return block;
	for (;;) {
		while (block != stop && is_code(block))
			block = cmark_node_next(block);
		cmark_node *next = block;
		if (next == stop || !is_list(next) ||
		    cmark_node_first_child(next) != cmark_node_last_child(next))
			return block;
		block = cmark_node_next(next);
	}
}

/* Does every option from LIST to END (two or more) carry a key, with at least
 * one right and one wrong? A list of features all ticked, a checklist with
 * nothing ticked yet, is no key. */
static int is_keyed(cmark_node *list, cmark_node *end)
{
	int items = 0, rights = 0, wrongs = 0;
	for (cmark_node *block = list; block != end; block = cmark_node_next(block)) {
		if (!is_list(block))
			continue;
		for (cmark_node *item = cmark_node_first_child(block); item;
		     item = cmark_node_next(item)) {
			int key = option_key(item);
			if (!key)
				return 0;
			items++;
			rights += key > 0;
			wrongs += key < 0;
		}
	}
	return items >= 2 && rights > 0 && wrongs > 0;
}

cmark_node *keyed_options(struct block_span prompt)
{
	for (cmark_node *block = prompt.first; block && block != prompt.stop;
	     block = cmark_node_next(block))
		if (is_list(block) && is_keyed(block, keyed_run_end(block, prompt.stop)))
			return block;
	return NULL;
}

/* Blocks that may stand between a question and its options: the code or the
 * text it asks about, an image, a table. */
static int is_question_matter(cmark_node *block)
{
	switch (cmark_node_get_type(block)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_BLOCK_QUOTE:
		return 1;
	default:
		return is_type(block, "table");
	}
}

cmark_node *keyed_leading(struct block_span body)
{
	for (cmark_node *block = body.first; block && block != body.stop;
	     block = cmark_node_next(block)) {
		if (is_list(block))
			return is_keyed(block, keyed_run_end(block, body.stop)) ? block : NULL;
		if (!is_question_matter(block))
			return NULL;
	}
	return NULL;
}

/* Room for one more change in *SAVED; NULL when out of memory. */
static struct keyed_change *change_new(struct keyed_saved **saved)
{
	struct keyed_saved *s = *saved;
	if (!s || s->count == s->cap) {
		size_t cap = s ? 2 * s->cap : 8;
		s = realloc(s, sizeof *s + cap * sizeof *s->changes);
		if (!s)
			return NULL;
		if (!*saved)
			s->count = 0;
		s->cap = cap;
		*saved = s;
	}
	struct keyed_change *change = &s->changes[s->count++];
	memset(change, 0, sizeof *change);
	return change;
}

/* Takes the mark or the box off ITEM; 0, or -1 when out of memory. */
static int hide_mark(struct keyed_saved **saved, cmark_node *item)
{
	struct keyed_change *change = change_new(saved);
	if (!change)
		return -1;
	change->node = item;
	if (is_task(item)) { /* written as a plain item */
		change->task = cmark_node_get_syntax_extension(item);
		cmark_node_set_syntax_extension(item, NULL);
		return 0;
	}
	cmark_node *text = opening_text(item);
	int right;
	change->literal = strdup(cmark_node_get_literal(text));
	if (!change->literal)
		return -1;
	cmark_node_set_literal(text, change->literal + mark_length(change->literal, &right));
	return 0;
}

/* Takes NODE out of the tree; 0, or -1 when out of memory. */
static int take_out(struct keyed_saved **saved, cmark_node *node)
{
	struct keyed_change *change = change_new(saved);
	if (!change)
		return -1;
	change->node = node;
	change->parent = cmark_node_parent(node);
	change->before = cmark_node_previous(node);
	cmark_node_unlink(node);
	return 0;
}

struct keyed_saved *keyed_hide(cmark_node *list, cmark_node *stop)
{
	struct keyed_saved *saved = NULL;
	for (cmark_node *block = list, *end = keyed_run_end(list, stop); block != end;
	     block = cmark_node_next(block))
		for (cmark_node *item = is_list(block) ? cmark_node_first_child(block) : NULL;
		     item; item = cmark_node_next(item))
			if (hide_mark(&saved, item) != 0) {
				keyed_restore(saved);
				return NULL;
			}
	return saved;
}

/* Takes the wrong options of LIST out, and LIST itself with the code after
 * it (up to END) when none of its options is right; returns the block after
 * it. */
static cmark_node *keep_right_of(struct keyed_saved **saved, cmark_node *list, cmark_node *end,
				 int *status)
{
	cmark_node *next = cmark_node_next(list);
	while (next != end && is_code(next))
		next = cmark_node_next(next);
	int rights = 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item))
		rights += option_key(item) > 0;
	for (cmark_node *item = cmark_node_first_child(list), *after; item && *status == 0;
	     item = after) {
		after = cmark_node_next(item);
		if (rights && option_key(item) < 0)
			*status = take_out(saved, item);
	}
	for (cmark_node *block = list, *after; !rights && block != next && *status == 0;
	     block = after) {
		after = cmark_node_next(block);
		*status = take_out(saved, block);
	}
	return next;
}

struct keyed_saved *keyed_keep_right(cmark_node *list, cmark_node *stop,
				     struct block_span *right)
{
	cmark_node *end = keyed_run_end(list, stop);
	*right = (struct block_span){list, end};
	if (!is_task(cmark_node_first_child(list)))
		return NULL; /* marks tell right from wrong in the options as written */
	cmark_node *parent = cmark_node_parent(list), *before = cmark_node_previous(list);
	struct keyed_saved *saved = NULL;
	int status = 0;
	for (cmark_node *block = list; block != end && status == 0;)
		block = is_list(block) ? keep_right_of(&saved, block, end, &status)
				       : cmark_node_next(block);
	if (status != 0) {
		keyed_restore(saved);
		return NULL;
	}
	right->first = before ? cmark_node_next(before) : cmark_node_first_child(parent);
	return saved;
}

void keyed_restore(struct keyed_saved *saved)
{
	if (!saved)
		return;
	/* Last first: a node taken out after its neighbour was goes back next
	 * to the neighbour's place before the neighbour does. */
	for (size_t i = saved->count; i-- > 0;) {
		struct keyed_change *change = &saved->changes[i];
		if (change->task)
			cmark_node_set_syntax_extension(change->node, change->task);
		if (change->literal)
			cmark_node_set_literal(opening_text(change->node), change->literal);
		free(change->literal);
		if (change->before)
			cmark_node_insert_after(change->before, change->node);
		else if (change->parent)
			cmark_node_prepend_child(change->parent, change->node);
	}
	free(saved);
}
