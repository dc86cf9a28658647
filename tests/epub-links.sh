# guide2epub: every link in the book resolves. Follows each href and src in every
# XHTML document, the nav, the NCX and the package document, and fails on a file
# that is not in the book or a #fragment that is not an id in that file. Also:
# every id of the tree lands in exactly one file (so "resolves" means "resolves
# to the right place"), and the guide's own table-of-contents links point to
# the chapters they name.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1700000000

follow_links() {
	python3 - "$@" <<'PY'
import posixpath, re, sys, zipfile, xml.etree.ElementTree as ET
book, tree_path = sys.argv[1:3]
z = zipfile.ZipFile(book)
names = set(z.namelist())
docs, ids = {}, {}
for name in names:
    if re.search(r"\.(xhtml|ncx|opf|svg)$", name):
        docs[name] = ET.fromstring(z.read(name))
        ids[name] = {e.get("id") for e in docs[name].iter() if e.get("id")}
bad, followed = [], 0
for name, root in sorted(docs.items()):
    for e in root.iter():
        for attr in ("href", "src", "full-path"):
            ref = e.get(attr)
            if ref is None or re.match(r"(https?|mailto):", ref):
                continue
            followed += 1
            path, _, frag = ref.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if target not in names:
                bad.append("%s: %s=%r: no file %s" % (name, attr, ref, target))
            elif frag and frag not in ids.get(target, ()):
                bad.append("%s: %s=%r: no id %r in %s" % (name, attr, ref, frag, target))
print("followed %d" % followed)
for b in bad:
    print("BAD " + b)
# Every tree id is an id in exactly one XHTML file of the book.
tree = ET.parse(tree_path).getroot()
tree_ids = [e.get("id") for e in tree.iter() if e.get("id")]
xhtml = [n for n in docs if n.endswith(".xhtml")]
for i in tree_ids:
    where = [n for n in xhtml if i in ids[n]]
    if len(where) != 1:
        print("IDS %s is in %s" % (i, where or "no file"))
# The guide's table of contents: each link goes to the chapter of that section.
sections = {s.get("id"): s for s in tree.iter("section")}
opf = docs["OEBPS/content.opf"]
ns = "{http://www.idpf.org/2007/opf}"
items = {i.get("id"): i.get("href") for i in opf.iter(ns + "item")}
spine = [items[r.get("idref")] for r in opf.iter(ns + "itemref")]
chapters = [h for h in spine if h.startswith("section-")]
toc = tree.find("toc")
for link in (toc.iter("link") if toc is not None else ()):
    target = link.get("href")[1:]
    if target in sections:
        n = list(tree.iter("section")).index(sections[target])
        if target not in ids["OEBPS/" + chapters[n]]:
            print("TOC %s is not in chapter %s" % (target, chapters[n]))
    print("toc " + target)
PY
}

check_book() {
	label=$1 book=$2 tree=$3
	if ! follow_links "$book" "$tree" >"$TMP/$label.links" 2>&1; then
		fail "$label: link check ran" "$(tail -n 5 "$TMP/$label.links")"
		return
	fi
	followed=$(sed -n 's/^followed //p' "$TMP/$label.links")
	if grep -q '^BAD ' "$TMP/$label.links"; then
		fail "$label: every href and src resolves" "$(grep '^BAD ' "$TMP/$label.links" | head -n 10)"
	elif [ "${followed:-0}" -lt "$4" ]; then
		fail "$label: every href and src resolves" "only $followed links followed (want $4 or more)"
	else
		ok "$label: every href and src resolves ($followed followed)"
	fi
	if grep -q '^IDS ' "$TMP/$label.links"; then
		fail "$label: every tree id is in exactly one file" "$(grep '^IDS ' "$TMP/$label.links" | head)"
	else
		ok "$label: every tree id is in exactly one file"
	fi
	if grep -q '^TOC ' "$TMP/$label.links"; then
		fail "$label: table-of-contents links go to their chapters" "$(grep '^TOC ' "$TMP/$label.links")"
	else
		ok "$label: $(grep -c '^toc ' "$TMP/$label.links") table-of-contents links go to their chapters"
	fi
}

"$BIN/guide2epub" -o "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 2>"$TMP/fixture.err"
check_book fixture "$TMP/fixture.epub" tests/fixtures/epub-book/guide.xml 40
expect "fixture: a link to a missing id is a warning naming SOURCE:LINE" \
	grep -q "^book.md:22: warning: link '#nowhere-at-all'" "$TMP/fixture.err"
expect "fixture: internal links in raw HTML are resolved too" sh -c \
	"unzip -p '$TMP/fixture.epub' OEBPS/section-1.xhtml | grep -q '<a href=\"section-2.xhtml#closing-words\">raw internal</a>'"
expect "fixture: a link into the same file is a bare #fragment" sh -c \
	"unzip -p '$TMP/fixture.epub' OEBPS/section-1.xhtml | grep -q '<a href=\"#notes-heading\">'"

"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
"$BIN/guide2epub" --styles styles -o "$TMP/guide.epub" "$TMP/guide.xml" 2>"$TMP/guide.err"
check_book guide "$TMP/guide.epub" "$TMP/guide.xml" 200
expect "guide: no warnings" test ! -s "$TMP/guide.err"
