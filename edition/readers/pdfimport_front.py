"""The front of a printed article: the lines of its first page above the running text --
a journal's rubric, the title, the byline and the notes on the byline.

Published PDFs open with lines that are not the article's text: a rubric (``Bibliotheken``,
``ARTICLE``, ``RESEARCH``: the journal's section, often in a larger size than the title),
the title (over one or more lines), the author's name, and a note on the name (``*``,
``∗``, ``†`` or ``1``: the author's position or affiliation), printed in the note area or
in small type under the name.  Read as text they become a heading before the title, a
heading or a quotation made of the name, and a footnote at the end of the page's text.
Here they are told apart by where they stand and what they are:

* the **head** of page 1 is its body lines before the first line of running text (a line
  in the body's size, not a heading, at least half as wide as the widest body line) and
  before the first numbered or abstract heading;
* the **title** is the first heading of the head with three words or more, with the
  heading lines of its size right under it that go on in lower case;
* the **subtitle** is the heading lines right under the title in a smaller size (one size
  for all of them, less than 1.5 title sizes below it, two words or more, not numbered,
  not a name);
* a note sign or number on the title marks a note on the whole article (a grant, thanks):
  that note is the ``acknowledgements``, not an author's affiliation (the title is the
  first heading of three words or more, with or without a mark, unless it reads as a
  name);
* a **rubric** is a line of the head before the title with at most two words, a heading or
  larger than the body (``ARTICLE`` in 11 pt over a body in 10 pt);
* a **byline** is a short line of the head (at most 80 characters, ending no sentence) that
  carries a raised note sign or number, or a short line right under the title whose words
  are all capitalised (a name);
* a byline may name **several authors**, parted by commas and ``and``/``&`` (``und``,
  ``et``, ``ve``...), each with the signs or numbers printed on its name; a part of one word
  after a name is its place, not an author;
* the **note on a byline** is the note of the page that opens with the byline's sign or
  number (its lines up to the next note), or the small lines of the head that open with it.

The page model keeps none of them as body: the title and the authors go into the
edition's metadata (``title``, ``subtitle``, ``authors`` with the note as ``affiliation``), the rubric is
dropped, and each decision is a ``# CHECK:`` on the metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Author
from .pdfimport_page import SIGN_GLYPHS, PdfDocument, PdfLine, _line_text
from .rawtext_text import strip_sentinels

NUMBERED_RE = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2}){0,3}|[A-H])[.)]\s")
ABSTRACT_RE = re.compile(r"^(abstract|summary|zusammenfassung|résumé|resume|öz|özet)\b", re.I)
EMAIL_RE = re.compile(r"\S+@\S+\.\w+")
NOTE_SIGN_CHARS = set(SIGN_GLYPHS.values())
NAME_PARTICLES = ("von", "van", "de", "da", "der", "du", "la", "le")


@dataclass
class Front:
    title: str = ""
    subtitle: str = ""
    title_notes: list[str] = field(default_factory=list)  # the notes on the title (acknowledgements)
    rubrics: list[str] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    byline_notes: list[str] = field(default_factory=list)  # taken out of the notes
    numbered_notes: list[tuple[str, str]] = field(default_factory=list)  # (number, text): left in the notes (the numbering counts from them), taken out of the model


def _plain(line: PdfLine) -> str:
    return " ".join(strip_sentinels(_line_text(line, False)[0]).split())


def _words(line: PdfLine) -> int:
    return len([w for w in _plain(line).split() if any(c.isalpha() for c in w)])


def _marks(line: PdfLine) -> list[str]:
    """The raised note signs and numbers a line carries."""
    out, run = [], ""
    for g in line.glyphs + [None]:
        if g is not None and g.sup and (g.text.isdigit() or g.text in SIGN_GLYPHS):
            run += SIGN_GLYPHS.get(g.text, g.text)
        elif run:
            out.append(run)
            run = ""
    return out


def _head(lines: list[PdfLine], body_size: float) -> int:
    """How many of page 1's body lines stand above its running text."""
    widths = [l.x1 - l.x0 for l in lines if not l.heading and abs(l.size - body_size) < 0.05 * body_size]
    wide = 0.5 * max(widths, default=0)
    for i, l in enumerate(lines):
        text = _plain(l)
        if l.heading and (NUMBERED_RE.match(text) or ABSTRACT_RE.match(text)):
            return i
        if not l.heading and abs(l.size - body_size) < 0.05 * body_size and l.x1 - l.x0 >= wide:
            return i
        if ABSTRACT_RE.match(text):
            return i
    return 0


def _lead(line: PdfLine) -> str:
    """The note number or sign a line opens with ('' if none)."""
    out = ""
    for g in line.glyphs:
        t = SIGN_GLYPHS.get(g.text, g.text)
        if not t.strip():
            if out:
                break
            continue
        if (t.isdigit() and (not out or out.isdigit())) or (t in NOTE_SIGN_CHARS and (not out or not out.isdigit())):
            out += t
        else:
            break
    return out


def _note_of(page, mark: str) -> tuple[list[PdfLine], str]:
    """The lines of the page's note opening with ``mark``, and its text."""
    notes = page.notes
    for i, l in enumerate(notes):
        if _lead(l) != mark:
            continue
        j = i + 1
        while j < len(notes) and not _lead(notes[j]):
            j += 1
        text = " ".join(_plain(x) for x in notes[i:j])
        return notes[i:j], _after(text, mark)
    return [], ""


def _common(text: str, vocabulary: set[str]) -> bool:
    """Does a capitalised line use a word the text writes in lower case (a heading, ``Historical
    Background``), rather than being a name (``Udo Grashoff``)?

    >>> _common("Historical Background", {"historical", "the"}), _common("Udo Grashoff", {"the"})
    (True, False)
    """
    return any(w.casefold() in vocabulary for w in re.findall(r"\w+", text) if len(w) > 3)


def _after(text: str, mark: str) -> str:
    """``text`` without the note sign or number it opens with.

    >>> _after(" * Der Verfasser ist Direktor", "*"), _after("12 Ibid., 248.", "12")
    ('Der Verfasser ist Direktor', 'Ibid., 248.')
    """
    text = text.lstrip()
    return text[len(mark):].strip() if text else ""


def _looks_like_name(text: str, vocabulary: set[str]) -> bool:
    """Two to six capitalised words (particles aside) using no word the text writes in lower
    case: ``Udo Grashoff``, not ``Sources, Methods and Limits``."""
    capitalised = all(w[:1].isupper() or w in NAME_PARTICLES for w in text.split() if w[:1].isalpha())
    return capitalised and 1 < len([w for w in text.split() if any(c.isalpha() for c in w)]) <= 6 and not _common(text, vocabulary)


def _unmarked(line: PdfLine) -> str:
    """The text of a line without the raised note signs and numbers it carries (written
    ``¹²`` and as the signs themselves by the line's text)."""
    text = _plain(line)
    if not _marks(line):
        return text
    drop = set("⁰¹²³⁴⁵⁶⁷⁸⁹") | set(SIGN_GLYPHS) | NOTE_SIGN_CHARS
    return " ".join("".join(c for c in text if c not in drop).split())


def _subtitle(head: list[PdfLine], at: int, title: PdfLine, taken: list[PdfLine], vocabulary: set[str]) -> str:
    """The subtitle: the heading lines right under the title (from ``at``) in a smaller size
    than the title's, one size for all, close under it (less than 1.5 times the title's size
    from baseline to baseline), of two words or more (not ``Introduction``: the first
    section's heading stands further down), not numbered, no abstract's heading and no name
    (a byline set as a heading)."""
    lines: list[PdfLine] = []
    last = taken[-1].more[-1] if taken[-1].more else taken[-1]
    for l in head[at:]:
        text = _plain(l)
        if (not l.heading or l.size >= 0.95 * title.size or _marks(l) or NUMBERED_RE.match(text) or ABSTRACT_RE.match(text)
                or _looks_like_name(text, vocabulary) or _words(l) < 2 or last.base - l.base > 1.5 * title.size):
            break
        last = l.more[-1] if l.more else l
        if lines and abs(l.size - lines[0].size) > 0.05 * lines[0].size:
            break
        lines.append(l)
    taken += lines
    return " ".join(" ".join(_plain(x) for l in lines for x in [l] + l.more).split())


NAME_SEP_RE = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\bve\b|\by\b|\be\b)\s*")


def _names(line: PdfLine) -> list[tuple[str, list[str], str]]:
    """The authors of a byline: (name, the note signs or numbers on it, a place printed after
    it).  Names are parted by commas and ``and``/``&`` (``A and B``, ``A, B & C``); a part of
    one word after a name is no name but its place (``Teresa Weber∗, Vienna``).

    A mark is written ``\x00mark\x00`` while the line is cut into names.
    """
    text, run = "", ""
    for g in line.glyphs + [None]:
        if g is not None and g.sup and (g.text.isdigit() or g.text in SIGN_GLYPHS):
            run += SIGN_GLYPHS.get(g.text, g.text)
            continue
        if run:
            text += f"\x00{run}\x00"
            run = ""
        if g is not None:
            text += g.text
    out: list[tuple[str, list[str], str]] = []
    for part in NAME_SEP_RE.split(text):
        marks = re.findall(r"\x00([^\x00]*)\x00", part)
        name = " ".join(re.sub(r"\x00[^\x00]*\x00", " ", part).split()).strip(" ,;")
        if not name:
            if marks and out:  # marks printed after the comma: the name's before it
                out[-1][1].extend(marks)
            continue
        if out and len(name.split()) == 1:  # a place after the name
            out[-1] = (out[-1][0], out[-1][1] + marks, "; ".join(x for x in (out[-1][2], name) if x))
            continue
        out.append((name, marks, ""))
    return out


def _author(name: str, rest: str, notes: list[str]) -> Author:
    """An author of the metadata: the place printed after the name, then the note on it, as
    the affiliation; an e-mail address in them as the ``email``."""
    author = Author(name=name)
    text_notes = "; ".join(([rest] if rest else []) + notes)
    email = EMAIL_RE.search(text_notes)
    if email:
        author.email = email.group(0).rstrip(".,;")
        text_notes = " ".join(text_notes.replace(email.group(0), "").split()).strip(" ,;")
    author.affiliation = text_notes
    return author


def _byline_note(front: Front, page, body, head, after, taken, l, mark: str) -> str:
    """The text of the note ``mark`` on the byline ``l``, nearest first: the small lines
    under the byline that open with it (the Open Library of Humanities prints the
    affiliations so, numbered like the notes that follow), the page's note opening with it
    (a sign's taken out of the notes; a numbered one left for the numbering, recorded in
    ``front.numbered_notes``), or the lines at the foot of the page's text opening with it."""
    small = [x for x in after if x is not l and x not in taken and x.size < l.size and _lead(x) == mark]
    if small:
        i = after.index(small[0])
        block = [small[0]] + [x for x in after[i + 1:i + 3] if x.size < l.size and not _marks(x) and not _lead(x)]
        taken += block
        return _after(" ".join(_plain(x) for x in block), mark)
    lines, note = _note_of(page, mark)
    if lines:
        if not mark.isdigit():  # a numbered one stays: the notes after it count on from it
            page.notes = [x for x in page.notes if x not in lines]
            front.byline_notes.append(note)
        else:
            front.numbered_notes.append((mark, note))
        return note
    tail = [i for i, x in enumerate(body) if i >= len(body) - 5 and _lead(x) == mark and x not in head]
    if tail:  # at the foot of the page's text, where no note area was found
        block = body[tail[0]:]
        taken += block
        return _after(" ".join(_plain(x) for x in block), mark)
    return ""


def read_front(doc: PdfDocument) -> Front:
    """Find and take out of page 1's body (and notes) its rubric, title and bylines."""
    front = Front()
    if not doc.pages or not doc.pages[0].body:
        return front
    page = doc.pages[0]
    body = page.body
    head = body[:_head(body, doc.body_size)]
    vocabulary = {w.casefold() for p in doc.pages for x in p.body for w in re.findall(r"\w+", x.plain()) if w[:1].islower()}
    # a title may carry a note (its sign: the acknowledgements), a byline set as a heading may not be taken for it
    title_at = next((i for i, l in enumerate(head) if l.heading and _words(l) >= 3
                     and not (_marks(l) and _looks_like_name(_unmarked(l), vocabulary))), None)
    if title_at is None:
        return front
    title = head[title_at]
    taken = [title]
    parts = [_unmarked(title)] + [_unmarked(m) for m in title.more]
    for l in head[title_at + 1:]:
        text = _plain(l)
        if l.heading and abs(l.size - title.size) < 0.05 * title.size and text[:1].islower():
            parts.append(text)
            taken.append(l)
        else:
            break
    front.title = " ".join(" ".join(parts).split())
    front.subtitle = _subtitle(head, head.index(taken[-1]) + 1, title, taken, vocabulary)
    for l in head[:title_at]:
        if (l.heading or l.size >= 1.05 * doc.body_size) and _words(l) <= 2 and not _marks(l) and not _lead(l):
            front.rubrics.append(_plain(l))
            taken.append(l)
    after = [l for l in head if l not in taken]
    for mark in [m for x in [title] + title.more for m in _marks(x)]:
        note = _byline_note(front, page, body, head, after, taken, title, mark)
        if note:
            front.title_notes.append(note)
            front.checks.append(f"the note on the title ({mark}) read as the acknowledgements: {note[:60]!r}")
    for k, l in enumerate(after):
        text = _plain(l)
        if l in taken or _lead(l) or len(text) > 80 or text.rstrip()[-1:] in ".!?" or not any(c.isalpha() for c in text):
            continue
        marks = _marks(l)
        below_title = l.base < title.base and k == next((i for i, x in enumerate(after) if x.base < title.base), -1)
        if not marks and not (below_title and _looks_like_name(text, vocabulary)):
            continue
        names = _names(l)
        for name, own, rest in names:
            notes = [n for n in (_byline_note(front, page, body, head, after, taken, l, mark) for mark in own) if n]
            front.authors.append(_author(name, rest, notes))
        taken.append(l)
        who = " | ".join(n for n, _own, _rest in names)
        front.checks.append(
            f"author(s) read from the byline of page 1 ({text!r}): {who}"
            + (f"; the note on a name ({', '.join(marks)}) is its affiliation" if marks else ""))
    if front.rubrics:
        front.checks.append(f"line(s) above the title dropped as the journal's rubric: {' | '.join(front.rubrics)}")
    if front.subtitle:
        front.checks.insert(0, f"subtitle read from the smaller heading under the title: {front.subtitle!r}")
    front.checks.insert(0, f"title read from the largest lines of page 1: {front.title!r}")
    page.body = [l for l in body if l not in taken]
    return front


__all__ = ["Front", "read_front"]
