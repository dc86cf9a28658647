# tests/hostile-timelimit.sh: every filter has a CPU-time budget (tools/lib/
# timelimit.c), by default scaled to its input, set with --time-limit. A run
# over budget ends with "FILE: error: this input takes too long to parse
# (...); limit with --time-limit", exit 1, the user's existing output file
# unchanged and no temporary file left. A budget of 0.05 s on an input that
# takes seconds under the sanitizers is over for certain, whatever the load.
. tests/lib.sh

awk 'BEGIN { while ((getline line < "input/interview-guide.md") > 0) text = text line "\n";
	for (i = 0; i < 40; i++) printf "%s", text }' >"$TMP/big.md"
"$BUILD/bin/md2guide" -o "$TMP/big.xml" "$TMP/big.md" 2>/dev/null

# over_budget TOOL INPUT: TOOL with --time-limit 0.05 on INPUT.
over_budget() {
	tool=$1 input=$2
	out="$TMP/out/kept.$(ext_of "$tool")"
	rm -rf "$TMP/out"
	mkdir -p "$TMP/out"
	echo "the user's old file" >"$out"
	set -- --time-limit 0.05 -o "$out" "$input"
	[ "$tool" = md2guide ] || set -- --styles styles "$@"
	timeout 120 "$BIN/$tool" "$@" >/dev/null 2>"$TMP/err"
	status=$?
	left=$(ls -A "$TMP/out" | grep -v "^kept\.")
	if [ "$status" -ne 1 ] ||
		! grep -qE "^$input: error: this input takes too long to parse \(more than 0.05 s of CPU time for [0-9.]+ [KM]iB\); limit with --time-limit$" "$TMP/err"; then
		fail "$tool over its budget: exit 1 and the message" "exit $status" "$(head -n 3 "$TMP/err")"
	elif ! grep -qx "the user's old file" "$out"; then
		fail "$tool over its budget: the existing output is unchanged"
	elif [ -n "$left" ]; then
		fail "$tool over its budget: no temporary file left" "$left"
	else
		ok "$tool over its budget: exit 1, $(sed "s|^$TMP/||" "$TMP/err" | cut -c1-100)"
	fi
}

over_budget md2guide "$TMP/big.md"
for tool in $(built_backends); do over_budget "$tool" "$TMP/big.xml"; done

# Over budget with an output half-written: the temporary file goes too.
cleanup="$TMP/timelimit-cleanup"
if cc -std=c11 -D_POSIX_C_SOURCE=200809L -g -fsanitize=address,undefined -Itools/lib -o "$cleanup" \
	tests/timelimit-cleanup.c "$BUILD/asan/libguide.a" $(pkg-config --libs libxml-2.0 libutf8proc) \
	2>"$TMP/cc.err"; then
	mkdir -p "$TMP/half"
	echo "the user's old file" >"$TMP/half/out.xml"
	timeout 60 "$cleanup" "$TMP/big.md" "$TMP/half/out.xml" >"$TMP/temp" 2>"$TMP/err"
	status=$?
	temp=$(cat "$TMP/temp")
	if [ "$status" -eq 1 ] && [ -n "$temp" ] && [ ! -e "$temp" ] &&
		[ "$(ls -A "$TMP/half")" = out.xml ] && grep -qx "the user's old file" "$TMP/half/out.xml" &&
		grep -q "^$TMP/big.md: error: this input takes too long to parse (more than 0.02 s" "$TMP/err"; then
		ok "over budget while writing: the temporary file is removed, the old output kept"
	else
		fail "over budget while writing: the temporary file is removed, the old output kept" \
			"exit $status, temp '$temp', folder: $(ls -A "$TMP/half" | tr '\n' ' ')" "$(head -n 2 "$TMP/err")"
	fi
else
	fail "timelimit-cleanup builds" "$(head -n 5 "$TMP/cc.err")"
fi

# Standard input has a name in the message too.
"$BIN/md2guide" --time-limit 0.05 <"$TMP/big.md" >/dev/null 2>"$TMP/err"
expect "md2guide over its budget on standard input names <stdin>" \
	grep -q '^<stdin>: error: this input takes too long to parse' "$TMP/err"

# Within the default budget, and with none at all, a guide converts.
for limit in "" 0 1000; do
	set -- -o "$TMP/guide.xml" input/interview-guide.md
	[ -n "$limit" ] && set -- --time-limit "$limit" "$@"
	"$BIN/md2guide" "$@" 2>"$TMP/err"
	expect "md2guide ${limit:+--time-limit $limit }converts the guide" test $? -eq 0
done

# Values that are not seconds are usage errors (exit 2), in every filter.
for tool in md2guide $(built_backends); do
	for bad in -1 abc 1e9 nan inf ""; do
		"$BIN/$tool" --time-limit "$bad" -o "$TMP/x.$(ext_of "$tool")" "$TMP/big.xml" \
			>/dev/null 2>"$TMP/err"
		status=$?
		if [ "$status" -eq 2 ] && grep -q "error: --time-limit '$bad': give seconds" "$TMP/err"; then
			ok "$tool --time-limit '$bad': a usage error"
		else
			fail "$tool --time-limit '$bad': a usage error (exit 2)" "exit $status" \
				"$(head -n 2 "$TMP/err")"
		fi
	done
	expect "$tool --help shows --time-limit" sh -c "'$BIN/$tool' --help | grep -q -- '--time-limit S'"
done
exit 0
