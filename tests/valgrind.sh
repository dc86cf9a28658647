#!/bin/sh
# tests/valgrind.sh: every filter that exists (the normal build, $BUILD/bin)
# runs clean under valgrind memcheck on the guide: md2guide on the Markdown,
# each back end on its tree. Clean means no error and no byte definitely or
# indirectly lost (valgrind exits 99 otherwise).
# VALGRIND_ALL=1 (`make valgrind`) also runs every filter on every fixture in
# tests/fixtures/: minutes, so not part of `make check`.
. tests/lib.sh

TOOLS="${TOOLS:-md2guide guide2pdf guide2epub guide2anki}"
GUIDE="${GUIDE:-input/interview-guide.md}"
NATIVE="$BUILD/bin"

if ! command -v valgrind >/dev/null 2>&1; then
	fail "valgrind is installed (Debian package valgrind)"
	exit 0
fi

# memcheck NAME OUTPUT COMMAND...
memcheck() {
	name=$1 output=$2
	shift 2
	valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect --num-callers=20 --log-file="$TMP/$name.log" \
		"$@" >/dev/null 2>"$TMP/$name.err"
	status=$?
	summary=$(grep -E 'ERROR SUMMARY|definitely lost:|indirectly lost:' "$TMP/$name.log" |
		sed 's/^==[0-9]*== *//' | tr '\n' ';')
	if [ "$status" -eq 0 ] && [ -s "$output" ]; then
		ok "$name under valgrind: $summary"
	elif [ -n "${REFUSAL_OK:-}" ] && [ "$status" -eq 1 ]; then
		ok "$name under valgrind (input refused, exit 1): $summary"
	else
		fail "$name under valgrind: no error, nothing definitely or indirectly lost" \
			"exit $status" "$(grep -E -A 12 'Invalid|uninitialised|definitely lost in|indirectly lost in|ERROR SUMMARY' \
				"$TMP/$name.log" | head -n 40)" "$(head -n 3 "$TMP/$name.err")"
	fi
}

tree="$TMP/guide.xml"
if [ -x "$NATIVE/md2guide" ]; then
	memcheck md2guide "$tree" "$NATIVE/md2guide" -o "$tree" "$GUIDE"
fi
[ -s "$tree" ] || "$NATIVE/md2guide" -o "$tree" "$GUIDE" 2>/dev/null || exit 0

# memcheck_backends TREE NAME [LABEL]: every built back end on TREE, outputs $TMP/NAME.*
# (labelled "TOOL LABEL" when a LABEL is given).
memcheck_backends() {
	for tool in $TOOLS; do
		[ "$tool" = md2guide ] && continue
		[ -x "$NATIVE/$tool" ] || continue
		out="$TMP/$2.$(ext_of "$tool")"
		memcheck "$tool${3:+ $3}" "$out" "$NATIVE/$tool" --styles styles -o "$out" "$1"
	done
}
memcheck_backends "$tree" guide

[ -n "${VALGRIND_ALL:-}" ] || exit 0
# A fixture may be one a filter refuses on purpose (exit 1, e.g. a question
# with no answer for the deck): memory must be clean all the same.
REFUSAL_OK=1
for md in tests/fixtures/*.md; do
	base=$(basename "$md" .md)
	fixture_tree="$TMP/$base.xml"
	memcheck "md2guide $base" "$fixture_tree" "$NATIVE/md2guide" -o "$fixture_tree" "$md"
	[ -s "$fixture_tree" ] || continue
	memcheck_backends "$fixture_tree" "$base" "$base"
done
