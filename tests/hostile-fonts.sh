#!/bin/sh
# tests/hostile-fonts.sh: damaged fonts in guide2pdf's font cache
# (--font-cache DIR; a style's font_cache; out/fonts) never reach libharu,
# which overflowed a heap buffer on some, divided by zero on others, and spent
# 50 s copying a table that claims 4 GB (tools/lib/fontcheck.c). Each damaged
# copy of DejaVu Sans (tests/font-damage.py) gives one warning naming the file,
# and the PDF is written with the installed font instead: exit 0, no
# sanitizer report, within 60 s. The fonts make writes (out/fonts, by
# tools/fonts/flatten.py) pass the check without a word.
. tests/lib.sh

if [ ! -x "$BIN/guide2pdf" ]; then
	ok "no guide2pdf yet"
	exit 0
fi
tree=tests/fixtures/pdf-blocks.xml
font=$(fc-match -f '%{file}' 'DejaVu Sans')
cache="$TMP/cache"
mkdir -p "$cache"

for kind in hmtx units glyphs huge loca cmap truncated junk; do
	rm -f "$cache"/*
	python3 tests/font-damage.py "$font" "$kind" "$cache/DejaVuSans.ttf"
	timeout 60 "$BIN/guide2pdf" --font-cache "$cache" -o "$TMP/$kind.pdf" "$tree" \
		>/dev/null 2>"$TMP/$kind.err"
	status=$?
	problems=$(outcome_problems "$status" 0 \
		"DejaVuSans.ttf: warning: this font file is damaged or not usable \(.*\); it is not used" \
		"$TMP/$kind.err")
	[ "$(head -c 5 "$TMP/$kind.pdf" 2>/dev/null)" = "%PDF-" ] || problems="$problems; no PDF"
	if [ -z "$problems" ]; then
		ok "damaged font ($kind): warned about, the installed font used"
	else
		fail "damaged font ($kind): warned about, the installed font used" "$problems" \
			"$(grep -m 3 -E 'warning|error|ERROR' "$TMP/$kind.err")"
	fi
done

# A FIFO in the cache is passed over, not waited on.
rm -f "$cache"/*
mkfifo "$cache/DejaVuSans.ttf"
timeout 60 "$BIN/guide2pdf" --font-cache "$cache" -o "$TMP/fifo.pdf" "$tree" >/dev/null 2>"$TMP/fifo.err"
expect "a FIFO in the font cache is passed over" test "$?" -eq 0

# make check builds out/ first, and with it the font cache.
if [ -f out/fonts/.stamp ]; then
	timeout 60 "$BIN/guide2pdf" --font-cache out/fonts -o "$TMP/flat.pdf" \
		tests/fixtures/pdf-script.xml >/dev/null 2>"$TMP/flat.err"
	status=$?
	count=$(ls out/fonts | wc -l)
	if [ "$status" -eq 0 ] && ! grep -q 'font file is damaged' "$TMP/flat.err" && [ "$count" -ge 5 ]; then
		ok "every font make writes in out/fonts passes the check ($count files)"
	else
		fail "every font make writes in out/fonts passes the check" "exit $status" \
			"$(grep -m 3 damaged "$TMP/flat.err")"
	fi
else
	ok "no out/fonts yet: the fonts make writes are not checked here"
fi
exit 0
