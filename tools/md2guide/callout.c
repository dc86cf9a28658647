/* callout: where a framed run of blocks opens and closes. A ":::kind Title"
 * container (Docusaurus, VitePress, VuePress) runs from the paragraph whose
 * first line opens it to the one whose last line is the same run of colons;
 * a GitHub alert is a block quote whose first line is "[!NOTE]" (an Obsidian
 * callout's, "[!example]- Title"); a <details>
 * runs from the HTML block that opens it to the one that closes it.
 *
 * Owns: the marker lines, the kind words and their synonyms, the search for
 * the closing block among siblings.
 * Never: writes the tree (emit.c does), or looks past the STOP it is given,
 * so a frame never spans a card or a section. */
#include "md2guide.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* A frame closes within this many sibling blocks of its opening, or is
 * none: each block is then looked at from at most this many openings, and a
 * guide of openings that never close stays linear. */
#define MAX_FRAME_BLOCKS 128

/* The tree's kinds (tools/guide.rng), and the words guides use for them. */
static const char *const KIND_SYNONYMS[][2] = {
	{"note", "note"},	  {"tip", "tip"},	    {"important", "important"},
	{"warning", "warning"},	  {"caution", "caution"},   {"info", "info"},
	{"danger", "danger"},	  {"hint", "tip"},	    {"success", "tip"},
	{"check", "tip"},	  {"warn", "warning"},	    {"attention", "warning"},
	{"error", "danger"},	  {"bug", "danger"},	    {"failure", "danger"},
	{"abstract", "note"},	  {"summary", "note"},	    {"example", "note"},
	{"question", "note"},	  {"quote", "note"},	    {"secondary", "note"},
	{"tldr", "note"},	  {"todo", "note"},	    {"done", "tip"},
	{"help", "note"},	  {"faq", "note"},	    {"fail", "danger"},
	{"missing", "danger"},	  {"cite", "note"},
};

/* KIND_LEN bytes at WORD as the tree's kind, or NULL for a word it does not
 * know (then the word itself is the title). */
const char *callout_kind_of(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof KIND_SYNONYMS / sizeof *KIND_SYNONYMS; i++)
		if (strlen(KIND_SYNONYMS[i][0]) == len && strncasecmp(word, KIND_SYNONYMS[i][0], len) == 0)
			return KIND_SYNONYMS[i][1];
	return NULL;
}

/* LEN bytes of TEXT into OUT (SIZE bytes) without trailing spaces. */
static void copy_cut(char *out, size_t size, const char *text, size_t len)
{
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	copy_whole_characters(out, size, text, len);
}

/* Is NODE a text node that is a whole line (a line break or nothing after)? */
static const char *whole_line(cmark_node *node)
{
	if (!node || cmark_node_get_type(node) != CMARK_NODE_TEXT)
		return NULL;
	cmark_node *next = cmark_node_next(node);
	if (next && cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(next) != CMARK_NODE_LINEBREAK)
		return NULL;
	return cmark_node_get_literal(node);
}

int callout_marker_line(cmark_node *node, struct frame *frame)
{
	const char *text = whole_line(node);
	if (!text || strncmp(text, ":::", 3) != 0)
		return 0;
	memset(frame, 0, sizeof *frame);
	frame->colons = (int)strspn(text, ":");
	text += frame->colons;
	text += strspn(text, " \t");
	size_t word = strcspn(text, " \t{[");
	const char *rest = text + word;
	rest += strspn(rest, " \t");
	const char *kind = callout_kind_of(text, word);
	frame->type = word == 0 ? FRAME_NONE : word == 7 && !strncasecmp(text, "details", 7)
						     ? FRAME_DETAILS : FRAME_CALLOUT;
	snprintf(frame->kind, sizeof frame->kind, "%s", kind ? kind : "note");
	if (*rest == '[') /* Docusaurus: ":::tip[Title]" */
		copy_cut(frame->title, sizeof frame->title, rest + 1, strcspn(rest + 1, "]"));
	else if (*rest && *rest != '{')
		copy_cut(frame->title, sizeof frame->title, rest, strlen(rest));
	else if (word && !kind && frame->type == FRAME_CALLOUT)
		copy_cut(frame->title, sizeof frame->title, text, word);
	if (frame->title[0] >= 'a' && frame->title[0] <= 'z' && !kind && !*rest)
		frame->title[0] = (char)toupper((unsigned char)frame->title[0]);
	return 1;
}

/* NODE is a line of COLONS colons alone (spaces after them aside). */
static int bare_marker(cmark_node *node, int colons)
{
	const char *text = whole_line(node);
	if (!text || (int)strspn(text, ":") != colons)
		return 0;
	return text[colons + strspn(text + colons, " \t")] == '\0';
}

/* The last line of BLOCK is COLONS colons alone. In a list or a quote the
 * line is its last paragraph's: "- item\n:::" continues the item lazily. */
static int closes_container(cmark_node *block, int colons)
{
	cmark_node *paragraph = block;
	while (paragraph && (cmark_node_get_type(paragraph) == CMARK_NODE_LIST ||
			     cmark_node_get_type(paragraph) == CMARK_NODE_ITEM ||
			     cmark_node_get_type(paragraph) == CMARK_NODE_BLOCK_QUOTE))
		paragraph = cmark_node_last_child(paragraph);
	if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return 0;
	cmark_node *last = cmark_node_last_child(paragraph);
	return last != cmark_node_first_child(paragraph) && bare_marker(last, colons);
}

static int container_opens(cmark_node *block, cmark_node *stop, struct frame *frame)
{
	if (cmark_node_get_type(block) != CMARK_NODE_PARAGRAPH ||
	    !callout_marker_line(cmark_node_first_child(block), frame) || frame->type == FRAME_NONE)
		return 0;
	int count = 0;
	for (cmark_node *node = block; node && node != stop && count++ < MAX_FRAME_BLOCKS;
	     node = cmark_node_next(node)) {
		cmark_node *first = cmark_node_first_child(node);
		if (closes_container(node, frame->colons) ||
		    (node != block && cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH &&
		     bare_marker(first, frame->colons) && !cmark_node_next(first))) {
			frame->last = node;
			return 1;
		}
	}
	return 0;
}

/* The kind of "[!WORD]" opening LINE: one of GitHub's five alone on its line,
 * or, as Obsidian writes callouts, a kind it knows followed by a fold mark
 * ("[!faq]-", "[!tip]+") or a title ("[!example] Sorting"). GitHub's five
 * with text after them are no alert, as on GitHub. *TITLE: where the title
 * starts in LINE ("" for none). NULL when LINE opens no callout. */
static const char *alert_kind(const char *line, const char **title)
{
	static const char *const GITHUB[] = {"note", "tip", "important", "warning", "caution"};
	const char *close = strncmp(line, "[!", 2) == 0 ? strchr(line, ']') : NULL;
	if (!close)
		return NULL;
	size_t len = (size_t)(close - line - 2);
	const char *after = close + 1;
	int folds = *after == '-' || *after == '+';
	after += folds;
	if (*after && *after != ' ' && *after != '\t')
		return NULL;
	*title = after + strspn(after, " \t");
	for (size_t i = 0; i < sizeof GITHUB / sizeof *GITHUB; i++)
		if (len == strlen(GITHUB[i]) && !strncasecmp(line + 2, GITHUB[i], len))
			return **title && !folds ? NULL : GITHUB[i];
	return callout_kind_of(line + 2, len);
}

int callout_alert(cmark_node *quote, struct frame *frame, cmark_node **rest)
{
	cmark_node *paragraph = cmark_node_first_child(quote);
	if (cmark_node_get_type(quote) != CMARK_NODE_BLOCK_QUOTE || !paragraph ||
	    cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
		return 0;
	char line[sizeof frame->title + 32];
	size_t len = 0;
	cmark_node *node = cmark_node_first_child(paragraph);
	for (; node && cmark_node_get_type(node) == CMARK_NODE_TEXT; node = cmark_node_next(node)) {
		const char *text = cmark_node_get_literal(node);
		if (len + strlen(text) >= sizeof line)
			return 0;
		memcpy(line + len, text, strlen(text));
		len += strlen(text);
	}
	line[len] = '\0';
	if (node && cmark_node_get_type(node) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(node) != CMARK_NODE_LINEBREAK)
		return 0;
	const char *title, *kind = alert_kind(line, &title);
	if (!kind)
		return 0;
	memset(frame, 0, sizeof *frame);
	frame->type = FRAME_CALLOUT;
	snprintf(frame->kind, sizeof frame->kind, "%s", kind);
	copy_cut(frame->title, sizeof frame->title, title, strlen(title));
	frame->last = quote;
	if (rest)
		*rest = node ? cmark_node_next(node) : NULL;
	return 1;
}

/* ---- <details> ------------------------------------------------------------------ */

static const char *html_of(cmark_node *block)
{
	return cmark_node_get_type(block) == CMARK_NODE_HTML_BLOCK ? cmark_node_get_literal(block)
								    : NULL;
}

/* How many <details> BLOCK opens less how many it closes. */
static int details_balance(cmark_node *block)
{
	const char *html = html_of(block);
	int balance = 0;
	for (const char *p = html ? strchr(html, '<') : NULL; p; p = strchr(p + 1, '<')) {
		if (!strncasecmp(p, "<details", 8) && (p[8] == '>' || isspace((unsigned char)p[8])))
			balance++;
		else if (!strncasecmp(p, "</details>", 10))
			balance--;
	}
	return balance;
}

static int details_opens(cmark_node *block, cmark_node *stop, struct frame *frame)
{
	const char *close, *summary = details_summary(block, &close);
	if (!summary)
		return 0;
	memset(frame, 0, sizeof *frame);
	frame->type = FRAME_DETAILS;
	frame->summary = summary;
	frame->summary_len = (size_t)(close - summary);
	frame->body = details_answer_start(close + strlen("</summary>"));
	/* The closing tag may end a paragraph or list ("...</b></details>"). */
	frame->last = details_balance(block) <= 0
			      ? block : details_close_of(block, stop, MAX_FRAME_BLOCKS - 1);
	return frame->last != NULL;
}

int frame_opens(cmark_node *block, cmark_node *stop, struct frame *frame)
{
	return block && (container_opens(block, stop, frame) || details_opens(block, stop, frame));
}
