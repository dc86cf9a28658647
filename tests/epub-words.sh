# guide2epub: nothing is dropped. Extracts the text of every XHTML document of
# the book and finds in it every word of the guide tree's text (raw HTML counts
# by the text a reader sees, not its tags or comments), for the fixture, the
# guide (with and without the drill chapter) and the Markdown corpus.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1700000000

# check_words LABEL BOOK TREE MIN_WORDS
check_words() {
	label=$1
	if ! python3 tests/epub-inspect.py words "$2" "$3" >"$TMP/$label.words" 2>&1; then
		fail "$label: word check ran" "$(tail -n 5 "$TMP/$label.words")"
		return
	fi
	count=$(sed -n 's/^words //p' "$TMP/$label.words")
	if grep -q '^MISSING ' "$TMP/$label.words"; then
		fail "$label: every word of the tree is in the book" \
			"$(grep '^MISSING ' "$TMP/$label.words" | head -n 20 | tr '\n' ' ')"
	elif [ "${count:-0}" -lt "$4" ]; then
		fail "$label: every word of the tree is in the book" "only $count distinct words (want $4+)"
	else
		ok "$label: every word of the tree is in the book ($count distinct words)"
	fi
}

"$BIN/guide2epub" -o "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 2>/dev/null
check_words fixture "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 150

"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
"$BIN/guide2epub" --styles styles -o "$TMP/guide.epub" "$TMP/guide.xml" 2>/dev/null
check_words guide "$TMP/guide.epub" "$TMP/guide.xml" 2000

# Without the drill chapter the questions are still all there (in their chapters).
"$BIN/guide2epub" --no-drill -o "$TMP/nodrill.epub" "$TMP/guide.xml" 2>/dev/null
check_words "guide --no-drill" "$TMP/nodrill.epub" "$TMP/guide.xml" 2000
expect "--no-drill leaves out the Questions chapter" sh -c \
	"! unzip -l '$TMP/nodrill.epub' | grep -q questions.xhtml"

python3 tests/epub-inspect.py corpus "$TMP/corpus.md"
"$BIN/md2guide" -o "$TMP/corpus.xml" "$TMP/corpus.md" 2>/dev/null
"$BIN/guide2epub" -o "$TMP/corpus.epub" "$TMP/corpus.xml" 2>/dev/null
check_words corpus "$TMP/corpus.epub" "$TMP/corpus.xml" 800
