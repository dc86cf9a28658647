"""epub-inspect.py: what the EPUB tests (tests/epub-*.sh) read out of a book.

  epub-inspect.py links BOOK.epub TREE.xml   follow every href and src
  epub-inspect.py words BOOK.epub TREE.xml   find every word of the tree in the book
  epub-inspect.py corpus OUT.md              the Markdown of every corpus example
  epub-inspect.py languages BOOK.epub EXPECT the language of each passage EXPECT names

Prints one finding a line ("BAD ...", "IDS ...", "TOC ...", "MISSING ...") after
a count line; the shell scripts turn them into ok/fail."""
import collections
import html.parser
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"


def book_docs(z):
    docs = {}
    for name in z.namelist():
        if re.search(r"\.(xhtml|ncx|opf|svg)$", name):
            docs[name] = ET.fromstring(z.read(name))
    return docs


def links(book, tree_path):
    """Every href/src/full-path that is not a web or mail address names a file
    in the book and, with #fragment, an id in that file; every tree id is in
    exactly one XHTML file; the guide's own contents link to their chapters."""
    z = zipfile.ZipFile(book)
    names = set(z.namelist())
    docs = book_docs(z)
    ids = {n: {e.get("id") for e in d.iter() if e.get("id")} for n, d in docs.items()}
    followed = 0
    findings = []
    for name, root in sorted(docs.items()):
        for e in root.iter():
            for attr in ("href", "src", "full-path"):
                ref = e.get(attr)
                if ref is None or re.match(r"(https?|mailto):", ref, re.I):
                    continue
                followed += 1
                path, _, frag = ref.partition("#")
                target = name
                if path:
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
                if target not in names:
                    findings.append("BAD %s: %s=%r: no file %s" % (name, attr, ref, target))
                elif frag and frag not in ids.get(target, ()):
                    findings.append("BAD %s: %s=%r: no id %r in %s" % (name, attr, ref, frag, target))
    tree = ET.parse(tree_path).getroot()
    xhtml = [n for n in docs if n.endswith(".xhtml")]
    for i in (e.get("id") for e in tree.iter() if e.get("id")):
        where = [n for n in xhtml if i in ids[n]]
        if len(where) != 1:
            findings.append("IDS %s is in %s" % (i, where or "no file"))
    items = {i.get("id"): i.get("href") for i in docs["OEBPS/content.opf"].iter(OPF + "item")}
    spine = [items[r.get("idref")] for r in docs["OEBPS/content.opf"].iter(OPF + "itemref")]
    chapters = [h for h in spine if h.startswith("section-")]
    sections = list(tree.iter("section"))
    position = {s.get("id"): n for n, s in enumerate(sections)}
    toc = tree.find("toc")
    toc_links = 0
    for link in toc.iter("link") if toc is not None else ():
        target = link.get("href")[1:]
        if target in position:
            toc_links += 1
            chapter = "OEBPS/" + chapters[position[target]]
            if target not in ids[chapter]:
                findings.append("TOC %s is not in %s" % (target, chapter))
    print("followed %d toc %d" % (followed, toc_links))
    for finding in findings:
        print(finding)


class VisibleText(html.parser.HTMLParser):
    """The text a reader sees of raw HTML: no tags, attributes or comments."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


TOKEN = re.compile(r"\w+|[^\w\s\x00-\x7f]")


def tree_text(node, parts):
    if node.tag == "date":
        return  # the source's date: the package's dcterms:modified (epub-build)
    if node.tag == "raw":
        parser = VisibleText()
        parser.feed(node.text or "")
        parser.close()
        parts.extend(parser.parts)
    else:
        parts.append(node.text or "")
        for child in node:
            tree_text(child, parts)
            parts.append(child.tail or "")
    parts.append(" ")


def words(book, tree_path):
    """Every word of the tree's text is in the text of the book's XHTML."""
    parts = []
    tree_text(ET.parse(tree_path).getroot(), parts)
    want = collections.Counter(TOKEN.findall(" ".join(parts)))
    z = zipfile.ZipFile(book)
    text = []
    for name in z.namelist():
        if name.endswith(".xhtml"):
            body = ET.fromstring(z.read(name)).find(XHTML + "body")
            text.append(" ".join(body.itertext()))
    have = collections.Counter(TOKEN.findall(" ".join(text)))
    print("words %d" % len(want))
    for word in sorted(w for w in want if w not in have):
        print("MISSING " + word)


def corpus(out):
    """The Markdown of the CommonMark spec and GFM extension examples, each under
    a heading of its own (see tests/corpus/README.md for their format)."""
    fence = "`" * 32
    with open(out, "w", encoding="utf-8") as f:
        for name in ("spec", "extensions"):
            number, inside, markdown = 0, False, False
            for line in open("tests/corpus/%s.txt" % name, encoding="utf-8"):
                line = line.rstrip("\n")
                if line.startswith(fence + " example"):
                    number += 1
                    inside, markdown = True, True
                    f.write("\n\n## %s example %d\n\n" % (name, number))
                elif inside and line == fence:
                    inside = False
                elif inside and markdown and line == ".":
                    markdown = False
                elif inside and markdown:
                    f.write(line.replace("\u2192", "\t") + "\n")


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODE = {XHTML + name for name in ("code", "pre", "kbd", "samp")}


def language_walk(node, lang, in_code, elements, chars, bad, where):
    """Every element of NODE with the language it is in, and every character
    of its text with its language, in document order."""
    own, xml_own = node.get("lang"), node.get(XML_LANG)
    if own != xml_own:
        bad.append("%s: <%s> has lang=%r but xml:lang=%r" % (where, node.tag, own, xml_own))
    if own is not None and in_code:
        bad.append("%s: <%s> inside code has lang=%r" % (where, node.tag, own))
    lang = own or lang
    in_code = in_code or node.tag in CODE
    elements.append((node.tag.replace(XHTML, ""), "".join(node.itertext()), lang))
    chars.extend((c, lang) for c in node.text or "")
    for child in node:
        language_walk(child, lang, in_code, elements, chars, bad, where)
        chars.extend((c, lang) for c in child.tail or "")


def languages(book, expect):
    """EXPECT holds lines "LANG NAME TEXT": an element NAME (span, p, li, td,
    h2, code...) of the body whose text is TEXT is in LANG; NAME "text": every
    character of TEXT, wherever it stands in the body, is in LANG; and lines
    "never LANG": no element of the book is marked LANG. Prints BAD lines."""
    elements, chars, bad, marked = [], [], [], collections.Counter()
    with zipfile.ZipFile(book) as z:
        for name in sorted(n for n in z.namelist() if n.endswith(".xhtml")):
            root = ET.fromstring(z.read(name))
            for node in root.iter():
                if node.get("lang"):
                    marked[node.get("lang")] += 1
            for title in root.iter(XHTML + "title"):
                elements.append(("title", title.text or "", title.get("lang") or root.get("lang")))
            body = root.find(XHTML + "body")
            language_walk(body, root.get("lang"), False, elements, chars, bad, name)
            chars.append(("\n", None))
    text = "".join(c for c, _ in chars)
    checks = 0
    for line in open(expect, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\n").split(" ", 2)
        lang, name, passage = parts + [""] * (3 - len(parts))
        checks += 1
        if lang == "never":
            if marked[name]:
                bad.append("%d elements are marked %s" % (marked[name], name))
        elif name == "text":
            at = text.find(passage)
            if at < 0:
                bad.append("no text %r" % passage)
            while at >= 0:
                got = {l for _, l in chars[at:at + len(passage)]}
                if got != {lang}:
                    bad.append("text %r is in %s, not %s" % (passage, sorted(got, key=str), lang))
                at = text.find(passage, at + 1)
        else:
            got = [l for n, t, l in elements if n == name and t == passage]
            if got != [lang] * max(len(got), 1):
                bad.append("<%s>%s</%s> is in %s, not %s" % (name, passage, name, got or "no such element", lang))
    print("checks %d, marked %s" % (checks, dict(sorted(marked.items()))))
    for line in bad:
        print("BAD " + line)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"links": links, "words": words, "corpus": corpus, "languages": languages}[command](*args)
