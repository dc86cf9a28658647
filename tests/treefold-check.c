/* treefold-check: the folded read of a tree (tools/lib/treefold.c) against
 * libxml2's ordinary one, for each TREE.xml given.
 *
 * Checks that the folded document holds no <t> element in any code block,
 * that every code block has the same text in both, and that the kinds kept
 * for it (tree_code_kinds) are the ones its runs give in the ordinary
 * document. Prints "N trees, M blocks, K with runs, D differ"; exits 1 when
 * any differs or a tree was not folded. */
#include "tree.h"
#include "treefold.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int blocks, with_runs, differ;

static void compare_block(const char *name, const xmlNode *folded, const xmlNode *plain)
{
	char *a = tree_code_text(folded), *b = tree_code_text(plain);
	blocks++;
	for (const xmlNode *c = folded->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			printf("%s:%ld: a code block keeps an element\n", name, xmlGetLineNo(c));
			differ++;
		}
	if (!a || !b || strcmp(a, b) != 0) {
		printf("%s:%ld: the code's text differs\n", name, xmlGetLineNo(plain));
		differ++;
	} else {
		size_t len = strlen(a);
		unsigned char *ka = tree_code_kinds(folded, len), *kb = tree_code_kinds(plain, len);
		if (kb)
			with_runs++;
		if ((ka == NULL) != (kb == NULL) || (ka && memcmp(ka, kb, len) != 0)) {
			printf("%s:%ld: the kinds differ\n", name, xmlGetLineNo(plain));
			differ++;
		}
		free(ka);
		free(kb);
	}
	free(a);
	free(b);
}

/* The code blocks of both documents, walked side by side. */
static void compare_trees(const char *name, const xmlNode *a, const xmlNode *b)
{
	for (; a && b; a = a->next, b = b->next) {
		while (a && a->type != XML_ELEMENT_NODE)
			a = a->next;
		while (b && b->type != XML_ELEMENT_NODE)
			b = b->next;
		if (!a || !b)
			break;
		if (strcmp((const char *)a->name, "codeblock") == 0)
			compare_block(name, a, b);
		else
			compare_trees(name, a->children, b->children);
	}
}

int main(int argc, char **argv)
{
	int trees = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		static char data[1 << 24];
		size_t len = f ? fread(data, 1, sizeof data, f) : 0;
		if (f)
			fclose(f);
		int options = XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOCDATA, irregular = 0;
		xmlDocPtr folded = treefold_read(data, len, argv[i], options, &irregular);
		xmlDocPtr plain = xmlReadMemory(data, (int)len, argv[i], "UTF-8", options);
		if (!folded || !plain) {
			printf("%s: not folded%s\n", argv[i], irregular ? " (irregular)" : "");
			differ++;
		} else {
			compare_trees(argv[i], xmlDocGetRootElement(folded), xmlDocGetRootElement(plain));
		}
		trees++;
		treefold_free(folded);
		xmlFreeDoc(plain);
	}
	printf("%d trees, %d blocks, %d with runs, %d differ\n", trees, blocks, with_runs, differ);
	return differ ? 1 : 0;
}
