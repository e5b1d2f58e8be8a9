"""One check across a submission's outputs: do the PDF, DOCX, JATS and Crossref files agree?

Publishers deposit metadata that disagrees with the PDF (a title corrected in one file only,
an author added late, a note deleted in the Word file).  :func:`facts` reads from each
output, as a reader of that file would find them, the facts every deliverable must share:

==============  =========================  ===================  =====================  =======================
fact            PDF                        DOCX                 JATS                   Crossref
==============  =========================  ===================  =====================  =======================
title           /Title                     dc:title             article-title (+ sub)  title (+ subtitle)
authors         /Author                    dc:creator           contrib names          person_name
abstract        /Subject                   dc:description       abstract               jats:abstract (own lang)
keywords        /Keywords                  cp:keywords          kwd (all groups)       (none in the schema)
notes           destinations fnref1…       footnoteReference    fn in the notes group  —
apparatus       destinations app1…         endnotes + in notes  fn custom apparatus    —
references      destinations ref-…         Bibliography paras   ref                    citation
==============  =========================  ===================  =====================  =======================

:func:`compare` reports each fact on which two sides differ as an error naming both (the
first side that has the fact is the reference: the source, when it is given).  A fact a
format does not carry is not compared.  ``edition check --outputs`` runs it; ``edition
journal`` runs it after writing every output.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field, fields
from typing import Optional

from .diagnostics import Reporter
from .model import Edition, Loc

FACTS = ("title", "authors", "abstract", "keywords", "notes", "apparatus", "references")


@dataclass
class Facts:
    """What one side (an output, or the source) says; None where its format says nothing."""

    side: str  # "the PDF (build/x.pdf)"
    path: str
    title: Optional[str] = None
    authors: Optional[str] = None
    abstract: Optional[str] = None
    keywords: Optional[str] = None
    notes: Optional[int] = None
    apparatus: Optional[int] = None
    references: Optional[int] = None
    extra: dict = field(default_factory=dict)


def norm(text: Optional[str]) -> str:
    """Whitespace folded, soft hyphens and zero-width spaces gone: what a reader sees.

    >>> norm(" a\\n  b\\u00ad c\\u200b ")
    'a b c'
    """
    return " ".join((text or "").replace("\u00ad", "").replace("\u200b", "").split())


def from_source(edition: Edition, path: str) -> Facts:
    from .writers.html import all_keywords, main_abstract

    meta = edition.meta
    return Facts(f"the source ({path})", path, title=norm(meta.title + (f": {meta.subtitle}" if meta.subtitle else "")),
                 authors=norm(", ".join(a.name for a in meta.authors)), abstract=norm(main_abstract(edition)),
                 keywords=norm(", ".join(all_keywords(edition))), notes=len(edition.notes), apparatus=len(edition.apparatus),
                 references=len(edition.bibliography_entries))


def _pdf(path: str) -> Facts:
    import pikepdf

    with pikepdf.open(path) as pdf:
        info = {k: str(v) for k, v in pdf.docinfo.items()}
        names: list[str] = []

        def walk(node):
            if "/Names" in node:
                names.extend(str(node.Names[i]) for i in range(0, len(node.Names), 2))
            for kid in node.get("/Kids", []):
                walk(kid)

        dests = pdf.Root.get("/Names", {}).get("/Dests") if "/Names" in pdf.Root else None
        if dests is not None:
            walk(dests)
    count = lambda pattern: sum(1 for n in names if re.fullmatch(pattern, n))  # noqa: E731
    return Facts(f"the PDF ({path})", path, title=norm(info.get("/Title")), authors=norm(info.get("/Author")),
                 abstract=norm(info.get("/Subject")), keywords=norm(info.get("/Keywords")),
                 notes=count(r"fnref\d+"), apparatus=count(r"app\d+"), references=count(r"ref-.+"))


def _docx(path: str) -> Facts:
    from lxml import etree

    from .writers.ooxml import w

    with zipfile.ZipFile(path) as z:
        core = etree.fromstring(z.read("docProps/core.xml"))
        doc = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
        foot = etree.fromstring(z.read("word/footnotes.xml")) if "word/footnotes.xml" in z.namelist() else None
    prop = lambda local: norm(next((e.text for e in core if etree.QName(e).localname == local), ""))  # noqa: E731
    ids = {norm(s.find(w("name")).get(w("val"))).casefold(): s.get(w("styleId")) for s in styles.iter(w("style")) if s.find(w("name")) is not None}
    styled = lambda root, name: sum(1 for p in root.iter(w("pStyle")) if p.get(w("val")) == ids.get(name))  # noqa: E731
    in_notes = styled(foot, "apparatus in note") if foot is not None else 0
    return Facts(f"the DOCX ({path})", path, title=prop("title"), authors=prop("creator"), abstract=prop("description"),
                 keywords=prop("keywords"), notes=len(list(doc.iter(w("footnoteReference")))),
                 apparatus=len(list(doc.iter(w("endnoteReference")))) + in_notes, references=styled(doc, "bibliography"))


def _jats(path: str) -> Facts:
    from lxml import etree

    root = etree.parse(path).getroot()
    text = lambda e: norm("".join(e.itertext())) if e is not None else ""  # noqa: E731
    tg = root.find("front/article-meta/title-group")
    title = text(tg.find("article-title")) + (f": {text(tg.find('subtitle'))}" if tg.find("subtitle") is not None else "")
    names = []
    for name in root.iterfind("front/article-meta/contrib-group/contrib/name"):
        names.append(norm(f"{name.findtext('given-names') or ''} {name.findtext('surname') or ''}"))
    abstract = root.find("front/article-meta/abstract")
    abstract_text = norm(" ".join(text(p) for p in abstract.iterfind("p"))) if abstract is not None else ""
    kwds: list[str] = []
    groups = root.findall("front/article-meta/kwd-group")
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    for g in sorted(groups, key=lambda g: g.get("{http://www.w3.org/XML/1998/namespace}lang") != lang):
        kwds.extend(k for k in (text(k) for k in g.iterfind("kwd")) if k not in kwds)
    return Facts(f"the JATS ({path})", path, title=title, authors=", ".join(names), abstract=abstract_text, keywords=", ".join(kwds),
                 notes=len(root.findall("back/fn-group[@content-type='footnotes']/fn")),
                 apparatus=len(root.findall("back/fn-group[@content-type='apparatus']/fn")),
                 references=len(root.findall("back/ref-list/ref")))


def _crossref(path: str) -> Facts:
    from lxml import etree

    from .writers.crossref import CR, JATS

    root = etree.parse(path).getroot()
    ns = {"c": CR, "j": JATS}
    art = root.find(".//c:journal_article", ns)
    text = lambda e: norm("".join(e.itertext())) if e is not None else ""  # noqa: E731
    title = text(art.find("c:titles/c:title", ns))
    sub = art.find("c:titles/c:subtitle", ns)
    if sub is not None:
        title += f": {text(sub)}"
    names = [norm(f"{p.findtext('c:given_name', '', ns)} {p.findtext('c:surname', '', ns)}") for p in art.iterfind("c:contributors/c:person_name", ns)]
    lang = art.get("language")
    abstract = next((a for a in art.iterfind("j:abstract", ns) if a.get("{http://www.w3.org/XML/1998/namespace}lang") == lang), None)
    return Facts(f"the Crossref deposit ({path})", path, title=title, authors=", ".join(names),
                 abstract=norm(" ".join(text(p) for p in abstract.iterfind("j:p", ns))) if abstract is not None else None,
                 references=len(art.findall("c:citation_list/c:citation", ns)))


READERS = {"pdf": _pdf, "docx": _docx, "jats": _jats, "crossref": _crossref}


def facts(path: str, reporter: Reporter) -> Optional[Facts]:
    """The facts of one output, by the format of its suffix; None (and an error) for a file
    that cannot be read or a format the check does not know."""
    from .formats import FormatError, writer_for

    try:
        name = writer_for(path).name
    except FormatError as exc:
        reporter.error(Loc(path), str(exc), "the check reads .pdf, .docx, .jats.xml and .crossref.xml outputs")
        return None
    if name not in READERS:
        reporter.error(Loc(path), f"the consistency check does not read {name} outputs", "give .pdf, .docx, .jats.xml or .crossref.xml files")
        return None
    try:
        return READERS[name](path)
    except Exception as exc:  # a damaged or foreign file: say which, never a traceback
        reporter.error(Loc(path), f"cannot read this {name} output: {type(exc).__name__}: {exc}", "build it again")
        return None


def _show(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 90 else text[:87] + "...")


def compare(sides: list[Facts], reporter: Reporter) -> int:
    """Report every fact on which a side differs from the first side that states it; the
    number of disagreements."""
    problems = 0
    for fact in FACTS:
        stated = [(s, getattr(s, fact)) for s in sides if getattr(s, fact) is not None]
        if not stated:
            continue
        ref, expected = stated[0]
        for side, value in stated[1:]:
            if value != expected:
                problems += 1
                detail = ""
                if isinstance(value, str) and isinstance(expected, str):
                    at = next((i for i, (a, b) in enumerate(zip(expected, value)) if a != b), min(len(expected), len(value)))
                    detail = f" (they part at character {at + 1})"
                reporter.error(Loc(side.path), f"{fact}: {side.side} says {_show(value)}, {ref.side} says {_show(expected)}{detail}",
                               "build every output again from the same source (edition journal), or correct the one edited by hand")
    return problems


def check_outputs(paths: list[str], reporter: Reporter, edition: Optional[Edition] = None, source: str = "") -> list[Facts]:
    """Read every output (and the source, when given, as the reference side) and compare them."""
    sides = [from_source(edition, source)] if edition is not None else []
    sides += [f for f in (facts(p, reporter) for p in paths) if f is not None]
    compare(sides, reporter)
    return sides


__all__ = ["Facts", "facts", "compare", "check_outputs", "FACTS"]
assert set(FACTS) <= {f.name for f in fields(Facts)}
