# md2guide on bad input: each case gets a clear "FILE[:LINE]: error|warning:"
# message, the documented exit status (0 ok, 1 input error, 2 usage or system
# error), never a crash, and never an output file when it fails.
. tests/lib.sh

md2guide=$BIN/md2guide
fast=$BUILD/bin/md2guide # big inputs: the optimised build, to keep the suite quick

# case NAME STATUS PATTERN INPUT [TOOL]: converts INPUT to $TMP/NAME.xml and
# checks the exit status, that stderr matches PATTERN (- for no message at all), that the sanitizers were
# quiet, and that a failed run left no output file behind.
case_() {
	name=$1 want=$2 pattern=$3 input=$4 tool=${5:-$md2guide}
	out="$TMP/$name.xml"
	rm -f "$out"
	timeout 120 "$tool" -o "$out" "$input" >/dev/null 2>"$TMP/$name.err"
	status=$?
	problems=$(outcome_problems "$status" "$want" "$pattern" "$TMP/$name.err")
	if [ "$want" -ne 0 ] && ls "$TMP/$name.xml"* >/dev/null 2>&1; then
		problems="$problems; output or temporary file left behind"
	fi
	if [ "$want" -eq 0 ] && ! xmllint --noout --huge --relaxng tools/guide.rng "$out" >/dev/null 2>&1; then
		problems="$problems; output is not a valid tree"
	fi
	if [ -z "$problems" ]; then
		ok "bad input: $name (exit $want)"
	else
		fail "bad input: $name" "$problems" "$(head -c 600 "$TMP/$name.err")"
	fi
}

case_ missing-file 2 "^$TMP/nothing.md: error: cannot open: No such file" "$TMP/nothing.md"
mkdir -p "$TMP/folder.md"
case_ directory 2 "^$TMP/folder.md: error: is a directory" "$TMP/folder.md"
: >"$TMP/empty.md"
case_ empty-file 1 "^$TMP/empty.md: error: empty input" "$TMP/empty.md"
printf '\n  \n\t\n' >"$TMP/blank.md"
case_ blank-file 1 "^$TMP/blank.md: error: empty input" "$TMP/blank.md"
# A stray NUL is U+0000, which CommonMark reads as U+FFFD: a warning, not a
# refusal. A file that is binary (NULs all through it, a known magic number)
# is refused.
printf '# Title\n\nsome text\n\000\001\002\377\376 stray bytes\000\n' >"$TMP/stray-nul.md"
case_ stray-nul 0 "^$TMP/stray-nul.md:4: warning: a NUL byte; replaced with U\\+FFFD" "$TMP/stray-nul.md"
expect "bad input: a stray NUL becomes U+FFFD in the tree" grep -q '��' "$TMP/stray-nul.xml"
head -c 20000 /dev/urandom | tr '\001-\017' '\000' >"$TMP/random.md"
case_ random-junk 1 "^$TMP/random.md:[0-9]+: error: contains NUL bytes all through it" "$TMP/random.md"
printf '\211PNG\r\n\032\n# not a guide\n' >"$TMP/image.md"
case_ png-magic 1 "^$TMP/image.md: error: this is a PNG image, not Markdown text" "$TMP/image.md"

# Noncharacters: written as they are, or as character references, which
# cmark-gfm decodes (U+FFFE and U+FFFF to lone bytes that are not UTF-8):
# U+FFFD in the tree, a warning at the line, in headings too.
printf '# Title &#xfffe;\n\n## Part &#xFFFF;\n\ntext &#xfdd0; and \357\267\220 raw\n\n[a](/u&#xfffe; "t&#xffff;")\n' >"$TMP/nonchar.md"
case_ noncharacters 0 "^$TMP/nonchar.md:1: warning: a character reference to a noncharacter" "$TMP/nonchar.md"
expect "bad input: noncharacters are reported at each line" test \
	"$(sed -n 's/^[^:]*:\([0-9]*\): warning: .*noncharacter.*replaced with U+FFFD$/\1/p' \
		"$TMP/noncharacters.err" | sort -u | tr '\n' ' ')" = "1 3 5 7 "
printf '# G\n\n## S\n\n<details><summary>What is &#xfffe;?</summary>\nbody &#xffff;\n</details>\n' >"$TMP/nonchar-details.md"
case_ noncharacters-in-details 0 "^$TMP/nonchar-details.md:5: warning: a character reference to a noncharacter" "$TMP/nonchar-details.md"
expect "bad input: noncharacters in a <details> parsed apart become U+FFFD" test \
	"$(grep -o '�' "$TMP/noncharacters-in-details.xml" | wc -l)" -eq 2
expect "bad input: noncharacters become U+FFFD in the tree" test \
	"$(grep -o '�' "$TMP/noncharacters.xml" | wc -l)" -ge 6
if [ -r /etc/shadow ] && [ "$(id -u)" -ne 0 ]; then
	case_ unreadable 2 "error: cannot open: Permission denied" /etc/shadow
fi

# Invalid UTF-8 is repaired, not refused: U+FFFD in the tree and a warning per line.
printf '# Caf\351\n\n## Menu\n\nGood line.\n\nBad \303\050 line and \355\240\200 surrogate.\n' >"$TMP/latin1.md"
case_ invalid-utf8 0 "^$TMP/latin1.md:1: warning: invalid UTF-8" "$TMP/latin1.md"
expect "bad input: invalid UTF-8 is reported on each line it occurs" test \
	"$(grep -c 'warning: invalid UTF-8' "$TMP/invalid-utf8.err")" = 2
expect "bad input: invalid UTF-8 becomes U+FFFD in the tree" grep -q 'Caf�' "$TMP/invalid-utf8.xml"

# Hostile sizes and shapes.
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "deep" }' >"$TMP/deep-list.md"
case_ nested-lists-10000 1 "^$TMP/deep-list.md:1: error: lists, quotes or emphasis nested more than 100 levels" "$TMP/deep-list.md"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf ">"; print " deep" }' >"$TMP/deep-quote.md"
case_ nested-quotes-10000 1 "^$TMP/deep-quote.md:1: error: .*nested more than 100 levels" "$TMP/deep-quote.md"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "*a "; printf "x"; for (i = 0; i < 10000; i++) printf " a*"; print "" }' >"$TMP/deep-emph.md"
case_ nested-emphasis-10000 1 "^$TMP/deep-emph.md:1: error: .*nested more than 100 levels" "$TMP/deep-emph.md"
# A <details> block is parsed apart from the document: the same limit holds
# there, at its own lines (200,000 levels once overflowed the stack).
awk 'BEGIN { printf "# G\n\n## S\n\n<details><summary>What?</summary>\n";
	for (i = 0; i < 200000; i++) printf "> "; print "x\n</details>" }' >"$TMP/deep-details.md"
case_ nested-details-body-200000 1 "^$TMP/deep-details.md:6: error: .*nested more than 100 levels" "$TMP/deep-details.md"
awk 'BEGIN { printf "# G\n\n## S\n\n<details><summary>";
	for (i = 0; i < 1000; i++) printf "*a "; printf "x"; for (i = 0; i < 1000; i++) printf " a*";
	print "</summary>\nbody\n</details>" }' >"$TMP/deep-summary.md"
case_ nested-details-summary-1000 1 "^$TMP/deep-summary.md:5: error: .*nested more than 100 levels" "$TMP/deep-summary.md"
# A line of more than 201 '|' is refused where a table could read it, even
# next to fenced code (tests/fixtures/code-pipes.md: inside it, it is kept):
# a table row; a line after "    ```", which continues the paragraph above
# and opens no fence; a line after a fence that a quote's end closed; a table
# after a front matter whose YAML holds a fence (the parser never sees it);
# the line counted as cmark-gfm counts lines, a lone CR ending one; a line
# indented as code right under a paragraph, which it continues. In an
# indented code block, the line is code and kept.
pipes=$(awk 'BEGIN { for (i = 0; i < 250; i++) printf "| a "; print "|" }')
printf '# G\n\n```\ncode\n```\n\n%s\n%s\n' "$pipes" "$(echo "$pipes" | tr a -)" >"$TMP/wide-row.md"
case_ wide-table-row 1 "^$TMP/wide-row.md:7: error: more than 201 '\\|' on one line" "$TMP/wide-row.md"
printf '# G\n\ntext\n    ```\n%s\n    ```\n' "$pipes" >"$TMP/lazy-fence.md"
case_ wide-line-after-lazy-fence 1 "^$TMP/lazy-fence.md:5: error: more than 201" "$TMP/lazy-fence.md"
printf '# G\n\n> ```\n%s\n```\n' "$pipes" >"$TMP/quote-fence.md"
case_ wide-line-after-quoted-fence 1 "^$TMP/quote-fence.md:4: error: more than 201" "$TMP/quote-fence.md"
printf -- '---\ntitle: G\nnote: |\n  ```\n---\n\n%s\n' "$pipes" >"$TMP/front-fence.md"
case_ wide-line-after-front-matter-fence 1 "^$TMP/front-fence.md:7: error: more than 201" "$TMP/front-fence.md"
printf '# G\r\rtext\r%s\n' "$pipes" >"$TMP/cr-lines.md"
case_ wide-line-after-lone-crs 1 "^$TMP/cr-lines.md:4: error: more than 201" "$TMP/cr-lines.md"
printf '# G\n\ntext\n    %s\n' "$pipes" >"$TMP/indented-text.md"
case_ wide-line-indented-in-a-paragraph 1 "^$TMP/indented-text.md:4: error: more than 201" "$TMP/indented-text.md"
printf '# G\n\ntext\n\n    %s\n\nmore\n' "$pipes" >"$TMP/indented-code.md"
case_ wide-line-in-indented-code 0 "no questions found" "$TMP/indented-code.md"
expect "bad input: the indented code's line of '|' is kept whole" \
	grep -qF "<codeblock line=\"5\">$pipes" "$TMP/wide-line-in-indented-code.xml"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "word%d ", i % 97; print "" }' >"$TMP/long-line.md"
case_ line-of-10MB 0 "no questions found" "$TMP/long-line.md" "$fast"
awk 'BEGIN { while ((getline line < "input/interview-guide.md") > 0) text = text line "\n";
	for (i = 0; i < 700; i++) printf "%s", text }' >"$TMP/big.md"
case_ guide-of-50MB 0 "duplicate question" "$TMP/big.md" "$fast"
expect "bad input: the 50 MB guide keeps its 24,500 cards" test \
	"$(grep -c '<card ' "$TMP/guide-of-50MB.xml")" = 24500
rm -f "$TMP/big.md" "$TMP/guide-of-50MB.xml"
head -c 70000000 /dev/zero | tr '\0' 'a' >"$TMP/huge.md"
case_ over-64MiB 2 "^$TMP/huge.md: error: input is [0-9]+ bytes, over the limit of 64 MiB" "$TMP/huge.md" "$fast"
rm -f "$TMP/huge.md"

# Output paths that must be refused, leaving nothing behind.
guide=tests/fixtures/conv-list.md
mkdir -p "$TMP/outdir"
"$md2guide" -o "$TMP/outdir" "$guide" 2>"$TMP/o1.err"
status=$?
expect "bad output: a directory is refused (exit 2)" sh -c \
	"[ $status -eq 2 ] && grep -q '^$TMP/outdir: error: output path is a directory' '$TMP/o1.err' && [ -z \"\$(ls -A '$TMP/outdir')\" ]"
"$md2guide" -o "$TMP/no/such/dir/x.xml" "$guide" 2>"$TMP/o2.err"
expect "bad output: a missing folder is refused (exit 2)" sh -c \
	"[ $? -eq 2 ] && grep -q 'error: cannot create output file' '$TMP/o2.err'"
ln -sf /etc/hostname "$TMP/link.xml"
"$md2guide" -o "$TMP/link.xml" "$guide" 2>"$TMP/o3.err"
expect "bad output: a symlink is refused and not followed" sh -c \
	"[ $? -eq 2 ] && grep -q 'symbolic link' '$TMP/o3.err' && [ -L '$TMP/link.xml' ]"
echo "old content" >"$TMP/kept.xml"
"$md2guide" -o "$TMP/kept.xml" "$TMP/empty.md" 2>/dev/null
expect "bad output: a failed run leaves the old output untouched" grep -qx "old content" "$TMP/kept.xml"
"$md2guide" --no-such-option "$guide" >/dev/null 2>"$TMP/o4.err"
expect "usage: an unknown option is exit 2, one line (no usage dump)" sh -c \
	"[ $? -eq 2 ] && [ \"\$(cat '$TMP/o4.err')\" = \"md2guide: error: unknown option '--no-such-option' (see md2guide --help)\" ]"
"$md2guide" --lang 'en us' "$guide" >/dev/null 2>"$TMP/o5.err"
expect "usage: a bad --lang is exit 2" sh -c "[ $? -eq 2 ] && grep -q 'not a language tag' '$TMP/o5.err'"
expect "usage: --help and --version exit 0" sh -c \
	"'$md2guide' --help | grep -q '^usage: md2guide' && '$md2guide' --version | grep -q '^md2guide [0-9]'"
