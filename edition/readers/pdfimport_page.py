"""The pages of a PDF as lines in reading order, each classed: body, note area, heading,
running head or folio (the rules: :mod:`.pdfimport`).

Representation.  A glyph is a :class:`Glyph` (text, box, baseline, size, style); a line is a
:class:`PdfLine`: the glyphs that share a baseline within one column, plus the smaller raised
glyphs (superscripts) that stand over it.  Its ``text`` is what the text importer reads:
words separated by spaces where the glyphs leave a gap, superscript digits written as
Unicode superscripts (``¹²``) in the body and as ``12 `` at the start of a note, styles as
the sentinels of :mod:`.rawtext_text` at word edges.  Coordinates are PDF points, y upwards.
"""

from __future__ import annotations

import bisect
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .rawtext_pages import folio_value
from .rawtext_text import NOTE_SIGNS, SIGN_GLYPHS, STYLE_CLOSE, STYLE_OPEN, TERMINAL, CLOSE_QUOTES

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ITALIC_RE = re.compile(r"italic|oblique|slant|[-,_ ]it$|[a-z]it$|^cmti|^cmsl|^lmromanslant|kursiv", re.I)
BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi|^cmbx|^cmb[^a-z]|-bd$|[-,]b$", re.I)
SC_RE = re.compile(r"smallcaps|small ?caps|[-_ ]sc$|caps$|^cmcsc|smcp|-sc[-_]", re.I)
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
EDGE_LINES = 3  # running heads, feet and folios are looked for among a page's 3 outermost lines at either edge
# a section number opening a heading: roman, arabic (2. / 3.1), or a capital letter, then a capitalised word
NUMBERED_HEADING_RE = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2}){0,3}|[A-H])\.?\s+[A-ZÄÖÜÀ-ÞİĞŞÇ„“\"'‘]")
DATE_START_RE = re.compile(r"^\d{1,2}\.\s+\w+\s+\d{4}\b")  # 2. September 2002
ROMAN_FOLIO_RE = re.compile(r"^[-–—\s]*([ivxlcdm]{1,7})[-–—\s]*$", re.I)
TOC_LINE_RE = re.compile(r"(?:\.\s?){5,}\s*[\divxlc]{1,5}\s*$", re.I)  # dot leaders and a page number
TOC_HEADING_RE = re.compile(r"^(inhalt|inhaltsverzeichnis|inhaltsübersicht|contents|table of contents|sommaire|table des matières|içindekiler)$", re.I)
TIGHT_BEFORE = ";:!?»›"  # French sets a thin space before these (and after « ‹): a space of the text


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float  # bottom of the box
    y1: float  # top of the box
    base: float  # baseline
    size: float
    style: str  # "" | "emph" | "strong" | "sc" | "emph+strong" ...
    sup: bool = False  # raised and smaller than its line


@dataclass
class PdfLine:
    glyphs: list[Glyph]
    base: float
    size: float  # the size of its main glyphs
    column: int = 0  # 0 full width, 1 left, 2 right
    text: str = ""
    heading: bool | None = None
    starts_para: bool | None = None
    kind: str = "body"  # body | note | head | foot
    more: list["PdfLine"] = field(default_factory=list)  # further lines of a heading printed over several
    doubt: str = ""  # what the reader is unsure of here (a # CHECK: in the draft)
    quote: bool = False  # set in from both edges of the text, or smaller: a block quotation

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs if not g.sup) if any(not g.sup for g in self.glyphs) else self.glyphs[0].x0

    @property
    def ink_x0(self) -> float:
        """Where the line's first visible glyph starts: a space glyph drawn at the margin
        (InDesign sets an indented verse line so) is no part of the indent."""
        ink = [g.x0 for g in self.glyphs if g.text.strip() and not g.sup]
        return min(ink) if ink else self.x0

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    def plain(self) -> str:
        return "".join(g.text for g in self.glyphs)


@dataclass
class PdfPage:
    n: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, x1, y) of thin horizontal rules
    body: list[PdfLine] = field(default_factory=list)
    notes: list[PdfLine] = field(default_factory=list)
    label: str = ""
    rule: bool = False
    sized_notes: bool = False  # a note area found without a rule
    feet: int = 0  # lines at the page's foot apart from text and notes, dropped (a DOI, a copyright block)


@dataclass
class PdfDocument:
    pages: list[PdfPage]
    body_size: float
    problems: list[str]
    labels_from_folios: str = ""


# --------------------------------------------------------------------------- reading glyphs


def _style(fontname: str) -> str:
    name = fontname.split("+", 1)[-1]
    parts = [k for k, rx in (("emph", ITALIC_RE), ("strong", BOLD_RE), ("sc", SC_RE)) if rx.search(name)]
    return "+".join(parts)


def _walk(obj, glyphs, rules, box, lost):
    from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect

    for child in obj:
        if isinstance(child, LTChar):
            m = child.matrix
            if abs(m[1]) > 0.01 or m[0] <= 0 or m[3] <= 0 or child.size <= 0:  # rotated, mirrored or degenerate text
                continue
            text = child.get_text()
            if text.startswith("(cid:"):
                lost.append(1)  # a glyph of a font that does not say which character it is
                continue
            text = LIGATURES.get(text, text)
            if not (-50 <= child.x0 <= child.x1 <= box[0] + 50 and -50 <= child.y0 <= box[1] + 50):
                continue  # outside the page: not printed
            style = _style(child.fontname)
            if abs(m[2]) > 0.05 * m[3] and "emph" not in style:  # slanted by the matrix: an italic the program made up (Word)
                style = "+".join(["emph"] + [x for x in style.split("+") if x])
            glyphs.append(Glyph(text, child.x0, child.x1, child.y0, child.y1, m[5], round(child.size, 2), style))
        elif isinstance(child, (LTLine, LTRect, LTCurve)):
            w, h = child.x1 - child.x0, child.y1 - child.y0
            if h <= 1.6 and w >= 20:
                rules.append((child.x0, child.x1, (child.y0 + child.y1) / 2))
        elif hasattr(child, "__iter__"):
            _walk(child, glyphs, rules, box, lost)


def _glyph_pages(path: str, max_pages: int):
    """(width, height, glyphs, rules) for every page; PDF problems become RawTextError."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from .rawtext import RawTextError

    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise RawTextError(f"cannot read the file: {exc.strerror}") from None
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on damaged files are not the user's business
    with fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise RawTextError("this is not a PDF (no %PDF header); import a text with a .txt name")
        fh.seek(0)
        try:
            doc = PDFDocument(PDFParser(fh))
            rsrc = PDFResourceManager(caching=True)
            device = PDFPageAggregator(rsrc, laparams=None)
            lost: list[int] = []
            interp = PDFPageInterpreter(rsrc, device)
            out = []
            for k, page in enumerate(PDFPage.create_pages(doc)):
                if k >= max_pages:
                    raise RawTextError(f"more than {max_pages} pages; split the PDF first (qpdf --pages ...)")
                interp.process_page(page)
                layout = device.get_result()
                glyphs, rules = [], []
                _walk(layout, glyphs, rules, (layout.width, layout.height), lost)
                out.append((layout.width, layout.height, glyphs, rules))
            return out, len(lost)
        except (PDFEncryptionError, PDFPasswordIncorrect):
            raise RawTextError("the PDF is encrypted; decrypt it first: qpdf --decrypt in.pdf out.pdf") from None
        except RawTextError:
            raise
        except Exception as exc:  # noqa: BLE001 -- whatever a broken file makes the parser raise is a refusal of the file
            raise RawTextError(f"the PDF cannot be read ({type(exc).__name__}: {str(exc)[:80]}); repair it first: qpdf in.pdf out.pdf") from None


# --------------------------------------------------------------------------- lines


def _gutter(glyphs: list[Glyph], width: float, size: float):
    """The x of a free vertical strip between two columns, or None."""
    text = [g for g in glyphs if g.text.strip() and abs(g.size - size) < 0.25 * size]
    if len(text) < 100:
        return None
    lo, hi = min(g.x0 for g in text), max(g.x1 for g in text)
    bins = [0] * (int(hi - lo) + 2)
    for g in text:
        for x in range(int(g.x0 - lo), int(g.x1 - lo) + 1):
            bins[x] += 1
    n = len(bins)
    free = 0.1 * statistics.median(bins)  # a title or a running head may cross the gutter
    best = None
    for x in range(int(0.35 * n), int(0.65 * n)):
        if bins[x] <= free:
            run = x
            while run < n and bins[run] <= free:
                run += 1
            if run - x >= 0.5 * size and (best is None or run - x > best[1]):
                best = (x, run - x)
    if best is None:
        return None
    left = sum(1 for g in text if g.x1 < lo + best[0])
    right = sum(1 for g in text if g.x0 > lo + best[0] + best[1])
    if min(left, right) < 0.08 * len(text):  # the last page may hold a short right column
        return None
    return lo + best[0] + best[1] / 2, best[1]


def _still_free(glyphs: list[Glyph], x: float, width: float, size: float):
    """The other pages' gutter, on a page (a short last page) where few glyphs cross it."""
    text = [g for g in glyphs if g.text.strip() and abs(g.size - size) < 0.25 * size]
    crossing = sum(1 for g in text if g.x0 < x < g.x1)
    return (x, width) if text and crossing <= 0.03 * len(text) else None


def _cluster(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline (within a fifth of their size)."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-g.base, g.x0)):
        if rows and abs(rows[-1][0].base - g.base) <= 0.2 * max(g.size, rows[-1][0].size) and abs(rows[-1][0].size - g.size) < 0.3 * g.size:
            rows[-1].append(g)
        elif rows and abs(rows[-1][0].base - g.base) <= 0.2 * g.size:
            rows[-1].append(g)
        else:
            rows.append([g])
    return rows


def _main_size(glyphs: list[Glyph]) -> float:
    sizes = Counter(g.size for g in glyphs if g.text.strip())
    return sizes.most_common(1)[0][0] if sizes else glyphs[0].size


def _crosses(row: list[Glyph], x: float, width: float) -> bool:
    """Does a row stand across the gutter at ``x`` (a glyph on it, or only a word space)?"""
    ink = [g for g in row if g.text.strip()]
    if any(g.x0 < x < g.x1 for g in ink):
        return True
    left = max((g.x1 for g in ink if g.x1 <= x), default=None)
    right = min((g.x0 for g in ink if g.x0 >= x), default=None)
    return left is not None and right is not None and right - left < 0.7 * width


def _lines(glyphs: list[Glyph], gutter) -> list[PdfLine]:
    """Lines of one page: baseline rows cut at the gutter, superscripts put on their line."""
    rows = _cluster(glyphs)
    segments: list[PdfLine] = []
    for row in rows:
        parts: dict[int, list[Glyph]] = {}
        crosses = gutter is not None and _crosses(row, *gutter)
        for g in row:
            col = 0 if gutter is None or crosses else (1 if g.x1 <= gutter[0] else 2)
            parts.setdefault(col, []).append(g)
        for col, gs in parts.items():
            gs.sort(key=lambda g: g.x0)
            segments.append(PdfLine(gs, statistics.median(g.base for g in gs), _main_size(gs), col))
    # superscripts: a row of smaller glyphs raised over a line of bigger ones
    segments.sort(key=lambda l: -l.base)
    bases = [-l.base for l in segments]
    out: list[PdfLine] = []
    for seg in segments:
        host = _host(seg, segments, bases)
        if host is not None:
            for g in seg.glyphs:
                g.sup = True
            host.glyphs = sorted(host.glyphs + seg.glyphs, key=lambda g: g.x0)
            seg.glyphs = []
        else:
            out.append(seg)
    lines = [l for l in out if l.glyphs and any(g.text.strip() for g in l.glyphs)]
    for l in lines:
        _mark_raised(l)
    return lines


def _host(seg: PdfLine, segments: list[PdfLine], bases: list[float]):
    """The line ``seg`` stands over as superscripts, if it is small raised digits/letters.
    ``segments`` are sorted by descending baseline, ``bases`` their negated baselines."""
    if len(seg.plain().strip()) > 12:
        return None
    lo = bisect.bisect_left(bases, -seg.base)  # lines at or below seg, nearest first
    for other in segments[lo:lo + 40]:
        if seg.base - other.base > 2 * seg.size + 1:
            break
        if other is seg or not other.glyphs or other.column != seg.column:
            continue
        if seg.size >= 0.85 * other.size:
            continue
        rise = seg.base - other.base
        if not (0.15 * other.size <= rise <= 0.75 * other.size):
            continue
        x0, x1 = min(g.x0 for g in seg.glyphs), max(g.x1 for g in seg.glyphs)
        if x0 >= min(g.x0 for g in other.glyphs) - 2.5 * other.size and x1 <= max(g.x1 for g in other.glyphs) + 2.5 * other.size:
            return other
    return None


def _mark_raised(line: PdfLine) -> None:
    """Glyphs of the line itself that are smaller and raised (one row with their line)."""
    main = [g for g in line.glyphs if not g.sup]
    if not main:
        return
    line.size = _main_size(main)
    base = statistics.median(g.base for g in main if abs(g.size - line.size) < 0.1 * line.size) if any(abs(g.size - line.size) < 0.1 * line.size for g in main) else line.base
    line.base = base
    for g in main:
        if g.size < 0.85 * line.size and g.base - base >= 0.15 * line.size:
            g.sup = True


# --------------------------------------------------------------------------- classes of lines


def _key(text: str) -> str:
    """A line as running lines repeat it: digits ignored, and a folio at either end (printed
    at the outer edge, so at the start on even pages and at the end on odd ones).

    >>> _key("17Steinhauer · Bibliotheksrecht 17") == _key("18 Steinhauer · Bibliotheksrecht")
    True
    """
    key = " ".join(re.sub(r"\d+", "#", text).casefold().split())
    return re.sub(r"^[#\s]+|[#\s]+$", "", key)


def _title_key(pages: list[PdfPage]) -> str:
    """The largest lines of the first page (the title, over several lines), which running
    heads often repeat."""
    lines = pages[0].lines if pages else []
    if not lines:
        return ""
    size = max(l.size for l in lines)
    return _key(" ".join(l.plain() for l in sorted(lines, key=lambda l: -l.base) if l.size == size))


def _edge_key(line: PdfLine) -> str:
    """Running lines read the same once digits are ignored, in the same size."""
    return f"{round(line.size)}|{_key(line.plain())}"


def _apart(line: PdfLine, lines: list[PdfLine]) -> bool:
    """Is the line set off from the text by more than a line's spacing (a head, a foot)?"""
    gaps = [abs(line.base - o.base) for o in lines if o is not line]
    return not gaps or min(gaps) >= 1.5 * line.size


def _folio(text: str):
    """The page number a line holding only a page number prints (arabic as the text route
    reads them, or roman), or None."""
    value = folio_value(text)
    if value is not None:
        return value
    m = ROMAN_FOLIO_RE.match(text.strip())
    return _roman(m.group(1)) if m else None


def _roman(s: str):
    vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    s = s.lower()
    total = 0
    for a, b in zip(s, s[1:] + " "):
        va, vb = vals[a], vals.get(b, 0)
        total += -va if va < vb else va
    return total if total > 0 else None


def _running_lines(pages: list[PdfPage], problems: list[str]) -> str:
    """Mark running heads/feet and folios; set the pages' labels; returns how labels were found."""
    edges: list[tuple[PdfPage, list[PdfLine]]] = []  # (page, its lines from the top or the foot inwards)
    for p in pages:
        if not p.lines:
            continue
        top = sorted(p.lines, key=lambda l: -l.base)
        edges += [(p, top[:EDGE_LINES]), (p, top[::-1][:EDGE_LINES])]
    keys: dict[str, set[int]] = {}
    for p, run in edges:
        for l in run:
            keys.setdefault(_edge_key(l), set()).add(p.n)
    need = max(2, 0.4 * len(pages))
    title = _title_key(pages)
    folios: dict[int, int] = {}
    in_head: list[tuple[int, int]] = []  # (page, number at the start or end of a running head)
    dropped = 0
    for p, run in edges:
        # from the page's edge inwards: folios and lines repeated on other pages, as long as
        # they follow one another and the last of them is set apart from the text
        found: list[PdfLine] = []
        for depth, l in enumerate(run):
            if l.kind != "body":
                found.append(l)
                continue
            value = _folio(l.plain().strip())
            if value is not None and depth == len(found) and p.n not in folios:
                folios[p.n] = value
                l.kind = "foot"
                found.append(l)
                continue
            repeats = _repeats(keys[_edge_key(l)], need) or (p.n > 1 and _key(l.plain()) == title)
            if not (repeats and len(pages) >= 2) or _opens_note(l):
                break
            found.append(l)
        rest = [l for l in p.lines if l not in found]
        while found and found[-1].kind == "body" and not _apart(found[-1], rest + [found[-1]]):
            found.pop()  # the innermost is not set apart from the text: not a running line
        for l in found:
            if l.kind != "body":
                continue
            l.kind = "head"
            dropped += 1
            words = _line_text(l, False)[0].split()
            in_head.extend((p.n, int(w)) for w in (words[:1] + words[-1:]) if w.isascii() and w.isdigit() and len(w) <= 4)
    dropped += _heads_by_folio(pages, in_head)
    if dropped:
        problems.append(f"{dropped} running head/foot line(s) dropped")
    if len(folios) < 0.5 * len(pages) and in_head:  # the folio printed in the running head
        offset, hits = Counter(v - n for n, v in in_head).most_common(1)[0]
        if hits >= max(2, 0.5 * len(pages)):
            for n, v in in_head:
                if v - n == offset:
                    folios.setdefault(n, v)
    if len(folios) >= 1:
        offsets = Counter(v - n for n, v in folios.items())
        offset, hits = offsets.most_common(1)[0]
        if hits >= max(1, 0.6 * len(folios)):
            for p in pages:
                p.label = str(p.n + offset)
            bad = [n for n, v in folios.items() if v - n != offset]
            if bad:
                problems.append(f"folios of page(s) {', '.join(map(str, bad))} do not follow the others; numbered by the others")
            return f"pages {pages[0].label}-{pages[-1].label}"
    if folios:
        problems.append("the folios do not grow by one from page to page; pages counted from 1")
    return ""


def _repeats(on: set[int], need: float) -> bool:
    """Does a line read the same on enough pages (``on``) to be a running head: on ``need``
    pages, or on half as many (two at least) that are all odd or all even (a head printed on
    one side of the spread only: the section's title over the odd pages)?"""
    return len(on) >= need or (len(on) >= max(2, need / 2) and len({n % 2 for n in on}) == 1)


def _opens_note(line: PdfLine) -> bool:
    """Does the line open with a raised number or a raised note sign (a note's first line,
    which a short repeated note, ``Ibid., 248.``, would make look like a running foot)?"""
    first = next((g for g in line.glyphs if g.text.strip()), None)
    return first is not None and first.sup and (first.text.isdigit() or first.text in SIGN_GLYPHS)


def _heads_by_folio(pages: list[PdfPage], in_head: list[tuple[int, int]]) -> int:
    """Running heads that do not repeat (the author on even pages, the title on odd ones, in
    a short excerpt) but carry the page number: the outermost line of a page, set apart,
    with a number at one end that grows by one from page to page on two pages or more.
    Marks them, adds their numbers to ``in_head``; returns how many."""
    cands: list[tuple[PdfPage, PdfLine, int]] = []
    for p in pages:
        ordered = sorted((l for l in p.lines if l.kind == "body"), key=lambda l: -l.base)
        for l in {id(x): x for x in ordered[:1] + ordered[-1:]}.values():
            words = _line_text(l, False)[0].split()
            if len(words) >= 2 and _apart(l, p.lines):
                cands += [(p, l, int(w)) for w in {words[0], words[-1]} if w.isascii() and w.isdigit() and len(w) <= 4]
    # pages agreeing on an offset (with the numbers of the running heads already found)
    offsets = Counter(off for _n, off in {(p.n, v - p.n) for p, _l, v in cands} | {(n, v - n) for n, v in in_head})
    if not offsets:
        return 0
    offset, hits = offsets.most_common(1)[0]
    if hits < 2:
        return 0
    n = 0
    for p, l, v in cands:
        if v - p.n == offset and l.kind == "body":
            l.kind = "head"
            in_head.append((p.n, v))
            n += 1
    return n


def _note_area(page: PdfPage, lines: list[PdfLine], body_size: float, continued: bool = False) -> int:
    """Index in ``lines`` (one column, top to bottom, no running lines) where notes begin.
    ``continued``: the page before ended with notes (one may run on here)."""
    rules = [r for r in page.rules if lines and r[0] <= max(l.x1 for l in lines) and r[1] >= min(l.x0 for l in lines)]
    for x0, x1, y in sorted(rules, key=lambda r: -r[2]):
        below = [i for i, l in enumerate(lines) if l.base < y]
        above = [i for i, l in enumerate(lines) if l.base > y]
        if below and above and all(lines[i].size < 0.97 * body_size for i in below) and x1 - x0 < 0.7 * (page.width):
            page.rule = True
            return below[0]
    k = len(lines)
    while k > 0 and lines[k - 1].size < 0.92 * body_size:
        k -= 1
    set_off = 0 < k < len(lines) and lines[k - 1].base - lines[k].base > 1.3 * _spacing(lines, body_size)
    for i in range(k, len(lines)):
        if _starts_with_number(lines[i]):
            # smaller lines before the first number, set off from the body above them: the
            # end of a note begun on the page before (or a note marked by a sign, *)
            if i > k and set_off:
                return k
            return i
    # no note begins on the page: smaller lines at its foot, set off from the body and
    # starting at its left edge (not a block quotation, which is set in), continue the last
    # note of the page before
    if continued and set_off and lines[k].x0 - min(l.x0 for l in lines[:k]) < 0.6 * body_size:
        return k
    return len(lines)


def _foot_block(notes: list[PdfLine]) -> int:
    """How many lines at the end of a note area are not notes: a block in another size, set
    off by more than the notes' line spacing and not numbered (the copyright and licence of
    a first page printed under the notes)."""
    if len(notes) < 2:
        return 0
    main = _main_size([g for l in notes for g in l.glyphs if not g.sup])
    spacing = _spacing(notes, main)
    n = 0
    while n < len(notes) - 1 and abs(notes[-1 - n].size - main) > 0.03 * main:
        n += 1
    if n == 0 or _starts_with_number(notes[-n]) or notes[-n - 1].base - notes[-n].base <= 1.15 * spacing:
        return 0
    return n


def _spacing(lines: list[PdfLine], body_size: float) -> float:
    """The usual distance between the baselines of a column's lines."""
    gaps = [a.base - b.base for a, b in zip(lines, lines[1:]) if 0 < a.base - b.base < 3 * body_size]
    return statistics.median(gaps) if gaps else 1.2 * body_size


def _foot_lines(lines: list[PdfLine], body_size: float) -> int:
    """How many lines at the end of a column stand alone at the page's foot, far below the
    text (a DOI, a copyright line of the first page): not the body, not notes.  Such a line
    is short (not a line of running text), ends no sentence and is not smaller than the body
    (a note's last line is)."""
    spacing = _spacing(lines, body_size)
    width = statistics.median(l.x1 - l.x0 for l in lines) if lines else 0
    n = 0
    while len(lines) - n >= 2:
        last, before = lines[-1 - n], lines[-2 - n]
        text = last.plain().strip()
        if (before.base - last.base > max(1.5 * spacing, 2 * last.size) and last.size >= 0.92 * body_size
                and not _starts_with_number(last) and last.x1 - last.x0 < 0.6 * width and not _ends_sentence(text)):
            n += 1
            continue
        break
    return n


def _starts_with_number(line: PdfLine) -> bool:
    first = next((g for g in line.glyphs if g.text.strip()), None)
    return first is not None and (first.text.isdigit() or (first.sup and first.text in SIGN_GLYPHS))


def _classify(page: PdfPage, body_size: float, continued: bool = False) -> None:
    """Split the page's lines into body and notes, in reading order (columns, bands).
    ``continued``: the page before ended with notes."""
    lines = [l for l in page.lines if l.kind not in ("head", "foot")]
    ordered = _reading_order(lines)
    body, notes = [], []
    for col_lines in _columns(ordered):
        feet = _foot_lines(col_lines, body_size)
        for l in col_lines[len(col_lines) - feet:]:
            l.kind = "foot"
            page.feet += 1
        col_lines = col_lines[:len(col_lines) - feet]
        k = _note_area(page, col_lines, body_size, continued)
        if k < len(col_lines) and not page.rule and k > 0:
            col_lines[k - 1].doubt = col_lines[k - 1].doubt or (
                f"the note area was found by its smaller type and numbers (no rule above it), after {_line_text(col_lines[k - 1], False)[0][-30:]!r}")
            page.sized_notes = True
        tail = _foot_block(col_lines[k:])
        for l in col_lines[len(col_lines) - tail:]:
            l.kind = "foot"
            page.feet += 1
        col_lines = col_lines[:len(col_lines) - tail]
        body += col_lines[:k]
        for l in col_lines[k:]:
            l.kind = "note"
        notes += col_lines[k:]
    page.body, page.notes = body, notes


def _reading_order(lines: list[PdfLine]) -> list[PdfLine]:
    """Top to bottom; where columns stand side by side, the left one first."""
    lines = sorted(lines, key=lambda l: -l.base)
    out: list[PdfLine] = []
    band: list[PdfLine] = []
    for l in lines + [None]:
        if l is None or l.column == 0:
            out += [x for x in band if x.column == 1] + [x for x in band if x.column == 2]
            band = []
            if l is not None:
                out.append(l)
        else:
            band.append(l)
    return out


def _columns(ordered: list[PdfLine]) -> list[list[PdfLine]]:
    """Runs of the reading order that belong to one column (or full width)."""
    runs: list[list[PdfLine]] = []
    for l in ordered:
        if runs and runs[-1][-1].column == l.column:
            runs[-1].append(l)
        else:
            runs.append([l])
    return runs


def toc_line(text: str) -> bool:
    """Does a line end like an entry of a table of contents: dot leaders, a page number?

    >>> [toc_line(t) for t in ("A. Standing for Associations .......... 110", "I. Intro . . . . . . 101",
    ...                         "Vorwort ....... xii", "He waited... and 1999 came", "see pp. 10-12")]
    [True, True, True, False, False]
    """
    return bool(TOC_LINE_RE.search(text.rstrip()))


def _contents(page: PdfPage) -> int:
    """Drop a table of contents from the page's body: from its first to its last line that
    ends in dot leaders and a page number (two such lines at least), with the heading over it
    (``Inhalt``, ``Contents``, ``Sommaire``, ``İçindekiler`` ...).  Returns how many lines."""
    hits = [i for i, l in enumerate(page.body) if toc_line(l.plain())]
    if len(hits) < 2:
        return 0
    a, b = hits[0], hits[-1] + 1
    if a > 0 and TOC_HEADING_RE.match(" ".join(page.body[a - 1].plain().split()).rstrip(":")):
        a -= 1
    for l in page.body[a:b]:
        l.kind = "toc"
    del page.body[a:b]
    return b - a


def _signs_as_numbers(page: PdfPage) -> int:
    """Notes marked by signs (``*``, ``†``, ``‡`` ...; LaTeX's ``\\fnsymbol``, Word's symbols):
    where a note of the page opens with a sign, every raised sign in the body and every sign
    opening a note line becomes the number of its place in :data:`NOTE_SIGNS` (so that the
    notes, numbered per page, are paired with their markers as numbered ones are).  Not on a
    page that also has numbered notes (there a sign marks a note on the byline).  Returns
    how many signs were read."""
    def runs(line: PdfLine, lead_only: bool):
        out, i, gs = [], 0, line.glyphs
        while i < len(gs):
            if gs[i].sup and gs[i].text in SIGN_GLYPHS:
                j = i
                while j < len(gs) and gs[j].sup and gs[j].text in SIGN_GLYPHS:
                    j += 1
                out.append((i, j))
                i = j
            elif lead_only and gs[i].text.strip():
                break
            else:
                i += 1
        return out[:1] if lead_only else out

    if not any(runs(l, True) for l in page.notes):
        return 0
    if any(_starts_with_number(l) and next(g for g in l.glyphs if g.text.strip()).text.isdigit() for l in page.notes):
        return 0  # numbered notes beside a sign: the sign marks the author's note (pdfimport_front)
    n = 0
    for line, lead in [(l, False) for l in page.body] + [(l, True) for l in page.notes]:
        for i, j in reversed(runs(line, lead)):
            sign = "".join(SIGN_GLYPHS[g.text] for g in line.glyphs[i:j])
            if sign not in NOTE_SIGNS:
                continue
            line.glyphs[i].text = str(NOTE_SIGNS.index(sign) + 1)
            del line.glyphs[i + 1:j]
            n += 1
    return n


# --------------------------------------------------------------------------- text of lines


def _line_text(line: PdfLine, note_start: bool) -> tuple[str, list[tuple[int, str]]]:
    """The text of a line (styles as (offset, style) changes, applied later)."""
    out = ""
    styles: list[tuple[int, str]] = []
    prev = None
    lead = True  # still at the line's start (a note number there is written 12 + space)
    cur_style = ""
    for g in line.glyphs:
        t = g.text
        if not t.strip() and prev is not None and prev.text.strip() and abs(g.x0 - prev.x0) < 0.25 * (g.x1 - g.x0):
            continue  # a space glyph drawn where the letter before it starts (InDesign): no word break
        if not t.strip():
            if out and not out.endswith(" "):
                out += " "
            prev = g
            continue
        gap = g.x0 - prev.x1 if prev is not None else 0
        size = min(g.size, prev.size) if prev is not None else g.size
        tight = t in TIGHT_BEFORE or prev is not None and prev.text in "«‹"
        if prev is not None and gap > (0.08 if tight else 0.18) * size and out and not out.endswith(" ") and not g.sup:
            out += " "
        if g.sup and t.isdigit():
            if lead and note_start:
                t = t
            else:
                t = t.translate(SUPERSCRIPT)
        elif not g.sup:
            if lead and note_start and out and out[-1].isdigit() and not out.endswith(" ") and prev is not None and prev.sup:
                out += " "
        if not (g.sup and t.isdigit()) and prev is not None and prev.sup and out and out[-1] in "⁰¹²³⁴⁵⁶⁷⁸⁹" and gap > 0.18 * size:
            out += " "
        style = "" if g.sup else g.style
        if style != cur_style:
            closing = any(x not in style.split("+") for x in cur_style.split("+") if x)
            styles.append((len(out) - 1 if closing and out.endswith(" ") else len(out), style))
            cur_style = style
        out += t
        if not (g.sup and t.isdigit()):
            lead = False
        prev = g
    out = out.rstrip()
    if out.endswith(("\u2010", "\u00ad")):
        out = out[:-1] + "-"  # the hyphen of a word broken at the line end
    return out, styles


def _apply_styles(text: str, changes: list[tuple[int, str]], carry: str, close_at_end: bool, keep: str) -> tuple[str, str]:
    """Insert style sentinels; ``carry`` is the style open from the line before.

    Returns the text and the style still open at its end (kept open when the paragraph
    goes on, closed when ``close_at_end``).  ``keep`` names the styles written as markup."""
    pieces = []
    pos = 0
    state = carry
    for at, style in changes:
        style = "+".join(s for s in style.split("+") if s in keep)
        if style == state:
            continue
        pieces.append(text[pos:at])
        pos = at
        pieces.append(_switch(state, style, text, at))
        state = style
    pieces.append(text[pos:])
    if close_at_end and state:
        pieces.append(_switch(state, "", text, len(text)))
        state = ""
    return "".join(pieces), state


def _switch(old: str, new: str, text: str, at: int) -> str:
    a = [s for s in old.split("+") if s]
    b = [s for s in new.split("+") if s]
    return "".join(STYLE_CLOSE[s] for s in reversed(a) if s not in b) + "".join(STYLE_OPEN[s] for s in b if s not in a)


def _texts(page: PdfPage, body_size: float) -> None:
    """Set every line's text, heading and paragraph-start flags."""
    _flags(page.body, body_size)
    for stream, is_note in ((page.body, False), (page.notes, True)):
        carry = ""
        for i, l in enumerate(stream):
            text, changes = _line_text(l, is_note)
            nxt = stream[i + 1] if i + 1 < len(stream) else None
            ends = nxt is None or bool(nxt.heading) or bool(nxt.starts_para) or l.heading or (is_note and _starts_with_number(nxt))
            keep = "" if l.heading else "emph+sc+strong"
            end_style = changes[-1][1] if changes else carry
            goes_on = not ends and _first_style(nxt) == end_style  # the style runs on into the next line
            l.text, carry = _apply_styles(text, changes, carry if not l.heading else "", not goes_on, keep)
        if carry and stream:
            stream[-1].text += _switch(carry, "", "", 0)


def _first_style(line) -> str:
    g = next((g for g in line.glyphs if g.text.strip() and not g.sup), None) if line is not None else None
    return g.style if g is not None else ""


def _flags(body: list[PdfLine], body_size: float) -> None:
    """Headings (size, weight) and paragraph starts (indent, space, short line) of a page's body."""
    if not body:
        return
    by_col: dict[int, list[PdfLine]] = {}
    for l in body:
        by_col.setdefault(l.column, []).append(l)
    lefts = {c: Counter(round(l.x0) for l in ls).most_common(1)[0][0] for c, ls in by_col.items()}
    # the right edge justified lines share (not the widest line: an overfull one, a raised marker)
    rights = {c: Counter(round(l.x1) for l in ls).most_common(1)[0][0] for c, ls in by_col.items()}
    gaps = [a.base - b.base for a, b in zip(body, body[1:]) if a.column == b.column and 0 < a.base - b.base < 3 * body_size]
    spacing = statistics.median(gaps) if gaps else 1.2 * body_size
    prev = pprev = None
    for i, l in enumerate(body):
        plain = l.plain().strip()
        bold = sum(1 for g in l.glyphs if "strong" in g.style and g.text.strip()) >= 0.8 * max(1, sum(1 for g in l.glyphs if g.text.strip()))
        l.heading = (l.size >= 1.12 * body_size or bold) and len(plain) < 160 and any(c.isalpha() for c in plain)
        if l.heading and l.size < 1.12 * body_size and _ends_sentence(plain):
            l.doubt = f"a bold line read as a heading, though it ends like a sentence: {plain[:50]!r}"
        nxt = body[i + 1] if i + 1 < len(body) else None
        if not l.heading and _numbered_heading(l, prev, nxt, spacing, rights[l.column], body_size):
            l.heading = True
            l.doubt = f"a numbered line in the body type, set apart, read as a heading: {_line_text(l, False)[0][:50]!r}"
        left = lefts[l.column]
        same = prev is not None and prev.column == l.column
        em = 0.6 * body_size
        if same:
            indent = l.ink_x0 - prev.ink_x0 > em  # a first line indented from the line before
            # back at the margin after an indented block of two lines or more (a quotation)
            indent |= (prev.ink_x0 - l.ink_x0 > em and pprev is not None and pprev.column == l.column
                       and abs(prev.ink_x0 - pprev.ink_x0) < em / 2 and prev.ink_x0 - left > em)
            indent |= abs(l.size - prev.size) > 0.05 * prev.size and not prev.heading  # a change of type size
        else:
            indent = l.ink_x0 - left > em
        # more space than the line spacing: half an em more, or 1.45 spacings if less (a
        # print with wide line spacing adds less than 45 % of it between paragraphs)
        space = same and prev.base - l.base > min(1.45 * spacing, spacing + 0.5 * body_size)
        # the line before ends a sentence short of the lines around it (of a quotation too,
        # which is narrower than the page's text)
        around = [x.x1 for x in (pprev, l) if x is not None and x.column == l.column and not x.heading] or [rights[l.column]]
        short_end = (
            same and not prev.heading
            and prev.x1 < min(max(around), rights[l.column]) - 2.5 * body_size and _ends_sentence(prev.plain())
        )
        l.starts_para = bool(indent or space or short_end or (prev is not None and prev.heading))
        l.quote = not l.heading and (
            (l.x0 - left > em and l.x1 < rights[l.column] - em) or l.size < 0.95 * body_size)
        pprev, prev = prev, l
    _merge_headings(body)


def _numbered_heading(line: PdfLine, prev, nxt, spacing: float, right: float, body_size: float) -> bool:
    """A heading set in the body's type (German and French law and social-science journals):
    a short line opening with a section number (``I.``, ``2.``, ``3.1``, ``A.``) and a capital,
    ending no sentence, with more space than the line spacing above it (or at the page's top)
    and below it.

    >>> [_heading_number(t) for t in ("II. Eigentum als Grundlage", "3.1 Methode", "2. September 2002", "Die Frage")]
    [True, True, False, False]
    """
    text = _line_text(line, False)[0].strip()
    if not _heading_number(text) or len(text) > 100 or _ends_sentence(text):
        return False
    if line.x1 > right - 2 * body_size:  # as long as the lines of the text: a paragraph's first line
        return False
    above = prev is None or prev.column != line.column or prev.base - line.base > 1.45 * spacing
    below = nxt is not None and nxt.column == line.column and line.base - nxt.base > 1.45 * spacing
    return above and below


def _heading_number(text: str) -> bool:
    """Does ``text`` open with a section number and a capital (not a date: ``2. September 2002``)?"""
    return bool(NUMBERED_HEADING_RE.match(text)) and not DATE_START_RE.match(text)


def _ends_sentence(text: str) -> bool:
    t = re.sub(r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+$", "", text.rstrip()).rstrip(CLOSE_QUOTES + ")")
    return bool(t) and t[-1] in TERMINAL


def _merge_headings(body: list[PdfLine]) -> None:
    """A heading printed over several lines (same size, one after the other) is one line."""
    i = 0
    while i < len(body) - 1:
        a, b = body[i], body[i + 1]
        last = a.more[-1] if a.more else a
        if a.heading and b.heading and abs(a.size - b.size) < 0.05 * a.size and a.column == b.column and last.base - b.base < 2 * a.size:
            a.more.append(b)
            del body[i + 1]
            continue
        i += 1


# --------------------------------------------------------------------------- the document


def _body_size(raw) -> float:
    """The size of the body type: the commonest size above the notes.

    Counted over each page's glyphs above its highest short rule with text under it and a
    fifth of the page's text over it (a note separator, not a running head's rule), or, on a page without one, over its upper half: a print with long notes
    (a Word document, a law review) has more note lines than body lines, so the commonest
    size of the whole page would be the notes'."""
    sizes: Counter = Counter()
    for w, _h, glyphs, rules in raw:
        ink = [g for g in glyphs if g.text.strip()]
        if not ink:
            continue
        top, bottom = max(g.base for g in ink), min(g.base for g in ink)
        cut = bottom + 0.5 * (top - bottom)
        for x0, x1, y in sorted(rules, key=lambda r: -r[2]):
            above = sum(1 for g in ink if g.base > y)
            if x1 - x0 < 0.7 * w and above >= 0.2 * len(ink) and above < len(ink):
                cut = y
                break
        sizes.update(g.size for g in ink if g.base > cut)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def read_pages(path: str, max_pages: int = 400) -> PdfDocument:
    raw, lost = _glyph_pages(path, max_pages)
    problems: list[str] = []
    if lost:
        problems.append(f"{lost} glyph(s) of fonts without a character mapping could not be read (text missing from the draft): "
                        "compare with the print, or run OCR on the PDF")
    body_size = _body_size(raw)
    gutters = [_gutter(glyphs, w, body_size) for w, _h, glyphs, _r in raw]
    found = [g for g in gutters if g is not None]
    pages = []
    for k, (w, h, glyphs, rules) in enumerate(raw, 1):
        gutter = gutters[k - 1]
        if gutter is None and len(found) >= 0.5 * len(raw) and found:
            gutter = _still_free(glyphs, statistics.median(g[0] for g in found), min(g[1] for g in found), body_size)
        page = PdfPage(k, w, h, _lines(glyphs, gutter), rules)
        pages.append(page)
    how = _running_lines(pages, problems)
    signs = toc = 0
    for k, page in enumerate(pages):
        _classify(page, body_size, continued=k > 0 and bool(pages[k - 1].notes))
        signs += _signs_as_numbers(page)
        toc += _contents(page)
        _texts(page, body_size)
        for l in page.body:
            for more in l.more:
                l.text += " " + _line_text(more, False)[0]
    if toc:
        problems.append(f"{toc} line(s) of a table of contents (dot leaders and page numbers) dropped")
    if signs:
        problems.append(f"{signs} note sign(s) (* † ‡ ...) read as the notes' numbers on their page (the n-th sign = note n)")
    if any(p.feet for p in pages):
        problems.append(f"{sum(p.feet for p in pages)} line(s) at the foot of a page, set apart from the text and the notes "
                        "(a DOI, a copyright and licence), dropped "
                        f"(page(s) {', '.join(str(p.n) for p in pages if p.feet)})")
    if any(p.sized_notes for p in pages):
        problems.append(f"note areas without a rule, found by their smaller type and numbers, on {sum(p.sized_notes for p in pages)} page(s) (a # CHECK: at each)")
    if any(p.rule for p in pages):
        problems.append(f"note areas opened by a rule on {sum(p.rule for p in pages)} of {len(pages)} page(s)")
    return PdfDocument(pages, body_size, problems, how)


__all__ = ["PdfDocument", "PdfLine", "PdfPage", "read_pages"]
