"""Token alignment of a witness with the base text: the edition's own aligner.

The result is a list of *units* ``(i0, i1, j0, j1)``: base tokens ``[i0, i1)`` stand for
witness tokens ``[j0, j1)``, in order, covering both sequences.  A unit is a *match* when it
is 1:1 with equal keys; every other unit is a difference: a substitution (1:1, keys differ),
an omission (``j0 == j1``), an addition (``i0 == i1``), or a merge/split of up to three
tokens into one whose keys concatenate to the same word (``Kara Kuvvetlerine`` /
``KaraKuvvetlerine``: a spacing variant, not a substitution plus an addition).

How (and why this rather than CollateX, see docs/collate.md):

1. *anchors*: keys that occur exactly once in both stretches are paired and the longest
   increasing run of pairs is kept (patience diff); the stretch is cut at each anchor,
   matches are extended on both sides, and each gap is aligned again.  This is linear in
   practice and cannot be led astray by frequent words (``ve``, ``bir``) over long texts;
2. *gaps* without unique anchors and at most :data:`MAX_CELLS` cells are aligned by
   Needleman-Wunsch with a cost model on keys: match 0, substitution ``2 × (1 − similarity)``
   (character similarity of the keys, so ``çitçinin`` pairs with ``çiftçinin``), omission or
   addition 1, merge/split 0.1 (plus the keys' difference when nearly equal);
3. larger gaps without unique keys are cut by difflib's longest matching blocks, and
   whatever is still too large becomes one substitution unit (bounded time; it shows as one
   long variant for the editor).

>>> units = align("a b c d".split(), "a x c c2 d".split())
>>> units
[(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 3, 3, 4), (3, 4, 4, 5)]
>>> align(["kara", "kuvvetlerine", "ve"], ["karakuvvetlerine", "ve"])
[(0, 2, 0, 1), (2, 3, 1, 2)]
>>> align("bir iki üç dört".split(), "bir üç dört".split())
[(0, 1, 0, 1), (1, 2, 1, 1), (2, 3, 1, 2), (3, 4, 2, 3)]
"""

from __future__ import annotations

import difflib
import sys
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

Unit = tuple[int, int, int, int]
MAX_CELLS = 60_000  # Needleman-Wunsch above this many cells goes through difflib's blocks first
MERGE_COST = 0.1
GAP_COST = 1.0


def align(a: list[str], b: list[str]) -> list[Unit]:
    """Units aligning the key sequences ``a`` (base) and ``b`` (witness); module docstring."""
    out: list[Unit] = []
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        _align(a, b, 0, len(a), 0, len(b), out, 0)
    finally:
        sys.setrecursionlimit(limit)
    return out


def _align(a, b, i0, i1, j0, j1, out, depth) -> None:
    # common prefix and suffix
    while i0 < i1 and j0 < j1 and a[i0] == b[j0]:
        out.append((i0, i0 + 1, j0, j0 + 1))
        i0, j0 = i0 + 1, j0 + 1
    tail = []
    while i1 > i0 and j1 > j0 and a[i1 - 1] == b[j1 - 1]:
        i1, j1 = i1 - 1, j1 - 1
        tail.append((i1, i1 + 1, j1, j1 + 1))
    if i0 < i1 or j0 < j1:
        anchors = _unique_anchors(a, b, i0, i1, j0, j1) if depth < 200 else []
        if anchors:
            pi, pj = i0, j0
            for ai, bj in anchors:
                _align(a, b, pi, ai, pj, bj, out, depth + 1)
                out.append((ai, ai + 1, bj, bj + 1))
                pi, pj = ai + 1, bj + 1
            _align(a, b, pi, i1, pj, j1, out, depth + 1)
        elif (i1 - i0) * (j1 - j0) <= MAX_CELLS:
            out.extend(needleman_wunsch(a[i0:i1], b[j0:j1], i0, j0))
        else:
            _blocks(a, b, i0, i1, j0, j1, out, depth)
    out.extend(reversed(tail))


def _unique_anchors(a, b, i0, i1, j0, j1) -> list[tuple[int, int]]:
    """Pairs (i, j) of keys unique in both stretches, longest increasing run (patience)."""
    ca = Counter(a[i0:i1])
    cb = Counter(b[j0:j1])
    where_b = {b[j]: j for j in range(j0, j1) if cb[b[j]] == 1 and ca.get(b[j]) == 1}
    pairs = [(i, where_b[a[i]]) for i in range(i0, i1) if a[i] in where_b]
    return _lis(pairs)


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (sorted by i) increasing in j (patience sorting)."""
    tops: list[int] = []
    top_idx: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        p = bisect_left(tops, j)
        back[k] = top_idx[p - 1] if p else -1
        if p == len(tops):
            tops.append(j)
            top_idx.append(k)
        else:
            tops[p] = j
            top_idx[p] = k
    run = []
    k = top_idx[-1] if top_idx else -1
    while k >= 0:
        run.append(pairs[k])
        k = back[k]
    return run[::-1]


def _blocks(a, b, i0, i1, j0, j1, out, depth) -> None:
    sm = difflib.SequenceMatcher(None, a[i0:i1], b[j0:j1], autojunk=True)
    blocks = [m for m in sm.get_matching_blocks() if m.size]
    if not blocks:
        out.append((i0, i1, j0, j1))
        return
    pi, pj = i0, j0
    for m in blocks:
        bi, bj = i0 + m.a, j0 + m.b
        _align_small_or_whole(a, b, pi, bi, pj, bj, out, depth)
        out.extend((bi + k, bi + k + 1, bj + k, bj + k + 1) for k in range(m.size))
        pi, pj = bi + m.size, bj + m.size
    _align_small_or_whole(a, b, pi, i1, pj, j1, out, depth)


def _align_small_or_whole(a, b, i0, i1, j0, j1, out, depth) -> None:
    if i0 == i1 and j0 == j1:
        return
    if (i1 - i0) * (j1 - j0) <= MAX_CELLS:  # one side empty is linear too
        out.extend(needleman_wunsch(a[i0:i1], b[j0:j1], i0, j0))
    else:
        out.append((i0, i1, j0, j1))


@lru_cache(maxsize=65536)
def similarity(x: str, y: str) -> float:
    """Character similarity of two keys, 0..1 (difflib's ratio)."""
    if x == y:
        return 1.0
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


def _merge_cost(joined: str, one: str) -> float:
    """Words written together (or apart): cheap when the joined keys are (nearly) the one
    key; a key's equivalences may differ at the join (``nihat`` + ``paşa``, ``nihadpaşa``)."""
    if joined == one:
        return MERGE_COST
    if abs(len(joined) - len(one)) > 2:
        return float("inf")
    sim = similarity(joined, one)
    return MERGE_COST + 2 * (1 - sim) if sim >= 0.85 else float("inf")


def needleman_wunsch(a: list[str], b: list[str], oi: int = 0, oj: int = 0) -> list[Unit]:
    """Optimal units for two short key sequences under the cost model (module docstring).

    >>> needleman_wunsch(["çiftçinin", "gücü"], ["çitçinin", "gücü"])
    [(0, 1, 0, 1), (1, 2, 1, 2)]
    >>> needleman_wunsch(["kişiyle", "19"], ["kişiyle19"])
    [(0, 2, 0, 1)]
    """
    n, m = len(a), len(b)
    if n == 0:
        return [(oi, oi, oj + j, oj + j + 1) for j in range(m)]
    if m == 0:
        return [(oi + i, oi + i + 1, oj, oj) for i in range(n)]
    INF = float("inf")
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    move = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        row = cost[i]
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, how = INF, (0, 0)
            if i and j:
                c = cost[i - 1][j - 1] + 2 * (1 - similarity(a[i - 1], b[j - 1]))
                if c < best:
                    best, how = c, (1, 1)
            if i:
                c = cost[i - 1][j] + GAP_COST
                if c < best:
                    best, how = c, (1, 0)
            if j:
                c = row[j - 1] + GAP_COST
                if c < best:
                    best, how = c, (0, 1)
            for k in (2, 3):  # k base tokens written as one, or one written as k
                if i >= k and j:
                    c = cost[i - k][j - 1] + _merge_cost("".join(a[i - k : i]), b[j - 1])
                    if c < best:
                        best, how = c, (k, 1)
                if j >= k and i:
                    c = cost[i - 1][j - k] + _merge_cost("".join(b[j - k : j]), a[i - 1])
                    if c < best:
                        best, how = c, (1, k)
            row[j] = best
            move[i][j] = how
    units = []
    i, j = n, m
    while i or j:
        di, dj = move[i][j]
        units.append((oi + i - di, oi + i, oj + j - dj, oj + j))
        i, j = i - di, j - dj
    return units[::-1]
