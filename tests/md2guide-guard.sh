# tests/md2guide-guard.sh: the guard against cmark-gfm's quadratic corners
# (tools/md2guide/guard.c) never changes what a guide means. md2guide is built
# here once more with GUARD_FREE=0, so the guard stands in for every
# character it would ever touch, not only past the sixteenth; on every spec
# and GFM example (tests/corpus), every fixture, the guide and the real guides
# of tests/guides (when there), its tree must be the one the normal build
# writes, where the guard does nothing. The only allowed difference is the
# documented one: a web address ending in ')' stays text, with a warning.
. tests/lib.sh

eager="$TMP/md2guide-eager"
# shellcheck disable=SC2046
if ! cc -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -DGUARD_FREE=0 -Itools/lib -Itools \
	$(pkg-config --cflags libcmark-gfm yaml-0.1 libxml-2.0) -o "$eager" tools/md2guide.c tools/md2guide/*.c \
	"$BUILD/libguide.a" "$BUILD/obj/gen/queries.o" "$BUILD/grammars/libgrammars.a" \
	$(pkg-config --libs libcmark-gfm nettle libutf8proc yaml-0.1 libxml-2.0) \
	-lcmark-gfm-extensions -ltree-sitter 2>"$TMP/cc.err"; then
	fail "md2guide with GUARD_FREE=0 builds" "$(head -n 5 "$TMP/cc.err")"
	exit 0
fi

mkdir -p "$TMP/in"
python3 - "$TMP/in" tests/corpus/spec.txt tests/corpus/extensions.txt <<'PY'
import sys
out, n = sys.argv[1], 0
for name in sys.argv[2:]:
    inside = False
    for line in open(name, encoding="utf-8"):
        if line.startswith("`" * 32 + " example"):
            inside, lines = True, []
        elif inside and line.rstrip("\n") == ".":
            inside, n = False, n + 1
            with open("%s/example-%d.md" % (out, n), "w", encoding="utf-8") as f:
                f.write("".join(lines).replace("\u2192", "\t"))
        elif inside:
            lines.append(line)
PY
for f in tests/fixtures/*.md input/*.md tests/guides/*.md tests/fuzz/regressions/md2guide/*; do
	[ -f "$f" ] && cp "$f" "$TMP/in/$(echo "$f" | tr / _)"
done

same=0 lost=0 differ=
for f in "$TMP/in"/*; do
	"$BUILD/bin/md2guide" "$f" >"$TMP/normal.xml" 2>/dev/null
	"$eager" "$f" >"$TMP/eager.xml" 2>"$TMP/eager.err"
	if cmp -s "$TMP/normal.xml" "$TMP/eager.xml"; then
		same=$((same + 1))
	elif grep -q "ending in more than 0 ')': kept as text" "$TMP/eager.err"; then
		lost=$((lost + 1))
	else
		differ="$differ $(basename "$f")"
	fi
done
if [ -z "$differ" ] && [ "$same" -gt 700 ]; then
	ok "guard stands in everywhere: $same inputs give the same tree ($lost keep an address as text)"
else
	fail "guard stands in everywhere: every input gives the same tree" \
		"$same the same, $lost with an address kept as text; differ:$differ"
fi
exit 0
