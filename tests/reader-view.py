#!/usr/bin/env python3
"""reader-view.py: the pages a reader sees, laid out by a browser and measured.

    reader-view.py page OUT.html THEME (epub BOOK.epub | anki DECK.apkg)...
    reader-view.py check RESULTS.html

"page" unpacks each book and deck beside OUT.html and writes OUT.html: a page
of frames, each a phone (400 px) or a desktop (1200 px) wide, holding every
chapter of a book run together (a test copy in one document, the book itself
untouched) or every card of a deck as the back template shows it. THEME is
"day" or "night"; a night page is meant for Chromium's --force-dark-mode
(prefers-color-scheme: dark). At night a deck's cards get Anki's night-mode
classes, and a book is seen on a phone under a reader's dark theme (light
text on a dark page, set on the body as readers do) and on a desktop on the
dark canvas alone; the layout is the day's, so the night has fewer frames.
A script in OUT.html only, never in a book or deck, measures the laid-out
frames when the fonts have loaded and writes what it found into the page,
which Chromium's --dump-dom prints.

"check" reads that dump and prints one line per finding ("FAIL what, where")
then "checked N frames, M code lines": every code line not drawing a diagram
stays inside its box and the screen, a wrapped one continues indented under a
visible mark, code type is no smaller than 0.75 of the text around it, a
diagram line never wraps, no page scrolls sideways, every text has a contrast
of 4.5 or more with what is behind it, and a card whose answer is longer than
a phone's screen shows its "why" line above the answer; no table runs past
the screen nor any image is taller than it, and no Korean word (a run of
Hangul between spaces) is broken across lines."""
import html
import json
import os
import re
import sqlite3
import sys
import xml.etree.ElementTree as ET
import zipfile

XHTML = "{http://www.w3.org/1999/xhtml}"
PHONE, DESKTOP, SCREEN_HEIGHT = 400, 1200, 800
# What a reader's dark theme sets: light text on a dark page, on the body.
READER_DARK = "html, body { background-color: #121212; color: #e0e0e0; }"

MEASURE = r"""
const DIAGRAM = /[\u2500-\u257f\u25b2\u25bc]/;
function rgba(text) {
  const m = text.match(/[\d.]+/g) || [0, 0, 0, 0];
  return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1];
}
function luminance(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
function over(top, under) {
  const a = top[3];
  return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]);
}
/* The colour behind EL: the backgrounds of it and its ancestors, composed over
   the canvas (white unless the root asks for a dark scheme). */
function backdrop(win, el) {
  const layers = [];
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const c = rgba(win.getComputedStyle(e).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] >= 1) break;
  }
  let color = [255, 255, 255, 1];
  const root = win.getComputedStyle(win.document.documentElement).colorScheme || "";
  if ((!layers.length || layers[layers.length - 1][3] < 1) && /dark/.test(root) &&
      win.matchMedia("(prefers-color-scheme: dark)").matches)
    color = [18, 18, 18, 1];
  for (let i = layers.length - 1; i >= 0; i--) color = over(layers[i], color);
  return color;
}
function contrast(win, el) {
  const s = win.getComputedStyle(el);
  const fg = over(rgba(s.color), backdrop(win, el));
  const a = luminance(fg), b = luminance(backdrop(win, el));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
function where(el) {
  let s = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "");
  const text = (el.textContent || "").trim().slice(0, 40);
  return s + " \"" + text + "\"";
}
function scrolls(win, el, stop) {
  for (let e = el; e && e !== stop.parentElement; e = e.parentElement)
    if (/auto|scroll/.test(win.getComputedStyle(e).overflowX)) return e;
  return null;
}
/* The source lines of PRE, each with a range per word (spaces may hang past
   the box where a line wraps, as they should). */
function sourceLines(doc, pre) {
  const walker = doc.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  const lines = [];
  let cur = {text: "", words: []}, word = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.data;
    for (let i = 0; i < t.length; i++) {
      const space = t[i] === " " || t[i] === "\t" || t[i] === "\n";
      if (space && word) { word.setEnd(n, i); word = null; }
      if (!space && !word) { word = doc.createRange(); word.setStart(n, i); cur.words.push(word); }
      if (!cur.text && t[i] !== "\n") { cur.head = doc.createRange(); cur.head.setStart(n, i); cur.head.setEnd(n, i + 1); }
      if (t[i] === "\n") { lines.push(cur); cur = {text: "", words: []}; }
      else cur.text += t[i];
    }
    if (word) { word.setEnd(n, t.length); word = null; }
  }
  if (cur.text) lines.push(cur);
  return lines;
}
function measureCode(win, doc, out) {
  const width = doc.documentElement.clientWidth;
  const bodySize = parseFloat(win.getComputedStyle(doc.body).fontSize);
  for (const pre of doc.querySelectorAll("pre")) {
    const box = pre.getBoundingClientRect();
    const textSize = parseFloat(win.getComputedStyle(pre.parentElement).fontSize);
    for (const line of sourceLines(doc, pre)) {
      if (!line.text.trim()) continue;
      out.lines++;
      const rects = line.words.flatMap(w => [...w.getClientRects()]).filter(r => r.width > 0.5);
      if (!rects.length) continue;
      const holder = line.words[0].startContainer.parentElement;
      const size = parseFloat(win.getComputedStyle(holder).fontSize);
      const tops = [...new Set(rects.map(r => Math.round(r.top)))];
      const right = Math.max(...rects.map(r => r.right));
      const name = "line \"" + line.text.trim().slice(0, 50) + "\"";
      if (DIAGRAM.test(line.text)) {
        out.diagramLines++;
        if (tops.length > 1) out.findings.push("diagram wraps: " + name);
        if (right > width + 0.5 && !scrolls(win, holder, pre))
          out.findings.push("diagram runs off the screen without scrolling: " + name);
        continue;
      }
      if (right > Math.min(width, box.right) + 0.5)
        out.findings.push("code runs past its box (" + Math.round(right) + " px of " +
                          Math.round(Math.min(width, box.right)) + "): " + name);
      if (size < 0.75 * textSize)
        out.findings.push("code type " + size.toFixed(1) + " px in " + textSize.toFixed(1) +
                          " px text: " + name);
      if (tops.length > 1) {
        out.wrapped++;
        /* Column 0: where the line's first character (a space, maybe) is. */
        const head = line.head.getBoundingClientRect(), first = head.left, cell = head.width;
        const below = rects.filter(r => r.top > head.top + 1);
        const indent = below.length ? Math.min(...below.map(r => r.left)) : Infinity;
        const own = Math.min(line.text.length - line.text.trimStart().length, 22);
        if (indent < first + cell * (own + 1))
          out.findings.push("wrapped line continues left of its own text: " + name);
        let marked = false;
        for (let e = holder; e && e !== pre.parentElement; e = e.parentElement) {
          const s = win.getComputedStyle(e);
          if (s.backgroundImage !== "none" || parseFloat(s.borderLeftWidth) > 0 && e !== pre) marked = true;
        }
        if (!marked) out.findings.push("wrapped line has no continuation mark: " + name);
      }
    }
  }
  if (doc.documentElement.scrollWidth > width + 1)
    out.findings.push("the page scrolls sideways (" + doc.documentElement.scrollWidth + " px)");
}
function measureColours(win, doc, out) {
  const seen = new Set();
  for (const el of doc.body.querySelectorAll("*")) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim());
    if (!own || el.closest("svg")) continue;
    const s = win.getComputedStyle(el);
    if (s.display === "none" || s.visibility === "hidden") continue;
    const c = contrast(win, el);
    const key = el.tagName + "." + el.className + " " + s.color + " " + s.backgroundColor;
    if (c < 4.5 && !seen.has(key)) {
      seen.add(key);
      out.findings.push("contrast " + c.toFixed(2) + " (" + s.color + " on " +
                        backdrop(win, el).slice(0, 3).join(",") + "): " + where(el));
    }
  }
}
function measureCards(win, doc, out) {
  for (const card of doc.querySelectorAll("div.card")) {
    const answer = card.querySelector(".answer"), why = card.querySelector(".why");
    if (!answer || !why) continue;
    const a = answer.getBoundingClientRect(), w = why.getBoundingClientRect();
    if (a.height > SCREEN_HEIGHT && w.top > a.top)
      out.findings.push("the why line is below a " + Math.round(a.height) + " px answer: " +
                        where(card.querySelector(".question")));
  }
}
/* Tables and images fit the screen (a table scrolls only when it must), and
   Korean, which is set with spaces between words, breaks at them only. */
function measureFit(win, doc, out) {
  const width = doc.documentElement.clientWidth;
  for (const table of doc.querySelectorAll("table")) {
    const r = table.getBoundingClientRect();
    if (r.right > width + 0.5 || table.scrollWidth > table.clientWidth + 1)
      out.findings.push("a table runs past the screen (" + Math.max(Math.round(r.right), table.scrollWidth) +
                        " px of " + width + "): " + where(table.querySelector("td") || table));
  }
  for (const img of doc.querySelectorAll("img")) {
    const r = img.getBoundingClientRect();
    if (r.height > SCREEN_HEIGHT + 0.5)
      out.findings.push("an image is taller than the screen (" + Math.round(r.height) + " px): img \"" + img.alt + "\"");
  }
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const holder = n.parentElement;
    if (!holder || !holder.matches(":lang(ko)") || holder.closest("pre")) continue;
    const word = /[\uac00-\ud7a3]+/g; /* a run of Hangul syllables */
    for (let m = word.exec(n.data); m; m = word.exec(n.data)) {
      const range = doc.createRange();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0.5).map(r => Math.round(r.top)));
      if (tops.size > 1) out.findings.push("a Korean word breaks across lines: \"" + m[0] + "\"");
    }
  }
}
async function measure() {
  const results = [];
  for (const frame of document.querySelectorAll("iframe")) {
    const win = frame.contentWindow, doc = frame.contentDocument;
    if (frame.dataset.reader) {
      const style = doc.createElement("style");
      style.textContent = frame.dataset.reader;
      doc.head.prepend(style);
    }
    await doc.fonts.ready;
    const out = {frame: frame.dataset.name, findings: [], lines: 0, wrapped: 0, diagramLines: 0};
    measureCode(win, doc, out);
    measureColours(win, doc, out);
    measureCards(win, doc, out);
    measureFit(win, doc, out);
    results.push(out);
  }
  const pre = document.getElementById("results");
  pre.textContent = JSON.stringify(results);
}
window.addEventListener("load", () => measure().catch(e => {
  document.getElementById("results").textContent = JSON.stringify([{frame: "script",
    findings: ["the measuring script failed: " + e], lines: 0, wrapped: 0, diagramLines: 0}]);
}));
""".replace("SCREEN_HEIGHT", str(SCREEN_HEIGHT))


def book_document(book, folder):
    """Every chapter of BOOK in one XHTML document under FOLDER/OEBPS."""
    with zipfile.ZipFile(book) as z:
        z.extractall(folder)
    opf = ET.parse(os.path.join(folder, "OEBPS/content.opf")).getroot()
    ns = "{http://www.idpf.org/2007/opf}"
    items = {i.get("id"): i.get("href") for i in opf.iter(ns + "item")}
    chapters = [items[r.get("idref")] for r in opf.iter(ns + "itemref")]
    chapters = [c for c in chapters if c.startswith("section-")]
    ET.register_namespace("", XHTML[1:-1])
    ET.register_namespace("epub", "http://www.idpf.org/2007/ops")
    first = ET.parse(os.path.join(folder, "OEBPS", chapters[0]))
    body = first.getroot().find(XHTML + "body")
    for chapter in chapters[1:]:
        for child in ET.parse(os.path.join(folder, "OEBPS", chapter)).getroot().find(XHTML + "body"):
            body.append(child)
    path = os.path.join(folder, "OEBPS", "all-chapters.xhtml")
    first.write(path, encoding="utf-8", xml_declaration=True)
    return path


def fill_template(template, fields):
    """Anki's back template with the note's fields: {{#F}}..{{/F}} kept when F is set."""
    def section(m):
        return m.group(2) if fields.get(m.group(1), "").strip() else ""
    text = re.sub(r"(?s)\{\{#(\w+)\}\}(.*?)\{\{/\1\}\}", section, template)
    return re.sub(r"\{\{(\w+)\}\}", lambda m: fields.get(m.group(1), ""), text)


def deck_document(deck, folder, theme):
    """Every card of DECK as its back shows it, in one HTML page under FOLDER."""
    os.makedirs(folder, exist_ok=True)
    with zipfile.ZipFile(deck) as z:
        media = json.loads(z.read("media"))
        for number, name in media.items():
            with open(os.path.join(folder, name), "wb") as f:
                f.write(z.read(number))
        with open(os.path.join(folder, "collection.anki2"), "wb") as f:
            f.write(z.read("collection.anki2"))
    db = sqlite3.connect(os.path.join(folder, "collection.anki2"))
    model = json.loads(db.execute("select models from col").fetchone()[0])
    model = next(iter(model.values()))
    names = [f["name"] for f in model["flds"]]
    back = model["tmpls"][0]["afmt"]
    night = " nightMode night_mode" if theme == "night" else ""
    cards = []
    for (flds,) in db.execute("select flds from notes order by id"):
        fields = dict(zip(names, flds.split("\x1f")))
        fields["FrontSide"] = ""
        cards.append('<div class="card card1%s">%s</div>' % (night, fill_template(back, fields)))
    db.close()
    path = os.path.join(folder, "cards.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"/><style>%s</style></head>'
                '<body class="card">%s</body></html>' % (model["css"], "\n".join(cards)))
    return path


def page(out, theme, *inputs):
    folder = os.path.dirname(os.path.abspath(out))
    frames = []
    for n in range(0, len(inputs), 2):
        kind, path = inputs[n], inputs[n + 1]
        name = "%s-%d" % (kind, n // 2)
        where = os.path.join(folder, name)
        # By day every output at both widths; at night (the layout is the
        # same, the colours are not) a book with the reader's dark theme on
        # a phone and with the dark canvas alone on a desktop, a deck on a phone.
        if kind == "epub":
            doc = book_document(path, where)
            views = [(PHONE, ""), (DESKTOP, "")] if theme == "day" else \
                [(PHONE, READER_DARK), (DESKTOP, "")]
        else:
            doc = deck_document(path, where, theme)
            views = [(PHONE, ""), (DESKTOP, "")] if theme == "day" else [(PHONE, "")]
        for width, reader in views:
            label = "%s %s %d px %s%s" % (kind, os.path.basename(path), width, theme,
                                         " reader-dark" if reader else "")
            frames.append('<iframe data-name="%s" data-reader="%s" src="%s" width="%d" '
                          'height="%d"></iframe>' % (html.escape(label), html.escape(reader),
                                                     os.path.relpath(doc, folder), width,
                                                     SCREEN_HEIGHT))
    with open(out, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"/><script>%s</script></head>'
                '<body>%s<pre id="results">not measured</pre></body></html>' %
                (MEASURE, "\n".join(frames)))


def check(dump):
    text = open(dump, encoding="utf-8").read()
    m = re.search(r'(?s)<pre id="results">(.*?)</pre>', text)
    try:
        results = json.loads(html.unescape(m.group(1))) if m else None
    except ValueError:
        results = None
    if not results:
        print("FAIL the page was not measured")
        return 1
    lines = wrapped = 0
    for frame in results:
        lines += frame["lines"]
        wrapped += frame["wrapped"]
        kinds = {}
        for finding in frame["findings"]:
            kinds.setdefault(re.sub(r"[\d.]+", "N", finding.split(":")[0]), []).append(finding)
        for found in kinds.values():
            more = " (and %d more)" % (len(found) - 1) if len(found) > 1 else ""
            print("FAIL %s: %s%s" % (frame["frame"], found[0], more))
    print("checked %d frames, %d code lines, %d wrapped" % (len(results), lines, wrapped))
    return 0


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    sys.exit({"page": page, "check": check}[command](*args) or 0)
