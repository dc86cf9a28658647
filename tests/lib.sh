# tests/lib.sh: the few helpers every test script uses. Sourced, never run.
#
# A test script is tests/NAME.sh. It calls `ok`/`fail` (or `expect`) once per
# check; tests/run adds up every script's results into "N passed, N failed".
# Environment from tests/run: BUILD (build folder), BIN (sanitizer-built tools),
# RESULTS (file the counts go to), TMP (a scratch folder of this script's own).

: "${BUILD:=build}"
: "${BIN:=$BUILD/asan/bin}"
: "${RESULTS:=/dev/null}"
: "${TMP:=$(mktemp -d)}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=99}"

ok() {
	echo "ok $*"
	echo pass >>"$RESULTS"
}

# fail DESCRIPTION [DETAIL...]: DETAIL lines are shown indented.
fail() {
	echo "FAIL $1"
	shift
	for line in "$@"; do printf '    %s\n' "$line"; done
	echo fail >>"$RESULTS"
}

# expect DESCRIPTION COMMAND...: passes when COMMAND exits 0; shows its output if not.
expect() {
	desc=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		fail "$desc" "command: $*" "$(printf '%s\n' "$out" | tail -n 15)"
	fi
}

# A sanitizer report anywhere in FILE means a memory or UB bug, whatever the exit.
sanitizer_clean() {
	! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$1"
}

# ext_of TOOL: the extension of what TOOL writes.
ext_of() {
	case $1 in
	md2guide) echo xml ;;
	guide2pdf) echo pdf ;;
	guide2epub) echo epub ;;
	guide2anki) echo apkg ;;
	guide2cards) echo pdf ;;
	*) echo "${1#guide2}" ;;
	esac
}

# outcome_problems STATUS WANT PATTERN ERRFILE: prints what is wrong with a run
# that exited STATUS (WANT expected) and wrote ERRFILE: a message not matching
# the extended regular expression PATTERN (- for: no message at all), or a
# sanitizer report. Prints nothing when all is well.
outcome_problems() {
	out=
	[ "$1" -eq "$2" ] || out="exit $1, expected $2"
	if [ "$3" = - ]; then
		[ -s "$4" ] && out="$out; expected no message"
	elif ! grep -qE "$3" "$4"; then
		out="$out; message does not match /$3/"
	fi
	sanitizer_clean "$4" || out="$out; sanitizer report"
	printf '%s' "$out"
}

# built_backends: the back ends of TOOLS whose sanitizer build exists in BIN.
built_backends() {
	for tool in ${TOOLS:-guide2pdf guide2epub guide2anki}; do
		[ "$tool" != md2guide ] && [ -x "$BIN/$tool" ] && printf '%s ' "$tool"
	done
	return 0
}

# compare_golden DESCRIPTION GOLDEN ACTUAL: passes when ACTUAL equals the
# golden file, showing the first lines of the diff if not. UPDATE_GOLDEN=1
# copies ACTUAL over the golden file first (then read the diff in git).
compare_golden() {
	[ -n "${UPDATE_GOLDEN:-}" ] && cp "$3" "$2"
	if diff -u "$2" "$3" >"$3.diff"; then
		ok "$1"
	else
		fail "$1" "$(head -n 20 "$3.diff")"
	fi
}
