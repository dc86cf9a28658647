# guide2pdf prints every character: the words of the tree come back from
# pdftotext (none missing, symbols included), every line of a box-drawing
# diagram comes back intact from pdftotext -layout, and no word lies outside
# the text area of its page (nothing cut off, nothing over the margins).
. tests/lib.sh

. tests/fixtures/pdf-common.sh

# words TREE PDF [--drill]: prints the tree's words that the PDF's text lacks.
words() {
	pdftotext "$2" "$TMP/words.txt" 2>/dev/null
	/usr/bin/python3 - "$1" "$TMP/words.txt" $3 <<'PY'
import sys, xml.etree.ElementTree as ET
INLINE = {"em", "strong", "del", "code", "link", "img", "raw"}
DRILL = len(sys.argv) > 3
def text(node, out):
    if node.tag == "toc" or (DRILL and (node.tag == "intro" or node.get("kind") == "prose")):
        return  # the drill sheet holds the questions and answers only
    if node.tag == "date":
        return  # printed in the handout's own form (pdf-build checks it)
    if node.tag in ("softbreak", "br") or node.tag not in INLINE:
        out.append(" ")
    out.append(node.text or "")
    for child in node:
        text(child, out)
        out.append(child.tail or "")
    if node.tag not in INLINE:
        out.append(" ")
parts = []
text(ET.parse(sys.argv[1]).getroot(), parts)
tree_words = "".join(parts).split()
printed = open(sys.argv[2], encoding="utf-8").read().replace("\u21aa", " ")
printed_words = set(printed.split())
joined = "".join(printed.split())
missing = sorted({w for w in tree_words if w not in printed_words and w not in joined})
for w in missing:
    print(w)
for symbol in ("\u2713", "\u2705", "\u274c"):
    if symbol in "".join(tree_words) and symbol not in printed:
        print("symbol " + symbol)
PY
}

# diagram_lines TREE PDF: prints the box-drawing lines not found intact. Runs
# of spaces count as one: pdftotext -layout guesses the width of blank space.
diagram_lines() {
	pdftotext -layout "$2" "$TMP/layout.txt" 2>/dev/null
	/usr/bin/python3 - "$1" "$TMP/layout.txt" <<'PY'
import re, sys, xml.etree.ElementTree as ET
def squeeze(line):
    return " ".join(line.split())
found = {squeeze(line) for line in open(sys.argv[2], encoding="utf-8")}
count = 0
for block in ET.parse(sys.argv[1]).getroot().iter("codeblock"):
    code = block.text or ""
    if not re.search("[\u2500-\u257f]", code):
        continue
    for line in code.split("\n"):
        line = squeeze(line)
        if line:
            count += 1
            if line not in found:
                print("line %s: %s" % (block.get("line"), line))
print("checked %d" % count, file=sys.stderr)
PY
}

# outside PDF STYLE: prints the words that lie outside the text area.
outside() {
	pdftotext -bbox "$1" "$TMP/bbox.html" 2>/dev/null
	/usr/bin/python3 - "$TMP/bbox.html" "$2" <<'PY'
import re, sys
conf = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if "=" in line and not line.lstrip().startswith("#"):
        key, value = line.split("=", 1)
        conf[key.strip()] = value.strip()
top, bottom = float(conf["margin_top"]), float(conf["margin_bottom"])
left, right = float(conf["margin_left"]), float(conf["margin_right"])
SLACK = 1.0
html = open(sys.argv[1], encoding="utf-8").read()
bad = []
for number, (width, height, body) in enumerate(re.findall(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S), 1):
    width, height = float(width), float(height)
    for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body):
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        where = None
        if x0 < left - SLACK or x1 > width - right + SLACK:
            where = "beside the column"
        elif y0 >= top - SLACK and y1 <= height - bottom + SLACK:
            continue
        elif y1 <= top - 2:
            continue  # running header
        elif y0 >= height - bottom + 2 and re.fullmatch(r"page|of|\d+", word):
            continue  # footer
        else:
            where = "across a margin"
        bad.append("page %d: %r at (%.1f,%.1f)-(%.1f,%.1f) %s" % (number, word, x0, y0, x1, y1, where))
for line in bad:
    print(line)
PY
}

for case in "guide:$tree:" "drill:$tree:--drill" "sample:tests/trees/sample.xml:" \
	"script:tests/fixtures/pdf-script.xml:" "diagram:tests/fixtures/pdf-diagram.xml:" \
	"longcode:tests/fixtures/pdf-longcode.xml:" "table:tests/fixtures/pdf-table.xml:" \
	"longtable:tests/fixtures/pdf-longtable.xml:" "longpara:tests/fixtures/pdf-longpara.xml:" \
	"blocks:tests/fixtures/pdf-blocks.xml:" "deep:tests/fixtures/pdf-deep.xml:" \
	"keep:tests/fixtures/pdf-keep.xml:" \
	"letter:$tree:--paper letter"; do
	name=${case%%:*} rest=${case#*:}
	input=${rest%%:*} args=${rest#*:}
	# shellcheck disable=SC2086
	"$pdf" $args -o "$TMP/$name.pdf" "$input" 2>"$TMP/$name.err"
	if ! sanitizer_clean "$TMP/$name.err" || [ ! -f "$TMP/$name.pdf" ]; then
		fail "$name: written" "$(head -c 600 "$TMP/$name.err")"
		continue
	fi
	drill=; [ "$name" = drill ] && drill=--drill
	missing=$(words "$input" "$TMP/$name.pdf" $drill)
	[ -z "$missing" ] && ok "$name: every word of the tree is printed" ||
		fail "$name: every word of the tree is printed" "$(printf '%s\n' "$missing" | head -n 12)"
	lines=$(diagram_lines "$input" "$TMP/$name.pdf" 2>"$TMP/$name.count")
	[ -z "$lines" ] && ok "$name: diagram lines intact ($(cat "$TMP/$name.count"))" ||
		fail "$name: diagram lines intact" "$(printf '%s\n' "$lines" | head -n 8)"
	style=styles/handout.conf
	words_out=$(outside "$TMP/$name.pdf" "$style")
	[ -z "$words_out" ] && ok "$name: no word outside the text area" ||
		fail "$name: no word outside the text area" "$(printf '%s\n' "$words_out" | head -n 8)"
done

# The guide's check marks and crosses.
pdftotext "$TMP/guide.pdf" - 2>/dev/null | grep -q '✅ Columns frequently used' &&
	pdftotext "$TMP/guide.pdf" - 2>/dev/null | grep -q '❌ Small tables' &&
	pdftotext "$TMP/guide.pdf" - 2>/dev/null | grep -q '✓ DEBUG=False' &&
	ok "guide: ✓ ✅ ❌ are printed with their text" || fail "guide: ✓ ✅ ❌ are printed with their text"
