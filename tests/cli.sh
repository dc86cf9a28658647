# cli: one command-line style for the four tools (tools/lib/cli.c). --help
# names every option, on standard output, exit 0; a bad option or a missing
# value is one line "TOOL: error: ... (see TOOL --help)", exit 2, no help;
# guide2pdf will not write PDF bytes to a terminal; a Markdown file given to a
# back end says so; a failed write to standard output gives the reason.
. tests/lib.sh

tree=$TMP/guide.xml
"$BUILD/bin/md2guide" -o "$tree" tests/fixtures/conv-list.md 2>/dev/null

# The long options a tool's source declares, one a line.
declared() {
	files=tools/$1.c
	[ -f "tools/$1/options.c" ] && files="$files tools/$1/options.c"
	grep -ho '{"[a-z-]*", \(no\|required\)_argument' $files | sed 's/{"\([a-z-]*\)".*/\1/'
}

for tool in md2guide guide2pdf guide2epub guide2anki; do
	"$BIN/$tool" --help >"$TMP/help.out" 2>"$TMP/help.err"
	status=$?
	missing=$(declared "$tool" | while read -r name; do
		grep -q -- "--$name\\b" "$TMP/help.out" || printf '%s ' "--$name"
	done)
	if [ "$status" -eq 0 ] && [ ! -s "$TMP/help.err" ] && [ -z "$missing" ] &&
		head -n 1 "$TMP/help.out" | grep -q "^usage: $tool "; then
		ok "$tool --help: usage and every option ($(declared "$tool" | wc -l)) on stdout, exit 0"
	else
		fail "$tool --help: usage and every option on stdout, exit 0" \
			"exit $status; missing: $missing" "$(head -n 3 "$TMP/help.err")"
	fi
	for bad in "--frobnicate:unknown option '--frobnicate'" "--frobnicate=1:unknown option '--frobnicate'" \
		"-Z:unknown option '-Z'" "-o:a value is missing after '-o'" \
		"--time-limit:a value is missing after '--time-limit'"; do
		arg=${bad%%:*} want="$tool: error: ${bad#*:} (see $tool --help)"
		"$BIN/$tool" "$arg" >"$TMP/bad.out" 2>"$TMP/bad.err" </dev/null
		status=$?
		if [ "$status" -eq 2 ] && [ ! -s "$TMP/bad.out" ] && [ "$(cat "$TMP/bad.err")" = "$want" ]; then
			ok "$tool $arg: one line, exit 2"
		else
			fail "$tool $arg: one line '$want', exit 2" "exit $status" "$(head -n 4 "$TMP/bad.err")"
		fi
	done
done

# A Markdown file given to a back end: what to do, not libxml2's complaint.
for tool in guide2pdf guide2epub guide2anki; do
	ext=$(ext_of "$tool")
	"$BIN/$tool" -o "$TMP/md.$ext" tests/fixtures/conv-list.md >/dev/null 2>"$TMP/md.err"
	status=$?
	want="tests/fixtures/conv-list.md: error: this is Markdown, not a guide tree: run md2guide first"
	if [ "$status" -eq 1 ] && [ "$(cat "$TMP/md.err")" = "$want" ] && [ ! -e "$TMP/md.$ext" ]; then
		ok "$tool on Markdown: '$want', exit 1"
	else
		fail "$tool on Markdown: '$want', exit 1" "exit $status" "$(head -n 3 "$TMP/md.err")"
	fi
done

# Standard output a terminal (a pty, through script(1)): no PDF bytes on it.
script -qec "'$BIN/guide2pdf' '$tree'" /dev/null </dev/null >"$TMP/tty.out" 2>&1
status=$?
if [ "$status" -eq 2 ] && grep -q "^guide2pdf: error: will not write PDF to a terminal; use -o FILE or redirect" "$TMP/tty.out" &&
	! grep -q '%PDF' "$TMP/tty.out"; then
	ok "guide2pdf with a terminal for stdout: refuses, exit 2, no PDF bytes"
else
	fail "guide2pdf with a terminal for stdout: refuses, exit 2" "exit $status" "$(head -c 300 "$TMP/tty.out")"
fi
"$BIN/guide2pdf" "$tree" >"$TMP/piped.pdf" 2>/dev/null
expect "guide2pdf to a file or pipe on stdout still writes the PDF" sh -c "head -c 5 '$TMP/piped.pdf' | grep -q '%PDF-'"

# A failed write to standard output names the reason.
if [ -w /dev/full ]; then
	# The guide's tree fills stdio's buffer, so its write fails while it is
	# written, the small ones only at the end.
	for run in "md2guide tests/fixtures/conv-list.md" "md2guide input/interview-guide.md" \
		"md2guide --explain tests/fixtures/conv-list.md" \
		"guide2pdf $tree" "guide2anki --no-font --format tsv $tree"; do
		"$BIN"/$run >/dev/full 2>"$TMP/full.err"
		status=$?
		if [ "$status" -eq 2 ] && grep -q "error: cannot write.*standard output: No space left on device$" "$TMP/full.err"; then
			ok "$run >/dev/full: exit 2 with the reason"
		else
			fail "$run >/dev/full: exit 2 with the reason" "exit $status" "$(head -n 3 "$TMP/full.err")"
		fi
	done
fi
