"""words.py SOURCE.txt TREE.xml: every word of SOURCE must occur in the tree as often.

SOURCE is a plain-text rendering of the Markdown (cmark-gfm -t plaintext). The
tree's words are its text, plus what the tree keeps as attributes: answer and
why labels, question numbers (as "Q<n>"), image alt text, and the numbers of
ordered list items (plain text spells them out, the tree keeps the start).

A word is a run of letters, digits and underscores, or any single character that
is neither a word character, ASCII nor a space (✓ ✅ ❌, box drawing).
Prints the missing words and exits 1, or prints a summary line."""
import collections
import re
import sys
import xml.etree.ElementTree as ET

TOKEN = re.compile(r"\w+|[^\w\s\x00-\x7f]")


def count(text):
    return collections.Counter(t.lower() for t in TOKEN.findall(text))


def tree_text(path):
    root = ET.parse(path).getroot()
    parts = ["".join(root.itertext())]
    for node in root.iter():
        for attr in ("label", "alt"):
            if attr in node.attrib:
                parts.append(node.attrib[attr])
        if node.tag == "card" and "number" in node.attrib:
            parts.append("Q" + node.attrib["number"])
        if node.tag == "list" and node.attrib.get("type") == "ordered":
            start = int(node.attrib.get("start", "1"))
            items = len([c for c in node if c.tag == "item"])
            parts.extend(str(start + i) for i in range(items))
    return "\n".join(parts)


with open(sys.argv[1], encoding="utf-8") as f:
    source = count(f.read())
output = count(tree_text(sys.argv[2]))
missing = {w: n - output[w] for w, n in source.items() if output[w] < n}
if missing:
    print(f"{sum(missing.values())} of {sum(source.values())} words missing:")
    for w, n in sorted(missing.items(), key=lambda kv: -kv[1])[:40]:
        print(f"  {w!r} x{n}")
    sys.exit(1)
print(f"{sum(source.values())} words, {len(source)} distinct, none missing")
