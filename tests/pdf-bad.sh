# guide2pdf on bad input: a clear "FILE[:LINE]: error|warning:" message, exit
# status 0 (warnings only), 1 (bad input) or 2 (usage or system error), no
# sanitizer report, and never a PDF or temporary file left behind on failure.
. tests/lib.sh

pdf=$BIN/guide2pdf

# case_ NAME STATUS PATTERN OUTPUT ARGS...: runs guide2pdf -o OUTPUT ARGS; a
# PATTERN of - means no message at all.
case_() {
	name=$1 want=$2 pattern=$3 out=$4
	shift 4
	"$pdf" -o "$out" "$@" >/dev/null 2>"$TMP/$name.err"
	status=$?
	problems=$(outcome_problems "$status" "$want" "$pattern" "$TMP/$name.err")
	if [ "$want" -ne 0 ] && ls "$out"* "$(dirname "$out")"/*.tmp* >/dev/null 2>&1; then
		problems="$problems; output or temporary file left behind"
	fi
	if [ "$want" -eq 0 ] && ! qpdf --check "$out" >/dev/null 2>&1; then
		problems="$problems; the PDF written does not pass qpdf --check"
	fi
	if [ -z "$problems" ]; then
		ok "bad input: $name (exit $want)"
	else
		fail "bad input: $name" "$problems" "$(head -c 600 "$TMP/$name.err")"
	fi
}

mkdir -p "$TMP/out"
case_ missing-input 2 "^$TMP/none.xml: error: " "$TMP/out/a.pdf" "$TMP/none.xml"

printf '<guide version="1" lang="en" source="x.md"><section/></guide>\n' >"$TMP/invalid.xml"
case_ schema-invalid 1 "^$TMP/invalid.xml(:[0-9]+)?: error: " "$TMP/out/b.pdf" "$TMP/invalid.xml"

sed 's/version="1"/version="2"/' tests/trees/sample.xml >"$TMP/version.xml"
case_ wrong-version 1 "error: " "$TMP/out/c.pdf" "$TMP/version.xml"

mkdir -p "$TMP/out/folder.pdf"
case_ output-is-folder 2 "folder.pdf: error: " "$TMP/out/folder.pdf" tests/trees/sample.xml
rmdir "$TMP/out/folder.pdf"

case_ output-folder-missing 2 "error: " "$TMP/no/such/folder/d.pdf" tests/trees/sample.xml

mkdir -p "$TMP/styles"
printf 'paper = a4\nfont_body = No Such Font Family\n' >"$TMP/styles/handout.conf"
case_ missing-font 2 "^$TMP/styles/handout.conf:2: error: font 'No Such Font Family' is not installed" \
	"$TMP/out/e.pdf" --styles "$TMP/styles" tests/trees/sample.xml

printf 'margin_left = wide\n' >"$TMP/styles/handout.conf"
case_ bad-style-number 1 "handout.conf(:[0-9]+)?: error: " "$TMP/out/f.pdf" --styles "$TMP/styles" \
	tests/trees/sample.xml
rm -rf "$TMP/styles"

# Images: missing, or not PNG/JPEG, are warnings (the alt text is printed).
printf 'not an image\n' >"$TMP/out/fake.png"
sed "s|src=\"pic.png\"|src=\"fake.png\"|" tests/trees/sample.xml >"$TMP/out/fake-image.xml"
case_ image-not-png 0 "^sample.md:44: warning: image 'fake.png' is not a PNG, JPEG or GIF" \
	"$TMP/out/g.pdf" "$TMP/out/fake-image.xml"
case_ image-missing 0 "^sample.md:44: warning: image 'pic.png' was not found" \
	"$TMP/out/h.pdf" tests/trees/sample.xml

# Characters beyond the BMP outside the blocks the PDF prints there (emoji,
# mathematical letters; pdf-chars.sh): a visible substitute and a warning
# with the line. Here a Gothic letter, U+10348, in place of the rocket.
sed 's/🚀/𐍈/' tests/fixtures/pdf-script.xml >"$TMP/out/gothic.xml"
case_ astral-character 0 "^pdf-script.md:15: warning: character U\+10348 is above U\+FFFF " \
	"$TMP/out/i.pdf" "$TMP/out/gothic.xml"
[ "$(grep -c 'U+10348' "$TMP/astral-character.err")" -eq 1 ] &&
	ok "the U+10348 warning comes once, not once per layout pass" ||
	fail "the U+10348 warning comes once" "$(cat "$TMP/astral-character.err")"

"$pdf" --paper a5 -o "$TMP/out/j.pdf" tests/trees/sample.xml 2>"$TMP/paper.err"
[ $? -eq 2 ] && grep -q "paper" "$TMP/paper.err" && ! ls "$TMP/out/j.pdf" >/dev/null 2>&1 &&
	ok "usage: --paper a5 refused with exit 2" || fail "usage: --paper a5 refused" "$(cat "$TMP/paper.err")"

expect "--version prints the version" sh -c "'$pdf' --version | grep -qx 'guide2pdf 0.1'"
expect "--help prints the usage" sh -c "'$pdf' --help | grep -q '^usage: guide2pdf'"
"$pdf" --no-such-option >/dev/null 2>&1
[ $? -eq 2 ] && ok "an unknown option exits 2" || fail "an unknown option exits 2"

# A real PNG beside the tree is embedded; a PNG with a broken body is a warning.
mkdir -p "$TMP/img"
/usr/bin/python3 - "$TMP/img/pic.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\0" + bytes(v for x in range(32) for v in (x * 8, 80, 160)) for y in range(16))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 16, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
cp tests/trees/sample.xml "$TMP/img/tree.xml"
case_ image-png 0 - "$TMP/out/k.pdf" "$TMP/img/tree.xml"
[ "$(pdfimages -list "$TMP/out/k.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)" -eq 1 ] &&
	ok "a PNG beside the tree is embedded" ||
	fail "a PNG beside the tree is embedded" "$(pdfimages -list "$TMP/out/k.pdf" 2>&1)"
# Its pixels come back: guide2pdf's own deflate (tools/guide2pdf/deflate.c)
# compressed the image stream.
object=$(pdfimages -list "$TMP/out/k.pdf" 2>/dev/null | awk 'NR == 3 { print $11 }')
qpdf --show-object="$object" --filtered-stream-data "$TMP/out/k.pdf" >"$TMP/pixels" 2>/dev/null
/usr/bin/python3 -c '
import sys
want = b"".join(bytes(v for x in range(32) for v in (x * 8, 80, 160)) for y in range(16))
sys.exit(open(sys.argv[1], "rb").read() != want)' "$TMP/pixels" &&
	ok "the embedded PNG decodes to its own pixels" ||
	fail "the embedded PNG decodes to its own pixels" "object $object, $(wc -c <"$TMP/pixels") bytes"
printf '\211PNG\r\n\032\nbroken' >"$TMP/img/pic.png"
case_ image-broken-png 0 "^sample.md:44: warning: image 'pic.png' cannot be decoded" \
	"$TMP/out/l.pdf" "$TMP/img/tree.xml"

# Without the flattened fonts (a font cache with no copies in it) the CJK
# collection does not load: a warning for the font, one per missing character
# with its line, and still a PDF.
mkdir -p "$TMP/none"
case_ no-font-cache 0 "^pdf-script.md:8: warning: no font has character U\+[0-9A-F]{4}; printed as U\+FFFD" "$TMP/out/m.pdf" \
	--font-cache "$TMP/none" tests/fixtures/pdf-script.xml
cp tests/fixtures/pdf-image.jpg "$TMP/img/pic.png" # a JPEG, whatever its name says
case_ image-jpeg 0 - "$TMP/out/n.pdf" "$TMP/img/tree.xml"
pdfimages -list "$TMP/out/n.pdf" 2>/dev/null | awk 'NR > 2' | grep -q jpeg &&
	ok "a JPEG is embedded as it is (DCT)" || fail "a JPEG is embedded as it is (DCT)" \
	"$(pdfimages -list "$TMP/out/n.pdf" 2>&1)"

# The flattened fonts are found from the tool's own file, never from the
# current directory: run from another one, guide2pdf and guide2cards print the
# guide's CJK and emoji with no warning. Fonts that cannot be found are an
# error, and nothing is written, rather than a PDF with letters missing; a
# style file's font_cache that is no folder (an older handout.conf's
# out/fonts) is a warning, and the tool's own fonts are used.
root=$(pwd)
abs() { case $1 in /*) echo "$1" ;; *) echo "$root/$1" ;; esac; }
mkdir -p "$TMP/elsewhere"
for tool in guide2pdf guide2cards; do
	(cd "$TMP/elsewhere" && "$(abs "$BIN")/$tool" -o "$TMP/out/$tool-elsewhere.pdf" \
		"$root/tests/fixtures/pdf-script.xml") >/dev/null 2>"$TMP/elsewhere.err"
	status=$?
	if [ "$status" -eq 0 ] && [ ! -s "$TMP/elsewhere.err" ] &&
		{ [ "$tool" = guide2cards ] ||
			pdftotext "$TMP/out/$tool-elsewhere.pdf" - 2>/dev/null | grep -q '数据库索引'; }; then
		ok "$tool run from another directory: its fonts found, every character printed"
	else
		fail "$tool run from another directory: its fonts found, every character printed" \
			"exit $status" "$(head -c 400 "$TMP/elsewhere.err")"
	fi
done
mkdir -p "$TMP/lone"
cp "$(abs "$BIN")/guide2pdf" "$TMP/lone/"
pdf=$TMP/lone/guide2pdf
case_ no-fonts-found 2 "^guide2pdf: error: no flattened fonts to embed: no folder $TMP/lone/\.\./share/guide/fonts \(make install writes it\) nor .*out/fonts \(make writes it\); run make" \
	"$TMP/out/o.pdf" tests/fixtures/pdf-script.xml
pdf=$(abs "$BIN")/guide2pdf
case_ font-cache-not-a-folder 2 "^guide2pdf: error: --font-cache '$TMP/nothing' is not a folder" \
	"$TMP/out/p.pdf" --font-cache "$TMP/nothing" tests/fixtures/pdf-script.xml
mkdir -p "$TMP/fontstyle"
printf 'font_cache = fonts\n' >"$TMP/fontstyle/handout.conf"
case_ style-font-cache-not-a-folder 0 "^$TMP/fontstyle/handout.conf:1: warning: font_cache 'fonts' is not a folder \($TMP/fontstyle/fonts: a relative path is taken from this file's folder\), so the tool's own fonts are used" \
	"$TMP/out/q.pdf" --styles "$TMP/fontstyle" tests/fixtures/pdf-script.xml
ln -s "$root/out/fonts" "$TMP/fontstyle/fonts"
(cd "$TMP/elsewhere" && case_ style-font-cache-from-its-folder 0 - "$TMP/out/r.pdf" \
	--styles "$TMP/fontstyle" "$root/tests/fixtures/pdf-script.xml")
