# install: `make install DESTDIR=D PREFIX=/usr` puts the tools, guide, the man
# pages, the styles and the flattened fonts under D/usr and nowhere else; the
# installed guide, run on a guide outside the project with nothing of the
# project on PATH, writes the four outputs (valid), with its fonts; guide's
# errors, exit status and progress lines; the back ends run side by side;
# `make uninstall` leaves no file. Writes nothing outside $TMP: make must have
# nothing to build (run after make, as make check does).
. tests/lib.sh

unset MAKEFLAGS MFLAGS MAKELEVEL
dest=$TMP/dest
ready="$BUILD/bin/md2guide $BUILD/bin/guide2pdf $BUILD/bin/guide2epub $BUILD/bin/guide2anki $BUILD/bin/guide out/fonts/.stamp"
# shellcheck disable=SC2086
if ! make -q BUILD="$BUILD" $ready 2>/dev/null; then
	fail "make has built the tools, guide and the font cache" "run make first"
	exit 0
fi
ok "make has built the tools, guide and the font cache"

touch "$TMP/stamp"
if make -s BUILD="$BUILD" DESTDIR="$dest" PREFIX=/usr install >"$TMP/install.out" 2>&1; then
	ok "make install DESTDIR=... PREFIX=/usr"
else
	fail "make install DESTDIR=... PREFIX=/usr" "$(tail -n 5 "$TMP/install.out")"
	exit 0
fi
expect "install: nothing written in the project or under /usr" sh -c \
	"test -z \"\$(find . /usr/share/guide /usr/bin/guide -newer '$TMP/stamp' 2>/dev/null | head -n 3)\""
installed=$(cd "$dest" && find . -type f | sort)
for f in bin/md2guide bin/guide2pdf bin/guide2epub bin/guide2anki bin/guide2cards bin/guide \
	share/man/man1/guide.1 share/man/man1/md2guide.1 share/man/man1/guide2pdf.1 share/man/man1/guide2cards.1 \
	share/guide/styles/handout.conf share/guide/styles/card.css share/guide/fonts/DejaVuSans.ttf; do
	case "
$installed
" in
	*"
./usr/$f
"*) ok "install: usr/$f" ;;
	*) fail "install: usr/$f" "$installed" ;;
	esac
done
expect "install: the tools are executable" test -x "$dest/usr/bin/guide" -a -x "$dest/usr/bin/guide2pdf"
expect "install: only bin, share/man/man1 and share/guide" test -z \
	"$(printf '%s\n' "$installed" | grep -v -e '^\./usr/bin/' -e '^\./usr/share/man/man1/' -e '^\./usr/share/guide/')"

# A guide outside the project, with an image beside it and a Han character
# (its font, WenQuanYi, only loads from the flattened copy), run from its own
# folder with only the system on PATH.
home=$TMP/elsewhere
mkdir -p "$home/pics"
cp tests/fixtures/epub-book/pic.png "$home/pics/pic.png"
cat >"$home/notes.md" <<'MD'
# Notes

## Basics

### Q1: What is a list?

A mutable sequence, 列表: `[1, 2]`.

![a picture](pics/pic.png)

### Q2: What is a tuple?

```python
t = (1, 2)  # → immutable
```
MD
run_guide() { # run_guide ARGS...: the installed guide in $home, stderr to $TMP/guide.err
	(cd "$home" && env PATH=/usr/bin:/bin TMPDIR="$TMP/tmpdir" "$dest/usr/bin/guide" "$@") \
		2>"$TMP/guide.err"
}
mkdir -p "$TMP/tmpdir"
run_guide notes.md
status=$?
expect "guide notes.md: exit 0 ($status)" test "$status" -eq 0
expect "guide notes.md: no message (stderr is no terminal: no progress lines)" test ! -s "$TMP/guide.err"
for out in notes.pdf notes-drill.pdf; do
	expect "guide: $out passes qpdf --check" qpdf --check "$home/$out"
done
for out in notes.epub notes.apkg; do
	expect "guide: $out passes unzip -t" unzip -tq "$home/$out"
done
expect "guide: the PDF embeds the flattened WenQuanYi (installed fonts found)" sh -c \
	"pdffonts '$home/notes.pdf' | grep -qi 'wenquanyi\|zenhei'"
expect "guide: the deck packs the image from beside the guide" sh -c \
	"unzip -p '$home/notes.apkg' media | grep -q 'pic'"
expect "guide: its temporary folder is gone" test -z "$(ls -A "$TMP/tmpdir")"
expect "guide: nothing else written beside the guide" test \
	"$(cd "$home" && ls | tr '\n' ' ')" = "notes-drill.pdf notes.apkg notes.epub notes.md notes.pdf pics "

# -o DIR and one kind of output.
run_guide -o "$TMP/outdir" --epub notes.md
expect "guide -o DIR --epub: only DIR/notes.epub" test \
	"$(ls "$TMP/outdir" | tr '\n' ' ')" = "notes.epub "

# On a terminal: one progress line per output.
script -qec "env PATH=/usr/bin:/bin '$dest/usr/bin/guide' -o '$TMP/tty' --pdf --apkg '$home/notes.md'" \
	/dev/null >"$TMP/tty.out" 2>&1
expect "guide on a terminal: a progress line per output" test \
	"$(grep -c "^guide: wrote $TMP/tty/notes\.\(pdf\|apkg\)" "$TMP/tty.out")" = 2

# Errors: usage errors are exit 2 before anything runs; a failing step names
# its output, the others are still written, the exit is not 0.
run_guide --bogus notes.md
expect "guide --bogus: exit 2, one line" sh -c \
	"test $? -eq 2 && test \"\$(cat '$TMP/guide.err')\" = \"guide: error: unknown option '--bogus'; see guide --help\""
run_guide missing.md
expect "guide missing.md: exit 2, says it cannot read it" sh -c \
	"test $? -eq 2 && grep -q \"^guide: error: cannot read 'missing.md'\" '$TMP/guide.err'"
run_guide
expect "guide with no guide: exit 2" test $? -eq 2
mkdir -p "$TMP/bad" && cp "$home/notes.md" "$TMP/bad/" && mkdir "$TMP/bad/notes.epub"
run_guide "$TMP/bad/notes.md"
status=$?
expect "guide, an output path that is a folder: exit not 0 ($status)" test "$status" -ne 0
expect "... the error names the output and the tool" \
	grep -q "^guide: error: $TMP/bad/notes.md: $TMP/bad/notes.epub not written (guide2epub failed" "$TMP/guide.err"
expect "... the other outputs are written" test -s "$TMP/bad/notes.pdf" -a -s "$TMP/bad/notes.apkg"
expect "... no temporary file left beside them" test \
	"$(ls -A "$TMP/bad" | tr '\n' ' ')" = "notes-drill.pdf notes.apkg notes.epub notes.md notes.pdf "
printf '# Broken\n' >"$TMP/bad/empty.md" && : >"$TMP/bad/empty.md"
run_guide "$TMP/bad/empty.md"
status=$?
expect "guide on an empty guide: md2guide's exit status (1), no output" sh -c \
	"test $status -eq 1 && ! ls '$TMP/bad'/empty.* | grep -v empty.md"

# The back ends run side by side: stand-in tools next to a copy of guide each
# wait for all four to have started (a guide that ran them in turn would make
# the first one wait in vain, and fail).
stub=$TMP/stub
mkdir -p "$stub/meet"
cp "$dest/usr/bin/guide" "$stub/guide"
printf '#!/bin/sh\nwhile [ $# -gt 1 ]; do [ "$1" = -o ] && out=$2; shift; done\necho "<guide/>" >"$out"\n' >"$stub/md2guide"
cat >"$stub/backend" <<'SH'
#!/bin/sh
out=
while [ $# -gt 1 ]; do [ "$1" = -o ] && out=$2; shift; done
touch "$(dirname "$0")/meet/$$"
i=0
while [ "$(ls "$(dirname "$0")/meet" | wc -l)" -lt 4 ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || exit 1
	sleep 0.1
done
echo done >"$out"
SH
chmod +x "$stub/md2guide" "$stub/backend"
for t in guide2pdf guide2epub guide2anki; do ln -s backend "$stub/$t"; done
(cd "$home" && env PATH=/usr/bin:/bin "$stub/guide" -o "$TMP/side" notes.md 2>"$TMP/side.err")
expect "guide: the four back ends run side by side" sh -c \
	"test $? -eq 0 && test \"\$(ls '$TMP/side' | wc -l)\" -eq 4"

make -s BUILD="$BUILD" DESTDIR="$dest" PREFIX=/usr uninstall >"$TMP/uninstall.out" 2>&1
expect "make uninstall: exit 0" test $? -eq 0
expect "make uninstall: no file left under DESTDIR" test -z "$(find "$dest" ! -type d)"
