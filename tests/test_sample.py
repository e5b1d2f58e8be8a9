"""The sample edition, checked on the PDF that was built (not on our own intermediate data).

Page facts come from the PDF itself: named destinations (each id WeasyPrint anchored) give
the page of every note call, note, apparatus marker and entry and index occurrence; link
annotations give where each index page number points; pdftotext gives the words on a page.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from edition.collation import sort_key
from edition.model import App, Cite, Note, Tag, Text, plain_text, walk_inlines

from .conftest import SEED


def norm(text: str) -> str:
    """PDF text -> comparable text: soft/real line-end hyphens joined, spaces folded."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\u2010", "-")
    text = re.sub(r"-\n(?=\w)", "", text)
    text = text.replace("\u200b", "")
    return re.sub(r"\s+", " ", text)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", norm(text).replace("-", ""))


@pytest.fixture(scope="module")
def pdf(sample_build):
    return PdfReader(sample_build[0])


@pytest.fixture(scope="module")
def dest_page(pdf):
    dests = pdf.named_destinations
    return {name: pdf.get_destination_page_number(d) for name, d in dests.items()}


def test_sample_counts(sample_build):
    _, result, ed = sample_build
    assert len(ed.notes) == 36
    assert result.pages >= 10
    assert len(ed.apparatus) >= 30
    assert not [w for w in result.warnings if "could not be kept" in w.message]


def test_every_note_on_the_page_of_its_call(sample_build, dest_page, sample_pages):
    _, _, ed = sample_build
    for note in ed.notes:
        call, body = dest_page[f"fnref{note.n}"], dest_page[note.id]
        assert call == body, f"note {note.n}: call on page {call + 1}, text on page {body + 1}"
        start = " ".join(words(plain_text(note.content))[:6])
        assert start in " ".join(words(sample_pages[body])), f"note {note.n} text not on page {body + 1}: {start!r}"


def witness_text(nodes, base: str) -> str:
    """The text of the base witness: every lemma replaced by the base witness's reading."""
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, App):
            rdg = next((r.text for r in node.readings if base in r.wits), None)
            out.append(witness_text(node.content, base) if rdg is None else rdg)
        elif isinstance(node, Cite):
            out.append(plain_text(node.rendered))
        elif isinstance(node, Note):
            continue
        else:
            out.append(witness_text(node.children(), base))
    return "".join(out)


def seed_notes() -> dict[int, str]:
    """The seed's note texts, read from its note areas independently of our importer:
    a note area follows a separator line of spaces; note n starts a line with n (glued or
    not); a line opening with a space starts the next page's body; URL-only lines are
    link artifacts."""
    lines = open(SEED, encoding="utf-8").read().split("\n")
    notes: dict[int, list[str]] = {}
    in_area, n = False, 0
    for line in lines:
        if re.fullmatch(r" {20,}", line):
            in_area = True
            continue
        if not in_area:
            continue
        if line.startswith(" ") and line.strip():
            in_area = False
            continue
        if re.fullmatch(r"https?://\S+", line.strip()) or not line.strip():
            continue
        if line.startswith(str(n + 1)) and (n + 1 != 1 or n == 0):
            n += 1
            notes[n] = [line[len(str(n)):]]
        elif n:
            notes[n].append(line)
    return {k: " ".join(v) for k, v in notes.items()}


def test_notes_read_as_the_print(sample_build):
    """All 36 notes: their text, citations rendered by the house style, equals the seed's,
    once the apparatus readings of the print are put back."""
    _, _, ed = sample_build
    seed = seed_notes()
    assert sorted(seed) == list(range(1, 37))
    strip_urls = lambda t: re.sub(r"https?://\S+(?:-\s+[\w./-]+)*", " ", t)
    for note in ed.notes:
        ours = words(strip_urls(witness_text(note.content, ed.base_witness)))
        theirs = words(strip_urls(seed[note.n]))
        assert ours == theirs, f"note {note.n} differs:\n ours:   {' '.join(ours)}\n theirs: {' '.join(theirs)}"


def test_every_apparatus_entry_on_the_page_of_its_lemma(sample_build, dest_page, sample_pages):
    _, _, ed = sample_build
    for app in ed.apparatus:
        entry = dest_page[app.id]
        call = dest_page[f"appref{app.n}"]
        assert call == entry, f"apparatus {app.n} ({plain_text(app.content)!r}): lemma on page {call + 1}, entry on page {entry + 1}"
        reading = app.readings[0].text
        if reading:
            assert " ".join(words(reading)) in " ".join(words(sample_pages[entry])), f"reading {reading!r} not on page {entry + 1}"


def test_index_page_numbers_hold_the_word(pdf, dest_page, sample_build, sample_pages):
    """Every link in the index points to a page where that entry's occurrence is, and prints that page."""
    _, _, ed = sample_build
    tags = {t.id: t for t in ed.tags}
    checked = 0
    for page_index, page in enumerate(pdf.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if not isinstance(dest, str) or dest not in tags:
                continue
            tag = tags[dest]
            target = dest_page[dest]
            # the printed label sits inside the link rectangle
            label = _text_in_rect(pdf, page_index, annot["/Rect"])
            assert re.sub(r"n$", "", label.split("\u2013")[0]) == str(target + 1), f"index link {dest}: label {label!r}, target page {target + 1}"
            occurrence = " ".join(words(plain_text(tag.content)))
            assert occurrence in " ".join(words(sample_pages[target])), f"{occurrence!r} not on page {target + 1}"
            checked += 1
    assert checked >= 50


def test_no_occurrence_missing_from_the_index(sample_build, dest_page):
    """Each tagged occurrence's page is listed under its entry (read back from the link targets)."""
    pdf_path, _, ed = sample_build
    reader = PdfReader(pdf_path)
    linked_pages: dict[tuple[str, str], set[int]] = {}
    tags = {t.id: t for t in ed.tags}
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if isinstance(dest, str) and dest in tags:
                t = tags[dest]
                linked_pages.setdefault((t.kind, t.key), set()).add(dest_page[dest])
    for t in ed.tags:
        pages = linked_pages.get((t.kind, t.key), set())
        # a range links to its first page; accept occurrences inside a linked range
        assert dest_page[t.id] in pages or any(p <= dest_page[t.id] <= p + 30 for p in pages), f"{t.kind} {t.key} on page {dest_page[t.id] + 1} missing"


def _text_in_rect(pdf, page_index, rect) -> str:
    x0, y0, x1, y1 = [float(v) for v in rect]
    lo, hi = min(y0, y1), max(y0, y1)
    parts = []

    def visitor(text, cm, tm, font, size):
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if x0 - 1 <= x <= x1 + 1 and lo - 2 <= y <= hi + 2:
            parts.append(text)

    pdf.pages[page_index].extract_text(visitor_text=visitor)
    return "".join(parts).strip().strip(",").strip()


def test_every_seed_word_is_in_the_pdf(sample_build, sample_pages):
    """Every word of the seed (body and notes) is printed, apart from the print's forms that
    the apparatus records (which are printed in the apparatus instead)."""
    _, _, ed = sample_build
    pdf_words = set(w.casefold() for w in words("\n".join(sample_pages)))
    seed = open(SEED, encoding="utf-8").read()
    seed = re.sub(r"https?://\S+", " ", seed)
    missing = sorted({w for w in words(seed) if w.casefold() not in pdf_words})
    assert not missing, f"{len(missing)} seed words not in the PDF: {missing[:40]}"


def test_print_is_recoverable_from_the_edition(sample_build):
    """Replacing each lemma by the base witness's reading rebuilds the print's text."""
    _, _, ed = sample_build
    seed_words = words(re.sub(r"https?://\S+", " ", open(SEED, encoding="utf-8").read()))
    seed_set = set(seed_words)
    for app in ed.apparatus:
        for r in app.readings:
            if ed.base_witness in r.wits:
                for w in words(r.text):
                    assert w in seed_set, f"apparatus {app.n}: the print's reading {r.text!r} has {w!r}, not in the seed"


def test_index_is_in_turkish_order(sample_pages, sample_build):
    _, _, ed = sample_build
    names = [e.name for e in ed.registers.values() if e.kind == "person" and any(t.key == e.key and t.kind == "person" for t in ed.tags)]
    expected = sorted(names, key=lambda s: sort_key(s, "tr"))
    text = norm("\n".join(sample_pages[-4:]))
    positions = [text.find(norm(n)) for n in expected]
    found = [p for p in positions if p >= 0]
    assert len(found) >= len(expected) * 0.8, "index headwords not found in the last pages"
    assert found == sorted(found), "person index is not in Turkish alphabetical order"


def test_metadata(pdf):
    meta = pdf.metadata
    assert meta.title.startswith("Azerbaycan ve Bolşevizm")
    assert "Azerbaycan" in meta["/Keywords"] and "Bolşevizm" in meta["/Keywords"]
    assert pdf.trailer["/Root"]["/Lang"] == "tr"
    outline = [o.title for o in pdf.outline if not isinstance(o, list)]
    flat = " ".join(str(o) for o in outline)
    for heading in ("GİRİŞ", "SONUÇ", "KAYNAKÇA"):
        assert heading in flat, f"bookmark {heading} missing: {outline}"


def test_fonts_embedded_book_face(sample_build):
    out = subprocess.run(["pdffonts", sample_build[0]], capture_output=True, text=True, check=True).stdout
    assert "LinLibertine" in out
    assert all(line.split()[-5] == "yes" for line in out.splitlines()[2:] if line.strip()), out


def test_turkish_casing_of_headings(sample_pages):
    text = "\n".join(sample_pages)
    assert "KAZIM KARABEKİR PAŞA’NIN GÖRÜŞLERİ" in norm(text)
