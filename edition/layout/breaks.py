"""Page breaks held in place: where each page of the edited text begins, and how to keep it there.

The first layout sets every note and apparatus entry as its own float, so WeasyPrint chooses
the page breaks with the foot of every page in view.  Later passes write each page's foot as
one block, with final labels (apparatus letters restarting per page, line numbers); if the
text were free to flow again, a foot a few points taller or shorter would move a line across
a page break, and with it a note call: one more layout, and on dense pages no fixed point at
all.  So the later passes keep the first layout's page breaks: every page of the edited text
after the first begins where it began in that layout.

A page start is written ``(block id, offset)``: the block (``<p data-b="12">``, a heading) whose
line opens the page, and how many letters and digits of that block's running text (notes,
note calls, apparatus markers and page milestones left out) come before that line; offset 0
is a break before the block.  The HTML writer splits a paragraph there into a head, whose
last line stays justified, and a tail that starts a new page (:func:`split_html`).

Letters and digits are counted (not characters) because they are what both sides see alike:
WeasyPrint's line boxes carry collapsed white space and a hyphen where a word was broken,
the writer's HTML carries soft hyphens and entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

# elements whose text is not part of the running text of a block (their boxes leave the line,
# or their text is a generated label): counted neither in the layout nor in the HTML
SKIPPED_CLASSES = frozenset({"fl", "foot-block", "fn-call", "app-call", "pb", "note-rest"})
SHY = "\u00ad"
HYPHEN = "\u2010"  # WeasyPrint's hyphenate-character (the CSS default is the same)

_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|&")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
_SKIPPED_TAG = re.compile(r'class="[^"]*\b(' + "|".join(sorted(SKIPPED_CLASSES)) + r')\b[^"]*"')


def letters_in(text: str) -> int:
    """Letters and digits in ``text``: the unit of page-start offsets.

    >>> letters_in("Mü\u00adta-re, 1919'da")
    12
    """
    return sum(1 for c in text if c.isalnum())


def _skipped(element) -> bool:
    return bool(SKIPPED_CLASSES.intersection((element.get("class") or "").split()))


def block_key(element):
    """(block id, offset of its first letter) of a block the writer numbered, else None."""
    if element is None or not element.get("data-b"):
        return None
    return element.get("data-b"), int(element.get("data-k") or 0)


@dataclass
class PageProfile:
    """What one walk over a layout's line boxes finds about the edited text's blocks."""

    starts: dict  # page -> (block id, offset) of the line that opens it (pages after the first)
    lines: dict  # page -> number of lines of numbered blocks on it
    blocks: dict  # block id -> pages its lines are on
    tops: dict  # page -> top (px) of each such line


def page_profile(document, first_page: bool = False) -> PageProfile:
    """Where each page after the first begins (when its first line is a line of a numbered
    block of the edited text), and the blocks' lines page by page, in one walk.
    ``first_page``: where the first page begins too (a chunk of the layout, layout/chunks.py).
    A document rendered in chunks brings its profile with it."""
    from ..engine import box_types, page_box

    if getattr(document, "profile", None) is not None:
        return document.profile
    kinds = box_types()

    done: dict[str, int] = {}  # block id -> letters laid out so far (pages before)
    starts: dict[int, tuple[str, int]] = {}
    lines: dict[int, int] = {}
    blocks: dict[str, set] = {}
    tops: dict[int, list[float]] = {}
    for index, page in enumerate(document.pages):
        first_seen = [False]

        def line_letters(box) -> int:
            n = 0
            for child in getattr(box, "children", ()):
                element = getattr(child, "element", None)
                if getattr(child, "pseudo_type", None) or (element is not None and _skipped(element)):
                    continue
                if isinstance(child, kinds.text):
                    n += letters_in(child.text)
                else:
                    n += line_letters(child)
            return n

        def walk(box, key):
            if isinstance(box, kinds.outside_text):
                return
            if isinstance(box, kinds.block):
                key = block_key(getattr(box, "element", None))
            if isinstance(box, kinds.line):
                if key is not None:
                    lines[index] = lines.get(index, 0) + 1
                    blocks.setdefault(key[0], set()).add(index)
                    tops.setdefault(index, []).append(round(box.position_y, 3))
                    ident, base = key
                    offset = done.setdefault(ident, base)
                    if not first_seen[0] and (index > 0 or first_page):
                        starts[index] = (ident, offset)
                    done[ident] = offset + line_letters(box)
                first_seen[0] = True
                return
            for child in getattr(box, "children", ()):
                walk(child, key)

        walk(page_box(page), None)
    return PageProfile(starts, lines, blocks, tops)


def running_html(html: str) -> str:
    """A block's inner HTML without its skipped elements (floats, note calls, markers): what
    its lines are made of.

    >>> running_html('Bir<sup class="fn-call">3</sup><span class="fl">not <em>x</em></span> <em>iki</em>')
    'Bir <em>iki</em>'
    """
    out: list[str] = []
    depth = 0
    for tok in _TOKEN.findall(html):
        if tok.startswith("<") and len(tok) > 1:
            m = _TAG_NAME.match(tok)
            name = m.group(1).lower() if m else ""
            if tok.startswith("</"):
                if depth:
                    depth -= 1
                    if depth == 0:
                        continue
            elif not (tok.endswith("/>") or name in ("br", "wbr", "img")):
                if depth or _SKIPPED_TAG.search(tok):
                    depth += 1
        if not depth:
            out.append(tok)
    return "".join(out)


def split_html(html: str, offsets: list[int]) -> list[str]:
    """Split a block's inner HTML before the line that starts after ``offsets`` letters.

    Each part is well formed: elements open at a split are closed at the end of the part and
    opened again (without their id) at the start of the next.  Punctuation and skipped
    elements (note calls, floats) that follow the last counted letter stay in the part before
    the split; a word broken at a soft hyphen ends the part with a hyphen.

    >>> split_html('Bir <em>iki üç</em> dört', [6])
    ['Bir <em>iki</em>', '<em>üç</em> dört']
    >>> split_html('Mü\u00adta\u00adre\u00adke<sup class="fn-call">3</sup>, son', [4])
    ['Mü\\xadta‐', 're\\xadke<sup class="fn-call">3</sup>, son']
    >>> split_html('a b', [0])
    ['', 'a b']
    """
    parts: list[str] = []
    pending = sorted(k for k in offsets if k >= 0)
    tokens = _TOKEN.findall(html)
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag name, opening tag) of open elements
    skip_depth = 0  # > 0 inside a skipped element
    count = 0
    state = "count"  # "count": before the split's letter; "tail": after it, before the cut
    saw_shy = False
    i = 0

    def cut(hyphen: bool) -> None:
        nonlocal out, saw_shy, state
        head = "".join(out).rstrip()
        if hyphen:
            head += HYPHEN
        closing = "".join(f"</{name}>" for name, _ in reversed(stack))
        parts.append(head + closing)
        out = [re.sub(r'\s(id|data-b|data-k)="[^"]*"', "", tag) for _, tag in stack]
        pending.pop(0)
        saw_shy, state = False, "count"

    if pending and pending[0] == 0:
        parts.append("")
        pending.pop(0)
    while i < len(tokens):
        tok = tokens[i]
        if tok.startswith("<") and len(tok) > 1:
            closing = tok.startswith("</")
            m = _TAG_NAME.match(tok)
            name = m.group(1).lower() if m else ""
            self_closing = tok.endswith("/>") or name in ("br", "wbr", "img")
            if closing:
                if stack:
                    stack.pop()
                if skip_depth:
                    skip_depth -= 1
                out.append(tok)
                i += 1
                continue
            if not self_closing:
                if skip_depth or _SKIPPED_TAG.search(tok):
                    skip_depth += 1
                stack.append((name, tok))
            out.append(tok)
            i += 1
            continue
        if skip_depth:
            out.append(tok)
            i += 1
            continue
        text = unescape(tok) if tok.startswith("&") else tok
        if tok.startswith("&") and len(text) == 1:
            # an entity: one character, never a letter we count
            if state == "tail" and text.isspace():
                cut(False)
                continue
            out.append(tok)
            i += 1
            continue
        j = 0
        while j < len(tok):
            c = tok[j]
            if state == "count":
                if not pending:
                    out.append(tok[j:])
                    break
                if c.isalnum():
                    count += 1
                    if count == pending[0]:
                        state = "tail"
                out.append(c)
                j += 1
                continue
            # tail: keep punctuation and soft hyphens with the head, cut at space or letter
            if c.isspace():
                cut(False)
                tokens[i] = tok = tok[j:].lstrip()
                j = 0
                if not tok:
                    break
                continue
            if c.isalnum():
                cut(saw_shy)
                continue
            if c == SHY:
                saw_shy = True
            else:
                out.append(c)
            j += 1
        i += 1
    if state == "tail":
        parts.append("".join(out).rstrip() + "".join(f"</{name}>" for name, _ in reversed(stack)))
        out = []
    parts.append("".join(out))
    return parts
