# guide2cards: every back lands behind its front. For the seed guide and two
# guides of tests/guides/, on A4 and Letter, long- and short-edge flip, and
# each card size: pdftotext -bbox finds each card's box on both sides (from
# its deck number at two corners, tests/cards-check.py), and the back's box
# must be the front's mirrored for the flip within 0.5 mm; no word lies
# outside a card; no ink outside a card on the first sheet's back, and on its
# front none but the cut marks in the margins (pdftoppm); the fronts are the
# guide's questions, one each (continuations aside); every word of an answer
# is on its back or backs.
# Last, the PDFs pass qpdf --check and embed every font.
. tests/lib.sh

cards=$BIN/guide2cards
tree=out/interview-guide.xml
if [ ! -f "$tree" ]; then
	tree=$TMP/interview-guide.xml
	"$BUILD/bin/md2guide" -o "$tree" input/interview-guide.md 2>/dev/null
fi
for guide in gh200-actions-notes ja-system-design-primer; do
	"$BUILD/bin/md2guide" -o "$TMP/$guide.xml" "tests/guides/$guide.md" 2>/dev/null ||
		fail "$guide: md2guide writes its tree"
done

# layout NAME TREE FLIP OFFSET OPTIONS...: writes NAME.pdf and checks it.
layout() {
	name=$1 input=$2 flip=$3 offset=$4
	shift 4
	if ! "$cards" --styles styles --flip "$flip" --back-offset "$offset" "$@" \
		-o "$TMP/$name.pdf" "$input" 2>"$TMP/$name.err" || ! sanitizer_clean "$TMP/$name.err"; then
		fail "$name: written" "$(head -c 800 "$TMP/$name.err")"
		return
	fi
	pdftotext -bbox "$TMP/$name.pdf" "$TMP/$name.html" 2>/dev/null
	for page in 1 2; do
		pdftoppm -r 36 -gray -f $page -l $page -singlefile "$TMP/$name.pdf" "$TMP/$name-$page"
	done
	if out=$(INK="$TMP/$name" python3 tests/cards-check.py "$TMP/$name.html" "$input" "$flip" "$offset" 2>&1); then
		ok "$name: $out"
	else
		fail "$name: every back behind its front, nothing outside a card, every question and answer" \
			"$(printf '%s\n' "$out" | head -n 12)"
	fi
}

layout seed-a4-long "$tree" long 0,0
layout seed-a4-short-85x55mm "$tree" short 1.5,-2 --paper a4 --card 85x55mm
layout seed-letter-long "$tree" long -0.5,0.5 --paper letter
layout seed-letter-short "$tree" short 0,0 --paper letter
layout gh200-a4-short-a7 "$TMP/gh200-actions-notes.xml" short 0,0 --card a7
layout ja-letter-long-3x5in "$TMP/ja-system-design-primer.xml" long 0,0 --paper letter --card 3x5in

# The check itself sees a back in the wrong place: the long-edge sheet read
# as if turned over the short edge.
if [ -f "$TMP/seed-a4-long.html" ] &&
	! python3 tests/cards-check.py "$TMP/seed-a4-long.html" "$tree" short 0,0 >/dev/null 2>&1; then
	ok "the check finds backs that are not behind their fronts"
else
	fail "the check finds backs that are not behind their fronts"
fi

# qpdf finds nothing wrong; pdffonts lists fonts, each embedded, none Type 3.
for name in seed-a4-long ja-letter-long-3x5in; do
	[ -f "$TMP/$name.pdf" ] || continue
	expect "$name: qpdf --check passes" qpdf --check "$TMP/$name.pdf"
	fonts=$(pdffonts "$TMP/$name.pdf" 2>&1 | tail -n +3)
	unembedded=$(printf '%s\n' "$fonts" | awk '$(NF-4) != "yes" || /Type 3/')
	[ -n "$fonts" ] && [ -z "$unembedded" ] && ok "$name: every font embedded, none Type 3" ||
		fail "$name: every font embedded, none Type 3" "${unembedded:-no fonts}"
done
