# reader-view: the book and the cards as a reader sees them, laid out by
# headless Chromium on a phone (400 px) and a desktop (1200 px), by day and at
# night (tests/reader-view.py says what is measured): code wraps with a hanging
# indent and a mark, only diagrams keep their lines whole, nothing runs off the
# screen, every text stands out from its background, and a long answer's card
# shows its "why" line first; tables and images fit a phone and Korean breaks
# between words. One Chromium run per theme keeps it quick.
. tests/lib.sh

if ! command -v chromium >/dev/null 2>&1; then
	fail "chromium is installed (tools/deps/check.txt)"
	exit 0
fi
export SOURCE_DATE_EPOCH=1700000000
"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
"$BIN/guide2epub" -o "$TMP/guide.epub" "$TMP/guide.xml" 2>/dev/null
"$BIN/guide2epub" -o "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 2>/dev/null
"$BIN/guide2anki" -o "$TMP/guide.apkg" "$TMP/guide.xml" 2>/dev/null
"$BIN/guide2anki" -o "$TMP/fixture.apkg" tests/fixtures/anki-fields/guide.xml 2>/dev/null
# Callouts and details: every kind's label on its tint, by day and at night.
"$BIN/md2guide" -o "$TMP/callouts.xml" tests/fixtures/gfm-callouts.md 2>/dev/null
"$BIN/guide2epub" -o "$TMP/callouts.epub" "$TMP/callouts.xml" 2>/dev/null
"$BIN/guide2anki" -o "$TMP/callouts.apkg" "$TMP/callouts.xml" 2>/dev/null
# A phone's screen: Korean prose, a table of long code names, a tall image.
phone=tests/fixtures/reader-phone
"$BIN/md2guide" -o "$TMP/phone.xml" "$phone/guide.md" 2>/dev/null
"$BIN/guide2epub" --images "$phone" -o "$TMP/phone.epub" "$TMP/phone.xml" 2>/dev/null
"$BIN/guide2anki" --images "$phone" -o "$TMP/phone.apkg" "$TMP/phone.xml" 2>/dev/null

# view THEME [CHROMIUM OPTION]: lays out and measures every output in THEME.
view() {
	theme=$1
	shift
	mkdir -p "$TMP/$theme"
	if ! python3 tests/reader-view.py page "$TMP/$theme/page.html" "$theme" \
		epub "$TMP/guide.epub" epub "$TMP/fixture.epub" \
		anki "$TMP/guide.apkg" anki "$TMP/fixture.apkg" \
		epub "$TMP/callouts.epub" anki "$TMP/callouts.apkg" \
		epub "$TMP/phone.epub" anki "$TMP/phone.apkg" 2>"$TMP/$theme.err"; then
		fail "$theme: the test page is made" "$(tail -n 5 "$TMP/$theme.err")"
		return
	fi
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--allow-file-access-from-files --user-data-dir="$TMP/chromium-$theme" \
		--virtual-time-budget=30000 "$@" --dump-dom "file://$TMP/$theme/page.html" \
		>"$TMP/$theme.dom" 2>"$TMP/$theme.chromium"
	python3 tests/reader-view.py check "$TMP/$theme.dom" >"$TMP/$theme.out" 2>&1
	if grep -q '^FAIL' "$TMP/$theme.out"; then
		fail "$theme: code, diagrams, colours and card order read right at 400 and 1200 px" \
			"$(grep '^FAIL' "$TMP/$theme.out" | head -n 25)"
	elif grep -q '^checked [1-9][0-9]* frames, [1-9][0-9]* code lines, [1-9]' "$TMP/$theme.out"; then
		ok "$theme: code, diagrams, colours and card order read right ($(cat "$TMP/$theme.out"))"
	else
		fail "$theme: the pages were measured" "$(cat "$TMP/$theme.out")"
	fi
}

view day
view night --force-dark-mode
