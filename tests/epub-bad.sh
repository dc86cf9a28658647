# guide2epub: bad input and bad output paths. A tree that fails the schema, a
# missing input, a folder that does not exist, a directory as output, no -o:
# a clear "file:line: error:" or "file: error:" message, a non-zero exit, and
# no .epub (nor a temporary file) left behind.
. tests/lib.sh

good=tests/fixtures/epub-book/guide.xml
out=$TMP/out
mkdir -p "$out"

# run NAME STATUS PATTERN ARGS...: expects exit STATUS, stderr matching PATTERN,
# no sanitizer report, and nothing left in $out.
run() {
	name=$1 want=$2 pattern=$3
	shift 3
	"$BIN/guide2epub" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
	status=$?
	if [ "$status" -ne "$want" ]; then
		fail "$name: exit $want" "got $status" "$(head -n 5 "$TMP/stderr")"
	elif ! grep -qE "$pattern" "$TMP/stderr"; then
		fail "$name: message matches $pattern" "$(head -n 5 "$TMP/stderr")"
	elif ! sanitizer_clean "$TMP/stderr"; then
		fail "$name: no sanitizer report" "$(head -n 20 "$TMP/stderr")"
	elif [ -n "$(ls -A "$out")" ]; then
		fail "$name: nothing written" "$(ls -A "$out")"
	else
		ok "$name: exit $want, $(head -n 1 "$TMP/stderr" | cut -c1-100)"
	fi
	rm -rf "${out:?}"/* "$out"/.[!.]* 2>/dev/null
}

# Trees that fail the schema, or are no trees at all.
sed 's/<guide version="1"/<guide version="2"/' "$good" >"$TMP/version.xml"
run "tree of another version" 1 "version.xml:[0-9]+: error: .*version" -o "$out/b.epub" "$TMP/version.xml"
sed 's/<hr line="70"\/>/<hr line="70"\/><blink line="71"\/>/' "$good" >"$TMP/schema.xml"
run "tree with an unknown element" 1 "schema.xml:[0-9]+: error:" -o "$out/b.epub" "$TMP/schema.xml"
sed 's/ key="0123456789abcdef"//' "$good" >"$TMP/nokey.xml"
run "card without its key" 1 "nokey.xml(:[0-9]+)?: error:" -o "$out/b.epub" "$TMP/nokey.xml"
printf '<guide version="1" lang="en" source="x.md"><meta><title>T' >"$TMP/cut.xml"
run "truncated XML" 1 "cut.xml:[0-9]+: error:" -o "$out/b.epub" "$TMP/cut.xml"
printf '# Not XML\n' >"$TMP/markdown.md"
run "Markdown instead of a tree" 1 "markdown.md: error: this is Markdown, not a guide tree: run md2guide first" -o "$out/b.epub" "$TMP/markdown.md"
: >"$TMP/empty.xml"
run "empty input" 1 "empty.xml: error:" -o "$out/b.epub" "$TMP/empty.xml"
run "missing input" 2 "no-such.xml: error:" -o "$out/b.epub" "$TMP/no-such.xml"
run "empty tree on stdin" 1 "<stdin>: error:" -o "$out/b.epub" </dev/null

# Outputs that cannot be written.
run "output in a missing folder" 2 "no/such/dir/b.epub: error:" -o "$TMP/no/such/dir/b.epub" "$good"
mkdir -p "$out/dir.epub"
"$BIN/guide2epub" -o "$out/dir.epub" "$good" >/dev/null 2>"$TMP/stderr"
status=$?
if [ "$status" -eq 2 ] && grep -q "dir.epub: error: .*directory" "$TMP/stderr" &&
	[ "$(ls -A "$out")" = dir.epub ] && [ -z "$(ls -A "$out/dir.epub")" ]; then
	ok "a directory as output: exit 2, message, nothing written"
else
	fail "a directory as output: exit 2, message, nothing written" "exit $status" \
		"$(cat "$TMP/stderr")" "$(ls -A "$out")"
fi
rm -rf "$out/dir.epub"
run "no -o" 2 "guide2epub: error: .*-o" "$good"
run "-o - (a zip cannot stream)" 2 "guide2epub: error: .*-o" -o - "$good"
run "unknown option" 2 "^guide2epub: error: unknown option '--frobnicate' \\(see guide2epub --help\\)$" --frobnicate -o "$out/b.epub" "$good"
run "two inputs" 2 "guide2epub: error: one input" -o "$out/b.epub" "$good" "$good"
SOURCE_DATE_EPOCH=yesterday run "bad SOURCE_DATE_EPOCH" 2 "SOURCE_DATE_EPOCH" -o "$out/b.epub" "$good"
run "--images folder that does not exist" 2 "nowhere: error:" --images "$TMP/nowhere" -o "$out/b.epub" "$good"

# An unwritable folder (only meaningful when not root, who may write anywhere).
if [ "$(id -u)" != 0 ]; then
	mkdir -p "$TMP/ro" && chmod a-w "$TMP/ro"
	run "output in a read-only folder" 2 "ro/b.epub: error:" -o "$TMP/ro/b.epub" "$good"
fi

# A failed run keeps the old book: nothing half-written replaces it.
"$BIN/guide2epub" -o "$TMP/keep.epub" "$good" 2>/dev/null
cp "$TMP/keep.epub" "$TMP/keep.orig"
"$BIN/guide2epub" -o "$TMP/keep.epub" "$TMP/schema.xml" 2>/dev/null
expect "a failed run leaves the previous book as it was" cmp "$TMP/keep.epub" "$TMP/keep.orig"
expect "a failed run leaves no temporary file" sh -c "! ls '$TMP' | grep -q 'keep.epub.tmp'"
