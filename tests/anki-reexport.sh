# anki-reexport: identity across exports. The same guide exported twice gives the
# same guids and ids (so importing both leaves one copy of every note); after one
# answer is edited, only that note's fields and mod change, and its mod is newer
# (Anki updates a note on import only when the incoming mod is newer).
#
# The mod rule: guide2anki reads the previous export (--previous FILE, by default
# the output file when it exists); a note whose fields and tags are unchanged
# keeps its old mod, a changed one gets max(export time, old mod + 1). Without a
# previous export every note's mod is the export time (SOURCE_DATE_EPOCH or the
# tree's mtime).
. tests/lib.sh

tree=$TMP/guide.xml
if ! "$BIN/md2guide" -o "$tree" input/interview-guide.md 2>"$TMP/md.err"; then
	fail "md2guide converts the guide" "$(cat "$TMP/md.err")"
	exit 0
fi
export_deck() { # export_deck EPOCH OUT [options...]
	epoch=$1 out=$2
	shift 2
	SOURCE_DATE_EPOCH=$epoch "$BIN/guide2anki" --no-font "$@" -o "$out" 2>>"$TMP/err"
}
# dump APKG QUERY: runs QUERY on the package's collection.
dump() {
	rm -rf "$TMP/d" && mkdir "$TMP/d" && (cd "$TMP/d" && unzip -q "$1" collection.anki2)
	sqlite3 "$TMP/d/collection.anki2" "$2"
}
IDS="select n.guid, n.id, c.id, c.did, n.mid from notes n join cards c on c.nid = n.id order by n.guid"
MODS="select guid, mod from notes order by guid"
FLDS="select guid, flds from notes order by guid"
MODEL="select json_extract(value, '\$.id') || ' ' || json_extract(value, '\$.mod') from col, json_each(col.models)"
DECKS="select key from col, json_each(col.decks) order by key"

: >"$TMP/err"
export_deck 1000 "$TMP/a.apkg" --no-previous "$tree"
export_deck 5000 "$TMP/b.apkg" --no-previous "$tree"
expect "re-export: both exports succeed quietly" test ! -s "$TMP/err"
dump "$TMP/a.apkg" "$IDS" >"$TMP/a.ids"
dump "$TMP/b.apkg" "$IDS" >"$TMP/b.ids"
expect "re-export: 35 notes" test "$(wc -l <"$TMP/a.ids")" -eq 35
expect "re-export: same guids, note ids, card ids, decks and note type" cmp "$TMP/a.ids" "$TMP/b.ids"
expect "re-export: same deck ids" test "$(dump "$TMP/a.apkg" "$DECKS")" = "$(dump "$TMP/b.apkg" "$DECKS")"
expect "re-export: guids are unique" test "$(cut -d'|' -f1 "$TMP/a.ids" | sort -u | wc -l)" -eq 35

# Edit one answer (the MTV card) and export again, with the first export as the
# previous one.
sed 's/Django uses MTV architecture:/Django uses the MTV architecture:/' "$tree" >"$TMP/edited.xml"
expect "re-export: the edit applies to the tree" test "$(grep -c 'Django uses the MTV' "$TMP/edited.xml")" = 1
export_deck 2000 "$TMP/c.apkg" --previous "$TMP/a.apkg" "$TMP/edited.xml"
dump "$TMP/c.apkg" "$IDS" >"$TMP/c.ids"
expect "edited: same guids and ids as before" cmp "$TMP/a.ids" "$TMP/c.ids"
dump "$TMP/a.apkg" "$FLDS" >"$TMP/a.flds"
dump "$TMP/c.apkg" "$FLDS" >"$TMP/c.flds"
changed=$(diff "$TMP/a.flds" "$TMP/c.flds" | grep '^>' | cut -d'|' -f1 | sed 's/^> //' | sort -u)
mtv=$(dump "$TMP/a.apkg" "select guid from notes where sfld like '%MTV%'")
expect "edited: only the MTV note's fields changed" test "$changed" = "$mtv"
dump "$TMP/a.apkg" "$MODS" >"$TMP/a.mods"
dump "$TMP/c.apkg" "$MODS" >"$TMP/c.mods"
mods_changed=$(diff "$TMP/a.mods" "$TMP/c.mods" | grep '^>' | sed 's/^> //')
expect "edited: only the MTV note's mod changed, to the export time" test "$mods_changed" = "$mtv|2000"
expect "edited: every other note keeps mod 1000" test \
	"$(grep -c '|1000$' "$TMP/c.mods")" -eq 34
expect "edited: the note type's mod is unchanged" test "$(dump "$TMP/a.apkg" "$MODEL")" = "$(dump "$TMP/c.apkg" "$MODEL")"

# The output file itself is the previous export by default (what `make` does).
cp "$TMP/a.apkg" "$TMP/out.apkg"
export_deck 2000 "$TMP/out.apkg" "$TMP/edited.xml"
expect "edited in place: same result as with --previous" cmp "$TMP/c.apkg" "$TMP/out.apkg"
# Exporting the unchanged guide over its own export changes nothing at all.
cp "$TMP/a.apkg" "$TMP/same.apkg"
export_deck 3000 "$TMP/same.apkg" "$tree"
expect "unchanged guide: every mod stays, ids stay" test \
	"$(dump "$TMP/same.apkg" "$MODS")" = "$(cat "$TMP/a.mods")"

# An export time older than the previous mod still makes the edited note newer.
export_deck 500 "$TMP/e.apkg" --previous "$TMP/a.apkg" "$TMP/edited.xml"
expect "edited with an older clock: the mod still grows (1001)" test \
	"$(dump "$TMP/e.apkg" "select mod from notes where guid = '$mtv'")" = 1001

# Restyled cards: a changed card.css makes the note type newer, notes unchanged.
mkdir -p "$TMP/styles"
sed 's/font-size: 18px/font-size: 20px/' styles/card.css >"$TMP/styles/card.css"
export_deck 4000 "$TMP/f.apkg" --previous "$TMP/a.apkg" --styles "$TMP/styles" "$tree"
expect "restyled: the note type's mod grows to the export time" test \
	"$(dump "$TMP/f.apkg" "$MODEL")" = "1700000000001 4000"
expect "restyled: no note's mod changes" test "$(dump "$TMP/f.apkg" "$MODS")" = "$(cat "$TMP/a.mods")"

# The code font is cut to the deck's characters and named by its content: Anki
# never replaces a media file it has, so a cut with new characters must come
# under a new name, named by the note type's CSS, whose mod then grows.
font_of() { unzip -p "$1" media; }
export_font() { # export_font EPOCH OUT TREE [options...]
	epoch=$1 out=$2
	shift 2
	SOURCE_DATE_EPOCH=$epoch "$BIN/guide2anki" "$@" -o "$out" 2>>"$TMP/err"
}
export_font 1000 "$TMP/fa.apkg" --no-previous "$tree"
cp "$TMP/fa.apkg" "$TMP/fb.apkg"
export_font 3000 "$TMP/fb.apkg" "$tree"
expect "font: the same guide over its own export keeps the font's name" test \
	"$(font_of "$TMP/fa.apkg")" = "$(font_of "$TMP/fb.apkg")"
expect "font: ... and the note type's mod" test "$(dump "$TMP/fb.apkg" "$MODEL")" = "1700000000001 1000"
sed 's/Django uses MTV architecture:/Django uses MTV architecture (Ω):/' "$tree" >"$TMP/omega.xml"
cp "$TMP/fa.apkg" "$TMP/fc.apkg"
export_font 3000 "$TMP/fc.apkg" "$TMP/omega.xml"
new_font=$(font_of "$TMP/fc.apkg" | sed -n 's/^{"0":"\(_guide-mono-[0-9a-f]*\.ttf\)"}$/\1/p')
expect "font: a new character gives the font a new name" test -n "$new_font" -a \
	"$(font_of "$TMP/fa.apkg")" != "$(font_of "$TMP/fc.apkg")"
expect "font: the note type's CSS names the new font and its mod grows" test \
	"$(dump "$TMP/fc.apkg" "select json_extract(value, '\$.mod') || ' ' || (json_extract(value, '\$.css') like '%url(\"$new_font\")%') from col, json_each(col.models)")" = "3000 1"
expect "font: only the edited note's mod changed" test \
	"$(dump "$TMP/fc.apkg" "select count(*) from notes where mod = 1000")" = 34

# Without a previous export every note carries the export time.
export_deck 2000 "$TMP/g.apkg" --no-previous "$TMP/edited.xml"
expect "no previous: every mod is the export time" test \
	"$(dump "$TMP/g.apkg" "select count(*) from notes where mod = 2000")" = 35

# Through a pipe there is no file date: the tree's date (md2guide records the
# source's modification time), else now, never 0 (Anki takes mod 0 for "never
# changed" and an import over it for no change at all).
cp input/interview-guide.md "$TMP/piped.md"
touch -d '2025-03-04 05:06:07 UTC' "$TMP/piped.md"
before=$(date -u +%s)
(
	unset SOURCE_DATE_EPOCH
	"$BIN/md2guide" "$TMP/piped.md" 2>/dev/null | "$BIN/guide2anki" --no-font --no-previous -o "$TMP/p1.apkg"
	"$BIN/md2guide" <"$TMP/piped.md" 2>/dev/null | "$BIN/guide2anki" --no-font --no-previous -o "$TMP/p0.apkg"
) 2>>"$TMP/err"
expect "piped: every note's mod is the source's date (1741064767)" test \
	"$(dump "$TMP/p1.apkg" "select count(*) from notes where mod = 1741064767")" = 35
expect "piped from standard input: no note has mod 0, all are dated now" test \
	"$(dump "$TMP/p0.apkg" "select count(*) from notes where mod >= $before")" = 35
SOURCE_DATE_EPOCH=0 "$BIN/guide2anki" --no-font --no-previous -o "$TMP/zero.apkg" "$tree" 2>>"$TMP/err"
expect "SOURCE_DATE_EPOCH=0: no note has mod 0" test \
	"$(dump "$TMP/zero.apkg" "select count(*) from notes where mod = 0")" = 0
# Re-exported through a pipe over the previous deck, from a source dated
# earlier than that deck: the edited note still gets a newer mod.
sed -i 's/Django uses MTV architecture:/Django uses the MTV architecture:/' "$TMP/piped.md"
touch -d '2024-01-01 00:00:00 UTC' "$TMP/piped.md"
cp "$TMP/p1.apkg" "$TMP/p2.apkg"
(unset SOURCE_DATE_EPOCH; "$BIN/md2guide" "$TMP/piped.md" 2>/dev/null | "$BIN/guide2anki" --no-font -o "$TMP/p2.apkg") 2>>"$TMP/err"
expect "piped re-export from an older source: the edited note's mod grows (1741064768), the rest stay" test \
	"$(dump "$TMP/p2.apkg" "select mod, count(*) from notes group by mod order by mod" | tr '\n' ' ')" = \
	"1741064767|34 1741064768|1 "

# The text export carries the same guids, one row per card.
SOURCE_DATE_EPOCH=1000 "$BIN/guide2anki" --format=tsv -o "$TMP/cards.tsv" "$tree" 2>>"$TMP/err"
rows=$(python3 -c '
import csv, sys
rows = [r for r in csv.reader(open(sys.argv[1], encoding="utf-8"), delimiter="\t") if r and not r[0].startswith("#")]
assert all(len(r) == 8 for r in rows), "8 columns"
print("\n".join(sorted(r[7] for r in rows)))' "$TMP/cards.tsv" 2>&1)
expect "tsv: one row per card, guid column equal to the package's guids" test \
	"$rows" = "$(cut -d'|' -f1 "$TMP/a.ids")"
expect "tsv: the headers Anki reads" test "$(grep -c -e '^#separator:tab$' -e '^#html:true$' \
	-e '^#notetype:Guide Card$' -e '^#deck column:6$' -e '^#tags column:7$' -e '^#guid column:8$' "$TMP/cards.tsv")" = 6
expect "re-export: no warnings, sanitizer clean" sanitizer_clean "$TMP/err"
