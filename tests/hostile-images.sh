#!/bin/sh
# tests/hostile-images.sh: images that are not what they claim, through every
# back end (tools/lib/imagefile.c). Each run must end within 60 s and 600 MiB
# with exit 0,
# a warning naming the image and its line, the alt text instead, no sanitizer
# report and no temporary file left.
#  - A FIFO named like an image, and a symbolic link to it, are refused
#    without opening a writer's wait (it used to block every back end).
#  - A PNG, JPEG or GIF of 0 x 0 pixels, a JPEG with no frame header (SOF),
#    and an 8000 x 8000 PNG (over IMAGE_MAX_PIXELS) are refused.
#  - One file named many ways (pic.png?1, ?2 ..., ./pic.png, pic.png#x) is
#    packed once: one image in the PDF, the EPUB and the deck.
#  - Five distinct 25-megapixel images: the last is refused by the limit of
#    one output (IMAGE_MAX_TOTAL_PIXELS), in the EPUB and the deck.
. tests/lib.sh

# guide2cards prints an image's alt text only and opens no image file
# (tests/cards-options.sh shows it does not wait on a FIFO named like one).
BACKENDS=$(built_backends | sed 's/guide2cards //')
if [ ! -x "$BIN/md2guide" ] || [ -z "$BACKENDS" ]; then
	ok "no md2guide or back end yet"
	exit 0
fi
img="$TMP/guide"
mkdir -p "$img"
python3 tests/hostile-images.py "$img" tests/fixtures/pdf-image.jpg ||
	fail "tests/hostile-images.py writes the images"
mkfifo "$img/fifo.png"
ln -s fifo.png "$img/link.png"

# Peak memory of one run, sanitizers included (an 8000 x 8000 image decoded
# for the PDF took gigabytes).
MEM_LIMIT_MB=600

# run TOOL NAME: TOOL on $img/NAME.xml, output $img/out-NAME.EXT; exit in
# $status; a run over MEM_LIMIT_MB is reported and counts as exit 98.
run() {
	out="$img/out-$2.$(ext_of "$1")"
	/usr/bin/time -f '%M' -o "$TMP/rss" timeout 60 "$BIN/$1" -o "$out" "$img/$2.xml" \
		>/dev/null 2>"$TMP/$1-$2.err"
	status=$?
	kb=$(tail -n 1 "$TMP/rss")
	if [ "$kb" -gt $((MEM_LIMIT_MB * 1024)) ]; then
		echo "peak memory $((kb / 1024)) MiB, over $MEM_LIMIT_MB MiB" >>"$TMP/$1-$2.err"
		status=98
	fi
}

# md NAME TEXT: the guide $img/NAME.md (one card whose answer is TEXT) and its tree.
md() {
	printf '# Images\n\n## Questions\n\n### Q1: What does it show?\n\n%s\n' "$2" >"$img/$1.md"
	"$BIN/md2guide" -o "$img/$1.xml" "$img/$1.md" 2>"$TMP/md.err" ||
		fail "md2guide reads $1.md" "$(head -n 3 "$TMP/md.err")"
}

# refused NAME SRC PATTERN: every back end refuses SRC with a warning matching PATTERN.
refused() {
	md "$1" "Look: ![the $1 picture]($2)"
	for tool in $BACKENDS; do
		run "$tool" "$1"
		problems=$(outcome_problems "$status" 0 "g?$1.md:7: warning: image '$2' $3" \
			"$TMP/$tool-$1.err")
		[ -n "$(ls "$img" | grep '\.tmp')" ] && problems="$problems; temporary file left"
		if [ -z "$problems" ]; then
			ok "$tool: $1: refused with a warning at its line"
		else
			fail "$tool: $1: refused with a warning at its line" "$problems" \
				"$(head -n 3 "$TMP/$tool-$1.err")"
		fi
	done
}

refused fifo fifo.png "is not a regular file"
refused link link.png "is not a regular file"
refused zero-png zero.png "has a size of 0 pixels"
refused zero-jpeg zero.jpg "has a size of 0 pixels"
refused zero-gif zero.gif "has a size of 0 pixels"
refused nosof nosof.jpg "is a JPEG with no frame header \(SOF marker\)"
refused huge huge.png "is 8000x8000 pixels, over the limit of 25000000 pixels per image \(IMAGE_MAX_PIXELS\)"

# images_in TOOL FILE: how many images the output holds.
images_in() {
	python3 - "$1" "$2" <<'EOF'
import re, sys, zipfile
tool, path = sys.argv[1:3]
if tool == "guide2pdf":
    print(len(re.findall(rb"/Subtype\s*/Image", open(path, "rb").read())))
elif tool == "guide2epub":
    print(sum(1 for n in zipfile.ZipFile(path).namelist() if re.search(r"images/\d+-", n)))
else:
    import json
    media = json.loads(zipfile.ZipFile(path).read("media"))
    print(sum(1 for n in media.values() if n.startswith("guide-")))
EOF
}

many=
for i in $(seq 1 40); do many="$many ![copy $i](pic.png?$i)"; done
md many "$many ![dot](./pic.png) ![fragment](pic.png#x) ![plain](pic.png)"
for tool in $BACKENDS; do
	run "$tool" many
	count=$(images_in "$tool" "$out" 2>&1)
	if [ "$status" -eq 0 ] && [ "$count" = 1 ] && sanitizer_clean "$TMP/$tool-many.err"; then
		ok "$tool: one file named 43 ways is packed once"
	else
		fail "$tool: one file named 43 ways is packed once" "exit $status, $count images" \
			"$(head -n 3 "$TMP/$tool-many.err")"
	fi
done

md big "![one](big-1.png) ![two](big-2.png) ![three](big-3.png) ![four](big-4.png) ![five](big-5.png)"
for tool in $BACKENDS; do
	[ "$tool" = guide2pdf ] && continue # it would decode 100 million pixels first
	run "$tool" big
	count=$(images_in "$tool" "$out" 2>&1)
	problems=$(outcome_problems "$status" 0 \
		"image 'big-5.png' would take the images of this output over .*IMAGE_MAX_TOTAL_PIXELS" \
		"$TMP/$tool-big.err")
	[ "$count" = 4 ] || problems="$problems; $count images packed, expected 4"
	if [ -z "$problems" ]; then
		ok "$tool: the image over the limit of one output is refused, the others packed"
	else
		fail "$tool: the image over the limit of one output is refused, the others packed" \
			"$problems" "$(head -n 3 "$TMP/$tool-big.err")"
	fi
done
exit 0
