"""Any CSL style: notes and bibliography through citeproc-py.

``citation-style: some.csl`` (a path relative to the edition file) or a bare name
(``isnad-dipnotlu``) found as ``<name>.csl`` in the edition's folder, its ``styles/``
folder, or the styles shipped in ``edition/citations/csl/`` (see the README there) renders
every citation and the bibliography with the Citation Style Language processor citeproc-py,
so that a journal's own style from the CSL repository works the day it is needed.

The hand-written ``house``, ``isnad`` and ``chicago`` styles remain the default where they
do better (the locator as the author typed it, volume/page of multivolume works, the seed's
first/short forms): ``tests/transforms/test_csl.py`` compares them on the seed's works and
lists every difference.

Records become CSL-JSON items (:func:`csl_item`), our locators become CSL locators, and the
processor's HTML output becomes model nodes (:func:`html_to_nodes`).

Measured (``bench/``-style, one run under load, see the issue note): loading the 245 kB
Chicago style takes ~6 ms, a citation ~2 ms.
"""

from __future__ import annotations

import functools
import html
import os
import re
from typing import Optional

from ..model import Emph, Inline, Link, SmallCaps, Strong, Text
from .database import Record
from .locators import Locator
from .names import Name

__all__ = ["CslEngine", "find_csl", "csl_item", "html_to_nodes", "BUILTIN_DIR"]

#: The CSL styles shipped with edition.
BUILTIN_DIR = os.path.join(os.path.dirname(__file__), "csl")

#: Our kinds (and some entry types) as CSL item types.
CSL_TYPES = {
    "book": "book", "article": "article-journal", "newspaper": "article-newspaper",
    "chapter": "chapter", "encyclopedia": "entry-encyclopedia", "thesis": "thesis",
    "webpage": "webpage", "archival": "manuscript", "talk": "speech",
}
_TYPE_OVERRIDES = {"inproceedings": "paper-conference", "proceedings": "book",
                   "report": "report", "techreport": "report", "review": "review",
                   "periodical": "periodical", "patent": "patent", "dataset": "dataset",
                   "software": "software", "letter": "personal_communication",
                   "magazine": "article-magazine"}


def find_csl(spec: str, base_dir: str) -> Optional[str]:
    """The CSL file ``citation-style:`` names, or None.

    >>> os.path.basename(find_csl("isnad-dipnotlu", "/nonexistent"))
    'isnad-dipnotlu.csl'
    >>> find_csl("house", "/nonexistent") is None
    True
    """
    if spec.endswith(".csl"):
        path = spec if os.path.isabs(spec) else os.path.join(base_dir, spec)
        if os.path.exists(path):
            return path
        name = os.path.basename(spec)
        builtin = os.path.join(BUILTIN_DIR, name)
        return builtin if os.path.exists(builtin) and "/" not in spec else None
    if "/" in spec or os.sep in spec or spec.endswith(".py"):
        return None
    for folder in (base_dir, os.path.join(base_dir, "styles"), BUILTIN_DIR):
        path = os.path.join(folder, spec + ".csl")
        if os.path.exists(path):
            return path
    return None


def builtin_names() -> list[str]:
    return sorted(f[:-4] for f in os.listdir(BUILTIN_DIR) if f.endswith(".csl"))


def _csl_name(name: Name) -> dict:
    if name.literal:
        return {"literal": name.family}
    out = {"family": name.family}
    if name.given:
        out["given"] = name.given
    if name.particle:
        key = "dropping-particle" if name.particle[:1].islower() else "non-dropping-particle"
        out[key] = name.particle
    if name.suffix:
        out["suffix"] = name.suffix
    return out


def _date_parts(record: Record, field: str = "") -> Optional[dict]:
    from .biblatex import parse_edtf
    from .terms import parse_date

    if field:
        value = record.get(field)
        edtf = parse_edtf(value)
        date = edtf[0] if edtf and edtf[0] else parse_date(value)
        return {"date-parts": [[p for p in date if p]]} if date[0] else None
    edtf = record.edtf
    if edtf and isinstance(edtf[1], tuple) and edtf[0]:
        return {"date-parts": [[p for p in edtf[0][:1] + tuple(x for x in edtf[0][1:] if 0 < x <= 12 and x)],
                               [p for p in edtf[1][:1] + tuple(x for x in edtf[1][1:] if 0 < x <= 12 and x)]]}
    year, month, day = record.date
    if not year:
        return {"literal": record.year_text} if record.year_text else None
    out: dict = {"date-parts": [[year] + ([month] if 0 < month <= 12 else [])
                                + ([day] if day and 0 < month <= 12 else [])]}
    season = month - 20 if month > 20 else 0
    if record.season:
        season = ["spring", "summer", "autumn", "winter"].index(
            {"fall": "autumn"}.get(record.season.lower(), record.season.lower())) + 1
    if season:
        out["season"] = season
    return out


def csl_item(record: Record) -> dict:
    """A record as a CSL-JSON item (the variables CSL styles read).

    >>> from edition.citations.database import Record
    >>> r = Record("k", "incollection", fields={"title": "Frontier", "booktitle": "Space",
    ...            "location": "Westport", "date": "2000", "pages": "55--65"},
    ...            persons={"author": [Name(given="Jane", family="Doe")]})
    >>> item = csl_item(r)
    >>> item["type"], item["container-title"], item["issued"], item["author"]
    ('chapter', 'Space', {'date-parts': [[2000]]}, [{'family': 'Doe', 'given': 'Jane'}])
    """
    kind = record.kind
    item: dict = {"id": record.key.lower(),
                  "type": _TYPE_OVERRIDES.get(record.type, CSL_TYPES.get(kind, "book"))}
    if record.fields.get("entrysubtype", "").lower() == "magazine":
        item["type"] = "article-magazine"
    for role, variable in (("author", "author"), ("editor", "editor"), ("translator", "translator"),
                           ("bookauthor", "container-author"), ("editora", "editorial-director")):
        # (a commentator has no CSL variable: citeproc-py fails on "contributor" in the
        # Chicago style, so it is left out)
        if record.names(role):
            item[variable] = [_csl_name(n) for n in record.names(role)]
    if record.get("editortype").lower() == "compiler" and "editor" in item:
        item["compiler"] = item.pop("editor")
    title = record.get("title")
    if record.get("subtitle"):
        title = f"{title}: {record.get('subtitle')}"
    container = {"article": record.get("journal"), "newspaper": record.get("journal"),
                 "webpage": record.get("sitename")}.get(kind, record.get("booktitle"))
    plain = {
        "title": title, "title-short": record.get("shorttitle"), "container-title": container,
        "collection-title": record.get("series"), "publisher": record.get("publisher"),
        "publisher-place": record.get("location"), "volume": record.get("volume"),
        "number-of-volumes": record.get("volumes"), "issue": record.get("number"),
        "page": record.get("pages").replace("--", "–"), "edition": record.get("edition"),
        "URL": record.get("url"), "DOI": record.get("doi"), "ISBN": record.get("isbn"),
        "archive": record.get("archive"), "archive_location": record.get("archive_location"),
        "event-title": record.get("eventtitle"), "event-place": record.get("venue"),
        "genre": record.get("type") if kind == "thesis" else "",
        "number": record.get("number") if item["type"] == "report" else "",
        "note": record.get("note"), "language": record.get("langid"),
    }
    if kind == "thesis":
        plain["publisher"] = record.get("school")
    if kind == "webpage" and not record.get("publisher"):
        plain["publisher"] = record.get("owner") if record.get("owner") != container else ""
    item.update({k: v for k, v in plain.items() if v})
    for field_name, variable in (("", "issued"), ("urldate", "accessed"),
                                 ("origdate", "original-date"), ("eventdate", "event-date")):
        if field_name and not record.get(field_name):
            continue
        parts = _date_parts(record, field_name)
        if parts:
            item[variable] = parts
    return item


_TAG = re.compile(r"<(/?)(i|b|em|strong|span|sup|sub|a)\b([^>]*)>")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>]+[^\s<>.,;:)]")


def html_to_nodes(markup: str) -> list[Inline]:
    """citeproc-py's HTML as model nodes: italics, bold, small caps, links for URLs.

    >>> html_to_nodes('Karabekir, <i>İstiklal &amp; Harbimiz</i>, https://a.org/x.')
    [Text(text='Karabekir, '), Emph(content=[Text(text='İstiklal & Harbimiz')]), Text(text=', '), Link(content=[Text(text='https://a.org/x')], url='https://a.org/x'), Text(text='.')]
    """
    root: list[Inline] = []
    stack: list[list[Inline]] = [root]
    containers: list = []
    pos = 0
    for m in _TAG.finditer(markup):
        _text(stack[-1], markup[pos:m.start()])
        pos = m.end()
        closing, tag, attrs = m.groups()
        if closing:
            if containers:
                node = containers.pop()
                stack.pop()
                if node is not None:
                    stack[-1].append(node)
                else:
                    pass
            continue
        if tag in {"i", "em"}:
            node = Emph(content=[])
        elif tag in {"b", "strong"}:
            node = Strong(content=[])
        elif tag == "span" and "small-caps" in attrs:
            node = SmallCaps(content=[])
        else:
            node = None
        containers.append(node)
        if node is None:
            stack.append(stack[-1])
        else:
            stack.append(node.content)
    _text(stack[-1], markup[pos:])
    return root


def _text(out: list[Inline], raw: str) -> None:
    text = html.unescape(raw)
    pos = 0
    for m in _URL.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos:m.start()]))
        out.append(Link(content=[Text(m.group(0))], url=m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))


def _fast_macros() -> None:
    """citeproc-py looks a macro up by an XPath search each time it is used (343 707
    searches, half of the time of rendering 235 entries in the Chicago style); the macros of
    a loaded style never change, so each is looked up once.  The cache holds the elements,
    which keeps lxml's proxies (and so their ids) alive."""
    from citeproc import model

    cls = model.CitationStylesElement
    if getattr(cls, "_edition_macro_cache", None) is not None:
        return
    cache: dict = {}
    search = cls.get_macro

    def get_macro(self, name):
        root = self.get_root()
        key = (id(root), name)
        found = cache.get(key)
        if found is None or found[0] is not root:
            found = cache[key] = (root, search(self, name))
        return found[1]

    cls._edition_macro_cache = cache
    cls.get_macro = get_macro
    # whether an element calls a variable depends on the style alone (a third of the rest)
    for klass in list(vars(model).values()):
        if isinstance(klass, type) and "calls_variable" in vars(klass):
            klass.calls_variable = _remembered(klass.calls_variable)


def _remembered(method):
    results: dict = {}

    def calls_variable(self):
        if self not in results:  # the key keeps the element (and its proxy) alive
            results[self] = method(self)
        return results[self]

    return calls_variable


@functools.lru_cache(maxsize=8)
def _load_style(path: str, mtime: float, locale: str):
    from citeproc import CitationStylesStyle

    _fast_macros()
    return CitationStylesStyle(path, locale=locale, validate=False)


def _source(items: list[dict]):
    """citeproc-py's source for ``items``; its warnings about CSL variables it does not know
    (event-title) are not the user's concern: the variable is simply not printed."""
    import warnings

    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return CiteProcJSON(items)


def csl_locale(language: str) -> str:
    """The citeproc-py locale for a document language ('tr' -> 'tr-TR').

    >>> csl_locale("tr"), csl_locale("en"), csl_locale("de-AT"), csl_locale("xx")
    ('tr-TR', 'en-US', 'de-AT', 'en-US')
    """
    import citeproc

    folder = os.path.join(os.path.dirname(citeproc.__file__), "data", "locales")
    available = {f[8:-4] for f in os.listdir(folder) if f.startswith("locales-")}
    tag = (language or "en").replace("_", "-")
    if tag in available:
        return tag
    base = tag.split("-")[0].lower()
    preferred = {"en": "en-US", "pt": "pt-PT", "zh": "zh-CN"}.get(base)
    if preferred in available:
        return preferred
    for name in sorted(available):
        if name.split("-")[0].lower() == base:
            return name
    return "en-US"


class CslEngine:
    """One document's citations and bibliography in a CSL style."""

    def __init__(self, path: str, language: str):
        from citeproc import CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        self.path = path
        self.name = os.path.basename(path)[:-4]
        self.style = _load_style(path, os.path.getmtime(path), csl_locale(language))
        self._source = CiteProcJSON([])
        self._bib = CitationStylesBibliography(self.style, self._source, formatter.html)
        self._known: set[str] = set()

    def _add(self, record: Record) -> str:
        from citeproc.source.json import CiteProcJSON

        key = record.key.lower()
        if key not in self._known:
            self._known.add(key)
            single = _source([csl_item(record)])
            self._source.update(single)
        return key

    def cite(self, items: list[tuple[Record, Locator, str, str]]) -> list[Inline]:
        """One citation of ``items`` ((record, locator, prefix, suffix)); no final period."""
        from citeproc import Citation, CitationItem
        from citeproc.source import Locator as CslLocator

        entries = []
        for record, locator, prefix, suffix in items:
            members = record.members or [record]
            for i, member in enumerate(members):
                args = {}
                if locator.pages and i == 0:
                    args["locator"] = CslLocator("page" if locator.is_page else "section",
                                                 locator.pages)
                if prefix and i == 0:
                    args["prefix"] = prefix + " "
                if suffix and i == len(members) - 1:
                    args["suffix"] = (", " if suffix[:1] not in ",;.)" else "") + suffix
                entries.append(CitationItem(self._add(member), **args))
        citation = Citation(entries)
        self._bib.register(citation)
        text = str(self._bib.cite(citation, lambda item: None))
        return self._tidy(html_to_nodes(text[:-1] if text.endswith(".") and not text.endswith("..") else text))

    def _tidy(self, nodes: list[Inline]) -> list[Inline]:
        """What citeproc-py leaves undone: no period after a closing ?/!/. ("Now?."), and
        the locale's punctuation-in-quote (en-US: "Moments.”")."""
        from . import rich as R

        nodes = R.no_double_periods(nodes)
        if self.style.root.get_locale_option("punctuation-in-quote").lower() == "true":
            nodes = R.american_punctuation(nodes)
        return nodes

    def entry(self, record: Record) -> list[Inline]:
        """``record`` in the style's bibliography form."""
        from citeproc import CitationStylesBibliography, Citation, CitationItem, formatter
        from citeproc.source.json import CiteProcJSON

        source = _source([csl_item(m) for m in (record.members or [record])])
        bib = CitationStylesBibliography(self.style, source, formatter.html)
        bib.register(Citation([CitationItem(m.key.lower()) for m in (record.members or [record])]))
        return self._tidy(html_to_nodes(" ".join(str(e) for e in bib.bibliography())))

