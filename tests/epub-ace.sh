# tests/epub-ace.sh: DAISY Ace, the accessibility checker publishers use, finds
# no violation of any impact in the books guide2epub writes, and each book
# claims WCAG conformance (dcterms:conformsTo) only when it holds. Ace is
# installed by make into build/ace (pinned by tests/ace/package-lock.json) and
# drives Debian's Chromium; it costs 15-40 s a book, so make check runs it on
# the guide, the book of every construct, a guide with an image without alt
# text, and two guides by other authors (one in Japanese); `make ace` (ACE_ALL=1) runs it on
# every fixture and every guide of tests/guides/. The reports stay in $TMP.
. tests/lib.sh

ace=$BUILD/ace/node_modules/.bin/ace-cli
chromium=$(command -v chromium || command -v chromium-browser)
if [ ! -x "$ace" ] || [ -z "$chromium" ]; then
	fail "Ace and Chromium are installed" "make $BUILD/ace/.stamp installs Ace; apt-get install chromium"
	exit 0
fi

# summary REPORT.json: "violations N (rule xN ...)" and the conformsTo claim.
summary() {
	python3 - "$1" <<'PY'
import collections, json, sys
report = json.load(open(sys.argv[1]))
failed = collections.Counter()
for subject in report.get("assertions", []):
    for test in subject.get("assertions", []):
        if test.get("earl:result", {}).get("earl:outcome") == "fail":
            t = test["earl:test"]
            failed["%s (%s) in %s" % (t.get("dct:title"), t.get("earl:impact"),
                                     subject["earl:testSubject"].get("url"))] += 1
print(sum(failed.values()))
for rule, n in failed.most_common(8):
    print("%d x %s" % (n, rule))
PY
}

# check LABEL BOOK: Ace passes BOOK with no violation; the claim matches the
# images: conformance is claimed exactly when every image has alt text.
check() {
	label=$1 book=$2
	rm -rf "$TMP/$label"
	PUPPETEER_EXECUTABLE_PATH=$chromium timeout 300 "$ace" --silent --force \
		--outdir "$TMP/$label" "$book" >"$TMP/$label.out" 2>&1
	if [ ! -f "$TMP/$label/report.json" ]; then
		fail "$label: Ace writes its report" "$(tail -n 5 "$TMP/$label.out")"
		return
	fi
	summary "$TMP/$label/report.json" >"$TMP/$label.summary"
	n=$(head -n 1 "$TMP/$label.summary")
	if [ "$n" = 0 ]; then
		ok "$label: Ace finds 0 violations"
	else
		fail "$label: Ace finds 0 violations" "$n violations:" "$(tail -n +2 "$TMP/$label.summary")"
	fi
	claims=$(unzip -p "$book" '*.opf' | grep -c 'property="dcterms:conformsTo"')
	bare=$(python3 - "$book" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
n = 0
for name in z.namelist():
    if name.endswith(".xhtml"):
        for img in re.findall(rb"<img\b[^>]*>", z.read(name)):
            alt = re.search(rb'alt="([^"]*)"', img)
            n += not alt or not alt.group(1).strip()
print(n)
PY
)
	if { [ "$bare" = 0 ] && [ "$claims" = 1 ]; } || { [ "$bare" != 0 ] && [ "$claims" = 0 ]; }; then
		ok "$label: claims WCAG conformance only when every image has alt text ($bare without, $claims claim)"
	else
		fail "$label: claims WCAG conformance only when every image has alt text" \
			"$bare images without alt text, $claims conformsTo"
	fi
}

# book NAME MARKDOWN [IMAGES]: the EPUB of a guide, in $TMP/NAME.epub.
book() {
	"$BUILD/bin/md2guide" -o "$TMP/$1.xml" "$2" 2>/dev/null &&
		"$BUILD/bin/guide2epub" --styles styles --images "${3:-$(dirname "$2")}" \
			-o "$TMP/$1.epub" "$TMP/$1.xml" 2>/dev/null
}

book guide input/interview-guide.md && check guide "$TMP/guide.epub"
book constructs tests/fixtures/constructs.md && check constructs "$TMP/constructs.epub"
# An image with no alt text: the book must not claim conformance.
# A badge whose image is missing and has no alt text: its link still has a name.
printf '# Pictures\n\n## Networks\n\n### What does a router do?\n\n![](router.png)\n\nIt forwards packets [![](gone.png)](https://example.com).\n' \
	>"$TMP/bare.md"
python3 -c 'import sys, zlib, struct
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
raw = b"".join(b"\0" + b"\xff\x00\x00" * 4 for _ in range(4))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))' >"$TMP/router.png"
book bare "$TMP/bare.md" && check bare "$TMP/bare.epub"
# Headings that skip a rank (a "####" under a question) and a table's empty
# corner cell: the outline fix (tools/guide2epub/outline.c) puts them right.
book 30s tests/guides/30-seconds-of-interviews.md && check 30s "$TMP/30s.epub"
book ja tests/guides/ja-system-design-primer.md && check ja "$TMP/ja.epub"
# A table wider than the screen scrolls in its box, which a keyboard must
# reach (scrollable-region-focusable): the sources table of the guides.
book wide tests/guides/SOURCES.md && check wide "$TMP/wide.epub"

if [ -n "${ACE_ALL:-}" ]; then
	for md in tests/guides/*.md tests/fixtures/*.md; do
		name=all-$(basename "$md" .md)
		book "$name" "$md" && check "$name" "$TMP/$name.epub"
	done
fi
