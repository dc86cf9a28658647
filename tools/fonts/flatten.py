#!/usr/bin/python3
"""flatten.py: make the fonts guide2pdf embeds safe for libharu 2.3.0.

libharu drops the parts of composite glyphs (accented letters built from a base
and an accent) and every glyph id at or above 32768. This script writes, once,
a copy of each font with every composite glyph decomposed into plain outlines,
hinting, layout tables and glyph names removed (libharu uses none), and, when
the font has more glyphs than libharu can address, a subset that keeps the
characters the earlier fonts of the fallback chain lack, in order of priority.
Its character map is written as a few long segments: libharu looks a character
up by walking the segments in order, for each of the 65536 codes when it loads
a font.

libharu addresses only the Basic Multilingual Plane, so the characters of two
plane-1 blocks (emoji and symbols, mathematical letters) are given a second
code in the Private Use Area, U+E000-U+EEFF (ASTRAL_BLOCKS; guide2pdf's
typeset.h holds the same table and gives the real characters back in the
PDF's ToUnicode map). They are written to a copy of their own, of the font
named font_astral, FILE-astral.ttf, that holds nothing else: libharu lists
the width of every character of a font it embeds, so a PDF with none of them
does not carry their widths. Every copy's map keeps only its BMP table.
Variation selectors and joiners are mapped to an empty glyph of no width, so
they never print as a box.

Usage: flatten.py OUTDIR STYLE.conf   (the font_* settings, in fallback order)
       flatten.py OUTDIR FAMILY...      (fonts are found with fc-match)
Each font FILE.ttf or FILE.ttc is written as OUTDIR/FILE.ttf.
"""
import logging
import os
import struct
import subprocess
import sys
from collections import Counter

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4

GLYPH_LIMIT = 32767
DROP_TABLES = ["GSUB", "GPOS", "GDEF", "MATH", "kern", "BDF ", "EBDT", "EBLC", "EBSC",
               "FFTM", "fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "gasp"]
# Characters kept first when a font must be cut down (CJK fallback font).
PRIORITY = [(0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF), (0x3400, 0x4DBF),
            (0x3100, 0x31FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0x2E80, 0x2FDF),
            (0xAC00, 0xD7AF)]
# (first, last, code of first): the same table as ASTRAL_BLOCKS in
# tools/guide2pdf/typeset.h. Rows of 256, so that each row is one range of the
# ToUnicode map. No font of the chain has glyphs of its own at these codes.
ASTRAL_BLOCKS = [(0x1F000, 0x1FAFF, 0xE000), (0x1D400, 0x1D7FF, 0xEB00)]
PRIVATE_FIRST, PRIVATE_LAST = 0xE000, 0xEEFF
ASTRAL_KEY, ASTRAL_SUFFIX = "font_astral", "-astral"
# Zero-width characters that format emoji and words: drawn as nothing.
INVISIBLE = [0x200B, 0x200C, 0x200D, 0x2060] + list(range(0xFE00, 0xFE10))
INVISIBLE_GLYPH = "invisible.guide2pdf"


def locate(family):
    out = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family}", family],
                         check=True, capture_output=True, text=True).stdout.split("\n")
    return out[0], int(out[1] or 0), out[2]


def priority(code):
    for rank, (low, high) in enumerate(PRIORITY):
        if low <= code <= high:
            return rank
    return len(PRIORITY)


# Hangul a later font of the chain has in full is left to it: the CJK font's
# copy then has room for all its Han characters and kana.
HANGUL = [(0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F)]


def is_hangul(code):
    return any(low <= code <= high for low, high in HANGUL)


# Han and kana the CJK font's copy keeps even where an earlier font has them:
# Symbola has 中 and の, and guide2pdf takes both from the CJK font
# (font.c), so that a line of Chinese or Japanese is in one design.
CJK_LETTERS = [(0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]


def is_cjk_letter(code):
    return any(low <= code <= high for low, high in CJK_LETTERS)


def subset_options():
    """No layout, hinting or glyph names (libharu uses none); all names."""
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += DROP_TABLES
    return options


def cut_down(font, path, index, covered, later):
    cmap = font.getBestCmap()
    wanted = sorted((c for c in cmap if (c not in covered or is_cjk_letter(c)) and c <= 0xFFFF and
                     not (is_hangul(c) and c in later)),
                    key=lambda c: (priority(c), c))
    keep = wanted[:GLYPH_LIMIT - 1]
    options = subset_options()
    while True:
        trial = TTFont(path, fontNumber=index)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=keep)
        subsetter.subset(trial)
        room = GLYPH_LIMIT - 1  # and the invisible glyph (add_invisible_glyph)
        if len(trial.getGlyphOrder()) <= room:
            return trial
        keep = keep[:len(keep) - (len(trial.getGlyphOrder()) - room) - 16]


def decompose(font):
    glyf = font["glyf"]
    glyph_set = font.getGlyphSet()
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.isComposite():
            recording = DecomposingRecordingPen(glyph_set)
            glyph_set[name].draw(recording)
            pen = TTGlyphPen(None)
            recording.replay(pen)
            glyf[name] = pen.glyph()
        elif hasattr(glyf[name], "program"):
            glyf[name].program.fromBytecode(b"")


FORMAT4_LIMIT = 0xFFFF  # bytes in a format 4 subtable


def format4(codes, language):
    """A format 4 subtable of CODES ({code: glyph id}) in few segments: codes
    at most GAP apart share one, through the glyph id array (0 for the codes
    between them). 64 gives DejaVu Sans 29 segments where fontTools writes 241,
    for a table of 14 KB; smaller gaps are tried when a table would not fit."""
    codes = {c: g for c, g in codes.items() if c < 0xFFFF}
    order = sorted(codes)
    for gap in (64, 16, 4, 1):
        runs = []
        for code in order:
            if runs and code - runs[-1][1] <= gap:
                runs[-1][1] = code
            else:
                runs.append([code, code])
        runs.append([0xFFFF, 0xFFFF])
        count = len(runs)
        array = []
        starts, ends, deltas, offsets = [], [], [], []
        for i, (first, last) in enumerate(runs):
            starts.append(first)
            ends.append(last)
            if first == 0xFFFF:
                deltas.append(1)
                offsets.append(0)
                continue
            deltas.append(0)
            offsets.append(2 * (count - i + len(array)))
            array.extend(codes.get(c, 0) for c in range(first, last + 1))
        length = 16 + 8 * count + 2 * len(array)
        if length <= FORMAT4_LIMIT:
            break
    power = 1 << (count.bit_length() - 1)
    head = struct.pack(">7H", 4, length, language, 2 * count, 2 * power,
                       power.bit_length() - 1, 2 * count - 2 * power)
    body = struct.pack(f">{count}H", *ends) + b"\0\0" + struct.pack(f">{count}H", *starts)
    body += struct.pack(f">{count}H", *[d & 0xFFFF for d in deltas])
    body += struct.pack(f">{count}H", *offsets) + struct.pack(f">{len(array)}H", *array)
    return head + body


class FewSegments(cmap_format_4):
    """A format 4 subtable that fontTools writes with format4()."""

    def compile(self, ttFont):
        ids = {code: ttFont.getGlyphID(name) for code, name in self.cmap.items()}
        return format4(ids, self.language)


def few_segments(font):
    for i, table in enumerate(font["cmap"].tables):
        if table.format == 4:
            copy = FewSegments(4)
            copy.platformID, copy.platEncID = table.platformID, table.platEncID
            copy.language, copy.cmap = table.language, table.cmap
            font["cmap"].tables[i] = copy


def common_notdef_width(font):
    """Gives .notdef the advance most characters have. libharu makes the
    notdef's width the font's default (DW) and lists every other width (W),
    one object at a time through a list that grows by copying: for the CJK
    font that was 31,718 entries and most of a second; now it is 229."""
    metrics = font["hmtx"].metrics
    notdef = font.getGlyphOrder()[0]
    widths = Counter(metrics[name][0] for code, name in font.getBestCmap().items()
                     if code < 0xFFFF)
    if widths:
        metrics[notdef] = (widths.most_common(1)[0][0], metrics[notdef][1])


def bmp_only(font):
    """Leaves the character map to the Basic Multilingual Plane (format 4):
    libharu reads no other, and copies the whole table into every PDF that
    uses the font, where Symbola's format 12 table alone is 36 KB once the
    private codes are in. The characters above U+FFFF are reached through
    those codes, so nothing is lost."""
    bmp = [t for t in font["cmap"].tables if t.format == 4]
    if not bmp:  # the astral copy's subset may have kept none
        table = cmap_format_4(4)
        table.platformID, table.platEncID, table.language, table.cmap = 3, 1, 0, {}
        bmp = [table]
    font["cmap"].tables = bmp


def add_invisible_glyph(font):
    """An empty glyph of no advance, appended to the glyph order."""
    glyf = font["glyf"]
    glyf[INVISIBLE_GLYPH] = Glyph()  # appends the name to the glyph order
    font["hmtx"][INVISIBLE_GLYPH] = (0, 0)
    if "vmtx" in font:
        font["vmtx"][INVISIBLE_GLYPH] = (0, 0)


def astral_codes(font):
    best = font.getBestCmap()
    return [code for first, last, _ in ASTRAL_BLOCKS for code in range(first, last + 1)
            if code in best]


def astral_subset(path, index):
    """Only the glyphs of the characters of ASTRAL_BLOCKS."""
    font = TTFont(path, fontNumber=index)
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=astral_codes(font))
    subsetter.subset(font)
    return font


def rename_astral(font):
    """A name of its own: libharu takes a font it has loaded already under the
    same name for that one, and would print the symbol font's characters from
    the astral copy, which lacks them."""
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 16):
            record.string = record.toUnicode() + " Astral"
        elif record.nameID == 6:
            record.string = record.toUnicode() + "-Astral"


def private_codes(font, astral):
    """The zero-width characters at the empty glyph, and in the astral copy
    the characters above U+FFFF at their second codes. A font's own glyphs in
    the private range (none in the fonts of the chain) are dropped."""
    best = font.getBestCmap()
    codes = {}
    for first, last, private in ASTRAL_BLOCKS if astral else []:
        for code in range(first, last + 1):
            if code in best:
                codes[private + code - first] = best[code]
    for code in INVISIBLE:
        codes[code] = INVISIBLE_GLYPH
    add_invisible_glyph(font)
    bmp_only(font)
    for table in font["cmap"].tables:
        for code in [c for c in table.cmap if PRIVATE_FIRST <= c <= PRIVATE_LAST]:
            del table.cmap[code]
        table.cmap.update(codes)


def later_codes(families_after):
    """The characters the fonts after a font in the chain have."""
    codes = set()
    for family in families_after:
        path, index, found = locate(family)
        if family.split(":")[0].lower() in found.lower():
            codes.update(TTFont(path, fontNumber=index, lazy=True).getBestCmap().keys())
    return codes


def families(args):
    """(setting, family) in fallback order; no setting for families named
    on the command line."""
    if len(args) == 1 and args[0].endswith(".conf"):
        with open(args[0], encoding="utf-8") as conf:
            pairs = [line.split("=", 1) for line in conf if "=" in line and
                     not line.lstrip().startswith("#")]
        return [(key.strip(), value.strip()) for key, value in pairs
                if key.strip().startswith("font_") and key.strip() != "font_cache"]
    return [(None, family) for family in args]


def main():
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    if len(sys.argv) < 3:
        sys.exit("usage: flatten.py OUTDIR STYLE.conf | FAMILY...")
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    covered = set()
    settings = families(sys.argv[2:])
    chain = [family for key, family in settings if key != ASTRAL_KEY]
    for key, family in settings:
        astral = key == ASTRAL_KEY
        path, index, found = locate(family)
        base = family.split(":")[0]
        if base.lower() not in found.lower():
            sys.exit(f"flatten.py: error: font '{family}' is not installed "
                     f"(fc-match gives '{found}'); install it (tools/deps/build.txt)")
        font = astral_subset(path, index) if astral else TTFont(path, fontNumber=index)
        if len(font.getGlyphOrder()) > GLYPH_LIMIT:
            later = chain[chain.index(family) + 1:]
            font = cut_down(font, path, index, covered, later_codes(later))
        for table in DROP_TABLES:
            if table in font:
                del font[table]
        decompose(font)
        private_codes(font, astral)
        if astral:
            rename_astral(font)
        few_segments(font)
        # No glyph names (post format 3): libharu copies this table into every
        # PDF, and a PDF's CID fonts never use the names.
        font["post"].formatType = 3.0
        common_notdef_width(font)
        if not astral:
            covered.update(font.getBestCmap().keys())
        name = os.path.splitext(os.path.basename(path))[0] + (ASTRAL_SUFFIX if astral else "")
        name += ".ttf"
        temp = os.path.join(outdir, name + ".tmp")
        font.save(temp)
        os.replace(temp, os.path.join(outdir, name))
        print(f"flatten.py: {family}: {path} -> {os.path.join(outdir, name)}")


if __name__ == "__main__":
    main()
