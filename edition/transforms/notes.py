"""NumberNotes: author's footnotes numbered 1..n in reading order, with stable ids."""

from __future__ import annotations

from ..model import Note
from ..walk import walk
from . import Transform


class NumberNotes(Transform):
    default_priority = 100

    def apply(self, edition, reporter) -> None:
        edition.notes = []
        for node, _ in walk(edition):
            if isinstance(node, Note):
                node.n = len(edition.notes) + 1
                node.id = f"fn{node.n}"
                edition.notes.append(node)
