# guide2epub: every link in the book resolves. Follows each href and src in every
# XHTML document, the nav, the NCX and the package document, and fails on a file
# that is not in the book or a #fragment that is not an id in that file. Also:
# every id of the tree lands in exactly one file (so a link that resolves goes
# to the right place), and the guide's own table-of-contents links point into
# the chapters they name. Books: the fixture, the guide, the Markdown corpus.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1700000000

# check_book LABEL BOOK TREE MIN_LINKS MIN_TOC_LINKS
check_book() {
	label=$1
	if ! python3 tests/epub-inspect.py links "$2" "$3" >"$TMP/$label.links" 2>&1; then
		fail "$label: link check ran" "$(tail -n 5 "$TMP/$label.links")"
		return
	fi
	set -- "$@" $(sed -n 's/^followed \([0-9]*\) toc \([0-9]*\)$/\1 \2/p' "$TMP/$label.links")
	followed=${6:-0} toc=${7:-0}
	if grep -q '^BAD ' "$TMP/$label.links"; then
		fail "$label: every href and src resolves" "$(grep '^BAD ' "$TMP/$label.links" | head -n 10)"
	elif [ "$followed" -lt "$4" ]; then
		fail "$label: every href and src resolves" "only $followed links followed (want $4+)"
	else
		ok "$label: every href and src resolves ($followed followed)"
	fi
	if grep -q '^IDS ' "$TMP/$label.links"; then
		fail "$label: every tree id is in exactly one file" "$(grep '^IDS ' "$TMP/$label.links" | head)"
	else
		ok "$label: every tree id is in exactly one file"
	fi
	if grep -q '^TOC ' "$TMP/$label.links" || [ "$toc" -lt "$5" ]; then
		fail "$label: table-of-contents links go to their chapters" \
			"$toc links (want $5+)" "$(grep '^TOC ' "$TMP/$label.links")"
	else
		ok "$label: $toc table-of-contents links go to their chapters"
	fi
}

"$BIN/guide2epub" -o "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 2>"$TMP/fixture.err"
check_book fixture "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 40 2
expect "fixture: a link to a missing id is a warning naming SOURCE:LINE" \
	grep -q "^book.md:22: warning: link '#nowhere-at-all'" "$TMP/fixture.err"
expect "fixture: internal links in raw HTML are resolved too" sh -c \
	"unzip -p '$TMP/fixture.epub' OEBPS/section-1.xhtml | grep -q '<a href=\"section-2.xhtml#closing-words\">raw internal</a>'"
expect "fixture: a link into the same file is a bare #fragment" sh -c \
	"unzip -p '$TMP/fixture.epub' OEBPS/section-1.xhtml | grep -q '<a href=\"#notes-heading\">'"

"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
"$BIN/guide2epub" --styles styles -o "$TMP/guide.epub" "$TMP/guide.xml" 2>"$TMP/guide.err"
check_book guide "$TMP/guide.epub" "$TMP/guide.xml" 200 10
expect "guide: no warnings" test ! -s "$TMP/guide.err"

python3 tests/epub-inspect.py corpus "$TMP/corpus.md"
"$BIN/md2guide" -o "$TMP/corpus.xml" "$TMP/corpus.md" 2>/dev/null
"$BIN/guide2epub" -o "$TMP/corpus.epub" "$TMP/corpus.xml" 2>"$TMP/corpus.err"
expect "corpus: guide2epub exits 0 under the sanitizers" sanitizer_clean "$TMP/corpus.err"
check_book corpus "$TMP/corpus.epub" "$TMP/corpus.xml" 100 0
