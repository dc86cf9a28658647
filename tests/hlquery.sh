#!/bin/sh
# tests/hlquery.sh: md2guide reads and matches the highlight queries itself
# (tools/md2guide/hlquery.c). On every code block of the guide, the fixtures
# and the real guides, its matches must be libtree-sitter's own, one for one:
# tests/hlquery-diff.c runs both, built here with the sanitizers.
. tests/lib.sh

diff_tool="$TMP/hlquery-diff"
obj="$BUILD/asan/obj"
if ${CC:-cc} -fsanitize=address,undefined -fno-sanitize-recover=all -O1 -Itools -Itools/lib \
	-o "$diff_tool" tests/hlquery-diff.c "$obj/md2guide/hlquery.o" "$obj/md2guide/highlang.o" \
	"$obj/gen/queries.o" "$BUILD/grammars/libgrammars.a" "$BUILD/asan/libguide.a" \
	-ltree-sitter 2>"$TMP/cc.err"; then
	ok "hlquery-diff builds"
else
	fail "hlquery-diff builds" "$(tail -n 5 "$TMP/cc.err")"
	exit 0
fi

"$diff_tool" input/*.md tests/fixtures/*.md tests/guides/*.md >"$TMP/out" 2>"$TMP/err"
status=$?
last=$(tail -n 1 "$TMP/out")
blocks=${last%% blocks*}
if [ "$status" -eq 0 ] && sanitizer_clean "$TMP/err" && [ "${blocks:-0}" -gt 500 ] &&
	printf '%s\n' "$last" | grep -q ', 0 differ$'; then
	ok "every match is libtree-sitter's ($last)"
else
	fail "every match is libtree-sitter's" "exit $status: $last" "$(head -n 8 "$TMP/out")" \
		"$(head -n 5 "$TMP/err")"
fi

# Every language is compared on some code.
none=$(grep ': 0 blocks$' "$TMP/out" | cut -d: -f1 | tr '\n' ' ')
languages=$(grep -c ': [0-9]* blocks$' "$TMP/out")
if [ -z "$none" ] && [ "$languages" -ge 14 ]; then
	ok "all $languages languages compared"
else
	fail "all languages compared" "none for: $none ($languages listed)"
fi

# The comparison sees a difference: a Python query whose identifiers are
# constants, for hlquery.c only.
sed 's/^(identifier) @variable$/(identifier) @constant/' "$BUILD/grammars/queries/python.scm" \
	>"$TMP/python.scm"
if cmp -s "$TMP/python.scm" "$BUILD/grammars/queries/python.scm"; then
	fail "a changed query is seen" "the sed changed nothing in python.scm"
elif "$diff_tool" --query python "$TMP/python.scm" tests/fixtures/highlight.md >"$TMP/out2" 2>&1; then
	fail "a changed query is seen" "hlquery-diff found no difference"
else
	ok "a changed query is seen ($(tail -n 1 "$TMP/out2"))"
fi

# What hlquery.c does not read is refused, not half read: a repetition, a
# negated field, an unknown node type, an unclosed pattern.
cat >"$TMP/refused.c" <<'C'
#include "md2guide/hlquery.h"
#include <stdio.h>
#include <string.h>
const TSLanguage *tree_sitter_python(void);
int main(void)
{
	const char *bad[] = {"(call (identifier)* @x)", "(call !arguments) @x", "(no_such_node) @x",
			     "(call (identifier) @x", "((identifier) @a) ((identifier) @b) (", "[\"def\" @k"};
	int refused = 0;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct hlq *q = hlq_new(tree_sitter_python(), bad[i], (uint32_t)strlen(bad[i]));
		if (q)
			printf("read: %s\n", bad[i]);
		else
			refused++;
		hlq_free(q);
	}
	const char *good = "(call function: (identifier) @f) [\"def\" \"if\"] @k";
	struct hlq *q = hlq_new(tree_sitter_python(), good, (uint32_t)strlen(good));
	printf("%d refused, good %s\n", refused, q && hlq_pattern_count(q) == 2 ? "read" : "refused");
	hlq_free(q);
	return 0;
}
C
if ${CC:-cc} -fsanitize=address,undefined -fno-sanitize-recover=all -O1 -Itools -Itools/lib \
	-o "$TMP/refused" "$TMP/refused.c" "$obj/md2guide/hlquery.o" "$BUILD/grammars/libgrammars.a" \
	-ltree-sitter 2>"$TMP/cc2.err" && "$TMP/refused" >"$TMP/out3" 2>&1 &&
	grep -qx '6 refused, good read' "$TMP/out3"; then
	ok "what is not read is refused"
else
	fail "what is not read is refused" "$(cat "$TMP/out3" "$TMP/cc2.err" 2>/dev/null | head -n 8)"
fi
