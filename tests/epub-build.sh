# guide2epub: the container and package of the book: mimetype first and stored,
# the metadata (title, subtitle, language, creator, a stable urn:uuid, the build
# date, accessibility), the cover, the embedded code font, options, and
# byte-identical rebuilds.
. tests/lib.sh

tree=tests/fixtures/epub-book/guide.xml
book=$TMP/book.epub
export SOURCE_DATE_EPOCH=1700000000

if ! "$BIN/guide2epub" -o "$book" "$tree" 2>"$TMP/book.err"; then
	fail "guide2epub builds the fixture book" "$(cat "$TMP/book.err")"
	exit 0
fi
ok "guide2epub builds the fixture book"
expect "fixture: no sanitizer report" sanitizer_clean "$TMP/book.err"
expect "--version" test "$("$BIN/guide2epub" --version)" = "guide2epub 0.1"
expect "--help shows the usage" sh -c "'$BIN/guide2epub' --help | grep -q '^usage: guide2epub'"

# One Python pass over the zip and the package document; each line it prints
# is "ok WHAT" or "FAIL WHAT: DETAIL".
check_package() {
	python3 - "$@" <<'PY'
import re, sys, zipfile, xml.etree.ElementTree as ET
path, want_lang, want_author = sys.argv[1:4]
z = zipfile.ZipFile(path)
infos = z.infolist()
def check(what, cond, detail=""):
    print(("ok " if cond else "FAIL ") + what + ("" if cond else ": " + str(detail)))
first = infos[0]
check("mimetype is the first entry", first.filename == "mimetype", first.filename)
check("mimetype is stored uncompressed", first.compress_type == zipfile.ZIP_STORED)
check("mimetype has no extra field", first.extra == b"" and z.fp.seek(0) == 0 and
      z.fp.read(30)[28:30] == b"\0\0")
check("mimetype says application/epub+zip", z.read("mimetype") == b"application/epub+zip")
others = [i for i in infos[1:] if i.compress_type != zipfile.ZIP_DEFLATED]
check("every other entry is deflated", not others, [i.filename for i in others])
stamps = {i.date_time for i in infos}
check("every entry has the same timestamp", len(stamps) == 1, stamps)
container = ET.fromstring(z.read("META-INF/container.xml"))
root = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
check("container.xml names the package", root is not None and
      root.get("full-path") == "OEBPS/content.opf")
ns = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
opf = ET.fromstring(z.read("OEBPS/content.opf"))
meta = opf.find("opf:metadata", ns)
titles = [t.text for t in meta.findall("dc:title", ns)]
check("title and subtitle", titles == ["Every Construct Guide", "A fixture for the EPUB back end"], titles)
check("language", meta.findtext("dc:language", None, ns) == want_lang,
      meta.findtext("dc:language", None, ns))
check("creator", meta.findtext("dc:creator", None, ns) == want_author,
      meta.findtext("dc:creator", None, ns))
ident = meta.findtext("dc:identifier", "", ns)
check("identifier is a name-based urn:uuid",
      re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", ident),
      ident)
props = {}
for m in meta.findall("opf:meta", ns):
    if m.get("property"):
        props.setdefault(m.get("property"), []).append(m.text)
check("dcterms:modified from SOURCE_DATE_EPOCH",
      props.get("dcterms:modified") == ["2023-11-14T22:13:20Z"], props.get("dcterms:modified"))
for p in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
          "schema:accessibilityHazard", "schema:accessibilitySummary"):
    check("accessibility metadata " + p, props.get(p))
items = {i.get("id"): i for i in opf.find("opf:manifest", ns)}
covers = [i for i in items.values() if "cover-image" in (i.get("properties") or "")]
check("an SVG cover marked cover-image", len(covers) == 1 and
      covers[0].get("media-type") == "image/svg+xml" and
      b"Every Construct Guide" in z.read("OEBPS/" + covers[0].get("href")))
navs = [i for i in items.values() if "nav" in (i.get("properties") or "").split()]
check("one navigation document", len(navs) == 1)
check("an NCX for EPUB 2 readers", opf.find("opf:spine", ns).get("toc") in items)
fonts = [i for i in items.values() if i.get("media-type") == "font/ttf"]
check("the code font is embedded", len(fonts) == 1)
font_bytes = z.read("OEBPS/" + fonts[0].get("href")) if fonts else b""
check("the code font is cut down to the book's characters (under 60 KB, whole 343 KB)",
      1000 < len(font_bytes) < 61440, len(font_bytes))
with open(path + ".font.ttf", "wb") as f:
    f.write(font_bytes)
css = z.read("OEBPS/styles/fonts.css").decode()
check("@font-face names the embedded font", "@font-face" in css and
      "DejaVu Sans Mono" in css and fonts and fonts[0].get("href") in css)
spine = [items[r.get("idref")].get("href") for r in opf.find("opf:spine", ns)]
check("reading order: cover, title page, contents, sections, questions",
      spine == ["cover.xhtml", "title.xhtml", "nav.xhtml", "section-1.xhtml",
                "section-2.xhtml", "questions.xhtml"], spine)
for href in spine:
    doc = z.read("OEBPS/" + href).decode()
    check(href + " links book.css", 'href="styles/book.css"' in doc)
    check(href + " declares its language", 'xml:lang="%s" lang="%s"' % (want_lang, want_lang) in doc)
print("identifier " + ident)
PY
}

report() {
	while IFS= read -r line; do
		case $line in
		ok\ *) ok "$2: ${line#ok }" ;;
		FAIL\ *) fail "$2: ${line#FAIL }" ;;
		identifier\ *) echo "${line#identifier }" >"$3" ;;
		esac
	done <"$1"
}

check_package "$book" en-GB "Grace Hopper" >"$TMP/package.out" 2>&1 ||
	fail "package check ran" "$(tail -n 5 "$TMP/package.out")"
report "$TMP/package.out" fixture "$TMP/id1"
# The cut font parses, is DejaVu Sans Mono, and has every character of the
# book's code (and of the tree's text that DejaVu Sans Mono has at all).
expect "fixture: the cut font has every character of the book's code and text" \
	/usr/bin/python3 - "$book.font.ttf" "$book" "$tree" "$(fc-match -f '%{file}' 'DejaVu Sans Mono')" <<'PY'
import html, re, sys, zipfile
import xml.etree.ElementTree as ET
from fontTools.ttLib import TTFont
cut, book, tree, whole = sys.argv[1:5]
font = TTFont(cut)
assert font["name"].getDebugName(1) == "DejaVu Sans Mono", font["name"].getDebugName(1)
cmap = font.getBestCmap()
code = set()
z = zipfile.ZipFile(book)
for name in z.namelist():
    if name.endswith(".xhtml"):
        for part in re.findall(r"(?s)<(?:code|pre)[^>]*>(.*?)</(?:code|pre)>", z.read(name).decode()):
            code |= set(html.unescape(re.sub(r"<[^>]*>", "", part)))
code -= set("\n\t")
assert len(code) > 20, code
missing = {c for c in code if ord(c) not in cmap}
assert not missing, "code characters missing: " + "".join(sorted(missing))
has = TTFont(whole).getBestCmap()
text = set("".join(ET.parse(tree).getroot().itertext()))
lost = {c for c in text if ord(c) in has and ord(c) not in cmap and ord(c) >= 32}
assert not lost, "text characters lost: " + "".join(sorted(lost))
PY

# Options: --lang and --author override the tree.
"$BIN/guide2epub" -o "$TMP/opts.epub" --lang pt-BR --author "Ada Lovelace" "$tree" 2>/dev/null
check_package "$TMP/opts.epub" pt-BR "Ada Lovelace" >"$TMP/opts.out" 2>&1
grep -E '^(ok|FAIL) (language|creator|.*declares its language)' "$TMP/opts.out" >"$TMP/opts.sel"
report "$TMP/opts.sel" "--lang/--author" /dev/null
expect "--lang rejects a bad tag" sh -c "! '$BIN/guide2epub' --lang 'x y' -o '$TMP/bad.epub' '$tree' 2>/dev/null"

# Byte-identical rebuilds, and a stable identifier.
touch -d '2001-01-01' "$TMP/book.err"
cp "$tree" "$TMP/copy.xml"
TZ=Asia/Tokyo "$BIN/guide2epub" -o "$TMP/again.epub" --images tests/fixtures/epub-book "$TMP/copy.xml" 2>/dev/null
expect "two builds (another day, copy and time zone) are byte-identical" cmp "$book" "$TMP/again.epub"
unset SOURCE_DATE_EPOCH
touch -d '2020-02-02 10:00:00 UTC' "$TMP/copy.xml"
"$BIN/guide2epub" -o "$TMP/m1.epub" "$TMP/copy.xml" 2>/dev/null
"$BIN/guide2epub" -o "$TMP/m2.epub" "$TMP/copy.xml" 2>/dev/null
expect "without SOURCE_DATE_EPOCH: two builds are byte-identical" cmp "$TMP/m1.epub" "$TMP/m2.epub"
expect "without SOURCE_DATE_EPOCH: dcterms:modified is the input's mtime" sh -c \
	"unzip -p '$TMP/m1.epub' OEBPS/content.opf | grep -q '<meta property=\"dcterms:modified\">2020-02-02T10:00:00Z</meta>'"
# Through a pipe: the tree's date (md2guide records the source's), else now.
cp tests/fixtures/conv-list.md "$TMP/piped.md"
touch -d '2025-03-04 05:06:07 UTC' "$TMP/piped.md"
"$BIN/md2guide" "$TMP/piped.md" 2>/dev/null | "$BIN/guide2epub" -o "$TMP/piped.epub" 2>/dev/null
expect "piped, without SOURCE_DATE_EPOCH: dcterms:modified is the source's date" sh -c \
	"unzip -p '$TMP/piped.epub' OEBPS/content.opf | grep -q '<meta property=\"dcterms:modified\">2025-03-04T05:06:07Z</meta>'"
before=$(date -u +%Y)
"$BIN/md2guide" <"$TMP/piped.md" 2>/dev/null | "$BIN/guide2epub" -o "$TMP/undated.epub" 2>/dev/null
year=$(unzip -p "$TMP/undated.epub" OEBPS/content.opf | sed -n 's/.*"dcterms:modified">\([0-9]\{4\}\)-.*/\1/p')
expect "piped from standard input: dcterms:modified is now, not 1970 ($year)" test "${year:-0}" -ge "$before"
"$BIN/md2guide" "$TMP/piped.md" 2>/dev/null | SOURCE_DATE_EPOCH=1700000000 "$BIN/guide2epub" -o "$TMP/epoch.epub" 2>/dev/null
expect "piped, with SOURCE_DATE_EPOCH: its date wins" sh -c \
	"unzip -p '$TMP/epoch.epub' OEBPS/content.opf | grep -q '<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>'"
expect "the identifier does not depend on the date" sh -c \
	"unzip -p '$TMP/m1.epub' OEBPS/content.opf | grep -q '$(cat "$TMP/id1")'"
export SOURCE_DATE_EPOCH=1700000000
sed 's/Every <em>Construct<\/em> Guide/Another Guide/' "$tree" >"$TMP/other.xml"
"$BIN/guide2epub" -o "$TMP/other.epub" --images tests/fixtures/epub-book "$TMP/other.xml" 2>/dev/null
expect "another guide gets another identifier" sh -c \
	"! unzip -p '$TMP/other.epub' OEBPS/content.opf | grep -q '$(cat "$TMP/id1")'"

# The guide itself, as `make` writes it.
if [ -f out/interview-guide.xml ] && [ -f out/interview-guide.epub ]; then
	unset SOURCE_DATE_EPOCH
	"$BIN/guide2epub" --styles styles -o "$TMP/guide.epub" out/interview-guide.xml 2>"$TMP/guide.err"
	expect "guide: no warnings" test ! -s "$TMP/guide.err"
	expect "guide: make's out/interview-guide.epub is what guide2epub writes" \
		cmp out/interview-guide.epub "$TMP/guide.epub"
else
	fail "make writes out/interview-guide.epub" "run make first"
fi

# Styles are data: the built-in book.css is styles/book.css; --styles DIR wins.
export SOURCE_DATE_EPOCH=1700000000
expect "the built-in book.css is styles/book.css" sh -c \
	"unzip -p '$book' OEBPS/styles/book.css | cmp -s - styles/book.css"
mkdir -p "$TMP/styles"
printf '/* restyled */\nbody { color: #123456; }\n' >"$TMP/styles/book.css"
"$BIN/guide2epub" --styles "$TMP/styles" -o "$TMP/styled.epub" "$tree" 2>/dev/null
expect "--styles DIR: the book carries DIR/book.css" sh -c \
	"unzip -p '$TMP/styled.epub' OEBPS/styles/book.css | cmp -s - '$TMP/styles/book.css'"

# Standard input: the tree can come through a pipe.
"$BIN/guide2epub" -o "$TMP/stdin.epub" --images tests/fixtures/epub-book <"$tree" 2>"$TMP/stdin.err"
expect "a tree on standard input gives the same book" cmp "$book" "$TMP/stdin.epub"
expect "standard input: no sanitizer report" sanitizer_clean "$TMP/stdin.err"
