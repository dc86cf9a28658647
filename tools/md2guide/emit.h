/* emit.h: what the writers of the guide tree share (emit.c writes the guide,
 * emitframe.c the callouts and <details> in it, emitcells.c a table card's
 * extra cells). Not for other modules. */
#ifndef MD2GUIDE_EMIT_H
#define MD2GUIDE_EMIT_H

#include "md2guide.h"

struct emitter {
	const struct plan *plan;
	struct buf *out;
	FILE *stream;     /* where full pieces of OUT go */
	int write_failed;
	long line_offset; /* for blocks of a <details> body parsed on its own */
	const char *lang; /* the guide's: the title of a guide's one section */
	struct strmap unknown_tags; /* inline HTML tags warned about, once each */
	cmark_node *framed; /* the paragraph that opens the callout being written */
	int frame_depth;    /* frames open around the block being written */
	int in_autolink;    /* writing a link's URL as its text: no shortcodes */
	size_t images_without_alt; /* warned about one by one, then counted */
	int block_depth;    /* blocks open around the one being written */
	unsigned char *noted; /* per footnote: cited already (its note is written or due) */
	cmark_node **due;     /* notes cited in the outermost block being written */
	size_t due_count, due_cap;
};

/* Frames nest at most this deep (deeper ones are written as their blocks):
 * each <details> level parses a piece of HTML apart, and a hostile guide
 * must not turn that into unbounded recursion. */
#define MAX_FRAME_DEPTH 16

void emit_attr(struct emitter *e, const char *name, const char *value);
void emit_line(struct emitter *e, cmark_node *node);
void emit_text(struct emitter *e, const char *text);
void emit_children(struct emitter *e, cmark_node *node); /* a node's inlines */

/* emitinline.c writes the inlines of the guide's blocks: SPAN's inlines,
 * less the first SPAN.skip bytes of their text.
 * The guide's prose, GitHub's shortcodes as their emoji. An element's closing
 * tag. The warnings for an image without alt text (DATA: the emitter) and
 * for an HTML tag the tree does not keep, once per name. */
void emit_inlines(struct emitter *e, struct inline_span span);
void emit_prose(struct emitter *e, const char *text, size_t len);
void close_tag(struct emitter *e, const char *element);
void warn_html_image(void *data, long line, const char *src, const char *alt);
void warn_unknown_tag(struct emitter *e, const char *name, long line);
void emit_block(struct emitter *e, cmark_node *node);
void emit_blocks(struct emitter *e, cmark_node *first, cmark_node *stop);

/* emitframe.c: BLOCK, or the frame it opens when that closes before STOP;
 * returns the last block written. A quote that is a GitHub alert. LEN bytes
 * of HTML from FROM in BLOCK's literal, parsed apart as Markdown. */
cmark_node *emit_block_or_frame(struct emitter *e, cmark_node *block, cmark_node *stop);
void emit_alert(struct emitter *e, cmark_node *quote);
void emit_piece(struct emitter *e, cmark_node *block, const char *from, size_t len);

/* emitcells.c: a question table's cells after the answer, on CARD's back. */
void emit_extra_cells(struct emitter *e, const struct card *card);

#endif
