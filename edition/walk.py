"""The one walk over the model: every place text can occur, in reading order, with its context.

A reader meets an edition in this order, and so does every transform and writer: the
abstracts, the editor's note, then the edited text (each section's heading, its paragraphs
and block quotes, then its sub-sections).  Inside a run of inline nodes a footnote is read
at its call (its content right after the ``Note`` node), an apparatus entry's lemma is read
in the text and its readings right after it, and a citation's rendered form (once the
citation transform has filled it) right after the ``Cite`` node.

Each node comes with a :class:`Where`: which part of the edition it is in, the block that
holds it, the footnote it sits in, the apparatus entry whose reading holds it, the citation
whose rendered form holds it.  A node's ``Where`` describes where the node *sits*: the
``Note`` node itself is in the text, its content is in the note.  Filtering on the context
is how a user leaves a subtree out (``plain_text`` reads neither notes nor readings).

>>> from edition.model import App, Edition, Meta, Note, Paragraph, Reading, Section, Text
>>> note = Note([Text("a note")], n=1)
>>> app = App([Text("lemma")], readings=[Reading("variant", ["J"], [Text("variant")])])
>>> ed = Edition(meta=Meta(editor_note=[Paragraph([Text("About"), note])]),
...              body=[Section(heading=[Text("I")], blocks=[Paragraph([app])])])
>>> for node, where in walk(ed):
...     print(type(node).__name__, getattr(node, "text", ""), where)
Text About editor-note
Note  editor-note
Text a note editor-note, note 1
Text I text, heading
App  text
Text lemma text
Text variant text, reading of an apparatus entry
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator, Optional

from .model import App, Cite, Edition, Inline, Note, Paragraph, Quote, Section, Text

PARTS = ("abstract", "editor-note", "text")  # in reading order; the first two are front matter


@dataclass(frozen=True, eq=False)
class Where:
    """The context of a node: ``part`` (one of :data:`PARTS`), ``block`` (the Paragraph, or the
    Section for its heading), and the note / apparatus entry / reading / citation it is in."""

    part: str = "text"
    block: Optional[object] = None
    note: Optional[Note] = None
    app: Optional[App] = None  # set inside a reading of this entry (not in its lemma)
    reading: Optional[object] = None
    cite: Optional[Cite] = None  # set inside a rendered citation

    @property
    def front(self) -> bool:
        """In the front matter (abstracts, editor's note): outside the numbered lines."""
        return self.part != "text"

    @property
    def heading(self) -> bool:
        return isinstance(self.block, Section)

    @property
    def note_n(self) -> int:
        """The number of the footnote the node is in; 0 outside notes, -1 in a note not yet numbered."""
        return 0 if self.note is None else (self.note.n or -1)

    def __str__(self) -> str:
        out = [self.part]
        if self.heading:
            out.append("heading")
        if self.note is not None:
            out.append(f"note {self.note.n}")
        if self.app is not None:
            out.append("reading of an apparatus entry" if not self.app.n else f"reading of apparatus entry {self.app.n}")
        if self.cite is not None:
            out.append("rendered citation")
        return ", ".join(out)


def runs(edition: Edition) -> Iterator[tuple[list[Inline], Where]]:
    """Every run of inline nodes (a paragraph's content, a heading) in reading order.

    >>> from edition.model import Abstract, Edition, Meta, Paragraph, Quote, Section, Text
    >>> ed = Edition(meta=Meta(abstracts=[Abstract("tr", "ÖZ", [Paragraph([Text("öz")])])]),
    ...              body=[Section(heading=[Text("I")], blocks=[Quote([Paragraph([Text("q")])])],
    ...                            sections=[Section(blocks=[Paragraph([Text("p")])])])])
    >>> [(nodes[0].text if nodes else "", str(where)) for nodes, where in runs(ed)]
    [('öz', 'abstract'), ('I', 'text, heading'), ('q', 'text'), ('', 'text, heading'), ('p', 'text')]
    """
    for ab in edition.meta.abstracts:
        for p in ab.paragraphs:
            yield p.content, Where("abstract", p)
    for p in edition.meta.editor_note:
        yield p.content, Where("editor-note", p)
    for section in edition.all_sections():
        yield section.heading, Where("text", section)
        for block in section.blocks:
            for p in block.paragraphs if isinstance(block, Quote) else [block]:
                if isinstance(p, Paragraph):
                    yield p.content, Where("text", p)


def inlines(nodes: list[Inline], where: Where = Where()) -> Iterator[tuple[Inline, Where]]:
    """Every node of ``nodes`` and of their content, pre-order, with its context.

    >>> from edition.model import Cite, Emph, Text
    >>> c = Cite(rendered=[Emph([Text("Title")])])
    >>> [(type(n).__name__, str(w)) for n, w in inlines([Text("see "), c])]
    [('Text', 'text'), ('Cite', 'text'), ('Emph', 'text, rendered citation'), ('Text', 'text, rendered citation')]
    """
    for node in nodes:
        yield node, where
        if isinstance(node, Note):
            yield from inlines(node.content, replace(where, note=node))
        elif isinstance(node, App):
            yield from inlines(node.content, where)
            for r in node.readings:
                yield from inlines(r.content, replace(where, app=node, reading=r))
        elif isinstance(node, Cite):
            yield from inlines(node.rendered, replace(where, cite=node))
        else:
            yield from inlines(node.children(), where)


def walk(edition: Edition) -> Iterator[tuple[Inline, Where]]:
    """Every inline node of the edition in reading order, with its :class:`Where`."""
    for nodes, where in runs(edition):
        yield from inlines(nodes, where)


def text_of(nodes: list[Inline], with_notes: bool = False) -> str:
    """The text of inline nodes as printed in the text: lemmas, not readings; notes if asked.

    >>> from edition.model import App, Note, Reading, Text
    >>> nodes = [Text("a "), App([Text("b")], readings=[Reading("c", ["J"], [Text("c")])]), Note([Text(" n")])]
    >>> text_of(nodes), text_of(nodes, with_notes=True)
    ('a b', 'a b n')
    """
    return "".join(
        n.text for n, w in inlines(nodes) if isinstance(n, Text) and w.reading is None and (with_notes or w.note is None)
    )
