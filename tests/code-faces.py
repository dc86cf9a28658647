#!/usr/bin/env python3
"""code-faces.py: the text of a PDF page in runs of one font, as MuPDF reads it.

Reads `mutool draw -F stext` output on standard input and prints one line per
run of characters in one font: the font's name (without libharu's subset tag
and style suffix), a tab, the x of the run's first character, a tab, the run's
text. The tests read it to see which face a code token was printed in.
With --chars: one line per character instead, its x and itself, no font: what
must not move when only the faces change. --same A B: whether two such lists
hold the same characters at the same places (to 0.02 pt: MuPDF adds the
advances of a run up in floats, so a run that starts at a character puts it
a rounding away from where the middle of a longer run has it).
"""
import sys
import xml.etree.ElementTree as ET


def runs(root):
    for font in root.iter("font"):
        chars = font.findall("char")
        if not chars:
            continue
        name = font.get("name", "").split(",")[0].split("+")[-1]
        text = "".join(char.get("c", "") for char in chars)
        yield name, round(float(chars[0].get("x", "0")), 2), text


def same(a, b):
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        left, right = fa.read().splitlines(), fb.read().splitlines()
    if len(left) != len(right):
        sys.exit(f"{len(left)} characters against {len(right)}")
    for one, two in zip(left, right):
        (x1, c1), (x2, c2) = one.split("\t", 1), two.split("\t", 1)
        if c1 != c2 or abs(float(x1) - float(x2)) > 0.02:
            sys.exit(f"'{c1}' at {x1} against '{c2}' at {x2}")


def main():
    if sys.argv[1:2] == ["--same"] and len(sys.argv) == 4:
        same(sys.argv[2], sys.argv[3])
        return
    root = ET.fromstring(sys.stdin.read())
    if sys.argv[1:] == ["--chars"]:
        for char in root.iter("char"):
            print(f"{char.get('x', '0')}\t{char.get('c', '')}")
        return
    for name, x, text in runs(root):
        print(f"{name}\t{x}\t{text}")


if __name__ == "__main__":
    main()
