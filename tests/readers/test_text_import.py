"""The text route (``pdftotext x.pdf`` or ``pdftotext -layout x.pdf``, then ``edition import
x.txt``) on every document of both test folders (the generated corpus and the published
articles), held at the figures it reaches, and its note finding without a rule on small
texts written the way pdftotext writes Word, InDesign and two-column prints.

Each document is extracted and imported once per route per session (the module fixture).
"""

from __future__ import annotations


import pytest

from edition.readers.rawtext import import_text
from edition.readers.rawtext_columns import from_layout, is_layout
from tests.readers import import_score

ROUTES = ("text", "layout")

# (found %, attached %, words kept %) per document and route, from the scorer's table
# (python -m tests.readers.import_score); a regression below them fails.  Where a floor is
# under the target (98 / 95 / 99) docs/import.md ("Not handled") says why.
FLOORS = {
    ("alj-de-pacic", "layout"): (100, 100, 99.7),
    ("alj-de-pacic", "text"): (100, 100, 99.5),
    ("alj-en-weber", "layout"): (100, 100, 99.7),
    ("alj-en-weber", "text"): (100, 100, 100),
    ("edition-de", "layout"): (100, 100, 100),
    ("edition-de", "text"): (100, 100, 100),
    ("edition-tr", "layout"): (100, 100, 100),
    ("edition-tr", "text"): (100, 100, 100),
    ("edition-tr-article", "layout"): (100, 100, 99.9),
    ("edition-tr-article", "text"): (100, 100, 99.9),
    ("gerhis-en-grashoff", "layout"): (93.3, 93.3, 100),
    ("gerhis-en-grashoff", "text"): (93.3, 93.3, 100),
    ("latex-de-norule", "layout"): (100, 100, 100),
    ("latex-de-norule", "text"): (100, 100, 92.5),
    ("latex-de-twocol-norule-perpage", "layout"): (6.7, 6.7, 49.2),
    ("latex-de-twocol-norule-perpage", "text"): (26.7, 6.7, 60.2),
    ("latex-en-norule-perpage", "layout"): (100, 100, 100),
    ("latex-en-norule-perpage", "text"): (100, 100, 100),
    ("latex-en-rule", "layout"): (100, 100, 100),
    ("latex-en-rule", "text"): (100, 100, 100),
    ("latex-fr-perpage", "layout"): (100, 100, 100),
    ("latex-fr-perpage", "text"): (100, 100, 100),
    ("latex-fr-years-italic", "layout"): (100, 100, 100),
    ("latex-fr-years-italic", "text"): (100, 100, 100),
    ("latex-tr-twocol", "layout"): (95, 95, 98.8),
    ("latex-tr-twocol", "text"): (95, 95, 98.3),
    ("lefou-de-kaszner", "layout"): (100, 100, 100),
    ("lefou-de-kaszner", "text"): (100, 100, 100),
    ("lefou-fr-stival", "layout"): (0, 0, 98.6),
    ("lefou-fr-stival", "text"): (44.4, 44.4, 67),
    ("libreoffice-de", "layout"): (100, 100, 100),
    ("libreoffice-de", "text"): (73.9, 39.1, 75.5),
    ("libreoffice-en-years", "layout"): (100, 94.7, 99.6),
    ("libreoffice-en-years", "text"): (84.2, 52.6, 69.1),
    ("libreoffice-tr-perpage", "layout"): (100, 100, 100),
    ("libreoffice-tr-perpage", "text"): (100, 100, 100),
    ("olh-en-baker", "layout"): (100, 100, 98.2),
    ("olh-en-baker", "text"): (75, 75, 98.7),
    ("prose-de-latex-norule-perpage", "layout"): (15.6, 15.6, 98.5),
    ("prose-de-latex-norule-perpage", "text"): (95.6, 95.6, 99.8),
    ("prose-de-pandoc", "layout"): (93.3, 88.9, 99.9),
    ("prose-de-pandoc", "text"): (93.3, 88.9, 99.9),
    ("prose-en-latex-symbols", "layout"): (100, 100, 99.9),
    ("prose-en-latex-symbols", "text"): (100, 100, 99.9),
    ("prose-en-latex-twocol", "layout"): (23.8, 23.8, 86),
    ("prose-en-latex-twocol", "text"): (7.9, 7.9, 85.2),
    ("prose-fr-latex-twocol-norule", "layout"): (0, 0, 88.6),
    ("prose-fr-latex-twocol-norule", "text"): (31.2, 12.5, 88.7),
    ("prose-fr-libreoffice", "layout"): (100, 97.5, 99.9),
    ("prose-fr-libreoffice", "text"): (27.5, 25, 99.3),
    ("prose-tr-edition", "layout"): (100, 100, 100),
    ("prose-tr-edition", "text"): (100, 100, 100),
    ("prose-tr-libreoffice-perpage", "layout"): (96.9, 96.9, 100),
    ("prose-tr-libreoffice-perpage", "text"): (93.8, 93.8, 100),
    ("ruz-de-steinhauer", "layout"): (100, 100, 100),
    ("ruz-de-steinhauer", "text"): (100, 100, 100),
}
# the documents measured here (others may join the folders; they need their floors first)
DOCS = sorted({n for n, _ in FLOORS})
# all of them together (730 notes, 33680 body words): notes found, attached, words kept.  The
# prose corpus (tests/data/import/prose/: two columns, sign notes, pandoc, hyphenated German and
# French) and the rebuilt LibreOffice/LaTeX prints are far below the targets on the text
# routes; the PDF route meets them (tests/readers/test_pdf_import_prose.py).
TOTALS = {"text": (575, 546, 95.5), "layout": (567, 563, 97.3)}


@pytest.fixture(scope="module")
def scores():
    out = {}
    for name in DOCS:
        truth = import_score.truth(name)
        for route in ROUTES:
            yaml_text, report = import_score.ROUTES[route](name)
            out[name, route] = (import_score.score(name, route, yaml_text, truth, report), yaml_text, report)
    return out


def test_every_document_has_its_floor():
    assert set(FLOORS) == {(n, r) for n in DOCS for r in ROUTES}
    assert set(DOCS) <= set(import_score.documents())  # none of them gone
    new = set(import_score.documents()) - set(DOCS)
    if new:  # a document added to the folders: measure it and give it its floors here
        pytest.skip(f"no text-route floors yet for {sorted(new)}")


@pytest.mark.parametrize("name,route", sorted(FLOORS))
def test_the_text_route_holds_its_figures(scores, name, route):
    s = scores[name, route][0]
    found, attached, kept = FLOORS[name, route]
    assert s.found_pct >= found - 0.05, s.row()
    assert s.attached_pct >= attached - 0.05, s.row()
    assert s.kept_pct >= kept - 0.005, s.row()


@pytest.mark.parametrize("route", ROUTES)
def test_the_corpus_as_a_whole(scores, route):
    rows = [s for (n, r), (s, _, _) in scores.items() if r == route]
    t = import_score.total(rows, route)
    found, attached, kept = TOTALS[route]
    assert (t.notes, t.words) == (730, 33680)
    assert t.found >= found and t.attached >= attached and t.kept_pct >= kept, t.row()


def test_word_prints_are_read_by_the_numbering(scores):
    """Word prints whose pdftotext text moves note numbers to the page's end, writes them on
    lines of their own, glues a body line to a note line: 0/24 and 0/14 notes before."""
    for name in ("alj-en-weber", "alj-de-pacic"):
        s, yaml_text, report = scores[name, "text"]
        assert s.found == s.notes, s.row()
        assert any("stood at the page's end" in p for p in report.layout_problems), name
        assert "# CHECK (paragraph" in yaml_text and "stood at the page's end" in yaml_text  # located in the draft
    _, yaml_text, report = scores["alj-en-weber", "text"]
    assert any("glued by pdftotext" in p for p in report.layout_problems)
    assert not any("muchECtHR" in l for l in yaml_text.splitlines() if not l.lstrip().startswith("#"))  # cut


def test_notes_before_the_body_and_a_page_top_after_its_notes(scores):
    s, yaml_text, report = scores["gerhis-en-grashoff", "text"]
    assert any("stand before the page's body" in p for p in report.layout_problems)
    assert any("the top of the page's body" in p for p in report.layout_problems)
    assert s.kept_pct == 100.0


def test_a_marker_written_as_a_number_s_last_digit(scores):
    """``comptait 43 députés``: a 4 and a raised 3 pdftotext wrote as one number -- the last
    place left for note 3, taken and reported."""
    s, yaml_text, report = scores["latex-fr-years-italic", "text"]
    assert s.attached == s.notes
    assert any("last digit(s) of a number" in reason for _, _, reason in report.unsure_markers)


def test_two_columns_from_layout_text(scores):
    _, _, report = scores["latex-tr-twocol", "layout"]
    assert any("read in two columns" in p for p in report.layout_problems)
    _, _, report = scores["latex-tr-twocol", "text"]  # plain: the other column between the notes
    assert any("carry markers of later notes" in p for p in report.layout_problems)


def test_the_scorer_reads_its_options(capsys):
    """``--help`` prints the usage (it was once scored as a document's name); a name not in
    the corpus or a route that does not exist is a usage error, before any document is read."""
    with pytest.raises(SystemExit) as e:
        import_score.main(["--help"])
    assert e.value.code == 0 and "--diff NAME" in capsys.readouterr().out
    for argv in (["no-such-document"], ["--diff", "prose-de-pandoc", "no-such-route"]):
        with pytest.raises(SystemExit) as e:
            import_score.main(argv)
        assert e.value.code == 2 and "error:" in capsys.readouterr().err


# --------------------------------------------------------------------------- small texts

def _notes(yaml_text: str) -> list[str]:
    from tests.readers.import_score import draft_tokens

    words, notes = draft_tokens(yaml_text)
    return [f"{words[i]}|{text}" for i, text in notes]


BODY = ("The first claim of the essay is made here{m1} and it goes on for a while so that the line is long.\n"
        "A second claim follows in the same paragraph{m2} and the page goes on with more words still.\n"
        "A third claim closes the page's text{m3} with the last of its words set down right here now.\n")


def test_numbers_moved_to_the_page_end():
    """pdftotext writes the first note's number after the other notes (Word): `2` text ... `1`."""
    raw = (BODY.format(m1=" 1", m2=" 2", m3=" 3") + "\n"
           "Smith, The First Book of All (Oxford, 1990), p. 12, a note that is long enough to fill a line.\n"
           "2\nJones, The Second Book (London, 2001), p. 4.\n3\nIbid., p. 5.\n1\n")
    yaml_text, report = import_text(raw, "word.txt", language="en")
    assert _notes(yaml_text) == ["here|Smith, The First Book of All (Oxford, 1990), p. 12, a note that is long enough to fill a line.",
                                 "paragraph|Jones, The Second Book (London, 2001), p. 4.", "text|Ibid., p. 5."]
    assert report.unsure_markers == []  # the markers stand apart, each alone of its number: decided
    assert "# CHECK" in yaml_text and "stood at the page's end" in yaml_text


def test_notes_listed_before_the_body():
    raw = ("1\nSmith, The First Book (Oxford, 1990), p. 12.\n2\nJones, The Second Book (London, 2001).\n3\nIbid., p. 5.\n\n"
           + BODY.format(m1="1", m2="2", m3="3"))
    yaml_text, report = import_text(raw, "before.txt", language="en")
    assert [n.split("|")[0] for n in _notes(yaml_text)] == ["here", "paragraph", "text"]
    assert any("stand before the page's body" in p for p in report.layout_problems)


def test_a_note_glued_into_a_body_line_at_a_hyphen():
    raw = ("The representatives of the merchants demanded compensation for the losses1 they had\n"
           "suffered during the occupation2 and the correspondence reveals a remark1 Compare Archives, Box 12.\n"
           "2 See Smith 1998, p. 211.\n\fable uncertainty about the intentions of the neighbouring governments.\n")
    yaml_text, report = import_text(raw, "glued.txt", language="en")
    assert _notes(yaml_text) == ["losses|Compare Archives, Box 12.", "occupation|See Smith 1998, p. 211."]
    assert "remark{pb n=2}able uncertainty" in yaml_text
    assert any("starts inside a body line" in p for p in report.layout_problems)


def test_a_note_number_on_its_own_line_glued_to_a_hyphenated_body_line():
    # pandoc/LaTeX without a rule: pdftotext joins the body's last line ``Tempe-`` with the
    # note's number standing on its own line, the note's text on the next one
    raw = ("The friends went far1 apart in temper. Hellbach was a sceptic, a thinker with a\n"
           "philosophical bent; the other had no2 temper at all, nor the3 tem1\n"
           "Compare Smith 1998, p. 211.\n2\nSee Archives, Box 12.\n3\nIbid., p. 14.\n\n1\n\n"
           "\fper of a painter.\n\n2\n")
    yaml_text, report = import_text(raw, "pandoc.txt", language="en")
    assert _notes(yaml_text) == ["far|Compare Smith 1998, p. 211.", "no|See Archives, Box 12.", "the|Ibid., p. 14."]
    assert "tem{pb n=2}per of a painter" in yaml_text
    assert any("starts inside a body line" in p for p in report.layout_problems)


def test_a_note_number_written_at_the_page_end_after_the_last_note():
    # pandoc/LaTeX without a rule: pdftotext wrote note 2's number after note 3, at the page's
    # end (before the page number); its text is the end of what note 1 holds.  The first pass
    # already finds this page's note area (at ``1``): the move must reach it all the same
    raw = ("The friends went far1 apart in temper. Hellbach was a sceptic, a thinker with a\n"
           "philosophical bent who acted with a clear aim; the other had no2 temper at all, and\n"
           "the pleasures of life fell into his lap of themselves, nor the3 temper of a painter.\n"
           "1\nCompare Smith 1998, p. 211.\nSee Archives, Box 12, file 3.\n3\nIbid., p. 14.\n2\n\n1\n\n"
           "\fThe next page goes on here.\n\n2\n")
    yaml_text, report = import_text(raw, "pandoc.txt", language="en")
    assert _notes(yaml_text) == ["far|Compare Smith 1998, p. 211.", "no|See Archives, Box 12, file 3.", "the|Ibid., p. 14."]
    assert any("the number of note 2 stood at the page's end" in p for p in report.layout_problems)
    assert "# CHECK" in yaml_text and "the number of note 2 stood at the page's end" in yaml_text


def test_a_note_number_written_at_a_later_page_s_end():
    # the shape of prose-de-pandoc's page 10: the number of the first note's line stands
    # apart (``3``, an empty line, its text), the moved number and the page number follow
    raw = ("The friends went far1 apart in temper. Hellbach was a sceptic, a thinker with a\n"
           "philosophical bent who acted with a clear aim; the other had no2 temper at all.\n"
           "1\nCompare Smith 1998, p. 211.\n2\nSee Archives, Box 12, file 3.\n\n1\n\n"
           "\fThe pleasures of life fell into his lap3 of themselves, and all the women of the\n"
           "town were taken with the strong and handsome man4 who had blond and short hair\n"
           "that stood up like velvet on his brow, and grey eyes and5 a reddish beard.\n"
           "3\n\nDazu ausführlich Müller 2004, S. 77.\nSiehe Archives, Box 12, file 3, p. 14.\n"
           "5\nZitiert nach Smith 1998, p. 211.\n4\n\n2\n")
    yaml_text, report = import_text(raw, "pandoc.txt", language="de")
    assert _notes(yaml_text)[2:] == ["lap|Dazu ausführlich Müller 2004, S. 77.", "man|Siehe Archives, Box 12, file 3, p. 14.",
                                     "and|Zitiert nach Smith 1998, p. 211."]
    assert any("the number of note 4 stood at the page's end" in p for p in report.layout_problems)


@pytest.mark.parametrize("layout", [False, True])
def test_notes_marked_by_signs(layout):
    pad = "   " if layout else ""
    raw = (f"{pad}Save me∗ some of that mutton. He had nothing on† them but a pair of tattered\n"
           f"{pad}trousers, and the‡ fire went out.\n\n∗ See Smith 1998, p. 211.\n† Compare Archives, Box 12.\n"
           "‡ Quoted in Müller 2004.\n\f" + f"{pad}The next page goes on and the∗ night came.\n\n∗ Compare Karabekir 1960.\n")
    yaml_text, report = import_text(raw, "signs.txt", language="en")
    assert _notes(yaml_text) == ["me|See Smith 1998, p. 211.", "on|Compare Archives, Box 12.",
                                 "the|Quoted in Müller 2004.", "the|Compare Karabekir 1960."]
    assert "∗" not in yaml_text and "†" not in yaml_text
    assert any("marked by signs" in p for p in report.layout_problems)


def test_a_long_text_after_a_byline_note_is_body():
    abstract = "\n".join(f"This article explores perceptions of the law, line {k} of the abstract." for k in range(9))
    raw = ("A Title of the Article\nJames Baker1\n1\n\nSchool of History, University of Sussex\n\n" + abstract
           + "\n\fThe body of the article begins here2 and goes on.\n2 Ibid.\n")
    yaml_text, report = import_text(raw, "byline.txt", language="en")
    assert "line 8 of the abstract" in yaml_text
    assert not any("abstract" in n for n in _notes(yaml_text))
    assert any("read as body" in p for p in report.layout_problems)


def test_layout_text_in_two_columns():
    """pdftotext -layout: each row holds a piece of both columns; each column's notes at its
    foot; read left column (with its notes), then right."""
    filler = [f"and the column goes on in line {k} of its" for k in range(8)]
    left = ["The left column begins1 here and"] + filler + ["goes on down the page in lines.", "", "1 A note of the left column."]
    right = ["the right column follows it2 and"] + filler + ["ends the text of the page here.", "", "2 A note of the right column."]
    rows = ["            A Title Set Across the Whole Page", ""] + [f"{a:<40}   {b}" for a, b in zip(left, right)]
    raw = "\n".join(rows) + "\n"
    assert is_layout(raw)
    text, problems = from_layout(raw)
    order = [l for l in text.split("\n") if l.strip() and "\ue00f" not in l]
    assert order[0] == "A Title Set Across the Whole Page"
    assert order.index("1 A note of the left column.") < order.index("the right column follows it2 and")
    assert any("two columns" in p for p in problems)
    yaml_text, report = import_text(raw, "cols.txt", language="en")
    assert _notes(yaml_text) == ["begins|A note of the left column.", "it|A note of the right column."]
    assert "the right column follows it" in yaml_text and "\f" not in yaml_text
