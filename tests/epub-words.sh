# guide2epub: nothing is dropped. Extracts the text of every XHTML document of
# the book and finds in it every word of the guide tree's text (raw HTML counts
# by its text, not its tags), for the fixture and for the guide.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1700000000

missing_words() {
	python3 - "$@" <<'PY'
import collections, html, re, sys, zipfile, xml.etree.ElementTree as ET
book, tree_path = sys.argv[1:3]
TOKEN = re.compile(r"\w+|[^\w\s\x00-\x7f]")
def words(text):
    return collections.Counter(TOKEN.findall(text))
tree = ET.parse(tree_path).getroot()
parts = []
def walk_all(node):
    # ElementTree keeps text after an element in its tail.
    if node.tag == "raw":
        parts.append(html.unescape(re.sub(r"<[^>]*>", " ", node.text or "")))
    else:
        parts.append(node.text or "")
        for child in node:
            walk_all(child)
            parts.append(child.tail or "")
    parts.append(" ")
walk_all(tree)
want = words(" ".join(parts))
z = zipfile.ZipFile(book)
text = []
for name in z.namelist():
    if name.endswith(".xhtml"):
        body = ET.fromstring(z.read(name)).find("{http://www.w3.org/1999/xhtml}body")
        text.append(" ".join(body.itertext()))
have = words(" ".join(text))
missing = sorted(w for w in want if w not in have)
print("words %d" % len(want))
for w in missing:
    print("MISSING " + w)
PY
}

check_words() {
	label=$1
	if ! missing_words "$2" "$3" >"$TMP/$label.words" 2>&1; then
		fail "$label: word check ran" "$(tail -n 5 "$TMP/$label.words")"
		return
	fi
	count=$(sed -n 's/^words //p' "$TMP/$label.words")
	if grep -q '^MISSING ' "$TMP/$label.words"; then
		fail "$label: every word of the tree is in the book" \
			"$(grep '^MISSING ' "$TMP/$label.words" | head -n 20 | tr '\n' ' ')"
	elif [ "${count:-0}" -lt "$4" ]; then
		fail "$label: every word of the tree is in the book" "only $count distinct words (want $4+)"
	else
		ok "$label: every word of the tree is in the book ($count distinct words)"
	fi
}

"$BIN/guide2epub" -o "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 2>/dev/null
check_words fixture "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 150

"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
"$BIN/guide2epub" --styles styles -o "$TMP/guide.epub" "$TMP/guide.xml" 2>/dev/null
check_words guide "$TMP/guide.epub" "$TMP/guide.xml" 2000

# Without the drill chapter the questions are still all there (in their chapters).
"$BIN/guide2epub" --no-drill -o "$TMP/nodrill.epub" "$TMP/guide.xml" 2>/dev/null
check_words "guide --no-drill" "$TMP/nodrill.epub" "$TMP/guide.xml" 2000
expect "--no-drill leaves out the Questions chapter" sh -c \
	"! unzip -l '$TMP/nodrill.epub' | grep -q questions.xhtml"
