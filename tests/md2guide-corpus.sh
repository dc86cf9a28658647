# The CommonMark spec examples and the GFM extension examples (tests/corpus/, see
# its README): every example converts, under the sanitizers, to a schema-valid
# tree; an example that is only blank lines is refused as empty input, exit 1.
. tests/lib.sh

mkdir -p "$TMP/examples"
# Examples sit between a line of 32 backticks plus " example" and a line of 32
# backticks; the Markdown ends at a line holding only "."; "→" stands for a tab.
for corpus in spec extensions; do
	awk -v dir="$TMP/examples" -v prefix="$corpus" '
		BEGIN { fence = sprintf("%32s", ""); gsub(/ /, "`", fence) }
		index($0, fence " example") == 1 { n++; file = sprintf("%s/%s-%03d.md", dir, prefix, n); inside = 1; md = 1; printf "" > file; next }
		inside && $0 == fence { inside = 0; close(file); next }
		inside && md && /^\.$/ { md = 0; next }
		inside && md { gsub(/→/, "\t"); print > file }
	' "tests/corpus/$corpus.txt"
done
total=$(ls "$TMP/examples" | wc -l)
expect "corpus: 655 spec and 30+ extension examples found ($total)" test "$total" -ge 685

# Two at a time: the sanitizer start-up dominates, and there are two cores.
ls "$TMP/examples"/*.md | xargs -P 2 -n 20 sh -c '
	for md; do
		"$0" -o "${md%.md}.xml" "$md" 2>"$md.err"
		echo $? >"$md.status"
	done' "$BIN/md2guide"
bad=
for md in "$TMP/examples"/*.md; do
	status=$(cat "$md.status")
	if [ "$status" -eq 1 ] && grep -q 'error: empty input' "$md.err" &&
		! grep -q '[^[:space:]]' "$md"; then
		continue
	fi
	if [ "$status" -ne 0 ] || ! sanitizer_clean "$md.err"; then
		bad="$bad $(basename "$md"):exit$status"
	fi
done
expect "corpus: every example converts under ASan/UBSan${bad:+ (failed:$bad)}" test -z "$bad"

# One xmllint run validates them all (one process per file would be slow).
if xmllint --noout --relaxng tools/guide.rng "$TMP/examples"/*.xml >"$TMP/valid.out" 2>&1; then
	ok "corpus: every tree is schema-valid"
else
	fail "corpus: every tree is schema-valid" "$(grep -v 'validates$' "$TMP/valid.out" | head -n 20)"
fi
