# tests/md2guide-frontmatter.sh: YAML front matter read with libyaml: nested
# keys, lists, block scalars, quoting, anchors; after a UTF-8 BOM and with
# CRLF or lone-CR line ends; malformed YAML is a warning at its line and the
# block is still left out of the text. tests/frontmatter-fields.c prints what
# tools/md2guide/frontmatter.c kept, questions_rule included, built here with
# the sanitizers against the same sources md2guide links.
. tests/lib.sh

fields="$TMP/frontmatter-fields"
# shellcheck disable=SC2046
if ! cc -std=c11 -D_POSIX_C_SOURCE=200809L -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-Itools/lib -Itools $(pkg-config --cflags libcmark-gfm yaml-0.1) -o "$fields" \
	tests/frontmatter-fields.c tools/md2guide/frontmatter.c "$BUILD/asan/libguide.a" \
	$(pkg-config --libs yaml-0.1 libxml-2.0 libutf8proc) 2>"$TMP/cc.err"; then
	fail "frontmatter-fields builds" "$(head -n 5 "$TMP/cc.err")"
	exit 0
fi

# fields NAME FILE EXPECTED: what the reader kept from FILE is exactly EXPECTED.
fields() {
	name=$1 file=$2 want=$3
	"$fields" "$file" >"$TMP/got" 2>"$TMP/err"
	status=$?
	printf '%s\n' "$want" >"$TMP/want"
	if [ "$status" -ne 0 ] || ! sanitizer_clean "$TMP/err"; then
		fail "front matter $name: reads cleanly" "exit $status" "$(head -n 5 "$TMP/err")"
	elif ! diff -u "$TMP/want" "$TMP/got" >"$TMP/diff"; then
		fail "front matter $name: fields" "$(head -n 20 "$TMP/diff")"
	else
		ok "front matter $name: fields"
	fi
}

fields "in full YAML" tests/fixtures/frontmatter-yaml.md 'found: 1
title: Linux: the "short" guide
subtitle: Shells, files and processes
author: Ada Lovelace, Alan Turing
lang: fr-CA
description: Forty questions on the command line.
Second line.
questions_rule: heading:3,details
tag: shell
tag: files & folders
text starts: # Shells'
fields "after a BOM, CRLF" tests/fixtures/frontmatter-bom.md 'found: 1
title: After a BOM
author: Grace Hopper
text starts: # Files'
fields "with lone CR line ends" tests/fixtures/frontmatter-cr.md 'found: 1
title: Lone CR line ends
questions_rule: heading
text starts: # Files'
fields "malformed" tests/fixtures/frontmatter-bad.md 'found: 1
title: Malformed front matter
text starts: # Part'
expect "front matter malformed: a warning at its line" \
	grep -q '^tests/fixtures/frontmatter-bad.md:4: warning: front matter is not valid YAML' "$TMP/err"
fields "a bad questions rule" tests/fixtures/frontmatter-rule.md 'found: 1
title: A bad questions rule
text starts: # Part'
expect "front matter: a bad questions rule is a warning at its line" \
	grep -q '^tests/fixtures/frontmatter-rule.md:3: warning: front matter questions:' "$TMP/err"

# Each rule shape, and the keys that are not front matter at all.
n=0
for rule in heading heading:1 heading:6 bold list details label table none '[bold, details]' \
	'[heading:2, list]'; do
	n=$((n + 1))
	printf -- '---\nquestions: %s\n---\n\n# A\n' "$rule" >"$TMP/rule$n.md"
	want=$(echo "$rule" | tr -d '[] ' | sed 's/^/questions_rule: /')
	fields "questions: $rule" "$TMP/rule$n.md" "found: 1
$want
text starts: # A"
done
for rule in heading:7 heading:0 bolder '[none, bold]' '[bold, list, table]' '{a: b}'; do
	n=$((n + 1))
	printf -- '---\nquestions: %s\n---\n\n# A\n' "$rule" >"$TMP/rule$n.md"
	fields "questions: $rule is refused" "$TMP/rule$n.md" "found: 1
text starts: # A"
done

# A thematic break over Markdown is not front matter; nor is an unclosed block.
printf -- '---\nSome text\n---\n' >"$TMP/rule.md"
fields "a rule over a setext heading" "$TMP/rule.md" 'found: 0
text starts: ---'
printf -- '---\ntitle: never closed\n\n# A\n' >"$TMP/open.md"
fields "never closed" "$TMP/open.md" 'found: 0
text starts: ---'

# Hostile YAML: deep nesting, an alias bomb, a huge block: bounded, clean.
awk 'BEGIN { printf "---\nx: "; for (i = 0; i < 100000; i++) printf "["; print ""; print "title: T\n---\n# A" }' >"$TMP/deep.md"
"$fields" "$TMP/deep.md" >"$TMP/got" 2>"$TMP/err"
expect "front matter: 100,000 nested lists are read cleanly" sh -c \
	"[ $? -eq 0 ] && grep -q 'found: 1' '$TMP/got'"
expect "front matter: deep nesting is a warning" grep -q 'warning: front matter' "$TMP/err"
{
	printf -- '---\na: &a ["x","x","x","x","x","x","x","x","x"]\n'
	for i in b c d e f g h i j; do printf '%s: &%s [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' $i $i; done
	printf 'title: Laughs\n---\n# A\n'
} >"$TMP/laughs.md"
fields "an alias bomb is never expanded" "$TMP/laughs.md" 'found: 1
title: Laughs
text starts: # A'

# Through md2guide: under the sanitizers, the title is used, nothing left.
rm -f "$TMP/bom.xml"
"$BIN/md2guide" -o "$TMP/bom.xml" tests/fixtures/frontmatter-bom.md 2>"$TMP/err"
expect "md2guide: front matter after a BOM gives the title, no setext heading" sh -c \
	"grep -q '<title>After a BOM</title>' '$TMP/bom.xml' && ! grep -q 'title: After' '$TMP/bom.xml'"
exit 0
