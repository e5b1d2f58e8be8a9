"""The citation processor: ``Cite`` nodes in document order in, formatted notes out.

:class:`CitationProcessor` keeps the state a note style needs while it walks a document:
which works have been cited (first citation full, later ones short), what the previous note
cited (for ibid. or Chicago's title-less repeat), which keys are unknown, which entries lack
fields the style needs.  Problems go to the :class:`~edition.diagnostics.Reporter` with the
location of the citation (unknown key) or of the ``.bib`` entry (missing field); output is
never a silent "[?]".
"""

from __future__ import annotations

from typing import Optional

from ..diagnostics import Reporter, did_you_mean
from ..model import Cite, CiteItem, Inline, Loc, Text
from . import rich as R
from .database import Database, Record
from .locators import Locator, parse_locator
from .style import Style, StyleError, load_style

__all__ = ["CitationProcessor"]


class CitationProcessor:
    """Format citations and the bibliography of one document in one style.

    ``style`` is a registered name (``house``, ``isnad``, ``chicago``) or the path of a Python
    file defining a :class:`~edition.citations.Style` subclass, relative to ``base_dir`` (the
    edition's folder; a file outside it is refused, never executed).  ``style_loc``, when
    given, is where the source names the style: problems finding or loading the style are
    reported there (problems inside a style file at their line in that file).
    """

    def __init__(self, db: Database, style: str = "house", language: str = "tr",
                 reporter: Optional[Reporter] = None, base_dir: str = ".",
                 style_loc: Optional[Loc] = None):
        self.db = db
        self.language = language
        self.reporter = reporter if reporter is not None else Reporter()
        self.csl = None
        try:
            self.csl = self._csl(style, language, base_dir)
            self.style: Style = Style(language) if self.csl else load_style(style, language, base_dir)
            if self.csl:
                self.style.name = self.csl.name
                self.style.missing_fields = lambda record: []  # CSL styles require nothing
        except StyleError as error:
            # a problem inside a style file is reported there; any other at the
            # `citation-style:` value when the caller knows where it is
            loc = style_loc if (style_loc and not error.in_file) else error.loc
            self.reporter.error(loc, str(error), hint=error.hint)
            self.style = load_style("house", language, base_dir)
        self.cited_keys: list[str] = []  # in order of first citation
        self._seen: set[str] = set()
        self._reported: set[tuple] = set()
        self._checked: set[str] = set()
        # the citation unit (a note, or a single Cite when no note number is given) being
        # filled, and the one before it: lists of (key, Locator)
        self._unit_id: object = None
        self._unit: list[tuple[str, Locator]] = []
        self._previous: list[tuple[str, Locator]] = []

    @staticmethod
    def _csl(style: str, language: str, base_dir: str):
        """A CSL engine when ``style`` names a CSL file (see :mod:`edition.citations.csl`)."""
        from .style import STYLES

        if style in STYLES:
            return None
        from .csl import CslEngine, find_csl

        path = find_csl(style, base_dir)
        if path is None:
            if style.endswith(".csl"):
                raise StyleError(f"CSL style file not found: {style}",
                                 hint="the path is relative to the edition file; a name alone is "
                                      "looked for in the edition's folder, its styles/ folder "
                                      "and edition/citations/csl/")
            return None
        try:
            return CslEngine(path, language)
        except Exception as error:  # malformed XML, not a CSL style
            raise StyleError(f"cannot read CSL style: {error}", Loc(path, getattr(error, "lineno", 0) or 0),
                             in_file=True,
                             hint="use a style from the CSL repository (an independent style)") from error

    # ------------------------------------------------------------------ checks

    def _lookup(self, item: CiteItem) -> Optional[Record]:
        record = self.db.get(item.key)
        if record is None:
            marker = ("unknown", item.key, item.loc)
            if marker not in self._reported and not getattr(self.db, "incomplete", False):
                self._reported.add(marker)
                hint = did_you_mean(item.key, self.db.keys()) or (
                    "add an entry with this key to a file listed under `bibliography:`")
                self.reporter.error(item.loc, f"unknown citation key '{item.key}'", hint=hint)
            return None
        if record.key not in self._checked:
            self._checked.add(record.key)
            if record.broken:
                return record
            for name in self.style.missing_fields(record):
                self.reporter.error(
                    record.loc,
                    f"entry '{record.key}' ({record.type}) has no '{name}', which the "
                    f"'{self.style.name}' style needs for "
                    f"{'an' if record.kind[0] in 'aeiou' else 'a'} {record.kind}",
                    hint=f"add `{name.split(' or ')[0]} = {{...}}` to the entry"
                         + (f" (cited at {item.loc})" if item.loc.line else ""))
        return record

    def check(self, cite: Cite) -> None:
        """Report unknown keys and entries the style cannot format, without rendering."""
        for item in cite.items:
            self._lookup(item)

    # ------------------------------------------------------------------ citing

    def cite(self, cite: Cite, in_note: bool = True, note: Optional[int] = None) -> list[Inline]:
        """Render ``cite`` (called once per citation, in document order).

        ``note``, when given, is the number of the footnote holding the citation: citations
        in the same note then form one unit for the "same work as the previous note" rule
        (ibid.); without it every citation is its own unit.  ``in_note`` says whether the
        citation stands in a footnote; the note styles format both places alike.  The result
        has no final period.
        """
        unit_id = note if note is not None else object()
        if unit_id != self._unit_id:
            if self._unit:
                self._previous = self._unit
            self._unit, self._unit_id = [], unit_id
        if self.csl is not None:
            return self._cite_csl(cite)
        parts: list[list[Inline]] = []
        for item in cite.items:
            record = self._lookup(item)
            locator = parse_locator(item.locator)
            if record is None:
                parts.append(R.text(f"{item.key}{', ' + item.locator if item.locator else ''}"))
                continue
            nodes = self._render_item(record, locator, first_in_unit=not self._unit)
            self._unit.append((record.key, locator))
            if record.key not in self._seen:
                self._seen.add(record.key)
                self.cited_keys.append(record.key)
            suffix = " ".join(p for p in (locator.rest, item.suffix.strip()) if p)
            nodes = R.join([R.join([R.text(item.prefix.strip()), nodes], " "),
                            R.text(suffix)],
                           "" if suffix[:1] in {",", ";", ".", ")"} else ", ")
            parts.append(nodes)
        return self.style.finalize(R.join(parts, self.style.item_separator))

    def _cite_csl(self, cite: Cite) -> list[Inline]:
        items, unknown = [], []
        for item in cite.items:
            record = self._lookup(item)
            if record is None:
                unknown.append(R.text(f"{item.key}{', ' + item.locator if item.locator else ''}"))
                continue
            locator = parse_locator(item.locator)
            suffix = " ".join(p for p in (locator.rest, item.suffix.strip()) if p)
            items.append((record, locator, item.prefix.strip(), suffix))
            if record.key not in self._seen:
                self._seen.add(record.key)
                self.cited_keys.append(record.key)
        if not items:
            return R.join(unknown, "; ")
        try:
            nodes = self.csl.cite(items)
        except Exception as error:  # citeproc-py fails on what it does not support
            record = items[0][0]
            self.reporter.error(record.loc, f"the CSL processor cannot render entry '{record.key}' "
                                f"in {self.csl.name}: {type(error).__name__}: {error}",
                                hint="check the entry's fields, or use a built-in style")
            nodes = R.text(", ".join(r.key for r, *_ in items))
        return R.normalize(R.join([nodes] + unknown, "; "))

    def _entry_nodes(self, record: Record) -> list[Inline]:
        if self.csl is None:
            return self.style.finalize(self.style.bibliography_entry(record))
        try:
            return R.normalize(self.csl.entry(record))
        except Exception as error:
            self.reporter.error(record.loc, f"the CSL processor cannot render entry '{record.key}' "
                                f"in {self.csl.name}: {type(error).__name__}: {error}",
                                hint="check the entry's fields, or use a built-in style")
            return R.text(record.key)

    def _render_item(self, record: Record, locator: Locator, first_in_unit: bool) -> list[Inline]:
        if record.key not in self._seen:
            return self.style.full(record, locator)
        previous = self._previous
        if (self.style.repeat != "short" and first_in_unit and len(previous) == 1
                and previous[0][0] == record.key):
            return self.style.repeated(record, locator, previous[0][1])
        return self.style.short(record, locator)

    # ------------------------------------------------------------------ bibliography

    def bibliography(self) -> list[list[Inline]]:
        """The cited entries in bibliography form, sorted in the document language's order."""
        return [content for _, content in self.keyed_bibliography()]

    def keyed_bibliography(self) -> list[tuple[str, list[Inline]]]:
        """(key, entry in bibliography form) of the cited works, in the bibliography's order."""
        from ..model import plain_text

        records = [self.db[key] for key in self.cited_keys]
        records.sort(key=self.style.sort_key)
        out, printed = [], {}
        for record in records:
            nodes = self._entry_nodes(record)
            text = plain_text(nodes)
            if text in printed:  # two keys, one printed work: listed once
                self.reporter.warning(record.loc, f"entries '{printed[text]}' and '{record.key}' give the "
                                      "same bibliography entry; it is listed once",
                                      hint="merge the two entries, or add what tells them apart "
                                           "(a volume, an access date)")
                continue
            printed[text] = record.key
            out.append((record.key, nodes))
        return out

    def entry(self, key: str) -> list[Inline]:
        """One entry in bibliography form (for full bibliographies of uncited works)."""
        record = self._lookup(CiteItem(key))
        if record is None:
            return [Text(key)]
        return self._entry_nodes(record)
