"""Pages of a ``pdftotext`` text: where each page's body ends and its footnote area begins.

Rules (no knowledge of the particular file):

* a *separator line* -- a line holding nothing but many spaces, or a rule of underscores or
  dashes -- opens the footnote area at the foot of a page;
* the next page begins with a form feed; in a text without any, with the first line after the
  footnote area that starts with exactly one space (``pdftotext`` indents the first line of a
  page that way);
* a text without any separator line is read by its note numbers instead: the footnote area
  opens at a line starting with the next expected note number (``1 ``, ``1.``, ``1)``, ``¹``,
  or glued: ``1Text``) once a marker with that number was seen on the page; when the last
  note of the page before stops mid-sentence, the lines just before that opening and after
  an empty line are the rest of it;
* running heads and feet -- a line at the top or foot of at least three pages (and 40 % of
  them) that reads the same once digits are ignored -- are dropped; when they are bare
  numbers that grow by one from page to page they are the printed page numbers, and the page
  breaks of the draft take them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rawtext_columns import COLUMN_MARK
from .rawtext_notes import marker_values, note_start
from .rawtext_text import CLOSE_QUOTES, SENTENCE_END

SEPARATOR_RE = re.compile(r"^(?:[ \t\u00a0]{20,}|\s*[_\u2014\u2013\u2012\-]{8,}\s*)$")
PAGE_START_RE = re.compile(r"^ (?=\S)")


@dataclass
class RawLine:
    no: int  # 1-based line number in the raw text
    text: str
    page: int
    # what a reader that sees the page knows (a PDF's fonts and positions); None: unknown,
    # decided from the text alone
    heading: bool | None = None
    starts_para: bool | None = None
    quote: bool | None = None  # the line is set as a block quotation


@dataclass
class Page:
    n: int  # 1, 2, 3 ... in the order of the text
    body: list[RawLine] = field(default_factory=list)
    notes: list[RawLine] = field(default_factory=list)
    separator: bool = False  # the note area was opened by a separator line
    label: str = ""  # the printed page number, when the text has them
    column: bool = False  # the right column of the page before (layout text read in columns)


EDGE = 4  # lines looked at on the top and at the foot of each page (a running head, a folio, a download notice ...)
# a page number alone on its line: ``17``, ``- 17 -``, ``-17-``, and as OCR spaces it, ``-1-7`` or ``- 1 7 -``
FOLIO_RE = re.compile(r"^[-–—\s]*(\d(?:[-–—\s]?\d){0,3})[-–—\s]*$")


def folio_value(text: str) -> int | None:
    """The page number a line holding only a page number prints, or None.

    >>> [folio_value(t) for t in ("17", "- 17 -", "-1-4", "- 5", "1-4 Mai", "12345")]
    [17, 17, 14, 5, None, None]
    """
    m = FOLIO_RE.match(text.strip())
    return int(re.sub(r"\D", "", m.group(1))) if m else None


def _edges(page: Page) -> list[tuple[list[RawLine], list[RawLine]]]:
    """(list holding them, lines from the page's edge inwards) at the top and at the foot."""
    body = [l for l in page.body if l.text.strip()]
    foot_list = page.notes if any(l.text.strip() for l in page.notes) else page.body
    foot = [l for l in foot_list if l.text.strip()]
    return [(page.body, body[:EDGE]), (foot_list, foot[::-1][:EDGE])]


PAGE_NUMBER = "\0page-number"


def _key(text: str) -> str:
    """Lines that differ only in their digits share a key; a bare number gets its own."""
    t = text.strip()
    if folio_value(t) is not None:
        return PAGE_NUMBER
    return " ".join(re.sub(r"\d+", "#", t).casefold().split())


def strip_running_lines(pages: list[Page]) -> list[str]:
    """Drop running heads/feet and page-number lines; set ``page.label``; say what was dropped."""
    problems: list[str] = []
    on_pages: dict[str, set[int]] = {}
    for page in pages:
        for _, run in _edges(page):
            for line in run:
                on_pages.setdefault(_key(line.text), set()).add(page.n)
    _drop_numbered_notes(pages, on_pages)
    need = max(3, 0.4 * len(pages))
    # from each edge inwards: page numbers and repeated lines, as long as they follow one another
    running: list[tuple[Page, list[RawLine], RawLine]] = []
    for page in pages:
        for lst, run in _edges(page):
            for line in run:
                key = _key(line.text)
                if key != PAGE_NUMBER and len(on_pages.get(key, ())) < need:
                    break
                running.append((page, lst, line))
    numbers = {}  # page -> printed number
    for page, lst, line in running:
        if _key(line.text) == PAGE_NUMBER:
            numbers.setdefault(page.n, (folio_value(line.text), lst, line))
    offsets = {num - n for n, (num, _, _) in numbers.items()}
    if len(numbers) >= 2 and len(offsets) == 1:
        offset = offsets.pop()
        for page in pages:
            page.label = str(page.n + offset)
        for num, lst, line in numbers.values():
            lst.remove(line)
        problems.append(f"page numbers {pages[0].label}-{pages[-1].label} read from the text; {len(numbers)} page-number line(s) dropped")
    dropped = 0
    for page, lst, line in running:
        if _key(line.text) != PAGE_NUMBER and line in lst:
            lst.remove(line)
            dropped += 1
    if dropped:
        problems.append(f"{dropped} running head/foot line(s) dropped")
    return problems


LEADING_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s+\S")


def _drop_numbered_notes(pages: list[Page], on_pages: dict[str, set[int]]) -> None:
    """Lines that read alike once digits are ignored but begin with numbers that do not grow
    with the page (``6 Voir Müller 2004`` on one page, ``10 Voir Müller 2004`` on the next) are
    notes of the same wording, not a running foot with its folio: not counted as repeated."""
    offsets: dict[str, set[int]] = {}
    for page in pages:
        for _, run in _edges(page):
            for line in run:
                m = LEADING_NUMBER_RE.match(line.text)
                if m:
                    offsets.setdefault(_key(line.text), set()).add(int(m.group(1)) - page.n)
    for key, offs in offsets.items():
        if len(offs) > 1:
            on_pages.pop(key, None)


def split_lines(raw: str) -> list[tuple[int, str, bool]]:
    """(line number, text, starts a new page by form feed) for every line of ``raw``."""
    out = []
    for no, line in enumerate(raw.split("\n"), 1):
        parts = line.split("\f")
        for k, part in enumerate(parts):
            if k > 0 or part or len(parts) == 1:
                out.append((no, part, k > 0))
    return out


RUN_ON_LINES = 8  # at most so many lines of a note run on from the page before are looked for


def _runs_on(notes: list[RawLine]) -> bool:
    """Does the last note of a page stop in the middle of a sentence (and so go on overleaf)?
    (A page number after it is not its end.)"""
    last = next((l.text.strip() for l in reversed(notes) if l.text.strip() and folio_value(l.text) is None), "")
    return bool(last) and last.rstrip(CLOSE_QUOTES + ")]")[-1:] not in SENTENCE_END


def _run_on_lines(body: list[RawLine]) -> list[RawLine]:
    """Lines at the end of a page's body that are the end of a note begun on the page before:
    those after the page's last empty line, where ``pdftotext`` sets the note block off from the
    body, when the first numbered note of the page follows them.  Taken out of ``body``.

    >>> body = [RawLine(1, "Text des Absatzes.", 2), RawLine(2, "", 2), RawLine(3, "des Zumutbaren.", 2)]
    >>> [l.text for l in _run_on_lines(body)], len(body)
    (['des Zumutbaren.'], 2)
    """
    blank = max((i for i, l in enumerate(body) if not l.text.strip()), default=None)
    if blank is None or blank == 0:
        return []
    tail = body[blank + 1:]
    if not tail or len(tail) > RUN_ON_LINES or not any(l.text.strip() for l in body[:blank]):
        return []
    del body[blank + 1:]
    return tail


def split_pages(raw: str, months: frozenset = frozenset()) -> list[Page]:
    """Cut the text into pages, each with its body lines and its footnote-area lines."""
    lines = split_lines(raw)
    by_separator = any(SEPARATOR_RE.match(t) for _, t, _ in lines)
    form_feeds = any(ff for _, _, ff in lines)  # the pages are marked: no page start guessed from a line's indent
    pages = [Page(1)]
    in_notes = False
    expected = 1  # next note number (only needed without separators)
    seen: set[int] = set()  # marker candidates met on the current page's body

    def new_page():
        nonlocal in_notes, seen
        pages.append(Page(len(pages) + 1))
        in_notes, seen = False, set()

    for no, text, form_feed in lines:
        if form_feed and (pages[-1].body or pages[-1].notes):
            new_page()
        page = pages[-1]
        if text == COLUMN_MARK:
            page.column = True
            continue
        if in_notes:
            if not form_feeds and PAGE_START_RE.match(text):
                new_page()
                pages[-1].body.append(RawLine(no, text, pages[-1].n))
                seen.update(marker_values(text))
                continue
            if SEPARATOR_RE.match(text):
                continue
            if note_start(text, expected):
                expected += 1
            page.notes.append(RawLine(no, text, page.n))
            continue
        if SEPARATOR_RE.match(text) and by_separator:
            in_notes, page.separator = True, True
            continue
        if not by_separator and expected in seen and note_start(text, expected, strict=True, months=months):
            in_notes = True
            if expected > 1 and not page.notes and len(pages) > 1 and _runs_on(pages[-2].notes):
                page.notes.extend(_run_on_lines(page.body))
            expected += 1
            page.notes.append(RawLine(no, text, page.n))
            continue
        if not by_separator and expected > 1 and 1 in seen and note_start(text, 1, strict=True, months=months) and not page.notes:
            in_notes, expected = True, 2  # notes numbered per page: this page starts again at 1
            page.notes.append(RawLine(no, text, page.n))
            continue
        page.body.append(RawLine(no, text, page.n))
        seen.update(marker_values(text))
    return [p for p in pages if p.body or p.notes]


def merge_columns(pages: list[Page]) -> list[Page]:
    """Pages read column by column (:mod:`.rawtext_columns`) made whole again: a column's body
    and notes go after those of the column before; the pages are numbered anew.

    >>> a, b, c = Page(1, [RawLine(1, "left", 1)]), Page(2, [RawLine(3, "right", 2)], column=True), Page(3)
    >>> [(p.n, [l.text for l in p.body], [l.page for l in p.body]) for p in merge_columns([a, b, c])]
    [(1, ['left', 'right'], [1, 1]), (2, [], [])]
    """
    out: list[Page] = []
    for page in pages:
        if page.column and out:
            out[-1].body += page.body
            out[-1].notes += page.notes
            out[-1].separator |= page.separator
            continue
        out.append(page)
    for n, page in enumerate(out, 1):
        page.n = n
        for line in page.body + page.notes:
            line.page = n
    return out
