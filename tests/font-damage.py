#!/usr/bin/env python3
"""tests/font-damage.py FONT.ttf KIND OUT.ttf: a copy of FONT damaged one way.

Each KIND is a field libharu 2.3.0 trusts (tests/hostile-files.sh feeds the
copies to guide2pdf as a font cache):
  hmtx       numberOfHMetrics far above numGlyphs (heap overflow in libharu)
  units      unitsPerEm 0 (a division by zero)
  glyphs     numGlyphs 0
  huge       one table's length near 4 GB (minutes of copying)
  loca       a loca entry that goes backwards
  cmap       the Unicode cmap's last segment not ending at U+FFFF
  truncated  the first half of the file only
  junk       not a font at all
"""
import struct
import sys


def tables(data):
    count = struct.unpack_from(">H", data, 4)[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag.decode("latin-1")] = (12 + 16 * i, offset, length)
    return out


def damage(data, kind):
    t = tables(data)
    if kind == "hmtx":
        glyphs = struct.unpack_from(">H", data, t["maxp"][1] + 4)[0]
        struct.pack_into(">H", data, t["hhea"][1] + 34, min(glyphs + 5000, 0xFFFF))
    elif kind == "units":
        struct.pack_into(">H", data, t["head"][1] + 18, 0)
    elif kind == "glyphs":
        struct.pack_into(">H", data, t["maxp"][1] + 4, 0)
    elif kind == "huge":
        tag = "prep" if "prep" in t else "post"
        struct.pack_into(">I", data, t[tag][0] + 12, 0xFFFFFF00)
    elif kind == "loca":
        fmt = struct.unpack_from(">H", data, t["head"][1] + 50)[0]
        at = t["loca"][1] + (4 if fmt else 2) * 10
        struct.pack_into(">I" if fmt else ">H", data, at, 0xFFFF)
    elif kind == "cmap":
        cmap = t["cmap"][1]
        for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
            sub = cmap + offset
            if (platform, encoding) == (3, 1) and struct.unpack_from(">H", data, sub)[0] == 4:
                segments = struct.unpack_from(">H", data, sub + 6)[0] // 2
                struct.pack_into(">H", data, sub + 14 + 2 * (segments - 1), 0x1234)
    elif kind == "truncated":
        del data[len(data) // 2:]
    elif kind == "junk":
        data[:] = b"this is not a font\n" * 100
    else:
        sys.exit("unknown kind " + kind)
    return data


def main():
    font, kind, out = sys.argv[1:4]
    with open(font, "rb") as f:
        data = bytearray(f.read())
    with open(out, "wb") as f:
        f.write(damage(data, kind))


main()
