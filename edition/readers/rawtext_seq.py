"""Note areas of a ``pdftotext`` text without separator lines, found by the note numbering.

:func:`.rawtext_pages.split_pages` opens a page's note area at the first line that begins
with the next expected number once its marker was seen.  ``pdftotext`` does not always write
the notes that way: for prints from Word or InDesign it writes the number of a note on a line
of its own, moves the numbers of a page's first notes to the page's end (``2`` text ``3`` text
... ``1``), lists a page's notes before its body, or glues the first note line to the last body
line when that ended with a hyphen (``the muchECtHR 09.04.2024``).  This module reads every
page again by the numbering itself:

* the **chain**: the longest run of lines opening notes k, k + 1, k + 2 ... in order on the
  page, k being the next number of the running sequence, one of the next few (the first
  numbers moved away), or 1 (notes numbered per page); at least half of its numbers must
  have a marker candidate on the page;
* **moved numbers**: bare numbers e .. k - 1 standing after the chain at the page's end are
  the numbers of the texts between the body's end (the last empty line before the chain, or
  a line far longer than the body's lines: a body line and a note line glued) and the chain;
  those texts are cut into as many notes at their likeliest note starts;
* **notes before the body**: a chain near the page's top followed, after an empty line, by
  text carrying its markers: the note area is the chain's lines, the rest is the body;
* **spread lines**: a justified line that ``pdftotext`` wrote one word a line (three or more
  one-word lines in a row, not after an empty line where a heading stands) is made one line
  again (a paragraph's one-word last line before it is joined to it: the paragraph break is
  lost there, the words are not).

Every such reading is reported (a line of the report, and through it a ``# CHECK:`` when a
note is placed by a guess); a page whose note area the simple rule already found whole is
left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rawtext_notes import candidates_in, marker_values, note_start
from .rawtext_pages import Page, RawLine, _key

LOOKAHEAD = 6  # the chain may start so many numbers after the expected one (numbers moved away)
LEAD_LINES = 4  # at most so many non-empty lines before a chain of notes printed above the body
RUN_ON = 8  # without a shape to go by, at most twice so many lines before a chain are its notes' texts
GLUE_FACTOR = 1.25  # a line this much longer than the body's lines holds a body line and a note line
BARE_RE = re.compile(r"^\s*(\d{1,3})\s*$")
LEAD_NUMBER_RE = re.compile(r"^\s{0,3}(\d{1,3})(?!\d)")


@dataclass
class Chain:
    base: int  # the number the page's notes start with (the running one, or 1 numbered per page)
    first: int  # the number of its first note line (> base: the numbers before moved away)
    lines: list[int]  # indexes (into the page's lines) of the lines opening its notes
    moved: list[int] = field(default_factory=list)  # indexes of the bare numbers base .. first - 1
    glued: tuple[int, int] | None = None  # (line index, offset): note ``base`` starts inside a body line

    @property
    def last(self) -> int:
        return self.first + len(self.lines) - 1


def merge_spread_lines(raw: str) -> tuple[str, int]:
    """Runs of three or more one-word lines (a justified line ``pdftotext`` spread a word a
    line) joined into one line; returns the text and how many runs were joined.

    >>> merge_spread_lines("Text.\\nDie\\nAuseinandersetzung\\nzwischen\\nden\\nParteien bestimmte\\n12\\n3")
    ('Text.\\nDie Auseinandersetzung zwischen den\\nParteien bestimmte\\n12\\n3', 1)
    >>> merge_spread_lines("Text.\\n\\nFolgen\\nDie\\nAuseinandersetzung\\nzwischen\\nbegann.\\nDie")[0].split("\\n")
    ['Text.', '', 'Folgen', 'Die Auseinandersetzung zwischen begann. Die']
    """
    lines = raw.split("\n")
    out: list[str] = []
    run: list[str] = []
    joined = 0

    def flush():
        nonlocal joined
        if len(run) >= 3:
            out.append(" ".join(w.strip() for w in run))
            joined += 1
        else:
            out.extend(run)
        run.clear()

    prev = ""
    for line in lines:
        t = line.strip()
        one_word = t and " " not in t and "\f" not in line and any(c.isalpha() for c in t) and len(t) < 40
        if one_word and (run or prev.strip()):  # not a heading after an empty line
            run.append(line)
        else:
            flush()
            out.append(line)
        prev = line
    flush()
    return "\n".join(out), joined


def _starts(lines: list[RawLine], numbers: set[int], months: frozenset) -> dict[int, list[int]]:
    """number -> indexes of the lines that could open the note of that number."""
    out: dict[int, list[int]] = {}
    bare: dict[int, int] = {}  # number -> index of its last bare line
    for i, line in enumerate(lines):
        m = LEAD_NUMBER_RE.match(line.text)
        if not m:
            continue
        k = int(m.group(1))
        if k in numbers and note_start(line.text, k, strict=True, months=months):
            out.setdefault(k, []).append(i)
            if BARE_RE.match(line.text):
                bare[k] = i
    # a bare number met twice: the earlier one is a marker on a line of its own, the last one
    # the note's number (moved to the page's end)
    for k, last in bare.items():
        out[k] = [i for i in out[k] if i == last or not BARE_RE.match(lines[i].text)]
    return out


def _chains(lines: list[RawLine], expected: int, months: frozenset) -> list[Chain]:
    bases = {expected, 1}
    starts = _starts(lines, set(range(1, expected + 80)), months)
    out = []
    for base in sorted(bases):
        for k in range(base, base + LOOKAHEAD + 1):
            for i in starts.get(k, []):
                chain = [i]
                while True:
                    nxt = [j for j in starts.get(k + len(chain), []) if j > chain[-1]]
                    if not nxt:
                        break
                    chain.append(nxt[0])
                moved = _trailing_numbers(lines, chain[-1], list(range(base, k))) if k > base else []
                if moved is not None:
                    out.append(Chain(base, k, chain, moved))
                elif k == base + 1:
                    at = _glued_start(lines, chain[0], base)
                    if at is not None:
                        out.append(Chain(base, k, chain, [], at))
    return out


def _glued_start(lines: list[RawLine], chain_at: int, n: int) -> tuple[int, int] | None:
    """Where note ``n`` starts inside a line above the chain: its number glued to a word and
    followed by the note's text (``a remark1 Compare Archives``: ``pdftotext`` joined the body
    line ending ``remark-`` with the note line), after a marker ``n`` met earlier on the page.
    The nearest such place above the chain, within a few lines; None when there is none."""
    # the number followed by the note's text, or ending the line (the text on the next line:
    # the number stood on a line of its own, ``Tempe-`` / ``1`` / ``Dazu ...``)
    pat = re.compile(r"(?<=[^\W\d_])" + str(n) + r"(?:\s+(?=[^\W\d_“\"(])|\s*$)")
    for j in range(chain_at - 1, max(-1, chain_at - 1 - 2 * RUN_ON), -1):
        hits = list(pat.finditer(lines[j].text))
        if not hits:
            continue
        pos = hits[-1].start()
        before = "\n".join(l.text for l in lines[:j]) + "\n" + lines[j].text[:pos]
        if n in marker_values(before.replace("\n", " ")) or any(n in marker_values(l.text) for l in lines[:j]):
            return j, pos
        return None
    return None


def _supported(chain: Chain, lines: list[RawLine]) -> int:
    """How many of the chain's numbers have a marker candidate among the page's other lines."""
    seen: set[int] = set()
    for i, line in enumerate(lines):
        if i not in chain.lines:
            seen |= marker_values(line.text)
    return sum(1 for k in range(chain.first, chain.last + 1) if k in seen)


def best_chain(lines: list[RawLine], expected: int, months: frozenset = frozenset()) -> Chain | None:
    """The page's likeliest run of note starts (see the module docstring), or None."""
    best, key = None, None
    for chain in _chains(lines, expected, months):
        support = _supported(chain, lines)
        n = len(chain.lines)
        if 2 * support < n or support == 0:
            continue
        # longest first; then the expected start; then the one nearer the page's foot
        k = (n + len(chain.moved) + (chain.glued is not None), chain.base == expected, support, chain.lines[0])
        if key is None or k > key:
            best, key = chain, k
    return best


def _line_openers(pages: list[Page]) -> set[str]:
    """First words of two or more lines that open a note with its number and text (``3 Vgl.``)."""
    from collections import Counter

    first: Counter = Counter()
    for page in pages:
        for line in page.body + page.notes:
            m = re.match(r"^\s{0,3}\d{1,3}\.?\s+(\S+)", line.text)
            if m and note_start(line.text, int(re.match(r"\s*(\d+)", line.text).group(1))):
                first[m.group(1)] += 1
    return {w for w, k in first.items() if k >= 2 and not w.isdigit()}


def _trailing_numbers(lines: list[RawLine], after: int, want: list[int]) -> list[int] | None:
    """Indexes of bare-number lines ``want`` (in order) among the last lines of the page,
    after index ``after``; None when they are not all there."""
    found, k = [], 0
    for i in range(after + 1, len(lines)):
        m = BARE_RE.match(lines[i].text)
        if m and k < len(want) and int(m.group(1)) == want[k]:
            found.append(i)
            k += 1
    return found if k == len(want) else None


def _body_width(lines: list[RawLine]) -> int:
    """The length of a full line among ``lines`` (a high percentile: last lines are short)."""
    lengths = sorted(len(l.text.strip()) for l in lines if len(l.text.strip()) > 20)
    return lengths[round(0.9 * (len(lengths) - 1))] if lengths else 80


def _lead_start(lines: list[RawLine], chain_at: int, width: int, note_width: int) -> tuple[int, int | None]:
    """Where the texts before a chain begin: (index of their first line, index of a glued
    line to split or None).  Going up from the chain: not past an empty line (``pdftotext``
    sets the note block off so), nor past a line that is not shaped like a note line when the
    notes' lines are longer than the body's (notes set smaller): a note line is as long as
    the notes' lines, or ends a sentence (a note's short last line, a note of one line).  A line far longer
    than the body's, with a seam in it, is a body line and a note line glued."""
    wide = note_width > 1.08 * width
    for i in range(chain_at - 1, -1, -1):
        t = lines[i].text.strip()
        if not t:
            return i + 1, None
        if len(t) > max(GLUE_FACTOR * width, 0.8 * (width + note_width)) and _seam(t, width) is not None:
            return i, i
        note_like = len(t) >= 0.9 * note_width or _ends(t)
        if wide and not note_like:
            return i + 1, None
        if not wide and chain_at - i > 2 * RUN_ON:
            return chain_at, None
    return chain_at, None


def _ends(text: str) -> bool:
    return text.rstrip(")”’\"'")[-1:] in ".!?"


SEAM_RE = re.compile(r"(?<=[a-zäöüßçğışéèà])(?=[A-ZÄÖÜÇĞİŞÉ])")


def _seam(text: str, width: int) -> int | None:
    """Where a glued line changes from body to note: the first capital glued to a lower-case
    letter (``muchECtHR``: the hyphen ``pdftotext`` took out) past half the body's width and
    not past the width of a line.

    >>> _seam("these include the muchECtHR 09.04.2024, Verein KlimaSeniorinnen", 30)
    22
    """
    for m in SEAM_RE.finditer(text):
        if 0.5 * width <= m.start() <= 1.05 * width:
            return m.start()
    return None


def resplit(pages: list[Page], months: frozenset = frozenset(), checks: dict[int, list[str]] | None = None) -> list[str]:
    """Read the note areas of a text without separators again by their numbering; returns
    the report's lines.  Pages whose note area is already whole are left alone.  ``checks``
    receives every message under the number of its page's last body line (a ``# CHECK:`` at
    the paragraph that ends the page)."""
    by_page = _resplit_all(pages, months)
    if checks is not None:
        locate(by_page, checks)
    return [m for _, msgs in by_page for m in msgs]


def locate(problems_by_page: list[tuple[Page, list[str]]], checks: dict[int, list[str]]) -> None:
    """Each page's messages under the number of its last non-empty body line."""
    for page, msgs in problems_by_page:
        last = next((l.no for l in reversed(page.body) if l.text.strip()), None)
        if last is not None and msgs:
            checks.setdefault(last, []).extend(msgs)


def _resplit_all(pages: list[Page], months: frozenset) -> list[tuple[Page, list[str]]]:
    from .rawtext_notes import _cut

    out: list[tuple[Page, list[str]]] = []
    problems: list[str] = []
    expected = 1
    on: dict[str, set[int]] = {}
    for page in pages:
        for line in page.body + page.notes:
            if len(line.text.strip()) > 20:
                on.setdefault(_key(line.text), set()).add(page.n)
    repeated = {k for k, ns in on.items() if len(ns) >= 2}
    openers = _line_openers(pages)
    for page in pages:
        if problems:
            out.append((prev, problems))
        problems, prev = [], page
        if page.separator:
            continue
        problems += _numbers_moved_between(page, months, openers)
        lines = page.body + page.notes
        chain = best_chain(lines, expected, months)
        if chain is None:
            expected = _after(page, expected)
            continue
        moved_nums = list(range(chain.base, chain.first))
        if not moved_nums and _whole(page, chain, lines):
            expected = chain.last + 1
            problems += _interleaved_body(page, chain)
            problems += _body_after_notes(page, chain, repeated)
            continue
        width = _body_width(lines[:chain.lines[0]])
        note_width = _body_width(lines[chain.lines[0]:])
        first = chain.lines[0]
        tail_end = len(lines)
        lead_at, glued = first, None
        if chain.glued is not None:
            j, pos = chain.glued
            line = lines[j]
            lines[j:j + 1] = [RawLine(line.no, line.text[:pos] + "-", line.page), RawLine(line.no, line.text[pos:], line.page)]
            problems.append(f"line {line.no}: note {chain.base} starts inside a body line (pdftotext joined them at a hyphen); cut at "
                            f"{line.text[max(0, pos - 12):pos + 12]!r}: check")
            lead_at = j + 1
            first += 1
            tail_end += 1
            moved_nums = []
        elif moved_nums:
            lead_at, glued = _lead_start(lines, first, width, note_width)
            if sum(1 for l in lines[lead_at:first] if l.text.strip()) < len(moved_nums):
                problems.append(f"page {page.n}: the numbers of notes {moved_nums[0]}-{moved_nums[-1]} stand at the page's end, but their texts were not found")
                expected = chain.last + 1
                continue
            for i in reversed(chain.moved):
                del lines[i]
        before_body = _before_body(lines, chain, lead_at)
        if before_body is not None:
            tail_end = before_body
        if glued is not None:
            line = lines[glued]
            at = _seam(line.text, width)
            lines[glued:glued + 1] = [RawLine(line.no, line.text[:at] + "-", line.page),
                                      RawLine(line.no, line.text[at:], line.page)]
            lead_at += 1
            first += 1
            tail_end += 1
            problems.append(f"line {line.no}: a body line and a note line glued by pdftotext; cut at {line.text[max(0, at - 12):at + 12]!r}: check")
        notes = lines[lead_at:tail_end]
        body = lines[:lead_at] + lines[tail_end:]
        if moved_nums:
            lead = [(p, l) for p, l in enumerate(notes[:first - lead_at]) if l.text.strip()]
            if len(lead) >= len(moved_nums):
                groups = _cut([(page.n, l.no, l.text) for _, l in lead], len(moved_nums), openers)
                for k, group in zip(moved_nums, groups):
                    p = next(p for p, l in lead if l.no == group[0][1] and l.text == group[0][2])
                    notes[p] = RawLine(notes[p].no, f"{k} {notes[p].text.strip()}", page.n)
                problems.append(f"page {page.n}: the numbers of notes {moved_nums[0]}-{moved_nums[-1]} stood at the page's end, away from their texts; "
                                f"texts given to them by where sentences end: check")
        if before_body is not None:
            problems.append(f"page {page.n}: notes {chain.first}-{chain.last} stand before the page's body in the text; read as its note area: check")
        elif not moved_nums:
            problems.append(f"page {page.n}: note area found by the numbering (notes {chain.first}-{chain.last}): check")
        page.body, page.notes = body, notes
        problems += _interleaved_body(page, chain)
        if before_body is None:
            problems += _body_after_notes(page, chain, repeated)
        expected = chain.last + 1
    if problems:
        out.append((prev, problems))
    return out


def _numbers_moved_between(page: Page, months: frozenset, openers: set[str]) -> list[str]:
    """A bare number n at the page's end, after the last note start, where notes n - 1 and
    n + 1 open on the page but n does not between them (``39`` text text ``41`` ... ``40``:
    pdftotext wrote one note's number last): note n's text is the end of what note n - 1
    holds, cut at its likeliest note start (:func:`.rawtext_notes._cut`), and the number is
    put there (``40 Siehe ...``).  ``page``'s body and notes are changed in place (also when
    its note area is already whole and is not read again); returns the report's lines."""
    problems: list[str] = []
    lines, split = page.body + page.notes, len(page.body)
    while True:
        move = _moved_between(lines, months, openers)
        if move is None:
            page.body, page.notes = lines[:split], lines[split:]
            return problems
        i, at, n = move
        line = lines[at]
        del lines[i]
        split -= i < split  # ``at`` < ``i``: the text stands above its moved number
        lines[at] = RawLine(line.no, f"{n} {line.text.strip()}", line.page)
        problems.append(f"line {line.no}: the number of note {n} stood at the page's end, away from its text; "
                        f"given to the line {line.text.strip()[:30]!r} by where sentences end: check")


def _moved_between(lines: list[RawLine], months: frozenset, openers: set[str]) -> tuple[int, int, int] | None:
    """The first moved number of :func:`_numbers_moved_between` found from the page's end:
    (index of its bare line, index of the line its text starts on, the number); or None."""
    from .rawtext_notes import _cut

    starts = _starts(lines, set(range(1, 1000)), months)
    # the page's end: the bare numbers after its last line of text
    last = max((i for i, l in enumerate(lines) if l.text.strip() and not BARE_RE.match(l.text)), default=-1)
    for i in range(len(lines) - 1, last, -1):
        m = BARE_RE.match(lines[i].text)
        n = int(m.group(1)) if m else 0
        before = [j for j in starts.get(n - 1, []) if j < i]
        after = [j for j in starts.get(n + 1, []) if j < i]
        if not (m and before and after and before[-1] < after[0]) or any(before[-1] < j < after[0] for j in starts.get(n, [])):
            continue
        first = before[-1] + bool(BARE_RE.match(lines[before[-1]].text))  # note n - 1's first line of text
        texts = [(0, j, lines[j].text) for j in range(first, after[0]) if lines[j].text.strip()]
        if len(texts) < 2:
            continue
        return i, _cut(texts, 2, openers)[1][0][1], n
    return None


def _interleaved_body(page: Page, chain: Chain) -> list[str]:
    """Body text that plain ``pdftotext`` wrote between a page's notes (a column's notes, then
    the other column's text, then its notes): a run of lines after an empty line, before the
    next note's start, that carries markers (glued or raised) of notes still to come.  Moved
    to the body's end."""
    problems: list[str] = []
    notes = page.notes
    k = chain.base - 1  # the note being read
    i = 0
    while i < len(notes):
        if note_start(notes[i].text, k + 1):
            k += 1
        elif not notes[i].text.strip() and k >= chain.base:
            j = i + 1
            while j < len(notes) and not note_start(notes[j].text, k + 1):
                j += 1
            seen = {int(d) for l in notes[i:j] for _, _, d, _ in candidates_in(l.text) if len(d) <= 3}
            if j < len(notes) and any(n in seen for n in range(k + 1, chain.last + 1)):
                moved = notes[i:j]
                page.body += moved
                del notes[i:j]
                problems.append(f"page {page.n}: {sum(1 for l in moved if l.text.strip())} line(s) between notes {k} and {k + 1} "
                                f"carry markers of later notes: read as body (two columns?): check")
                continue
        i += 1
    return problems


def _body_after_notes(page: Page, chain: Chain, repeated: set[str]) -> list[str]:
    """Move body text standing after the page's last note (:func:`_trailing_body`) to the body."""
    last = next((i for i in range(len(page.notes) - 1, -1, -1) if note_start(page.notes[i].text, chain.last)), None)
    if last is None:
        return []
    back = _trailing_body(page.notes, last, chain.last + 1, range(chain.base, chain.last + 1))
    if back is None:
        return []
    moved = page.notes[back:]
    del page.notes[back:]
    texts = [k for k, l in enumerate(moved) if l.text.strip()]
    lead = 0
    while lead < len(texts) - 1 and _key(moved[texts[lead]].text) in repeated:
        lead += 1  # a download notice in the margin, written with every page
    top = texts[lead] if texts and moved[texts[lead]].text.strip()[:1].islower() else None
    where = "the end of the page's body"
    if top is not None:  # it goes on with a sentence: the top of the page, written after its notes
        page.body[:0] = moved[top:]
        moved = moved[:top]
        where = "the top of the page's body (it goes on with a sentence)"
    page.body += moved
    return [f"page {page.n}: lines after note {chain.last}, set off by an empty line, read as body and put at "
            f"{where} (line {page.notes[-1].no + 1 if page.notes else 0}): check"]


TRAIL_LINES = 8  # so many lines after a page's last note, past an empty line and no note start among them: body


def _trailing_body(notes: list[RawLine], last: int, nxt: int, numbers: range = range(0)) -> int | None:
    """Index in ``notes`` where body text follows the page's last note (``last`` = index of
    its first line): after the first empty line that follows a line of its text, at least
    ``TRAIL_LINES`` lines (three when they carry a marker of the page's notes ``numbers``),
    the first starting a sentence, none opening note ``nxt`` (an abstract after a note on the
    author's name; the top of a page that pdftotext wrote after its notes).  None when the
    note runs to the page's end.

    >>> L = lambda t: RawLine(0, t, 1)
    >>> notes = [L("1"), L(""), L("University of Sussex"), L("")] + [L("This article explores the law.")] * 8
    >>> _trailing_body(notes, 0, 2)
    4
    >>> _trailing_body(notes[:6], 0, 2) is None
    True
    """
    i = last + 1
    while i < len(notes) and not notes[i].text.strip():
        i += 1
    while i < len(notes) and notes[i].text.strip():
        i += 1
    while i < len(notes) and not notes[i].text.strip():
        i += 1
    rest = [l for l in notes[i:] if l.text.strip()]
    marked = any(int(d) in numbers for l in rest for _, _, d, _ in candidates_in(l.text) if len(d) <= 3)
    if len(rest) < (3 if marked else TRAIL_LINES) or not rest[0].text.strip()[:1].isupper():
        return None
    if any(note_start(l.text, nxt) for l in rest):
        return None
    return i


def _whole(page: Page, chain: Chain, lines: list[RawLine]) -> bool:
    """Does the page's note area as found already start at the chain and hold all of it?"""
    return chain.lines[0] >= len(page.body)


def _before_body(lines: list[RawLine], chain: Chain, lead_at: int) -> int | None:
    """When the chain stands at the page's top and text with its markers follows it after an
    empty line: the index where that body text begins; else None."""
    if sum(1 for l in lines[:lead_at] if l.text.strip()) > LEAD_LINES:
        return None
    i = chain.lines[-1] + 1
    while i < len(lines) and not lines[i].text.strip():
        i += 1  # the number's own line, then its text
    while i < len(lines) and lines[i].text.strip():
        i += 1
    rest = lines[i:]
    if sum(1 for l in rest if l.text.strip()) < 3:
        return None
    seen: set[int] = set()
    for l in rest:
        seen |= marker_values(l.text)
    if not any(k in seen for k in range(chain.first, chain.last + 1)):
        return None
    return i


def _after(page: Page, expected: int) -> int:
    """The next expected number after a page left as it is."""
    for line in page.notes:
        m = LEAD_NUMBER_RE.match(line.text)
        if m and int(m.group(1)) == expected and note_start(line.text, expected):
            expected += 1
    return expected


__all__ = ["best_chain", "merge_spread_lines", "resplit"]
