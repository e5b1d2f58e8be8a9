"""Body layout of a ``pdftotext`` text: unwrap hard line breaks into headings and paragraphs.

Rules, each general:

* *Double spacing.*  When many empty lines fall in the middle of sentences the empty lines
  are spacing, not paragraph breaks; a line of spaces (``" "``) still is a break.
* *Line joins.*  Lines are joined with a space.  A word hyphenated at a line end is rejoined
  (``docu-`` + ``ment``) unless the hyphen is real: the part after it is a single letter
  (``Misak-`` + ``ı``) or starts with a capital, or the text spells the word with a hyphen
  elsewhere, or both parts are words of the text; before a conjunction (``Schutz-`` +
  ``als auch``, ``pre-`` + ``and post-war``) the hyphen is suspended and the space stays.  A URL broken after ``-`` or ``/`` is
  rejoined without a space.
* *Paragraph ends.*  A line ends its paragraph when a break follows, or when it ends with
  sentence punctuation, the next line starts a sentence, and the line is short for the page
  (the next line's first word would have fitted) or carries the trailing spaces word
  processors leave at a paragraph mark.
* *Headings.*  A short line without lower-case letters standing after a break or a finished
  sentence (``GİRİŞ``, ``A- MUSTAFA ...``, ``SONUÇ``), or a short numbered line (``2. Method``)
  in the same position.
* *What the reader saw.*  A line may come with ``heading`` / ``starts_para`` set by a reader
  that sees the page (a PDF: size, weight, indent); those decide instead of the rules above.
* *Keyword lines* start with a label such as ``Anahtar Kelimeler:`` or ``Keywords:``.
* *Block quotes*: a paragraph that opens with a quotation mark, closes with one and follows
  a paragraph ending with a colon.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .rawtext_lang import abstract_language, joins_compounds, keyword_line
from .rawtext_pages import Page, RawLine
from .rawtext_text import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    TERMINAL,
    URL_RE,
    fold,
    pb,
    strip_sentinels,
)

MIN_WIDTH = 50  # no printed page has shorter full lines; keeps tiny texts sensible
TRAILING_MARKER_RE = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰]+[.,;:]?$")
NUMBERED_HEADING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-ZÀ-ÞİŞĞ][.)-])\s+\S")


@dataclass
class Block:
    kind: str  # heading | para | keywords
    text: str  # joined text; page breaks inside as sentinels
    lines: list[int] = field(default_factory=list)  # raw line numbers
    page: int = 1  # page on which the block starts
    quote: bool = False
    label: str = ""  # keyword label


# --------------------------------------------------------------------------- joining lines


def keep_hyphen(left: str, right: str, counts: Counter, language: str = "") -> bool:
    """Is the hyphen at the end of ``left`` (a word ending in '-') part of the word?"""
    lw = re.search(r"([^\W\d_]+(?:-[^\W\d_]+)*)-$", left)
    rw = re.match(r"[^\W\d_]+", right)
    if not lw or not rw:
        return True
    a, b = lw.group(1), rw.group()
    if len(b) == 1 or b[0].isupper():
        return True
    if counts.get(fold(f"{a}-{b}", language)):
        return True
    if counts.get(fold(a + b, language)):
        return False
    last = a.split("-")[-1]
    # both halves are words of their own (each also counted once here, as the broken halves)
    if counts.get(fold(last, language), 0) >= 2 and counts.get(fold(b, language), 0) >= 2 and len(last) > 1:
        return True
    # no word of the text decides: the language's hyphenation rules do (a break they allow)
    return not breakable(last, b, language)


def breakable(left: str, right: str, language: str) -> bool:
    """May ``left + right`` be hyphenated between the two (Turkish syllables, pyphen's
    patterns for other languages)?  True when the rules do not know the language or the word
    is too short for them.

    >>> breakable("görüşme", "lerin", "tr"), breakable("görüşm", "elerin", "tr")
    (True, False)
    >>> breakable("Verhand", "lungen", "de"), breakable("Verha", "ndlungen", "de")
    (True, False)
    """
    from ..hyphenate import MIN_WORD, SHY, soft_hyphenate

    word = left + right
    if len(word) < MIN_WORD or not language:
        return True
    marked = soft_hyphenate(word, language)
    if SHY not in marked:
        return True  # the rules know no break in it at all (or not the language)
    at, pos = set(), 0
    for ch in marked:
        if ch == SHY:
            at.add(pos)
        else:
            pos += 1
    return len(left) in at


def join_pair(a: str, b: str, counts: Counter, language: str = "", mid: str = "") -> str:
    """Join two lines (``mid`` = a page-break sentinel to put at the seam)."""
    a, b = a.rstrip(), b.strip()
    if a.endswith(("\u2010", "\u00ad", "\u2011")):
        a = a[:-1] + "-"  # U+2010 HYPHEN, a soft hyphen printed at the break, a non-breaking one (InDesign)
    if not a:
        return mid + b if mid else b
    if not b:
        return a + (" " + mid if mid else "")
    last = a.split()[-1]
    if URL_RE.match(last) and a[-1] in "-/_=?&#~." and not b[0].isspace():
        return a + mid + b
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[0].isalpha():
        if joins_compounds(b.split()[0], language) and not counts.get(fold(a.split()[-1][:-1] + b.split()[0], language)):
            return a + " " + mid + b  # a suspended hyphen: "Schutz-" + "als auch der Ordnungsfunktion"
        if keep_hyphen(a, b, counts, language):
            return a + mid + b
        return a[:-1] + mid + b
    return a + " " + mid + b


def join_lines(lines: list[str], counts: Counter, language: str = "") -> str:
    text = ""
    for line in lines:
        text = join_pair(text, line, counts, language) if text else line.strip()
    return text


# --------------------------------------------------------------------------- line classes


def _items(pages: list[Page]) -> list[tuple[str, object]]:
    """The body as a flat list: ('text', RawLine) | ('empty', None) | ('blank', None) | ('pb', n)."""
    items: list[tuple[str, object]] = []
    for page in pages:
        if page.n > 1:
            items.append(("pb", page.n))
        for line in page.body:
            if line.text == "":
                items.append(("empty", None))
            elif not line.text.strip():
                items.append(("blank", None))
            else:
                items.append(("text", line))
    return items


def _strip_marker(text: str) -> str:
    """``text`` without a footnote marker glued to its end (``etti5.`` -> ``etti.``)."""
    m = re.search(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰]+([.,;:]?)$", text)
    if not m or m.start() == 0:
        return text
    before = text[: m.start()]
    if before[-1].isalpha() or (before[-1] in CLOSE_QUOTES + TERMINAL + ")" and not before[-2:-1].isdigit()):
        return before + m.group(1)
    return text


def _ends_sentence(text: str) -> bool:
    t = _strip_marker(text.rstrip())
    t = t.rstrip(CLOSE_QUOTES + ")")
    return bool(t) and t[-1] in TERMINAL


def _starts_sentence(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and (t[0].isupper() or t[0].isdigit() or t[0] in OPEN_QUOTES or t[0] in "(…[")


def is_double_spaced(pages: list[Page]) -> bool:
    """Are empty lines mere spacing (many of them in the middle of sentences)?"""
    mid, total = 0, 0
    for page in pages:
        body = page.body
        for i in range(1, len(body) - 1):
            if body[i].text != "":
                continue
            total += 1
            prev, nxt = body[i - 1].text.strip(), body[i + 1].text.strip()
            if prev and nxt and not _ends_sentence(prev) and nxt[0].islower():
                mid += 1
    return mid >= 3 and mid >= 0.2 * total


def text_width(pages: list[Page]) -> int:
    """The usual length of a full body line (a high percentile of the line lengths)."""
    lengths = sorted(len(l.text.strip()) for p in pages for l in p.body if l.text.strip())
    if not lengths:
        return 80
    return max(MIN_WIDTH, lengths[int(0.9 * (len(lengths) - 1))])


def is_heading_text(text: str, width: int) -> bool:
    t = text.strip()
    letters = [c for c in t if c.isalpha()]
    if not letters or len(t) > 0.8 * width or t[-1] in ",;":
        return False
    if not any(c.islower() for c in letters) and len(letters) >= 2:
        return True
    return bool(NUMBERED_HEADING_RE.match(t)) and len(t.split()) <= 12 and t[-1] not in TERMINAL + CLOSE_QUOTES and not re.match(r"^\d+\s+[^\W\d_]+\.?\s+\d{3,4}", t)


def _is_heading(text: str, nxt, width: int) -> bool:
    """A heading line: capitals, a numbered short line, an abstract heading, or a short
    capitalised line without final punctuation followed by the start of a sentence."""
    if is_heading_text(text, width) or abstract_language(text):
        return True
    t = text.strip()
    return (
        nxt is not None
        and t[:1].isupper()
        and len(t) <= 0.6 * width
        and len(t.split()) <= 8
        and t[-1] not in TERMINAL + CLOSE_QUOTES + ",-"
        and _starts_sentence(nxt.text)
        and not re.search(r"\d", t)
    )


# --------------------------------------------------------------------------- blocks


def build_blocks(pages: list[Page], counts: Counter, language: str = "") -> tuple[list[Block], list[str]]:
    """Headings, keyword lines and paragraphs of the body, in reading order."""
    double = is_double_spaced(pages)
    width = text_width(pages)
    items = _items(pages)
    blocks: list[Block] = []
    problems: list[str] = []
    cur: Block | None = None
    pending_pb = ""  # page-break sentinel waiting for the next text
    after_break = True  # the previous item closed a block (start, blank line, heading ...)

    def close():
        nonlocal cur
        if cur is not None:
            blocks.append(cur)
        cur = None

    texts = [i for i, (k, _) in enumerate(items) if k == "text"]
    next_text = {a: b for a, b in zip(texts, texts[1:])}
    for idx, (kind, val) in enumerate(items):
        if kind == "pb":
            pending_pb += pb(val)
            continue
        if kind == "blank" or (kind == "empty" and not double):
            if cur is not None and cur.kind != "heading":
                close()
            after_break = True
            continue
        if kind == "empty":
            continue
        line: RawLine = val  # type: ignore[assignment]
        text = line.text.strip()
        prev_done = after_break or cur is None or (cur.kind == "para" and _ends_sentence(cur.text))
        if cur is not None and cur.kind == "keywords":
            if _continues_keywords(cur.text, text, width):
                cur.text = join_pair(cur.text, text, counts, language, mid=pending_pb)
                cur.lines.append(line.no)
                pending_pb = ""
                continue
            close()
            prev_done = True
        kw = keyword_line(text)
        if kw:
            close()
            cur = Block("keywords", pending_pb + kw[1], [line.no], line.page, label=kw[0])
            pending_pb, after_break = "", False
            continue
        nxt_line = items[next_text[idx]][1] if idx in next_text else None
        heading = line.heading if line.heading is not None else prev_done and _is_heading(text, nxt_line, width)
        if line.starts_para and cur is not None and cur.kind == "para":
            close()  # the reader saw the paragraph start (indent, space above)
        if heading:
            close()
            blocks.append(Block("heading", pending_pb + text, [line.no], line.page))
            pending_pb, after_break = "", True
            continue
        if cur is None or cur.kind == "heading":
            close()
            cur = Block("para", pending_pb + text, [line.no], line.page, quote=bool(line.quote))
        else:
            cur.text = join_pair(cur.text, text, counts, language, mid=pending_pb)
            cur.lines.append(line.no)
        pending_pb, after_break = "", False
        nxt_i = next_text.get(idx)
        if cur.kind == "para" and nxt_i is not None and items[nxt_i][1].starts_para is None and _para_ends(line, items[nxt_i][1], width):
            close()
    close()
    if pending_pb and blocks:
        blocks[-1].text += pending_pb
    _mark_quotes(blocks)
    return blocks, problems


def _continues_keywords(keywords: str, text: str, width: int) -> bool:
    """Is ``text`` the rest of a keyword list that ran over its line?"""
    return (
        not keywords.rstrip().endswith(".")
        and not is_heading_text(text, width)
        and not abstract_language(text)
        and not keyword_line(text)
        and len(text) <= 0.8 * width
    )


def _para_ends(line: RawLine, nxt: RawLine, width: int) -> bool:
    """Does ``line`` end its paragraph, ``nxt`` being the next text line?"""
    text = line.text.rstrip()
    nt = nxt.text.strip()
    if not _ends_sentence(text) or not _starts_sentence(nt):
        return False
    trailing = len(line.text) - len(text)
    if text.endswith(":") and nt[0] in OPEN_QUOTES:
        return True  # a quotation introduced on its own line
    first_word = nt.split()[0]
    fits = len(_strip_marker(text.strip())) + 1 + len(first_word) <= 0.95 * width
    return trailing >= 2 or fits


def _mark_quotes(blocks: list[Block]) -> None:
    for prev, block in zip(blocks, blocks[1:]):
        if block.kind != "para" or prev.kind != "para":
            continue
        t = strip_sentinels(block.text).strip()
        end = TRAILING_MARKER_RE.sub("", t).rstrip(".,;")
        if t and t[0] in OPEN_QUOTES and end and end[-1] in CLOSE_QUOTES and strip_sentinels(prev.text).rstrip().endswith(":"):
            block.quote = True


__all__ = ["Block", "build_blocks", "join_lines", "join_pair", "keep_hyphen"]
