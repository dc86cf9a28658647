/* ids: the anchors and keys of the guide. Every heading gets its GitHub
 * anchor (numbered in document order as GitHub numbers them), every card an
 * anchor and a key that stays the same while the question does, so decks
 * update; also marks the questions that have no answer yet. Never changes
 * which blocks are cards: that is structure.c's. */
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

/* ---- ids for every heading ------------------------------------------------------ */

/* Records ANCHOR (a GitHub slug) and returns the tree id it maps to, unique in
 * the document. NULL on allocation failure. */
char *register_anchor(struct plan *plan, const char *anchor)
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
	/* The id string is owned by the slugs map (freed in plan_free). A
	 * heading's anchor wins over an HTML anchor of the same name before it. */
	free(slug->value);
	slug->value = id;
	return id;
}

/* ---- what a "#anchor" link lands on ------------------------------------------------ */

/* ANCHOR with its %XX escapes decoded (NULL if it has none or a bad one). */
static char *percent_decoded(const char *anchor)
{
	if (!strchr(anchor, '%'))
		return NULL;
	char *out = malloc(strlen(anchor) + 1), *o = out;
	for (const char *p = anchor; out && *p; p++) {
		if (*p != '%') {
			*o++ = *p;
			continue;
		}
		if (!isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2]))
			break;
		char hex[3] = {p[1], p[2], '\0'};
		*o++ = (char)strtol(hex, NULL, 16);
		p += 2;
	}
	if (out)
		*o = '\0';
	return out;
}

/* ANCHOR in lower case, as GitHub's slugs are (NULL if not valid UTF-8). */
static char *lower_cased(const char *anchor)
{
	utf8proc_uint8_t *folded = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)anchor, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
		return NULL;
	return (char *)folded;
}

/* The tree id of ANCHOR: as written, else with %XX decoded, else in lower
 * case (GitHub finds "#Для-кого-это" and "#%D0%94..." at the heading whose
 * slug is "для-кого-это"), else made a slug itself. NULL when no heading or
 * HTML anchor has it. */
const char *anchor_target(const struct plan *plan, const char *anchor)
{
	struct strmap_entry *found = strmap_find(&plan->slugs, anchor);
	if (found)
		return found->value;
	char *decoded = percent_decoded(anchor);
	const char *text = decoded ? decoded : anchor;
	found = decoded ? strmap_find(&plan->slugs, decoded) : NULL;
	char *lower = found ? NULL : lower_cased(text);
	if (lower)
		found = strmap_find(&plan->slugs, lower);
	/* Last, the anchor made a slug the way a heading is: an author who typed
	 * "#Не-переживайте-о-том,-что" meant the heading whose slug lost the comma. */
	char *slug = found ? NULL : slug_github(text);
	if (slug)
		found = strmap_find(&plan->slugs, slug);
	free(decoded);
	free(lower);
	free(slug);
	return found ? found->value : NULL;
}

/* ---- anchors the guide's HTML names --------------------------------------------- */

/* The value of the name= or id= attribute of the <a ...> tag at TAG, or NULL;
 * *END is where the tag ends. malloc'd. */
static char *html_anchor_name(const char *tag, const char **end)
{
	const char *close = strchr(tag, '>');
	*end = close ? close + 1 : tag + strlen(tag);
	for (const char *p = tag + 2; p < *end; p++) {
		size_t skip = strncasecmp(p, " name=", 6) == 0 ? 6 : strncasecmp(p, " id=", 4) == 0 ? 4 : 0;
		if (!skip || (p[skip] != '"' && p[skip] != '\''))
			continue;
		const char *value = p + skip + 1, *stop = strchr(value, p[skip]);
		if (stop && stop < *end && stop > value && stop - value < 200)
			return strndup(value, (size_t)(stop - value));
	}
	return NULL;
}

/* <a name="x">, <a id="x"> and <h3 id="x"> in LITERAL (inline or block
 * HTML): "#x" links go to HEADING_ID, the heading they sit in or the last one
 * before them (an HTML heading is no heading of the tree), unless a heading
 * already has that anchor. */
static int register_html_anchors(struct plan *plan, const char *literal, const char *heading_id)
{
	const char *end;
	for (const char *tag = literal; heading_id && (tag = strchr(tag, '<')); tag = end) {
		end = tag + 1;
		int heading = tag[1] == 'h' && tag[2] >= '1' && tag[2] <= '6' && tag[3] == ' ';
		if (strncasecmp(tag, "<a ", 3) != 0 && !heading)
			continue;
		char *name = html_anchor_name(tag, &end);
		if (!name || strmap_find(&plan->slugs, name)) {
			free(name);
			continue;
		}
		struct strmap_entry *entry = strmap_insert(&plan->slugs, name);
		char *target = strdup(heading_id);
		free(name);
		if (!entry || !target) {
			free(target);
			return -1;
		}
		entry->value = target; /* owned by the slugs map, as heading ids are */
	}
	return 0;
}

static int is_html(cmark_node *node)
{
	cmark_node_type type = cmark_node_get_type(node);
	return type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK;
}

/* GitHub numbers repeated anchors in document order over all headings, nested
 * ones included, so walk the whole tree once before anything else. HTML
 * anchors are taken on the way, after the heading they sit in or follow. */
int assign_heading_ids(struct plan *plan, struct strmap *seen, cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	int status = 0;
	cmark_event_type event;
	const char *last_id = NULL;
	while (status == 0 && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (event == CMARK_EVENT_ENTER && is_html(node)) {
			status = register_html_anchors(plan, cmark_node_get_literal(node), last_id);
			continue;
		}
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
		last_id = id;
		free(text);
		free(slug);
		free(anchor);
	}
	cmark_iter_free(iter);
	return status;
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
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 8; i++) {
		key[2 * i] = hex[digest[i] >> 4];
		key[2 * i + 1] = hex[digest[i] & 15];
	}
	key[16] = '\0';
	free(section);
	free(question);
	return 0;
}

/* An HTML block of line breaks and rules alone ("<br/>" between questions):
 * spacing on the page, no answer. */
static int html_spacer(cmark_node *block)
{
	if (cmark_node_get_type(block) != CMARK_NODE_HTML_BLOCK)
		return 0;
	for (const char *p = cmark_node_get_literal(block); *p; p++) {
		if (*p == '<' && (strncasecmp(p + 1, "br", 2) == 0 || strncasecmp(p + 1, "hr", 2) == 0) &&
		    !isalpha((unsigned char)p[3]) && strchr(p, '>'))
			p = strchr(p, '>');
		else if (!isspace((unsigned char)*p))
			return 0;
	}
	return 1;
}

/* Nothing but the framing of an answer from FIRST to STOP, or a reference
 * list ("#### References") after it? Links to read are not an answer. */
static int blocks_empty(cmark_node *first, cmark_node *stop)
{
	for (cmark_node *block = first; block && block != stop; block = cmark_node_next(block)) {
		if (is_heading(block) && heading_kind(block) == HEADING_REFERENCE)
			return 1;
		int reveal = is_reveal_details(block);
		if ((reveal != 1 || details_opening_text(block)) && !is_details_close(block) &&
		    !is_navigation(block) && !html_spacer(block) &&
		    cmark_node_get_type(block) != CMARK_NODE_THEMATIC_BREAK)
			return 0;
	}
	return 1;
}

/* Nothing after the label, no key among the options, no blocks. */
static int answer_empty(const struct card *card)
{
	return !card->label_rest.first && !card->keyed && blocks_empty(card->head.first, NULL) &&
	       blocks_empty(card->body.first, card->body.stop);
}

/* Is INLINE only links, with spaces, commas and line breaks between them? */
static int links_inline(cmark_node *inline_node)
{
	int links = 0;
	for (cmark_node *node = cmark_node_first_child(inline_node); node;
	     node = cmark_node_next(node)) {
		cmark_node_type type = cmark_node_get_type(node);
		if (type == CMARK_NODE_LINK)
			links++;
		else if (type == CMARK_NODE_TEXT)
			for (const char *c = cmark_node_get_literal(node); *c; c++) {
				if (!strchr(" \t,;-", *c))
					return 0;
			}
		else if (type != CMARK_NODE_SOFTBREAK && type != CMARK_NODE_LINEBREAK)
			return 0;
	}
	return links > 0;
}

/* A paragraph of links, or a list whose items hold only such paragraphs and
 * lists: what "Useful resources:" leads to. */
int links_only(cmark_node *block)
{
	if (cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH)
		return links_inline(block);
	if (cmark_node_get_type(block) != CMARK_NODE_LIST)
		return 0;
	for (cmark_node *item = cmark_node_first_child(block); item; item = cmark_node_next(item))
		for (cmark_node *child = cmark_node_first_child(item); child;
		     child = cmark_node_next(child))
			if (!links_only(child))
				return 0;
	return 1;
}

/* A paragraph that titles a reference list ("Useful resources:", "**See
 * also**"). */
static int reference_title(cmark_node *block)
{
	char *text = cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH ? node_text(block) : NULL;
	int title = text && evidence_reference_title(text);
	free(text);
	return title;
}

/* Nothing from FIRST to STOP but what frames an answer and links to read,
 * with or without a title: all a placeholder may have after it. */
static int references_only(cmark_node *first, cmark_node *stop)
{
	while (first && first != stop && (reference_title(first) || links_only(first)))
		first = cmark_node_next(first);
	return blocks_empty(first, stop);
}

/* An answer of one short paragraph that says it is not written yet, with at
 * most the references to read for it after it. */
static int answer_placeholder(const struct card *card)
{
	cmark_node *first = card->head.first ? card->head.first : card->body.first;
	cmark_node *stop = card->head.first ? NULL : card->body.stop;
	if (card->label_rest.first || card->keyed || !first || first == stop ||
	    !references_only(cmark_node_next(first), stop) ||
	    (card->head.first && !blocks_empty(card->body.first, card->body.stop)))
		return 0;
	char *text = cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH ? node_text(first) : NULL;
	int placeholder = text && evidence_placeholder(text);
	free(text);
	return placeholder;
}

/* The last inline node of a card's question. */
static cmark_node *question_last(const struct card *card)
{
	cmark_node *last = card->question.first;
	while (last && cmark_node_next(last) && cmark_node_next(last) != card->question.stop)
		last = cmark_node_next(last);
	return last;
}

/* Grades hung on the end of the question ("[Easy]", "🔴") become the card's
 * tag, and leave its text, its key and what the tree shows of it. */
static int take_decoration(struct card *card)
{
	char tag[64];
	size_t cut = decoration_take(card->question_text, tag, sizeof tag);
	if (!cut)
		return 0;
	card->tag = strdup(tag);
	if (card->question_literal) {
		decoration_take(card->question_literal, tag, sizeof tag);
		return card->tag ? 0 : -1;
	}
	cmark_node *last = question_last(card);
	size_t room = last && cmark_node_get_type(last) == CMARK_NODE_TEXT
			      ? strlen(cmark_node_get_literal(last)) - card->question_trim -
					(last == card->question.first ? card->question.skip : 0)
			      : 0;
	if (room >= cut) /* the marks end the last text node: trim it when writing */
		card->question_trim += cut; /* after an answer that shares it, if any */
	else /* they span nodes: the question is written as the plain text left */
		card->question_literal = strdup(card->question_text);
	return card->tag && (card->question_trim || card->question_literal) ? 0 : -1;
}

static int finish_card(struct plan *plan, const char *section_title, struct card *card,
		       struct strmap *seen, struct strmap *keys)
{
	if (take_decoration(card) != 0 || take_tags_line(card) != 0)
		return -1;
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
	if (answer_empty(card) || answer_placeholder(card)) {
		card->unanswered = 1;
		plan->unanswered++;
	}
	/* Headings in a <details> body parsed apart are numbered after the
	 * document's own, like the anchors of questions that are not headings. */
	if (card->details_doc && assign_heading_ids(plan, seen, card->details_doc) != 0)
		return -1;
	if (card->style == CARD_HEADING) {
		card->id = (char *)node_id(card->node);
		return 0;
	}
	/* A heading that opens a list item ("1. ### What is X") keeps its anchor. */
	cmark_node *parent = card->question.first ? cmark_node_parent(card->question.first) : NULL;
	if (is_heading(parent) && !card->question_literal) {
		card->id = (char *)node_id(parent);
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

/* One line for all the questions without an answer yet, naming the first few:
 * a guide in progress has many, and a line each would bury the rest. */
static void warn_unanswered(const struct plan *plan)
{
	char lines[96] = "";
	size_t listed = 0, used = 0;
	for (size_t s = 0; s < plan->section_count; s++)
		for (size_t p = 0; p < plan->sections[s].part_count; p++) {
			const struct card *card = plan->sections[s].parts[p].card;
			if (!card || !card->unanswered || listed == 5)
				continue;
			int n = snprintf(lines + used, sizeof lines - used, "%s%ld",
					 listed ? ", " : "", card->line);
			if (n > 0 && (size_t)n < sizeof lines - used)
				used += (size_t)n;
			listed++;
		}
	diag_warning(plan->display_name, 0,
		     "%zu question%s no answer yet (line%s %s%s): the PDF and EPUB keep %s as "
		     "written; the deck leaves %s out unless guide2anki --keep-unanswered",
		     plan->unanswered, plan->unanswered == 1 ? " has" : "s have",
		     listed == 1 ? "" : "s", lines, plan->unanswered > listed ? ", ..." : "",
		     plan->unanswered == 1 ? "it" : "them", plan->unanswered == 1 ? "it" : "them");
}

/* Keys are unique in the whole guide: a card's identity in a deck must not
 * depend on which of two same-titled sections it sits in. */
int finish_cards(struct plan *plan, struct strmap *seen)
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
	if (status == 0 && plan->unanswered)
		warn_unanswered(plan);
	if (plan->duplicates > MD2GUIDE_MAX_DUPLICATE_WARNINGS)
		diag_warning(plan->display_name, 0, "%zu more duplicate questions, not listed",
			     plan->duplicates - MD2GUIDE_MAX_DUPLICATE_WARNINGS);
	strmap_free(&keys);
	free(guide_title);
	return status;
}
