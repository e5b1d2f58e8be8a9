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
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..diagnostics import Reporter
from .. import engine
from ..engine import element_boxes
from ..model import App, Edition, Note
from ..transforms import reading_order
from .breaks import page_profile
from .notesplit import read_cuts

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
class LayoutFacts:
    """What was read from a layout (or, for an item WeasyPrint set a page late, decided from
    it): the pages of calls, entries and tags, the lines of lemmas and tags, where each page
    began and how many lines it held, the widths of the apparatus markers."""

    note_page: dict[int, int] = field(default_factory=dict)  # note -> page of its foot
    app_page: dict[int, int] = field(default_factory=dict)  # apparatus entry -> page
    tag_page: dict[str, int] = field(default_factory=dict)  # index tag id -> page
    app_lines: dict[int, tuple[int, int]] = field(default_factory=dict)  # app -> (first, last) line
    tag_line: dict[str, int] = field(default_factory=dict)  # index tag in the text -> its line
    # page start (block id, letter offset; edition/layout/breaks.py) -> its page
    start_page: dict[tuple[str, int], int] = field(default_factory=dict)
    # digest of each held block's running text, and the number of text lines on each page,
    # in the layout the breaks were taken from: a hint whose blocks or pages differ is not used
    digests: dict[str, str] = field(default_factory=dict)
    page_lines: dict[int, int] = field(default_factory=dict)
    # apparatus markers: width (px) of each in the held layout, and of each letter
    mark_width: dict[int, float] = field(default_factory=dict)
    letter_width: dict[str, float] = field(default_factory=dict)
    # the numbered text lines of the layout this plan was read from (not part of the plan's
    # identity): the final layout's lines are drawn in the margin without reading them again
    lines: Optional[list] = field(default=None, repr=False, compare=False)


@dataclass
class NextLayout:
    """What the next layout is told: where to break the text, where each page's foot floats
    from, the markers' letters, how far each foot may run into the bottom margin."""

    # block id -> letter offsets where the first layout began a page in it (0: before it);
    # later passes break the text there, and the page's foot floats from there
    breaks: dict[str, list[int]] = field(default_factory=dict)
    block_at: dict[tuple[str, int], int] = field(default_factory=dict)  # first call -> page whose foot it carries
    app_letter: dict[int, str] = field(default_factory=dict)  # apparatus entry -> its marker's letter
    # page -> px its foot may run into the bottom margin (measured before the pass)
    foot_drop: dict[int, float] = field(default_factory=dict)
    # block id -> offsets of the words the next layout must not hyphenate (layout/hyphens.py)
    no_hyphen: dict[str, set[int]] = field(default_factory=dict)
    keep_hyphen: dict[str, set[int]] = field(default_factory=dict)  # given back: never refused again
    # note -> letter offset (in its text) where the first layout went on to the next page:
    # its head is printed with its call, the rest opens the next page's foot (layout/notesplit.py)
    note_cut: dict[int, int] = field(default_factory=dict)


@dataclass
class LayoutPlan(NextLayout, LayoutFacts):
    """A plan: the facts read from one layout (:class:`LayoutFacts`) and what the next layout
    is told (:class:`NextLayout`).  A layout whose facts are its plan's (:meth:`key`) is final."""

    # facts of the final layout, for rebuilding one page after an edit (layout/patch.py)
    final: Optional["FinalFacts"] = field(default=None, repr=False, compare=False)

    def key(self):
        return (self.note_page, self.app_page, self.tag_page, self.app_lines, self.tag_line, self.no_hyphen)

    @staticmethod
    def page_label(page: int) -> str:
        return str(page + 1)


# What a layout's anchors are, in the model's terms: ("fn", n) the call of note n, ("note", n)
# the note itself, ("app", n) the marker of apparatus entry n, ("entry", n) the entry,
# ("lem", n) the start of its lemma, ("tag", id) an index tag (its id as the model gives it).
Key = tuple


def anchor_keys(edition: Edition) -> dict[str, Key]:
    """HTML id -> model key of every anchor the writer writes: the one place where the ids
    of WeasyPrint's anchors (``fnref3``, ``appref3``, ``lem3``, note, entry and tag ids) are
    read; everything after it (plans, checks) speaks of notes, entries and tags.

    >>> from edition.model import Note
    >>> anchor_keys(Edition(notes=[Note(n=3, id="fn3")]))
    {'fnref3': ('fn', 3), 'fn3': ('note', 3)}
    """
    keys: dict[str, Key] = {}
    for note in edition.notes:
        keys[f"fnref{note.n}"], keys[note.id] = ("fn", note.n), ("note", note.n)
    for app in edition.apparatus:
        keys[f"appref{app.n}"], keys[app.id], keys[f"lem{app.n}"] = ("app", app.n), ("entry", app.n), ("lem", app.n)
    for tag in edition.tags:
        keys[tag.id] = ("tag", tag.id)
    return keys


def anchor_boxes(edition: Edition, document) -> dict[Key, tuple[int, tuple]]:
    """Model key -> (page index, (x1, y1, x2, y2) in CSS px) of its first anchor in a
    rendered document (anchors that are no model's are left out)."""
    keys = anchor_keys(edition)
    out: dict[Key, tuple[int, tuple]] = {}
    for anchor, place in engine.anchor_boxes(document).items():
        key = keys.get(anchor)
        if key is not None:
            out.setdefault(key, place)
    return out


def anchor_pages(edition: Edition, document) -> dict[Key, int]:
    """Model key -> 0-based page index, from a rendered document."""
    return {key: page for key, (page, _box) in anchor_boxes(edition, document).items()}


def hold_breaks(edition: Edition, plan: LayoutPlan, document) -> None:
    """Keep the page breaks of ``document`` in ``plan`` (see :mod:`.breaks`)."""
    from .breaks import page_profile

    out: dict[str, list[int]] = {}
    found = page_profile(document)
    plan.start_page, plan.page_lines = {}, found.lines
    for page, (ident, offset) in found.starts.items():
        out.setdefault(ident, []).append(offset)
        plan.start_page[(ident, offset)] = page
    plan.breaks = {k: sorted(v) for k, v in out.items()}
    plan.mark_width, plan.letter_width = mark_widths(edition, document)


def mark_widths(edition: Edition, document) -> tuple[dict[int, float], dict[str, float]]:
    """Widths of the apparatus markers in the text (app number -> px) and of their letters."""
    from ..engine import box_types

    keys = anchor_keys(edition)
    inline = box_types().inline
    marks: dict[int, float] = {}
    letter: dict[str, float] = {}
    is_mark = lambda box, element: isinstance(box, inline) and keys.get(element.get("id") or "", ("",))[0] == "app"
    for box in element_boxes(document, is_mark):
        text = "".join(getattr(c, "text", "") for c in descendants(box))
        n = keys[box.element.get("id")][1]
        marks[n] = marks.get(n, 0.0) + box.width
        if len(text) == 1:
            letter.setdefault(text, box.width)
    return marks, letter


def descendants(box):
    """The boxes inside ``box``, depth first (a marker's letter is in a link inside it)."""
    for child in getattr(box, "children", ()):
        yield child
        yield from descendants(child)


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


def rewrapped(plan: LayoutPlan, found, page: int) -> bool:
    """Whether the held break of ``page`` (0-based) moved because the text before it took more
    lines than in the layout it was taken from (the page before is as full as it was, and
    ends earlier in the text: a refused break re-wrapped its lines, layout/hyphens.py), not
    because its foot took their room (it holds fewer lines): the safe plan's feet would not
    bring the break back.  ``found``: the layout's :class:`.breaks.PageProfile`."""
    before = page - 1
    return before in plan.page_lines and found.lines.get(before, 0) >= plan.page_lines[before]


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
    boxes = anchor_boxes(edition, document)
    for app in edition.apparatus:
        if app.in_note:
            continue
        start, end = boxes.get(("lem", app.n)), boxes.get(("app", app.n))
        if start is None or end is None:
            continue
        first = lines[start[0]].line_at((start[1][1] + start[1][3]) / 2)
        last = lines[end[0]].line_at((end[1][1] + end[1][3]) / 2)
        if first is not None and last is not None:
            plan.app_lines[app.n] = (first.n, last.n if end[0] == start[0] else first.n)
    for tag in edition.tags:
        box = boxes.get(("tag", tag.id))
        if box is not None and not tag.in_note:
            middle = (box[1][1] + box[1][3]) / 2
            line = lines[box[0]].line_at(middle)
            if line is not None and line.top - 1 <= middle <= line.bottom + 1:  # not in a heading
                plan.tag_line[tag.id] = line.n
    return lines


def make_plan(
    edition: Edition,
    pages: dict[Key, int],
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
        plan.note_cut = held.note_cut
    elif first and document is not None:
        hold_breaks(edition, plan, document)
        plan.note_cut = read_cuts(edition, document, pages)  # layout/notesplit.py
    if document is not None and uses_lines(edition):
        plan.lines = place_lemmas(edition, document, plan)

    def placed(item: tuple[str, int], entry: Key):
        call = pages.get(item)
        entry = pages.get(entry)
        if first and call is not None and entry is not None and entry > call and item not in (bold_items or ()):
            return entry
        return call

    for note in edition.notes:
        page = placed(("fn", note.n), ("note", note.n))
        if page is not None:
            plan.note_page[note.n] = page
    # a note is cut only when its head is printed with its call, and is the last note there
    last = {}
    for n, page in plan.note_page.items():
        last[page] = max(n, last.get(page, n))
    plan.note_cut = {n: k for n, k in plan.note_cut.items()
                     if n in plan.note_page and plan.note_page[n] == pages.get(("fn", n)) and last[plan.note_page[n]] == n}
    for app in edition.apparatus:
        if app.in_note and edition.settings.apparatus_place == "foot":
            page = in_note_page(plan, app.in_note, pages.get(("app", app.n)))
        elif app.in_note:  # critical endnotes: an entry in a note is keyed to the note ("9n")
            page = plan.note_page.get(app.in_note)
        elif edition.settings.apparatus_place == "foot":
            page = placed(("app", app.n), ("entry", app.n))
        else:  # critical endnotes: filed under the page of the lemma
            page = pages.get(("app", app.n))
        if page is not None:
            plan.app_page[app.n] = page
    for tag in edition.tags:
        # a tag in a note or an apparatus reading is on the page of its note or entry
        if tag.in_app and tag.in_app in plan.app_page and edition.settings.apparatus_place == "foot":
            plan.tag_page[tag.id] = plan.app_page[tag.in_app]
        elif tag.in_note and tag.in_note in plan.note_page:
            plan.tag_page[tag.id] = in_note_page(plan, tag.in_note, pages.get(("tag", tag.id)))
        elif ("tag", tag.id) in pages:
            plan.tag_page[tag.id] = pages[("tag", tag.id)]
    assign_letters(edition, plan)
    assign_blocks(edition, plan, pages)
    return plan


def in_note_page(plan: LayoutPlan, note: int, found: Optional[int]) -> Optional[int]:
    """The page of an apparatus entry or index tag in note ``note`` (``found``: the page
    where the layout set it): its note's, or the next page when it is in the rest of a
    note cut at the foot of its call's page (layout/notesplit.py)."""
    page = plan.note_page.get(note)
    if note in plan.note_cut and page is not None and found == page + 1:
        return found
    return page


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


def assign_blocks(edition: Edition, plan: LayoutPlan, pages: dict[Key, int]) -> None:
    """Each page's foot floats from the page's first line when the page begins at a held
    break, else from the first call set on the page: its space is reserved before any line
    that refers to it is set."""
    plan.block_at = {}
    held = set(plan.start_page.values())
    placed: set[int] = set()
    for call in body_calls(edition):
        page = pages.get(call)
        if page is not None and page not in held and page not in placed:
            plan.block_at[call] = page
            placed.add(page)


def misplaced(edition: Edition, pages: dict[Key, int]) -> list[str]:
    """Notes and apparatus entries not printed on the page of their call."""
    bad = []
    for note in edition.notes:
        if pages.get(("fn", note.n)) != pages.get(("note", note.n)):
            bad.append(f"note {note.n}")
    if edition.settings.apparatus_place != "foot":
        return bad  # critical endnotes: entries are at the end, by page and line
    for app in edition.apparatus:
        call = pages.get(("app", app.n))
        if call is None or call != pages.get(("entry", app.n)):
            bad.append(f"apparatus entry {app.n}")
    return bad


class NotKept(Exception):
    """The layout cache does not hold the first layout's facts for this question (a miss,
    or an answer without a fact the build needs): the first layout is laid out again."""


def first_question(edition: Edition, writer, html: str, lines: str = "") -> str:
    """What a free layout's facts are a function of, besides what layout/cache.py keys
    every render on (the tool's code, WeasyPrint, fonts, the files it fetches): its HTML,
    what the measurements made after it read of the edition and is not in that HTML (the
    settings, the apparatus entries as the foot prints them: a free layout floats only
    their shares), and ``lines``, the state of line control it was written with
    (:meth:`Passes.line_state`: the first layout's and a restart's differ)."""
    entries = [writer.app_entry(a) for a in edition.apparatus] if edition.settings.apparatus_place == "foot" else []
    return "\0".join([repr(edition.settings), *entries, lines, html])


def kept_first(store, digest: str, logger) -> dict:
    """The first layout's facts kept under ``digest`` (what WeasyPrint said laying it out
    told again: the build's warnings are a cold build's); NotKept if there are none."""
    found = store.get("first", digest)
    if found is None:
        raise NotKept(digest)
    first, messages = found
    if not isinstance(first, dict):
        raise NotKept(digest)
    for message in messages:
        logger.warning(message)
    return first


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

    def pdf(self, edition: Edition, identifier: bytes, attachments: tuple = (), variant=None, description=None, press=None) -> bytes:
        """The PDF bytes (edition/pdf/), with margin line numbers drawn over the pages when
        asked for, ``attachments`` (edition.pdf.Attachment) embedded and, for a PDF
        ``variant`` (edition/pdf/variants.py), the XMP of ``description``."""
        from ..pdf import LineNumbers, finish

        numbers = None
        if uses_lines(edition) and self.lines is not None:
            numbers = LineNumbers(self.document, self.lines, edition.settings.line_every, edition.settings.line_side)
        return finish(self.document, identifier, numbers, attachments, variant=variant, description=description, press=press)


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


def lay_out(*args, **kwargs) -> "LayoutResult":
    """:func:`_lay_out` with the cyclic GC tuned for layouts (GC_THRESHOLDS), and work WeasyPrint
    repeats done once (layout/speedups.py)."""
    from ..engine import faster_layout

    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        with faster_layout(args[1] if len(args) > 1 else kwargs.get("reporter")):
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
    (two layouts; at most MAX_PASSES).  The steps are :class:`Passes`'.

    ``hint``, the plan of an earlier build of the same edition (``edition watch``), stands in
    for the first layout: after a small change it is often already the fixed point (one
    layout instead of two).  If a paragraph that holds one of its page breaks was edited, if a
    page's number of lines changed, or if anything moved, the build starts over cold.
    """
    from .. import engine

    base_dir = os.path.dirname(os.path.abspath(edition.source)) if edition.source else os.getcwd()
    logger = engine.log
    handler = engine.LogToReporter(reporter, edition.meta.abstracts[0].loc if edition.meta.abstracts else None)
    logger.addHandler(handler)

    def render(html: str):
        return engine.render(html, base_dir)

    passes = Passes(edition, source_date, progress, render, logger)
    try:
        passes.run(hint)
    finally:
        logger.removeHandler(handler)
    return passes.report(reporter)


class Passes:
    """The layouts of one build, step by step (:func:`_lay_out`).

    State between the steps: ``plan``, what the next layout is written from (None: a free
    layout, the first); ``fallback``, the safe plan while a bolder one is tried, with
    ``fallback_drops`` to measure its feet; ``best``, the best layout so far; ``shares``, the
    apparatus entries' shares (measured once, for free layouts); ``timings``; ``refused``,
    the breaks line control refused before held breaks moved, which the free layout after
    that is written with (``restarted``: line control is closed, hyphens.control).
    """

    def __init__(self, edition: Edition, source_date, progress: Callable[[str], None], render: Callable, logger):
        self.edition, self.source_date, self.progress, self.render, self.logger = edition, source_date, progress, render, logger
        self.timings: list[tuple[str, float]] = []
        self.plan: Optional[LayoutPlan] = None
        self.fallback: Optional[LayoutPlan] = None
        self.fallback_drops: Optional[Callable[[], dict]] = None
        self.best: Optional[LayoutResult] = None
        self.converged = False
        self.shares: Optional[dict[int, float]] = None
        self.note_lines: dict[int, list[int]] = {}  # notes that may split (layout/notesplit.py)
        self.line_rounds = 0  # held layouts that changed the breaks refused (layout/hyphens.py)
        # after a held layout whose breaks moved, the text flows again from a free layout
        # (``restarted``) written with the breaks refused so far (``refused``): line control
        # is closed from then on (hyphens.control)
        self.restarted = False
        self.refused: Optional[NextLayout] = None
        self.unmoved: set[int] = set()  # pages whose start a page-final hyphen does not move

    def run(self, hint: Optional[LayoutPlan]) -> None:
        """Layouts until one reproduces its plan (or MAX_PASSES): each writes the HTML of the
        plan, lays it out, and either ends, or makes the next plan from what it found, or
        (a free layout) holds its page breaks."""
        from . import cache

        self.plan = hint
        for n in range(1, MAX_PASSES + 1):
            if self.plan is None and (forking() or cache.active() is not None):
                self.first_layout(n)  # the first, or the restart's (next_plan)
                continue
            if self.plan is None:
                self.measure_shares()  # outside the pass's timings
            writer, html, document, pages, note = self.one_layout(n)
            if self.plan is not None:
                step = self.check(n, writer, html, document, pages, note)
                if step == "done":
                    break
                if step == "again":
                    continue
                # "hold": a layout whose text flowed freely again: hold its breaks, as below
            else:
                self.progress(note)
            self.hold(document, pages, writer, n)
            document = None  # free the first layout's boxes before the next
            release_memory()

    # ------------------------------------------------------------------ measuring, writing
    def measure_shares(self) -> None:
        """The apparatus entries' shares (feet.entry_shares), once."""
        from .feet import entry_shares
        from .notesplit import note_lines

        if self.shares is None:
            t = time.perf_counter()
            self.shares = entry_shares(self.edition, self.render)
            self.note_lines = note_lines(self.edition, self.render)
            self.timings.append(("measure apparatus", time.perf_counter() - t))

    def writer_for(self, plan: Optional[LayoutPlan]):
        """The writer of a layout of ``plan`` (None: a free layout).  A first layout only has
        to find where the text's pages break: the back matter follows the text and cannot move
        it (unless critical endnotes hold index tags, whose pages the plan needs)."""
        from .printwriter import print_writer

        if plan is None:
            self.measure_shares()
        free = plan is None
        back = not free or self.edition.settings.apparatus_place != "foot"
        return print_writer(self.edition, plan, source_date=self.source_date, entry_heights=self.shares if free else None,
                            note_lines=self.note_lines if free else None, back_matter=back, refused=self.refused)

    def one_layout(self, n: int):
        """Write and lay out pass ``n`` of the plan (a hint whose held blocks were edited is
        dropped: cold).  Returns the writer, its HTML, the layout, its pages (model key ->
        page) and a progress note."""
        t0 = time.perf_counter()
        writer = self.writer_for(self.plan)
        html = writer.render()
        if n == 1 and self.plan is not None and any(writer.digests.get(b) != d for b, d in self.plan.digests.items()):
            # the hint holds a page break in a block that was edited: start cold
            self.plan = None
            writer = self.writer_for(self.plan)
            html = writer.render()
        t1 = time.perf_counter()
        document = self.render_held(self.plan, writer, html)
        t2 = time.perf_counter()
        self.timings += [(f"html (pass {n})", t1 - t0), (f"layout (pass {n})", t2 - t1)]
        pages = anchor_pages(self.edition, document)
        chunks = chunk_count(document)
        note = f"pass {n}: {len(document.pages)} pages" + (f" in {chunks} chunks" if chunks > 1 else "")
        return writer, html, document, pages, note

    def render_held(self, plan: Optional[LayoutPlan], writer, html: str):
        """A layout that holds its page breaks is rendered in chunks (layout/chunks.py)."""
        from . import cache
        from .chunks import ChunkedDocument, back_matter_pages, chunk_html, cuts, jobs, lay_out_chunk, run_all
        from .printwriter import print_writer

        edition, render = self.edition, self.render
        if plan is None or not plan.start_page:
            return render(html)
        back = back_matter_pages(html, max(plan.start_page.values()) + 1)
        points = cuts(plan, writer.quoted, back)
        if not points:
            return render(html)
        bounds = [(None, 0)] + [(start, page) for page, start in points]
        tasks, texts, offsets = [], [], []
        for i, (start, offset) in enumerate(bounds):
            end = bounds[i + 1][0] if i + 1 < len(bounds) else None
            part = print_writer(edition, plan, source_date=self.source_date, back_matter=writer.back_matter and end is None, chunk=(start, end), page_offset=offset)
            text = chunk_html(part, edition.meta.title)
            tasks.append(lambda text=text: lay_out_chunk(text, render, uses_lines(edition)))
            texts.append(f"{uses_lines(edition)}\n{text}")
            offsets.append(offset)
        results = cache.run_cached("chunk", texts, tasks, lambda todo: run_all(todo, jobs()))  # layout/cache.py
        for result in results:  # what WeasyPrint said in other processes
            for message in result.warnings:
                self.logger.warning(message)
        sizes = [len(r.pages) for r in results[:-1]]
        if sizes != [b - a for a, b in zip(offsets, offsets[1:])]:
            # a chunk did not end where the next begins: the whole document in one layout
            self.progress(f"chunks of {', '.join(map(str, sizes))} pages instead of {', '.join(str(b - a) for a, b in zip(offsets, offsets[1:]))}: laid out whole")
            return render(html)
        return ChunkedDocument(results, offsets)

    # ------------------------------------------------------------------ free layouts
    def hold(self, document, pages, writer, n: int) -> None:
        """After a free layout: the plan that holds its breaks (and the fallback)."""
        from .feet import foot_drops

        self.plan, self.fallback, measures = self.hold_free_layout(document, pages, writer, n)
        if self.fallback is not None:
            self.fallback_drops = lambda f=self.fallback, m=measures: foot_drops(self.edition, f, *m, self.render)

    def hold_free_layout(self, document, pages, writer, n: int):
        """A free layout: hold its page breaks.  Items WeasyPrint set a page after their call
        are tried on their call's page first (the foot of a later pass is often smaller than
        the first layout's separate floats); if that fails, the safe plan (returned as the
        fallback, with what its feet are measured against) keeps them where they were set."""
        from .feet import foot_areas, foot_drops, items_that_fit, note_heights, text_width
        from .hyphens import control as line_control, line_ends

        edition, render = self.edition, self.render
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
        line_control([plan, fallback], line_ends(document), self.plan or self.refused, closed=self.restarted, unmoved=self.unmoved)
        notes = note_heights(edition, document)
        if plan.start_page:  # the feet of the next pass, against the room they have
            plan.foot_drop = foot_drops(edition, plan, areas, notes, width, render)
        self.timings.append((f"measure feet (pass {n})", time.perf_counter() - t3))
        return plan, fallback if plan.start_page else None, (areas, notes, width)

    def cold_first_layout(self, n: int = 1, written=None) -> dict:
        """A free layout (pass ``n``: the first of a cold build, or the restart's after held
        breaks moved, :meth:`next_plan`), with all that is read from it (run in a child
        process: its heap goes with it, and the processes of the held layouts are forked
        from a parent that never held it).  ``written``: its (writer, HTML) when the parent
        wrote them already (to look them up in the cache, :meth:`first_layout`)."""
        from .speedups import remembered

        mark = len(self.timings)
        writer, html = written or self.write_free(n)
        t1 = time.perf_counter()
        document = self.render(html)
        self.timings.append((f"layout (pass {n})", time.perf_counter() - t1))
        note = f"pass {n}: {len(document.pages)} pages"
        plan, fallback, measures = self.hold_free_layout(document, anchor_pages(self.edition, document), writer, n)
        return {"plan": plan, "fallback": fallback, "measures": measures, "shares": self.shares, "note_lines": self.note_lines, "timings": self.timings[mark:],
                "note": note, "lines": remembered()}

    def first_layout(self, n: int = 1) -> None:
        """A free layout's facts (:meth:`cold_first_layout`; pass ``n``): from the layout
        cache when an earlier build laid out the same free-layout HTML with the same line
        control (layout/cache.py; the register, the back matter, an uncited bibliography
        entry are not in it), else laid out (in a forked child when layouts may fork) and
        kept for the next build."""
        from . import cache
        from .chunks import kept_messages

        store = cache.active()
        if store is None:
            return self.take_first(self.run_first(lambda: self.cold_first_layout(n)))
        writer, html = self.write_free(n)  # in the parent: its HTML is the key
        t1 = time.perf_counter()
        digest = cache.key("first", first_question(self.edition, writer, html, self.line_state()))
        try:
            self.take_first(kept_first(store, digest, self.logger))
            self.timings.append((f"free layout (kept, pass {n})", time.perf_counter() - t1))
            return
        except NotKept:
            pass
        with kept_messages(self.logger) as messages:
            first, fetched = self.run_first(cache.recorded(lambda: self.cold_first_layout(n, (writer, html))))
        store.put("first", digest, fetched, (first, list(messages)))
        self.take_first(first)

    def write_free(self, n: int) -> tuple:
        """The writer and HTML of free layout ``n`` (the shares and note lines it floats are
        measured first, once)."""
        self.measure_shares()
        t0 = time.perf_counter()
        writer = self.writer_for(None)
        html = writer.render()
        self.timings.append((f"html (pass {n})", time.perf_counter() - t0))
        return writer, html

    def line_state(self) -> str:
        """What line control after a free layout reads of the passes so far, besides its
        HTML (hyphens.control): the breaks refused before a restart, whether it is closed,
        the pages whose start a page-final hyphen does not move."""
        words = lambda found: sorted((block, sorted(w)) for block, w in found.items())  # in one order
        refused = None if self.refused is None else (words(self.refused.no_hyphen), words(self.refused.keep_hyphen))
        return repr((refused, self.restarted, sorted(self.unmoved)))

    def run_first(self, task: Callable):
        """``task()`` in a forked child when layouts may fork (its timings come back), else here."""
        from .chunks import run_in_child

        if not forking():
            value = task()
            release_memory()  # the layout's boxes, before the held layouts
            return value
        before = len(self.timings)
        value = run_in_child(task, self.logger)
        if len(self.timings) == before:  # it ran in a child (else its timings are here already)
            first = value[0] if isinstance(value, tuple) else value
            self.timings.extend(first["timings"])
        return value

    def take_first(self, first: dict) -> None:
        """The plans, shares and line breaks of a first layout's facts, for the held layouts
        (NotKept if a fact is missing: nothing is taken)."""
        from .feet import foot_drops
        from .speedups import remember

        try:
            shares, lines, note, plan, fallback, measures, note_lines = (first[k] for k in ("shares", "lines", "note", "plan", "fallback", "measures", "note_lines"))
        except KeyError as missing:
            raise NotKept(str(missing)) from None
        self.shares, self.note_lines = shares, note_lines
        remember(lines)
        self.progress(note)
        self.plan, self.fallback = plan, fallback
        if fallback is not None:
            self.fallback_drops = lambda f=fallback, m=measures: foot_drops(self.edition, f, *m, self.render)

    # ------------------------------------------------------------------ held layouts
    def check(self, n: int, writer, html: str, document, pages, note: str) -> str:
        """A layout of a plan, checked: "done" (it reproduces the plan), "again" (the next
        plan is set), or "hold" (its text flowed freely: hold its breaks)."""
        from .hyphens import LINE_ROUNDS, line_ends, revise

        edition, plan = self.edition, self.plan
        free = not plan.start_page  # no page break was held
        bad = misplaced(edition, pages)
        found = page_profile(document)
        moved = [] if free else moved_breaks(plan, found.starts)
        # a hint whose pages now hold more or fewer lines than when its breaks were
        # taken would keep a page short or full where a cold build would not
        stale = n == 1 and not free and found.lines != plan.page_lines
        self.progress(note + (f", {len(bad)} misplaced" if bad else "")
                      + (f", held page breaks moved on pages {', '.join(str(p + 1) for p in moved)}" if moved else ""))
        # items go to the page where they were set: a pass whose plan it reproduces is
        # final, even if an item could not be set beside its call (it is reported)
        new_plan = make_plan(edition, pages, document, first=True, held=None if free else plan)
        new_plan.no_hyphen, new_plan.keep_hyphen = plan.no_hyphen, plan.keep_hyphen  # layout/hyphens.py
        if self.line_rounds < LINE_ROUNDS:
            new_plan.no_hyphen, new_plan.keep_hyphen = revise(line_ends(document), plan.no_hyphen, plan.keep_hyphen)
            self.line_rounds += new_plan.no_hyphen != plan.no_hyphen
        best = self.best
        if not stale and (best is None or (not moved and (best.moved or len(bad) < len(best.misplaced)))):
            self.best = LayoutResult(document, plan, n, bad, self.timings, html, new_plan.lines, moved)
        if not moved and not stale and new_plan.key() == plan.key():
            self.best = LayoutResult(document, plan, n, bad, self.timings, html, new_plan.lines)
            self.converged = True
            if plan.start_page:
                plan.final = final_facts(edition, found, writer, len(document.pages))
            return "done"
        return self.next_plan(n, plan, new_plan, pages, moved, free, moved and rewrapped(plan, found, moved[0]))

    def next_plan(self, n: int, plan: LayoutPlan, new_plan: LayoutPlan, pages, moved: list, free: bool, longer: bool = False) -> str:
        """The plan of the next layout after one that did not reproduce ``plan`` (``longer``:
        its breaks moved because the text before them took more lines, :func:`rewrapped`)."""
        if n == 1:  # the hint does not fit the edited text: start cold
            self.plan, self.best = None, None
            return "again"
        if moved and self.fallback is not None and not longer:  # the bolder plan did not fit after all
            self.plan, self.fallback = self.fallback, None
            self.plan.foot_drop = self.fallback_drops()
            return "again"
        if moved:
            # a page's new foot, or the re-wrap of a refused break, did not fit beside the
            # held text: a free layout again (as the first: every item floats on its own;
            # the feet of a plan read from the moved layout were its wrong pages'), with
            # the breaks refused so far and no more (hyphens.control: ``closed``), and the
            # breaks of that layout are held instead
            from .hyphens import LINE_ROUNDS

            self.refused = NextLayout(no_hyphen=new_plan.no_hyphen, keep_hyphen=new_plan.keep_hyphen)
            if longer:  # the page before took more text: its start, if a hyphen moved it (hyphens.control)
                self.unmoved.add(moved[0] - 1)
            self.plan, self.restarted, self.line_rounds = None, True, LINE_ROUNDS
            self.fallback = None  # the free layout's hold tries its own
            return "again"
        if not free:
            self.plan = new_plan
            return "again"
        return "hold"

    # ------------------------------------------------------------------ the result
    def report(self, reporter: Reporter) -> LayoutResult:
        """The best layout, with what did not settle reported."""
        best = self.best
        assert best is not None
        best.timings = self.timings
        if best.moved:
            reporter.warning(
                None,
                f"page breaks did not settle after {best.passes} layouts (pages {', '.join(str(p + 1) for p in best.moved)}"
                " begin earlier than planned, leaving a short page before them)",
            )
        pages = anchor_pages(self.edition, best.document)
        self.report_drops(reporter, best)
        self.report_misplaced(reporter, best, pages)
        if best.passes == MAX_PASSES and not best.misplaced and not best.moved and not self.converged:
            reporter.warning(None, f"page numbers did not settle after {MAX_PASSES} layouts; the index may be off by a page")
        return best

    def report_drops(self, reporter: Reporter, best: LayoutResult) -> None:
        """Feet that run further than DROP_WARN_PT into the bottom margin."""
        edition = self.edition
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

    def report_misplaced(self, reporter: Reporter, best: LayoutResult, pages) -> None:
        """Notes and entries printed a page after their call."""
        edition = self.edition
        for what in best.misplaced:
            kind, n = what.rsplit(" ", 1)
            node = edition.notes[int(n) - 1] if kind == "note" else edition.apparatus[int(n) - 1]
            call = pages.get(("fn" if kind == "note" else "app", int(n)))
            there = pages.get(("note" if kind == "note" else "entry", int(n)))
            reporter.warning(
                node.loc,
                f"{what} is printed on page {there + 1 if there is not None else '?'}, its call on page {call + 1 if call is not None else '?'}"
                " (the foot of its call's page could not hold it)",
                "nothing is lost; shorten the entry or move the lemma if the page matters",
            )
