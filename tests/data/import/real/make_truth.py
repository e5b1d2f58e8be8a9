"""Write the truth (``NAME.truth.json``) of each published article in this folder.

How the truth is made (not by the importer): the regions of every page that hold the body,
the notes, the title and the headings were chosen by hand from the page images
(``pdftoppm -r 60``) and are listed in ``REGIONS`` below, in pdfplumber's coordinates
(points from the top of the page).  Inside a region the glyphs are read with pdfplumber,
line by line; glyphs clearly smaller than the region's type and raised above its baseline are
note markers (body) or note numbers (notes).  A word broken at a line end is joined unless
it is listed in ``KEEP_HYPHEN`` (a hyphen that belongs to the word, checked on the page
image).  The output was then compared by hand with the page images: every marker, the word
it follows, the start of every note (``python make_truth.py --show NAME``).

``python tests/data/import/real/make_truth.py`` rewrites every truth file.
"""

from __future__ import annotations

import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# per document: language, title region, and per page (1-based, of the file here) regions:
# ("body"|"notes"|"heading", top, bottom).  Anything outside a region is not in the truth
# (running heads, folios, the download notice, bylines and their * notes, a table of contents).
REGIONS = {
    "ruz-de-steinhauer": {
        "language": "de",
        "title": (1, 180, 205),
        "pages": {
            1: [("heading", 222, 232), ("body", 240, 510), ("notes", 552, 582)],
            2: [("body", 60, 290), ("notes", 325, 582)],
            3: [("body", 60, 195), ("heading", 210, 222), ("body", 230, 460), ("notes", 485, 582)],
            4: [("heading", 60, 72), ("body", 85, 445), ("notes", 485, 582)],
        },
    },
    "alj-en-weber": {
        "language": "en",
        "title": (1, 220, 258),
        "pages": {
            1: [("body", 320, 520)],
            2: [("heading", 80, 94), ("body", 100, 290), ("notes", 312, 792)],
            3: [("body", 80, 135), ("heading", 205, 218), ("body", 225, 482), ("notes", 556, 792)],
            4: [("body", 80, 630), ("notes", 655, 792)],
        },
    },
    "lefou-de-kaszner": {
        "language": "de",
        "title": None,  # on the cover page, not kept
        "pages": {
            1: [("body", 90, 550), ("notes", 612, 792)],
            2: [("body", 90, 410), ("heading", 435, 450), ("body", 470, 668), ("notes", 690, 792)],
            3: [("body", 90, 700), ("notes", 724, 792)],
        },
    },
    "alj-de-pacic": {
        "language": "de",
        "title": (1, 215, 226),
        "first_note": 2,  # note 1 is the byline's
        "pages": {
            1: [("body", 350, 500), ("body", 540, 570)],
            2: [("heading", 80, 92), ("body", 130, 340), ("heading", 378, 390), ("body", 430, 580), ("notes", 615, 775)],
            3: [("body", 78, 355), ("notes", 408, 775)],
        },
    },
    "gerhis-en-grashoff": {
        "language": "en",
        "title": (1, 70, 95),
        "xmax": 410,  # right of it: the publisher's download notice, printed upright letter by letter
        "pages": {
            1: [("body", 145, 511), ("notes", 515, 606)],
            2: [("body", 55, 425), ("notes", 435, 606)],
            3: [("body", 55, 152), ("heading", 153, 160), ("body", 175, 450), ("notes", 455, 606)],
        },
    },
    "lefou-fr-stival": {
        "language": "fr",
        "title": None,  # on the first page of the article, not kept (the English abstract's page)
        "pages": {
            1: [("heading", 140, 158), ("body", 160, 625), ("notes", 640, 700)],
            2: [("body", 140, 605), ("notes", 628, 700)],
            3: [("body", 140, 262), ("heading", 272, 290), ("body", 290, 650), ("notes", 664, 705)],
        },
    },
    "olh-en-baker": {
        "language": "en",
        "title": (1, 175, 210),
        "pages": {
            1: [("body", 280, 516)],
            2: [("body", 145, 610), ("notes", 628, 712)],
            3: [("body", 145, 590), ("notes", 612, 712)],
            4: [("body", 145, 606), ("notes", 630, 712)],
        },
    },
}

# words broken at a line end whose hyphen is part of the word (seen on the page image)
KEEP_HYPHEN = {
    "ruz-de-steinhauer": {"Humboldt-Universität", "LT-Drs", "Baden-Württemberg", "Sachsen-Anhalt",
                          "Nordrhein-Westfalen", "Schulze-Schulze"},
    "alj-en-weber": {"climate-case", "much-discussed"},
    "olh-en-baker": set(),
    "alj-de-pacic": {"planmäßig-rationales"},
    "gerhis-en-grashoff": set(),
    "lefou-fr-stival": set(),
    "lefou-de-kaszner": {"nicht-intentionalen", "Disziplinarmacht-Analysen", "Nicht-Notwendigen"},
}

HYPHENS = "-\u2010\u2011\u00ad"
JOINS: list[str] = []  # the words joined at line ends (printed by --show, to check them)


def _lines(page, top: float, bottom: float, xmax: float = 1e9):
    """Lines of glyphs between ``top`` and ``bottom``: (main glyphs, raised small glyphs)."""
    chars = [c for c in page.chars if top <= c["bottom"] <= bottom + 0.5 and c["x1"] <= xmax]
    if not any(c["text"].strip() for c in chars):
        return []
    size = statistics.median(c["size"] for c in chars if c["text"].strip())
    main = sorted((c for c in chars if c["size"] >= 0.8 * size), key=lambda c: c["bottom"])
    rows: list[list[dict]] = []
    for c in main:
        if rows and abs(rows[-1][-1]["bottom"] - c["bottom"]) <= 0.3 * c["size"]:
            rows[-1].append(c)
        else:
            rows.append([c])
    small = [c for c in chars if c["size"] < 0.8 * size]
    out = []
    for row in rows:
        base = statistics.median(c["bottom"] for c in row)
        out.append([row, base])
    for c in small:  # a small glyph belongs to the line whose baseline is just below it
        below = [l for l in out if 0 <= l[1] - c["bottom"] <= 1.0 * size]
        host = min(below, key=lambda l: l[1] - c["bottom"]) if below else min(out, key=lambda l: abs(l[1] - c["bottom"]))
        host[0].append(dict(c, sup=True))
    return [sorted(r, key=lambda c: c["x0"]) for r, _b in out]


def _words(row) -> list[tuple[str, bool]]:
    """(word, is a marker/number) pieces of a line, in order."""
    pieces: list[list] = []
    prev = None
    row = [c for k, c in enumerate(row) if c["text"] != "\u00ad" or k == len(row) - 1]  # a soft hyphen inside a line prints nothing
    for c in row:
        if not c["text"].strip() and prev is not None and abs(c["x0"] - prev["x0"]) < 0.25 * (c["x1"] - c["x0"]):
            continue  # a space glyph drawn where the letter before it starts (InDesign): no word break
        if not c["text"].strip():  # a space glyph: a word break
            if pieces:
                pieces[-1].append(True)
            prev = None
            continue
        sup = bool(c.get("sup"))
        gap = c["x0"] - prev["x1"] if prev is not None else 0
        new = prev is None or gap > 0.15 * min(c["size"], prev["size"]) or sup != bool(prev.get("sup"))
        if new:
            space = prev is None or gap > 0.15 * min(c["size"], prev["size"])
            pieces.append([c["text"], sup, space])
        else:
            pieces[-1][0] += c["text"]
        prev = c
    return [(p[0], p[1], p[2]) for p in pieces]


def _text(rows) -> str:
    return " ".join(" ".join(t for t, sup, _sp in _words(r) if not sup) for r in rows)


def build(name: str) -> dict:
    import pdfplumber

    spec = REGIONS[name]
    keep = KEEP_HYPHEN[name]
    body: list[dict] = []
    notes: list[str] = []
    words: list[str] = []
    note_words: list[str] = []
    marker_count = 0
    started = 0
    title = ""

    def flush_para():
        nonlocal words
        if words:
            body.append({"words": words})
            words = []

    def add(target: list[str], w: str, broken: list[bool]):
        if broken[0] and target:
            joined = target[-1] + w
            keep_it = target[-1].rstrip(HYPHENS) + "-" + w
            bare = keep_it.strip(".,;:()[]„“”‘’\"'")
            url = "/" in keep_it  # a web address keeps its hyphens
            url |= target[-1].rstrip(HYPHENS)[-1:].isdigit() and w[:1].isdigit()  # so does a range of numbers
            target[-1] = keep_it if bare in keep or url else target[-1].rstrip(HYPHENS) + w
            JOINS.append(f"{joined} -> {target[-1]}")
        else:
            target.append(w)
        broken[0] = False

    xmax = spec.get("xmax", 1e9)
    first_note = spec.get("first_note", 1)
    with pdfplumber.open(os.path.join(HERE, name + ".pdf")) as pdf:
        if spec["title"]:
            tp, ttop, tbot = spec["title"]
            title = " ".join(_text(_lines(pdf.pages[tp - 1], ttop, tbot, xmax)).split())
        for pn, regions in sorted(spec["pages"].items()):
            page = pdf.pages[pn - 1]
            for kind, top, bottom in regions:
                rows = _lines(page, top, bottom, xmax)
                if kind == "heading":
                    flush_para()
                    text = _text(rows)
                    body.append({"heading": " ".join(text.split())})
                    continue
                left = min(c["x0"] for r in rows for c in r if c["text"].strip()) if rows else 0
                gaps = [b[0]["bottom"] - a[0]["bottom"] for a, b in zip(rows, rows[1:])]
                spacing = statistics.median(gaps) if gaps else 0
                broken = [False]
                prev_row = None
                for row in rows:
                    pieces = _words(row)
                    if kind == "body":
                        main = [c for c in row if not c.get("sup") and c["text"].strip()]
                        indent = main and main[0]["x0"] - left > 3
                        space = prev_row is not None and row[0]["bottom"] - prev_row[0]["bottom"] > 1.4 * spacing
                        if (indent or space) and not broken[0]:
                            flush_para()
                        after_marker = False
                        for t, sup, space in pieces:
                            if sup and t.isdigit():
                                marker_count += 1
                                words[-1] += f"⟦{marker_count}⟧"
                                after_marker = True
                            elif after_marker and not space and not t[:1].isalnum():
                                words[-1] += t.split()[0]
                                for w in t.split()[1:]:
                                    add(words, w, broken)
                                after_marker = False
                            else:
                                after_marker = False
                                for w in t.split():
                                    add(words, w, broken)
                    else:
                        first = True
                        for t, sup, _space in pieces:
                            num = t.isdigit() and (sup or first) and int(t) == started + first_note
                            if num and first:
                                if note_words:
                                    notes.append(" ".join(note_words))
                                note_words = []
                                started += 1
                                broken[0] = False
                            else:
                                for w in t.split():
                                    add(note_words, w, broken)
                            first = False
                    last = row[-1]["text"]
                    broken[0] = last in HYPHENS and len(row) > 1
                    prev_row = row
                if kind == "body":
                    pass
            # a paragraph may run on to the next page: only a new paragraph flushes
        flush_para()
        if note_words:
            notes.append(" ".join(note_words))
    return {"language": spec["language"], "title": title, "body": body, "notes": notes, "printer": "published"}


def show(name: str) -> None:
    truth = build(name)
    print("title:", truth["title"])
    for item in truth["body"]:
        if "heading" in item:
            print("## ", item["heading"])
            continue
        ws = item["words"]
        print(f"[{len(ws)} words] {' '.join(ws[:6])} … {' '.join(ws[-4:])}")
        for i, w in enumerate(ws):
            if "⟦" in w:
                print("    marker", w, "after:", " ".join(ws[max(0, i - 4):i + 1]))
    for k, n in enumerate(truth["notes"], 1):
        print(f"  note {k}: {n[:70]}…{n[-20:]}")
    print("joined at line ends:", "; ".join(JOINS))
    JOINS.clear()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--show"]:
        for name in argv[1:] or sorted(REGIONS):
            show(name)
        return 0
    for name in argv or sorted(REGIONS):
        truth = build(name)
        with open(os.path.join(HERE, name + ".truth.json"), "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print(name, len(truth["notes"]), "notes", sum(len(b.get("words", [])) for b in truth["body"]), "body words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
