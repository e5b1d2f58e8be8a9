"""Line control: which hyphenation points a layout pass must not use.

The rules (issue 19; a university press's house rules): at most two hyphenated line ends in
a row, never a hyphen on the last line of a page.  WeasyPrint breaks lines by itself, first
fit, at any soft hyphen the writer put in (edition/hyphenate.py); it has no rule about the
lines around.  So the rules are enforced between layout passes: the line ends of one layout
are read (:func:`line_ends`), the breaks that a rule refuses are decided (:func:`forbid`,
:func:`page_final_starts`), and the next pass writes those words without their soft hyphens
(:func:`unhyphenated`), or begins the page before the word.  Nothing else of a pass changes,
so a layout with nothing to refuse costs nothing more.

**The representation.**  A word occurrence is written ``(block id, offset)``: the block of the
edited text it is in (``<p data-b="12">``) and how many letters and digits of that block's
running text come before the word's first letter, counted as edition/layout/breaks.py counts
page starts (notes, note calls, apparatus markers and milestones left out).  Both sides see
the same letters: the layout's line boxes (with a hyphen where a word was broken) and the
writer's HTML (with soft hyphens); so an occurrence read from one pass is found again in the
HTML of the next, whichever page breaks or chunks it has.  The plan carries them as
``no_hyphen: {block id: {offsets}}`` (:class:`edition.layout.NextLayout`); a word there is
written without soft hyphens and cannot be broken.  A *word* is a run of letters and digits
(soft hyphens and tags inside it do not end it); a compound's own hyphen ends one, so the
word of ``Osmanlı-Türk`` broken after its hyphen is ``Osmanlı``.

The set only grows from pass to pass: a refused break is never offered again, so re-wrapping
cannot bring back a ladder that was cut, and the passes reach a fixed point (there are
finitely many breaks to refuse); the layout loop counts a plan whose set grew as not final.

Proper names (the words of a person's or place's index tag, in any language) are not
broken either, unless a line was loose without them: the free layout's loose lines give the
word that follows them back (``keep_hyphen``), and a refused break whose line came out loose
is given back too (:func:`revise`); a break given back is never refused again.

A page whose last line ends with a broken word (a page start in the middle of a word) begins
instead at the word's first letter: the whole word goes to the next page, the last line of
the page before is one fragment shorter (it stays justified, edition/layout/breaks.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html import unescape
from typing import Iterable, Optional

from .breaks import HYPHEN, SHY, _SKIPPED_TAG, _TAG_NAME, _TOKEN, _skipped, block_key, letters_in

MAX_RUN = 2  # hyphenated line ends in a row
_NAME_TAG = re.compile(r'class="tag (person|place)\b')  # a proper name's index tag (writers/html.py)
# a justified line whose word spaces are stretched by more than this (em of its type, over
# the font's own space of about 0.2 em: spaces of about 0.7 em in all) is loose: a break is
# not refused where that would make its line loose, and one refused that did is given back;
# the narrow measures of the themes (60-75 letters) need this much room to cut ladders
LOOSE_EM = 0.5
# widths (em) to foresee what refusing a break leaves on its line: an average letter of the
# text's type, the hyphen and the space before the word that goes down
LETTER_EM, HYPHEN_EM, SPACE_EM = 0.5, 0.3, 0.25
# how many held layouts may change the breaks refused after the free layout's: each such
# change costs a layout, and each re-wrap may make a new ladder lower down; one round mends
# what the first refusals did (cut a ladder the re-wrap made, give back a break that left a
# loose line) and the next layout is final
LINE_ROUNDS = 1
EXPLICIT = "-"  # a compound's own hyphen at a line end (a reader sees it as a hyphen too)


@dataclass(frozen=True)
class LineEnd:
    """One line of a numbered block of the edited text, as laid out."""

    page: int
    block: str  # block id
    end: int  # letters of the block before the line's end
    hyphen: str = ""  # "soft" (broken at a soft hyphen), "explicit" (ends with its own hyphen), ""
    word: int = -1  # offset of the first letter of the word at the line's end (-1: none)
    start: int = field(default=0, repr=False)  # letters of the block before the line
    spacing: float = field(default=0.0, repr=False)  # justification added to each space (em)
    spaces: int = field(default=0, repr=False)  # word spaces of the line

    def refused_spacing(self) -> float:
        """The stretch of this line's spaces (em) if its last word went down whole: its
        fragment, hyphen and the space before it spread over the spaces left.

        >>> round(LineEnd(0, "1", 40, "soft", 36, spacing=0.1, spaces=12).refused_spacing(), 3)
        0.341
        """
        gone = (self.end - self.word) * LETTER_EM + HYPHEN_EM + SPACE_EM
        return (self.spacing * self.spaces + gone) / max(self.spaces - 1, 1)


# ------------------------------------------------------------------ reading a layout
def line_ends(document) -> list[LineEnd]:
    """The lines of the numbered blocks of ``document``, page by page in reading order.  A
    document rendered in chunks brings them with it (edition/layout/chunks.py)."""
    if getattr(document, "line_ends", None) is not None:
        return document.line_ends
    from ..engine import box_types, page_box

    kinds = box_types()
    done: dict[str, int] = {}  # block id -> letters laid out so far
    last_word: dict[str, int] = {}  # block id -> word start at the end of its last line
    out: list[LineEnd] = []

    def line_text(box, spacing: list) -> str:
        parts = []
        for child in getattr(box, "children", ()):
            element = getattr(child, "element", None)
            if getattr(child, "pseudo_type", None) or (element is not None and _skipped(element)):
                continue
            if isinstance(child, kinds.text):
                parts.append(child.text)
                extra = getattr(child, "justification_spacing", 0) or 0
                spacing.append(extra / child.style["font_size"] if extra else 0.0)
            else:
                parts.append(line_text(child, spacing))
        return "".join(parts)

    def walk(box, key, page):
        if isinstance(box, kinds.outside_text):
            return
        if isinstance(box, kinds.block):
            key = block_key(getattr(box, "element", None))
        if isinstance(box, kinds.line):
            if key is not None:
                ident, base = key
                start = done.setdefault(ident, base)
                spacing: list[float] = []
                text = line_text(box, spacing)
                end = start + letters_in(text)
                done[ident] = end
                line = classify(page, ident, start, end, text, last_word.get(ident, -1))
                spaces = len(text.strip().split()) - 1
                out.append(replace(line, start=start, spacing=round(max(spacing, default=0.0), 4), spaces=spaces))
                last_word[ident] = out[-1].word if out[-1].hyphen else -1
            return
        for child in getattr(box, "children", ()):
            walk(child, key, page)

    for index, page in enumerate(document.pages):
        walk(page_box(page), None, index)
    return out


def classify(page: int, block: str, start: int, end: int, text: str, carried: int = -1) -> LineEnd:
    """The line end of a line of ``text`` that holds letters ``start``-``end`` of its block
    (``carried``: the start of the word the line before broke, if it broke one).

    >>> classify(0, "4", 10, 40, "bir dönemde Ana\u2010")
    LineEnd(page=0, block='4', end=40, hyphen='soft', word=37)
    >>> classify(0, "4", 0, 20, "temeli olarak Osmanlı-")
    LineEnd(page=0, block='4', end=20, hyphen='explicit', word=13)
    >>> classify(0, "4", 0, 20, "bağımsızlığını.")
    LineEnd(page=0, block='4', end=20, hyphen='', word=-1)

    A line that is one word's middle (a long word broken twice) ends in the word the line
    before began:

    >>> classify(0, "4", 4, 12, "tiştirme\u2010", carried=2)
    LineEnd(page=0, block='4', end=12, hyphen='soft', word=2)
    """
    body = text.rstrip()
    if body.endswith(HYPHEN):
        kind = "soft"
    elif body.endswith(EXPLICIT) and len(body) > 1 and body[-2].isalnum():
        kind = "explicit"
    else:
        return LineEnd(page, block, end)
    fragment = re.search(r"[^\W_]*$", body[:-1].replace(SHY, "")).group(0)
    word = end - letters_in(fragment)
    if word == start and carried >= 0 and not body[: len(body) - len(fragment) - 1].strip():
        word = carried
    return LineEnd(page, block, end, kind, word)


# ------------------------------------------------------------------ the rules
def forbid(ends: Iterable[LineEnd], no_hyphen: Optional[dict] = None, keep: Optional[dict] = None) -> dict[str, set[int]]:
    """``no_hyphen`` with the breaks that cut every run of more than MAX_RUN hyphenated line
    ends (a run is counted down a page, across paragraphs; a line that is not hyphenated, a
    heading's included, ends it).  In each run the break refused is, among the soft ones of
    its first MAX_RUN + 1 lines, the one whose line would be least stretched without it
    (the last of equals), if that stays under LOOSE_EM; counting starts again after it.  A
    compound's own hyphen counts in a run but cannot be refused, nor can a break in ``keep``
    (refusing it made a loose line: :func:`revise`).

    >>> e = lambda end, kind="soft", sp=0.0: LineEnd(0, "1", end, kind, end - 2, spacing=sp, spaces=14)
    >>> sorted(forbid([e(10), e(20), e(30), e(40), e(50), e(60), e(70)])["1"])
    [28, 58]
    >>> forbid([e(10), e(20), e(30, "explicit")])
    {'1': {18}}
    >>> forbid([e(10), e(20), LineEnd(0, "1", 30), e(40), e(50)])
    {}

    The line that takes the loss best gives its break; none, if each would be loose:

    >>> forbid([e(10), e(20), e(30, sp=0.2)])
    {'1': {18}}
    >>> forbid([e(10, sp=0.5), e(20, sp=0.5), e(30, sp=0.5)])
    {}

    A run does not go on over a page turn (the page's last line may not end with a hyphen
    at all: :func:`page_final_starts`), and what was refused stays refused:

    >>> forbid([e(10), e(20), LineEnd(1, "1", 30, "soft", 28)], {"7": {3}})
    {'7': {3}}
    """
    out = {block: set(words) for block, words in (no_hyphen or {}).items()}
    run: list[LineEnd] = []
    page = None
    for line in ends:
        if line.page != page:
            run, page = [], line.page
        if not line.hyphen or line.word in out.get(line.block, ()):  # (a refused break will not be there)
            run = []
            continue
        run.append(line)
        if len(run) > MAX_RUN:
            soft = [i for i, ln in enumerate(run) if ln.hyphen == "soft" and ln.word not in (keep or {}).get(ln.block, ())]
            best = min(soft, key=lambda i: (round(run[i].refused_spacing(), 3), -i), default=None)
            if best is None or run[best].refused_spacing() > LOOSE_EM:
                # compounds' own hyphens, breaks given back, lines that would be loose
                run = run[1:]
                continue
            cut = run[best]
            out.setdefault(cut.block, set()).add(cut.word)
            run = run[best + 1:]
    return {block: words for block, words in out.items() if words}


def revise(ends: list[LineEnd], no_hyphen: dict, keep: dict) -> tuple[dict, dict]:
    """After a layout that refused the breaks ``no_hyphen``: a refused word on a loose line
    or at the start of the next (the line could not end where it was to and was stretched,
    or WeasyPrint went back to an earlier break) is given back to the line for good
    (``keep``), and the run it cut is cut at the soft break before it instead; then the runs
    of this layout are cut (:func:`forbid`).  Returns (no_hyphen, keep).  (Names are given
    back to loose lines after the free layout only, :func:`give_back`: here it would cost a
    layout more wherever a line is loose, in line-keyed modes two, as the lemmas' lines move.)

    >>> ends = [LineEnd(0, "1", 10, "soft", 8, spaces=14), LineEnd(0, "1", 20, "soft", 18, spaces=14),
    ...         LineEnd(0, "1", 30, "soft", 28, start=20, spacing=0.9, spaces=14), LineEnd(0, "1", 40, start=30)]
    >>> revise(ends, {"1": {33}}, {})
    ({'1': {18}}, {'1': {33}})
    """
    no = {block: set(words) for block, words in no_hyphen.items()}
    kept = {block: set(words) for block, words in keep.items()}
    for i, line in enumerate(ends):
        if line.spacing <= LOOSE_EM:
            continue
        after = ends[i + 1] if i + 1 < len(ends) and ends[i + 1].block == line.block and ends[i + 1].page == line.page else line
        culprits = {w for w in no.get(line.block, ()) if line.start <= w < after.end}
        if not culprits:
            continue
        no[line.block] -= culprits
        kept.setdefault(line.block, set()).update(culprits)
        j = i - 1  # the run above the loose line: cut it at its last soft break instead
        while j >= 0 and ends[j].page == line.page and ends[j].hyphen:
            if ends[j].hyphen == "soft" and ends[j].word not in kept.get(ends[j].block, ()):
                no.setdefault(ends[j].block, set()).add(ends[j].word)
                break
            j -= 1
    return forbid(ends, no, kept), {block: words for block, words in kept.items() if words}


def give_back(ends: list[LineEnd], keep: dict) -> dict[str, set[int]]:
    """``keep`` with the first word of every line after a loose one that did not end in a
    hyphen: the word (a proper name, which is not broken by default) may break, so that the
    loose line takes its first part.

    >>> give_back([LineEnd(0, "1", 80, spacing=0.6), LineEnd(0, "1", 160, start=80)], {})
    {'1': {80}}
    """
    out = {block: set(words) for block, words in keep.items()}
    for line, after in zip(ends, ends[1:]):
        if line.spacing > LOOSE_EM and not line.hyphen and after.block == line.block and after.page == line.page:
            out.setdefault(line.block, set()).add(line.end)
    return out


def page_final_starts(ends: list[LineEnd], starts: dict[tuple[str, int], int]) -> dict[tuple[str, int], tuple[str, int]]:
    """Page starts (block, offset) -> where the page must begin instead: at the first letter
    of the word that the page before broke on its last line (soft or a compound's hyphen).

    >>> ends = [LineEnd(0, "3", 80, "soft", 74), LineEnd(1, "3", 160)]
    >>> page_final_starts(ends, {("3", 80): 1, ("5", 0): 2})
    {('3', 80): ('3', 74)}
    """
    last: dict[int, LineEnd] = {}
    for line in ends:
        last[line.page] = line
    moved = {}
    for (block, offset), page in starts.items():
        before = last.get(page - 1)
        if before is not None and before.block == block and before.end == offset and before.hyphen and 0 <= before.word < offset:
            moved[(block, offset)] = (block, before.word)
    return moved


def control(plans: Iterable, ends: list[LineEnd], written=None, closed: bool = False, unmoved: Iterable[int] = ()) -> None:
    """Apply the rules to the plans made from a free layout (its line ends ``ends``; the
    plan it was ``written`` from, if any, with what that refused and gave back): the breaks
    to refuse go to ``no_hyphen``, a page that began inside a word begins before it.

    ``closed`` (a free layout after a cold restart, :meth:`edition.layout.Passes.next_plan`):
    nothing new is refused or given back, the plans keep what ``written`` had.  A held layout
    that refuses a break its free layout used re-wraps the lines above it, and where that
    adds a line to a full page the held break moves; refusing again after the restart made
    the same move again, restart after restart, to MAX_PASSES (issue 22: the bench editions
    took 5 layouts).  Held with the very refusals it was written with, the free layout's
    lines come back as they were, and its breaks hold.  A ladder that re-wrap made is left
    (there is no layout left to mend it in).

    ``unmoved``: pages (0-based) whose start stays where the free layout began it, even
    after a hyphen on the page before's last line.  Moved back to the word's first letter,
    the start gives the page's first line the word's first part, the page's text re-wraps,
    and where that adds a line to a full page the held breaks after it move: the same move
    in the held layout of every free layout, restart or not (the bench editions of N=40
    seed 4 and N=400 took 5 layouts): :meth:`edition.layout.Passes.next_plan` names the
    page that overflowed so, and that page keeps its hyphen."""
    for plan in plans:
        if plan is None:
            continue
        if closed:
            plan.keep_hyphen = {b: set(w) for b, w in getattr(written, "keep_hyphen", {}).items()}
            plan.no_hyphen = {b: set(w) for b, w in getattr(written, "no_hyphen", {}).items()}
        else:
            plan.keep_hyphen = give_back(ends, getattr(written, "keep_hyphen", {}))
            plan.no_hyphen = forbid(ends, getattr(written, "no_hyphen", {}), plan.keep_hyphen)
        kept = set(unmoved)
        moved = {start: word for start, word in page_final_starts(ends, plan.start_page).items() if plan.start_page[start] not in kept}
        if not moved:
            continue
        plan.start_page = {moved.get(start, start): page for start, page in plan.start_page.items()}
        breaks: dict[str, list[int]] = {}
        for block, offset in plan.start_page:
            breaks.setdefault(block, []).append(offset)
        plan.breaks = {block: sorted(v) for block, v in breaks.items()}


# ------------------------------------------------------------------ writing a pass
def unhyphenated(html: str, words: Optional[Iterable[int]], keep: Optional[Iterable[int]] = ()) -> str:
    """A block's inner HTML with the soft hyphens of the words that begin at the letter
    offsets ``words`` taken out (notes, calls and markers are not counted, as in
    :func:`edition.layout.breaks.split_html`; a tag inside the word does not end it), and
    those of proper names: the words of a person's or a place's index tag (house rule), but
    those at the offsets ``keep`` (given back to a line that was loose without them).

    >>> unhyphenated("Ana\u00adto\u00adlu ve Azer\u00adbay\u00adcan", [9]).replace("\u00ad", "~")
    'Ana~to~lu ve Azerbaycan'
    >>> unhyphenated('bir<sup class="fn-call">3</sup> <span class="lem">Mü\u00adta</span>\u00adre\u00adke', [3]).replace("\u00ad", "~")
    'bir<sup class="fn-call">3</sup> <span class="lem">Müta</span>reke'
    >>> unhyphenated("Ana\u00adto\u00adlu", None) == "Ana\u00adto\u00adlu"
    True
    >>> name = 'bir <span class="tag place" id="t1">Azer\u00adbay\u00adcan</span> ba\u00adğım\u00adsız'
    >>> unhyphenated(name, None).replace("\u00ad", "~"), unhyphenated(name, None, keep=[3]).count("\u00ad")
    ('bir <span class="tag place" id="t1">Azerbaycan</span> ba~ğım~sız', 4)
    """
    wanted, kept = set(words or ()), set(keep or ())
    if not wanted and not _NAME_TAG.search(html):
        return html
    out: list[str] = []
    count, depth, inside = 0, 0, False  # letters so far, depth in a skipped element, in a refused word
    names: list[bool] = []  # open elements (outside skipped ones): whether each is a name's tag
    previous = ""  # the last counted character (or a space)
    for tok in _TOKEN.findall(html):
        if tok.startswith("<") and len(tok) > 1:
            name = (_TAG_NAME.match(tok) or [None, ""])[1].lower()
            opens = not (tok.startswith("</") or tok.endswith("/>") or name in ("br", "wbr", "img"))
            if tok.startswith("</"):
                if depth:
                    depth -= 1
                elif names:
                    names.pop()
            elif opens and (depth or _SKIPPED_TAG.search(tok)):
                depth += 1
            elif opens:
                names.append(bool(_NAME_TAG.search(tok)))
            out.append(tok)
            continue
        if depth:
            out.append(tok)
            continue
        text = unescape(tok) if tok.startswith("&") else tok
        if tok.startswith("&") and len(text) == 1:
            inside = inside and text == SHY
            previous = text
            out.append("" if inside and text == SHY else tok)
            continue
        chars = []
        for c in tok:
            if c.isalnum():
                if not previous.isalnum() and previous != SHY:
                    inside = count in wanted or (any(names) and count not in kept)
                count += 1
            elif c != SHY:
                inside = False
            if not (inside and c == SHY):
                chars.append(c)
            previous = c
        out.append("".join(chars))
    return "".join(out)
