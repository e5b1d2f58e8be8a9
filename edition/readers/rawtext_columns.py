"""``pdftotext -layout`` text: columns found from the character positions, read in order.

``pdftotext -layout`` keeps every line where it stands on the page: the text of a page in two
columns comes out as rows holding a piece of the left column, a run of spaces (the gutter),
and a piece of the right column.  Plain ``pdftotext`` guesses the reading order itself and
mixes the columns' notes with the text; the layout text lets the importer read them in order:

* the text is **layout text** when many of its lines are indented or hold runs of spaces
  between words (:func:`is_layout`);
* on each page (form feeds part them), a **gutter** is a run of at least two character columns,
  in the middle half of the page's width, that hardly any line has a character in, with text
  on both sides on many lines (:func:`gutter`);
* rows that cross the gutter (a title, a running head, a note across the page) are read where
  they stand; between them, the rows' left pieces are read first, then their right pieces
  (:func:`decolumn`); a row empty in one column but not in the other is no empty line of that
  column; each column is read as a page of its own by the page steps (its notes stand at its
  foot), and the columns are made one page again after (:func:`.rawtext_pages.merge_columns`);
* every line then loses its indentation and its runs of spaces (justified lines), so the rules
  of the plain text apply.

The decision is reported (``2 page(s) read in two columns``).
"""

from __future__ import annotations

import re

MIN_GUTTER = 2
# between a band's left and right column: a form feed and this line, so that the page steps
# read each column's notes at its foot; rawtext_pages.merge_columns makes the page whole again
COLUMN_MARK = "\ue00f"
COLUMN_BREAK = "\f" + COLUMN_MARK + "\n"
RUN_RE = re.compile(r"\S {3,}\S")


def is_layout(raw: str) -> bool:
    """Is ``raw`` the output of ``pdftotext -layout`` (indented lines, runs of spaces)?

    >>> is_layout("plain text\\nof a page\\n")
    False
    >>> is_layout("      The case 1 has been\\n\\n      widely       discussed\\n      of the proceedings.\\n")
    True
    """
    lines = [l for l in raw.split("\n") if l.strip()]
    if len(lines) < 3:
        return False
    spaced = sum(1 for l in lines if RUN_RE.search(l) or re.match(r"^ {4,}\S", l))
    far = sum(1 for l in lines if re.match(r"^ {8,}\S", l))  # a centred title, a folio set in
    return spaced >= 0.3 * len(lines) or far >= max(2, 0.03 * len(lines))


def gutter(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) character columns of a page's gutter, or None (one column).

    >>> rows = ["a title over the whole width of it"] + ["left column text   right column text"] * 12
    >>> gutter(rows)
    (16, 19)
    >>> gutter(["a line of one column, with words"] * 6) is None
    True
    """
    rows = [l.rstrip() for l in lines if l.strip()]
    if len(rows) < 5:
        return None
    width = max(len(r) for r in rows)
    occupied = [0] * width
    for r in rows:
        for c, ch in enumerate(r):
            if ch != " ":
                occupied[c] += 1
    best = None
    c = int(0.25 * width)
    while c < 0.75 * width:
        if occupied[c] > max(1, 0.08 * len(rows)):
            c += 1
            continue
        start = c
        while c < width and occupied[c] <= max(1, 0.08 * len(rows)):
            c += 1
        if c - start >= MIN_GUTTER and (best is None or c - start > best[1] - best[0]):
            best = (start, c)
    if best is None:
        return None
    a, b = best
    both = sum(1 for r in rows if r[:a].strip() and r[b:].strip())
    return best if both >= 0.3 * len(rows) else None


def decolumn(page: str) -> tuple[str, bool]:
    """One page of layout text in reading order; True when it had two columns."""
    lines = page.split("\n")
    while lines and not lines[0].strip():
        del lines[0]  # the top margin: no paragraph break at the page's start
    g = gutter(lines)
    if g is None:
        return "\n".join(_flat(l) for l in lines), False
    a, b = g
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []

    def flush():
        both = any(l for l in left) and any(l for l in right)
        out.extend(_trim(left) if both else left)
        if both:  # the margins of a column are no paragraph breaks
            out.append(COLUMN_BREAK.rstrip("\n"))
        out.extend(_trim(right) if both else right)
        left.clear()
        right.clear()

    for line in lines:
        if not line.strip():
            left.append("")
            right.append("")
            continue
        cut = _split_at(line, a, b)
        if cut is None:  # a row across the gutter
            flush()
            out.append(_flat(line))
            continue
        lt, rt = line[:cut], line[cut:]
        if lt.strip():
            left.append(_flat(lt))
        if rt.strip():
            right.append(_flat(rt))
    flush()
    return "\n".join(out), True


SLACK = 6  # a column's line (a note set wider) may reach so many characters into the gutter


def _split_at(line: str, a: int, b: int) -> int | None:
    """Where a row parts into its left and right column: the gutter, or a run of two spaces
    or more near it (a line of one column reaching into the gutter); None: the row crosses.

    >>> _split_at("left text   right", 9, 12), _split_at("  10 Krs. Archives, p. 14.   arasindaki", 22, 26)
    (9, 26)
    >>> _split_at("a title that runs over the whole page", 9, 12) is None
    True
    """
    if not line[a:b].strip():
        return a
    for m in re.finditer(r" {2,}", line):
        if m.start() <= b + SLACK and m.end() >= a - SLACK and line[:m.start()].strip():
            return m.start()
    return None


def _trim(rows: list[str]) -> list[str]:
    """A column's rows without the empty ones at its top and foot."""
    a, b = 0, len(rows)
    while a < b and not rows[a]:
        a += 1
    while b > a and not rows[b - 1]:
        b -= 1
    return rows[a:b]


def _flat(line: str) -> str:
    """A layout line as plain text: no indentation, one space between words."""
    return re.sub(r" {2,}", " ", line.strip())


def from_layout(raw: str) -> tuple[str, list[str]]:
    """Layout text -> plain text in reading order, and the report's lines."""
    pages, columns = [], 0
    for page in raw.split("\f"):
        text, two = decolumn(page)
        pages.append(text)
        columns += two
    problems = ["pdftotext -layout text: lines read without their indentation"]
    if columns:
        problems.append(f"{columns} page(s) read in two columns (left column, then right) from the character positions: check the order")
    return "\f".join(pages), problems


__all__ = ["COLUMN_BREAK", "COLUMN_MARK", "decolumn", "from_layout", "gutter", "is_layout"]
