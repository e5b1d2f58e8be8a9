"""The foot of a page, measured before the page is laid out again.

The first layout sets every note and apparatus entry as its own float.  When WeasyPrint
cannot set an item beside its call (the foot is full), it sets it on the next page.  Later
passes write a page's foot as one block, with the apparatus run in, which is usually
shorter than the first layout's separate floats: the item may fit on its call's page after
all.  Whether it does is measured here, on the blocks themselves, laid out alone at the
width of the page's text, before the next pass: the held page breaks (:mod:`.breaks`) stay
valid only if no page's foot grows taller than the first layout's.
"""

from __future__ import annotations

import copy
import os
import re
from html import escape
from typing import Callable


def foot_areas(document) -> dict[int, float]:
    """Page -> height (CSS px) of the content of its footnote area."""
    from weasyprint.formatting_structure import boxes

    out: dict[int, float] = {}
    for i, page in enumerate(document.pages):
        for child in page._page_box.children:
            if isinstance(child, boxes.FootnoteAreaBox) and child.children:
                out[i] = child.height
    return out


def text_width(document) -> float:
    """Width (CSS px) of the page's content box: the width of the foot of the page."""
    return document.pages[0]._page_box.width


def pages_that_fit(edition, safe, bold, areas: dict[int, float], width: float, render: Callable) -> set[int]:
    """Call pages whose foot, with the items WeasyPrint set a page later, is no taller than
    the first layout's foot of that page.

    Pages are decided in order: a page's foot is measured with what the safe plan leaves on
    it, plus the items called on it that the bold plan brings back, minus the items the page
    before took back if that page was accepted.  ``render`` lays an HTML string out.
    """
    from ..writers.html import RULE_PT, HTMLWriter
    from . import assign_letters

    moves: dict[int, list[tuple[str, int]]] = {}  # call page -> items brought back to it
    for n, page in bold.note_page.items():
        if safe.note_page.get(n) != page:
            moves.setdefault(page, []).append(("fn", n))
    for n, page in bold.app_page.items():
        if safe.app_page.get(n) != page:
            moves.setdefault(page, []).append(("app", n))
    if not moves:
        return set()

    def foot(page: int, taken_back: bool) -> str:
        plan = copy.copy(safe)
        plan.note_page, plan.app_page = dict(safe.note_page), dict(safe.app_page)
        for p in (page, page - 1) if taken_back else (page,):
            for kind, n in moves.get(p, ()):
                (plan.note_page if kind == "fn" else plan.app_page)[n] = p
        for app in edition.apparatus:  # entries in a note follow their note
            if app.in_note and app.in_note in plan.note_page:
                plan.app_page[app.n] = plan.note_page[app.in_note]
        assign_letters(edition, plan)
        return HTMLWriter(edition, plan).foot_block(page)

    blocks = []
    for page in sorted(moves):
        blocks.append(f'<p class="measure" data-page="{page}">{foot(page, False)}</p>')
        if page - 1 in moves:
            blocks.append(f'<p class="measure" data-page="{-page - 1}">{foot(page, True)}</p>')
    writer = HTMLWriter(edition, safe)
    html = (
        f'<!DOCTYPE html><html lang="{escape(edition.meta.language)}"><head><style>{writer.stylesheet()}\n'
        f"@page {{ size: {width:.3f}px 60000px; margin: 0; }}\n"
        ".measure { text-indent: 0; margin: 0 0 50px; }\n"
        ".measure .fl { float: none; display: block; }\n"
        f'</style></head><body><main class="text"><section>{"".join(blocks)}</section></main></body></html>'
    )
    heights = measured(render(re.sub(r'\s(id|href)="[^"]*"', "", html)))  # ids once in the real document
    spare = RULE_PT * writer.series_count() * 4 / 3  # pt -> px
    fit: set[int] = set()
    for page in sorted(moves):
        key = -page - 1 if page - 1 in fit else page
        if page in areas and key in heights and heights[key] <= areas[page] + spare - 0.5:
            fit.add(page)
    if os.environ.get("EDITION_DEBUG_FEET"):
        print({p: round(h, 1) for p, h in heights.items()}, {p: round(a, 1) for p, a in areas.items() if p in moves}, "spare", spare, "fit", fit)
    return fit


def measured(document) -> dict[int, float]:
    """data-page -> height of the foot block in a measuring document."""
    from weasyprint.formatting_structure import boxes

    out: dict[int, float] = {}

    def walk(box, page):
        element = getattr(box, "element", None)
        if element is not None and element.get("data-page") is not None:
            page = int(element.get("data-page"))
        if isinstance(box, boxes.BlockBox) and element is not None and "foot-block" in (element.get("class") or "").split():
            if page is not None:
                out[page] = out.get(page, 0.0) + box.margin_height()
            return
        for child in getattr(box, "children", ()):
            walk(child, page)

    for p in document.pages:
        walk(p._page_box, None)
    return out
