# guide2pdf on the guide, its drill sheet and the sample tree: the PDFs pass
# qpdf --check, embed every font (no Type 3), give poppler no warning, carry
# the metadata, and two builds are byte-identical.
. tests/lib.sh

. tests/fixtures/pdf-common.sh

# build NAME ARGS...: writes $TMP/NAME.pdf, checks exit status and sanitizers.
build() {
	name=$1
	shift
	if "$pdf" -o "$TMP/$name.pdf" "$@" 2>"$TMP/$name.err" && sanitizer_clean "$TMP/$name.err"; then
		ok "$name: written"
	else
		fail "$name: written" "$(head -c 800 "$TMP/$name.err")"
	fi
}

build guide --styles styles "$tree"
build drill --styles styles --drill "$tree"
build sample tests/trees/sample.xml
build letter --paper letter "$tree"

for name in guide drill sample; do
	file=$TMP/$name.pdf
	expect "$name: qpdf --check passes" qpdf --check "$file"
	pdffonts "$file" >"$TMP/$name.fonts" 2>&1
	bad=$(awk 'NR > 2 && ($(NF-4) != "yes" || /Type 3/)' "$TMP/$name.fonts")
	if [ -z "$bad" ] && [ "$(awk 'NR > 2' "$TMP/$name.fonts" | wc -l)" -gt 0 ]; then
		ok "$name: every font embedded, none Type 3"
	else
		fail "$name: every font embedded, none Type 3" "$(cat "$TMP/$name.fonts")"
	fi
	pdftotext "$file" /dev/null 2>"$TMP/$name.poppler"
	pdftotext -layout "$file" /dev/null 2>>"$TMP/$name.poppler"
	pdftotext -bbox "$file" /dev/null 2>>"$TMP/$name.poppler"
	if [ -s "$TMP/$name.poppler" ]; then
		fail "$name: poppler prints no warning" "$(head -n 5 "$TMP/$name.poppler")"
	else
		ok "$name: poppler prints no warning"
	fi
done

# Only the fonts the document uses: the guide has no CJK, the sample has.
grep -q WenQuanYi "$TMP/guide.fonts" && fail "guide: the unused CJK font is not embedded" ||
	ok "guide: the unused CJK font is not embedded"
grep -q WenQuanYi "$TMP/sample.fonts" && ok "sample: the CJK font is embedded" ||
	fail "sample: the CJK font is embedded" "$(cat "$TMP/sample.fonts")"

pdfinfo "$TMP/guide.pdf" >"$TMP/guide.info"
for field in "Title: *Technical Interview Preparation Guide" \
	"Subject: *For Python/Django Backend Developer Position$" "Author: *Awais Amjad" \
	"Creator: *guide2pdf 0.1" "CreationDate: *Thu Jan  1 00:00:00 2026 UTC" \
	"ModDate: *Thu Jan  1 00:00:00 2026 UTC" "Page size: *595.276 x 841.89"; do
	grep -q "^$field" "$TMP/guide.info" && ok "guide: metadata $field" ||
		fail "guide: metadata $field" "$(cat "$TMP/guide.info")"
done
# The author taken from the subtitle is printed once on the title page.
expect "guide: the title page names the author once" \
	test "$(pdftotext -f 1 -l 1 "$TMP/guide.pdf" - | grep -o 'Awais Amjad' | wc -l)" = 1
pdfinfo "$TMP/letter.pdf" | grep -q "^Page size: *612 x 792" && ok "--paper letter: 612 x 792 pt" ||
	fail "--paper letter: 612 x 792 pt"
"$pdf" --author "Ада Лавлейс" -o "$TMP/author.pdf" tests/trees/sample.xml 2>/dev/null
pdfinfo "$TMP/author.pdf" | grep -q "^Author: *Ада Лавлейс" && ok "--author sets a UTF-8 Author" ||
	fail "--author sets a UTF-8 Author" "$(pdfinfo "$TMP/author.pdf" 2>&1 | grep Author)"

# Reproducible: the same input, the same bytes.
"$BUILD/bin/guide2pdf" --styles styles -o "$TMP/again.pdf" "$tree" 2>/dev/null
"$BUILD/bin/guide2pdf" --styles styles -o "$TMP/again2.pdf" "$tree" 2>/dev/null
expect "guide: two builds are byte-identical" cmp "$TMP/again.pdf" "$TMP/again2.pdf"
expect "guide: the sanitizer and optimised builds agree" cmp "$TMP/guide.pdf" "$TMP/again.pdf"
"$BUILD/bin/guide2pdf" --drill -o "$TMP/drill2.pdf" "$tree" 2>/dev/null
expect "drill: two builds are byte-identical" cmp "$TMP/drill.pdf" "$TMP/drill2.pdf"
unset SOURCE_DATE_EPOCH
cp tests/trees/sample.xml "$TMP/dated.xml"
touch -d "2025-03-04 05:06:07 UTC" "$TMP/dated.xml"
"$BUILD/bin/guide2pdf" -o "$TMP/dated.pdf" "$TMP/dated.xml" 2>/dev/null
pdfinfo "$TMP/dated.pdf" | grep -q "^CreationDate: *Tue Mar  4 05:06:07 2025 UTC" &&
	ok "without SOURCE_DATE_EPOCH the date is the input's mtime" ||
	fail "without SOURCE_DATE_EPOCH the date is the input's mtime" "$(pdfinfo "$TMP/dated.pdf" | grep Date)"
# Through a pipe there is no file date: the tree's own (md2guide records the
# source's), else the clock; never 1970. SOURCE_DATE_EPOCH still wins.
cp tests/fixtures/conv-list.md "$TMP/piped.md"
touch -d "2025-03-04 05:06:07 UTC" "$TMP/piped.md"
"$BIN/md2guide" "$TMP/piped.md" 2>/dev/null | "$pdf" -o "$TMP/piped.pdf" 2>/dev/null
pdfinfo "$TMP/piped.pdf" | grep -q "^CreationDate: *Tue Mar  4 05:06:07 2025 UTC" &&
	pdftotext -f 1 -l 1 "$TMP/piped.pdf" - | grep -q "^2025-03-04$" &&
	ok "piped, without SOURCE_DATE_EPOCH: the title page and Info carry the source's date" ||
	fail "piped, without SOURCE_DATE_EPOCH: the title page and Info carry the source's date" \
		"$(pdfinfo "$TMP/piped.pdf" | grep Date)"
before=$(date -u +%Y)
"$BIN/md2guide" <"$TMP/piped.md" 2>/dev/null | "$pdf" -o "$TMP/undated.pdf" 2>/dev/null
year=$(pdfinfo "$TMP/undated.pdf" | sed -n 's/^ModDate: .* \([0-9]\{4\}\) UTC$/\1/p')
expect "piped from standard input: dated now, not 1970 ($year)" test "${year:-0}" -ge "$before"
"$BIN/md2guide" "$TMP/piped.md" 2>/dev/null | SOURCE_DATE_EPOCH=1767225600 "$pdf" -o "$TMP/epoch.pdf" 2>/dev/null
pdfinfo "$TMP/epoch.pdf" | grep -q "^CreationDate: *Thu Jan  1 00:00:00 2026 UTC" &&
	ok "piped, with SOURCE_DATE_EPOCH: its date wins over the tree's" ||
	fail "piped, with SOURCE_DATE_EPOCH: its date wins over the tree's" "$(pdfinfo "$TMP/epoch.pdf" | grep Date)"

# Standard output gets the same document.
SOURCE_DATE_EPOCH=1767225600 "$BUILD/bin/guide2pdf" "$tree" >"$TMP/stdout.pdf" 2>/dev/null
SOURCE_DATE_EPOCH=1767225600 "$BUILD/bin/guide2pdf" -o "$TMP/file.pdf" "$tree" 2>/dev/null
expect "stdout and -o FILE give the same bytes" cmp "$TMP/stdout.pdf" "$TMP/file.pdf"

# No hang on the guide. Speed itself is measured by `make bench`, never here:
# a timed check fails by chance on a busy machine.
timeout 120 "$BUILD/bin/guide2pdf" -o "$TMP/timed.pdf" "$tree" 2>/dev/null
expect "the guide builds without hanging (exit $?)" test -s "$TMP/timed.pdf"

# Robustness: the CommonMark spec (every odd construct of Markdown) as a tree.
if "$BUILD/bin/md2guide" -o "$TMP/spec.xml" tests/corpus/spec.txt 2>/dev/null; then
	"$pdf" -o "$TMP/spec.pdf" "$TMP/spec.xml" 2>"$TMP/spec.err"
	status=$?
	if [ "$status" -eq 0 ] && sanitizer_clean "$TMP/spec.err" && qpdf --check "$TMP/spec.pdf" >/dev/null 2>&1 &&
		[ -z "$(pdftotext "$TMP/spec.pdf" /dev/null 2>&1)" ]; then
		ok "the CommonMark spec as a tree: a clean PDF, warnings only"
	else
		fail "the CommonMark spec as a tree: a clean PDF" "exit $status" "$(head -c 600 "$TMP/spec.err")"
	fi
	grep -q '^spec.txt:[0-9]*: warning: character U+1E2FF is above U+FFFF' "$TMP/spec.err" &&
		ok "spec: characters beyond the BMP are warned about with their line" ||
		fail "spec: characters beyond the BMP are warned about with their line" "$(head -c 600 "$TMP/spec.err")"
else
	fail "the CommonMark spec as a tree" "md2guide failed on tests/corpus/spec.txt"
fi

# The guide's language in the catalog, for screen readers.
qpdf --json=2 --json-key=qpdf "$TMP/guide.pdf" | grep -q '"/Lang": "u:en"' &&
	ok "guide: the catalog names the language (en)" || fail "guide: the catalog names the language (en)"

# Standard input works like a file (with SOURCE_DATE_EPOCH for the date).
SOURCE_DATE_EPOCH=1767225600 "$BUILD/bin/guide2pdf" -o "$TMP/stdin.pdf" <"$tree" 2>/dev/null
expect "a tree on standard input gives the same bytes" cmp "$TMP/stdin.pdf" "$TMP/file.pdf"

# Streams are compressed by libdeflate at DEFLATE_LEVEL (tools/lib/deflate.h)
# through guide2pdf's own deflateInit_, deflate and deflateEnd
# (tools/guide2pdf/deflate.c): the zlib header of each stream records the
# level's class, where libharu's own zlib call would always give 789c.
level=$(sed -n 's/^#define DEFLATE_LEVEL \([0-9]*\).*/\1/p' tools/lib/deflate.h)
if [ "$level" -lt 2 ]; then header=7801
elif [ "$level" -lt 6 ]; then header=785e
elif [ "$level" -eq 6 ]; then header=789c
else header=78da; fi
for pair in "$pdf:guide.pdf" "$BUILD/bin/guide2pdf:again.pdf"; do
	bin=${pair%%:*} file=$TMP/${pair#*:}
	levels=$(/usr/bin/python3 - "$file" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
heads = re.findall(rb"/FlateDecode[^>]*>>\s*stream\r?\n(..)", data, re.S)
print(" ".join(sorted({h.hex() for h in heads})) or "none")
PY
)
	[ "$levels" = "$header" ] && ok "$bin: every stream at level $level ($header)" ||
		fail "$bin: every stream at the chosen level" "zlib headers: $levels"
	[ "$(nm -D --defined-only "$bin" 2>/dev/null | grep -cwE 'deflateInit_|deflate|deflateEnd')" -eq 3 ] &&
		ok "$bin exports its deflateInit_, deflate and deflateEnd" ||
		fail "$bin exports its deflateInit_, deflate and deflateEnd"
	# libharu's byte-at-a-time copy and fill are replaced (memcopy.c):
	# only while the executable exports it do libharu's calls reach it.
	[ "$(nm -D --defined-only "$bin" 2>/dev/null | grep -cwE 'HPDF_MemCpy|HPDF_MemSet')" -eq 2 ] &&
		ok "$bin exports its HPDF_MemCpy and HPDF_MemSet" ||
		fail "$bin exports its HPDF_MemCpy and HPDF_MemSet"
	# And its glyph lookup by table (glyphid.c).
	[ "$(nm -D --defined-only "$bin" 2>/dev/null | grep -cw 'HPDF_TTFontDef_GetGlyphid')" -eq 1 ] &&
		ok "$bin exports its HPDF_TTFontDef_GetGlyphid" ||
		fail "$bin exports its HPDF_TTFontDef_GetGlyphid"
done

# glyphid.c's lookup gives libharu's answer for every code of every font the
# PDF may embed: tests/glyphid-diff.c asks both (libharu's own through dlsym).
fonts=$(ls out/fonts/*.ttf 2>/dev/null; fc-match -f '%{file}\n' 'DejaVu Sans Mono')
if ${CC:-cc} -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o "$TMP/glyphid-diff" \
	tests/glyphid-diff.c "$BUILD/asan/obj/guide2pdf/glyphid.o" -lhpdf -ldl 2>"$TMP/gd.err"; then
	# shellcheck disable=SC2086
	out=$("$TMP/glyphid-diff" $fonts 2>&1)
	count=$(printf '%s\n' "$out" | tail -n 1 | cut -d' ' -f1)
	printf '%s\n' "$out" | tail -n 1 | grep -q ' 0 differ$' && [ "${count:-0}" -ge 8 ] &&
		ok "glyph lookup: libharu's answer for every code ($(printf '%s' "$out" | tail -n 1))" ||
		fail "glyph lookup: libharu's answer for every code" "$(printf '%s\n' "$out" | head -n 6)"
else
	fail "glyphid-diff builds" "$(tail -n 5 "$TMP/gd.err")"
fi
