#!/bin/sh
# tests/hostile-fuzz-regressions.sh: every input that ever made a fuzz target
# fail (tests/fuzz/regressions/TARGET/*) is replayed with the sanitizer builds:
# md2guide's inputs through md2guide (a tree it writes must validate against
# tools/guide.rng), anki-previous's as guide2anki's previous deck, anki-template's
# as both card templates of a style folder, the tree targets' inputs through
# every back end that exists.
# Each run must finish within 20 s, exit 0, 1 or 2, and run sanitizer-clean.
. tests/lib.sh

BACKENDS=$(built_backends)

# replay TOOL FILE [HOW]: HOW is previous or template for the anki targets.
replay() {
	tool=$1 file=$2 how=${3:-}
	label="$tool ${file#tests/fuzz/regressions/}"
	set -- -o "$TMP/out"
	[ "$tool" = md2guide ] || set -- --styles styles "$@"
	if [ "$how" = template ]; then
		rm -rf "$TMP/styles" && mkdir "$TMP/styles" &&
			cp "$file" "$TMP/styles/card-front.html" && cp "$file" "$TMP/styles/card-back.html"
		set -- --no-font --styles "$TMP/styles" -o "$TMP/out"
	fi
	[ "$how" = previous ] && set -- --no-font --previous "$file" -o "$TMP/out"
	[ -n "$how" ] && file=tests/fixtures/anki-fields/guide.xml
	rm -f "$TMP/out"
	timeout 20 "$BIN/$tool" "$@" "$file" >/dev/null 2>"$TMP/err"
	status=$?
	if [ "$status" -eq 124 ]; then
		fail "$label: finishes within 20 s"
	elif ! sanitizer_clean "$TMP/err" || [ "$status" -gt 2 ]; then
		fail "$label: exits 0, 1 or 2 without a sanitizer report" "exit $status" \
			"$(grep -m 5 -E 'ERROR|runtime error|error:' "$TMP/err")"
	elif [ "$tool" = md2guide ] && [ "$status" -eq 0 ] &&
		! xmllint --noout --relaxng tools/guide.rng "$TMP/out" 2>"$TMP/valid"; then
		fail "$label: the tree validates" "$(head -n 3 "$TMP/valid")"
	else
		ok "$label: exit $status"
	fi
}

count=0
for dir in tests/fuzz/regressions/*/; do
	[ -d "$dir" ] || continue
	target=$(basename "$dir")
	for file in "$dir"*; do
		[ -f "$file" ] || continue
		count=$((count + 1))
		if [ "$target" = md2guide ]; then
			[ -x "$BIN/md2guide" ] && replay md2guide "$file"
		elif [ "$target" = anki-previous ] || [ "$target" = anki-template ]; then
			[ -x "$BIN/guide2anki" ] && replay guide2anki "$file" "${target#anki-}"
		else
			for tool in $BACKENDS; do replay "$tool" "$file"; done
		fi
	done
done
[ "$count" -eq 0 ] && ok "no fuzz regression inputs yet"
exit 0
