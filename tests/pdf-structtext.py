#!/usr/bin/env python3
"""pdf-structtext.py: a tagged handout's structure text against its guide tree.

usage: pdf-structtext.py FILE.pdf TREE.xml

Reads `pdfinfo -struct-text FILE.pdf`: the structure tree with the text of
each marked-content sequence, in the tree's order. Leaving out the contents
(the TOC and its heading) and list labels (Lbl), its words must be the
tree's words in document order: every one of them, none twice, and nothing
else. The few words the handout adds itself are added to the tree's words
where the handout puts them, in the guide's language (tools/lib/words.c):
a question's number, the labels of reasons, answers, callouts and open
<details>; the title page's source line and date and a missing image's
"[image: alt]" are taken out of the PDF's text. A Span's text is its
ActualText (a right-to-left line: its glyphs stand in visual order).

A word the PDF breaks over two lines comes back as two pieces (code wraps
anywhere, CJK text has no spaces): pieces are joined while they spell the
tree's word. Exits 1 with the first places where the two differ."""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

WORDS_C = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "lib",
                       "words.c")
# The order of enum word (tools/lib/words.h).
WORD_NAMES = ["answer", "why", "questions", "contents", "back", "test", "source", "page_of",
              "answer_on_page", "question_on_page", "note", "tip", "important", "warning",
              "caution", "info", "danger", "details", "title_page"]
CALLOUTS = ["note", "tip", "important", "warning", "caution", "info", "danger"]


def c_strings(text):
    """The C string literals of TEXT (bytes), adjacent ones joined, escapes read."""
    out, pending = [], None
    for m in re.finditer(rb'"((?:[^"\\]|\\.)*)"|([,}])', text):
        if m.group(2):
            if pending is not None:
                out.append(pending)
                pending = None
            continue
        raw = re.sub(rb"\\x([0-9A-Fa-f]{2})|\\(.)",
                     lambda e: bytes([int(e.group(1), 16)]) if e.group(1) else e.group(2),
                     m.group(1))
        s = raw.decode("utf-8")
        pending = s if pending is None else pending + s
    if pending is not None:
        out.append(pending)
    return out


def words_of(lang):
    src = open(WORDS_C, "rb").read()
    table = {}
    for m in re.finditer(rb'\{"([a-z]+)", \{(.*?)\}\}', src, re.S):
        strings = c_strings(m.group(2))
        if len(strings) == len(WORD_NAMES):
            table[m.group(1).decode()] = dict(zip(WORD_NAMES, strings))
    base = (lang or "en").split("-")[0].lower()
    return table.get(base, table["en"])


SKIP_ELEMENTS = {"date", "toc", "description", "tag"}
# Elements whose text, children included, is one run of text; inside them
# inline elements join what is around them. Every other element's text is
# a block of its own.
TEXT_PARENTS = {"p", "heading", "question", "title", "subtitle", "cell", "summary", "author"}


def tree_words(path):
    root = ET.parse(path).getroot()
    words = words_of(root.get("lang"))
    blocks = []

    def inline_text(node):
        parts = [node.text or ""]
        for child in node:
            if child.tag in ("br", "softbreak"):
                parts.append(" ")
            elif child.tag != "img":  # printed as its alt text only when missing
                parts.append(inline_text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(node, card=None):
        if node.tag in SKIP_ELEMENTS:
            return
        if node.tag == "card":
            card = node
        if node.tag == "question" and card is not None and card.get("number"):
            blocks.append(f"Q{card.get('number')}.")
        if node.tag == "why":
            blocks.append(words["why"] + ":")
        if node.tag == "answer":
            # The answer's label, or under a prompt the handout's own.
            prompted = card is not None and card.find("prompt") is not None
            label = node.get("label") or (words["answer"] if prompted else None)
            if label:
                blocks.append(label)
        if node.tag == "callout":
            kind = node.get("kind")
            blocks.append(words[kind if kind in CALLOUTS else "note"])
            if node.find("title") is not None:
                blocks.append("\u00b7")
        if node.tag == "details":
            blocks.append("\u25be")
        if node.tag in TEXT_PARENTS or node.tag == "codeblock" or (
                node.tag == "raw" and not len(node)):
            blocks.append(inline_text(node))
            return
        for child in node:
            walk(child, card)

    walk(root)
    return [w for b in blocks for w in b.split()], words


def span_texts(pdf):
    """The ActualText of each Span, in the structure tree's order: the words
    of a right-to-left line, whose glyphs are drawn in visual order."""
    out = subprocess.run(["qpdf", "--json=2", pdf, "-"], check=True, capture_output=True).stdout
    objects = {k[4:]: v.get("value") for k, v in json.loads(out)["qpdf"][1].items()
               if k.startswith("obj:")}
    trailer = json.loads(out)["qpdf"][1]["trailer"]["value"]
    catalog = objects[trailer["/Root"]]
    texts = []

    def walk(ref, depth):
        elem = objects.get(ref) if isinstance(ref, str) else None
        if not isinstance(elem, dict) or depth > 400:
            return
        if elem.get("/S") == "/Span":  # a passage in another language has none
            texts.append(elem["/ActualText"][2:] if "/ActualText" in elem else None)
            if "/ActualText" in elem:
                return  # what it holds is read as its ActualText
        kids = elem.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid, depth + 1)

    root = objects.get(catalog.get("/StructTreeRoot"), {}) or {}
    kids = root.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        walk(kid, 0)
    return texts


def struct_words(pdf, words):
    source = re.compile("^" + re.escape(words["source"]).replace("%s", r"\S+") + "$")
    date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    image = re.compile(r"\[image: [^\]]*\]")
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], check=True, capture_output=True,
                         text=True).stdout
    spans = iter(span_texts(pdf))
    texts, skip_indent, last_heading = [], None, None
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if skip_indent is not None:
            if indent > skip_indent:
                continue
            skip_indent = None
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            text = body[1:-1]
            if not source.match(text.strip()) and not date.match(text.strip()):
                texts.append(image.sub("", text))
            continue
        role = body.split(" ")[0]
        if role == "Span":  # its ActualText, when it has one, stands for its glyphs
            actual = next(spans, None)
            if actual is not None:
                texts.append(actual)
                skip_indent = indent
                continue
        if role == "TOC" and last_heading is not None:
            del texts[last_heading:]  # the contents' own heading
        if role in ("TOC", "Lbl"):
            skip_indent = indent
        last_heading = len(texts) if role == "H1" else None
    return [t.split() for t in texts]


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
    if i < len(tree):
        problems.append(f"the PDF ends {len(tree) - i} words early, before "
                        f"{' '.join(tree[i:i + 8])!r}")
    if j < len(flat):
        problems.append(f"the PDF has {len(flat) - j} words after the tree's last: "
                        f"{' '.join(flat[j:j + 8])!r}")
    return problems


def main():
    pdf, tree_path = sys.argv[1], sys.argv[2]
    tree, words = tree_words(tree_path)
    problems = compare(tree, struct_words(pdf, words))
    if problems:
        print(f"{pdf}: its structure text is not the tree's words:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"{pdf}: structure text = the tree's {len(tree)} words, in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
