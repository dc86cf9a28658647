/* contents: which headings head the guide's own table of contents. One is
 * called so ("Table of Contents", "目录"), or holds nothing but lists of
 * links to places in the guide, whatever it is called ("Índice", "Topics",
 * "Jump to"): a reader takes either for the contents, and neither is a topic
 * that questions belong to. Decides nothing else: structure.c asks. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>

/* The link to a place in the guide ("[Arrays](#arrays)") that CONTAINER's
 * inlines open with, maybe inside emphasis, or NULL. */
static cmark_node *anchor_link_first(cmark_node *container)
{
	cmark_node *node = cmark_node_first_child(container);
	while (node && (cmark_node_get_type(node) == CMARK_NODE_STRONG ||
			cmark_node_get_type(node) == CMARK_NODE_EMPH))
		node = cmark_node_first_child(node);
	if (!node || cmark_node_get_type(node) != CMARK_NODE_LINK)
		return NULL;
	const char *url = cmark_node_get_url(node);
	return url && url[0] == '#' && url[1] != '\0' ? node : NULL;
}

/* PARAGRAPH opens with such a link; text may follow it ("...: push, pop"). */
static int opens_with_anchor_link(cmark_node *paragraph)
{
	return anchor_link_first(paragraph) != NULL;
}

int only_anchor_link(cmark_node *container)
{
	cmark_node *link = anchor_link_first(container);
	for (cmark_node *node = link; node && node != container; node = cmark_node_parent(node))
		if (cmark_node_next(node) || cmark_node_previous(node))
			return 0;
	return link != NULL;
}

/* Every item of LIST opens with such a link, and holds nothing else but
 * lists like it (the contents of a part under its entry). */
static int is_link_list(cmark_node *list)
{
	if (cmark_node_get_type(list) != CMARK_NODE_LIST || !cmark_node_first_child(list))
		return 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *first = cmark_node_first_child(item);
		if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH ||
		    !opens_with_anchor_link(first))
			return 0;
		for (cmark_node *inner = cmark_node_next(first); inner; inner = cmark_node_next(inner))
			if (!is_link_list(inner))
				return 0;
	}
	return 1;
}

int is_spacing(cmark_node *block)
{
	if (cmark_node_get_type(block) == CMARK_NODE_THEMATIC_BREAK)
		return 1;
	if (cmark_node_get_type(block) != CMARK_NODE_HTML_BLOCK)
		return 0;
	int in_tag = 0;
	for (const char *p = cmark_node_get_literal(block); p && *p; p++) {
		if (*p == '<' || *p == '>')
			in_tag = *p == '<';
		else if (!in_tag && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	}
	return 1;
}

int contents_titled(cmark_node *heading)
{
	char *text = node_text(heading);
	int toc = text && evidence_toc_title(text);
	free(text);
	return toc;
}

int contents_by_links(cmark_node *heading)
{
	int lists = 0;
	for (cmark_node *block = cmark_node_next(heading); block && !is_heading(block);
	     block = cmark_node_next(block)) {
		if (is_link_list(block))
			lists++;
		else if (!is_spacing(block))
			return 0;
	}
	return lists > 0;
}

int is_contents_heading(cmark_node *heading)
{
	return contents_titled(heading) || contents_by_links(heading);
}

int is_contents(cmark_node *block, int asked)
{
	return is_heading(block) && (contents_titled(block) || (!asked && contents_by_links(block)));
}

cmark_node *contents_end(cmark_node *heading, cmark_node *stop)
{
	if (contents_titled(heading))
		return stop;
	cmark_node *end = cmark_node_next(heading);
	for (;;) {
		while (end && end != stop && !is_heading(end))
			end = cmark_node_next(end);
		if (!end || end == stop || !contents_by_links(end))
			return end;
		end = cmark_node_next(end); /* a part of the contents: its own links */
	}
}

int contents_over_questions(cmark_node *heading, cmark_node *stop)
{
	if (contents_titled(heading))
		return 0;
	int shallowest = 7, count = 0, asking = 0;
	for (cmark_node *block = contents_end(heading, stop); block && block != stop;
	     block = cmark_node_next(block))
		if (is_heading(block) && heading_level(block) < shallowest)
			shallowest = heading_level(block);
	for (cmark_node *block = contents_end(heading, stop); block && block != stop;
	     block = cmark_node_next(block)) {
		if (!is_heading(block) || heading_level(block) != shallowest)
			continue;
		count++;
		asking += heading_kind(block) != HEADING_TOPIC;
	}
	return count > 0 && asking * 2 > count;
}
