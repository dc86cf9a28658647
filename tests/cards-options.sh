# guide2cards on a made-up guide: an answer a little too long for one card at
# 10 pt is set smaller on one card; a long one continues on cards marked
# 1/N .. N/N, front and back, down to 7 pt; a diagram is kept whole on one
# card; --section and --tag print their subsets; --calibrate writes its two
# pages; bad options are usage errors; standard output gets the whole PDF.
. tests/lib.sh

cards=$BIN/guide2cards
words() { # words N WORD: N words, each WORD and a number
	i=0
	while [ "$i" -lt "$1" ]; do printf '%s%d ' "$2" "$i"; i=$((i + 1)); done
}
{
	printf '# Made-up cards\n\n## Alpha\n\n### Q1: What is short? [Easy]\n\n'
	printf 'Giraffe is short.\n\n### Q2: What is a little long?\n\n%s\n\n' "$(words 80 zebra)"
	printf '### Q3: What is very long?\n\n%s\n\n## Beta\n\n' "$(words 700 yak)"
	printf '### Q4: What does the diagram show?\n\n%s\n\n```\n' "$(words 90 ibis)"
	printf 'DIAGTOP\n'
	i=0
	while [ "$i" -lt 12 ]; do
		printf '\342\224\202 row %02d %s\342\224\202\n' "$i" "$(words 14 cell)"
		i=$((i + 1))
	done
	printf 'DIAGBOTTOM\n```\n\n### Q5: What does a long code line do?\n\n```\nlongcode = %s\n```\n' "$(words 40 x)"
	printf '\n### Q6: What is in the list?\n\n- ```\n  itemcode = 1\n  ```\n- two\n'
} >"$TMP/made.md"
"$BUILD/bin/md2guide" -o "$TMP/made.xml" "$TMP/made.md" 2>"$TMP/md.err" ||
	fail "md2guide writes the made-up tree" "$(head -n 5 "$TMP/md.err")"

# run NAME ARGS...: guide2cards -o NAME.pdf ARGS, then its text boxes.
run() {
	name=$1
	shift
	"$cards" --styles styles -o "$TMP/$name.pdf" "$@" 2>"$TMP/$name.err"
	status=$?
	sanitizer_clean "$TMP/$name.err" || status=99
	[ "$status" -eq 0 ] && pdftotext -bbox "$TMP/$name.pdf" "$TMP/$name.html" 2>/dev/null
	return $status
}

# The card's words, per deck number, for the checks below.
facts() {
	python3 - "$TMP/$1.html" <<'PY'
import re, sys
sys.argv = sys.argv[:1] + [sys.argv[1], "-", "long", "0,0"]
exec(open("tests/cards-check.py").read().split('if __name__')[0])
pages = read_pages(sys.argv[1])
for n, page in enumerate(pages):
    for serial, box in sorted(card_boxes(page, [], "").items()):
        words = card_words(page, box)
        heights = [b[3] - b[1] for t, b in page["words"] if re.match(r"(giraffe|zebra|yak)", t.lower()) and inside(box, b)]
        side = "front" if n % 2 == 0 else "back"
        print(side, serial, "%.1f" % (min(heights) if heights else 0), " ".join(words))
PY
}

if run made "$TMP/made.xml"; then
	if out=$(python3 tests/cards-check.py "$TMP/made.html" "$TMP/made.xml" long 0,0 2>&1); then
		ok "made-up guide: $out"
	else
		fail "made-up guide: every back behind its front, every question and answer" "$out"
	fi
	pdfinfo "$TMP/made.pdf" | grep -q '^Title: *Made-up cards: flashcards$' &&
		ok "the PDF's title is the guide's" ||
		fail "the PDF's title is the guide's" "$(pdfinfo "$TMP/made.pdf" | head -n 3)"
	facts made >"$TMP/made.facts"
	q1=$(awk '$1 == "back" && /Giraffe/ { print $3 }' "$TMP/made.facts")
	q2=$(awk '$1 == "back" && /zebra0/ { print $3 }' "$TMP/made.facts")
	q2cards=$(grep -c '^back .*zebra' "$TMP/made.facts")
	if [ "$q2cards" -eq 1 ] && awk -v a="$q1" -v b="$q2" 'BEGIN { exit !(b > 0 && b < a) }'; then
		ok "an answer too long at 10 pt is set smaller on one card (text $q2 pt high, not $q1)"
	else
		fail "an answer too long at 10 pt is set smaller on one card" "q1 $q1, q2 $q2, q2 on $q2cards cards"
	fi
	parts=$(grep -c '^front .*What is very long' "$TMP/made.facts")
	marked=$(grep '^front .*What is very long' "$TMP/made.facts" | grep -c "[1-9]/$parts ")
	backs=$(grep '^back .*yak' "$TMP/made.facts" | grep -c "[1-9]/$parts ")
	smallest=$(awk '$1 == "back" && /yak/ { print $3 }' "$TMP/made.facts" | sort -n | head -n 1)
	if [ "$parts" -ge 2 ] && [ "$marked" -eq "$parts" ] && [ "$backs" -eq "$parts" ] &&
		awk -v s="$smallest" 'BEGIN { exit !(s >= 8.1) }'; then
		ok "a long answer continues on $parts cards, front and back marked 1/$parts .. $parts/$parts, text at 7 pt ($smallest pt high)"
	else
		fail "a long answer continues on cards marked 1/N .. N/N" \
			"$parts fronts, $marked marked, $backs backs marked, smallest text $smallest pt high"
	fi
	if grep '^back ' "$TMP/made.facts" | grep DIAGTOP | grep -q DIAGBOTTOM &&
		[ "$(grep '^back ' "$TMP/made.facts" | grep -c 'row')" -eq 1 ]; then
		ok "a diagram too long for what is left of a card moves whole to the next"
	else
		fail "a diagram is kept whole on one card" "$(grep -E 'DIAG|row' "$TMP/made.facts" | cut -c 1-100)"
	fi
	if [ "$(grep -o 'itemcode' "$TMP/made.facts" | wc -l)" -eq 1 ]; then
		ok "a list item that opens with code: its marker, then the code once"
	else
		fail "a list item that opens with code: its marker, then the code once" "$(grep itemcode "$TMP/made.facts")"
	fi
	if grep '^back .*longcode' "$TMP/made.facts" | grep -q "$(printf '\342\206\252')"; then
		ok "a code line too long for the card wraps behind a mark"
	else
		fail "a code line too long for the card wraps behind a mark" "$(grep longcode "$TMP/made.facts" | cut -c 1-200)"
	fi
else
	fail "made-up guide: written" "$(head -c 600 "$TMP/made.err")"
fi

# Options given as a task list: on the front without their boxes, the ticked
# ones on the back (fronts and backs alternate, page by page).
"$BUILD/bin/md2guide" -o "$TMP/tasks.xml" tests/fixtures/conv-mcqtasks.md 2>/dev/null
if run tasks "$TMP/tasks.xml"; then
	pdftotext -f 1 -l 1 "$TMP/tasks.pdf" "$TMP/tasks-front.txt"
	pdftotext -f 2 -l 2 "$TMP/tasks.pdf" "$TMP/tasks-back.txt"
	if grep -q 'It moves the folder' "$TMP/tasks-front.txt" && ! grep -q '[☐☑]' "$TMP/tasks-front.txt" &&
		grep -q '☑ It copies' "$TMP/tasks-back.txt" && ! grep -q 'It moves the folder' "$TMP/tasks-back.txt"; then
		ok "task-list options: the front shows them without boxes, the back the ticked one"
	else
		fail "task-list options: the front shows them without boxes, the back the ticked one" \
			"$(head -n 20 "$TMP/tasks-front.txt")" "$(head -n 20 "$TMP/tasks-back.txt")"
	fi
else
	fail "task-list options: written" "$(head -c 400 "$TMP/tasks.err")"
fi

# On small cards the long answer takes more than nine: a warning, all printed.
if run small --card 2x6 "$TMP/made.xml" && grep -q 'warning: the answer takes [0-9]* cards' "$TMP/small.err" &&
	python3 tests/cards-check.py "$TMP/small.html" "$TMP/made.xml" long 0,0 >/dev/null; then
	ok "an answer over nine cards: a warning, and every card printed"
else
	fail "an answer over nine cards: a warning, and every card printed" "$(head -c 300 "$TMP/small.err")"
fi

# Subsets: --section and the sections under it, --tag.
for subset in "section beta" "tag difficulty::easy"; do
	set -- $subset
	if run "$1" --"$1" "$2" "$TMP/made.xml"; then
		section=- tag=-
		[ "$1" = section ] && section=$2 || tag=$2
		expect "--$1 $2: only its cards" python3 tests/cards-check.py "$TMP/$1.html" "$TMP/made.xml" long 0,0 "$section" "$tag"
	else
		fail "--$1 $2: written" "$(head -c 400 "$TMP/$1.err")"
	fi
done
run nosection --section gamma "$TMP/made.xml"
status=$?
[ "$status" -eq 1 ] && grep -q 'no section has that id' "$TMP/nosection.err" && [ ! -e "$TMP/nosection.pdf" ] &&
	ok "--section with an unknown id: exit 1, said, nothing written" ||
	fail "--section with an unknown id: exit 1, said, nothing written" "exit $status" "$(head -c 300 "$TMP/nosection.err")"

# The calibration sheet: a front and a back, the scales read out.
if run calibrate --calibrate --flip short --paper letter; then
	pages=$(pdfinfo "$TMP/calibrate.pdf" | awk '/^Pages:/ { print $2 }')
	[ "$pages" = 2 ] && grep -q 'back-offset' "$TMP/calibrate.html" && qpdf --check "$TMP/calibrate.pdf" >/dev/null 2>&1 &&
		ok "--calibrate: two pages, the scales and how to read them, qpdf clean" ||
		fail "--calibrate: two pages, the scales and how to read them, qpdf clean" "$pages pages"
else
	fail "--calibrate: written" "$(head -c 400 "$TMP/calibrate.err")"
fi

# Usage errors: exit 2, a message, nothing written.
for bad in "--card 0x3" "--card 9x9mm" "--card 400x10in" "--flip sideways" "--back-offset 30,0" \
	"--back-offset 1" "--paper a5" "--bogus"; do
	# shellcheck disable=SC2086
	"$cards" -o "$TMP/bad.pdf" $bad "$TMP/made.xml" >/dev/null 2>"$TMP/bad.err"
	status=$?
	[ "$status" -eq 2 ] && grep -q 'error:' "$TMP/bad.err" && [ ! -e "$TMP/bad.pdf" ] && sanitizer_clean "$TMP/bad.err" &&
		ok "$bad: a usage error" || fail "$bad: a usage error (exit 2, said, nothing written)" "exit $status" "$(head -n 2 "$TMP/bad.err")"
done

# The fonts are handout.conf's: one not installed is an error at its line.
mkdir -p "$TMP/styles"
sed 's/^font_mono = .*/font_mono = No Such Font Anywhere/' styles/handout.conf >"$TMP/styles/handout.conf"
"$cards" --styles "$TMP/styles" -o "$TMP/nofont.pdf" "$TMP/made.xml" 2>"$TMP/nofont.err"
status=$?
[ "$status" -eq 2 ] && grep -q "^$TMP/styles/handout.conf:[0-9]*: error: font 'No Such Font Anywhere' is not installed" "$TMP/nofont.err" &&
	[ ! -e "$TMP/nofont.pdf" ] && ok "a font not installed: exit 2, the style file's line, nothing written" ||
	fail "a font not installed: exit 2, the style file's line, nothing written" "exit $status" "$(head -c 300 "$TMP/nofont.err")"

# Standard output: the same PDF as the file.
if "$cards" --styles styles --tag difficulty::easy "$TMP/made.xml" >"$TMP/stdout.pdf" 2>"$TMP/stdout.err" &&
	run easy --tag difficulty::easy "$TMP/made.xml" && cmp -s "$TMP/stdout.pdf" "$TMP/easy.pdf"; then
	ok "-o - (standard output): the same bytes as the file"
else
	fail "-o - (standard output): the same bytes as the file" "$(head -c 300 "$TMP/stdout.err")"
fi

# An image is its alt text on a card: no image file is opened, not even a
# FIFO named like one (opening it would wait for a writer for ever).
mkdir -p "$TMP/pics"
mkfifo "$TMP/pics/pic.png"
printf '# Pictures\n\n## Q\n\n### Q1: What is shown?\n\n![a tall tower](pic.png)\n' >"$TMP/pics/g.md"
"$BUILD/bin/md2guide" -o "$TMP/pics/g.xml" "$TMP/pics/g.md" 2>/dev/null
if timeout 60 "$cards" --styles styles -o "$TMP/pics.pdf" "$TMP/pics/g.xml" 2>"$TMP/pics.err" &&
	pdftotext "$TMP/pics.pdf" - | grep -q 'a tall tower'; then
	ok "an image is its alt text on the card; no image file opened"
else
	fail "an image is its alt text on the card; no image file opened" "$(head -c 300 "$TMP/pics.err")"
fi

# A guide without questions: one blank sheet, a warning.
printf '# Nothing to ask\n\nJust prose.\n' >"$TMP/prose.md"
"$BUILD/bin/md2guide" -o "$TMP/prose.xml" "$TMP/prose.md" 2>/dev/null
if run prose "$TMP/prose.xml" && grep -q 'warning: no question' "$TMP/prose.err"; then
	ok "a guide without questions: a warning and a blank sheet"
else
	fail "a guide without questions: a warning and a blank sheet" "$(head -c 300 "$TMP/prose.err")"
fi

# Code is coloured by the tree's token runs, as the handout colours it: the
# light theme's keyword colour (#cf222e) is in the page's stream; with
# code_theme none it is not, and the text is the same.
printf '# Code\n\n## Python\n\n### What does this print?\n\nIt prints 1:\n\n```python\ndef f():\n    return 1\n```\n' >"$TMP/hl.md"
"$BUILD/bin/md2guide" -o "$TMP/hl.xml" "$TMP/hl.md" 2>/dev/null
mkdir -p "$TMP/plain-styles"
cp styles/* "$TMP/plain-styles/" 2>/dev/null
printf '\ncode_theme = none\n' >>"$TMP/plain-styles/handout.conf"
"$cards" --styles styles -o "$TMP/hl.pdf" "$TMP/hl.xml" 2>/dev/null
"$cards" --styles "$TMP/plain-styles" -o "$TMP/hl-plain.pdf" "$TMP/hl.xml" 2>/dev/null
keyword='0.81[0-9]* 0.13[0-9]* 0.18[0-9]* rg'
if qpdf --qdf --object-streams=disable "$TMP/hl.pdf" - 2>/dev/null | grep -aqE "$keyword" &&
	! qpdf --qdf --object-streams=disable "$TMP/hl-plain.pdf" - 2>/dev/null | grep -aqE "$keyword" &&
	[ "$(pdftotext "$TMP/hl.pdf" -)" = "$(pdftotext "$TMP/hl-plain.pdf" -)" ]; then
	ok "code tokens take the theme's colours (code_theme none: one colour, the same text)"
else
	fail "code tokens take the theme's colours (code_theme none: one colour, the same text)"
fi

# code_theme greyscale: its bold keyword in DejaVu Sans Mono Bold, its italic
# comment in the Oblique (both embedded), every character where code_theme
# none puts it, and the same text.
printf '# Code\n\n## Python\n\n### What does this print?\n\nIt prints 1:\n\n```python\n# a note\ndef f():\n    return 1\n```\n' >"$TMP/grey.md"
"$BUILD/bin/md2guide" -o "$TMP/grey.xml" "$TMP/grey.md" 2>/dev/null
mkdir -p "$TMP/grey-styles"
cp styles/* "$TMP/grey-styles/" 2>/dev/null
sed -i 's/^code_theme = light/code_theme = greyscale/' "$TMP/grey-styles/handout.conf"
problems=
for theme in grey plain; do
	"$cards" --styles "$TMP/$theme-styles" -o "$TMP/faces-$theme.pdf" "$TMP/grey.xml" 2>"$TMP/faces-$theme.err" ||
		problems="$problems $theme: exit $?;"
	mutool draw -F stext -o - "$TMP/faces-$theme.pdf" 2>/dev/null | python3 tests/code-faces.py >"$TMP/faces-$theme.runs"
	mutool draw -F stext -o - "$TMP/faces-$theme.pdf" 2>/dev/null | python3 tests/code-faces.py --chars >"$TMP/faces-$theme.chars"
	pdffonts "$TMP/faces-$theme.pdf" | awk 'NR > 2 && $(NF - 4) != "yes" { bad = 1 } END { exit bad }' ||
		problems="$problems $theme: a font not embedded;"
	qpdf --check "$TMP/faces-$theme.pdf" >/dev/null 2>&1 || problems="$problems $theme: qpdf --check;"
done
grep -q '^DejaVuSansMono-Bold	[0-9.]*	def$' "$TMP/faces-grey.runs" || problems="$problems def is not bold;"
grep -q '^DejaVuSansMono-Oblique	[0-9.]*	# a note \{0,1\}$' "$TMP/faces-grey.runs" || problems="$problems the comment is not oblique;"
grep -q 'Mono-' "$TMP/faces-plain.runs" && problems="$problems code_theme none uses a cut;"
moved=$(python3 tests/code-faces.py --same "$TMP/faces-plain.chars" "$TMP/faces-grey.chars" 2>&1) ||
	problems="$problems characters moved ($moved);"
[ "$(pdftotext "$TMP/faces-grey.pdf" -)" = "$(pdftotext "$TMP/faces-plain.pdf" -)" ] || problems="$problems the text differs;"
if [ -z "$problems" ] && sanitizer_clean "$TMP/faces-grey.err"; then
	ok "code_theme greyscale: bold keywords and italic comments in the mono face's cuts, nothing moved"
else
	fail "code_theme greyscale: bold keywords and italic comments in the mono face's cuts, nothing moved" "$problems"
fi
