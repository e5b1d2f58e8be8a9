"""Layout: HTML -> WeasyPrint pages, repeated until every page fact is stable.

Page facts (where each note call, apparatus lemma and index tag lands) come from one
layout's ``Page.anchors``.  They become a :class:`LayoutPlan` for the next pass: the foot of
each page is then written as one block (the author's notes, then the apparatus series) that
floats from the page's first call, apparatus markers restart with *a* on every page, and the
index prints the real page numbers.  When a pass produces the plan it was given, the layout
is a fixed point: every printed page number and foot-of-page placement is true.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..diagnostics import Reporter
from ..model import App, Edition, Note
from ..transforms import reading_order

MAX_PASSES = 5


@dataclass
class LayoutPlan:
    note_page: dict[int, int] = field(default_factory=dict)
    app_page: dict[int, int] = field(default_factory=dict)
    tag_page: dict[str, int] = field(default_factory=dict)
    app_letter: dict[int, str] = field(default_factory=dict)
    block_at: dict[tuple[str, int], int] = field(default_factory=dict)
    app_lines: dict[int, tuple[int, int]] = field(default_factory=dict)  # app -> (first, last) line
    tag_line: dict[str, int] = field(default_factory=dict)  # index tag in the text -> its line
    # page -> height (px) its foot took in the first layout: later passes keep at least that
    # much, so the text does not pull lines up and the page breaks stay put
    foot_height: dict[int, float] = field(default_factory=dict)
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


FOOT_HOLD_LIMIT = 0.4  # a foot taller than this share of the page is not held (it would not fit)


def foot_heights(edition: Edition, document) -> dict[int, float]:
    """Page -> height (CSS px) its notes and apparatus entries took, for the moderate ones."""
    ids = {n.id for n in edition.notes} | {a.id for a in edition.apparatus}
    out: dict[int, float] = {}
    for i, page in enumerate(document.pages):
        spans = [box for anchor, box in page.anchors.items() if anchor in ids]
        if spans:
            height = max(b[3] for b in spans) - min(b[1] for b in spans)
            if height <= FOOT_HOLD_LIMIT * page.height:
                out[i] = height
    return out


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


def make_plan(edition: Edition, pages: dict[str, int], document=None, first: bool = False) -> LayoutPlan:
    """The page facts of a layout, as the plan for the next pass.

    Items go to the page of their call.  After the first pass (one float per item), an item
    that WeasyPrint could not set beside its call (it deferred it to a later page because the
    call's line could not move) goes to the page where it was set: put in its call's page's
    foot it would make that whole foot too tall and push it, with every entry, a page on.
    """
    from ..writers.html import letters

    plan = LayoutPlan()
    if document is not None and uses_lines(edition):
        plan.lines = place_lemmas(edition, document, plan)

    def placed(call_id: str, entry_id: str):
        call = pages.get(call_id)
        entry = pages.get(entry_id)
        if first and call is not None and entry is not None and entry > call:
            return entry
        return call

    for note in edition.notes:
        page = placed(f"fnref{note.n}", note.id)
        if page is not None:
            plan.note_page[note.n] = page
    for app in edition.apparatus:
        if app.in_note:
            page = plan.note_page.get(app.in_note)
        else:
            page = placed(f"appref{app.n}", app.id)
        if page is not None:
            plan.app_page[app.n] = page
    for tag in edition.tags:
        if tag.id in pages:
            plan.tag_page[tag.id] = pages[tag.id]
    per_page: dict[int, int] = {}
    for app in edition.apparatus:  # apparatus numbers follow reading order
        page = plan.app_page.get(app.n)
        if page is None:
            continue
        plan.app_letter[app.n] = letters(per_page.get(page, 0))
        per_page[page] = per_page.get(page, 0) + 1
    assign_blocks(edition, plan)
    return plan


def assign_blocks(edition: Edition, plan: LayoutPlan) -> None:
    """Each page's foot floats from the page's first call, so that its space is reserved
    before any line that refers to it is set."""
    plan.block_at = {}
    for call in body_calls(edition):
        kind, n = call
        page = plan.note_page.get(n) if kind == "fn" else plan.app_page.get(n)
        if page is not None and page not in plan.block_at.values():
            plan.block_at[call] = page


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

    def pdf(self, edition: Edition, identifier: bytes) -> bytes:
        """The PDF bytes, with margin line numbers drawn over the pages when asked for."""
        data = self.document.write_pdf(pdf_identifier=identifier)
        if uses_lines(edition) and self.lines is not None:
            from .overlay import draw_line_numbers

            data = draw_line_numbers(data, self.document, self.lines, edition.settings.line_every, edition.settings.line_side)
        return data


def lay_out(
    edition: Edition,
    reporter: Reporter,
    source_date: Optional[str] = None,
    progress: Callable[[str], None] = lambda _msg: None,
    hint: Optional[LayoutPlan] = None,
) -> LayoutResult:
    """Lay the edition out until its page facts are stable (at most MAX_PASSES layouts).

    ``hint``, the plan of an earlier build of the same edition (``edition watch``), stands in
    for the first pass: after a small change it is often already the fixed point (one layout
    instead of two or three).  If it leaves anything misplaced, the build starts over cold.
    """
    from weasyprint import HTML

    from ..writers.html import HTMLWriter

    base_dir = os.path.dirname(os.path.abspath(edition.source)) if edition.source else os.getcwd()
    fetcher = safe_fetcher(base_dir)
    logger = logging.getLogger("weasyprint")
    handler = _LogToReporter(reporter, edition.meta.abstracts[0].loc if edition.meta.abstracts else None)
    logger.addHandler(handler)
    timings: list[tuple[str, float]] = []
    plan: Optional[LayoutPlan] = hint
    best = None
    try:
        for n in range(1, MAX_PASSES + 1):
            if n == 2 and hint is not None and best is not None and best.misplaced:
                plan, best = None, None  # the hint did not fit the edited text: start cold
            t0 = time.perf_counter()
            html = HTMLWriter(edition, plan, source_date=source_date).render()
            t1 = time.perf_counter()
            document = HTML(string=html, base_url=base_dir + os.sep, url_fetcher=fetcher).render()
            t2 = time.perf_counter()
            timings += [(f"html (pass {n})", t1 - t0), (f"layout (pass {n})", t2 - t1)]
            pages = anchor_pages(document)
            new_plan = make_plan(edition, pages, document, first=plan is None)
            new_plan.foot_height = foot_heights(edition, document) if plan is None else plan.foot_height
            bad = misplaced(edition, pages) if plan is not None else ["first pass"]
            progress(f"pass {n}: {len(document.pages)} pages" + (f", {len(bad)} misplaced" if plan is not None and bad else ""))
            if plan is not None and (best is None or len(bad) < len(best.misplaced)):
                best = LayoutResult(document, plan, n, bad, timings, html, new_plan.lines)
            if plan is not None and not bad and new_plan.key() == plan.key():
                return LayoutResult(document, plan, n, [], timings, html, new_plan.lines)
            plan = new_plan
    finally:
        logger.removeHandler(handler)
    assert best is not None
    best.timings = timings
    pages = anchor_pages(best.document)
    for what in best.misplaced:
        kind, n = what.rsplit(" ", 1)
        node = edition.notes[int(n) - 1] if kind == "note" else edition.apparatus[int(n) - 1]
        call = pages.get(f"fnref{n}" if kind == "note" else f"appref{n}")
        there = pages.get(node.id)
        reporter.warning(
            node.loc,
            f"{what} is printed on page {there + 1 if there is not None else '?'}, its call on page {call + 1 if call is not None else '?'}"
            f" (the foot of the page could not hold it beside its call after {MAX_PASSES} layouts)",
            "nothing is lost; shorten the entry or move the lemma if the page matters",
        )
    if not best.misplaced:
        reporter.warning(None, f"page numbers did not settle after {MAX_PASSES} layouts; the index may be off by a page")
    return best
