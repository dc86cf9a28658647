/* emitcells: the cells of a question table's row after its answer ("| Q | A
 * | Source |"), on the back of the row's card, each a paragraph led by its
 * column's name ("Source: Ch. 3"): the row's own words, kept.
 *
 * Owns: pairing a cell with its column's header. Never: decides which
 * tables hold questions (qatable.c does) or writes the rest of the card. */
#include "emit.h"

void emit_extra_cells(struct emitter *e, const struct card *card)
{
	if (!card->extra_cells)
		return;
	cmark_node *header = cmark_node_first_child(cmark_node_parent(card->node));
	cmark_node *cell = cmark_node_first_child(card->node);
	cmark_node *name = cmark_node_first_child(header);
	for (; cell && name && cell != card->extra_cells; cell = cmark_node_next(cell))
		name = cmark_node_next(name);
	for (; cell && name; cell = cmark_node_next(cell), name = cmark_node_next(name)) {
		if (!cmark_node_first_child(cell))
			continue;
		buf_puts(e->out, "<p");
		emit_line(e, card->node);
		buf_puts(e->out, "><strong>");
		emit_children(e, name);
		buf_puts(e->out, ":</strong> ");
		emit_children(e, cell);
		buf_puts(e->out, "</p>\n");
	}
}
