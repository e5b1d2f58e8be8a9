"""The biblatex data model, LaTeX decoding and punctuation, on small databases written here."""

from __future__ import annotations

import textwrap

import pytest

from edition.citations import CitationProcessor, load_database
from edition.citations.database import parse_bibtex
from edition.diagnostics import Reporter
from edition.model import Cite, CiteItem, plain_text


def _db(tmp_path, text: str, name: str = "refs.bib", *more: tuple[str, str]):
    paths = []
    for fname, body in ((name, text), *more):
        path = tmp_path / fname
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        paths.append(str(path))
    reporter = Reporter()
    return load_database(paths, reporter), reporter


def _forms(db, style, key, language="en", locator="45"):
    proc = CitationProcessor(db, style=style, language=language)
    note = plain_text(proc.cite(Cite([CiteItem(key, locator=locator)]), note=1))
    return note, plain_text(proc.entry(key)), proc.reporter.diagnostics


# ------------------------------------------------------------------ inheritance


def test_xdata_and_crossref_chain(tmp_path):
    db, reporter = _db(tmp_path, """
        @xdata{pub, publisher = {Clarendon Press}, location = {Oxford}}
        @mvbook{works, author = {Locke, John}, title = {Works}, xdata = {pub}, date = {1975}}
        @book{essay, title = {An Essay}, crossref = {works}, volume = {2}, shorttitle = {Essay}}
        @inbook{chap, title = {Of Ideas}, crossref = {essay}, pages = {10--20}}
        """)
    assert reporter.diagnostics == []
    essay, chap = db["essay"], db["chap"]
    assert (essay.get("maintitle"), essay.get("title"), essay.get("publisher")) == (
        "Works", "An Essay", "Clarendon Press")
    # @book -> @inbook: title -> booktitle, author -> author and bookauthor, no shorttitle
    assert (chap.get("booktitle"), chap.get("maintitle"), chap.get("location"), chap.year) == (
        "An Essay", "Works", "Oxford", 1975)
    assert chap.names("author")[0].full() == chap.names("bookauthor")[0].full() == "John Locke"
    assert chap.get("shorttitle") == ""
    note, entry, diags = _forms(db, "chicago", "chap")
    assert note == "John Locke, “Of Ideas,” in An Essay (Oxford: Clarendon Press, 1975), 2:45"
    assert diags == []


def test_missing_parent_and_cycle_are_located_errors(tmp_path):
    db, reporter = _db(tmp_path, """
        @incollection{a, title = {A}, crossref = {nowhere}}

        @book{b, title = {B}, crossref = {c}}
        @book{c, title = {C}, crossref = {b}}
        @article{d, title = {D}, journaltitle = {J}, xref = {gone}}
        """)
    messages = {(d.level, d.loc.line, d.message) for d in reporter.diagnostics}
    assert ("error", 2, "entry 'a': crossref 'nowhere' is not in the bibliography") in messages
    assert any(level == "error" and "cycle" in m for level, _, m in messages)
    assert ("warning", 6, "entry 'd': xref 'gone' is not in the bibliography") in messages


def test_string_macros_defined_in_an_earlier_file(tmp_path):
    db, reporter = _db(tmp_path, "@string{jta = {Journal of Turkish Affairs}}\n", "strings.bib",
                       ("refs.bib", "@article{a, author = {Ak, Ali}, title = {T}, journal = jta # { (Ankara)}, year = 2001}\n"))
    assert reporter.diagnostics == []
    assert db["a"].get("journal") == "Journal of Turkish Affairs (Ankara)"


# ------------------------------------------------------------------ fields and roles


def test_roles_dates_places_and_author_editor(tmp_path):
    db, reporter = _db(tmp_path, """
        @book{ed, author = {Gitelman, Lisa}, editor = {Gitelman, Lisa}, title = {Raw Data},
          location = {Cambridge AND London}, publisher = {MIT Press}, date = {2013}}
        @book{comp, editor = {Ak, Ali}, editortype = {compiler}, title = {Belgeler},
          editora = {Bauer, Jan}, editoratype = {redactor}, date = {1896/1905}}
        @book{tr, author = {Kant, Immanuel}, editor = {Smith, Ann}, translator = {Smith, Ann},
          title = {Critique}, date = {2019-05}}
        @unpublished{talk, author = {Doe, Jane}, title = {On Sources},
          eventtitle = {Annual Meeting}, venue = {Chicago}, eventdate = {2015-05-20}}
        @review{rev, author = {Roe, Rick}, title = {Review of Raw Data},
          journaltitle = {Isis}, volume = {105}, issue = {Winter}, date = {2014}}
        """)
    assert reporter.diagnostics == []
    note, entry, _ = _forms(db, "chicago", "ed")
    assert note.startswith("Lisa Gitelman, ed., Raw Data (Cambridge and London: MIT Press, 2013)")
    assert entry.count("Gitelman") == 1
    note, entry, _ = _forms(db, "chicago", "comp")
    assert note.startswith("Ali Ak, comp., Belgeler, red. Jan Bauer (1896–1905)")
    note, _, _ = _forms(db, "chicago", "tr")
    assert "ed. and trans. Ann Smith" in note and note.count("Smith") == 1
    note, entry, _ = _forms(db, "chicago", "talk")
    assert note == "Jane Doe, “On Sources” (paper presented at Annual Meeting, Chicago, May 20, 2015), 45"
    note, entry, _ = _forms(db, "chicago", "rev")
    assert "Isis 105 (Winter 2014): 45" in note and "no. Winter" not in note
    note, _, _ = _forms(db, "isnad", "ed", "tr")
    assert "(Cambridge ve London: MIT Press, 2013)" in note


# ------------------------------------------------------------------ LaTeX


def test_unknown_macro_one_located_warning_clean_text():
    reporter = Reporter()
    db = parse_bibtex("@book{a,\n  title = {A \\weird{Title} and \\weird{again}},\n"
                      "  note = {\\frob}, year = 2000}\n", "x.bib", reporter)
    assert db["a"].get("title") == "A Title and again"
    warnings = [str(d) for d in reporter.diagnostics]
    assert warnings[0].startswith("x.bib:2:14: warning: unknown LaTeX macro \\weird in entry 'a' (title)")
    assert len(warnings) == 2 and "\\frob" in warnings[1] and warnings[1].startswith("x.bib:3:")


def test_biblatex_macros_and_quotes(tmp_path):
    db, reporter = _db(tmp_path, r"""
        @article{q, author = {Ak, Ali}, title = {The \mkbibquote{Nutuk} and \enquote{Bolşevizm}
          in Part \RN{2}\isdot}, journaltitle = {J. Hist.\@}, volume = 4, year = 2001}
        @article{s, author = {Ak, Ali}, title = {Atatürk's "Nutuk" and the 4\textsuperscript{th} Army},
          journaltitle = {Tarih}, year = 2001}
        """)
    assert reporter.diagnostics == []
    note, entry, _ = _forms(db, "chicago", "q")
    assert note == "Ali Ak, “The ‘Nutuk’ and ‘Bolşevizm’ in Part II,” J. Hist. 4 (2001): 45"
    note, _, _ = _forms(db, "isnad", "s", "tr")
    assert "“Atatürk’s ‘Nutuk’ and the 4ᵗʰ Army”" in note


# ------------------------------------------------------------------ punctuation


def test_no_doubled_periods(tmp_path):
    db, _ = _db(tmp_path, """
        @article{why, author = {Ak, Ali}, title = {Why Research?}, journaltitle = {DH.}, year = 2001}
        @book{abbr, author = {Ak, Ali}, title = {Belgeler}, year = 2001}
        """)
    proc = CitationProcessor(db, style="chicago", language="en")
    assert plain_text(proc.entry("why")) == "Ak, Ali. “Why Research?” DH. (2001)."
    note = plain_text(proc.cite(Cite([CiteItem("abbr", locator="45 vd.")]), note=1))
    assert note.endswith("45ff.") and ".." not in note


def test_period_after_a_citation_not_doubled(write_source):
    from edition.core import load

    source = write_source("""
        edition:
          title: T
          language: en
        bibliography: [refs.bib]
        citation-style: chicago
        body:
          - heading: A
            text: |
              Text^[[@a, 45 vd.].] and more^[[@b].].
        """, refs__bib="@book{a, author = {Ak, Ali}, title = {Belgeler}, year = 2001}\n"
                       "@article{b, author = {Ak, Ali}, title = {Leptons}, journaltitle = {J}, year = 2001}\n")
    ed = load(source, Reporter())

    def note_text(note):
        out = []
        for node in note.content:
            out.append(plain_text(node.rendered) if isinstance(node, Cite) else plain_text([node]))
        return "".join(out)

    texts = [note_text(n) for n in ed.notes]
    assert texts[0].endswith("45ff.") and not texts[0].endswith("..")
    assert texts[1].endswith("“Leptons,” J (2001).") or texts[1].endswith("(2001).")


# ------------------------------------------------------------------ CSL-JSON


def test_csl_json_database(tmp_path):
    db, reporter = _db(tmp_path, """
        [
          {"id": "karabekir1988", "type": "book", "title": "İstiklal Harbimiz",
           "author": [{"family": "Karabekir", "given": "Kazım"}],
           "publisher-place": "İstanbul", "issued": {"date-parts": [[1988]]}},
          {"id": "web", "type": "webpage", "title": "TBMM Albümü",
           "URL": "https://www.tbmm.gov.tr/", "accessed": {"date-parts": [[2018, 11, 11]]}},
          {"type": "book", "title": "no id"}
        ]
        """, "refs.json")
    assert [d.message for d in reporter.diagnostics] == ["CSL-JSON item 3 has no 'id'"]
    note, entry, _ = _forms(db, "isnad", "karabekir1988", "tr", "s.673")
    assert note == "Kazım Karabekir, İstiklal Harbimiz (İstanbul: y.y., 1988), 673"
    note, _, _ = _forms(db, "isnad", "web", "tr", "")
    assert note == "“TBMM Albümü” (Erişim 11 Kasım 2018)"
    assert str(db["web"].loc).endswith("refs.json:6:3")


def test_malformed_csl_json_located(tmp_path):
    _, reporter = _db(tmp_path, '[\n  {"id": "a",\n}\n]', "refs.json")
    assert reporter.diagnostics[0].loc.line == 3
