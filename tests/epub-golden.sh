# guide2epub: golden files. The text documents of the fixture book (package,
# nav, NCX, cover, title page, chapters, drill chapter) are compared with the
# copies in tests/fixtures/epub-book/golden/, so any change to the output shows
# up as a diff to review. After a deliberate change, refresh them with
#   UPDATE_GOLDEN=1 TESTS=epub-golden tests/run
. tests/lib.sh

golden=tests/fixtures/epub-book/golden
export SOURCE_DATE_EPOCH=1700000000
"$BIN/guide2epub" -o "$TMP/book.epub" tests/fixtures/epub-book/guide.xml 2>/dev/null
for file in content.opf nav.xhtml title.xhtml section-1.xhtml section-2.xhtml \
	questions.xhtml toc.ncx images/cover.svg; do
	name=$(basename "$file")
	unzip -p "$TMP/book.epub" "OEBPS/$file" >"$TMP/$name"
	compare_golden "golden: $file" "$golden/$name" "$TMP/$name"
done
