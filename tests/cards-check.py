#!/usr/bin/env python3
"""tests/cards-check.py BBOX.html TREE.xml FLIP OFFSET [SECTION [TAG]]: the
flashcards of guide2cards, read back from `pdftotext -bbox`.

A card's box is found from text alone: its deck number "#N" is printed at the
top right and the bottom left of both sides, the same distance in from each
edge, so the box the two span is the card's box shrunk evenly. Checks, and
prints one line per problem (exit 1) or a summary:
  - every card has its two numbers on an odd page (front) and on the next page
    (back), and the back's box is the front's mirrored for FLIP (long: across
    the page, short: up and down), moved by OFFSET (X,Y mm, right and up),
    within 0.5 mm;
  - no word lies outside the box of a card on its page;
  - the fronts, in order and leaving out continuations (2/2 ...), are the
    tree's cards (those of SECTION and under it, tagged TAG; - for all), each
    front holding its question;
  - every word of a card's answer and reason is on its back or backs.
A word is a run of letters, digits and underscores; text is compared with
spaces removed, since code wraps anywhere.

With INK=PREFIX in the environment, PREFIX-1.pgm and PREFIX-2.pgm (the first
sheet, pdftoppm -gray at INK_DPI, default 36) are checked too: on the back
no ink outside a card (a card's edge is 4 mm out from its numbers' box), on
the front none outside a card but the cut marks, in the margins around the
grid."""
import os
import html
import re
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
TOLERANCE = 0.5 * MM
WORD = re.compile(r"\w+")
PART = re.compile(r"^(\d+)/(\d+)$")


def read_pages(path):
    pages, page = [], None
    pattern = re.compile(r'<(page|word) ([^>]*)>([^<]*)')
    for match in pattern.finditer(open(path, encoding="utf-8").read()):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2)))
        if match.group(1) == "page":
            page = {"w": float(attrs["width"]), "h": float(attrs["height"]), "words": []}
            pages.append(page)
        else:
            box = tuple(float(attrs[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
            page["words"].append((html.unescape(match.group(3)), box))
    return pages


def card_boxes(page, problems, where):
    """{serial: box}, box (x0, y0, x1, y1) from the two "#N" words."""
    marks = {}
    for text, box in page["words"]:
        if re.fullmatch(r"#\d+", text):
            marks.setdefault(int(text[1:]), []).append(box)
    boxes = {}
    for serial, found in marks.items():
        if len(found) != 2:
            problems.append(f"{where}: #{serial} printed {len(found)} times, not 2")
            continue
        top, bottom = sorted(found, key=lambda b: b[1])
        boxes[serial] = (bottom[0], top[1], top[2], bottom[3])
    return boxes


def inside(box, word):
    return (word[0] >= box[0] - 0.5 and word[2] <= box[2] + 0.5 and
            word[1] >= box[1] - 0.5 and word[3] <= box[3] + 0.5)


def card_words(page, box, content=False):
    """The words in BOX; CONTENT: only those between its label line at the
    top and its number at the bottom (a paragraph cut between two cards
    reads on without them)."""
    edge = 7.5 if content else -1
    words = sorted((b[3], b[0], t) for t, b in page["words"]
                   if inside(box, b) and b[1] > box[1] + edge and b[3] < box[3] - edge)
    # Line by line, as read: a word within 1.5 pt of a line's lowest edge is
    # on it (a smaller monospace word sits a little higher).
    lines = []
    for bottom, x, text in words:
        if lines and bottom - lines[-1][0] < 1.5:
            lines[-1][1].append((x, text))
        else:
            lines.append((bottom, [(x, text)]))
    return [t for _, line in lines for _, t in sorted(line)]


def squash(text):
    return "".join(WORD.findall(text.lower()))


def mirror(front, page, flip, dx, dy):
    x0, y0, x1, y1 = front
    if flip == "long":
        x0, x1 = page["w"] - x1, page["w"] - x0
    else:
        y0, y1 = page["h"] - y1, page["h"] - y0
    # pdftotext counts y down the page: "up" is smaller.
    return (x0 + dx, y0 - dy, x1 + dx, y1 - dy)


def expected_cards(tree, section, tag):
    cards, inside_section, level = [], section in (None, "-"), 0
    for node in ET.parse(tree).getroot():
        if node.tag != "section":
            continue
        if section not in (None, "-"):
            if node.get("id") == section:
                inside_section, level = True, int(node.get("level"))
            elif inside_section and int(node.get("level")) <= level:
                inside_section = False
        if not inside_section:
            continue
        for card in node.findall("card"):
            if tag not in (None, "-") and tag not in (card.get("tags") or "").split():
                continue
            back = "".join(card.find("answer").itertext())
            why = card.find("why")
            if why is not None:
                back += " " + "".join(why.itertext())
            cards.append(("".join(card.find("question").itertext()), back))
    return cards


def read_pgm(path):
    data = open(path, "rb").read()
    fields = data.split(maxsplit=4)
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][-width * height:]


def ink_problems(path, boxes, front, dpi):
    """Dark pixels outside every card (and, on a front, inside the grid)."""
    width, height, pixels = read_pgm(path)
    scale = dpi / 72
    pad = 4 * MM
    cards = [(b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad) for b in boxes.values()]
    grid = (min(c[0] for c in cards), min(c[1] for c in cards),
            max(c[2] for c in cards), max(c[3] for c in cards))
    stray = []
    for y in range(height):
        row = pixels[y * width:(y + 1) * width]
        for x in range(width):
            if row[x] > 160:
                continue
            px, py = (x + 0.5) / scale, (y + 0.5) / scale
            slack = 1.5 / scale  # a pixel's worth of antialiasing
            near = lambda b: b[0] - slack <= px <= b[2] + slack and b[1] - slack <= py <= b[3] + slack
            if any(near(c) for c in cards):
                continue
            if front and not near(grid):
                continue  # the cut marks
            stray.append((round(px), round(py)))
    return [f"{path}: ink outside every card at {len(stray)} pixels, first at {stray[0]} pt"] if stray else []


def main():
    bbox, tree, flip, offset = sys.argv[1:5]
    section = sys.argv[5] if len(sys.argv) > 5 else None
    tag = sys.argv[6] if len(sys.argv) > 6 else None
    dx, dy = (float(v) * MM for v in offset.split(","))
    pages = read_pages(bbox)
    problems, fronts = [], []  # fronts: (serial, part, words, back words)
    if len(pages) % 2:
        problems.append(f"{len(pages)} pages: fronts and backs come in pairs")
    for i in range(0, len(pages) - 1, 2):
        front_page, back_page = pages[i], pages[i + 1]
        front = card_boxes(front_page, problems, f"page {i + 1}")
        back = card_boxes(back_page, problems, f"page {i + 2}")
        for page, boxes, n in ((front_page, front, i + 1), (back_page, back, i + 2)):
            for text, box in page["words"]:
                if not any(inside(b, box) for b in boxes.values()):
                    problems.append(f"page {n}: '{text}' at {box} is outside every card")
        for serial in sorted(front):
            if serial not in back:
                problems.append(f"#{serial}: no back on page {i + 2}")
                continue
            want = mirror(front[serial], front_page, flip, dx, dy)
            worst = max(abs(a - b) for a, b in zip(want, back[serial]))
            if worst > TOLERANCE:
                problems.append(f"#{serial}: back at {back[serial]}, not behind its front "
                                f"(want {tuple(round(v, 2) for v in want)}, off {worst / MM:.2f} mm)")
            words = card_words(front_page, front[serial])
            part = next((int(m.group(1)) for m in map(PART.match, words) if m), 1)
            fronts.append((serial, part, " ".join(card_words(front_page, front[serial], True)),
                           " ".join(card_words(back_page, back[serial], True))))
    ink = os.environ.get("INK")
    if ink and len(pages) >= 2:
        dpi = float(os.environ.get("INK_DPI", "36"))
        for n, front in ((1, True), (2, False)):
            boxes = card_boxes(pages[n - 1], [], "")
            problems += ink_problems(f"{ink}-{n}.pgm", boxes, front, dpi)
    fronts.sort()
    cards = expected_cards(tree, section, tag)
    firsts = [f for f in fronts if f[1] == 1]
    if len(firsts) != len(cards):
        problems.append(f"{len(firsts)} fronts (continuations aside) for {len(cards)} questions")
    backs = {}
    for serial, part, words, back_words in fronts:
        if part == 1:
            backs[serial] = [back_words]
            current = serial
        elif backs:
            backs[current].append(back_words)
    for (question, answer), (serial, _, words, _) in zip(cards, firsts):
        if squash(question) not in squash(words):
            problems.append(f"#{serial}: front lacks its question '{question[:60]}'")
        text = squash(" ".join(backs[serial]))
        missing = [w for w in WORD.findall(answer.lower()) if w not in text]
        if missing:
            problems.append(f"#{serial}: back lacks {len(missing)} words of its answer: "
                            f"{' '.join(missing[:8])}")
    for line in problems[:30]:
        print(line)
    if problems:
        return 1
    print(f"{len(pages)} pages, {len(fronts)} cards, {len(cards)} questions: all behind their "
          f"fronts ({flip} edge), every question and answer word in place")
    return 0


if __name__ == "__main__":
    sys.exit(main())
