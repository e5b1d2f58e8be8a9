"""Real-world databases (tests/data/bib/real/SOURCES.md), every entry in every style.

Four databases of three kinds: biblatex's own test database (crossref, xref, sets, biblatex
markup), two Zotero Better BibLaTeX exports (a digital-humanities library; EDTF dates) and
a database split over two files whose journal names are ``@string`` macros of the first.
Each entry is cited (first and later note) and listed in the bibliography in the built-in
styles and two CSL styles.  Asserted: no traceback, no raw LaTeX (``\\``, ``{``, ``}``) in
the text, no doubled punctuation the database itself does not hold, every diagnostic
located in its file, and the errors exactly the justified ones below.  One PDF is built (a
hundred entries in Chicago) and its text searched for LaTeX too.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from edition.citations import CitationProcessor, load_database
from edition.diagnostics import Reporter
from edition.model import Cite, CiteItem, Container, Link, Text

REAL = os.path.join(os.path.dirname(__file__), "..", "data", "bib", "real")
DATABASES = {
    "biblatex-examples": ["biblatex-examples.bib"],
    "zotero-bbt": ["zotero-bbt.bib"],
    "zotero-bbt-edtf": ["zotero-bbt-edtf.bib"],
    "ieee-split": ["IEEEabrv.bib", "IEEEexample.bib"],
}
BUILTIN = ("house", "isnad", "chicago")
CSL = ("isnad-dipnotlu", "chicago-notes-bibliography-17th-edition")

#: The errors left, each justified: (database, key, what the message says, styles).
JUSTIFIED = {
    # Zotero items typed "journal article" with no publication: the database lacks the
    # journal, which our styles require for an article (CSL styles print without it)
    ("zotero-bbt", "austinclairec2015", "has no 'journal'", BUILTIN),
    ("zotero-bbt", "corti2014", "has no 'journal'", BUILTIN),
    # a conference paper with neither proceedings title nor event name
    ("zotero-bbt", "schopfel2016", "has no 'booktitle'", BUILTIN),
    # ftp: is not a link scheme an edition makes links of (edition/readers/inline.py); the
    # entry then has no url, which a web page cannot be cited without
    ("ieee-split", "IEEEexample:electronhowinfo", "link scheme 'ftp:'", BUILTIN + CSL),
    ("ieee-split", "IEEEexample:electronorgadd", "link scheme 'ftp:'", BUILTIN + CSL),
    ("ieee-split", "IEEEexample:electronhowinfo", "has no 'url'", BUILTIN),
    ("ieee-split", "IEEEexample:electronorgadd", "has no 'url'", BUILTIN),
    # a "private communication" (@misc with only a note) and IEEEtran.bst's control entry
    ("ieee-split", "IEEEexample:private", "has no 'title'", BUILTIN),
    ("ieee-split", "IEEEexample:BSTcontrol", "has no 'title'", BUILTIN),
}

_DOUBLED = re.compile(r"(?<![.…])\.\.(?!\.)|[?!,;:]\.|[?!]”[.,]|,,|[,;:]”?[,;:]|\.”\.|\s[,.;]|\(\)|\[\]")


def _text(nodes, links: bool = True) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Link) and not links:
            out.append("URL")
        elif isinstance(node, Container):
            out.append(_text(node.content, links))
    return "".join(out)


def _render(name: str, style: str):
    """(database, reporter, {key: [note, later note, bibliography entry]}, tracebacks)."""
    reporter = Reporter()
    db = load_database([os.path.join(REAL, f) for f in DATABASES[name]], reporter)
    proc = CitationProcessor(db, style=style, language="en", reporter=reporter)
    out, tracebacks = {}, []
    for n, record in enumerate(db, 1):
        try:
            forms = [proc.cite(Cite([CiteItem(record.key, locator="45")]), note=2 * n)]
            if style in BUILTIN:
                forms.append(proc.cite(Cite([CiteItem(record.key, locator="46")]), note=2 * n + 1))
            forms.append(proc.entry(record.key))
        except Exception as error:  # pragma: no cover - the assertion says which
            tracebacks.append((record.key, repr(error)))
            continue
        out[record.key] = forms
    return db, reporter, out, tracebacks


@pytest.fixture(scope="module", params=[(d, s) for d in DATABASES for s in BUILTIN + CSL],
                ids=lambda p: f"{p[0]}-{p[1]}")
def rendered(request):
    name, style = request.param
    return (name, style) + _render(name, style)


def test_no_traceback_every_entry_rendered(rendered):
    name, style, db, _, out, tracebacks = rendered
    assert tracebacks == []
    assert set(out) == set(db.keys()) and len(out) >= 27
    assert all(all(f for f in forms) for forms in out.values())


def test_no_latex_left(rendered):
    name, style, db, _, out, _ = rendered
    raw = [(k, _text(f)) for k, forms in out.items() for f in forms if re.search(r"[\\{}]", _text(f))]
    assert raw == []


def test_no_doubled_punctuation(rendered):
    """Doubled punctuation the database does not itself hold ("1 , 1" in a Zotero title is
    the title's), outside URLs."""
    name, style, db, _, out, _ = rendered
    bad = []
    for key, forms in out.items():
        record = db[key]
        data = " ".join(record.fields.values())
        for nodes in forms:
            for m in _DOUBLED.finditer(_text(nodes, links=False)):
                if m.group(0) not in data:
                    bad.append((key, m.group(0), _text(nodes)))
    assert bad == []


def test_errors_located_and_justified(rendered):
    name, style, db, reporter, _, _ = rendered
    for d in reporter.diagnostics:
        assert d.loc.file and d.loc.line > 0, str(d)
        assert os.path.basename(d.loc.file) in DATABASES[name], str(d)
    errors = {(next((k for k in db.keys() if f"'{k}'" in d.message), ""), d.message)
              for d in reporter.diagnostics if d.level == "error"}
    expected = {(key, what) for db_name, key, what, styles in JUSTIFIED
                if db_name == name and style in styles}
    found = {(key, what) for key, what in expected
             if any(k == key and what in message for k, message in errors)}
    assert found == expected
    unexplained = [m for k, m in errors if not any(k == key and what in m for key, what in expected)]
    assert unexplained == []


# ------------------------------------------------------------------ what the data model gives


@pytest.fixture(scope="module")
def examples():
    reporter = Reporter()
    return load_database([os.path.join(REAL, "biblatex-examples.bib")], reporter), reporter


def test_crossref_by_biblatex_rules(examples):
    db, _ = examples
    space = db["westfahl:space"]  # @incollection -> @collection westfahl:frontier
    assert space.get("booktitle") == "Space and Beyond"
    assert space.get("title").startswith("The True Frontier")
    assert [n.full() for n in space.names("editor")] == ["Gary Westfahl"]
    assert space.get("shorttitle") == ""  # the parent's shorttitle is not inherited
    chapter = db["kant:kpv"]  # @inbook crossref @book: author -> bookauthor as well
    assert chapter.get("booktitle").startswith("Kants Werke") or chapter.get("maintitle")


def test_string_macros_across_files():
    reporter = Reporter()
    db = load_database([os.path.join(REAL, f) for f in DATABASES["ieee-split"]], reporter)
    assert db["IEEEexample:article_typical"].get("journal") == "IEEE Electron Device Lett."
    assert not [d for d in reporter.diagnostics if "undefined" in d.message]


def test_string_macro_undefined_when_its_file_is_missing():
    reporter = Reporter()
    load_database([os.path.join(REAL, "IEEEexample.bib")], reporter)
    undefined = [d for d in reporter.diagnostics if "undefined @string macro IEEE_J_EDL" in d.message]
    assert undefined and undefined[0].loc.line > 0


def test_biblatex_markup_and_roles(examples):
    db, _ = examples
    proc = CitationProcessor(db, style="chicago", language="en")
    from edition.model import plain_text

    # \mkbibquote keeps its quotation marks, nested in a quoted title as single ones
    quoted = [plain_text(proc.entry(k)) for k in db.keys() if "“" in db[k].get("title")
              and db[k].kind in {"article", "chapter"}]
    assert quoted and all("‘" in q for q in quoted)
    # editoratype = {redactor}: printed with its term, never raw
    redactor = next(r for r in db if r.fields.get("editoratype") == "redactor")
    entry = plain_text(proc.entry(redactor.key))
    assert "red." in entry.lower() and "redactor" not in entry


def test_zotero_seasons_and_online(tmp_path):
    reporter = Reporter()
    db = load_database([os.path.join(REAL, "zotero-bbt.bib")], reporter)
    from edition.model import plain_text

    proc = CitationProcessor(db, style="chicago", language="en", reporter=reporter)
    magazine = plain_text(proc.entry("altman2013"))  # issue = {Spring}, a magazine: by date
    assert "IASSIST Quarterly, Spring 2013" in magazine and "no. Spring" not in magazine
    talk = plain_text(proc.cite(Cite([CiteItem("romary2016")]), note=1))  # eventtitle, no booktitle
    assert "paper presented at Atelier Interdisciplinaire" in talk
    online = plain_text(proc.entry("birnbaum"))
    assert "Accessed October 19, 2016" in online
    # the extended name format Better BibTeX writes for particles
    assert [n.particle for n in db["roorda2014"].names("author") if n.particle] == ["van den"]


def test_edtf_dates_printed():
    db = load_database([os.path.join(REAL, "zotero-bbt-edtf.bib")], Reporter())
    from edition.citations.style import Style

    style = Style("en")
    years = {style.year(r) for r in db}
    assert {"1988–1992", "2004–", "ca. 1723", "1723?", "1990s", "877 BC"} <= years


# ------------------------------------------------------------------ one PDF


def test_pdf_text_has_no_latex(write_source, tmp_path):
    """A hundred biblatex-examples entries cited in notes, Chicago, built to PDF."""
    from edition.core import build_pdf

    db = load_database([os.path.join(REAL, "biblatex-examples.bib")], Reporter())
    keys = [k for k in db.keys()]
    notes = " ".join(f"Text^[[{'; '.join('@' + k for k in keys[i:i + 8])}].]."
                     for i in range(0, len(keys), 8))
    import shutil

    shutil.copy(os.path.join(REAL, "biblatex-examples.bib"), tmp_path / "refs.bib")
    source = write_source(f"""
        edition:
          title: Real-world bibliography
          language: en
        bibliography: [refs.bib]
        citation-style: chicago
        body:
          - heading: Works
            text: |
              {notes}
        """)
    out = tmp_path / "out.pdf"
    build_pdf(source, str(out))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Westfahl" in text and "Space and Beyond" in text
    assert re.findall(r"[\\{}]", text) == []
