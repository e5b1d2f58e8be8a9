"""Synthetic witnesses of a base text with known variants, and the score of a collation
against them (precision and recall per kind of variant).

    python bench/collate.py quality        # prints the table (own aligner and CollateX)

Each witness has a *profile*: how often it departs from the base and with which kinds of
variant, as a print or a copy would:

    B  an Ottoman-spelling print: circumflexes, final d/b for t/p (Mehmed), apostrophes
       dropped, capitals, punctuation, a few omissions and additions;
    C  a careless copy: misspelt words, omissions, additions, transpositions;
    D  a modern reprint: punctuation and spacing, capitals, spelling;
    E  a copy of C's exemplar: half of C's variants (the same readings at the same places:
       agreements to be grouped as ``C E``) and its own, C's way.

A variant is made on base tokens away from a footnote's edge or a paragraph's end, at least
:data:`GAP` tokens from the previous one of the same witness, and is kept with its truth: the
siglum, the kind (the profile's kinds: ``spacing``, ``punctuation``, ``case``,
``orthography``, ``transposition``, ``omission``, ``addition``, ``substantive``), the base
tokens it covers (an empty span for an addition) and the witness's text there.

:func:`score` matches the proposed entries with the truth: a proposal's reading of a witness
is right when the base text under the proposal, with that witness's true variants inside it
applied, is exactly the reading; those variants are found.  Precision per kind counts the
readings the collation proposes with that kind; recall per kind counts the true variants.
Everything is deterministic for a given seed.
"""

from __future__ import annotations

import os
import random
import sys
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from edition.collate.profile import KINDS, Profile  # noqa: E402
from edition.collate.streams import BOUNDARY, RUN_END, Stream  # noqa: E402

GAP = 4
PROFILES = {
    "B": (1 / 30, {"orthography": 5, "case": 1, "punctuation": 2, "substantive": 1, "omission": 1, "addition": 1}),
    "C": (1 / 30, {"substantive": 3, "omission": 2, "addition": 2, "transposition": 2, "spacing": 1}),
    "D": (1 / 30, {"punctuation": 3, "spacing": 3, "case": 2, "orthography": 2}),
    "E": (1 / 60, {"substantive": 3, "omission": 2, "addition": 2, "transposition": 2, "spacing": 1}),
}
COPIES = {"E": ("C", 0.5)}  # E shares half of C's variants


@dataclass(frozen=True)
class Truth:
    siglum: str
    kind: str
    i: int  # base tokens [i, j); i == j: an addition before token i
    j: int
    reading: str  # the witness's text for those tokens


@dataclass
class Witness:
    siglum: str
    text: str
    truth: list[Truth] = field(default_factory=list)


def _apostrophe(t: str) -> int:
    return next((k for k, c in enumerate(t) if c in "’'"), -1)


def _variant(kind: str, base: Stream, i: int, rng: random.Random, profile: Profile):
    """(j, reading) for a variant of ``kind`` at base token ``i``, or None when the tokens
    there do not allow it."""
    tok = base.token(i)
    key = base.keys[i]
    alpha = tok.isalpha() or (len(tok) > 1 and tok[:-1].isalpha())
    if kind == "omission":
        n = rng.choice((1, 1, 2, 3))
        if all(any(c.isalnum() for c in base.token(k)) for k in range(i, i + n)):
            return i + n, ""
        return None
    if kind == "addition":
        donor = base.token(rng.randrange(len(base.tokens)))
        donor = "".join(c for c in donor if c.isalpha())
        return (i, donor) if len(donor) > 2 and profile.key(donor) not in (key, base.keys[i - 1]) else None
    if kind == "transposition":
        a, b = tok, base.token(i + 1)
        if a.isalpha() and b.isalpha() and profile.key(a) != profile.key(b):
            return i + 2, f"{b} {a}"
        return None
    if kind == "spacing":
        nxt = base.token(i + 1)
        if rng.random() < 0.6 and alpha and nxt[:1].isalpha():
            return i + 2, tok + nxt
        return i + 2, tok + "  " + nxt
    if kind == "punctuation":
        if tok[-1:] in ",.;:" and len(tok) > 1 and tok[-2].isalpha():
            return i + 1, tok[:-1]
        if tok.isalpha():
            return i + 1, tok + ","
        return None
    if kind == "case":
        if not tok[:1].isalpha():
            return None
        first = tok[0]
        other = profile.fold_case(first) if first.isupper() else (first.upper() if first not in "iı" else {"i": "İ", "ı": "I"}[first])
        return (i + 1, other + tok[1:]) if other != first else None
    if kind == "orthography":
        k = _apostrophe(tok)
        if k > 0 and tok[k + 1 : k + 2].isalpha():
            return i + 1, tok[:k] + tok[k + 1 :]
        if tok.isalpha() and tok[-1] == "t" and len(tok) > 3:
            return i + 1, tok[:-1] + "d"
        for c, hat in (("a", "â"), ("i", "î"), ("u", "û")):
            at = tok.find(c, 1)
            if tok.isalpha() and at > 0:
                return i + 1, tok[:at] + hat + tok[at + 1 :]
        return None
    if kind == "substantive":
        if not tok.isalpha() or len(tok) < 5:
            return None
        k = rng.randrange(1, len(tok) - 2)
        new = tok[:k] + tok[k + 1] + tok[k] + tok[k + 2 :] if rng.random() < 0.5 else tok[:k] + tok[k + 1 :]
        return (i + 1, new) if profile.key(new) != key else None
    raise ValueError(kind)


def _free(base: Stream, i: int, j: int) -> bool:
    """No footnote edge or paragraph end in or around base tokens [i, j)."""
    lo, hi = max(i - 1, 1), min(max(j, i + 1) + 1, len(base.tokens) - 1)
    return 1 < i and j + 2 < len(base.tokens) and not any(base.edge(k) for k in range(lo, hi + 1))


def make_truth(base: Stream, siglum: str, rng: random.Random, profile: Profile, copied: list[Truth],
               density: float = 1.0, gap: int = GAP) -> list[Truth]:
    rate, weights = PROFILES[siglum]
    rate *= density
    kinds = [k for k, w in weights.items() for _ in range(w)]
    out = [Truth(siglum, t.kind, t.i, t.j, t.reading) for t in copied]
    taken = set()
    for t in out:
        taken.update(range(t.i - gap, max(t.j, t.i + 1) + gap))
    i = 2
    while i < len(base.tokens) - 4:
        if rng.random() < rate and i not in taken:
            kind = rng.choice(kinds)
            got = _variant(kind, base, i, rng, profile)
            if got is not None and _free(base, i, got[0]) and not taken & set(range(i, max(got[0], i + 1) + gap)):
                out.append(Truth(siglum, kind, i, got[0], got[1]))
                taken.update(range(i - gap, max(got[0], i + 1) + gap))
                i = max(got[0], i + 1) + gap
                continue
        i += 1
    return sorted(out, key=lambda t: (t.i, t.j))


def witness_text(base: Stream, truth: list[Truth]) -> str:
    """The base text with the variants made, as a plain transcription (a footnote's edge is
    a line end, a paragraph's end a blank line)."""
    at = {t.i: t for t in truth}
    parts: list[str] = []
    k = 0
    n = len(base.tokens)
    while k < n:
        gap = base.gap(k) if k else ""
        sep = "\n\n" if RUN_END in gap else "\n" if BOUNDARY in gap else base.sep(k)
        t = at.get(k)
        if t is not None and t.i == t.j:  # an addition before token k
            parts.append(sep + t.reading)
            sep = " "
        if t is not None and t.j > t.i:
            parts.append((sep if t.reading else "") + t.reading)
            k = t.j
            continue
        parts.append(sep + base.token(k))
        k += 1
    return "".join(parts).lstrip()


def make_witnesses(base: Stream, profile: Profile, seed: int = 1, sigla=("B", "C", "D", "E"),
                   density: float = 1.0, gap: int = GAP) -> list[Witness]:
    """Witnesses of ``base`` by the profiles above; ``density`` multiplies their rates of
    variants and ``gap`` is the least distance in tokens between two of one witness."""
    rng = random.Random(seed)
    made: dict[str, Witness] = {}
    for s in sigla:
        copied = []
        if s in COPIES and COPIES[s][0] in made:
            src, share = COPIES[s]
            copied = [t for t in made[src].truth if rng.random() < share]
        truth = make_truth(base, s, rng, profile, copied, density, gap)
        made[s] = Witness(s, witness_text(base, truth), truth)
    return list(made.values())


# --------------------------------------------------------------------------- scoring


def _apply(base: Stream, a: int, b: int, truths: list[Truth]) -> str:
    """The base characters [a, b) with the variants applied (in base token terms)."""
    text = base.text[a:b]
    for t in sorted(truths, key=lambda t: -t.i):
        ta, tb = (base.tokens[t.i][0], base.tokens[t.j - 1][1]) if t.j > t.i else (base.tokens[t.i][0],) * 2
        ta, tb = ta - a, tb - a
        if t.i == t.j:
            # an addition before token i: after the word before, or before this one
            rep = t.reading + " "
            if ta < 0 or ta > len(text):
                ta = len(text)
                rep = " " + t.reading
            text = text[:ta] + rep + text[ta:]
        elif not t.reading:
            lo = ta
            while lo > 0 and text[lo - 1] == " ":
                lo -= 1
            text = text[:lo] + text[tb:] if lo > 0 else text[:ta] + text[tb:].lstrip(" ")
        else:
            text = text[:ta] + t.reading + text[tb:]
    return " ".join(text.replace(BOUNDARY, " ").replace(RUN_END, " ").split(" ")).strip()


def _right(base: Stream, a: int, b: int, reading: str, truths: list[Truth]) -> bool:
    """The reading of [a, b) is what the true variants make of the base there (compared
    over the union of the proposal and the variants: a lemma may leave out a shared comma)."""
    ua, ub = a, b
    for t in truths:
        ta, tb = (base.tokens[t.i][0], base.tokens[t.j - 1][1]) if t.j > t.i else (base.tokens[t.i][0],) * 2
        ua, ub = min(ua, ta), max(ub, tb)
    flat = lambda s: " ".join(s.replace(BOUNDARY, " ").replace(RUN_END, " ").split(" ")).strip()
    got = flat(base.text[ua:a] + reading + base.text[b:ub]) if a < b else None
    if a == b:  # an addition: the text around it with the reading put in
        got = flat(base.text[ua:a] + (" " if a > ua else "") + reading + " " + base.text[a:ub])
    return " ".join(got.split()) == " ".join(_apply(base, ua, ub, truths).split()) and got.count("  ") == _apply(base, ua, ub, truths).count("  ")


@dataclass
class Score:
    found: dict = field(default_factory=dict)  # kind -> true variants found
    truths: dict = field(default_factory=dict)  # kind -> true variants
    right: dict = field(default_factory=dict)  # kind -> proposed readings that are right
    proposed: dict = field(default_factory=dict)  # kind -> proposed readings
    kind_agrees: int = 0  # found variants whose proposed kind is the true one
    grouped: int = 0  # agreements (C E) proposed as one shared reading
    agreements: int = 0

    def table(self, title: str) -> str:
        rows = [f"{title}", f"{'kind':<14}{'truth':>7}{'found':>7}{'recall':>8}{'proposed':>10}{'right':>7}{'precision':>11}"]
        tot = [0, 0, 0, 0]
        for k in KINDS:
            t, f = self.truths.get(k, 0), self.found.get(k, 0)
            p, r = self.proposed.get(k, 0), self.right.get(k, 0)
            if not (t or p):
                continue
            tot = [tot[0] + t, tot[1] + f, tot[2] + p, tot[3] + r]
            rows.append(f"{k:<14}{t:>7}{f:>7}{_pct(f, t):>8}{p:>10}{r:>7}{_pct(r, p):>11}")
        rows.append(f"{'all':<14}{tot[0]:>7}{tot[1]:>7}{_pct(tot[1], tot[0]):>8}{tot[2]:>10}{tot[3]:>7}{_pct(tot[3], tot[2]):>11}")
        rows.append(f"kind proposed = true kind for {self.kind_agrees} of {tot[1]} found; "
                    f"agreements grouped: {self.grouped} of {self.agreements}")
        return "\n".join(rows)

    def recall(self, kind: str = "") -> float:
        if kind:
            return self.found.get(kind, 0) / max(self.truths.get(kind, 0), 1)
        return sum(self.found.values()) / max(sum(self.truths.values()), 1)

    def precision(self, kind: str = "") -> float:
        if kind:
            return self.right.get(kind, 0) / max(self.proposed.get(kind, 0), 1)
        return sum(self.right.values()) / max(sum(self.proposed.values()), 1)


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def score(base: Stream, witnesses: list[Witness], proposals) -> Score:
    """Precision and recall of ``proposals`` (placed entries) against the truth (module docstring)."""
    sc = Score()
    by_wit: dict[str, list[Truth]] = {w.siglum: w.truth for w in witnesses}
    for w in witnesses:
        for t in w.truth:
            sc.truths[t.kind] = sc.truths.get(t.kind, 0) + 1
    found: set[Truth] = set()
    kind_of: dict[Truth, str] = {}
    for p in proposals:
        for reading, sigla in p.readings:
            for s in sigla:
                kind = p.kinds.get(s, "")
                sc.proposed[kind] = sc.proposed.get(kind, 0) + 1
                inside = [t for t in by_wit.get(s, []) if _touches(base, t, p.a, p.b)]
                if inside and _right(base, p.a, p.b, reading, inside):
                    sc.right[kind] = sc.right.get(kind, 0) + 1
                    for t in inside:
                        found.add(t)
                        kind_of[t] = kind
    for t in found:
        sc.found[t.kind] = sc.found.get(t.kind, 0) + 1
        sc.kind_agrees += kind_of[t] == t.kind
    # agreements: a variant two witnesses share, proposed as one reading of both
    shared = {}
    for w in witnesses:
        for t in w.truth:
            shared.setdefault((t.i, t.j, t.reading), []).append(w.siglum)
    pairs = {k: v for k, v in shared.items() if len(v) > 1}
    sc.agreements = len(pairs)
    grouped = set()
    for p in proposals:
        for reading, sigla in p.readings:
            if len(sigla) > 1:
                grouped.update(k for k, v in pairs.items() if set(v) <= set(sigla) and _touches(base, Truth("", "", *k), p.a, p.b))
    sc.grouped = len(grouped)
    return sc


def _touches(base: Stream, t: Truth, a: int, b: int) -> bool:
    if t.j > t.i:
        ta, tb = base.tokens[t.i][0], base.tokens[t.j - 1][1]
        return ta < b and a < tb if a < b else ta <= a <= tb
    point = base.tokens[t.i][0]
    prev_end = base.tokens[t.i - 1][1]
    return (a <= point <= b or a <= prev_end <= b)
