#!/usr/bin/env python3
"""tests/card-list.py TREE: one line per card of a guide tree, for the golden
lists of tests/guides/: the card's line, its question (first 60 characters),
and the lines of its prompt (what goes on the front with the question: code,
options) or "-", the first and last source line of its answer (a last line
is the start line of the last block), with flags: U for an unanswered card.

A change to the rules that finds questions shows in a diff of these lists
exactly which cards it moved."""
import sys
import xml.etree.ElementTree as ET


def text_of(node):
    return " ".join("".join(node.itertext()).split())


def span(node):
    """The first line of NODE and the start line of its last block."""
    lines = [int(n.get("line")) for n in node.iter() if n.get("line")]
    first = int(node.get("line"))
    return first, max(lines) if lines else first


def main():
    root = ET.parse(sys.argv[1]).getroot()
    for section in root.iter("section"):
        title = text_of(section.find("title"))
        for card in section.findall("card"):
            answer = card.find("answer")
            first, last = span(answer)
            prompt = card.find("prompt")
            front = "%d-%d" % span(prompt) if prompt is not None else "-"
            flags = "U" if card.get("unanswered") == "true" else "-"
            question = text_of(card.find("question"))[:60]
            print(f"{card.get('line')}\t{flags}\t{front}\t{first}-{last}\t{title[:24]}\t{question}")


if __name__ == "__main__":
    main()
