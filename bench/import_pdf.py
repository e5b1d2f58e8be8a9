"""Which PDF text layer for ``edition import x.pdf``: pdfminer.six or ``pdftotext -bbox-layout``?

    python bench/import_pdf.py [--repeat 3]

For every PDF of the import corpus (tests/data/import/corpus/) it prints the time to get the
positioned text from each (best of ``--repeat``), and what each gives that the importer
needs: font names (italic, bold, small capitals), sizes, baselines (superscript rise).

* pdfminer.six (``laparams=None``: glyphs only, no layout analysis) -- every glyph with its
  font name, size and text matrix (the baseline);
* ``pdftotext -bbox-layout`` (poppler) -- blocks, lines and words with their boxes, parsed
  with ElementTree; no font names, so no italics, bold or small capitals, and no baseline
  (the box of a raised digit is merged into its word when it touches it).

Then the whole import (glyphs -> draft YAML) for comparison.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
CORPUS = os.path.join(ROOT, "tests", "data", "import", "corpus")


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def poppler(path: str) -> int:
    out = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], check=True, capture_output=True).stdout
    root = ET.fromstring(out)
    return sum(1 for el in root.iter() if el.tag.endswith("word"))


def pdfminer(path: str) -> int:
    from edition.readers.pdfimport_page import _glyph_pages

    return sum(len(g) for _w, _h, g, _r in _glyph_pages(path, 400)[0])


def whole(path: str) -> None:
    from edition.readers.pdfimport import import_pdf

    import_pdf(path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    print("| document | pages | pdftotext -bbox-layout (words) | pdfminer.six (glyphs) | whole import |")
    print("|---|---|---|---|---|")
    totals = [0.0, 0.0, 0.0]
    for name in sorted(f for f in os.listdir(CORPUS) if f.endswith(".pdf")):
        path = os.path.join(CORPUS, name)
        pages = next((int(l.split()[-1]) for l in subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout.splitlines() if l.startswith("Pages:")), 0)
        words = poppler(path)
        glyphs = pdfminer(path)
        a, b, c = best(lambda: poppler(path), args.repeat), best(lambda: pdfminer(path), args.repeat), best(lambda: whole(path), args.repeat)
        totals = [totals[0] + a, totals[1] + b, totals[2] + c]
        print(f"| {name} | {pages} | {a * 1000:.0f} ms ({words}) | {b * 1000:.0f} ms ({glyphs}) | {c * 1000:.0f} ms |")
    print(f"| **all** | | {totals[0] * 1000:.0f} ms | {totals[1] * 1000:.0f} ms | {totals[2] * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
