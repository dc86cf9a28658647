#!/usr/bin/env python3
"""pdf-structtext.py: a tagged PDF's structure text against its guide tree.

usage: pdf-structtext.py FILE.pdf TREE.xml

Reads `pdfinfo -struct-text FILE.pdf`: the structure tree with the text of
each marked-content sequence, in the tree's order. Leaving out the contents
(TOC) and list labels (Lbl), its words must be the tree's words in document
order: every one of them, none twice, and nothing else but the few words the
handout adds itself (the labels of questions, answers, reasons and callouts,
the title page's source line and date, the drill sheet's page pointers).

A word the PDF breaks over two lines comes back as two pieces (code wraps
anywhere, CJK text has no spaces): pieces are joined while they spell the
tree's word. Exits 1 with the first places where the two differ."""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# What the handout adds, in English (tools/lib/words.c), and its marks.
ADDED = {
    "Answer", "Answers", "Why", "they", "ask:", "Contents", "Source:", "Note", "Tip",
    "Important", "Warning", "Caution", "Info", "Danger", "Details", "\u00b7", "\u25be",
    "answer", "question", "on", "page", "\u2192", "\u2190", "Question", "sheet",
    "[image:", "Back", "to", "the", "questions", "\u2191",
}
ADDED_RE = re.compile(r"^(Q\d+[a-z]?\.|\d{4}-\d{2}-\d{2}|\d+|[\w.-]+\.(md|xml)|\[\d+\])$")

SKIP_ELEMENTS = {"date", "toc"}


def tree_words(path):
    root = ET.parse(path).getroot()
    words = []

    def walk(node):
        if node.tag in SKIP_ELEMENTS:
            return
        if node.text:
            words.extend(node.text.split())
        for child in node:
            walk(child)
            if child.tail:
                words.extend(child.tail.split())

    walk(root)
    return words


def struct_words(pdf):
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], check=True, capture_output=True,
                         text=True).stdout
    words, skip_indent = [], None
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if skip_indent is not None:
            if indent > skip_indent:
                continue
            skip_indent = None
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            words.append(body[1:-1].split())
            continue
        role = body.split(" ")[0]
        if role in ("TOC", "Lbl"):
            skip_indent = indent
    return words


def compare(tree, pieces):
    """Walks the tree's words; returns a list of problems."""
    flat = [w for ws in pieces for w in ws]
    problems = []
    i = j = 0
    while i < len(tree) and j < len(flat):
        if flat[j] == tree[i]:
            i += 1
            j += 1
            continue
        # A word broken over lines: its pieces in order spell it.
        spelt, k = flat[j], j + 1
        while len(spelt) < len(tree[i]) and tree[i].startswith(spelt) and k < len(flat):
            spelt += flat[k]
            k += 1
        if spelt == tree[i]:
            i += 1
            j = k
            continue
        # Two tree words drawn together (a break space no glyph shows is not
        # the only way: "a" + link text with no space in the tree).
        joined, m = tree[i], i + 1
        while len(joined) < len(flat[j]) and flat[j].startswith(joined) and m < len(tree):
            joined += tree[m]
            m += 1
        if joined == flat[j]:
            i = m
            j += 1
            continue
        if flat[j] in ADDED or ADDED_RE.match(flat[j]):
            j += 1
            continue
        problems.append(f"word {i}: the tree has {' '.join(tree[i:i + 8])!r}, the PDF "
                        f"{' '.join(flat[j:j + 8])!r}")
        if len(problems) >= 5:
            return problems
        # Resynchronise on the next place both agree on three words.
        found = False
        for di in range(0, 40):
            for dj in range(0, 40):
                if tree[i + di:i + di + 3] == flat[j + dj:j + dj + 3] and i + di + 3 <= len(tree):
                    i, j, found = i + di, j + dj, True
                    break
            if found:
                break
        if not found:
            return problems
    rest = [w for w in flat[j:] if not (w in ADDED or ADDED_RE.match(w))]
    if i < len(tree):
        problems.append(f"the PDF ends {len(tree) - i} words early, before "
                        f"{' '.join(tree[i:i + 8])!r}")
    if rest:
        problems.append(f"the PDF has {len(rest)} words after the tree's last: "
                        f"{' '.join(rest[:8])!r}")
    return problems


def main():
    pdf, tree_path = sys.argv[1], sys.argv[2]
    tree = tree_words(tree_path)
    pieces = struct_words(pdf)
    problems = compare(tree, pieces)
    if problems:
        print(f"{pdf}: its structure text is not the tree's words:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"{pdf}: structure text = the tree's {len(tree)} words, in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
