"""Transforms: small ordered passes over the model (docutils style).

Each transform is a class with a ``default_priority`` and one method, ``apply(edition,
reporter)``; :func:`apply_transforms` runs them sorted by (priority, registration order).
Priorities (keep this table in step with :data:`DEFAULT_TRANSFORMS`; a test checks it):

=====  ===============================================================
100    NumberNotes: footnotes 1..n in reading order
110    NumberApparatus: apparatus entries, checks
120    NumberBlocks: headings and paragraphs 1..n
200    LinkRegisters: index tags -> register entries
300    ResolveCitations: citations and the keyed bibliography
400    PrintApparatus: each apparatus entry's printed content
410    BuildIndexes: the index tree of each register kind
=====  ===============================================================

Every transform reads the edition through the one walk of :mod:`edition.walk`.  The last
two are the presentation stage (:mod:`.present`): what every writer prints, as model nodes.
"""

from __future__ import annotations

from ..diagnostics import Reporter
from ..model import Edition, walk_inlines
from ..walk import runs, walk


class Transform:
    """Base class: override :meth:`apply`."""

    default_priority = 500

    def apply(self, edition: Edition, reporter: Reporter) -> None:  # pragma: no cover
        raise NotImplementedError


def inline_runs(edition: Edition):
    """Every run of inline nodes in reading order (:func:`edition.walk.runs` without contexts)."""
    return (nodes for nodes, _ in runs(edition))


def reading_order(edition: Edition):
    """Every inline node of the edition in reading order, notes read at their call
    (:func:`edition.walk.walk`).

    Yields ``(node, note_number)``: the number of the footnote the node sits in, 0 outside
    notes (notes must be numbered first for it to be meaningful).
    """
    return ((node, where.note_n) for node, where in walk(edition))


def default_transforms() -> list[type]:
    """The transform classes :func:`apply_transforms` runs by default (:data:`DEFAULT_TRANSFORMS`)."""
    from .apparatus import NumberApparatus
    from .blocks import NumberBlocks
    from .citations import ResolveCitations
    from .notes import NumberNotes
    from .present import BuildIndexes, PrintApparatus
    from .registers import LinkRegisters

    return [NumberNotes, NumberApparatus, NumberBlocks, LinkRegisters, ResolveCitations, PrintApparatus, BuildIndexes]


def apply_transforms(edition: Edition, reporter: Reporter, transforms=None) -> Edition:
    chosen = transforms or [cls() for cls in DEFAULT_TRANSFORMS]
    order = sorted(enumerate(chosen), key=lambda p: (p[1].default_priority, p[0]))
    for _, t in order:
        t.apply(edition, reporter)
    return edition


DEFAULT_TRANSFORMS: list[type] = default_transforms()

__all__ = ["DEFAULT_TRANSFORMS", "Transform", "apply_transforms", "reading_order", "walk_inlines"]
