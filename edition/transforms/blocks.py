"""NumberBlocks: the blocks of the edited text numbered 1..n in reading order.

A block is a heading or a paragraph of the body (a block quote's paragraphs are blocks
each); the front matter (abstracts, editor's note) is not numbered.  The number is the
block's identity for the layout: a held page break is written (block, offset)
(:mod:`edition.layout.breaks`) and the writer prints it as ``data-b``.  Numbering it here,
in the model, and not while a template renders, keeps the identity of a block whatever
order a theme writes the blocks in.

>>> from edition.model import Edition, Paragraph, Quote, Section, Text
>>> inner = Section(heading=[Text("b")], blocks=[Paragraph([Text("c")])])
>>> top = Section(heading=[Text("a")], blocks=[Quote([Paragraph([Text("q")])]), Paragraph([Text("p")])], sections=[inner])
>>> untitled = Section(blocks=[Paragraph([Text("d")])])
>>> ed = Edition(body=[top, untitled])
>>> NumberBlocks().apply(ed, None)
>>> [top.block, top.blocks[0].paragraphs[0].block, top.blocks[1].block, inner.block, inner.blocks[0].block, untitled.block, untitled.blocks[0].block]
[1, 2, 3, 4, 5, 0, 6]
"""

from __future__ import annotations

from ..model import Edition
from ..walk import runs
from . import Transform


def numbered_blocks(edition: Edition):
    """The numbered blocks in reading order (:func:`edition.walk.runs` over the edited text):
    sections (for their heading, when they have one) and paragraphs, each section's heading
    and blocks before its subsections."""
    for nodes, where in runs(edition):
        if where.part == "text" and (nodes or not where.heading):
            yield where.block


class NumberBlocks(Transform):
    default_priority = 120

    def apply(self, edition, reporter) -> None:
        for n, node in enumerate(numbered_blocks(edition), 1):
            node.block = n
