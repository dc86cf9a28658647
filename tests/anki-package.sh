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

# The code font: DejaVu Sans Mono as _guide-mono.ttf, loaded by the note type's CSS.
font=$(fc-match -f '%{file}' 'DejaVu Sans Mono')
expect "guide: media map names the font" test "$(cat "$TMP/x/media")" = '{"0":"_guide-mono.ttf"}'
expect "guide: member 0 is DejaVu Sans Mono" cmp "$TMP/x/0" "$font"
expect "guide: the CSS loads the font with @font-face" test \
	"$(q "select count(*) from col, json_each(col.models) where json_extract(value, '\$.css') like '%@font-face%url(\"_guide-mono.ttf\")%'")" = 1

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
