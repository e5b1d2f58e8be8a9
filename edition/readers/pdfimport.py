"""Import a PDF article into a draft edition source: what the print's fonts and positions say.

``edition import article.pdf -o draft/edition.yaml`` reads the PDF itself with pdfminer.six
(every glyph with its font, size, baseline and box) instead of the text ``pdftotext`` makes
of it, so that what tells a note from the body is not thrown away.  The page model
(:mod:`.pdfimport_page`) turns glyphs into lines in reading order and classes them; this
module turns those lines into the pages of the text importer (:class:`.rawtext_pages.Page`)
and hands them to the same steps (:func:`.rawtext.model_from_pages`): notes by their
numbers, markers in the body, suspected errors of the print, the model, and the one YAML
writer.  The rules, all general:

* **Body and notes.**  The body size is the size most of the document's glyphs have.  A
  page's note area is what stands below a horizontal rule under its body, or, without a
  rule, the run of lines smaller than the body at the foot of the page (of a column) whose
  first line begins with a number.
* **Markers** are digits smaller than their line and raised above its baseline (by a fifth
  of the line's size at least); only they can be note markers (digits glued to a word in the
  body are text).  In the note area such digits at a line's start open a note.
* **Headings**: lines larger than the body, or bold throughout, standing alone; a heading
  over several lines is one heading.  The largest on the first page is the title.
* **Running heads and folios**: the top and bottom lines of the pages that read the same on
  several pages once digits are ignored; a bare number there is the folio, and the folios
  that grow by one from page to page give the ``{pb n=..}`` numbers.
* **Paragraphs** start at an indented first line, after more space than the line spacing,
  or after a line that ends short of the column with sentence punctuation.
* **Styles**: italic, bold and small-capital glyphs (by font name) become ``*..*``,
  ``**..**`` and ``[..]{.sc}`` in the draft.
* **Columns**: a page whose glyphs leave a vertical gutter free is read column by column,
  full-width lines (a title) first where they stand.
* **Hyphens** at line ends are undone by the text importer's rule (:func:`.rawtext_layout.keep_hyphen`):
  the words of the document itself decide, then the language's hyphenation patterns (pyphen).

Every doubtful decision is in the report and in the draft (``# CHECK:`` comments, apparatus
entries of type ``suspect``), as on the text route.
"""

from __future__ import annotations

import os

from ..diagnostics import Reporter
from ..formats import Reader, register_reader
from ..model import Edition, Loc
from ..writers.yamlsrc import Comments
from .pdfimport_front import read_front
from .pdfimport_page import PdfLine, read_pages
from .rawtext import ImportReport, RawTextError, _yaml, model_from_pages, read_imported
from .rawtext_pages import Page, RawLine

MAX_PAGES = 400


def import_pdf_draft(path: str, language: str | None = None) -> tuple[Edition, Comments, ImportReport]:
    """Read the PDF at ``path``: the edition, its comments and the report."""
    report = ImportReport(source=os.path.basename(path))
    doc = read_pages(path, MAX_PAGES)
    front = read_front(doc)
    report.layout_problems += doc.problems
    pages: list[Page] = []
    lines_no = 0
    texts: list[str] = []
    checks: dict[int, list[str]] = {}
    for k, pdf_page in enumerate(doc.pages, 1):
        page = Page(k, label=pdf_page.label)
        page.separator = pdf_page.rule
        for line in pdf_page.body:
            lines_no += 1
            page.body.append(_raw(line, lines_no, k))
            texts.append(line.text)
            if line.doubt:
                checks.setdefault(lines_no, []).append(f"page {k}: {line.doubt}")
        for line in pdf_page.notes:
            lines_no += 1
            page.notes.append(_raw(line, lines_no, k))
            texts.append(line.text)
        pages.append(page)
    if not any(p.body or p.notes for p in pages):
        raise RawTextError("the PDF has no text (a scan?); run OCR on it first, e.g. ocrmypdf, then import the PDF it makes")
    edition, comments, report = model_from_pages(pages, "\n".join(texts), report, language, superscript_only=True, line_checks=checks)
    _front_into(edition, comments, report, front)
    if doc.labels_from_folios:
        comments.header.append(f"The page numbers were read from the folios of the print ({doc.labels_from_folios}).")
    edition.source = path
    edition.inputs[os.path.realpath(path)] = Loc(path, 1, 1)
    return edition, comments, report


def _front_into(edition: Edition, comments: Comments, report: ImportReport, front) -> None:
    """The title and the authors of the print's first page into the metadata, each with a
    ``# CHECK:`` (:mod:`.pdfimport_front`)."""
    if not front.title:
        return
    meta = edition.meta
    mine = comments.before.get(id(meta), [])
    comments.before[id(meta)] = [c for c in mine if "no title found" not in c]
    meta.title = front.title
    meta.subtitle = front.subtitle or meta.subtitle
    if front.title_notes:
        from ..model import Paragraph, Text

        meta.acknowledgements = [Paragraph(content=[Text(n)]) for n in front.title_notes] + meta.acknowledgements
    meta.authors = front.authors + meta.authors
    for msg in front.checks:
        comments.add(meta, f"CHECK: {msg}")
    for number, text in front.numbered_notes:  # the byline's numbered note, left for the numbering: out of the text
        if _drop_note(edition, text):
            report.footnotes_found -= 1
            # what the text route said of it (no marker: the marker is on the byline) no longer holds
            stale = f"note {number}: no marker found on page 1"
            report.unsure_markers = [u for u in report.unsure_markers if not (u[0] == 1 and u[1] == f"note {number}")]
            for key, msgs in comments.before.items():
                comments.before[key] = [m for m in msgs if stale not in m]
    if front.rubrics:
        report.layout_problems.append(f"{len(front.rubrics)} line(s) above the title dropped as the journal's rubric")
    if front.authors:
        report.layout_problems.append(f"{len(front.authors)} author(s) read from the byline of page 1 (a # CHECK: on the metadata)")


def _drop_note(edition: Edition, text: str) -> bool:
    """Take the footnote reading ``text`` out of the body (it is the affiliation now)."""
    from ..model import Container, Note, plain_text

    want = " ".join(text.split())

    def walk(nodes) -> bool:
        for i, n in enumerate(nodes):
            if isinstance(n, Note) and " ".join(plain_text(n.content, with_notes=False).split()) == want:
                del nodes[i]
                return True
            if isinstance(n, Container) and walk(n.content):
                return True
        return False

    return any(walk(p.content) for p in edition.all_paragraphs())


def _raw(line: PdfLine, no: int, page: int) -> RawLine:
    return RawLine(no, line.text, page, heading=line.heading, starts_para=line.starts_para, quote=line.quote)


def import_pdf(path: str, language: str | None = None) -> tuple[str, ImportReport]:
    """Read the PDF at ``path``: the YAML of the draft and the report."""
    edition, comments, report = import_pdf_draft(path, language)
    return _yaml(edition, comments), report


@register_reader
class PdfImportReader(Reader):
    """A PDF article, read as ``edition import`` reads it: a draft to review, built like any
    edition (``edition build article.pdf -o edition.html``)."""

    name = "pdf"
    suffixes = (".pdf",)
    description = "a PDF article, imported as a draft from its fonts and positions (as edition import does)"

    def read(self, path: str, reporter: Reporter) -> Edition | None:
        return read_imported(path, reporter, import_pdf_draft)

    @staticmethod
    def draft(path: str, language: str | None = None) -> tuple[str, ImportReport]:
        return import_pdf(path, language)


__all__ = ["PdfImportReader", "import_pdf", "import_pdf_draft"]
