"""ResolveCitations: each citation rendered by the edition's style, in reading order.

Position tracking (first / subsequent / ibid) lives in the citation processor, which sees the
citations in the order a reader meets them (a note's citations at the note's call).
"""

from __future__ import annotations

import os

import dataclasses

from ..model import BibEntry, Cite, Text, plain_text
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
        closing_period(edition, getattr(proc.style, "punctuation_inside_quotes", False))
        edition.bibliography_entries = [BibEntry(key, content) for key, content in proc.keyed_bibliography()]

    @staticmethod
    def check_style(edition, reporter) -> bool:
        """A style is a known name or a .py file inside the edition folder (never run code from elsewhere)."""
        from ..citations.style import STYLES
        from ..diagnostics import did_you_mean
        from ..readers.yamlsrc import edition_file

        from ..citations.csl import BUILTIN_DIR, builtin_names, find_csl

        style, loc = edition.settings.citation_style, edition.settings.citation_style_loc
        base = os.path.dirname(os.path.abspath(edition.source))
        if style not in STYLES and (style.endswith(".csl") or find_csl(style, base)):
            path = find_csl(style, base)
            if path is None:
                reporter.error(loc, f"CSL style file not found: {style}",
                               "the path is relative to the edition file")
                return False
            if os.path.dirname(os.path.abspath(path)) != os.path.abspath(BUILTIN_DIR):
                edition.inputs.setdefault(os.path.abspath(path), loc)
            return True
        if style.endswith(".py"):
            base = os.path.dirname(os.path.abspath(edition.source))
            full = edition_file(base, style, loc, "citation style", reporter)
            if full is not None:
                edition.inputs.setdefault(full, loc)
            return full is not None
        if style not in STYLES:
            reporter.error(loc, f"unknown citation style '{style}'", did_you_mean(style, [*STYLES, *builtin_names()]) or "use one of " + ", ".join(sorted(STYLES)) + ", a .csl or a .py file")
            return False
        return True


def _inline_lists(obj, seen=None):
    """Every list of model nodes under ``obj`` (paragraphs, notes, readings, ...)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, list):
        if any(isinstance(x, Cite) for x in obj):
            yield obj
        for x in obj:
            if dataclasses.is_dataclass(x) or isinstance(x, list):
                yield from _inline_lists(x, seen)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name, None)
            if isinstance(value, list) or dataclasses.is_dataclass(value):
                yield from _inline_lists(value, seen)


def closing_period(edition, inside_quotes: bool) -> None:
    """The period the source types after a citation is not doubled when the citation already
    ends with one ("45ff." + "." gave "45ff.."), and moves inside a closing quotation mark
    for a style that asks for it (Chicago: "...Leptons.”")."""
    from ..citations.rich import CLOSERS

    for nodes in _inline_lists(edition):
        for i, node in enumerate(nodes[:-1]):
            after = nodes[i + 1]
            if not (isinstance(node, Cite) and node.rendered and isinstance(after, Text)
                    and after.text.startswith(".")):
                continue
            printed = plain_text(node.rendered)
            body = printed.rstrip(CLOSERS)
            if body.endswith((".", "?", "!")):
                after.text = after.text[1:]
            elif inside_quotes and printed != body and isinstance(node.rendered[-1], Text):
                last = node.rendered[-1]
                tail = len(last.text) - len(last.text.rstrip(CLOSERS))
                if tail:
                    last.text = last.text[:-tail] + "." + last.text[-tail:]
                    after.text = after.text[1:]
