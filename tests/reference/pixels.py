"""Reference pictures of the sample's pages: what a refactoring must not change.

Each page of the sample's PDF, in the three apparatus modes (letters at the foot, lines at
the foot, critical endnotes) and in the two print themes (journal, book), is rendered by pdftoppm at 100 dpi and kept as the SHA-256 of
its pixels (``pixels.json`` beside this file: a few hundred bytes instead of 30 pictures).
Two PDFs whose pages hash alike print alike, pixel for pixel, whatever their bytes (font
subsets, object order).  When a test finds a page that differs it writes both renderings to
its temporary folder, so the change can be looked at.  The tolerance is nil: a page passes
when every pixel at 100 dpi is the same (a layout change, even of a point, is seen and
approved by making the references again).

The references were made from the code *before* a change that must not move a pixel
(the architecture work of issue 14, from commit 78369c8).  A change meant to alter the
layout (typography, a theme) makes them again, and says so in its commit:

    .venv/bin/python -m tests.reference.pixels      # rebuilds the three PDFs, rewrites pixels.json
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "pixels.json")
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLE_DIR = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm")
DPI = 100

MODES = {
    "marker": "apparatus: marker",
    "line": "apparatus: line",
    "endnotes": "apparatus: line\n  apparatus-place: end",
    # the two print themes (issue 19), their trim size theirs (no page-size); the book with
    # margin numbers outside and the 'suspect' entries in a second apparatus series.  Checked
    # by tests/layout/test_themes_print.py, which builds them for its own tests too.
    "journal": "apparatus: marker\n  theme: journal",
    "book": "apparatus: line\n  line-numbers: {side: outer}\n  theme: book",
}
THEMED = ("journal", "book")
# what a mode changes in the text of the source besides its settings
EDITS = {"book": (("type=suspect", "type=suspect series=B"),)}


def sample_in_mode(folder: str, mode: str) -> str:
    """A copy of the sample in ``folder`` whose settings choose ``mode``; its source path."""
    shutil.copytree(SAMPLE_DIR, folder)
    src = os.path.join(folder, "edition.yaml")
    with open(src, encoding="utf-8") as fh:
        text = fh.read()
    assert "apparatus: marker" in text, "the sample's settings no longer say 'apparatus: marker'"
    text = text.replace("apparatus: marker", MODES[mode])
    if mode in THEMED:
        text = text.replace("  page-size: A4\n", "")
    for old, new in EDITS.get(mode, ()):
        text = text.replace(old, new)
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(text)
    return src


def render_pages(pdf: str, folder: str) -> list[str]:
    """The PDF's pages as PPM files (pdftoppm, DPI), in page order."""
    os.makedirs(folder, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), pdf, os.path.join(folder, "page")], check=True)
    return sorted(glob.glob(os.path.join(folder, "page-*.ppm")))


def page_digests(pdf: str, folder: str) -> list[str]:
    """SHA-256 of each page's pixels (the PPM files stay in ``folder``)."""
    out = []
    for path in render_pages(pdf, folder):
        with open(path, "rb") as fh:
            out.append(hashlib.sha256(fh.read()).hexdigest())
    return out


def load_reference() -> dict[str, list[str]]:
    with open(REFERENCE, encoding="utf-8") as fh:
        return json.load(fh)["pages"]


def main() -> int:  # pragma: no cover - run by hand
    from edition.core import build_pdf

    pages = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in MODES:
            src = sample_in_mode(os.path.join(tmp, mode), mode)
            out = os.path.join(tmp, mode + ".pdf")
            build_pdf(src, out)
            pages[mode] = page_digests(out, os.path.join(tmp, mode + "-pages"))
            print(f"{mode}: {len(pages[mode])} pages", file=sys.stderr)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    with open(REFERENCE, "w", encoding="utf-8") as fh:
        json.dump({"made_from": commit, "dpi": DPI, "pages": pages}, fh, indent=1)
        fh.write("\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
