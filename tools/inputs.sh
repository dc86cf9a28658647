#!/bin/sh
# inputs.sh: the guides in input/ that make can build (the Makefile's INPUTS).
#
# make puts file names into shell commands as they are, so a guide saved as
# input/z`id>PWNED`w.md would run `id`, and a name with a space or ';' would
# stop every guide. A guide is built only when its name is made of letters,
# digits, '.', '_', '+', '-' and non-ASCII characters; every other one gets
# one line on stderr and is left out, and the rest build. Prints the names
# that can be built, then REFUSED when any was left out (make then fails once
# the others are built).
LC_ALL=C
export LC_ALL
refused=
for file in input/*.md; do
	[ -f "$file" ] || continue
	name=${file#input/}
	case $name in
	*[!A-Za-z0-9._+-]*)
		# Non-ASCII bytes are safe in a shell word; every ASCII one outside
		# the set above is not.
		if printf '%s' "$name" | LC_ALL=C tr -d 'A-Za-z0-9._+\200-\377-' | grep -q .; then
			printf '%s: error: this file name has characters make cannot pass to a shell safely (use only letters, digits and . _ + -); rename it. The other guides are built.\n' "$file" >&2
			refused=1
			continue
		fi ;;
	esac
	printf '%s ' "$file"
done
[ -n "$refused" ] && printf 'REFUSED'
echo
