"""The final layout rendered in chunks (edition/layout/chunks.py): the merged PDF is the PDF
of the whole document laid out at once (every page pixel for pixel, every destination, link,
outline entry and metadata field), the same bytes whatever the number of processes, and a
chunk that does not end where the next begins sends the layout back to one piece."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess

import pikepdf
import pytest

from edition.core import build_pdf
from edition.layout import chunks

from ..conftest import SAMPLE

MODES = {
    "marker": "apparatus: marker",
    "line": "apparatus: line",
    "endnotes": "apparatus: line\n  apparatus-place: end",
}


def copy_sample(folder, mode: str) -> str:
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("apparatus: marker", MODES[mode]), encoding="utf-8")
    return str(src)


@pytest.fixture(scope="module", params=sorted(MODES))
def both(request, tmp_path_factory):
    """The sample in one mode, built in chunks and laid out whole."""
    folder = tmp_path_factory.mktemp(request.param) / "edition"
    src = copy_sample(folder, request.param)
    chunked = build_pdf(src, str(folder / "chunked.pdf"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(chunks, "MIN_PAGES", 10**6)
        whole = build_pdf(src, str(folder / "whole.pdf"))
    return request.param, folder, chunked, whole


def pdf_facts(path) -> dict:
    """Named destinations, links, outline and metadata, by page number."""
    with pikepdf.open(path) as pdf:
        index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        names = pdf.Root.Names.Dests.Names
        dests = {str(names[i]): (index[names[i + 1][0].objgen], round(float(names[i + 1][2]), 2), round(float(names[i + 1][3]), 2)) for i in range(0, len(names), 2)}
        links = []
        for i, page in enumerate(pdf.pages):
            for annot in page.obj.get("/Annots", []):
                target = str(annot.Dest) if "/Dest" in annot else str(annot.A.URI)
                links.append((i, tuple(round(float(v), 2) for v in annot.Rect), target))
        outline = []
        with pdf.open_outline() as tree:

            def walk(items, depth):
                for item in items:
                    dest = item.destination
                    outline.append((depth, item.title, index[dest[0].objgen], round(float(dest[3]), 2)))
                    walk(item.children, depth + 1)

            walk(tree.root, 0)
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
    return {"dests": dests, "links": links, "outline": outline, "info": info}


def font_programs(path) -> dict[str, int]:
    """Font name -> number of font programs embedded under that name."""
    programs: dict[str, set] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor" and "/FontFile3" in obj:
                programs.setdefault(str(obj.FontName), set()).add(obj.FontFile3.objgen)
    return {name: len(ids) for name, ids in programs.items()}


def pixels(path, folder, name) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "50", "-gray", str(path), str(folder / name)], check=True)
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.pgm"))]


def test_a_chunked_build_is_the_whole_layout(both):
    mode, folder, chunked, whole = both
    assert chunked.chunks == 2 and whole.chunks == 1, mode
    assert (chunked.pages, chunked.passes) == (whole.pages, whole.passes)
    a, b = pixels(chunked.output, folder, "c"), pixels(whole.output, folder, "w")
    assert len(a) == len(b) == whole.pages
    assert [i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y] == [], f"{mode}: pages that differ"
    fa, fb = pdf_facts(chunked.output), pdf_facts(whole.output)
    assert len(fb["dests"]) > 500 and len(fb["links"]) > 100 and len(fb["outline"]) > 5
    for key in ("dests", "links", "outline", "info"):
        assert fa[key] == fb[key], f"{mode}: {key} differ"
    # links cross chunks: the index (last chunk) points into the first chunk's pages
    crossing = [(page, target) for page, _rect, target in fa["links"] if fa["dests"].get(target, (page,))[0] < page - 3]
    assert crossing, "no link from the back matter into the text"
    subprocess.run(["qpdf", "--check", chunked.output], check=True, capture_output=True)
    # one embedded program per font, shared by the chunks (as many as the whole layout's file
    # has: line numbers bring their own): about the size of the whole layout's file
    assert font_programs(chunked.output) == font_programs(whole.output)
    size, whole_size = os.path.getsize(chunked.output), os.path.getsize(whole.output)
    assert size < whole_size * 1.06, (size, whole_size)


@pytest.mark.parametrize("both", ["marker"], indirect=True)  # one mode is enough
def test_the_same_bytes_whatever_the_number_of_processes(both, monkeypatch):
    mode, folder, chunked, _ = both
    monkeypatch.setenv("EDITION_JOBS", "1")
    alone = build_pdf(str(folder / "edition.yaml"), str(folder / "alone.pdf"))
    assert alone.chunks == chunked.chunks == 2
    with open(alone.output, "rb") as fa, open(chunked.output, "rb") as fb:
        assert fa.read() == fb.read()


@pytest.mark.parametrize("both", ["marker"], indirect=True)  # one mode is enough
def test_a_chunk_that_does_not_end_where_the_next_begins_is_laid_out_whole(both, monkeypatch):
    """The plan says the second chunk begins a page earlier than the first chunk ends: the
    pages would not add up, so the layout is done in one piece (and nothing is lost)."""
    mode, folder, _, whole = both
    real = chunks.cuts
    monkeypatch.setattr(chunks, "cuts", lambda plan, quoted, back: [(page - 1, start) for page, start in real(plan, quoted, back)])
    notes = []
    result = build_pdf(str(folder / "edition.yaml"), str(folder / "skewed.pdf"), progress=notes.append)
    assert result.chunks == 1 and any("laid out whole" in n for n in notes)
    assert pixels(result.output, folder, "s") == pixels(whole.output, folder, "w2")


def test_chunks_begin_at_held_page_starts_outside_block_quotes():
    from edition.layout import LayoutPlan

    plan = LayoutPlan()
    plan.start_page = {(str(b), 0): p for p, b in enumerate(range(10, 410, 2), start=1)}  # 200 pages
    points = chunks.cuts(plan, quoted={"88"})  # block 88 begins page 40
    assert [p for p, _ in points] == [41, 80, 121, 161]  # 5 chunks of ~40 pages; 40 is in a quote
    assert all(plan.start_page[start] == p for p, start in points)
    few = LayoutPlan()
    few.start_page = {("3", 0): 1, ("5", 10): 2}
    assert chunks.cuts(few, set()) == []  # three pages: one piece


def test_chunks_run_in_other_processes_and_a_failed_one_runs_again_here():
    parent = os.getpid()

    def task(i):
        def run():
            if i == 1 and os.getpid() != parent:
                raise RuntimeError("fails in a child")
            return (i, os.getpid())

        return run

    results = chunks.run_all([task(i) for i in range(4)], processes=2)
    assert [i for i, _ in results] == [0, 1, 2, 3]
    assert all(pid != parent for i, pid in results if i != 1), "chunks ran here, not in other processes"
    assert results[1][1] == parent  # failed in its child, done again here
    assert chunks.run_all([task(i) for i in range(3)], processes=1) == [(0, parent), (1, parent), (2, parent)]


# ---------------------------------------------------------------------------- work done once


def test_layout_speedups_change_no_byte(tmp_path, monkeypatch):
    """The line-breaking memory and the quick footnote area (edition/layout/speedups.py)
    give what WeasyPrint computes: the sample's PDF is byte for byte the same without them;
    most line breaks are answered from memory; WeasyPrint is itself again after the build."""
    from weasyprint.layout import LayoutContext, inline
    from weasyprint.text import line_break

    from edition.layout import speedups

    monkeypatch.setenv("EDITION_JOBS", "1")  # every layout in this process, where it is counted
    update = LayoutContext._update_footnote_area
    before = dict(speedups._stats)
    faster = build_pdf(SAMPLE, str(tmp_path / "faster.pdf"))
    hits, misses = (speedups._stats[k] - before[k] for k in ("hits", "misses"))
    assert hits > 1000 and misses > 1000, (hits, misses)
    assert inline.split_first_line is line_break.split_first_line and LayoutContext._update_footnote_area is update
    monkeypatch.setattr(speedups, "faster_layout", contextlib.nullcontext)
    plain = build_pdf(SAMPLE, str(tmp_path / "plain.pdf"))
    assert faster.pages == plain.pages
    assert (tmp_path / "faster.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()


def boxes_of(document) -> list:
    """Every line box and footnote area of a document: page, type, position, size."""
    out = []
    for i, page in enumerate(document.pages):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if type(box).__name__ in ("LineBox", "FootnoteAreaBox"):
                out.append((i, type(box).__name__, box.position_y, box.height, box.width))
            stack.extend(getattr(box, "children", ()))
    return out


@pytest.mark.parametrize("note_margin", ["0", "4px"])
def test_the_quick_footnote_area_is_the_footnote_area(note_margin):
    """Pages full of notes of different lengths: every line and every footnote area is
    where WeasyPrint puts it (notes with margins are left to WeasyPrint)."""
    from weasyprint import HTML

    from edition.layout.speedups import quick_footnote_area

    words = "Azerbaycan Cumhuriyeti Bakü’de Kafkas İslam Ordusu ile birlikte kuruldu ve".split()
    body = []
    for i in range(60):
        note = " ".join(words[: 3 + (i * 7) % 11] * (1 + i % 4))
        body.append(f'<p>{" ".join(words * 3)}<span class="fn">{i}. {note}</span> {" ".join(words[:i % 9])}</p>')
    html = (
        "<style>@page { size: A5; margin: 20mm; @footnote { border-top: 0.5pt solid; padding-top: 3pt; padding-bottom: 0.5px } }"
        f" p {{ text-align: justify; orphans: 2; widows: 2 }} .fn {{ float: footnote; font-size: 8pt; margin-top: {note_margin} }}</style>"
        + "".join(body)
    )
    from weasyprint.layout import LayoutContext

    def render_recording(heights: list):
        """Render, recording the footnote area's height each time a note joins a page."""
        update = LayoutContext._update_footnote_area

        def recording(self):
            overflow = update(self)
            heights.append((len(self.current_page_footnotes), round(self.current_footnote_area.height, 6), overflow))
            return overflow

        LayoutContext._update_footnote_area = recording
        try:
            return HTML(string=html).render()
        finally:
            LayoutContext._update_footnote_area = update

    plain_heights, quick_heights = [], []
    plain = render_recording(plain_heights)
    with quick_footnote_area():
        quick = render_recording(quick_heights)
    assert len(plain.pages) > 5 and len(plain_heights) > 60
    assert quick_heights == plain_heights
    assert boxes_of(quick) == boxes_of(plain)


def test_the_memory_keys_on_every_style_property_that_breaks_lines():
    """Two texts that differ only in a property that changes where lines break (size,
    letter-spacing, hyphens, language, font) are broken apart, not answered from memory."""
    from weasyprint import HTML

    from edition.layout.speedups import remembered_lines

    text = "Birinci Dünya Savaşı’nın sonlarına doğru Azerbaycan’da kurulan cumhuriyet " * 4
    variants = ["", "font-size: 11pt", "letter-spacing: 0.02em", "word-spacing: 2px", "font-weight: bold",
                "font-style: italic", "font-variant-caps: small-caps", "hyphens: none"]

    def lines(style: str, memory: bool) -> list[int]:
        html = f'<p lang="tr" style="width: 300px; text-align: justify; {style}">{text}</p>'
        with remembered_lines() if memory else contextlib.nullcontext():
            page = HTML(string=html).render().pages[0]
        found = []
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if type(box).__name__ == "LineBox":
                found.append(round(box.width * 1000) + len("".join(getattr(c, "text", "") for c in box.children)))
            stack.extend(getattr(box, "children", ()))
        return found

    with remembered_lines():  # one memory for all the variants, as in a build
        remembered = [lines(v, True) for v in variants]
    assert remembered == [lines(v, False) for v in variants]
    assert len({tuple(r) for r in remembered}) > 4  # the variants do break differently


def test_the_first_layout_runs_in_a_child_that_reports_back(caplog):
    """``run_in_child`` (the cold first layout runs there, so that its heap is gone before
    the second layout's processes are forked): the result comes back, what WeasyPrint said
    there is said here, and a child that fails is run again here."""
    import logging

    logger = logging.getLogger("weasyprint")
    parent = os.getpid()

    def task():
        logger.warning("a warning in the child %s", os.getpid() != parent)
        return os.getpid()

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        assert chunks.run_in_child(task, logger) != parent
    assert "a warning in the child True" in caplog.messages

    def fails_in_child():
        if os.getpid() != parent:
            raise RuntimeError("no")
        return "here"

    assert chunks.run_in_child(fails_in_child, logger) == "here"


def test_a_first_layout_that_cannot_run_in_a_child_runs_here(tmp_path, monkeypatch):
    """When the child cannot be used (it failed, or there is no fork), the first layout runs
    in the build's own process: the same PDF, and every stage timed once."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    forked = build_pdf(SAMPLE, str(tmp_path / "forked.pdf"))
    monkeypatch.setattr(chunks, "run_in_child", lambda task, logger: task())
    here = build_pdf(SAMPLE, str(tmp_path / "here.pdf"))
    names = [name for name, _ in here.timings]
    assert len(names) == len(set(names)) and names == [name for name, _ in forked.timings], names
    assert (tmp_path / "forked.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()
