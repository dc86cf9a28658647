/* frontmatter-fields: prints every field tools/md2guide/frontmatter.c fills
 * from the front matter of one Markdown file, one "key: value" line each, so
 * tests/md2guide-frontmatter.sh can check what the YAML reader kept,
 * questions_rule included (the tree does not carry it). */
#include "md2guide/md2guide.h"
#include "diag.h"
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show(const char *key, const char *value)
{
	if (value)
		printf("%s: %s\n", key, value);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: frontmatter-fields FILE.md\n");
		return 2;
	}
	diag_set_program("frontmatter-fields");
	char *text;
	size_t len;
	if (input_read(argv[1], argv[1], (size_t)1 << 20, &text, &len) != 0)
		return 2;
	struct frontmatter fm;
	int found = frontmatter_take(argv[1], text, len, &fm);
	printf("found: %d\n", found);
	show("title", fm.title);
	show("subtitle", fm.subtitle);
	show("author", fm.author);
	show("lang", fm.lang);
	show("description", fm.description);
	show("questions_rule", fm.questions_rule);
	for (size_t i = 0; i < fm.tag_count; i++)
		show("tag", fm.tags[i]);
	/* The first line the parser will see: the block blanked, line ends kept. */
	size_t blank = 0;
	while (blank < len && (text[blank] == ' ' || text[blank] == '\n' || text[blank] == '\r'))
		blank++;
	const char *rest = text + blank;
	printf("text starts: %.*s\n", (int)strcspn(rest, "\r\n"), rest);
	frontmatter_free(&fm);
	free(text);
	return 0;
}
