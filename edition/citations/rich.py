"""Small builders for formatted citations: strings and model nodes in, ``list[Inline]`` out.

A *part* is a ``list[Inline]`` (:class:`~edition.model.Text`, :class:`~edition.model.Emph`,
:class:`~edition.model.Link`); an empty list means "nothing here" and disappears when parts
are joined, so templates can name optional elements without ``if`` chains:

>>> from edition.model import plain_text
>>> plain_text(join([text("Ankara"), [], text("1997")], ", "))
'Ankara, 1997'
>>> plain_text(sentence([text("Ayten, Ali vd."), quoted(text("Dini Başa Çıkma"))]))
'Ayten, Ali vd. “Dini Başa Çıkma”'
>>> plain_text(finish(text("Ankara: TDV Yayınları, ts."), "."))
'Ankara: TDV Yayınları, ts.'
>>> nodes = join([quoted(text("Walking")), text("in")], ", ")
>>> plain_text(american_punctuation(nodes))
'“Walking,” in'
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence, Union

from ..model import Container, Emph, Inline, Link, Text, plain_text

__all__ = [
    "Part",
    "text",
    "emph",
    "quoted",
    "link",
    "join",
    "sentence",
    "wrap",
    "prefix",
    "finish",
    "normalize",
    "american_punctuation",
    "ends_with",
    "no_double_periods",
]

Part = list  # list[Inline]
Partish = Union[str, Sequence[Inline], None]


def _as_part(value: Partish) -> list[Inline]:
    if value is None:
        return []
    if isinstance(value, str):
        return [Text(value)] if value else []
    return list(value)


def text(value: str) -> list[Inline]:
    """A plain-text part ('' gives the empty part).

    >>> text(""), text("Ankara")
    ([], [Text(text='Ankara')])
    """
    return [Text(value)] if value else []


def emph(value: Partish) -> list[Inline]:
    """An italic part (titles of books, journals, theses).

    >>> emph("Nutuk")
    [Emph(content=[Text(text='Nutuk')])]
    >>> emph("")
    []
    """
    content = _as_part(value)
    return [Emph(content=content)] if content else []


def quoted(value: Partish, open_quote: str = "“", close_quote: str = "”") -> list[Inline]:
    """A part in quotation marks (titles of articles, chapters, entries); quotation marks
    inside it become single ones (and single ones double), as every style asks.

    >>> plain_text(quoted(text("Nutuk’ta “Bolşevizm” ve ‘Milli’ Kavramlar")))
    '“Nutuk’ta ‘Bolşevizm’ ve “Milli” Kavramlar”'
    """
    content = _as_part(value)
    if not content:
        return []
    if open_quote == "“":
        content = _swap_quotes(content)
    return [Text(open_quote), *content, Text(close_quote)]


def _swap_text(text: str, depth: list[int]) -> str:
    """Swap the quotation marks of one text; ``depth`` counts single quotes still open, so
    that an apostrophe (Atatürk’s, ’t Hooft, Mondros’tan) is never taken for one."""
    out = []
    for i, ch in enumerate(text):
        if ch == "“":
            out.append("‘")
        elif ch == "”":
            out.append("’")
        elif ch == "‘":
            depth[0] += 1
            out.append("“")
        elif ch == "’" and depth[0] and not (text[i + 1:i + 2].isalpha()):
            depth[0] -= 1
            out.append("”")
        else:
            out.append(ch)
    return "".join(out)


def _swap_quotes(nodes: list[Inline], depth: list[int] | None = None) -> list[Inline]:
    """Double quotation marks to single and back; apostrophes stay.

    >>> plain_text(_swap_quotes(text("Remarks on ’t Hooft’s “S-matrix”")))
    'Remarks on ’t Hooft’s ‘S-matrix’'
    """
    depth = [0] if depth is None else depth
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(Text(_swap_text(node.text, depth)))
        elif isinstance(node, Container):
            copy = type(node)(**{**node.__dict__, "content": _swap_quotes(list(node.content), depth)})
            out.append(copy)
        else:
            out.append(node)
    return out


def link(url: str, label: str = "") -> list[Inline]:
    """A URL printed as written (or with ``label``)."""
    return [Link(content=[Text(label or url)], url=url)] if url else []


#: Closing marks a final punctuation mark may stand behind ("Research?”", "DH.”").
CLOSERS = "”’»›\"'"


def ends_with(nodes: Sequence[Inline], chars: str) -> bool:
    """True when the printed text of ``nodes`` ends with one of ``chars``, also behind a
    closing quotation mark (a title "Why Research?” takes no second period).

    >>> ends_with(emph("Ne Yapmalı?"), "?!"), ends_with(text("vd."), "."), ends_with([], ".")
    (True, True, False)
    >>> ends_with(quoted(text("Why Research?")), ".?!"), ends_with(quoted(text("DH.")), ".")
    (True, True)
    """
    tail = plain_text(list(nodes)).rstrip(CLOSERS)
    return bool(tail) and tail[-1] in chars


def prefix(value: Partish, part: Partish, sep: str = " ") -> list[Inline]:
    """``value`` + ``sep`` + ``part``, or the empty part when ``part`` is empty.

    >>> plain_text(prefix("çev.", text("Ali Demir")))
    'çev. Ali Demir'
    >>> prefix("çev.", [])
    []
    """
    body = _as_part(part)
    if not body:
        return []
    head = _as_part(value)
    return [*head, Text(sep), *body] if head else body


def join(parts: Iterable[Partish], sep: str = ", ") -> list[Inline]:
    """Join the non-empty parts with ``sep``.

    A separator starting with '.' loses its period after a part that already ends with one
    ("ts." + ". " -> "ts. "), as every style asks.
    """
    out: list[Inline] = []
    for part in parts:
        body = _as_part(part)
        if not body:
            continue
        if out:
            glue = sep
            if glue.startswith(".") and ends_with(out, ".?!"):
                glue = glue[1:]
            if glue:
                out.append(Text(glue))
        out.extend(body)
    return out


def sentence(parts: Iterable[Partish], sep: str = ". ") -> list[Inline]:
    """Join parts as bibliography sentences ('Karabekir, Kazım. İstiklal Harbimiz')."""
    return join(parts, sep)


def wrap(part: Partish, left: str = "(", right: str = ")") -> list[Inline]:
    """Surround a non-empty part with brackets.

    >>> plain_text(wrap(text("Ankara, 1997"))), wrap([])
    ('(Ankara, 1997)', [])
    """
    body = _as_part(part)
    return [Text(left), *body, Text(right)] if body else []


def finish(part: Partish, end: str = ".") -> list[Inline]:
    """Close a bibliography entry with ``end`` unless it already ends with punctuation.

    >>> plain_text(finish(text("Ankara, 1997")))
    'Ankara, 1997.'
    >>> plain_text(finish(emph("Ne Yapmalı?")))
    'Ne Yapmalı?'
    """
    body = _as_part(part)
    if not body or not end or ends_with(body, ".?!"):
        return body
    return [*body, Text(end)]


def normalize(nodes: Sequence[Inline]) -> list[Inline]:
    """Merge adjacent Text nodes and drop empty ones (recursively).

    >>> normalize([Text("a"), Text(""), Text("b"), Emph(content=[Text("c"), Text("d")])])
    [Text(text='ab'), Emph(content=[Text(text='cd')])]
    """
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and type(out[-1]) is Text:
                out[-1] = Text(out[-1].text + node.text)
                continue
            out.append(Text(node.text))
        elif isinstance(node, Container):
            node.content = normalize(node.content)
            if node.content or isinstance(node, Link):
                out.append(node)
        else:
            out.append(node)
    return out


def _texts(nodes: Sequence[Inline]):
    for node in nodes:
        if isinstance(node, Text):
            yield node
        elif isinstance(node, Container):
            yield from _texts(node.content)


_DOUBLED = re.compile(r"(?<![.…])([?!.][’”»›]*)\.(?!\.)")
_AFTER_QUESTION = re.compile(r"([?!][’”»›]+),")


def no_double_periods(nodes: Sequence[Inline]) -> list[Inline]:
    """Drop a period after a ?, ! or . that already ends the text, also across italics and
    quotation marks ("*Publish Now?*." -> "*Publish Now?*"); an ellipsis stays.

    >>> plain_text(no_double_periods([Emph(content=[Text("Now?")]), Text(". 2016, 45ff..")]))
    'Now? 2016, 45ff.'
    >>> plain_text(no_double_periods(text("Wait... then “DH.”.")))
    'Wait... then “DH.”'
    >>> plain_text(no_double_periods(text("Borgman, “Why Is It Important?”, 46")))
    'Borgman, “Why Is It Important?” 46'
    """
    out = normalize(nodes)
    previous = ""
    for node in _texts(out):
        tail = previous.rstrip(CLOSERS)
        if node.text.startswith(".") and not node.text.startswith("..") and \
                tail[-1:] in {"?", "!", "."} and not tail.endswith(".."):
            node.text = node.text[1:]
        elif node.text.startswith(",") and tail[-1:] in {"?", "!"} and tail != previous:
            node.text = node.text[1:]  # “Why Research?”, 46 -> “Why Research?” 46
        node.text = _AFTER_QUESTION.sub(r"\1", _DOUBLED.sub(r"\1", node.text))
        previous = (previous + node.text)[-8:]
    return out


_MOVE_IN = re.compile(r"([’”]+)([,.])")
_AFTER_MARK = re.compile(r"([?!.][’”]+)[,.]")


def american_punctuation(nodes: Sequence[Inline]) -> list[Inline]:
    """Put commas and periods inside closing quotation marks (Chicago, US usage); after a
    question or exclamation mark (or a period) that ends the quotation they are dropped
    (CMOS 6.123).

    >>> plain_text(american_punctuation(text("“Livy and the Pax Deum”.")))
    '“Livy and the Pax Deum.”'
    >>> plain_text(american_punctuation(text("“Why Research?”, in “So ‘DH.’”.")))
    '“Why Research?” in “So ‘DH.’”'
    """
    out = normalize(nodes)
    for node in out:
        if isinstance(node, Text):
            node.text = _MOVE_IN.sub(r"\2\1", _AFTER_MARK.sub(r"\1", node.text))
        elif isinstance(node, Container):
            node.content = american_punctuation(node.content)
    return out
