#!/bin/sh
# tests/serialise.sh: guide2epub writes its pages itself
# (tools/guide2epub/serialise.c), and the bytes must be the ones libxml2's
# xmlSaveDoc writes. tests/serialise-diff.c, built here with the sanitizers,
# writes each page of the books of the guide, the real guides and the
# fixtures both ways, and documents made to hold every kind of node.
. tests/lib.sh

diff_tool="$TMP/serialise-diff"
if ${CC:-cc} -fsanitize=address,undefined -fno-sanitize-recover=all -O1 -Itools -Itools/lib \
	$(pkg-config --cflags libxml-2.0) -o "$diff_tool" tests/serialise-diff.c \
	"$BUILD/asan/obj/guide2epub/serialise.o" $(pkg-config --libs libxml-2.0) 2>"$TMP/cc.err"; then
	ok "serialise-diff builds"
else
	fail "serialise-diff builds" "$(tail -n 5 "$TMP/cc.err")"
	exit 0
fi

# Every page of every book: the XHTML chapters, the package, nav and NCX.
mkdir -p "$TMP/pages"
books=0
for md in input/*.md tests/guides/*.md tests/fixtures/*.md; do
	name=$(basename "$md" .md)
	"$BUILD/bin/md2guide" -o "$TMP/$name.xml" "$md" 2>/dev/null || continue
	"$BUILD/bin/guide2epub" --styles styles -o "$TMP/$name.epub" "$TMP/$name.xml" 2>/dev/null ||
		continue
	mkdir -p "$TMP/pages/$name"
	unzip -q -o "$TMP/$name.epub" -d "$TMP/pages/$name" '*.xhtml' '*.opf' '*.ncx' 2>/dev/null
	books=$((books + 1))
done
find "$TMP/pages" -type f \( -name '*.xhtml' -o -name '*.opf' -o -name '*.ncx' \) | sort \
	>"$TMP/list"
pages=$(wc -l <"$TMP/list")
xargs "$diff_tool" <"$TMP/list" >"$TMP/out" 2>"$TMP/err"
status=$?
if [ "$status" -eq 0 ] && sanitizer_clean "$TMP/err" && [ "$books" -gt 60 ] &&
	[ "$pages" -gt 300 ] && tail -n 1 "$TMP/out" | grep -q ", 0 differ$"; then
	ok "$pages pages of $books books written as xmlSaveDoc writes them ($(tail -n 1 "$TMP/out"))"
else
	fail "every page written as xmlSaveDoc writes it" "exit $status, $books books, $pages pages" \
		"$(head -n 5 "$TMP/out")" "$(head -n 5 "$TMP/err")"
fi

# Every kind of node: escapes in text and attributes, namespaces, empty
# elements, comments, a deep nest; and the kinds left to libxml2 (entity
# references, CDATA, processing instructions, a doctype with an identifier).
if "$diff_tool" --made >"$TMP/made" 2>"$TMP/made.err" && sanitizer_clean "$TMP/made.err"; then
	ok "documents of every kind of node ($(tail -n 1 "$TMP/made"))"
else
	fail "documents of every kind of node" "$(head -n 8 "$TMP/made")" "$(head -n 5 "$TMP/made.err")"
fi

# The comparison sees a difference: against xmlSaveDoc with formatting on.
page=$(grep -m 1 '/chapter' "$TMP/list" || head -n 1 "$TMP/list")
if "$diff_tool" --formatted "$page" >"$TMP/fmt" 2>&1; then
	fail "a difference is seen" "no difference from formatted output on $page"
else
	ok "a difference is seen (formatted output of $(basename "$page"))"
fi
