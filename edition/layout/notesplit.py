"""Notes that run over to the next page (issue 19), as reledmac and the university presses set
them: the head of a long note stays at the foot of its call's page, the rest opens the next
page's foot, unmarked (Chicago, Oxford and Cambridge; reledmac's default).

WeasyPrint never splits a footnote.  So, before the first layout, every note is set alone at
the width of the text (:func:`note_lines`) and the letter offsets where its lines begin are
read (letters and digits, as page starts are counted: :mod:`.breaks`).  In the first layout a
note of :data:`MIN_SPLIT` lines or more floats as pieces: its first :data:`HEAD_LINES` lines
(the head, which carries the note's id and ``footnote-policy: line``: if it does not fit, the
call's line moves to the next page with it), the floats of the entries of its apparatus, then
one float per later line with ``footnote-policy: auto``: WeasyPrint defers to the next page
the lines that do not fit, and every float after them (then every later call's line moves
on: a split note is the last of its page; :func:`floats_first` and :func:`rest_at_end` place
the floats around it so that WeasyPrint can split it).  :func:`read_cuts` reads where the
first deferred line begins: the plan's ``note_cut`` (note -> offset; ``make_plan`` keeps it
only for a note whose head is on its call's page and that is the last note there).  Later layouts write the head at the
foot of the call's page, its last line justified, and the rest first in the next page's foot
(:meth:`.printwriter.PrintWriter.foot_block`).
"""

from __future__ import annotations

import re
from html import escape
from typing import Callable

MIN_SPLIT = 4  # a note of fewer lines is never split
HEAD_LINES = 2  # the fewest lines a split note leaves on its call's page (and on the next)


def note_lines(edition, render: Callable) -> dict[int, list[int]]:
    """Note -> letter offsets (in its text, its number left out) where each of its lines
    begins, for the notes of MIN_SPLIT lines or more, set alone at the width of the text at
    the foot of a page."""
    from .cache import rendered
    from .feet import without_ids
    from .printwriter import print_writer
    from .. import notekinds

    from .breaks import running_html

    notes = [n for n in edition.notes if not notekinds.is_editors(n)]
    if not notes:
        return {}
    writer = print_writer(edition, None)
    rows = [f'<p class="measure" data-note="{n.n}"><span class="foot-block fl"><span class="fn-series">'
            f'{writer.note_body(n, floating=False)}</span></span></p>' for n in notes]
    # the longest paragraph of the text, without its floats: how many letters a text line holds
    longest = max(edition.all_paragraphs(), key=lambda p: len(writer.inlines(p.content)), default=None)
    if longest is not None:
        rows.append(f'<p data-note="0">{running_html(writer.inlines(longest.content))}</p>')
    html = (
        f'<!DOCTYPE html><html lang="{escape(edition.meta.language)}"><head><style>'
        f"@page {{ size: {edition.settings.page_size}; }}\n{writer.stylesheet()}\n"
        ".measure { text-indent: 0; margin: 0 0 20px; } .measure .fl { float: none; display: block; }\n"
        f'</style></head><body><main class="text"><section>{"".join(rows)}</section></main></body></html>'
    )
    found = rendered(render, without_ids(html), _line_starts)
    out = {n: starts for n, starts in found.items() if len(starts) >= MIN_SPLIT and n}
    text = found.get(0, [])
    if out and len(text) > 2:  # 0: the letters of a full text line (LINE_KEY)
        out[LINE_KEY] = [max(b - a for a, b in zip(text, text[1:]))]
    return out


LINE_KEY = 0  # note_lines()[LINE_KEY]: [letters in the longest line of the text]


def floats_first(html: str, notes, reach: int) -> str:
    """First layout: the floats that follow the call of a note that may split, within
    ``reach`` letters of its paragraph (its line) and before the next note's call (a split
    note must be the last of its page's notes: a later note on its line keeps it whole), are
    set before the call.  WeasyPrint defers
    every float after one it deferred, and moves the line of a deferred float whose policy is
    ``line``: a float after the note's deferred lines would take the call's line, and the
    note's head, to the next page."""
    for n in notes:
        call = re.search(rf'<sup class="fn-call[^"]*" id="fnref{n}">', html)
        if call is None:
            continue
        at = html.index("</sup>", call.end()) + len("</sup>")
        while _float_at(html, at):  # the note's own floats
            at = _span_end(html, at)
        moved, kept, j, letters = [], [], at, 0
        while j < len(html) and letters < reach:
            if html.startswith('<sup class="fn-call', j):
                break  # a later note on the line: the note cannot split (it would not be its page's last)
            if _float_at(html, j):
                end = _span_end(html, j)
                moved.append(html[j:end])
                j = end
            elif html[j] == "<":
                end = html.index(">", j) + 1
                kept.append(html[j:end])
                j = end
            else:
                letters += html[j].isalnum()
                kept.append(html[j])
                j += 1
        if moved:
            html = html[:call.start()] + "".join(moved) + html[call.start():at] + "".join(kept) + html[j:]
    return html


def rest_at_end(html: str, reach: int) -> str:
    """First layout: the later lines of a note that may split (``<span class="note-rest">``),
    called within two text lines (``reach``: the letters of the longest one) of the end of
    its paragraph, float from the paragraph's end.  WeasyPrint fills the foot with them up to
    the call's line; the paragraph's last line would then not fit, and, since it may not
    stand alone at the head of the next page (``widows: 2``), it would take the call's line,
    and the note, to the next page.  Set after the last line, they take the room it leaves."""
    pos = 0
    while True:
        m = _REST.search(html, pos)
        if m is None:
            return html
        end = _span_end(html, m.start())
        after = re.sub(r"<[^>]*>", "", _without_floats(html[end:]))
        # (not past a later note's call: a split note is the last of its page's notes)
        if sum(c.isalnum() for c in after) >= 2 * reach or '<sup class="fn-call' in html[end:]:
            pos = end
            continue
        rest, html = html[m.start():end], html[:m.start()] + html[end:]
        html, pos = html + rest, len(html) + len(rest)


def _without_floats(html: str) -> str:
    out, j = [], 0
    while j < len(html):
        if _float_at(html, j):
            j = _span_end(html, j)
        else:
            out.append(html[j])
            j += 1
    return "".join(out)


_REST = re.compile(r'<span class="note-rest"')
_FLOAT = re.compile(r'<span class="(?:[^"]*\bfl\b[^"]*|note-rest)"')


def _float_at(html: str, i: int) -> bool:
    return _FLOAT.match(html, i) is not None


def _span_end(html: str, i: int) -> int:
    """The end of the span element that opens at ``i``."""
    depth = 0
    for m in re.finditer(r"<span\b|</span>", html[i:]):
        depth += 1 if m.group(0) != "</span>" else -1
        if depth == 0:
            return i + m.end()
    return len(html)


def _line_starts(document) -> dict[int, list[int]]:
    """data-note -> offsets of the lines of the note in a measuring document."""
    from ..engine import box_types, page_box

    kinds = box_types()
    out: dict[int, list[int]] = {}
    done: dict[int, int] = {}  # note -> letters of its lines so far
    for page in document.pages:
        for n, line in _lines(page_box(page), None, kinds):
            out.setdefault(n, []).append(done.get(n, 0))
            done[n] = done.get(n, 0) + line_letters(line, kinds)
    return out


def _lines(box, n, kinds):
    """(note number, line box) of every line of the measured notes, in order."""
    element = getattr(box, "element", None)
    if element is not None and element.get("data-note") is not None:
        n = int(element.get("data-note"))
    if isinstance(box, kinds.line):
        if n is not None:
            yield n, box
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child, n, kinds)


def line_letters(box, kinds) -> int:
    """Letters and digits of a note's line, its number and skipped elements left out."""
    from .breaks import _skipped, letters_in

    n = 0
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        if getattr(child, "pseudo_type", None) or (element is not None and (_skipped(element) or "fn-num" in (element.get("class") or "").split())):
            continue
        if isinstance(child, kinds.text):
            n += letters_in(child.text)
        else:
            n += line_letters(child, kinds)
    return n


def pieces(inner: str, starts: list[int]) -> list[tuple[int, str]]:
    """A note's text (inner HTML, its number left out) cut into its head (HEAD_LINES lines)
    and one piece per later line: (offset, html)."""
    from .breaks import split_html

    cuts = starts[HEAD_LINES:]
    parts = split_html(inner, cuts)
    return list(zip([0] + cuts, parts))


def read_cuts(edition, document, pages: dict) -> dict[int, int]:
    """Note -> offset of its first line WeasyPrint set on a later page than the note's head
    (``pages``: model key -> page of the layout)."""
    from ..engine import footnote_areas

    cuts: dict[int, int] = {}
    for index, page in enumerate(document.pages):
        for area in footnote_areas(page):
            for box in area.children:
                element = getattr(box, "element", None)
                if element is None or element.get("data-note") is None:
                    continue
                n, k = int(element.get("data-note")), int(element.get("data-k") or 0)
                head = pages.get(("note", n))
                if head is not None and index > head and (n not in cuts or k < cuts[n]):
                    cuts[n] = k
    return cuts

