#!/usr/bin/env python3
"""tests/hostile-images.py DIR JPEG: writes the images tests/hostile-images.sh
shows into DIR, made at test time (the big ones are never committed):
  pic.png       a small valid PNG (named many ways by the guide)
  zero.png      a PNG whose header says 0 x 0 pixels
  huge.png      a valid 8000 x 8000 PNG of 250 KB (64 million pixels)
  big-N.png     five distinct files, each a valid 5000 x 5000 PNG (at the
                per-image limit; together over the per-output one)
  nosof.jpg     JPEG's bytes with its frame header (SOF) made another marker
  zero.jpg      a JPEG whose frame header says 0 x 0
  zero.gif      a GIF whose screen is 0 x 0
"""
import os
import struct
import sys
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(width, height):
    """A grey image, one filter byte per row, compressed once per row shape."""
    row = b"\x00" + b"\x80" * width
    packer = zlib.compressobj(9)
    parts = [packer.compress(row) for _ in range(height)]
    data = b"".join(parts) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) +
            chunk(b"IEND", b""))


def jpeg_sof(data):
    """The offset of the first SOFn marker."""
    at = 2
    while at + 4 <= len(data):
        marker = data[at + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return at
        at += 2 + struct.unpack_from(">H", data, at + 2)[0]
    sys.exit("no SOF in the JPEG")


def main():
    out, jpeg_path = sys.argv[1:3]
    write = lambda name, data: open(os.path.join(out, name), "wb").write(data)
    write("pic.png", png(4, 3))
    zero = bytearray(png(4, 3))
    struct.pack_into(">II", zero, 16, 0, 0)
    write("zero.png", bytes(zero))
    write("huge.png", png(8000, 8000))
    big = png(5000, 5000)
    for i in range(1, 6):
        write("big-%d.png" % i, big)
    jpeg = bytearray(open(jpeg_path, "rb").read())
    sof = jpeg_sof(jpeg)
    nosof = bytearray(jpeg)
    nosof[sof + 1] = 0xE5  # an application segment of the same length
    write("nosof.jpg", bytes(nosof))
    zero_jpeg = bytearray(jpeg)
    struct.pack_into(">HH", zero_jpeg, sof + 5, 0, 0)
    write("zero.jpg", bytes(zero_jpeg))
    write("zero.gif", b"GIF89a" + struct.pack("<HH", 0, 0) + b"\x00\x00\x00" +
          b"\x2c" + struct.pack("<HHHH", 0, 0, 1, 1) + b"\x00\x02\x02\x44\x01\x00\x3b")


main()
