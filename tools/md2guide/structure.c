/* structure: find the guide in the Markdown. Reads the cmark tree and builds the
 * plan emit.c writes: title and subtitle, the guide's own table of contents,
 * sections, and in them the questions (cards) by whichever convention the
 * author used. Also gives every heading its GitHub anchor and every card its
 * stable key. The rules are listed in README.md ("How questions are found"). */
#include "md2guide.h"
#include "diag.h"
#include "slug.h"

#include <ctype.h>
#include <nettle/sha1.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

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

static char *node_text(cmark_node *node)
{
	return plain_text(cmark_node_first_child(node), NULL, 0);
}

/* Last non-space character of S, or 0. */
static char last_char(const char *s)
{
	size_t len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return len ? s[len - 1] : 0;
}

static int is_heading(cmark_node *node)
{
	return node && cmark_node_get_type(node) == CMARK_NODE_HEADING;
}

static int heading_level(cmark_node *node) { return cmark_node_get_heading_level(node); }

/* ---- ids for every heading ------------------------------------------------------ */

/* Records ANCHOR (a GitHub slug) and returns the tree id it maps to, unique in
 * the document. NULL on allocation failure. */
static char *register_anchor(struct plan *plan, const char *anchor)
{
	char *id = slug_to_id(anchor);
	if (!id)
		return NULL;
	/* Slugs are unique already; only the escaped form of an odd one could meet
	 * another id, so add a counter until it does not. */
	for (int n = 2; strmap_find(&plan->ids, id); n++) {
		size_t size = strlen(anchor) + 32;
		char *other = malloc(size);
		if (!other) {
			free(id);
			return NULL;
		}
		snprintf(other, size, "%s-id%d", id, n);
		free(id);
		id = other;
	}
	struct strmap_entry *used = strmap_insert(&plan->ids, id);
	struct strmap_entry *slug = strmap_insert(&plan->slugs, anchor);
	if (!used || !slug) {
		free(id);
		return NULL;
	}
	/* The id string is owned by the slugs map (freed in plan_free). */
	slug->value = id;
	return id;
}

/* GitHub numbers repeated anchors in document order over all headings, nested
 * ones included, so walk the whole tree once before anything else. */
static int assign_heading_ids(struct plan *plan, struct strmap *seen, cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	int status = 0;
	cmark_event_type event;
	while (status == 0 && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (event != CMARK_EVENT_ENTER || !is_heading(node))
			continue;
		char *text = node_text(node);
		char *slug = text ? slug_github(text) : NULL;
		char *anchor = slug ? slug_unique(seen, slug) : NULL;
		char *id = anchor ? register_anchor(plan, anchor) : NULL;
		if (id)
			cmark_node_set_user_data(node, id);
		else
			status = -1;
		free(text);
		free(slug);
		free(anchor);
	}
	cmark_iter_free(iter);
	return status;
}

/* ---- recognising questions ------------------------------------------------------ */

/* Parses a "Q1:" / "Q1." / "Question 1:" / "Q:" prefix, or a plain "1." / "1)"
 * list-like number. Returns the prefix length (with the spaces after it) or 0,
 * stores the number, and tells whether the prefix named a question. */
static size_t question_prefix(const char *text, char number[17], int *named)
{
	const char *p = text;
	*named = 0;
	number[0] = '\0';
	if (strncasecmp(p, "question", 8) == 0 && !isalpha((unsigned char)p[8])) {
		p += 8;
		*named = 1;
	} else if ((*p == 'Q' || *p == 'q') && !isalpha((unsigned char)p[1])) {
		p += 1;
		*named = 1;
	}
	if (*named)
		while (*p == ' ')
			p++;
	size_t digits = 0;
	while (isdigit((unsigned char)p[digits]) || (digits > 0 && p[digits] == '.' &&
						      isdigit((unsigned char)p[digits + 1])))
		digits++;
	if (digits > 0 && digits < 16 && isalpha((unsigned char)p[digits]) &&
	    !isalpha((unsigned char)p[digits + 1]))
		digits++; /* "Q2a:" */
	if (digits >= 16)
		return 0;
	const char *after = p + digits;
	int separated = *after == ':' || *after == '.' || *after == ')' || *after == '-';
	if (strncmp(after, "\xE2\x80\x93", 3) == 0 || strncmp(after, "\xE2\x80\x94", 3) == 0)
		separated = 3; /* en or em dash */
	if (!separated || (!*named && digits == 0))
		return 0;
	after += separated == 3 ? 3 : 1;
	if (*after && *after != ' ' && *after != '\t')
		return 0; /* "Q.E.D", "1.5x" */
	while (*after == ' ' || *after == '\t')
		after++;
	memcpy(number, p, digits);
	number[digits] = '\0';
	return (size_t)(after - text);
}

/* First words that open a question even without a question mark. */
static int asks(const char *text)
{
	static const char *const words[] = {
		"what", "why", "how", "when", "where", "which", "who", "whom", "whose",
		"is", "are", "can", "could", "do", "does", "did", "should", "would", "will",
		"explain", "describe", "define", "compare", "contrast", "differentiate",
		"distinguish", "discuss", "tell", "give", "write", "implement", "design",
		"name", "outline", "summarize", "summarise", "walk",
	};
	size_t len = 0;
	while (isalpha((unsigned char)text[len]))
		len++;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == len && strncasecmp(text, words[i], len) == 0)
			return 1;
	return 0;
}

/* The strong node opening PARAGRAPH, with its text, or NULL. */
static cmark_node *leading_strong(cmark_node *paragraph, char **text)
{
	if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *first = cmark_node_first_child(paragraph);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_STRONG)
		return NULL;
	*text = node_text(first);
	return *text ? first : NULL;
}

/* Where the text after a leading strong label starts: skips a ':' left outside
 * the strong and the spaces, returning the span of what follows. */
static struct inline_span after_label(cmark_node *strong, int *colon_outside)
{
	struct inline_span span = {cmark_node_next(strong), NULL, 0};
	*colon_outside = 0;
	if (span.first && cmark_node_get_type(span.first) == CMARK_NODE_TEXT) {
		const char *text = cmark_node_get_literal(span.first);
		if (text[0] == ':') {
			*colon_outside = 1;
			span.skip = 1;
		}
		while (text[span.skip] == ' ' || text[span.skip] == '\t')
			span.skip++;
		if (text[span.skip] == '\0') {
			span.first = cmark_node_next(span.first);
			span.skip = 0;
		}
	}
	while (span.first && (cmark_node_get_type(span.first) == CMARK_NODE_SOFTBREAK ||
			      cmark_node_get_type(span.first) == CMARK_NODE_LINEBREAK))
		span.first = cmark_node_next(span.first);
	return span;
}

static int contains_ci(const char *text, const char *word)
{
	size_t len = strlen(word);
	for (; *text; text++)
		if (strncasecmp(text, word, len) == 0)
			return 1;
	return 0;
}

/* Copies a label without its trailing colon and spaces. */
static char *label_name(const char *text)
{
	size_t len = strlen(text);
	while (len > 0 && (text[len - 1] == ':' || isspace((unsigned char)text[len - 1])))
		len--;
	return strndup(text, len);
}

/* "**Why they ask:** ..." (any label starting with "Why" that ends in a colon). */
static int is_why(cmark_node *block, struct inline_span *rest, char **label)
{
	char *text = NULL;
	cmark_node *strong = leading_strong(block, &text);
	if (!strong)
		return 0;
	int colon_outside;
	*rest = after_label(strong, &colon_outside);
	int found = strncasecmp(text, "why", 3) == 0 && !isalpha((unsigned char)text[3]) &&
		    (last_char(text) == ':' || colon_outside);
	*label = found ? label_name(text) : NULL;
	free(text);
	return found && *label;
}

/* "**Answer:**", "**Short Answer:**", "**Your Answer:**", "**A:**", "**Solution:**". */
static char *answer_label(cmark_node *block, struct inline_span *rest)
{
	char *text = NULL;
	cmark_node *strong = leading_strong(block, &text);
	if (!strong)
		return NULL;
	int colon_outside;
	*rest = after_label(strong, &colon_outside);
	char *name = label_name(text);
	int alone = rest->first == NULL;
	int found = name && (last_char(text) == ':' || colon_outside || alone) &&
		    (contains_ci(name, "answer") || strcasecmp(name, "a") == 0 ||
		     strcasecmp(name, "solution") == 0 || strcasecmp(name, "response") == 0);
	free(text);
	if (!found) {
		free(name);
		return NULL;
	}
	return name;
}

static int is_why_or_label(cmark_node *block)
{
	struct inline_span rest;
	char *label = answer_label(block, &rest);
	if (!label && !is_why(block, &rest, &label))
		return 0;
	free(label);
	return 1;
}

/* A heading is a question when it is numbered as one ("Q1:"), asks ("...?",
 * "Explain ..."), or is followed by a "Why they ask"/"Answer" label. */
static int heading_question(cmark_node *heading, struct card *card)
{
	char *text = node_text(heading);
	if (!text)
		return 0;
	int named;
	size_t skip = question_prefix(text, card->number, &named);
	int question = named || last_char(text) == '?' || asks(text + skip) ||
		       is_why_or_label(cmark_node_next(heading));
	if (question) {
		card->question = (struct inline_span){cmark_node_first_child(heading), NULL, skip};
		card->question_text = strdup(text + skip);
	}
	free(text);
	return question && card->question_text;
}

/* "**Q1: What is X?**" alone in its paragraph, or "**Q:** What is X?". */
static int bold_question(cmark_node *paragraph, struct card *card)
{
	char *text = NULL;
	cmark_node *strong = leading_strong(paragraph, &text);
	if (!strong)
		return 0;
	int colon_outside, named;
	struct inline_span rest = after_label(strong, &colon_outside);
	size_t skip = question_prefix(text, card->number, &named);
	int found = 0;
	if (!rest.first && (named || last_char(text) == '?')) {
		card->question = (struct inline_span){cmark_node_first_child(strong), NULL, skip};
		card->question_text = strdup(text + skip);
		found = 1;
	} else if (rest.first && named && text[skip] == '\0') {
		card->question = rest;
		card->question_text = plain_text(rest.first, NULL, rest.skip);
		found = 1;
	}
	free(text);
	return found && card->question_text;
}

/* ---- <details><summary> questions ------------------------------------------------ */

static const char *find_tag(const char *text, const char *tag)
{
	size_t len = strlen(tag);
	for (const char *p = strchr(text, '<'); p; p = strchr(p + 1, '<'))
		if (strncasecmp(p, tag, len) == 0)
			return p;
	return NULL;
}

static int details_question(cmark_node *block, struct card *card)
{
	if (cmark_node_get_type(block) != CMARK_NODE_HTML_BLOCK)
		return 0;
	const char *html = cmark_node_get_literal(block);
	while (*html == ' ' || *html == '\t' || *html == '\n')
		html++;
	if (strncasecmp(html, "<details", 8) != 0)
		return 0;
	const char *open = find_tag(html, "<summary");
	const char *close = open ? find_tag(open, "</summary>") : NULL;
	const char *open_end = open ? strchr(open, '>') : NULL;
	if (!close || !open_end || open_end > close)
		return 0;
	card->summary_doc = parse_markdown(open_end + 1, (size_t)(close - open_end - 1));
	cmark_node *para = card->summary_doc ? cmark_node_first_child(card->summary_doc) : NULL;
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	char *text = node_text(para);
	int named;
	size_t skip = text ? question_prefix(text, card->number, &named) : 0;
	card->question = (struct inline_span){cmark_node_first_child(para), NULL, skip};
	card->question_text = text ? strdup(text + skip) : NULL;
	free(text);
	const char *end = find_tag(close, "</details>");
	if (end) { /* the whole question in one HTML block: parse its body apart */
		const char *body = close + strlen("</summary>");
		card->details_doc = parse_markdown(body, (size_t)(end - body));
		card->details_line = cmark_node_get_start_line(block);
	}
	return card->question_text != NULL;
}

static int closes_details(cmark_node *block)
{
	return block && cmark_node_get_type(block) == CMARK_NODE_HTML_BLOCK &&
	       find_tag(cmark_node_get_literal(block), "</details>") != NULL;
}

/* ---- cards --------------------------------------------------------------------- */

/* Does BLOCK start a question? Fills CARD (style, question) when it does. */
static int card_starts(cmark_node *block, int section_level, struct card *card)
{
	memset(card, 0, sizeof *card);
	card->node = block;
	card->line = cmark_node_get_start_line(block);
	if (is_heading(block) && heading_level(block) > section_level) {
		card->style = CARD_HEADING;
		return heading_question(block, card);
	}
	if (cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH) {
		card->style = CARD_BOLD;
		return bold_question(block, card);
	}
	card->style = CARD_DETAILS;
	return details_question(block, card);
}

static void card_release(struct card *card)
{
	free(card->question_text);
	free(card->label);
	free(card->why_label);
	if (card->summary_doc)
		cmark_node_free(card->summary_doc);
	if (card->details_doc)
		cmark_node_free(card->details_doc);
	memset(card, 0, sizeof *card);
}

/* Takes "Why they ask" and the answer label from the blocks that open the
 * answer; returns the first block of the answer body. */
static cmark_node *take_labels(struct card *card, cmark_node *block, cmark_node *stop)
{
	while (block && block != stop) {
		struct inline_span rest;
		char *label;
		if (!card->why && !card->label && is_why(block, &rest, &card->why_label)) {
			card->why = block;
			card->why_text = rest;
		} else if (!card->label && (label = answer_label(block, &rest)) != NULL) {
			card->label = label;
			card->label_rest = rest;
			card->answer_line = cmark_node_get_start_line(block);
		} else {
			break;
		}
		block = cmark_node_next(block);
	}
	if (card->answer_line <= 0 && block && block != stop)
		card->answer_line = cmark_node_get_start_line(block);
	if (card->answer_line <= 0) /* a block cmark-gfm left without a position */
		card->answer_line = card->line;
	return block;
}

/* Where a card's answer ends: at the next question, a heading at or above the
 * question's level, a thematic break, or the end of the section. */
static int ends_answer(const struct card *card, cmark_node *block, int section_level)
{
	struct card next;
	if (cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK)
		return 1;
	if (is_heading(block)) {
		if (heading_level(block) <= section_level)
			return 1;
		if (card->style == CARD_HEADING && heading_level(block) <= heading_level(card->node))
			return 1;
		if (card->style == CARD_BOLD)
			return 1;
	}
	int starts = card_starts(block, section_level, &next);
	card_release(&next);
	return starts;
}

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

/* A thematic break only separating questions or sections repeats what the tree
 * already says; it is left out (see README). */
static int separator_only(cmark_node *block, int section_level)
{
	if (cmark_node_get_type(block) != CMARK_NODE_THEMATIC_BREAK)
		return 0;
	cmark_node *next = cmark_node_next(block);
	struct card card;
	if (!next || is_section_heading(next, section_level))
		return 1;
	int starts = card_starts(next, section_level, &card);
	card_release(&card);
	return starts;
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
				cmark_node *block, cmark_node *stop, int section_level, int *status)
{
	struct card *card = new_card(found);
	if (!card || add_part(section, NULL, card) != 0) {
		if (card)
			card_release(card);
		free(card);
		*status = -1;
		return stop;
	}
	if (card->details_doc) {
		cmark_node *first = cmark_node_first_child(card->details_doc);
		card->body.first = take_labels(card, first, NULL);
		card->body.stop = NULL;
		card->answer_line += card->details_line - 1; /* the sub-document counts from 1 */
		return cmark_node_next(block);
	}
	cmark_node *next = take_labels(card, cmark_node_next(block), stop);
	card->body.first = next;
	if (card->style == CARD_DETAILS) {
		while (next && next != stop && !closes_details(next))
			next = cmark_node_next(next);
		card->body.stop = next;
		return next && next != stop ? cmark_node_next(next) : next;
	}
	while (next && next != stop && !ends_answer(card, next, section_level))
		next = cmark_node_next(next);
	card->body.stop = next;
	return next;
}

/* A list whose every item opens with a question, and some item holds more
 * than the question: each item is a card (answer inside the item). */
static int question_list(cmark_node *list)
{
	if (cmark_node_get_type(list) != CMARK_NODE_LIST)
		return 0;
	int answered = 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *first = cmark_node_first_child(item);
		if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
			return 0;
		char *text = node_text(first);
		int asked = text && last_char(text) == '?';
		free(text);
		if (!asked)
			return 0;
		if (cmark_node_next(first))
			answered = 1;
	}
	return answered;
}

static int collect_list_cards(struct section *section, cmark_node *list)
{
	int start = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST
			    ? cmark_node_get_list_start(list) : 0;
	int index = 0;
	for (cmark_node *item = cmark_node_first_child(list); item;
	     item = cmark_node_next(item), index++) {
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
		} else {
			char *text = node_text(para);
			size_t skip = text ? question_prefix(text, found.number, &named) : 0;
			found.question = (struct inline_span){cmark_node_first_child(para), NULL,
							      named ? skip : 0};
			found.question_text = text ? strdup(text + (named ? skip : 0)) : NULL;
			free(text);
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
	}
	return 0;
}

/* Splits the blocks [first, stop) of one section into prose and cards. */
static int fill_section(struct section *section, cmark_node *first, cmark_node *stop)
{
	int status = 0;
	cmark_node *block = first;
	while (status == 0 && block && block != stop) {
		struct card found;
		if (card_starts(block, section->level, &found)) {
			block = collect_card(section, &found, block, stop, section->level, &status);
			continue;
		}
		card_release(&found);
		if (question_list(block))
			status = collect_list_cards(section, block);
		else if (!separator_only(block, section->level))
			status = add_part(section, block, NULL);
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

static int is_toc_title(cmark_node *heading)
{
	char *text = node_text(heading);
	if (!text)
		return 0;
	char *name = label_name(text);
	int toc = name && (strcasecmp(name, "table of contents") == 0 ||
			   strcasecmp(name, "contents") == 0 || strcasecmp(name, "toc") == 0);
	free(text);
	free(name);
	return toc;
}

/* "For Python/Django Backend Developer Position | Awais Amjad": a last part
 * after "|" or " by " made of two to four capitalised words is the author. */
static char *author_from(const char *subtitle)
{
	const char *bar = strrchr(subtitle, '|');
	const char *by = strstr(subtitle, " by ");
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
	return author;
}

/* The smallest heading level after the title that can head sections: "##",
 * or "#" in a guide with several first-level headings; 0 when none. */
static int find_section_level(cmark_node *from)
{
	int level = 0;
	for (cmark_node *block = from; block; block = cmark_node_next(block))
		if (is_heading(block) && heading_level(block) <= 2 &&
		    (level == 0 || heading_level(block) < level))
			level = heading_level(block);
	return level;
}

static cmark_node *take_title(struct plan *plan, cmark_node *block)
{
	/* A title given in front matter is the title; a "#" heading is then content. */
	if (plan->front && plan->front->title)
		return block;
	if (!is_heading(block) || heading_level(block) != 1)
		return block;
	plan->title = block;
	block = cmark_node_next(block);
	/* A heading straight after the title, with nothing under it, is its subtitle. */
	cmark_node *after = block ? cmark_node_next(block) : NULL;
	if (is_heading(block) && heading_level(block) >= 2 &&
	    (!after || is_heading(after) ||
	     cmark_node_get_type(after) == CMARK_NODE_THEMATIC_BREAK)) {
		plan->subtitle = block;
		char *text = node_text(block);
		plan->author = text ? author_from(text) : NULL;
		free(text);
		block = after;
	}
	while (block && cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK)
		block = cmark_node_next(block);
	return block;
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
	plan->toc = heading;
	plan->toc_id = (char *)node_id(heading);
	for (cmark_node *block = cmark_node_next(heading); block != stop;
	     block = cmark_node_next(block))
		if (!separator_only(block, level) &&
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

/* Guides without sections, or with questions before the first one, still need
 * a section to hold their cards. */
static int implicit_section(struct plan *plan, cmark_node **intro_first, size_t *count)
{
	struct section probe;
	memset(&probe, 0, sizeof probe);
	for (size_t i = 0; i < *count; i++) {
		struct card card;
		int starts = card_starts(intro_first[i], probe.level, &card);
		card_release(&card);
		if (starts || question_list(intro_first[i])) {
			struct section *section = new_section(plan, NULL, 0);
			if (!section)
				return -1;
			section->line = cmark_node_get_start_line(intro_first[i]);
			cmark_node *stop = *count > 0 ? cmark_node_next(intro_first[*count - 1]) : NULL;
			*count = i;
			return fill_section(section, intro_first[i], stop);
		}
	}
	return 0;
}

static int split_sections(struct plan *plan, cmark_node *block)
{
	int level = find_section_level(block);
	while (block && !(level && is_section_heading(block, level))) {
		if (!separator_only(block, level) &&
		    push_block(&plan->intro, &plan->intro_count, block) != 0)
			return -1;
		block = cmark_node_next(block);
	}
	if (plan->intro_count && implicit_section(plan, plan->intro, &plan->intro_count) != 0)
		return -1;
	while (block) {
		cmark_node *stop = section_end(block, level);
		if (!plan->toc && is_toc_title(block)) {
			if (take_toc(plan, block, stop, level) != 0)
				return -1;
		} else {
			struct section *section = new_section(plan, block, heading_level(block));
			if (!section)
				return -1;
			section->id = (char *)node_id(block);
			if (fill_section(section, cmark_node_next(block), stop) != 0)
				return -1;
		}
		block = stop;
	}
	return 0;
}

/* ---- keys and ids of cards ----------------------------------------------------------- */

/* Lower case, spaces collapsed: a key survives re-wrapping and case fixes. */
/* NFC and case folding leave ASCII as it is but for A-Z, so ASCII text (most
 * questions) skips utf8proc_map, which cost 11% of md2guide's time. */
static char *fold_ascii(const char *text)
{
	char *folded = strdup(text);
	for (char *p = folded; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return folded;
}

static int is_ascii(const char *text)
{
	for (; *text; text++)
		if ((unsigned char)*text >= 0x80)
			return 0;
	return 1;
}

static char *normalise(const char *text)
{
	utf8proc_uint8_t *folded = NULL;
	if (is_ascii(text))
		folded = (utf8proc_uint8_t *)fold_ascii(text);
	else
		utf8proc_map((const utf8proc_uint8_t *)text, 0, &folded,
			     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				     UTF8PROC_CASEFOLD);
	if (!folded)
		return NULL;
	char *out = (char *)folded, *w = out;
	int space = 1;
	for (const char *r = out; *r; r++) {
		if (isspace((unsigned char)*r)) {
			if (!space)
				*w++ = ' ';
			space = 1;
		} else {
			*w++ = *r;
			space = 0;
		}
	}
	while (w > out && w[-1] == ' ')
		w--;
	*w = '\0';
	return out;
}

static int card_key(const char *section_title, const struct card *card, char key[24])
{
	char *section = normalise(section_title);
	char *question = normalise(card->question_text);
	if (!section || !question) {
		free(section);
		free(question);
		return -1;
	}
	struct sha1_ctx ctx;
	uint8_t digest[SHA1_DIGEST_SIZE];
	sha1_init(&ctx);
	sha1_update(&ctx, strlen(section), (const uint8_t *)section);
	sha1_update(&ctx, 1, (const uint8_t *)"\n");
	sha1_update(&ctx, strlen(question), (const uint8_t *)question);
	sha1_digest(&ctx, sizeof digest, digest);
	for (int i = 0; i < 8; i++)
		snprintf(key + 2 * i, 3, "%02x", digest[i]);
	free(section);
	free(question);
	return 0;
}

static int answer_empty(const struct card *card)
{
	return !card->label_rest.first && (!card->body.first || card->body.first == card->body.stop);
}

static int finish_card(struct plan *plan, const char *section_title, struct card *card,
		       struct strmap *seen, struct strmap *keys)
{
	if (card_key(section_title, card, card->key) != 0)
		return -1;
	struct strmap_entry *first = strmap_insert(keys, card->key);
	if (!first)
		return -1;
	if (first->value) {
		long line = (long)(intptr_t)first->value;
		if (++plan->duplicates <= MD2GUIDE_MAX_DUPLICATE_WARNINGS)
			diag_warning(plan->display_name, card->line,
				     "duplicate question: the same section title and question "
				     "as at line %ld; the deck keeps both as separate cards", line);
		/* The next suffix for this question is kept under "KEY+", a name
		 * no key can have: only repeats of one question make "KEY-N", so
		 * counting gives what probing from 2 would, in linear time. */
		char base[17], counter_name[18];
		memcpy(base, card->key, 17);
		snprintf(counter_name, sizeof counter_name, "%s+", base);
		struct strmap_entry *counter = strmap_insert(keys, counter_name);
		if (!counter)
			return -1;
		intptr_t n = counter->value ? (intptr_t)counter->value : 2;
		counter->value = (void *)(n + 1);
		snprintf(card->key, sizeof card->key, "%s-%ld", base, (long)n);
		if (!strmap_insert(keys, card->key))
			return -1;
	} else {
		first->value = (void *)(intptr_t)card->line;
	}
	if (answer_empty(card))
		diag_warning(plan->display_name, card->line,
			     "question has no answer: nothing follows it before the next question "
			     "or section");
	/* Headings in a <details> body parsed apart are numbered after the
	 * document's own, like the anchors of questions that are not headings. */
	if (card->details_doc && assign_heading_ids(plan, seen, card->details_doc) != 0)
		return -1;
	if (card->style == CARD_HEADING) {
		card->id = (char *)node_id(card->node);
		return 0;
	}
	/* Questions that are not headings get anchors too, numbered after all
	 * headings so they never take a heading's GitHub anchor. */
	char *slug = slug_github(card->question_text);
	char *anchor = slug ? slug_unique(seen, *slug ? slug : "question") : NULL;
	card->id = anchor ? register_anchor(plan, anchor) : NULL;
	free(slug);
	free(anchor);
	return card->id ? 0 : -1;
}

/* Keys are unique in the whole guide: a card's identity in a deck must not
 * depend on which of two same-titled sections it sits in. */
static int finish_cards(struct plan *plan, struct strmap *seen)
{
	char *guide_title = plan->title ? node_text(plan->title) : strdup(plan->title_fallback);
	int status = guide_title ? 0 : -1;
	struct strmap keys;
	strmap_init(&keys);
	for (size_t s = 0; status == 0 && s < plan->section_count; s++) {
		struct section *section = &plan->sections[s];
		char *title = section->heading ? node_text(section->heading) : strdup(guide_title);
		if (!title)
			status = -1;
		for (size_t p = 0; status == 0 && p < section->part_count; p++) {
			struct card *card = section->parts[p].card;
			if (card)
				status = finish_card(plan, title, card, seen, &keys);
		}
		plan->card_total += section->card_count;
		if (!section->heading && status == 0) {
			char *anchor = slug_unique(seen, "questions");
			section->id = anchor ? register_anchor(plan, anchor) : NULL;
			free(anchor);
			status = section->id ? 0 : -1;
		}
		free(title);
	}
	if (plan->duplicates > MD2GUIDE_MAX_DUPLICATE_WARNINGS)
		diag_warning(plan->display_name, 0, "%zu more duplicate questions, not listed",
			     plan->duplicates - MD2GUIDE_MAX_DUPLICATE_WARNINGS);
	strmap_free(&keys);
	free(guide_title);
	return status;
}

int plan_build(struct plan *plan, cmark_node *document)
{
	plan->document = document;
	strmap_init(&plan->slugs);
	strmap_init(&plan->ids);
	struct strmap seen;
	strmap_init(&seen);
	int status = assign_heading_ids(plan, &seen, document);
	cmark_node *block = cmark_node_first_child(document);
	while (block && cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK)
		block = cmark_node_next(block);
	if (status == 0)
		block = take_title(plan, block);
	if (status == 0)
		status = split_sections(plan, block);
	if (status == 0)
		status = finish_cards(plan, &seen);
	strmap_free(&seen);
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
