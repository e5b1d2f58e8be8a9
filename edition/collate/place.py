"""Where an entry goes: from token spans to the characters of the edited text an editor
would mark, and each witness's reading of exactly those characters.

An :class:`~edition.collate.variants.Entry` covers whole tokens.  :func:`place` makes it
the lemma an editor writes:

1. *trimmed*: a suffix that the lemma and every reading share is left out when it is
   punctuation or an apostrophe suffix (``1889’da`` read ``1899’da`` is ``[1889]{J="1899"}``,
   ``yaklaştığını,`` read ``yaklaştığının,`` loses the comma), and likewise a shared prefix
   of punctuation; never when what is left would end (or start) with a space;
2. *closed*: a lemma must open and close inside the same markup: when its first and last
   characters sit in different tags, emphasis, citations or entries, it is widened to the
   whole of the inner ones (``Paşa da`` where ``Şakir Paşa`` is a person tag becomes
   ``[[Şakir Paşa]{.person} da]{.app ...}``; a variant inside a citation's rendered text
   takes the whole citation, which has no text of its own in the source); a lemma that
   would have to take in a footnote's edge is left for the editor;
3. each witness's reading is read again over the placed characters (:func:`reading_over`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Cite, Note
from .profile import Profile
from .streams import BOUNDARY, RUN_END, Stream, has_edge
from .variants import Alignment, Entry


@dataclass
class Placed:
    """An entry on the characters ``[a, b)`` of the base text (``a == b``: an addition there)."""

    a: int
    b: int
    lemma: str
    readings: list[tuple[str, list[str]]]
    type: str = ""
    kinds: dict = field(default_factory=dict)
    problem: str = ""  # why it cannot be written (left for the editor), '' when it can

    def reading_of(self, siglum: str) -> Optional[str]:
        return next((r for r, w in self.readings if siglum in w), None)


def token_chars(base: Stream, i: int, j: int) -> tuple[int, int]:
    """The characters of base tokens ``[i, j)``; an empty span (an addition before token
    ``i``) right after the word before it, unless a paragraph ends there."""
    if i < j:
        return base.tokens[i][0], base.tokens[j - 1][1]
    if 0 < i and RUN_END not in base.gap(i):
        end = base.tokens[i - 1][1]
        return end, end
    if i < len(base.tokens):
        return base.tokens[i][0], base.tokens[i][0]
    end = base.tokens[-1][1] if base.tokens else 0
    return end, end


def reading_over(base: Stream, al: Alignment, a: int, b: int) -> Optional[str]:
    """The witness's text for the base characters ``[a, b)``: its text over the tokens they
    touch, less the parts of the first and last token outside ``[a, b)`` (None when the
    witness does not have those parts as they are: the span must be widened)."""
    if a == b:
        i, _ = base.token_range(a, a)
        lo, hi = al.witness_range(i, i)
        return al.stream.span_text(lo, hi)
    i, j = base.token_range(a, b)
    if i >= j:
        return None
    lead_space = base.text[a:base.tokens[i][0]] if a < base.tokens[i][0] else ""
    head = base.text[base.tokens[i][0]:a] if a > base.tokens[i][0] else ""
    tail = base.text[b:base.tokens[j - 1][1]] if b < base.tokens[j - 1][1] else ""
    lo, hi = al.witness_range(i, j)
    text = al.stream.span_text(lo, hi)
    if lead_space:  # the lemma starts with the space before its first word
        text = al.stream.sep(lo) + text
        if has_edge(lead_space) or not text:
            return None
    if not text.startswith(head) or not text.endswith(tail) or len(text) < len(head) + len(tail):
        return None
    return text[len(head):len(text) - len(tail)]


def _trim(lemma: str, readings: list[str], spacing: bool = False) -> tuple[int, int]:
    """How many characters to drop at the start and end of the lemma and every reading:
    shared punctuation at the end (not the period of an abbreviation or ordinal, after a
    capital or a digit: ``IX.``), the case ending of a number that is itself the variant
    (``1948’de`` read ``198’de``; a spacing variant keeps its words whole), shared
    punctuation at the start.

    >>> _trim("1889’da", ["1899’da"]), _trim("’dır.", ["dır."]), _trim("başladı.", ["başladı. ."])
    ((0, 3), (0, 1), (0, 0))
    >>> _trim("idi. IX.", ["idi.IX."], True), _trim("Hareketi’ne", ["Haraketi’ne"]), _trim("dolayı 1911’de", ["dolayı1911’de"], True)
    ((0, 0), (0, 0), (0, 0))
    """
    texts = [lemma] + readings
    if any(not t for t in texts):
        return 0, 0
    shared = 0
    while all(len(t) > shared for t in texts) and len({t[-1 - shared] for t in texts}) == 1:
        shared += 1
    end = 0
    for k in range(shared, 0, -1):  # the longest shared suffix of punctuation or ’suffix
        suffix = lemma[len(lemma) - k:]
        rests = [t[:len(t) - k] for t in texts]
        if any(not r or r[-1].isspace() for r in rests):
            continue
        if not any(c.isalnum() for c in suffix):
            if suffix[0] == "." and (rests[0][-1].isupper() or rests[0][-1].isdigit()):
                continue  # an abbreviation's or an ordinal's period belongs to its word
            end = k
            break
        if suffix[0] in "’'" and suffix[1:].isalpha() and rests[0][-1].isdigit() and not spacing:
            end = k
            break
    shared = 0
    while all(len(t) - end > shared for t in texts) and len({t[shared] for t in texts}) == 1:
        shared += 1
    for k in range(shared, 0, -1):  # a shared prefix of punctuation
        rests = [t[k:] for t in texts]
        if not any(c.isalnum() for c in lemma[:k]) and not any(not r or r[0].isspace() for r in rests):
            return k, end
    return 0, end


def _close(base: Stream, a: int, b: int) -> tuple[int, int, str]:
    """Widen ``[a, b)`` to open and close in the same markup (module docstring, 2)."""
    if a == b:  # an addition inside a citation's rendered text: the citation is the lemma
        piece = base.piece_at(a)
        cite = next((n for n in (piece.path if piece else ()) if isinstance(n, Cite)), None)
        if cite is not None and base.spans[id(cite)][0] < a:
            return base.spans[id(cite)][0], base.spans[id(cite)][1], ""
        return a, b, ""
    first, last = base.piece_at(a), base.piece_at(b - 1)
    if first is None or last is None:
        return a, b, "the lemma would start or end between texts"
    pa, pb = first.path, last.path
    common = 0
    while common < min(len(pa), len(pb)) and pa[common] is pb[common]:
        common += 1
    for node in pa[common:] + pb[common:]:
        if isinstance(node, Note):
            return a, b, "the lemma would cross the edge of a footnote"
    if len(pa) > common:
        a = base.spans[id(pa[common])][0]
    if len(pb) > common:
        b = base.spans[id(pb[common])][1]
    # a citation anywhere on the path below the common level is widened above: one at the
    # common level holds both ends, so the whole citation is the lemma
    for node in pa[:common]:
        if isinstance(node, Cite):
            a, b = base.spans[id(node)][0], base.spans[id(node)][1]
    return a, b, ""


def place(base: Stream, alignments: list[Alignment], profile: Profile, entry: Entry) -> Placed:
    """The entry on the characters an editor marks, with its readings read again."""
    a, b = token_chars(base, entry.i, entry.j)
    if entry.lead:
        a -= len(base.sep(entry.i))
    texts = [r for r, _ in entry.readings]
    spacing = entry.type == "spacing"
    s, e = _trim(entry.lemma, texts, spacing) if a < b else (0, 0)
    a, b = a + s, b - e
    wa, wb, problem = _close(base, a, b)
    wide = read_at(base, alignments, profile, wa, wb, problem)
    for narrow in _narrowings(base, a, b):
        na, nb = narrow
        if (na, nb) != (wa, wb) and _close(base, na, nb)[:2] == (na, nb):
            tight = read_at(base, alignments, profile, na, nb)
            if not tight.problem and tight.readings and _same_variant(base, wide, tight, alignments):
                return tight
    return wide


def _narrowings(base: Stream, a: int, b: int) -> list[tuple[int, int]]:
    """``[a, b)`` without the parts inside markup that the other end is not in, at both ends
    or at one (the other way to close a lemma: ``Rezulzade, Türk`` with the name tagged is
    ``, Türk``)."""
    if a >= b:
        return []
    first, last = base.piece_at(a), base.piece_at(b - 1)
    if first is None or last is None:
        return []
    pa, pb = first.path, last.path
    common = 0
    while common < min(len(pa), len(pb)) and pa[common] is pb[common]:
        common += 1
    na = base.spans[id(pa[common])][1] if len(pa) > common else a
    nb = base.spans[id(pb[common])][0] if len(pb) > common else b
    out = []
    for x, y in ((na, nb), (na, b), (a, nb)):
        lemma = base.text[x:y]
        if x < y and (x, y) != (a, b) and lemma == lemma.strip() and not has_edge(lemma) and (x, y) not in out:
            out.append((x, y))
    return out


def _same_variant(base: Stream, wide: Placed, tight: Placed, alignments) -> bool:
    """Each witness reads the part the tight lemma leaves out as the base does."""
    before = base.text[wide.a:tight.a]
    after = base.text[tight.b:wide.b]
    for al in alignments:
        w = wide.reading_of(al.siglum)
        t = tight.reading_of(al.siglum)
        w = wide.lemma if w is None else w
        t = tight.lemma if t is None else t
        if w != before + t + after:
            return False
    return True


def read_at(base: Stream, alignments: list[Alignment], profile: Profile, a: int, b: int, problem: str = "") -> Placed:
    """Every witness's reading of the base characters ``[a, b)``, grouped."""
    lemma = base.text[a:b].replace(BOUNDARY, " ").replace(RUN_END, " ")
    readings: dict[str, list[str]] = {}
    kinds = {}
    for al in alignments:
        r = reading_over(base, al, a, b)
        if r is None:
            problem = problem or f"witness {al.siglum} cannot be read over exactly these characters"
            continue
        if r == lemma or profile.ignored(lemma, r):
            continue
        readings.setdefault(r, []).append(al.siglum)
        kinds[al.siglum] = profile.kind(lemma, r)
    types = {profile.type(lemma, r) for r in readings}
    return Placed(a, b, lemma, list(readings.items()), types.pop() if len(types) == 1 else "", kinds, problem)


def place_all(base: Stream, alignments: list[Alignment], profile: Profile, entries: list[Entry]) -> list[Placed]:
    """Every entry placed; entries that placement made overlap (two variants inside one
    citation, both widened to it) are one entry, read again over their union."""
    out: list[Placed] = []
    for entry in entries:
        placed = place(base, alignments, profile, entry)
        if not placed.readings:
            continue
        if out and _overlap(out[-1], placed):
            prev = out.pop()
            a, b = min(prev.a, placed.a), max(prev.b, placed.b)
            placed = read_at(base, alignments, profile, a, b, prev.problem or placed.problem)
            if not placed.readings:
                continue
        out.append(placed)
    return out


def _overlap(p: Placed, q: Placed) -> bool:
    if p.a == p.b or q.a == q.b:
        return (p.a, p.b) == (q.a, q.b) or p.a < q.a < p.b or q.a < p.a < q.b
    return p.a < q.b and q.a < p.b
