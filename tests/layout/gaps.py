"""The white above each page's foot, read back from a built PDF (issue 19: pages filled to the foot).

For every page of the edited text, the *white* is the room between the bottom of its last
text line and the rule of its foot, less the foot's own margin above the rule (the theme's
``@footnote { margin-top }``, :attr:`edition.layout.metrics.Metrics.foot_margin_pt`); on a
page without a foot, between its last line and the bottom of the text area (the bottom of
the foot areas of the other pages).  It is given in text lines (the commonest distance
between the baselines of the body type).  Less than one line is what any page may keep (a
line is set whole, and ``UNSEEN_PT`` of it the PDF does not show); more is a *band*, unless it
is *explained*: what the next page begins
with could not have moved up into it, even with notes split across pages (a note of four
lines or more may leave its first two lines on its call's page, if it is the last note there;
a shorter note moves whole):

- the text ends on that page (no later page holds text);
- the next page begins with a heading, which takes its own height (measured on a heading of
  the same style in the middle of a page) and the two first lines of its paragraph with it
  (``orphans: 2``, ``break-after: avoid``), and the notes called there;
- the next page's first line (two when a paragraph begins there, or when the paragraph ends
  on its second line: ``orphans``/``widows`` 2) with the notes called in it, and the rule of a
  foot when the page has none, is taller than the white.

The foot is found as the page's lowest-reaching filled rectangles (WeasyPrint paints the foot
area's border as a rectangle reaching the bottom of the area), the text as the characters
above it; calls as small digits inside a body line, a note's length by counting the foot's
lines from the one that begins with its number to the next note's.

Run as a script for the figures of an issue note::

    .venv/bin/python -m tests.layout.gaps [--theme journal] OUT.pdf [OUT2.pdf ...]
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

# the white the PDF cannot show as text: under the last line's glyphs, the half-leading of its
# line box (about 1.1 pt at 10.5/13.86 pt), and the foot area's padding (0.5 px)
UNSEEN_PT = 2.0
from edition.layout.notesplit import HEAD_LINES, MIN_SPLIT  # noqa: E402  (the layout's own rule)


@dataclass
class Row:
    """One printed line: its characters (left to right), top and bottom (pt from the top)."""

    chars: list = field(repr=False)
    top: float
    bottom: float
    size: float
    text: str

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def font(self) -> str:
        return Counter(c["fontname"].split("+")[-1] for c in self.chars if not c["text"].isspace()).most_common(1)[0][0]


@dataclass
class Page:
    n: int  # 1-based
    text: list[Row]  # the lines above the foot, top to bottom (running head left out)
    foot: list[Row]  # the lines of the foot
    rule: Optional[float]  # top of the foot's rule (None: no foot)
    inner_rules: list[float]  # tops of the apparatus series' rules inside the foot

    @property
    def series_rule(self) -> Optional[float]:
        return self.inner_rules[0] if self.inner_rules else None

    calls: dict[int, list[int]] = field(default_factory=dict)  # index of a text row -> note numbers called in it


@dataclass
class Gap:
    page: int  # 1-based
    white_pt: float
    lines: float  # white_pt in text lines
    reason: Optional[str] = None  # why it is not a band (None: it is, if lines > 1)

    pitch: float = 0.0  # the text's line (pt)

    @property
    def band(self) -> bool:
        return self.white_pt > self.pitch + UNSEEN_PT and self.reason is None

    def __str__(self) -> str:
        why = f" ({self.reason})" if self.reason else (" BAND" if self.band else "")
        return f"p. {self.page}: {self.white_pt:.1f} pt, {self.lines:.2f} lines{why}"


def _rows(chars) -> list[Row]:
    """Characters grouped into printed lines by their baseline."""
    groups: dict[float, list] = {}
    for c in chars:
        groups.setdefault(round(c["bottom"] - c["size"] * 0.2), []).append(c)
    out = []
    for _, cs in sorted(groups.items()):
        cs.sort(key=lambda c: c["x0"])
        size = Counter(round(c["size"], 2) for c in cs).most_common(1)[0][0]
        out.append(Row(cs, min(c["top"] for c in cs), max(c["bottom"] for c in cs), size, "".join(c["text"] for c in cs)))
    return out


class GapReader:
    """The pages of one PDF, read once; :meth:`gaps` measures and explains them."""

    def __init__(self, pdf_path: str, theme: Optional[str] = None):
        import pdfplumber

        metrics = theme_metrics(theme)
        self.margin, self.chrome = metrics.foot_margin_pt, metrics.foot_chrome_pt
        with pdfplumber.open(pdf_path) as pdf:
            raw = [(p.chars, p.rects) for p in pdf.pages]
        sizes = Counter(round(c["size"], 2) for chars, _ in raw for c in chars)
        self.body = sizes.most_common(1)[0][0]
        bottoms = Counter(round(r["bottom"], 1) for _, rects in raw for r in rects if r["height"] > 5)
        self.area_bottom = bottoms.most_common(1)[0][0] if bottoms else None
        self.pages = [self._page(i + 1, chars, rects) for i, (chars, rects) in enumerate(raw)]
        steps = [b.bottom - a.bottom for p in self.pages for a, b in zip(p.text, p.text[1:]) if a.size == b.size == self.body]
        self.pitch = Counter(round(s, 1) for s in steps if s > 0).most_common(1)[0][0]
        steps = [b.bottom - a.bottom for p in self.pages for a, b in zip(p.foot, p.foot[1:])]
        self.note_pitch = Counter(round(s, 1) for s in steps if s > 0).most_common(1)[0][0] if steps else self.pitch
        self.left = Counter(round(r.x0) for p in self.pages for r in p.text if r.size == self.body).most_common(1)[0][0]

    # ------------------------------------------------------------------ reading a page
    def _page(self, n: int, chars, rects) -> Page:
        areas = [r for r in rects if r["height"] > 5]
        low = max((r["bottom"] for r in areas), default=None)
        foot_rects = sorted(r["top"] for r in areas if low is not None and r["bottom"] >= low - 2)
        rule = foot_rects[0] if foot_rects else None
        inner = [t for t in foot_rects if rule is not None and t > rule + 3]
        inner = [t for j, t in enumerate(inner) if j == 0 or t - inner[j - 1] > 2]  # a rule is two rectangles
        limit = rule if rule is not None else (self.area_bottom or 1e9)
        big = [c for c in chars if c["size"] >= 7.5]
        rows = _rows(big)
        text = [r for r in rows if r.bottom <= limit + 0.5]
        if text and len(text) > 1 and text[1].top - text[0].bottom > 20 and text[0].size < self.body:
            text = text[1:]  # the running head
        foot = [r for r in rows if rule is not None and r.top >= rule and (self.area_bottom is None or r.top < low)]
        page = Page(n, text, foot, rule, inner)
        for c in chars:  # note calls: small lining digits inside a line of the text
            if c["size"] >= 7.5 or not c["text"].isdigit() or "Italic" in c["fontname"]:
                continue
            for i, row in enumerate(text):
                if row.top - 3 <= c["bottom"] <= row.bottom and row.x0 - 1 <= c["x0"] <= row.x1 + 1:  # (not a margin's line number)
                    page.calls.setdefault(i, []).append(c)
                    break
        page.calls = {i: _numbers(cs) for i, cs in page.calls.items()}
        return page

    def is_text(self, page: Page) -> bool:
        """A page of the edited text: three lines or more of the body type in its regular face."""
        return sum(1 for r in page.text if r.size == self.body and "Bold" not in r.font and "Italic" not in r.font) >= 3

    def left_of(self, page: Page) -> float:
        """The left edge of the text on a page (a book's rectos and versos differ)."""
        edges = Counter(round(r.x0) for r in page.text if r.size == self.body)
        return edges.most_common(1)[0][0] if edges else self.left

    def is_heading(self, row: Row) -> bool:
        return row.size >= self.body and ("Bold" in row.font or "Italic" in row.font)

    def note_lines(self, n: int, start: int) -> int:
        """How many lines note ``n`` has in the foot of the first page from ``start`` (0-based) that holds it."""
        for page in self.pages[start:start + 3]:
            notes = [r for r in page.foot if page.series_rule is None or r.top < page.series_rule]
            left = min((r.x0 for r in notes), default=0)
            for i, row in enumerate(notes):
                if _starts_note(row, n) and row.x0 < left + 2:
                    rest = notes[i + 1:]
                    end = next((j for j, r in enumerate(rest) if _starts_any_note(r) and r.x0 < left + 2), len(rest))
                    return 1 + end
        return 1

    def head_pt(self, n: int, start: int) -> float:
        """The least of note ``n`` that must stand on its call's page."""
        lines = self.note_lines(n, start)
        return (lines if lines < MIN_SPLIT else HEAD_LINES) * self.note_pitch

    def series(self, page: Page) -> int:
        """How many apparatus series the page's foot prints (each under a rule of its own, but
        the first when the foot has no notes)."""
        if page.rule is None or not page.foot:
            return 0
        inner = page.inner_rules
        return len(inner) + (0 if _starts_any_note(page.foot[0]) else 1)

    # ------------------------------------------------------------------ measuring
    def white(self, page: Page) -> float:
        last = page.text[-1].bottom
        if page.rule is not None:
            return page.rule - self.margin - last
        return (self.area_bottom or last) - last

    def heading_extent(self, row: Row, first_body: Row) -> float:
        """How far a heading set as ``row`` goes down a page, from the line before it to its
        paragraph's first line (a heading of the same face and size in mid-page, else its
        own height at the top of a page plus one line)."""
        found = []
        for page in self.pages:
            for a, h, b in zip(page.text, page.text[1:], page.text[2:]):
                if self.is_heading(h) and h.font == row.font and h.size == row.size and not self.is_heading(a) and not self.is_heading(b):
                    found.append(b.bottom - a.bottom - self.pitch)
        if found:
            return statistics.median(found)
        return first_body.bottom - row.top + self.pitch - self.pitch

    def explain(self, i: int) -> Optional[str]:
        """Why page ``i`` (0-based) may keep its white, or None."""
        page, white = self.pages[i], self.white(self.pages[i])
        series = self.series(page)
        if series and white < self.pitch + series * self.note_pitch:
            return f"the reserve of {series} run-in apparatus line{'s' if series > 1 else ''}"
        later = [p for p in self.pages[i + 1:] if self.is_text(p)]
        if not later:
            return "end of the text"
        nxt = self.pages[i + 1]
        if not self.is_text(nxt) or not nxt.text:
            return "the next page is not text"
        chrome = 0.0 if page.rule is not None else self.chrome  # a new foot's margin, rule and padding
        rows = nxt.text
        if self.is_heading(rows[0]):
            k = next((j for j, r in enumerate(rows) if not self.is_heading(r)), len(rows))
            if k >= len(rows):
                return None
            # two lines of its paragraph, three when the third is its last (widows: 2)
            count = 3 if len(rows) > k + 3 and (rows[k + 3].x0 > self.left_of(nxt) + 3 or self.is_heading(rows[k + 3])) else 2
            take = list(range(0, min(k + count, len(rows))))
            need = self.heading_extent(rows[k - 1], rows[k]) + count * self.pitch
            what = f"a heading and {count} lines"
        else:
            left = self.left_of(nxt)
            starts = rows[0].x0 > left + 3
            ends2 = len(rows) > 2 and (rows[2].x0 > left + 3 or self.is_heading(rows[2]))
            count = 2 if starts or ends2 else 1
            take = list(range(count))
            need = count * self.pitch
            what = "its first line" if count == 1 else ("a paragraph's first two lines" if starts else "its paragraph's two last lines")
        notes = [n for j in take for n in nxt.calls.get(j, [])]
        if notes:
            # only the last may split: a split note is the last of its page's notes
            need += chrome + sum(self.note_lines(n, i + 1) * self.note_pitch for n in notes[:-1]) + self.head_pt(notes[-1], i + 1)
            what += " with note" + ("s " if len(notes) > 1 else " ") + ", ".join(map(str, notes))
        if white < need - 0.5:
            return f"the next page's {what} need {need / self.pitch:.2f} lines"
        return None

    def gaps(self) -> list[Gap]:
        """Every page of the text, up to the last one, with its white and why."""
        text_pages = [i for i, p in enumerate(self.pages) if self.is_text(p)]
        out = []
        for i in range(0, (text_pages[-1] + 1) if text_pages else 0):
            page = self.pages[i]
            if not page.text:
                continue
            white = self.white(page)
            gap = Gap(page.n, white, white / self.pitch, pitch=self.pitch)
            if white > self.pitch + UNSEEN_PT:
                gap.reason = self.explain(i)
            out.append(gap)
        return out


def _numbers(chars) -> list[int]:
    """Note numbers from the digits of the calls in one line (adjacent digits make one number)."""
    out, current, right = [], "", None
    for c in sorted(chars, key=lambda c: c["x0"]):
        if right is not None and c["x0"] - right > 1.5:
            out.append(int(current))
            current = ""
        current += c["text"]
        right = c["x1"]
    if current:
        out.append(int(current))
    return out


def _lead_digits(row: Row) -> str:
    digits = ""
    for c in row.chars:
        if not c["text"].isdigit():
            break
        digits += c["text"]
    return digits


def _starts_any_note(row: Row) -> bool:
    font = row.chars[0]["fontname"]  # (an apparatus entry's key is bold or italic)
    return bool(_lead_digits(row)) and "Italic" not in font and "Bold" not in font and row.chars[0]["size"] < 9


def _starts_note(row: Row, n: int) -> bool:
    return _starts_any_note(row) and _lead_digits(row) == str(n)


def theme_metrics(theme: Optional[str]):
    """The lengths of the foot in a theme's stylesheet (edition/layout/metrics.py)."""
    from edition.layout.metrics import metrics_of
    from edition.model import Edition
    from edition.writers.html import HTMLWriter

    return metrics_of(HTMLWriter(Edition(), theme=theme).stylesheet())


def page_gaps(pdf_path: str, theme: Optional[str] = None) -> list[Gap]:
    """The white above the foot of every page of the text of a PDF built with ``theme``
    (None: the default theme), see the module."""
    return GapReader(pdf_path, theme).gaps()


def assert_filled(pdf_path: str, theme: Optional[str] = None, what: str = "") -> list[Gap]:
    """Fail with every band of the PDF (a page with more than a line of white above its foot
    that nothing explains); returns the gaps."""
    gaps = page_gaps(pdf_path, theme)
    found = bands(gaps)
    assert not found, f"{what}: {len(found)} pages with white above their foot: " + "; ".join(map(str, found))
    return gaps


def bands(gaps: list[Gap]) -> list[Gap]:
    """The pages with more than a line of white that nothing explains."""
    return [g for g in gaps if g.band]


def main(argv: list[str]) -> int:
    """``[--theme NAME] PDF...``: every page's white, and the bands."""
    theme = None
    if argv[:1] == ["--theme"]:
        theme, argv = argv[1], argv[2:]
    for path in argv:
        gaps = page_gaps(path, theme)
        print(f"{path}: {len(bands(gaps))} bands")
        for gap in gaps:
            print("  ", gap)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def note_starts(reader: GapReader) -> tuple[dict[int, int], dict[int, int], list[int]]:
    """(note -> page of its call, note -> page where its first line is printed, pages whose
    foot opens with the rest of a note: a first line that is no note's), pages 1-based."""
    calls, starts, rests = {}, {}, []
    for page in reader.pages:
        for numbers in page.calls.values():
            for n in numbers:
                calls.setdefault(n, page.n)
        notes = [r for r in page.foot if page.series_rule is None or r.top < page.series_rule]
        left = min((r.x0 for r in notes), default=0)
        for row in notes:
            if _starts_any_note(row) and row.x0 < left + 2:  # (a note's later lines are indented)
                starts.setdefault(int(_lead_digits(row)), page.n)
        # (an apparatus entry opens with its key, in bold)
        if notes and not _starts_any_note(notes[0]) and "Bold" not in notes[0].chars[0]["fontname"]:
            rests.append(page.n)
    return calls, starts, rests
