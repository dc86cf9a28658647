"""PNGs of every kind libpng reads, and a check of how a PDF shows them.

  pdf-images.py write DIR          writes DIR/KIND.png for every kind, and
                                   DIR/kinds.txt (the kinds, in order)
  pdf-images.py solid FILE W H     writes FILE, a W x H PNG of one colour
  pdf-images.py place QDF          prints each image the PDF draws, one line
                                   "PAGE W H X Y" in points, in drawing order
  pdf-images.py check DIR QDF PPM  compares the images the PDF draws (QDF:
                                   the PDF as `qpdf --qdf`, PPM: its page with
                                   the images, `pdftoppm -r 96`) with the
                                   source pixels over white; prints one line
                                   per kind, "ok KIND" or "FAIL KIND: why"

Each image is 48x32 pixels in 4x4 blocks of one colour (and alpha); the
check samples the rendered page at the centre of every block, where a
correct picture has exactly that colour whatever the edges do. Written with
zlib and struct only: no imaging library."""
import re
import struct
import sys
import zlib

W, H, BLOCK = 48, 32, 4
TOLERANCE = 3  # 16-bit to 8-bit rounding, and the renderer's compositing
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2)]


def value(bx, by, channel):
    return (37 * bx + 71 * by + 101 * channel + 13) % 256


def alpha(bx, by):
    return [0, 255, 40, 128, 200, 90][(bx + 2 * by) % 6]


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def pack_row(samples, depth):
    """Samples (ints at DEPTH bits) as the bytes of one PNG row."""
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if depth == 8:
        return bytes(samples)
    per_byte = 8 // depth
    out = bytearray()
    for i in range(0, len(samples), per_byte):
        byte = 0
        group = samples[i:i + per_byte]
        for j, s in enumerate(group):
            byte |= s << (8 - depth * (j + 1))
        out.append(byte)
    return bytes(out)


def png(color_type, depth, pixel, interlace=False, plte=None, trns=None):
    """A PNG whose pixel (x, y) has the samples pixel(x, y) (a tuple)."""
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        xs = range(x0, W, dx)
        if not xs:
            continue
        for y in range(y0, H, dy):
            samples = [s for x in xs for s in pixel(x, y)]
            raw += b"\0" + pack_row(samples, depth)
    data = b"\x89PNG\r\n\x1a\n"
    data += chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, depth, color_type, 0, 0, int(interlace)))
    if plte:
        data += chunk(b"PLTE", b"".join(bytes(c) for c in plte))
    if trns is not None:
        data += chunk(b"tRNS", trns)
    return data + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")


def over_white(rgb, a):
    return tuple(round(c * a / 255 + 255 * (1 - a / 255)) for c in rgb)


def blocks(x, y):
    return x // BLOCK, y // BLOCK


def wide(v8, bx, by):
    """A 16-bit sample near V8 * 257, with a low byte that rounds away."""
    return min(65535, v8 * 257 + ((bx * 7 + by * 13) % 100) - 50) if v8 else (bx + by) % 50


def grey_kind(depth, interlace=False, key=False):
    levels = (1 << depth) - 1
    def level(bx, by):
        return (bx + 3 * by) % (levels + 1) if depth < 8 else value(bx, by, 0)
    def sample(x, y):
        bx, by = blocks(x, y)
        v = level(bx, by)
        return (wide(v, bx, by) if depth == 16 else v,)
    def expect(bx, by):
        v = level(bx, by)
        v8 = v * 255 // levels if depth < 8 else v
        if key and sample(bx * BLOCK, by * BLOCK) == sample(0, 0):
            return (255, 255, 255)  # the colour key: transparent
        return (v8, v8, v8)
    trns = struct.pack(">H", sample(0, 0)[0]) if key else None
    return png(0, depth, sample, interlace, trns=trns), expect


def grey_alpha_kind(depth, interlace=False):
    def sample(x, y):
        bx, by = blocks(x, y)
        v, a = value(bx, by, 0), alpha(bx, by)
        return (wide(v, bx, by), a * 257) if depth == 16 else (v, a)
    def expect(bx, by):
        v = value(bx, by, 0)
        return over_white((v, v, v), alpha(bx, by))
    return png(4, depth, sample, interlace), expect


def rgb_kind(depth, interlace=False, key=False, with_alpha=False):
    def rgb(bx, by):
        return tuple(value(bx, by, c) for c in range(3))
    def sample(x, y):
        bx, by = blocks(x, y)
        s = rgb(bx, by)
        if depth == 16:
            s = tuple(wide(c, bx, by) for c in s)
        if with_alpha:
            s += (alpha(bx, by) * (257 if depth == 16 else 1),)
        return s
    def expect(bx, by):
        if with_alpha:
            return over_white(rgb(bx, by), alpha(bx, by))
        if key and sample(bx * BLOCK, by * BLOCK) == sample(0, 0):
            return (255, 255, 255)  # the colour key: transparent
        return rgb(bx, by)
    trns = struct.pack(">HHH", *sample(0, 0)) if key else None
    return png(6 if with_alpha else 2, depth, sample, interlace, trns=trns), expect


def palette_kind(depth, interlace=False, key=False):
    count = 1 << depth
    palette = [tuple(value(i, 5, c) for c in range(3)) for i in range(count)]
    entry_alpha = [(i * 53 + 17) % 256 for i in range(count // 2 + 1)] if key else []
    def index(bx, by):
        return (bx + 5 * by) % count
    def sample(x, y):
        return (index(*blocks(x, y)),)
    def expect(bx, by):
        i = index(bx, by)
        return over_white(palette[i], entry_alpha[i] if i < len(entry_alpha) else 255)
    trns = bytes(entry_alpha) if key else None
    return png(3, depth, sample, interlace, plte=palette, trns=trns), expect


KINDS = {
    "grey1": lambda: grey_kind(1),
    "grey2": lambda: grey_kind(2),
    "grey4": lambda: grey_kind(4),
    "grey8": lambda: grey_kind(8),
    "grey16": lambda: grey_kind(16),
    "grey8-trns": lambda: grey_kind(8, key=True),
    "grey16-trns": lambda: grey_kind(16, key=True),
    "grey-alpha8": lambda: grey_alpha_kind(8),
    "grey-alpha16": lambda: grey_alpha_kind(16),
    "rgb8": lambda: rgb_kind(8),
    "rgb16": lambda: rgb_kind(16),
    "rgb8-trns": lambda: rgb_kind(8, key=True),
    "rgb16-trns": lambda: rgb_kind(16, key=True),
    "rgba8": lambda: rgb_kind(8, with_alpha=True),
    "rgba16": lambda: rgb_kind(16, with_alpha=True),
    "palette1": lambda: palette_kind(1),
    "palette2": lambda: palette_kind(2),
    "palette4": lambda: palette_kind(4),
    "palette8": lambda: palette_kind(8),
    "palette8-trns": lambda: palette_kind(8, key=True),
    "interlaced-grey1": lambda: grey_kind(1, interlace=True),
    "interlaced-grey-alpha16": lambda: grey_alpha_kind(16, interlace=True),
    "interlaced-rgb16": lambda: rgb_kind(16, interlace=True),
    "interlaced-rgba8": lambda: rgb_kind(8, interlace=True, with_alpha=True),
    "interlaced-palette4-trns": lambda: palette_kind(4, interlace=True, key=True),
}


def write(folder):
    for name, make in KINDS.items():
        with open(f"{folder}/{name}.png", "wb") as f:
            f.write(make()[0])
    with open(f"{folder}/kinds.txt", "w") as f:
        f.write("\n".join(KINDS) + "\n")


def read_ppm(path):
    data = open(path, "rb").read()
    fields = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    width, height = int(fields.group(1)), int(fields.group(2))
    return width, height, data[fields.end():]


def solid(path, width, height):
    row = b"\0" + bytes((30, 90, 160)) * width
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


NUMBER = r"(-?[\d.]+)"
DRAW = rf"{NUMBER} 0 0 {NUMBER} {NUMBER} {NUMBER} cm\s*/\w+ Do"


def place(qdf_path):
    text = open(qdf_path, "rb").read().decode("latin-1")
    pages = re.split(r"%% Contents for page (\d+)", text)
    for number, page in zip(pages[1::2], pages[2::2]):
        for found in re.findall(DRAW, page):
            print(number, *(f"{float(v):g}" for v in found))


def placements(qdf_path):
    """Each image drawn on the first page that draws any: (x, y, w, h) in
    points as (w, h, x, y), in drawing order, and that page's height."""
    text = open(qdf_path, "rb").read().decode("latin-1")
    pages = re.split(r"%% Contents for page \d+", text)[1:]
    for page in pages:
        found = re.findall(DRAW, page)
        if found:
            box = re.search(r"/MediaBox \[\s*0\s+0\s+[\d.]+\s+([\d.]+)", text)
            return [tuple(float(v) for v in f) for f in found], float(box.group(1))
    return [], 0


def check(folder, qdf_path, ppm_path):
    names = open(f"{folder}/kinds.txt").read().split()
    drawn, page_height = placements(qdf_path)
    width, height, pixels = read_ppm(ppm_path)
    dpi = 96 / 72
    failures = 0
    if len(drawn) != len(names):
        print(f"FAIL placements: {len(drawn)} images drawn on the page, {len(names)} expected")
        return 1
    for name, (w, h, x, y) in zip(names, drawn):
        expect = KINDS[name]()[1]
        worst = None
        for by in range(H // BLOCK):
            for bx in range(W // BLOCK):
                px = int((x + (bx * BLOCK + BLOCK / 2) * w / W) * dpi)
                py = int((page_height - y - h + (by * BLOCK + BLOCK / 2) * h / H) * dpi)
                at = (py * width + px) * 3
                got = tuple(pixels[at:at + 3])
                want = expect(bx, by)
                if max(abs(a - b) for a, b in zip(got, want)) > TOLERANCE and worst is None:
                    worst = f"block ({bx},{by}) is {got}, the source over white is {want}"
        if worst:
            print(f"FAIL {name}: {worst}")
            failures += 1
        else:
            print(f"ok {name}")
    return failures


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    elif sys.argv[1] == "solid":
        solid(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "place":
        place(sys.argv[2])
    else:
        sys.exit(1 if check(*sys.argv[2:5]) else 0)
