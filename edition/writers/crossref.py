"""Crossref deposit XML (schema 5.3.1): the article's metadata as a journal deposits it.

One ``doi_batch``: the depositor (the journal's publisher and e-mail), the journal (title,
ISSN), its issue (volume, number, year), the article with its title and the translated
titles (``original_language_title`` with their language), the authors with affiliations
and ORCID iDs, every abstract as ``jats:abstract`` in its language, the date, the pages, the
licence (``ai:program``), the DOI and landing page, and ``citation_list``: every work of the
bibliography with its DOI where the database has one, its fields (author, title, year,
volume, pages) and the style's rendering as ``unstructured_citation``.

A deposit without a DOI, a landing page, a journal, a year or the depositor's e-mail is not
made: the writer reports what the source lacks (nothing is invented).  The batch id and the
timestamp come from the build's source date (SOURCE_DATE_EPOCH), so the same source gives
the same bytes; Crossref asks a later deposit of the same DOI to carry a larger timestamp.
"""

from __future__ import annotations

import hashlib
import re
from typing import Optional

from lxml import etree

from ..diagnostics import Reporter
from ..formats import Writer, WriteOptions, WriteResult, register_writer
from ..model import Edition, plain_text
from . import scholarly as S
from .jats import ref_id

CR = "http://www.crossref.org/schema/5.3.1"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
AI = "http://www.crossref.org/AccessIndicators.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def c(parent, tag: str, text: Optional[str] = None, ns: str = CR, **attrs) -> etree._Element:
    e = etree.SubElement(parent, f"{{{ns}}}{tag}", {k if k.startswith("{") else k: v for k, v in attrs.items()})
    if text is not None:
        e.text = text
    return e


def timestamp(source_date: str) -> str:
    """Crossref's timestamp (digits, larger for a later deposit) of an ISO date.

    >>> timestamp("2023-11-14T22:13:20Z"), timestamp("2019-06-30")
    ('20231114221320', '20190630000000')
    """
    digits = re.sub(r"\D", "", source_date)
    return (digits + "0" * 14)[:14]


def needs(edition: Edition, source_date: Optional[str]) -> list[tuple[str, str, str]]:
    """What a deposit cannot be made without: (value, key, example)."""
    j = lambda k: S.journal(edition, k)  # noqa: E731
    return [
        (edition.meta.doi, "doi", "doi: 10.12345/abc.2024.001"),
        (edition.meta.url, "url (the article's landing page)", "url: https://dergipark.org.tr/tr/pub/abc/issue/1/2"),
        (j("name"), "journal: name", "journal: {name: Tarih Dergisi}"),
        (j("email"), "journal: email (the depositor's address)", "email: editor@journal.org under journal:"),
        (S.issue_year(edition, source_date), "journal: year (or date)", "year: 2024 under journal:"),
        (source_date, "date (or SOURCE_DATE_EPOCH: the deposit's timestamp)", "date: 2024-06-30"),
    ]


def deposit(edition: Edition, source_date: str) -> etree._Element:
    meta, j = edition.meta, (lambda k: S.journal(edition, k))
    root = etree.Element(f"{{{CR}}}doi_batch", {"version": "5.3.1", f"{{{XSI}}}schemaLocation": f"{CR} https://www.crossref.org/schemas/crossref5.3.1.xsd"},
                         nsmap={None: CR, "jats": JATS, "ai": AI, "xsi": XSI})
    head = c(root, "head")
    c(head, "doi_batch_id", hashlib.sha1(f"{meta.doi} {source_date}".encode()).hexdigest()[:20])
    c(head, "timestamp", timestamp(source_date))
    dep = c(head, "depositor")
    c(dep, "depositor_name", j("publisher") or j("name"))
    c(dep, "email_address", j("email"))
    c(head, "registrant", j("publisher") or j("name"))
    journal = c(c(root, "body"), "journal")
    jm = c(journal, "journal_metadata", language=meta.language)
    c(jm, "full_title", j("name"))
    if j("abbrev"):
        c(jm, "abbrev_title", j("abbrev"))
    for key, media in (("issn", "print"), ("eissn", "electronic")):
        if j(key):
            c(jm, "issn", j(key), media_type=media)
    year = S.issue_year(edition, source_date)
    if j("volume") or j("issue"):
        ji = c(journal, "journal_issue")
        c(c(ji, "publication_date", media_type="online"), "year", year)
        if j("volume"):
            c(c(ji, "journal_volume"), "volume", j("volume"))
        if j("issue"):
            c(ji, "issue", j("issue"))
    art = c(journal, "journal_article", publication_type="full_text", language=meta.language)
    titles = c(art, "titles")
    c(titles, "title", meta.title)
    if meta.subtitle:
        c(titles, "subtitle", meta.subtitle)
    for lang, title in meta.titles().items():
        if lang != meta.language:
            c(titles, "original_language_title", title, language=lang)
            break  # the schema allows one
    if meta.authors:
        people = c(art, "contributors")
        for i, a in enumerate(meta.authors):
            p = c(people, "person_name", sequence="first" if i == 0 else "additional", contributor_role="author")
            given, family = S.name_parts(a)
            if given:
                c(p, "given_name", given)
            c(p, "surname", family)
            if a.affiliation:
                c(c(c(p, "affiliations"), "institution"), "institution_name", a.affiliation)
            if a.orcid:
                c(p, "ORCID", S.orcid_url(a.orcid))
    for ab in meta.abstracts:
        abstract = c(art, "abstract", ns=JATS, **{XML_LANG: ab.language})
        for par in ab.paragraphs:
            c(abstract, "p", plain_text(par.content), ns=JATS)
    y, m, d = S.date_parts(meta.date)
    pd = c(art, "publication_date", media_type="online")
    if m:
        c(pd, "month", m)
        if d:
            c(pd, "day", d)
    c(pd, "year", y or year)
    first, last = S.page_range(j("pages"))
    if first:
        pages = c(art, "pages")
        c(pages, "first_page", first)
        if last:
            c(pages, "last_page", last)
    url = S.licence_url(meta.licence)
    if url:
        c(c(art, "program", ns=AI, name="AccessIndicators"), "license_ref", url, ns=AI)
    dd = c(art, "doi_data")
    c(dd, "doi", meta.doi)
    c(dd, "resource", meta.url)
    citations(c(art, "citation_list"), edition)
    return root


def citations(parent, edition: Edition) -> None:
    """``citation_list``: each work of the bibliography, in the bibliography's order."""
    records = S.records(edition)
    for e in edition.bibliography_entries:
        cit = c(parent, "citation", key=ref_id(e.key))
        rec = records.get(e.key)
        if rec is not None:
            article = rec.kind in ("article", "newspaper")
            if article and rec.get("journal"):
                c(cit, "journal_title", rec.get("journal"))
            authors = rec.names("author") or rec.names("editor")
            if authors:
                c(cit, "author", authors[0].family)
            if rec.get("volume"):
                c(cit, "volume", rec.get("volume"))
            if rec.get("number") and article:
                c(cit, "issue", rec.get("number"))
            first = S.page_range(rec.get("pages"))[0]
            if first:
                c(cit, "first_page", first)
            if rec.year:
                c(cit, "cYear", str(rec.year))
            if rec.get("doi"):
                c(cit, "doi", rec.get("doi"))
            # a web page (@online) has no field of its own in the schema (no URL, no access
            # date): its title is not a book's volume_title; unstructured_citation carries it all
            if not article and rec.kind != "webpage" and rec.get("title"):
                c(cit, "volume_title", rec.get("title"))
            if article and rec.get("title"):
                c(cit, "article_title", rec.get("title"))
        c(cit, "unstructured_citation", plain_text(e.content))


@register_writer
class CrossrefWriter(Writer):
    name = "crossref"
    suffixes = (".crossref.xml",)
    description = "Crossref 5.3.1 deposit XML: journal, issue, article, contributors, abstracts, licence, citations"

    def write(self, edition: Edition, output: str, reporter: Reporter, options: WriteOptions) -> WriteResult:
        from ..core import write_atomic

        when = options.source_date or edition.meta.date
        if not S.require(edition, reporter, "a Crossref deposit", needs(edition, when)):
            return WriteResult(output)
        options.progress(f"[2/2] writing {output}")
        root = deposit(edition, when)
        write_atomic(output, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        return WriteResult(output)
