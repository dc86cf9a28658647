# anki-unanswered: a card with an empty answer never costs the other cards. It
# is left out of the deck, and one warning counts such cards, listing the first
# five answer lines; a deck left with no card at all is still written, with one
# warning "FILE: warning: the deck has no cards". Also: many decks (one per
# section) get unique names and ids, looked up by hash.
. tests/lib.sh

dir=tests/fixtures/anki-fields
anki() { SOURCE_DATE_EPOCH=1 "$BIN/guide2anki" --no-font "$@"; }
notes() {
	rm -rf "$TMP/d" && mkdir "$TMP/d" && (cd "$TMP/d" && unzip -q "$1" collection.anki2) &&
		sqlite3 "$TMP/d/collection.anki2" "$2"
}

sed 's|<answer line="57"><p line="57">Yes.</p></answer>|<answer line="57"><p line="57">  </p></answer>|' \
	"$dir/guide.xml" >"$TMP/one.xml"
anki -o "$TMP/one.apkg" "$TMP/one.xml" 2>"$TMP/err"
status=$?
expect "one empty answer: the deck is written (exit 0), sanitizer clean" test -z \
	"$(outcome_problems "$status" 0 . "$TMP/err")"
expect "one empty answer: one warning at its line, counting it" grep -qx \
	'anki-fields\.md:57: warning: 1 card has no answer yet and is left out of the deck (line 57); write the answer, or keep such cards with --keep-unanswered' \
	"$TMP/err"
expect "one empty answer: the 3 other cards are in the deck" test "$(notes "$TMP/one.apkg" 'select count(*) from notes')" = 3
anki --format=tsv -o "$TMP/one.tsv" "$TMP/one.xml" 2>/dev/null
rows=$(python3 -c '
import csv, sys
print(sum(1 for r in csv.reader(open(sys.argv[1], encoding="utf-8"), delimiter="\t") if r and not r[0].startswith("#")))' "$TMP/one.tsv")
expect "one empty answer in the text export: 3 rows" test "$rows" = 3

# Seven unanswered cards of eight: one line, the first five lines, then "...".
python3 - "$TMP/seven.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("# Seven\n\n## Questions\n\n")
    for i in range(8):
        f.write(f"### What is {i}?\n\n" + ("It is one.\n\n" if i == 7 else "<!-- -->\n\n"))
PY
"$BIN/md2guide" -o "$TMP/seven.xml" "$TMP/seven.md" 2>/dev/null
# Whatever md2guide keeps of an empty answer, blank out every answer but the last card's.
python3 - "$TMP/seven.xml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
cards = re.findall(r'(?s)<card .*?</card>', text)
for card in cards[:-1]:
    emptied = re.sub(r'(?s)(<answer[^>]*>).*?(</answer>)', r'\1<p line="1"> </p>\2', card)
    emptied = re.sub(r'(?s)<answer\s*/>', '<answer><p line="1"> </p></answer>', emptied)
    text = text.replace(card, emptied)
open(sys.argv[1], "w").write(text)
PY
lines=$(grep -o '<answer[^>]*line="[0-9]*"' "$TMP/seven.xml" | head -n 5 | sed 's/.*line="//; s/"//' | paste -sd, | sed 's/,/, /g')
anki -o "$TMP/seven.apkg" "$TMP/seven.xml" 2>"$TMP/err"
status=$?
expect "seven empty answers: exit 0, one warning line" test "$status/$(grep -c warning "$TMP/err")" = 0/1
expect "seven empty answers: counted, first five lines listed" \
	grep -q ": warning: 7 cards have no answer yet and are left out of the deck (lines $lines, \.\.\.)" "$TMP/err"
expect "seven empty answers: the answered card is kept" test "$(notes "$TMP/seven.apkg" 'select count(*) from notes')" = 1

# No card left: a valid, empty deck and one line that says so.
python3 - "$TMP/seven.xml" "$TMP/none.xml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'(?s)(<answer[^>]*>).*?(</answer>)', r'\1<p line="1"> </p>\2', text)
open(sys.argv[2], "w").write(text)
PY
cp "$TMP/seven.apkg" "$TMP/none.apkg"
anki -o "$TMP/none.apkg" "$TMP/none.xml" 2>"$TMP/err"
status=$?
expect "no card left: exit 0, sanitizer clean" test -z "$(outcome_problems "$status" 0 . "$TMP/err")"
expect "no card left: FILE: warning: the deck has no cards" \
	grep -q "^$TMP/none\.apkg: warning: the deck has no cards" "$TMP/err"
expect "no card left: the deck is valid and empty" \
	python3 tests/fixtures/anki-check.py "$TMP/none.apkg" --notes 0
anki --format=tsv "$TMP/none.xml" >/dev/null 2>"$TMP/err"
expect "no card left, text export to standard output: '-: warning: the deck has no cards'" \
	grep -q '^-: warning: the deck has no cards' "$TMP/err"

# Many decks: 3,000 one-card sections, two of them sharing a title.
python3 - "$TMP/many.md" 3000 <<'PY'
import sys
n = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write("# Many\n\n")
    for i in range(n):
        title = "Same" if i in (5, 6) else f"Section {i}"
        f.write(f"## {title}\n\n**What is {i}?**\n\nIt is {i}.\n\n")
PY
"$BIN/md2guide" -o "$TMP/many.xml" "$TMP/many.md" 2>/dev/null
timeout 300 "$BIN/guide2anki" --no-font -o "$TMP/many.apkg" "$TMP/many.xml" 2>"$TMP/err"
status=$?
expect "3,000 sections: exit 0, sanitizer clean" test -z "$(outcome_problems "$status" 0 - "$TMP/err")"
expect "3,000 sections: 3,001 decks (two titles shared), Default and the guide's" test \
	"$(notes "$TMP/many.apkg" "select count(*) || '/' || count(distinct json_extract(value, '\$.name')) || '/' || count(distinct json_extract(value, '\$.id')) from col, json_each(col.decks)")" = 3001/3001/3001
expect "3,000 sections: every card in its section's deck" test \
	"$(notes "$TMP/many.apkg" "select count(distinct did) from cards")" = 2999

# Cards md2guide marks unanswered (a placeholder such as TODO, with or without
# links to read after it; a question followed only by its follow-up questions)
# are left out too, and --keep-unanswered keeps them, tagged.
"$BIN/md2guide" -o "$TMP/todo.xml" tests/fixtures/conv-unanswered.md 2>/dev/null
"$BIN/guide2anki" --styles styles -o "$TMP/todo.apkg" "$TMP/todo.xml" 2>"$TMP/todo.err"
expect "placeholders: 5 of 11 cards in the deck" test "$(notes "$TMP/todo.apkg" 'select count(*) from notes')" = 5
expect "placeholders: one warning counts the 6 left out" grep -q ": warning: 6 cards have no answer yet" "$TMP/todo.err"
expect "placeholders: a placeholder with links to read is left out" \
	test "$(notes "$TMP/todo.apkg" "select count(*) from notes where flds like '%kernel start a process%'")" = 0
expect "placeholders: links alone are an answer" \
	test "$(notes "$TMP/todo.apkg" "select count(*) from notes where flds like '%TCP specified%RFC 9293%'")" = 1
expect "follow-ups: a question answered only by its follow-up is left out" \
	test "$(notes "$TMP/todo.apkg" "select count(*) from notes where flds like '%hardest bug%'")" = 0
expect "follow-ups: questions that answer a question asking for them stay" \
	test "$(notes "$TMP/todo.apkg" "select count(*) from notes where flds like '%ask the interviewer%normal week%'")" = 1
"$BIN/guide2anki" --keep-unanswered --styles styles -o "$TMP/keep.apkg" "$TMP/todo.xml" 2>"$TMP/keep.err"
expect "--keep-unanswered: all 11 cards" test "$(notes "$TMP/keep.apkg" 'select count(*) from notes')" = 11
expect "--keep-unanswered: the 6 are tagged unanswered" \
	test "$(notes "$TMP/keep.apkg" "select count(*) from notes where tags like '% unanswered %'")" = 6
front="substr(flds, 1, instr(flds, char(31)) - 1)"
expect "--keep-unanswered: a follow-up is on the front with its question" \
	test "$(notes "$TMP/keep.apkg" "select count(*) from notes where $front like '%hardest bug%How did you find it?%'")" = 1
# A card's own tags (a grade hung on its question) reach the note.
"$BIN/md2guide" -o "$TMP/grades.xml" tests/fixtures/conv-decoration.md 2>/dev/null
"$BIN/guide2anki" --styles styles -o "$TMP/grades.apkg" "$TMP/grades.xml" 2>/dev/null
expect "grades: difficulty tags on the notes" \
	test "$(notes "$TMP/grades.apkg" "select count(*) from notes where tags like '% difficulty::%'")" = 7
expect "grades: a joiner copied with the star stays off the front" \
	test "$(notes "$TMP/grades.apkg" "select count(*) from notes where instr(flds, char(8205)) > 0")" = 0
# A prompt (the code a question asks about) is on the front.
"$BIN/md2guide" -o "$TMP/mcq.xml" tests/fixtures/conv-mcq.md 2>/dev/null
"$BIN/guide2anki" --styles styles -o "$TMP/mcq.apkg" "$TMP/mcq.xml" 2>/dev/null
expect "prompt: the options and code are on the front" \
	test "$(notes "$TMP/mcq.apkg" "select count(*) from notes where flds like '%<div class=\"prompt\">%'")" = 5
# Options marked right and wrong: the marks are the answer, so the front shows
# the options without them and the back shows them as written.
expect "keyed options: no mark on the front" \
	test "$(notes "$TMP/mcq.apkg" "select count(*) from notes where substr(flds, 1, instr(flds, char(31))) like '%✔️%'")" = 0
expect "keyed options: the marks on the back" \
	test "$(notes "$TMP/mcq.apkg" "select count(*) from notes where flds like '%✔️%'")" = 1
# Options as a task list, with no answer mark after them: the front shows them
# without their boxes, the back the ticked ones (then the explanation).
"$BIN/md2guide" -o "$TMP/tasks.xml" tests/fixtures/conv-mcqtasks.md 2>/dev/null
"$BIN/guide2anki" --styles styles -o "$TMP/tasks.apkg" "$TMP/tasks.xml" 2>/dev/null
back="substr(flds, instr(flds, char(31)) + 1)"
expect "task options: on the front of the 8 quiz cards" \
	test "$(notes "$TMP/tasks.apkg" "select count(*) from notes where $front like '%<div class=\"prompt\"><%'")" = 8
expect "task options: no box on any front" \
	test "$(notes "$TMP/tasks.apkg" "select count(*) from notes where $front like '%☐%' or $front like '%☑%'")" = 0
expect "task options: the ticked ones on the back, the others not" \
	test "$(notes "$TMP/tasks.apkg" "select count(*) from notes where $back like '%☑ <code>pwd</code>%' and $back not like '%<code>cd</code>%'")" = 1
expect "task options: the explanation follows the ticked option" \
	test "$(notes "$TMP/tasks.apkg" "select count(*) from notes where $back like '%☑ It copies%Explanation%' and $back not like '%It moves%'")" = 1
expect "task options: each option's code goes with it (the ticked one on the back)" \
	test "$(notes "$TMP/tasks.apkg" "select count(*) from notes where $front like '%>-1</span>%' and $back like '%>-a</span>%' and $back not like '%>-1</span>%'")" = 1
expect "task options: a checklist with nothing ticked stays the answer" \
	test "$(notes "$TMP/tasks.apkg" "select count(*) from notes where $back like '%☐ The changelog written%'")" = 1
