# guide2pdf prints every character: emoji and mathematical letters above
# U+FFFF (drawn at private codes of the font copies, given back by the
# ToUnicode map), variation selectors and joiners as nothing, and a real
# private-use character of that range refused with a warning. Hangul and
# Thai come from their own fonts, bold CJK, Hangul and Thai are stroked, and
# Hebrew and Arabic are drawn right to left, Arabic joined (presentation
# forms) and read back as its letters.
. tests/lib.sh

. tests/fixtures/pdf-common.sh

fixture=tests/fixtures/pdf-chars.xml
"$pdf" -o "$TMP/chars.pdf" "$fixture" 2>"$TMP/chars.err"
status=$?
[ $status -eq 0 ] && [ ! -s "$TMP/chars.err" ] && ok "chars: written with no warning" ||
	fail "chars: written with no warning" "exit $status" "$(head -c 600 "$TMP/chars.err")"
pdftotext "$TMP/chars.pdf" "$TMP/chars.txt" 2>"$TMP/chars.text.err"

# The exact lines: ⭐️ is U+2B50 U+FE0F, 🧑‍💻 is U+1F9D1 U+200D U+1F4BB.
for line in 'Marks 👶 🚀 ⭐️' 'Levels: 👶 🚀 ⭐️ 🧑‍💻 end.' 'Math: 𝐀 𝑥 𝔸 end.' 'Star ⭐ as text, ⭐️ as emoji.' \
	'Q1. Which level is 🧑‍💻?' 'Text style ☺︎ and emoji style ☺️, bold 🚀, code 🚀.' \
	'中文：数据库索引。粗体中文 한국어 굵게 ตัวหนา.' '한국어: 데이터베이스 인덱스는 검색을 빠르게 합니다.' \
	'ไทย: ดัชนีฐานข้อมูลช่วยให้ค้นหาได้เร็วขึ้น'; do
	grep -qxF "$line" "$TMP/chars.txt" && ok "chars: pdftotext gives back '$line'" ||
		fail "chars: pdftotext gives back '$line'" "$(grep -F "${line%% *}" "$TMP/chars.txt" | head -n 3)"
done
# Right to left: drawn in visual order, which pdftotext reads back in reading
# order (it marks the runs with U+202B ... U+202C, left out here, and may
# glue a word of a line that starts right to left to its neighbour); drawn
# in reading order, every word would come back reversed.
rtl_text=$(LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g' "$TMP/chars.txt")
printf '%s\n' "$rtl_text" | grep -qxF 'Arabic again: قاعدة البيانات سلام.' &&
	ok "chars: an Arabic phrase in English comes back in reading order, as its letters" ||
	fail "chars: an Arabic phrase in English comes back in reading order, as its letters" \
		"$(printf '%s\n' "$rtl_text" | grep -F 'Arabic again')"
missing=
for word in עברית שלום עולם العربية مرحبا بالعالم; do
	printf '%s\n' "$rtl_text" | grep -qF "$word" || missing="$missing $word"
done
[ -z "$missing" ] && ok "chars: every Hebrew and Arabic word of a right-to-left line comes back" ||
	fail "chars: every Hebrew and Arabic word of a right-to-left line comes back" "missing:$missing" \
		"$(printf '%s\n' "$rtl_text" | grep -F 'and')"
[ ! -s "$TMP/chars.text.err" ] && qpdf --check "$TMP/chars.pdf" >/dev/null 2>&1 &&
	ok "chars: no warning from pdftotext or qpdf" ||
	fail "chars: no warning from pdftotext or qpdf" "$(head -n 3 "$TMP/chars.text.err")"

fonts=$(pdffonts "$TMP/chars.pdf" | tail -n +3)
# The astral copy is a font of its own (a second font of the same name would
# be taken for the first, and print its characters as .notdef boxes).
for face in Symbola Symbola-Astral WenQuanYiZenHei NanumGothic Loma; do
	echo "$fonts" | grep -q "+$face " || fonts_missing="$fonts_missing $face"
done
[ -z "${fonts_missing:-}" ] && ! echo "$fonts" | awk '$(NF-4) != "yes"' | grep -q . &&
	ok "chars: every font embedded: Symbola, its astral copy, WenQuanYi, NanumGothic, Loma" ||
	fail "chars: every font embedded: Symbola, its astral copy, WenQuanYi, NanumGothic, Loma" \
		"missing:${fonts_missing:-}" "$fonts"

# Bold in a face with no bold cut is stroked (text render mode 2), and only
# there: the page of the scripts has one such run per bold run, ended by 0 Tr.
qpdf --qdf --object-streams=disable "$TMP/chars.pdf" "$TMP/chars.qdf" 2>/dev/null
# (The invisible word space at a line's end, 3 Tr, is ended by 0 Tr too.)
stroked=$(grep -ac '^2 Tr$' "$TMP/chars.qdf") ended=$(grep -ac '^0 Tr$' "$TMP/chars.qdf")
invisible=$(grep -ac '^3 Tr$' "$TMP/chars.qdf")
[ "$stroked" -gt 0 ] && [ "$stroked" = "$((ended - invisible))" ] &&
	ok "chars: bold CJK, Hangul and Thai are stroked ($stroked runs)" ||
	fail "chars: bold CJK, Hangul and Thai are stroked" "2 Tr: $stroked, 3 Tr: $invisible, 0 Tr: $ended"

# A variation selector takes no room: ⭐ and ⭐️ are as wide.
pdftotext -bbox "$TMP/chars.pdf" "$TMP/chars.html" 2>/dev/null
widths=$(/usr/bin/python3 - "$TMP/chars.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', html)
width = {}
for x0, x1, word in words:
    width.setdefault(word, float(x1) - float(x0))
plain, varied = width.get("\u2b50"), width.get("\u2b50\ufe0f")
print("ok" if plain and varied and abs(plain - varied) < 0.05 else "%s %s" % (plain, varied))
PY
)
[ "$widths" = ok ] && ok "chars: a variation selector is drawn as nothing" ||
	fail "chars: a variation selector is drawn as nothing" "widths of ⭐ and ⭐️: $widths"

# A real private-use character of the range the codes use: U+FFFD, warned
# once; so is an emoji the astral copy lacks (🟡, newer than Symbola).
sed 's/Math: /Private \xee\x80\x81 \xee\x80\x81 🟡 /' "$fixture" >"$TMP/private.xml"
"$pdf" -o "$TMP/private.pdf" "$TMP/private.xml" 2>"$TMP/private.err"
count=$(grep -c 'warning: private-use character U+E001 is in the range U+E000-U+EEFF' "$TMP/private.err")
pdftotext "$TMP/private.pdf" - 2>/dev/null | grep -qxF 'Private � � � 𝐀 𝑥 𝔸 end.' && [ "$count" = 1 ] &&
	grep -q 'warning: no font has character U+1F7E1; printed as U+FFFD (reported once)$' \
		"$TMP/private.err" && sanitizer_clean "$TMP/private.err" &&
	ok "chars: a private-use character of the range, and an emoji no font has, print as U+FFFD" ||
	fail "chars: a private-use character of the range, and an emoji no font has, print as U+FFFD" \
		"$(head -c 600 "$TMP/private.err")"

# Flags are pairs of regional indicators, which Debian 12's libunibreak
# aborts on: a line of flags, long enough to wrap, prints and comes back.
flags=
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
	flags="$flags 🇪🇸🇯🇵"
done
printf '<?xml version="1.0"?>\n<guide version="1" lang="en" source="flags.md"><meta><title line="1">Flags</title></meta><section id="s" level="2" line="2" kind="prose"><title>Flags</title><p line="3">Spain 🇪🇸 flag.%s</p></section></guide>\n' "$flags" >"$TMP/flags.xml"
"$pdf" -o "$TMP/flags.pdf" "$TMP/flags.xml" 2>"$TMP/flags.err"
status=$?
back=$(pdftotext "$TMP/flags.pdf" - 2>/dev/null | sed -n '/^Spain/,$p' | grep -v '^page ' | tr -d '\n\f ')
[ $status -eq 0 ] && [ "$back" = "Spain🇪🇸flag.$(printf '%s' "$flags" | tr -d ' ')" ] &&
	sanitizer_clean "$TMP/flags.err" &&
	ok "chars: flags print, wrap between flags only, and come back" ||
	fail "chars: flags print, wrap between flags only, and come back" "exit $status" \
		"$(head -c 300 "$TMP/flags.err")" "$(printf '%s' "$back" | head -c 200)"

# With no flattened copies, characters above U+FFFF cannot print: U+FFFD and
# a warning that names the cache; the joiner and the selector print nothing.
mkdir -p "$TMP/no-cache" # a font cache with no copies in it
"$pdf" --font-cache "$TMP/no-cache" -o "$TMP/plain.pdf" "$fixture" 2>"$TMP/plain.err"
pdftotext "$TMP/plain.pdf" - 2>/dev/null | grep -qxF 'Levels: � � ⭐ �� end.' &&
	grep -q 'warning: no font copy has character U+1F476; .*flattened font cache' "$TMP/plain.err" &&
	sanitizer_clean "$TMP/plain.err" &&
	ok "chars: without the font cache, U+FFFD and a warning that says why" ||
	fail "chars: without the font cache, U+FFFD and a warning that says why" \
		"$(head -c 400 "$TMP/plain.err")"

# Arabic is drawn in its joined forms: the letters are presentation forms in
# the content stream (lam-alef as two of them, lam U+FEDF initial and alef
# U+FE8E final, rather than its ligature, whose two letters pdftotext gives
# back in the wrong order).
forms=$(/usr/bin/python3 - "$TMP/chars.qdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
codes = set()
for hexa in re.findall(rb"<([0-9a-fA-F]+)> Tj", data):  # qpdf --qdf writes hex strings
    string = bytes.fromhex(hexa.decode())
    codes.update(int.from_bytes(string[i:i + 2], "big") for i in range(0, len(string) - 1, 2))
print(len([c for c in codes if 0xFE70 <= c <= 0xFEFC]),
      "lam-alef" if {0xFEDF, 0xFE8E} <= codes else "-")
PY
)
case $forms in
0\ *|*-) fail "chars: Arabic is drawn joined" "forms: $forms" ;;
*) ok "chars: Arabic is drawn joined ($forms)" ;;
esac

# A line's last word space (the tagged PDF's break between two lines) prints
# nothing whatever font the line ends in: the CJK font's and the emoji copy's
# subsets have no space, whose .notdef box a viewer would draw after the
# line. Nothing is inked just right of a line that ends in each.
printf '<?xml version="1.0"?>\n<guide version="1" lang="zh" source="ends.md"><meta><title line="1">结尾</title></meta><section id="s" level="2" line="2" kind="prose"><title>标题</title><p line="3">中文段落。</p><p line="4">Bulb 💡</p><p line="5">Plain end</p></section></guide>\n' >"$TMP/ends.xml"
"$pdf" -o "$TMP/ends.pdf" "$TMP/ends.xml" 2>"$TMP/ends.err"
pdftotext -f 3 -l 3 -bbox "$TMP/ends.pdf" "$TMP/ends.html" 2>/dev/null
pdftoppm -f 3 -l 3 -r 100 -gray "$TMP/ends.pdf" "$TMP/ends" 2>/dev/null
inked=$(/usr/bin/python3 - "$TMP/ends.html" "$TMP"/ends-*.pgm <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
data = open(sys.argv[2], "rb").read()
head = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", data)
width, height = int(head.group(1)), int(head.group(2))
pixels = data[head.end():]
scale = 100 / 72
found = []
for x0, y0, x1, y1, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', html):
    if word not in ("中文段落。", "💡", "标题", "end"):
        continue
    dark = 0
    for y in range(int(float(y0) * scale) + 1, int(float(y1) * scale)):
        for x in range(int(float(x1) * scale) + 2, min(width, int((float(x1) + 8) * scale))):
            dark += pixels[y * width + x] < 200
    found.append("%s:%d" % (word, dark))
print(" ".join(found))
PY
)
case " $inked " in
*" 中文段落。:"*" 💡:"*" end:"*)
	case "$inked" in
	*:[1-9]*) fail "chars: nothing prints after a line that ends in CJK or an emoji" "dark pixels: $inked" ;;
	*) ok "chars: nothing prints after a line that ends in CJK or an emoji ($inked)" ;;
	esac ;;
*) fail "chars: nothing prints after a line that ends in CJK or an emoji" "dark pixels: $inked" ;;
esac

# Han and kana come from the CJK font even where the symbol font has them:
# Symbola's own 中 and の, in another design and never stroked bold, would
# stand out in every line of Chinese or Japanese.
printf '<?xml version="1.0"?>\n<guide version="1" lang="zh" source="han.md"><meta><title line="1">中文</title></meta><section id="s" level="2" line="2" kind="prose"><title>在 React 中，refs</title><p line="3">大模型中的字。<strong>中文</strong>日本語の文章。</p></section></guide>\n' >"$TMP/han.xml"
"$pdf" -o "$TMP/han.pdf" "$TMP/han.xml" 2>"$TMP/han.err"
han_fonts=$(pdffonts "$TMP/han.pdf" 2>&1 | tail -n +3 | awk '{ sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u | tr '\n' ' ')
case "$han_fonts" in
*WenQuanYi*Symbola* | *Symbola*) fail "chars: 中 and の print in the CJK font, not the symbol font" "fonts: $han_fonts" ;;
*WenQuanYi*) ok "chars: 中 and の print in the CJK font, not the symbol font ($han_fonts)" ;;
*) fail "chars: 中 and の print in the CJK font, not the symbol font" "fonts: $han_fonts" ;;
esac

# In a right-to-left run a bracket is drawn as its mirror (UAX #9, L4): left
# to right on the page, "(HTTP)" and "[الويب]" read as they do on screen,
# not ")HTTP(". The page's text strings, in the order drawn, show it.
printf '<?xml version="1.0"?>\n<guide version="1" lang="ar" source="mirror.md"><meta><title line="1">دليل</title></meta><section id="s" level="2" line="2" kind="prose"><title>بروتوكول</title><p line="3">بروتوكول نقل النص (HTTP) هو أساس [الويب].</p></section></guide>\n' >"$TMP/mirror.xml"
"$pdf" -o "$TMP/mirror.pdf" "$TMP/mirror.xml" 2>"$TMP/mirror.err"
qpdf --qdf --object-streams=disable "$TMP/mirror.pdf" "$TMP/mirror.qdf" 2>/dev/null
drawn=$(/usr/bin/python3 - "$TMP/mirror.qdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
out = []
for hexa, literal in re.findall(rb"<([0-9a-fA-F]*)> Tj|\(((?:\\.|[^\\)])*)\) Tj", data):
    if hexa:
        string = bytes.fromhex(hexa.decode())
    else:
        string = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)]) if m.group(1)[:1].isdigit()
                        else m.group(1), literal)
    out.append("".join(chr(int.from_bytes(string[i:i + 2], "big")) for i in range(0, len(string) - 1, 2)))
text = "".join(out)
print("(HTTP)" if "(HTTP)" in text else ")HTTP(" if ")HTTP(" in text else "neither",
      "[" if "[" in text and text.index("[") < text.index("]") else "]")
PY
)
[ "$drawn" = "(HTTP) [" ] && sanitizer_clean "$TMP/mirror.err" &&
	ok "chars: brackets in right-to-left text are drawn mirrored" ||
	fail "chars: brackets in right-to-left text are drawn mirrored" "drawn: $drawn" "$(head -c 300 "$TMP/mirror.err")"

# Korean breaks at the spaces between words only, not between any two
# syllables: the lines of a long paragraph, joined by spaces, are its text.
korean='네트워크 애플리케이션과 애플리케이션 계층 프로토콜이 있는 곳이다. HTTP, SMTP, FTP와 같은 많은 프로토콜을 포함한다. 도메인 주소를 32비트 네트워크 주소로 변환하는 기능을 위한 DNS(Domain Name Server)를 지원한다. 트랜스포트 계층 패킷을 세그먼트(segment)라고 한다. 사용자를 위한 인터페이스를 지원하며, 사용자에게 보이는 유일한 계층이다. 네트워크 기기 간 데이터 전송 및 물리 주소를 결정하는 역할을 수행한다. 소켓을 생성한다고 바로 통신을 할 수 없으며 실제 통신을 하기 위해서는 바인딩, 연결 등 추가 작업이 필요하다.'
printf '<?xml version="1.0"?>\n<guide version="1" lang="ko" source="ko.md"><meta><title line="1">네트워크</title></meta><section id="s" level="2" line="2" kind="prose"><title>계층</title><p line="3">%s</p></section></guide>\n' "$korean" >"$TMP/korean.xml"
"$pdf" -o "$TMP/korean.pdf" "$TMP/korean.xml" 2>"$TMP/korean.err"
lines=$(pdftotext -f 3 -l 3 "$TMP/korean.pdf" - 2>/dev/null | sed -n '/^네트워크 애플/,/필요하다\.$/p')
joined=$(printf '%s\n' "$lines" | paste -sd ' ' -)
[ "$joined" = "$korean" ] && [ "$(printf '%s\n' "$lines" | wc -l)" -gt 2 ] &&
	! printf '%s\n' "$lines" | grep -q '^를' &&
	ok "chars: Korean breaks between words only, never before a particle after a bracket ($(printf '%s\n' "$lines" | wc -l) lines)" ||
	fail "chars: Korean breaks between words only, never before a particle after a bracket" "$lines"

# A right-to-left line's inline code is shaded where the code is drawn, not
# where it would be read: the shading (the code background) spans the word
# "https" pdftotext finds, in an Arabic sentence.
printf '<?xml version="1.0"?>\n<guide version="1" lang="ar" source="code.md"><meta><title line="1">دليل</title></meta><section id="s" level="2" line="2" kind="prose"><title>بروتوكول</title><p line="3">بروتوكول نقل النص التشعبي يستخدم <code>https</code> على المنفذ 443.</p></section></guide>\n' >"$TMP/rtlcode.xml"
"$pdf" -o "$TMP/rtlcode.pdf" "$TMP/rtlcode.xml" 2>"$TMP/rtlcode.err"
pdftotext -f 3 -l 3 -bbox "$TMP/rtlcode.pdf" "$TMP/rtlcode.html" 2>/dev/null
pdftoppm -f 3 -l 3 -r 72 "$TMP/rtlcode.pdf" "$TMP/rtlcode" 2>/dev/null
shaded=$(/usr/bin/python3 - "$TMP/rtlcode.html" "$TMP"/rtlcode-*.ppm <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
word = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">https</word>', html)
data = open(sys.argv[2], "rb").read()
head = re.match(rb"P6\s+(\d+)\s+(\d+)\s+\d+\s", data)
width = int(head.group(1))
pixels = data[head.end():]
x0, y0, x1, y1 = (float(v) for v in word.groups())
row = int((y0 + y1) / 2)
# The code background (the light theme's #f6f8fa: a pale blue-grey, where
# the type's antialiasing is neutral grey), at 72 dpi one pixel a point.
def shade(x):
    r, g, b = pixels[3 * (row * width + x):3 * (row * width + x) + 3]
    return r >= 0xf0 and b - r >= 3
xs = [x for x in range(width) if shade(x)]
print("ok" if xs and min(xs) >= x0 - 3 and max(xs) <= x1 + 3 and max(xs) - min(xs) > (x1 - x0) / 2
      else "shaded %s-%s, word %.0f-%.0f" % (min(xs) if xs else "-", max(xs) if xs else "-", x0, x1))
PY
)
[ "$shaded" = ok ] && sanitizer_clean "$TMP/rtlcode.err" &&
	ok "chars: inline code in a right-to-left line is shaded where it is drawn" ||
	fail "chars: inline code in a right-to-left line is shaded where it is drawn" "$shaded"

# A paragraph and a heading that start right to left are set from the right
# margin (A4's, 60 pt in: 535 pt), as they read; a list item or a quote
# stays beside its marker or rule. The Arabic sentence above ends there.
right=$(/usr/bin/python3 - "$TMP/rtlcode.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', html)
line = [w for w in words if w[3] == "https"][0][1]
# The heading: between the running header (at 26 pt) and the sentence.
heading = [w for w in words if 40 < float(w[1]) < float(line) - 5]
print("%.0f %.0f" % (max(float(w[2]) for w in words if abs(float(w[1]) - float(line)) < 3),
                     max(float(w[2]) for w in heading) if heading else 0))
PY
)
case $right in
53[3-6]\ 53[3-6]) ok "chars: a right-to-left paragraph and heading end at the right margin ($right pt)" ;;
*) fail "chars: a right-to-left paragraph and heading end at the right margin" "right edges: $right" ;;
esac
