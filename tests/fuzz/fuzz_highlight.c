/* fuzz_highlight: a libFuzzer target for md2guide's highlighter
 * (tools/md2guide/highlight.c, highlang.c): the first byte picks the block's
 * language tag (every language, an alias, an unknown tag, none: then a
 * shebang may name one), the rest is the code. Whatever the code, the runs'
 * text and the text between them must be the code: the output with its
 * <t k="..."> tags taken out is the code as plain XML text. */
#include "buf.h"
#include "md2guide/highlight.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const tags[] = {
	"python", "bash", "javascript", "typescript", "tsx", "json", "yaml", "html", "xml",
	"css", "c", "java", "go", "sql", "py", "sh", "console", "zsh", "js", "jsx", "ts",
	"yml", "postgres", "mysql", "h", "golang", "svg", "PYTHON", "brainfuck", "",
};

/* OUT without its <t k="..."> and </t> tags (its text is escaped: a '<' is a tag). */
static void strip_runs(struct buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < out->len;) {
		if (out->data[i] == '<') {
			const char *end = memchr(out->data + i, '>', out->len - i);
			if (!end)
				abort();
			i = (size_t)(end - out->data) + 1;
			continue;
		}
		out->data[n++] = out->data[i++];
	}
	out->len = n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *tag = tags[data[0] % (sizeof tags / sizeof tags[0])];
	/* md2guide hands over code without NUL bytes (sanitize.c): so does this. */
	char *code = malloc(size);
	if (!code)
		return 0;
	size_t len = 0;
	for (size_t i = 1; i < size; i++)
		code[len++] = data[i] ? (char)data[i] : ' ';
	struct buf runs, plain;
	buf_init(&runs);
	buf_init(&plain);
	highlight_xml(&runs, tag, strlen(tag), code, len);
	buf_xml_text(&plain, code, len);
	if (!runs.failed && !plain.failed) {
		strip_runs(&runs);
		if (runs.len != plain.len || (plain.len && memcmp(runs.data, plain.data, plain.len) != 0))
			abort();
	}
	buf_free(&runs);
	buf_free(&plain);
	free(code);
	highlight_release();
	return 0;
}
