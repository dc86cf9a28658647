/* convention: which headings of a section are its questions. Authors repeat
 * one shape for their questions, so one heading is not judged alone: the
 * headings of each level are counted over the section and over the whole
 * guide (the census), and the shallowest level whose headings mostly ask is
 * the section's question level. Its members are then questions even when
 * one does not say so ("설명해주세요.", "1. console.log(x);"), and a level
 * the author uses for topics gives none, however a topic is worded.
 *
 * Also recognises the blocks that frame answers rather than hold them: a
 * <details> that hides an answer, its closing tag, and links back to the top.
 * Decides nothing about cards itself: structure.c asks. */
#include "md2guide.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- raw HTML ---------------------------------------------------------------- */

/* The text of HTML between START and END with its tags taken out, into OUT. */
static void strip_tags(const char *start, const char *end, char *out, size_t size)
{
	size_t len = 0;
	int in_tag = 0;
	for (const char *p = start; p < end && len + 1 < size; p++) {
		if (*p == '<')
			in_tag = 1;
		else if (*p == '>')
			in_tag = 0;
		else if (!in_tag)
			out[len++] = *p == '\n' ? ' ' : *p;
	}
	out[len] = '\0';
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* 1: BLOCK opens a <details> whose summary only says "Answer" (or "View
 * solution", "答案"...): the answer hides inside. 2: the whole <details>,
 * answer and closing tag, is this one block. 0: anything else. */
const char *details_summary(cmark_node *block, const char **close)
{
	if (!block || cmark_node_get_type(block) != CMARK_NODE_HTML_BLOCK)
		return NULL;
	const char *html = skip_space(cmark_node_get_literal(block));
	const char *comment_end = strncmp(html, "<!--", 4) == 0 ? strstr(html + 4, "-->") : NULL;
	if (comment_end) /* an admonition's (admonition.c): it ends the HTML block on its line */
		html = skip_space(comment_end + 3);
	if (strncasecmp(html, "<details", 8) != 0)
		return NULL;
	const char *open = find_tag(html, "<summary");
	const char *open_end = open ? strchr(open, '>') : NULL;
	*close = open_end ? find_tag(open_end, "</summary>") : NULL;
	/* The summary may stand on its own lines, indented as HTML is
	 * ("<summary>", a tab, the text, "</summary>"): indented so, it would
	 * read as code, and it is the question's words. */
	return *close ? skip_space(open_end + 1) : NULL;
}

int is_reveal_details(cmark_node *block)
{
	const char *close, *summary = details_summary(block, &close);
	if (!summary)
		return 0;
	char label[96];
	strip_tags(summary, close, label, sizeof label);
	if (!evidence_reveal_label(label))
		return 0;
	return find_tag(close, "</details>") ? 2 : 1;
}

/* [P, END) is only closing tags and blanks. */
static int closing_tags_only(const char *p, const char *end)
{
	for (; p < end; p++) {
		if (*p == '<' && p + 1 < end && p[1] == '/' && memchr(p, '>', (size_t)(end - p)))
			p = memchr(p, '>', (size_t)(end - p));
		else if (*p != ' ' && *p != '\t')
			return 0;
	}
	return 1;
}

const char *details_answer_end(const char *start, const char *end)
{
	const char *cut = end;
	for (;;) {
		const char *line_end = cut;
		while (line_end > start && isspace((unsigned char)line_end[-1]))
			line_end--;
		const char *line = line_end;
		while (line > start && line[-1] != '\n' && line[-1] != '\r')
			line--;
		if (line == line_end || !closing_tags_only(line, line_end))
			return cut;
		cut = line;
	}
}

const char *details_opening_text(cmark_node *block)
{
	const char *close, *summary = details_summary(block, &close);
	const char *start = summary ? details_answer_start(close + strlen("</summary>")) : NULL;
	return start && *start && strncasecmp(start, "</details>", 10) != 0 ? start : NULL;
}

/* BLOCK opens a <details> whose summary asks ("What is ...?", "Q2.") and
 * does not only say "Answer". */
int details_summary_asks(cmark_node *block)
{
	const char *close, *start = details_summary(block, &close);
	if (!start || is_reveal_details(block))
		return 0;
	char summary[256], number[17];
	int named = 0;
	strip_tags(start, close, summary, sizeof summary);
	question_prefix(summary, number, &named);
	return named || evidence_asks(summary) || evidence_question_mark(summary);
}

/* Past the tag at P (a '<') when it frames an answer without saying
 * anything: a closing tag ("</p>", "</b>") or a <br>. NULL otherwise. */
static const char *framing_tag(const char *p)
{
	if (p[0] != '<' || !(p[1] == '/' || (strncasecmp(p + 1, "br", 2) == 0 &&
					      !isalpha((unsigned char)p[3]))))
		return NULL;
	const char *end = strchr(p, '>');
	return end ? end + 1 : NULL;
}

/* How many "</details>" TEXT holds when it is only framing tags and blanks;
 * -1 when it holds anything else. */
static int closings_only(const char *text)
{
	int details = 0;
	for (const char *p = skip_space(text); *p; p = skip_space(p)) {
		const char *end = framing_tag(p);
		if (!end)
			return -1;
		details += strncasecmp(p, "</details>", 10) == 0;
		p = end;
	}
	return details;
}

/* The same for one inline NODE: a line break is framing too. */
static int inline_closings(cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_HTML_INLINE: return closings_only(cmark_node_get_literal(node));
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK: return 0;
	default: return -1;
	}
}

/* The same for a paragraph: its inlines are only such tags and breaks. */
static int inline_closings_only(cmark_node *paragraph)
{
	int details = 0, n;
	for (cmark_node *node = cmark_node_first_child(paragraph); node;
	     node = cmark_node_next(node)) {
		if ((n = inline_closings(node)) < 0)
			return -1;
		details += n;
	}
	return details;
}

/* BLOCK is only the end of a <details>: its closing tag, with the closing
 * tags of what framed the answer ("</p>", "</b>") and line breaks; an HTML
 * block, or a paragraph of inline HTML ("</b></details>" after a blank line:
 * a line that opens with "</b>" and goes on opens no HTML block). */
int is_details_close(cmark_node *block)
{
	if (!block)
		return 0;
	if (cmark_node_get_type(block) == CMARK_NODE_HTML_BLOCK)
		return closings_only(cmark_node_get_literal(block)) > 0;
	return cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH &&
	       inline_closings_only(block) > 0;
}

/* Follows the <details> tags of HTML in order, *DEPTH of them open: 1 as
 * soon as one closes the last. */
static int tags_close(const char *html, int *depth)
{
	for (const char *p = html ? strchr(html, '<') : NULL; p; p = strchr(p + 1, '<')) {
		if (strncasecmp(p, "</details>", 10) == 0 && --*depth <= 0)
			return 1;
		if (strncasecmp(p, "<details", 8) == 0 && (p[8] == '>' || isspace((unsigned char)p[8])))
			++*depth;
	}
	return 0;
}

/* The same for BLOCK: an HTML block, or a paragraph whose inline HTML closes
 * ("...the last line.</b></details>"), also as the last of a list or quote
 * (the tag indented under the last item is part of it). */
static int block_closes(cmark_node *block, int *depth)
{
	switch (cmark_node_get_type(block)) {
	case CMARK_NODE_HTML_BLOCK: return tags_close(cmark_node_get_literal(block), depth);
	case CMARK_NODE_LIST:
	case CMARK_NODE_ITEM:
	case CMARK_NODE_BLOCK_QUOTE:
		return cmark_node_last_child(block) && block_closes(cmark_node_last_child(block), depth);
	case CMARK_NODE_PARAGRAPH: break;
	default: return 0;
	}
	for (cmark_node *node = cmark_node_first_child(block); node; node = cmark_node_next(node))
		if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE &&
		    tags_close(cmark_node_get_literal(node), depth))
			return 1;
	return 0;
}

cmark_node *details_closing_tail(cmark_node *paragraph)
{
	cmark_node *tail = NULL;
	int details = 0, n;
	for (cmark_node *node = cmark_node_last_child(paragraph);
	     node && (n = inline_closings(node)) >= 0; node = cmark_node_previous(node)) {
		details += n;
		tail = node;
	}
	/* The tags close it, or the block after does: "</b>", then "</details>". */
	int closes = details > 0 || is_details_close(cmark_node_next(paragraph));
	return closes && tail && tail != cmark_node_first_child(paragraph) ? tail : NULL;
}

cmark_node *details_close_of(cmark_node *block, cmark_node *stop, size_t limit)
{
	int depth = 0;
	size_t count = 0;
	if (block_closes(block, &depth) || depth <= 0)
		return NULL;
	for (cmark_node *node = cmark_node_next(block); node && node != stop && count++ < limit;
	     node = cmark_node_next(node))
		if (block_closes(node, &depth))
			return node;
	return NULL;
}

/* Past the opening tag at P when it wraps what follows and ends its line
 * ("<b>" after the summary, the answer on the lines below, all bold): the
 * page's framing, not emphasis of a phrase. NULL otherwise. */
static const char *wrapping_tag(const char *p)
{
	static const char *const wrappers[] = {"<p>", "<b>", "<strong>", "<div>"};
	for (size_t i = 0; i < sizeof wrappers / sizeof *wrappers; i++) {
		size_t len = strlen(wrappers[i]);
		if (strncasecmp(p, wrappers[i], len) != 0)
			continue;
		const char *rest = p + len;
		rest += strspn(rest, " \t");
		return *rest == '\n' || *rest == '\r' || *rest == '\0' ? rest : NULL;
	}
	return NULL;
}

const char *details_answer_start(const char *after)
{
	const char *p = skip_space(after), *next;
	while ((next = framing_tag(p)) != NULL || (next = wrapping_tag(p)) != NULL) {
		if (p[1] == '/')
			break; /* a closing tag: the end, not the start */
		p = skip_space(next);
	}
	return p;
}

/* ---- navigation ---------------------------------------------------------------- */

static int toc_target(const char *url)
{
	static const char *const targets[] = {
		"#table-of-contents", "#contents", "#toc", "#top", "#index", "#readme",
		"#questions", "#list-of-questions", "#目录", "#목차", "#目次", "#содержание",
		NULL,
	};
	for (const char *const *t = targets; *t; t++)
		if (strcasecmp(url, *t) == 0)
			return 1;
	return 0;
}

static int navigation_link(cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	if (!url || url[0] != '#')
		return 0;
	char *text = plain_text(cmark_node_first_child(link), NULL, 0);
	int nav = text && (evidence_navigation_text(text) || toc_target(url));
	free(text);
	return nav;
}

/* Counts the links of CONTAINER's inlines if they are all links back to the
 * top or the contents ("⬆ Back to top", "**↥ back to top**"), with line breaks
 * and arrows around them; -1 if anything else is there. */
static int navigation_links(cmark_node *container)
{
	int links = 0, inner;
	for (cmark_node *node = cmark_node_first_child(container); node;
	     node = cmark_node_next(node)) {
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LINK:
			if (!navigation_link(node))
				return -1;
			links++;
			break;
		case CMARK_NODE_STRONG:
		case CMARK_NODE_EMPH:
			if ((inner = navigation_links(node)) < 0)
				return -1;
			links += inner;
			break;
		case CMARK_NODE_TEXT: {
			char *text = plain_text(node, cmark_node_next(node), 0);
			int empty = text && evidence_navigation_text(text);
			free(text);
			if (!empty)
				return -1;
			break;
		}
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			break;
		default:
			return -1;
		}
	}
	return links;
}

static int navigation_paragraph(cmark_node *paragraph)
{
	return navigation_links(paragraph) > 0;
}

/* The same in raw HTML: <p align="right"><a href="#top">back to top</a></p>. */
static int navigation_html(cmark_node *block)
{
	const char *html = cmark_node_get_literal(block);
	size_t len = strlen(html);
	if (len > 400 || !strstr(html, "href=\"#"))
		return 0;
	char text[400];
	strip_tags(html, html + len, text, sizeof text);
	return evidence_navigation_text(text);
}

int is_navigation(cmark_node *block)
{
	switch (cmark_node_get_type(block)) {
	case CMARK_NODE_PARAGRAPH: return navigation_paragraph(block);
	case CMARK_NODE_HTML_BLOCK: return navigation_html(block);
	default: return 0;
	}
}

/* ---- headings ---------------------------------------------------------------------- */

/* Does a <details> that hides an answer come before the next heading? */
static int reveal_follows(cmark_node *heading)
{
	for (cmark_node *block = cmark_node_next(heading); block && !is_type(block, "heading");
	     block = cmark_node_next(block))
		if (is_reveal_details(block))
			return 1;
	return 0;
}

enum heading_kind heading_kind(cmark_node *heading)
{
	char *text = plain_text(cmark_node_first_child(heading), NULL, 0);
	if (!text)
		return HEADING_TOPIC;
	enum heading_kind kind = HEADING_TOPIC;
	char number[17];
	int named;
	size_t skip = question_prefix(text, number, &named);
	if (evidence_reference_title(text))
		kind = HEADING_REFERENCE;
	else if (named)
		kind = HEADING_NAMED;
	else if (evidence_question_mark(text) || evidence_asks(text + skip) ||
		 is_why_or_label(cmark_node_next(heading)) || reveal_follows(heading))
		kind = HEADING_ASKS;
	free(text);
	return kind;
}

/* A paragraph that is one bold line ("**Why use groups?**") is counted with
 * the others, to tell lead-ins from questions; "**Answer:**" labels are not. */
static void count_bold_line(struct heading_census *census, cmark_node *paragraph)
{
	cmark_node *strong = cmark_node_first_child(paragraph);
	if (!strong || cmark_node_get_type(strong) != CMARK_NODE_STRONG || is_why_or_label(paragraph))
		return;
	char *tag = cmark_node_next(strong) ? decoration_after(strong) : NULL;
	int alone = !cmark_node_next(strong) || tag;
	free(tag);
	if (!alone)
		return;
	char *text = plain_text(cmark_node_first_child(strong), NULL, 0);
	if (!text)
		return;
	char number[17];
	int named;
	question_prefix(text, number, &named);
	census->bold_lines++;
	census->bold_asking += named || text_asks_to_end(text);
	free(text);
}

/* A paragraph that is a glossary's entry ("**ARP**: finds the address..."). */
static void count_term_line(struct heading_census *census, cmark_node *paragraph)
{
	struct inline_span rest;
	census->term_lines += term_definition(paragraph, &rest);
}

/* BLOCK opens with the tag Obsidian's spaced repetition plugin reads a
 * note's cards from ("#flashcards", "#flashcards/biology"). */
static int flashcards_tag(cmark_node *block)
{
	cmark_node *text = cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH
				   ? cmark_node_first_child(block) : NULL;
	const char *literal = text && cmark_node_get_type(text) == CMARK_NODE_TEXT
				      ? cmark_node_get_literal(text) : "";
	return strncmp(literal, "#flashcards", 11) == 0 && strchr(" \t/", literal[11]);
}

/* ---- the memo of heading kinds ------------------------------------------------ */

static size_t memo_slot(const struct kind_memo *memo, const cmark_node *node)
{
	size_t mask = memo->cap - 1;
	size_t at = (size_t)(((uintptr_t)node >> 4) * 0x9E3779B97F4A7C15u) & mask;
	while (memo->nodes[at] && memo->nodes[at] != node)
		at = (at + 1) & mask;
	return at;
}

static int memo_grow(struct kind_memo *memo)
{
	struct kind_memo bigger = {NULL, NULL, memo->cap ? memo->cap * 2 : 256, 0};
	bigger.nodes = calloc(bigger.cap, sizeof *bigger.nodes);
	bigger.kinds = calloc(bigger.cap, 1);
	if (!bigger.nodes || !bigger.kinds) {
		kind_memo_free(&bigger);
		return -1;
	}
	for (size_t i = 0; i < memo->cap; i++)
		if (memo->nodes[i]) {
			size_t at = memo_slot(&bigger, memo->nodes[i]);
			bigger.nodes[at] = memo->nodes[i];
			bigger.kinds[at] = memo->kinds[i];
			bigger.count++;
		}
	kind_memo_free(memo);
	*memo = bigger;
	return 0;
}

/* heading_kind(), asked once per heading; without a memo (or memory for
 * it), worked out each time. */
enum heading_kind heading_kind_memo(struct kind_memo *memo, cmark_node *heading)
{
	if (!memo || ((memo->count + 1) * 2 > memo->cap && memo_grow(memo) != 0))
		return heading_kind(heading);
	size_t at = memo_slot(memo, heading);
	if (!memo->nodes[at]) {
		memo->nodes[at] = heading;
		memo->kinds[at] = (unsigned char)heading_kind(heading);
		memo->count++;
	}
	return (enum heading_kind)memo->kinds[at];
}

void kind_memo_free(struct kind_memo *memo)
{
	free(memo->nodes);
	free(memo->kinds);
	memset(memo, 0, sizeof *memo);
}

/* Counts the headings of [FIRST, STOP), leaving out those inside a <details>
 * (their blocks belong to the answer hidden there) and reference titles. */
void census_take(struct heading_census *census, struct kind_memo *memo, cmark_node *first,
		 cmark_node *stop)
{
	int in_details = 0;
	memset(census, 0, sizeof *census);
	for (cmark_node *block = first; block && block != stop; block = cmark_node_next(block)) {
		if (cmark_node_get_type(block) == CMARK_NODE_HTML_BLOCK) {
			const char *html = cmark_node_get_literal(block);
			const char *open = find_tag(html, "<details");
			const char *close = find_tag(html, "</details>"), *summary_close;
			if (details_summary(block, &summary_close) && !is_reveal_details(block)) {
				census->details++;
				census->details_asking += details_summary_asks(block);
			}
			if (open && (!close || close < open))
				in_details = 1;
			else if (close && !open)
				in_details = 0;
			continue;
		}
		int depth = 1;
		if (in_details && block_closes(block, &depth))
			in_details = 0; /* a paragraph: "...</b></details>" */
		if (!in_details && cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH) {
			count_bold_line(census, block);
			count_term_line(census, block);
		}
		census->flashcards_tag |= flashcards_tag(block);
		if (in_details || cmark_node_get_type(block) != CMARK_NODE_HEADING)
			continue;
		int level = cmark_node_get_heading_level(block);
		if (level == 1 && !census->glossary_title) {
			char *title = node_text(block);
			census->glossary_title = title && evidence_glossary_title(title);
			free(title);
		}
		enum heading_kind kind = heading_kind_memo(memo, block);
		if (kind == HEADING_REFERENCE)
			continue;
		census->count[level]++;
		census->asking[level] += kind != HEADING_TOPIC;
		census->named[level] += kind == HEADING_NAMED;
	}
}

/* The headings of LEVEL are the guide's questions rather than its sections:
 * at least two, and most of them ask. */
int census_level_asks(const struct heading_census *census, int level)
{
	return level > 0 && level <= 6 && census->asking[level] >= 2 &&
	       census->asking[level] * 2 >= census->count[level];
}

/* Does LEVEL hold the questions of a section whose own headings are LOCAL?
 * Most of its headings ask (and the guide does not use the level for topics
 * elsewhere, or the section has enough of them to say so itself), one is
 * numbered as a question, or the section has one or two and the guide asks
 * with this level throughout (a guide of one question per section). */
static int level_holds_questions(const struct heading_census *doc,
				 const struct heading_census *local, int level)
{
	int count = local->count[level], asking = local->asking[level];
	int doc_count = doc->count[level], doc_asking = doc->asking[level];
	if (local->named[level] > 0)
		return 1;
	if (asking * 2 >= count && (doc_asking * 10 >= doc_count * 3 || count >= 3))
		return 1;
	return count <= 2 && doc_asking >= 3 && doc_asking * 10 >= doc_count * 6;
}

/* Members of the level must ask themselves when the author numbers the
 * questions ("Q1:"): a heading without the number is then a topic. */
static int level_is_strict(const struct heading_census *doc,
			   const struct heading_census *local, int level)
{
	return local->named[level] >= 2 ||
	       (doc->named[level] >= 2 && doc->named[level] * 2 >= doc->asking[level]);
}

/* Members that show no sign of asking are questions all the same when nearly
 * all their neighbours ask, when most do and nine in ten of the guide's (ten
 * at least) do (a section of error messages among sections of questions), or
 * when the guide asks with this level throughout. */
static int level_is_lenient(const struct heading_census *doc,
			    const struct heading_census *local, int level)
{
	int count = local->count[level], asking = local->asking[level];
	int doc_count = doc->count[level], doc_asking = doc->asking[level];
	return asking * 4 >= count * 3 ||
	       (asking * 2 > count && doc_asking >= 10 && doc_asking * 10 >= doc_count * 9) ||
	       (count <= 2 && doc_asking >= 3 && doc_asking * 10 >= doc_count * 6);
}

/* The heading right above FIRST, the section's, says it is a glossary
 * ("## Glossary", "## Key terms"). */
static int titled_glossary(cmark_node *first)
{
	cmark_node *heading = first ? cmark_node_previous(first) : NULL;
	char *text = heading && is_heading(heading) ? node_text(heading) : NULL;
	int glossary = text && evidence_glossary_title(text);
	free(text);
	return glossary;
}

/* The question levels of the blocks [FIRST, STOP) under a heading of ABOVE:
 * every level whose headings hold questions there, and how its members are
 * judged. */
struct scope convention_scope(const struct heading_census *doc,
			      const struct question_rule *rule, struct kind_memo *memo,
			      cmark_node *first, cmark_node *stop, int above,
			      struct heading_census *census)
{
	struct heading_census local;
	struct scope scope = {.level = above, .styles = ALL_CARD_STYLES, .memo = memo};
	census_take(&local, memo, first, stop);
	if (census)
		*census = local;
	/* A <details> is a question when one of its neighbours asks, or most of
	 * the guide's do; else it is a block ("Installation notes"). */
	scope.details_topics = !(rule->given && (rule->styles & (1u << CARD_DETAILS))) &&
			       local.details_asking == 0 &&
			       !(doc->details_asking >= 2 && doc->details_asking * 2 >= doc->details);
	scope.faq_guide = doc->faq_lists > 0;
	if (rule->given) {
		scope.styles = rule->styles;
		if (rule->heading_level > above) { /* "heading:3": all of them, as written */
			scope.levels = scope.lenient = 1u << rule->heading_level;
			return scope;
		}
		if (!(rule->styles & (1u << CARD_HEADING)))
			return scope;
	}
	/* Bold lines ask in a guide of bold questions; in a guide of notes most
	 * are lead-ins ("**Key points:**"), and the few that ask are too. */
	scope.bold_topics = doc->bold_lines >= 3 && doc->bold_asking * 2 < doc->bold_lines &&
			    !(rule->given && (rule->styles & (1u << CARD_BOLD)));
	scope.bold_questions = !scope.bold_topics && doc->bold_asking >= 2;
	scope.line_pairs = doc->flashcards_tag;
	/* A glossary says so in its title, the guide's or the section's, and
	 * holds three entries at least ("## A" over two of them counts). */
	scope.glossary = local.term_lines > 0 &&
			 ((doc->glossary_title && doc->term_lines >= 3) ||
			  (local.term_lines >= 3 && titled_glossary(first)));
	for (int level = above + 1; level <= 6; level++) {
		if (local.count[level] == 0 || !level_holds_questions(doc, &local, level))
			continue;
		scope.levels |= 1u << level;
		if (level_is_strict(doc, &local, level))
			scope.strict |= 1u << level;
		else if (level_is_lenient(doc, &local, level))
			scope.lenient |= 1u << level;
	}
	return scope;
}

/* ---- --questions ----------------------------------------------------------------- */

/* Parses RULE: shapes separated by commas, each "heading", "heading:N",
 * "bold", "list", "details", "label", "table", or "none" alone. -1 when a
 * shape is unknown. */
int question_rule_parse(const char *text, struct question_rule *rule)
{
	static const char *const names[] = {"heading", "bold", "list", "details", "label", "table"};
	memset(rule, 0, sizeof *rule);
	rule->given = 1;
	if (strcmp(text, "none") == 0)
		return 0;
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, ",:");
		size_t shape = 0;
		while (shape < sizeof names / sizeof *names &&
		       !(strlen(names[shape]) == len && strncmp(p, names[shape], len) == 0))
			shape++;
		if (shape == sizeof names / sizeof *names)
			return -1;
		rule->styles |= 1u << shape;
		p += len;
		if (*p == ':') {
			if (shape != CARD_HEADING || p[1] < '1' || p[1] > '6' ||
			    (p[2] != '\0' && p[2] != ','))
				return -1;
			rule->heading_level = p[1] - '0';
			p += 2;
		}
		if (*p == ',')
			p++;
	}
	return rule->styles ? 0 : -1;
}
