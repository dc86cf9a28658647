#!/bin/sh
# tests/gfm-outputs.sh: GitHub's extras reach every output as GitHub shows them.
#  - callouts and <details> (tests/fixtures/gfm-callouts.md): a boxed callout
#    with its label in the PDF's text, an <aside role="note"> and
#    <details><summary> in the EPUB, the same on the card; no ":::" or "[!NOTE]";
#  - emoji shortcodes (gfm-emoji.md): the emoji in every output, the code and
#    the URLs as typed;
#  - footnotes (gfm-footnotes.md) in prose and in an answer: their text in
#    the PDF, the EPUB and the deck field;
#  - MDX and VuePress lines, kramdown's "{: .class}" (gfm-mdx.md): in no output,
#    the prose beside them kept;
#  - no tag text ("<b>", "<a name=...>") in the PDF text of any fixture or
#    guide, and in the prose of the tree of any
#    fixture or guide (tests/fixtures/*.md, tests/guides/*.md), nor in any deck
#    name, nor in the PDF text or deck fields of a sample, outside code;
#  - callouts nested 30 and 70 deep: every back end exits cleanly; a details
#    block nested too deep: an input error.
. tests/lib.sh

TOOLS="${TOOLS:-md2guide guide2pdf guide2epub guide2anki}"
have() { case " $TOOLS " in *" $1 "*) [ -x "$BIN/$1" ] ;; *) false ;; esac; }

# outputs NAME: the tree, the PDF's text, the EPUB's pages and the deck (tsv)
# of tests/fixtures/NAME.md, in $TMP/NAME.*.
outputs() {
	"$BIN/md2guide" -o "$TMP/$1.xml" "tests/fixtures/$1.md" 2>/dev/null || return 1
	if have guide2pdf; then
		"$BIN/guide2pdf" -o "$TMP/$1.pdf" "$TMP/$1.xml" 2>/dev/null &&
			pdftotext -layout "$TMP/$1.pdf" "$TMP/$1.txt" || return 1
	fi
	if have guide2epub; then
		"$BIN/guide2epub" -o "$TMP/$1.epub" "$TMP/$1.xml" 2>/dev/null &&
			unzip -p "$TMP/$1.epub" 'OEBPS/*.xhtml' >"$TMP/$1.xhtml" || return 1
	fi
	if have guide2anki; then
		"$BIN/guide2anki" --format tsv -o "$TMP/$1.tsv" "$TMP/$1.xml" 2>/dev/null || return 1
	fi
	return 0
}

# has LABEL FILE TEXT: FILE holds TEXT (fixed string).
has() {
	if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1" "no '$3' in $(basename "$2")"; fi
}
lacks() {
	if grep -qF -- "$3" "$2"; then fail "$1" "$(grep -F -- "$3" "$2" | head -n 2)"; else ok "$1"; fi
}

if outputs gfm-callouts; then
	if have guide2pdf; then
		has "PDF: a callout's label" "$TMP/gfm-callouts.txt" "Note"
		has "PDF: a container's label and title" "$TMP/gfm-callouts.txt" "Info · Exam Tip"
		has "PDF: a nested callout" "$TMP/gfm-callouts.txt" "Inner caution."
		has "PDF: a details block printed open, its summary" "$TMP/gfm-callouts.txt" "▾ Installation notes"
		has "PDF: a details block's body" "$TMP/gfm-callouts.txt" "Everything in one HTML block."
		lacks "PDF: no ':::' marker" "$TMP/gfm-callouts.txt" ":::"
		lacks "PDF: no '[!NOTE]' marker" "$TMP/gfm-callouts.txt" "[!"
		lacks "PDF: no <details> tag" "$TMP/gfm-callouts.txt" "<details"
	fi
	if have guide2epub; then
		has "EPUB: an alert is an aside with role=note" "$TMP/gfm-callouts.xhtml" \
			'<aside class="callout callout-note" role="note">'
		has "EPUB: a container's title in its label" "$TMP/gfm-callouts.xhtml" \
			'<span class="callout-kind">Danger</span> · Never do this</p>'
		has "EPUB: details with its summary" "$TMP/gfm-callouts.xhtml" \
			'<details><summary dir="auto">Installation <strong>notes</strong></summary>'
	fi
	if have guide2anki; then
		has "deck: a callout in an answer" "$TMP/gfm-callouts.tsv" \
			'<aside class=""callout callout-tip""><p class=""callout-label""><span class=""callout-kind"">Tip</span></p>'
		has "deck: a details block in an answer" "$TMP/gfm-callouts.tsv" \
			'<details><summary>More background</summary><p dir=""auto"">Processes have identifiers.</p></details>'
		expect "card.css styles callouts, in night mode too" \
			grep -q '^\.nightMode \.callout-warning' styles/card.css
	fi
else
	fail "gfm-callouts: every output is written"
fi

if outputs gfm-emoji; then
	for out in txt xhtml tsv; do
		[ -f "$TMP/gfm-emoji.$out" ] || continue
		has "$out: :white_check_mark: is its emoji" "$TMP/gfm-emoji.$out" "✅"
		has "$out: a code span keeps :rocket:" "$TMP/gfm-emoji.$out" ":rocket:"
		has "$out: an unknown :word: stays" "$TMP/gfm-emoji.$out" ":notanemoji:"
		lacks "$out: no :+1: left" "$TMP/gfm-emoji.$out" ":+1:"
		lacks "$out: no :heart: left" "$TMP/gfm-emoji.$out" ":heart:"
	done
	[ -f "$TMP/gfm-emoji.xhtml" ] && has "EPUB: a URL as link text keeps :tada:" \
		"$TMP/gfm-emoji.xhtml" ">https://example.com/:tada:</a>"
	[ -f "$TMP/gfm-emoji.tsv" ] && has "deck: the section's deck name has its emoji" \
		"$TMP/gfm-emoji.tsv" "Emoji shortcodes 🚀::Basics 📚"
else
	fail "gfm-emoji: every output is written"
fi

if outputs gfm-footnotes; then
	for out in txt xhtml; do # prose sections make no cards
		[ -f "$TMP/gfm-footnotes.$out" ] || continue
		has "$out: a footnote in prose" "$TMP/gfm-footnotes.$out" \
			"The kernel gives each process its own address space."
		has "$out: a footnote's reference, numbered as GitHub numbers it" "$TMP/gfm-footnotes.$out" "kernel[1]"
		has "$out: the note beside what cites it" "$TMP/gfm-footnotes.$out" "[1] The kernel gives"
	done
	for out in txt xhtml tsv; do
		[ -f "$TMP/gfm-footnotes.$out" ] || continue
		has "$out: a footnote in an answer" "$TMP/gfm-footnotes.$out" \
			"Threads of one process see the same heap."
	done
else
	fail "gfm-footnotes: every output is written"
fi

if outputs gfm-mdx; then
	for out in xml txt xhtml tsv; do
		[ -f "$TMP/gfm-mdx.$out" ] || continue
		lacks "$out: no MDX import" "$TMP/gfm-mdx.$out" "@theme/Tabs"
		lacks "$out: no MDX export" "$TMP/gfm-mdx.$out" "answer = 42"
		lacks "$out: no [[toc]]" "$TMP/gfm-mdx.$out" "[[toc]]"
		lacks "$out: no <TOCInline />" "$TMP/gfm-mdx.$out" "TOCInline"
		lacks "$out: no kramdown attribute line" "$TMP/gfm-mdx.$out" "two-column"
		[ "$out" = tsv ] && continue # prose, on no card
		has "$out: prose that starts with 'import' stays" "$TMP/gfm-mdx.$out" "import data from a CSV file"
	done
else
	fail "gfm-mdx: every output is written"
fi

# ---- no tag text outside code ------------------------------------------------------
cat >"$TMP/tags.py" <<'EOF'
# tags.py KIND FILE...: prints tag text ("<b>", "</a>", "<a name=x>") found
# outside code; exit 1 when there is some. KIND: tree (the tree's prose and
# titles), text (a PDF's text, less the tree's code given as the second
# file), tsv (deck fields as HTML, and the deck names).
import csv, html.parser, re, sys
import xml.etree.ElementTree as ET

TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
CODE = {"code", "codeblock", "raw"}

def prose(node, out):
    if node.tag in CODE:
        return
    out.append(node.text or "")
    for attr in ("alt", "label", "title"):
        out.append(node.get(attr, ""))
    for child in node:
        prose(child, out)
        out.append(child.tail or "")

def code_text(node, out):
    for n in node.iter():
        if n.tag in CODE:
            out.append("".join(n.itertext()))

class Fields(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.code, self.text = 0, []
    def handle_starttag(self, tag, attrs):
        self.code += tag in ("code", "pre")
    def handle_endtag(self, tag):
        self.code -= tag in ("code", "pre")
    def handle_data(self, data):
        if not self.code:
            self.text.append(data)

found = []
kind, files = sys.argv[1], sys.argv[2:]
if kind == "tree":
    for name in files:
        out = []
        prose(ET.parse(name).getroot(), out)
        found += ["%s: %s" % (name, m.group(0)) for m in TAG.finditer("\n".join(out))]
elif kind == "text":
    text = open(files[0], encoding="utf-8").read()
    code = []
    code_text(ET.parse(files[1]).getroot(), code)
    # The PDF wraps long code lines behind a mark: compare tags without
    # blanks and marks.
    bare = lambda t: re.sub(r"[\s\u21aa-]+", "", t)  # pdftotext joins "v-" "pre" as "vpre"
    allowed = set(bare(m.group(0)) for m in TAG.finditer("\n".join(code)))
    found += ["%s: %s" % (files[0], m.group(0)) for m in TAG.finditer(text)
              if bare(m.group(0)) not in allowed]
else:
    for name in files:
        lines = [l for l in open(name, encoding="utf-8", newline="") if not l.startswith("#")]
        for cols in csv.reader(lines, delimiter="\t", quotechar='"'):
            if len(cols) > 5 and "<" in cols[5]:
                found.append("%s: deck name %s" % (name, cols[5]))
            parser = Fields()
            for field in cols[:3]:
                parser.feed(field)
            found += ["%s: %s" % (name, m.group(0)) for m in TAG.finditer(" ".join(parser.text))]
for line in found[:10]:
    print(line)
sys.exit(1 if found else 0)
EOF

trees=
for md in tests/fixtures/*.md tests/guides/*.md; do
	case $md in tests/fixtures/hostile-xss.md) continue ;; esac # payloads shown as text on purpose
	xml="$TMP/tree-$(basename "$md" .md).xml"
	"$BIN/md2guide" -o "$xml" "$md" 2>/dev/null && trees="$trees $xml"
done
# shellcheck disable=SC2086
expect "no tag text in the prose of the tree of any fixture or guide" python3 "$TMP/tags.py" tree $trees

# A sample through the back ends: the fixtures of inline HTML, HTML blocks and
# callouts, and a guide written in GitHub's HTML.
for xml in "$TMP/tree-gfm-inline-html.xml" "$TMP/tree-gfm-html-blocks.xml" "$TMP/tree-gfm-callouts.xml" \
	"$TMP/tree-mobile-interview-readme.xml"; do
	name=$(basename "$xml" .xml)
	if have guide2pdf && "$BIN/guide2pdf" -o "$TMP/$name.pdf" "$xml" 2>/dev/null &&
		pdftotext "$TMP/$name.pdf" "$TMP/$name.pdf.txt"; then
		expect "$name: no tag text in the PDF outside code" python3 "$TMP/tags.py" text "$TMP/$name.pdf.txt" "$xml"
	fi
done
# Every fixture and guide through the PDF too (the normal build: the sample
# above is the sanitizer's), one check for them all.
if [ -x "$BUILD/bin/guide2pdf" ]; then
	bad=
	for xml in $trees; do
		name=$(basename "$xml" .xml)
		"$BUILD/bin/guide2pdf" -o "$TMP/all-$name.pdf" "$xml" 2>/dev/null &&
			pdftotext "$TMP/all-$name.pdf" "$TMP/all-$name.txt" || { bad="$bad $name(no PDF)"; continue; }
		python3 "$TMP/tags.py" text "$TMP/all-$name.txt" "$xml" >"$TMP/all-$name.tags" 2>&1 ||
			bad="$bad $name: $(head -c 200 "$TMP/all-$name.tags")"
		rm -f "$TMP/all-$name.pdf"
	done
	expect "no tag text outside code in the PDF of any fixture or guide" test -z "$bad"
	[ -n "$bad" ] && echo "    $bad"
fi
decks=
for xml in $trees; do
	name=$(basename "$xml" .xml)
	have guide2anki && "$BIN/guide2anki" --format tsv -o "$TMP/$name.tsv" "$xml" 2>/dev/null &&
		decks="$decks $TMP/$name.tsv"
done
# shellcheck disable=SC2086
[ -n "$decks" ] && expect "no tag text in any deck field or deck name" python3 "$TMP/tags.py" tsv $decks

# Callouts and details nested 30 deep around a long code block (boxes nest,
# page breaks end and open them, the column runs out), and 70 deep (past
# guide2pdf's nesting limit: an error): every back end exits 0 or 1 with a
# message, with no sanitizer report.
python3 - "$TMP" <<'EOF'
import sys
def tree(inner):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<guide version="1" lang="en" source="x.md">'
            '<meta><title>T</title></meta><section id="s" level="2" line="1" kind="prose">'
            '<title>S</title>%s</section></guide>' % inner)
inner = '<codeblock line="3">' + 'x\n' * 200 + '</codeblock>'
for i in range(30):
    inner = ('<callout kind="warning" line="2"><title>T</title><p line="2">p</p>%s'
             '<details line="2"><summary>s</summary><p line="2">d</p></details></callout>' % inner)
open(sys.argv[1] + "/deep-callouts.xml", "w").write(tree(inner))
inner = '<p line="2">x</p>'
for i in range(70):
    inner = '<callout kind="tip" line="2">%s</callout>' % inner
open(sys.argv[1] + "/deeper-callouts.xml", "w").write(tree(inner))
EOF
for tree in deep-callouts deeper-callouts; do
	for tool in guide2pdf guide2epub guide2anki; do
		have "$tool" || continue
		ext=$(ext_of "$tool")
		"$BIN/$tool" -o "$TMP/$tree.$ext" "$TMP/$tree.xml" 2>"$TMP/$tree.err"
		status=$?
		if sanitizer_clean "$TMP/$tree.err" && { [ "$status" -eq 0 ] ||
			{ [ "$status" -eq 1 ] && grep -q ': error: ' "$TMP/$tree.err"; }; }; then
			ok "$tool: $tree: exit $status, no sanitizer report"
		else
			fail "$tool: $tree: exit 0, or 1 with an error" "exit $status" "$(tail -n 3 "$TMP/$tree.err")"
		fi
	done
done

# A <details> block (not a question) whose body nests too deep: parsed as the
# tree is written, it is the input's error (exit 1, its line), not the system's.
{ printf '# T\n\n## S\n\n<details><summary>Notes</summary>\n'
  i=0; while [ $i -lt 150 ]; do printf '> '; i=$((i + 1)); done; printf 'x\n</details>\n'; } >"$TMP/deep-details.md"
"$BIN/md2guide" -o "$TMP/deep-details.xml" "$TMP/deep-details.md" 2>"$TMP/deep-details.err"
status=$?
if [ "$status" -eq 1 ] && grep -q 'deep-details.md:6: error: .*nested more than' "$TMP/deep-details.err" &&
	[ ! -e "$TMP/deep-details.xml" ] && sanitizer_clean "$TMP/deep-details.err"; then
	ok "md2guide: a details block nested too deep is an input error at its line, nothing written"
else
	fail "md2guide: a details block nested too deep is an input error at its line" "exit $status" \
		"$(tail -n 3 "$TMP/deep-details.err")"
fi
