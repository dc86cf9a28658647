# The interview guide itself: the tree must hold its ten question sections with
# 35 cards, every card complete, the prose sections, a table of contents whose
# links all resolve, and every word of the guide.
. tests/lib.sh

guide=input/interview-guide.md
tree=$TMP/guide.xml
if ! "$BIN/md2guide" -o "$tree" "$guide" 2>"$TMP/guide.err"; then
	fail "md2guide converts the guide" "$(cat "$TMP/guide.err")"
	exit 0
fi
ok "md2guide converts the guide"
expect "guide: no warnings" test ! -s "$TMP/guide.err"
expect "guide: tree is schema-valid" xmllint --noout --relaxng tools/guide.rng "$tree"

count() { xmllint --xpath "$1" "$tree" 2>/dev/null; }

counts=$(for i in $(seq 1 12); do printf '%s ' "$(count "count(/guide/section[$i]/card)")"; done)
if [ "$counts" = "9 7 4 1 2 2 4 2 2 2 0 0 " ]; then
	ok "guide: cards per section are 9 7 4 1 2 2 4 2 2 2, then two prose sections"
else
	fail "guide: cards per section" "got: $counts"
fi
expect "guide: 35 cards" test "$(count 'count(//card)')" = 35
expect "guide: 10 question sections" test "$(count 'count(/guide/section[@kind="questions"])')" = 10
expect "guide: prose sections Final Review and Good Luck" test \
	"$(count 'string(/guide/section[11]/title)')|$(count 'string(/guide/section[12]/title)')" = \
	"Final Review|Good Luck with Your Interview!"
expect "guide: every card has a question" test "$(count 'count(//card[normalize-space(question)!=""])')" = 35
expect "guide: every card has a numbered question" test "$(count 'count(//card[@number])')" = 35
expect "guide: 32 cards have Why they ask" test "$(count 'count(//card/why[@label="Why they ask"])')" = 32
expect "guide: every answer has a label and a body" test \
	"$(count 'count(//answer[@label][*])')" = 35
expect "guide: answer labels as written" test \
	"$(count 'count(//answer[@label="Short Answer"])') $(count 'count(//answer[@label="Your Answer"])') $(count 'count(//answer[@label="Answer"])')" = "1 5 29"
expect "guide: title, subtitle, author" test \
	"$(count 'string(//meta/title)')|$(count 'string(//meta/subtitle)')|$(count 'string(//meta/author)')" = \
	"Technical Interview Preparation Guide|For Python/Django Backend Developer Position|Awais Amjad"

# The author taken from the subtitle leaves it, so no output prints the name
# twice; markup before the name stays, and a subtitle that is only the name
# goes. "by two people" names no one: the subtitle stays whole.
for case in "For X Position by Jane Doe;For X Position;Jane Doe" \
	"Notes by *Jane Doe*;Notes;Jane Doe" \
	"**Prep** \`v2\` | Jane Mary Doe;<strong>Prep</strong> <code>v2</code>;Jane Mary Doe" \
	"| Jane Doe;;Jane Doe" "A guide by two people;A guide by two people;"; do
	heading=${case%%;*} want=${case#*;}
	printf '# Guide\n\n## %s\n\n## Part\n\n### What is x?\n\nY.\n' "$heading" >"$TMP/sub.md"
	"$BIN/md2guide" -o "$TMP/sub.xml" "$TMP/sub.md" 2>/dev/null
	subtitle=$(sed -n 's|^<subtitle line="[0-9]*">\(.*\)</subtitle>$|\1|p' "$TMP/sub.xml")
	author=$(sed -n 's|^<author>\(.*\)</author>$|\1|p' "$TMP/sub.xml")
	expect "subtitle '$heading': the author once ($want)" test "$subtitle;$author" = "$want"
done
expect "guide: the table of contents is recognised" test "$(count 'count(/guide/toc//link)')" = 10

# Every #anchor of the guide's own contents lands on an id in the tree.
missing=
for href in $(count '/guide/toc//link/@href' | sed 's/.*href="#\([^"]*\)".*/\1/'); do
	[ "$(count "count(//*[@id='$href'])")" = 1 ] || missing="$missing $href"
done
expect "guide: every table-of-contents link resolves${missing:+ (missing:$missing)}" test -z "$missing"

# A Q1 answer keeps its code block whole: first and last lines.
q1=$(count 'string(//card[@id="q1-explain-the-differences-between-python-2-and-python-3"]/answer/codeblock)')
expect "guide: Q1's answer code block is whole" sh -c \
	'printf "%s" "$1" | head -n 1 | grep -qx "The main differences:" &&
	 printf "%s" "$1" | grep -q "support ended in 2020"' sh "$q1"

# Every word of the guide: the words cmark-gfm's plain-text rendering gives
# must all be in the tree's text, labels and numbers ("Q1" is the number 1).
cmark-gfm -e table -e strikethrough -e autolink -e tasklist -t plaintext --width 0 "$guide" >"$TMP/words.src"
if python3 tests/words.py "$TMP/words.src" "$tree" >"$TMP/words.out"; then
	ok "guide: every word of the guide is in the tree ($(cat "$TMP/words.out"))"
else
	fail "guide: every word of the guide is in the tree" "$(head -n 20 "$TMP/words.out")"
fi
