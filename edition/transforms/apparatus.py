"""NumberApparatus: apparatus entries numbered in reading order, placed (body or note), checked.

The inline parser has already checked sigla and types; here the entries get their number,
their id, the footnote they sit in, and the base-witness check: every entry must give the
base witness's reading, or the print could not be rebuilt from the edition.
"""

from __future__ import annotations

from ..model import App
from ..walk import walk
from . import Transform


class NumberApparatus(Transform):
    default_priority = 110

    def apply(self, edition, reporter) -> None:
        edition.apparatus = []
        base = edition.base_witness
        for node, where in walk(edition):
            if not isinstance(node, App):
                continue
            node.n = len(edition.apparatus) + 1
            node.id = f"app{node.n}"
            node.in_note = max(where.note_n, 0)
            edition.apparatus.append(node)
            if base and node.readings and not any(base in r.wits for r in node.readings) and base not in node.lem_wits:
                reporter.error(
                    node.loc,
                    f"apparatus entry gives no reading of the base witness '{base}'",
                    f'add {base}="..." (what the base witness prints here), or lem-wit={base} if it agrees with the lemma',
                )
        if edition.apparatus and not edition.witnesses:
            reporter.error(edition.apparatus[0].loc, "apparatus entries but no witnesses: declared", "add witnesses: with the sigla you use")
