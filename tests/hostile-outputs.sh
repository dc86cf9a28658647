#!/bin/sh
# tests/hostile-outputs.sh: what an interrupted or repeated run does to its
# output (tools/lib/atomic.c).
#  - SIGINT or SIGTERM while the output is being written: the temporary file
#    is removed and the previous output is unchanged.
#  - SIGKILL leaves NAME.tmpXXXXXX; the next run that writes NAME removes it
#    (and libzip's NAME.tmpXXXXXX.XXXXXX), but never the temporary file of a
#    run still going, nor a file merely named alike.
#  - An output's permissions (0600) are kept by the next run, in every tool.
# guide2epub is held mid-write deterministically: FONTCONFIG_FILE is a FIFO
# no one writes, and guide2epub asks fontconfig for its code font after it has
# created its temporary file, so it waits there until the signal comes.
. tests/lib.sh

if [ ! -x "$BIN/md2guide" ] || [ ! -x "$BIN/guide2epub" ]; then
	ok "no md2guide or guide2epub yet"
	exit 0
fi
dir="$TMP/out"
mkdir -p "$dir"
printf '# Outputs\n\n## Questions\n\n### Q1: What is kept?\n\nThe old file.\n' >"$TMP/g.md"
"$BIN/md2guide" -o "$TMP/g.xml" "$TMP/g.md" 2>/dev/null || fail "md2guide reads the guide"
mkfifo "$TMP/fonts.conf"

temps() { ls "$dir" | grep '\.tmp' | tr '\n' ' '; }

# held_epub [SIGNAL-TO-DEFAULT]: starts guide2epub held mid-write; its pid in
# $held. A background job ignores SIGINT unless env resets it.
held_epub() {
	FONTCONFIG_FILE="$TMP/fonts.conf" env ${1:+--default-signal=$1} \
		"$BIN/guide2epub" -o "$dir/g.epub" "$TMP/g.xml" 2>"$TMP/held.err" &
	held=$!
	i=0
	while [ -z "$(temps)" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$(temps)" ]
}

printf 'previous book\n' >"$dir/g.epub"
for sig in INT TERM; do
	if ! held_epub "$sig"; then
		fail "SIG$sig: guide2epub is held while writing" "$(cat "$TMP/held.err")"
		kill -KILL "$held" 2>/dev/null
		continue
	fi
	kill "-$sig" "$held"
	wait "$held" 2>/dev/null
	status=$?
	if [ -n "$(temps)" ]; then
		fail "SIG$sig: the temporary file is removed" "$(temps)"
	elif [ "$(cat "$dir/g.epub")" != "previous book" ]; then
		fail "SIG$sig: the previous output is unchanged"
	elif ! sanitizer_clean "$TMP/held.err"; then
		fail "SIG$sig: no sanitizer report" "$(head -n 5 "$TMP/held.err")"
	else
		ok "SIG$sig: temporary file removed, previous output unchanged (exit $status)"
	fi
done

# SIGKILL: nothing can clean up then, so the next run does.
held_epub || fail "SIGKILL: guide2epub is held while writing"
kill -KILL "$held"
wait "$held" 2>/dev/null
left=$(temps)
: >"$dir/g.epub.tmpQWERTY.ASDFGH" # what libzip leaves beside it
: >"$dir/g.epub.tmp-not-ours"
: >"$dir/other.epub.tmpABCDEF"
if [ -z "$left" ]; then
	fail "SIGKILL leaves a temporary file (the setting of this test)"
elif ! "$BIN/guide2epub" -o "$dir/g.epub" "$TMP/g.xml" 2>"$TMP/next.err"; then
	fail "the run after a SIGKILL succeeds" "$(head -n 3 "$TMP/next.err")"
elif [ "$(temps)" != "g.epub.tmp-not-ours other.epub.tmpABCDEF " ]; then
	fail "the next run removes the temporary files a SIGKILL left, and only those" \
		"left by SIGKILL: $left" "now: $(temps)"
else
	ok "the next run removes the temporary files a SIGKILL left, and only those"
fi
rm -f "$dir/g.epub.tmp-not-ours" "$dir/other.epub.tmpABCDEF"

# A run still going keeps its temporary file while another writes the output.
if held_epub TERM; then
	mine=$(temps)
	"$BIN/guide2epub" -o "$dir/g.epub" "$TMP/g.xml" 2>"$TMP/second.err"
	if [ "$(temps)" = "$mine" ]; then
		ok "a second run leaves the temporary file of a run still going"
	else
		fail "a second run leaves the temporary file of a run still going" \
			"before: $mine" "after: $(temps)"
	fi
	kill -TERM "$held"
	wait "$held" 2>/dev/null
else
	fail "guide2epub is held while writing" "$(cat "$TMP/held.err")"
	kill -KILL "$held" 2>/dev/null
fi

# Permissions: each tool keeps an output's mode.
for tool in md2guide guide2pdf guide2epub guide2anki; do
	[ -x "$BIN/$tool" ] || continue
	out="$dir/mode.$(ext_of "$tool")"
	input="$TMP/g.xml"
	[ "$tool" = md2guide ] && input="$TMP/g.md"
	printf 'old\n' >"$out"
	chmod 0600 "$out"
	if ! "$BIN/$tool" -o "$out" "$input" 2>"$TMP/mode.err"; then
		fail "$tool: writes its output" "$(head -n 3 "$TMP/mode.err")"
	elif [ "$(stat -c %a "$out")" != 600 ]; then
		fail "$tool: an output's mode 0600 is kept" "now $(stat -c %a "$out")"
	else
		ok "$tool: an output's mode 0600 is kept"
	fi
done
exit 0
