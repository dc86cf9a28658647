# guide2pdf navigation: the outline holds every question section with its
# questions, each pointing at the page its heading is printed on; every link
# points at a page of the document and keeps the reader's zoom; the table of
# contents' page numbers are the outline's; no question heading is the last
# line of a page; page labels; the drill sheet's sections follow on, and its
# answers link back.
. tests/lib.sh

. tests/fixtures/pdf-common.sh

# navigation PDF SECTIONS QUESTIONS [drill]: prints one line per problem found.
# SECTIONS counts the outline's top-level entries with entries under them,
# QUESTIONS the entries one level under those.
navigation() {
	file=$1
	qpdf --json=2 "$file" >"$TMP/nav.json" 2>"$TMP/nav.qpdf.err"
	pdftotext -layout "$file" "$TMP/pages.txt" 2>/dev/null
	/usr/bin/python3 - "$TMP/nav.json" "$TMP/pages.txt" "$2" "$3" $4 <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
pages = open(sys.argv[2], encoding="utf-8").read().split("\f")[:-1]  # a form feed ends each page
want_sections, want_questions = int(sys.argv[3]), int(sys.argv[4])
objects = doc["qpdf"][1]
page_ids = [p["object"] for p in doc["pages"]]
def norm(s):
    return " ".join(s.split())
def value(ref):
    return objects.get("obj:" + ref, {}).get("value") if isinstance(ref, str) else ref
def title(t):
    return t[2:] if t.startswith("u:") else t
problems = []
outlines = doc["outlines"]
with_kids = [o for o in outlines if o["kids"]]
questions = [k for o in with_kids for k in o["kids"]]
if len(with_kids) != want_sections or len(questions) != want_questions:
    problems.append("outline: %d sections with %d questions, expected %d and %d"
                    % (len(with_kids), len(questions), want_sections, want_questions))
def check_entry(entry):
    number = entry.get("destpageposfrom1")
    name = norm(title(entry["title"]))
    if not number or number > len(pages):
        problems.append("outline entry %r points at no page" % name)
    elif name[:40] not in norm(pages[number - 1]):
        problems.append("outline entry %r: page %d does not show it" % (name, number))
def walk(entries):
    for entry in entries:
        check_entry(entry)
        walk(entry["kids"])
walk(outlines)
# Links: a GoTo to a page of this document, or a URI.
links = internal = 0
for key, obj in objects.items():
    v = obj.get("value")
    if not isinstance(v, dict) or v.get("/Subtype") != "/Link":
        continue
    links += 1
    dest = value(v.get("/Dest"))
    if dest is not None:
        internal += 1
        if not isinstance(dest, list) or dest[0] not in page_ids:
            problems.append("link %s points at no page: %r" % (key, dest))
    elif not (isinstance(v.get("/A"), dict) and v["/A"].get("/S") == "/URI"):
        problems.append("link %s has neither a destination nor a URI" % key)
if internal == 0:
    problems.append("no internal link at all")
# Every destination keeps the reader's zoom: /XYZ left top null, never a
# number (a zoom of 1 made every click jump to 100 %).
def destinations(v):
    if isinstance(v, list):
        if len(v) > 1 and v[1] == "/XYZ":
            yield v
        for item in v:
            yield from destinations(item)
    elif isinstance(v, dict):
        for item in v.values():
            yield from destinations(item)
xyz = [d for obj in objects.values() for d in destinations(obj.get("value"))]
if not xyz:
    problems.append("no /XYZ destination at all")
for d in xyz:
    if len(d) != 5 or d[4] is not None:
        problems.append("destination %r sets a zoom (want /XYZ left top null)" % (d,))
        break
# The table of contents: "TITLE . . . . N" lines on the pages titled Contents.
toc, pending = {}, ""
for text in pages:
    lines = text.split("\n")
    if not lines[0].rstrip().endswith("Contents"):  # the running header names the section
        continue
    for line in lines[1:]:  # the first line is the running header
        m = re.match(r"^(.*?\S)\s+(?:\.\s*){3,}(\d+)\s*$", line)
        if m:
            toc[norm(pending + " " + m.group(1))] = int(m.group(2))
            pending = ""
        elif norm(line) and not re.match(r"^(page \d+ of \d+|Contents)$", norm(line)):
            pending = norm(pending + " " + line) if not line.startswith(" " * 20) else pending
matched = 0
answers = [k for o in outlines if title(o["title"]) == "Answers" for k in o["kids"]]
for entry in outlines + [q for q in questions if q not in answers]:
    name = norm(title(entry["title"]))
    if name in ("Contents",):
        continue
    if name in toc:
        matched += 1
        if toc[name] != entry.get("destpageposfrom1"):
            problems.append("contents say %r is on page %d, the outline %s"
                            % (name, toc[name], entry.get("destpageposfrom1")))
    else:
        problems.append("contents lack %r" % name)
# No question heading at the foot of a page.
heads = [norm(title(q["title"])) for q in questions]
first = 1
if len(sys.argv) > 5:  # a drill sheet: ruled space, not text, follows its questions
    first = next(o["destpageposfrom1"] for o in outlines if title(o["title"]) == "Answers")
for number, text in enumerate(pages, 1):
    if number < first:
        continue
    lines = [norm(l) for l in text.split("\n") if norm(l)]
    body = [l for l in lines[1:] if not re.fullmatch(r"page \d+ of \d+", l)]
    if number > 1 and body:
        last = body[-1]
        if len(last) >= 4 and any(last in h for h in heads) and not any(last in norm(p) for p in ("Contents",)):
            if not any(norm(l) == "Contents" for l in lines[:6]):
                problems.append("page %d ends with a question heading: %r" % (number, last))
# A question heading moves with at least three lines of what follows it.
for number, text in enumerate(pages, 1):
    if number < first:
        continue
    lines = [norm(l) for l in text.split("\n") if norm(l)]
    body = [l for l in lines[1:] if not re.fullmatch(r"page \d+ of \d+", l)]
    for i, line in enumerate(body):
        head = next((h for h in heads if len(line) >= 12 and h.startswith(line)), None)
        if head is None:
            continue
        wrapped = 1 if len(line) < len(head) else 0
        if len(body) - i - 1 - wrapped < 3:
            problems.append("page %d: question %r has fewer than 3 lines under it"
                            % (number, head))
for p in problems:
    print(p)
print("%d links, %d internal; %d contents entries matched" % (links, internal, matched), file=sys.stderr)
PY
}

"$pdf" -o "$TMP/guide.pdf" "$tree" 2>"$TMP/guide.err"
problems=$(navigation "$TMP/guide.pdf" 10 35 2>"$TMP/guide.summary")
[ -z "$problems" ] && ok "guide: outline, links, contents and keep-with-next ($(cat "$TMP/guide.summary"))" ||
	fail "guide: outline, links, contents and keep-with-next" "$(printf '%s\n' "$problems" | head -n 12)"

"$pdf" --paper letter -o "$TMP/letter.pdf" "$tree" 2>"$TMP/letter.err"
problems=$(navigation "$TMP/letter.pdf" 10 35 2>"$TMP/letter.summary")
[ -z "$problems" ] && ok "letter: outline, links, contents and keep-with-next" ||
	fail "letter: outline, links, contents and keep-with-next" "$(printf '%s\n' "$problems" | head -n 12)"

# The drill sheet: the same questions under their sections, then the answers.
"$pdf" --drill -o "$TMP/drill.pdf" "$tree" 2>"$TMP/drill.err"
# Outline: 10 sections with their 35 questions, then Answers > 10 sections > 35 answers.
problems=$(navigation "$TMP/drill.pdf" 11 45 drill 2>"$TMP/drill.summary" | grep -v "^contents lack 'Answers: ")
[ -z "$problems" ] && ok "drill: outline (questions and answers), links, keep-with-next" ||
	fail "drill: outline (questions and answers), links, keep-with-next" "$(printf '%s\n' "$problems" | head -n 12)"

# No page of the guide, on A4 or letter, or of its drill sheet ends on a line
# ending in a colon: a paragraph or a code line that introduces what follows
# ("DEPLOYMENT ARCHITECTURE:", "def get(self, request):") goes with it.
for name in guide letter drill; do
	pdftotext -layout "$TMP/$name.pdf" - 2>/dev/null | /usr/bin/python3 -c '
import re, sys
for number, page in enumerate(sys.stdin.read().split("\f")[:-1], 1):
    body = [l for l in page.split("\n")[1:] if l.strip() and not re.search(r"page \d+ of \d+", l)]
    if body and body[-1].rstrip().endswith(":"):
        print("page %d ends with %r" % (number, body[-1].strip()[:60]))
' >"$TMP/$name.colons"
	[ ! -s "$TMP/$name.colons" ] && ok "$name: no page ends on a line that introduces the next" ||
		fail "$name: no page ends on a line that introduces the next" "$(head -n 6 "$TMP/$name.colons")"
done

# drill_flow PDF: prints one line per problem with how the drill sheet flows.
# Its sections follow on: one starts a new page only when the page before
# has less room left than its heading and first question take (measured on
# the page it starts); and each answer, in the appendix, has a link back to
# its question on the sheet (to the question's own destination), between
# its heading and the next answer's.
drill_flow() {
	qpdf --json=2 "$1" >"$TMP/flow.json"
	/usr/bin/python3 - "$TMP/flow.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
objects = doc["qpdf"][1]
page_ids = [p["object"] for p in doc["pages"]]
MARGIN_BOTTOM = 56  # styles/handout.conf
def value(ref):
    return objects.get("obj:" + ref, {}).get("value") if isinstance(ref, str) else ref
def title(t):
    return t[2:] if t.startswith("u:") else t
def place(dest):  # (page from 1, y) of an explicit destination
    return page_ids.index(dest[0]) + 1, dest[3]
links = []  # (page from 1, rect, destination place)
for number, page_id in enumerate(page_ids, 1):
    for ref in value(value(page_id).get("/Annots")) or []:
        annot = value(ref)
        dest = value(annot.get("/Dest"))
        if isinstance(dest, list):
            links.append((number, value(annot["/Rect"]), place(dest)))
outlines = doc["outlines"]
answers_at = next(o["destpageposfrom1"] for o in outlines if title(o["title"]) == "Answers")
sections = [o for o in outlines if o["kids"] and title(o["title"]) != "Answers"]
problems = []
def answer_links(page):  # feet of the "answer on page N" links on PAGE
    return [rect[1] for number, rect, dest in links if number == page and dest[0] >= answers_at]
for before, section in zip(sections, sections[1:]):
    page, top = place(section["dest"])
    if page == before["kids"][-1]["destpageposfrom1"]:
        continue  # follows on
    first = max((foot for foot in answer_links(page) if foot < top), default=None)
    last = min(answer_links(page - 1), default=None)
    if first is None or last is None:
        continue
    need, room = top - first, last - MARGIN_BOTTOM
    if room > need + 30:  # 30: the sheet keeps room for a second line of question
        problems.append("section %r starts page %d, though page %d has %.0f pt left and it "
                        "needs %.0f" % (title(section["title"]), page, page - 1, room, need))
questions = [q for s in sections for q in s["kids"]]
answers = [a for o in outlines if title(o["title"]) == "Answers" for s in o["kids"] for a in s["kids"]]
if len(questions) != len(answers):
    problems.append("%d questions, %d answers" % (len(questions), len(answers)))
ends = [place(a["dest"]) for a in answers[1:]] + [(len(page_ids) + 1, 0)]
for question, answer, end in zip(questions, answers, ends):
    start, target = place(answer["dest"]), place(question["dest"])
    start, end = (start[0], -start[1]), (end[0], -end[1])  # in reading order
    back = [number for number, rect, dest in links
            if dest[0] == target[0] and abs(dest[1] - target[1]) < 0.01
            and start <= (number, -rect[3]) <= end]
    if len(back) != 1:
        problems.append("answer %r: %d links back to its question on page %d"
                        % (title(answer["title"])[:50], len(back), target[0]))
for p in problems:
    print(p)
PY
}
"$pdf" --drill -o "$TMP/flow.pdf" "$tree" 2>/dev/null
problems=$(drill_flow "$TMP/flow.pdf")
pages=$(pdfinfo "$TMP/flow.pdf" | awk '/^Pages:/ { print $2 }')
[ -z "$problems" ] && ok "drill: sections follow on ($pages pages), each answer links back to its question" ||
	fail "drill: sections follow on, each answer links back to its question" \
		"$(printf '%s\n' "$problems" | head -n 12)"

"$pdf" -o "$TMP/sample.pdf" tests/trees/sample.xml 2>/dev/null
problems=$(navigation "$TMP/sample.pdf" 1 1 2>"$TMP/sample.summary")
[ -z "$problems" ] && ok "sample: outline, links and contents" ||
	fail "sample: outline, links and contents" "$(printf '%s\n' "$problems" | head -n 12)"

# The tree's own #anchor link becomes a GoTo to the page of its target.
qpdf --json=2 --json-key=qpdf "$TMP/sample.pdf" | grep -q '"u:https://example.com"' &&
	ok "sample: the external link is a URI link" || fail "sample: the external link is a URI link"

qpdf --json=2 --json-key=pages "$TMP/guide.pdf" | grep -q '"/S": "/D"' &&
	ok "guide: page labels are decimal page numbers" || fail "guide: page labels are decimal page numbers"

# Internal links to a card, a section and a heading, from the intro and a card.
"$pdf" -o "$TMP/blocks.pdf" tests/fixtures/pdf-blocks.xml 2>/dev/null
problems=$(navigation "$TMP/blocks.pdf" 1 2 2>"$TMP/blocks.summary")
[ -z "$problems" ] && ok "blocks: links to a card, a section and a heading ($(cat "$TMP/blocks.summary"))" ||
	fail "blocks: links to a card, a section and a heading" "$(printf '%s\n' "$problems" | head -n 12)"

# A question heading of 600 bytes keeps its whole id: the contents and the
# drill sheet link to it as to a short one (a fixed 512-byte buffer cut it).
long=$(awk 'BEGIN { s = "What is"; for (i = 0; i < 120; i++) s = s " very"; print s " long?" }')
for kind in long short; do
	question="What is $kind?"
	[ "$kind" = long ] && question=$long
	printf '# Long\n\n## Part\n\n### %s\n\nYes.\n\n### What is short too?\n\nYes.\n' "$question" >"$TMP/$kind.md"
	"$BIN/md2guide" -o "$TMP/$kind.xml" "$TMP/$kind.md" 2>/dev/null
	"$pdf" -o "$TMP/$kind.pdf" "$TMP/$kind.xml" 2>"$TMP/$kind.err"
	"$pdf" --drill -o "$TMP/$kind-drill.pdf" "$TMP/$kind.xml" 2>>"$TMP/$kind.err"
	links=$(qpdf --json=2 "$TMP/$kind.pdf" | grep -c '"/Dest"')
	drill=$(qpdf --json=2 "$TMP/$kind-drill.pdf" | grep -c '"/Dest"')
	eval "links_$kind=\$links drill_$kind=\$drill"
done
expect "a 600-byte question: as many internal links as a short one ($links_long/$drill_long)" \
	test "$links_long/$drill_long" = "$links_short/$drill_short"
expect "a 600-byte question: no link without a target" test ! -s "$TMP/long.err"
