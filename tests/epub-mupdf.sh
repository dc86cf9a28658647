# guide2epub: the guide's diagrams as a real reading engine lays them out.
# MuPDF (mutool) draws the book; every box-drawing character (U+2500-U+257F) of
# the tree must be drawn, and drawn with the embedded DejaVu Sans Mono: an
# engine's own fonts often lack these glyphs, and the diagrams lose their lines.
. tests/lib.sh

if ! command -v mutool >/dev/null 2>&1; then
	fail "mutool is installed" "apt-get install mupdf-tools"
	exit 0
fi
"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
"$BIN/guide2epub" --styles styles -o "$TMP/guide.epub" "$TMP/guide.xml" 2>/dev/null
if ! mutool draw -F stext -o "$TMP/guide.stext" "$TMP/guide.epub" >/dev/null 2>"$TMP/mutool.err"; then
	fail "mutool lays out the book" "$(tail -n 5 "$TMP/mutool.err")"
	exit 0
fi
ok "mutool lays out the book"

python3 - "$TMP/guide.stext" "$TMP/guide.xml" >"$TMP/fonts" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
box = lambda c: "\u2500" <= c <= "\u257f"
fonts = collections.Counter()
for font in ET.parse(sys.argv[1]).getroot().iter("font"):
    for ch in font.iter("char"):
        if box(ch.get("c")):
            fonts[font.get("name")] += 1
want = sum(1 for code in ET.parse(sys.argv[2]).getroot().iter("codeblock")
           for c in code.text or "" if box(c))
print("want %d" % want)
for name, count in fonts.items():
    print("font %d %s" % (count, name))
PY
want=$(sed -n 's/^want //p' "$TMP/fonts")
drawn=$(awk '/^font / { n += $2 } END { print n + 0 }' "$TMP/fonts")
other=$(grep '^font ' "$TMP/fonts" | grep -v ' DejaVu Sans Mono' || true)
expect "the guide has diagrams ($want box-drawing characters)" test "${want:-0}" -gt 500
expect "MuPDF draws every box-drawing character ($drawn of $want)" test "$drawn" = "$want"
if [ -z "$other" ]; then
	ok "MuPDF draws them all with the embedded DejaVu Sans Mono"
else
	fail "MuPDF draws them all with the embedded DejaVu Sans Mono" "$other"
fi
