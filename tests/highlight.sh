#!/bin/sh
# tests/highlight.sh: code blocks as token runs (`<t k="...">` in a codeblock).
# A tree that carries runs is read by every back end, and what a reader gets
# back as text (pdftotext, the book's words, the deck's fields with their tags
# stripped) is what the same tree without runs gives; a run of an unknown
# kind is refused.
. tests/lib.sh

plain=tests/trees/sample.xml
runs="$TMP/runs.xml"
# The same code, split into runs: xs = [1, 2] as variable, operator, ...
sed 's|<codeblock line="19" lang="python" info="python">xs = \[1, 2\]|<codeblock line="19" lang="python" info="python"><t k="variable">xs</t> <t k="operator">=</t> <t k="punctuation">[</t><t k="number">1</t>, <t k="number">2</t><t k="punctuation">]</t>|' \
	"$plain" >"$runs"
if grep -q '<t k="number">1</t>' "$runs"; then
	ok "a sample tree with token runs"
else
	fail "a sample tree with token runs" "the sed left the code block as it was"
fi

# strip_tags FILE...: the text of HTML or XML files, markup removed.
strip_tags() {
	cat "$@" | sed -e 's/<[^>]*>//g'
}

for tool in $(built_backends); do
	case $tool in
	guide2pdf)
		"$BIN/guide2pdf" -o "$TMP/plain.pdf" "$plain" 2>"$TMP/err" &&
			"$BIN/guide2pdf" -o "$TMP/runs.pdf" "$runs" 2>>"$TMP/err" &&
			pdftotext "$TMP/plain.pdf" "$TMP/plain.txt" && pdftotext "$TMP/runs.pdf" "$TMP/runs.txt"
		;;
	guide2epub)
		"$BIN/guide2epub" -o "$TMP/plain.epub" "$plain" 2>"$TMP/err" &&
			"$BIN/guide2epub" -o "$TMP/runs.epub" "$runs" 2>>"$TMP/err" &&
			mkdir -p "$TMP/pe" "$TMP/re" && unzip -qo "$TMP/plain.epub" -d "$TMP/pe" &&
			unzip -qo "$TMP/runs.epub" -d "$TMP/re" &&
			strip_tags "$TMP"/pe/OEBPS/*.xhtml >"$TMP/plain.txt" &&
			strip_tags "$TMP"/re/OEBPS/*.xhtml >"$TMP/runs.txt"
		;;
	guide2anki)
		"$BIN/guide2anki" --format tsv -o "$TMP/plain.tsv" "$plain" 2>"$TMP/err" &&
			"$BIN/guide2anki" --format tsv -o "$TMP/runs.tsv" "$runs" 2>>"$TMP/err" &&
			strip_tags "$TMP/plain.tsv" >"$TMP/plain.txt" &&
			strip_tags "$TMP/runs.tsv" >"$TMP/runs.txt"
		;;
	esac
	status=$?
	if [ "$status" -eq 0 ] && sanitizer_clean "$TMP/err" && cmp -s "$TMP/plain.txt" "$TMP/runs.txt" &&
		grep -q 'xs = \[1, 2\]' "$TMP/runs.txt"; then
		ok "$tool: token runs give the code's text as it was"
	else
		fail "$tool: token runs give the code's text as it was" "exit $status" \
			"$(head -n 5 "$TMP/err")" "$(diff "$TMP/plain.txt" "$TMP/runs.txt" 2>&1 | head -n 8)"
	fi

	# Token runs are checked by hand, not by libxml2's validation (see
	# tools/lib/treetokens.h): each way a run can break the schema is refused.
	for bad in 'k="blink">1<' 'k="number" x="1">1<' 'k="number"><b>1</b><' \
		'xmlns="urn:x" k="number">1<' 'kk="number">1<' 'k="number">1</t><t>' \
		'k="number">1<!-- a note --><'; do
		sed "s|<t k=\"number\">1</t>|<t $bad/t>|" "$runs" >"$TMP/badrun.xml"
		cmp -s "$TMP/badrun.xml" "$runs" && fail "$tool: refused run $bad" "the sed changed nothing"
		rm -f "$TMP/badrun.$(ext_of "$tool")"
		"$BIN/$tool" -o "$TMP/badrun.$(ext_of "$tool")" "$TMP/badrun.xml" 2>"$TMP/badrun.err"
		status=$?
		case $bad in
		*'<!--'*) # a comment in a run is no content, as in the schema
			problems=$(outcome_problems $status 0 - /dev/null)
			grep -q 'error:' "$TMP/badrun.err" && problems="$problems; an error"
			what="a comment inside a run is read" ;;
		*)
			problems=$(outcome_problems $status 1 'badrun\.xml:[0-9]+: error:' "$TMP/badrun.err")
			[ -e "$TMP/badrun.$(ext_of "$tool")" ] && problems="$problems; wrote an output"
			what="a run <t $bad/t> is refused" ;;
		esac
		if [ -z "$problems" ]; then
			ok "$tool: $what"
		else
			fail "$tool: $what" "$problems" "$(head -n 3 "$TMP/badrun.err")"
		fi
	done
	# A run outside a code block is the schema's to refuse.
	sed 's|<p line="\([0-9]*\)">|<p line="\1"><t k="number">9</t>|' "$runs" >"$TMP/badrun.xml"
	"$BIN/$tool" -o "$TMP/badrun.$(ext_of "$tool")" "$TMP/badrun.xml" 2>"$TMP/badrun.err"
	problems=$(outcome_problems $? 1 'badrun\.xml:[0-9]+: error:' "$TMP/badrun.err")
	if ! grep -q '<p line="[0-9]*"><t k="number">9</t>' "$TMP/badrun.xml"; then
		fail "$tool: a run outside code is refused" "the sed changed nothing"
	elif [ -z "$problems" ]; then
		ok "$tool: a run outside code is refused"
	else
		fail "$tool: a run outside code is refused" "$problems" "$(head -n 3 "$TMP/badrun.err")"
	fi
done

# The seed guide and the real guides: every code block's text (its runs and
# the text between them) is the code cmark-gfm reads, byte for byte; the
# Python and SQL blocks have runs.
for md in input/interview-guide.md tests/guides/[!S]*.md; do
	[ -f "$md" ] || continue
	base=$(basename "$md" .md)
	"$BIN/md2guide" -o "$TMP/$base.xml" "$md" 2>/dev/null
	cmark-gfm --to xml "$md" >"$TMP/$base.cmark.xml"
	if out=$(python3 - "$TMP/$base.xml" "$TMP/$base.cmark.xml" 2>&1 <<'PY'
import re, sys, xml.etree.ElementTree as ET
tree = ET.parse(sys.argv[1]).getroot()
ns = "{http://commonmark.org/xml/1.0}"
# cmark-gfm writes control characters XML refuses; md2guide writes U+FFFD for them.
text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", open(sys.argv[2], encoding="utf-8").read())
source = {"".join(b.itertext()) for b in ET.fromstring(text).iter(ns + "code_block")}
bad = [b.get("line") for b in tree.iter("codeblock") if b.find("t") is not None
       and "".join(b.itertext()) not in source]
if bad:
    sys.exit("code text changed at lines " + " ".join(bad[:10]))
if sys.argv[1].endswith("interview-guide.xml"):
    for lang in ("python", "sql"):
        if not any(b.find("t") is not None for b in tree.iter("codeblock") if b.get("lang") == lang):
            sys.exit("no " + lang + " block has runs")
PY
	); then
		ok "md2guide $base: code text byte for byte under its runs"
	else
		fail "md2guide $base: code text byte for byte under its runs" "$out"
	fi
done

# Every theme's every colour against its background: WCAG AA, 4.5:1, from the
# relative luminance of each sRGB colour.
if out=$(python3 - styles/code-*.conf 2>&1 <<'PY'
import sys
def lum(hex_):
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
bad, kinds = [], 0
for name in sys.argv[1:]:
    looks = {}
    for line in open(name):
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = (s.strip() for s in line.split("=", 1))
            looks[key] = value.split()[0]
    bg = lum(looks.pop("background"))
    for key, colour in looks.items():
        fg = lum(colour)
        ratio = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
        kinds += 1
        if ratio < 4.5:
            bad.append("%s: %s %s is %.2f:1" % (name, key, colour, ratio))
if bad or kinds < 3 * 17:
    sys.exit("\n".join(bad) or "only %d colours read" % kinds)
PY
); then
	ok "every code colour of every theme meets 4.5:1 on its background"
else
	fail "every code colour of every theme meets 4.5:1 on its background" "$out"
fi

# The PDF draws each token in its theme colour (styles/code-light.conf), in
# the content stream; a string a wrap splits is in the string colour on both
# lines (#0a3069 is 0.039 0.188 0.412, #cf222e 0.812 0.133 0.18).
if [ -x "$BIN/guide2pdf" ]; then
	printf '# Wrap\n\n```python\nif x == "%s": pass\n```\n' "$(printf 'abcdefghij %.0s' $(seq 14))" >"$TMP/wrap.md"
	"$BIN/md2guide" -o "$TMP/wrap.xml" "$TMP/wrap.md" 2>/dev/null
	"$BIN/guide2pdf" -o "$TMP/wrap.pdf" "$TMP/wrap.xml" 2>"$TMP/wrap.err"
	qpdf --qdf --object-streams=disable "$TMP/wrap.pdf" "$TMP/wrap.qdf" 2>/dev/null
	strings_set=$(grep -a -c '^0.039 0.188 0.412 rg$' "$TMP/wrap.qdf")
	keyword_set=$(grep -a -c '^0.812 0.133 0.18 rg$' "$TMP/wrap.qdf")
	if [ "$strings_set" -ge 2 ] && [ "$keyword_set" -ge 1 ] && sanitizer_clean "$TMP/wrap.err" &&
		pdftotext "$TMP/wrap.pdf" - | grep -q 'abcdefghij'; then
		ok "guide2pdf: tokens in their colours, a wrapped string in its colour on both lines"
	else
		fail "guide2pdf: tokens in their colours, a wrapped string in its colour on both lines" \
			"string colour set $strings_set times, keyword colour $keyword_set" "$(head -n 3 "$TMP/wrap.err")"
	fi
fi

# A code line of many tokens is placed once: each token's text starts where
# the one before it left the text position (content.c's place_run), so the
# page holds a text matrix per line, not per token, and its text reads back
# exactly, spaces and all.
if [ -x "$BIN/guide2pdf" ]; then
	printf '# Runs\n\n```python\nvalues = [1, 2, 3, 4, 5, 6] + f(x, "s", 7.5)\ny = values\n```\n' >"$TMP/runs.md"
	"$BIN/md2guide" -o "$TMP/runs.xml" "$TMP/runs.md" 2>/dev/null
	"$BIN/guide2pdf" -o "$TMP/runs.pdf" "$TMP/runs.xml" 2>"$TMP/runs.err"
	qpdf --qdf --object-streams=disable "$TMP/runs.pdf" "$TMP/runs.qdf" 2>/dev/null
	code=$(sed -n '/^\/Code /,/^EMC$/p' "$TMP/runs.qdf")
	tms=$(printf '%s\n' "$code" | grep -a -c ' Tm$')
	tjs=$(printf '%s\n' "$code" | grep -a -c ' Tj$')
	if sanitizer_clean "$TMP/runs.err" && [ "$tjs" -ge 20 ] && [ "$tms" -le 4 ] &&
		pdftotext "$TMP/runs.pdf" - | grep -qx 'values = \[1, 2, 3, 4, 5, 6\] + f(x, "s", 7.5)'; then
		ok "guide2pdf: a line of $tjs token runs placed by $tms text matrices, its text exact"
	else
		fail "guide2pdf: a line of token runs placed once, its text exact" \
			"$tjs runs, $tms text matrices" "$(pdftotext "$TMP/runs.pdf" - 2>&1 | grep values)"
	fi
fi

# A line with Hebrew is drawn from a copy of its glyphs in visual order:
# whether it ends a word is asked of the text as read, not of the copy,
# which holds that line alone (reading past it was a heap overflow).
if [ -x "$BIN/guide2pdf" ]; then
	words='שורה אחת בעברית עם מילים רבות מאוד כדי שהשורה תהיה ארוכה יותר מרוחב העמוד'
	printf '# Rtl\n\n%s, %s.\n\n```python\nx = 1 # %s\n```\n' "$words" "$words" "$words" >"$TMP/rtl.md"
	"$BIN/md2guide" -o "$TMP/rtl.xml" "$TMP/rtl.md" 2>/dev/null
	"$BIN/guide2pdf" -o "$TMP/rtl.pdf" "$TMP/rtl.xml" 2>"$TMP/rtl.err"
	status=$?
	lines=$(pdftotext "$TMP/rtl.pdf" - 2>/dev/null | grep -c 'מילים')
	if [ $status -eq 0 ] && sanitizer_clean "$TMP/rtl.err" && [ "$lines" -ge 3 ]; then
		ok "guide2pdf: lines of Hebrew, wrapped, in prose and code"
	else
		fail "guide2pdf: lines of Hebrew, wrapped, in prose and code" "exit $status, $lines lines" \
			"$(grep -m 3 'ERROR\|SUMMARY' "$TMP/rtl.err")"
	fi
fi

# The book: tokens as <span class="hl-KIND">, styled by styles/code.css with
# the light theme and, under prefers-color-scheme: dark, the dark one.
if [ -x "$BIN/guide2epub" ]; then
	"$BIN/md2guide" -o "$TMP/hl.xml" tests/fixtures/highlight.md 2>/dev/null
	"$BIN/guide2epub" -o "$TMP/hl.epub" "$TMP/hl.xml" 2>"$TMP/hl-epub.err"
	rm -rf "$TMP/hle" && mkdir -p "$TMP/hle" && unzip -qo "$TMP/hl.epub" -d "$TMP/hle"
	css="$TMP/hle/OEBPS/styles/code.css"
	if sanitizer_clean "$TMP/hl-epub.err" && grep -q '<span class="hl-keyword">SELECT</span>' "$TMP"/hle/OEBPS/*.xhtml &&
		grep -q 'href="styles/code.css"' "$TMP"/hle/OEBPS/section-1.xhtml &&
		grep -q '^\.hl-keyword{color:#cf222e;}' "$css" &&
		sed -n '/prefers-color-scheme: dark/,$p' "$css" | grep -q '^\.hl-keyword{color:#ff7b72;}'; then
		ok "guide2epub: tokens as spans, light and dark colours from the themes"
	else
		fail "guide2epub: tokens as spans, light and dark colours from the themes" "$(head -n 5 "$css" 2>&1)"
	fi
fi

# The deck: tokens as <span class="hl-KIND"> in the fields; the note type's CSS
# colours them by day and, under .nightMode, from the dark theme.
if [ -x "$BIN/guide2anki" ]; then
	"$BIN/md2guide" -o "$TMP/ak.xml" tests/fixtures/conv-heading.md 2>/dev/null
	"$BIN/guide2anki" -o "$TMP/ak.apkg" "$TMP/ak.xml" 2>"$TMP/ak.err"
	rm -rf "$TMP/ak" && mkdir -p "$TMP/ak" && unzip -qo "$TMP/ak.apkg" -d "$TMP/ak"
	fields=$(sqlite3 "$TMP/ak/collection.anki2" 'SELECT flds FROM notes')
	models=$(sqlite3 "$TMP/ak/collection.anki2" 'SELECT models FROM col')
	if sanitizer_clean "$TMP/ak.err" && printf '%s' "$fields" | grep -q '<span class="hl-keyword">def</span>' &&
		printf '%s' "$models" | grep -q '\.hl-keyword{color:#cf222e;}' &&
		printf '%s' "$models" | grep -q '\.nightMode \.hl-keyword{color:#ff7b72;}'; then
		ok "guide2anki: tokens as spans in the fields, day and night colours in the note type"
	else
		fail "guide2anki: tokens as spans in the fields, day and night colours in the note type" \
			"$(head -n 3 "$TMP/ak.err")"
	fi
fi

# handout.conf's code_theme: greyscale prints no colour but greys; a theme
# with no file, or a theme file that lacks a colour, is an error naming it.
if [ -x "$BIN/guide2pdf" ]; then
	mkdir -p "$TMP/st"
	sed 's/^code_theme = light/code_theme = greyscale/' styles/handout.conf >"$TMP/st/handout.conf"
	"$BIN/guide2pdf" --styles "$TMP/st" -o "$TMP/grey.pdf" "$TMP/wrap.xml" 2>"$TMP/grey.err"
	qpdf --qdf --object-streams=disable "$TMP/grey.pdf" "$TMP/grey.qdf" 2>/dev/null
	# Every colour of a code line is a grey: r = g = b (the page's own colours aside).
	colours=$(grep -a -E '^[0-9.]+ [0-9.]+ [0-9.]+ rg$' "$TMP/grey.qdf" | sort -u)
	if sanitizer_clean "$TMP/grey.err" && ! printf '%s\n' "$colours" | grep -q '^0.039 0.188 0.412 rg$' &&
		printf '%s\n' "$colours" | grep -q '^0.227 0.227 0.227 rg$'; then
		ok "guide2pdf: code_theme = greyscale prints the code in greys"
	else
		fail "guide2pdf: code_theme = greyscale prints the code in greys" "$colours"
	fi

	# Its weights and slants in the monospace face's own cuts: a keyword in
	# DejaVu Sans Mono Bold, a comment in its Oblique, each embedded (with
	# its ToUnicode map: the text comes back as it was), and every character
	# where code_theme = none puts it, so the long comment wraps behind its
	# mark at the same place. Without the cuts (fonts not found), bold is
	# stroked (text render mode 2) and italic slanted by the text matrix (as
	# when the bold cut named is the plain face itself, which fontconfig gives
	# for a cut it does not have);
	# cuts of other widths (DejaVu Sans's own) move nothing either.
	printf '# Faces\n\n```python\n# a note\ndef f(x):\n    return x  # %s\n```\n' \
		"$(printf 'abcdefghij %.0s' $(seq 12))" >"$TMP/faces.md"
	"$BIN/md2guide" -o "$TMP/faces.xml" "$TMP/faces.md" 2>/dev/null
	mkdir -p "$TMP/plain" "$TMP/nocut"
	sed 's/^code_theme = light/code_theme = none/' styles/handout.conf >"$TMP/plain/handout.conf"
	sed -e 's/^code_theme = light/code_theme = greyscale/' -e 's/^\(font_mono_[a-z_]*\) = .*/\1 = No Such Mono/' \
		-e 's/^font_mono_bold = .*/font_mono_bold = DejaVu Sans Mono/' styles/handout.conf >"$TMP/nocut/handout.conf"
	mkdir -p "$TMP/wide"
	sed -e 's/^code_theme = light/code_theme = greyscale/' -e 's/^\(font_mono_[a-z_]*\) = DejaVu Sans Mono/\1 = DejaVu Sans/' \
		styles/handout.conf >"$TMP/wide/handout.conf"
	problems=
	for theme in st plain nocut wide; do
		"$BIN/guide2pdf" --styles "$TMP/$theme" -o "$TMP/faces-$theme.pdf" "$TMP/faces.xml" \
			2>"$TMP/faces-$theme.err" || problems="$problems $theme: exit $?;"
		[ -s "$TMP/faces-$theme.err" ] && problems="$problems $theme: $(head -n 2 "$TMP/faces-$theme.err");"
		mutool draw -F stext -o - "$TMP/faces-$theme.pdf" 2>/dev/null | python3 tests/code-faces.py >"$TMP/faces-$theme.runs"
		mutool draw -F stext -o - "$TMP/faces-$theme.pdf" 2>/dev/null | python3 tests/code-faces.py --chars >"$TMP/faces-$theme.chars"
		pdftotext "$TMP/faces-$theme.pdf" "$TMP/faces-$theme.txt"
		qpdf --check "$TMP/faces-$theme.pdf" >/dev/null 2>&1 || problems="$problems $theme: qpdf --check;"
		pdffonts "$TMP/faces-$theme.pdf" | awk 'NR > 2 && $(NF - 4) != "yes" { bad = 1 } END { exit bad }' ||
			problems="$problems $theme: a font not embedded;"
	done
	grep -q '^DejaVuSansMono-Bold	[0-9.]*	def$' "$TMP/faces-st.runs" || problems="$problems def is not bold;"
	grep -q '^DejaVuSansMono-Oblique	[0-9.]*	# a note \{0,1\}$' "$TMP/faces-st.runs" || problems="$problems the comment is not oblique;"
	grep -q 'Mono-' "$TMP/faces-plain.runs" && problems="$problems code_theme none uses a cut;"
	grep -q 'Mono-' "$TMP/faces-nocut.runs" && problems="$problems a cut that is not installed is used;"
	qpdf --qdf --object-streams=disable "$TMP/faces-nocut.pdf" "$TMP/faces-nocut.qdf" 2>/dev/null
	grep -aq '^2 Tr$' "$TMP/faces-nocut.qdf" || problems="$problems no stroked bold without the cut;"
	grep -aq '^1 0 0.213 1 [0-9.]* [0-9.]* Tm$' "$TMP/faces-nocut.qdf" || problems="$problems no slanted italic without the cut;"
	grep -q '↪' "$TMP/faces-st.chars" || problems="$problems the comment does not wrap;"
	for theme in st nocut wide; do
		moved=$(python3 tests/code-faces.py --same "$TMP/faces-plain.chars" "$TMP/faces-$theme.chars" 2>&1) ||
			problems="$problems $theme: characters moved ($moved);"
		cmp -s "$TMP/faces-plain.txt" "$TMP/faces-$theme.txt" || problems="$problems $theme: pdftotext differs;"
	done
	if [ -z "$problems" ]; then
		ok "guide2pdf: greyscale's bold and italic in the mono face's cuts (else stroked, slanted); nothing moves"
	else
		fail "guide2pdf: greyscale's bold and italic in the mono face's cuts (else stroked, slanted); nothing moves" \
			"$problems"
	fi
	sed 's/^code_theme = light/code_theme = nosuch/' styles/handout.conf >"$TMP/st/handout.conf"
	"$BIN/guide2pdf" --styles "$TMP/st" -o "$TMP/none.pdf" "$TMP/wrap.xml" 2>"$TMP/none.err"
	problems=$(outcome_problems $? 1 'code-nosuch\.conf: error:' "$TMP/none.err")
	cp styles/handout.conf "$TMP/st/handout.conf"
	printf 'keyword = #000000\n' >"$TMP/st/code-light.conf"
	"$BIN/guide2pdf" --styles "$TMP/st" -o "$TMP/bad.pdf" "$TMP/wrap.xml" 2>"$TMP/bad.err"
	problems="$problems$(outcome_problems $? 1 "code-light\.conf: error: background: no colour given" "$TMP/bad.err")"
	if [ -z "$problems" ] && [ ! -e "$TMP/none.pdf" ] && [ ! -e "$TMP/bad.pdf" ]; then
		ok "guide2pdf: an unknown code theme, a theme missing a colour: errors, no PDF"
	else
		fail "guide2pdf: an unknown code theme, a theme missing a colour: errors, no PDF" "$problems" \
			"$(cat "$TMP/none.err" "$TMP/bad.err")"
	fi
fi

# SQL as guides write it: statements one after another, a blank line and no
# ';' between them. Each is parsed on its own, so the same line is coloured
# the same in each (parsed whole, all after the first was error recovery).
printf '# SQL\n\n```sql\n-- one\nSELECT s.name FROM students s\n\n-- two\nSELECT s.name FROM students s\n\n-- three\nSELECT s.name FROM students s\n```\n' \
	>"$TMP/statements.md"
"$BIN/md2guide" -o "$TMP/statements.xml" "$TMP/statements.md" 2>/dev/null
selects=$(grep -o '<t k="keyword">SELECT</t>.*' "$TMP/statements.xml" | sort | uniq -c | wc -l)
[ "$(grep -c '<t k="keyword">SELECT</t>' "$TMP/statements.xml")" = 3 ] && [ "$selects" = 1 ] &&
	grep -q '<t k="type">students</t>' "$TMP/statements.xml" &&
	ok "sql: statements apart by a blank line, no ';', are coloured alike" ||
	fail "sql: statements apart by a blank line, no ';', are coloured alike" \
		"$(grep 'SELECT' "$TMP/statements.xml")"
