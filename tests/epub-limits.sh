# guide2epub: hostile sizes. 20000 (40000) pieces of inline raw HTML that open
# tags and never close them, raw HTML nested 5000 deep, a 900-character id
# linked 2000 times, 3000 sections, a 2700-character title: the book comes out
# in linear time (well under the limit below, in both builds), stays shallow
# enough for readers, keeps every word and every link, and the sanitizer build
# finds nothing wrong.
. tests/lib.sh

# make_tree FILE PIECES SECTIONS
make_tree() {
	python3 - "$@" <<'PY'
import sys
path, pieces, sections = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
long_id = "q" + "x" * 900
raw = "".join('<raw format="html">&lt;b&gt;</raw>w%d ' % i for i in range(pieces))
deep = "&lt;div&gt;" * 5000 + "deep" + "&lt;/div&gt;" * 5000
links = " ".join('<link href="#%s">l</link>' % long_id for _ in range(2000))
parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<guide version="1" lang="en" source="limits.md">',
         "<meta><title>%s</title></meta>" % ("Заголовок" * 300),
         '<section id="first" level="2" line="2" kind="questions"><title>First</title>',
         '<p line="3">%s</p><raw format="html" line="4">%s</raw>' % (raw, deep),
         '<card id="%s" key="0123456789abcdef" line="5" style="heading"><question>Long id'
         '</question><answer line="6"><p line="6">%s</p></answer></card></section>' % (long_id, links)]
for i in range(sections):
    parts.append('<section id="s%d" level="2" line="%d" kind="prose"><title>S%d</title>'
                 '<p line="%d">x <link href="#s%d">next</link></p></section>'
                 % (i, i + 10, i, i + 10, (i + 1) % sections))
parts.append("</guide>\n")
open(path, "w", encoding="utf-8").write("".join(parts))
PY
}

# A bound far above the time taken (about 1 s): it catches quadratic work (minutes
# at these sizes), not slowness, so a busy machine cannot fail it.
limit=60
make_tree "$TMP/big.xml" 20000 3000
start=$(date +%s)
"$BUILD/bin/guide2epub" -o "$TMP/big.epub" "$TMP/big.xml" 2>"$TMP/big.err"
status=$? took=$(($(date +%s) - start))
expect "hostile sizes: exit 0" test "$status" -eq 0
expect "hostile sizes: done in ${took}s (limit ${limit}s)" test "$took" -le "$limit"
python3 - "$TMP/big.epub" >"$TMP/depth" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
def depth(e):
    stack, deepest = [(e, 1)], 0
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in node)
    return deepest
z = zipfile.ZipFile(sys.argv[1])
print(max(depth(ET.fromstring(z.read(n))) for n in z.namelist() if n.endswith(".xhtml")))
PY
expect "hostile sizes: XHTML nests at most 80 deep (got $(cat "$TMP/depth"))" test "$(cat "$TMP/depth")" -le 80
python3 tests/epub-inspect.py links "$TMP/big.epub" "$TMP/big.xml" >"$TMP/links"
expect "hostile sizes: every link resolves" sh -c "! grep -q '^BAD' '$TMP/links'"
python3 tests/epub-inspect.py words "$TMP/big.epub" "$TMP/big.xml" >"$TMP/words"
expect "hostile sizes: every word is kept" sh -c "! grep -q '^MISSING' '$TMP/words'"

# The sanitizer build's allocator moves every block it grows, so quadratic
# copying that glibc's realloc hides shows here as time.
make_tree "$TMP/small.xml" 40000 300
start=$(date +%s)
"$BIN/guide2epub" -o "$TMP/small.epub" "$TMP/small.xml" 2>"$TMP/small.err"
status=$? took=$(($(date +%s) - start))
expect "hostile sizes, sanitizer build: exit 0" test "$status" -eq 0
expect "hostile sizes, sanitizer build: no report" sanitizer_clean "$TMP/small.err"
expect "hostile sizes, sanitizer build: done in ${took}s (limit ${limit}s)" test "$took" -le "$limit"

# 100,000 one-card sections: one chapter file each is more files than the book
# may hold. A named error at the guide, exit 1, nothing written (it once said
# "out of memory"). The normal build: the tree is 30 MB.
awk 'BEGIN { print "# Many\n"; for (i = 1; i <= 100000; i++) printf "## S%d\n\n### Q: What is %d?\n\nIt is %d.\n\n", i, i, i }' \
	>"$TMP/sections.md"
"$BUILD/bin/md2guide" -o "$TMP/sections.xml" "$TMP/sections.md" 2>/dev/null
rm -f "$TMP/sections.epub"
"$BUILD/bin/guide2epub" --styles styles -o "$TMP/sections.epub" "$TMP/sections.xml" 2>"$TMP/sections.err"
status=$?
expect "100,000 sections: exit 1 with the limit named, no book" sh -c \
	"test $status = 1 && grep -q 'error: the book would hold more than 100000 files' '$TMP/sections.err' && test ! -e '$TMP/sections.epub'"
rm -f "$TMP/sections.md" "$TMP/sections.xml"
