#!/bin/sh
# tests/hostile-make.sh: `make` in a copy of the project's make files (the
# Makefile, tools/*.sh, styles/) whose build/bin holds the sanitizer-built
# tools, so nothing here touches the real input/ or out/.
#  - A guide named like shell code (input/z`id>PWNED`w.md), or with a space
#    or ';' in its name, is refused with one line naming it; no command in it
#    runs, the other guides build, and make fails at the end.
#  - A Ctrl-C that reaches make just as a filter has renamed its new output
#    into place leaves that output (make must not delete it: the filters write
#    atomically, so it is whole).
. tests/lib.sh

ALL="md2guide guide2pdf guide2epub guide2anki"
for tool in $ALL; do
	if [ ! -x "$BIN/$tool" ]; then
		ok "no $tool yet: make is not tested here"
		exit 0
	fi
done

# The make that runs make check must not pass its flags and jobserver on.
unset MAKEFLAGS MFLAGS MAKELEVEL
case $BIN in
/*) bin=$BIN ;;
*) bin="$PWD/$BIN" ;;
esac

# project DIR: the copy, with every tool of $BIN in DIR/build/bin.
project() {
	mkdir -p "$1/tools/deps" "$1/input" "$1/out" "$1/build/bin"
	cp Makefile "$1/"
	cp tools/deps.sh tools/inputs.sh "$1/tools/"
	cp tools/deps/*.txt "$1/tools/deps/"
	cp -r styles "$1/"
	for tool in $ALL; do
		: >"$1/tools/$tool.c"
		ln -s "$bin/$tool" "$1/build/bin/$tool"
	done
}

# run_make DIR [TARGET...]: make in DIR, never rebuilding the tools or the
# font cache (the copy has neither their sources nor fontTools' output).
run_make() {
	dir=$1
	shift
	make -C "$dir" BUILD=build -o build/bin/md2guide -o build/bin/guide2pdf \
		-o build/bin/guide2epub -o build/bin/guide2anki -o out/fonts/.stamp "$@"
}

guide() {
	printf '# %s\n\n## Questions\n\n### Q1: What is this guide?\n\nIt is %s.\n' "$1" "$1"
}

# --- names that are shell code --------------------------------------------
# check_names LABEL NAME...: guides ok.md and NAME... in a copy; make runs
# nothing from the names, builds ok, names each refused file and fails.
check_names() {
	label=$1
	shift
	names="$TMP/names-$label"
	project "$names"
	guide ok >"$names/input/ok.md"
	for name in "$@"; do guide "$label" >"$names/input/$name"; done
	(cd "$names" && run_make . >"$TMP/$label.out" 2>"$TMP/$label.err")
	status=$?
	if [ -n "$(find "$TMP" -name 'PWNED*')" ] || [ -e PWNED ]; then
		fail "$label: make runs no command from a file name" "$(find "$TMP" -name 'PWNED*')"
	else
		ok "$label: make runs no command from a file name"
	fi
	built=
	for out in ok.xml ok.pdf ok-drill.pdf ok.epub ok.apkg; do
		[ -s "$names/out/$out" ] || built="$built missing:$out"
	done
	if [ -z "$built" ]; then
		ok "$label: the guide with a safe name builds beside the refused ones"
	else
		fail "$label: the guide with a safe name builds beside the refused ones" "$built" \
			"$(tail -n 5 "$TMP/$label.err")"
	fi
	refused=0
	for name in "$@"; do
		grep -qF "input/$name: error: this file name has characters" "$TMP/$label.err" &&
			refused=$((refused + 1))
	done
	if [ "$refused" -eq $# ] && [ "$status" -ne 0 ]; then
		ok "$label: each refused name gets one line, and make fails (exit $status)"
	else
		fail "$label: each refused name gets one line, and make fails" \
			"exit $status, $refused of $# named" "$(head -n 5 "$TMP/$label.err")"
	fi
	if [ "$(ls "$names/out")" != "$(printf 'ok-drill.pdf\nok.apkg\nok.epub\nok.pdf\nok.xml')" ]; then
		fail "$label: no output is made for a refused name" "$(ls "$names/out")"
	else
		ok "$label: no output is made for a refused name"
	fi
}
check_names backticks 'z`id>PWNED`w.md' 'y$(id>PWNED2).md'
check_names separators 'a b.md' 'x;y.md'

# --- Ctrl-C as an output is renamed into place ----------------------------
sigint="$TMP/sigint"
project "$sigint"
guide ok >"$sigint/input/ok.md"
run_make "$sigint" out/ok.xml >/dev/null 2>&1
printf 'old PDF\n' >"$sigint/out/ok.pdf"
touch -d '2000-01-01' "$sigint/out/ok.pdf"
# A guide2pdf that writes its output as the real one does (temporary file,
# rename), then interrupts its process group the way a Ctrl-C does.
rm "$sigint/build/bin/guide2pdf"
cat >"$sigint/build/bin/guide2pdf" <<'EOF'
#!/bin/sh
while [ $# -gt 1 ]; do [ "$1" = -o ] && out=$2; shift; done
printf 'new PDF\n' >"$out.tmpABCDEF" && mv "$out.tmpABCDEF" "$out"
kill -INT 0
EOF
chmod +x "$sigint/build/bin/guide2pdf"
setsid -w make -C "$sigint" BUILD=build -o build/bin/md2guide -o build/bin/guide2pdf \
	-o out/fonts/.stamp out/ok.pdf >"$TMP/sigint.out" 2>&1
if [ "$(cat "$sigint/out/ok.pdf" 2>/dev/null)" = "new PDF" ]; then
	ok "a Ctrl-C as the new output is renamed into place leaves it"
else
	fail "a Ctrl-C as the new output is renamed into place leaves it" \
		"out/ok.pdf: $(cat "$sigint/out/ok.pdf" 2>&1)" "$(tail -n 3 "$TMP/sigint.out")"
fi
exit 0
