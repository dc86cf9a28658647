#!/usr/bin/env python3
"""pdf-tags.py: checks the tagging of a PDF through qpdf's JSON.

usage: pdf-tags.py FILE.pdf [ROLES-OUT]

Every page's content stream is read operator by operator:
  - every text object (BT ... ET) lies inside one marked-content sequence,
    which it neither opens nor closes, and every text-showing operator and
    image (Do) is inside one too;
  - each sequence is an Artifact or carries an MCID, no MCID twice on a page;
  - sequences are balanced on every page.
The structure tree is walked from the catalog's StructTreeRoot:
  - MarkInfo /Marked true, a /Lang, ViewerPreferences /DisplayDocTitle true;
  - every element's /P is the element holding it;
  - every MCID drawn is referenced by exactly one element, and every
    referenced MCID is drawn; the ParentTree maps each back to its element;
  - every link annotation is an OBJR of exactly one element, with a
    /StructParent the ParentTree maps back to it;
  - every Figure has /Alt.
Prints one line (the counts of each role), written to ROLES-OUT too when
given, and exits 1 with a list of what failed."""
import base64
import json
import re
import subprocess
import sys

errors = []


def fail(msg):
    if len(errors) < 40:
        errors.append(msg)


def load(path):
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path, "-"],
        check=True, capture_output=True).stdout
    doc = json.loads(out)
    objects = {}
    for key, val in doc["qpdf"][1].items():
        if key.startswith("obj:"):
            objects[key[4:]] = val
    return doc, objects


def value(objects, ref):
    """The object REF ('N G R') stands for, or REF itself when direct."""
    if isinstance(ref, str) and re.fullmatch(r"\d+ \d+ R", ref):
        o = objects.get(ref)
        if o is None:
            return None
        if "stream" in o:
            return o["stream"]["dict"]
        return o.get("value")
    return ref


def stream_data(objects, ref):
    o = objects.get(ref)
    if not o or "stream" not in o:
        return b""
    data = o["stream"].get("data")
    return base64.b64decode(data) if data else b""


# ---- content streams --------------------------------------------------------

# One pattern for every token of a content stream. The literal strings
# guide2pdf writes escape their parentheses, so none nests.
TOKEN = re.compile(rb"""
    (?P<space>[ \t\r\n\f\0]+) | (?P<comment>%[^\r\n]*)
  | (?P<str>\((?:[^\\)]|\\.)*\)) | (?P<open><<) | (?P<close>>>)
  | (?P<hex><[0-9A-Fa-f \t\r\n]*>) | (?P<array>[\[\]])
  | /(?P<name>[^ \t\r\n\f\0()<>\[\]{}/%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?![^ \t\r\n\f\0()<>\[\]{}/%])
  | (?P<op>[^ \t\r\n\f\0()<>\[\]{}/%]+) | (?P<other>.)
""", re.S | re.X)


def tokens(data):
    for m in TOKEN.finditer(data):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        if kind in ("str", "hex"):
            yield ("str", None)
        elif kind == "open":
            yield ("<<", None)
        elif kind == "close":
            yield (">>", None)
        elif kind == "array":
            yield (m.group(0).decode(), None)
        elif kind == "name":
            yield ("name", m.group("name").decode("latin-1"))
        elif kind == "num":
            yield ("num", m.group("num").decode())
        elif kind == "op":
            yield ("op", m.group("op").decode("latin-1"))


SHOW = {"Tj", "TJ", "'", '"'}


def check_page(number, data):
    """The MCIDs the page draws, after checking its operators."""
    stack, operands, mcids = [], [], set()
    text_at = None  # the marked-content depth a text object began at
    for kind, val in tokens(data):
        if kind != "op":
            operands.append((kind, val))
            continue
        op = val
        where = f"page {number}"
        if op == "BDC":
            tag = next((v for k, v in operands if k == "name"), None)
            mcid = None
            for a, b in zip(operands, operands[1:]):
                if a == ("name", "MCID") and b[0] == "num":
                    mcid = int(b[1])
            if text_at is not None:
                fail(f"{where}: BDC inside a text object")
            if tag != "Artifact":
                if mcid is None:
                    fail(f"{where}: /{tag} BDC without an MCID")
                elif mcid in mcids:
                    fail(f"{where}: MCID {mcid} twice")
                else:
                    mcids.add(mcid)
            stack.append((tag, mcid))
        elif op == "BMC":
            tag = next((v for k, v in operands if k == "name"), None)
            if tag != "Artifact":
                fail(f"{where}: /{tag} BMC: a sequence that is neither an artifact nor has an MCID")
            if text_at is not None:
                fail(f"{where}: BMC inside a text object")
            stack.append((tag, None))
        elif op == "EMC":
            if not stack:
                fail(f"{where}: EMC with no sequence open")
            elif text_at is not None and len(stack) <= text_at:
                fail(f"{where}: EMC ends a sequence inside its text object")
                stack.pop()
            else:
                stack.pop()
        elif op == "BT":
            if not stack:
                fail(f"{where}: a text object outside any marked-content sequence")
            text_at = len(stack)
        elif op == "ET":
            text_at = None
        elif op in SHOW or op == "Do":
            if not stack:
                fail(f"{where}: {op} outside any marked-content sequence")
        operands = []
    if stack:
        fail(f"page {number}: {len(stack)} sequence(s) still open at the end of the page")
    return mcids


# ---- the structure tree -----------------------------------------------------

def number_tree(objects, node, out):
    node = value(objects, node) or {}
    nums = node.get("/Nums", [])
    for k, v in zip(nums[0::2], nums[1::2]):
        out[k] = v
    for kid in node.get("/Kids", []):
        number_tree(objects, kid, out)


def main():
    path = sys.argv[1]
    doc, objects = load(path)
    pages = [p["object"] for p in doc["pages"]]
    page_index = {ref: i for i, ref in enumerate(pages)}
    drawn = {}
    for i, ref in enumerate(pages):
        page = value(objects, ref)
        contents = page.get("/Contents", [])
        if isinstance(contents, str):
            contents = [contents]
        data = b"\n".join(stream_data(objects, c) for c in contents)
        drawn[i] = check_page(i + 1, data)

    catalog = value(objects, doc["qpdf"][1]["trailer"]["value"]["/Root"])
    if not (catalog.get("/MarkInfo") or {}).get("/Marked"):
        fail("catalog: no /MarkInfo /Marked true")
    if not catalog.get("/Lang"):
        fail("catalog: no /Lang")
    prefs = value(objects, catalog.get("/ViewerPreferences")) or {}
    if prefs.get("/DisplayDocTitle") is not True:
        fail("catalog: no /ViewerPreferences /DisplayDocTitle true")
    root_ref = catalog.get("/StructTreeRoot")
    root = value(objects, root_ref)
    if not root:
        fail("catalog: no /StructTreeRoot")
        return report(path, {})
    parents = {}
    number_tree(objects, root.get("/ParentTree"), parents)

    referenced = {}  # (page, mcid) -> element ref
    annots_of = {}   # annotation ref -> element ref
    roles = {}
    seen = set()

    def walk(ref, parent_ref, depth):
        if depth > 200:
            fail("structure tree deeper than 200")
            return
        if ref in seen:
            fail(f"element {ref} reached twice")
            return
        seen.add(ref)
        elem = value(objects, ref)
        if not isinstance(elem, dict) or "/S" not in elem:
            fail(f"{ref}: not a structure element")
            return
        role = elem["/S"].lstrip("/")
        roles[role] = roles.get(role, 0) + 1
        if elem.get("/P") != parent_ref:
            fail(f"{ref} (/{role}): /P is {elem.get('/P')}, not {parent_ref}")
        if role == "Figure" and not elem.get("/Alt"):
            fail(f"{ref}: a Figure without /Alt")
        pg = elem.get("/Pg")
        kids = elem.get("/K", [])
        if not isinstance(kids, list):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int):
                if pg not in page_index:
                    fail(f"{ref}: MCID {kid} with no /Pg")
                    continue
                key = (page_index[pg], kid)
            elif isinstance(kid, dict) and kid.get("/Type") == "/MCR":
                key = (page_index.get(kid.get("/Pg"), -1), kid.get("/MCID"))
            elif isinstance(kid, dict) and kid.get("/Type") == "/OBJR":
                obj = kid.get("/Obj")
                if obj in annots_of:
                    fail(f"annotation {obj} in two elements")
                annots_of[obj] = ref
                continue
            elif isinstance(kid, str):
                walk(kid, ref, depth + 1)
                continue
            else:
                fail(f"{ref}: a kid of no known kind: {kid!r}")
                continue
            if key in referenced:
                fail(f"MCID {key[1]} of page {key[0] + 1} referenced twice")
            referenced[key] = ref

    kids = root.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        walk(kid, root_ref, 0)

    referenced_on = {}
    for (p, m) in referenced:
        referenced_on.setdefault(p, []).append(m)
    for i, mcids in drawn.items():
        page = value(objects, pages[i])
        array = None
        if mcids:
            if "/StructParents" not in page:
                fail(f"page {i + 1}: MCIDs but no /StructParents")
            else:
                array = value(objects, parents.get(page["/StructParents"]))
        for m in mcids:
            owner = referenced.get((i, m))
            if owner is None:
                fail(f"page {i + 1}: MCID {m} is in no element")
            elif not isinstance(array, list) or m >= len(array) or array[m] != owner:
                fail(f"page {i + 1}: the ParentTree does not map MCID {m} to {owner}")
        for m in referenced_on.get(i, ()):
            if m not in mcids:
                fail(f"page {i + 1}: MCID {m} is referenced but not drawn")
        for a in page.get("/Annots", []) or []:
            annot = value(objects, a)
            if (annot or {}).get("/Subtype") != "/Link":
                continue
            owner = annots_of.get(a)
            if owner is None:
                fail(f"page {i + 1}: link annotation {a} is in no element")
            elif parents.get(annot.get("/StructParent")) != owner:
                fail(f"page {i + 1}: link {a}: its /StructParent does not map to {owner}")
    return report(path, roles, sum(len(m) for m in drawn.values()), len(pages))


def report(path, roles, mcids=0, pages=0):
    line = " ".join(f"{k}={roles[k]}" for k in sorted(roles))
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as out:
            out.write(line + "\n")
    if errors:
        print(f"{path}: tagging is wrong:")
        for e in errors:
            print("  " + e)
        return 1
    print(f"{path}: {mcids} MCIDs on {pages} pages; roles {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
