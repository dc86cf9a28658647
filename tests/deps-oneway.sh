# Dependencies point one way: a tool's modules (tools/NAME/*.c) never use a
# symbol defined in the tool's main file (tools/NAME.c), so that a module can
# be linked into another program, tested or fuzzed without the tool's main
# file. Proved from the object files: no undefined symbol of
# $BUILD/obj/NAME/*.o is defined in $BUILD/obj/NAME.o. The check is first run
# on two made-up objects, one module calling into its main file, to show it
# finds such a call. Last, guide2pdf's typesetting (typeset.h) must use
# nothing of its handout (handout.h), the same way, and guide2cards, which
# links that typesetting, nothing of the handout either. And no file in tools/
# is over the size limit.
. tests/lib.sh

# oneway_problems MAIN.o MODULE.o...: "MODULE.o uses SYMBOL" for every symbol a
# module uses that MAIN.o defines; nothing when the dependencies point one way.
oneway_problems() {
	main=$1
	shift
	nm --defined-only -g "$main" | awk 'NF == 3 { print $3 }' | sort -u >"$TMP/defined" || return 1
	for object in "$@"; do
		nm -u "$object" | awk '{ print $NF }' | sort -u | comm -12 - "$TMP/defined" |
			sed "s|^|$(basename "$object") uses |"
	done
}

# The check on a module that calls into its main file, and on one that does not.
mkdir -p "$TMP/made/tool"
cat >"$TMP/made/tool.c" <<'C'
int tool_helper(void) { return 1; }
int module_work(void);
int main(void) { return module_work() - 1; }
C
cat >"$TMP/made/tool/calls-main.c" <<'C'
int tool_helper(void);
int module_work(void) { return tool_helper(); }
C
cat >"$TMP/made/tool/own.c" <<'C'
int module_own(void) { return 2; }
C
if cc -c -o "$TMP/made/tool.o" "$TMP/made/tool.c" &&
	cc -c -o "$TMP/made/tool/calls-main.o" "$TMP/made/tool/calls-main.c" &&
	cc -c -o "$TMP/made/tool/own.o" "$TMP/made/tool/own.c"; then
	found=$(oneway_problems "$TMP/made/tool.o" "$TMP/made/tool/calls-main.o" "$TMP/made/tool/own.o")
	[ "$found" = "calls-main.o uses tool_helper" ] &&
		ok "the check finds a module that calls into its main file, and only that one" ||
		fail "the check finds a module that calls into its main file" "found: '$found'"
else
	fail "the check's own test objects compile"
fi

for tool in ${TOOLS:-md2guide guide2pdf guide2epub guide2anki guide2cards}; do
	[ -d "tools/$tool" ] || continue
	main="$BUILD/obj/$tool.o"
	modules=
	missing=
	for source in tools/"$tool"/*.c; do
		object="$BUILD/obj/$tool/$(basename "$source" .c).o"
		[ -f "$object" ] && modules="$modules $object" || missing="$missing $object"
	done
	if [ ! -f "$main" ] || [ -n "$missing" ]; then
		fail "$tool: its objects are built" "missing: ${missing:-$main} (run make tools)"
		continue
	fi
	# shellcheck disable=SC2086
	found=$(oneway_problems "$main" $modules)
	[ -z "$found" ] && ok "$tool: no module uses a symbol of $tool.c" ||
		fail "$tool: no module uses a symbol of $tool.c" \
			"$(printf '%s\n' "$found" | head -n 20 | paste -sd ';' - | sed 's/;/; /g')" \
			"move what the modules use out of tools/$tool.c into a module"
done

# guide2pdf's typesetting (the modules that include typeset.h and not
# handout.h: fonts, text runs, code layout, the content stream) knows nothing
# of the handout, so a second program can link it: it uses no symbol that
# the handout's files define.
if [ -d tools/guide2pdf ]; then
	typeset=
	handout="$BUILD/obj/guide2pdf.o"
	for source in tools/guide2pdf/*.c; do
		object="$BUILD/obj/guide2pdf/$(basename "$source" .c).o"
		if grep -q '#include "guide2pdf/handout.h"' "$source"; then
			handout="$handout $object"
		else
			typeset="$typeset $object"
		fi
	done
	# shellcheck disable=SC2086
	ld -r -o "$TMP/handout.o" $handout 2>"$TMP/ld.err" || fail "the handout's objects link" "$(cat "$TMP/ld.err")"
	# shellcheck disable=SC2086
	found=$(oneway_problems "$TMP/handout.o" $typeset)
	[ -n "$typeset" ] && [ -z "$found" ] &&
		ok "guide2pdf: the typesetting ($(echo $typeset | wc -w) modules) uses no symbol of the handout" ||
		fail "guide2pdf: the typesetting uses no symbol of the handout" \
			"$(printf '%s\n' "$found" | head -n 20 | paste -sd ';' - | sed 's/;/; /g')"
fi

# guide2cards links guide2pdf's typesetting objects and none of the handout's:
# its own objects use no symbol the handout's files define.
if [ -d tools/guide2cards ] && [ -f "$TMP/handout.o" ]; then
	cards=
	for object in "$BUILD/obj/guide2cards.o" "$BUILD"/obj/guide2cards/*.o; do
		[ -f "$object" ] && cards="$cards $object"
	done
	# shellcheck disable=SC2086
	found=$(oneway_problems "$TMP/handout.o" $cards)
	[ -n "$cards" ] && [ -z "$found" ] &&
		ok "guide2cards: its $(echo $cards | wc -w) objects use no symbol of guide2pdf's handout" ||
		fail "guide2cards: its objects use no symbol of guide2pdf's handout" \
			"${cards:-no objects (run make tools)}" \
			"$(printf '%s\n' "$found" | head -n 20 | paste -sd ';' - | sed 's/;/; /g')"
fi

# No file in tools/ over TOOLS_MAX_LINES (STYLE.md): a file that grows a
# second job becomes two files, each opening with what it owns.
TOOLS_MAX_LINES=900
long=$(find tools -type f -exec wc -l {} + |
	awk -v max="$TOOLS_MAX_LINES" '$2 != "total" && $1 > max { print $2 " (" $1 " lines)" }')
[ -z "$long" ] && ok "no file in tools/ has more than $TOOLS_MAX_LINES lines" ||
	fail "no file in tools/ has more than $TOOLS_MAX_LINES lines" \
		"$(printf '%s\n' "$long" | paste -sd ';' - | sed 's/;/; /g')" \
		"split the file along one of its jobs into a module of its own"
