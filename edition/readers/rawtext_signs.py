"""Notes marked by signs in a ``pdftotext`` text (``∗``, ``†``, ``‡``, ``§`` ...: LaTeX's
``\\fnsymbol``, Word's symbols), read as notes numbered per page.

``pdftotext`` writes such a note as a line opening with its sign (``† Compare Archives ...``)
and its marker as the sign glued to the word it follows (``on† them``).  On a page (form
feed) where lines open with a sign followed by text, and none opens with a number followed
by text (there a sign marks a note on the author's name, left as it stands), the n-th sign
of :data:`.rawtext_text.NOTE_SIGNS` becomes the superscript number n: the signs glued to a
word or a closing mark (the markers) and the signs opening note lines.  The rest of the importer then reads them as notes numbered per page,
the way the PDF route does (``pdfimport_page._signs_as_numbers``).  Each page read so is
counted in the report: the pairing of a sign with a note is the printer's, but the note
area is only known by its first sign line.
"""

from __future__ import annotations

import re

from .rawtext_text import NOTE_SIGNS, SIGN_GLYPHS, SUPERSCRIPT_DIGITS

SIGN_CHARS = re.escape("".join(SIGN_GLYPHS))
# a line opening a note with its sign: the sign (one kind, at most twice), a space, its text
OPENER_RE = re.compile(r"^(\s{0,3})([" + SIGN_CHARS + r"])(\2?)[ \t]+(?=\S)")
# a marker: signs glued to the end of a word or to closing punctuation
MARKER_RE = re.compile(r"(?<=[^\s" + SIGN_CHARS + r"])([" + SIGN_CHARS + r"])(\1?)(?![" + SIGN_CHARS + r"])")
NUMBERED_NOTE_RE = re.compile(r"^\s{0,3}\d{1,3}\s+[^\W\d_]")


def _number(signs: str) -> str | None:
    """The superscript number of a sign run (``†`` -> ``²``, ``∗∗`` -> ``⁷``), None when the
    run is not one of the signs."""
    sign = "".join(SIGN_GLYPHS[c] for c in signs)
    if sign not in NOTE_SIGNS:
        return None
    return str(NOTE_SIGNS.index(sign) + 1).translate(str.maketrans("0123456789", SUPERSCRIPT_DIGITS))


def _page(text: str) -> tuple[str, bool]:
    lines = text.split("\n")
    first = next((i for i, l in enumerate(lines) if OPENER_RE.match(l)), None)
    if first is None or any(NUMBERED_NOTE_RE.match(l) for l in lines[first:]):
        return text, False

    def marker(m: re.Match) -> str:
        return _number(m.group(0)) or m.group(0)

    for i, line in enumerate(lines):
        m = OPENER_RE.match(line)
        n = _number(m.group(2) + m.group(3)) if m else None
        if n is not None:
            lines[i] = m.group(1) + n + " " + MARKER_RE.sub(marker, line[m.end():])
        else:  # a marker: above the notes, or in a column written after them
            lines[i] = MARKER_RE.sub(marker, line)
    return "\n".join(lines), True


def signs_as_numbers(raw: str) -> tuple[str, list[str]]:
    """The text with the note signs of its pages turned into per-page numbers, and the
    report's line (none when no page has sign notes).

    >>> signs_as_numbers("Save me∗ some. Had† they\\n\\n∗ See Smith.\\n† Compare Archives.\\n")[0]
    'Save me¹ some. Had² they\\n\\n¹ See Smith.\\n² Compare Archives.\\n'
    >>> signs_as_numbers("A name∗ and a text1\\n∗ University of Sussex\\n1 See Smith.\\n")[0]
    'A name∗ and a text1\\n∗ University of Sussex\\n1 See Smith.\\n'
    """
    pages = raw.split("\f")
    read = 0
    for k, page in enumerate(pages):
        pages[k], done = _page(page)
        read += done
    if not read:
        return raw, []
    return "\f".join(pages), [f"{read} page(s) with notes marked by signs (* † ‡ ...): the n-th sign read as note n "
                              f"of its page: check"]


__all__ = ["signs_as_numbers"]
