# pdf-cells.py PDF PAGE: checks the geometry of the one table on page PAGE
# of PDF (1-based), as guide2pdf draws it; prints each problem, exits 1 on any.
#
# From the page's content stream (qpdf --qdf): the table's rules (the
# vertical lines and the horizontal ones between them) and the header's
# shading, which must end at the table's right rule, not the column's. From
# the page drawn at 150 dpi (pdftoppm -gray): the white between each body
# cell's rules and its letters, above and below (every cell), and at the side
# its text is aligned to: all about the same (within MAX_SPREAD points).
import re
import subprocess
import sys

DPI = 150
MAX_SPREAD = 2.5  # points: letters differ by about 1.5 (ascenders, room for descenders), code
# letters by up to 2 (their own colour and box); the old padding spread 5.6
SHADING = (0.965, 0.973, 0.98)  # the code background of the light code theme, #f6f8fa
INK = 200  # grey levels below this are letters (shading is lighter; the rules are kept out)


def content_of_page(pdf, page):
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                         capture_output=True, check=True).stdout.decode("latin-1")
    part = qdf.split("%% Contents for page %d\n" % page)[1]
    return part.split("stream\n", 1)[1].split("endstream", 1)[0]


def geometry(content):
    """The vertical and horizontal rules (0.5 pt lines) and the shaded rectangles."""
    verticals, horizontals, shaded = [], [], []
    fill, width, start = None, None, None
    for line in content.split("\n"):
        f = line.split()
        if line.endswith(" rg") and len(f) == 4:
            fill = tuple(float(v) for v in f[:3])
        elif line.endswith(" w") and len(f) == 2:
            width = float(f[0])
        elif line.endswith(" m") and len(f) == 3:
            start = (float(f[0]), float(f[1]))
        elif line.endswith(" l S") and len(f) == 4 and width == 0.5:
            x, y = float(f[0]), float(f[1])
            if abs(x - start[0]) < 0.001:
                verticals.append((x, min(y, start[1]), max(y, start[1])))
            elif abs(y - start[1]) < 0.001:
                horizontals.append((y, min(x, start[0]), max(x, start[0])))
        elif line.endswith(" re f") and fill == SHADING:
            x, y, w, h = (float(v) for v in f[:4])
            shaded.append((x, y, w, h))
    return verticals, horizontals, shaded


def grey_page(pdf, page):
    pgm = subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page),
                          pdf], capture_output=True, check=True).stdout
    magic, w, h, _, pixels = pgm.split(None, 4)
    return int(w), int(h), pixels


def ink_box(image, x0, y0, x1, y1):
    """Bounding box, in pixels, of the letters inside the pixel box: left and
    top the first pixel of ink, right and bottom just past the last."""
    w, _, pixels = image
    found = None
    for y in range(y0, y1):
        row = pixels[y * w + x0:y * w + x1]
        xs = [i for i, v in enumerate(row) if v < INK]
        if xs:
            left, right = x0 + xs[0], x0 + xs[-1] + 1
            if found is None:
                found = [left, y, right, y + 1]
            found = [min(found[0], left), min(found[1], y), max(found[2], right), y + 1]
    return found


def main():
    pdf, page = sys.argv[1], int(sys.argv[2])
    verticals, horizontals, shaded = geometry(content_of_page(pdf, page))
    problems = []
    if not verticals or not horizontals:
        print("no table rules on page %d" % page)
        return 1
    left = min(v[0] for v in verticals)
    right = max(v[0] for v in verticals)
    header = [s for s in shaded if abs(s[0] - left) < 0.01]
    if not header:
        problems.append("no header shading starts at the left rule (x %.2f)" % left)
    for x, y, w, h in header:
        if abs(x + w - right) > 0.01:
            problems.append("the header's shading ends at x %.2f, the table's right rule is "
                            "at %.2f" % (x + w, right))
    image = grey_page(pdf, page)
    height = image[1]
    scale = DPI / 72.0
    columns = sorted(set(round(v[0], 3) for v in verticals))
    rows = sorted(set(round(h[0], 3) for h in horizontals), reverse=True)
    gaps = []
    # Body rows only: the first pair of horizontal rules is the header.
    for top, bottom in zip(rows[1:], rows[2:]):
        for j, (x0, x1) in enumerate(zip(columns, columns[1:])):
            # Pixel rows count down from the top of the page.
            y0, y1 = height - top * scale, height - bottom * scale
            box = (int(x0 * scale) + 2, int(y0) + 2, int(x1 * scale) - 2, int(y1) - 2)
            ink = ink_box(image, *box)
            if not ink:
                continue
            cell = "row at y %.1f, column %d" % (top, j + 1)
            gaps.append(((ink[1] - y0) / scale, cell + " above"))
            gaps.append(((y1 - ink[3]) / scale, cell + " below"))
            gaps.append(((ink[0] - x0 * scale) / scale, cell + " left"))
            gaps.append(((x1 * scale - ink[2]) / scale, cell + " right"))
    # A cell's text touches only the side it is aligned to: keep the narrower
    # side of each cell (its aligned one) with the top and bottom.
    kept = []
    for i in range(0, len(gaps), 4):
        kept += [gaps[i], gaps[i + 1], min(gaps[i + 2], gaps[i + 3])]
    if not kept:
        problems.append("no letters found in the body cells")
    else:
        low, high = min(kept), max(kept)
        if high[0] - low[0] > MAX_SPREAD:
            problems.append("uneven cell padding: %.1f pt (%s) to %.1f pt (%s)" %
                            (low[0], low[1], high[0], high[1]))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
