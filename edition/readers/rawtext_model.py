"""The importer's text with sentinels -> model nodes (:mod:`edition.model`).

The importer works on plain strings in which page breaks and note places travel as
sentinels (:mod:`.rawtext_text`); :func:`inlines` turns one such string into the inline
nodes of the model: :class:`~edition.model.PageBreak`, :class:`~edition.model.Note`,
apparatus entries of type ``suspect`` (the lemma a proposed correction, the base witness the
print), autolinks, and text with runs of spaces collapsed.  The YAML is written from the
model by the one YAML writer (:mod:`edition.writers.yamlsrc`).
"""

from __future__ import annotations

import re

from ..model import App, Emph, Inline, Link, Note, PageBreak, Reading, SmallCaps, Strong, Text
from ..writers.yamlsrc import escape_text
from .rawtext_suspects import Suspect
from .rawtext_text import NOTE_RE, PB_RE, SENTINEL_RE, STYLE_CLOSE, STYLE_OPEN, url_spans

_STYLE_NODE = {"emph": Emph, "sc": SmallCaps, "strong": Strong}
_STYLE_OF = {c: (k, True) for k, c in STYLE_OPEN.items()} | {c: (k, False) for k, c in STYLE_CLOSE.items()}


class _Style:
    """A style sentinel met in the text (open or close), nested by :func:`_nest`."""

    def __init__(self, kind: str, opens: bool):
        self.kind, self.opens = kind, opens

_SPACES = re.compile(r"[ \t]{2,}")


def _squeeze(s: str) -> str:
    return _SPACES.sub(" ", s)


def suspect_entry(s: Suspect, base: str = "J") -> App:
    """A suspected error of the print: the edition reads the proposal, ``base`` the print."""
    lemma, reading = _squeeze(s.lemma), _squeeze(s.reading)
    return App(
        [Text(lemma)] if lemma else [],
        readings=[Reading(escape_text(reading), [base], [Text(reading)] if reading else [])],
        lem_wits=["ed."],
        type="suspect",
        comment=s.comment,
    )


def inlines(text: str, suspects: list[Suspect], notes: dict[int, list[Inline]], base: str = "J", labels: dict | None = None) -> list[Inline]:
    """Text with sentinels -> inline nodes: notes, page breaks, suspects, autolinks.

    ``notes`` maps a note number to its content (already nodes); ``labels`` maps the page
    index of a page-break sentinel to the printed page number.
    """
    events: list[tuple[int, int, object]] = [(s.start, s.end, s) for s in suspects]
    for m in SENTINEL_RE.finditer(text):
        pb, note = PB_RE.fullmatch(m.group()), NOTE_RE.fullmatch(m.group())
        if pb:
            events.append((m.start(), m.end(), PageBreak(n=(labels or {}).get(int(pb.group(1))) or pb.group(1))))
        elif note:
            events.append((m.start(), m.end(), Note(list(notes.get(int(note.group(1)), [])))))
        else:
            events.append((m.start(), m.end(), _Style(*_STYLE_OF[m.group()])))
    taken = [(a, b) for a, b, _ in events]
    for a, b in url_spans(text):
        url = text[a:b]
        if re.match(r"(?:https?|ftp)://", url, re.I) and not any(x < b and a < y for x, y in taken):
            events.append((a, b, Link([Text(url)], url=url)))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[Inline] = []
    pos = 0
    for a, b, node in events:
        if a < pos:
            continue
        extend(out, [Text(text[pos:a]), suspect_entry(node, base) if isinstance(node, Suspect) else node])
        pos = b
    extend(out, [Text(text[pos:])])
    return strip(_nest(out))


def _nest(flat: list) -> list[Inline]:
    """Style sentinels -> Emph / SmallCaps / Strong containers (an unclosed one closes at the end).

    >>> [type(n).__name__ for n in _nest([Text("a "), _Style("emph", True), Text("b"), _Style("emph", False)])]
    ['Text', 'Emph']
    """
    stack: list[tuple[str, list]] = [("", [])]
    for node in flat:
        if not isinstance(node, _Style):
            extend(stack[-1][1], [node])
        elif node.opens:
            stack.append((node.kind, []))
        elif any(k == node.kind for k, _ in stack[1:]):
            while True:
                kind, content = stack.pop()
                if content:
                    extend(stack[-1][1], [_STYLE_NODE[kind](content)])
                if kind == node.kind:
                    break
    while len(stack) > 1:
        kind, content = stack.pop()
        if content:
            extend(stack[-1][1], [_STYLE_NODE[kind](content)])
    return stack[0][1]


def extend(content: list[Inline], nodes: list[Inline]) -> list[Inline]:
    """Append ``nodes`` to ``content``: adjacent texts joined (runs of spaces collapsed),
    empty ones dropped, as the inline parser gives them."""
    for n in nodes:
        if isinstance(n, Text):
            if content and isinstance(content[-1], Text):
                content[-1] = Text(_squeeze(content[-1].text + n.text))
            elif n.text:
                content.append(Text(_squeeze(n.text)))
        else:
            content.append(n)
    return content


def strip(content: list[Inline]) -> list[Inline]:
    """Spaces at the edges of a paragraph removed (the reader strips them too)."""
    if content and isinstance(content[0], Text):
        content[0] = Text(content[0].text.lstrip())
    if content and isinstance(content[-1], Text):
        content[-1] = Text(content[-1].text.rstrip())
    return [n for n in content if not (isinstance(n, Text) and not n.text)]


__all__ = ["extend", "inlines", "strip", "suspect_entry"]
