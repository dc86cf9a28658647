/* emit: write the guide tree (tools/guide.rng) from the plan and the cmark
 * nodes it points into: the guide, its meta, sections and cards, and their
 * blocks. One function per element; every block keeps its source line.
 * The inlines of a block are emitinline.c's, its frames emitframe.c's. */
#include "diag.h"
#include "words.h"
#include "md2guide.h"
#include "emit.h"
#include "highlight.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The tree goes out in pieces of about this size, so memory holds one piece
 * and not the whole tree. */
#define EMIT_FLUSH_BYTES ((size_t)64 << 10)

void emit_attr(struct emitter *e, const char *name, const char *value)
{
	buf_putc(e->out, ' ');
	buf_puts(e->out, name);
	buf_puts(e->out, "=\"");
	buf_xml_attr(e->out, value, strlen(value));
	buf_putc(e->out, '"');
}

/* line="N", never below 1: cmark-gfm gives some nodes no position (0), such
 * as what is left of a paragraph the table extension took its last lines from. */
static void emit_line_number(struct emitter *e, long line)
{
	buf_puts(e->out, " line=\"");
	buf_putl(e->out, line > 0 ? line : 1);
	buf_putc(e->out, '"');
}

void emit_line(struct emitter *e, cmark_node *node)
{
	long line = cmark_node_get_start_line(node);
	if (line <= 0 && cmark_node_first_child(node)) /* a heading's images, moved */
		line = cmark_node_get_start_line(cmark_node_first_child(node));
	if (e->line_offset)
		line += e->line_offset - 1;
	emit_line_number(e, line);
}

void emit_text(struct emitter *e, const char *text)
{
	buf_xml_text(e->out, text, strlen(text));
}

/* ---- blocks ------------------------------------------------------------------ */

/* A paragraph; the marker lines of a ":::" container in it are left out, so
 * no ":::" reaches a page, and so is the "[!NOTE]" that opens an alert. The
 * title of a container that frames nothing (it never closes, or a card
 * comes first) is kept as a bold label. */
static void emit_paragraph(struct emitter *e, cmark_node *node)
{
	struct frame marker;
	const char *title = "";
	cmark_node *first = cmark_node_first_child(node), *stop = NULL, *last = first, *rest = NULL;
	cmark_node *quote = cmark_node_parent(node);
	while (last && cmark_node_next(last))
		last = cmark_node_next(last);
	int opens = callout_marker_line(first, &marker) && marker.type != FRAME_NONE;
	if (opens) {
		first = cmark_node_next(first) ? cmark_node_next(cmark_node_next(first)) : NULL;
		if (node != e->framed)
			title = marker.title[0] ? marker.title : word_callout(e->lang, marker.kind);
	} else if (cmark_node_first_child(quote) == node && callout_alert(quote, &marker, &rest)) {
		first = rest, opens = 1;
	}
	struct frame closing;
	if (last && last != cmark_node_first_child(node) && callout_marker_line(last, &closing) &&
	    closing.type == FRAME_NONE)
		stop = cmark_node_previous(last); /* the line break before the closing ":::" */
	else if (!opens && callout_marker_line(first, &closing) && !cmark_node_next(first))
		return; /* a lone ":::" */
	else
		stop = details_closing_tail(node);
	if (first == stop)
		first = NULL;
	if (opens && !first && !title[0])
		return;
	buf_puts(e->out, "<p");
	emit_line(e, node);
	buf_putc(e->out, '>');
	if (title[0]) {
		buf_puts(e->out, "<strong>");
		emit_text(e, title);
		buf_puts(e->out, first ? "</strong><br/>" : "</strong>");
	}
	emit_inlines(e, (struct inline_span){first, stop, 0});
	buf_puts(e->out, "</p>\n");
}

static void emit_heading(struct emitter *e, cmark_node *node)
{
	if (!node_id(node)) { /* in a piece parsed apart: no anchor, a bold line */
		buf_puts(e->out, "<p");
		emit_line(e, node);
		buf_puts(e->out, "><strong>");
		emit_children(e, node);
		buf_puts(e->out, "</strong></p>\n");
		return;
	}
	buf_puts(e->out, "<heading");
	emit_attr(e, "id", node_id(node));
	buf_printf(e->out, " level=\"%d\"", cmark_node_get_heading_level(node));
	emit_line(e, node);
	buf_putc(e->out, '>');
	emit_children(e, node);
	buf_puts(e->out, "</heading>\n");
}

static void emit_item(struct emitter *e, cmark_node *item)
{
	buf_puts(e->out, "<item");
	emit_line(e, item);
	if (is_type(item, "tasklist"))
		buf_printf(e->out, " task=\"%s\"",
			   cmark_gfm_extensions_get_tasklist_item_checked(item) ? "done" : "todo");
	buf_puts(e->out, ">\n");
	emit_blocks(e, cmark_node_first_child(item), NULL);
	buf_puts(e->out, "</item>\n");
}

static void emit_list(struct emitter *e, cmark_node *node)
{
	int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	buf_printf(e->out, "<list type=\"%s\"", ordered ? "ordered" : "bullet");
	if (ordered) {
		int start = cmark_node_get_list_start(node);
		buf_printf(e->out, " start=\"%d\" delim=\"%s\"", start < 0 ? 0 : start,
			   cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? "paren" : "period");
	}
	buf_printf(e->out, " tight=\"%s\"", cmark_node_get_list_tight(node) ? "true" : "false");
	emit_line(e, node);
	buf_puts(e->out, ">\n");
	for (cmark_node *item = cmark_node_first_child(node); item; item = cmark_node_next(item))
		emit_item(e, item);
	buf_puts(e->out, "</list>\n");
}

static void emit_codeblock(struct emitter *e, cmark_node *node)
{
	const char *info = cmark_node_get_fence_info(node);
	size_t lang_len = info ? strcspn(info, " \t{") : 0;
	buf_puts(e->out, "<codeblock");
	emit_line(e, node);
	if (info && *info) {
		if (lang_len > 0) {
			buf_puts(e->out, " lang=\"");
			buf_xml_attr(e->out, info, lang_len);
			buf_putc(e->out, '"');
		}
		emit_attr(e, "info", info);
	}
	buf_putc(e->out, '>');
	const char *code = cmark_node_get_literal(node);
	highlight_xml(e->out, info ? info : "", lang_len, code ? code : "", code ? strlen(code) : 0);
	buf_puts(e->out, "</codeblock>\n");
}

static void emit_container(struct emitter *e, const char *element, cmark_node *node)
{
	buf_putc(e->out, '<');
	buf_puts(e->out, element);
	emit_line(e, node);
	buf_puts(e->out, ">\n");
	emit_blocks(e, cmark_node_first_child(node), NULL);
	close_tag(e, element);
	buf_putc(e->out, '\n');
}

static void emit_table(struct emitter *e, cmark_node *table)
{
	uint16_t columns = cmark_gfm_extensions_get_table_columns(table);
	const uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	buf_puts(e->out, "<table");
	emit_line(e, table);
	buf_puts(e->out, ">\n");
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
		buf_puts(e->out, cmark_gfm_extensions_get_table_row_is_header(row)
					 ? "<row header=\"true\">" : "<row>");
		uint16_t column = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell;
		     cell = cmark_node_next(cell), column++) {
			uint8_t a = align && column < columns ? align[column] : 0;
			buf_puts(e->out, a == 'l' ? "<cell align=\"left\">"
				 : a == 'c' ? "<cell align=\"center\">"
				 : a == 'r' ? "<cell align=\"right\">" : "<cell>");
			emit_children(e, cell);
			buf_puts(e->out, "</cell>");
		}
		buf_puts(e->out, "</row>\n");
	}
	buf_puts(e->out, "</table>\n");
}

/* Closes an element opened at OPEN whose content starts at INNER; one left
 * empty (its blocks were HTML that holds nothing) is taken back, as the tree
 * wants at least one block in it. */
static void close_or_take_back(struct buf *out, size_t open, size_t inner, const char *close)
{
	if (out->len == inner)
		out->len = open;
	else
		buf_puts(out, close);
}

/* The tree id a GitHub anchor became, for links in HTML blocks; NULL, with
 * the warning check_links gives the other links, when there is none. */
static const char *resolve_anchor(void *data, long line, const char *anchor)
{
	const struct plan *plan = ((struct emitter *)data)->plan;
	const char *target = anchor_target(plan, anchor);
	if (!target)
		diag_warning(plan->display_name, line,
			     "link to '#%s', but no heading or question has that anchor", anchor);
	return target;
}

static void warn_html_tag(void *data, long line, const char *tag)
{
	warn_unknown_tag(data, tag, line);
}

/* An HTML block as the tree's blocks (htmlblock.c); -1: keep it raw. */
static int emit_html_block(struct emitter *e, cmark_node *node)
{
	long line = cmark_node_get_start_line(node);
	if (e->line_offset)
		line += e->line_offset - 1;
	struct html_block_context ctx = {resolve_anchor, NULL, warn_html_tag, warn_html_image, e};
	return html_block_to_tree(cmark_node_get_literal(node), line, &ctx, e->out);
}

static void emit_block_itself(struct emitter *e, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH: emit_paragraph(e, node); break;
	case CMARK_NODE_HEADING: emit_heading(e, node); break;
	case CMARK_NODE_LIST: emit_list(e, node); break;
	case CMARK_NODE_CODE_BLOCK: emit_codeblock(e, node); break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (callout_alert(node, &(struct frame){0}, NULL))
			emit_alert(e, node);
		else
			emit_container(e, "quote", node);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_puts(e->out, "<hr");
		emit_line(e, node);
		buf_puts(e->out, "/>\n");
		break;
	case CMARK_NODE_HTML_BLOCK:
		if (emit_html_block(e, node) >= 0)
			break; /* written as tree blocks, or nothing to keep */
		buf_puts(e->out, "<raw format=\"html\"");
		emit_line(e, node);
		buf_putc(e->out, '>');
		emit_text(e, cmark_node_get_literal(node));
		buf_puts(e->out, "</raw>\n");
		break;
	default:
		if (is_type(node, "table"))
			emit_table(e, node);
		else /* an extension's block we do not know: keep its content */
			emit_blocks(e, cmark_node_first_child(node), NULL);
		break;
	}
}

/* The notes the block just written cited first, each as its blocks. A note
 * may cite another: that one follows it. */
static void emit_due_notes(struct emitter *e)
{
	for (size_t i = 0; i < e->due_count; i++) {
		cmark_node *note = e->due[i];
		e->block_depth++;
		emit_blocks(e, cmark_node_first_child(note), NULL);
		e->block_depth--;
	}
	e->due_count = 0;
}

void emit_block(struct emitter *e, cmark_node *node)
{
	e->block_depth++;
	emit_block_itself(e, node);
	e->block_depth--;
	if (e->block_depth == 0 && e->due_count)
		emit_due_notes(e);
}

void emit_blocks(struct emitter *e, cmark_node *first, cmark_node *stop)
{
	for (cmark_node *node = first; node && node != stop; node = cmark_node_next(node))
		node = emit_block_or_frame(e, node, stop);
}

/* A <details> that hides an answer in one block: its body parsed apart, with
 * the block's line numbers. */
static void emit_revealed(struct emitter *e, cmark_node *block)
{
	const char *html = cmark_node_get_literal(block);
	const char *body = find_tag(html, "</summary>");
	const char *start = body ? details_answer_start(body + strlen("</summary>")) : NULL;
	const char *end = start ? find_tag(start, "</details>") : NULL;
	if (end)
		emit_piece(e, block, start, (size_t)(details_answer_end(start, end) - start));
}

/* An answer's blocks, without what only frames it on a web page: the
 * <details> that hid it, its closing tag, links back to the top. */
static void emit_answer_blocks(struct emitter *e, cmark_node *first, cmark_node *stop)
{
	for (cmark_node *node = first; node && node != stop; node = cmark_node_next(node)) {
		int reveal = is_reveal_details(node);
		const char *text = reveal == 1 ? details_opening_text(node) : NULL;
		if (reveal == 2)
			emit_revealed(e, node);
		else if (text) /* the answer's first lines, in the block of the summary */
			emit_piece(e, node, text, strlen(text));
		else if (!reveal && !is_details_close(node) && !is_navigation(node))
			node = emit_block_or_frame(e, node, stop);
	}
}

/* ---- guide structure --------------------------------------------------------------- */

/* The question's inlines, less the decoration that ends its last text node. */
static void emit_question(struct emitter *e, const struct card *card)
{
	if (card->question_literal) {
		emit_prose(e, card->question_literal, strlen(card->question_literal));
		return;
	}
	if (!card->question_trim) {
		emit_inlines(e, card->question);
		return;
	}
	struct inline_span span = card->question;
	cmark_node *last = span.first;
	while (cmark_node_next(last) && cmark_node_next(last) != span.stop)
		last = cmark_node_next(last);
	const char *text = cmark_node_get_literal(last);
	size_t from = last == span.first ? span.skip : 0;
	if (last != span.first) {
		span.stop = last;
		emit_inlines(e, span);
	}
	emit_prose(e, text + from, strlen(text) - from - card->question_trim);
}

static void emit_card(struct emitter *e, const struct card *card)
{
	buf_puts(e->out, "<card");
	emit_attr(e, "id", card->id);
	emit_attr(e, "key", card->key);
	if (card->number[0])
		emit_attr(e, "number", card->number);
	emit_line_number(e, card->line);
	if (card->unanswered)
		buf_puts(e->out, " unanswered=\"true\"");
	if (card->tag)
		emit_attr(e, "tags", card->tag);
	buf_printf(e->out, " style=\"%s\">\n<question>", CARD_STYLE_NAMES[card->style]);
	emit_question(e, card);
	buf_puts(e->out, "</question>\n");
	if (card->prompt.first) {
		size_t open = e->out->len;
		buf_puts(e->out, "<prompt");
		emit_line(e, card->prompt.first);
		buf_puts(e->out, ">\n");
		size_t inner = e->out->len;
		struct keyed_saved *marks =
			card->keyed ? keyed_hide(card->keyed, card->prompt.stop) : NULL;
		emit_blocks(e, card->prompt.first, card->prompt.stop);
		keyed_restore(marks);
		close_or_take_back(e->out, open, inner, "</prompt>\n");
	}
	if (card->why) {
		buf_puts(e->out, "<why");
		emit_attr(e, "label", card->why_label);
		emit_line(e, card->why);
		buf_puts(e->out, "><p");
		emit_line(e, card->why);
		buf_putc(e->out, '>');
		emit_inlines(e, card->why_text);
		buf_puts(e->out, "</p></why>\n");
	}
	buf_puts(e->out, "<answer");
	if (card->label)
		emit_attr(e, "label", card->label);
	emit_line_number(e, card->answer_line);
	buf_puts(e->out, ">\n");
	if (card->label_rest.first) {
		buf_puts(e->out, "<p");
		emit_line_number(e, card->answer_line);
		buf_putc(e->out, '>');
		emit_inlines(e, card->label_rest);
		buf_puts(e->out, "</p>\n");
	}
	emit_extra_cells(e, card);
	if (card->keyed) {
		struct block_span right;
		struct keyed_saved *wrong = keyed_keep_right(card->keyed, card->prompt.stop, &right);
		emit_blocks(e, right.first, right.stop);
		keyed_restore(wrong);
	}
	if (card->details_doc)
		e->line_offset = card->details_line;
	if (card->details_open) { /* its first blocks there, the rest in the document */
		emit_answer_blocks(e, card->head.first, NULL);
		e->line_offset = 0;
	}
	emit_answer_blocks(e, card->body.first, card->body.stop);
	e->line_offset = 0;
	buf_puts(e->out, "</answer>\n</card>\n");
}

static void emit_meta(struct emitter *e)
{
	const struct plan *plan = e->plan;
	buf_puts(e->out, "<meta>\n<title");
	if (plan->title) {
		emit_line(e, plan->title);
		buf_putc(e->out, '>');
		emit_children(e, plan->title);
	} else {
		buf_putc(e->out, '>');
		emit_text(e, plan->title_fallback);
	}
	buf_puts(e->out, "</title>\n");
	const struct frontmatter *front = plan->front;
	if (plan->subtitle) {
		buf_puts(e->out, "<subtitle");
		emit_line(e, plan->subtitle);
		buf_putc(e->out, '>');
		emit_children(e, plan->subtitle);
		buf_puts(e->out, "</subtitle>\n");
	} else if (front && front->subtitle) {
		buf_puts(e->out, "<subtitle line=\"1\">");
		emit_text(e, front->subtitle);
		buf_puts(e->out, "</subtitle>\n");
	}
	const char *author = front && front->author ? front->author : plan->author;
	if (author) {
		buf_puts(e->out, "<author>");
		emit_text(e, author);
		buf_puts(e->out, "</author>\n");
	}
	if (front && front->description) {
		buf_puts(e->out, "<description>");
		emit_text(e, front->description);
		buf_puts(e->out, "</description>\n");
	}
	for (size_t i = 0; front && i < front->tag_count; i++) {
		buf_puts(e->out, "<tag>");
		emit_text(e, front->tags[i]);
		buf_puts(e->out, "</tag>\n");
	}
	if (plan->date[0]) {
		buf_puts(e->out, "<date>");
		buf_puts(e->out, plan->date);
		buf_puts(e->out, "</date>\n");
	}
	buf_puts(e->out, "</meta>\n");
}

/* The block after the run of sibling blocks that BLOCKS[I] is in: a frame
 * opened there closes before it. Worked out once a run: *END is the index
 * after the run found last. */
static cmark_node *array_stop(cmark_node **blocks, size_t i, size_t count, size_t *end)
{
	if (i >= *end) {
		for (*end = i + 1; *end < count && blocks[*end] == cmark_node_next(blocks[*end - 1]);)
			++*end;
	}
	return cmark_node_next(blocks[*end - 1]);
}

/* The same for the parts of a section, which a card ends. */
static cmark_node *parts_stop(const struct part *parts, size_t i, size_t count, size_t *end)
{
	if (i >= *end) {
		for (*end = i + 1; *end < count && parts[*end].block &&
				   parts[*end].block == cmark_node_next(parts[*end - 1].block);)
			++*end;
	}
	return cmark_node_next(parts[*end - 1].block);
}

static void emit_block_array(struct emitter *e, cmark_node **blocks, size_t count)
{
	size_t end = 0;
	for (size_t i = 0; i < count; i++) {
		cmark_node *last = emit_block_or_frame(e, blocks[i], array_stop(blocks, i, count, &end));
		while (blocks[i] != last)
			i++;
	}
}

static void emit_toc(struct emitter *e)
{
	const struct plan *plan = e->plan;
	buf_puts(e->out, "<toc");
	emit_attr(e, "id", plan->toc_id);
	emit_line(e, plan->toc);
	buf_puts(e->out, ">\n<title>");
	emit_children(e, plan->toc);
	buf_puts(e->out, "</title>\n");
	emit_block_array(e, plan->toc_blocks, plan->toc_block_count);
	buf_puts(e->out, "</toc>\n");
}

/* Writes what OUT holds once it holds at least AT LEAST bytes. */
static void emit_flush(struct emitter *e, size_t at_least)
{
	struct buf *out = e->out;
	if (out->len < at_least || out->len == 0 || out->failed)
		return;
	if (fwrite(out->data, 1, out->len, e->stream) != out->len)
		e->write_failed = 1;
	out->len = 0;
}

static void emit_section(struct emitter *e, const struct section *section)
{
	buf_puts(e->out, "<section");
	emit_attr(e, "id", section->id);
	buf_printf(e->out, " level=\"%d\"", section->level ? section->level : 2);
	emit_line_number(e, section->line);
	buf_printf(e->out, " kind=\"%s\"%s>\n<title>", section->card_count ? "questions" : "prose",
		   section->heading ? "" : " untitled=\"true\"");
	if (section->heading)
		emit_children(e, section->heading);
	else
		emit_text(e, word_in(e->lang, WORD_QUESTIONS));
	buf_puts(e->out, "</title>\n");
	size_t end = 0; /* of the run of blocks parts_stop() found last */
	for (size_t i = 0; i < section->part_count; i++) {
		if (section->parts[i].card) {
			emit_card(e, section->parts[i].card);
		} else {
			cmark_node *last = emit_block_or_frame(
				e, section->parts[i].block,
				parts_stop(section->parts, i, section->part_count, &end));
			while (section->parts[i].block != last)
				i++;
		}
		emit_flush(e, EMIT_FLUSH_BYTES);
	}
	buf_puts(e->out, "</section>\n");
}

int emit_guide(const struct plan *plan, const char *lang, struct buf *out, FILE *stream)
{
	struct emitter e = {plan, out, stream, 0, 0, lang, {0}, NULL, 0, 0, 0, 0, NULL, NULL, 0, 0};
	if (plan->footnote_count && !(e.noted = calloc(plan->footnote_count, 1)))
		return -1;
	strmap_init(&e.unknown_tags);
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<guide version=\"1\"");
	emit_attr(&e, "lang", lang);
	emit_attr(&e, "source", plan->source_name);
	buf_puts(out, ">\n");
	emit_meta(&e);
	if (plan->intro_count) {
		size_t open = out->len;
		buf_puts(out, "<intro>\n");
		emit_block_array(&e, plan->intro, plan->intro_count);
		close_or_take_back(out, open, open + 8, "</intro>\n");
	}
	if (plan->toc)
		emit_toc(&e);
	for (size_t i = 0; i < plan->section_count; i++)
		emit_section(&e, &plan->sections[i]);
	buf_puts(out, "</guide>\n");
	if (e.images_without_alt > MD2GUIDE_MAX_ALT_WARNINGS)
		diag_warning(plan->display_name, 0, "%zu more images have no alt text",
			     e.images_without_alt - MD2GUIDE_MAX_ALT_WARNINGS);
	emit_flush(&e, 1);
	strmap_free(&e.unknown_tags);
	free(e.noted);
	free(e.due);
	highlight_release();
	return out->failed ? -1 : e.write_failed ? -2 : 0;
}
