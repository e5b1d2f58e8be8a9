"""From alignments to apparatus entries: where each witness differs, grouped over witnesses.

For one witness, the aligner's units become *regions* ``[i, j)`` of base tokens whose
witness text differs from the base text:

- a unit that is not a match, or a match whose tokens differ in their exact text;
- two matched tokens whose separator differs (``etmeliyiz.   Çünkü``): the region is both
  tokens, so that the entry shows the spacing (never across a footnote's edge);
- neighbouring differing units are one region (``a b`` read ``x y`` is one entry);
- an omitted or added token of punctuation only joins the word before it
  (``başladı.`` read ``başladı. .``), as an editor writes it;
- an omission and an addition of the same words near each other (at most
  :data:`TRANSPOSITION_WINDOW` tokens apart) are one transposition region spanning both.

Then the regions of all witnesses are grouped: overlapping regions become one entry whose
span is their union (widened so that no unit of any witness is cut), each witness's reading
is its text over that span, witnesses with the same reading share it (``B C``), witnesses
that agree with the lemma are left out (a negative apparatus), and the entry's type is the
profile's kind of its readings when they agree on one.

>>> from edition.collate.profile import Profile
>>> from edition.collate.streams import text_stream
>>> p = Profile.named("tr")
>>> base = text_stream("Bu iki büyük komutan sadece Türkiye ile ilgilendi.", p)
>>> wits = {"B": text_stream("Bu büyük iki komutan sadece Türkiye ile ilgilendi.", p),
...         "C": text_stream("Bu iki büyük komutan Türkiye ile  ilgilendi", p)}
>>> for e in collate_streams(base, wits, p):
...     print(repr(e.lemma), {r: w for r, w in e.readings}, e.type)
'iki büyük' {'büyük iki': ['B']} transposition
'sadece' {'': ['C']} omission
'ile ilgilendi.' {'ile  ilgilendi': ['C']} punctuation
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .align import align
from .profile import Profile
from .streams import BOUNDARY, Stream

TRANSPOSITION_WINDOW = 8


@dataclass
class Alignment:
    """One witness aligned with the base: its stream and units, with an index by base token."""

    siglum: str
    stream: Stream
    units: list
    by_base: list = field(default_factory=list, repr=False)  # base token -> index of its unit
    inserts: dict = field(default_factory=dict, repr=False)  # base position -> units adding there
    lead: set = field(default_factory=set, repr=False)  # base tokens whose spacing after a note's edge differs
    owns_start: set = field(default_factory=set, repr=False)  # spans starting here take the additions here (transpositions)

    def __post_init__(self):
        n = len(self.units) and max(u[1] for u in self.units)
        self.by_base = [-1] * n
        for k, (i0, i1, j0, j1) in enumerate(self.units):
            for i in range(i0, i1):
                self.by_base[i] = k
            if i0 == i1:
                self.inserts.setdefault(i0, []).append(k)

    def widen(self, i: int, j: int) -> tuple[int, int]:
        """The smallest span holding ``[i, j)`` that cuts no unit of this witness."""
        if i < j:
            if i < len(self.by_base) and self.by_base[i] >= 0:
                i = min(i, self.units[self.by_base[i]][0])
            if j - 1 < len(self.by_base) and self.by_base[j - 1] >= 0:
                j = max(j, self.units[self.by_base[j - 1]][1])
        return i, j

    def witness_range(self, i: int, j: int) -> tuple[int, int]:
        """The witness tokens standing for base tokens ``[i, j)`` (with the additions inside;
        at an empty span, the additions at that point)."""
        lo = hi = None
        if i == j:
            ks = self.inserts.get(i, [])
        else:  # the span owns the additions after its last word (at j), not those before it
            first, last = self.by_base[i], self.by_base[j - 1]
            ks = list(range(first, last + 1)) + self.inserts.get(j, [])
            if i in self.owns_start:
                ks += self.inserts.get(i, [])
        for k in ks:
            _, _, j0, j1 = self.units[k]
            lo = j0 if lo is None else min(lo, j0)
            hi = j1 if hi is None else max(hi, j1)
        if lo is None:  # nothing added here: the point in the witness after the unit before
            prev = self.by_base[i - 1] if 0 < i <= len(self.by_base) else -1
            pos = self.units[prev][3] if prev >= 0 else 0
            return pos, pos
        return lo, hi

    def reading(self, i: int, j: int) -> str:
        lo, hi = self.witness_range(i, j)
        return self.stream.span_text(lo, hi)


def regions(base: Stream, al: Alignment, profile: Optional[Profile] = None) -> list[tuple[int, int]]:
    """The base spans where this witness differs (module docstring), in order."""
    wit = al.stream
    marks: list[tuple[int, int]] = []
    for i0, i1, j0, j1 in al.units:
        one = i1 - i0 == 1 and j1 - j0 == 1
        # the separator before it may differ (the units cover both texts in order, so the
        # witness's gap before j0 stands where the base's gap before i0 is)
        if one and i0 and j0 and base.sep(i0) != wit.sep(j0):
            if not base.edge(i0):
                marks.append((i0 - 1, i0 + 1, "spacing"))
            elif wit.edge(j0):  # both at a note's edge: the spacing after it differs
                al.lead.add(i0)
                marks.append((i0, i0 + 1, "spacing"))
        if one and base.keys[i0] == wit.keys[j0] and base.token(i0) == wit.token(j0):
            continue
        if i0 == i1 or j0 == j1:
            tokens = [wit.token(j) for j in range(j0, j1)] if i0 == i1 else [base.token(i) for i in range(i0, i1)]
            if all(_punctuation(t) for t in tokens):
                if i0 > 0 and not _crosses(base, i0):
                    marks.append((i0 - 1, max(i1, i0), "punctuation"))
                    continue
                if i1 < len(base.tokens) and i0 == i1 and not _crosses(base, i1 + 1 if i1 + 1 < len(base.tokens) else i1):
                    marks.append((i1, i1 + 1, "punctuation"))
                    continue
        kind = profile.kind(base.span_text(i0, i1), wit.span_text(j0, j1)) if profile else ""
        marks.append((i0, i1, kind))
    return _transpositions(base, al, _merge(marks, base))


def _crosses(base: Stream, i: int) -> bool:
    """The gap before base token ``i`` is a footnote's edge or a run's end."""
    return base.edge(i)


def _punctuation(token: str) -> bool:
    return not any(c.isalnum() for c in token)


def _merge(marks: list[tuple[int, int, str]], base: Stream) -> list[tuple[int, int]]:
    """One witness's spans that overlap as one; spans that touch, when they are of the
    same kind (``a b`` read ``x y`` is one entry) or one is a difference of spacing
    (``katıldı. Ahmet İzzet`` read ``katıldı.Ahmet izzet``), but never across a footnote's
    edge or a paragraph's end."""
    out: list[list] = []
    for i, j, kind in sorted(marks):
        if out and i < out[-1][1]:
            out[-1][1] = max(out[-1][1], j)
            out[-1][2] |= {kind}
        elif out and i == out[-1][1] and not (i < j and base.edge(i)) and (
            kind in out[-1][2] or "spacing" in out[-1][2] | {kind} or i == j
        ):
            out[-1][1] = max(out[-1][1], j)
            out[-1][2] |= {kind}
        else:
            out.append([i, j, {kind}])
    return [(m[0], m[1]) for m in out]


def _transpositions(base: Stream, al: Alignment, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join an omission and an addition of the same words close together."""
    keys = lambda i, j: tuple(base.keys[i:j])
    out = list(spans)
    k = 0
    while k < len(out):
        i, j = out[k]
        lo, hi = al.witness_range(i, j)
        mine = keys(i, j) if i < j else None
        added = tuple(al.stream.keys[lo:hi]) if i == j else None
        joined = False
        for m in range(k + 1, len(out)):
            i2, j2 = out[m]
            if i2 - j > TRANSPOSITION_WINDOW:
                break
            lo2, hi2 = al.witness_range(i2, j2)
            other_added = tuple(al.stream.keys[lo2:hi2]) if i2 == j2 else None
            other_mine = keys(i2, j2) if i2 < j2 else None
            omitted_then_added = mine and hi == lo and other_added == mine
            added_then_omitted = added and other_mine == added and hi2 == lo2
            if added_then_omitted and not any(_crosses(base, x) for x in range(i + 1, max(j2, i + 1)) if x < len(base.tokens)):
                al.owns_start.add(i)
            if (omitted_then_added or added_then_omitted) and not any(_crosses(base, x) for x in range(i + 1, max(j2, i + 1)) if x < len(base.tokens)):
                out[k:m + 1] = [(i, j2)]
                joined = True
                break
        if not joined:
            k += 1
    return out


@dataclass
class Entry:
    """A proposed apparatus entry: base tokens ``[i, j)`` (an addition when ``i == j``), the
    lemma text, the readings (text, sigla) in the order of the witnesses, its type."""

    i: int
    j: int
    lemma: str
    readings: list[tuple[str, list[str]]]
    type: str = ""
    kinds: dict = field(default_factory=dict)  # siglum -> kind
    lead: bool = False  # the lemma starts with the spacing after a note's edge

    def reading_of(self, siglum: str):
        return next((r for r, w in self.readings if siglum in w), None)


def align_witness(base: Stream, siglum: str, wit: Stream) -> Alignment:
    return Alignment(siglum, wit, align(base.keys, wit.keys))


def group(base: Stream, alignments: list[Alignment], profile: Profile) -> list[Entry]:
    """The entries for the regions of all witnesses (module docstring)."""
    spans = []
    for al in alignments:
        spans.extend(regions(base, al, profile))
    entries: list[Entry] = []
    for i, j in _union(spans):
        for _ in range(4):  # widen until no witness's unit is cut (converges fast)
            wi, wj = i, j
            for al in alignments:
                wi, wj = al.widen(wi, wj)
                wi, wj = min(wi, i), max(wj, j)
            if (wi, wj) == (i, j):
                break
            i, j = wi, wj
        if entries and i < entries[-1].j:  # widening reached the previous entry: one entry
            prev = entries.pop()
            i = prev.i
        entry = make_entry(base, alignments, profile, i, j, any(i in al.lead for al in alignments))
        if entry is not None:
            entries.append(entry)
    return entries


def _union(spans):
    """The spans of all witnesses that overlap as one; an addition after a span's last word
    belongs to it (as :meth:`Alignment.witness_range` reads it); a span that only touches
    another stays apart: different words, different entries."""
    out: list[list[int]] = []
    for i, j in sorted(spans):
        if out and (i < out[-1][1] or i == j == out[-1][1]):
            out[-1][1] = max(out[-1][1], j)
        else:
            out.append([i, j])
    return [tuple(s) for s in out]


def make_entry(base: Stream, alignments: list[Alignment], profile: Profile, i: int, j: int, lead: bool = False):
    lemma = (base.sep(i) if lead else "") + base.span_text(i, j)
    readings: dict[str, list[str]] = {}
    kinds = {}
    for al in alignments:
        r = al.reading(i, j)
        if lead:
            lo, _ = al.witness_range(i, j)
            r = al.stream.sep(lo) + r
        if r == lemma or profile.ignored(lemma, r):
            continue
        readings.setdefault(r, []).append(al.siglum)
        kinds[al.siglum] = profile.kind(lemma, r)
    if not readings:
        return None
    types = {profile.type(lemma, r) for r in readings}
    return Entry(i, j, lemma, list(readings.items()), types.pop() if len(types) == 1 else "", kinds, lead)


def collate_streams(base: Stream, witnesses: dict[str, Stream], profile: Profile) -> list[Entry]:
    """Align each witness with the base and group their differences into entries."""
    return group(base, [align_witness(base, s, w) for s, w in witnesses.items()], profile)
