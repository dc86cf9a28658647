#!/bin/sh
# tests/anki-repeats.sh: a card that repeats an earlier one word for word
# (question, prompt and answer: guides that list questions under several
# topics) is left out of the deck with one warning; the same question with
# another answer is a card of its own.
. tests/lib.sh

[ -x "$BIN/guide2anki" ] || { ok "no guide2anki to check"; exit 0; }
cat >"$TMP/g.md" <<'MD'
# Repeats

## JavaScript

### What is a closure?

A function with the variables of the scope it was made in.

### What is hoisting?

Declarations move to the top of their scope.

## React

### What is a closure?

A function with the variables of the scope it was made in.

### What is hoisting?

In React it is still JavaScript's: declarations move first.
MD
"$BIN/md2guide" -o "$TMP/g.xml" "$TMP/g.md" 2>/dev/null
"$BIN/guide2anki" --no-font --styles styles -o "$TMP/g.apkg" "$TMP/g.xml" 2>"$TMP/err"
status=$?
mkdir -p "$TMP/d" && (cd "$TMP/d" && unzip -q -o "$TMP/g.apkg" collection.anki2)
notes=$(sqlite3 "$TMP/d/collection.anki2" 'select count(*) from notes')
expect "a repeated card: exit 0, sanitizer clean" sh -c "test $status = 0" 
expect "a repeated card: 3 notes of 4 cards (the repeat left out)" test "$notes" = 3
expect "a repeated card: one warning at its line" \
	grep -q 'g.md:15: warning: 1 card repeats word for word an earlier card' "$TMP/err"
expect "a repeated card: no sanitizer report" sanitizer_clean "$TMP/err"
