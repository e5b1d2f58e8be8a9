"""The importer on published articles (tests/data/import/real/, sources and licences in its
SOURCES.md): prints the project did not make, with a truth made by hand-checked extraction
(make_truth.py there), not by the importer.

The PDF itself (``edition import x.pdf``) must meet the issue's targets on every article; the
text route (``pdftotext x.pdf`` then ``edition import x.txt``) is held at its floors on these
articles with every other document, in tests/readers/test_text_import.py.  Each article is
imported once per session.
"""

from __future__ import annotations

import os
import re

import pytest

from edition.readers.pdfimport import import_pdf
from tests.readers import import_score

REAL = import_score.REAL
DOCS = import_score.documents(REAL)

_truth = import_score.truth


@pytest.fixture(scope="module")
def drafts():
    return {name: import_pdf(os.path.join(REAL, name + ".pdf")) for name in DOCS}


@pytest.fixture(scope="module")
def scores(drafts):
    out = {}
    for name, (y, r) in drafts.items():
        out[name, "pdf"] = import_score.score(name, "pdf", y, _truth(name), r)
    return out


def _body(yaml_text: str) -> str:
    return yaml_text.split("\nbody:", 1)[1]


def test_the_articles_are_small_licensed_and_described():
    assert len(DOCS) >= 4
    with open(os.path.join(REAL, "SOURCES.md"), encoding="utf-8") as fh:
        sources = fh.read()
    total = 0
    for name in DOCS:
        size = os.path.getsize(os.path.join(REAL, name + ".pdf"))
        total += size
        assert size < 250_000, name
        row = next(l for l in sources.splitlines() if l.startswith(f"| `{name}.pdf`"))
        assert "doi.org/10." in row and re.search(r"CC BY(-SA)? 4\.0", row), name
    assert total < 1_500_000  # the repository stays lean
    assert {_truth(n)["language"] for n in DOCS} >= {"de", "en", "fr"}


def test_the_truth_files_are_what_make_truth_writes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_truth", os.path.join(REAL, "make_truth.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for name in DOCS:
        assert mod.build(name) == _truth(name), name


@pytest.mark.parametrize("name", DOCS)
def test_the_pdf_route_meets_the_targets_on_each_article(scores, name):
    s = scores[name, "pdf"]
    assert s.found_pct >= 98, s.row()
    assert s.attached_pct >= 95, s.row()
    assert s.kept_pct >= 99, s.row()


def test_german_print_without_rule_folios_in_the_running_head(drafts):
    yaml_text, report = drafts["ruz-de-steinhauer"]
    body = _body(yaml_text)
    # the folio at either end of the running head (17Steinhauer … 17 / 18Steinhauer …) gives the page breaks
    assert re.findall(r"\{pb n=(\d+)\}", body) == ["17", "18", "19"]
    for running in ("Bibliotheksrecht als Zugangsrecht 1", "RuZ 1. Jg.", "nomos-elibrary", "am 08.07.2025", "DOI: 10.5771"):
        assert running not in body, running
    # note 9 runs on over the page: its end, at the top of the next page's note area, is joined to it
    _, notes = import_score.draft_tokens(yaml_text)
    note9 = next(text for _, text in notes if text.startswith("Vgl. § 1 Abs. 2 S. 2"))
    assert "Erhaltungspflicht von Denkmälern" in " ".join(note9.split())
    assert any("without a rule" in p for p in report.layout_problems)
    # the section headings are set in the body's type and weight: numbered and set apart
    assert re.findall(r"- heading: (I+\. \w+)", body) == ["I. Einleitung", "II. Eigentum", "III. Digitalisierung"]
    assert "numbered line in the body type" in yaml_text  # and each is a # CHECK:


def test_word_print_with_more_note_lines_than_body_lines(drafts, scores):
    yaml_text, report = drafts["alj-en-weber"]
    body = _body(yaml_text)
    assert scores["alj-en-weber", "pdf"].notes == 24
    # the note type is the commonest size, yet the notes are told from the body: no note
    # text in a paragraph, and two markers on one line go to their own words
    assert "Para 436." not in re.sub(r"\^\[[^\]]*\]", "", body)
    flat = " ".join(body.split())
    assert "Grand Chamber,^[Para 4.]" in flat and "climate cases.^[Para 5." in flat


def test_word_print_with_slanted_italics_and_suspended_hyphens(drafts):
    yaml_text, _ = drafts["alj-de-pacic"]
    flat = " ".join(_body(yaml_text).split())
    # the italic words are upright glyphs slanted by the text matrix: kept, and marked as italics
    assert "*Rechtsvergleichung*" in flat and "*Soziologie*" in flat
    assert "sowohl der Schutz- als auch der Ordnungsfunktion" in flat  # "Schutz-" ends a line


def test_short_excerpt_running_heads_by_their_folios_and_the_licence_block(drafts, scores):
    yaml_text, report = drafts["gerhis-en-grashoff"]
    body = _body(yaml_text)
    assert "444 Udo Grashoff" not in body and "Republic 443" not in body
    assert "Creative Commons Attribution License" not in body  # the block under the first page's notes
    assert scores["gerhis-en-grashoff", "pdf"].found == 15
    assert any("copyright" in p for p in report.layout_problems)


def test_word_print_folios_between_dashes(drafts):
    yaml_text, _ = drafts["lefou-de-kaszner"]
    body = _body(yaml_text)
    assert re.findall(r"\{pb n=(\d+)\}", body) == ["3", "4"]  # printed "– 3 –", "– 4 –" (the first page is 2)
    assert "Le foucaldien, 1/1" not in body  # the running head of two lines


def test_text_route_reads_folios_between_dashes():
    yaml_text, report = import_score.run_text("lefou-de-kaszner")
    assert re.findall(r"\{pb n=(\d+)\}", _body(yaml_text))[:2] == ["3", "4"]
    assert any("page numbers 2-" in p for p in report.layout_problems)


def test_french_print_short_repeated_notes_are_notes_not_running_feet(drafts, scores):
    """lefou-fr-stival: two notes of page 2 read ``Foucault, Naissance de la biopolitique,
    248.``, a third ``…, 123.`` on the next page: repeated at the page's foot, they once were
    dropped as running feet (1 of 9 notes found).  A line opening with a raised number is a
    note's, never a running line."""
    yaml_text, report = drafts["lefou-fr-stival"]
    _, notes = import_score.draft_tokens(yaml_text)
    assert sum(1 for _, t in notes if " ".join(t.split()) == "Foucault, Naissance de la biopolitique, 248.") == 2
    s = scores["lefou-fr-stival", "pdf"]
    assert (s.found, s.attached, s.notes) == (9, 9, 9), s.row()
    # a space glyph drawn over the first letter of "nouvelle" is no word break
    assert "une nouvelle rationalité" in " ".join(_body(yaml_text).split())
    assert report.headings[:1] == ["1. Néolibéralisme: une nouvelle rationalité?"]


def test_the_front_of_the_first_page_rubric_title_byline_and_its_note(drafts):
    """The lines above the text of page 1 (pdfimport_front): the journal's rubric (18 pt
    ``Bibliotheken``, ``ARTICLE``) is not a heading, the title is the edition's title (over
    two lines in alj-en-weber), the byline is an author, and the note on the byline (``*``,
    ``∗``, ``1``; in the note area, under the name, or at the foot of the page's text) is its
    affiliation -- none of them in the body or among the footnotes."""
    import yaml

    expect = {
        "ruz-de-steinhauer": ("Bibliotheksrecht als Zugangsrecht und die Herausforderungen der Digitalisierung",
                              "Prof. Dr. Eric Steinhauer", "Der Verfasser ist stellvertretender Direktor", "Bibliotheken"),
        "alj-en-weber": ("KlimaSeniorinnen: Changing Legal Opportunity Structures in the Face of the Climate Crisis",
                         "Teresa Weber", "Teresa Weber is Professor of Public Law at SFU Vienna", None),
        "alj-de-pacic": ("Soziologische Bemerkungen zum Arbeitsrecht", "Harun Pačić", "Stiftungsprofessur für Arbeitsrecht", None),
        "olh-en-baker": ("The Covent Garden Old Price Riots: Protest and Justice in Late‑Georgian London", "James Baker",
                         "School of History, Art History and Philosophy, University of Sussex", "ARTICLE"),
        "gerhis-en-grashoff": ("Political Taboos in the German Democratic Republic", "Udo Grashoff", None, None),
    }
    for name, (title, author, note, rubric) in expect.items():
        yaml_text, report = drafts[name]
        meta = yaml.safe_load(yaml_text)["edition"]
        assert meta["title"] == title, name
        assert meta["authors"][0]["name"] == author, name
        body = " ".join(_body(yaml_text).split())
        if note:
            assert note in meta["authors"][0]["affiliation"], name
            assert note not in body, name  # not a footnote, not text
        if rubric:
            assert f"heading: {rubric}" not in _body(yaml_text) and rubric not in report.headings, name
        assert "no title found" not in yaml_text and "CHECK: title read from the largest lines of page 1" in yaml_text, name
        assert f"- heading: {author}" not in _body(yaml_text), name
    assert yaml.safe_load(drafts["olh-en-baker"][0])["edition"]["authors"][0]["email"] == "james.baker@sussex.ac.uk"


def test_a_table_of_contents_is_not_text(drafts):
    """alj-en-weber prints a table of contents (``Inhalt``, entries with dot leaders and page
    numbers) on its first page: dropped, and reported."""
    yaml_text, report = drafts["alj-en-weber"]
    assert "....." not in _body(yaml_text) and "heading: Inhalt" not in yaml_text
    assert any("table of contents" in p for p in report.layout_problems)
    assert report.headings[:2] == ["I. Introduction and Scope of the Essay", "II. Summary of Main Points of the Judgement"]
    # the byline's numbered note of alj-de-pacic is the affiliation: no unsure marker left for it
    assert drafts["alj-de-pacic"][1].unsure_markers == []


def test_paragraph_starts_on_the_published_articles(scores):
    """Paragraphs start where the print starts them (the truth's, issue 21): at the visible
    indent (olh-en-baker sets a space glyph at the margin before its indented verse lines,
    which hid every indent there: 8 paragraphs for 22, 5 at the right word), and after half
    an em of extra space in a print with wide line spacing (the Word prints alj-*, which add
    less than 45 % of the line spacing between paragraphs).  Measured before: 50 of the 70
    starts right; now 60 (the rest: olh-en-baker's verse, whose truth makes a paragraph of
    every indented line)."""
    rows = [s for (_n, route), s in scores.items() if route == "pdf"]
    assert sum(s.paragraphs_right for s in rows) >= 60, [s.row() for s in rows]
    assert scores["olh-en-baker", "pdf"].paragraphs_right >= 12, scores["olh-en-baker", "pdf"].row()
    weber = scores["alj-en-weber", "pdf"]
    assert weber.paragraphs_right == weber.paragraphs, weber.row()
