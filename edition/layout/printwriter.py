"""The print writer: the HTML of one layout pass, written as its plan says.

:class:`PrintWriter` is the layout-free :class:`~edition.writers.html.HTMLWriter` (the inline
visitor, the apparatus entries' text, the indexes, the template) with what a layout decides:
where each page of the edited text begins (held breaks, :mod:`.breaks`), the foot of every
page as one float (:meth:`PrintWriter.foot_block`), the letters and lines of apparatus
markers, the room the first layout reserves under every foot, and, for a chunk of the layout
(:mod:`.chunks`), which blocks it writes.  It is built with its plan and chunk; every place
in ``edition/layout`` that writes HTML builds it through :func:`print_writer`.

With no plan (the first layout) every note floats at its call, and every apparatus entry as
an empty block as tall as its share of a run-in apparatus (``entry_heights``, :mod:`.feet`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from html import escape
from typing import Optional

from markupsafe import Markup

from .. import notekinds
from ..model import App, Edition, Inline
from ..writers.html import HTMLWriter, ref
from .metrics import Metrics, metrics_of


class PrintWriter(HTMLWriter):
    """Write one edition as one HTML document for one layout pass."""

    def __init__(
        self,
        edition: Edition,
        plan=None,
        *,
        chunk: Optional[tuple] = None,
        page_offset: int = 0,
        entry_heights: Optional[dict[int, float]] = None,
        back_matter: bool = True,
        source_date: Optional[str] = None,
        theme: Optional[str] = None,
        refused=None,
    ):
        super().__init__(edition, theme=theme, source_date=source_date)
        self.plan = plan
        # what line control refused and gave back (layout/hyphens.py): the plan's, or for a
        # free layout after a cold restart the refusals so far (``Passes.refused``)
        self.refused = plan if plan is not None else refused
        # first layout: apparatus entry -> height (px) of its share of a run-in apparatus
        # (edition/layout/feet.py); the entry floats as an empty block that tall
        self.entry_heights = entry_heights or {}
        # the back matter (endnotes, bibliography, indexes); the first layout leaves it out
        # (edition/layout: it follows the text and cannot move its page breaks)
        self.back_matter = back_matter
        # one chunk of a page-exact layout, rendered on its own (edition/layout/chunks.py):
        # the (block, offset) page starts where it begins and where the next chunk begins
        # (None: the document's start, its end), and the number of pages before it
        self.chunk = chunk
        self.page_offset = page_offset
        self._pending_foot = ""  # the foot of a page that began with a heading
        self.digests: dict[str, str] = {}  # block id -> digest of what its lines are made of
        self.quoted: set[str] = set()  # blocks inside block quotes (not chunk starts)

    @functools.cached_property
    def metrics(self) -> Metrics:
        """The lengths of the foot the layout computes with, from this pass's stylesheet."""
        return metrics_of(self.stylesheet())

    # ------------------------------------------------------------------ blocks of the text
    def _next_block(self, content: list[Inline]) -> tuple[str, list[int]]:
        ident = self.block_id(content)
        breaks = getattr(self.plan, "breaks", None) or {}
        return ident, breaks.get(ident, [])

    def _digest(self, ident: str, inner: str) -> None:
        from .breaks import running_html

        self.digests[ident] = hashlib.md5(running_html(inner).encode("utf-8")).hexdigest()

    def quote_attrs(self, paragraphs: list) -> Optional[str]:
        """A block quote names the blocks it holds (data-q), so that CSS can show or hide it
        with them (edition/layout/patch.py).  None: a chunk leaves the quote out."""
        ids = [str(p.block) for p in paragraphs]
        self.quoted.update(ids)
        if self.chunk is not None:
            states = {self.part_state(b, 0) for b in ids} | {self.part_state(b, 1 << 30) for b in ids}
            if states == {"drop"}:
                return None
            if "keep" not in states:
                return Markup(f' data-q="{" ".join(ids)}" hidden')
        return Markup(f' data-q="{" ".join(ids)}"')

    def part_state(self, ident: str, k: int) -> str:
        """Whether the part of block ``ident`` that begins at offset ``k`` is in this chunk
        ("keep"), is the part just before it, written but hidden so that sibling selectors
        (``h2 + p``) still apply ("hide"), or is left out ("drop")."""
        if self.chunk is None:
            return "keep"
        start, end = self.chunk
        key = (int(ident), k)
        if end is not None and key >= (int(end[0]), end[1]):
            return "drop"
        if start is None or key >= (int(start[0]), start[1]):
            return "keep"
        if int(ident) == int(start[0]) or int(ident) == int(start[0]) - 1:
            return "hide"
        return "drop"

    @property
    def front_matter(self) -> bool:
        """The title block, abstracts and editor's note (not in a later chunk)."""
        return self.chunk is None or self.chunk[0] is None

    def heading(self, level: int, content: list[Inline]) -> str:
        ident, breaks = self._next_block(content)
        state = self.part_state(ident, 0)
        if state == "drop":
            return ""
        inner = self.heading_inlines(content)
        cls = "heading brk" if 0 in breaks else "heading"
        self._digest(ident, inner)
        if state == "hide":
            return f'<h{level} class="{cls}" data-b="{ident}" hidden>{inner}</h{level}>'
        # a page that begins with a heading takes its foot from its first paragraph: a
        # float in the heading's line would change that line's height
        self._pending_foot = self.page_foot(ident, 0) or self._pending_foot
        return f'<h{level} class="{cls}" data-b="{ident}">{inner}</h{level}>'

    def paragraph(self, content: list[Inline]) -> str:
        """A paragraph of the edited text; split where a page of the layout began in it
        (:mod:`edition.layout.breaks`), each later part starting a new page."""
        from .breaks import split_html
        from .hyphens import unhyphenated

        ident, breaks = self._next_block(content)
        if self.part_state(ident, 0) == self.part_state(ident, 1 << 30) == "drop":
            return ""
        inner = self.inlines(content)
        self._digest(ident, inner)
        # the breaks the plan refuses, proper names (layout/hyphens.py)
        inner = unhyphenated(inner, getattr(self.refused, "no_hyphen", {}).get(ident), getattr(self.refused, "keep_hyphen", {}).get(ident))
        inner = self._pending_foot + inner
        self._pending_foot = ""
        if not breaks:
            state = self.part_state(ident, 0)
            if state == "hide":
                return f'<p data-b="{ident}" hidden>{inner}</p>'
            return f'<p data-b="{ident}">{self.page_foot(ident, 0)}{inner}</p>'
        starts = [0] + [k for k in breaks if k > 0]
        parts = split_html(inner, [k for k in breaks if k > 0])
        if 0 in breaks:
            parts = [""] + parts
            starts = [0] + starts
        kept = [(k, part) for k, part in zip(starts, parts) if _has_content(part)]
        out = []
        for i, (k, part) in enumerate(kept):
            state = self.part_state(ident, k)
            if state == "drop":
                continue
            cls = []
            if k > 0 or (0 in breaks and i == 0):
                cls.append("brk")
            if k > 0:
                cls.append("cont")
            if i + 1 < len(kept):
                cls.append("split-head")
            ids = f'data-b="{ident}"' + (f' data-k="{k}"' if k else "")
            attr = f' class="{" ".join(cls)}"' if cls else ""
            attr += broken_word(kept, i)
            if state == "hide":
                out.append(f"<p {ids}{attr} hidden>{part}</p>")
            else:
                out.append(f"<p {ids}{attr}>{self.page_foot(ident, k)}{part}</p>")
        return "".join(out)

    # ------------------------------------------------------------------ foot of the page
    def app_mark(self, node: App) -> str:
        if self.plan is not None and node.n in self.plan.app_letter:
            return self.plan.app_letter[node.n]
        return super().app_mark(node)

    def mark_room(self, node: App, mark: str) -> str:
        """A marker's letter is known only after the first layout: a later pass gives it the
        width its first-layout letter had (a margin makes up the difference), so that the
        lines break where the first layout broke them."""
        widths = getattr(self.plan, "mark_width", None)
        if not mark or not widths or node.n not in widths:
            return ""
        letter = self.plan.letter_width
        if any(c not in letter for c in mark):
            return ""
        room = widths[node.n] - sum(letter[c] for c in mark)
        return f' style="margin-right: {room:.4f}px"' if abs(room) > 1e-4 else ""

    def floating_entry(self, node: App) -> str:
        """First layout: an apparatus entry as a float of its own: the height of its share of
        the page's run-in apparatus when that was measured, else the entry itself."""
        height = self.entry_heights.get(node.n)
        if height is not None:
            return f'<span class="app-entry fl share" id="{node.id}" style="height: {height:.3f}px"></span>'
        return super().floating_entry(node)

    def app_key(self, node: App) -> str:
        """How an entry is keyed to the text: a letter, a line (range) or the note's number;
        the lines are the plan's (the first layout: a two-digit stand-in keeps the width)."""
        if (self.plan is None or self.ed.settings.apparatus != "line" or node.n in self.front_apps or node.in_note
                or node.n in self.verse_keys):
            return super().app_key(node)
        first, last = self.plan.app_lines.get(node.n, (0, 0))
        label = str(first) if first == last else f"{first}–{last}"
        return f'<span class="app-line">{ref(f"lem{node.n}", label)}</span>'

    def series_entries(self, apps: list[App]) -> str:
        """One page's entries of one series, run in. Keyed by line, they are ordered by line
        (entries in notes after the text's, by note) and a repeated line number prints as
        '|', as critical editions do."""
        if self.ed.settings.apparatus != "line" or self.plan is None:
            return super().series_entries(apps)

        def order(a: App):
            if a.n in self.front_apps:
                return (-1, 0, a.n)
            return (1, a.in_note, a.n) if a.in_note else (0, *self.plan.app_lines.get(a.n, (0, 0)), a.n)

        out, previous = [], None
        for a in sorted(apps, key=order):
            key = (a.in_note, self.plan.app_lines.get(a.n)) if not a.in_note else (a.in_note, None)
            if key == previous:
                out.append(f'<span class="app-sep">|</span>\u00a0<span class="app-entry" id="{a.id}">{self.app_entry(a, key=False)}</span>')
            else:
                out.append(("\u2003" if out else "") + f'<span class="app-entry" id="{a.id}">{self.app_entry(a)}</span>')
            previous = key
        return " ".join(out)

    def endnotes(self) -> list[tuple[str, str]]:
        """Critical endnotes: (page label, that page's entries) in page order."""
        if self.ed.settings.apparatus_place != "end" or not self.ed.apparatus:
            return []
        by_page: dict[int, list[App]] = {}
        for a in self.ed.apparatus:
            page = self.plan.app_page.get(a.n, -1) if self.plan is not None else -1
            by_page.setdefault(page, []).append(a)
        label = self.plan.page_label if self.plan is not None else (lambda p: "?")
        return [(label(p), self.series_entries(apps)) for p, apps in sorted(by_page.items())]

    def series_count(self) -> int:
        """Apparatus series printed at the foot of the page."""
        if self.ed.settings.apparatus_place != "foot":
            return 0
        return len({a.series for a in self.ed.apparatus})

    def foot_block_at(self, call: tuple[str, int]) -> str:
        """Later passes: the whole foot of a page floats from the page's first call (pages
        that do not begin at a held break)."""
        page = self.plan.block_at.get(call)
        return "" if page is None else self.foot_block(page)

    def page_foot(self, ident: str, offset: int) -> str:
        """The foot of the page that begins at ``offset`` in block ``ident``, if one does."""
        starts = getattr(self.plan, "start_page", None) or {}
        page = starts.get((ident, offset))
        return "" if page is None else self.foot_block(page)

    def foot_block(self, page: int, notes_text: bool = True) -> str:
        """A page's author's notes, then its apparatus series, as one float.  Without
        ``notes_text`` the notes' series is left empty (to measure the rest of the foot)."""
        notes = notekinds.foot_order([n for n in self.ed.notes if self.plan.note_page.get(n.n) == page], self.ed.settings)
        at_foot = self.ed.settings.apparatus_place == "foot"
        apps = [a for a in self.ed.apparatus if at_foot and self.plan.app_page.get(a.n) == page]
        if not notes and not apps:
            return ""
        series = sorted({a.series for a in apps})
        rules = len(series) - (0 if notes else 1) if series else 0
        # give back what the first layout reserved for series this page does not print, and
        # for the rule a first series under no notes does not draw (see Metrics.reserve_pt)
        m = self.metrics
        spare = m.reserve_pt * (self.series_count() - len(series)) + m.rule_pt * (len(series) - rules)
        style = f' style="padding-bottom: {spare:g}pt"' if spare > 0 else ""
        html = [f'<span class="foot-block fl"{style}>']
        if notes:
            # measured without its text, the notes' series keeps 1px, so that the margin of
            # the series under it does not collapse through it (feet.py takes the 1px off)
            html.append('<span class="fn-series">' if notes_text else '<span class="fn-series" style="height: 1px">')
            if notes_text:
                html.extend(self.note_body(n, floating=False) for n in notes)
            html.append("</span>")
        by_series: dict[str, list[App]] = {}
        for a in apps:
            by_series.setdefault(a.series, []).append(a)
        for series in series:
            html.append(f'<span class="app-series series-{escape(series)}">{self.series_entries(by_series[series])}</span>')
        html.append("</span>")
        return "".join(html)

    def layout_css(self) -> str:
        """CSS that depends on the pass: the first layout reserves room under every foot
        (``Metrics.reserve_pt`` per series); later passes let a page's foot run into the bottom margin
        as far as it was measured to need (edition/layout/feet.py)."""
        if self.plan is None:
            if not self.series_count():
                return ""
            reserve, pad = self.metrics.reserve_pt * self.series_count(), self.metrics.foot_pad_px
            return f"@page {{ @footnote {{ padding-bottom: calc({reserve:g}pt + {pad:g}px); }} }}"
        drops = getattr(self.plan, "foot_drop", None) or {}
        first = self.page_offset  # a chunk's pages are counted from its first
        return "\n".join(
            f"@page :nth({page + 1 - first}) {{ @footnote {{ margin-bottom: -{px:.3f}px; }} }}" for page, px in sorted(drops.items()) if page >= first
        )


def broken_word(kept: list[tuple[int, str]], i: int) -> str:
    """Attributes of part ``i`` of a split paragraph when a word runs over its page break:
    ``data-rest`` (the word's end, on the part before) and ``data-broken`` (on the part
    after); a tagged PDF gives the word whole as /ActualText even when the parts are laid
    out in different chunks (edition/pdf/tagging.py).

    >>> broken_word([(0, "bir Azer‐"), (9, "baycan’a <em>da</em>")], 0), broken_word([(0, "x‐"), (2, "yz")], 1)
    (' data-rest="baycan’a"', ' data-broken=""')
    """
    from html import unescape

    from .breaks import HYPHEN, running_html

    def text(part: str) -> str:
        return unescape(re.sub(r"<[^>]*>", "", running_html(part))).replace("\u00ad", "")

    out = ""
    if i + 1 < len(kept) and text(kept[i][1]).rstrip().endswith(HYPHEN):
        rest = re.match(r"[\w’']*", text(kept[i + 1][1]).lstrip()).group(0)
        out += f' data-rest="{escape(rest)}"' if rest else ""
    if i > 0 and text(kept[i - 1][1]).rstrip().endswith(HYPHEN):
        out += ' data-broken=""'
    return out


def print_writer(edition: Edition, plan=None, **options) -> PrintWriter:
    """The writer of one layout pass (``options``: those of :class:`PrintWriter`)."""
    return PrintWriter(edition, plan, **options)


def _has_content(part: str) -> bool:
    """A split part that prints something (text, or a float such as a page's foot)."""
    return bool(re.sub(r"<[^>]*>", "", part).strip()) or 'class="foot-block' in part or " fl" in part
