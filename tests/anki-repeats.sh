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

# A copy whose answer ends in a pointer to a longer answer elsewhere (a quote
# of one short paragraph with a link) is the same card as the copy without;
# a copy whose answer goes on otherwise is a card of its own.
cat >"$TMP/p.md" <<'MD'
# Pointers

## Top questions

### What does a load balancer do?

It spreads requests over several servers.

> The [whole answer](https://example.com/lb) has diagrams.

### What is a health check?

A request the balancer sends to see that a server answers.

## All questions

### What does a load balancer do?

It spreads requests over several servers.

### What is a health check?

A request the balancer sends to see that a server answers.

> Checked every few seconds, see the [settings](https://example.com/hc).

It also takes a failing server out of the pool.
MD
"$BIN/md2guide" -o "$TMP/p.xml" "$TMP/p.md" 2>/dev/null
"$BIN/guide2anki" --no-font --styles styles -o "$TMP/p.apkg" "$TMP/p.xml" 2>"$TMP/perr"
rm -rf "$TMP/pd" && mkdir -p "$TMP/pd" && (cd "$TMP/pd" && unzip -q -o "$TMP/p.apkg" collection.anki2)
expect "a repeat without the pointer to a longer answer: 3 notes of 4 cards" \
	test "$(sqlite3 "$TMP/pd/collection.anki2" 'select count(*) from notes')" = 3
expect "the pointer's repeat is the one warned of, at its line" \
	grep -q 'p.md:17: warning: 1 card repeats' "$TMP/perr"
expect "a pointer's repeat: no sanitizer report" sanitizer_clean "$TMP/perr"
