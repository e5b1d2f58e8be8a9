"""Layout: HTML -> WeasyPrint pages, repeated until every page fact is stable.

Page facts (where each note call, apparatus lemma and index tag lands) come from one
layout's ``Page.anchors``.  They become a :class:`LayoutPlan` for the next pass: the foot of
each page is then written as one block (the author's notes, then the apparatus series) that
floats from the page's first call, apparatus markers restart with *a* on every page, and the
index prints the real page numbers.  When a pass produces the plan it was given, the layout
is a fixed point: every printed page number and foot-of-page placement is true.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..diagnostics import Reporter
from ..model import App, Edition, Note
from ..transforms import reading_order

MAX_PASSES = 5
DROP_WARN_PT = 12  # a foot that runs further into the bottom margin than this is reported


@dataclass
class FinalFacts:
    """What the final layout looked like, block by block and page by page."""

    digests: dict[str, str]  # block id -> digest of its running text
    block_pages: dict[str, set]  # block id -> pages its lines are on
    tops: dict[int, list[float]]  # page -> tops (px) of its text lines
    signature: str  # everything of the edition but the text of its blocks (patch.signature)
    pages: int


@dataclass
class LayoutPlan:
    note_page: dict[int, int] = field(default_factory=dict)
    app_page: dict[int, int] = field(default_factory=dict)
    tag_page: dict[str, int] = field(default_factory=dict)
    app_letter: dict[int, str] = field(default_factory=dict)
    block_at: dict[tuple[str, int], int] = field(default_factory=dict)
    app_lines: dict[int, tuple[int, int]] = field(default_factory=dict)  # app -> (first, last) line
    tag_line: dict[str, int] = field(default_factory=dict)  # index tag in the text -> its line
    # block id -> letter offsets where the first layout began a page in it (0: before it);
    # later passes break the text there, and the page's foot floats from there
    # (edition/layout/breaks.py)
    breaks: dict[str, list[int]] = field(default_factory=dict)
    start_page: dict[tuple[str, int], int] = field(default_factory=dict)
    # digest of each held block's running text, and the number of text lines on each page,
    # in the layout the breaks were taken from: a hint whose blocks or pages differ is not used
    digests: dict[str, str] = field(default_factory=dict)
    page_lines: dict[int, int] = field(default_factory=dict)
    # facts of the final layout, for rebuilding one page after an edit (layout/patch.py)
    final: Optional["FinalFacts"] = field(default=None, repr=False, compare=False)
    # apparatus markers: width (px) of each in the held layout, and of each letter
    # page -> px its foot may run into the bottom margin (measured before the pass)
    foot_drop: dict[int, float] = field(default_factory=dict)
    mark_width: dict[int, float] = field(default_factory=dict)
    letter_width: dict[str, float] = field(default_factory=dict)
    # the numbered text lines of the layout this plan was read from (not part of the plan's
    # identity): the final layout's lines are drawn in the margin without reading them again
    lines: Optional[list] = field(default=None, repr=False, compare=False)

    def key(self):
        return (self.note_page, self.app_page, self.tag_page, self.app_lines, self.tag_line)

    @staticmethod
    def page_label(page: int) -> str:
        return str(page + 1)


def anchor_pages(document) -> dict[str, int]:
    """Element id -> 0-based page index, from a rendered WeasyPrint document."""
    pages: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for anchor in page.anchors:
            pages.setdefault(anchor, i)
    return pages


def hold_breaks(plan: LayoutPlan, document) -> None:
    """Keep the page breaks of ``document`` in ``plan`` (see :mod:`.breaks`)."""
    from .breaks import page_profile

    out: dict[str, list[int]] = {}
    found = page_profile(document)
    plan.start_page, plan.page_lines = {}, found.lines
    for page, (ident, offset) in found.starts.items():
        out.setdefault(ident, []).append(offset)
        plan.start_page[(ident, offset)] = page
    plan.breaks = {k: sorted(v) for k, v in out.items()}
    plan.mark_width, plan.letter_width = mark_widths(document)


def mark_widths(document) -> tuple[dict[int, float], dict[str, float]]:
    """Widths of the apparatus markers in the text (app number -> px) and of their letters."""
    from weasyprint.formatting_structure import boxes

    marks: dict[int, float] = {}
    letter: dict[str, float] = {}
    is_mark = lambda box, element: isinstance(box, boxes.InlineBox) and (element.get("id") or "").startswith("appref")
    for box in element_boxes(document, is_mark):
        text = "".join(getattr(c, "text", "") for c in box.children)
        n = int(box.element.get("id")[6:])
        marks[n] = marks.get(n, 0.0) + box.width
        if len(text) == 1:
            letter.setdefault(text, box.width)
    return marks, letter


def element_boxes(document, match):
    """The boxes of ``document``'s pages, in order, whose element ``match(box, element)``
    accepts (the boxes inside one that matched are not looked at)."""

    def walk(box):
        element = getattr(box, "element", None)
        if element is not None and match(box, element):
            yield box
            return
        for child in getattr(box, "children", ()):
            yield from walk(child)

    for page in document.pages:
        yield from walk(page._page_box)


def final_facts(edition: Edition, found, writer, pages: int) -> FinalFacts:
    """The final layout's facts (``found``: its :class:`.breaks.PageProfile`)."""
    from .patch import signature

    return FinalFacts(dict(writer.digests), found.blocks, found.tops, signature(edition), pages)


def moved_breaks(plan: LayoutPlan, starts: dict) -> list[int]:
    """Pages (0-based) whose held break did not hold (``starts``: where the layout began its
    pages): the page before could not take its lines with its new foot, and WeasyPrint began
    a page earlier."""
    held = {page: start for start, page in plan.start_page.items()}
    return sorted(p for p in set(held) | set(starts) if held.get(p) != starts.get(p))


def body_calls(edition: Edition) -> list[tuple[str, int]]:
    """Note calls and apparatus markers outside notes, in reading order."""
    calls = []
    at_foot = edition.settings.apparatus_place == "foot"
    for node, note_n in reading_order(edition):
        if note_n:
            continue
        if isinstance(node, Note):
            calls.append(("fn", node.n))
        elif isinstance(node, App) and at_foot:
            calls.append(("app", node.n))
    return calls


def anchor_boxes(document) -> dict[str, tuple[int, tuple]]:
    """Element id -> (page index, (x1, y1, x2, y2) in CSS px)."""
    out: dict[str, tuple[int, tuple]] = {}
    for i, page in enumerate(document.pages):
        for anchor, box in page.anchors.items():
            out.setdefault(anchor, (i, box))
    return out


def chunk_count(document) -> int:
    """In how many chunks a layout was rendered (layout/chunks.py)."""
    return len(getattr(document, "offsets", None) or [0])


def uses_lines(edition: Edition) -> bool:
    s = edition.settings
    return s.apparatus == "line" or s.line_numbers or s.index_refs == "page.line"


def place_lemmas(edition: Edition, document, plan: LayoutPlan):
    """Number the text lines and find the lines each lemma spans (line-keyed apparatus)."""
    from .lines import number_lines, text_lines

    lines = text_lines(document)
    number_lines(lines, edition.settings.line_restart)
    boxes = anchor_boxes(document)
    for app in edition.apparatus:
        if app.in_note:
            continue
        start, end = boxes.get(f"lem{app.n}"), boxes.get(f"appref{app.n}")
        if start is None or end is None:
            continue
        first = lines[start[0]].line_at((start[1][1] + start[1][3]) / 2)
        last = lines[end[0]].line_at((end[1][1] + end[1][3]) / 2)
        if first is not None and last is not None:
            plan.app_lines[app.n] = (first.n, last.n if end[0] == start[0] else first.n)
    for tag in edition.tags:
        box = boxes.get(tag.id)
        if box is not None and not tag.in_note:
            middle = (box[1][1] + box[1][3]) / 2
            line = lines[box[0]].line_at(middle)
            if line is not None and line.top - 1 <= middle <= line.bottom + 1:  # not in a heading
                plan.tag_line[tag.id] = line.n
    return lines


def make_plan(
    edition: Edition,
    pages: dict[str, int],
    document=None,
    first: bool = False,
    held: Optional[LayoutPlan] = None,
    bold_items: Optional[set] = None,
) -> LayoutPlan:
    """The page facts of a layout, as the plan for the next pass.

    Items go to the page of their call.  After the first pass (one float per item), an item
    that WeasyPrint could not set beside its call (it deferred it to a later page because the
    call's line could not move) goes to the page where it was set: put in its call's page's
    foot it would make that whole foot too tall and push it, with every entry, a page on;
    unless it is in ``bold_items`` (its call's page's foot was measured with it).
    """
    plan = LayoutPlan()
    if held is not None:
        plan.breaks, plan.start_page = held.breaks, held.start_page
        plan.mark_width, plan.letter_width = held.mark_width, held.letter_width
        plan.digests, plan.page_lines = held.digests, held.page_lines
        plan.foot_drop = held.foot_drop
    elif first and document is not None:
        hold_breaks(plan, document)
    if document is not None and uses_lines(edition):
        plan.lines = place_lemmas(edition, document, plan)

    def placed(call_id: str, entry_id: str, item: tuple[str, int]):
        call = pages.get(call_id)
        entry = pages.get(entry_id)
        if first and call is not None and entry is not None and entry > call and item not in (bold_items or ()):
            return entry
        return call

    for note in edition.notes:
        page = placed(f"fnref{note.n}", note.id, ("fn", note.n))
        if page is not None:
            plan.note_page[note.n] = page
    for app in edition.apparatus:
        if app.in_note:
            page = plan.note_page.get(app.in_note)
        elif edition.settings.apparatus_place == "foot":
            page = placed(f"appref{app.n}", app.id, ("app", app.n))
        else:  # critical endnotes: filed under the page of the lemma
            page = pages.get(f"appref{app.n}")
        if page is not None:
            plan.app_page[app.n] = page
    for tag in edition.tags:
        # a tag in a note or an apparatus reading is on the page of its note or entry
        if tag.in_app and tag.in_app in plan.app_page and edition.settings.apparatus_place == "foot":
            plan.tag_page[tag.id] = plan.app_page[tag.in_app]
        elif tag.in_note and tag.in_note in plan.note_page:
            plan.tag_page[tag.id] = plan.note_page[tag.in_note]
        elif tag.id in pages:
            plan.tag_page[tag.id] = pages[tag.id]
    assign_letters(edition, plan)
    assign_blocks(edition, plan, pages)
    return plan


def assign_letters(edition: Edition, plan: LayoutPlan) -> None:
    """Apparatus markers restart with *a* on every page, in reading order."""
    from ..writers.html import letters

    plan.app_letter = {}
    per_page: dict[int, int] = {}
    for app in edition.apparatus:  # apparatus numbers follow reading order
        page = plan.app_page.get(app.n)
        if page is None:
            continue
        plan.app_letter[app.n] = letters(per_page.get(page, 0))
        per_page[page] = per_page.get(page, 0) + 1


def assign_blocks(edition: Edition, plan: LayoutPlan, pages: dict[str, int]) -> None:
    """Each page's foot floats from the page's first line when the page begins at a held
    break, else from the first call set on the page: its space is reserved before any line
    that refers to it is set."""
    plan.block_at = {}
    held = set(plan.start_page.values())
    placed: set[int] = set()
    for call in body_calls(edition):
        kind, n = call
        page = pages.get(f"fnref{n}" if kind == "fn" else f"appref{n}")
        if page is not None and page not in held and page not in placed:
            plan.block_at[call] = page
            placed.add(page)


def misplaced(edition: Edition, pages: dict[str, int]) -> list[str]:
    """Notes and apparatus entries not printed on the page of their call."""
    bad = []
    for note in edition.notes:
        if pages.get(f"fnref{note.n}") != pages.get(note.id):
            bad.append(f"note {note.n}")
    if edition.settings.apparatus_place != "foot":
        return bad  # critical endnotes: entries are at the end, by page and line
    for app in edition.apparatus:
        call = pages.get(f"appref{app.n}")
        if call is None or call != pages.get(app.id):
            bad.append(f"apparatus entry {app.n}")
    return bad


class _LogToReporter(logging.Handler):
    def __init__(self, reporter: Reporter, loc):
        super().__init__(logging.WARNING)
        self.reporter, self.loc, self.seen = reporter, loc, set()

    def emit(self, record):
        msg = record.getMessage()
        if msg not in self.seen:
            self.seen.add(msg)
            self.reporter.warning(self.loc, f"layout: {msg}")


def safe_fetcher(base_dir: str):
    """A WeasyPrint URL fetcher that serves only data: URLs and files inside ``base_dir``."""
    from weasyprint.urls import URLFetcher
    from urllib.parse import unquote, urlparse

    base = os.path.realpath(base_dir)

    class SafeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = os.path.realpath(unquote(parsed.path))
                if os.path.commonpath([path, base]) == base:
                    return super().fetch(url, headers)
            raise ValueError(f"refused to fetch {url}: only files inside the edition folder are used")

    return SafeFetcher()


@dataclass
class LayoutResult:
    document: object
    plan: LayoutPlan
    passes: int
    misplaced: list[str]
    timings: list[tuple[str, float]]
    html: str
    lines: Optional[list] = None  # numbered text lines of ``document`` (when lines are used)
    moved: list = field(default_factory=list)  # pages whose held break did not hold

    def pdf(self, edition: Edition, identifier: bytes) -> bytes:
        """The PDF bytes, with margin line numbers drawn over the pages when asked for."""
        data = self.document.write_pdf(pdf_identifier=identifier)
        if uses_lines(edition) and self.lines is not None:
            from .overlay import draw_line_numbers

            data = draw_line_numbers(data, self.document, self.lines, edition.settings.line_every, edition.settings.line_side)
        return data


# WeasyPrint makes millions of short-lived objects: with Python's default thresholds the
# cyclic GC scans the whole heap (the model, the boxes) again and again during a layout.
# Rarer young collections and a full one where a layout's boxes are let go took the N=100
# bench edition from 21 s to 17.5 s (bench/RESULTS.md).
GC_THRESHOLDS = (100_000, 50, 100)


def forking() -> bool:
    """Whether layouts may run in forked processes (EDITION_JOBS > 1, and fork exists)."""
    from .chunks import jobs

    return jobs() > 1 and hasattr(os, "fork")


def release_memory() -> None:
    """Collect the cycles a layout left and give the freed heap back to the system (glibc's
    malloc_trim), so that the processes forked for the next layout do not start from it."""
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def import_weasyprint() -> None:
    """Import WeasyPrint without the compiler and ldconfig runs of its library lookup.

    WeasyPrint asks cffi for each C library under several names (``libpango-1.0-0``, ...,
    ``libpango-1.0.so.0``); cffi tries each as a file name and, when that fails, calls
    ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and then ``gcc`` (about
    40 processes and temporary files per start, a build needs none of them).  Every name has a
    dot, so cffi has already tried it as given: on Linux the lookup is skipped while
    WeasyPrint loads, and a name that only the lookup would find is still found by the
    ``.so.N`` name that follows it.  Should the import fail that way, it is tried again with
    the lookup (a system that has only the lookup's answer)."""
    import sys

    if "weasyprint.text.ffi" in sys.modules or not sys.platform.startswith("linux"):
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda _name: None
    try:
        import weasyprint.text.ffi  # noqa: F401
    except OSError:
        pass  # imported again below, with the lookup
    finally:
        ctypes.util.find_library = search
    import weasyprint.text.ffi  # noqa: F401,F811


def lay_out(*args, **kwargs) -> "LayoutResult":
    """:func:`_lay_out` with the cyclic GC tuned for layouts (GC_THRESHOLDS), and work WeasyPrint
    repeats done once (layout/speedups.py)."""
    import_weasyprint()
    from .speedups import faster_layout

    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        with faster_layout():
            return _lay_out(*args, **kwargs)
    finally:
        gc.set_threshold(*before)


def _lay_out(
    edition: Edition,
    reporter: Reporter,
    source_date: Optional[str] = None,
    progress: Callable[[str], None] = lambda _msg: None,
    hint: Optional[LayoutPlan] = None,
) -> LayoutResult:
    """Lay the edition out (docs/layout.md): a first layout where the text flows freely and
    every note and apparatus entry floats on its own, then layouts that hold its page breaks
    and write each page's foot as one block, until one reproduces the plan it was built from
    (two layouts; at most MAX_PASSES).

    ``hint``, the plan of an earlier build of the same edition (``edition watch``), stands in
    for the first layout: after a small change it is often already the fixed point (one
    layout instead of two).  If a paragraph that holds one of its page breaks was edited, if a
    page's number of lines changed, or if anything moved, the build starts over cold.
    """
    from weasyprint import HTML

    from ..writers.html import HTMLWriter

    base_dir = os.path.dirname(os.path.abspath(edition.source)) if edition.source else os.getcwd()
    fetcher = safe_fetcher(base_dir)
    logger = logging.getLogger("weasyprint")
    handler = _LogToReporter(reporter, edition.meta.abstracts[0].loc if edition.meta.abstracts else None)
    logger.addHandler(handler)
    from .breaks import page_profile
    from .feet import entry_shares, foot_areas, foot_drops, items_that_fit, note_heights, text_width

    def render(html: str):
        return HTML(string=html, base_url=base_dir + os.sep, url_fetcher=fetcher).render()

    def render_pass(plan: Optional[LayoutPlan], writer, html: str):
        """A layout that holds its page breaks is rendered in chunks (layout/chunks.py)."""
        from .chunks import ChunkedDocument, back_matter_pages, chunk_html, cuts, jobs, lay_out_chunk, run_all

        if plan is None or not plan.start_page:
            return render(html)
        back = back_matter_pages(html, max(plan.start_page.values()) + 1)
        points = cuts(plan, writer.quoted, back)
        if not points:
            return render(html)
        bounds = [(None, 0)] + [(start, page) for page, start in points]
        tasks, offsets = [], []
        for i, (start, offset) in enumerate(bounds):
            end = bounds[i + 1][0] if i + 1 < len(bounds) else None
            part = HTMLWriter(edition, plan, source_date=source_date, back_matter=writer.back_matter and end is None)
            part.chunk, part.page_offset = (start, end), offset
            text = chunk_html(part, edition.meta.title)
            tasks.append(lambda text=text: lay_out_chunk(text, render, uses_lines(edition)))
            offsets.append(offset)
        results = run_all(tasks, jobs())
        for result in results:  # what WeasyPrint said in other processes
            for message in result.warnings:
                logger.warning(message)
        sizes = [len(r.pages) for r in results[:-1]]
        if sizes != [b - a for a, b in zip(offsets, offsets[1:])]:
            # a chunk did not end where the next begins: the whole document in one layout
            progress(f"chunks of {', '.join(map(str, sizes))} pages instead of {', '.join(str(b - a) for a, b in zip(offsets, offsets[1:]))}: laid out whole")
            return render(html)
        return ChunkedDocument(results, offsets)

    timings: list[tuple[str, float]] = []
    plan: Optional[LayoutPlan] = hint
    shares: Optional[dict[int, float]] = None  # apparatus entries' shares, for free layouts

    def measure_shares() -> None:
        nonlocal shares
        if shares is None:
            t = time.perf_counter()
            shares = entry_shares(edition, render)
            timings.append(("measure apparatus", time.perf_counter() - t))

    def writer_for(plan):
        if plan is None:
            measure_shares()
        # a first layout only has to find where the text's pages break: the back matter
        # follows the text and cannot move it (unless critical endnotes hold index tags,
        # whose pages the plan needs)
        free = plan is None
        back = not free or edition.settings.apparatus_place != "foot"
        return HTMLWriter(edition, plan, source_date=source_date, entry_heights=shares if free else None, back_matter=back)

    def hold_free_layout(document, pages, writer, n: int):
        """A free layout: hold its page breaks.  Items WeasyPrint set a page after their call
        are tried on their call's page first (the foot of a later pass is often smaller than
        the first layout's separate floats); if that fails, the safe plan (returned as the
        fallback, with what its feet are measured against) keeps them where they were set."""
        t3 = time.perf_counter()
        safe = make_plan(edition, pages, document, first=True)
        safe.digests = {b: writer.digests[b] for b in safe.breaks if b in writer.digests}
        plan, fallback = safe, None
        areas, width = foot_areas(document), text_width(document)
        bold = make_plan(edition, pages, None, held=safe)
        if (bold.note_page, bold.app_page) != (safe.note_page, safe.app_page):
            back = items_that_fit(edition, safe, bold, areas, width, render)
            if back:
                plan = make_plan(edition, pages, None, first=True, held=safe, bold_items=back)
                plan.lines, plan.app_lines, plan.tag_line = safe.lines, safe.app_lines, safe.tag_line
                fallback = safe
        notes = note_heights(document)
        if plan.start_page:  # the feet of the next pass, against the room they have
            plan.foot_drop = foot_drops(edition, plan, areas, notes, width, render)
        timings.append((f"measure feet (pass {n})", time.perf_counter() - t3))
        return plan, fallback if plan.start_page else None, (areas, notes, width)

    def cold_first_layout() -> dict:
        """The first layout of a cold build, with all that is read from it (run in a child
        process: its heap goes with it, and the processes of the second layout are forked
        from a parent that never held it)."""
        from .speedups import remembered

        mark = len(timings)
        measure_shares()
        t0 = time.perf_counter()
        writer = writer_for(None)
        html = writer.render()
        t1 = time.perf_counter()
        document = render(html)
        timings.extend([("html (pass 1)", t1 - t0), ("layout (pass 1)", time.perf_counter() - t1)])
        note = f"pass 1: {len(document.pages)} pages"
        plan, fallback, measures = hold_free_layout(document, anchor_pages(document), writer, 1)
        return {"plan": plan, "fallback": fallback, "measures": measures, "shares": shares, "timings": timings[mark:],
                "note": note, "lines": remembered()}

    fallback: Optional[LayoutPlan] = None  # the safe plan, while a bolder one is tried
    best = None
    converged = False
    try:
        for n in range(1, MAX_PASSES + 1):
            if plan is None and n == 1 and forking():
                from .chunks import run_in_child
                from .speedups import remember

                before = len(timings)
                first = run_in_child(cold_first_layout, logger)
                if len(timings) == before:  # it ran in a child (else its timings are here already)
                    timings.extend(first["timings"])
                shares = first["shares"]
                remember(first["lines"])
                progress(first["note"])
                plan, fallback = first["plan"], first["fallback"]
                if fallback is not None:
                    fallback_drops = lambda f=fallback, m=first["measures"]: foot_drops(edition, f, *m, render)
                continue
            if plan is None:
                measure_shares()  # outside the pass's timings
            t0 = time.perf_counter()
            writer = writer_for(plan)
            html = writer.render()
            if n == 1 and plan is not None and any(writer.digests.get(b) != d for b, d in plan.digests.items()):
                # the hint holds a page break in a block that was edited: start cold
                plan = None
                writer = writer_for(plan)
                html = writer.render()
            t1 = time.perf_counter()
            document = render_pass(plan, writer, html)
            t2 = time.perf_counter()
            timings += [(f"html (pass {n})", t1 - t0), (f"layout (pass {n})", t2 - t1)]
            pages = anchor_pages(document)
            free = plan is None or not plan.start_page  # no page break was held
            note = f"pass {n}: {len(document.pages)} pages" + (f" in {chunk_count(document)} chunks" if chunk_count(document) > 1 else "")
            if plan is not None:
                bad = misplaced(edition, pages)
                found = page_profile(document)
                moved = [] if free else moved_breaks(plan, found.starts)
                # a hint whose pages now hold more or fewer lines than when its breaks were
                # taken would keep a page short or full where a cold build would not
                stale = n == 1 and not free and found.lines != plan.page_lines
                progress(note + (f", {len(bad)} misplaced" if bad else "")
                         + (f", held page breaks moved on pages {', '.join(str(p + 1) for p in moved)}" if moved else ""))
                # items go to the page where they were set: a pass whose plan it reproduces is
                # final, even if an item could not be set beside its call (it is reported)
                new_plan = make_plan(edition, pages, document, first=True, held=None if free else plan)
                if not stale and (best is None or (not moved and (best.moved or len(bad) < len(best.misplaced)))):
                    best = LayoutResult(document, plan, n, bad, timings, html, new_plan.lines, moved)
                if not moved and not stale and new_plan.key() == plan.key():
                    best = LayoutResult(document, plan, n, bad, timings, html, new_plan.lines)
                    converged = True
                    if plan.start_page:
                        plan.final = final_facts(edition, found, writer, len(document.pages))
                    break
                if n == 1:  # the hint does not fit the edited text: start cold
                    plan, best = None, None
                    continue
                if moved and fallback is not None:  # the bolder plan did not fit after all
                    plan, fallback = fallback, None
                    plan.foot_drop = fallback_drops()
                    continue
                if moved:
                    # a page's new foot did not fit beside the held text: let the text flow
                    # again, and hold the breaks of that layout instead
                    plan = new_plan
                    plan.breaks, plan.start_page = {}, {}
                    assign_blocks(edition, plan, pages)
                    continue
                if not free:
                    plan = new_plan
                    continue
                # a layout whose text flowed freely again: hold its breaks, as below
            else:
                progress(note)
            plan, fallback, measures = hold_free_layout(document, pages, writer, n)
            if fallback is not None:
                fallback_drops = lambda f=fallback, m=measures: foot_drops(edition, f, *m, render)
            document = None  # free the first layout's boxes before the next
            release_memory()
    finally:
        logger.removeHandler(handler)
    assert best is not None
    best.timings = timings
    if best.moved:
        reporter.warning(
            None,
            f"page breaks did not settle after {best.passes} layouts (pages {', '.join(str(p + 1) for p in best.moved)}"
            " begin earlier than planned, leaving a short page before them)",
        )
    pages = anchor_pages(best.document)
    for page, px in sorted(best.plan.foot_drop.items()):
        if px * 0.75 > DROP_WARN_PT:
            first = [n for n in edition.notes if best.plan.note_page.get(n.n) == page]
            first += [a for a in edition.apparatus if best.plan.app_page.get(a.n) == page]
            reporter.warning(
                first[0].loc if first else None,
                f"page {page + 1}: its foot runs {px * 0.75:.0f}pt into the bottom margin (it is taller than the room the"
                " first layout left for it, and the page's text was kept as laid out)",
                "shorten a note on that page, or move a call, if the page matters",
            )
    for what in best.misplaced:
        kind, n = what.rsplit(" ", 1)
        node = edition.notes[int(n) - 1] if kind == "note" else edition.apparatus[int(n) - 1]
        call = pages.get(f"fnref{n}" if kind == "note" else f"appref{n}")
        there = pages.get(node.id)
        reporter.warning(
            node.loc,
            f"{what} is printed on page {there + 1 if there is not None else '?'}, its call on page {call + 1 if call is not None else '?'}"
            " (the foot of its call's page could not hold it)",
            "nothing is lost; shorten the entry or move the lemma if the page matters",
        )
    if best.passes == MAX_PASSES and not best.misplaced and not best.moved and not converged:
        reporter.warning(None, f"page numbers did not settle after {MAX_PASSES} layouts; the index may be off by a page")
    return best
