# guide2epub: passages in another script than the guide's language carry lang
# and xml:lang (tools/guide2epub/languages.c, by tools/lib/langruns.c): a span
# around a passage, the attribute on a block wholly in one other language; never
# in code. An English guide quoting Japanese (kana with Kanji, Kanji alone),
# Chinese, Korean, Arabic, Hebrew, Russian and Greek, inline and whole blocks; a
# Japanese one with English words; the Japanese guide of tests/guides/ and a
# short one without lang, whose Kanji-only headings must never read as Chinese.
. tests/lib.sh

# check LABEL MARKDOWN EXPECT: the book of MARKDOWN matches EXPECT
# (tests/fixtures/*.expect, read by tests/epub-inspect.py languages).
check() {
	label=$1
	if ! "$BIN/md2guide" -o "$TMP/$label.xml" "$2" 2>/dev/null ||
		! "$BIN/guide2epub" -o "$TMP/$label.epub" "$TMP/$label.xml" 2>"$TMP/$label.err"; then
		fail "$label: book written" "$(tail -n 5 "$TMP/$label.err")"
		return
	fi
	if ! python3 tests/epub-inspect.py languages "$TMP/$label.epub" "$3" >"$TMP/$label.lang" 2>&1; then
		fail "$label: language check ran" "$(tail -n 5 "$TMP/$label.lang")"
	elif grep -q '^BAD ' "$TMP/$label.lang"; then
		fail "$label: every passage in its language ($(head -n 1 "$TMP/$label.lang"))" \
			"$(grep '^BAD ' "$TMP/$label.lang" | head -n 15)"
	else
		ok "$label: every passage in its language ($(head -n 1 "$TMP/$label.lang"))"
	fi
}

check english tests/fixtures/lang-passages.md tests/fixtures/lang-passages.expect
check japanese tests/fixtures/lang-passages-ja.md tests/fixtures/lang-passages-ja.expect
cat >"$TMP/ja.expect" <<'END'
never zh
ja h1 システム設計入門
ja text スケーラブルなシステムのシステム設計を学ぶ
en h3 NoSQL
ko span 한국어
ru span русский язык
ar span العَرَبِيَّة
END
check ja-primer tests/guides/ja-system-design-primer.md "$TMP/ja.expect"
# A short Japanese guide with no lang: md2guide takes it for Japanese
# (tools/lib/lang.c), though its headings are Kanji alone.
printf '# 東京\n\n## 質問\n\n### 東京はどこ?\n\n東京は日本の首都です。\n' >"$TMP/short.md"
printf 'never zh\nja h1 東京\nja h2 東京はどこ?\n' >"$TMP/short.expect"
check short-ja "$TMP/short.md" "$TMP/short.expect"

# A chapter of nothing but short words in alternating scripts: the first
# 20,000 passages are marked, the rest left as they are, with one warning.
awk 'BEGIN { printf "# Many\n\n## S\n\n### Q?\n\n"; for (i = 0; i < 21000; i++) printf "бв a "; print "" }' \
	>"$TMP/many.md"
if "$BIN/md2guide" --lang en -o "$TMP/many.xml" "$TMP/many.md" 2>/dev/null &&
	"$BIN/guide2epub" -o "$TMP/many.epub" "$TMP/many.xml" 2>"$TMP/many.err"; then
	spans=$(unzip -p "$TMP/many.epub" OEBPS/section-1.xhtml | grep -o ' lang="ru"' | wc -l)
	warnings=$(grep -c 'section-1.xhtml has more than 20000 passages in other languages' "$TMP/many.err")
	if [ "$spans" -eq 20000 ] && [ "$warnings" -eq 1 ] && sanitizer_clean "$TMP/many.err"; then
		ok "21,000 passages in a chapter: 20,000 marked, one warning"
	else
		fail "21,000 passages in a chapter: 20,000 marked, one warning" \
			"$spans marked, $warnings warnings" "$(head -n 3 "$TMP/many.err")"
	fi
else
	fail "21,000 passages in a chapter: the book is written" "$(head -n 3 "$TMP/many.err")"
fi

# The runs themselves, as the PDF will take them: byte offsets and a tag
# (tests/langruns-print.c, built with the sanitizers against libguide.a).
runs="$TMP/langruns-print"
# shellcheck disable=SC2046
if ! cc -std=c11 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Itools/lib \
	-o "$runs" tests/langruns-print.c "$BUILD/asan/libguide.a" \
	$(pkg-config --libs libutf8proc) 2>"$TMP/cc.err"; then
	fail "langruns-print builds" "$(head -n 5 "$TMP/cc.err")"
	exit 0
fi

# runs NAME WANT LANG PIECE...: the runs of the block are exactly WANT.
runs() {
	name=$1 want=$2
	shift 2
	"$runs" "$@" >"$TMP/got" 2>"$TMP/err"
	printf '%s\n' "$want" >"$TMP/want"
	if ! sanitizer_clean "$TMP/err" || ! diff -u "$TMP/want" "$TMP/got" >"$TMP/diff"; then
		fail "runs: $name" "$(head -n 10 "$TMP/diff" "$TMP/err")"
	else
		ok "runs: $name"
	fi
}

runs 'neutrals between two languages go to the one around' 'whole: -
0-4:-[Say ] 4-13:ko[한국어] 13-17:-[ or ] 17-36:ru[Привет мир] 36-38:-[. ] ' 'en' 'Say 한국어 or Привет мир. '
runs 'Kanji alone in a Latin block is Chinese' 'whole: zh
0-6:zh[東京] ' 'en' '東京'
runs 'Kanji with kana anywhere in its block is Japanese' 'whole: -
0-6:ja[東京] 6-7:-[ ] 
0-3:-[in ] 3-6:ja[の] ' 'en' '東京 ' 'in の'
runs 'in Chinese, kana and the Han against them are Japanese' 'whole: -
0-9:-[他说「] 9-24:ja[ありがとう] 24-36:-[」很好，] 36-60:ja[日本語で書きます] ' 'zh' '他说「ありがとう」很好，日本語で書きます'
runs 'in Korean, Han without kana is Hanja' 'whole: -
0-16:-[漢字 한국어] ' 'ko' '漢字 한국어'
runs 'in Japanese, Kanji is Japanese and a Latin word English' 'whole: -
0-7:-[東京 ] 7-16:en[is also x] ' 'ja' '東京 is also x'
runs 'Cyrillic in a Cyrillic guide is not marked' 'whole: -
0-13:-[Привет ] 13-18:en[world] ' 'uk' 'Привет world'
runs 'a combining mark stays with its letter; a lone letter is a symbol' 'whole: -
0-7:-[λ and ] 7-17:el[λογό] 17-22:-[ and ] ' 'en' 'λ and λογο'"$(printf '\314\201')"' and '
runs 'text without letters is one run' 'whole: -
0-5:-[ 12; ] ' 'en' ' 12; '

# A book in a right-to-left language runs right to left: every document's
# html is dir="rtl" and the spine turns pages that way; its code still reads
# left to right. A left-to-right book has neither.
printf -- '---\nlang: ar\n---\n# دليل\n\n## ما هو HTTP؟\n\nبروتوكول نقل النص (HTTP).\n\n```python\nprint("x")\n```\n' >"$TMP/rtl.md"
"$BIN/md2guide" -o "$TMP/rtl.xml" "$TMP/rtl.md" 2>/dev/null
"$BIN/guide2epub" -o "$TMP/rtl.epub" "$TMP/rtl.xml" 2>"$TMP/rtl.err"
"$BIN/guide2epub" -o "$TMP/ltr.epub" --lang en "$TMP/rtl.xml" 2>/dev/null
docs=$(unzip -Z1 "$TMP/rtl.epub" | grep '\.xhtml$')
not_rtl=
for doc in $docs; do
	unzip -p "$TMP/rtl.epub" "$doc" | grep -o '<html[^>]*>' | grep -q ' dir="rtl"' || not_rtl="$not_rtl $doc"
done
ltr_dirs=$(for doc in $docs; do unzip -p "$TMP/ltr.epub" "$doc" | grep -o '<html[^>]*>'; done | grep -c ' dir=')
if [ -n "$docs" ] && [ -z "$not_rtl" ] && [ "$ltr_dirs" = 0 ] &&
	unzip -p "$TMP/rtl.epub" OEBPS/content.opf | grep -q '<spine [^>]*page-progression-direction="rtl"' &&
	! unzip -p "$TMP/ltr.epub" OEBPS/content.opf | grep -q 'page-progression-direction' &&
	unzip -p "$TMP/rtl.epub" OEBPS/section-1.xhtml | grep -q '<pre class="code" dir="ltr">' &&
	! unzip -p "$TMP/ltr.epub" OEBPS/section-1.xhtml | grep -q '<pre [^>]*dir=' &&
	sanitizer_clean "$TMP/rtl.err"; then
	ok "an Arabic book runs right to left (html dir, spine), its code left to right; an English one does not"
else
	fail "an Arabic book runs right to left (html dir, spine), its code left to right; an English one does not" \
		"not rtl:$not_rtl" "dir in the English book: $ltr_dirs" "$(head -c 300 "$TMP/rtl.err")"
fi
