#!/bin/sh
# tests/hostile-html.sh: known XSS payloads (tests/fixtures/hostile-xss.md: raw
# HTML blocks, inline HTML, javascript:/vbscript:/data: links and images,
# entity-obfuscated schemes, event attributes, <script>, <iframe>, <object>,
# <base>, <meta refresh>, <style>, SVG and MathML tricks) must never reach an
# EPUB page or an Anki card in a form that runs, nor a PDF as a script or a
# javascript: link. The pages are parsed as HTML (entities decoded, as a
# browser would) and every element and attribute is checked; text that merely
# shows a payload is fine. The checker must also find the payloads in
# cmark-gfm's own unsafe HTML of the fixture, so it is known to look.
. tests/lib.sh

TOOLS="${TOOLS:-md2guide guide2pdf guide2epub guide2anki}"
have() { case " $TOOLS " in *" $1 "*) [ -x "$BIN/$1" ] ;; *) false ;; esac; }
fixture=tests/fixtures/hostile-xss.md

cat >"$TMP/check.py" <<'EOF'
# check.py FILE...: prints every element or attribute in FILE that could run
# script; exit 1 when there is one. A file ending in .fields holds Anki note
# fields separated by 0x1f, one note per line.
import html.parser, re, sys

BAD_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet",
            "base", "form", "button", "input", "textarea", "select", "style",
            "svg", "math", "noscript", "template", "portal", "video", "audio"}
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "xlink:href",
             "background", "srcset", "codebase", "cite", "longdesc", "lowsrc", "dynsrc"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript):")

def scheme_of(value):
    # Browsers drop ASCII whitespace and controls anywhere inside the scheme.
    return re.sub(r"[\x00-\x20\x7f]", "", value).lower()

class Checker(html.parser.HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.problems, self.in_head = name, [], False

    def handle_starttag(self, tag, attrs):
        where = "%s line %d <%s>" % (self.name, self.getpos()[0], tag)
        if tag == "head":
            self.in_head = True
        # The page's own head: its charset and its stylesheets.
        head_ok = self.in_head and (tag == "meta" and [a for a, _ in attrs] == ["charset"]
                                    or tag == "link" and dict(attrs).get("rel") == "stylesheet"
                                    or tag == "title")
        if tag in BAD_TAGS or (tag in ("meta", "link") and not head_ok):
            self.problems.append(where + ": element that can run or redirect")
        for attr, value in attrs:
            value = value or ""
            if attr.startswith("on"):
                self.problems.append("%s: event attribute %s" % (where, attr))
            elif attr == "srcdoc":
                self.problems.append(where + ": srcdoc")
            elif attr in URL_ATTRS and BAD_SCHEME.match(scheme_of(value)):
                self.problems.append("%s: %s=%r" % (where, attr, value[:40]))
            elif attr == "style" and re.search(r"url\s*\(|expression|javascript", value, re.I):
                self.problems.append("%s: style=%r" % (where, value[:40]))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False

problems = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8", errors="replace").read()
    pieces = [text]
    if path.endswith(".fields"):
        pieces = [f for line in text.split("\n") for f in line.split("\x1f")]
    for piece in pieces:
        checker = Checker(path)
        checker.feed(piece)
        checker.close()
        problems += checker.problems
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF

# The checker finds the payloads in an unsafe rendering of the fixture.
cmark-gfm --unsafe -e table -e autolink "$fixture" >"$TMP/unsafe.html"
found=$(python3 "$TMP/check.py" "$TMP/unsafe.html" | wc -l)
if [ "$found" -ge 30 ]; then
	ok "the checker finds $found payloads in cmark-gfm's unsafe HTML of the fixture"
else
	fail "the checker finds the payloads in cmark-gfm's unsafe HTML" "found only $found"
fi

if ! have md2guide; then
	exit 0
fi
tree="$TMP/xss.xml"
"$BIN/md2guide" -o "$tree" "$fixture" 2>"$TMP/md2guide.err"
status=$?
if [ "$status" -ne 0 ] || ! sanitizer_clean "$TMP/md2guide.err"; then
	fail "md2guide reads the XSS fixture" "exit $status" "$(head -n 5 "$TMP/md2guide.err")"
	exit 0
fi
ok "md2guide reads the XSS fixture; the raw HTML is kept as text in the tree"

# check_pages WHAT FILES...: no payload in a form that runs.
check_pages() {
	what=$1
	shift
	if out=$(python3 "$TMP/check.py" "$@"); then
		ok "$what: no script, event attribute or javascript:/data: URL"
	else
		fail "$what: no script, event attribute or javascript:/data: URL" \
			"$(printf '%s\n' "$out" | sed "s|$TMP/||" | head -n 10)"
	fi
}

if have guide2epub; then
	"$BIN/guide2epub" --styles styles -o "$TMP/xss.epub" "$tree" 2>"$TMP/epub.err"
	status=$?
	if [ "$status" -ne 0 ] || ! sanitizer_clean "$TMP/epub.err"; then
		fail "guide2epub writes the XSS fixture's book" "exit $status" "$(head -n 5 "$TMP/epub.err")"
	else
		mkdir -p "$TMP/epub"
		unzip -q -o "$TMP/xss.epub" -d "$TMP/epub"
		pages=$(find "$TMP/epub" -name '*.xhtml' -o -name '*.html' -o -name '*.htm' | sort)
		if [ -z "$pages" ]; then
			fail "the book has pages" "$(unzip -l "$TMP/xss.epub")"
		else
			# shellcheck disable=SC2086
			check_pages "EPUB pages" $pages
		fi
		svgs=$(find "$TMP/epub" -name '*.svg')
		if [ -n "$svgs" ] && grep -il -E '<script|[[:space:]]on[a-z]+[[:space:]]*=|javascript:' $svgs; then
			fail "EPUB SVG files: no script" "$svgs"
		fi
	fi
fi

if have guide2anki; then
	"$BIN/guide2anki" --styles styles -o "$TMP/xss.apkg" "$tree" 2>"$TMP/anki.err"
	status=$?
	if [ "$status" -ne 0 ] || ! sanitizer_clean "$TMP/anki.err"; then
		fail "guide2anki writes the XSS fixture's deck" "exit $status" "$(head -n 5 "$TMP/anki.err")"
	else
		mkdir -p "$TMP/anki"
		unzip -q -o "$TMP/xss.apkg" -d "$TMP/anki"
		db=$(ls "$TMP"/anki/collection.anki2* 2>/dev/null | head -n 1)
		if [ -z "$db" ] || ! sqlite3 "$db" 'select flds from notes' >"$TMP/notes.fields" ||
			[ ! -s "$TMP/notes.fields" ]; then
			fail "the deck's notes can be read" "$(unzip -l "$TMP/xss.apkg")"
		else
			check_pages "Anki note fields (apkg)" "$TMP/notes.fields"
		fi
	fi
	"$BIN/guide2anki" --styles styles --format tsv -o "$TMP/xss.tsv" "$tree" 2>"$TMP/tsv.err" &&
		check_pages "Anki note fields (tsv)" "$TMP/xss.tsv"
fi

if have guide2pdf; then
	"$BIN/guide2pdf" --styles styles -o "$TMP/xss.pdf" "$tree" 2>"$TMP/pdf.err"
	status=$?
	if [ "$status" -ne 0 ] || ! sanitizer_clean "$TMP/pdf.err"; then
		fail "guide2pdf writes the XSS fixture's handout" "exit $status" "$(head -n 5 "$TMP/pdf.err")"
	elif ! qpdf --qdf --object-streams=disable "$TMP/xss.pdf" "$TMP/xss-qdf.pdf" 2>/dev/null &&
		[ ! -s "$TMP/xss-qdf.pdf" ]; then
		fail "qpdf reads the handout" "$(qpdf --check "$TMP/xss.pdf" 2>&1 | head -n 3)"
	elif grep -a -i -E '/(JavaScript|JS|Launch|SubmitForm|ImportData)\b|/URI[[:space:]]*\([[:space:]]*(javascript|vbscript|data|file):' \
		"$TMP/xss-qdf.pdf" >"$TMP/pdf.hits"; then
		fail "PDF: no JavaScript, launch action or javascript:/data:/file: link" "$(head -n 5 "$TMP/pdf.hits")"
	else
		ok "PDF: no JavaScript, launch action or javascript:/data:/file: link"
	fi
fi
