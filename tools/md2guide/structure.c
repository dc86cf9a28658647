/* structure: find the guide in the Markdown. Reads the cmark tree and builds the
 * plan emit.c writes: title and subtitle, the guide's own table of contents,
 * sections, and in them prose and the questions (cards) by whichever
 * convention the author used (convention.c chooses, cards.c recognises, ids.c
 * names). The rules are listed in README.md ("How questions are found"). */
#include "md2guide.h"
#include "diag.h"
#include "htmlsafe.h"
#include "slug.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ---------------------------------------------------------- */

int is_type(cmark_node *node, const char *type_string)
{
	return node && strcmp(cmark_node_get_type_string(node), type_string) == 0;
}

const char *node_id(cmark_node *node) { return cmark_node_get_user_data(node); }

static void plain_append(struct buf *out, cmark_node *node, size_t *skip)
{
	const char *literal = NULL;
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		literal = cmark_node_get_literal(node);
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		literal = " ";
		break;
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_IMAGE:
		return; /* markup, not text, in GitHub's anchors */
	default:
		for (cmark_node *child = cmark_node_first_child(node); child;
		     child = cmark_node_next(child))
			plain_append(out, child, skip);
		return;
	}
	size_t len = literal ? strlen(literal) : 0;
	size_t skipped = *skip < len ? *skip : len;
	*skip -= skipped;
	buf_put(out, literal + skipped, len - skipped);
}

char *plain_text(cmark_node *first, cmark_node *stop, size_t skip)
{
	struct buf out;
	buf_init(&out);
	for (cmark_node *node = first; node && node != stop; node = cmark_node_next(node))
		plain_append(&out, node, &skip);
	if (out.failed) {
		buf_free(&out);
		return NULL;
	}
	return out.data ? out.data : strdup("");
}

char *node_text(cmark_node *node)
{
	return plain_text(cmark_node_first_child(node), NULL, 0);
}

/* Last non-space character of S, or 0. */
char last_char(const char *s)
{
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return len ? s[len - 1] : 0;
}

int is_heading(cmark_node *node)
{
	return node && cmark_node_get_type(node) == CMARK_NODE_HEADING;
}

int heading_level(cmark_node *node) { return cmark_node_get_heading_level(node); }

/* ---- sections ---------------------------------------------------------------- */

/* The arrays of the plan grow by doubling, without a capacity field: one with
 * COUNT items has room for the next power of two (at least 8), so a bigger
 * block is needed only when COUNT is 0 or reaches such a power. Returns the
 * new capacity then, else 0. (Growing by one item per realloc copies the whole
 * array each time wherever realloc cannot grow in place: quadratic.) */
static size_t grown_capacity(size_t count)
{
	if (count == 0)
		return 8;
	return count >= 8 && (count & (count - 1)) == 0 ? count * 2 : 0;
}

static int add_part(struct section *section, cmark_node *block, struct card *card)
{
	size_t cap = grown_capacity(section->part_count);
	if (cap) {
		struct part *grown = realloc(section->parts, cap * sizeof *grown);
		if (!grown)
			return -1;
		section->parts = grown;
	}
	section->parts[section->part_count++] = (struct part){block, card};
	if (card)
		section->card_count++;
	return 0;
}

static int is_section_heading(cmark_node *block, int section_level)
{
	return is_heading(block) && heading_level(block) <= section_level;
}

/* Is BLOCK a list whose items are this section's cards? */
static int starts_list_cards(cmark_node *block, const struct scope *scope)
{
	return (scope->styles & (1u << CARD_LIST)) && question_list(block, scope);
}

/* A thematic break only separating questions or sections repeats what the tree
 * already says; it is left out (see README). */
static int separator_only(cmark_node *block, const struct scope *scope)
{
	if (cmark_node_get_type(block) != CMARK_NODE_THEMATIC_BREAK)
		return 0;
	cmark_node *next = cmark_node_next(block);
	if (!next || is_section_heading(next, scope->level))
		return 1;
	return starts_card(next, scope) || starts_list_cards(next, scope);
}

static struct card *new_card(const struct card *found)
{
	struct card *card = malloc(sizeof *card);
	if (card)
		*card = *found;
	return card;
}

/* Collects the card that starts at BLOCK; returns the block after it. */
static cmark_node *collect_card(struct section *section, struct card *found,
				cmark_node *block, cmark_node *stop, int *status)
{
	struct card *card = new_card(found);
	if (!card || add_part(section, NULL, card) != 0) {
		if (card)
			card_release(card);
		free(card);
		*status = -1;
		return stop;
	}
	if (card->style == CARD_LABEL && card->last_block && (card->last_block == block ||
	    !card->label || card->label_rest.stop)) /* or it closes a ":::" */
		return cmark_node_next(card->last_block); /* one paragraph, or paired lines */
	if (card->style == CARD_LABEL && card->last_block) /* "Answer:" opens its paragraph */
		block = card->last_block; /* (none: "Q1) What is X?" alone, the answer below) */
	if (card->details_doc) {
		cmark_node *first = cmark_node_first_child(card->details_doc);
		cmark_node *after = take_labels(card, first, NULL);
		if (first) /* the sub-document counts from 1 */
			card->answer_line += card->details_line - 1;
		if (!card->details_open) {
			card->body = (struct block_span){after, NULL};
			return cmark_node_next(block);
		}
		card->head = (struct block_span){after, NULL};
	}
	cmark_node *next = cmark_node_next(block);
	if (!card->details_doc)
		next = take_labels(card, next, stop);
	card->body.first = next;
	if (card->style == CARD_DETAILS) {
		/* The closing block ("...</b></details>") may hold the answer's end. */
		cmark_node *last = details_close_of(block, stop, SIZE_MAX);
		card->body.stop = last ? cmark_node_next(last) : stop;
		return card->body.stop;
	}
	/* A list of questions after a bold, list or label card's answer is cards
	 * of its own, as a question is (ends_answer() knows single cards, not
	 * lists); in a heading question's answer it is part of it ("Need a
	 * subset? -> filter()"), as a question table is. */
	while (next && next != stop && !ends_answer(card, next, &section->scope) &&
	       !(card->style != CARD_HEADING && starts_list_cards(next, &section->scope))) {
		/* A <details> hiding the answer holds all up to its closing tag,
		 * headings of any level ("#### Answer: B") too. */
		cmark_node *hidden = is_reveal_details(next) == 1
					     ? details_close_of(next, stop, MAX_HIDDEN_BLOCKS) : NULL;
		next = cmark_node_next(hidden ? hidden : next);
	}
	card->body.stop = next;
	split_prompt(card);
	return next;
}

/* An item of a question list that asks nothing stays prose: a list of its
 * own, before LIST (which the caller has read past), numbered as it was. */
static int stray_item_apart(struct section *section, cmark_node *list, cmark_node *item,
			    int number)
{
	cmark_node *own = cmark_node_new(CMARK_NODE_LIST);
	if (!own)
		return -1;
	cmark_node_set_list_type(own, cmark_node_get_list_type(list));
	cmark_node_set_list_delim(own, cmark_node_get_list_delim(list));
	cmark_node_set_list_tight(own, cmark_node_get_list_tight(list));
	if (number > 0)
		cmark_node_set_list_start(own, number);
	if (!cmark_node_insert_before(list, own) || !cmark_node_append_child(own, item)) {
		cmark_node_free(own);
		return -1;
	}
	return add_part(section, own, NULL);
}

static int collect_list_cards(struct section *section, cmark_node *list)
{
	int start = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST
			    ? cmark_node_get_list_start(list) : 0;
	int index = 0;
	for (cmark_node *item = cmark_node_first_child(list), *next; item; item = next, index++) {
		next = cmark_node_next(item);
		if (!list_item_asks(cmark_node_first_child(item))) {
			if (stray_item_apart(section, list, item, start > 0 ? start + index : 0) != 0)
				return -1;
			continue;
		}
		struct card found;
		memset(&found, 0, sizeof found);
		found.style = CARD_LIST;
		found.node = item;
		found.line = cmark_node_get_start_line(item);
		cmark_node *para = cmark_node_first_child(item);
		char *strong_text = NULL;
		cmark_node *strong = leading_strong(para, &strong_text);
		int named = 0;
		if (strong && !cmark_node_next(strong)) { /* "1. **What is X?**" */
			size_t skip = question_prefix(strong_text, found.number, &named);
			found.question = (struct inline_span){cmark_node_first_child(strong), NULL, skip};
			found.question_text = strdup(strong_text + skip);
		} else if (split_inline_answer(&found, para) == 0) { /* else "* Is X? Yes." */
			cmark_node *end = question_line_end(para); /* the answer on the next line */
			char *text = plain_text(cmark_node_first_child(para), end, 0);
			size_t skip = text ? question_prefix(text, found.number, &named) : 0;
			found.question = (struct inline_span){cmark_node_first_child(para), end,
							      named ? skip : 0};
			found.question_text = text ? strdup(text + (named ? skip : 0)) : NULL;
			free(text);
			if (end) {
				found.label_rest = (struct inline_span){cmark_node_next(end), NULL, 0};
				label_of_rest(&found); /* "Ans: ..." on that line */
				found.answer_line = cmark_node_get_start_line(para) + 1;
			}
		}
		free(strong_text);
		if (!found.number[0] && start > 0)
			snprintf(found.number, sizeof found.number, "%d", start + index);
		struct card *card = found.question_text ? new_card(&found) : NULL;
		if (!card || add_part(section, NULL, card) != 0) {
			free(found.question_text);
			free(card);
			return -1;
		}
		card->body.first = take_labels(card, cmark_node_next(para), NULL);
		card->body.stop = NULL;
		split_prompt(card);
	}
	return 0;
}

/* Each of ROWS is a card: a question table's, a "Question::Answer" line. */
static int collect_row_cards(struct section *section, const struct card_rows *rows)
{
	for (cmark_node *row = rows->first; row; row = rows->next(row)) {
		struct card found;
		if (!rows->card_of(row, &found)) {
			card_release(&found);
			continue;
		}
		struct card *card = new_card(&found);
		if (!card || add_part(section, NULL, card) != 0) {
			card_release(&found);
			free(card);
			return -1;
		}
	}
	return 0;
}

/* The scope of the blocks [FIRST, STOP) under a heading of LEVEL: which of
 * their headings are questions (convention.c). */
static struct scope scope_of(const struct plan *plan, cmark_node *first, cmark_node *stop,
			     int level, struct heading_census *census)
{
	/* The memo only remembers what heading_kind() says: the plan's meaning
	 * does not change, so it is written through the const plan. */
	return convention_scope(plan->census, &plan->rule, (struct kind_memo *)&plan->memo, first,
				stop, level, census);
}

/* "## # 1. Variables": a "#" left of a topic's words is its heading's marker
 * written twice, markup and not the author's words; the title loses it (the
 * anchor, given already, keeps it as GitHub's does). "#1" is a number. */
static void drop_marker_residue(cmark_node *heading)
{
	cmark_node *text = cmark_node_first_child(heading);
	if (!text || cmark_node_get_type(text) != CMARK_NODE_TEXT)
		return;
	const char *literal = cmark_node_get_literal(text);
	size_t hashes = strspn(literal, "#");
	if (hashes == 0 || (literal[hashes] != ' ' && literal[hashes] != '\t'))
		return;
	const char *rest = literal + hashes + strspn(literal + hashes, " \t");
	if (*rest == '\0' && !cmark_node_next(text))
		return; /* "## #": nothing else to call it */
	char *kept = strdup(rest);
	if (kept)
		cmark_node_set_literal(text, kept);
	free(kept);
}

/* Splits the blocks [first, stop) of one section into prose and cards. Links
 * back to the top are the web page's furniture, not the guide's: left out. */
static int fill_section(const struct plan *plan, struct section *section, cmark_node *first,
			cmark_node *stop)
{
	int status = 0;
	cmark_node *block = first;
	section->scope = scope_of(plan, first, stop, section->level, &section->census);
	while (status == 0 && block && block != stop) {
		struct card found;
		struct card_rows rows;
		if (card_starts(block, &section->scope, &found)) {
			block = collect_card(section, &found, block, stop, &status);
			continue;
		}
		card_release(&found);
		if (starts_list_cards(block, &section->scope))
			status = collect_list_cards(section, block);
		else if (card_rows(block, &section->scope, &rows))
			status = collect_row_cards(section, &rows);
		else if (!separator_only(block, &section->scope) && !is_navigation(block)) {
			if (is_heading(block))
				drop_marker_residue(block); /* a topic: questions are cards */
			status = add_part(section, block, NULL);
		}
		block = cmark_node_next(block);
	}
	return status;
}

/* ---- the whole guide ------------------------------------------------------------ */

static int push_block(cmark_node ***blocks, size_t *count, cmark_node *block)
{
	size_t cap = grown_capacity(*count);
	if (cap) {
		cmark_node **grown = realloc(*blocks, cap * sizeof *grown);
		if (!grown)
			return -1;
		*blocks = grown;
	}
	(*blocks)[(*count)++] = block;
	return 0;
}

/* "For Python/Django Backend Developer Position | Awais Amjad": a last part
 * after "|" or " by " made of two to four capitalised words is the author.
 * *KEEP is then the length of the subtitle's text before it, trailing spaces
 * left out. */
static char *author_from(const char *subtitle, size_t *keep)
{
	const char *bar = strrchr(subtitle, '|');
	const char *by = strstr(subtitle, " by ");
	const char *cut = bar ? bar : by;
	const char *name = bar ? bar + 1 : by ? by + 4 : NULL;
	if (!name)
		return NULL;
	while (*name == ' ')
		name++;
	int words = 0;
	for (const char *p = name; *p;) {
		if (!isupper((unsigned char)*p))
			return NULL;
		while (*p && *p != ' ') {
			if (isdigit((unsigned char)*p))
				return NULL;
			p++;
		}
		words++;
		while (*p == ' ')
			p++;
	}
	if (words < 2 || words > 4)
		return NULL;
	char *author = strdup(name);
	if (author)
		author[strcspn(author, "\n")] = '\0';
	while (cut > subtitle && cut[-1] == ' ')
		cut--;
	*keep = (size_t)(cut - subtitle);
	return author;
}

/* Keeps the first KEEP bytes of NODE's children's plain text (counted as
 * plain_text counts them) and frees what follows, so that the author taken
 * from a subtitle is not printed a second time in it. Returns what is left
 * of KEEP. */
static size_t keep_text(cmark_node *node, size_t keep)
{
	cmark_node *child = cmark_node_first_child(node);
	while (child) {
		cmark_node *next = cmark_node_next(child);
		cmark_node_type type = cmark_node_get_type(child);
		const char *literal = type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE
					      ? cmark_node_get_literal(child)
					      : NULL;
		size_t len = literal                             ? strlen(literal)
			     : type == CMARK_NODE_SOFTBREAK ||
					       type == CMARK_NODE_LINEBREAK ? 1
							      : 0;
		if (keep == 0) {
			cmark_node_free(child);
		} else if (literal && len > keep) {
			char *kept = strndup(literal, keep);
			if (kept)
				cmark_node_set_literal(child, kept);
			free(kept);
			keep = 0;
		} else if (cmark_node_first_child(child) && type != CMARK_NODE_IMAGE) {
			keep = keep_text(child, keep);
			if (!cmark_node_first_child(child))
				cmark_node_free(child);
		} else {
			keep -= len < keep ? len : keep;
		}
		child = next;
	}
	return keep;
}

/* A heading that can head a section: any but the guide's contents. */
static int is_part_heading(cmark_node *block)
{
	return is_heading(block) && !is_contents_heading(block);
}

/* The smallest heading level after the title that can head sections: "##",
 * or "#" in a guide with several first-level headings; in a guide whose only
 * "##" is its contents ("## Índice" over "### Principiante"), the shallowest
 * level below it; 0 when none. */
static int find_section_level(cmark_node *from)
{
	int level = 0, below = 0, contents = 0;
	for (cmark_node *block = from; block; block = cmark_node_next(block)) {
		if (!is_heading(block))
			continue;
		int at = heading_level(block);
		if (is_contents_heading(block)) {
			contents = contents || at <= 2;
			continue;
		}
		if (at <= 2 && (level == 0 || at < level))
			level = at;
		if (below == 0 || at < below)
			below = at;
	}
	return level ? level : contents ? below : 0;
}

/* The headings of LEVEL are questions, not sections: most of them ask (at
 * least two, for "##" and "#"; below those, which head sections only under
 * a contents heading, one asking heading of one is a question too). */
static int level_asks(const struct heading_census *census, int level)
{
	if (level > 2)
		return census->asking[level] > 0 && census->asking[level] * 2 >= census->count[level];
	return census_level_asks(census, level);
}

/* The banner and badges above the title [LEAD, TITLE) go after the title
 * matter, before FIRST, the first block of the guide proper: the tree opens
 * with its title. Returns the first block after the title matter. */
static cmark_node *move_lead(struct plan *plan, cmark_node *lead, cmark_node *title,
			     cmark_node *first)
{
	cmark_node *moved = NULL;
	while (lead && lead != title) {
		cmark_node *next = cmark_node_next(lead);
		cmark_node_unlink(lead);
		if (first)
			cmark_node_insert_before(first, lead);
		else
			cmark_node_append_child(plan->document, lead);
		if (!moved)
			moved = lead;
		lead = next;
	}
	return moved ? moved : first;
}

/* Blocks a README puts above its title: banners, badges, centred HTML,
 * rules. They say nothing the title needs to wait for. */
static int is_title_matter(cmark_node *block)
{
	switch (cmark_node_get_type(block)) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
		return 1;
	case CMARK_NODE_PARAGRAPH:
		break;
	default:
		return 0;
	}
	for (cmark_node *node = cmark_node_first_child(block); node; node = cmark_node_next(node)) {
		cmark_node_type type = cmark_node_get_type(node);
		cmark_node *inner = cmark_node_first_child(node);
		if (type == CMARK_NODE_TEXT) {
			const char *text = cmark_node_get_literal(node);
			if (text[strspn(text, " \t")] != '\0')
				return 0;
		} else if (type == CMARK_NODE_LINK) {
			if (!inner || cmark_node_get_type(inner) != CMARK_NODE_IMAGE)
				return 0; /* a badge is a linked image */
		} else if (type != CMARK_NODE_IMAGE && type != CMARK_NODE_HTML_INLINE &&
			   type != CMARK_NODE_SOFTBREAK && type != CMARK_NODE_LINEBREAK) {
			return 0;
		}
	}
	return 1;
}

/* The text of the HTML TEXT[0,LEN): tags out, character references decoded,
 * blanks collapsed. malloc'd, or NULL. */
static char *html_text(const char *text, size_t len)
{
	struct buf plain, decoded;
	buf_init(&plain);
	buf_init(&decoded);
	int in_tag = 0, blank = 1;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '<' || c == '>') {
			in_tag = c == '<';
			continue;
		}
		if (in_tag)
			continue;
		int space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
		if (space && !blank)
			buf_putc(&plain, ' ');
		else if (!space)
			buf_putc(&plain, c);
		blank = space;
	}
	while (plain.len > 0 && plain.data[plain.len - 1] == ' ')
		plain.len--;
	if (plain.data)
		htmlsafe_unescape(&decoded, plain.data, plain.len);
	buf_free(&plain);
	if (decoded.failed || !decoded.data) {
		buf_free(&decoded);
		return NULL;
	}
	return decoded.data;
}

/* A title written in HTML (<h1 align="center">Guide</h1>) among the title
 * matter from BLOCK: its text becomes the title, and the block leaves the
 * tree (the title is printed once). */
static void take_html_title(struct plan *plan, cmark_node *block)
{
	for (; block && is_title_matter(block); block = cmark_node_next(block)) {
		if (cmark_node_get_type(block) != CMARK_NODE_HTML_BLOCK)
			continue;
		const char *html = cmark_node_get_literal(block);
		const char *open = find_tag(html, "<h1");
		const char *start = open ? strchr(open, '>') : NULL;
		const char *end = start ? find_tag(start, "</h1>") : NULL;
		char *text = end ? html_text(start + 1, (size_t)(end - start - 1)) : NULL;
		if (text && *text) {
			free(plan->title_fallback);
			plan->title_fallback = text;
			plan->title_html = block;
			return;
		}
		free(text);
	}
}

/* "## 1. Variables", "## # 1. Variables": the first of the author's numbered
 * topics, not a subtitle of the guide. */
static int numbered_topic(cmark_node *heading)
{
	char *text = node_text(heading);
	if (!text)
		return 0;
	const char *p = text + strspn(text, "# \t");
	size_t digits = strspn(p, "0123456789");
	int numbered = digits > 0 && digits < 4 && (p[digits] == '.' || p[digits] == ')') &&
		       (p[digits + 1] == ' ' || p[digits + 1] == '\0');
	free(text);
	return numbered;
}

static cmark_node *take_title(struct plan *plan, cmark_node *block)
{
	/* A title given in front matter is the title; a "#" heading is then content. */
	if (plan->front && plan->front->title)
		return block;
	cmark_node *title = block;
	while (title && !(is_heading(title) && heading_level(title) == 1) && is_title_matter(title))
		title = cmark_node_next(title);
	if (!is_heading(title) || heading_level(title) != 1) {
		take_html_title(plan, block);
		return block;
	}
	/* The title's badges and logo go with the title matter above it. */
	cmark_node *images = heading_take_images(title);
	if (images && cmark_node_insert_before(title, images) && block == title)
		block = images;
	cmark_node *lead = block != title ? block : NULL;
	plan->title = title;
	block = cmark_node_next(title);
	/* A heading straight after the title, with nothing under it before the
	 * next heading of its level or above, is its subtitle; "## Basics" over
	 * "### Q1" is a section. */
	cmark_node *after = block ? cmark_node_next(block) : NULL;
	if (is_heading(block) && heading_level(block) >= 2 && !numbered_topic(block) &&
	    (!after || (is_heading(after) && heading_level(after) <= heading_level(block)) ||
	     cmark_node_get_type(after) == CMARK_NODE_THEMATIC_BREAK)) {
		plan->subtitle = block;
		cmark_node *sub_images = heading_take_images(block); /* under it, as the title's */
		if (sub_images && cmark_node_insert_after(block, sub_images))
			after = sub_images;
		char *text = node_text(block);
		size_t keep = 0;
		plan->author = text ? author_from(text, &keep) : NULL;
		free(text);
		if (plan->author)
			keep_text(block, keep);
		if (plan->author && !cmark_node_first_child(block))
			plan->subtitle = NULL; /* "## | Awais Amjad": all author */
		block = after;
	}
	while (block && cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK)
		block = cmark_node_next(block);
	return lead ? move_lead(plan, lead, title, block) : block;
}

static struct section *new_section(struct plan *plan, cmark_node *heading, int level)
{
	size_t cap = grown_capacity(plan->section_count);
	if (cap) {
		struct section *grown = realloc(plan->sections, cap * sizeof *grown);
		if (!grown)
			return NULL;
		plan->sections = grown;
	}
	struct section *section = &plan->sections[plan->section_count++];
	memset(section, 0, sizeof *section);
	section->heading = heading;
	section->level = level;
	section->line = heading ? cmark_node_get_start_line(heading) : 1;
	return section;
}

static int take_toc(struct plan *plan, cmark_node *heading, cmark_node *stop, int level)
{
	struct scope scope = {.level = level, .styles = ALL_CARD_STYLES};
	plan->toc = heading;
	plan->toc_id = (char *)node_id(heading);
	for (cmark_node *block = cmark_node_next(heading); block != stop;
	     block = cmark_node_next(block))
		if (!separator_only(block, &scope) &&
		    push_block(&plan->toc_blocks, &plan->toc_block_count, block) != 0)
			return -1;
	return 0;
}

static cmark_node *section_end(cmark_node *heading, int level)
{
	cmark_node *block = cmark_node_next(heading);
	while (block && !is_section_heading(block, level))
		block = cmark_node_next(block);
	return block;
}

/* The first question of BLOCKS is the one at FIRST; a topic heading straight
 * above it, with only spacing between ("## # 1. Introduction", "<br>"), heads
 * the questions and goes with them. Returns where they start. */
static size_t topic_above(cmark_node **blocks, size_t first)
{
	cmark_node *above = cmark_node_previous(blocks[first]);
	while (above && is_spacing(above))
		above = cmark_node_previous(above);
	if (!is_heading(above) || is_contents_heading(above))
		return first;
	for (size_t at = first; at > 0; at--)
		if (blocks[at - 1] == above)
			return at - 1;
	return first; /* not in the intro: the toc's */
}

/* Guides without sections, or with questions before the first one, still need
 * a section to hold their cards; a topic heading straight above the first
 * question goes with them. */
static int implicit_section(struct plan *plan, cmark_node **intro_first, size_t *count)
{
	cmark_node *stop = *count > 0 ? cmark_node_next(intro_first[*count - 1]) : NULL;
	struct scope scope = scope_of(plan, intro_first[0], stop, 0, NULL);
	for (size_t i = 0; i < *count; i++) {
		if (starts_card(intro_first[i], &scope) || question_list(intro_first[i], &scope)) {
			struct section *section = new_section(plan, NULL, 0);
			if (!section)
				return -1;
			i = topic_above(intro_first, i);
			section->line = cmark_node_get_start_line(intro_first[i]);
			*count = i;
			return fill_section(plan, section, intro_first[i], stop);
		}
	}
	return 0;
}

/* The level of the guide's sections: its "##" headings, or "#" in a guide
 * with several first-level headings; but when most headings of that level
 * ask, they are the questions, and the sections are the headings above them
 * (none: the guide is one implicit section). */
static int section_level(const struct plan *plan, cmark_node *from)
{
	int level = find_section_level(from);
	if (plan->rule.given && plan->rule.heading_level && level >= plan->rule.heading_level)
		level = plan->rule.heading_level; /* "heading:2": the sections are above */
	while (level > 0 && (level_asks(plan->census, level) ||
			     (plan->rule.given && level == plan->rule.heading_level))) {
		int above = 0;
		for (cmark_node *block = from; block; block = cmark_node_next(block))
			if (is_part_heading(block) && heading_level(block) < level &&
			    heading_level(block) > above)
				above = heading_level(block);
		level = above;
	}
	return level;
}

static int split_sections(struct plan *plan, cmark_node *block)
{
	int level = section_level(plan, block);
	struct scope scope = {.level = level, .styles = ALL_CARD_STYLES};
	int asked = 0; /* a question came before this block */
	while (block && !(level && is_section_heading(block, level))) {
		/* Above the first section, contents are taken only where they are
		 * lists of links: those end at the next heading, where a table of
		 * the questions ("### Table of Contents" over "| 1 | [What is...") may
		 * run straight into the questions. */
		if (!plan->toc && is_heading(block) && !asked && contents_by_links(block)) {
			cmark_node *end = cmark_node_next(block);
			while (end && !is_heading(end))
				end = cmark_node_next(end);
			if (take_toc(plan, block, end, level) != 0)
				return -1;
			block = end;
			continue;
		}
		if (is_heading(block) && heading_kind_memo(&plan->memo, block) != HEADING_TOPIC)
			asked = 1;
		if (block != plan->title_html && !separator_only(block, &scope) &&
		    push_block(&plan->intro, &plan->intro_count, block) != 0)
			return -1;
		block = cmark_node_next(block);
	}
	if (plan->intro_count && implicit_section(plan, plan->intro, &plan->intro_count) != 0)
		return -1;
	asked = asked || plan->section_count > 0;
	while (block) { /* a heading: of the section level, or below contents */
		cmark_node *stop = section_end(block, heading_level(block));
		struct card found = {0};
		int status = 0;
		if (!plan->toc && is_contents(block, asked) && !contents_over_questions(block, stop)) {
			stop = contents_end(block, stop); /* the parts below go on */
			if (take_toc(plan, block, stop, level) != 0)
				return -1;
		} else if (plan->section_count > 0 && answered_heading(block, &found)) {
			/* a question among the sections: the previous one's card */
			collect_card(&plan->sections[plan->section_count - 1], &found, block, stop,
				     &status);
			if (status != 0)
				return -1;
		} else {
			card_release(&found);
			struct section *section = new_section(plan, block, heading_level(block));
			if (!section)
				return -1;
			section->id = (char *)node_id(block);
			drop_marker_residue(block);
			cmark_node *images = heading_take_images(block); /* under it */
			if (images)
				cmark_node_insert_after(block, images);
			if (fill_section(plan, section, cmark_node_next(block), stop) != 0)
				return -1;
			asked = asked || section->card_count > 0;
		}
		block = stop;
	}
	return 0;
}

int plan_build(struct plan *plan, cmark_node *document)
{
	plan->document = document;
	strmap_init(&plan->slugs);
	strmap_init(&plan->ids);
	if (footnotes_take(plan) != 0)
		return -1;
	item_answers_take(document);
	struct strmap seen;
	strmap_init(&seen);
	int status = assign_heading_ids(plan, &seen, document);
	struct heading_census census;
	census_take(&census, &plan->memo, cmark_node_first_child(document), NULL);
	census.flashcards_tag |= frontmatter_tagged(plan->front, "flashcards");
	census.faq_lists = faq_lists_count(document);
	plan->census = &census;
	cmark_node *block = cmark_node_first_child(document);
	while (block && cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK)
		block = cmark_node_next(block);
	if (status == 0)
		block = take_title(plan, block);
	if (status == 0)
		status = split_sections(plan, block);
	if (status == 0)
		status = one_question_take(plan);
	if (status == 0)
		status = finish_cards(plan, &seen);
	plan->census = NULL;
	strmap_free(&seen);
	if (status == 0 && plan->card_total == 0 && !(plan->rule.given && !plan->rule.styles))
		diag_warning(plan->display_name, 0,
			     "no questions found (tried question headings, bold questions, question "
			     "lists, <details> summaries, Answer: labels and question tables); see "
			     "--questions");
	if (status == 0 && plan->card_total > MD2GUIDE_MAX_CARDS) {
		diag_error(plan->display_name, 0, "%zu questions is more than the limit of %d",
			   plan->card_total, MD2GUIDE_MAX_CARDS);
		return -1;
	}
	if (status != 0 && diag_error_count() == 0)
		diag_error(plan->display_name, 0, "out of memory");
	return status;
}

void plan_free(struct plan *plan)
{
	for (size_t s = 0; s < plan->section_count; s++) {
		struct section *section = &plan->sections[s];
		for (size_t p = 0; p < section->part_count; p++) {
			if (section->parts[p].card) {
				card_release(section->parts[p].card);
				free(section->parts[p].card);
			}
		}
		free(section->parts);
	}
	free(plan->sections);
	kind_memo_free(&plan->memo);
	footnotes_free(plan);
	free(plan->intro);
	free(plan->toc_blocks);
	free(plan->author);
	free(plan->title_fallback);
	for (size_t i = 0; i < plan->slugs.cap; i++)
		if (plan->slugs.entries[i].key)
			free(plan->slugs.entries[i].value);
	strmap_free(&plan->slugs);
	strmap_free(&plan->ids);
}
