#!/bin/sh
# tests/hostile-fuzz-regressions.sh: every input that ever made a fuzz target
# fail (tests/fuzz/regressions/TARGET/*) is replayed with the sanitizer builds:
# md2guide's inputs through md2guide (a tree it writes must validate against
# tools/guide.rng), highlight's as the code of a block of every language, anki-previous's as guide2anki's previous deck, anki-template's
# as both card templates of a style folder, the tree targets' inputs through
# every back end that exists, and the inputs of the targets on shared code
# where the tools meet them: an image's as the one image of a guide (every back
# end), a style's as handout.conf and a font's as the font cache's DejaVu Sans
# (guide2pdf).
# Each run must finish within 20 s, exit 0, 1 or 2, and run sanitizer-clean.
. tests/lib.sh

BACKENDS=$(built_backends)

# The guide an image input is shown in: $TMP/image/pic.png is the input.
mkdir -p "$TMP/image" "$TMP/styles" "$TMP/fonts"
printf '# Image\n\n## Questions\n\n### Q1: What is shown?\n\n![it](pic.png)\n' >"$TMP/image/g.md"
[ -x "$BIN/md2guide" ] && "$BIN/md2guide" -o "$TMP/image/g.xml" "$TMP/image/g.md" 2>/dev/null

# replay TOOL FILE [KIND]: KIND previous or template for the anki targets;
# image, style or fontcheck places FILE as above.
replay() {
	tool=$1 file=$2 kind=${3:-}
	label="$tool ${file#tests/fuzz/regressions/}"
	input=$file
	set -- -o "$TMP/out"
	[ "$tool" = md2guide ] || set -- --styles styles "$@"
	case $kind in
	template) rm -rf "$TMP/styles" && mkdir "$TMP/styles" &&
		cp "$file" "$TMP/styles/card-front.html" && cp "$file" "$TMP/styles/card-back.html" &&
		set -- --no-font --styles "$TMP/styles" -o "$TMP/out" &&
		input=tests/fixtures/anki-fields/guide.xml ;;
	previous) set -- --no-font --previous "$file" -o "$TMP/out" &&
		input=tests/fixtures/anki-fields/guide.xml ;;
	image) cp "$file" "$TMP/image/pic.png" && input="$TMP/image/g.xml" ;;
	style) rm -rf "$TMP/styles" && mkdir "$TMP/styles" &&
		cp "$file" "$TMP/styles/handout.conf" && input=tests/fixtures/pdf-blocks.xml &&
		set -- --styles "$TMP/styles" -o "$TMP/out" ;;
	fontcheck) cp "$file" "$TMP/fonts/DejaVuSans.ttf" && input=tests/fixtures/pdf-blocks.xml &&
		set -- --font-cache "$TMP/fonts" "$@" ;;
	esac
	rm -f "$TMP/out"
	timeout 20 "$BIN/$tool" "$@" "$input" >/dev/null 2>"$TMP/err"
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
		elif [ "$target" = highlight ]; then
			# The code (after the byte that picked a tag) in a block of every language.
			for lang in python bash javascript typescript tsx json yaml html xml css c java go sql; do
				printf '
%s %s
' '````````````````````' "$lang"
				tail -c +2 "$file"
				printf '
%s
' '````````````````````'
			done >"$TMP/highlight.md"
			[ -x "$BIN/md2guide" ] && replay md2guide "$TMP/highlight.md"
		elif [ "$target" = anki-previous ] || [ "$target" = anki-template ]; then
			[ -x "$BIN/guide2anki" ] && replay guide2anki "$file" "${target#anki-}"
		elif [ "$target" = image ]; then
			[ -f "$TMP/image/g.xml" ] && for tool in $BACKENDS; do replay "$tool" "$file" image; done
		elif [ "$target" = style ] || [ "$target" = fontcheck ]; then
			[ -x "$BIN/guide2pdf" ] && replay guide2pdf "$file" "$target"
		else
			for tool in $BACKENDS; do replay "$tool" "$file"; done
		fi
	done
done
[ "$count" -eq 0 ] && ok "no fuzz regression inputs yet"
exit 0
