/* fuzz_tree: a libFuzzer target for the tree loader (tools/lib/tree.c): any
 * bytes are either refused with a diagnostic or give a document that passed
 * the schema, and the walk helpers the back ends use work on every node. */
#include "diag.h"
#include "tree.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[300];

static void remove_file(void) { unlink(path); }

static void walk(const xmlNode *parent, int depth)
{
	for (xmlNode *node = tree_first(parent); node; node = tree_next(node)) {
		(void)tree_line(node);
		(void)tree_attr(node, "id");
		if (depth < 400)
			walk(node, depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(path, sizeof path, "%s/guide-fuzz-tree-%ld.xml", base, (long)getpid());
		atexit(remove_file);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	diag_reset();
	int status;
	xmlDocPtr doc = tree_load(path, &status);
	if (doc) {
		xmlNode *root = xmlDocGetRootElement(doc);
		if (!root || diag_error_count() != 0)
			abort();
		walk(root, 0);
		char *text = tree_plain_text(root);
		free(text);
		(void)tree_source(doc);
		tree_free(doc);
	} else if (diag_error_count() == 0) {
		fprintf(stderr, "fuzz: tree refused without a diagnostic\n");
		abort();
	}
	return 0;
}
