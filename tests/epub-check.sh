# guide2epub: epubcheck finds nothing wrong (0 fatals, 0 errors, 0 warnings) in
# the book of the guide, the book of the fixture with every construct, and the
# book of the Markdown corpus (every CommonMark and GFM example, raw HTML and
# odd links included, and passages in other languages: spans and blocks with
# lang), made an Arabic book (--lang ar: right to left, html dir="rtl" and the
# spine's page-progression-direction). Each run costs 10-20 s, so these three
# are all it checks.
. tests/lib.sh

jar=/usr/share/java/epubcheck.jar
if [ ! -f "$jar" ] || ! command -v java >/dev/null 2>&1; then
	fail "epubcheck is installed" "apt-get install epubcheck default-jre-headless"
	exit 0
fi

epubcheck() {
	label=$1 book=$2
	java -jar "$jar" "$book" >"$TMP/$label.check" 2>&1
	summary=$(grep '^Messages:' "$TMP/$label.check")
	case $summary in
	"Messages: 0 fatals / 0 errors / 0 warnings"*) ok "$label: epubcheck: $summary" ;;
	*) fail "$label: epubcheck reports no fatals, errors or warnings" \
		"${summary:-no summary line}" \
		"$(grep -E '^(FATAL|ERROR|WARNING)' "$TMP/$label.check" | head -n 10)" ;;
	esac
}

"$BIN/guide2epub" -o "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 2>/dev/null
epubcheck fixture "$TMP/fixture.epub"

"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
"$BIN/guide2epub" --styles styles -o "$TMP/guide.epub" "$TMP/guide.xml" 2>/dev/null
epubcheck guide "$TMP/guide.epub"

python3 tests/epub-inspect.py corpus "$TMP/corpus.md"
cat tests/fixtures/gfm-callouts.md >>"$TMP/corpus.md" # callouts (aside) and <details>
# passages in other languages (spans and blocks with lang and xml:lang)
cat tests/fixtures/lang-passages.md tests/fixtures/lang-passages-ja.md >>"$TMP/corpus.md"
"$BIN/md2guide" -o "$TMP/corpus.xml" "$TMP/corpus.md" 2>/dev/null
"$BIN/guide2epub" --lang ar -o "$TMP/corpus.epub" "$TMP/corpus.xml" 2>/dev/null
epubcheck corpus "$TMP/corpus.epub"
