# anki-hostile: hostile previous decks. Whatever sits at the output path (or is
# given with --previous) is read as the last export, so it is hostile input:
# damaged zips, decks whose notes are an endless view, hundreds of thousands of
# rows, generated columns, zip bombs, huge strings, absurd mod times. Each one is
# ignored with one warning naming it (the fixture's own image warnings aside),
# the export goes on (every note gets the export time), the run is
# sanitizer-clean and bounded in time and memory, the previous file is left as it
# was, and no temporary file stays behind. The big decks are made here at run
# time, never stored.
. tests/lib.sh

dir=tests/fixtures/anki-fields
anki() { SOURCE_DATE_EPOCH=5000 "$BIN/guide2anki" --no-font "$@"; }
SOURCE_DATE_EPOCH=1000 "$BIN/guide2anki" --no-font -o "$TMP/good.apkg" "$dir/guide.xml" 2>/dev/null
mkdir -p "$TMP/good"
(cd "$TMP/good" && unzip -q ../good.apkg collection.anki2)
good_db=$TMP/good/collection.anki2

# package NAME.apkg DB: a package holding DB as collection.anki2 and an empty media map.
package() {
	rm -rf "$TMP/pkg" && mkdir "$TMP/pkg" && cp "$2" "$TMP/pkg/collection.anki2" &&
		printf '{}' >"$TMP/pkg/media" && (cd "$TMP/pkg" && zip -q -X "$1" collection.anki2 media)
}

# ignored DESCRIPTION PREVIOUS PATTERN: guide2anki --previous PREVIOUS warns once
# (matching PATTERN), exits 0 within 60 s and 200 MB, writes a valid deck whose
# notes all carry the export time, leaves PREVIOUS unchanged and no temporary file.
ignored() {
	desc=$1 previous=$2 pattern=$3
	cp "$previous" "$TMP/before"
	rm -rf "$TMP/out" && mkdir "$TMP/out"
	SOURCE_DATE_EPOCH=5000 /usr/bin/time -f %M -o "$TMP/rss" timeout 60 \
		"$BIN/guide2anki" --no-font --previous "$previous" -o "$TMP/out/x.apkg" \
		"$dir/guide.xml" 2>"$TMP/err" >/dev/null
	status=$?
	rss=$(tail -n 1 "$TMP/rss")
	problems=$(outcome_problems "$status" 0 "$pattern" "$TMP/err")
	[ "$(grep -c 'previous deck' "$TMP/err")" -eq 1 ] || problems="$problems; not one warning line"
	case $rss in *[!0-9]* | '') problems="$problems; no memory figure" ;; esac
	[ "${rss:-0}" -lt 204800 ] 2>/dev/null || problems="$problems; $rss KB of memory"
	cmp -s "$previous" "$TMP/before" || problems="$problems; the previous deck changed"
	[ "$(ls -A "$TMP/out")" = x.apkg ] || problems="$problems; files: $(ls -A "$TMP/out")"
	if [ -z "$problems" ]; then
		rm -rf "$TMP/d" && mkdir "$TMP/d" && (cd "$TMP/d" && unzip -q "$TMP/out/x.apkg")
		mods=$(sqlite3 "$TMP/d/collection.anki2" 'select count(*) from notes where mod <> 5000' 2>&1)
		[ "$mods" = 0 ] || problems="notes not at the export time: $mods"
	fi
	if [ -z "$problems" ]; then
		ok "$desc"
	else
		fail "$desc" "$problems" "$(head -n 5 "$TMP/err")"
	fi
}
WARN_ZIP='warning: the previous deck is not a usable Anki package \(.*\); every note gets the export time'
WARN_DB='\.apkg: warning: the previous deck is ignored \(.*\); every note gets the export time'

# Damaged zips (the buffer was freed twice once): deflate data that is not
# deflate, a CRC that does not match, a central directory claiming more bytes.
python3 - "$TMP/good.apkg" "$TMP" <<'PY'
import struct, sys, zipfile
src, tmp = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()
def member(blob, name):
    z = zipfile.ZipFile(src)
    info = z.getinfo(name)
    h = info.header_offset
    n, m = struct.unpack("<HH", blob[h + 26:h + 30])
    return info, h + 30 + n + m
info, start = member(data, "collection.anki2")
bad = bytearray(data)
bad[start:start + 64] = b"\xff" * 64          # block type 3: not deflate
open(tmp + "/deflate.apkg", "wb").write(bad)
# Stored (no compression), one byte changed: only the CRC can tell.
with zipfile.ZipFile(tmp + "/stored.apkg", "w", zipfile.ZIP_STORED) as z:
    z.writestr("collection.anki2", zipfile.ZipFile(src).read("collection.anki2"))
    z.writestr("media", "{}")
crc = bytearray(open(tmp + "/stored.apkg", "rb").read())
info, start = member(bytes(crc), "collection.anki2")
crc[start + 100] ^= 0x55
open(tmp + "/crc.apkg", "wb").write(crc)
# The central directory says the member is 4 times larger than it is.
big = bytearray(data)
cd = big.index(b"PK\x01\x02")
size = struct.unpack("<I", big[cd + 24:cd + 28])[0]
big[cd + 24:cd + 28] = struct.pack("<I", size * 4)
open(tmp + "/claims.apkg", "wb").write(big)
PY
ignored "bad deflate data in the previous deck: one warning" "$TMP/deflate.apkg" \
	"deflate\.apkg: $WARN_ZIP"
ignored "a CRC error in the previous deck: one warning" "$TMP/crc.apkg" "crc\.apkg: $WARN_ZIP"
ignored "a central directory claiming more bytes than there are: one warning" "$TMP/claims.apkg" \
	"claims\.apkg: $WARN_ZIP"

# A zip bomb: 512 MiB of zeros in half a megabyte.
python3 - "$TMP/bomb.apkg" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("collection.anki2", "w", force_zip64=True) as f:
        block = bytes(1 << 20)
        for _ in range(512):
            f.write(block)
    z.writestr("media", "{}")
PY
ignored "a zip bomb as the previous deck: refused before it is inflated" "$TMP/bomb.apkg" \
	'bomb\.apkg: warning: the previous deck is not a usable Anki package \(its collection.anki2 is over 128 MiB\)'

# notes as a view over an endless recursive query.
cp "$good_db" "$TMP/view.anki2"
sqlite3 "$TMP/view.anki2" "alter table notes rename to real_notes;
	create view notes as with recursive r(x) as (select 1 union all select x + 1 from r)
	select 'g' || x as guid, x as mod, '' as flds, '' as tags from r;"
package "$TMP/view.apkg" "$TMP/view.anki2"
ignored "notes as an endless view: ignored, never followed" "$TMP/view.apkg" \
	'view\.apkg: warning: the previous deck is ignored \(its notes and col are not both tables\)'

# A trigger would run only on a write, which never happens; a virtual table is not a table.
cp "$good_db" "$TMP/vtab.anki2"
sqlite3 "$TMP/vtab.anki2" "alter table notes rename to real_notes;
	create virtual table notes using fts4(guid, mod, flds, tags);"
package "$TMP/vtab.apkg" "$TMP/vtab.anki2"
ignored "notes as a virtual table: ignored" "$TMP/vtab.apkg" "$WARN_DB"

# 200,000 rows in notes and in col (the old probe joined them: 4e10 rows).
cp "$good_db" "$TMP/rows.anki2"
sqlite3 "$TMP/rows.anki2" "with recursive r(x) as (select 1 union all select x + 1 from r where x < 200000)
	insert into notes select x + 10, 'r' || x, 1, 1, 0, '', '', '', 0, 0, '' from r;
	with recursive r(x) as (select 1 union all select x + 1 from r where x < 200000)
	insert into col select x + 10, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', '{}', '{}', '{}' from r;"
package "$TMP/rows.apkg" "$TMP/rows.anki2"
ignored "200,000 notes and 200,000 col rows: ignored within the bounds" "$TMP/rows.apkg" \
	'rows\.apkg: warning: the previous deck is ignored \(more notes than a deck of this tool holds\)'

# A generated column computes a megabyte per row read, 2,000 times (4 GB of
# hex were it read; making more rows only slows sqlite3 down here, not the tool).
sqlite3 "$TMP/gen.anki2" "create table col (id integer primary key, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags);
	insert into col values (1, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', '{}', '{}', '{}');
	create table notes (id integer primary key, guid text, mod integer, tags text, seed integer,
		flds text generated always as (hex(zeroblob(1000000 + seed))));
	with recursive r(x) as (select 1 union all select x + 1 from r where x < 2000)
	insert into notes (id, guid, mod, tags, seed) select x, 'g' || x, 1, '', x from r;"
package "$TMP/gen.apkg" "$TMP/gen.anki2"
ignored "a generated column of a megabyte per note: ignored, never computed" "$TMP/gen.apkg" \
	'gen\.apkg: warning: the previous deck is ignored \(its notes or col have generated columns\)'

# One guid 100,000 times (each row would be compared with the guide's note).
cp "$good_db" "$TMP/dup.anki2"
sqlite3 "$TMP/dup.anki2" "with recursive r(x) as (select 1 union all select x + 1 from r where x < 100000)
	insert into notes select x + 10, (select guid from notes limit 1), 1, 1, 0, '', '', '', 0, 0, '' from r;"
package "$TMP/dup.apkg" "$TMP/dup.anki2"
ignored "one guid on many notes: ignored" "$TMP/dup.apkg" \
	'dup\.apkg: warning: the previous deck is ignored \(two notes have the same guid\)'

# A 20 MB JSON string in col.models (over the limit on one value).
cp "$good_db" "$TMP/json.anki2"
sqlite3 "$TMP/json.anki2" "update col set models = json_object('x', printf('%.*c', 20000000, 'a'))"
package "$TMP/json.apkg" "$TMP/json.anki2"
ignored "a 20 MB JSON string in the previous deck: ignored" "$TMP/json.apkg" \
	'json\.apkg: warning: the previous deck is ignored \(the note type: string or blob too big\)'

# A note's mod of INT64_MAX (next_mod overflowed), and one of a real number.
cp "$good_db" "$TMP/max.anki2"
sqlite3 "$TMP/max.anki2" "update notes set mod = 9223372036854775807, flds = 'changed'"
package "$TMP/max.apkg" "$TMP/max.anki2"
ignored "a previous mod of INT64_MAX: ignored, no overflow" "$TMP/max.apkg" \
	'max\.apkg: warning: the previous deck is ignored \(a note.s mod is not a time between 1970 and 9999\)'
cp "$good_db" "$TMP/nt.anki2"
sqlite3 "$TMP/nt.anki2" "update col set models = json_set(models, '\$.1700000000001.mod', 9223372036854775807)"
package "$TMP/nt.apkg" "$TMP/nt.anki2"
ignored "a note type mod of INT64_MAX: ignored" "$TMP/nt.apkg" "note type's mod is not a time"

# A FIFO as the previous deck never blocks.
mkfifo "$TMP/fifo.apkg"
timeout 20 "$BIN/guide2anki" --no-font --previous "$TMP/fifo.apkg" -o "$TMP/fifo-out.apkg" \
	"$dir/guide.xml" 2>"$TMP/err"
status=$?
expect "a FIFO as the previous deck: one warning, no wait" test -z \
	"$(outcome_problems "$status" 0 'fifo\.apkg: warning: the previous deck is not a usable Anki package \(not a regular file\)' "$TMP/err")"

# A good previous deck is still used: unchanged notes keep mod 1000.
anki --previous "$TMP/good.apkg" -o "$TMP/again.apkg" "$dir/guide.xml" 2>"$TMP/err"
rm -rf "$TMP/d" && mkdir "$TMP/d" && (cd "$TMP/d" && unzip -q "$TMP/again.apkg")
expect "a sound previous deck still keeps every unchanged mod" test \
	"$(sqlite3 "$TMP/d/collection.anki2" 'select count(*) from notes where mod = 1000')" = 4
expect "a sound previous deck: no warning about it" test "$(grep -c 'previous deck' "$TMP/err")" = 0
