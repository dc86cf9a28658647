/* cards: what starts a question and where its answer ends. Recognises each
 * convention's question (a heading at a question level, a bold line, an
 * "Answer:"-labelled paragraph, a <details> summary: detailscard.c), strips its number, takes
 * the "Why they ask" and answer labels that open the answer, and tells which
 * block ends it. Reads the cmark tree and never changes it; structure.c
 * decides where the cards go. The rules are listed in README.md. */
#include "md2guide.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const CARD_STYLE_NAMES[6] = {"heading", "bold", "list", "details", "label", "table"};

/* ---- recognising questions ------------------------------------------------------ */

/* Parses a "Q1:" / "Q1." / "Question 1:" / "Q:" / "问：" prefix, or a plain "1." / "1)"
 * list-like number. Returns the prefix length (with the spaces after it) or 0,
 * stores the number, and tells whether the prefix named a question. */
/* Length of a question label of another language with its colon and the
 * spaces after it ("问：", "問:", "질문:", "Вопрос:"), or 0. */
static size_t word_label_length(const char *text)
{
	static const char *const words[] = {"问", "問", "질문", "Вопрос", "вопрос", "Pregunta",
					    "pregunta", "Frage", NULL};
	for (const char *const *w = words; *w; w++) {
		size_t len = strlen(*w);
		if (strncmp(text, *w, len) != 0)
			continue;
		if (strncmp(text + len, "\xEF\xBC\x9A", 3) == 0)
			len += 3; /* full-width colon */
		else if (text[len] == ':')
			len++;
		else
			return 0;
		while (text[len] == ' ' || text[len] == '\t')
			len++;
		return len;
	}
	return 0;
}

size_t question_prefix(const char *text, char number[17], int *named)
{
	const char *p = text;
	*named = 0;
	number[0] = '\0';
	size_t word = word_label_length(text);
	if (word) {
		*named = 1;
		return word;
	}
	if (strncasecmp(p, "question", 8) == 0 && !isalpha((unsigned char)p[8])) {
		p += 8;
		*named = 1;
	} else if ((*p == 'Q' || *p == 'q') && !isalpha((unsigned char)p[1])) {
		p += 1;
		*named = 1;
	}
	int dotted = *named && *p == '.' && isdigit((unsigned char)p[1]);
	p += dotted; /* "Q.4 What is...?": the dot separates, before the number */
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
		return *named = 0;
	const char *after = p + digits;
	if (digits > 0)
		while (*after == ' ' && (after[1] == '.' || after[1] == ':' || after[1] == ')'))
			after++; /* "Question 43 . What..." */
	int separated = *after == ':' || *after == '.' || *after == ')' || *after == '-';
	if (strncmp(after, "\xE2\x80\x93", 3) == 0 || strncmp(after, "\xE2\x80\x94", 3) == 0)
		separated = 3; /* en or em dash */
	if (strncmp(after, "\xE3\x80\x81", 3) == 0 || strncmp(after, "\xEF\xBC\x8E", 3) == 0)
		separated = 4; /* "1、", "1．": CJK text follows with no space */
	if (!separated && *named && digits > 0 && (*after == ' ' || *after == '\t'))
		separated = 5; /* "Q 16.2 What is...": after a named number, a space will do */
	if (!separated && dotted && (*after == ' ' || *after == '\t'))
		separated = 5; /* "Q.4 ": the dot before the number was the separator */
	if (!separated || (!*named && digits == 0))
		return *named = 0; /* "Question for beginners": a word, not a label */
	after += separated == 5 ? 0 : separated >= 3 ? 3 : 1;
	if (*after && *after != ' ' && *after != '\t' && separated != 4)
		return *named = 0; /* "Q.E.D", "1.5x" */
	while (*after == ' ' || *after == '\t')
		after++;
	memcpy(number, p, digits);
	number[digits] = '\0';
	return (size_t)(after - text);
}

char *text_up_to(cmark_node *paragraph, cmark_node *node, size_t offset)
{
	char *before = plain_text(cmark_node_first_child(paragraph), node, 0);
	size_t len = before ? strlen(before) : 0;
	char *text = before ? realloc(before, len + offset + 1) : NULL;
	if (!text) {
		free(before);
		return NULL;
	}
	memcpy(text + len, cmark_node_get_literal(node), offset);
	text[len + offset] = '\0';
	return text;
}

/* The strong node opening PARAGRAPH, with its text, or NULL. */
cmark_node *leading_strong(cmark_node *paragraph, char **text)
{
	if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *first = cmark_node_first_child(paragraph);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_STRONG)
		return NULL;
	*text = node_text(first);
	return *text ? first : NULL;
}

/* The strong or emphasis node opening PARAGRAPH, with its text: a label is
 * written either way ("**Answer:**", "*Answer:*"). NULL when none opens it. */
static cmark_node *leading_label(cmark_node *paragraph, char **text)
{
	cmark_node *first = paragraph && cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH
				    ? cmark_node_first_child(paragraph) : NULL;
	if (!first || (cmark_node_get_type(first) != CMARK_NODE_STRONG &&
		       cmark_node_get_type(first) != CMARK_NODE_EMPH))
		return NULL;
	*text = node_text(first);
	return *text ? first : NULL;
}

struct inline_span after_label(cmark_node *strong, int *colon_outside)
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

/* Copies a label without its trailing colon (or "." or "-": "Ans.", "Answer -")
 * and spaces. */
char *label_name(const char *text)
{
	size_t len = strlen(text);
	while (len > 0 && (strchr(":.-", text[len - 1]) || isspace((unsigned char)text[len - 1])))
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

/* "**Answer:**", "**Short Answer:**", "**Your Answer:**", "**A:**", "**Solution:**",
 * or in italics ("*Answer:*"). */
static char *label_named(cmark_node *strong, char *text, struct inline_span *rest);

static char *answer_label(cmark_node *block, struct inline_span *rest)
{
	char *text = NULL;
	if (side_separator(block)) { /* "?" alone between a card's front and back */
		*rest = (struct inline_span){NULL, NULL, 0};
		return strdup("Answer");
	}
	cmark_node *strong = leading_label(block, &text);
	return strong ? label_named(strong, text, rest) : NULL;
}

/* The answer label that STRONG (a strong or emphasis node, whose text is
 * TEXT, freed here) is, or NULL; *REST is what follows it. */
static char *label_named(cmark_node *strong, char *text, struct inline_span *rest)
{
	int colon_outside;
	*rest = after_label(strong, &colon_outside);
	char *name = label_name(text);
	int alone = rest->first == NULL;
	size_t plain = answer_label_length(text); /* "**Ans.**", "**Answer -**", "**答案：**" */
	int found = name && (((last_char(text) == ':' || colon_outside || alone) &&
			      (contains_ci(name, "answer") || strcasecmp(name, "a") == 0 ||
			       strcasecmp(name, "solution") == 0 || strcasecmp(name, "back") == 0 ||
			       strcasecmp(name, "response") == 0)) ||
			     (plain > 0 && text[plain] == '\0'));
	free(text);
	if (!found || strcasecmp(name, "back") == 0) {
		free(name); /* a card's "Back:" is its answer, so called on the page */
		return found ? strdup("Answer") : NULL;
	}
	return name;
}

int is_why_or_label(cmark_node *block)
{
	struct inline_span rest;
	char *label = answer_label(block, &rest);
	if (!label && !is_why(block, &rest, &label))
		return 0;
	free(label);
	return 1;
}

/* A heading of one of SCOPE's question levels that asks and carries a number. */
static int numbered_question(cmark_node *heading, const struct scope *scope)
{
	if (!(scope->levels & (1u << heading_level(heading))) ||
	    heading_kind_memo(scope->memo, heading) == HEADING_TOPIC)
		return 0;
	char *text = node_text(heading);
	char number[17] = "";
	int named;
	if (text)
		question_prefix(text, number, &named);
	free(text);
	return number[0] != '\0';
}

/* Is all under HEADING, up to the next heading, links to follow ("Example
 * projects" over a list of repositories)? */
static int links_below_only(cmark_node *heading)
{
	cmark_node *block = cmark_node_next(heading);
	if (!block || is_heading(block))
		return 0;
	for (; block && !is_heading(block); block = cmark_node_next(block))
		if (!links_only(block) && !is_spacing(block))
			return 0;
	return 1;
}

/* A heading at one of its section's question levels is a question (see
 * convention.c), unless it titles a reference list, shows no sign of asking
 * where its level wants one, or asks nothing and holds only links (a list
 * to read among the questions). Strips a "Q1:" prefix into the card's number. */
static int heading_question(cmark_node *heading, const struct scope *scope, struct card *card)
{
	unsigned bit = 1u << heading_level(heading);
	if (!(scope->levels & bit))
		return 0;
	enum heading_kind kind = heading_kind_memo(scope->memo, heading);
	char *text = node_text(heading);
	if (!text)
		return 0;
	int named;
	size_t skip = question_prefix(text, card->number, &named);
	int numbered = card->number[0] != '\0' || named;
	/* Where the author numbers the questions (strict), one without a number
	 * is something else, even when it asks ("Want to buy the book?"). */
	if (kind == HEADING_REFERENCE || ((scope->strict & bit) && !numbered) ||
	    (kind == HEADING_TOPIC && !numbered &&
	     (!(scope->lenient & bit) || links_below_only(heading)))) {
		free(text);
		card->number[0] = '\0';
		return 0;
	}
	card->question = (struct inline_span){cmark_node_first_child(heading), NULL, skip};
	card->question_text = strdup(text + skip);
	free(text);
	return card->question_text != NULL;
}

/* A heading of the guide's section level that is a question all the same:
 * it asks, and its first block opens with an answer label ("## Q: What does
 * the central limit theorem say?" then "A: ..." among "## Chapter 2"
 * sections). Fills CARD as a heading question. */
int answered_heading(cmark_node *heading, struct card *card)
{
	struct inline_span rest;
	size_t skip;
	cmark_node *next = cmark_node_next(heading);
	char *label = next ? answer_label(next, &rest) : NULL;
	int labelled = label || (next && labelled_answer(next, &skip));
	free(label);
	memset(card, 0, sizeof *card);
	if (!labelled || heading_kind(heading) == HEADING_TOPIC ||
	    heading_kind(heading) == HEADING_REFERENCE)
		return 0;
	char *text = node_text(heading);
	int named;
	size_t prefix = text ? question_prefix(text, card->number, &named) : 0;
	card->style = CARD_HEADING;
	card->node = heading;
	card->line = cmark_node_get_start_line(heading);
	card->question = (struct inline_span){cmark_node_first_child(heading), NULL, prefix};
	card->question_text = text ? strdup(text + prefix) : NULL;
	free(text);
	return card->question_text != NULL;
}

/* Does TEXT end with a question mark, once its decoration is off? */
int text_asks_to_end(const char *text)
{
	char *copy = strdup(text), tag[64];
	if (!copy)
		return 0;
	decoration_take(copy, tag, sizeof tag);
	int asks = last_char(copy) == '?' || evidence_question_mark(copy);
	free(copy);
	return asks;
}

/* The tag of the decoration after NODE in its paragraph, when that is all
 * there is after it ("**What is X?** ⭐⭐"); NULL otherwise. malloc'd. */
char *decoration_after(cmark_node *node)
{
	char *rest = plain_text(cmark_node_next(node), NULL, 0);
	size_t len = rest ? strlen(rest) : 0;
	char *probe = malloc(len + 2), tag[64];
	char *found = NULL;
	if (probe) {
		probe[0] = 'q';
		memcpy(probe + 1, rest ? rest : "", len + 1);
		if (decoration_take(probe, tag, sizeof tag) && strcmp(probe, "q") == 0)
			found = strdup(tag);
	}
	free(probe);
	free(rest);
	return found;
}

/* The line break ending the first line of PARAGRAPH when that line asks and
 * the answer follows on the next ("1. What is X?⏎   A column that..."), or
 * NULL. */
cmark_node *question_line_end(cmark_node *paragraph)
{
	cmark_node *end = cmark_node_first_child(paragraph);
	while (end && cmark_node_get_type(end) != CMARK_NODE_SOFTBREAK &&
	       cmark_node_get_type(end) != CMARK_NODE_LINEBREAK)
		end = cmark_node_next(end);
	if (!end || !cmark_node_next(end))
		return NULL;
	char *line = plain_text(cmark_node_first_child(paragraph), end, 0);
	int asks = line && text_asks_to_end(line);
	free(line);
	return asks ? end : NULL;
}

/* Does PARAGRAPH open with a bold question followed by more text? */
static int opens_with_bold_question(cmark_node *paragraph)
{
	char *text = NULL;
	cmark_node *strong = leading_strong(paragraph, &text);
	int asks = strong && cmark_node_next(strong) && text_asks_to_end(text);
	free(text);
	return asks;
}

/* A bold question answered in its own paragraph is one of several within a
 * few blocks ("**What is a foreign key?** A column..."): alone, it is more
 * likely a README's aside ("**Found a bug?** Open an issue."). */
static int bold_answers_nearby(cmark_node *paragraph)
{
	cmark_node *before = cmark_node_previous(paragraph), *after = cmark_node_next(paragraph);
	for (int i = 0; i < 4 && (before || after); i++) {
		if ((before && opens_with_bold_question(before)) ||
		    (after && opens_with_bold_question(after)))
			return 1;
		before = before && !is_heading(before) ? cmark_node_previous(before) : NULL;
		after = after && !is_heading(after) ? cmark_node_next(after) : NULL;
	}
	return 0;
}

/* "**What is X?**  ⏎Answer: X is..." (or "**Answer:** X is...", and the
 * same after a list question's line): a label opening the rest of the
 * question's paragraph is the answer's label, not its text. */
void label_of_rest(struct card *card)
{
	cmark_node *node = card->label_rest.first;
	cmark_node_type type = node ? cmark_node_get_type(node) : CMARK_NODE_NONE;
	if (type == CMARK_NODE_STRONG || type == CMARK_NODE_EMPH) {
		struct inline_span rest;
		char *text = node_text(node);
		char *name = text ? label_named(node, text, &rest) : NULL;
		if (name) {
			card->label = name;
			card->label_rest = rest;
		}
		return;
	}
	if (type != CMARK_NODE_TEXT)
		return;
	const char *literal = cmark_node_get_literal(node) + card->label_rest.skip;
	size_t len = answer_label_length(literal);
	if (!len || !(card->label = strdup("Answer")))
		return;
	card->label_rest.skip += len;
	int colon_outside;
	if (literal[len] == '\0') /* "Answer:" ends its line: the rest follows it */
		card->label_rest = after_label(node, &colon_outside);
}

/* Is NODE an answer label: "**A:**", "*Answer:*", "A:", "Ans."? */
static int label_node(cmark_node *node)
{
	cmark_node_type type = node ? cmark_node_get_type(node) : CMARK_NODE_NONE;
	if (type == CMARK_NODE_TEXT)
		return answer_label_length(cmark_node_get_literal(node)) > 0;
	if (type != CMARK_NODE_STRONG && type != CMARK_NODE_EMPH)
		return 0;
	struct inline_span rest;
	char *text = node_text(node);
	char *name = text ? label_named(node, text, &rest) : NULL;
	int label = name != NULL;
	free(name);
	return label;
}

/* "**Q:** What is X?⏎**A:** An x.": the question, CARD's from its label on,
 * ends at the line break before an answer label in PARAGRAPH, and the answer
 * is what follows the label. */
static void split_label_line(struct card *card, cmark_node *paragraph)
{
	for (cmark_node *node = card->question.first; node; node = cmark_node_next(node)) {
		cmark_node_type type = cmark_node_get_type(node);
		if ((type != CMARK_NODE_SOFTBREAK && type != CMARK_NODE_LINEBREAK) ||
		    !label_node(cmark_node_next(node)))
			continue;
		card->question.stop = node;
		card->label_rest = (struct inline_span){cmark_node_next(node), NULL, 0};
		label_of_rest(card);
		long line = cmark_node_get_start_line(paragraph);
		for (cmark_node *before = cmark_node_first_child(paragraph); before != node;
		     before = cmark_node_next(before))
			line += cmark_node_get_type(before) == CMARK_NODE_SOFTBREAK ||
				cmark_node_get_type(before) == CMARK_NODE_LINEBREAK;
		card->answer_line = line + 1;
		return;
	}
}

/* Is NODE a bold "Back:" label? */
static int back_label(cmark_node *node)
{
	char *text = node && cmark_node_get_type(node) == CMARK_NODE_STRONG ? node_text(node) : NULL;
	char *name = text ? label_name(text) : NULL;
	int back = name && strcasecmp(name, "back") == 0;
	free(name);
	free(text);
	return back;
}

/* "**Front:**" over the question, as flashcard sets write each side
 * ("**Front:** What is a packet?", then "**Back:** ..." on the next line or
 * in the next paragraph): a question label. Without the back, "**Front:**"
 * may be a panel's description. */
static int front_label(cmark_node *paragraph, const char *text)
{
	char *name = label_name(text);
	int front = name && last_char(text) == ':' && strcasecmp(name, "front") == 0;
	free(name);
	if (!front)
		return 0;
	cmark_node *next = cmark_node_next(paragraph);
	if (next && back_label(cmark_node_first_child(next)))
		return 1;
	for (cmark_node *node = cmark_node_first_child(paragraph); node; node = cmark_node_next(node))
		if ((cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK ||
		     cmark_node_get_type(node) == CMARK_NODE_LINEBREAK) &&
		    back_label(cmark_node_next(node)))
			return 1;
	return 0;
}

/* "**Q1: What is X?**" alone in its paragraph, or "**Q:** What is X?"; in a
 * guide of bold questions, a numbered task ("**6. Explain keep-alive.**");
 * and "**What is X?** X is..." with its answer after it in the paragraph. */
static int bold_question(cmark_node *paragraph, const struct scope *scope, struct card *card)
{
	char *text = NULL;
	cmark_node *strong = leading_strong(paragraph, &text);
	if (!strong)
		return 0;
	int colon_outside, named;
	struct inline_span rest = after_label(strong, &colon_outside);
	size_t skip = question_prefix(text, card->number, &named);
	if (!named && rest.first && front_label(paragraph, text)) {
		named = 1;
		skip = strlen(text);
	}
	int asks = text_asks_to_end(text) && !scope->bold_topics;
	struct inline_span meaning;
	if (scope->glossary && !named && term_definition(paragraph, &meaning)) {
		char *term = label_name(text);
		card->question = (struct inline_span){cmark_node_first_child(strong), NULL, 0};
		if (term && last_char(text) == ':') /* "**ARP:**" is the term ARP */
			card->question_literal = strdup(term);
		card->question_text = term;
		card->label_rest = meaning;
		card->answer_line = card->line;
		free(text);
		return term != NULL;
	}
	int task = card->number[0] && scope->bold_questions && evidence_asks(text + skip);
	int found = 0;
	if (rest.first && (card->tag = decoration_after(strong)) != NULL)
		rest.first = NULL; /* "**What is X?** 🔴": the mark is the card's tag */
	if (!rest.first && (named || asks || task)) {
		card->question = (struct inline_span){cmark_node_first_child(strong), NULL, skip};
		card->question_text = strdup(text + skip);
		found = 1;
	} else if (rest.first && named && text[skip] == '\0') {
		card->question = rest;
		split_label_line(card, paragraph); /* "**Q:** What is X?⏎**A:** ..." */
		card->question_text = plain_text(rest.first, card->question.stop, rest.skip);
		found = 1;
	} else if (rest.first && asks && strchr(text + skip, ' ') && /* not "**Why?** ..." */
		   bold_answers_nearby(paragraph)) {
		card->question = (struct inline_span){cmark_node_first_child(strong), NULL, skip};
		card->question_text = strdup(text + skip);
		card->label_rest = rest;
		cmark_node *before = cmark_node_previous(rest.first);
		card->answer_line = card->line + (before != strong && rest.skip == 0); /* next line */
		label_of_rest(card);
		found = 1;
	}
	free(text);
	return found && card->question_text;
}

/* ---- <details><summary> questions ------------------------------------------------ */

const char *find_tag(const char *text, const char *tag)
{
	size_t len = strlen(tag);
	for (const char *p = strchr(text, '<'); p; p = strchr(p + 1, '<'))
		if (strncasecmp(p, tag, len) == 0)
			return p;
	return NULL;
}

/* A paragraph of one line that numbers its question with a label and asks
 * ("Q1) What is X?", "Question 3: How does Y work?"), its answer in the
 * blocks after it: the question half of the labelled convention, without the
 * "Answer:". No LAST_BLOCK: the answer runs on as a bold question's does. */
static int numbered_line(cmark_node *block, struct card *card)
{
	if (cmark_node_get_type(block) != CMARK_NODE_PARAGRAPH)
		return 0;
	for (cmark_node *node = cmark_node_first_child(block); node; node = cmark_node_next(node))
		if (cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK ||
		    cmark_node_get_type(node) == CMARK_NODE_LINEBREAK)
			return 0;
	char *text = node_text(block);
	int named = 0;
	size_t skip = text ? question_prefix(text, card->number, &named) : 0;
	int asks = named && card->number[0] && text[skip] &&
		   (text_asks_to_end(text + skip) || evidence_asks(text + skip));
	if (asks) {
		card->question = (struct inline_span){cmark_node_first_child(block), NULL, skip};
		card->question_text = strdup(text + skip);
	} else {
		card->number[0] = '\0';
	}
	free(text);
	return asks && card->question_text;
}

/* A question an "Answer:" line answers (labelled.c), its number taken out,
 * or a pair of lines that ask and answer without a label. */
static int labelled_card(cmark_node *block, struct card *card)
{
	if (!labelled_question(block, card, &card->last_block))
		return paired_lines(block, card, &card->last_block) || numbered_line(block, card);
	int named;
	size_t skip = question_prefix(card->question_literal, card->number, &named);
	if (!named) {
		skip = 0;
		card->number[0] = '\0';
	}
	memmove(card->question_literal, card->question_literal + skip,
		strlen(card->question_literal + skip) + 1);
	card->question_text = strdup(card->question_literal);
	return card->question_text != NULL && card->label != NULL;
}

/* A block that opens an answer further down: a <details> that hides it, or
 * an answer label ("**Answer:**", "Answer:"). */
static int opens_answer(cmark_node *block)
{
	struct inline_span rest;
	size_t skip;
	char *label = answer_label(block, &rest);
	int labelled = label != NULL;
	free(label);
	return labelled || is_reveal_details(block) || labelled_answer(block, &skip);
}

/* Options whose marks or ticked boxes are the key, with no mark after them
 * to open the answer: the question runs to the end of the options, and the
 * answer is the key and whatever follows (the explanation, references). */
static void split_at_options(struct card *card)
{
	cmark_node *options = keyed_leading(card->body);
	if (!options)
		return;
	cmark_node *end = keyed_run_end(options, card->body.stop);
	card->prompt = (struct block_span){card->body.first, end};
	card->keyed = options;
	card->body.first = end;
	card->answer_line = cmark_node_get_start_line(options); /* the key opens it */
}

/* Does TEXT end with a question mark of any script (? ？ ؟)? */
static int ends_asking(const char *text)
{
	size_t len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	return (len >= 1 && text[len - 1] == '?') ||
	       (len >= 3 && memcmp(text + len - 3, "\xEF\xBC\x9F", 3) == 0) ||
	       (len >= 2 && memcmp(text + len - 2, "\xD8\x9F", 2) == 0);
}

/* Does PARAGRAPH, a list item's, ask a question in its own words (not
 * in the title of a link: "[How does X work?](…)" is something to read)?
 * "…ですか？" asks as "…?" does: a translation nested under the question;
 * so does one that asks with its ending alone ("…を教えてください"). */
static int asks_in_text(cmark_node *paragraph)
{
	cmark_node *last = cmark_node_last_child(paragraph);
	const char *text = last && cmark_node_get_type(last) == CMARK_NODE_TEXT
				   ? cmark_node_get_literal(last) : NULL;
	return cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH && text &&
	       (ends_asking(text) || evidence_asking_end(text));
}

/* Is every item from LIST on a question, with nothing but its own follow-ups
 * under it? */
static int questions_only(cmark_node *list)
{
	if (cmark_node_get_type(list) != CMARK_NODE_LIST)
		return 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *paragraph = cmark_node_first_child(item);
		if (!paragraph || !asks_in_text(paragraph))
			return 0;
		for (cmark_node *more = cmark_node_next(paragraph); more;
		     more = cmark_node_next(more))
			if (!questions_only(more))
				return 0;
	}
	return 1;
}

/* Follow-ups nested under a question ("What is the hardest problem you have
 * met?" / "How did you solve it?") are more of the question, not its answer:
 * an answer of only lists of questions goes to the front, and the card has
 * no answer yet. A question that asks for questions ("What would you ask the
 * interviewer?") is answered by them. */
static void split_follow_ups(struct card *card)
{
	cmark_node *block = card->body.first;
	if (!block || block == card->body.stop || evidence_wants_questions(card->question_text))
		return;
	for (; block && block != card->body.stop; block = cmark_node_next(block))
		if (!questions_only(block))
			return;
	card->prompt = card->body;
	card->body.first = card->body.stop;
}

/* The blocks between a question and the mark that opens its answer are part
 * of the question: the code whose output it asks for, the options to choose
 * from. Without such a mark, everything after the question is the answer,
 * but for options that mark their key. */
void split_prompt(struct card *card)
{
	cmark_node *first = card->body.first, *block = first;
	if (card->label || card->why || card->label_rest.first)
		return; /* the answer began already */
	while (block && block != card->body.stop && !opens_answer(block))
		block = cmark_node_next(block);
	if (!block || block == card->body.stop) {
		split_at_options(card);
		if (!card->keyed)
			split_follow_ups(card);
		return;
	}
	size_t skip;
	cmark_node *text = block && block != card->body.stop ? labelled_answer(block, &skip) : NULL;
	if (!text && (!block || block == card->body.stop || block == first))
		return;
	if (block != first) /* "## Q: What is X?" then "A: ...": no prompt */
		card->prompt = (struct block_span){first, block};
	card->answer_line = 0;
	if (text) {
		card->label = strdup("Answer");
		card->label_rest = labelled_rest(text, skip);
		card->answer_line = cmark_node_get_start_line(block);
		block = cmark_node_next(block);
	}
	card->body.first = take_labels(card, block, card->body.stop);
	card->keyed = keyed_options(card->prompt);
}

/* ---- cards --------------------------------------------------------------------- */

/* Does BLOCK start a question? Fills CARD (style, question) when it does. */
int card_starts(cmark_node *block, const struct scope *scope, struct card *card)
{
	memset(card, 0, sizeof *card);
	card->node = block;
	card->line = cmark_node_get_start_line(block);
	unsigned styles = scope->styles;
	if (is_heading(block) && heading_level(block) > scope->level) {
		card->style = CARD_HEADING;
		return (styles & (1u << CARD_HEADING)) && heading_question(block, scope, card);
	}
	/* "> **Q:** What is X?⏎> **A:** ...": a quote of one paragraph that asks
	 * and answers, with the answer's label; a bold line alone in a quote is
	 * a lead-in of the answer around it ("> **Why split packets?**"). */
	cmark_node *quoted = cmark_node_get_type(block) == CMARK_NODE_BLOCK_QUOTE &&
					     !cmark_node_next(cmark_node_first_child(block))
				     ? cmark_node_first_child(block) : NULL;
	cmark_node *paragraph = quoted ? quoted : block;
	if (cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH && (styles & (1u << CARD_BOLD))) {
		card->style = CARD_BOLD;
		if (bold_question(paragraph, scope, card) && (!quoted || card->label))
			return 1;
		card_release(card);
		card->node = block;
		card->line = cmark_node_get_start_line(block);
	}
	if ((cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH ||
	     cmark_node_get_type(block) == CMARK_NODE_BLOCK_QUOTE) &&
	    (styles & (1u << CARD_LABEL))) {
		card->style = CARD_LABEL;
		return labelled_card(block, card);
	}
	card->style = CARD_DETAILS;
	return (styles & (1u << CARD_DETAILS)) && !scope->details_topics &&
	       details_question(block, card);
}

void card_release(struct card *card)
{
	free(card->tag);
	free(card->question_literal);
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
cmark_node *take_labels(struct card *card, cmark_node *block, cmark_node *stop)
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

int card_rows(cmark_node *block, const struct scope *scope, struct card_rows *rows)
{
	if ((scope->styles & (1u << CARD_TABLE)) && is_question_table(block))
		*rows = (struct card_rows){cmark_node_next(cmark_node_first_child(block)),
					   table_row_card, cmark_node_next};
	else if (scope->line_pairs && (scope->styles & (1u << CARD_LABEL)) && pair_lines_only(block))
		*rows = (struct card_rows){cmark_node_first_child(block), pair_line_card, pair_next_line};
	else
		return 0;
	return 1;
}

int starts_card(cmark_node *block, const struct scope *scope)
{
	struct card next;
	int starts = block && card_starts(block, scope, &next);
	card_release(&next);
	return starts;
}

/* A heading that ends a heading question's answer: one at or above the
 * question's level, but for the answer's own reference list ("#### References"
 * under "#### Explain...": it closes this answer, it opens no other). */
static int heading_ends(const struct card *card, cmark_node *heading, const struct scope *scope)
{
	if (heading_level(heading) <= scope->level)
		return 1;
	if (card->style == CARD_BOLD || card->style == CARD_LABEL)
		return 1;
	if (card->style != CARD_HEADING || heading_level(heading) > heading_level(card->node))
		return 0;
	return heading_level(heading) < heading_level(card->node) ||
	       heading_kind_memo(scope->memo, heading) != HEADING_REFERENCE;
}

/* Where a card's answer ends: at the next question, a heading at or above the
 * question's level, a thematic break, or the end of the section. A heading
 * question's answer runs on past a thematic break followed by more of it
 * (rules inside long answers). */
/* Is BLOCK a bold question label and the question after it ("**Question:**
 * Write the steps of a context switch.")? Right under a question heading
 * ("### Q9) Algorithm: context switch"), it restates that question: the
 * heading card's prompt, up to the mark that opens its answer. */
static int restates_question(cmark_node *block)
{
	char *text = NULL, number[17];
	cmark_node *strong = leading_strong(block, &text);
	int named = 0;
	size_t skip = strong ? question_prefix(text, number, &named) : 0;
	int label = strong && named && text[skip] == '\0' && cmark_node_next(strong);
	free(text);
	return label;
}

int ends_answer(const struct card *card, cmark_node *block, const struct scope *scope)
{
	if (card->style == CARD_HEADING && block == cmark_node_next(card->node) &&
	    restates_question(block))
		return 0;
	if (side_separator(block))
		return 1; /* Ankdown's "%" before the card's tags */
	if (cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK) {
		cmark_node *next = cmark_node_next(block);
		if (card->style != CARD_HEADING || !next)
			return 1;
		if (is_heading(next) && heading_ends(card, next, scope))
			return 1;
		return starts_card(next, scope) || cmark_node_get_type(next) == CMARK_NODE_THEMATIC_BREAK;
	}
	if (is_heading(block)) {
		if (heading_ends(card, block, scope))
			return 1;
		/* A lower heading inside a heading question's answer is part of
		 * it (a follow-up question, a "Method 2"), unless it is numbered
		 * as the next question of a question level ("### 48." after
		 * "## Question 47."): follow-ups are not numbered. */
		if (card->style == CARD_HEADING && heading_level(block) > heading_level(card->node))
			return numbered_question(block, scope) && starts_card(block, scope);
	}
	if (card->style != CARD_HEADING && (scope->styles & (1u << CARD_TABLE)) &&
	    is_question_table(block))
		return 1; /* "| Question | Answer |" after a bold question's answer: its own cards */
	return starts_card(block, scope);
}
