#!/bin/sh
# grammars.sh: fetch the pinned tree-sitter grammars of tools/highlight/grammars.txt
# from npm into OUT, check that each parser is one libtree-sitter 0.20.7 reads
# (LANGUAGE_VERSION 13 or 14), compile its parser and scanner, and write the
# highlight queries of each language as one file.
#   tools/highlight/grammars.sh OUT CC
# Writes OUT/libgrammars.a and OUT/queries/NAME.scm. Nothing here is committed.
set -eu
out=$1
cc=$2
table=tools/highlight/grammars.txt
mkdir -p "$out/dl" "$out/pkg" "$out/obj" "$out/queries"
command -v npm >/dev/null 2>&1 || tools/deps.sh tools/deps/npm.txt

# unpack SPEC: the package's folder under OUT/pkg (fetched once).
unpack() {
	dir="$out/pkg/$(printf '%s' "$1" | tr '@/' '__')"
	if [ ! -f "$dir/.done" ]; then
		rm -rf "$dir" && mkdir -p "$dir"
		tgz=$(cd "$out/dl" && npm pack --silent "$1" | tail -n 1)
		tar -xzf "$out/dl/$tgz" -C "$dir" --strip-components=1
		touch "$dir/.done"
	fi
	printf '%s' "$dir"
}


# The SQL grammar's scanner (0.3.11) forgets the tag of a dollar-quoted
# string it held when the parser restores another state: free it first.
fix_sql_scanner() {
	grep -q 'free(state->start_tag); /\* fixed \*/' "$1" && return 0
	sed -i '/external_scanner_deserialize/,/^}/ s|^  state->start_tag = NULL;|  free(state->start_tag); /* fixed */\n  state->start_tag = NULL;|' "$1"
	grep -q 'free(state->start_tag); /\* fixed \*/' "$1" || {
		echo "$1: error: the SQL scanner's fix no longer applies; check its deserialize" >&2
		exit 1
	}
	rm -f "$out/obj/sql-scanner.o"
}

grep -v '^#' "$table" | while read -r name spec src queries; do
	[ -n "$name" ] || continue
	dir=$(unpack "$spec")
	version=$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\).*/\1/p' "$dir/$src/parser.c")
	case $version in
	13 | 14) ;;
	*)
		echo "$table: error: $spec's parser is LANGUAGE_VERSION $version; libtree-sitter 0.20.7 reads 13 and 14: pin an older version" >&2
		exit 1
		;;
	esac
	[ "$name" = sql ] && fix_sql_scanner "$dir/$src/scanner.c"
	for c in "$dir/$src"/parser.c "$dir/$src"/scanner.c; do
		[ -f "$c" ] || continue
		o="$out/obj/$name-$(basename "$c" .c).o"
		[ -f "$o" ] || $cc -O1 -w -fPIC -I"$dir/$src" -c -o "$o" "$c"
	done
	: >"$out/queries/$name.scm.tmp"
	for q in $(printf '%s' "$queries" | tr ',' ' '); do
		case $q in
		*:*) # another language's queries: NAME:FILE
			other=$(grep "^${q%%:*} " "$table" | awk '{print $2}')
			cat "$(unpack "$other")/${q#*:}" >>"$out/queries/$name.scm.tmp"
			;;
		*) cat "$dir/$q" >>"$out/queries/$name.scm.tmp" ;;
		esac
		echo >>"$out/queries/$name.scm.tmp"
	done
	mv "$out/queries/$name.scm.tmp" "$out/queries/$name.scm"
done
rm -f "$out/libgrammars.a"
ar rcs "$out/libgrammars.a" "$out"/obj/*.o
