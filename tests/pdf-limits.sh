# guide2pdf at its limits: a hand-written tree may hold what no guide would (a
# list starting past the schema's nine digits, a paragraph of a million words or of thousands
# of links, a title of a megabyte, a question of 100,000 line breaks). Each
# is refused with a "FILE:LINE: error:" that names the limit, exit 1, no
# sanitizer report, the PDF already there left as it was and no temporary
# file; what fits is written. These once gave a signed overflow, a silent
# exit 1, or "PDF library error".
. tests/lib.sh

pdf=$BIN/guide2pdf
sample=tests/trees/sample.xml

# tree NAME PYTHON-EXPRESSION: $TMP/NAME.xml, the sample tree with the
# expression applied to its text s.
tree() {
	/usr/bin/python3 - "$sample" "$TMP/$1.xml" "$2" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(eval(sys.argv[3]))
PY
}

# refused NAME PATTERN: guide2pdf on $TMP/NAME.xml fails as it should.
refused() {
	name=$1 pattern=$2
	mkdir -p "$TMP/$name.d"
	out=$TMP/$name.d/out.pdf
	printf 'the PDF of an earlier run\n' >"$out"
	"$pdf" -o "$out" "$TMP/$name.xml" >/dev/null 2>"$TMP/$name.err"
	problems=$(outcome_problems $? 1 "$pattern" "$TMP/$name.err")
	[ "$(cat "$out")" = "the PDF of an earlier run" ] || problems="$problems; the earlier PDF changed"
	[ "$(ls "$TMP/$name.d")" = out.pdf ] || problems="$problems; a temporary file left behind"
	[ -z "$problems" ] && ok "$name: refused with the limit named" ||
		fail "$name: refused with the limit named" "$problems" "$(head -c 400 "$TMP/$name.err")"
}

# written NAME: guide2pdf on $TMP/NAME.xml writes a PDF that qpdf accepts.
written() {
	name=$1
	"$pdf" -o "$TMP/$name.pdf" "$TMP/$name.xml" >/dev/null 2>"$TMP/$name.err"
	status=$?
	if [ "$status" -eq 0 ] && sanitizer_clean "$TMP/$name.err" && ! grep -q 'error:' "$TMP/$name.err" &&
		qpdf --check "$TMP/$name.pdf" >/dev/null 2>&1; then
		ok "$name: written"
	else
		fail "$name: written" "exit $status" "$(head -c 400 "$TMP/$name.err")"
	fi
}

bullets='<list type="bullet" tight="false" line="32">'
tree list-start "s.replace('$bullets', '<list type=\"ordered\" start=\"99999999999999999999999\" tight=\"false\" line=\"32\">')"
refused list-start "error: .*attribute start.*list"
tree list-start-9-digits "s.replace('$bullets', '<list type=\"ordered\" start=\"999999999\" tight=\"false\" line=\"32\">')"
written list-start-9-digits

tree million-words "s.replace('<p line=\"48\">Good luck!</p>', '<p line=\"48\">' + 'word ' * 1000000 + '</p>')"
refused million-words "^sample.md:48: error: this block has more than 4194304 characters"

tree many-links "s.replace('<p line=\"48\">Good luck!</p>', '<p line=\"48\">' + ''.join('<link href=\"https://example.com/%d\">l</link> ' % i for i in range(4200)) + '</p>')"
refused many-links "^sample.md:48: error: this block has more than 4096 differently styled pieces"

tree megabyte-title "s.replace('<title>Basics</title>', '<title>' + 'Basics ' * 150000 + '</title>')"
refused megabyte-title "^sample.md:10: error: this heading is [0-9]+ lines long, taller than a page"

tree question-breaks "s.replace('<question>What is a <code>list</code>?</question>', '<question>What' + '<br/>' * 100000 + '</question>')"
refused question-breaks "^sample.md:14: error: this heading is 100000 lines long, taller than a page"

# U+0080 prints nothing, so this title fits a line, but not an outline entry.
tree outline-title "s.replace('<title>Closing</title>', '<title>A' + '&#x80;' * 35000 + '</title>')"
refused outline-title "^sample.md:46: error: this title is 70001 bytes long, and a PDF outline entry holds at most 65535"

tree guide-title "s.replace('<title line=\"1\">Sample <em>Guide</em></title>', '<title line=\"1\">' + 'T' * 70000 + '</title>')"
refused guide-title "^sample.md:1: error: the guide's title is 70000 bytes long"

# A table cell taller than pages ends in a link far below its page: the link
# is kept on the page's own terms, not a failure of the whole document.
tree tall-cell "s.replace('<cell align=\"right\">yes</cell>', '<cell align=\"right\">yes' + '<br/>' * 3000 + '<link href=\"https://example.com/\">l</link></cell>')"
written tall-cell

# More pages than one /Pages node of libharu holds (32,767): 33,000 sections,
# a page each, and the contents. The build without sanitizers runs it (5 s,
# 600 MB; under ASan it takes gigabytes). Page order is checked through the
# footers on both sides of where the page tree starts (page 16,385) and on
# the last page.
/usr/bin/python3 - "$TMP/pages.xml" <<'PY'
import sys
parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<guide version="1" lang="en" source="pages.md">'
         '<meta><title line="1">Pages</title></meta>']
for i in range(33000):
    parts.append('<section id="s%d" level="2" line="%d" kind="prose"><title>S%d</title></section>'
                 % (i, i + 2, i))
parts.append('</guide>\n')
open(sys.argv[1], "w").write("".join(parts))
PY
"$BUILD/bin/guide2pdf" -o "$TMP/pages.pdf" "$TMP/pages.xml" >/dev/null 2>"$TMP/pages.err"
status=$?
pages=$(pdfinfo "$TMP/pages.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
footers=
for n in 16384 16385 "$pages"; do
	footers="$footers$(pdftotext -f "$n" -l "$n" "$TMP/pages.pdf" - 2>/dev/null | grep -o 'page [0-9]* of [0-9]*');"
done
[ "$status" -eq 0 ] && [ "${pages:-0}" -gt 32767 ] &&
	[ "$footers" = "page 16384 of $pages;page 16385 of $pages;page $pages of $pages;" ] &&
	ok "more than 32,767 pages: $pages pages, in order" ||
	fail "more than 32,767 pages" "exit $status, ${pages:-no} pages, footers: $footers" \
		"$(head -c 300 "$TMP/pages.err")"
rm -f "$TMP/pages.pdf"
