# guide2pdf golden files: each tests/fixtures/pdf-NAME.xml (Cyrillic and CJK
# text, a diagram wider than the column, a 98-column code line, a table and
# one narrower than the column, the bytes a PDF string escapes: parentheses,
# backslash, code units ending in 0D) gives
# the text in tests/fixtures/pdf-NAME.txt (pdftotext -layout) and the
# warnings in pdf-NAME.err. UPDATE=1 rewrites the golden files; look at the
# pages (pdftoppm -r 60 -png) before you commit new ones.
. tests/lib.sh

pdf=$BIN/guide2pdf
export SOURCE_DATE_EPOCH=1767225600

for tree in tests/fixtures/pdf-*.xml; do
	name=$(basename "$tree" .xml)
	"$pdf" -o "$TMP/$name.pdf" "$tree" 2>"$TMP/$name.err"
	if [ $? -ne 0 ] || ! sanitizer_clean "$TMP/$name.err"; then
		fail "$name: written" "$(head -c 600 "$TMP/$name.err")"
		continue
	fi
	pdftotext -layout "$TMP/$name.pdf" "$TMP/$name.txt"
	if [ -n "${UPDATE:-}" ]; then
		cp "$TMP/$name.txt" "tests/fixtures/$name.txt"
		cp "$TMP/$name.err" "tests/fixtures/$name.err"
	fi
	for kind in txt err; do
		if cmp -s "$TMP/$name.$kind" "tests/fixtures/$name.$kind"; then
			ok "$name: $kind matches the golden file"
		else
			fail "$name: $kind matches the golden file" \
				"$(diff "tests/fixtures/$name.$kind" "$TMP/$name.$kind" | head -n 12)"
		fi
	done
	pdftoppm -r 60 -png "$TMP/$name.pdf" "$TMP/$name"
	count=$(ls "$TMP/$name"-*.png 2>/dev/null | wc -l)
	pages=$(pdfinfo "$TMP/$name.pdf" | awk '/^Pages:/ { print $2 }')
	[ "$count" -eq "$pages" ] && [ "$count" -gt 0 ] && ok "$name: $pages pages render" ||
		fail "$name: every page renders" "$count images for $pages pages"
done

# The diagram is never wrapped: one line of text per line of the diagram, in
# a font small enough that its widest line fits.
want=$(grep -c '[┌└├│▲▼]' tests/fixtures/pdf-diagram.xml)
lines=$(grep -c '[┌└├│▲▼]' "$TMP/pdf-diagram.txt")
[ "$lines" -eq "$want" ] && ok "pdf-diagram: the wide diagram is not wrapped ($lines lines)" ||
	fail "pdf-diagram: the wide diagram is not wrapped" "$lines lines of diagram, expected $want"
# The 98-column line wraps once, with the continuation mark.
grep -q '↪ *process_other' "$TMP/pdf-longcode.txt" && ok "pdf-longcode: ↪ marks the continuation" ||
	fail "pdf-longcode: ↪ marks the continuation"
# A table across pages repeats its header row on each.
pages=$(grep -c 'page [0-9]* of' "$TMP/pdf-longtable.txt")
headers=$(grep -c '^ *Name *Value *Notes' "$TMP/pdf-longtable.txt")
[ "$headers" -eq $((pages - 2)) ] && [ "$headers" -gt 1 ] &&
	ok "pdf-longtable: the header row on each of its $headers pages" ||
	fail "pdf-longtable: the header row on each page" "$headers headers on $((pages - 2)) pages"
# No widow or orphan: a paragraph (startNN ... endNN) that crosses a page
# leaves at least two lines on each side; one longer than a page still fits.
/usr/bin/python3 - "$TMP/pdf-longpara.txt" <<'PY' >"$TMP/widows"
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")[:-1]
for number, page in enumerate(pages, 1):
    lines = [l for l in page.split("\n")[1:] if l.strip() and not re.search(r"page \d+ of \d+", l)]
    if not lines or not any(re.search(r"start\d\d|end\d\d", l) for l in lines):
        continue
    first, last = lines[0], lines[-1]
    if re.search(r"end\d\d", first) and not re.search(r"start\d\d", first):
        print("page %d: a widow line at the head: %s" % (number, first.strip()[:60]))
    if re.search(r"start\d\d", last) and not re.search(r"end\d\d", last):
        print("page %d: an orphan line at the foot: %s" % (number, last.strip()[:60]))
PY
[ ! -s "$TMP/widows" ] && ok "pdf-longpara: no widow or orphan lines" ||
	fail "pdf-longpara: no widow or orphan lines" "$(head -n 5 "$TMP/widows")"
# Code blocks: one under 8 lines never splits; a longer one that crosses a
# page leaves at least two lines on each side, on a shaded box on both.
/usr/bin/python3 - "$TMP/pdf-keep.txt" <<'PY' >"$TMP/splits" 2>"$TMP/splits.summary"
import collections, re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")[:-1]
where = collections.defaultdict(collections.Counter)
for number, page in enumerate(pages, 1):
    for block, line in re.findall(r"block(\d\d) line(\d\d)", page):
        where[block][number] += 1
for block, counts in sorted(where.items()):
    total = sum(counts.values())
    if total < 8 and len(counts) > 1:
        print("block%s (%d lines) is split over pages %s" % (block, total, sorted(counts)))
    if any(n < 2 for n in counts.values()):
        print("block%s leaves a single line on a page: %s" % (block, dict(counts)))
split = sum(1 for counts in where.values() if len(counts) > 1)
print("%d blocks, %d split" % (len(where), split), file=sys.stderr)
PY
[ ! -s "$TMP/splits" ] && ok "pdf-keep: short code blocks stay whole, long ones split cleanly ($(cat "$TMP/splits.summary"))" ||
	fail "pdf-keep: short code blocks stay whole, long ones split cleanly" "$(head -n 5 "$TMP/splits")"
# A table narrower than the column: the header's shading ends at its right
# rule, and the white around each cell's letters is about even on all sides.
if problems=$(/usr/bin/python3 tests/pdf-cells.py "$TMP/pdf-narrowtable.pdf" 3 2>&1); then
	ok "pdf-narrowtable: the header's shading ends at the table's edge, even cell padding"
else
	fail "pdf-narrowtable: the header's shading ends at the table's edge, even cell padding" "$problems"
fi
# A paragraph or code line ending in a colon stays on the page of what it
# introduces: in pdf-intro each section (TAG: code, list, long paragraph,
# diagram inside a code block, after enough filler to bring it to the foot of
# a page) has "TAG introduces:" and then "TAG block ..." lines.
/usr/bin/python3 - "$TMP/pdf-intro.txt" <<'PY' >"$TMP/intros" 2>"$TMP/intros.summary"
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")[:-1]
intro, block = {}, {}
for number, page in enumerate(pages, 1):
    for tag in re.findall(r"(\w+\d+) introduces:", page):
        intro.setdefault(tag, number)
    for tag in re.findall(r"(\w+\d+) block", page):
        block.setdefault(tag, number)
for tag in sorted(intro):
    if intro[tag] != block.get(tag):
        print("%s: the introduction on page %d, what it introduces on page %s"
              % (tag, intro[tag], block.get(tag)))
print("%d introductions" % len(intro), file=sys.stderr)
PY
[ ! -s "$TMP/intros" ] && [ "$(cat "$TMP/intros.summary")" = "16 introductions" ] &&
	ok "pdf-intro: an introduction ending in ':' stays with what it introduces ($(cat "$TMP/intros.summary"))" ||
	fail "pdf-intro: an introduction ending in ':' stays with what it introduces" \
		"$(head -n 6 "$TMP/intros")" "$(cat "$TMP/intros.summary")"
