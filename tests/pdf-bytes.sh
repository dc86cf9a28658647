# guide2pdf writes, byte for byte, the PDFs recorded in
# tests/fixtures/pdf-bytes.sha256: the guide (input/interview-guide.md) and
# its drill sheet, on A4 and on letter, and every PDF fixture
# (tests/fixtures/pdf-*.xml) and tree in tests/trees, handout and drill
# sheet. (md2guide's expected trees, tests/fixtures/*.xml, change with
# md2guide, so they are not among them.) A change that moves code without
# meaning to change the output (a refactoring) must keep them all.
#
# The bytes depend on the fonts and libraries too, so the record also holds
# what they were (each font's file and each linked library, by SHA-256).
# Where they differ, as on another machine, nothing is compared and the
# check says so. Fonts come from fontconfig, not from out/fonts, whose
# flattened copies carry the time they were written.
#
# A change that means to change the PDFs: look at the pages first (as
# pdf-golden says), then UPDATE=1 rewrites the record. GUIDE2PDF=PROGRAM
# checks or records another build (say, one of an earlier commit).
. tests/lib.sh
. tests/fixtures/pdf-common.sh

program=${GUIDE2PDF:-$BUILD/bin/guide2pdf}
record=tests/fixtures/pdf-bytes.sha256
no_cache=$TMP/no-font-cache # a font cache with no copies in it
mkdir -p "$no_cache"
hash_of() { sha256sum <"$1" | cut -c1-64; }

# What the bytes depend on besides guide2pdf itself.
environment() {
	for spec in "DejaVu Sans" "DejaVu Sans:bold" "DejaVu Sans:oblique" "DejaVu Sans:bold:oblique" \
		"DejaVu Sans Mono" "DejaVu Sans Mono:bold" "DejaVu Sans Mono:oblique" "DejaVu Sans Mono:bold:oblique" \
		"Symbola" "WenQuanYi Zen Hei" "NanumGothic" "Loma"; do
		file=$(fc-match -f '%{file}' "$spec")
		printf 'font %s %s\n' "$(hash_of "$file")" "$(basename "$file")"
	done
	ldd "$program" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | sort | while read -r lib; do
		printf 'library %s %s\n' "$(hash_of "$lib")" "$(basename "$lib")"
	done
}

# write NAME ARGS...: NAME.pdf from guide2pdf ARGS, and its line of the record.
write() {
	name=$1
	shift
	if "$program" --font-cache "$no_cache" -o "$TMP/$name.pdf" "$@" 2>"$TMP/$name.err"; then
		printf 'pdf %s %s\n' "$(hash_of "$TMP/$name.pdf")" "$name"
	else
		printf 'pdf failed %s\n' "$name"
	fi
}

environment >"$TMP/environment"
{
	write guide "$tree"
	write guide-drill --drill "$tree"
	write guide-letter --paper letter --author "A. N. Other" "$tree"
	write guide-letter-drill --paper letter --drill "$tree"
	for fixture in tests/fixtures/pdf-*.xml tests/trees/*.xml; do
		name=$(basename "$fixture" .xml)
		write "$name" "$fixture"
		write "$name-drill" --drill "$fixture"
	done
} >"$TMP/pdfs"

if [ -n "${UPDATE:-}" ]; then
	cat "$TMP/environment" "$TMP/pdfs" >"$record"
	ok "recorded $(grep -c '^pdf ' "$record") PDFs in $record"
elif [ ! -f "$record" ]; then
	fail "the record $record exists" "UPDATE=1 writes it"
elif ! grep -v '^pdf ' "$record" | cmp -s - "$TMP/environment"; then
	ok "PDF bytes not compared: fonts or libraries differ from the recorded ones" \
		"($(grep -v '^pdf ' "$record" | diff - "$TMP/environment" | grep -c '^[<>]') lines differ)"
else
	grep '^pdf ' "$record" | sort -k3 >"$TMP/wanted"
	sort -k3 "$TMP/pdfs" >"$TMP/got"
	differ=$(join -1 3 -2 3 "$TMP/wanted" "$TMP/got" | awk '$3 != $5 { print $1 }')
	missing=$(join -v 1 -1 3 -2 3 "$TMP/wanted" "$TMP/got" | awk '{ print $1 }')
	added=$(join -v 2 -1 3 -2 3 "$TMP/wanted" "$TMP/got" | awk '{ print $1 }')
	count=$(wc -l <"$TMP/wanted")
	# shellcheck disable=SC2086
	[ -z "$differ$missing$added" ] && ok "all $count PDFs are byte-identical to the record" ||
		fail "the PDFs are byte-identical to the record" \
			${differ:+"differ:" $differ} ${missing:+"not written:" $missing} \
			${added:+"not recorded:" $added}
fi
