"""The front of page 1 (edition/readers/pdfimport_front.py) on first pages set like a
journal's (tests/data/import/front/, made by its make_front.py with WeasyPrint): a subtitle
under the title, several authors on one byline, notes on the names as affiliations beside
the page's numbered notes (issue 21).  The published articles' fronts are held in
tests/readers/test_pdf_import_real.py."""

from __future__ import annotations

import os

import pytest

from edition.readers.pdfimport import import_pdf, import_pdf_draft
from edition.readers.pdfimport_front import _names
from tests.readers import import_score

FRONT = os.path.join(os.path.dirname(import_score.CORPUS), "front")


@pytest.fixture(scope="module")
def drafts():
    return {name: import_pdf_draft(os.path.join(FRONT, name + ".pdf"))
            for name in ("front-en-two-authors", "front-en-three-authors", "front-en-title-note")}


def _notes(edition):
    from edition.model import Note, plain_text, walk_inlines

    return [" ".join(plain_text(n.content, with_notes=False).split())
            for p in edition.all_paragraphs() for n in walk_inlines(p.content) if isinstance(n, Note)]


def test_a_subtitle_and_two_authors_with_sign_notes_beside_numbered_notes(drafts):
    edition, _comments, report = drafts["front-en-two-authors"]
    meta = edition.meta
    assert meta.title == "Ministries and Provinces in a Time of Crisis"
    assert meta.subtitle == "The Letters of the Governors, 1919–1920"
    assert [(a.name, a.affiliation, a.email) for a in meta.authors] == [
        ("Ann Smith", "University of Vienna", "ann.smith@example.org"),
        ("Bob Jones", "University of Ankara, Department of History", ""),
    ]
    # the numbered notes stay the text's notes, at their markers; the signs' are no footnotes
    assert _notes(edition) == ["Letter of the governor of Sivas, 12 March 1920, file 14.",
                               "On the files see the inventory of the archive, vol. 2, 33–41."]
    assert report.footnotes_found == 2
    yaml_text, _ = import_pdf(os.path.join(FRONT, "front-en-two-authors.pdf"))
    body = yaml_text.split("\nbody:", 1)[1]
    assert "ARTICLE" not in body and "Letters of the Governors" not in body and "Smith" not in body
    assert "# CHECK: subtitle read from the smaller heading under the title" in yaml_text
    assert "Ann Smith | Bob Jones" in yaml_text  # the split is a # CHECK: too


def test_three_authors_with_numbered_affiliations_under_the_byline(drafts):
    """The affiliations numbered 1-3 under the names come before the page's notes numbered
    1 and 2: the nearest lines opening with a name's number are its note."""
    edition, _comments, report = drafts["front-en-three-authors"]
    assert edition.meta.subtitle == "Sources, Methods and Limits"
    assert [(a.name, a.affiliation) for a in edition.meta.authors] == [
        ("Ann Smith", "University of Vienna"), ("Bob Jones", "University of Ankara"), ("Carl Weber", "University of Hamburg")]
    assert _notes(edition) == ["Letter of the governor of Sivas, 12 March 1920, file 14.",
                               "On the files see the inventory of the archive, vol. 2, 33–41."]
    assert not report.unsure_markers


def test_no_subtitle_and_one_author_on_the_published_articles():
    """The first section's heading under a title (``Introduction``) is no subtitle, a name
    set as a heading (``Udo Grashoff``) is the byline, a place after a name
    (``Teresa Weber∗, Vienna``) is no second author."""
    for name, author in (("gerhis-en-grashoff", "Udo Grashoff"), ("alj-en-weber", "Teresa Weber"),
                         ("libreoffice-en-years", None), ("prose-fr-libreoffice", None)):
        edition, _c, _r = import_pdf_draft(import_score.path(name, ".pdf"))
        assert edition.meta.subtitle == "", name
        assert [a.name for a in edition.meta.authors] == ([author] if author else []), name


def test_names_of_a_byline():
    from edition.readers.pdfimport_page import Glyph, PdfLine

    def line(text: str) -> PdfLine:
        gs = []
        for k, ch in enumerate(text):
            sup = ch in "¹²³∗†"
            gs.append(Glyph({"¹": "1", "²": "2", "³": "3"}.get(ch, ch), k, k + 1, 0, 1, 0, 6 if sup else 10, "", sup=sup))
        return PdfLine(gs, 0, 10)

    assert _names(line("Ann Smith¹, Bob Jones² & Carl Weber³")) == [
        ("Ann Smith", ["1"], ""), ("Bob Jones", ["2"], ""), ("Carl Weber", ["3"], "")]
    assert _names(line("Marie Renaud und Jean Dupont∗")) == [("Marie Renaud", [], ""), ("Jean Dupont", ["*"], "")]  # signs as SIGN_GLYPHS writes them
    assert _names(line("Teresa Weber∗, Vienna")) == [("Teresa Weber", ["*"], "Vienna")]


def test_a_sign_note_on_the_title_beside_numbered_notes_is_no_authors_note(drafts):
    """On a page with numbered notes a sign marks a note on the front, but not always the
    byline's: the title's ``∗`` (the funding) is the acknowledgements, the byline's ``†`` its
    affiliation; before, the title with its sign was read as a byline (two authors,
    ``Ministries`` and ``Provinces in a Time of Crisis``) and the subtitle as the title."""
    edition, _comments, _report = drafts["front-en-title-note"]
    meta = edition.meta
    assert meta.title == "Ministries and Provinces in a Time of Crisis"
    assert meta.subtitle == "The Letters of the Governors, 1919–1920"
    assert [(a.name, a.affiliation) for a in meta.authors] == [("Ann Smith", "University of Vienna")]
    from edition.model import plain_text

    assert [plain_text(p.content) for p in meta.acknowledgements] == [
        "The research for this article was funded by the archive's fellowship."]
    assert len(_notes(edition)) == 2
    yaml_text, _ = import_pdf(os.path.join(FRONT, "front-en-title-note.pdf"))
    _words, notes = import_score.draft_tokens(yaml_text)  # the draft reads back (the project's reader)
    assert len(notes) == 2 and "acknowledgements: |" in yaml_text and "fellowship" not in yaml_text.split("\nbody:", 1)[1]
