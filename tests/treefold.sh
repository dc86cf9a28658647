#!/bin/sh
# tests/treefold.sh: the back ends read a tree's code token runs folded into
# their code block's text (tools/lib/treefold.c), and that must change
# nothing they write. tests/treefold-check.c, built with the sanitizers,
# reads each tree both ways and compares every code block's text and kinds;
# then each back end writes the guide from the tree as md2guide wrote it and
# from the same tree with one run that cannot be folded (so the whole tree is
# read the ordinary way, runs and all), and the outputs must be the same bytes.
. tests/lib.sh

check="$TMP/treefold-check"
if ${CC:-cc} -fsanitize=address,undefined -fno-sanitize-recover=all -O1 -Itools -Itools/lib \
	$(pkg-config --cflags libxml-2.0) -o "$check" tests/treefold-check.c "$BUILD/asan/libguide.a" \
	$(pkg-config --libs libxml-2.0 libutf8proc) 2>"$TMP/cc.err"; then
	ok "treefold-check builds"
else
	fail "treefold-check builds" "$(tail -n 5 "$TMP/cc.err")"
	exit 0
fi

"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
for md in tests/guides/*.md; do
	"$BIN/md2guide" -o "$TMP/real-$(basename "$md" .md).xml" "$md" 2>/dev/null
done
"$check" "$TMP/guide.xml" "$TMP"/real-*.xml tests/fixtures/*.xml tests/trees/*.xml \
	>"$TMP/out" 2>"$TMP/err"
status=$?
last=$(tail -n 1 "$TMP/out")
runs=$(printf '%s\n' "$last" | sed -n 's/.* \([0-9]*\) with runs.*/\1/p')
if [ "$status" -eq 0 ] && sanitizer_clean "$TMP/err" && [ "${runs:-0}" -gt 300 ]; then
	ok "every code block folded as the ordinary read has it ($last)"
else
	fail "every code block folded as the ordinary read has it" "exit $status: $last" \
		"$(head -n 5 "$TMP/out")" "$(head -n 5 "$TMP/err")"
fi

# The same tree with a namespace declared on its first run: valid, but no
# run the fold takes, so it is read as it stands.
sed '0,/<t k=/s//<t xmlns:x="urn:x" k=/' "$TMP/guide.xml" >"$TMP/unfolded.xml"
if "$check" "$TMP/unfolded.xml" >"$TMP/unfolded.out" 2>&1; then
	fail "a run that cannot be folded is seen" "$(tail -n 1 "$TMP/unfolded.out")"
else
	ok "a run that cannot be folded is seen ($(head -n 1 "$TMP/unfolded.out"))"
fi
export SOURCE_DATE_EPOCH=1767225600
for tool in guide2pdf guide2epub guide2anki; do
	[ -x "$BIN/$tool" ] || continue
	ext=$(ext_of "$tool")
	"$BIN/$tool" --styles styles -o "$TMP/folded.$ext" "$TMP/guide.xml" 2>"$TMP/$tool-a.err"
	a=$?
	"$BIN/$tool" --styles styles -o "$TMP/unfolded.$ext" "$TMP/unfolded.xml" 2>"$TMP/$tool-b.err"
	b=$?
	if [ $a -eq 0 ] && [ $b -eq 0 ] && cmp -s "$TMP/folded.$ext" "$TMP/unfolded.$ext" &&
		sanitizer_clean "$TMP/$tool-a.err" && sanitizer_clean "$TMP/$tool-b.err"; then
		ok "$tool: the same bytes from the folded and the ordinary read"
	else
		fail "$tool: the same bytes from the folded and the ordinary read" "exit $a and $b" \
			"$(cmp "$TMP/folded.$ext" "$TMP/unfolded.$ext" 2>&1)" "$(head -n 3 "$TMP/$tool-b.err")"
	fi
done
