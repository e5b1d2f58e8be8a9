"""Page breaks held from the first layout (edition/layout/breaks.py, feet.py): the sample
settles in two layouts in every apparatus mode, the pages before a held break are full,
and a paragraph split at a page start keeps every letter, in order, once."""

from __future__ import annotations

import os
import re
import shutil

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.core import build_pdf
from edition.layout.breaks import letters_in, running_html, split_html

from ..conftest import SAMPLE

MODES = {
    "marker": "apparatus: marker",
    "line": "apparatus: line",
    "endnotes": "apparatus: line\n  apparatus-place: end",
}


@pytest.fixture(scope="module", params=sorted(MODES))
def mode_build(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param) / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("apparatus: marker", MODES[request.param]), encoding="utf-8")
    out = folder / "out.pdf"
    return request.param, str(out), build_pdf(str(src), str(out))


def test_the_sample_settles_in_two_layouts(mode_build):
    """Two layouts; keyed by line, three: the breaks line control refuses after the first
    layout re-wrap a few lines (layout/hyphens.py), the lemmas' and tags' line numbers move
    with them, and one more layout prints them true."""
    mode, _, result = mode_build
    assert result.passes == 2 or (mode != "marker" and result.passes == 3), f"{mode}: {result.passes} layouts"
    problems = [w.message for w in result.warnings if re.search(r"printed on page|bottom margin|did not settle", w.message)]
    assert problems == [], f"{mode}: {problems}"


BODY_PT = (10.3, 10.7)  # the text's size; notes are 8.5pt, the apparatus 8pt


def test_a_page_broken_in_a_paragraph_is_full(mode_build):
    """Where the first layout broke a paragraph, the later pass keeps the break: the page
    before it must still be full: less than a line of the text plus a line of the apparatus
    (the last line of a run-in apparatus, which the first layout reserves whole) left between
    its last line and the rule of its foot (no blank lines above the notes), unless one of
    the next page's first two lines holds a note call or a marker: that line gave way to
    its note (with the line before it: no single line is left at the foot of a page)."""
    mode, pdf, result = mode_build
    plan = result.plan
    held_mid = sorted(page for (block, offset), page in plan.start_page.items() if offset > 0)
    assert held_mid, "the sample has paragraphs running over a page"
    line_pt = 10.5 * 1.32
    chrome_pt = 8 + 0.4 + 3 + 3  # foot margin, rule, padding, and the notes' ascent under it
    with pdfplumber.open(pdf) as doc:
        for page in held_mid:
            before = doc.pages[page - 1]
            body = [c for c in before.chars if BODY_PT[0] <= c["size"] <= BODY_PT[1]]
            last = max(c["bottom"] for c in body)
            foot = [c for c in before.chars if c["size"] < 9 and c["top"] > last]
            if not foot:
                continue  # no foot: the text runs to the bottom of the page
            gap = min(c["top"] for c in foot) - last
            following = [c for c in doc.pages[page].chars if BODY_PT[0] <= c["size"] <= BODY_PT[1]]
            first_line = min(c["top"] for c in following)
            calls = [c for c in doc.pages[page].chars if c["size"] < 7 and first_line - 4 <= c["top"] <= first_line + 2 * line_pt - 4]
            if calls:
                continue
            assert gap < chrome_pt + line_pt + 10 + 2, f"{mode}: page {page} ends {gap:.1f}pt above its foot"


# ---------------------------------------------------------------------------- split_html

WORD = st.text(alphabet="abcçdeğıiöşüzAZ0179", min_size=1, max_size=8)
PIECE = st.one_of(
    WORD,
    WORD.map(lambda w: w[: len(w) // 2] + "\u00ad" + w[len(w) // 2 :]),  # a soft hyphen
    st.sampled_from([" ", "  ", ", ", ". ", "-", "–", "’", " (", ") ", "&amp;", "\u00a0"]),
    WORD.map(lambda w: f"<em>{w}</em>"),
    WORD.map(lambda w: f'<span class="tag person" id="ix{len(w)}">{w} {w}</span>'),
    st.integers(1, 99).map(lambda n: f'<sup class="fn-call" id="fnref{n}">{n}</sup>'),
    WORD.map(lambda w: f'<span class="footnote fl" id="fn9"><span class="fn-num">9</span> {w} <em>{w}</em></span>'),
    st.sampled_from(["a", "b", "zz"]).map(lambda m: f'<span class="app-call" id="appref3">{m}</span>'),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECE, min_size=1, max_size=40), st.data())
def test_a_split_paragraph_keeps_every_letter_once_in_order(pieces, data):
    html = "".join(pieces)
    running = letters_in(re.sub(r"<[^>]*>", "", running_html(html)).replace("&amp;", "&"))
    if running < 2:
        return
    offsets = sorted(set(data.draw(st.lists(st.integers(1, running - 1), min_size=1, max_size=3))))
    parts = split_html(html, offsets)
    assert len(parts) == len(offsets) + 1
    text = lambda h: "".join(c for c in re.sub(r"<[^>]*>", "", running_html(h)).replace("&amp;", "&") if c.isalnum())
    whole = text(html)
    bounds = [0, *offsets, len(whole)]
    for i, part in enumerate(parts):
        assert text(part) == whole[bounds[i] : bounds[i + 1]], (html, offsets, parts)
        opened = re.findall(r"<(?!/)([a-z]+)", part)
        closed = re.findall(r"</([a-z]+)>", part)
        assert sorted(opened) == sorted(closed), f"part {i} is not well formed: {part!r}"
    # nothing skipped (notes, calls, markers) is lost or doubled
    for pattern in (r'class="footnote fl"', r'class="fn-call"', r'class="app-call"'):
        assert sum(len(re.findall(pattern, p)) for p in parts) == len(re.findall(pattern, html))


def test_when_held_breaks_do_not_hold_the_text_flows_again_and_nothing_is_lost(tmp_path, monkeypatch):
    """If a held layout begins a page elsewhere than planned (a foot that did not fit after
    all), the next layout lets the text flow freely, its breaks are held instead, and the
    build still settles with every note and entry on the page of its call."""
    import edition.layout as layout
    from pypdf import PdfReader

    real = layout.moved_breaks
    calls = []

    def moved_once(plan, document):
        calls.append(1)
        return [1] if len(calls) == 1 else real(plan, document)

    monkeypatch.setattr(layout, "moved_breaks", moved_once)
    out = tmp_path / "out.pdf"
    result = build_pdf(SAMPLE, str(out))
    assert result.passes >= 3 and calls
    reader = PdfReader(str(out))
    dest = {k: reader.get_destination_page_number(v) for k, v in reader.named_destinations.items()}
    assert all(dest[f"fnref{n}"] == dest[f"fn{n}"] for n in range(1, result.notes + 1))
    assert all(dest[f"appref{n}"] == dest[f"app{n}"] for n in range(1, result.apparatus + 1))
    assert not [w for w in result.warnings if "did not settle" in w.message]


# ---------------------------------------------------------------------------- one page again


@pytest.mark.parametrize("mode", ["apparatus: marker", "apparatus: line"])
def test_an_edit_inside_one_page_lays_out_that_page_alone(tmp_path, mode):
    """`edition watch` after a one-word change inside one page's text: that page alone is laid
    out and put into the previous PDF; it is pixel for pixel the page a full build makes, and
    every page's text and every destination are the full build's."""
    import subprocess

    from pypdf import PdfReader

    from edition.core import rebuild_page

    folder = tmp_path / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("apparatus: marker", mode), encoding="utf-8")
    first = build_pdf(str(src), str(folder / "out.pdf"))
    text = src.read_text(encoding="utf-8")
    assert "Mütarekesi sırasında I." in text
    src.write_text(text.replace("Mütarekesi sırasında I.", "Mütarekesi zamanında I.", 1), encoding="utf-8")
    patched = rebuild_page(str(src), str(folder / "out.pdf"), first.plan)
    assert patched is not None and patched.patched_page is not None
    build_pdf(str(src), str(folder / "cold.pdf"))
    pdftext = lambda name: subprocess.run(["pdftotext", str(folder / name), "-"], capture_output=True, text=True, check=True).stdout
    assert "zamanında" in re.sub(r"\s+", "", pdftext("out.pdf").replace("\u2010\n", ""))
    assert pdftext("out.pdf").split("\f") == pdftext("cold.pdf").split("\f")
    page = patched.patched_page + 1
    pixels = {}
    for name in ("out", "cold"):
        subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "50", "-gray", str(folder / f"{name}.pdf"), str(folder / name)], check=True)
        pixels[name] = next(folder.glob(f"{name}-*.pgm")).read_bytes()
    assert pixels["out"] == pixels["cold"]

    def dests(name):
        reader = PdfReader(str(folder / name))
        return {k: (reader.get_destination_page_number(v), round(float(v.left), 1), round(float(v.top), 1)) for k, v in reader.named_destinations.items()}

    assert dests("out.pdf") == dests("cold.pdf")
    subprocess.run(["qpdf", "--check", str(folder / "out.pdf")], check=True, capture_output=True)


def test_edits_one_page_cannot_hold_are_left_to_a_full_build(tmp_path):
    """A changed note, a paragraph that holds a page break, or a page that gains a line: no
    page is laid out alone (the watcher then rebuilds)."""
    from edition.core import rebuild_page

    folder = tmp_path / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    first = build_pdf(str(src), str(folder / "out.pdf"))
    original = src.read_text(encoding="utf-8")
    edits = [
        ("Mütarekesi sırasında I.", "Mütarekesi sırasında, uzun ve yeni eklenmiş bir cümle ile birlikte ve birkaç satırı daha dolduracak kadar uzun bir açıklama ve bir kez daha uzun bir açıklama ile, I."),
        ("1882’de", "1883’te"),  # inside note 20
    ]
    for old, new in edits:
        assert old in original, old
        src.write_text(original.replace(old, new, 1), encoding="utf-8")
        assert rebuild_page(str(src), str(folder / "out.pdf"), first.plan) is None, old


# bands (pages with more than a line of white above their foot that nothing explains,
# tests/layout/gaps.py): none in any mode, before notes could split across pages (issue 19)
# and since (endnotes p. 2, 8.4 lines, and p. 4, 9.6: heading A with notes 9 and 10, heading B
# with notes 20 to 22 need more, a split note being the last of its page)
BANDS_LEFT: dict[str, str] = {}


def test_pages_are_filled_to_their_foot(mode_build, request):
    """No page of the sample keeps more than a line of white above its foot, unless what
    the next page begins with could not have come up (tests/layout/gaps.py)."""
    from .gaps import assert_filled

    mode, pdf, _ = mode_build
    if mode in BANDS_LEFT:
        request.applymarker(pytest.mark.xfail(strict=True, reason=BANDS_LEFT[mode]))
    assert_filled(pdf, None, mode)
