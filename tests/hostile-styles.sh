#!/bin/sh
# tests/hostile-styles.sh: style folders that are hostile or mistaken
# (tools/lib/style.c), through guide2pdf --styles DIR, with a previous PDF in
# place. A refused style is "handout.conf:LINE: error: ..." with exit 1, the
# previous PDF unchanged and no temporary file left; a mistake the tool can
# get past is a warning at its line.
#  - 1 MiB of settings parses in well under 60 s (it took 280 s in this build).
#  - An unknown key is warned about, with the nearest known key.
#  - A binary file (a NUL byte, or control characters) is refused.
#  - nan, inf, negative, 0 and huge sizes are refused at their line.
#  - A FIFO as handout.conf is refused, not waited on.
. tests/lib.sh

if [ ! -x "$BIN/guide2pdf" ]; then
	ok "no guide2pdf yet"
	exit 0
fi
tree=tests/fixtures/pdf-blocks.xml
styles="$TMP/styles"
conf="$styles/handout.conf"
out="$TMP/out.pdf"
mkdir -p "$styles"

# run: guide2pdf with $styles on top of a previous PDF; $status, $TMP/err.
run() {
	printf 'previous PDF\n' >"$out"
	timeout 60 "$BIN/guide2pdf" --styles "$styles" -o "$out" "$tree" >/dev/null 2>"$TMP/err"
	status=$?
}

# refused LABEL PATTERN: the run fails with PATTERN and leaves the old PDF.
refused() {
	run
	problems=$(outcome_problems "$status" 1 "$1" "$TMP/err")
	[ "$(cat "$out")" = "previous PDF" ] || problems="$problems; the previous PDF changed"
	[ -n "$(ls "$TMP" | grep '\.tmp')" ] && problems="$problems; temporary file left"
	if [ -z "$problems" ]; then
		ok "refused: $2"
	else
		fail "refused: $2" "$problems" "$(head -n 3 "$TMP/err")"
	fi
}

# accepted PATTERN LABEL: the PDF is written, with a message matching PATTERN.
accepted() {
	run
	problems=$(outcome_problems "$status" 0 "$1" "$TMP/err")
	[ "$(head -c 5 "$out")" = "%PDF-" ] || problems="$problems; no new PDF"
	if [ -z "$problems" ]; then
		ok "accepted: $2"
	else
		fail "accepted: $2" "$problems" "$(head -n 3 "$TMP/err")"
	fi
}

awk 'BEGIN { for (i = 0; i < 60000; i++) printf "setting_%d = %d\n", i, i }' >"$conf"
accepted "handout.conf: warning: 59980 more unknown settings are ignored" \
	"1 MiB of settings, every one unknown, in bounded time"

printf 'margn_top = 50\nbody_szie = 11\ncolour_text = #000000\n' >"$conf"
accepted "handout.conf:1: warning: unknown setting 'margn_top' \(did you mean 'margin_top'\?\)" \
	"a misspelt key is warned about with the key meant"
if grep -q "handout.conf:2: warning: unknown setting 'body_szie' (did you mean 'body_size'?)" "$TMP/err" &&
	grep -q "handout.conf:3: warning: unknown setting 'colour_text' (did you mean 'color_text'?)" "$TMP/err"; then
	ok "every misspelt key is named at its line"
else
	fail "every misspelt key is named at its line" "$(cat "$TMP/err")"
fi

cp tests/fixtures/pdf-image.jpg "$conf"
refused "handout.conf: error: holds a NUL byte: this is a binary file" "a binary file"
printf 'body_size = 10\n\001\002\003 = \004\n' >"$conf"
refused "handout.conf:2: error: this line holds control characters" "control characters"

for value in nan inf -inf -5 0 1e9; do
	printf '# sizes\nbody_size = %s\n' "$value" >"$conf"
	refused "handout.conf:2: error: 'body_size' must be (a number from 0 to 1000|more than 0)" \
		"body_size = $value"
done
printf 'title_size = 0\n' >"$conf"
refused "handout.conf:1: error: 'title_size' must be more than 0" "title_size = 0"
printf 'margin_left = -20\n' >"$conf"
refused "handout.conf:1: error: 'margin_left' must be a number from 0 to 1000" "margin_left = -20"

rm -f "$conf"
mkfifo "$conf"
refused "handout.conf: error: is not a regular file" "a FIFO as handout.conf"
exit 0
