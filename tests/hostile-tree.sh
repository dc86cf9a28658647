#!/bin/sh
# tests/hostile-tree.sh: the tree reader (tools/lib/tree.c) against hostile
# trees, through every back end that exists. External entities and DTDs
# (XXE: a local secret file, a URL on a listening local port), parameter
# entities, entity bombs, XInclude, an unknown root, version or namespace:
# each must be refused with exit 1 and a "file[:line]: error:" message, leave
# no output, never show the secret, never connect anywhere, and finish fast.
. tests/lib.sh

BACKENDS=$(built_backends)
if [ -z "$BACKENDS" ]; then
	ok "no back end yet: nothing reads trees"
	exit 0
fi

secret="$TMP/secret.txt"
marker="SECRET-$$-MARKER"
echo "$marker" >"$secret"

# A listener that records any connection: the reader must never fetch.
port_file="$TMP/port" hits="$TMP/hits"
: >"$hits"
python3 - "$port_file" "$hits" <<'EOF' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(5)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
s.settimeout(120)
try:
    while True:
        conn, _ = s.accept()
        open(sys.argv[2], "a").write("connection\n")
        conn.close()
except Exception:
    pass
EOF
listener=$!
i=0
while [ ! -s "$port_file" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$port_file" 2>/dev/null || echo 9)
url="http://127.0.0.1:$port/evil.dtd"

head='<?xml version="1.0" encoding="UTF-8"?>'
body='<guide version="1" lang="en" source="x.md"><meta><title>T &xxe;</title></meta></guide>'
plain='<guide version="1" lang="en" source="x.md"><meta><title>T</title></meta></guide>'
printf '%s\n<!DOCTYPE guide [<!ENTITY xxe SYSTEM "file://%s">]>\n%s\n' "$head" "$secret" "$body" >"$TMP/xxe-file.xml"
printf '%s\n<!DOCTYPE guide [<!ENTITY xxe SYSTEM "%s">]>\n%s\n' "$head" "$secret" "$body" >"$TMP/xxe-path.xml"
printf '%s\n<!DOCTYPE guide [<!ENTITY xxe SYSTEM "%s">]>\n%s\n' "$head" "$url" "$body" >"$TMP/xxe-url.xml"
printf '%s\n<!DOCTYPE guide SYSTEM "%s">\n%s\n' "$head" "$url" "$plain" >"$TMP/dtd-url.xml"
printf '%s\n<!DOCTYPE guide SYSTEM "%s">\n%s\n' "$head" "$secret" "$plain" >"$TMP/dtd-file.xml"
printf '%s\n<!DOCTYPE guide [<!ENTITY %% p SYSTEM "%s"> %%p;]>\n%s\n' "$head" "$url" "$plain" >"$TMP/param-url.xml"
printf '%s\n<!DOCTYPE guide [<!ENTITY %% p SYSTEM "file://%s"> %%p;]>\n%s\n' "$head" "$secret" "$plain" >"$TMP/param-file.xml"
{
	echo "$head"
	echo '<!DOCTYPE guide ['
	echo ' <!ENTITY xxe "lol">'
	prev=xxe
	for n in 1 2 3 4 5 6 7 8 9; do
		echo " <!ENTITY l$n \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
		prev=l$n
	done
	echo ']>'
	echo '<guide version="1" lang="en" source="x.md"><meta><title>&l9;</title></meta></guide>'
} >"$TMP/bomb.xml"
printf '%s\n<guide version="1" lang="en" source="x.md" xmlns:xi="http://www.w3.org/2001/XInclude"><meta><title>T<xi:include href="%s" parse="text"/></title></meta></guide>\n' \
	"$head" "$secret" >"$TMP/xinclude.xml"
printf '%s\n<?xml-stylesheet href="%s"?>\n%s\n' "$head" "$url" "$plain" >"$TMP/stylesheet-pi.xml"
printf '%s\n<book version="1" lang="en" source="x.md"><meta><title>T</title></meta></book>\n' "$head" >"$TMP/root.xml"
printf '%s\n<guide version="2" lang="en" source="x.md"><meta><title>T</title></meta></guide>\n' "$head" >"$TMP/version2.xml"
printf '%s\n<guide lang="en" source="x.md"><meta><title>T</title></meta></guide>\n' "$head" >"$TMP/noversion.xml"
printf '%s\n<guide xmlns="urn:other" version="1" lang="en" source="x.md"><meta><title>T</title></meta></guide>\n' \
	"$head" >"$TMP/namespace.xml"
# Numbers past what any back end's arithmetic holds: the schema bounds every
# number it lets in (nine digits), so a hand-written tree cannot overflow.
section='<section id="s" level="2" line="3" kind="prose"><title>S</title>'
printf '%s\n<guide version="1" lang="en" source="x.md"><meta><title>T</title></meta>%s<list type="ordered" start="99999999999999999999999" delim="period" tight="true" line="5"><item line="5"><p line="5">a</p></item></list></section></guide>\n' \
	"$head" "$section" >"$TMP/huge-start.xml"
printf '%s\n<guide version="1" lang="en" source="x.md"><meta><title>T</title></meta>%s<p line="99999999999999999999">a</p></section></guide>\n' \
	"$head" "$section" >"$TMP/huge-line.xml"
printf '%s\n<guide version="1" lang="en" source="x.md"><meta><title>T</title></meta>%s<p line="1000000000">a</p></section></guide>\n' \
	"$head" "$section" >"$TMP/line-10-digits.xml"

# Every case is refused; the stylesheet PI alone is harmless and may pass,
# but must not fetch.
for tool in $BACKENDS; do
	ext=$(ext_of "$tool")
	for case in xxe-file xxe-path xxe-url dtd-url dtd-file param-url param-file bomb \
		xinclude stylesheet-pi root version2 noversion namespace huge-start huge-line \
		line-10-digits; do
		out="$TMP/out/$case.$ext"
		mkdir -p "$TMP/out"
		timeout 20 "$BIN/$tool" --styles styles -o "$out" "$TMP/$case.xml" \
			>"$TMP/stdout" 2>"$TMP/stderr"
		status=$?
		leaked=$(grep -rl "$marker" "$TMP/stdout" "$TMP/stderr" "$TMP/out" 2>/dev/null)
		if [ -f "$out" ] && [ "$ext" != pdf ] && unzip -p "$out" 2>/dev/null | grep -q "$marker"; then
			leaked="$leaked $out"
		fi
		if [ "$status" -eq 124 ]; then
			fail "$tool $case: finishes" "timed out"
		elif ! sanitizer_clean "$TMP/stderr"; then
			fail "$tool $case: no sanitizer report" "$(head -n 10 "$TMP/stderr")"
		elif [ -n "$leaked" ]; then
			fail "$tool $case: the secret file's content appears nowhere" "$leaked"
		elif [ "$case" = stylesheet-pi ]; then
			ok "$tool $case: exit $status, nothing fetched"
		elif [ "$status" -ne 1 ] || ! grep -qE "^$TMP/$case.xml(:[0-9]+)?: error: " "$TMP/stderr"; then
			fail "$tool $case: refused with exit 1 and $case.xml:LINE: error:" "exit $status" \
				"$(head -n 3 "$TMP/stderr")"
		elif [ -n "$(ls -A "$TMP/out")" ]; then
			fail "$tool $case: no output left" "$(ls -A "$TMP/out")"
		else
			ok "$tool $case: refused, $(head -n 1 "$TMP/stderr" | sed "s|^$TMP/||" | cut -c1-90)"
		fi
		rm -rf "$TMP/out"
	done
done

# The largest numbers the schema lets in convert cleanly everywhere.
printf '%s\n<guide version="1" lang="en" source="x.md"><meta><title>T</title></meta>%s<list type="ordered" start="999999999" delim="period" tight="true" line="5"><item line="5"><p line="999999999">a</p></item></list></section></guide>\n' \
	"$head" "$section" >"$TMP/max-numbers.xml"
for tool in $BACKENDS; do
	timeout 20 "$BIN/$tool" --styles styles -o "$TMP/max.$(ext_of "$tool")" "$TMP/max-numbers.xml" \
		>/dev/null 2>"$TMP/stderr"
	status=$?
	if [ "$status" -eq 0 ] && sanitizer_clean "$TMP/stderr"; then
		ok "$tool max-numbers: start and line of nine digits convert cleanly"
	else
		fail "$tool max-numbers: start and line of nine digits convert cleanly" "exit $status" \
			"$(head -n 3 "$TMP/stderr")"
	fi
done

sleep 0.2
kill "$listener" 2>/dev/null
wait "$listener" 2>/dev/null
if [ -s "$hits" ]; then
	fail "no tree reader connected to the network" "$(wc -l <"$hits") connection(s) to $url"
else
	ok "no tree reader connected to the network (listener on port $port saw nothing)"
fi
