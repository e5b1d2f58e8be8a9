"""Footnotes of a ``pdftotext`` text: the notes of each page's foot and the markers in the body.

Note areas.  A note starts at a line beginning with the *next expected* note number, written
``1 text``, ``1. text``, ``1) text``, ``¹ text`` or glued to its text (``6Milli``,
``5http://``, ``171859'da`` = note 17 + ``1859'da``: the digits split where the rest is a
year and the whole is not).  Any other line continues the current note, also across a page
(the first lines of a page's note area before its first number belong to the last note of
the page before).  A line holding only a URL that already occurs in a note of the page is a
link artefact of the PDF and is dropped.

Markers.  A marker candidate is a run of digits glued to the end of a word or to closing
punctuation (``Müfettişi1``, ``Paşa20dır``, ``bildirmiş”.13Mustafa``) or a run of
superscript digits.  A candidate becomes the marker of note *n* only when *n* is the next
number in the running sequence and note *n* sits in the note area of the candidate's page;
numbers that fail the test stay text (``kişiyle19 Mayıs``).  Doubtful choices -- two
candidates for one note, a candidate in a date (``19 Mayıs 1919``), a marker on another page
than its note, a note without a marker -- are kept but reported as *unsure*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from .rawtext_text import (
    SUPERSCRIPT_DIGITS,
    SUPERSCRIPT_TO_ASCII,
    clean_url,
    date_follows,
    in_spans,
    url_spans,
)

CANDIDATE_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+|\\d+")
GLUE_PUNCT = ".,;:!?…”’\"')]»"
URL_LINE_RE = re.compile(r"^\s*((?:https?|ftp)://\S+|www\.\S+)\s*$", re.I)


def is_year(digits: str) -> bool:
    return len(digits) == 4 and 1000 <= int(digits) <= 2099


# --------------------------------------------------------------------------- note areas


def note_start(text: str, expected: int, strict: bool = False, months: frozenset = frozenset()) -> Optional[tuple[int, str]]:
    """(number, text after it) when ``text`` opens note ``expected``; None otherwise.

    ``strict`` (used when no separator line marks the note area) refuses lines that read as a
    date (``2 Ekim 1920 ...``), which a body line may begin with.
    """
    s = text.lstrip(" \t")
    if len(text) - len(s) > 3 or not s:
        return None
    e = str(expected)
    m = re.match(f"[{SUPERSCRIPT_DIGITS}]+", s)
    if m:
        if m.group().translate(SUPERSCRIPT_TO_ASCII) == e:
            return expected, s[m.end():].lstrip()
        return None
    m = re.match(r"\d+", s)
    if not m:
        return None
    digits, after = m.group(), s[m.end():]
    if digits == e:
        if not after:
            return expected, ""
        c = after[0]
        if c in " \t":
            rest = after.lstrip()
            if strict and date_follows(after, set(months)):
                return None
            return expected, rest
        if c in ".)" and not after[1:2].isdigit():
            return expected, after[1:].lstrip()
        if c.isalpha() or c in "“\"«„(['‘":
            return expected, after
        return None
    rest = digits[len(e):]
    if digits.startswith(e) and is_year(rest) and not is_year(digits):
        return expected, rest + after
    return None


@dataclass
class RawNote:
    n: int  # 1, 2, 3 ... over the whole text (0: note-area text without a number)
    page: int  # page whose note area holds the start of the note
    parts: list[tuple[int, int, str]] = field(default_factory=list)  # (page, line no, text)
    text: str = ""
    printed: int = 0  # the number as printed (differs from n when numbering restarts on every page)

    def __post_init__(self):
        self.printed = self.printed or self.n

    @property
    def pages(self) -> set[int]:
        return {p for p, _, _ in self.parts}


@dataclass
class NoteAreaResult:
    notes: list[RawNote]
    dropped_artifacts: int
    problems: list[str]


def parse_note_areas(pages, join: Callable[[list[str]], str]) -> NoteAreaResult:
    """Read every page's note area into numbered notes (see the module docstring)."""
    notes: list[RawNote] = []
    problems: list[str] = []
    artifacts: list[tuple[int, int, str, Optional[RawNote]]] = []
    expected = 1
    count = 0
    for page in pages:
        first = True  # before the first numbered line of this page's note area
        for line in page.notes:
            text = line.text.strip()
            if not text:
                continue
            current = notes[-1] if notes else None
            start = note_start(line.text, expected)
            if not start and first and expected > 1 and restarts_at(page, line, expected):
                start, expected = note_start(line.text, 1), 1  # numbering per page
            if start:
                count += 1
                notes.append(RawNote(count, page.n, [(page.n, line.no, start[1])], printed=start[0]))
                expected += 1
                first = False
                continue
            m = URL_LINE_RE.match(text)
            if m:
                artifacts.append((page.n, line.no, clean_url(m.group(1)), current))
                continue
            if current is None:
                notes.append(RawNote(0, page.n, [(page.n, line.no, text)]))
                continue
            current.parts.append((page.n, line.no, text))
    problems += _number_columns(notes, _openers(notes))
    for note in notes:
        note.text = join([t for _, _, t in note.parts])
    dropped = 0
    for page_n, line_no, url, current in artifacts:
        on_page = [n for n in notes if page_n in n.pages]
        if any(url in n.text for n in on_page):
            dropped += 1
        elif any(url in n.text for n in notes):
            dropped += 1
            problems.append(f"line {line_no}: link line on page {page_n} repeats a URL of a note on another page; dropped")
        elif current is not None:
            current.parts.append((page_n, line_no, url))
            current.text = join([t for _, _, t in current.parts])
            problems.append(f"line {line_no}: a line with only a URL, not found in any note, kept at the end of note {current.n}")
    return NoteAreaResult(notes, dropped, problems)


def restarts_at(page, line, expected: int = 0) -> bool:
    """Does the note numbering start again at ``line`` (notes numbered per page)?  ``line``
    opens note 1, and the numbered lines after it on the page count 2, 3 ... further than
    they would count ``expected``, ``expected + 1`` ...

    >>> from types import SimpleNamespace as L
    >>> page = L(notes=[L(text="1 See p. 3."), L(text="2 Ibid.")])
    >>> restarts_at(page, page.notes[0], 7)
    True
    >>> page = L(notes=[L(text="1 in the 1998 edition)."), L(text="7 Ibid."), L(text="8 Ibid.")])
    >>> restarts_at(page, page.notes[0], 7)  # a note 6 running over, then 7 and 8
    False
    """
    if not note_start(line.text, 1):
        return False
    rest = page.notes[page.notes.index(line) + 1:]
    return 1 + _run(rest, 2) > _run([line] + rest, expected) if expected else True


def _run(lines, expected: int) -> int:
    """How many of ``lines`` open notes ``expected``, ``expected + 1`` ... in turn."""
    n = 0
    for line in lines:
        if note_start(line.text, expected + n):
            n += 1
    return n


def _openers(notes: list[RawNote]) -> set[str]:
    """First words that open two or more of the text's notes written with their numbers
    (``Vgl.``, ``See``, ``Krş.``): a line starting with one is likely a note's start."""
    from collections import Counter

    first: Counter = Counter()
    for n in notes:
        text = next((t for _, _, t in n.parts if t.strip()), "")
        if text and n.n:
            first[text.split()[0]] += 1
    return {w for w, k in first.items() if k >= 2}


def _number_columns(notes: list[RawNote], openers: set[str] = frozenset()) -> list[str]:
    """Notes printed with hanging numbers come out of ``pdftotext`` as a column of bare
    numbers, then the texts (``1`` ``2`` ``3`` / ``text of 1`` ...): give each number its
    text again.  The texts are cut where a line ends a sentence short of the full width and
    the next begins with a capital -- the likeliest places first -- into as many notes as
    there are numbers; the cut is reported (a guess)."""
    problems: list[str] = []
    i = 0
    while i < len(notes):
        run = [notes[i]]
        while (run[-1].parts[0][2] == "" and len(run[-1].parts) == 1 and i + len(run) < len(notes)
               and notes[i + len(run)].page == notes[i].page):
            run.append(notes[i + len(run)])
        lines = [p for n in run for p in n.parts if p[2]]
        if len(run) >= 2 and run[-1].parts[0][2] == "" and len(lines) >= len(run):
            groups = _cut(lines, len(run), openers)
            for note, group in zip(run, groups):
                note.parts = group
            problems.append(f"page {run[0].page}: note numbers {run[0].printed}-{run[-1].printed} stood apart from their texts "
                            f"(a column of numbers); texts given to them by where sentences end: check")
        i += len(run)
    return problems


def _cut(lines: list, k: int, openers: set[str] = frozenset()) -> list[list]:
    """``lines`` into ``k`` groups at the ``k - 1`` likeliest note starts (a line ending a
    sentence short of the width before, a capital, a word that opens other notes)."""
    width = max(len(t) for _, _, t in lines)

    def score(j: int) -> float:  # a note starts at lines[j]
        prev, cur = lines[j - 1][2].rstrip(), lines[j][2].lstrip()
        ends = prev[-1:] in ".!?)”\"'"
        short = len(prev) < 0.85 * width
        opens = bool(cur.split()) and cur.split()[0] in openers
        return 2 * ends + short + (cur[:1].isupper() or cur[:1] in "“\"(«") + opens

    starts = sorted(sorted(range(1, len(lines)), key=lambda j: (-score(j), j))[: k - 1])
    bounds = [0] + starts + [len(lines)]
    return [lines[a:b] for a, b in zip(bounds, bounds[1:])]


# --------------------------------------------------------------------------- markers


@dataclass
class Candidate:
    block: int  # index of the block holding it
    start: int
    end: int
    digits: str  # ASCII digits
    page: int
    superscript: bool = False
    date_like: bool = False  # followed by "Month 1919": reads as a date
    apart: bool = False  # a number standing between words, not glued to one
    tail: bool = False  # the last digits of a number (``43`` = 4 + marker 3): the last resort

    @property
    def value(self) -> int:
        return int(self.digits)


def candidates_in(s: str, superscript_only: bool = False) -> list[tuple[int, int, str, bool]]:
    """(start, end, ascii digits, superscript) of the marker candidates of one string;
    ``superscript_only`` when the reader knows which digits are raised (a PDF)."""
    urls = url_spans(s)
    out = []
    for m in CANDIDATE_RE.finditer(s):
        a = m.start()
        if in_spans(a, urls):
            continue
        if m.group()[0] in SUPERSCRIPT_DIGITS:
            out.append((a, m.end(), m.group().translate(SUPERSCRIPT_TO_ASCII), True))
            continue
        if superscript_only:
            continue
        prev = s[a - 1] if a else ""
        if prev.isalpha():
            out.append((a, m.end(), m.group(), False))
        elif prev and prev in GLUE_PUNCT and not (a >= 2 and s[a - 2].isdigit()):
            out.append((a, m.end(), m.group(), False))
    return out


APART_RE = re.compile(r"(?:(?<=\w)|(?<=\w[.,;:”’“»«\"')])|(?<=\w[”’“»«\"')][.,;:])) (\d{1,3})"
                      r"(?=[.,;:]? (?:\w|[(“„«\"‘])|[.,;:]?\s*$|\s*\ue000)")


def apart_candidates(s: str) -> list[tuple[int, int, str]]:
    """Numbers standing between two words (``ettiler. Bu 2 yorum``): how ``pdftotext`` writes
    a raised marker it set apart.  Weak evidence: used only when no glued marker is found.

    >>> [d for _, _, d in apart_candidates("talep ettiler. Bu 2 yorum, in 1919 there were")]
    ['2']
    >>> [d for _, _, d in apart_candidates("in November 2020, 9 after; held in March 2023. 14")]  # after a year, at the end
    ['9', '14']
    >>> [d for _, _, d in apart_candidates("the latter target”. 24 \ue0005\ue001The")]  # before a page break
    ['24']
    >>> [d for _, _, d in apart_candidates("the latter target” 24. Detailing the scope")]  # before the sentence's stop
    ['24']
    >>> [d for _, _, d in apart_candidates("Bedeutsamkeit. 7 „Arbeit ist keine Ware“ 10 drückt")]  # German quotes
    ['7', '10']
    >>> [d for _, _, d in apart_candidates("In 1914 6 there were 2 5 deputies")]  # beside other numbers
    ['6', '2', '5']
    """
    urls = url_spans(s)
    return [(m.start(1), m.end(1), m.group(1)) for m in APART_RE.finditer(s) if not in_spans(m.start(1), urls)]


TAIL_RE = re.compile(r"(?<![\d.,:/-])(\d{1,3})(\d{1,2})(?= [^\W\d_])")


def tail_candidates(s: str) -> list[tuple[int, int, str]]:
    """The last digits of a short number before a word (``comptait 43 députés``: a 4 and a
    raised 3 that pdftotext wrote as one number): the last resort for a note no other place
    takes, always reported.  Years are not split.

    >>> [d for _, _, d in tail_candidates("on comptait 43 députés en 1907 et 1921 ici")]
    ['3']
    """
    urls = url_spans(s)
    out = []
    for m in TAIL_RE.finditer(s):
        if is_year(m.group()) or in_spans(m.start(), urls):
            continue
        out.append((m.start(2), m.end(2), m.group(2)))
    return out


def marker_values(text: str) -> set[int]:
    """Numbers that could be note markers in one raw line (for finding note areas)."""
    return {int(d) for _, _, d, _ in candidates_in(text) if len(d) <= 3} | {int(d) for _, _, d in apart_candidates(text)}


@dataclass
class Assignment:
    markers: dict[int, Candidate]  # note number -> chosen candidate
    unsure: list[tuple[int, int, str]]  # (page, note number, reason)
    unplaced: list[int]  # notes without any marker (placed at the end of their page)


def assign_markers(cands: list[Candidate], notes_by_page: dict[int, list]) -> Assignment:
    """Choose the marker of every note (see the module docstring for the evidence used).

    ``notes_by_page`` maps a page to its notes, each a number ``n`` or a pair ``(n, printed)``
    when the print numbers the notes of every page from 1: the candidates are matched with
    the printed number, the result is keyed by ``n``."""
    markers: dict[int, Candidate] = {}
    unsure: list[tuple[int, int, str]] = []
    unplaced: list[int] = []
    order = {id(c): i for i, c in enumerate(cands)}
    last = -1  # index in ``cands`` of the last chosen marker
    single_apart: list[tuple[int, Candidate]] = []  # markers standing apart, alone of their value up to the next note's
    for page in sorted(notes_by_page):
        for key, n in sorted(_pair(x) for x in notes_by_page[page]):
            later = [c for c in cands[last + 1:] if not c.tail]
            exact = [c for c in later if c.page == page and _matches(c, n)]
            glued = [c for c in exact if not c.apart]
            nxt = _first(later, lambda c: c.page == page and _matches(c, n + 1) and not c.apart and bool(glued))
            if nxt is not None:
                exact = [c for c in exact if order[id(c)] < order[id(nxt)]]
            good = [c for c in exact if not c.date_like and c.digits == str(n) and not c.apart]
            weak = [c for c in exact if c.apart and not c.date_like]
            bound = _first(later, lambda c: c.page == page and _matches(c, n + 1))
            weak_before = [c for c in weak if bound is None or order[id(c)] < order[id(bound)]]
            chosen = (good or [c for c in exact if not c.apart] or weak or [None])[0]
            reason = ""
            if chosen is None:
                near = [c for c in later if abs(c.page - page) == 1 and c.digits == str(n) and not c.date_like and not c.apart]
                tails = [c for c in cands[last + 1:] if c.tail and c.page == page and c.digits == str(n)
                         and (bound is None or order[id(c)] < order[id(bound)])]
                if near:
                    chosen = near[0]
                    reason = f"marker {n} found on page {chosen.page} but note {n} is in the note area of page {page}"
                elif len(tails) == 1:
                    chosen = tails[0]
                    reason = f"marker {n} read as the last digit(s) of a number (a raised {n} after a number?), the only place left for it"
            elif chosen.apart:
                if len(weak_before) == 1:
                    single_apart.append((key, chosen))
                reason = f"marker {n} is a number standing apart from the word before it (no glued or raised marker {n} on the page)"
            elif len(good) > 1:
                reason = f"{len(good)} places could carry marker {n}; the first was taken"
            elif chosen.date_like:
                reason = f"marker {n} is followed by what reads as a date"
            elif chosen.digits != str(n):
                reason = f"marker {n} is glued to the number {chosen.digits[len(str(n)):]}"
            if chosen is None:
                unplaced.append(key)
                unsure.append((page, key, f"no marker {n} found on page {page}; note {n} placed at the end of the page's text"))
                continue
            if reason:
                unsure.append((chosen.page, key, reason))
            markers[key] = chosen
            last = order[id(chosen)]
    # a print whose markers stand apart (pdftotext spaced the raised numbers off): a number
    # standing apart that is the only one of its value between the markers before and after
    # it is decided by the sequence, not a guess
    if markers and 2 * sum(1 for c in markers.values() if c.apart) >= len(markers):
        decided = {key for key, _ in single_apart}
        unsure = [u for u in unsure if not (u[1] in decided and "standing apart" in u[2])]
    return Assignment(markers, unsure, unplaced)


def _pair(x) -> tuple[int, int]:
    return x if isinstance(x, tuple) else (x, x)


def _matches(c: Candidate, n: int) -> bool:
    e = str(n)
    return c.digits == e or (c.digits.startswith(e) and is_year(c.digits[len(e):]) and not is_year(c.digits))


def _first(items, pred):
    for x in items:
        if pred(x):
            return x
    return None


__all__ = [
    "Assignment",
    "Candidate",
    "RawNote",
    "assign_markers",
    "candidates_in",
    "marker_values",
    "note_start",
    "parse_note_areas",
    "is_year",
]
