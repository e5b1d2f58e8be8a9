"""Measurements around the layouts (see docs/layout.md), each a small WeasyPrint render of
pieces of the edition set alone at the width of the text:

- :func:`entry_shares`, before the first layout: what each apparatus entry adds to a run-in
  apparatus paragraph, so that the first layout, where every entry floats on its own,
  reserves about what the printed page will need;
- :func:`items_that_fit`, after it: which notes and entries WeasyPrint set a page after
  their call can go back to their call's page;
- :func:`foot_drops`, after it: how far each page's foot, as the second layout writes it,
  would be taller than the room the first layout left (it runs that far into the bottom
  margin, so that the held page breaks (:mod:`.breaks`) hold).
"""

from __future__ import annotations

import copy
import re
from html import escape
from typing import Callable

from .cache import rendered


WASTE = 1.08  # a run-in line holds about this much less than the sum of its entries' widths


def entry_shares(edition, render: Callable) -> dict[int, float]:
    """Apparatus entry -> height (px) of its share of its page's run-in apparatus.

    Every entry is set once on a line of its own, unbroken, at the size of the apparatus;
    its width (with the space that separates it from the next) over the width of the text,
    times the apparatus's line height, is what it adds to a run-in paragraph.  The first
    layout floats an empty block that tall for each entry, and reserves one more line per
    series under every foot for the paragraph's last line.
    """
    from .chunks import jobs, run_all
    from .printwriter import print_writer

    if edition.settings.apparatus_place != "foot" or not edition.apparatus:
        return {}
    writer = print_writer(edition, None)
    rows = [
        f'<p class="share"><span class="app-series"><span class="app-entry" data-app="{a.n}">{writer.app_entry(a)}\u2003</span></span></p>'
        for a in edition.apparatus
    ]
    head = (
        f'<!DOCTYPE html><html lang="{escape(edition.meta.language)}"><head><style>'
        f"@page {{ size: {edition.settings.page_size}; }}\n{writer.stylesheet()}\n"
        ".share { text-indent: 0; } .share .app-series { display: inline; white-space: nowrap; }\n"
        '</style></head><body><main class="text"><section>'
    )
    # many entries are measured in parallel processes, in parts (the widths do not depend on
    # the part an entry is measured in)
    parts = min(jobs(), max(1, len(rows) // SHARES_PER_PROCESS))
    size = -(-len(rows) // parts)
    tasks = [
        (lambda part=rows[i:i + size]: rendered(render, without_ids(head + "".join(part) + "</section></main></body></html>"), _entry_widths))
        for i in range(0, len(rows), size)
    ]
    found = run_all(tasks, jobs())
    width = found[0][0]
    line = writer.metrics.app_line_pt * 4 / 3
    widths: dict[int, float] = {}
    for _width, part in found:
        widths.update(part)
    return {n: w * WASTE / width * line for n, w in widths.items()}


SHARES_PER_PROCESS = 300  # fewer apparatus entries are measured in one process


def _entry_widths(document) -> tuple[float, dict[int, float]]:
    """The text width, and each apparatus entry's unbroken width, in a measuring document."""
    from ..engine import element_boxes

    widths: dict[int, float] = {}
    is_entry = lambda box, element: element.get("data-app") and hasattr(box, "width") and box.element_tag == "span"
    for box in element_boxes(document, is_entry):
        n = int(box.element.get("data-app"))
        widths[n] = widths.get(n, 0.0) + box.margin_width()
    return text_width(document), widths


def foot_areas(document) -> dict[int, float]:
    """Page -> height (CSS px) of the content of its footnote area."""
    from ..engine import footnote_areas

    out: dict[int, float] = {}
    for i, page in enumerate(document.pages):
        for child in footnote_areas(page):
            if child.children:
                out[i] = child.height
    return out


def text_width(document) -> float:
    """Width (CSS px) of the page's content box: the width of the foot of the page."""
    from ..engine import page_box

    return page_box(document.pages[0]).width


def items_that_fit(edition, safe, bold, areas: dict[int, float], width: float, render: Callable) -> set[tuple[str, int]]:
    """Items (``("fn", n)`` or ``("app", n)``) WeasyPrint set a page after their call that can
    go back to their call's page: with them, that page's foot is no taller than the room the
    first layout left for it.

    Once WeasyPrint defers one float, it defers every later float of the page too; so on each
    page the longest run of its deferred items, in reading order, that fits is brought back.
    Pages are decided in order: a page's foot is measured with what the safe plan leaves on
    it, plus the items brought back to it, minus the items the page before took back if it
    took back all of its own.  ``render`` lays an HTML string out.
    """
    from . import assign_letters, body_calls
    from .printwriter import print_writer

    order = {call: i for i, call in enumerate(body_calls(edition))}
    moves: dict[int, list[tuple[str, int]]] = {}  # call page -> items that could come back
    for n, page in bold.note_page.items():
        if safe.note_page.get(n) != page:
            moves.setdefault(page, []).append(("fn", n))
    for n, page in bold.app_page.items():
        if safe.app_page.get(n) != page and ("app", n) in order:
            moves.setdefault(page, []).append(("app", n))
    if not moves:
        return set()
    for items in moves.values():
        items.sort(key=lambda item: order.get(item, 0))

    def foot(page: int, count: int, taken_back: bool) -> str:
        plan = copy.copy(safe)
        plan.note_page, plan.app_page = dict(safe.note_page), dict(safe.app_page)
        back = moves[page][:count] + (moves.get(page - 1, []) if taken_back else [])
        for kind, n in back:
            (plan.note_page if kind == "fn" else plan.app_page)[n] = bold.note_page[n] if kind == "fn" else bold.app_page[n]
        for app in edition.apparatus:  # entries in a note follow their note
            if app.in_note and app.in_note in plan.note_page:
                plan.app_page[app.n] = plan.note_page[app.in_note]
        assign_letters(edition, plan)
        return print_writer(edition, plan).foot_block(page)

    variants: list[tuple[int, int, bool]] = []
    blocks = []
    for page in sorted(moves):
        for count in range(1, len(moves[page]) + 1):
            for taken_back in (False, True) if page - 1 in moves else (False,):
                blocks.append(f'<p class="measure" data-page="{len(variants)}">{foot(page, count, taken_back)}</p>')
                variants.append((page, count, taken_back))
    writer = print_writer(edition, safe)
    heights = rendered(render, measuring_html(edition, writer, blocks, width), measured)
    spare = writer.metrics.reserve_pt * writer.series_count() * 4 / 3  # pt -> px
    fits = {variants[i]: h <= areas[variants[i][0]] + spare - 0.5 for i, h in heights.items() if variants[i][0] in areas}
    back: set[tuple[str, int]] = set()
    took_all: set[int] = set()
    for page in sorted(moves):
        taken_back = page - 1 in took_all
        count = max((c for c in range(1, len(moves[page]) + 1) if fits.get((page, c, taken_back))), default=0)
        back.update(moves[page][:count])
        if count == len(moves[page]):
            took_all.add(page)
    return back


def foot_drops(edition, plan, areas: dict[int, float], notes: dict[int, float], width: float, render: Callable) -> dict[int, float]:
    """Page -> how far (px) its foot, as the next pass writes it, is taller than the room the
    first layout left for it.  The notes are as tall as in the first layout (``notes``: note
    -> px, from its boxes); the rest of every page's foot (rules, run-in apparatus, padding)
    is measured before the next pass.  The next pass lets those feet run that far into the
    bottom margin (``@page :nth()``), so that the held page breaks hold."""
    from .printwriter import print_writer

    writer = print_writer(edition, plan)
    at_foot = edition.settings.apparatus_place == "foot"
    # the rest of a note cut on a page opens the next page's foot (layout/notesplit.py)
    rests = {n: plan.note_page[n] + 1 for n in getattr(plan, "note_cut", {}) if n in plan.note_page}
    pages = sorted(set(plan.note_page.values()) | set(rests.values()) | (set(plan.app_page.values()) if at_foot else set()))
    if not pages:
        return {}
    heights = {page: 0.0 for page in pages}
    # a page with a note the first layout did not set (WeasyPrint can drop a deferred float)
    # is measured whole
    whole = {page for n, page in plan.note_page.items() if n not in notes}
    whole |= {page for n, page in rests.items() if ("cont", n) not in notes}
    for n, page in plan.note_page.items():
        if page not in whole:  # (a note the first layout split and the plan does not: whole)
            heights[page] += notes[n] + (notes.get(("cont", n), 0.0) if n not in rests else 0.0)
    for n, page in rests.items():
        if page not in whole:
            heights[page] += notes[("cont", n)]
    blocks = [f'<p class="measure" data-page="{page}">{writer.foot_block(page, notes_text=page in whole)}</p>' for page in pages]
    with_notes = (set(plan.note_page.values()) | set(rests.values())) - whole
    for page, height in rendered(render, measuring_html(edition, writer, blocks, width), measured).items():
        heights[page] += height - (1.0 if page in with_notes else 0.0)
    spare = writer.metrics.reserve_pt * writer.series_count() * 4 / 3
    out: dict[int, float] = {}
    for page, height in heights.items():
        room = areas[page] + spare if page in areas else -writer.metrics.foot_chrome_px
        if height > room + 0.01:
            out[page] = height - room
    return out


def note_heights(edition, document) -> dict:
    """Note -> height (px) of its box at the foot of a laid-out page (of a note that may
    split, of its lines on its head's page; ``("cont", n)``: of those WeasyPrint set on the
    next page)."""
    from ..engine import footnote_areas

    from . import anchor_keys

    keys = anchor_keys(edition)
    out: dict = {}
    head: dict[int, int] = {}  # note -> page of its head
    for index, page in enumerate(document.pages):
        for area in footnote_areas(page):
            for box in area.children:
                element = getattr(box, "element", None)
                ident = (element.get("id") or "") if element is not None else ""
                kind, n = keys.get(ident, ("", 0))
                if kind == "note":
                    head.setdefault(n, index)
                elif element is not None and element.get("data-note") is not None:
                    # a later line of a note that may split (layout/notesplit.py): on its
                    # head's page it is the note's, on the next the rest's ("cont", n)
                    n = int(element.get("data-note"))
                    kind = "note" if head.get(n) == index else "cont"
                else:
                    continue
                key = n if kind == "note" else ("cont", n)
                out[key] = out.get(key, 0.0) + box.margin_height()
    return out


def measuring_html(edition, writer, blocks: list[str], width: float) -> str:
    """A document that sets foot blocks one under the other, at the width of the text."""
    html = (
        f'<!DOCTYPE html><html lang="{escape(edition.meta.language)}"><head><style>{writer.stylesheet()}\n'
        # (every page rule: a theme's @page :left / :right margins must not narrow it)
        + "".join(f"@page{sel} {{ size: {width:.3f}px 200000px; margin: 0; }}\n" for sel in ("", " :left", " :right", " :first")) +
        ".measure { text-indent: 0; margin: 0 0 50px; }\n"
        ".measure .fl { float: none; display: block; }\n"
        f'</style></head><body><main class="text"><section>{"".join(blocks)}</section></main></body></html>'
    )
    return without_ids(html)


def without_ids(html: str) -> str:
    """A measuring document's HTML without ids and links: they belong to the real document.

    >>> without_ids('<span id="fn3" class="x"><a href="#b">b</a></span>')
    '<span class="x"><a>b</a></span>'
    """
    return re.sub(r'\s(id|href)="[^"]*"', "", html)


def measured(document) -> dict[int, float]:
    """data-page -> height of the foot block in a measuring document."""
    from ..engine import box_types, page_box

    block = box_types().block
    out: dict[int, float] = {}

    def walk(box, page):
        element = getattr(box, "element", None)
        if element is not None and element.get("data-page") is not None:
            page = int(element.get("data-page"))
        if isinstance(box, block) and element is not None and "foot-block" in (element.get("class") or "").split():
            if page is not None:
                out[page] = out.get(page, 0.0) + box.margin_height()
            return
        for child in getattr(box, "children", ()):
            walk(child, page)

    for p in document.pages:
        walk(page_box(p), None)
    return out
