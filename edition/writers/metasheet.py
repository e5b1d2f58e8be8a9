"""The metadata sheet: plain text to copy into a journal platform's web form (DergiPark's
among them), one block per language and the same facts as the deposits.

For each language, the title, the abstract and the keywords, labelled in that language;
then the authors (affiliation, ORCID, e-mail), the article's particulars (journal, volume,
issue, pages, year, DOI, licence, URL) and the references, numbered, as the style renders
them.  A field the source lacks is left out, never printed as a placeholder.

>>> from edition.model import Abstract, Edition, Meta, Paragraph, Text
>>> ed = Edition(meta=Meta(title="Başlık", language="tr", abstracts=[
...     Abstract("tr", "ÖZ", [Paragraph([Text("Öz metni.")])], keywords=["a", "b"]),
...     Abstract("en", "ABSTRACT", [Paragraph([Text("Abstract text.")])], keywords=["c"], title="Title")]))
>>> print(sheet(ed))
ÖZ (tr)
Başlık: Başlık
Öz: Öz metni.
Anahtar Kelimeler: a, b
<BLANKLINE>
ABSTRACT (en)
Title: Title
Abstract: Abstract text.
Keywords: c
<BLANKLINE>
<BLANKLINE>
"""

from __future__ import annotations

from ..diagnostics import Reporter
from ..formats import Writer, WriteOptions, WriteResult, register_writer
from ..model import Edition, plain_text
from ..terms import term
from . import scholarly as S


def _lines(label: str, value: str) -> list[str]:
    return [f"{label}: {value}"] if value else []


def sheet(edition: Edition) -> str:
    meta, lang = edition.meta, edition.meta.language
    titles = meta.titles()
    blocks: list[list[str]] = []
    languages = [ab.language for ab in meta.abstracts] or [lang]
    for code in dict.fromkeys(languages):
        ab = next((a for a in meta.abstracts if a.language == code), None)
        t = lambda k: term(code, k)  # noqa: E731
        out = [f"{(ab.heading if ab and ab.heading else code.upper())} ({code})"]
        out += _lines(t("sheet:title"), titles.get(code, ""))
        if code == lang:
            out += _lines(t("sheet:subtitle"), meta.subtitle)
        if ab is not None:
            out += _lines(t("sheet:abstract"), " ".join(plain_text(p.content) for p in ab.paragraphs))
            out += _lines(ab.keywords_label or t("keywords"), ", ".join(ab.keywords))
        blocks.append(out)
    if meta.authors:
        out = [term(lang, "sheet:authors")]
        for i, a in enumerate(meta.authors, 1):
            out.append(f"{i}. " + " — ".join(x for x in (a.name, a.affiliation, f"ORCID {S.orcid_url(a.orcid)}" if a.orcid else "", a.email) if x))
        blocks.append(out)
    j = lambda k: S.journal(edition, k)  # noqa: E731
    facts = [("sheet:journal", j("name")), ("sheet:volume", j("volume")), ("sheet:issue", j("issue")), ("sheet:pages", j("pages")),
             ("sheet:year", S.issue_year(edition, None)), ("doi", meta.doi), ("licence", meta.licence), ("sheet:url", meta.url)]
    article = [line for key, value in facts for line in _lines(term(lang, key), value)]
    if article:
        blocks.append([term(lang, "sheet:article"), *article])
    if edition.bibliography_entries:
        blocks.append([term(lang, "sheet:references")] + [f"{i}. {plain_text(e.content)}" for i, e in enumerate(edition.bibliography_entries, 1)])
    return "".join("\n".join(b) + "\n\n" for b in blocks)


@register_writer
class MetadataSheetWriter(Writer):
    name = "metadata"
    suffixes = (".metadata.txt",)
    description = "metadata sheet (plain text): titles, abstracts, keywords in each language, authors, references"

    def write(self, edition: Edition, output: str, reporter: Reporter, options: WriteOptions) -> WriteResult:
        from ..core import write_atomic

        options.progress(f"[2/2] writing {output}")
        write_atomic(output, sheet(edition).encode("utf-8"))
        return WriteResult(output)
