/* emitframe: the tree's callouts and <details>, around the blocks they
 * frame (callout.c finds where each opens and closes).
 *
 * Owns: the callout and details elements, the Markdown of a <details>
 * parsed apart, and how deep frames nest.
 * Never: writes a block itself (emit.c does), or a frame that does not
 * close: such a run is written as its blocks. */
#include "emit.h"
#include "emoji.h"
#include "words.h"

#include <string.h>

static void emit_frame_open(struct emitter *e, const struct frame *frame, cmark_node *block)
{
	if (frame->type == FRAME_CALLOUT) {
		buf_puts(e->out, "<callout");
		emit_attr(e, "kind", frame->kind);
		emit_line(e, block);
		buf_putc(e->out, '>');
		if (frame->title[0]) {
			buf_puts(e->out, "<title>");
			emoji_xml_text(e->out, frame->title, strlen(frame->title));
			buf_puts(e->out, "</title>");
		}
	} else {
		buf_puts(e->out, "<details");
		emit_line(e, block);
		buf_puts(e->out, "><summary>");
		const char *summary = frame->title[0] ? frame->title : word_in(e->lang, WORD_DETAILS);
		emoji_xml_text(e->out, summary, strlen(summary));
		buf_puts(e->out, "</summary>");
	}
	buf_putc(e->out, '\n');
}

void emit_alert(struct emitter *e, cmark_node *quote)
{
	struct frame frame;
	callout_alert(quote, &frame, NULL);
	emit_frame_open(e, &frame, quote);
	e->frame_depth++;
	emit_blocks(e, cmark_node_first_child(quote), NULL);
	e->frame_depth--;
	buf_puts(e->out, "</callout>\n");
}

/* The Markdown in LEN bytes of HTML from FROM, a piece of BLOCK's literal,
 * parsed apart and written with the guide's line numbers. */
void emit_piece(struct emitter *e, cmark_node *block, const char *from, size_t len)
{
	if (strspn(from, " \t\r\n") >= len)
		return;
	cmark_node *doc = parse_markdown(from, len);
	if (!doc) {
		e->out->failed = 1;
		return;
	}
	long saved = e->line_offset, start = cmark_node_get_start_line(block);
	for (const char *p = cmark_node_get_literal(block); p < from; p++)
		start += *p == '\n';
	e->line_offset = saved ? saved + start - 1 : start;
	emit_blocks(e, cmark_node_first_child(doc), NULL);
	e->line_offset = saved;
	cmark_node_free(doc);
}

/* Where a backslash keeps TEXT from opening a block other than a paragraph
 * ("1. Setup" a list, "# Notes" a heading): before the delimiter of a number
 * ("1\. Setup"), else before the first mark; LEN when nothing would. */
static size_t block_mark_at(const char *text, size_t len)
{
	size_t at = 0;
	while (at < len && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n'))
		at++;
	size_t digits = 0;
	while (at + digits < len && digits < 10 && text[at + digits] >= '0' && text[at + digits] <= '9')
		digits++;
	if (digits > 0 && at + digits < len && strchr(".)", text[at + digits]))
		return at + digits;
	return at < len && strchr("-+*#>=", text[at]) ? at : len;
}

/* The summary's Markdown parsed apart, as a paragraph: one that would open
 * another block ("1. Setup") is read with that mark escaped, as the summary
 * line a browser shows it. NULL when memory runs out. */
static cmark_node *parse_summary(const struct frame *frame)
{
	cmark_node *doc = parse_markdown(frame->summary, frame->summary_len);
	cmark_node *first = doc ? cmark_node_first_child(doc) : NULL;
	size_t at = block_mark_at(frame->summary, frame->summary_len);
	if (!first || cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH || at == frame->summary_len)
		return doc;
	struct buf escaped;
	buf_init(&escaped);
	buf_put(&escaped, frame->summary, at);
	buf_putc(&escaped, '\\');
	buf_put(&escaped, frame->summary + at, frame->summary_len - at);
	cmark_node *again = escaped.failed ? NULL : parse_markdown(escaped.data, escaped.len);
	buf_free(&escaped);
	if (!again)
		return doc;
	cmark_node_free(doc);
	return again;
}

/* A <details> summary: its Markdown, parsed apart, as inlines. */
static void emit_summary(struct emitter *e, const struct frame *frame)
{
	cmark_node *doc = parse_summary(frame);
	cmark_node *para = doc ? cmark_node_first_child(doc) : NULL;
	size_t open = e->out->len;
	buf_puts(e->out, "<summary>");
	if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH)
		emit_children(e, para);
	if (e->out->len == open + 9)
		emit_text(e, word_in(e->lang, WORD_DETAILS));
	buf_puts(e->out, "</summary>\n");
	if (doc)
		cmark_node_free(doc);
	else
		e->out->failed = 1;
}

static void emit_html_details(struct emitter *e, const struct frame *frame, cmark_node *block)
{
	buf_puts(e->out, "<details");
	emit_line(e, block);
	buf_putc(e->out, '>');
	emit_summary(e, frame);
	const char *end = find_tag(frame->body, "</details>");
	emit_piece(e, block, frame->body, end ? (size_t)(end - frame->body) : strlen(frame->body));
	if (frame->last != block) {
		emit_blocks(e, cmark_node_next(block), frame->last);
		const char *html = cmark_node_get_type(frame->last) == CMARK_NODE_HTML_BLOCK
					   ? cmark_node_get_literal(frame->last) : NULL;
		if (html)
			emit_piece(e, frame->last, html, (size_t)(find_tag(html, "</details>") - html));
		else if (!is_details_close(frame->last)) /* the tag ends its last paragraph */
			emit_block(e, frame->last);
	}
	buf_puts(e->out, "</details>\n");
}

/* BLOCK, or the frame it opens when that closes before STOP. Returns the
 * last block written. */
cmark_node *emit_block_or_frame(struct emitter *e, cmark_node *block, cmark_node *stop)
{
	struct frame frame;
	if (e->frame_depth >= MAX_FRAME_DEPTH || !frame_opens(block, stop, &frame)) {
		emit_block(e, block);
		return block;
	}
	e->frame_depth++;
	if (frame.summary) {
		emit_html_details(e, &frame, block);
	} else {
		emit_frame_open(e, &frame, block);
		cmark_node *saved = e->framed;
		e->framed = block;
		emit_block(e, block);
		e->framed = saved;
		if (frame.last != block) {
			emit_blocks(e, cmark_node_next(block), frame.last);
			emit_block(e, frame.last);
		}
		buf_puts(e->out, frame.type == FRAME_CALLOUT ? "</callout>\n" : "</details>\n");
	}
	e->frame_depth--;
	return frame.last;
}
