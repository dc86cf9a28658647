# anki-templates: card templates in a style folder are checked as Anki checks
# them before it stores a note type. A field that is not in "Guide Card", a
# section never closed or closed out of order, a front that shows no field: each
# is "FILE:LINE: error:", exit 1, and the existing deck is left as it was, with
# no temporary file. Sound templates (the shipped ones, filters, special fields)
# pass.
. tests/lib.sh

dir=tests/fixtures/anki-fields
anki() { SOURCE_DATE_EPOCH=1 "$BIN/guide2anki" --no-font "$@"; }
anki -o "$TMP/keep.apkg" "$dir/guide.xml" 2>/dev/null
cp "$TMP/keep.apkg" "$TMP/keep.orig"

# refused DESCRIPTION FILE PATTERN: styles with card-FILE.html as given on stdin.
refused() {
	desc=$1 file=$2 pattern=$3
	rm -rf "$TMP/s" && mkdir "$TMP/s" && cat >"$TMP/s/card-$file.html"
	anki --styles "$TMP/s" -o "$TMP/keep.apkg" "$dir/guide.xml" 2>"$TMP/err"
	status=$?
	problems=$(outcome_problems "$status" 1 "$pattern" "$TMP/err")
	cmp -s "$TMP/keep.apkg" "$TMP/keep.orig" || problems="$problems; the deck changed"
	[ "$(ls "$TMP" | grep -c 'keep.apkg.tmp')" = 0 ] || problems="$problems; a temporary file is left"
	if [ -z "$problems" ]; then ok "$desc"; else fail "$desc" "$problems" "$(head -n 5 "$TMP/err")"; fi
}
S=$TMP/s
printf '' | refused "an empty front" front "^$S/card-front\.html:1: error: the front shows no field"
printf '<p>static</p>\n<p>{{Tags}}</p>\n' | refused "a front with special fields only" front \
	"^$S/card-front\.html:1: error: the front shows no field"
printf '<div>\n{{Question}}\n{{Nope}}\n</div>\n' | refused "{{Nope}}: the line and the name" front \
	"^$S/card-front\.html:3: error: no field of the note type is called 'Nope' \(fields: Question, Answer, Why, Section, Source\)"
printf '{{question}}\n' | refused "{{question}}: field names are case-sensitive" front \
	"card-front\.html:1: error: .*'question'.*case-sensitive"
printf '{{Question}}\n{{#Why}}\n{{Why}}\n' | refused "an unclosed {{#Why}}" back \
	"^$S/card-back\.html:2: error: \{\{#Why\}\} is never closed"
printf '{{Question}}\n{{#Why}}{{^Answer}}\n{{/Why}}{{/Answer}}\n' | refused "sections closed out of order: one message" back \
	"card-back\.html:3: error: \{\{/Why\}\} closes a section, but the open section is \{\{#Answer\}\} of line 2"
expect "sections closed out of order: one message, not an echo per tag" test "$(grep -c error: "$TMP/err")" = 1
printf '{{Question}}\n{{/Why}}\n' | refused "a close with no open" back "card-back\.html:2: error: \{\{/Why\}\} closes a section that was never opened"
printf '{{Question}}\n{{#Nope}}x{{/Nope}}\n' | refused "a section on no field" back "card-back\.html:2: error: \{\{#Nope\}\} tests no field"
printf '{{Question}} {{Answer\n' | refused "an unclosed tag" back "card-back\.html:1: error: '\{\{' is never closed"
printf '{{Question}}{{FrontSide}}\n' | refused "{{FrontSide}} on the front" front "card-front\.html:1: error: \{\{FrontSide\}\} shows the front itself"
printf '{{Question}}{{}}\n' | refused "an empty tag" front "card-front\.html:1: error: an empty tag"
printf '{{=<%% %%>=}}<%%Question%%>\n' | refused "a change of delimiters" front "card-front\.html:1: error: .*changes the tag delimiters"
python3 -c 'print("{{#Why}}" * 40 + "{{Question}}" + "{{/Why}}" * 40)' | refused "40 nested sections" front \
	"card-front\.html:1: error: \{\{#Why\}\} is nested too deeply"
python3 -c 'print("{{Nope}}\n" * 100000)' | refused "100,000 bad tags: at most 10 messages" front "card-front\.html:10: error:"
expect "100,000 bad tags: 10 messages, not 100,000" test "$(grep -c error: "$TMP/err")" -le 11

# Sound templates pass: the shipped ones, filters, special fields, nesting.
rm -rf "$TMP/ok" && mkdir "$TMP/ok"
printf '{{#Question}}{{text:Question}}{{/Question}} {{ Deck }} {{Subdeck}} {{Card}} {{Tags}}\n' >"$TMP/ok/card-front.html"
printf '{{FrontSide}}<hr id=answer>{{hint:Answer}}{{^Why}}none{{/Why}}{{#Why}}{{#Source}}{{Why}} {{Source}}{{/Source}}{{/Why}}{{type:Answer}}\n' >"$TMP/ok/card-back.html"
anki --styles "$TMP/ok" -o "$TMP/ok.apkg" "$dir/guide.xml" 2>"$TMP/err"
expect "filters, special fields and nested sections pass" test -z "$(outcome_problems $? 0 . "$TMP/err")"
anki --styles styles -o "$TMP/shipped.apkg" "$dir/guide.xml" 2>"$TMP/err"
expect "the shipped templates pass" test -z "$(outcome_problems $? 0 . "$TMP/err")"
