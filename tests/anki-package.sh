# anki-package: the deck of the interview guide, opened with unzip and sqlite3 and
# checked against every rule of the Anki format notes (tests/fixtures/anki-check.py:
# column order, JSON keys and types, field counts, csum and sfld, card ords and
# decks, media map, guid uniqueness), plus the counts the guide must give.
. tests/lib.sh

check=tests/fixtures/anki-check.py
tree=$TMP/guide.xml
apkg=$TMP/guide.apkg
if ! "$BIN/md2guide" -o "$tree" input/interview-guide.md 2>"$TMP/md.err"; then
	fail "md2guide converts the guide" "$(cat "$TMP/md.err")"
	exit 0
fi
if SOURCE_DATE_EPOCH=1700000000 "$BIN/guide2anki" --styles styles -o "$apkg" "$tree" 2>"$TMP/err"; then
	ok "guide2anki writes the guide's deck"
else
	fail "guide2anki writes the guide's deck" "$(cat "$TMP/err")"
	exit 0
fi
expect "guide: no warnings, sanitizer clean" test ! -s "$TMP/err"

# Every rule of the notes file, 35 notes and cards, 10 decks under the guide's
# deck, and every answer's code blocks equal to the tree's text.
expect "guide: the package follows every rule of the Anki notes" \
	python3 "$check" "$apkg" --tree "$tree" --notes 35 --decks-under 10

# The same facts seen with the plain tools, independently of the checker.
mkdir -p "$TMP/x"
(cd "$TMP/x" && unzip -q "$apkg")
db=$TMP/x/collection.anki2
q() { sqlite3 "$db" "$1"; }
expect "guide: zip members are collection.anki2, media and 0" test \
	"$(cd "$TMP/x" && ls | tr '\n' ' ')" = "0 collection.anki2 media "
expect "guide: 35 notes, 35 cards, card ord 0" test \
	"$(q 'select count(*) from notes')/$(q 'select count(*) from cards where ord = 0')" = 35/35
expect "guide: col.ver is 11" test "$(q 'select ver from col')" = 11
expect "guide: 12 decks: Default, the guide and its 10 sections" test \
	"$(q "select count(*) from col, json_each(col.decks) where json_extract(value, '\$.name') like 'Technical Interview Preparation Guide::%'")/$(q 'select count(*) from col, json_each(col.decks)')" = 10/12
expect "guide: every card sits in a section deck" test \
	"$(q "select count(*) from cards where did in (select json_extract(value, '\$.id') from col, json_each(col.decks) where json_extract(value, '\$.name') like '%::%')")" = 35
expect "guide: one note type, Guide Card, with 5 fields" test \
	"$(q "select json_extract(value, '\$.name') || '/' || json_array_length(value, '\$.flds') from col, json_each(col.models)")" = "Guide Card/5"
expect "guide: every note has 5 fields" test \
	"$(q "select count(*) from notes where length(flds) - length(replace(flds, char(31), '')) = 4")" = 35
expect "guide: tags are section slugs" test \
	"$(q "select count(*) from notes where tags glob ' [a-z0-9]*[a-z0-9] ' and tags not like '%  %'")" = 35

# The code font: DejaVu Sans Mono cut down to the deck's characters (HarfBuzz's
# subsetter), packed under a name made from its content, loaded by the note
# type's CSS under that name.
font_name=$(sed -n 's/^{"0":"\(_guide-mono-[0-9a-f]\{8\}\.ttf\)"}$/\1/p' "$TMP/x/media")
expect "guide: media map names the font _guide-mono-HASH.ttf" test -n "$font_name"
expect "guide: the CSS loads that font with @font-face" test \
	"$(q "select count(*) from col, json_each(col.models) where json_extract(value, '\$.css') like '%@font-face%url(\"$font_name\")%'")" = 1
size=$(wc -c <"$TMP/x/0")
expect "guide: the packed font is cut down (under 60 KB; the whole font is 343 KB): $size" \
	test "$size" -lt 61440
# It parses, is DejaVu Sans Mono, and has every character of every code element.
expect "guide: the cut font is DejaVu Sans Mono with every character of the deck's code" \
	/usr/bin/python3 - "$TMP/x/0" "$db" "$(fc-match -f '%{file}' 'DejaVu Sans Mono')" <<'PY'
import html, re, sqlite3, sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
whole = TTFont(sys.argv[3]).getBestCmap()
family = font["name"].getDebugName(1)
assert family == "DejaVu Sans Mono", family
cmap = font.getBestCmap()
missing = set()
for (flds,) in sqlite3.connect(sys.argv[2]).execute("select flds from notes"):
    for code in re.findall(r"(?s)<code[^>]*>(.*?)</code>", flds):
        text = html.unescape(re.sub(r"<[^>]*>", "", code))
        missing |= {c for c in text if c not in "\n\t" and ord(c) not in cmap}
assert len(cmap) > 100, len(cmap)
missing = {c for c in missing if ord(c) in whole}  # not even the whole font has ✅
assert not missing, "missing: " + "".join(sorted(missing))
PY
# A small guide makes a small deck: the font was most of it.
cat >"$TMP/five.md" <<'MD'
# Five

## Basics

### Q1: What is a list?

A mutable sequence: `[1, 2]`.

### Q2: What is a tuple?

An immutable one: `(1, 2)`.

### Q3: What is a set?

```python
s = {1, 2}  # → no order
```

### Q4: What is a dict?

A mapping.

### Q5: What is a frozenset?

An immutable set.
MD
"$BIN/md2guide" -o "$TMP/five.xml" "$TMP/five.md" 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 "$BIN/guide2anki" -o "$TMP/five.apkg" "$TMP/five.xml" 2>"$TMP/five.err"
expect "five cards: a deck under 40 KB with its font: $(wc -c <"$TMP/five.apkg")" \
	test "$(wc -c <"$TMP/five.apkg")" -lt 40960
expect "five cards: no warning" test ! -s "$TMP/five.err"
expect "five cards: the cut font has → (in the code) but not ╔ (in no card)" \
	/usr/bin/python3 -c '
import io, sys, zipfile
from fontTools.ttLib import TTFont
cmap = TTFont(io.BytesIO(zipfile.ZipFile(sys.argv[1]).read("0"))).getBestCmap()
assert 0x2192 in cmap and 0x2554 not in cmap' "$TMP/five.apkg"

# Diagrams stay aligned: every character on a code line that draws a box is in
# the packed font (a fallback font would have other widths).
uncovered=$(python3 - "$TMP/x/0" "$db" <<'PY'
import html, re, sqlite3, subprocess, sys
ranges = subprocess.run(["fc-query", "-f", "%{charset}", sys.argv[1]],
                        capture_output=True, text=True, check=True).stdout.split()
cover = [(int(a, 16), int(b or a, 16)) for a, _, b in (r.partition("-") for r in ranges)]
lines = 0
missing = set()
for (flds,) in sqlite3.connect(sys.argv[2]).execute("select flds from notes"):
    for code in re.findall(r'(?s)<pre class="code"><code[^>]*>(.*?)</code></pre>', flds):
        for line in html.unescape(re.sub(r"<[^>]*>", "", code)).split("\n"):
            if re.search("[\u2500-\u257f]", line):
                lines += 1
                missing |= {c for c in line if not any(a <= ord(c) <= b for a, b in cover)}
print(lines, "".join(sorted(missing)))
PY
)
case $uncovered in
[1-9]*' ') ok "guide: the font draws every character of the ${uncovered% } diagram lines" ;;
*) fail "guide: the font draws every character of the diagram lines" "lines, missing: $uncovered" ;;
esac

# Django templates survive as text: "{{ user.name }}" is written with &#123;.
mtv=$(q "select flds from notes where sfld like '%MTV%'")
case $mtv in
*'Welcome &#123;&#123; user.name }}'*) ok "guide: the MTV answer keeps {{ user.name }} as text" ;;
*) fail "guide: the MTV answer keeps {{ user.name }} as text" "$(printf '%s' "$mtv" | head -c 600)" ;;
esac
expect "guide: no field holds {{ or {% (old Anki renderers would expand it)" test \
	"$(q "select count(*) from notes where flds like '%{{%' or flds like '%{\%%' escape '\\'")" = 0
expect "guide: no double escaping (&amp;lt;) in any field" test \
	"$(q "select count(*) from notes where flds like '%&amp;lt;%' or flds like '%&amp;amp;%'")" = 0

# A rebuild is byte-identical.
SOURCE_DATE_EPOCH=1700000000 "$BIN/guide2anki" --styles styles --no-previous -o "$TMP/again.apkg" "$tree" 2>/dev/null
expect "guide: a rebuild is byte-identical" cmp "$apkg" "$TMP/again.apkg"

# The checker itself can fail: break a csum and a field count, and it says so.
cp "$db" "$TMP/broken.anki2"
sqlite3 "$TMP/broken.anki2" "update notes set csum = csum + 1 where id = (select min(id) from notes);
	update notes set flds = flds || char(31) || 'extra' where id = (select max(id) from notes);
	update cards set ord = 3 where id = (select min(id) from cards)"
mkdir -p "$TMP/broken"
cp "$TMP/broken.anki2" "$TMP/broken/collection.anki2"
cp "$TMP/x/media" "$TMP/x/0" "$TMP/broken/"
(cd "$TMP/broken" && zip -q ../broken.apkg collection.anki2 media 0)
python3 "$check" "$TMP/broken.apkg" >"$TMP/broken.out" 2>&1
expect "checker: finds a wrong csum" grep -q 'csum' "$TMP/broken.out"
expect "checker: finds a wrong field count" grep -q 'has 6 fields' "$TMP/broken.out"
expect "checker: finds an ord out of range" grep -q 'ord 3 out of range' "$TMP/broken.out"

# Read a few cards as a person would (shown, not checked).
echo "--- three cards as they read:"
q "select flds from notes order by id limit 3" | tr '\037' '\n' | sed 's/<[^>]*>//g' | head -40 | sed 's/^/    /'

# Sections titled only by a number ("#1", "Question 2") name no topic: their
# cards go in the top deck, not in a deck each; a named section keeps its deck.
# Nor do a flashcard set's titles of each card ("### Card 1 [TERM]").
cat >"$TMP/numbered.md" <<'MD'
# Numbered

## #1

### What is a port?

A number that names an endpoint.

## Question 2

### What is a socket?

An endpoint of a connection.

## Routing

### What is a route?

A path to a network.

### Card 1 [TERM]

**Front:** Hop

**Back:** One router a packet passes on its way.

### Card 2 (concept)

**Front:** Why does a route have a metric?

**Back:** To choose between two paths to the same network.
MD
"$BIN/md2guide" -o "$TMP/numbered.xml" "$TMP/numbered.md" 2>/dev/null
"$BIN/guide2anki" --styles styles -o "$TMP/numbered.apkg" "$TMP/numbered.xml" 2>/dev/null
rm -rf "$TMP/numbered" && mkdir "$TMP/numbered" && (cd "$TMP/numbered" && unzip -q ../numbered.apkg collection.anki2)
decks=$(sqlite3 "$TMP/numbered/collection.anki2" "select decks from col" |
	python3 -c 'import json, sys; print(" | ".join(sorted(d["name"] for d in json.load(sys.stdin).values())))')
expect "numbered sections: no deck of their own (decks: $decks)" \
	test "$decks" = "Default | Numbered | Numbered::Routing"

# A card's deck is the nearest topic heading above it, at any level, nested
# under the topics that hold it (levels, then kinds of question); a heading of
# links to the guide's anchors is contents and names none, nor does the
# "Questions" of a section the guide gave no heading; "## # 1. Files" is
# called "1. Files".
card_decks() { # FIXTURE: "COUNT DECK|" for each deck that has cards
	"$BIN/md2guide" -o "$TMP/$1.xml" "tests/fixtures/$1.md" 2>/dev/null
	"$BIN/guide2anki" --styles styles -o "$TMP/$1.apkg" "$TMP/$1.xml" 2>/dev/null
	rm -rf "$TMP/$1" && mkdir "$TMP/$1" && (cd "$TMP/$1" && unzip -q "../$1.apkg" collection.anki2)
	sqlite3 "$TMP/$1/collection.anki2" "select count(*) || ' ' || (select json_extract(value, '\$.name')
		from col, json_each(col.decks) where key = c.did) from cards c group by did" |
		LC_ALL=C sort -k 2 | tr '\n' '|'
}
expect "decks: topics nest at any level (conv-topics)" test "$(card_decks conv-topics)" = \
	"1 Linux Admin Questions::General Knowledge::Junior::Network|2 Linux Admin Questions::General Knowledge::Junior::System|2 Linux Admin Questions::General Knowledge::Senior::System|1 Linux Admin Questions::Scripting|"
expect "decks: topics among questions of their level, no made-up deck (conv-topiclevel)" \
	test "$(card_decks conv-topiclevel)" = "2 Shell Basics::1. Files|2 Shell Basics::2. Processes|"
expect "decks: contents name no deck (conv-contents)" test "$(card_decks conv-contents)" = \
	"4 Git Interview::Basics|3 Git Interview::Error messages|4 Git Interview::Remotes|"
expect "decks: cards of a guide without sections in its top deck (conv-listoutdent)" \
	test "$(card_decks conv-listoutdent)" = "4 Networking Interview|"
# A glossary's index letters ("## A", "## B", "## D"; "### A" over questions)
# name no deck: three or more one-letter titles in a row, in alphabetical
# order. The languages C and R as sections among others keep theirs.
expect "decks: a glossary's letters name no deck (conv-glossaryletters)" \
	test "$(card_decks conv-glossaryletters)" = "5 Storage glossary|"
expect "decks: C and R are languages, ### A B C index letters (conv-langsections)" \
	test "$(card_decks conv-langsections)" = "1 Language questions::C|1 Language questions::Java|1 Language questions::R|3 Language questions::Terms by letter|"
