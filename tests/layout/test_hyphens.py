"""Line control (edition/layout/hyphens.py): the rules on any sequence of line ends, and on a
bench edition's built PDF (its line ends read back, tests/layout/line_ends.py).

The sample's PDF in marker and line modes is checked in test_typography.py, the journal and
book themes in test_themes_print.py, on the builds those modules make anyway.
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given, settings, strategies as st

from edition.layout.hyphens import LOOSE_EM, MAX_RUN, LineEnd, forbid, page_final_starts, revise

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@st.composite
def layouts(draw):
    """Line ends of a few pages: blocks of lines, each end hyphenated (soft or a compound's
    own hyphen) or not, each with its word spaces and stretch."""
    ends, page = [], 0
    for block in range(draw(st.integers(1, 6))):
        offset = 0
        for _ in range(draw(st.integers(1, 12))):
            page += draw(st.integers(0, 1)) if ends else 0
            offset += draw(st.integers(20, 90))
            kind = draw(st.sampled_from(["", "", "soft", "soft", "explicit"]))
            fragment = draw(st.integers(2, 8))
            ends.append(LineEnd(page, str(block), offset, kind, offset - fragment if kind else -1,
                                start=offset - 20, spacing=draw(st.floats(0, 0.6)), spaces=draw(st.integers(4, 16))))
    return ends


def after_refusals(ends: list[LineEnd], refused: dict) -> list[LineEnd]:
    """What the next layout's line ends look like where only refusals counted: a refused
    break's line ends without a hyphen (the word went down)."""
    return [LineEnd(e.page, e.block, e.end) if e.hyphen and e.word in refused.get(e.block, ()) else e for e in ends]


@settings(max_examples=80, deadline=None)
@given(layouts(), st.dictionaries(st.sampled_from("0123"), st.sets(st.integers(0, 400), max_size=3), max_size=2))
def test_refusals_cut_every_run_they_can_and_never_give_a_break_back(ends, keep):
    before = forbid(ends[: len(ends) // 2], keep=keep)
    refused = forbid(ends, before, keep)
    # what was refused stays refused; nothing given back (keep) is refused
    assert all(before[b] <= refused.get(b, set()) for b in before)
    assert not any(refused.get(b, set()) & keep.get(b, set()) - before.get(b, set()) for b in keep)
    # no run longer than MAX_RUN is left unless each line of it that could give its break
    # was kept, an explicit hyphen, or would be loose without its break
    run, page = [], None
    for end in after_refusals(ends, refused):
        if end.page != page:
            run, page = [], end.page
        run = run + [end] if end.hyphen else []
        if len(run) > MAX_RUN:
            window = run[-(MAX_RUN + 1):]
            assert all(e.hyphen == "explicit" or e.word in keep.get(e.block, ()) or e.refused_spacing() > LOOSE_EM for e in window), window


@settings(max_examples=50, deadline=None)
@given(layouts())
def test_revising_keeps_what_it_gave_back(ends):
    first = forbid(ends)
    refused, kept = revise(ends, first, {})
    again, kept2 = revise(ends, refused, kept)
    assert all(kept[b] <= kept2.get(b, set()) for b in kept)
    assert not any(again.get(b, set()) & kept2.get(b, set()) for b in kept2)


@settings(max_examples=50, deadline=None)
@given(layouts())
def test_a_page_never_begins_inside_a_word(ends):
    starts = {}
    for before, after in zip(ends, ends[1:]):
        if after.page != before.page and after.block == before.block:
            starts[(before.block, before.end)] = after.page
    moved = page_final_starts(ends, starts)
    last = {e.page: e for e in ends}
    for (block, offset), page in starts.items():
        if last.get(page - 1) is not None and last[page - 1].hyphen and last[page - 1].end == offset:
            assert moved[(block, offset)] == (block, last[page - 1].word)
        else:
            assert (block, offset) not in moved


# ---------------------------------------------------------------- a bench edition's PDF
def bench_source(folder, pages: int, seed: int) -> str:
    """The source of a generated bench edition (bench/generate.py) in ``folder``."""
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(os.path.join(ROOT, "bench"))
    return generate(pages, str(folder), seed=seed)["source"]


@pytest.fixture(scope="module")
def bench_pdf(tmp_path_factory):
    from edition.core import build_pdf

    folder = tmp_path_factory.mktemp("bench")
    info = {"source": bench_source(folder, 6, 3)}
    out = str(folder / "bench.pdf")
    result = build_pdf(info["source"], out)
    return out, result


def test_bench_edition_keeps_the_rules(bench_pdf):
    pdfplumber = pytest.importorskip("pdfplumber")
    from tests.layout.line_ends import body_lines, figures

    out, result = bench_pdf
    with pdfplumber.open(out) as pdf:
        found = figures(body_lines(pdf))
    assert found.hyphenated > 20, "no hyphenated line end read: the reader is broken"
    assert found.runs_of_3 == [], found
    assert found.page_final == [], found
    assert result.passes <= 3


@pytest.mark.parametrize("pages,seed", [(30, 1), (40, 4)])
def test_a_build_whose_held_breaks_moved_settles(tmp_path, pages, seed):
    """The 30-page bench edition of seed 1: the breaks refused after its first layout
    re-wrap a full page, the held breaks after it move, and the text flows again.  That
    free layout is written with every break refused so far and nothing more is refused
    after it (hyphens.control, ``closed``), so the layout that holds its breaks is final:
    four layouts: the safe plan is not tried first, its feet would not bring back breaks
    that moved because the text took more lines (``rewrapped``).  (It used to restart with
    feet read from the moved layout and new refusals, move again and stop at MAX_PASSES,
    issue 22.)  The 40-page edition of seed 4 moved again after the restart: a hyphen at
    the end of page 11 moved page 12's start back to the word, page 12 re-wrapped into one
    more line and pushed the next break, in every held layout; the overflowed page now keeps
    its free start (``Passes.unmoved``)."""
    import re

    from edition.core import build_pdf
    from edition.layout import MAX_PASSES

    messages: list[str] = []
    result = build_pdf(bench_source(tmp_path, pages, seed), str(tmp_path / "bench.pdf"), progress=messages.append)
    layouts = [m for m in messages if re.match(r"\s*pass \d+:", m)]
    assert any("held page breaks moved" in m for m in layouts), "the edition no longer restarts: pick another seed"
    assert len(layouts) <= 4 < MAX_PASSES, layouts
    assert result.passes == len(layouts), "the last layout is not the one printed"
    assert not [w.message for w in result.warnings if "did not settle" in w.message]
