"""TEI P5 XML -> :class:`~edition.model.Edition`: other projects' editions, and our own export.

The file is parsed by lxml with everything that reaches outside it or blows up switched off
(:func:`parse`: no network, no DTD loading, entities left unexpanded, libxml2's size limits
kept), and a document type that declares entities is refused: malformed XML, an entity
bomb or an undefined entity end in one located error, never a traceback.

Then one walk over ``TEI/text`` builds the model, header first (:mod:`edition.readers.tei_header`):

- structure: ``front``/``body``/``back`` and nested ``div`` (``div1``..``div7``) become
  sections (``head`` their heading); ``p``, ``ab``, the parts of a letter (``opener``,
  ``salute``, ``dateline``, ``closer``, ``signed``, ``postscript``), ``list`` items,
  ``sp`` and table rows become paragraphs; block ``quote`` a block quote; ``lg`` a
  :class:`~edition.model.Verse` whose lines are numbered from ``l/@n`` or counted on;
- apparatus (parallel segmentation): ``app`` with ``lem``/``rdg``/``rdgGrp`` (witnesses
  from ``@wit``, inherited from a ``rdgGrp``), the type from ``@type``, ``note`` and
  ``witDetail`` as the comment; an ``app`` without ``lem`` (location-referenced or
  double-end-point encoding) is read at its place with a warning; ``choice`` of ``sic``
  and ``corr`` is an emendation (an apparatus entry: the corrected text, the witness's
  reading), of ``orig``/``reg`` or ``abbr``/``expan`` a :class:`~edition.model.Choice`;
- notes (``foot``, ``end``, ``margin``: all print at the foot; a note inside a note is
  kept in brackets inside it), ``pb``, ``lb`` (``break="no"`` joins the word), names
  (``persName``, ``placeName``, ``name``, ``orgName``, ``rs``, ``term`` with ``ref``/``key``)
  as index tags of registers read from ``listPerson``/``listPlace`` or generated,
  transcription (``gap``, ``supplied``, ``unclear``, ``del``, ``add``, ``hi@rend``,
  ``foreign``, ``q``/``quote``/``said``/``soCalled``), links (``ref@target``), and our
  export's citations (``bibl type="citation"``).

Everything else keeps its text, and one warning lists the elements that were not
understood, with their counts and where each first occurs.  Whitespace is XML's: runs of
spaces and line breaks in the text are one space, except under ``xml:space="preserve"``
(our export), where every space is the model's.
"""

from __future__ import annotations

import os
import re
from typing import Optional

from lxml import etree

from ..diagnostics import Reporter
from ..formats import Reader, register_reader
from ..model import Edition, Loc

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = "{%s}id" % XML_NS
XML_LANG = "{%s}lang" % XML_NS
XML_SPACE = "{%s}space" % XML_NS
#: the largest TEI file read (libxml2 refuses deeper trees and longer texts by itself)
MAX_BYTES = 64 * 1024 * 1024


def local(el) -> str:
    """An element's name without the TEI namespace ('' for comments and the like); an
    element of another namespace keeps it ({ns}name)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{" + TEI_NS + "}"):
        return tag[len(TEI_NS) + 2:]
    return tag


def parse(path: str, reporter: Reporter) -> Optional[etree._Element]:
    """The root element of a TEI file, or None after a located error: malformed XML, an
    internal DTD that declares entities (entity bombs), a file too large."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            reporter.error(Loc(path, 1, 1), f"the TEI file is {size // (1024 * 1024)} MiB: at most {MAX_BYTES // (1024 * 1024)} MiB are read",
                           "split the edition into several files")
            return None
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        reporter.error(Loc(path, 0, 0), f"cannot read the TEI file: {e.strerror}")
        return None
    if not data.strip():
        reporter.error(Loc(path, 1, 1), "the TEI file is empty", "a TEI file starts with <TEI xmlns=\"http://www.tei-c.org/ns/1.0\">")
        return None
    declares = re.search(rb"<!ENTITY", data[:1 << 20])
    if declares:
        line = data[:declares.start()].count(b"\n") + 1
        reporter.error(Loc(path, line, 1), "the TEI file declares entities in its document type: refused (entity expansion can "
                       "blow up or read files)", "replace the entities by the characters they stand for and remove the <!DOCTYPE ...>")
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True, recover=False)
    try:
        root = etree.fromstring(data, parser, base_url=None)
    except etree.XMLSyntaxError as e:
        line, col = (e.position if getattr(e, "position", None) else (e.lineno or 1, e.offset or 1))
        msg = re.sub(r", line \d+, column \d+$", "", e.msg or str(e))
        reporter.error(Loc(path, line or 1, col or 1), f"not well-formed XML: {msg}",
                       "fix the XML (an XML editor or `xmllint --noout` shows the place)")
        return None
    except (ValueError, MemoryError) as e:  # lxml refuses some inputs with these
        reporter.error(Loc(path, 1, 1), f"not readable as XML: {e}")
        return None
    for node in root.iter(etree.Entity):
        reporter.error(Loc(path, node.sourceline or 1, 1), f"entity reference {node.text} is not expanded (no DTD is read)",
                       "write the character itself")
        return None
    if root.tag in ("TEI", "teiCorpus"):  # TEI without its namespace (P4 and older tools): read as P5
        for el in root.iter():
            if isinstance(el.tag, str) and not el.tag.startswith("{"):
                el.tag = "{%s}%s" % (TEI_NS, el.tag)
        reporter.warning(Loc(path, root.sourceline or 1, 1), "a TEI document without the TEI namespace: read as TEI P5",
                         'write <TEI xmlns="http://www.tei-c.org/ns/1.0">')
    name = local(root)
    if name == "teiCorpus":
        first = next((c for c in root if local(c) == "TEI"), None)
        if first is None:
            reporter.error(Loc(path, root.sourceline or 1, 1), "a teiCorpus without a TEI document")
            return None
        reporter.warning(Loc(path, first.sourceline or 1, 1), "a teiCorpus: only its first TEI document is read",
                         "build each TEI document of the corpus on its own")
        return first
    if name != "TEI":
        reporter.error(Loc(path, root.sourceline or 1, 1), f"not a TEI document: the root element is <{etree.QName(root).localname}>",
                       'the root must be <TEI xmlns="http://www.tei-c.org/ns/1.0">')
        return None
    return root


# --------------------------------------------------------------------------- the reader


def read(path: str, reporter: Reporter) -> Optional[Edition]:
    """Read a TEI file; every problem goes to ``reporter`` with its place."""
    from .tei_body import Builder

    path = os.path.normpath(path)
    root = parse(path, reporter)
    if root is None:
        return None
    try:
        return Builder(path, reporter).edition(root)
    except RecursionError:
        reporter.error(Loc(path, 1, 1), "the TEI file nests elements too deeply", "flatten the structure")
        return None


@register_reader
class TeiReader(Reader):
    """TEI P5 XML: critical editions of other projects, and this program's own TEI export."""

    name = "tei"
    suffixes = (".xml", ".tei")
    description = "TEI P5 XML (parallel-segmentation apparatus, notes, names, verse, transcription)"

    def read(self, path: str, reporter: Reporter) -> Optional[Edition]:
        return read(path, reporter)


__all__ = ["TeiReader", "read", "parse", "local", "TEI_NS"]
