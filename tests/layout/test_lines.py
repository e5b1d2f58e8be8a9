"""Line numbers and the line-keyed apparatus, checked on glyph positions in the PDF.

The sample is built with `apparatus: line`. Body lines are found from the PDF's own
characters (pdfplumber: the text face at 10.5 pt, not bold); a lemma's line from its named
destination; an entry's printed line number from the characters at the entry's destination.
"""

from __future__ import annotations

import os
import re
import shutil

import pdfplumber
import pytest
from pypdf import PdfReader

from edition.core import build_pdf, load
from edition.model import App, walk_inlines

from ..conftest import SAMPLE


@pytest.fixture(scope="module")
def line_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lines") / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    text = src.read_text(encoding="utf-8")
    assert "apparatus: marker" in text
    src.write_text(text.replace("apparatus: marker", "apparatus: line"), encoding="utf-8")
    out = folder / "lines.pdf"
    result = build_pdf(str(src), str(out))
    return str(out), result, load(str(src))


def body_lines(page) -> list[float]:
    """Baselines (pt from the top) of the edited text's lines on a pdfplumber page."""
    baselines: list[float] = []
    for ch in page.chars:
        if 10.3 <= ch["size"] <= 10.7 and "Bold" not in ch["fontname"] and ch["text"].strip():
            y = ch["bottom"]
            if not any(abs(y - b) < 2.0 for b in baselines):
                baselines.append(y)
    return sorted(baselines)


def dest_positions(reader: PdfReader) -> dict[str, tuple[int, float, float]]:
    out = {}
    for name, dest in reader.named_destinations.items():
        page = reader.get_destination_page_number(dest)
        height = float(reader.pages[page].mediabox.height)
        out[name] = (page, float(dest.left), height - float(dest.top))
    return out


def line_of(baselines: list[float], y_top: float) -> int:
    """1-based number of the first text line whose baseline lies below a box top."""
    for i, b in enumerate(baselines, 1):
        if b > y_top + 1:
            return i
    raise AssertionError(f"no text line below y={y_top}")


def test_every_entry_prints_the_line_of_its_lemma(line_build):
    pdf_path, result, ed = line_build
    reader = PdfReader(pdf_path)
    dests = dest_positions(reader)
    checked = suppressed = 0
    with pdfplumber.open(pdf_path) as plumber:
        lines_cache: dict[int, list[float]] = {}
        previous: dict[int, int] = {}
        front = {n.n for ab in ed.meta.abstracts for p in ab.paragraphs for n in walk_inlines(p.content) if isinstance(n, App)}
        for app in ed.apparatus:
            if app.in_note or app.n in front:  # notes key by "24n", abstracts by letter
                continue
            page_no, _, lem_top = dests[f"lem{app.n}"]
            call_page, _, call_top = dests[f"appref{app.n}"]
            baselines = lines_cache.setdefault(page_no, body_lines(plumber.pages[page_no]))
            first = line_of(baselines, lem_top)
            entry_page, ex, ey = dests[app.id]
            assert entry_page == page_no, f"entry {app.n} on page {entry_page + 1}, lemma on {page_no + 1}"
            page = plumber.pages[entry_page]
            words = [w for w in page.extract_words() if abs(w["top"] - ey) < 4 and w["x0"] >= ex - 1]
            words.sort(key=lambda w: w["x0"])
            label = words[0]["text"] if words else ""
            # (the key is tied to the lemma by a no-break space: read as one word if close)
            m = re.match(r"(\d+)(?:\u2013(\d+))?(?=$|\D)", label)
            if m:
                assert int(m.group(1)) == first, f"entry {app.n} ({app.content!r}): printed {label}, lemma on line {first} of page {page_no + 1}"
                if m.group(2):
                    last = line_of(baselines, call_top) if call_page == page_no else first
                    assert int(m.group(2)) == last
                previous[page_no] = first
                checked += 1
            else:  # a repeated line number prints as '|': the lemma is on the previous entry's line
                assert previous.get(page_no) == first, f"entry {app.n}: no line number printed but lemma on line {first}"
                suppressed += 1
    assert checked >= 20
    assert result.passes <= 5


def test_margin_numbers_sit_on_the_baselines_they_count(line_build):
    pdf_path, _, ed = line_build
    every = ed.settings.line_every
    seen = 0
    with pdfplumber.open(pdf_path) as plumber:
        for page in plumber.pages:
            baselines = body_lines(page)
            if not baselines:
                continue
            text_left = min(ch["x0"] for ch in page.chars if 10.3 <= ch["size"] <= 10.7)
            # (the witness's page labels, "J 4", stand in the margin too, smaller)
            numbers = [w for w in page.extract_words(extra_attrs=["size"]) if w["x1"] < text_left - 2 and re.fullmatch(r"\d+", w["text"]) and round(w["size"], 1) == 7.5]
            expected = {i: b for i, b in enumerate(baselines, 1) if i % every == 0}
            printed = {int(w["text"]): w["bottom"] for w in numbers}
            assert sorted(printed) == sorted(expected), f"page {page.page_number}: numbers {sorted(printed)}, lines {sorted(expected)}"
            for n, bottom in printed.items():
                assert abs(bottom - expected[n]) < 0.8, f"page {page.page_number}: number {n} at {bottom:.1f}, its line's baseline at {expected[n]:.1f}"
                seen += 1
    assert seen >= 30


def test_line_numbers_do_not_move_the_layout(sample_build, tmp_path):
    """The same edition with margin line numbers (marker-keyed apparatus, so the HTML is the
    same) prints every word at the same place on the same page: the numbers are drawn over
    the finished pages."""
    folder = tmp_path / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("apparatus: marker", "apparatus: marker\n  line-numbers: {every: 5}"), encoding="utf-8")
    out = folder / "numbered.pdf"
    build_pdf(str(src), str(out))

    def body_words(path):
        with pdfplumber.open(path) as plumber:
            return [
                # the witness's page labels ("J 4", 7pt) stand further out beside line numbers
                [(w["text"], round(w["x0"], 1), round(w["top"], 1)) for w in page.extract_words(extra_attrs=["size"])
                 if (not re.fullmatch(r"\d+", w["text"]) or w["x0"] > 70) and round(w["size"], 1) != 7.0]
                for page in plumber.pages
            ]

    numbered, plain = body_words(str(out)), body_words(sample_build[0])
    assert len(numbered) == len(plain)
    for i, (a, b) in enumerate(zip(numbered, plain), 1):
        assert a == b, f"page {i} differs"
    with pdfplumber.open(str(out)) as plumber:  # and the numbers are there
        assert any(re.fullmatch(r"\d+", w["text"]) and w["x1"] < 70 for w in plumber.pages[2].extract_words())


def test_critical_endnotes_by_page_and_line(tmp_path):
    """apparatus-place: end collects the entries at the end, under the page of their lemma."""
    folder = tmp_path / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    text = src.read_text(encoding="utf-8").replace("apparatus: marker", "apparatus: line\n  apparatus-place: end")
    src.write_text(text, encoding="utf-8")
    out = folder / "end.pdf"
    build_pdf(str(src), str(out))
    ed = load(str(src))
    reader = PdfReader(str(out))
    dests = dest_positions(reader)
    with pdfplumber.open(str(out)) as plumber:
        for app in ed.apparatus:
            lemma_page, _, lemma_y = dests[f"lem{app.n}"] if not app.in_note else dests[f"fnref{app.in_note}"]
            page_no, ex, ey = dests[app.id]
            assert (page_no, ey) > (lemma_page, lemma_y), "the entry is printed at the end, after its lemma"
            # the page headings ("s. 7") are bold: a reading's "s." is not one
            words = [w for w in plumber.pages[page_no].extract_words(extra_attrs=["fontname"]) if "Bold" in w["fontname"] or w["text"] != "s."]
            # the page heading before the entry ("s. 7"): on lines above it or to its left on
            # its line; for a page's group of entries that runs over, on the page before
            before = [w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])) if w["top"] < ey - 4]
            before += [w["text"] for w in sorted(words, key=lambda w: w["x0"]) if abs(w["top"] - ey) < 4 and w["x0"] <= ex + 1]
            if "s." not in before:
                prev = [w for w in plumber.pages[page_no - 1].extract_words(extra_attrs=["fontname"]) if "Bold" in w["fontname"] or w["text"] != "s."]
                before = [w["text"] for w in sorted(prev, key=lambda w: (round(w["top"]), w["x0"]))] + before
            label = before[len(before) - 1 - before[::-1].index("s.") + 1]
            assert label == str(lemma_page + 1), f"entry {app.n} listed under s. {label}, lemma on page {lemma_page + 1}"
        # the foot of the pages holds notes only
        foot_text = "".join(p.extract_text() for p in plumber.pages[:3])
        assert "ELEŞTİREL APARAT" not in foot_text


def test_index_cites_page_and_line(tmp_path):
    """index-refs: page.line prints "14.12": the page and the line where the name stands."""
    folder = tmp_path / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("apparatus: marker", "apparatus: marker\n  index-refs: page.line"), encoding="utf-8")
    out = folder / "pl.pdf"
    build_pdf(str(src), str(out))
    ed = load(str(src))
    tags = {t.id: t for t in ed.tags}
    from edition.model import Tag

    front = {n.id for ab in ed.meta.abstracts for p in ab.paragraphs for n in walk_inlines(p.content) if isinstance(n, Tag)}
    reader = PdfReader(str(out))
    dests = dest_positions(reader)
    checked = 0
    with pdfplumber.open(str(out)) as plumber:
        baselines = {}
        for page_index, page in enumerate(plumber.pages):
            for annot in page.annots:
                dest = (annot.get("data") or {}).get("Dest")
                name = dest.decode() if isinstance(dest, bytes) else dest
                if name not in tags or tags[name].in_note or name in front:
                    continue  # outside the numbered text: cited by page
                box = (annot["x0"] - 0.5, annot["top"] - 0.5, annot["x1"] + 0.5, annot["bottom"] + 0.5)
                label = page.within_bbox(box).extract_text().strip().strip(",")
                m = re.fullmatch(r"(\d+)\.(\d+)", label)
                if re.fullmatch(r"\d+", label):  # a name in a heading: not a counted line, cited by page
                    continue
                assert m, f"index link to {name} prints {label!r}, not page.line"
                target_page, _, y = dests[name]
                lines = baselines.setdefault(target_page, body_lines(plumber.pages[target_page]))
                assert int(m.group(1)) == target_page + 1
                assert int(m.group(2)) == line_of(lines, y), f"{name}: printed {label}, on line {line_of(lines, y)}"
                checked += 1
    assert checked >= 50
