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

from ..conftest import SEED


def norm(text: str) -> str:
    """PDF text -> comparable text: soft/real line-end hyphens joined, spaces folded."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\u2010", "-")
    # the witness's page labels in the margin ("J 4"): pdftotext reads them at a line's start
    text = re.sub(r"(?m)^J\s\d+\s", "", text)
    text = re.sub(r"-\n\s*(?=\w)", "", text)
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
    strip_urls = lambda t: re.sub(r"https?://(?:\S*-\s+)*\S+", " ", t)
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
    import pdfplumber

    _, _, ed = sample_build
    plumber = pdfplumber.open(sample_build[0])
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
            label = _text_in_rect(plumber, page_index, annot["/Rect"])
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


def _text_in_rect(plumber, page_index, rect) -> str:
    """The text printed inside a PDF rectangle (bottom-left origin), read with pdfplumber."""
    page = plumber.pages[page_index]
    x0, y0, x1, y1 = [float(v) for v in rect]
    box = (max(0, x0 - 0.5), page.height - max(y0, y1) - 0.5, min(page.width, x1 + 0.5), page.height - min(y0, y1) + 0.5)
    return page.within_bbox(box).extract_text().strip().strip(",").strip()


def running_text(pages: list[str]) -> str:
    """The pages' text without running heads and page numbers, so that a word hyphenated
    across a page break joins up again."""
    out = []
    for page in pages:
        lines = [l for l in page.split("\n") if l.strip()]
        if lines and re.fullmatch(r"\d+", lines[-1].strip()):
            lines.pop()
        if lines and lines[0].strip() == "Azerbaycan ve Bolşevizm":
            lines.pop(0)
        out.append("\n".join(lines))
    return "\n".join(out).replace("\u2010", "-")


def test_every_seed_word_is_in_the_pdf(sample_build, sample_pages):
    """Every word of the seed (body and notes) is printed, apart from the print's forms that
    the apparatus records (which are printed in the apparatus instead)."""
    _, _, ed = sample_build
    pdf_words = set(w.casefold() for w in words(running_text(sample_pages)))
    seed = open(SEED, encoding="utf-8").read()
    seed = re.sub(r"https?://(?:\S*-\s+)*\S+", " ", seed)
    # a word hyphenated at the foot of a page has the page's notes between its halves
    text = norm(running_text(sample_pages))
    heads = {m.group(1).casefold() for m in re.finditer(r"(\w+)-\n", running_text(sample_pages))}
    tails = {m.group(1).casefold() for m in re.finditer(r"(?m)^(\w+)", running_text(sample_pages))}

    def split_across(w: str) -> bool:
        w = w.casefold()
        return any(w[:i] in heads and w[i:] in tails for i in range(2, len(w) - 1))

    missing = sorted({w for w in words(seed) if w.casefold() not in pdf_words and not split_across(w)})
    assert not missing, f"{len(missing)} seed words not in the PDF: {missing[:40]}"


def test_print_is_recoverable_from_the_edition(sample_build):
    """Replacing each lemma by the base witness's reading rebuilds the print's text."""
    _, _, ed = sample_build
    seed_words = words(re.sub(r"https?://\S+", " ", open(SEED, encoding="utf-8").read()))
    seed_set = set(seed_words)
    for app in ed.apparatus:
        for r in app.readings:
            if ed.base_witness in r.wits:
                for w in words(re.sub(r"https?://\S+", " ", r.text)):  # URLs as in the seed
                    assert w in seed_set, f"apparatus {app.n}: the print's reading {r.text!r} has {w!r}, not in the seed"


def index_text(pdf_path: str) -> str:
    """The text of the index pages in reading order: the index is set in two columns under
    headings that span both, so each band between headings is read left column, then right."""
    import pdfplumber

    parts = []
    with pdfplumber.open(pdf_path) as plumber:
        started = False
        for page in plumber.pages:
            if not started and "Kişiler Dizini" not in (page.extract_text() or ""):
                continue
            started = True
            heads = sorted({w["top"] for w in page.extract_words() if w["text"] == "Dizini"})
            cuts = [0.0, *heads, float(page.height)]
            mid = page.width / 2
            for top, bottom in zip(cuts, cuts[1:]):
                for x0, x1 in ((0, mid), (mid, page.width)):
                    parts.append(page.within_bbox((x0, max(0.0, top - 1), x1, bottom - 1)).extract_text() or "")
    return norm("\n".join(parts))


def test_index_is_in_turkish_order(sample_build):
    pdf_path, _, ed = sample_build
    for kind, title, end in (("person", "Kişiler Dizini", "Yer Adları Dizini"), ("place", "Yer Adları Dizini", None)):
        # (sub-entries, e.g. districts under İstanbul, sort under their parent)
        names = [e.name for e in ed.registers.values() if e.kind == kind and not e.parent and any(t.key == e.key and t.kind == kind for t in ed.tags)]
        expected = sorted(names, key=lambda s: sort_key(s, "tr"))
        text = index_text(pdf_path)
        start = text.index(title)
        text = text[start : text.index(end, start) if end else len(text)]
        positions = []
        for name in expected:  # a headword is followed by its dates "(" or its pages ","
            # (a name that ends in its own bracket takes the dates inside it: "Halil Paşa (Kut; 1881–1957)")
            head = re.escape(norm(name)[:-1]) + r"[);]" if name.endswith(")") else re.escape(norm(name))
            m = re.search(r"(?<!\w)" + head + r"(?= ?[(,;0-9]|$)", text)
            positions.append(m.start() if m else -1)
        assert -1 not in positions, f"{kind} headwords missing: {[n for n, p in zip(expected, positions) if p < 0]}"
        assert positions == sorted(positions), f"{kind} index is not in Turkish alphabetical order"


def test_metadata(pdf):
    meta = pdf.metadata
    assert meta.title.startswith("Azerbaycan ve Bolşevizm")
    assert "Azerbaycan" in meta["/Keywords"] and "Bolşevizm" in meta["/Keywords"]
    assert pdf.trailer["/Root"]["/Lang"] == "tr"
    def titles(items):
        for o in items:
            yield from titles(o) if isinstance(o, list) else [o.title]

    outline = list(titles(pdf.outline))
    flat = " ".join(outline)
    for heading in ("GİRİŞ", "SONUÇ", "KAYNAKÇA"):
        assert heading in flat, f"bookmark {heading} missing: {outline}"


def test_fonts_embedded_book_face(sample_build):
    out = subprocess.run(["pdffonts", sample_build[0]], capture_output=True, text=True, check=True).stdout
    assert "Linux-Libertine-O" in out
    assert all(line.split()[-5] == "yes" for line in out.splitlines()[2:] if line.strip()), out


def test_turkish_casing_of_headings(sample_pages):
    text = "\n".join(sample_pages)
    assert "KAZIM KARABEKİR PAŞA’NIN GÖRÜŞLERİ" in norm(text)
