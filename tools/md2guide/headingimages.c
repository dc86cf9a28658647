/* headingimages: the images a README writes into its title line (build and
 * version badges, linked images, a logo) taken out of the heading into a
 * paragraph of their own, so a title is its words: on the title page, in the
 * running header, the contents, the book's title and the deck's name.
 *
 * Owns: which inlines of a heading are its images (an image, a link that
 * holds only images, an inline HTML <img>, or <a ...><img></a>) and moving
 * them. Never: drops one (GitHub shows them, and so does the guide, under
 * the heading), or touches a heading that would be left with no words. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_blank_text(cmark_node *node)
{
	const char *text = cmark_node_get_literal(node);
	return cmark_node_get_type(node) == CMARK_NODE_TEXT && text &&
	       text[strspn(text, " \t")] == '\0';
}

/* 1 when NODE is an inline HTML tag named NAME (an opening one unless
 * CLOSING). */
static int is_html_tag(cmark_node *node, const char *name, int closing)
{
	struct html_tag tag;
	if (!node || cmark_node_get_type(node) != CMARK_NODE_HTML_INLINE ||
	    inline_html_tag(cmark_node_get_literal(node), &tag) != 0)
		return 0;
	int match = strcasecmp(tag.name, name) == 0 && tag.closing == closing;
	inline_html_tag_free(&tag);
	return match;
}

static int is_image(cmark_node *node)
{
	return cmark_node_get_type(node) == CMARK_NODE_IMAGE || is_html_tag(node, "img", 0);
}

/* A link whose content is images and blanks only: a badge. */
static int is_image_link(cmark_node *node)
{
	if (cmark_node_get_type(node) != CMARK_NODE_LINK)
		return 0;
	int images = 0;
	for (cmark_node *child = cmark_node_first_child(node); child;
	     child = cmark_node_next(child)) {
		if (is_image(child))
			images++;
		else if (!is_blank_text(child))
			return 0;
	}
	return images > 0;
}

/* How many inlines from NODE make one image of the heading: 1, or 3 for
 * <a href><img></a> written in HTML; 0 when NODE starts none. */
static int image_run(cmark_node *node)
{
	if (is_image(node) || is_image_link(node))
		return 1;
	cmark_node *inner = cmark_node_next(node);
	if (is_html_tag(node, "a", 0) && inner && is_image(inner) &&
	    is_html_tag(cmark_node_next(inner), "a", 1))
		return 3;
	return 0;
}

/* 1 when HEADING has words besides its images. */
static int has_words(cmark_node *heading)
{
	for (cmark_node *node = cmark_node_first_child(heading); node;) {
		int run = image_run(node);
		if (!run && !is_blank_text(node) &&
		    cmark_node_get_type(node) != CMARK_NODE_HTML_INLINE)
			return 1;
		for (int i = 0; i < (run ? run : 1) && node; i++)
			node = cmark_node_next(node);
	}
	return 0;
}

/* TEXT_NODE's literal less the blanks at its start (FRONT) or end. */
static void trim_text(cmark_node *text_node, int front)
{
	char *text = strdup(cmark_node_get_literal(text_node));
	if (!text)
		return;
	size_t len = strlen(text), from = front ? strspn(text, " \t") : 0;
	while (!front && len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		text[--len] = '\0';
	cmark_node_set_literal(text_node, text + from);
	free(text);
}

/* The blanks the images stood between, at the heading's ends, go too. */
static void trim_ends(cmark_node *heading)
{
	for (cmark_node *end = cmark_node_last_child(heading); end && is_blank_text(end);
	     end = cmark_node_last_child(heading))
		cmark_node_free(end);
	for (cmark_node *start = cmark_node_first_child(heading); start && is_blank_text(start);
	     start = cmark_node_first_child(heading))
		cmark_node_free(start);
	cmark_node *first = cmark_node_first_child(heading);
	if (first && cmark_node_get_type(first) == CMARK_NODE_TEXT)
		trim_text(first, 1);
	cmark_node *last = cmark_node_last_child(heading);
	if (last && cmark_node_get_type(last) == CMARK_NODE_TEXT)
		trim_text(last, 0);
}

static int move_run(cmark_node *paragraph, cmark_node *node, int run)
{
	if (cmark_node_first_child(paragraph)) {
		cmark_node *space = cmark_node_new(CMARK_NODE_TEXT);
		if (!space || !cmark_node_set_literal(space, " ") ||
		    !cmark_node_append_child(paragraph, space))
			return -1;
	}
	for (int i = 0; i < run; i++) {
		cmark_node *next = cmark_node_next(node);
		if (!cmark_node_append_child(paragraph, node))
			return -1;
		node = next;
	}
	return 0;
}

cmark_node *heading_take_images(cmark_node *heading)
{
	if (!has_words(heading))
		return NULL;
	cmark_node *paragraph = NULL;
	for (cmark_node *node = cmark_node_first_child(heading); node;) {
		int run = image_run(node);
		cmark_node *after = node;
		for (int i = 0; i < (run ? run : 1) && after; i++)
			after = cmark_node_next(after);
		if (run && !paragraph)
			paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
		if (run && (!paragraph || move_run(paragraph, node, run) != 0))
			return paragraph; /* out of memory: what moved stays moved */
		node = after;
	}
	if (paragraph)
		trim_ends(heading);
	return paragraph;
}
