# anki-fields: the field HTML of a small fixture against golden files
# (tests/fixtures/anki-fields/), and the rules behind it: escaping, braces as
# &#123;, raw HTML reduced to the whitelist, images packed under safe names,
# images outside the guide's folder never read, a missing image a warning that
# names SOURCE:LINE, the deck options, and the text export.
. tests/lib.sh

dir=tests/fixtures/anki-fields
check=tests/fixtures/anki-check.py
run_anki() { SOURCE_DATE_EPOCH=1700000000 "$BIN/guide2anki" --no-font "$@"; }
# fields APKG: every note in card order, its deck, tags and fields.
fields() {
	rm -rf "$TMP/d" && mkdir "$TMP/d" && (cd "$TMP/d" && unzip -q "$1")
	sqlite3 "$TMP/d/collection.anki2" "select '== ' || n.guid || ' deck=' ||
		(select json_extract(value, '\$.name') from col, json_each(col.decks) where key = c.did) ||
		' tags=[' || n.tags || ']' || char(10) ||
		replace(n.flds, char(31), char(10) || '--' || char(10))
		from notes n join cards c on c.nid = n.id order by c.due"
}

if run_anki -o "$TMP/f.apkg" "$dir/guide.xml" 2>"$TMP/err"; then
	ok "fixture: guide2anki writes the deck (warnings only)"
else
	fail "fixture: guide2anki writes the deck" "$(cat "$TMP/err")"
	exit 0
fi
expect "fixture: package follows every rule of the Anki notes" \
	python3 "$check" "$TMP/f.apkg" --tree "$dir/guide.xml" --notes 4 --decks-under 2
fields "$TMP/f.apkg" >"$TMP/fields.txt"
expect "fixture: field HTML equals the golden file" diff -u "$dir/fields.golden" "$TMP/fields.txt"
# Right-to-left text reads right to left: text blocks take dir="auto".
expect "fixture: every <p>, <li>, heading and cell of a field has dir=auto" \
	sh -c '! grep -oE "<(p|li|h[1-6]|td|th)( [^>]*)?>" "$1" | grep -v "dir=\"auto\"" | grep -q .' \
	sh "$TMP/fields.txt"
expect "templates: the question and section take dir=auto" \
	grep -q '<div class="question" dir="auto">{{Question}}</div>' styles/card-front.html
expect "fixture: warnings equal the golden file (SOURCE:LINE of each image)" \
	diff -u "$dir/warnings.golden" "$TMP/err"
run_anki --format=tsv "$dir/guide.xml" >"$TMP/cards.tsv" 2>/dev/null
expect "fixture: text export equals the golden file" diff -u "$dir/cards.tsv" "$TMP/cards.tsv"

# Safety, stated directly (the golden file shows it too).
expect "fixture: no <script>, event attribute or javascript: link in any field" \
	test "$(grep -ciE '<script|<iframe| on[a-z]+=|javascript:' "$TMP/fields.txt")" = 0
expect "fixture: braces are written as &#123;" grep -q 'Welcome &#123;&#123; user.name }}' "$TMP/fields.txt"
expect "fixture: the image is packed under a safe single-component name" test \
	"$(cat "$TMP/d/media")" = '{"0":"guide-diagram-91bfbed9.png"}'
expect "fixture: the packed image is the guide's file" cmp "$TMP/d/0" "$dir/diagram.png"
expect "fixture: prose gives no card" test "$(grep -c 'No cards here' "$TMP/fields.txt")" = 0

# A link that points out of the guide's folder is never followed.
mkdir -p "$TMP/g"
cp "$dir/guide.xml" "$dir/diagram.png" "$TMP/g/"
ln -s /etc/passwd "$TMP/g/link.png"
sed 's|src="nope.png"|src="link.png"|' "$dir/guide.xml" >"$TMP/g/guide.xml"
run_anki -o "$TMP/g.apkg" "$TMP/g/guide.xml" 2>"$TMP/g.err"
expect "symlink out of the folder: warned with SOURCE:LINE" \
	grep -q "^anki-fields.md:32: warning: image 'link.png' leads outside the guide's folder" "$TMP/g.err"
expect "symlink out of the folder: not packed" test \
	"$(unzip -l "$TMP/g.apkg" | grep -c ' 1$')" = 0

# --deck and --single-deck.
run_anki --deck "Study::Fixture" -o "$TMP/deck.apkg" "$dir/guide.xml" 2>/dev/null
expect "--deck: section decks nest under the named deck" test \
	"$(fields "$TMP/deck.apkg" | grep -c '^== .* deck=Study::Fixture::')" = 4
run_anki --single-deck -o "$TMP/one.apkg" "$dir/guide.xml" 2>/dev/null
expect "--single-deck: every card in the guide's deck" test \
	"$(fields "$TMP/one.apkg" | grep -c '^== .* deck=Field Test : Guide tags')" = 4
expect "--single-deck: decks are Default and the guide's" test \
	"$(sqlite3 "$TMP/d/collection.anki2" "select group_concat(json_extract(value, '\$.name'), '|') from col, json_each(col.decks)")" = \
	"Default|Field Test : Guide"
expect "--single-deck: package follows the rules" python3 "$check" "$TMP/one.apkg"

# The note type's templates and CSS come from styles/ (or --styles DIR).
mkdir -p "$TMP/styles"
printf '<div class="mine">{{Question}}</div>\n' >"$TMP/styles/card-front.html"
run_anki --styles "$TMP/styles" -o "$TMP/s.apkg" "$dir/guide.xml" 2>/dev/null
fields "$TMP/s.apkg" >/dev/null
expect "--styles: the front template is read from the folder" test \
	"$(sqlite3 "$TMP/d/collection.anki2" "select json_extract(value, '\$.tmpls[0].qfmt') from col, json_each(col.models)")" = \
	'<div class="mine">{{Question}}</div>'
expect "fixture: sanitizer clean" sanitizer_clean "$TMP/err"

# A deck with no media at all still has its "media" member: {}.
sed -e 's|<img [^>]*/>||g' -e 's|&lt;img [^&]*&gt;||g' "$dir/guide.xml" >"$TMP/noimg.xml"
run_anki --no-font -o "$TMP/noimg.apkg" "$TMP/noimg.xml" 2>/dev/null
expect "no media: the media member is {}" test "$(unzip -p "$TMP/noimg.apkg" media)" = '{}'
expect "no media: only collection.anki2 and media in the zip" test \
	"$(unzip -Z1 "$TMP/noimg.apkg" | tr '\n' ' ')" = "collection.anki2 media "

# An image whose content changes gets a new name, so exactly the notes showing
# it change (and get a newer mod): Anki then updates them and takes the file.
mkdir -p "$TMP/img"
cp "$dir/guide.xml" "$dir/diagram.png" "$TMP/img/"
run_anki -o "$TMP/img.apkg" "$TMP/img/guide.xml" 2>/dev/null
printf 'x' >>"$TMP/img/diagram.png"
SOURCE_DATE_EPOCH=1700000500 "$BIN/guide2anki" --no-font -o "$TMP/img.apkg" "$TMP/img/guide.xml" 2>/dev/null
fields "$TMP/img.apkg" >/dev/null
expect "changed image: a new media name" test "$(cat "$TMP/d/media")" != '{"0":"guide-diagram-91bfbed9.png"}'
expect "changed image: exactly its two notes get the newer mod" test \
	"$(sqlite3 "$TMP/d/collection.anki2" "select group_concat(mod, ' ') from (select mod from notes order by sfld)")" = \
	"1700000500 1700000000 1700000000 1700000500"

# <img width height> show the image no larger (and never wider than the card);
# a missing image with no alt text leaves nothing, not empty brackets.
mkdir -p "$TMP/sizes"
cp "$dir/diagram.png" "$TMP/sizes/pic.png"
printf '# Sizes\n\n## S\n\n### Q1: What is shown?\n\n<img src="pic.png" width="120" height="80"> <img src="pic.png" width="50%%"> ![](gone.png) ![lost](gone.png)\n' >"$TMP/sizes/s.md"
"$BIN/md2guide" -o "$TMP/sizes/s.xml" "$TMP/sizes/s.md" 2>/dev/null
run_anki --images "$TMP/sizes" -o "$TMP/sizes/s.apkg" "$TMP/sizes/s.xml" 2>/dev/null
fields "$TMP/sizes/s.apkg" >"$TMP/sizes/fields.txt"
expect "img width and height: largest sizes, never past the card" grep -qF \
	'style="max-width: min(100%, 120px); max-height: 80px;"' "$TMP/sizes/fields.txt"
expect "img width 50%: half the card at most" grep -qF 'style="max-width: 50%;"' "$TMP/sizes/fields.txt"
expect "a missing image with no alt text leaves no empty brackets" test \
	"$(grep -o '<span class="missing-image">[^<]*</span>' "$TMP/sizes/fields.txt")" = \
	'<span class="missing-image">[lost]</span>'

# Passages in another script than the guide's are spans with lang
# (tools/guide2anki/languages.c, by tools/lib/langruns.c); code never is.
"$BIN/md2guide" -o "$TMP/lang.xml" tests/fixtures/lang-passages.md 2>/dev/null
run_anki -o "$TMP/lang.apkg" "$TMP/lang.xml" 2>/dev/null
fields "$TMP/lang.apkg" >"$TMP/lang.txt"
for span in ja:こんにちは ja:東京は日本の首都です zh:東京 zh:你好，世界 ko:안녕하세요 \
	'ar:سلام عليكم' 'he:שלום עולם' 'ru:Привет, мир' 'el:Γειά σου κόσμε'; do
	expect "lang span: ${span%%:*} ${span#*:}" grep -qF \
		"<span lang=\"${span%%:*}\">${span#*:}</span>" "$TMP/lang.txt"
done
expect "lang span: none inside code" test -z "$(grep -oE '<code[^>]*>([^<]|<span class)*<span lang' "$TMP/lang.txt")"
"$BIN/md2guide" -o "$TMP/lang-ja.xml" tests/fixtures/lang-passages-ja.md 2>/dev/null
run_anki -o "$TMP/lang-ja.apkg" "$TMP/lang-ja.xml" 2>/dev/null
fields "$TMP/lang-ja.apkg" >"$TMP/lang-ja.txt"
expect "lang span: English words in a Japanese deck" grep -qF '<span lang="en">Redis cluster</span>' "$TMP/lang-ja.txt"
expect "lang span: Kanji in a Japanese deck is never zh" test -z "$(grep -o 'lang="zh"' "$TMP/lang-ja.txt")"

# Answers hidden in <details> as GitHub guides write them: the back is the
# answer, headings of any level in it included ("#### Answer: B" under
# "###### 1."), without the <br> and the <b> that frame it on the page, and
# nothing of it lost where the frame closes ("</b></details>" on one line).
# deck FIXTURE: its cards, a line each: question TAB answer (line ends as spaces).
deck() {
	"$BIN/md2guide" -o "$TMP/$1.xml" "tests/fixtures/$1.md" 2>/dev/null &&
		run_anki --format=tsv "$TMP/$1.xml" 2>/dev/null | python3 -c '
import csv, sys
for row in csv.reader((l for l in sys.stdin if not l.startswith("#")), delimiter="\t"):
    print(row[0].replace("\n", " ") + "\t" + row[1].replace("\n", " "))'
}
deck conv-reveal-heading >"$TMP/reveal.tsv"
expect "reveal: each of the 3 questions has its answer, from its heading on" test \
	"$(grep -c '	<h4 dir="auto">Answer: [AB]</h4><p' "$TMP/reveal.tsv")" = 3
expect "reveal: the answer's first line, in the block of its summary, is kept" \
	grep -q '	<p dir="auto">The exit status of the last command.</p><p' "$TMP/reveal.tsv"
expect "reveal: a lower heading in the hidden answer stays in it" \
	grep -q '<h5 dir="auto">See also</h5><p dir="auto"><code>cd -</code>' "$TMP/reveal.tsv"
deck conv-details-framed >"$TMP/framed.tsv"
expect "framed details: 9 cards, one per <details>" test "$(grep -c . "$TMP/framed.tsv")" = 9
expect "framed details: a summary all in bold is a plain question" \
	grep -q '^What does \$(wildcard \*\.c) give?	' "$TMP/framed.tsv"
expect "framed details: no answer opens with the frame's <br> or is all bold" test \
	"$(grep -c -E '	<p dir="auto">(<br|<strong>.*</strong></p>$)' "$TMP/framed.tsv")" = 0
for text in '<code>make -j4</code>' 'the first prerequisite' 'prints every decision' \
	'Then compare the file times.' 'once, when defined.'; do
	expect "framed details: '$text' is in an answer" grep -qF -- "$text" "$TMP/framed.tsv"
done

# Questions answered by a label, on the next line, in the same bold paragraph
# or as a glossary: one note each, its back the answer alone (no "A:",
# "Ans.", ": " or "?" left of the convention) and never empty.
backs() { # APKG: the back of every note, one a line, in card order
	rm -rf "$TMP/d" && mkdir "$TMP/d" && (cd "$TMP/d" && unzip -q "$1")
	sqlite3 "$TMP/d/collection.anki2" "select replace(substr(rest, 1, instr(rest, char(31)) - 1),
		char(10), ' ') from (select substr(flds, instr(flds, char(31)) + 1) as rest, c.due
		from notes n join cards c on c.nid = n.id) order by due"
}
for spec in conv-ans:7 conv-listnext:6 conv-boldanswer:6 conv-list-labels:4 conv-obsidian-pairs:4 \
	conv-sides:3 conv-table-columns:5 conv-logseq:3 conv-glossary:6; do
	name=${spec%%:*} count=${spec#*:}
	run_anki -o "$TMP/$name.apkg" "tests/fixtures/$name.xml" 2>/dev/null
	backs "$TMP/$name.apkg" >"$TMP/$name.backs"
	expect "$name: $count notes" test "$(wc -l <"$TMP/$name.backs")" = "$count"
	expect "$name: every back is the answer alone" sh -c \
		'! grep -qE "^(<p dir=\"auto\">)?((A|Ans|A[0-9]+)[:.)]|: |\?|$)" "$1"' sh "$TMP/$name.backs"
done
expect "conv-glossary: a term is the front as written" test \
	"$(sqlite3 "$TMP/d/collection.anki2" "select count(*) from notes where sfld = 'Frame'")" = 1
backs "$TMP/conv-ans.apkg" >/dev/null
expect "conv-ans: the front is the question without its Q. label" test \
	"$(sqlite3 "$TMP/d/collection.anki2" "select count(*) from notes where sfld = 'What is a process?'")" = 1

# The flashcard and collapsible-answer conventions of note tools and site
# generators: no note shows their syntax ("??? question", ":::", "{{<", a
# "[!faq]-", Obsidian's "::" or Logseq's "#card"), and every answer is there.
for spec in conv-admonitions:9 conv-directives:10 conv-obsidian-pairs:4 conv-logseq:3; do
	name=${spec%%:*} count=${spec#*:}
	run_anki -o "$TMP/$name.apkg" "tests/fixtures/$name.xml" 2>/dev/null
	rm -rf "$TMP/d" && mkdir "$TMP/d" && (cd "$TMP/d" && unzip -q "$TMP/$name.apkg")
	sqlite3 "$TMP/d/collection.anki2" "select flds from notes" >"$TMP/$name.notes"
	expect "$name: $count notes, each with an answer" test \
		"$(sqlite3 "$TMP/d/collection.anki2" "select count(*) from notes where length(substr(flds, instr(flds, char(31)) + 1)) > 8")" = "$count"
	expect "$name: no note shows the convention's syntax" sh -c \
		'! grep -qE "\?\?\?|!!!|:::|\{\{[<%]|///|\[!|[^:]::[^:]|#card" "$1"' sh "$TMP/$name.notes"
done

# A guide in another language than English says which around each field
# with anything in it, as the book's html does, so that card.css can break
# Korean between words and kanji take their Japanese forms; an empty field
# (no "why") stays empty; English fields have no such wrapper (the golden
# file above).
printf -- '---\nlang: ko\n---\n# 네트워크\n\n## 질문\n\n### 소켓(Socket)이 무엇인가요?\n\n소켓은 **통신**의 끝점이다.\n' >"$TMP/ko.md"
"$BIN/md2guide" -o "$TMP/ko.xml" "$TMP/ko.md" 2>/dev/null
run_anki -o "$TMP/ko.apkg" "$TMP/ko.xml" 2>/dev/null
rm -rf "$TMP/d" && mkdir "$TMP/d" && (cd "$TMP/d" && unzip -q "$TMP/ko.apkg")
ko_fields=$(sqlite3 "$TMP/d/collection.anki2" "select replace(flds, char(31), char(10) || '--' || char(10)) from notes")
ko_sort=$(sqlite3 "$TMP/d/collection.anki2" "select sfld from notes")
expect "ko: every field says its language, an empty one stays empty, the sort field is the text" test \
	"$ko_fields|$ko_sort" = '<span lang="ko">소켓(<span lang="en">Socket</span>)이 무엇인가요?</span>
--
<div lang="ko"><p dir="auto">소켓은 <strong>통신</strong>의 끝점이다.</p></div>
--

--
<span lang="ko">질문</span>
--
ko.md:8|소켓(Socket)이 무엇인가요?'
