"""Pages filled to their foot (issue 19): the gap checker (tests/layout/gaps.py) on pages
made to show a band or an explained one, and on a 15-page bench edition.  The sample in its
three apparatus modes and the two print themes are checked where they are built
(test_layout_passes.py, test_themes_print.py)."""

from __future__ import annotations

import os
import sys

import pytest

from edition import engine
from edition.model import Edition
from edition.writers.html import HTMLWriter

from ..conftest import ROOT
from .gaps import assert_filled, bands, page_gaps

LINE = "Mustafa Kemal Paşa Samsun’a geldiğinde İngiliz işgali altındaki bölgenin durumunu inceledi. "


def two_pages(tmp_path, lines: int, next_page: str) -> str:
    """A PDF of two A4 pages in the default theme: ``lines`` of text and a note on the first,
    then a forced page break and ``next_page`` (HTML) with a note of its own."""
    note = '<span class="fl"><span class="footnote">{n}. Kazım Karabekir, İstiklal Harbimiz, İstanbul, 1988, s. 12.</span></span>'
    body = (f'<p>{LINE * (lines * 10 // 9)}{note.format(n=1)}</p>'
            f'<div style="break-before: page">{next_page.format(note=note.format(n=2))}</div>')
    css = HTMLWriter(Edition()).stylesheet()
    html = f'<html lang="tr"><head><style>@page {{ size: A4 }} {css}</style></head><body><main class="text">{body}</main></body></html>'
    out = str(tmp_path / "two.pdf")
    with open(out, "wb") as fh:
        fh.write(engine.write_plain_pdf(engine.render(html)))
    return out


def test_white_above_a_foot_is_a_band(tmp_path):
    """A page broken early, with plain text after it, is a band (the checker can fail)."""
    pdf = two_pages(tmp_path, 8, f"<p>{LINE * 30}{{note}}</p>")
    gaps = page_gaps(pdf)
    assert gaps[0].lines > 20 and bands(gaps) == [gaps[0]], gaps
    with pytest.raises(AssertionError, match="p. 1"):
        assert_filled(pdf)


def test_the_end_of_the_text_is_no_band(tmp_path):
    pdf = two_pages(tmp_path, 30, "<p>{note}</p>" + "")
    gaps = page_gaps(pdf)
    assert not bands(gaps), gaps


# ---------------------------------------------------------------- a bench edition
@pytest.fixture(scope="module")
def bench15(tmp_path_factory):
    from edition.core import build_pdf

    sys.path.insert(0, os.path.join(ROOT, "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(os.path.join(ROOT, "bench"))
    folder = tmp_path_factory.mktemp("bench15")
    info = generate(15, str(folder))
    out = str(folder / "bench.pdf")
    build_pdf(info["source"], out)
    return out


def test_a_bench_edition_is_filled_to_its_foot(bench15):
    """(Before notes split across pages: p. 6 kept 5.1 lines of white, note 17 a page on.)"""
    assert_filled(bench15, None, "bench N=15")
