"""ResolveCitations: each citation rendered by the edition's style, in reading order.

Position tracking (first / subsequent / ibid) lives in the citation processor, which sees the
citations in the order a reader meets them (a note's citations at the note's call).
"""

from __future__ import annotations

import os

from ..model import BibEntry, Cite
from ..walk import walk
from . import Transform


class ResolveCitations(Transform):
    default_priority = 300

    def apply(self, edition, reporter) -> None:
        cites = [(node, where.note_n) for node, where in walk(edition) if isinstance(node, Cite)]
        if not cites and not edition.bibliography:
            return
        if cites and not edition.bibliography:
            reporter.error(cites[0][0].loc, "citations but no bibliography: in the source", "add bibliography: [references.bib]")
            return
        from ..citations import CitationProcessor, load_database

        if not self.check_style(edition, reporter):
            return
        db = load_database(edition.bibliography, reporter)
        if db is None:
            return
        proc = CitationProcessor(
            db,
            style=edition.settings.citation_style,
            language=edition.meta.language,
            reporter=reporter,
            base_dir=os.path.dirname(os.path.abspath(edition.source)),
        )
        seen = []
        for node, note_n in cites:
            node.rendered = proc.cite(node, in_note=note_n != 0, note=note_n or None)
            for item in node.items:
                if item.key not in seen:
                    seen.append(item.key)
        edition.cited_keys = seen
        edition.bibliography_entries = [BibEntry(key, content) for key, content in proc.keyed_bibliography()]

    @staticmethod
    def check_style(edition, reporter) -> bool:
        """A style is a known name or a .py file inside the edition folder (never run code from elsewhere)."""
        from ..citations.style import STYLES
        from ..diagnostics import did_you_mean
        from ..readers.yamlsrc import edition_file

        style, loc = edition.settings.citation_style, edition.settings.citation_style_loc
        if style.endswith(".py"):
            base = os.path.dirname(os.path.abspath(edition.source))
            full = edition_file(base, style, loc, "citation style", reporter)
            if full is not None:
                edition.inputs.setdefault(full, loc)
            return full is not None
        if style not in STYLES:
            reporter.error(loc, f"unknown citation style '{style}'", did_you_mean(style, STYLES) or "use one of " + ", ".join(sorted(STYLES)) + " or a .py file")
            return False
        return True
