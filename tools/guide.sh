#!/bin/sh
# guide: the common case in one command. Each FILE.md goes through md2guide
# into a tree in a private temporary folder, then the back ends run side by side
# on that tree (as make -j runs them) and write NAME.pdf, NAME-drill.pdf,
# NAME.epub and NAME.apkg next to FILE.md or into DIR.
#
# A shell script, not a C program: it only starts the filters and waits for
# them, which is what the shell is for; the work and the care for the outputs
# (written through a temporary file and a rename, never half) are the filters'.
# It never writes anything but its temporary folder and the outputs; the tree is
# removed on every exit, Ctrl-C included.
#
# Exit status: 0 all written; otherwise the highest status of a failed step
# (1 an error in the input, 2 a usage or system error); 2 for a usage error.
set -u

PROGRAM=guide
VERSION=0.1

usage() {
	cat <<'EOF'
usage: guide [-o DIR] [--pdf] [--epub] [--apkg] [--drill] [--styles DIR] FILE.md...
  -o, --output DIR  write the outputs into DIR (made if missing; default: next
                    to each FILE.md)
      --pdf         the PDF handout, NAME.pdf
      --drill       the drill sheet, NAME-drill.pdf
      --epub        the EPUB book, NAME.epub
      --apkg        the Anki deck, NAME.apkg (updates the deck already there)
                    (none of these four: all of them)
      --styles DIR  read the style files the back ends find in DIR
  -h, --help        show this help
  -V, --version     show the version
EOF
}

error() { # error MESSAGE: one line on stderr
	printf '%s: error: %s\n' "$PROGRAM" "$*" >&2
}

usage_error() {
	error "$*; see guide --help"
	exit 2
}

# The filters: next to this script (an installed or built copy), else on PATH.
HERE=$(dirname -- "$0")
find_tool() { # find_tool NAME: prints its path, or fails after an error line
	if [ -x "$HERE/$1" ] && [ -f "$HERE/$1" ]; then
		printf '%s\n' "$HERE/$1"
	elif command -v "$1" >/dev/null 2>&1; then
		command -v "$1"
	else
		error "$1 is not next to guide nor on PATH; install the toolchain (make install)"
		return 1
	fi
}

outdir='' styles='' want=''
while [ $# -gt 0 ]; do
	case $1 in
	-o | --output)
		[ $# -ge 2 ] || usage_error "$1 needs a folder"
		outdir=$2
		shift 2
		;;
	--output=*) outdir=${1#--output=} && shift ;;
	--styles)
		[ $# -ge 2 ] || usage_error "$1 needs a folder"
		styles=$2
		shift 2
		;;
	--styles=*) styles=${1#--styles=} && shift ;;
	--pdf | --drill | --epub | --apkg) want="$want ${1#--}" && shift ;;
	-h | --help) usage && exit 0 ;;
	-V | --version) echo "$PROGRAM $VERSION" && exit 0 ;;
	--) shift && break ;;
	-?*) usage_error "unknown option '$1'" ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || usage_error "no guide given"
[ -n "$want" ] || want="pdf drill epub apkg"
[ -z "$outdir" ] || [ -n "${outdir##-*}" ] || usage_error "-o needs a folder, not '$outdir'"
if [ -n "$styles" ] && [ ! -d "$styles" ]; then
	usage_error "--styles '$styles' is not a folder"
fi

# Every input is checked, and every output name is told apart, before anything
# runs: two guides named alike would overwrite each other's outputs.
names=
for file in "$@"; do
	case $file in
	-*) usage_error "options go before the guides ('$file')" ;;
	esac
	if [ -d "$file" ]; then
		usage_error "'$file' is a folder; give the guide's .md file"
	elif [ ! -r "$file" ] || [ ! -f "$file" ]; then
		usage_error "cannot read '$file'"
	fi
	dir=${outdir:-$(dirname -- "$file")}
	name=$(basename -- "$file")
	key="$dir/${name%.md}"
	case "
$names
" in
	*"
$key
"*) usage_error "two guides would write $key.*; give them different names or -o folders" ;;
	esac
	names="$names
$key"
done

MD2GUIDE=$(find_tool md2guide) || exit 2
for kind in $want; do
	case $kind in
	pdf | drill) GUIDE2PDF=$(find_tool guide2pdf) || exit 2 ;;
	epub) GUIDE2EPUB=$(find_tool guide2epub) || exit 2 ;;
	apkg) GUIDE2ANKI=$(find_tool guide2anki) || exit 2 ;;
	esac
done
if [ -n "$outdir" ] && ! mkdir -p -- "$outdir"; then
	error "cannot make the folder '$outdir'"
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/guide.XXXXXX") || {
	error "cannot make a temporary folder (TMPDIR='${TMPDIR:-/tmp}')"
	exit 2
}
pids=
# shellcheck disable=SC2317 # called by the traps
cleanup() {
	rm -rf -- "$work"
}
# shellcheck disable=SC2317,SC2086 # called by the traps; $pids is a list
interrupted() { # interrupted STATUS: stop the running filters, then leave
	trap - INT TERM HUP
	[ -z "$pids" ] || kill $pids 2>/dev/null
	wait
	cleanup
	exit "$1"
}
trap cleanup EXIT
trap 'interrupted 130' INT
trap 'interrupted 143' TERM
trap 'interrupted 129' HUP

# Progress lines only on a terminal: a log or a pipe gets the filters'
# diagnostics and the errors, nothing else.
progress() {
	[ -t 2 ] && printf '%s: %s\n' "$PROGRAM" "$*" >&2
	return 0
}

status=0
failed() { # failed STATUS: remember the highest status of a failed step
	[ "$1" -gt "$status" ] && status=$1
	return 0
}

# start KIND OUTPUT TREE IMAGES: one back end in the background; its messages
# go to a file of its own, shown whole when it ends, so two never interleave.
start() {
	kind=$1 out=$2 tree=$3 images=$4
	set -- --images "$images"
	[ -z "$styles" ] || set -- "$@" --styles "$styles"
	case $kind in
	pdf) "$GUIDE2PDF" "$@" -o "$out" "$tree" ;;
	drill) "$GUIDE2PDF" "$@" --drill -o "$out" "$tree" ;;
	epub) "$GUIDE2EPUB" "$@" -o "$out" "$tree" ;;
	apkg) "$GUIDE2ANKI" "$@" -o "$out" "$tree" ;;
	esac 2>"$work/$kind.err" &
	pids="$pids $!"
	jobs_started="$jobs_started $!:$kind:$out"
}

tool_name() { # tool_name KIND
	case $1 in
	pdf | drill) echo guide2pdf ;;
	epub) echo guide2epub ;;
	apkg) echo guide2anki ;;
	esac
}

output_name() { # output_name KIND BASE
	case $1 in
	pdf) echo "$2.pdf" ;;
	drill) echo "$2-drill.pdf" ;;
	epub) echo "$2.epub" ;;
	apkg) echo "$2.apkg" ;;
	esac
}

# build FILE: the tree, then every wanted output side by side.
build() {
	file=$1
	dir=${outdir:-$(dirname -- "$file")}
	name=$(basename -- "$file")
	base="$dir/${name%.md}"
	[ "$dir" != . ] || base=${name%.md} # "notes.pdf", not "./notes.pdf"
	tree="$work/tree.xml"
	"$MD2GUIDE" -o "$tree" "$file"
	code=$?
	if [ "$code" -ne 0 ]; then
		error "$file: no outputs written (md2guide failed, see above)"
		failed "$code"
		return
	fi
	# The outputs are dated like the guide (their build date when
	# SOURCE_DATE_EPOCH is not set), not like the temporary tree.
	touch -r "$file" "$tree" 2>/dev/null
	jobs_started=
	for kind in $want; do
		start "$kind" "$(output_name "$kind" "$base")" "$tree" "$(dirname -- "$file")"
	done
	for job in $jobs_started; do
		pid=${job%%:*} rest=${job#*:}
		kind=${rest%%:*} out=${rest#*:}
		wait "$pid"
		code=$?
		cat "$work/$kind.err" >&2
		if [ "$code" -eq 0 ]; then
			progress "wrote $out"
		else
			error "$file: $out not written ($(tool_name "$kind") failed, see above)"
			failed "$code"
		fi
	done
	pids=
	rm -f -- "$tree"
}

for file in "$@"; do
	build "$file"
done
exit "$status"
