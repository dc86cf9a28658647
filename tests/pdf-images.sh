# guide2pdf images: every kind of PNG libpng reads (1 to 16 bits, grey, grey
# and alpha, RGB, RGBA, palettes, tRNS colour keys, interlaced) prints as its
# source over white, compared pixel by pixel on the page rendered at 96 dpi;
# images print alone (no "[image: alt]" above them) at their own size (a CSS
# pixel is 0.75 pt), <img width height> as the largest size (at most 2x),
# never wider than the column, centred in it; an image that cannot be read is
# a SOURCE:LINE: warning and prints its alt text, and with no alt nothing.
. tests/lib.sh

dir=$TMP/img
mkdir -p "$dir"
py=tests/pdf-images.py
python3 "$py" write "$dir"

# build NAME MARKDOWN: NAME.md (titled $title, else Images) through md2guide
# and guide2pdf (sanitized), as
# NAME.pdf, NAME.qdf (qpdf --qdf), NAME.text (pdftotext) and NAME.place (the
# images drawn: PAGE W H X Y); NAME.err holds both tools' messages.
build() {
	printf '# %s\n\n## Pictures\n\n### Q1: What does it show?\n\n%s\n' "${title:-Images}" "$2" >"$dir/$1.md"
	"$BIN/md2guide" -o "$dir/$1.xml" "$dir/$1.md" 2>"$dir/$1.err" &&
		"$BIN/guide2pdf" --images "$dir" -o "$dir/$1.pdf" "$dir/$1.xml" 2>>"$dir/$1.err" &&
		sanitizer_clean "$dir/$1.err" &&
		qpdf --qdf --object-streams=disable "$dir/$1.pdf" "$dir/$1.qdf" &&
		pdftotext -layout "$dir/$1.pdf" "$dir/$1.text" &&
		python3 "$py" place "$dir/$1.qdf" >"$dir/$1.place"
}

# --- every PNG kind, by its pixels ------------------------------------------------
para="The images:

"
for kind in $(cat "$dir/kinds.txt"); do para="$para![$kind]($kind.png) "; done
if build kinds "$para"; then
	page=$(head -n 1 "$dir/kinds.place" | cut -d' ' -f1)
	pdftoppm -r 96 -f "$page" -l "$page" "$dir/kinds.pdf" "$dir/kinds-page"
	python3 "$py" check "$dir" "$dir/kinds.qdf" "$dir"/kinds-page-*.ppm >"$dir/kinds.check"
	while read -r status kind rest; do
		if [ "$status" = ok ]; then
			ok "png $kind: printed as its source over white"
		else
			fail "png ${kind%:}: printed as its source over white" "$rest"
		fi
	done <"$dir/kinds.check"
	expect "png kinds: no warning" test ! -s "$dir/kinds.err"
	expect "png kinds: soft masks, so the PDF says version 1.4" \
		test "$(head -c 8 "$dir/kinds.pdf")" = "%PDF-1.4"
	if grep -q 'image:\|rgb8\|palette' "$dir/kinds.text"; then
		fail "png kinds: an image that prints has no label" "$(grep -m 3 'image:\|rgb8' "$dir/kinds.text")"
	else
		ok "png kinds: an image that prints has no label"
	fi
	# 48x32 pixels print 36x24 pt; a row of them is centred in the column
	# (A4, margins of 60 pt: its middle at 297.638 pt).
	sizes=$(cut -d' ' -f2,3 "$dir/kinds.place" | sort -u)
	expect "png kinds: 48x32 pixels print 36x24 pt" test "$sizes" = "36 24"
	rows=$(awk '{ if (!($5 in left)) left[$5] = $4; right[$5] = $4 + $2 }
		END { for (y in left) printf "%.2f\n", (left[y] + right[y]) / 2 }' "$dir/kinds.place" | sort -u)
	expect "png kinds: each row of images is centred in the column" test "$rows" = "297.64"
else
	fail "png kinds: the guide builds" "$(head -c 600 "$dir/kinds.err")"
fi

# --- sizes --------------------------------------------------------------------------
python3 "$py" solid "$dir/wide.png" 1600 100 # 1200 pt: wider than the column
python3 "$py" solid "$dir/half.png" 800 40
python3 "$py" solid "$dir/small.png" 48 32
cat >"$dir/sizes.body" <<'EOF'
![wide](wide.png)

<img src="small.png" width="96">

<img src="small.png" width="480">

<img src="small.png" width="24">

<img src="small.png" height="16">

<img src="half.png" width="50%">

<img src="small.png" width="96" height="16">
EOF
if build sizes "$(cat "$dir/sizes.body")"; then
	got=$(cut -d' ' -f2,3 "$dir/sizes.place" | tr '\n' ',')
	# The column is 475.276 pt: a wider image shrinks to it; width asks for
	# up to twice the image's own 36 pt; 50% is half the column.
	# (Placed to the thousandth of a point, as every number of the page.)
	want="475.276 29.705,72 48,72 48,18 12,18 12,237.638 11.882,18 12,"
	expect "sizes: column, width, 2x at most, height, 50% (got $got)" test "$got" = "$want"
	middles=$(awk '{ printf "%.2f\n", $4 + $2 / 2 }' "$dir/sizes.place" | sort -u)
	expect "sizes: every image is centred in the column" test "$middles" = "297.64"
else
	fail "sizes: the guide builds" "$(head -c 600 "$dir/sizes.err")"
fi

# --- images that cannot be shown ----------------------------------------------------
printf '\211PNG\r\n\032\nbroken' >"$dir/broken.png"
head -c 300 "$dir/rgb16.png" >"$dir/cut.png"
build broken "Before ![a broken chart](broken.png) and ![](cut.png) then ![cut short](cut.png) after."
if [ -s "$dir/broken.pdf" ]; then
	expect "broken: a SOURCE:LINE: warning for the damaged PNG" \
		grep -q "^broken.md:7: warning: image 'broken.png' cannot be decoded" "$dir/broken.err"
	expect "broken: a SOURCE:LINE: warning for the PNG cut short" \
		grep -q "^broken.md:7: warning: image 'cut.png' cannot be decoded" "$dir/broken.err"
	expect "broken: the alt text prints in its place" \
		grep -Eq 'Before \[image: a broken chart\] and +then \[image: cut short\] after' "$dir/broken.text"
	expect "broken: nothing is drawn" test ! -s "$dir/broken.place"
else
	fail "broken: the guide builds, with warnings" "$(head -c 600 "$dir/broken.err")"
fi

# --- a title line's badges and logo: under the title, not in it; the blanks
# around an image drawn under the text -------------------------------------------
title='Images [![build](rgb8.png)](https://example.com/ci) <img src="grey8.png" alt="logo" width="24">' \
	build header "Words ![k](rgb8.png) go on.

![k](grey8.png) starts a line."
if [ -s "$dir/header.pdf" ]; then
	pdftotext -f 3 -l 3 "$dir/header.pdf" - | grep -v '^$' | head -n 2 | tr '\n' ' ' >"$dir/header.top"
	expect "title badges: the running header is the title's words ($(cat "$dir/header.top"))" \
		test "$(cat "$dir/header.top")" = "Images Pictures "
	expect "title badges: no label for them anywhere" sh -c "! grep -q 'image:\\|build\\|logo' '$dir/header.text'"
	expect "title badges: both drawn, on the title page" \
		test "$(cut -d' ' -f1 "$dir/header.place" | tr '\n' ' ')" = "1 1 3 3 "
	# Word boxes: the blank between "Words" and "go" is as wide as the one
	# between "go" and "on."; "starts" begins at the column's left edge.
	pdftotext -bbox "$dir/header.pdf" "$dir/header.html"
	python3 - "$dir/header.html" >"$dir/header.gaps" <<'PY'
import re, sys
words = {w: (float(a), float(b)) for a, b, w in
         re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                    open(sys.argv[1]).read())}
print(round(words["go"][0] - words["Words"][1], 1), round(words["on."][0] - words["go"][1], 1))
print(round(words["starts"][0], 1))
PY
	read -r doubled single <"$dir/header.gaps"
	expect "blanks: an image leaves no blank doubled ($doubled pt, one blank is $single)" \
		test "$doubled" = "$single"
	expect "blanks: nor one to start a line" test "$(sed -n 2p "$dir/header.gaps")" = 60.0
else
	fail "title badges: the guide builds" "$(head -c 600 "$dir/header.err")"
fi

# --- a heading moves to the next page with the image under it --------------------
# Headings over a 300 pt image, after 1 to 12 lines of text each: wherever on
# its page a heading falls, the image under it is on the same page.
python3 "$py" solid "$dir/tall.png" 400 400
body=
for k in $(seq 1 12); do
	for i in $(seq 1 "$k"); do body="$body
Filler line $i.
"; done
	body="$body
#### Heading $k

![tall](tall.png)
"
done
if build keep "$body"; then
	pages=$(pdfinfo "$dir/keep.pdf" | awk '/^Pages:/ { print $2 }')
	for p in $(seq 1 "$pages"); do
		pdftotext -f "$p" -l "$p" "$dir/keep.pdf" - | sed -n "s/^Heading \([0-9]*\)$/$p/p"
	done | tr '\n' ' ' >"$dir/keep.headings"
	cut -d' ' -f1 "$dir/keep.place" | tr '\n' ' ' >"$dir/keep.images"
	expect "keep: every heading is on its image's page (headings $(cat "$dir/keep.headings"))" \
		test "$(cat "$dir/keep.headings")" = "$(cat "$dir/keep.images")"
else
	fail "keep: the guide builds" "$(head -c 600 "$dir/keep.err")"
fi
