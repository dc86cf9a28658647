/* outline: what assistive technology reads of a document's structure, put
 * right once the document is built, whatever wrote its parts (the chapter,
 * a card, raw HTML of the guide):
 *  - heading ranks never skip: a heading is at most one rank below the one
 *    before it (a guide's "####" under a question's h2 becomes h3), since a
 *    screen reader's list of headings reads a jump as a missing part;
 *  - a header cell with nothing in it (a table's corner) is a data cell, so
 *    no column or row is announced with an empty name.
 * It renames elements and never moves, adds or drops content. */
#include "book.h"

#include <string.h>

/* 1-6 for h1-h6, else 0. */
static int heading_rank(const xmlNode *node)
{
	const char *name = (const char *)node->name;
	return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0' ? name[1] - '0' : 0;
}

/* Does NODE hold text (other than blanks) or an image? */
static int says_something(const xmlNode *node)
{
	for (const xmlNode *child = node->children; child; child = child->next) {
		if (child->type == XML_TEXT_NODE && child->content &&
		    child->content[strspn((const char *)child->content, " \t\r\n")])
			return 1;
		if (child->type == XML_ELEMENT_NODE &&
		    (strcmp((const char *)child->name, "img") == 0 || says_something(child)))
			return 1;
	}
	return 0;
}

static void fix_element(xmlNode *node, int *last_rank)
{
	int rank = heading_rank(node);
	if (rank) {
		if (rank > *last_rank + 1) {
			rank = *last_rank + 1;
			char name[3] = {'h', (char)('0' + rank), '\0'};
			xmlNodeSetName(node, (const xmlChar *)name);
		}
		*last_rank = rank;
	} else if (strcmp((const char *)node->name, "th") == 0 && !says_something(node)) {
		xmlNodeSetName(node, (const xmlChar *)"td");
	}
}

void epub_fix_outline(xmlDocPtr doc)
{
	xmlNode *node = xmlDocGetRootElement(doc);
	int last_rank = 0;
	/* Document order without recursion: down, else along, else up and along. */
	while (node) {
		if (node->type == XML_ELEMENT_NODE)
			fix_element(node, &last_rank);
		if (node->children && node->type == XML_ELEMENT_NODE) {
			node = node->children;
			continue;
		}
		while (node && !node->next)
			node = node->parent && node->parent->type == XML_ELEMENT_NODE ? node->parent : NULL;
		if (node)
			node = node->next;
	}
}
