"""Transforms: small ordered passes over the model (docutils style).

Each transform is a class with a ``default_priority`` and one method, ``apply(edition,
reporter)``; :func:`apply_transforms` runs them sorted by (priority, registration order).
Priorities (keep this table in step with :data:`DEFAULT_TRANSFORMS`; a test checks it):

=====  ===============================================
100    NumberNotes: footnotes 1..n in reading order
110    NumberApparatus: apparatus entries, checks
120    NumberBlocks: headings and paragraphs 1..n
200    LinkRegisters: index tags -> register entries
300    ResolveCitations: citations rendered by style
=====  ===============================================
"""

from __future__ import annotations

from ..diagnostics import Reporter
from ..model import App, Edition, Inline, Note, Quote, walk_inlines


class Transform:
    """Base class: override :meth:`apply`."""

    default_priority = 500

    def apply(self, edition: Edition, reporter: Reporter) -> None:  # pragma: no cover
        raise NotImplementedError


def inline_runs(edition: Edition):
    """Every run of inline nodes in reading order: abstracts, then headings and paragraphs."""
    for ab in edition.meta.abstracts:
        for p in ab.paragraphs:
            yield p.content
    for section in edition.all_sections():
        yield section.heading
        for block in section.blocks:
            if isinstance(block, Quote):
                for p in block.paragraphs:
                    yield p.content
            else:
                yield block.content


def reading_order(edition: Edition):
    """Every inline node of the edition in reading order, notes read at their call.

    Yields ``(node, note_number)``: the number of the footnote the node sits in, 0 outside
    notes (notes must be numbered first for it to be meaningful).
    """

    def walk(nodes: list[Inline], note_n: int):
        for node in nodes:
            yield node, note_n
            if isinstance(node, Note):
                yield from walk(node.content, node.n or -1)
            elif isinstance(node, App):
                yield from walk(node.content, note_n)
                for r in node.readings:
                    yield from walk(r.content, note_n)
            else:
                yield from walk(node.children(), note_n)

    for run in inline_runs(edition):
        yield from walk(run, 0)


def apply_transforms(edition: Edition, reporter: Reporter, transforms=None) -> Edition:
    from .apparatus import NumberApparatus
    from .blocks import NumberBlocks
    from .citations import ResolveCitations
    from .notes import NumberNotes
    from .registers import LinkRegisters

    chosen = transforms or [NumberNotes(), NumberApparatus(), NumberBlocks(), LinkRegisters(), ResolveCitations()]
    order = sorted(enumerate(chosen), key=lambda p: (p[1].default_priority, p[0]))
    for _, t in order:
        t.apply(edition, reporter)
    return edition


__all__ = ["Transform", "apply_transforms", "reading_order", "walk_inlines"]
