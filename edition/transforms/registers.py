"""LinkRegisters: every index tag points to a register entry (by key or by a known variant)."""

from __future__ import annotations

from ..diagnostics import did_you_mean
from ..model import Tag, plain_text
from . import Transform, reading_order


def variant_table(edition) -> dict[tuple[str, str], str]:
    """(kind, casefolded form) -> key, from headwords and variants."""
    table: dict[tuple[str, str], str] = {}
    for entry in edition.registers.values():
        for form in [entry.name, *entry.variants]:
            table.setdefault((entry.kind, form.casefold()), entry.key)
    return table


class LinkRegisters(Transform):
    default_priority = 200

    def apply(self, edition, reporter) -> None:
        table = variant_table(edition)
        edition.tags = []
        for node, note_n in reading_order(edition):
            if not isinstance(node, Tag):
                continue
            node.in_note = max(note_n, 0)
            text = plain_text(node.content)
            if not node.key:
                node.key = table.get((node.kind, text.casefold()), "")
                if not node.key:
                    reporter.error(
                        node.loc,
                        f"{node.kind} '{text}' has no key and is not a known variant",
                        f"write key=... or add '{text}' to the variants of a {node.kind} in the register",
                    )
                    continue
            if edition.register(node.kind, node.key) is None:
                keys = [e.key for e in edition.registers.values() if e.kind == node.kind]
                reporter.error(
                    node.loc,
                    f"unknown {node.kind} key '{node.key}'",
                    did_you_mean(node.key, keys) or f"add it to the {node.kind}s register",
                )
                continue
            node.id = f"ix{len(edition.tags) + 1}"
            edition.tags.append(node)
