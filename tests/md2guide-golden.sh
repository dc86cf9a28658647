# md2guide golden files: each tests/fixtures/NAME.md with a NAME.xml beside it must
# convert to exactly that tree (and exactly NAME.err on stderr, or nothing), and
# the tree must validate against the schema. One fixture per question convention.
. tests/lib.sh

for md in tests/fixtures/*.md; do
	name=${md%.md}
	[ -f "$name.xml" ] || continue
	base=$(basename "$name")
	# The tree's date is the file's modification time, which a checkout sets:
	# left out of the comparison here, and checked below.
	"$BIN/md2guide" "$md" >"$TMP/$base.dated" 2>"$TMP/$base.err"
	status=$?
	grep -v '^<date>' "$TMP/$base.dated" >"$TMP/$base.xml"
	expected_err=/dev/null
	[ -f "$name.err" ] && expected_err="$name.err"
	if [ "$status" -ne 0 ]; then
		fail "md2guide $base: exit 0" "exit $status" "$(cat "$TMP/$base.err")"
	elif ! diff -u "$name.xml" "$TMP/$base.xml" >"$TMP/$base.diff"; then
		fail "md2guide $base: tree matches $name.xml" "$(head -n 30 "$TMP/$base.diff")"
	elif ! diff -u "$expected_err" "$TMP/$base.err" >"$TMP/$base.diff"; then
		fail "md2guide $base: diagnostics match" "$(head -n 20 "$TMP/$base.diff")"
	else
		ok "md2guide $base: golden tree and diagnostics"
	fi
	expect "md2guide $base: tree is schema-valid" \
		xmllint --noout --relaxng tools/guide.rng "$TMP/$base.xml"
done

# The same conversion through a pipe: file and stdin give the same tree but
# for the source name.
"$BIN/md2guide" --source conv-list.md <tests/fixtures/conv-list.md >"$TMP/stdin.xml" 2>"$TMP/stdin.err"
expect "md2guide reads standard input" cmp "$TMP/stdin.xml" tests/fixtures/conv-list.xml

# --strict turns the fixture's warnings into errors and writes nothing.
rm -f "$TMP/strict.xml"
"$BIN/md2guide" --strict -o "$TMP/strict.xml" tests/fixtures/warnings.md 2>"$TMP/strict.err"
status=$?
if [ "$status" -eq 1 ] && [ ! -e "$TMP/strict.xml" ] &&
	grep -q '^tests/fixtures/warnings.md: error: 1 question has no answer yet (line 15)' "$TMP/strict.err"; then
	ok "md2guide --strict: warnings become errors, exit 1, no output"
else
	fail "md2guide --strict: warnings become errors, exit 1, no output" "exit $status" "$(cat "$TMP/strict.err")"
fi

# A broken internal link is the source's mistake: md2guide reports it once, at
# its line, and writes the link's text without the link, so no back end
# reports it again. Markdown links, inline <a href>, links in HTML blocks and
# in <details> bodies parsed apart.
cat >"$TMP/links.md" <<'MD'
# Links

## Part

See [gone](#nowhere), <a href="#inline-gone">inline</a> and [here](#part).

<p align="center"><a href="#block-gone">block</a></p>

### What is x?

Y, see [gone too](#missing).

<details><summary>What is d?</summary>

It is [in details](#details-gone).

</details>
MD
"$BIN/md2guide" -o "$TMP/links.xml" "$TMP/links.md" 2>"$TMP/links.err"
for tool in $(built_backends); do
	"$BIN/$tool" -o "$TMP/links.$(ext_of "$tool")" "$TMP/links.xml" 2>>"$TMP/links.err"
done
for anchor in nowhere:5 inline-gone:5 block-gone:7 missing:11 details-gone:15; do
	count=$(grep -c "#${anchor%%:*}'" "$TMP/links.err")
	at=$(grep -c "^$TMP/links.md:${anchor#*:}: warning: link to '#${anchor%%:*}', but no heading or question has that anchor$" "$TMP/links.err")
	expect "a full build reports the broken link #${anchor%%:*} once, at line ${anchor#*:}" test "$count/$at" = 1/1
done
expect "a full build: the working link stays a link, the broken ones are text" test \
	"$(grep -o '<link href="[^"]*"' "$TMP/links.xml" | tr '\n' ' ')" = '<link href="#part" '

# The tree records when the source was last changed (meta/date), so a back end
# reading it from a pipe prints that date, not 1970. Standard input has none;
# SOURCE_DATE_EPOCH clamps it (the same tree from any checkout).
cp tests/fixtures/conv-list.md "$TMP/dated.md"
touch -d '2025-03-04 05:06:07 UTC' "$TMP/dated.md"
date_of() { sed -n 's|^<date>\(.*\)</date>$|\1|p' "$1"; }
(unset SOURCE_DATE_EPOCH; "$BIN/md2guide" -o "$TMP/dated.xml" "$TMP/dated.md" 2>/dev/null)
expect "the tree's date is the source's modification time" test "$(date_of "$TMP/dated.xml")" = 2025-03-04T05:06:07Z
expect "the dated tree is schema-valid" xmllint --noout --relaxng tools/guide.rng "$TMP/dated.xml"
(unset SOURCE_DATE_EPOCH; "$BIN/md2guide" -o "$TMP/undated.xml" <"$TMP/dated.md" 2>/dev/null)
expect "a tree from standard input has no date" test -z "$(date_of "$TMP/undated.xml")"
SOURCE_DATE_EPOCH=1700000000 "$BIN/md2guide" -o "$TMP/clamped.xml" "$TMP/dated.md" 2>/dev/null
expect "SOURCE_DATE_EPOCH earlier than the file: the tree's date is clamped to it" \
	test "$(date_of "$TMP/clamped.xml")" = 2023-11-14T22:13:20Z
SOURCE_DATE_EPOCH=1800000000 "$BIN/md2guide" -o "$TMP/later.xml" "$TMP/dated.md" 2>/dev/null
expect "SOURCE_DATE_EPOCH later than the file: the file's date stays" \
	test "$(date_of "$TMP/later.xml")" = 2025-03-04T05:06:07Z
SOURCE_DATE_EPOCH=yesterday "$BIN/md2guide" -o "$TMP/bad-epoch.xml" "$TMP/dated.md" 2>"$TMP/bad-epoch.err"
expect "a bad SOURCE_DATE_EPOCH: exit 2, the message, no tree" test \
	"$?:$(cat "$TMP/bad-epoch.err"):$([ -e "$TMP/bad-epoch.xml" ] && echo written)" = \
	"2:md2guide: error: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds up to the year 9999:"

# A heading numbered as the first of the author's topics right under the
# title ("## # 1. Files" over "## Q. ..." questions) is no subtitle: it heads
# the questions that follow it; "## For Backend Developers" still subtitles.
for first in '# 1. Files' 'For Backend Developers'; do
	printf '# Shell\n\n## %s\n\n## Q. What does cp -r do?\n\nIt copies a tree.\n\n## # 2. Processes\n\n## Q. What does nohup do?\n\nIt keeps a command running.\n' \
		"$first" >"$TMP/numbered.md"
	"$BIN/md2guide" -o "$TMP/numbered.xml" "$TMP/numbered.md" 2>/dev/null
	got=$(grep -o -e '<subtitle[^>]*>[^<]*' -e '<heading [^>]*>[^<]*' "$TMP/numbered.xml" | sed 's/<[a-z]* [^>]*>//' | tr '\n' '|')
	case $first in
	For*) want='For Backend Developers|2. Processes|' ;;
	*) want='1. Files|2. Processes|' ;;
	esac
	expect "'## $first' under the title: $want" test "$got" = "$want"
done

# Sections below "##" come only from under a contents heading, and only from
# headings that do not ask: one "####" question alone is a card, with or
# without "## Índice" over it (then the toc: card/toc counts).
for toc in '' '## Índice\n\n- [What is a tag?](#what-is-a-tag)\n\n'; do
	printf "# Git\n\n${toc}#### What is a tag?\n\nA name for one commit.\n" >"$TMP/alone.md"
	"$BIN/md2guide" -o "$TMP/alone.xml" "$TMP/alone.md" 2>/dev/null
	want=1/0
	[ -n "$toc" ] && want=1/1
	expect "one '####' question${toc:+ under a contents heading}: one card, $want" \
		test "$(grep -c '<card ' "$TMP/alone.xml")/$(grep -c '<toc ' "$TMP/alone.xml")" = "$want"
done

# Obsidian's "Question::Answer" lines are cards only in a note tagged
# #flashcards, as the plugin that reviews them reads only such notes:
# elsewhere "key:: value" is a Dataview field, and "a::b" is code.
for tag in '' '#flashcards\n\n' 'front'; do
	front= note='tagged #flashcards' want=2
	[ "$tag" = front ] && tag= front='---\ntags: [notes, flashcards/biology]\n---\n' note='tagged in the front matter'
	printf '%b' "${front}# Cells\n\n${tag}## Parts\n\nWhat makes proteins::The ribosome\nauthor:: Ann\n" >"$TMP/pairs.md"
	rm -f "$TMP/pairs.xml"
	"$BIN/md2guide" -o "$TMP/pairs.xml" "$TMP/pairs.md" 2>/dev/null
	[ -z "$tag$front" ] && want=0 note=untagged
	expect "'Q::A' lines, $note: $want cards" \
		test "$(grep -c '<card ' "$TMP/pairs.xml")" = "$want"
done

# A heading first inside a directive is its title only in Quarto's callouts:
# in Hugo's details it stays a heading.
printf '# T\n\n## S\n\n::: {.callout-note collapse="true"}\n#### Notes\n\nText.\n:::\n' >"$TMP/quarto.md"
printf '# T\n\n## S\n\n{{< details >}}\n#### Notes\n\nText.\n{{< /details >}}\n' >"$TMP/hugo.md"
for kind in quarto:Notes hugo:Details; do
	"$BIN/md2guide" -o "$TMP/${kind%%:*}.xml" "$TMP/${kind%%:*}.md" 2>/dev/null
	expect "a heading first in a ${kind%%:*} block: its summary is '${kind#*:}'" \
		grep -q "<summary>${kind#*:}</summary>" "$TMP/${kind%%:*}.xml"
done

# A <details> that is no question keeps a summary that Markdown would read as
# a list item ("1. Setup", "- Cleanup"): its text, not the word "Details".
"$BIN/md2guide" -o "$TMP/marked.xml" tests/fixtures/details-marked-summary.md 2>/dev/null
for summary in '1. Setup' '- Cleanup' '<strong>Notes</strong> on <code>make</code>'; do
	expect "a <details> summary '$summary' is kept" \
		grep -qF "<summary>$summary</summary>" "$TMP/marked.xml"
done

# A placeholder mark in Latin letters is a whole word: the Spanish and
# Portuguese "todos" and the English "wipe" answer; "TODO" does not.
printf '# T\n\n## S\n\n### ¿Qué navegadores lo soportan?\n\nCasi todos.\n\n### How do you clear a disk?\n\nWipe it.\n\n### What is a TODO list?\n\nTODO\n' >"$TMP/todos.md"
"$BIN/md2guide" -o "$TMP/todos.xml" "$TMP/todos.md" 2>/dev/null
expect "placeholders: 'Casi todos.' and 'Wipe it.' answer, 'TODO' does not" \
	test "$(grep -c 'unanswered="true"' "$TMP/todos.xml")" = 1

# A file that is one question (conv-onequestion) needs a title that asks and a
# TL;DR first: a title that names a topic, or a first section of another name,
# leaves the file prose.
sed 's/^title: Explain what a write-ahead log is for/title: The write-ahead log/' \
	tests/fixtures/conv-onequestion.md >"$TMP/topic.md"
sed 's/^## TL;DR/## Overview/' tests/fixtures/conv-onequestion.md >"$TMP/overview.md"
for name in topic overview; do
	"$BIN/md2guide" -o "$TMP/$name.xml" "$TMP/$name.md" 2>/dev/null
	expect "one question per file: not with the $name variant" \
		test "$(grep -c '<card ' "$TMP/$name.xml")" = 0
done
