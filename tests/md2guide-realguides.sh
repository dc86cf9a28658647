#!/bin/sh
# tests/md2guide-realguides.sh: the guides by other authors in tests/guides/
# (sources, licences and hand counts in its SOURCES.md and counts.tsv), each
# following its own convention. For each guide, under sanitizers:
#  - md2guide converts it to a schema-valid tree;
#  - no inline HTML (<b>, <br/>, <code>) is left in it as raw text;
#  - the cards the deck gets (the unanswered left out) are within the hand
#    count's range, or within 5 % of it;
#  - every card's question (first 60 characters), section and answer lines
#    equal tests/guides/NAME.cards, the golden list read through by hand, so a
#    change to the rules shows exactly which cards it moved.
# UPDATE_GOLDEN=1 rewrites the golden lists instead of comparing them.
. tests/lib.sh

tail -n +2 tests/guides/counts.tsv | while IFS="$(printf '\t')" read -r name low high; do
	md="tests/guides/$name.md" xml="$TMP/$name.xml"
	if ! "$BIN/md2guide" -o "$xml" "$md" 2>"$TMP/$name.err" || ! sanitizer_clean "$TMP/$name.err"; then
		fail "$name: md2guide converts it" "$(tail -n 3 "$TMP/$name.err")"
		continue
	fi
	expect "$name: the tree is schema-valid" xmllint --noout --huge --relaxng tools/guide.rng "$xml"
	if grep -q '<raw format="html">' "$xml"; then
		fail "$name: no inline HTML left as raw text in the tree" \
			"$(grep -o '<raw format="html">[^<]*' "$xml" | head -n 3)"
	else
		ok "$name: no inline HTML left as raw text in the tree"
	fi
	python3 tests/card-list.py "$xml" >"$TMP/$name.cards"
	deck=$(grep -c -v '	U	' "$TMP/$name.cards")
	if awk -v n="$deck" -v lo="$low" -v hi="$high" \
		'BEGIN { exit !(n >= lo * 0.95 && n <= hi * 1.05) }'; then
		ok "$name: $deck deck cards, hand count $low-$high"
	else
		fail "$name: deck cards within the hand count $low-$high (or 5 % of it)" "$deck cards"
	fi
	compare_golden "$name: every card as in tests/guides/$name.cards" \
		"tests/guides/$name.cards" "$TMP/$name.cards"
done
