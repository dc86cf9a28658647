# The handout, the drill sheet and the printable cards are tagged PDFs:
# a structure tree a screen reader reads in order (tests/pdf-tags.py checks
# the marked content of every page against it, through qpdf's JSON), whose
# text is the guide's words (tests/pdf-structtext.py, through `pdfinfo
# -struct-text`), with the roles the guide's parts call for, and pages that
# look as they do untagged.
. tests/lib.sh

. tests/fixtures/pdf-common.sh

cards=$BIN/guide2cards
tags() { python3 tests/pdf-tags.py "$@"; }
words() { python3 tests/pdf-structtext.py "$@"; }

# ---- the seed guide --------------------------------------------------------
"$pdf" -o "$TMP/guide.pdf" "$tree" 2>"$TMP/guide.err"
status=$?
[ $status -eq 0 ] && sanitizer_clean "$TMP/guide.err" && ok "seed: written" ||
	fail "seed: written" "exit $status" "$(head -c 400 "$TMP/guide.err")"
pdfinfo "$TMP/guide.pdf" 2>/dev/null | grep -qx 'Tagged: *yes' && ok "seed: pdfinfo says Tagged: yes" ||
	fail "seed: pdfinfo says Tagged: yes" "$(pdfinfo "$TMP/guide.pdf" 2>&1 | grep -i tagged)"
out=$(qpdf --check "$TMP/guide.pdf" 2>&1)
[ $? -eq 0 ] && ! printf '%s' "$out" | grep -qi 'warning' && ok "seed: qpdf --check is clean" ||
	fail "seed: qpdf --check is clean" "$(printf '%s\n' "$out" | tail -n 5)"
expect "seed: every text object and image is marked, every MCID in the tree once" \
	tags "$TMP/guide.pdf" "$TMP/guide.roles"
expect "seed: the structure text is the tree's words, in order, each once" \
	words "$TMP/guide.pdf" "$tree"

# The roles the tree's parts call for: a Sect and an H1 per section (and H1
# for the title and the contents), an H2 per question (and per heading at
# a section's top), a Code per code block, a Table per table, an L per list,
# a TOCI per contents entry; and in the seed's own words, a section opens
# with its title, a card with its question, and code is a Code in a P.
pdfinfo -struct-text "$TMP/guide.pdf" 2>/dev/null >"$TMP/guide.struct"
roles=$(python3 - "$tree" "$TMP/guide.roles" "$TMP/guide.struct" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
got = dict(kv.split("=") for kv in open(sys.argv[2]).read().split())
got = {k: int(v) for k, v in got.items()}
def count(tag):
    return sum(1 for _ in root.iter(tag)) - sum(1 for t in root.findall("toc") for _ in t.iter(tag))
sections, cards = root.findall("section"), root.findall(".//card")
want = {"Sect": len(sections), "H1": len(sections) + 2, "Code": count("codeblock"),
        "Table": count("table"), "L": count("list"), "TOCI": len(sections) + len(cards)}
bad = [f"{k}: {got.get(k, 0)}, not {v}" for k, v in want.items() if got.get(k, 0) != v]
if got.get("H2", 0) < len(cards):
    bad.append(f"H2: {got.get('H2', 0)}, fewer than the {len(cards)} questions")
lines = [l.rstrip() for l in open(sys.argv[3])]
def text_after(i):  # the first text line after line I
    for l in lines[i + 1:i + 4]:
        if l.strip().startswith('"'):
            return l.strip()[1:-1].strip()
    return None
title = "".join(sections[0].find("title").itertext()).strip()
first_q = "".join(cards[0].find("question").itertext()).strip()
sect = [i for i, l in enumerate(lines) if l.strip() == "Sect"]
if not sect or lines[sect[0] + 1].strip() != "H1 (block)" or text_after(sect[0] + 1) != title:
    bad.append(f"the first Sect does not open with H1 {title!r}")
h2 = [text_after(i) for i, l in enumerate(lines) if l.strip() == "H2 (block)"]
if not any(t and t.endswith(first_q) for t in h2):
    bad.append(f"no H2 holds the first question {first_q!r}")
code = [i for i, l in enumerate(lines) if l.strip() == "Code (inline)"]
if not code or lines[code[0] - 1].strip() != "P (block)":
    bad.append("code is not a Code in a P")
print("; ".join(bad) if bad else "ok " + " ".join(f"{k}={v}" for k, v in want.items()))
PY
)
case $roles in
ok*) ok "seed: roles ${roles#ok }, H2 per question; sections, questions and code in place" ;;
*) fail "seed: roles and their places" "$roles" "got: $(cat "$TMP/guide.roles" 2>/dev/null)" ;;
esac

# Tagging changes no pixel.
"$pdf" --untagged -o "$TMP/plain.pdf" "$tree" 2>/dev/null
pdfinfo "$TMP/plain.pdf" 2>/dev/null | grep -qx 'Tagged: *no' && ok "seed: --untagged writes no structure" ||
	fail "seed: --untagged writes no structure"
same_pages() { # same_pages A.pdf B.pdf NAME: every page's pixels equal
	mkdir -p "$TMP/$3-a" "$TMP/$3-b"
	pdftoppm -r 40 -png "$1" "$TMP/$3-a/p" 2>/dev/null
	pdftoppm -r 40 -png "$2" "$TMP/$3-b/p" 2>/dev/null
	n=0 differ=0
	for page in "$TMP/$3-a"/*.png; do
		n=$((n + 1))
		cmp -s "$page" "$TMP/$3-b/$(basename "$page")" || differ=$((differ + 1))
	done
	[ $n -gt 0 ] && [ $differ -eq 0 ] && [ "$(ls "$TMP/$3-b" | wc -l)" -eq $n ]
}
same_pages "$TMP/guide.pdf" "$TMP/plain.pdf" seed && ok "seed: tagged pages are pixel-identical to untagged" ||
	fail "seed: tagged pages are pixel-identical to untagged" "$differ of $n pages differ"

# ---- the drill sheet and the cards ----------------------------------------
"$pdf" --drill -o "$TMP/drill.pdf" "$tree" 2>/dev/null
expect "drill sheet: every text object and image is marked, every MCID in the tree once" \
	tags "$TMP/drill.pdf" "$TMP/drill.roles"
cards_count=$(grep -c '<card ' "$tree")
tr ' ' '\n' <"$TMP/drill.roles" | grep -qx "H2=$((2 * cards_count))" &&
	ok "drill sheet: each question is an H2 on the sheet and over its answer" ||
	fail "drill sheet: each question is an H2 on the sheet and over its answer" "$(cat "$TMP/drill.roles")"
"$cards" -o "$TMP/cards.pdf" "$tree" 2>/dev/null
expect "cards: every text object is marked, every MCID in the tree once" \
	tags "$TMP/cards.pdf" "$TMP/cards.roles"
"$cards" --untagged -o "$TMP/cards-plain.pdf" "$tree" 2>/dev/null
same_pages "$TMP/cards.pdf" "$TMP/cards-plain.pdf" cards &&
	ok "cards: tagged pages are pixel-identical to untagged" ||
	fail "cards: tagged pages are pixel-identical to untagged" "$differ of $n pages differ"

# ---- every fixture ---------------------------------------------------------
# Figures with alt text, links with their annotations, tables, callouts,
# right-to-left lines (a Span whose ActualText reads in order), deep lists.
bad_tags= bad_words= n=0
TEXT_FIXTURES="constructs gfm-callouts gfm-containers gfm-footnotes gfm-html-blocks gfm-inline-html
gfm-images pdf-chars pdf-deep pdf-longtable conv-mcq conv-details"
for fixture in tests/fixtures/*.xml; do
	head -c 400 "$fixture" | grep -q '<guide ' || continue
	name=$(basename "$fixture" .xml)
	"$BUILD/bin/guide2pdf" -o "$TMP/fx-$name.pdf" "$fixture" 2>/dev/null || continue
	n=$((n + 1))
	tags "$TMP/fx-$name.pdf" >"$TMP/fx-$name.tags" || bad_tags="$bad_tags $name"
	# poppler's structure text costs a pass over a page per sequence: the
	# fixtures of constructs the seed lacks.
	case " $TEXT_FIXTURES " in *" $name "*) ;; *) continue ;; esac
	words "$TMP/fx-$name.pdf" "$fixture" >"$TMP/fx-$name.words" || bad_words="$bad_words $name"
done
[ $n -gt 30 ] && [ -z "$bad_tags" ] && ok "fixtures: all $n tagged right" ||
	fail "fixtures: all $n tagged right" "wrong:$bad_tags" \
		"$(for f in $bad_tags; do head -n 4 "$TMP/fx-$f.tags"; done | head -n 20)"
[ $n -gt 30 ] && [ -z "$bad_words" ] && ok "fixtures: the structure text of $(echo $TEXT_FIXTURES | wc -w) is their trees' words" ||
	fail "fixtures: the structure text of $(echo $TEXT_FIXTURES | wc -w) is their trees' words" "wrong:$bad_words" \
		"$(for f in $bad_words; do head -n 4 "$TMP/fx-$f.words"; done | head -n 20)"

# A table is Table, TR, TH and TD; a link's text and its annotation are one Link.
tags "$TMP/fx-constructs.pdf" "$TMP/constructs.roles" >/dev/null
for want in Table=1 TR=3 TH=4 TD=7 BlockQuote=2 Link=9; do
	tr ' ' '\n' <"$TMP/constructs.roles" | grep -qx "$want" || missing_c="$missing_c $want"
done
[ -z "$missing_c" ] && ok "constructs: tables, quotes and links have their roles" ||
	fail "constructs: tables, quotes and links have their roles" "missing:$missing_c" \
		"got: $(cat "$TMP/constructs.roles")"

# An image with alt text is a Figure with /Alt; one with none is furniture.
cat >"$TMP/img.md" <<'EOF'
# Images

## What does it show?

![a red square](red.png)

And a decoration: ![](red.png)
EOF
cp tests/fixtures/pdf-images/red.png "$TMP/red.png" 2>/dev/null ||
	python3 -c 'import zlib,struct,sys
def chunk(t,d): return struct.pack(">I",len(d))+t+d+struct.pack(">I",zlib.crc32(t+d)&0xffffffff)
raw=b"".join(b"\0"+b"\xff\0\0"*8 for _ in range(8))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n"+chunk(b"IHDR",struct.pack(">IIBBBBB",8,8,8,2,0,0,0))+chunk(b"IDAT",zlib.compress(raw))+chunk(b"IEND",b""))' >"$TMP/red.png"
"$BUILD/bin/md2guide" -o "$TMP/img.xml" "$TMP/img.md" 2>/dev/null
"$pdf" -o "$TMP/img.pdf" "$TMP/img.xml" 2>/dev/null
tags "$TMP/img.pdf" "$TMP/img.roles" >/dev/null &&
	tr ' ' '\n' <"$TMP/img.roles" | grep -qx 'Figure=1' &&
	qpdf --json=2 "$TMP/img.pdf" - 2>/dev/null | grep -qF '"/Alt": "u:a red square"' &&
	ok "images: one Figure, with its alt text; an image without alt text is an artifact" ||
	fail "images: one Figure, with its alt text; an image without alt text is an artifact" \
		"$(cat "$TMP/img.roles" 2>/dev/null)"

# ---- languages -------------------------------------------------------------
# A passage in another script's language is a Span with its /Lang (the
# EPUB's rules, tools/lib/langruns.c); Kanji in a Japanese guide is never zh.
for name in lang-passages lang-passages-ja; do
	"$BUILD/bin/md2guide" -o "$TMP/$name.xml" "tests/fixtures/$name.md" 2>/dev/null
	"$pdf" -o "$TMP/$name.pdf" "$TMP/$name.xml" 2>/dev/null
	qpdf --json=2 "$TMP/$name.pdf" - 2>/dev/null | grep -o '"/Lang": "u:[a-z]*"' | sort | uniq -c \
		>"$TMP/$name.langs"
done
missing=
for lang in ja zh ko ar he ru el; do
	grep -q "\"u:$lang\"" "$TMP/lang-passages.langs" || missing="$missing $lang"
done
[ -z "$missing" ] && tags "$TMP/lang-passages.pdf" >/dev/null &&
	words "$TMP/lang-passages.pdf" "$TMP/lang-passages.xml" >/dev/null &&
	ok "languages: passages in ja zh ko ar he ru el are Spans with their /Lang, and read as the tree" ||
	fail "languages: passages in ja zh ko ar he ru el are Spans with their /Lang, and read as the tree" \
		"missing:$missing" "$(cat "$TMP/lang-passages.langs")"
grep -q '"u:en"' "$TMP/lang-passages-ja.langs" && ! grep -q '"u:zh"' "$TMP/lang-passages-ja.langs" &&
	ok "languages: English words in a Japanese guide are en, its Kanji never zh" ||
	fail "languages: English words in a Japanese guide are en, its Kanji never zh" \
		"$(cat "$TMP/lang-passages-ja.langs")"

# ---- limits ----------------------------------------------------------------
# A list of 20,000 items: more kids than a PDF array holds go into
# NonStruct groups; the tree still checks.
python3 - "$TMP/long.xml" <<'PY'
import sys
items = "".join(f'<item line="{i + 3}"><p line="{i + 3}">item {i}</p></item>' for i in range(20000))
open(sys.argv[1], "w").write(
    '<?xml version="1.0"?>\n<guide version="1" lang="en" source="long.md"><meta>'
    '<title line="1">Long</title></meta><section id="s" level="2" line="2" kind="prose">'
    f'<title>List</title><list type="bullet" tight="true" line="3">{items}</list></section></guide>\n')
PY
"$BUILD/bin/guide2pdf" -o "$TMP/long.pdf" "$TMP/long.xml" 2>"$TMP/long.err"
status=$?
[ $status -eq 0 ] && tags "$TMP/long.pdf" "$TMP/long.roles" >"$TMP/long.tags" &&
	tr ' ' '\n' <"$TMP/long.roles" | grep -qx 'LI=20000' &&
	tr ' ' '\n' <"$TMP/long.roles" | grep -q '^NonStruct=' &&
	ok "limits: a list of 20,000 items is tagged, its items grouped under NonStruct" ||
	fail "limits: a list of 20,000 items is tagged, its items grouped under NonStruct" "exit $status" \
		"$(head -n 5 "$TMP/long.tags" "$TMP/long.err" 2>/dev/null)"
