/* labelled: questions that an "Answer:" line answers, as exam notes write
 * them inside their tips:
 *
 *     Exam questions often ask: "How do you prevent two deployments...?"
 *     Answer: Use `concurrency` with a shared group name.
 *
 * The question is the quoted part of the text before the label (or that
 * text, when it asks), in the same paragraph or in the paragraph or quote
 * just before; a list between them (the options) is the card's prompt. The
 * answer is what follows the label in its paragraph, up to a line that closes
 * a ":::" container. Never reads past the block after the options.
 *
 * Also the pairs of lines that ask and answer with no label: a term and its
 * definition (": ..." on the next line), Obsidian's question, "?" and
 * answer, and its one-line "Question::Answer", untagged among others like it
 * or in a note tagged #flashcards: one locator finds the "::" for both, each
 * with its own gate. Reads the tree, never changes it. */
#include "md2guide.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Length of "A5)", "A5:" or "A5." opening TEXT, the answer numbered as
 * its question ("Q5) What is...?"), or 0. */
static size_t numbered_label_length(const char *text)
{
	size_t len = 1;
	if (text[0] != 'A' && text[0] != 'a')
		return 0;
	while (len < 6 && isdigit((unsigned char)text[len]))
		len++;
	if (len == 1 || len == 6 || !strchr(":).", text[len]) || text[len] == '\0' ||
	    (text[len + 1] != ' ' && text[len + 1] != '\t'))
		return 0;
	return len + 1;
}

/* Length of the marks an author sets before a label ("✅ Answer:", "👉 A:"):
 * symbols and emoji (U+2000 to U+2BFF, U+1F000 and up, their variation
 * selector) and the spaces after them. */
static size_t leading_marks(const char *text)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t len = 0;
	for (;;) {
		if (t[len] == 0xE2 && t[len + 1] >= 0x80 && t[len + 1] <= 0xAF && t[len + 2])
			len += 3;
		else if (t[len] == 0xF0 && t[len + 1] == 0x9F && t[len + 2] && t[len + 3])
			len += 4;
		else if (t[len] == 0xEF && t[len + 1] == 0xB8 && t[len + 2] == 0x8F)
			len += 3;
		else if (len > 0 && (t[len] == ' ' || t[len] == '\t'))
			len++;
		else
			return len;
	}
}

/* Length of an answer label opening TEXT ("Answer:", "A:", "Ans.", "A5)",
 * "答案：", "Ответ:", "✅ Answer (English):") with the spaces after it, or 0. */
size_t answer_label_length(const char *text)
{
	static const char *const labels[] = {
		"Answer:", "Answer -", "A:", "Ans.", "Ans:", "Ans -", "Correct answer:",
		"Solution:", "答案：", "答案:", "答：", "解答：", "回答：", "정답:", "답:", "답변:",
		"Ответ:", "Respuesta:", "Réponse:", "Antwort:", NULL,
	};
	size_t marks = leading_marks(text);
	text += marks;
	size_t len = numbered_label_length(text);
	/* Every label opens with one of these letters or a letter past ASCII:
	 * most paragraphs are tried against none of them. */
	unsigned char first = (unsigned char)text[0];
	int may = first >= 0xC0 || (first && strchr("AaCcSsRr", first));
	for (const char *const *label = labels; may && *label && !len; label++)
		if (strncasecmp(text, *label, strlen(*label)) == 0)
			len = strlen(*label);
	if (marks && len > 0 && (text[0] == 'A' || text[0] == 'a') && !isalpha((unsigned char)text[1]))
		return 0; /* "✅ A: Paris" is a marked option, not a label */
	const char *close = strncasecmp(text, "Answer (", 8) == 0 ? strchr(text + 8, ')') : NULL;
	if (!len && close && close[1] == ':' && close - text < 40)
		len = (size_t)(close + 2 - text); /* "Answer (English):" */
	while (len && (text[len] == ' ' || text[len] == '\t'))
		len++;
	return len ? marks + len : 0;
}

static int is_break(cmark_node *node)
{
	return node && (cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK ||
			cmark_node_get_type(node) == CMARK_NODE_LINEBREAK);
}

/* The text node in PARAGRAPH that opens a line with an answer label. */
static cmark_node *label_line(cmark_node *paragraph, size_t *skip)
{
	cmark_node *previous = NULL;
	for (cmark_node *node = cmark_node_first_child(paragraph); node;
	     previous = node, node = cmark_node_next(node)) {
		if ((previous && !is_break(previous)) || cmark_node_get_type(node) != CMARK_NODE_TEXT)
			continue;
		*skip = answer_label_length(cmark_node_get_literal(node));
		if (*skip)
			return node;
	}
	return NULL;
}

/* The line break before a line that closes a ":::" container, or NULL. */
static cmark_node *container_close(cmark_node *from)
{
	for (cmark_node *node = from; node; node = cmark_node_next(node)) {
		cmark_node *next = cmark_node_next(node);
		if (is_break(node) && next && cmark_node_get_type(next) == CMARK_NODE_TEXT &&
		    strncmp(cmark_node_get_literal(next), ":::", 3) == 0)
			return node;
	}
	return NULL;
}

/* The quoted part of TEXT ("...", “...”, «...», 「...」) if it has one,
 * else TEXT itself when it asks or its label says it is the question
 * ("Q:" alone on its line over "The formula for the sum of 1..n:", as Q/A
 * note files write every card). malloc'd, or NULL. */
static char *quoted_question(const char *text)
{
	static const char *const pairs[][2] = {
		{"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"\xC2\xAB", "\xC2\xBB"},
		{"\xE3\x80\x8C", "\xE3\x80\x8D"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		const char *open = strstr(text, pairs[i][0]);
		const char *start = open ? open + strlen(pairs[i][0]) : NULL;
		const char *close = start ? strstr(start, pairs[i][1]) : NULL;
		if (close && close - start >= 8)
			return strndup(start, (size_t)(close - start));
	}
	while (*text == ' ' || *text == '>')
		text++;
	char number[17];
	int named = 0;
	if (!evidence_question_mark(text) && !(question_prefix(text, number, &named) && named))
		return NULL;
	return strdup(text);
}

/* The node opening the last line from FIRST to STOP that a question label
 * opens ("这里有个问题：⏎问：…？⏎答案：…": the lead-in is no part of the
 * question), or FIRST. */
static cmark_node *question_line(cmark_node *first, cmark_node *stop)
{
	cmark_node *start = first, *previous = NULL;
	char number[17];
	int named;
	for (cmark_node *node = first; node && node != stop;
	     previous = node, node = cmark_node_next(node))
		if (previous && is_break(previous) && cmark_node_get_type(node) == CMARK_NODE_TEXT &&
		    question_prefix(cmark_node_get_literal(node), number, &named) && named)
			start = node;
	return start;
}

static char *question_before(cmark_node *first, cmark_node *stop)
{
	char *text = plain_text(question_line(first, stop), stop, 0);
	char *question = text ? quoted_question(text) : NULL;
	free(text);
	size_t len = question ? strlen(question) : 0;
	while (len > 0 && isspace((unsigned char)question[len - 1]))
		question[--len] = '\0';
	return question;
}

/* The paragraph of a block: itself, or the first one of a quote. */
static cmark_node *paragraph_of(cmark_node *block)
{
	if (block && cmark_node_get_type(block) == CMARK_NODE_BLOCK_QUOTE)
		block = cmark_node_first_child(block);
	return block && cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH ? block : NULL;
}

cmark_node *labelled_answer(cmark_node *paragraph, size_t *skip)
{
	if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *label = label_line(paragraph, skip);
	return label == cmark_node_first_child(paragraph) ? label : NULL;
}

struct inline_span labelled_rest(cmark_node *label, size_t skip)
{
	struct inline_span rest = {label, container_close(label), skip};
	if (strlen(cmark_node_get_literal(label)) > skip)
		return rest;
	/* "A:" alone on its line: the answer is on the lines after it, or
	 * in the blocks after the paragraph. */
	rest.skip = 0;
	do
		rest.first = cmark_node_next(rest.first);
	while (rest.first != rest.stop && is_break(rest.first));
	if (rest.first == rest.stop)
		rest.first = NULL;
	return rest;
}

static void fill_answer(struct card *card, cmark_node *label, size_t skip)
{
	card->label = strdup("Answer");
	card->label_rest = labelled_rest(label, skip);
	card->answer_line = cmark_node_get_start_line(cmark_node_parent(label));
}

/* Does BLOCK hold or start a labelled question? Fills CARD; *LAST is the
 * last block the card takes. */
int labelled_question(cmark_node *block, struct card *card, cmark_node **last)
{
	cmark_node *paragraph = paragraph_of(block);
	size_t skip;
	cmark_node *label = paragraph ? label_line(paragraph, &skip) : NULL;
	if (label && label != cmark_node_first_child(paragraph) && paragraph == block) {
		card->question_literal = question_before(cmark_node_first_child(paragraph), label);
		if (!card->question_literal)
			return 0;
		fill_answer(card, label, skip);
		*last = block;
		return 1;
	}
	if (!paragraph || label)
		return 0;
	cmark_node *next = cmark_node_next(block), *options = NULL;
	if (next && cmark_node_get_type(next) == CMARK_NODE_LIST) {
		options = next;
		next = cmark_node_next(next);
	}
	if (!next || cmark_node_get_type(next) != CMARK_NODE_PARAGRAPH ||
	    label_line(next, &skip) != cmark_node_first_child(next))
		return 0;
	card->question_literal = question_before(cmark_node_first_child(paragraph), NULL);
	if (!card->question_literal)
		return 0;
	fill_answer(card, cmark_node_first_child(next), skip);
	if (options) {
		card->prompt = (struct block_span){options, cmark_node_next(options)};
		card->keyed = keyed_options(card->prompt);
	}
	*last = next;
	return 1;
}

/* A term defined on the line after it, as PHP Markdown Extra and Pandoc
 * write definition lists:
 *
 *     B-tree
 *     : A balanced tree index, good for ranges.
 *
 * The term is the front, as written; the definition (with any further
 * ": ..." lines) the back. A header pair ("Term" / ": Definition") is none. */
static int defined_term(cmark_node *block, struct card *card)
{
	cmark_node *first = cmark_node_first_child(block), *end = first;
	while (end && !is_break(end))
		end = cmark_node_next(end);
	cmark_node *definition = end ? cmark_node_next(end) : NULL;
	const char *text = definition && cmark_node_get_type(definition) == CMARK_NODE_TEXT
				   ? cmark_node_get_literal(definition)
				   : "";
	if (end == first || text[0] != ':' || (text[1] != ' ' && text[1] != '\t'))
		return 0;
	char *term = plain_text(first, end, 0);
	char *meaning = plain_text(definition, NULL, 2);
	char ending = term ? last_char(term) : 0;
	int defines = term && meaning && strlen(term) <= 80 && ending != ':' && ending != '.' &&
		      !glossary_header(term, meaning);
	free(meaning);
	if (!defines) {
		free(term);
		return 0;
	}
	card->question = (struct inline_span){first, end, 0};
	card->question_text = term;
	card->label_rest = (struct inline_span){definition, NULL, 2};
	card->answer_line = cmark_node_get_start_line(block) + 1;
	return 1;
}

/* A question and its answer around a line of "?" alone (or "??"), as the
 * Obsidian flashcard plugin writes them:
 *
 *     What is variance?
 *     ?
 *     The mean squared deviation from the mean.
 */
static int separated_question(cmark_node *block, struct card *card)
{
	cmark_node *first = cmark_node_first_child(block);
	long line = cmark_node_get_start_line(block);
	for (cmark_node *node = first; node; node = cmark_node_next(node)) {
		cmark_node *before = cmark_node_previous(node), *after = cmark_node_next(node);
		if (is_break(node))
			line++;
		if (cmark_node_get_type(node) != CMARK_NODE_TEXT || !is_break(before) ||
		    before == first || !is_break(after) || !cmark_node_next(after))
			continue;
		const char *text = cmark_node_get_literal(node);
		if (strcmp(text, "?") != 0 && strcmp(text, "??") != 0)
			continue;
		card->question = (struct inline_span){first, before, 0};
		card->question_text = plain_text(first, before, 0);
		card->label_rest = (struct inline_span){cmark_node_next(after), NULL, 0};
		card->answer_line = line + 1;
		return card->question_text != NULL;
	}
	return 0;
}

int side_separator(cmark_node *block)
{
	static const char *const SEPARATORS[] = {
		"?", "??", "%", "\xE2\x86\xAA" /* ↪ */, "\xE2\x9D\x93" /* ❓ */, ":question:",
		":grey_question:", ":arrow_right_hook:", NULL,
	};
	cmark_node *text = block && cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH
				   ? cmark_node_first_child(block) : NULL;
	if (!text || cmark_node_next(text) || cmark_node_get_type(text) != CMARK_NODE_TEXT)
		return 0;
	for (const char *const *s = SEPARATORS; *s; s++)
		if (strcmp(cmark_node_get_literal(text), *s) == 0)
			return 1;
	return 0;
}

/* A front and a back in paragraphs of their own around a separator alone,
 * as the Markdown Flashcards convention and Ankdown write cards between
 * rules:
 *
 *     What does ARP do?
 *
 *     ?                    (or "%", "↪", ":question:")
 *
 *     It finds the MAC address...
 *
 * The paragraph is the front; the separator opens the answer (cards.c). */
static int separated_sides(cmark_node *block, struct card *card)
{
	/* After a separator, the paragraph is a back, or Ankdown's tags. */
	if (side_separator(block) || !side_separator(cmark_node_next(block)) ||
	    side_separator(cmark_node_previous(block)))
		return 0;
	card->question = (struct inline_span){cmark_node_first_child(block), NULL, 0};
	card->question_text = plain_text(cmark_node_first_child(block), NULL, 0);
	return card->question_text != NULL;
}

/* ---- where "::" splits a line ------------------------------------------------------ */

/* Is SEP inside an Anki cloze that TEXT opens before it ("{{c1::answer}}")? */
static int in_cloze(const char *text, const char *sep)
{
	const char *open = NULL;
	for (const char *p = text; p + 1 < sep; p++)
		if (p[0] == '{' && p[1] == '{')
			open = p;
		else if (p[0] == '}' && p[1] == '}')
			open = NULL;
	return open != NULL;
}

/* A "::" (or ":::") that may split a line into a front and a back. */
struct pair_at {
	cmark_node *node;        /* the text node holding it */
	size_t at;               /* its offset in that text */
	size_t answer;           /* where the answer starts there, past it and spaces */
	const char *answer_text; /* the text from there */
	int colons;              /* 2, 3, or 4 for four and more */
	int spaced;              /* a space just before or after it */
	int words_before;        /* a space, code or markup before it on the line */
	int opens_line;          /* nothing before it on the line */
};

/* Finds the first "::" in the text of the line from LINE (never in code, nor
 * in a cloze) and says what surrounds it; 0 if there is none. Both
 * conventions read lines with it, each through its own gate: untagged_pair()
 * for a paragraph among pairs, pair_line_card() for a note tagged
 * #flashcards. */
static int pair_locate(cmark_node *line, struct pair_at *pair)
{
	int words = 0; /* a space, or code or markup, before it on the line */
	for (cmark_node *node = line; node && !is_break(node); node = cmark_node_next(node)) {
		if (cmark_node_get_type(node) != CMARK_NODE_TEXT) {
			words = 1; /* "`kubectl` :: ..." has words before */
			continue;
		}
		const char *text = cmark_node_get_literal(node), *sep = strstr(text, "::");
		if (!sep || in_cloze(text, sep)) {
			words = words || strchr(text, ' ');
			continue;
		}
		size_t colons = strspn(sep, ":");
		pair->node = node;
		pair->at = (size_t)(sep - text);
		pair->colons = colons > 4 ? 4 : (int)colons;
		pair->answer = pair->at + (sep[2] == ':' ? 3 : 2);
		pair->spaced = (sep > text && sep[-1] == ' ') || text[pair->answer] == ' ';
		pair->answer += strspn(text + pair->answer, " \t");
		pair->answer_text = text + pair->answer;
		pair->words_before = words || memchr(text, ' ', pair->at) != NULL;
		pair->opens_line = sep == text && node == line;
		return 1;
	}
	return 0;
}

/* Does TEXT open with a capitalised word followed by more words ("The agent
 * on every node"), as a definition does and a name ("Less", "Some(x)",
 * "Item::Type") does not? */
static int sentence_follows(const char *text)
{
	if (!isupper((unsigned char)text[0]))
		return 0;
	size_t word = strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-'");
	return text[word] == ' ' && text[word + 1 + strspn(text + word + 1, " ")] != '\0';
}

/* An untagged one-line card ("Question::Answer") among others like it, as
 * Obsidian's spaced-repetition notes write them ("What is a Pod?::The
 * smallest unit", "Kubelet :: the agent on every node"). Not a name's scope
 * ("std::move", "a::b", "Ordering::Less"): the "::" needs a space beside it,
 * or words before it, or, tight after one word ("Kubelet::The agent on every
 * node"), an answer of several words that opens with a capital. Alone, "::"
 * is more likely text. */
static int untagged_pair(cmark_node *block, struct pair_at *pair)
{
	if (!pair_locate(cmark_node_first_child(block), pair) || pair->colons > 3 ||
	    pair->opens_line || !pair->answer_text[0])
		return 0;
	return pair->spaced || pair->words_before || sentence_follows(pair->answer_text);
}

static int paired_on_line(cmark_node *block, struct card *card)
{
	struct pair_at pair, near_pair;
	if (!untagged_pair(block, &pair))
		return 0;
	int neighbours = 0;
	cmark_node *near[2] = {cmark_node_previous(block), cmark_node_next(block)};
	for (int i = 0; i < 2; i++)
		neighbours += near[i] && cmark_node_get_type(near[i]) == CMARK_NODE_PARAGRAPH &&
			      untagged_pair(near[i], &near_pair);
	if (!neighbours)
		return 0;
	char *question = text_up_to(block, pair.node, pair.at);
	if (!question)
		return 0;
	for (size_t end = strlen(question); end > 0 && question[end - 1] == ' ';)
		question[--end] = '\0';
	card->question_literal = question;
	card->question_text = strdup(question);
	card->label_rest = (struct inline_span){pair.node, NULL, pair.answer};
	card->answer_line = cmark_node_get_start_line(block);
	return card->question_text != NULL;
}

int paired_lines(cmark_node *block, struct card *card, cmark_node **last)
{
	if (cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH && separated_sides(block, card))
		return 1; /* no last block: the answer is the blocks after the separator */
	if (cmark_node_get_type(block) != CMARK_NODE_PARAGRAPH ||
	    !(defined_term(block, card) || separated_question(block, card) ||
	      paired_on_line(block, card)))
		return 0;
	*last = block;
	return 1;
}

/* ---- Obsidian's "Question::Answer" lines ----------------------------------------- */

/* A note tagged #flashcards gives a card a line:
 *
 *     What is the powerhouse of the cell::The mitochondrion
 *     `d`::: delete                   (":::": reviewed both ways)
 *
 * the question before the first "::" in the line's text (never in code),
 * the answer after it. */

cmark_node *pair_next_line(cmark_node *line)
{
	while (line && !is_break(line))
		line = cmark_node_next(line);
	return line ? cmark_node_next(line) : NULL;
}

int pair_line_card(cmark_node *line, struct card *card)
{
	struct pair_at pair;
	int found = pair_locate(line, &pair);
	cmark_node *node = found ? pair.node : NULL;
	size_t at = found ? pair.at : 0;
	cmark_node *paragraph = cmark_node_parent(line);
	memset(card, 0, sizeof *card);
	card->style = CARD_LABEL;
	card->node = paragraph;
	card->line = cmark_node_get_start_line(paragraph);
	for (cmark_node *n = cmark_node_first_child(paragraph); n && n != line; n = cmark_node_next(n))
		card->line += is_break(n);
	char *before = node ? plain_text(line, node, 0) : NULL;
	const char *text = node ? cmark_node_get_literal(node) : "";
	size_t len = before ? strlen(before) : 0;
	char *question = before ? malloc(len + at + 1) : NULL;
	if (question) {
		memcpy(question, before, len);
		memcpy(question + len, text, at);
		question[len + at] = '\0';
	}
	free(before);
	card->question_literal = question;
	card->question_text = question ? strdup(question) : NULL;
	cmark_node *end = node;
	while (end && !is_break(end))
		end = cmark_node_next(end);
	card->label_rest = (struct inline_span){node, end, found ? pair.answer : 0};
	card->answer_line = card->line;
	/* A note tagged #flashcards asks for cards: any "::" with words on both
	 * sides is one. */
	return card->question_text && card->question_text[strspn(card->question_text, " \t")] &&
	       found && pair.answer_text[0] != '\0';
}

int pair_lines_only(cmark_node *paragraph)
{
	if (cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return 0;
	for (cmark_node *line = cmark_node_first_child(paragraph); line; line = pair_next_line(line)) {
		struct card card;
		int pairs = pair_line_card(line, &card);
		card_release(&card);
		if (!pairs)
			return 0;
	}
	return 1;
}
