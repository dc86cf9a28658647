#!/bin/sh
# tests/valgrind.sh: every filter that exists (the normal build, $BUILD/bin)
# runs clean under valgrind memcheck on the guide: md2guide on the Markdown,
# each back end on its tree. Clean means no error and no byte definitely or
# indirectly lost (valgrind exits 99 otherwise).
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

for tool in $TOOLS; do
	[ "$tool" = md2guide ] && continue
	[ -x "$NATIVE/$tool" ] || continue
	out="$TMP/guide.$(ext_of "$tool")"
	memcheck "$tool" "$out" "$NATIVE/$tool" --styles styles -o "$out" "$tree"
done
