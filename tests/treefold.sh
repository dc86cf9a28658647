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

# Runs holding what is no element (a comment, a processing instruction,
# CDATA, character references, CR), blanks alone, or ending the block: the
# same text and kinds either way.
sed -e 's|<codeblock \([^>]*\)>|&<t k="comment">a<!-- c --><?p q?>b<![CDATA[<\&>]]>\&#13;\&#x1F600;\&amp;</t><t k="number"> \&#10; </t>|' \
	-e 's|</codeblock>|<t k="keyword">end</t>&|' tests/trees/sample.xml >"$TMP/odd-runs.xml"
if grep -q 'CDATA' "$TMP/odd-runs.xml" && "$check" "$TMP/odd-runs.xml" >"$TMP/odd.out" 2>&1 &&
	tail -n 1 "$TMP/odd.out" | grep -q ' 2 with runs, 0 differ$'; then
	ok "runs with comments, CDATA and references fold as read ($(tail -n 1 "$TMP/odd.out"))"
else
	fail "runs with comments, CDATA and references fold as read" "$(head -n 3 "$TMP/odd.out")"
fi

# Runs that are all empty: the block has no kinds, folded or not.
sed -e 's|<codeblock \([^>]*\)>|<codeblock \1><t k="comment"/><t k="number"></t>|' \
	-e 's|</codeblock>|<t k="keyword"/></codeblock>|' tests/trees/sample.xml >"$TMP/empty-runs.xml"
if grep -q '<t k="comment"/>' "$TMP/empty-runs.xml" && "$check" "$TMP/empty-runs.xml" >"$TMP/empty.out" 2>&1; then
	ok "runs that are all empty give no kinds ($(tail -n 1 "$TMP/empty.out"))"
else
	fail "runs that are all empty give no kinds" "$(head -n 3 "$TMP/empty.out")"
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
# TOOL writes OUT_A.EXT from TREE_A and OUT_B.EXT from TREE_B, errors in
# $TMP/TOOL-a.err and -b.err; $a and $b are its exits.
two_reads() {
	ext=$(ext_of "$1")
	"$BIN/$1" --styles styles -o "$3.$ext" "$2" 2>"$TMP/$1-a.err"
	a=$?
	"$BIN/$1" --styles styles -o "$5.$ext" "$4" 2>"$TMP/$1-b.err"
	b=$?
}
for tool in guide2pdf guide2epub guide2anki; do
	[ -x "$BIN/$tool" ] || continue
	two_reads "$tool" "$TMP/guide.xml" "$TMP/folded" "$TMP/unfolded.xml" "$TMP/unfolded"
	if [ $a -eq 0 ] && [ $b -eq 0 ] && cmp -s "$TMP/folded.$ext" "$TMP/unfolded.$ext" &&
		sanitizer_clean "$TMP/$tool-a.err" && sanitizer_clean "$TMP/$tool-b.err"; then
		ok "$tool: the same bytes from the folded and the ordinary read"
	else
		fail "$tool: the same bytes from the folded and the ordinary read" "exit $a and $b" \
			"$(cmp "$TMP/folded.$ext" "$TMP/unfolded.$ext" 2>&1)" "$(head -n 3 "$TMP/$tool-b.err")"
	fi
done

# A namespace error lets libxml2 go on: a <p:t> whose prefix is not declared
# comes to the fold as a <t> of no namespace, and a run after the message
# would stop the fold with that message alone. Each must be refused with
# every message the ordinary read gives (forced by a run declaring a
# namespace before it).
for bad in '<p:t k="comment">x</p:t>' '<t p:k="comment">x</t>'; do
	for first in '' '<t xmlns:x="urn:x" k="comment">y</t>'; do
		printf '<?xml version="1.0" encoding="UTF-8"?>\n<guide version="1" lang="en" source="x.md"><meta><title>T</title></meta>\n<codeblock line="1">%s%s<t k="number">1</t></codeblock></guide>\n' \
			"$first" "$bad" >"$TMP/ns-${first:+un}folded.xml"
	done
	for tool in guide2pdf guide2epub guide2anki; do
		[ -x "$BIN/$tool" ] || continue
		two_reads "$tool" "$TMP/ns-folded.xml" "$TMP/ns" "$TMP/ns-unfolded.xml" "$TMP/ns"
		sed 's/ns-unfolded/ns-folded/' "$TMP/$tool-b.err" >"$TMP/ns-b.msg"
		if [ $a -eq 1 ] && [ $b -eq 1 ] && [ ! -e "$TMP/ns.$ext" ] &&
			cmp -s "$TMP/$tool-a.err" "$TMP/ns-b.msg" && [ "$(wc -l <"$TMP/ns-b.msg")" -ge 2 ]; then
			ok "$tool: $bad refused with every message of the ordinary read"
		else
			fail "$tool: $bad refused with every message of the ordinary read" "exit $a and $b" \
				"$(cat "$TMP/$tool-a.err")" "$(cat "$TMP/ns-b.msg")"
		fi
	done
done
