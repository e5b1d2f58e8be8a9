"""Tests of the PDF importer (edition.readers.pdfimport) on the corpus of
tests/data/import/corpus/, whose truth its generator wrote (make_corpus.py).

The expected side is the truth file (the words and notes the generator put into the print);
the actual side is the draft YAML read back by the project's YAML reader
(tests/readers/import_score.py).  Each document is imported once per session.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from edition.readers.pdfimport import import_pdf
from edition.readers.rawtext import RawTextError
from tests.readers import import_score

CORPUS = import_score.CORPUS
DOCS = import_score.documents(CORPUS)  # the generated corpus (the published articles: test_pdf_import_real.py)


_truth = import_score.truth


@pytest.fixture(scope="module")
def drafts():
    return {name: import_pdf(os.path.join(CORPUS, name + ".pdf")) for name in DOCS}


@pytest.fixture(scope="module")
def scores(drafts):
    return {name: import_score.score(name, "pdf", y, _truth(name), r) for name, (y, r) in drafts.items()}


def test_the_corpus_covers_languages_printers_and_layouts():
    truths = [_truth(n) for n in DOCS]
    assert {t["language"] for t in truths} >= {"tr", "en", "de", "fr"}
    assert {t["printer"] for t in truths} == {"edition", "latex", "libreoffice"}
    assert any("norule" in n for n in DOCS) and any("perpage" in n for n in DOCS) and any("twocol" in n for n in DOCS)
    for n in DOCS:
        assert os.path.getsize(os.path.join(CORPUS, n + ".pdf")) < 100_000


def test_the_libreoffice_prints_come_from_docx_files_with_real_footnotes():
    import zipfile

    names = [n for n in DOCS if _truth(n)["printer"] == "libreoffice"]
    assert names
    for n in names:
        with zipfile.ZipFile(os.path.join(CORPUS, n + ".docx")) as z:
            xml = z.read("word/footnotes.xml").decode("utf-8")
            body = z.read("word/document.xml").decode("utf-8")
        assert body.count("<w:footnoteReference") == len(_truth(n)["notes"]), n
        assert xml.count("<w:footnote ") >= len(_truth(n)["notes"]), n


@pytest.mark.parametrize("name", DOCS)
def test_each_document_meets_the_targets(scores, name):
    s = scores[name]
    assert s.notes >= 15
    assert s.found_pct >= 98, s.row()
    assert s.attached_pct >= 95, s.row()
    assert s.kept_pct >= 99, s.row()
    assert s.paragraphs_found == s.paragraphs, s.row()  # every paragraph of the print, no more


def test_the_whole_corpus_meets_the_targets(scores):
    total = import_score.total(list(scores.values()), "pdf")
    assert total.found_pct >= 98 and total.attached_pct >= 95 and total.kept_pct >= 99, total.row()


def test_the_scorer_can_fail(drafts):
    """A draft with a note moved one word on and a word dropped scores less."""
    name = "latex-en-rule"
    y, _ = drafts[name]
    truth = _truth(name)
    good = import_score.score(name, "pdf", y, truth)
    moved = re.sub(r"(\S+)(\^\[)", r"\2", y, count=1)  # the first note loses the word before it
    bad = import_score.score(name, "pdf", moved, truth)
    assert bad.attached == good.attached - 1 and bad.kept < good.kept
    no_notes = import_score.score(name, "pdf", re.sub(r"\^\[[^\]]*\]", "", y), truth)
    assert no_notes.found == 0


def test_page_breaks_carry_the_printed_folios(drafts):
    for name in DOCS:
        first = _truth(name)["first_page"]
        y, report = drafts[name]
        numbers = [int(n) for n in re.findall(r"\{pb n=(\d+)\}", y)]
        assert numbers == list(range(first + 1, first + report.pages)), name


def test_running_heads_and_folios_are_not_text(drafts):
    y, _ = drafts["latex-en-rule"]
    assert "Journal of Test Studies" not in y
    body = yaml.safe_load(y)["body"]
    texts = " ".join(s.get("text", "") for s in body)
    assert not re.search(r"(^|\s)11[789](\s|$)", texts)


def test_title_and_headings_from_size_and_weight(drafts):
    for name in DOCS:
        truth = _truth(name)
        y, report = drafts[name]
        doc = yaml.safe_load(y)
        assert doc["edition"]["title"] == truth["title"], name
        headings = [b["heading"] for b in truth["body"] if "heading" in b]
        assert report.headings == headings, name


def test_italics_are_kept_as_markup(drafts):
    y, _ = drafts["latex-en-rule"]
    truth = _truth("latex-en-rule")
    italic = re.findall(r"(?<![\\*])\*([^*\s][^*]*?)\*", y)
    assert len(italic) >= 15
    words = {w.strip(".,;:") for b in truth["body"] for w in b.get("words", [])}
    assert all(w in words for w in italic)  # single words, none with a space or punctuation inside
    assert "**" not in y  # headings are bold in the print: no markup for that


def test_per_page_numbering_and_notes_continued_across_pages(drafts, scores):
    y, report = drafts["latex-fr-perpage"]
    assert report.footnotes_found == len(_truth("latex-fr-perpage")["notes"])
    assert not any("jump" in p for p in report.layout_problems)
    # the generator's long notes run over a page in the LaTeX prints: joined into one note
    truth = _truth("latex-en-rule")
    longest = max(truth["notes"], key=len)
    assert " ".join(longest.split()[-6:]) in " ".join(drafts["latex-en-rule"][0].split())


def test_hyphenation_undone_only_where_the_word_is_a_word(drafts):
    for name in DOCS:
        y, _ = drafts[name]
        words = {import_score.norm(w) for b in _truth(name)["body"] for w in b.get("words", [])}
        words |= {import_score.norm(w) for n in _truth(name)["notes"] for w in n.split()}
        text = " ".join(s.get("text", "") for s in yaml.safe_load(y)["body"])
        for w in re.findall(r"\w+-\w+", text):
            assert import_score.norm(w) in words or w.replace("-", "") not in words, (name, w)


def test_the_report_and_the_cli(tmp_path):
    pdf = os.path.join(CORPUS, "latex-de-norule.pdf")
    out = tmp_path / "draft" / "edition.yaml"
    run = subprocess.run([sys.executable, "-m", "edition.cli", "import", pdf, "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    said = run.stdout + run.stderr
    assert "imported latex-de-norule.pdf: 4 page(s)" in said
    assert "footnotes: 26 found, 26 attached" in said
    assert "Page breaks {pb n=..} carry the printed page numbers; the text starts on page 41" in out.read_text(encoding="utf-8")
    build = subprocess.run([sys.executable, "-m", "edition.cli", "check", str(out)], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr


@pytest.mark.parametrize("data, message", [
    (b"", "not a PDF"),
    (b"hello, this is text", "not a PDF"),
    (b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF", "cannot be read"),
])
def test_bad_input_is_refused_with_what_to_do(tmp_path, data, message):
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    with pytest.raises(RawTextError, match=message):
        import_pdf(str(path))


def test_a_pdf_without_text(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    path = tmp_path / "scan.pdf"
    pdf.save(path)
    with pytest.raises(RawTextError, match="no text"):
        import_pdf(str(path))


# --------------------------------------------------------------------------- the steps both routes share


def _pages(*pages):
    """Pages of the text importer from (body lines, note lines) pairs."""
    from edition.readers.rawtext_pages import Page, RawLine

    out, no = [], 0
    for k, (body, notes) in enumerate(pages, 1):
        page = Page(k)
        for text in body:
            no += 1
            page.body.append(RawLine(no, text, k))
        for text in notes:
            no += 1
            page.notes.append(RawLine(no, text, k))
        out.append(page)
    return out


def test_a_raised_number_without_its_note_is_reported_and_marked():
    from edition.readers.rawtext import ImportReport, _yaml, model_from_pages

    pages = _pages((["The first claim¹ and the area of 12 m² are here."], ["1 A note."]))
    edition, comments, report = model_from_pages(pages, "x", ImportReport(source="t.pdf"), "en", superscript_only=True)
    assert report.footnotes_attached == 1
    assert [r for _p, _w, r in report.unsure_markers] == ["raised number ² is not the marker of any note found (a lost note? an exponent?)"]
    assert "# CHECK (paragraph 1): raised number ²" in _yaml(edition, comments)


def test_only_raised_digits_are_markers_when_the_reader_sees_them():
    from edition.readers.rawtext import ImportReport, model_from_pages

    pages = _pages((["In 1919 there were 3 deputies1 in the town¹ of X."], ["1 A note."]))
    edition, _c, report = model_from_pages(pages, "x", ImportReport(), "en", superscript_only=True)
    para = edition.body[0].blocks[0]
    from edition.model import Note, plain_text

    before = plain_text(para.content[: next(i for i, n in enumerate(para.content) if isinstance(n, Note))])
    # the glued 1 stays text (flagged as glued digits), the raised one is the marker
    assert before.endswith("in the town") and re.search(r"deputies ?1 in", before)
    assert report.footnotes_attached == 1 and not report.unsure_markers


def test_text_route_notes_numbered_per_page_without_a_rule():
    from edition.readers.rawtext import import_text

    raw = ("Body of the first page with a claim1 and another2 one here.\n"
           "It goes on for a line or two.\n"
           "1 First note of page one.\n"
           "2 Second note of page one.\n"
           "\f"
           "The second page has its own claim1 to make.\n"
           "1 The only note of page two.\n")
    y, report = import_text(raw, source_name="perpage.txt", language="en")
    assert report.footnotes_found == 3 and report.footnotes_attached == 3
    assert not any("jump" in p for p in report.layout_problems)
    doc = yaml.safe_load(y)
    text = " ".join(s["text"] for s in doc["body"])
    assert "claim^[First note of page one.]" in text and "claim^[The only note of page two.]" in text


def test_block_quotations_set_in_and_smaller_are_quotes(drafts):
    y = drafts["latex-en-rule"][0]
    quoted = [b for s in yaml.safe_load(y)["body"] for b in s["text"].split("\n\n") if b.strip().startswith(">")]
    assert len(quoted) == 3  # the generator sets every fourth paragraph as a quotation (make_corpus.py)
    for name in ("latex-de-norule", "libreoffice-de", "edition-tr"):
        assert not re.search(r"^\s+> ", drafts[name][0], re.M), name


def test_glyphs_of_a_font_without_character_mapping_are_reported(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.open(os.path.join(os.path.dirname(CORPUS), "..", "..", "corpus", "pdf", "one-page-latex.pdf"))
    fonts = pdf.pages[0].Resources.Font
    keys = sorted(fonts.keys())
    for k in keys[:-1]:  # all fonts but one no longer say which characters their glyphs are
        del fonts[k]["/ToUnicode"]
    path = tmp_path / "nomap.pdf"
    pdf.save(path)
    _y, report = import_pdf(str(path))
    lost = [p for p in report.layout_problems if "without a character mapping" in p]
    assert lost and int(lost[0].split()[0]) > 0  # (pdfminer still decodes some through the font's own cmap)
