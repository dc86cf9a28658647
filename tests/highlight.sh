#!/bin/sh
# tests/highlight.sh: code blocks as token runs (`<t k="...">` in a codeblock).
# A tree that carries runs is read by every back end, and what a reader gets
# back as text (pdftotext, the book's words, the deck's fields with their tags
# stripped) is what the same tree without runs gives; a run of an unknown
# kind is refused.
. tests/lib.sh

plain=tests/trees/sample.xml
runs="$TMP/runs.xml"
# The same code, split into runs: xs = [1, 2] as variable, operator, ...
sed 's|<codeblock line="19" lang="python" info="python">xs = \[1, 2\]|<codeblock line="19" lang="python" info="python"><t k="variable">xs</t> <t k="operator">=</t> <t k="punctuation">[</t><t k="number">1</t>, <t k="number">2</t><t k="punctuation">]</t>|' \
	"$plain" >"$runs"
if grep -q '<t k="number">1</t>' "$runs"; then
	ok "a sample tree with token runs"
else
	fail "a sample tree with token runs" "the sed left the code block as it was"
fi

# strip_tags FILE...: the text of HTML or XML files, markup removed.
strip_tags() {
	cat "$@" | sed -e 's/<[^>]*>//g'
}

for tool in $(built_backends); do
	case $tool in
	guide2pdf)
		"$BIN/guide2pdf" -o "$TMP/plain.pdf" "$plain" 2>"$TMP/err" &&
			"$BIN/guide2pdf" -o "$TMP/runs.pdf" "$runs" 2>>"$TMP/err" &&
			pdftotext "$TMP/plain.pdf" "$TMP/plain.txt" && pdftotext "$TMP/runs.pdf" "$TMP/runs.txt"
		;;
	guide2epub)
		"$BIN/guide2epub" -o "$TMP/plain.epub" "$plain" 2>"$TMP/err" &&
			"$BIN/guide2epub" -o "$TMP/runs.epub" "$runs" 2>>"$TMP/err" &&
			mkdir -p "$TMP/pe" "$TMP/re" && unzip -qo "$TMP/plain.epub" -d "$TMP/pe" &&
			unzip -qo "$TMP/runs.epub" -d "$TMP/re" &&
			strip_tags "$TMP"/pe/OEBPS/*.xhtml >"$TMP/plain.txt" &&
			strip_tags "$TMP"/re/OEBPS/*.xhtml >"$TMP/runs.txt"
		;;
	guide2anki)
		"$BIN/guide2anki" --format tsv -o "$TMP/plain.tsv" "$plain" 2>"$TMP/err" &&
			"$BIN/guide2anki" --format tsv -o "$TMP/runs.tsv" "$runs" 2>>"$TMP/err" &&
			strip_tags "$TMP/plain.tsv" >"$TMP/plain.txt" &&
			strip_tags "$TMP/runs.tsv" >"$TMP/runs.txt"
		;;
	esac
	status=$?
	if [ "$status" -eq 0 ] && sanitizer_clean "$TMP/err" && cmp -s "$TMP/plain.txt" "$TMP/runs.txt" &&
		grep -q 'xs = \[1, 2\]' "$TMP/runs.txt"; then
		ok "$tool: token runs give the code's text as it was"
	else
		fail "$tool: token runs give the code's text as it was" "exit $status" \
			"$(head -n 5 "$TMP/err")" "$(diff "$TMP/plain.txt" "$TMP/runs.txt" 2>&1 | head -n 8)"
	fi

	sed 's|<t k="number">1</t>|<t k="blink">1</t>|' "$runs" >"$TMP/bad.xml"
	"$BIN/$tool" -o "$TMP/bad.$(ext_of "$tool")" "$TMP/bad.xml" 2>"$TMP/bad.err"
	problems=$(outcome_problems $? 1 'bad\.xml:[0-9]+: error:' "$TMP/bad.err")
	if [ -z "$problems" ] && [ ! -e "$TMP/bad.$(ext_of "$tool")" ]; then
		ok "$tool: a token of an unknown kind is refused"
	else
		fail "$tool: a token of an unknown kind is refused" "$problems" "$(head -n 3 "$TMP/bad.err")"
	fi
done
