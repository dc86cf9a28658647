# guide2epub: what the chapters hold. Every question is an anchored heading with
# its why and answer; the drill chapter links each question to its answer and
# back; diagrams keep their lines (no wrapping) while prose code wraps; images
# are packed under safe names, and only from the guide's folder; raw HTML never
# brings script, event attributes or javascript:/data: URLs; the guide's own
# table of contents gives way to the book's.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1700000000
fixture=tests/fixtures/epub-book/guide.xml
"$BIN/guide2epub" -o "$TMP/fixture.epub" "$fixture" 2>"$TMP/fixture.err"
"$BIN/md2guide" -o "$TMP/guide.xml" input/interview-guide.md 2>/dev/null
"$BIN/guide2epub" --styles styles -o "$TMP/guide.epub" "$TMP/guide.xml" 2>/dev/null

# The author taken from the subtitle is printed once on the cover, the title
# page and in the package metadata.
for member in OEBPS/images/cover.svg OEBPS/title.xhtml OEBPS/content.opf; do
	expect "guide: $member names the author once" \
		test "$(unzip -p "$TMP/guide.epub" "$member" | grep -o 'Awais Amjad' | wc -l)" = 1
done

# Prints "ok WHAT" / "FAIL WHAT: DETAIL" lines.
inspect() {
	python3 - "$@" <<'PY'
import re, sys, zipfile, xml.etree.ElementTree as ET
label, book, tree_path = sys.argv[1:4]
X = "{http://www.w3.org/1999/xhtml}"
z = zipfile.ZipFile(book)
docs = {n[6:]: ET.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xhtml")}
tree = ET.parse(tree_path).getroot()
def check(what, cond, detail=""):
    print(("ok " if cond else "FAIL ") + label + ": " + what + ("" if cond else ": " + str(detail)[:600]))
cards = list(tree.iter("card"))
# Each card: an h2 with its id in a section file, then why (if any), answer.
problems = []
for card in cards:
    cid = card.get("id")
    found = [(n, e) for n, d in docs.items() if n.startswith("section-")
             for e in d.iter(X + "h2") if e.get("id") == cid]
    if len(found) != 1:
        problems.append(cid + ": no single h2")
        continue
    name, h2 = found[0]
    box = [s for s in docs[name].iter(X + "section") if h2 in list(s)]
    parts = [d.get("class") for d in box[0] if d.tag == X + "div"] if box else []
    want = (["why"] if card.find("why") is not None else []) + ["answer"]
    if parts != want:
        problems.append("%s: parts %s, want %s" % (cid, parts, want))
    back = [a.get("href") for a in box[0].iter(X + "a")] if box else []
    if "questions.xhtml#drill-" + cid not in back:
        problems.append(cid + ": no link back to the questions")
check("%d questions are anchored h2 headings with why, answer and a link back" % len(cards),
      cards and not problems, problems)
drill = docs.get("questions.xhtml")
entries = [li for li in drill.iter(X + "li")] if drill is not None else []
targets = {li.get("id"): li.find(X + "a").get("href") for li in entries}
want = {"drill-" + c.get("id"): c.get("id") for c in cards}
wrong = [k for k, v in want.items() if not (targets.get(k) or "").endswith("#" + v)]
check("the Questions chapter lists every question, linking to its answer",
      len(entries) == len(cards) and not wrong, wrong)
# Diagrams: each source line of a code block is a span.line (it wraps), but
# lines with box-drawing characters are in a span.diagram (they never wrap);
# the text is the tree's, so nothing is lost or doubled.
pres = [p for d in docs.values() for p in d.iter(X + "pre")]
box = re.compile("[\u2500-\u257f]")
mixed = []
for p in pres:
    for span in p.iter(X + "span"):
        text, kind = "".join(span.itertext()), span.get("class")
        if (kind or "").startswith("hl-"):
            continue  # a token inside a line (the tree's highlighting)
        if kind not in ("line", "diagram") or (kind == "line") == bool(box.search(text)):
            mixed.append((kind, text[:40]))
check("%d code blocks: lines with box drawing are in a diagram, other lines each a line" % len(pres),
      pres and not mixed, mixed)
codes = [c for c in tree.iter("codeblock")]
check("every code block is kept", len(pres) == len(codes), (len(pres), len(codes)))
texts = ["".join(p.itertext()) for p in pres]
want = ["".join(c.itertext())[:-1] if "".join(c.itertext()).endswith("\n") else "".join(c.itertext())
        for c in codes]
check("every code block's text is the tree's, line breaks included", texts == want,
      [t[:60] for t, w in zip(texts, want) if t != w][:3])
css = z.read("OEBPS/styles/book.css").decode()
rule = lambda sel: re.search(re.escape(sel) + r"\s*\{([^}]*)\}", css)
check("book.css: diagrams do not wrap and scroll", rule("pre .diagram") and
      "white-space: pre;" in rule("pre .diagram").group(1) and "overflow-x: auto" in rule("pre .diagram").group(1))
pre_rule = re.search(r"(?m)^pre \{([^}]*)\}", css)
check("book.css: prose code wraps", pre_rule and "pre-wrap" in pre_rule.group(1) and
      rule("pre .line") and "display: block" in rule("pre .line").group(1))
check("book.css: code is set in the embedded font",
      re.search(r'code, pre \{ font-family: "DejaVu Sans Mono", monospace; \}', css))
# Task items keep their state, as a box before their text.
tasks = [i.get("task") for i in tree.iter("item") if i.get("task")]
marks = [s.get("class") for d in docs.values() for s in d.iter(X + "span")
         if (s.get("class") or "").startswith("task ")]
check("%d task items show done or to-do boxes" % len(tasks),
      marks == ["task " + t for t in tasks], marks)
# Safety: no script, no event attributes, no javascript:/data: URLs, nothing
# from raw HTML's id or style (a code line's own --indent, a diagram's
# --columns and an image's largest size are the only styles in the book).
bad = []
for name, d in docs.items():
    for e in d.iter():
        if e.tag in (X + "script", X + "iframe", X + "object", X + "embed", X + "style"):
            bad.append("%s: <%s>" % (name, e.tag[len(X):]))
        for k, v in e.attrib.items():
            ours = k == "style" and ((re.fullmatch(r"--(columns|indent): [0-9]+", v) and
                e.get("class") in ("line", "diagram")) or (e.tag == X + "img" and
                re.fullmatch(r"(max-(width|height): (min\(100%, )?[0-9]+(px|%)\)?; ?)+", v)))
            if k.startswith("on") or (k == "style" and not ours) or (k == "id" and v == "evil"):
                bad.append("%s: %s=%r" % (name, k, v))
            if k in ("href", "src") and re.match(r"\s*(javascript|data|vbscript|file):", v, re.I):
                bad.append("%s: %s=%r" % (name, k, v))
check("no script, event attribute, style, javascript: or data: URL", not bad, bad)
# The guide's toc is replaced: its list is not in any chapter, the nav has its id.
toc = tree.find("toc")
if toc is not None:
    nav = docs["nav.xhtml"]
    navs = [n for n in nav.iter(X + "nav") if n.get("id") == toc.get("id")]
    check("the nav takes the place (and id) of the guide's table of contents", len(navs) == 1)
    listed = ["".join(l.itertext()) for l in toc.iter("link")]
    toc_text = "".join(navs[0].itertext()) if navs else ""
    check("the nav lists every section the guide's contents name",
          all(t in toc_text for t in listed), [t for t in listed if t not in toc_text])
    dup = [n for n, d in docs.items()
           for l in list(d.iter(X + "ol")) + list(d.iter(X + "ul"))
           if ["".join(a.itertext()) for a in l.iter(X + "a")] == listed]
    check("the guide's own contents list is not repeated in a chapter", not dup, dup)
    nested = [li for li in navs[0].iter(X + "li") if li.find(X + "ol") is not None]
    check("the nav nests the questions under their sections",
          sum(len(li.find(X + "ol")) for li in nested) == len(cards))
# Right-to-left paragraphs read right to left: every text block has dir="auto".
blocks = [(n, e.tag[len(X):]) for n, d in docs.items() for e in d.iter()
          if e.tag[len(X):] in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th")]
undirected = [b for n, d in docs.items() for e in d.iter()
              for b in [(n, e.tag[len(X):])] if b in blocks and e.get("dir") != "auto"]
check("every paragraph, item, heading and cell has dir=auto (%d)" % len(blocks),
      blocks and not undirected, undirected[:5])
PY
}

report() {
	while IFS= read -r line; do
		case $line in
		ok\ *) ok "${line#ok }" ;;
		FAIL\ *) fail "${line#FAIL }" ;;
		*) fail "inspection ran" "$line" ;;
		esac
	done <"$1"
}
inspect fixture "$TMP/fixture.epub" "$fixture" >"$TMP/fixture.out" 2>&1
report "$TMP/fixture.out"
inspect guide "$TMP/guide.epub" "$TMP/guide.xml" >"$TMP/guide.out" 2>&1
report "$TMP/guide.out"

# Images: packed once under a safe name; warnings name SOURCE:LINE; nothing
# outside the guide's folder is read, even through a symbolic link.
unzip -l "$TMP/fixture.epub" | awk '{print $4}' | grep '^OEBPS/images/' >"$TMP/images"
expect "images: pic.png is packed once, as images/1-pic.png" test \
	"$(grep -v cover.svg "$TMP/images")" = OEBPS/images/1-pic.png
for what in "missing.png' was not found" "../epub-outside.png' is outside the guide's folder" \
	"link.png' leads outside the guide's folder" "https://example.org/remote.png' is not a file" \
	"fake.png' is not a PNG, JPEG or GIF"; do
	expect "images: warning book.md:24: image '$what" \
		grep -qF "book.md:24: warning: image '$what" "$TMP/fixture.err"
done
outside=$(od -An -tx1 tests/fixtures/epub-outside.png | tr -d ' \n' | cut -c1-200)
expect "images: the file outside the folder is not in the book" sh -c \
	"! unzip -p '$TMP/fixture.epub' | od -An -tx1 | tr -d ' \n' | grep -q '$outside'"
expect "images: missing ones show their alt text" sh -c \
	"unzip -p '$TMP/fixture.epub' OEBPS/section-1.xhtml | grep -q '<span class=\"missing-image\">missing picture</span>'"
expect "fixture: warnings only, exit 0, no sanitizer report" sanitizer_clean "$TMP/fixture.err"

# <img width height> show the image no larger (and never wider than the
# page); a missing image with no alt text leaves nothing, not an empty box.
mkdir -p "$TMP/sizes"
cp tests/fixtures/epub-outside.png "$TMP/sizes/pic.png"
printf '# Sizes\n\n## S\n\n### Q1: What is shown?\n\n<img src="pic.png" width="120" height="80"> <img src="pic.png" width="50%%"> ![](gone.png) ![lost](gone.png)\n' >"$TMP/sizes/s.md"
"$BIN/md2guide" -o "$TMP/sizes/s.xml" "$TMP/sizes/s.md" 2>/dev/null
"$BIN/guide2epub" --images "$TMP/sizes" -o "$TMP/sizes/s.epub" "$TMP/sizes/s.xml" 2>/dev/null
unzip -p "$TMP/sizes/s.epub" OEBPS/section-1.xhtml >"$TMP/sizes/s.xhtml"
expect "img width and height: largest sizes, never past the page" grep -qF \
	'style="max-width: min(100%, 120px); max-height: 80px;"' "$TMP/sizes/s.xhtml"
expect "img width 50%: half the page at most" grep -qF 'style="max-width: 50%;"' "$TMP/sizes/s.xhtml"
expect "a missing image with no alt text leaves no empty box" test \
	"$(grep -o '<span class="missing-image">[^<]*</span>' "$TMP/sizes/s.xhtml")" = \
	'<span class="missing-image">lost</span>'

# Runs of a code block: a line without box drawing between two that have it
# (a label, an ASCII stroke) belongs to the drawing and counts in its width;
# a blank line ends it; the code before and after is a line each, its
# indentation (a tab: 4 columns; at most 22) in --indent.
printf '# Title\n\n## Runs\n\nProse.\n\n```\nsteps:\n┌───┐\n│ A │\n└─┬─┘\n  |  label\n┌─┴─┐\n│ B │\n└───┘\n\n\tafter\n%30s\n```\n' deep >"$TMP/runs.md"
"$BIN/md2guide" -o "$TMP/runs.xml" "$TMP/runs.md" 2>/dev/null
"$BIN/guide2epub" -o "$TMP/runs.epub" "$TMP/runs.xml" 2>/dev/null
unzip -p "$TMP/runs.epub" OEBPS/section-1.xhtml | tr '\n' '~' | grep -o '<pre .*</pre>' >"$TMP/runs.pre"
expect "code runs: code, one drawing with its label line, a blank line, indented code" test \
	"$(cat "$TMP/runs.pre")" = '<pre class="code"><code><span class="line">steps:~</span><span class="diagram" tabindex="0" style="--columns: 10">┌───┐~│ A │~└─┬─┘~  |  label~┌─┴─┐~│ B │~└───┘~</span><span class="line">~</span><span class="line" style="--indent: 4">	after~</span><span class="line" style="--indent: 22">                          deep</span></code></pre>'
