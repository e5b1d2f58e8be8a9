"""LinkRegisters: every index tag points to a register entry (by key or by a known variant)."""

from __future__ import annotations

from ..diagnostics import did_you_mean
from ..model import Tag, plain_text
from ..walk import walk
from . import Transform

KINDS = ("person", "place", "subject")


def resolve_ref(edition, entry, ref: str):
    """The entry a ``see``/``see-also``/``parent`` reference names: a key of the same register,
    or ``kind:key`` for another register (``subject:bolsevizm``)."""
    kind, _, key = ref.rpartition(":")
    if kind in KINDS:
        return edition.register(kind, key)
    return edition.register(entry.kind, ref)


def check_references(edition, reporter) -> None:
    """parent, see and see-also name existing entries; no cycles; see points to real entries."""
    keys: dict[str, list[str]] = {}  # kind -> its keys, for the hints (once: a list per entry was quadratic)
    for e in edition.registers.values():
        keys.setdefault(e.kind, []).append(e.key)
    for entry in list(edition.registers.values()):
        where = lambda f: entry.field_locs.get(f, entry.loc)
        same_kind = keys[entry.kind]
        if entry.parent:
            parent = edition.register(entry.kind, entry.parent)
            if parent is None:
                reporter.error(where("parent"), f"{entry.kind} '{entry.key}': unknown parent '{entry.parent}'",
                               did_you_mean(entry.parent, same_kind) or f"parent names another {entry.kind} key")
            else:
                seen, cur = {entry.key}, parent
                while cur is not None and cur.parent:
                    if cur.key in seen:
                        break
                    seen.add(cur.key)
                    cur = edition.register(entry.kind, cur.parent)
                if cur is not None and cur.key in seen:
                    reporter.error(where("parent"), f"{entry.kind} '{entry.key}': parent chain comes back to '{cur.key}'",
                                   "an entry cannot be printed under itself; remove one parent:")
        for field, refs in (("see", entry.see), ("see-also", entry.see_also)):
            for ref in refs:
                target = resolve_ref(edition, entry, ref)
                if target is None:
                    reporter.error(where(field), f"{entry.kind} '{entry.key}': {field} names unknown entry '{ref}'",
                                   did_you_mean(ref, same_kind) or f"name a key of the {entry.kind} register (or kind:key)")
                elif target is entry:
                    reporter.error(where(field), f"{entry.kind} '{entry.key}': {field} names the entry itself", "remove it")
                elif target.see:
                    reporter.error(where(field), f"{entry.kind} '{entry.key}': {field} '{ref}' is itself only a cross-reference",
                                   f"point to {', '.join(repr(k) for k in target.see)} directly")


def variant_table(edition) -> dict[tuple[str, str], str]:
    """(kind, casefolded form) -> key, from headwords and variants."""
    table: dict[tuple[str, str], str] = {}
    for entry in edition.registers.values():
        if not entry.see:
            for form in [entry.name, *entry.variants]:
                table.setdefault((entry.kind, form.casefold()), entry.key)
    for entry in edition.registers.values():  # the forms of a cross-reference name its target
        if len(entry.see) == 1 and ":" not in entry.see[0]:
            for form in [entry.name, *entry.variants]:
                table.setdefault((entry.kind, form.casefold()), entry.see[0])
    return table


class LinkRegisters(Transform):
    default_priority = 200

    def apply(self, edition, reporter) -> None:
        check_references(edition, reporter)
        table = variant_table(edition)
        edition.tags = []
        for node, where in walk(edition):
            if not isinstance(node, Tag):
                continue
            node.in_note = max(where.note_n, 0)
            # a tag inside a witness's reading prints in the apparatus
            node.in_app = where.app.n if where.app is not None else 0
            if "registers" in edition.unread:  # the registers file is missing or broken: reported once
                continue
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
            entry = edition.register(node.kind, node.key)
            if entry.see:
                reporter.error(
                    node.loc,
                    f"{node.kind} '{node.key}' is a cross-reference (see: {', '.join(entry.see)}), not an index entry",
                    f"tag it key={entry.see[0]}" if len(entry.see) == 1 else "tag it with the key of the entry meant",
                )
                continue
            node.id = f"ix{len(edition.tags) + 1}"
            edition.tags.append(node)
