"""Citations: BibTeX/YAML bibliographies in, formatted notes and bibliography out.

The edition's citation engine, built on pybtex's parsers::

    from edition.citations import load_database, CitationProcessor

    db = load_database(["references.bib"], reporter)
    proc = CitationProcessor(db, style="isnad", language="tr", reporter=reporter, base_dir=".")
    for cite in cites_in_document_order:
        cite.rendered = proc.cite(cite, in_note=True)      # list[Inline], no final period
    entries = proc.bibliography()                           # list[list[Inline]], sorted

Modules: :mod:`.database` (reading ``.bib``/``.yaml``, LaTeX to Unicode, source locations),
:mod:`.names`, :mod:`.locators` ("I, s.171" -> volume and pages), :mod:`.terms` (localised
terms and dates), :mod:`.rich` (building ``list[Inline]``), :mod:`.style` (the
:class:`Style` base class and style loading), the styles :mod:`.house`, :mod:`.isnad`,
:mod:`.chicago`, and :mod:`.processor`.  ``docs/citations.md`` describes the styles and how
to write one's own.
"""

from __future__ import annotations

from .chicago import ChicagoStyle
from .database import Database, Record, load_database
from .house import HouseStyle
from .isnad import IsnadStyle
from .locators import Locator, parse_locator
from .names import Name
from .processor import CitationProcessor
from .style import STYLES, Style, StyleError, load_style, register_style

__all__ = [
    "load_database",
    "CitationProcessor",
    "Database",
    "Record",
    "Name",
    "Locator",
    "parse_locator",
    "Style",
    "HouseStyle",
    "IsnadStyle",
    "ChicagoStyle",
    "STYLES",
    "StyleError",
    "load_style",
    "register_style",
]
