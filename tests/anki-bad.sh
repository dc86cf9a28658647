# anki-bad: bad input and bad output paths. Each gives a clear "file:line: error:"
# or "file: error:" message, a non-zero exit status, and no partial .apkg.
. tests/lib.sh

dir=tests/fixtures/anki-fields
out=$TMP/out
mkdir -p "$out"
# refuses STATUS DESCRIPTION PATTERN COMMAND...: exits STATUS, stderr matches PATTERN,
# and $out stays empty (no output, no temporary file left behind).
refuses() {
	want=$1 desc=$2 pattern=$3
	shift 3
	"$@" >"$TMP/stdout" 2>"$TMP/err"
	status=$?
	left=$(ls -A "$out")
	if [ "$status" -eq "$want" ] && grep -qE "$pattern" "$TMP/err" && [ -z "$left" ] &&
		sanitizer_clean "$TMP/err"; then
		ok "$desc"
	else
		fail "$desc" "exit $status (want $want), files left: [$left]" "$(head -n 5 "$TMP/err")"
	fi
	rm -rf "$out" && mkdir -p "$out"
}
anki() { SOURCE_DATE_EPOCH=1 "$BIN/guide2anki" --no-font "$@"; }

# Input problems: exit 1.
sed 's|<answer line="57"><p line="57">Yes.</p></answer>||' "$dir/guide.xml" >"$TMP/invalid.xml"
refuses 1 "schema-invalid tree (card without answer): file:line: error" \
	'^.*invalid\.xml:[0-9]+: error: ' anki -o "$out/x.apkg" "$TMP/invalid.xml"
printf '<guide version="1"' >"$TMP/broken.xml"
refuses 1 "malformed XML: file:line: error" 'broken\.xml:[0-9]+: error: ' \
	anki -o "$out/x.apkg" "$TMP/broken.xml"
sed 's/version="1"/version="2"/' "$dir/guide.xml" >"$TMP/v2.xml"
refuses 1 "a tree of another version is refused" 'v2\.xml.*error: ' anki -o "$out/x.apkg" "$TMP/v2.xml"
refuses 2 "missing input: file: error" 'nowhere\.xml.*error: ' anki -o "$out/x.apkg" "$TMP/nowhere.xml"
refuses 2 "a folder as input: file: error" 'error: ' anki -o "$out/x.apkg" "$TMP"
sed 's|<question>Plain &amp; simple?</question>|<question> </question>|' \
	"$dir/guide.xml" >"$TMP/empty-question.xml"
refuses 1 "a card with an empty question: SOURCE:LINE: error" \
	'^anki-fields\.md:56: error: this card has an empty question' \
	anki -o "$out/x.apkg" "$TMP/empty-question.xml"
refuses 1 "an empty question in text export: no output either" 'empty question' \
	anki --format=tsv -o "$out/x.tsv" "$TMP/empty-question.xml"
refuses 2 "SOURCE_DATE_EPOCH past the year 9999 (its milliseconds overflowed)" \
	"SOURCE_DATE_EPOCH='9223372036854775807' is not a number of seconds up to the year 9999" \
	env SOURCE_DATE_EPOCH=9223372036854775807 "$BIN/guide2anki" --no-font -o "$out/x.apkg" "$dir/guide.xml"
refuses 1 "--previous FILE that does not exist" 'gone\.apkg: error: ' \
	anki --previous "$TMP/gone.apkg" -o "$out/x.apkg" "$dir/guide.xml"

# Output problems: exit 2, nothing written.
refuses 2 "output folder does not exist" 'no/such/dir/x\.apkg: error: ' \
	anki -o "$out/no/such/dir/x.apkg" "$dir/guide.xml"
mkdir "$TMP/adir.apkg"
refuses 2 "a folder as output" 'adir\.apkg: error: .*directory' anki -o "$TMP/adir.apkg" "$dir/guide.xml"
refuses 2 "an .apkg to standard output" 'error: .*-o FILE' anki "$dir/guide.xml"
refuses 2 "an unknown format" "unknown format 'pdf'" anki --format=pdf -o "$out/x" "$dir/guide.xml"
refuses 2 "an unknown option" "guide2anki: error: unknown option '--frobnicate' \\(see guide2anki --help\\)$" anki --frobnicate "$dir/guide.xml"

# A failed run leaves an existing package as it was.
anki -o "$TMP/keep.apkg" "$dir/guide.xml" 2>/dev/null
cp "$TMP/keep.apkg" "$TMP/keep.orig"
anki -o "$TMP/keep.apkg" "$TMP/empty-question.xml" 2>/dev/null
expect "a failed run leaves the old package untouched" cmp "$TMP/keep.apkg" "$TMP/keep.orig"
expect "a failed run leaves no temporary file" test "$(ls "$TMP" | grep -c 'keep.apkg.tmp')" = 0

# A previous "deck" that is not a package: a warning, and the export goes on.
printf 'not a zip' >"$TMP/junk.apkg"
anki -o "$TMP/junk.apkg" "$dir/guide.xml" 2>"$TMP/err"
expect "a non-package at the output path: warned, then replaced by the deck" \
	sh -c "grep -q 'junk.apkg: warning: the previous deck is not a usable Anki package' '$TMP/err' && unzip -l '$TMP/junk.apkg' | grep -q collection.anki2"

# Help and version.
expect "--version prints guide2anki 0.1" test "$("$BIN/guide2anki" --version)" = "guide2anki 0.1"
expect "--help prints the usage and exits 0" sh -c "'$BIN/guide2anki' --help | grep -q '^usage: guide2anki'"
expect "the man page is well-formed" sh -c "groff -man -Tutf8 -ww -z tools/man/guide2anki.1 2>&1 | (! grep .)"
