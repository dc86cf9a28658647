#!/bin/sh
# tests/lang-words.sh: the words the back ends add (Answer, Contents,
# Questions, the page footer) follow the guide's language (tools/lib/words.c),
# and English stays English. The same Chinese guide (tests/fixtures/conv-sectionq.md)
# read as zh and as en.
. tests/lib.sh

"$BIN/md2guide" --lang zh -o "$TMP/zh.xml" tests/fixtures/conv-sectionq.md 2>/dev/null
"$BIN/md2guide" --lang en -o "$TMP/en.xml" tests/fixtures/conv-sectionq.md 2>/dev/null
expect "md2guide: a guide's one section is called 问题 in zh" grep -q '<title>问题</title>' "$TMP/zh.xml"
expect "md2guide: and Questions in en" grep -q '<title>Questions</title>' "$TMP/en.xml"

for lang in zh en; do
	if [ -x "$BIN/guide2pdf" ]; then
		"$BIN/guide2pdf" --styles styles -o "$TMP/$lang.pdf" "$TMP/$lang.xml" 2>/dev/null
		pdftotext "$TMP/$lang.pdf" "$TMP/$lang.txt" 2>/dev/null
	fi
	if [ -x "$BIN/guide2epub" ]; then
		"$BIN/guide2epub" --styles styles -o "$TMP/$lang.epub" "$TMP/$lang.xml" 2>/dev/null
		unzip -p "$TMP/$lang.epub" 'OEBPS/*.xhtml' >"$TMP/$lang.xhtml" 2>/dev/null
	fi
done
if [ -x "$BIN/guide2pdf" ]; then
	expect "PDF in zh: the contents are 目录" grep -q '目录' "$TMP/zh.txt"
	expect "PDF in zh: the footer is 第 N 页，共 N 页" grep -q '第 1 页，共 [0-9]* 页' "$TMP/zh.txt"
	expect "PDF in en: Contents and page N of N" grep -q 'page 1 of' "$TMP/en.txt"
fi
if [ -x "$BIN/guide2epub" ]; then
	expect "EPUB in zh: the answer label is 答案" grep -q '>答案<' "$TMP/zh.xhtml"
	expect "EPUB in en: the answer label is Answer" grep -q '>Answer<' "$TMP/en.xhtml"
	expect "EPUB in zh: the contents name the title page 扉页, in the NCX too, never Title page" sh -c \
		'unzip -p "$1" OEBPS/nav.xhtml | grep -q ">扉页</a>" && unzip -p "$1" OEBPS/toc.ncx | grep -q "<text>扉页</text>" &&
		! unzip -p "$1" OEBPS/nav.xhtml OEBPS/toc.ncx | grep -q "Title page"' sh "$TMP/zh.epub"
	expect "EPUB in en: and Title page in English" sh -c \
		'unzip -p "$1" OEBPS/nav.xhtml | grep -q ">Title page</a>"' sh "$TMP/en.epub"
fi

# Korean prints: every Hangul syllable of a Korean guide comes back from the
# PDF (WenQuanYi's copy has no room for them all; the Hangul font has).
if [ -x "$BIN/guide2pdf" ]; then
	"$BIN/md2guide" -o "$TMP/ko.xml" tests/guides/ko-network-boostdevs.md 2>/dev/null
	"$BIN/guide2pdf" --styles styles --images tests/guides -o "$TMP/ko.pdf" "$TMP/ko.xml" 2>/dev/null
	pdftotext "$TMP/ko.pdf" "$TMP/ko.txt" 2>/dev/null
	missing=$(python3 -c '
import sys
text = open(sys.argv[1], encoding="utf-8").read()
source = open(sys.argv[2], encoding="utf-8").read()
want = {c for c in source if "\uac00" <= c <= "\ud7a3"}
print(len(want - set(text)), len(want))' "$TMP/ko.txt" tests/guides/ko-network-boostdevs.md)
	expect "PDF in ko: every Hangul syllable of the guide prints (${missing#* } of them)" \
		test "${missing% *}" = 0
fi

# Latin-script languages are told apart by their commonest words over the
# prose (tools/lib/stopwords.c): Portuguese and Spanish guides get pt and es,
# with a warning that says why; English with a quoted Spanish sentence, and a
# Portuguese title and question alone, stay en; front matter's lang wins.
lang_of() { grep -o '<guide [^>]*' "$1" | sed -n 's/.* lang="\([^"]*\)".*/\1/p'; }
"$BIN/md2guide" -o "$TMP/pt.xml" tests/fixtures/lang-latin-pt.md 2>"$TMP/pt.err"
expect "md2guide: a Portuguese guide is pt" test "$(lang_of "$TMP/pt.xml")" = pt
expect "md2guide: it says so, by the common words" \
	grep -q "no language given: most of the text's common words are 'pt'" "$TMP/pt.err"
"$BIN/md2guide" -o "$TMP/es.xml" tests/fixtures/lang-latin-es.md 2>/dev/null
expect "md2guide: a Spanish guide is es" test "$(lang_of "$TMP/es.xml")" = es
# Romanian and Vietnamese (and Turkish, Indonesian, Polish) have lists too:
# their guides are no longer English; a title and one question still are.
for lang in ro vi; do
	"$BIN/md2guide" -o "$TMP/$lang.xml" "tests/fixtures/lang-latin-$lang.md" 2>/dev/null
	expect "md2guide: a guide in $lang is $lang" test "$(lang_of "$TMP/$lang.xml")" = "$lang"
	head -n 5 "tests/fixtures/lang-latin-$lang.md" >"$TMP/short-$lang.md"
	"$BIN/md2guide" -o "$TMP/short-$lang.xml" "$TMP/short-$lang.md" 2>/dev/null
	expect "md2guide: its title and first question alone stay en" \
		test "$(lang_of "$TMP/short-$lang.xml")" = en
done
"$BIN/md2guide" -o "$TMP/mixed.xml" tests/fixtures/lang-latin-mixed.md 2>"$TMP/mixed.err"
expect "md2guide: an English guide quoting Spanish stays en, quietly" \
	test "$(lang_of "$TMP/mixed.xml")" = en -a ! -s "$TMP/mixed.err"
head -n 5 tests/fixtures/lang-latin-pt.md >"$TMP/short.md"
"$BIN/md2guide" -o "$TMP/short.xml" "$TMP/short.md" 2>/dev/null
expect "md2guide: a title and one question in Portuguese are too few words: en" \
	test "$(lang_of "$TMP/short.xml")" = en
{ printf -- '---\nlang: en\n---\n'; cat tests/fixtures/lang-latin-pt.md; } >"$TMP/front.md"
"$BIN/md2guide" -o "$TMP/front.xml" "$TMP/front.md" 2>/dev/null
expect "md2guide: front matter lang: en wins over Portuguese words" \
	test "$(lang_of "$TMP/front.xml")" = en
if [ -x "$BIN/guide2epub" ]; then
	"$BIN/guide2epub" --styles styles -o "$TMP/pt.epub" "$TMP/pt.xml" 2>/dev/null
	expect "EPUB in pt: dc:language is pt" \
		sh -c "unzip -p '$TMP/pt.epub' OEBPS/content.opf | grep -q '<dc:language>pt</dc:language>'"
	expect "EPUB in pt: the pages are xml:lang pt, for readers' hyphenation and voice" \
		sh -c "unzip -p '$TMP/pt.epub' OEBPS/section-1.xhtml | grep -q '<html [^>]*xml:lang=\"pt\"'"
fi
if [ -x "$BIN/guide2pdf" ]; then
	"$BIN/guide2pdf" --styles styles -o "$TMP/pt.pdf" "$TMP/pt.xml" 2>/dev/null
	expect "PDF in pt: the catalog's /Lang is pt" grep -aq '/Lang (pt)' "$TMP/pt.pdf"
	expect "PDF in pt: the footer is página N de N" \
		sh -c "pdftotext '$TMP/pt.pdf' - | grep -q 'página 1 de'"
fi
# And the words of the languages found by their common words: Romanian,
# Vietnamese (tools/lib/words.c has every language stopwords.c names).
if [ -x "$BIN/guide2pdf" ] && [ -x "$BIN/guide2epub" ]; then
	for pair in "ro:pagina 1 din:Cuprins" "vi:trang 1 /:Mục lục"; do
		lang=${pair%%:*} rest=${pair#*:}
		footer=${rest%%:*} contents=${rest#*:}
		"$BIN/guide2pdf" --styles styles -o "$TMP/w-$lang.pdf" "$TMP/$lang.xml" 2>/dev/null
		"$BIN/guide2epub" --styles styles -o "$TMP/w-$lang.epub" "$TMP/$lang.xml" 2>/dev/null
		expect "PDF in $lang: the footer is '$footer N'" \
			sh -c "pdftotext '$TMP/w-$lang.pdf' - | grep -qF '$footer'"
		expect "EPUB in $lang: the contents are '$contents'" \
			sh -c "unzip -p '$TMP/w-$lang.epub' OEBPS/nav.xhtml | grep -qF '$contents'"
	done
fi
# The real guides of tests/guides keep the languages of their scripts.
for pair in 30-seconds-of-interviews:en gh200-actions-notes:en ja-system-design-primer:ja \
	js-123-essential-questions:en ko-network-boostdevs:ko mobile-interview-readme:en \
	mobile-system-design-difficulty:en ru-coding-interview-university:ru \
	zh-llm-interview-go:zh; do
	"$BIN/md2guide" -o "$TMP/real.xml" "tests/guides/${pair%:*}.md" 2>/dev/null
	expect "md2guide: ${pair%:*} stays ${pair#*:}" test "$(lang_of "$TMP/real.xml")" = "${pair#*:}"
done
"$BIN/md2guide" -o "$TMP/seed.xml" input/interview-guide.md 2>/dev/null
expect "md2guide: the seed guide stays en" test "$(lang_of "$TMP/seed.xml")" = en
