"""``edition proof SRC --pages 2-5``: pages of an edition as PNG pictures, to look at.

The edition is built as the print PDF (in a temporary folder: the proof writes only its
pictures) and the chosen pages are rendered by pdftoppm (poppler, installed by
scripts/setup-system.sh) into ``-o DIR`` (default ``build/<source folder>-proof/``), one
``page-NN.png`` per page.  The pictures are what ``tests/reference`` compares, at the
resolution asked for (``--dpi``, default 60: a page at a glance; 150 to read a foot).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from typing import Optional

from .diagnostics import EditionError, Reporter


def page_range(text: str) -> tuple[int, Optional[int]]:
    """``--pages``: "3", "2-5", "4-" (to the end), 1-based.

    >>> page_range("2-5"), page_range("3"), page_range("4-")
    ((2, 5), (3, 3), (4, None))
    >>> page_range("5-2")
    Traceback (most recent call last):
    ...
    ValueError: pages '5-2': the first page comes after the last
    """
    m = re.fullmatch(r"\s*(\d+)\s*(?:([-–])\s*(\d*)\s*)?", text or "")
    if not m or int(m[1]) < 1:
        raise ValueError(f"pages {text!r}: write a page or a range such as 2-5 (pages count from 1)")
    first = int(m[1])
    last = first if not m[2] else (int(m[3]) if m[3] else None)
    if last is not None and last < first:
        raise ValueError(f"pages {text!r}: the first page comes after the last")
    return first, last


def proof(source: str, folder: str, pages: tuple[int, Optional[int]] = (1, None), dpi: int = 60,
          reporter: Optional[Reporter] = None) -> list[str]:
    """Build ``source`` and write its ``pages`` as PNG files into ``folder``; their paths."""
    from .core import build_pdf

    with tempfile.TemporaryDirectory(prefix="edition-proof-") as tmp:
        pdf = os.path.join(tmp, "proof.pdf")
        result = build_pdf(source, pdf, reporter=reporter)
        first, last = pages
        last = result.pages if last is None else min(last, result.pages)
        if first > result.pages:
            raise ValueError(f"the edition has {result.pages} pages: no page {first}")
        shots = os.path.join(tmp, "shots")
        os.makedirs(shots)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(first), "-l", str(last), "-png", pdf, os.path.join(shots, "p")], check=True)
        os.makedirs(folder, exist_ok=True)
        out = []
        for name in sorted(os.listdir(shots)):
            n = int(re.search(r"(\d+)\.png$", name)[1])
            target = os.path.join(folder, f"page-{n:02d}.png")
            shutil.move(os.path.join(shots, name), target)
            out.append(target)
        return out


def add_parser(sub, common) -> None:
    p = sub.add_parser("proof", help="render pages of an edition as PNG pictures (e.g. --pages 2-5)")
    p.add_argument("source", help="the edition source (edition.yaml)")
    p.add_argument("--pages", default="1-", help="a page or a range: 3, 2-5, 4- (default: all)")
    p.add_argument("-o", "--output", help="the folder of the pictures (default: build/<source folder>-proof/)")
    p.add_argument("--dpi", type=int, default=60, help="resolution (default 60)")
    common(p)
    p.set_defaults(run=run)


def run(args, out) -> int:
    try:
        pages = page_range(args.pages)
    except ValueError as exc:
        print(f"edition proof: {exc}", file=out.stream)
        return 2
    if not 10 <= args.dpi <= 600:
        print(f"edition proof: --dpi {args.dpi}: between 10 and 600", file=out.stream)
        return 2
    folder = args.output or os.path.join("build", (os.path.basename(os.path.dirname(os.path.abspath(args.source))) or "edition") + "-proof")
    reporter = Reporter()
    try:
        files = proof(args.source, folder, pages, args.dpi, reporter)
    except EditionError:
        out.diagnostics(reporter.sorted())
        print(f"{len(reporter.errors)} error(s) in the source; nothing was written", file=out.stream)
        return 1
    except ValueError as exc:
        print(f"edition proof: {exc}", file=out.stream)
        return 2
    out.diagnostics([d for d in reporter.sorted() if d.level == "warning"])
    for f in files:
        print(f)
    return 0
