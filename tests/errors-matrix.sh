#!/bin/sh
# tests/errors-matrix.sh: every filter against every bad input and every bad
# output path. Each must fail with a "FILE:LINE: error:" or "FILE: error:"
# message naming the file at fault, the documented exit status (1: the input
# is wrong; 2: usage or system error, which includes an input that cannot be
# read), no sanitizer report, and no output or temporary file left behind.
#   inputs:  missing file, directory, empty file, NUL bytes (md2guide: a stray
#            one is repaired, a binary file refused), invalid UTF-8,
#            truncated tree, wrong schema, Markdown given to a back end
#   outputs: a directory, a symlink to another file (left untouched), a missing
#            folder, /dev/full, a full disk (a 32 KiB tmpfs, when root may mount)
. tests/lib.sh

TOOLS="${TOOLS:-md2guide guide2pdf guide2epub guide2anki}"
FILTERS=
for tool in $TOOLS; do [ -x "$BIN/$tool" ] && FILTERS="$FILTERS $tool"; done

bad="$TMP/bad"
mkdir -p "$bad/dir.in" "$TMP/out"
good_md=input/interview-guide.md
good_tree="$TMP/good.xml"
"$BUILD/bin/md2guide" -o "$good_tree" "$good_md" 2>/dev/null || cp tests/trees/sample.xml "$good_tree"

: >"$bad/empty"
printf '# Title\n\nText\0more\n' >"$bad/nul.md"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' >"$bad/binary.md"
printf '<?xml version="1.0"?>\n<guide version="1" lang="en" source="x.md"><meta><title>T\0</title></meta></guide>\n' >"$bad/nul.xml"
printf '# Title\n\nBad \377\376 bytes\n' >"$bad/utf8.md"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<guide version="1" lang="en" source="x.md"><meta><title>Bad \377\376</title></meta></guide>\n' >"$bad/utf8.xml"
head -c 2000 "$good_tree" >"$bad/truncated.xml"
sed 's/<card /<kard /; s/<\/card>/<\/kard>/' "$good_tree" >"$bad/schema.xml"
cp tests/fixtures/hostile-xss.md "$bad/markdown.xml"

# check TOOL CASE WANT FILE_AT_FAULT OUTPUT ARGS...: runs TOOL with ARGS and
# judges it. WANT is the allowed exit status ("1", "2", or "0" for a
# documented repair with a warning; a list such as "1 2" allows either).
check() {
	tool=$1 case=$2 want=$3 at_fault=$4 output=$5
	shift 5
	timeout 60 "$BIN/$tool" "$@" >"$TMP/stdout" 2>"$TMP/stderr" </dev/null
	status=$?
	label="$tool, $case"
	kind=error
	[ "$want" = 0 ] && kind=warning
	first=$(grep -m 1 -E ": $kind: " "$TMP/stderr")
	esc=$(printf '%s' "$at_fault" | sed 's/[][\.*^$/]/\\&/g')
	leftovers=$(find "$(dirname "$output")" -maxdepth 1 -name "$(basename "$output")*" 2>/dev/null |
		grep -v '^/dev/')
	case " $want " in *" $status "*) status_ok=1 ;; *) status_ok=0 ;; esac
	if ! sanitizer_clean "$TMP/stderr"; then
		fail "$label: no sanitizer report" "$(head -n 10 "$TMP/stderr")"
	elif [ "$status_ok" -ne 1 ]; then
		fail "$label: exit $want" "got $status" "$(head -n 3 "$TMP/stderr")"
	elif ! printf '%s\n' "$first" | grep -qE "^$esc(:[0-9]+)?: $kind: "; then
		fail "$label: message '$at_fault[:LINE]: $kind: ...'" "$(head -n 3 "$TMP/stderr")"
	elif [ "$want" != 0 ] && [ -n "$leftovers" ]; then
		fail "$label: no output or temporary file left" "$leftovers"
	else
		ok "$label: exit $status, $(printf '%s' "$first" | sed "s|$TMP/||" | cut -c1-80)"
	fi
	[ "$want" = 0 ] && rm -f "$output"
	return 0
}

# A real full disk: a tiny tmpfs, when this user may mount one (root in CI).
disk=
if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/disk" &&
	mount -t tmpfs -o size=32k tmpfs "$TMP/disk" 2>/dev/null; then
	disk="$TMP/disk"
	trap 'umount "$disk" 2>/dev/null' EXIT
	trap 'umount "$disk" 2>/dev/null; exit 2' INT TERM
fi

for tool in $FILTERS; do
	ext=$(ext_of "$tool")
	out="$TMP/out/o.$ext"
	set --
	[ "$tool" = md2guide ] || set -- --styles styles
	if [ "$tool" = md2guide ]; then sfx=md good=$good_md; else sfx=xml good=$good_tree; fi

	# Bad inputs.
	check "$tool" "missing input" 2 "$bad/missing.$sfx" "$out" "$@" -o "$out" "$bad/missing.$sfx"
	check "$tool" "directory as input" 2 "$bad/dir.in" "$out" "$@" -o "$out" "$bad/dir.in"
	check "$tool" "empty input" 1 "$bad/empty" "$out" "$@" -o "$out" "$bad/empty"
	if [ "$tool" = md2guide ]; then
		# Documented: a stray NUL is U+0000, read as U+FFFD with a warning; a
		# binary file is refused.
		check "$tool" "a stray NUL byte (repaired, warned)" 0 "$bad/nul.md" "$out" -o "$out" "$bad/nul.md"
		check "$tool" "binary file" 1 "$bad/binary.md" "$out" -o "$out" "$bad/binary.md"
	else
		check "$tool" "NUL byte" 1 "$bad/nul.$sfx" "$out" "$@" -o "$out" "$bad/nul.$sfx"
	fi
	if [ "$tool" = md2guide ]; then
		# Documented: invalid UTF-8 is repaired with U+FFFD and a warning per line.
		check "$tool" "invalid UTF-8 (repaired, warned)" 0 "$bad/utf8.md" "$out" -o "$out" "$bad/utf8.md"
	else
		check "$tool" "invalid UTF-8" 1 "$bad/utf8.xml" "$out" "$@" -o "$out" "$bad/utf8.xml"
		check "$tool" "truncated tree" 1 "$bad/truncated.xml" "$out" "$@" -o "$out" "$bad/truncated.xml"
		check "$tool" "wrong schema" 1 "$bad/schema.xml" "$out" "$@" -o "$out" "$bad/schema.xml"
		check "$tool" "Markdown instead of a tree" 1 "$bad/markdown.xml" "$out" "$@" -o "$out" "$bad/markdown.xml"
	fi

	# Bad outputs.
	mkdir -p "$TMP/out/dir.$ext"
	check "$tool" "output is a directory" 2 "$TMP/out/dir.$ext" "$TMP/out/dir.$ext/x" "$@" -o "$TMP/out/dir.$ext" "$good"
	rmdir "$TMP/out/dir.$ext"
	echo "precious" >"$TMP/precious"
	ln -s "$TMP/precious" "$TMP/out/link.$ext"
	check "$tool" "output is a symlink" 2 "$TMP/out/link.$ext" "$TMP/out/link.$ext.tmp" "$@" -o "$TMP/out/link.$ext" "$good"
	if [ "$(cat "$TMP/precious")" != precious ] || [ ! -L "$TMP/out/link.$ext" ]; then
		fail "$tool, output is a symlink: the link and its target are left alone"
	fi
	rm -f "$TMP/out/link.$ext"
	check "$tool" "output in a missing folder" 2 "$TMP/out/no/such/o.$ext" "$TMP/out/no/such/o.$ext" "$@" -o "$TMP/out/no/such/o.$ext" "$good"
	check "$tool" "output is /dev/full" 2 /dev/full /dev/full "$@" -o /dev/full "$good"
	if [ "$tool" = md2guide ]; then
		"$BIN/md2guide" "$good" >/dev/full 2>"$TMP/stderr"
		status=$?
		if [ "$status" -eq 2 ] && grep -qE '^(md2guide|<stdout>): error: ' "$TMP/stderr" &&
			sanitizer_clean "$TMP/stderr"; then
			ok "md2guide, standard output is /dev/full: exit 2, $(head -n 1 "$TMP/stderr" | cut -c1-70)"
		else
			fail "md2guide, standard output is /dev/full: exit 2 and an error" "exit $status" \
				"$(head -n 3 "$TMP/stderr")"
		fi
	fi
	if [ -n "$disk" ]; then
		check "$tool" "full disk" 2 "$disk/o.$ext" "$disk/o.$ext" "$@" -o "$disk/o.$ext" "$good"
		leftover=$(ls -A "$disk")
		[ -n "$leftover" ] && fail "$tool, full disk: the disk is left empty" "$leftover"
		rm -rf "${disk:?}"/*
	fi
done
