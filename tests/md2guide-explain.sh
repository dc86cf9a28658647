#!/bin/sh
# tests/md2guide-explain.sh: seeing and steering how a guide is read.
#  - md2guide --explain prints the report (golden: tests/fixtures/NAME.explain
#    beside NAME.md) and, without -o, no tree; with -o, both;
#  - --questions RULE overrides the choice: none, heading:N, a shape alone,
#    two joined; a bad rule is a usage error; the front matter's questions:
#    does the same, and the option wins over it.
. tests/lib.sh

cards() { grep -c '<card ' "$1"; }

for explain in tests/fixtures/*.explain; do
	md=${explain%.explain}.md
	"$BIN/md2guide" --explain "$md" >"$TMP/out" 2>"$TMP/err"
	compare_golden "--explain $(basename "$md"): the report as in $(basename "$explain")" \
		"$explain" "$TMP/out"
done
expect "--explain without -o writes no tree" test -z "$(grep -l '<guide' "$TMP/out")"
"$BIN/md2guide" --explain -o "$TMP/both.xml" tests/fixtures/conv-heading.md >"$TMP/both.out" 2>/dev/null
expect "--explain with -o: the report and the tree" \
	sh -c "grep -q 'read as' '$TMP/both.out' && grep -q '<guide' '$TMP/both.xml'"

fixture=tests/fixtures/conv-heading.md
"$BIN/md2guide" "$fixture" >"$TMP/auto.xml" 2>/dev/null
"$BIN/md2guide" --questions none "$fixture" >"$TMP/none.xml" 2>"$TMP/none.err"
expect "--questions none: no card" test "$(cards "$TMP/none.xml")" = 0
expect "--questions none: no 'no questions found' warning" test ! -s "$TMP/none.err"
"$BIN/md2guide" --questions heading:3 "$fixture" >"$TMP/h3.xml" 2>/dev/null
expect "--questions heading:3: every ### heading is a card, the one that does not ask too" \
	grep -q '<question>Scope in practice</question>' "$TMP/h3.xml"
expect "--questions heading:3: #### headings are not" \
	test "$(grep -c 'level="4"' "$TMP/h3.xml")" -ge 2
"$BIN/md2guide" --questions bold "$fixture" >"$TMP/bold.xml" 2>/dev/null
expect "--questions bold: no heading card" test "$(grep -c 'style="heading"' "$TMP/bold.xml")" = 0
"$BIN/md2guide" --questions heading,table tests/fixtures/conv-table.md >"$TMP/ht.xml" 2>/dev/null
expect "--questions heading,table: the rows of the question table and the glossary are cards" \
	test "$(grep -c 'style="table"' "$TMP/ht.xml")" = 5
"$BIN/md2guide" --questions list tests/fixtures/conv-table.md >"$TMP/list.xml" 2>/dev/null
expect "--questions list: a table of questions gives none" test "$(cards "$TMP/list.xml")" = 0
"$BIN/md2guide" --questions nope "$fixture" >/dev/null 2>"$TMP/bad.err"
status=$?
expect "--questions nope: a usage error (exit 2) that lists the rules" \
	sh -c "test $status = 2 && grep -q 'heading:N' '$TMP/bad.err'"

# The front matter says the same as --questions; the option wins.
printf -- '---\ntitle: Steered\nquestions: heading:3\n---\n' >"$TMP/front.md"
sed -n '2,$p' "$fixture" >>"$TMP/front.md"
"$BIN/md2guide" "$TMP/front.md" >"$TMP/front.xml" 2>/dev/null
expect "front matter questions: heading:3 takes the ### heading that does not ask" \
	grep -q '<question>Scope in practice</question>' "$TMP/front.xml"
"$BIN/md2guide" --questions none "$TMP/front.md" >"$TMP/front-none.xml" 2>/dev/null
expect "--questions wins over the front matter" test "$(cards "$TMP/front-none.xml")" = 0
