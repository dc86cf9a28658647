# The guide toolchain: Markdown study guide -> guide tree -> PDF, EPUB, Anki deck.
#
#   make          set up (Debian packages), build the tools, write out/ for every input/*.md
#   make check    set up, build with sanitizers, run every test: "N passed, N failed"
#   make bench    time and memory of every filter on 1x, 10x, 100x the guide
#   make fuzz     run the libFuzzer targets (FUZZ_SECONDS each, default 60)
#   make valgrind every filter under valgrind memcheck on the guide and every fixture
#   make install  the tools, guide, man pages, styles and fonts under PREFIX (/usr/local);
#                 DESTDIR=DIR stages them under DIR; make uninstall removes them
#
# Each filter is tools/NAME.c, plus tools/NAME/*.c when it has private modules,
# linked with the shared code in tools/lib/. A back end joins the build and the
# outputs as soon as its source file exists.

BUILD   ?= build
# make install: PREFIX/bin, PREFIX/share/man/man1, PREFIX/share/guide (the
# tools find that folder from their own file: see tools/lib/datadir.h).
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
MANDIR  := $(PREFIX)/share/man/man1
DATADIR := $(PREFIX)/share/guide

# Parallel by default, one job per core: a -j on the command line wins, and a
# make run by make keeps its parent's jobs. Not with clean among the goals
# (make clean all must not run both at once).
ifeq ($(MAKELEVEL)$(filter clean,$(MAKECMDGOALS)),0)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif
CC      ?= cc
CFLAGS  ?= -O2 -g
DEPFLAGS := -MMD -MP
WARN    := $(DEPFLAGS) -D_POSIX_C_SOURCE=200809L -std=c11 -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

ALL_TOOLS := md2guide guide2pdf guide2epub guide2anki guide2cards
TOOLS     := $(foreach t,$(ALL_TOOLS),$(if $(wildcard tools/$(t).c),$(t)))

# Libraries each filter links (libharu has no pkg-config file).
PKGS_md2guide   := libcmark-gfm nettle libutf8proc yaml-0.1 libxml-2.0
PKGS_guide2pdf  := libxml-2.0 fontconfig libunibreak libutf8proc nettle zlib libpng libdeflate fribidi
LIBS_guide2pdf  := -lhpdf -lhyphen -lm
LIBS_md2guide   := -ltree-sitter
PKGS_guide2epub := libxml-2.0 libzip libdeflate nettle libutf8proc fontconfig harfbuzz-subset
PKGS_guide2anki := libxml-2.0 libzip libdeflate sqlite3 nettle fontconfig harfbuzz-subset
# guide2cards sets its text with guide2pdf's typesetting (typeset.h): it links
# those modules' objects (LINKS_NAME: modules of other tools), never a copy.
# Each on one line, spelt out: tests/fuzz/run reads them from this file.
PKGS_guide2cards := libxml-2.0 fontconfig libunibreak libutf8proc nettle zlib libpng libdeflate fribidi
LIBS_guide2cards := -lhpdf -lhyphen -lm
LINKS_guide2cards := guide2pdf/font guide2pdf/fontcache guide2pdf/glyphid guide2pdf/text guide2pdf/codelayout guide2pdf/content guide2pdf/cmap guide2pdf/deflate guide2pdf/memcopy guide2pdf/bidi guide2pdf/tags guide2pdf/tagwrite guide2pdf/textlang
PKGS_lib        := libxml-2.0 libutf8proc
# Headers the shared code needs beyond what every tool links (fontcheck.c's
# FreeType: only guide2pdf uses it, and links it through fontconfig; subset.c's
# HarfBuzz: only the tools that embed the code font link it).
CFLAGS_lib      := $(shell pkg-config --cflags freetype2 harfbuzz-subset 2>/dev/null)

pkg_cflags = $(shell pkg-config --cflags $(1) 2>/dev/null)
pkg_libs   = $(shell pkg-config --libs $(1) 2>/dev/null)

# Only guides whose names are safe in a shell command (tools/inputs.sh says
# which are not, one line each, and the build then fails after the others).
INPUTS_FOUND := $(shell tools/inputs.sh)
INPUTS  := $(filter-out REFUSED,$(INPUTS_FOUND))
REFUSED_INPUTS := $(filter REFUSED,$(INPUTS_FOUND))
NAMES   := $(patsubst input/%.md,%,$(INPUTS))
OUT_EXT := xml $(if $(filter guide2pdf,$(TOOLS)),pdf) \
           $(if $(filter guide2epub,$(TOOLS)),epub) $(if $(filter guide2anki,$(TOOLS)),apkg)
OUTPUTS := $(foreach n,$(NAMES),$(foreach e,$(OUT_EXT),out/$(n).$(e))) \
           $(if $(filter guide2pdf,$(TOOLS)),$(foreach n,$(NAMES),out/$(n)-drill.pdf)) \
           $(if $(filter guide2cards,$(TOOLS)),$(foreach n,$(NAMES),out/$(n)-cards.pdf))

DEPS_STAMP       := $(BUILD)/deps-build.stamp
ACE_STAMP        := $(BUILD)/ace/.stamp
CHECK_DEPS_STAMP := $(BUILD)/deps-check.stamp

.PHONY: all tools asan-tools check bench fuzz valgrind clean deps refused-inputs install uninstall ace
.DELETE_ON_ERROR:
# The filters write their outputs atomically (a temporary file, then a rename):
# an output is the previous good file or the new whole one, never half. make
# must not delete one when a Ctrl-C comes as the rename is done.
.PRECIOUS: $(OUTPUTS)

all: $(OUTPUTS) $(if $(REFUSED_INPUTS),refused-inputs)

refused-inputs: $(OUTPUTS)
	@echo "make: guides with unsafe file names were not built (see the lines above)" >&2
	@exit 1

tools: $(TOOLS:%=$(BUILD)/bin/%) $(BUILD)/bin/guide
asan-tools: $(TOOLS:%=$(BUILD)/asan/bin/%)

# --- set-up -------------------------------------------------------------------
$(DEPS_STAMP): tools/deps.sh tools/deps/build.txt
	@mkdir -p $(@D)
	@tools/deps.sh tools/deps/build.txt
	@touch $@

$(CHECK_DEPS_STAMP): tools/deps.sh tools/deps/build.txt tools/deps/check.txt
	@mkdir -p $(@D)
	@tools/deps.sh tools/deps/build.txt tools/deps/check.txt
	@touch $@

deps: $(DEPS_STAMP)

# DAISY Ace (EPUB accessibility, for make check) from the npm registry, at the
# versions tests/ace/package-lock.json pins; it drives Debian's Chromium, so
# its own browser download is skipped. Into build/ace, never committed.
$(ACE_STAMP): tests/ace/package.json tests/ace/package-lock.json $(CHECK_DEPS_STAMP)
	@command -v npm >/dev/null 2>&1 || tools/deps.sh tools/deps/npm.txt
	@rm -rf $(@D) && mkdir -p $(@D)
	@cp tests/ace/package.json tests/ace/package-lock.json $(@D)/
	@cd $(@D) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
	@touch $@

# --- build --------------------------------------------------------------------
LIB_SRC   := $(wildcard tools/lib/*.c)
# The flattened fonts guide2pdf and guide2cards embed (written below).
FONT_CACHE := out/fonts
STYLES    := $(sort $(wildcard styles/*))

$(BUILD)/gen/guide_rng.c: tools/guide.rng $(BUILD)/host/embed
	@mkdir -p $(@D)
	$(BUILD)/host/embed guide_rng $< > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/styles.c: $(STYLES) $(BUILD)/host/embed
	@mkdir -p $(@D)
	$(BUILD)/host/embed --styles $(STYLES) > $@.tmp && mv $@.tmp $@

# GitHub's emoji shortcodes (":rocket:"): gemoji, GitHub's own list, from the
# npm registry at a pinned version and checksum, made into a C table here and
# never committed.
GEMOJI_VERSION := 8.1.0
GEMOJI_SHA256  := 8b636784d94d4983b0c74e0713dd94b805e768888c06bb90e3c330365ec5acba
GEMOJI_TGZ     := $(BUILD)/gemoji/gemoji-$(GEMOJI_VERSION).tgz

$(GEMOJI_TGZ): | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@command -v npm >/dev/null 2>&1 || tools/deps.sh tools/deps/npm.txt
	cd $(@D) && npm pack --silent gemoji@$(GEMOJI_VERSION) >/dev/null
	echo "$(GEMOJI_SHA256)  $@" | sha256sum -c --quiet - || { rm -f $@; exit 1; }

$(BUILD)/gen/emoji_names.c: tools/emoji-table.mjs $(GEMOJI_TGZ)
	@mkdir -p $(@D)
	tar -xzf $(GEMOJI_TGZ) -C $(BUILD)/gemoji package/index.js
	node tools/emoji-table.mjs $(BUILD)/gemoji/package/index.js $(GEMOJI_VERSION) > $@.tmp && mv $@.tmp $@

$(BUILD)/host/embed: tools/embed.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -o $@ $<

# The tree-sitter grammars md2guide highlights code with: fetched from npm at
# the versions tools/highlight/grammars.txt pins, compiled once (without the
# sanitizers: generated tables, not this project's code), never committed.
GRAMMARS := $(BUILD)/grammars/libgrammars.a
GRAMMAR_NAMES := $(shell sed -n 's/^\([a-z]*\) .*/\1/p' tools/highlight/grammars.txt 2>/dev/null)

$(GRAMMARS): tools/highlight/grammars.sh tools/highlight/grammars.txt | $(DEPS_STAMP)
	tools/highlight/grammars.sh $(BUILD)/grammars $(CC)

$(BUILD)/gen/queries.c: $(GRAMMARS) $(BUILD)/host/embed
	@mkdir -p $(@D)
	for n in $(GRAMMAR_NAMES); do \
		$(BUILD)/host/embed query_$$n $(BUILD)/grammars/queries/$$n.scm || exit 1; \
	done > $@.tmp && mv $@.tmp $@

# What a tool links besides its objects and the shared code (DIR, TOOL).
tool_extra = $(if $(filter md2guide,$(2)),$(1)/obj/gen/queries.o $(GRAMMARS))

# build_variant(DIR, EXTRA_CFLAGS): objects, the shared archive and every tool.
define build_variant
$(1)/obj/lib/%.o: tools/lib/%.c tools/lib/*.h | $(DEPS_STAMP)
	@mkdir -p $$(@D)
	$$(CC) $$(WARN) $$(CFLAGS) $(2) $$(call pkg_cflags,$$(PKGS_lib)) $$(CFLAGS_lib) -Itools/lib -c -o $$@ $$<

$(1)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $(2) -Itools/lib -c -o $$@ $$<

# The tools built here find the build's fonts from their own file
# (tools/lib/datadir.h), so they run from any directory.
$(1)/obj/lib/datadir.o: CFLAGS_lib += -DDATADIR_BUILD_FONTS_FROM_BIN='"$(shell realpath -m --relative-to=$(1)/bin $(FONT_CACHE))"'

$(1)/libguide.a: $(patsubst tools/lib/%.c,$(1)/obj/lib/%.o,$(LIB_SRC)) \
		 $(1)/obj/gen/guide_rng.o $(1)/obj/gen/styles.o $(1)/obj/gen/emoji_names.o
	@rm -f $$@
	ar rcs $$@ $$^

$(1)/obj/%.o: tools/%.c tools/lib/*.h | $(DEPS_STAMP)
	@mkdir -p $$(@D)
	$$(CC) $$(WARN) $$(CFLAGS) $(2) $$(call pkg_cflags,$$(PKGS_$$(firstword $$(subst /, ,$$*)))) \
		-Itools/lib -Itools -c -o $$@ $$<
endef
$(eval $(call build_variant,$(BUILD),))
$(eval $(call build_variant,$(BUILD)/asan,$(SANITIZE)))

# A tool's objects: tools/NAME.c, tools/NAME/*.c and the modules it borrows.
tool_objs = $(patsubst tools/%.c,$(1)/obj/%.o,tools/$(2).c $(wildcard tools/$(2)/*.c)) \
            $(LINKS_$(2):%=$(1)/obj/%.o)

# The normal build's allocator is mimalloc, for the whole process (libxml2,
# libharu and cmark-gfm allocate through it too): a fifth of a back end's time
# went to glibc's malloc and free, most of it for libxml2's nodes. First on the
# line, so that its malloc is the one the dynamic linker binds. The sanitizer
# build keeps the sanitizers' own allocator.
ALLOC_LIBS := -Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state

define link_tool
$(BUILD)/bin/$(1): $(call tool_objs,$(BUILD),$(1)) $(BUILD)/libguide.a $(call tool_extra,$(BUILD),$(1))
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) -o $$@ $$(ALLOC_LIBS) $$^ $$(call pkg_libs,$$(PKGS_$(1)) $$(PKGS_lib)) $$(LIBS_$(1))

$(BUILD)/asan/bin/$(1): $(call tool_objs,$(BUILD)/asan,$(1)) $(BUILD)/asan/libguide.a $(call tool_extra,$(BUILD)/asan,$(1))
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $$(SANITIZE) -o $$@ $$^ $$(call pkg_libs,$$(PKGS_$(1)) $$(PKGS_lib)) $$(LIBS_$(1))
endef
$(foreach t,$(TOOLS),$(eval $(call link_tool,$(t))))

# The one command for the common case (tools/guide.sh), beside the filters it runs.
$(BUILD)/bin/guide: tools/guide.sh
	@mkdir -p $(@D)
	cp $< $@.tmp && chmod 755 $@.tmp && mv $@.tmp $@

# --- outputs ------------------------------------------------------------------
# The trees live in out/, the guides and their images in input/: --images input.
out/%.xml: input/%.md $(BUILD)/bin/md2guide
	@mkdir -p out
	$(BUILD)/bin/md2guide -o $@ $<

out/%.pdf: out/%.xml $(BUILD)/bin/guide2pdf $(STYLES)
	$(BUILD)/bin/guide2pdf --styles styles --images input -o $@ $<

out/%-drill.pdf: out/%.xml $(BUILD)/bin/guide2pdf $(STYLES)
	$(BUILD)/bin/guide2pdf --styles styles --images input --drill -o $@ $<

out/%-cards.pdf: out/%.xml $(BUILD)/bin/guide2cards $(STYLES)
	$(BUILD)/bin/guide2cards --styles styles -o $@ $<

out/%.epub: out/%.xml $(BUILD)/bin/guide2epub $(STYLES)
	$(BUILD)/bin/guide2epub --styles styles --images input -o $@ $<

out/%.apkg: out/%.xml $(BUILD)/bin/guide2anki $(STYLES)
	$(BUILD)/bin/guide2anki --styles styles --images input -o $@ $<

# --- tests, benchmark, fuzzing ------------------------------------------------
check: $(CHECK_DEPS_STAMP) $(ACE_STAMP) all asan-tools $(BUILD)/bin/guide
	@BUILD=$(BUILD) TOOLS="$(TOOLS)" tests/run

# Every fixture and every guide of tests/guides/ through DAISY Ace.
ace: $(CHECK_DEPS_STAMP) $(ACE_STAMP) all
	@BUILD=$(BUILD) ACE_ALL=1 TESTS=epub-ace tests/run

bench: $(CHECK_DEPS_STAMP) all
	@tools/deps.sh tools/deps/bench.txt
	@BUILD=$(BUILD) TOOLS="$(TOOLS)" tests/bench

valgrind: $(CHECK_DEPS_STAMP) all
	@BUILD=$(BUILD) TOOLS="$(TOOLS)" VALGRIND_ALL=1 TESTS=valgrind tests/run

fuzz: $(CHECK_DEPS_STAMP)
	@BUILD=$(BUILD) TOOLS="$(TOOLS)" FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60) tests/fuzz/run

# Header dependencies written by -MMD.
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

clean:
	rm -rf $(BUILD) out/*.xml out/*.pdf out/*.epub out/*.apkg out/*.tmp* out/fonts

# --- guide2pdf font cache (generated, git-ignored) ----------------------------
# libharu 2.3.0 loses the parts of composite glyphs and every glyph id above
# 32767, so guide2pdf embeds flattened copies of its fonts, written once here by
# tools/fonts/flatten.py (python3-fonttools) from the fonts styles/handout.conf names.
PDF_FONT_CACHE := $(FONT_CACHE)/.stamp

$(PDF_FONT_CACHE): tools/fonts/flatten.py styles/handout.conf | $(DEPS_STAMP)
	tools/fonts/flatten.py $(FONT_CACHE) styles/handout.conf
	@touch $@

$(filter %.pdf,$(OUTPUTS)): $(PDF_FONT_CACHE)
# The fuzzed guide2pdf and guide2cards embed them too (tests/fuzz/run).
fuzz: $(PDF_FONT_CACHE)
# --- end of guide2pdf font cache ------------------------------------------------

# --- install ------------------------------------------------------------------
# The tools, their man pages, the default styles (compiled into the tools too:
# the installed copy is the one to copy and edit for --styles) and the
# flattened fonts guide2pdf embeds. Nothing is written outside DESTDIR$(PREFIX).
INSTALL_BINS := $(TOOLS) guide
MAN_PAGES    := $(wildcard tools/man/*.1)

install: $(INSTALL_BINS:%=$(BUILD)/bin/%) $(PDF_FONT_CACHE)
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)' \
		'$(DESTDIR)$(DATADIR)/styles' '$(DESTDIR)$(DATADIR)/fonts'
	install -m 755 $(INSTALL_BINS:%=$(BUILD)/bin/%) '$(DESTDIR)$(BINDIR)'
	install -m 644 $(MAN_PAGES) '$(DESTDIR)$(MANDIR)'
	install -m 644 $(STYLES) '$(DESTDIR)$(DATADIR)/styles'
	install -m 644 out/fonts/*.ttf '$(DESTDIR)$(DATADIR)/fonts'

# Removes what install wrote, by name, and the data folder, which is the
# toolchain's own; the shared bin and man folders stay.
uninstall:
	rm -f $(INSTALL_BINS:%='$(DESTDIR)$(BINDIR)/%') \
		$(patsubst tools/man/%,'$(DESTDIR)$(MANDIR)/%',$(MAN_PAGES))
	rm -rf '$(DESTDIR)$(DATADIR)'
