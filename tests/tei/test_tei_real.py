"""Five TEI editions published by other projects (tests/data/tei/real, SOURCES.md says whose,
where from and under which licence): each reads into a model that builds, without a hand
edit, and two of them are built to PDF here and read back as a reader would.

verse: Goethe, Die Laune des Verliebten (DraCor); prose: Jerome, The Observations of Henry
(ELTeC); a letter: Fedor Mamroth to Arthur Schnitzler (Schnitzler Briefe); a parliamentary
record: House of Lords, 12 February 2020 (ParlaMint); a Latin text with a critical apparatus:
Philip of Oxford, Miracula sancte Frideswide (Digital Latin Library).
"""

from __future__ import annotations

import os
import subprocess

import pytest

from edition.model import Line, Paragraph, PageBreak, Strong, Verse, plain_text
from edition.walk import walk
from tests.tei.conftest import REAL, read_tei

FILES = {
    "verse": "goethe-laune-des-verliebten.xml",
    "prose": "jerome-three-men-on-the-bummel.xml",
    "letter": "schnitzler-briefe-L00001.xml",
    "parliament": "parlamint-gb-lords-2020-02-12.xml",
    "latin": "philip-miracula-frideswide.xml",
}


@pytest.fixture(scope="module")
def real():
    """kind -> (edition, diagnostics), each file read (and transformed) once."""
    out = {}
    for kind, name in FILES.items():
        ed, diagnostics = read_tei(os.path.join(REAL, name))
        assert ed is not None, "\n".join(map(str, diagnostics))
        out[kind] = (ed, diagnostics)
    return out


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory):
    """The Latin edition and the letter built to PDF, as pdftotext reads them (page by page)."""
    from edition.core import build_pdf

    folder = tmp_path_factory.mktemp("tei-real")
    out = {}
    for kind in ("latin", "letter"):
        pdf = folder / f"{kind}.pdf"
        build_pdf(os.path.join(REAL, FILES[kind]), str(pdf))
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        out[kind] = text.split("\f")
    return out


def test_none_has_an_error_and_unknown_elements_are_named_at_most_once(real):
    for kind, (_ed, diagnostics) in real.items():
        assert not [d for d in diagnostics if d.level == "error"], kind
        assert len([d for d in diagnostics if "read as their text only" in d.message]) <= 1, kind


def test_verse_drama_speakers_stage_directions_and_counted_lines(real):
    ed, diagnostics = real["verse"]
    assert not diagnostics
    assert (ed.meta.title, ed.meta.subtitle, ed.meta.language) == ("Die Laune des Verliebten", "Ein Schäferspiel in Versen und einem Akte", "de")
    assert ed.meta.licence == "CC0 1.0" and ed.meta.authors[0].name == "Johann Wolfgang Goethe"
    lines = [p for s in ed.all_sections() for b in s.blocks if isinstance(b, Verse) for p in b.paragraphs]
    assert all(isinstance(line, Line) for line in lines)
    assert [line.n for line in lines] == [str(i) for i in range(1, len(lines) + 1)] and len(lines) > 60
    assert plain_text(lines[0].content) == "Hier sind noch Blumen."
    speakers = [b for s in ed.all_sections() for b in s.blocks if isinstance(b, Paragraph) and b.content and isinstance(b.content[0], Strong)]
    assert [plain_text(b.content) for b in speakers[:3]] == ["Personen.", "Lamon", "Egle."]
    assert {e.key for e in ed.registers.values()} == {"lamon", "egle", "amine", "eridon"}  # the cast list of the header
    assert [p.n for p, _w in walk(ed) if isinstance(p, PageBreak)][:2] == ["8", "9"]


def test_prose_novel_chapter_paragraphs_and_page_breaks(real):
    ed, diagnostics = real["prose"]
    assert not diagnostics
    assert ed.meta.licence == "https://creativecommons.org/licenses/by/4.0/"
    chapter = [s for s in ed.all_sections() if s.heading_text][0]
    assert chapter.heading_text == "THE GHOST OF THE MARCHIONESS OF APPLEFORD."
    assert len(chapter.blocks) == 30 and plain_text(chapter.blocks[0].content).startswith("This is the story, among others, of Henry")
    assert len([n for n, _w in walk(ed) if isinstance(n, PageBreak)]) >= 3


def test_letter_index_of_persons_places_and_works_from_the_letters_own_lists(real, pdf_text):
    ed, _ = real["letter"]
    assert ed.meta.title == "Fedor Mamroth an Arthur Schnitzler, 2. 8. 1889"
    schnitzler = ed.register("person", "pmb2121")
    assert schnitzler.name == "Schnitzler, Arthur" and schnitzler.dates == "1862-05-15\u20131931-10-21"  # <birth>, <death>: ISO dates, an en dash between
    assert ed.register("place", "pmb146").name == "Frankfurt am Main"
    assert [plain_text(n.content)[:24] for n in ed.notes] == ["Die Erzählung entstand i", "Erst am 24.\u00a012.\u00a01891 ers"]
    text = "\n".join(pdf_text["letter"])
    assert "Frankfurter Zeitung und Handelsblatt." in text and "Hochgeehrter Herr Doctor!" in text
    flat = " ".join(text.split()).replace("/ ", "/")  # the description may wrap after its slash
    assert "Personenregister" in text and "Ortsregister" in text  # a German letter: German headings
    # the dates keep their hyphens (one en dash between them), the <occupation> is the gloss
    assert "Schnitzler, Arthur (1862-05-15\u20131931-10-21), Schriftsteller/Schriftstellerin, 1n" in flat
    assert "Frankfurt am Main, 1" in text


def test_parliamentary_record_speeches_with_their_speakers(real):
    ed, diagnostics = real["parliament"]
    assert not diagnostics
    assert ed.meta.title.startswith("Great Britain parliamentary corpus ParlaMint-GB, Lords, 2020-02-12")
    assert ed.meta.subtitle == "Minutes of the House of Lords, Daily Session 2020-02-12"
    assert [s.heading_text for s in ed.body] == ["Retirement of a Member: Lord Elystan-Morgan", "Disability Employment Gap", ""]
    first = ed.body[0].blocks[0]
    assert plain_text(first.content).startswith("Peter Fowler: My Lords, I notify the House")
    assert [plain_text(n.content) for n in ed.notes] == ["Announcement", "End of debateSection.", "Question", "Asked by"]
    assert [plain_text(b.content)[:14] for b in ed.body[2].blocks] == ["Diana Barran: ", "I echo other n"]


def test_latin_edition_apparatus_witnesses_and_names(real, pdf_text):
    ed, diagnostics = real["latin"]
    assert [d.message[:38] for d in diagnostics] == ["2 apparatus entries have no <lem> (a l"]
    assert ed.meta.title == "Miracula sancte Frideswide" and ed.meta.language == "en-CA"
    assert ed.meta.licence.startswith("Provided under a Creative Commons Attribution 4.0")
    assert list(ed.witnesses)[:2] == ["L", "Acta"] and ed.witnesses["L"] == "London British Library Lansdowne 436"
    assert ed.witnesses["Acta"].startswith("Appendix ad acta S. Frideswidæ")  # a reading's @source: its bibliography entry
    assert len(ed.apparatus) == 25
    first = ed.apparatus[0].entry
    assert (first.lemma, [(r.wits, plain_text(r.content)) for r in first.readings]) == ("domni", [(["Acta"], "a Domini")])
    assert len(ed.tags) == 39 and {t.kind for t in ed.tags} == {"person", "place", "subject"}
    text = "\n".join(pdf_text["latin"])
    assert "Incipit prologus domnia philippi prioris de miraculis sancte frideswide." in text  # "a": the entry's key
    assert "domni] a Domini Acta" in text and "preconiis] preconibus Acta" in text
    assert "Index of Persons" in text
