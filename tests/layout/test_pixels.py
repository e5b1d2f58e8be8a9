"""Layout stage: the sample's pages are pixel-identical to the reference pictures
(tests/reference/pixels.py says how they were made and how to make them again)."""

from __future__ import annotations

import os

import pytest

from edition.core import build_pdf

from ..reference.pixels import MODES, THEMED, load_reference, page_digests, sample_in_mode


@pytest.mark.parametrize("mode", sorted(set(MODES) - set(THEMED)))  # the themes: test_themes_print.py
def test_pages_match_the_reference_pictures(mode, tmp_path):
    src = sample_in_mode(str(tmp_path / "edition"), mode)
    out = str(tmp_path / f"{mode}.pdf")
    build_pdf(src, out)
    got = page_digests(out, str(tmp_path / "pages"))
    want = load_reference()[mode]
    assert len(got) == len(want), f"{mode}: {len(got)} pages, the reference has {len(want)}"
    changed = [i + 1 for i, (a, b) in enumerate(zip(got, want)) if a != b]
    assert not changed, (
        f"{mode}: pages {changed} differ from the reference pictures; this build's pages are in "
        f"{os.path.join(tmp_path, 'pages')} (render the reference commit's PDF to compare)"
    )
