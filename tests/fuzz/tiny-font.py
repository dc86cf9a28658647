#!/usr/bin/python3
"""tests/fuzz/tiny-font.py OUT.ttf [GLYPHS]: a small TrueType font made from
nothing (fontTools' FontBuilder), with every table guide2pdf's font check and
libharu look at: the seed of fuzz-fontcheck, and the font the regression
inputs in tests/fuzz/regressions/fontcheck/ are damaged copies of. GLYPHS
(default 12) boxes stand for A, B, C ..."""
import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen


def box(width):
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 700))
    pen.lineTo((width - 50, 700))
    pen.lineTo((width - 50, 0))
    pen.closePath()
    return pen.glyph()


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    letters = [chr(ord("A") + i) for i in range(count)]
    names = [".notdef", "space"] + letters
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    cmap = {0x20: "space"}
    cmap.update({ord(c): c for c in letters})
    builder.setupCharacterMap(cmap)
    empty = TTGlyphPen(None).glyph()
    glyphs = {".notdef": box(500), "space": empty}
    glyphs.update({c: box(600 + 10 * i) for i, c in enumerate(letters)})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({n: (600, 50) for n in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Tiny", "styleName": "Regular", "psName": "Tiny-Regular"}, mac=True)
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200, fsType=0)
    builder.setupPost()
    builder.save(out)


main()
