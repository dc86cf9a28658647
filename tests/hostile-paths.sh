#!/bin/sh
# tests/hostile-paths.sh: links and images that point outside the guide's
# folder (../, absolute paths, file: URLs, percent-encoded dots, a symlink in
# the folder that leads out, raw HTML <img>) are never read into any output,
# and each back end says so with a warning. An image inside the folder is
# packed, which shows the test would see a packed file.
. tests/lib.sh

TOOLS="${TOOLS:-md2guide guide2pdf guide2epub guide2anki}"
have() { case " $TOOLS " in *" $1 "*) [ -x "$BIN/$1" ] ;; *) false ;; esac; }

guide="$TMP/guide"
mkdir -p "$guide/sub"
# Two different valid PNGs: the secret one outside, the good one inside.
cp tests/fixtures/epub-outside.png "$TMP/secret.png"
cp tests/fixtures/epub-book/pic.png "$guide/ok.png"
if cmp -s "$TMP/secret.png" "$guide/ok.png"; then
	fail "the two test images differ" "tests/fixtures/epub-outside.png = epub-book/pic.png"
fi
marker="SECRET-TEXT-$$"
echo "$marker" >"$TMP/secret.txt"
ln -s ../secret.png "$guide/escape.png"
ln -s ../secret.txt "$guide/escape.txt"

cat >"$guide/g.md" <<EOF
# Paths

## Questions

### Q1: Which images are packed?

Inside: ![ok](ok.png)

Outside: ![up](../secret.png) ![deep](sub/../../secret.png)
![absolute]($TMP/secret.png) ![file](file://$TMP/secret.png)
![encoded](%2e%2e/secret.png) ![symlink](escape.png)
![passwd](../../../../../../etc/passwd) ![root](/etc/passwd)

<img src="../secret.png" alt="raw">

### Q2: Which links are followed?

[up](../secret.txt), [absolute]($TMP/secret.txt), [file](file://$TMP/secret.txt),
[passwd](file:///etc/passwd), [symlink](escape.txt), [root](/etc/passwd).
EOF

if ! have md2guide; then
	ok "no md2guide yet"
	exit 0
fi
if ! "$BIN/md2guide" -o "$guide/g.xml" "$guide/g.md" 2>"$TMP/md.err"; then
	fail "md2guide reads the guide" "$(head -n 5 "$TMP/md.err")"
	exit 0
fi

# no_secret WHAT DIR: no file under DIR is the secret image or holds the secret
# text or /etc/passwd's first line; prints what it finds.
passwd_line=$(head -n 1 /etc/passwd)
no_secret() {
	found=
	for f in $(find "$2" -type f); do
		cmp -s "$f" "$TMP/secret.png" && found="$found ${f#"$TMP"/}(secret.png)"
		grep -q -F -e "$marker" -e "$passwd_line" "$f" && found="$found ${f#"$TMP"/}(text)"
	done
	if [ -n "$found" ]; then
		fail "$1: nothing from outside the guide's folder" "$found"
	else
		ok "$1: nothing from outside the guide's folder"
	fi
}

# has_inside WHAT DIR: the image from inside the folder was packed.
has_inside() {
	for f in $(find "$2" -type f); do
		if cmp -s "$f" "$guide/ok.png"; then
			ok "$1: the image inside the guide's folder is packed"
			return
		fi
	done
	fail "$1: the image inside the guide's folder is packed" "$(find "$2" -type f | head)"
}

# warned WHAT ERRFILE: a warning for the outside references.
warned() {
	if grep -q 'warning: .*secret.png' "$2" && grep -q 'warning: .*etc/passwd' "$2"; then
		ok "$1: warns about the images outside ($(grep -c 'warning:' "$2") warnings)"
	else
		fail "$1: warns about the images outside" "$(head -n 5 "$2")"
	fi
}

run_tool() {
	tool=$1 out=$2
	shift 2
	(cd "$guide" && "$OLDPWD/$BIN/$tool" "$@" -o "$out" g.xml) 2>"$TMP/$tool.err"
	status=$?
	if [ "$status" -ne 0 ] || ! sanitizer_clean "$TMP/$tool.err"; then
		fail "$tool writes the guide" "exit $status" "$(head -n 5 "$TMP/$tool.err")"
		return 1
	fi
}

# check_zip TOOL EXT LABEL: the zip TOOL writes holds no secret, holds the
# image from inside the folder, and TOOL warned about the others.
check_zip() {
	tool=$1 ext=$2 label=$3
	have "$tool" && run_tool "$tool" "$TMP/g.$ext" --styles "$PWD/styles" || return 0
	mkdir -p "$TMP/$ext"
	unzip -q -o "$TMP/g.$ext" -d "$TMP/$ext"
	no_secret "$label" "$TMP/$ext"
	has_inside "$label" "$TMP/$ext"
	warned "$tool" "$TMP/$tool.err"
}
check_zip guide2epub epub "EPUB"
check_zip guide2anki apkg "Anki deck"

if have guide2pdf && run_tool guide2pdf "$TMP/g.pdf" --styles "$PWD/styles"; then
	mkdir -p "$TMP/pdf"
	images=$(pdfimages -list "$TMP/g.pdf" 2>/dev/null | tail -n +3 | grep -c .)
	if [ "$images" -eq 1 ]; then
		ok "PDF: one image, the one inside the guide's folder"
	else
		fail "PDF: one image, the one inside the guide's folder" "$images images" \
			"$(pdfimages -list "$TMP/g.pdf" 2>&1 | head -n 8)"
	fi
	pdftotext "$TMP/g.pdf" "$TMP/pdf/text.txt" 2>/dev/null
	qpdf --qdf --object-streams=disable "$TMP/g.pdf" "$TMP/pdf/qdf.pdf" 2>/dev/null
	no_secret "PDF" "$TMP/pdf"
	warned "guide2pdf" "$TMP/guide2pdf.err"
fi
