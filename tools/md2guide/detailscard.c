/* detailscard: a <details> whose summary is the question (cards.c asks).
 * Owns: parsing the summary apart (a number or a heading in it only sizes
 * it), the question text with its number taken out, and the answer in the
 * block after "</summary>". Never: decides whether the guide's <details> are
 * questions (convention.c) or where the card ends (structure.c). */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The answer in the <details> BLOCK from AFTER its "</summary>", parsed
 * apart: all of it when the block closes the <details>, else its first
 * blocks, the rest following in the document. Its framing (<br>, an <b> on
 * a line of its own around the whole answer) left out. */
static void details_body(cmark_node *block, const char *after, struct card *card)
{
	const char *start = details_answer_start(after);
	const char *end = find_tag(after, "</details>");
	card->details_line = cmark_node_get_start_line(block);
	for (const char *p = cmark_node_get_literal(block); p < start; p++)
		card->details_line += *p == '\n';
	if (end) {
		end = details_answer_end(start, end);
		card->details_doc = parse_markdown(start, (size_t)(end - start));
		return;
	}
	card->details_open = 1;
	if (strspn(start, " \t\r\n") < strlen(start))
		card->details_doc = parse_markdown(start, strlen(start));
}

static int is_tag(cmark_node *node, const char *const tags[2])
{
	const char *html = node && cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE
				   ? cmark_node_get_literal(node) : NULL;
	return html && (strcasecmp(html, tags[0]) == 0 || strcasecmp(html, tags[1]) == 0);
}

/* The inlines of PARAGRAPH, without the bold around all of them: a summary
 * written "<b>What is X?</b>" is bold only to stand out on the page, and a
 * question that is all bold is a plain question on the card, as a bold
 * question line is. */
static struct inline_span unwrapped_bold(cmark_node *paragraph)
{
	static const char *const opening[2] = {"<b>", "<strong>"};
	static const char *const closing[2] = {"</b>", "</strong>"};
	cmark_node *first = cmark_node_first_child(paragraph);
	cmark_node *last = cmark_node_last_child(paragraph);
	if (first && first == last && cmark_node_get_type(first) == CMARK_NODE_STRONG)
		return (struct inline_span){cmark_node_first_child(first), NULL, 0};
	if (first == last || !is_tag(first, opening) || !is_tag(last, closing))
		return (struct inline_span){first, NULL, 0};
	for (cmark_node *node = cmark_node_next(first); node != last; node = cmark_node_next(node))
		if (is_tag(node, closing))
			return (struct inline_span){first, NULL, 0}; /* "<b>A</b> or <b>B</b>" */
	return (struct inline_span){cmark_node_next(first), last, 0};
}

/* A <details> summary is a line of text, never blocks: "1. What is X?" is a
 * numbered question, not a list, and "<h3>What is X?</h3>" only sizes it.
 * Parsed so from a copy with such a marker escaped and such a tag left out. */
static cmark_node *parse_summary(const char *text, size_t len)
{
	const char *inner = len > 9 && text[0] == '<' && (text[1] == 'h' || text[1] == 'H') &&
				    text[2] >= '1' && text[2] <= '6' && (text[3] == '>' || text[3] == ' ')
			    ? memchr(text, '>', len) : NULL;
	size_t end = len;
	while (end > 0 && strchr(" \t\r\n", text[end - 1]))
		end--;
	if (inner && text + end - inner > 5 && text[end - 5] == '<' && text[end - 4] == '/') {
		len = (size_t)(text + end - 5 - (inner + 1));
		text = inner + 1;
	}
	size_t digits = strspn(text, "0123456789"), at = len; /* where a '\\' goes */
	if (digits > 0 && digits < 10 && digits < len && (text[digits] == '.' || text[digits] == ')'))
		at = digits; /* "1." */
	else if (len > 1 && ((strchr("-+*", text[0]) && text[1] == ' ') || text[0] == '#' ||
			     text[0] == '>'))
		at = 0; /* "- x", "# x", "> x" */
	if (at == len) /* nothing to escape: the text itself, so a warning finds its line */
		return parse_markdown(text, len);
	struct buf copy;
	buf_init(&copy);
	buf_put(&copy, text, at);
	buf_putc(&copy, '\\');
	buf_put(&copy, text + at, len - at);
	cmark_node *doc = copy.failed ? NULL : parse_markdown(copy.data ? copy.data : "", copy.len);
	buf_free(&copy);
	return doc;
}

int details_question(cmark_node *block, struct card *card)
{
	/* A <details> whose summary says "Answer" hides the answer of the
	 * question before it; it asks nothing itself. */
	const char *close, *summary = details_summary(block, &close);
	if (!summary || is_reveal_details(block))
		return 0;
	card->summary_doc = parse_summary(summary, (size_t)(close - summary));
	cmark_node *para = card->summary_doc ? cmark_node_first_child(card->summary_doc) : NULL;
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	char *text = node_text(para);
	int named;
	size_t skip = text ? question_prefix(text, card->number, &named) : 0;
	card->question = unwrapped_bold(para);
	card->question.skip = skip;
	card->question_text = text ? strdup(text + skip) : NULL;
	free(text);
	details_body(block, close + strlen("</summary>"), card);
	return card->question_text != NULL;
}
