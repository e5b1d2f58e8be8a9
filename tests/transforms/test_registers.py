"""Registers and indexes (issue 7): page references read back from a built PDF, sub-entries and
cross-references, Turkish letter groups, authority ids and reference errors, and the
`edition register untagged` finder (and its --apply) on a copy of the sample.

The synthetic edition below is set on A5 with paragraphs shorter than a page, so that the
tags at the start of consecutive paragraphs fall on consecutive pages; what each index
reference must say is computed here from the PDF's named destinations (the page of every
tag), not taken from our own layout data.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import textwrap

import pytest
from pypdf import PdfReader

from edition.cli import main
from edition.core import build_pdf, load
from edition.diagnostics import EditionError
from edition.model import Note, Tag, walk_inlines
from edition.registers import find_untagged
from edition.writers.html import page_refs

from ..conftest import SAMPLE

FILL = ("Bu cümle sayfayı doldurmak için yazılmıştır ve dizindeki sayfa numaralarının doğru olup "
        "olmadığını sınamaya yarar; metin uzadıkça paragraflar sayfalara yayılır. ") * 6

# paragraph openings: who is tagged where (the rest of each paragraph is FILL)
PARAS = [
    "[Cem Sultan]{.person key=cem} ve [İsmet Paşa]{.person key=ismet} [İstanbul]{.place key=istanbul} şehrinde.",
    "[Cem Sultan]{.person key=cem} yine [Moda]{.place key=moda} semtinde^[Bir not: [Cem Sultan]{.person key=cem} ve [Bolşevizm]{.subject key=bolsevizm}.].",
    "[Cem Sultan]{.person key=cem} burada^[Yalnız notta [Çağrı Bey]{.person key=cagri} anılır.] ve "
    '[lemma]{.app J="[Irmak Hanım]{.person key=irmak}" type=emendation}.',
    "[Cem Sultan]{.person key=cem} ve [Osman Bey]{.person key=osman} [Şişli]{.place key=sisli} semtinde.",
    "[Cem Sultan]{.person key=cem} ile [Mustafa Kemal Paşa]{.person key=mkemal} ve [Meşrutiyet]{.subject key=mesrutiyet}.",
    "Ara paragraf^[Notta [Osman Bey]{.person key=osman} anılır.].",
    "Ara paragraf, [Şükrü Bey]{.person key=sukru} ve [Ömer Naci]{.person key=omer}.",
    "Ara paragraf, [Sait Halim Paşa]{.person key=sait}.",
    "Son: [İsmet Paşa]{.person key=ismet}.",
]

INDEXED = """
edition:
  title: Dizin Denemesi
  language: tr
  date: 2019-06-30
settings: {page-size: A5}
witnesses: {J: the print, ed.: the editor}
base-witness: J
persons:
  cem: {name: "Cem Sultan", dates: "1459-1495"}
  cagri: {name: "Çağrı Bey"}
  ismet: {name: "İsmet Paşa"}
  irmak: {name: "Irmak Hanım"}
  osman: {name: "Osman Bey"}
  omer: {name: "Ömer Naci"}
  sait: {name: "Sait Halim Paşa"}
  sukru: {name: "Şükrü Bey", see-also: [sait, mkemal]}
  mkemal: {name: "Mustafa Kemal Paşa", wikidata: Q5152, viaf: "56614734"}
  ataturk: {name: "Atatürk", see: [mkemal]}
  nobody: {name: "Hiç Anılmayan", see: [ghost]}
  ghost: {name: "Hayalet"}
places:
  istanbul: {name: "İstanbul", geonames: "745044"}
  moda: {name: "Moda", parent: istanbul}
  sisli: {name: "Şişli", parent: istanbul}
  uskudar: {name: "Üsküdar", parent: istanbul}
subjects:
  bolsevizm: {name: "Bolşevizm"}
  mesrutiyet: {name: "Meşrutiyet"}
body:
  - heading: GİRİŞ
    text: |
{paras}
"""


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """The synthetic edition built once: (pdf path, Edition, named destination -> page)."""
    folder = tmp_path_factory.mktemp("indexed")
    src = folder / "edition.yaml"
    paras = "\n\n".join(p + " " + FILL for p in PARAS)
    src.write_text(INDEXED.lstrip("\n").replace("{paras}", textwrap.indent(paras, "      ")), encoding="utf-8")
    out = folder / "out.pdf"
    result = build_pdf(str(src), str(out))
    assert not [w for w in result.warnings if "could not" in w.message or "did not settle" in w.message]
    reader = PdfReader(str(out))
    dest = {k: reader.get_destination_page_number(v) for k, v in reader.named_destinations.items()}
    return str(out), load(str(src)), dest


def _where(ed) -> dict[str, int]:
    """Tag id -> 0 text, 1 footnote, 2 apparatus reading: found by walking the model's notes
    and readings here, independently of the tags' own flags."""
    where = {t.id: 0 for t in ed.tags}
    for note in ed.notes:
        for node in walk_inlines(note.content):
            if isinstance(node, Tag) and node.id:
                where[node.id] = 1
    for app in ed.apparatus:
        for r in app.readings:
            for node in walk_inlines(r.content):
                if isinstance(node, Tag) and node.id:
                    where[node.id] = 2
    return where


def expected_labels(tags, dest, where) -> list[str]:
    """What an index line must print for these tags, from the pages the PDF puts them on."""
    rank: dict[int, int] = {}
    for t in tags:
        page = dest[t.id]
        rank[page] = min(rank.get(page, 9), where[t.id])
    pages = sorted(rank)
    labels, i = [], 0
    while i < len(pages):
        p = pages[i]
        if rank[p] == 0:
            j = i
            while j + 1 < len(pages) and pages[j + 1] == pages[j] + 1 and rank[pages[j + 1]] == 0:
                j += 1
            labels.append(str(p + 1) if j == i else f"{p + 1}\u2013{pages[j] + 1}")
            i = j + 1
        else:
            labels.append(f"{p + 1}{'n' if rank[p] == 1 else 'a'}")
            i += 1
    return labels


def _text_in_rect(page, rect) -> str:
    x0, y0, x1, y1 = [float(v) for v in rect]
    box = (max(0, x0 - 0.5), page.height - max(y0, y1) - 0.5, min(page.width, x1 + 0.5), page.height - min(y0, y1) + 0.5)
    return (page.within_bbox(box).extract_text() or "").strip().strip(",;").strip()


def index_links(pdf_path: str):
    """Every link on the pages after the text: (page index, destination name, printed label),
    in document order; a link broken over two lines is joined into one."""
    import pdfplumber

    reader = PdfReader(pdf_path)
    out: list[list] = []
    with pdfplumber.open(pdf_path) as plumber:
        for i, page in enumerate(reader.pages):
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                dest = annot.get("/Dest")
                if not isinstance(dest, str):
                    continue
                label = _text_in_rect(plumber.pages[i], annot["/Rect"])
                if out and out[-1][1] == dest and out[-1][0] == i:
                    out[-1][2] += ("" if out[-1][2].endswith("\u2013") else " ") + label
                else:
                    out.append([i, dest, label])
    return [tuple(x) for x in out]


def index_lines(pdf_path: str) -> list[tuple[str, float]]:
    """The index as a reader reads it: the band under each index title, left column then
    right; each line with the x position of its first word."""
    import pdfplumber

    lines: list[tuple[str, float]] = []
    with pdfplumber.open(pdf_path) as plumber:
        started = False
        for page in plumber.pages:
            words = page.extract_words(x_tolerance=1.5)
            if not started and not any(w["text"] == "Dizini" for w in words):
                continue
            started = True
            heads = sorted({w["top"] for w in words if w["text"] == "Dizini"})
            cuts = [0.0, *heads, float(page.height)]
            mid = page.width / 2
            for top, bottom in zip(cuts, cuts[1:]):
                title = [w for w in words if abs(w["top"] - top) < 1 and top in heads]
                if title:  # the index title spans both columns
                    lines.append((" ".join(w["text"] for w in sorted(title, key=lambda w: w["x0"])), title[0]["x0"]))
                for x0, x1 in ((0, mid), (mid, page.width)):
                    band = [w for w in words if top + 1 <= w["top"] < bottom - 1 and x0 <= w["x0"] < x1]
                    rows: dict[int, list] = {}
                    for w in sorted(band, key=lambda w: (round(w["top"]), w["x0"])):
                        rows.setdefault(round(w["top"]), []).append(w)
                    for _, ws in sorted(rows.items()):
                        lines.append((" ".join(w["text"] for w in ws).replace("\u00ad", ""), ws[0]["x0"]))
    return lines


# --------------------------------------------------------------------------- page references


def test_every_index_reference_is_the_layout(indexed):
    """Each entry's printed references equal what the tags' pages in the PDF require: ranges
    for consecutive text pages, 'n' for notes only, 'a' for apparatus only; each link lands on
    the first page of its reference."""
    pdf, ed, dest = indexed
    where = _where(ed)
    tags_by_id = {t.id: t for t in ed.tags}
    printed: dict[tuple[str, str], list[str]] = {}
    for page, target, label in index_links(pdf):
        if target not in tags_by_id:
            continue
        tag = tags_by_id[target]
        printed.setdefault((tag.kind, tag.key), []).append(label)
        first = int(re.match(r"\d+", label).group(0))
        assert dest[target] + 1 == first, f"{tag.key}: link {label!r} goes to page {dest[target] + 1}"
    keys = {(t.kind, t.key) for t in ed.tags}
    assert set(printed) == keys
    for kind, key in sorted(keys):
        tags = [t for t in ed.tags if (t.kind, t.key) == (kind, key)]
        assert printed[(kind, key)] == expected_labels(tags, dest, where), f"{kind} {key}"


def test_the_document_has_each_shape_of_reference(indexed):
    """The synthetic text is built to produce every case; check that it does."""
    pdf, ed, dest = indexed
    labels: dict[str, list[str]] = {}
    tags_by_id = {t.id: t for t in ed.tags}
    for _, target, label in index_links(pdf):
        if target in tags_by_id:
            labels.setdefault(tags_by_id[target].key, []).append(label)
    cem = labels["cem"]  # the start of paragraphs 1-5: consecutive pages, one range
    assert len(cem) == 1 and re.fullmatch(r"(\d+)\u2013(\d+)", cem[0]), cem
    a, b = map(int, cem[0].split("\u2013"))
    assert b - a >= 1
    assert re.fullmatch(r"\d+n", labels["cagri"][0]) and len(labels["cagri"]) == 1  # only in a note
    assert labels["irmak"] and re.fullmatch(r"\d+a", labels["irmak"][0])  # only in an apparatus reading
    osman = labels["osman"]  # text on one page, a note on a later one
    assert len(osman) == 2 and re.fullmatch(r"\d+", osman[0]) and re.fullmatch(r"\d+n", osman[1])
    ismet = labels["ismet"]  # first and last paragraph: two references, not a range
    assert len(ismet) == 2 and int(ismet[1]) > int(ismet[0]) + 1
    assert labels["bolsevizm"][0].endswith("n")  # the subject index works like the others


def test_page_refs_priorities_and_anchors():
    label = lambda p: str(p + 1)
    refs = page_refs([(0, 0, "a"), (1, 1, "b"), (1, 0, "c"), (2, 0, "d"), (4, 2, "e"), (4, 1, "f"), (6, 2, "g"), (7, 0, "h")], label)
    assert [(r["label"], r["anchor"]) for r in refs] == [("1–3", "a"), ("5n", "f"), ("7a", "g"), ("8", "h")]
    # a note page between two text pages breaks the range
    assert [r["label"] for r in page_refs([(0, 0, "a"), (1, 1, "b"), (2, 0, "c")], label)] == ["1", "2n", "3"]
    assert page_refs([], label) == []


# --------------------------------------------------------------------------- the index's form


def test_letter_groups_and_order_are_turkish(indexed):
    pdf, _, _ = indexed
    lines = [text for text, _ in index_lines(pdf)]
    persons = lines[lines.index("Kişiler Dizini") + 1 : lines.index("Yer Adları Dizini")]
    letters = [l for l in persons if re.fullmatch(r"[^\W\d]", l)]
    assert letters == ["A", "C", "Ç", "I", "İ", "M", "O", "Ö", "S", "Ş"]
    heads = [re.split(r"[,(]", l)[0].strip() for l in persons if l[:1].isalpha() and len(l) > 1 and re.search(r"[,(]", l)]
    assert heads == ["Atatürk", "Cem Sultan", "Çağrı Bey", "Irmak Hanım", "İsmet Paşa", "Mustafa Kemal Paşa",
                     "Osman Bey", "Ömer Naci", "Sait Halim Paşa", "Şükrü Bey"]


def test_see_and_see_also_print_with_turkish_terms_and_link(indexed):
    pdf, _, dest = indexed
    text = " ".join(t for t, _ in index_lines(pdf))
    assert "Atatürk, bkz. Mustafa Kemal Paşa" in text
    assert re.search(r"Şükrü Bey, \d+; ayrıca bkz\. Sait Halim Paşa; Mustafa Kemal Paşa", text), text
    for absent in ("Hiç Anılmayan", "Hayalet", "Üsküdar"):  # a reference to nothing, an unused sub-entry
        assert absent not in text
    xrefs = {(target, label) for _, target, label in index_links(pdf) if target.startswith("ixe-")}
    assert ("ixe-person-mkemal", "Mustafa Kemal Paşa") in xrefs
    assert ("ixe-person-sait", "Sait Halim Paşa") in xrefs
    # the cross-reference lands on the index page that prints the target's line
    import pdfplumber

    with pdfplumber.open(pdf) as plumber:
        page_text = plumber.pages[dest["ixe-person-mkemal"]].extract_text()
    assert "Mustafa Kemal Paşa," in page_text


def test_sub_entries_print_indented_under_their_parent(indexed):
    pdf, _, _ = indexed
    lines = index_lines(pdf)
    texts = [t for t, _ in lines]
    i = next(k for k, t in enumerate(texts) if t.startswith("İstanbul,"))
    assert [re.split(",", t)[0] for t in texts[i + 1 : i + 3]] == ["Moda", "Şişli"]
    assert all(x > lines[i][1] + 5 for _, x in lines[i + 1 : i + 3])  # indented
    assert sum(t.startswith(("Moda", "Şişli")) for t in texts) == 2  # not also at the top level


def test_authority_ids_are_kept_not_printed(indexed):
    pdf, ed, _ = indexed
    assert ed.register("person", "mkemal").authority == {"wikidata": "Q5152", "viaf": "56614734"}
    assert ed.register("place", "istanbul").authority == {"geonames": "745044"}
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    for ident in ("Q5152", "56614734", "745044"):
        assert ident not in text


# --------------------------------------------------------------------------- located errors

BAD_REGISTERS = """
edition: {title: x, language: tr}
persons:
  mk: {name: Mustafa Kemal, wikidata: "5152", viaf: V123}
  ataturk: {name: Atatürk, see: [mk]}
  gazi: {name: Gazi, see: [mkk]}
  a: {name: A, parent: b}
  b: {name: B, parent: a}
  c: {name: C, see-also: [ataturk]}
places:
  istanbul: {name: İstanbul, geonames: "https://www.geonames.org/745044/istanbul.html"}
  moda: {name: Moda, parent: istanbull}
body:
  - text: |
      [Atatürk]{.person key=ataturk} ve [Atatürk]{.person} [Mustafa Kemal]{.person key=mk}.
"""


def at(text: str, needle: str, nth: int = 0, skip: int = 0) -> str:
    """line:col of the nth occurrence of needle (plus skip characters) in text."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    i += skip
    return f"{text.count(chr(10), 0, i) + 1}:{i - text.rfind(chr(10), 0, i)}"


def test_register_errors_are_located(write_source):
    src = write_source(BAD_REGISTERS)
    text = open(src, encoding="utf-8").read()
    with pytest.raises(EditionError) as exc:
        load(src)
    got = {(f"{d.loc.line}:{d.loc.col}", d.message, d.hint) for d in exc.value.diagnostics}
    expected = {
        (at(text, '"5152"'), "wikidata id '5152' of person 'mk' is not of the form Q5152", "write the id as in https://www.wikidata.org/wiki/Q5152"),
        (at(text, "V123"), "viaf id 'V123' of person 'mk' is not of the form 56614734", "write the id as in https://viaf.org/viaf/56614734"),
        (at(text, '"https://www.geonames'), "geonames id 'https://www.geonames.org/745044/istanbul.html' of place 'istanbul' is not of the form 745044", "write the id alone: 745044"),
        (at(text, "[mkk]"), "person 'gazi': see names unknown entry 'mkk'", "did you mean 'mk'?"),
        (at(text, "parent: b}", skip=8), "person 'a': parent chain comes back to 'a'", "an entry cannot be printed under itself; remove one parent:"),
        (at(text, "parent: a}", skip=8), "person 'b': parent chain comes back to 'b'", "an entry cannot be printed under itself; remove one parent:"),
        (at(text, "[ataturk]"), "person 'c': see-also 'ataturk' is itself only a cross-reference", "point to 'mk' directly"),
        (at(text, "istanbull"), "place 'moda': unknown parent 'istanbull'", "did you mean 'istanbul'?"),
        (at(text, "[Atatürk]{.person key=ataturk}"), "person 'ataturk' is a cross-reference (see: mk), not an index entry", "tag it key=mk"),
    }
    assert got == expected
    # the untagged [Atatürk]{.person} found its entry through the cross-reference: no error for it
    assert at(text, "[Atatürk]{.person}") not in {g[0] for g in got}


def test_a_cross_reference_lends_its_forms_to_its_target(write_source):
    src = write_source("""
        edition: {title: x, language: tr}
        persons:
          mk: {name: Mustafa Kemal}
          ataturk: {name: Atatürk, variants: [Atatürk’ün], see: [mk]}
        body:
          - text: |
              [Atatürk’ün]{.person} sözü ve Atatürk.
        """)
    ed = load(src)
    text = open(src, encoding="utf-8").read()
    assert [(t.key, f"{t.loc.line}:{t.loc.col}") for t in ed.tags] == [("mk", at(text, "[Atatürk’ün]{"))]
    assert [o.format() for o in find_untagged(ed)] == [f"{src}:{at(text, 'Atatürk.')}: person 'mk': untagged 'Atatürk'"]


# --------------------------------------------------------------------------- the untagged finder

FINDER = """
edition:
  title: Samsun Denemesi
  language: tr
  abstracts:
    - language: tr
      heading: ÖZ
      text: |
        Öz: Samsun ve samsun.
witnesses: {J: the print, ed.: the editor}
base-witness: J
bibliography: [refs.bib]
persons:
  mk: {name: "Mustafa Kemal Paşa", variants: [Mustafa Kemal]}
  ali1: {name: "Ali Bey (Birinci)", variants: [Ali Bey]}
  ali2: {name: "Ali Bey (İkinci)", variants: [Ali Bey]}
places:
  samsun: {name: Samsun}
  dogusamsun: {name: "Doğu Samsun"}
body:
  - heading: SAMSUN VE ÖTESİ
    text: |
      Önce Samsun’a gidildi, sonra *Samsun* görüldü; Samsunlu biri ve samsun değil.
      Sonra Mustafa
      Kemal Paşa geldi ve Mustafa Kemal’in sözü; Ali Bey de vardı.
      Etiketli [Doğu Samsun]{.place key=dogusamsun} ve [Mustafa Kemal Paşa]{.person key=mk}.
      Adres <https://example.org/Samsun> ve [metin]{.app J="Samsun" note="Samsun baskıda"}.
      Atıf [bkz. Samsun @kaynak, s. 3] burada.
      Kişi etiketi içinde yer: [Samsun Beyi]{.person key=mk}.
      Kaçışlı \\[Samsun\\] burada^[Notta Samsun da geçer.].
  - heading: Samsun Kongresi
    text: |
      Son.
"""
REFS = "@book{kaynak, author = {Yazar, Ad}, title = {Kitap}, year = {2000}}\n"


def test_finder_reports_exact_places_and_skips_citations_urls_readings(write_source):
    src = write_source(FINDER, refs__bib=REFS)
    text = open(src, encoding="utf-8").read()
    found = [o.format() for o in find_untagged(load(src))]
    escaped = at(text, "Samsun\\] burada")
    expected = [
        f"{src}:{at(text, 'Samsun ve samsun')}: place 'samsun': untagged 'Samsun'",
        f"{src}:{at(text, 'SAMSUN VE')}: place 'samsun': untagged 'SAMSUN'",
        f"{src}:{at(text, 'Samsun’a gidildi')}: place 'samsun': untagged 'Samsun'",
        f"{src}:{at(text, 'Samsun* görüldü')}: place 'samsun': untagged 'Samsun'",
        f"{src}:{at(text, 'Sonra Mustafa', skip=6)}: person 'mk': untagged 'Mustafa Kemal Paşa'",
        f"{src}:{at(text, 'Mustafa Kemal’in')}: person 'mk': untagged 'Mustafa Kemal'",
        f"{src}:{at(text, 'Ali Bey de')}: person 'ali1' or 'ali2': ambiguous 'Ali Bey'",
        f"{src}:{at(text, 'Samsun Beyi')}: place 'samsun': untagged 'Samsun' (inside a person tag)",
        f"{src}:{escaped}: place 'samsun': untagged 'Samsun'",
        f"{src}:{at(text, 'Samsun da geçer')}: place 'samsun': untagged 'Samsun'",
        f"{src}:{at(text, 'Samsun Kongresi')}: place 'samsun': untagged 'Samsun'",
    ]
    assert found == expected


def test_apply_adds_only_tags_and_leaves_what_it_cannot_tag(write_source, capsys):
    src = write_source(FINDER, refs__bib=REFS)
    before = open(src, encoding="utf-8").read()
    assert main(["register", "untagged", src, "--apply"]) == 1  # some are left for the editor
    out = capsys.readouterr().out
    after = open(src, encoding="utf-8").read()
    # nothing but brackets and attribute lists was inserted, nothing removed
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        assert op in ("equal", "insert"), (op, before[i1:i2], after[j1:j2])
        if op == "insert":
            assert re.fullmatch(r"(\[|\]\{\.(place|person) key=\w+\})+", after[j1:j2]), after[j1:j2]
    for piece in (
        "Öz: [Samsun]{.place key=samsun} ve samsun.",
        "Önce [Samsun]{.place key=samsun}’a gidildi, sonra *[Samsun]{.place key=samsun}* görüldü; Samsunlu biri ve samsun değil.",
        "Sonra [Mustafa\n      Kemal Paşa]{.person key=mk} geldi ve [Mustafa Kemal]{.person key=mk}’in sözü; Ali Bey de vardı.",
        "Kaçışlı \\[[Samsun]{.place key=samsun}\\] burada^[Notta [Samsun]{.place key=samsun} da geçer.].",
        # untouched: tags, URL, reading and comment, citation, a place inside a person tag, plain headings
        "[Doğu Samsun]{.place key=dogusamsun} ve [Mustafa Kemal Paşa]{.person key=mk}.",
        'Adres <https://example.org/Samsun> ve [metin]{.app J="Samsun" note="Samsun baskıda"}.',
        "Atıf [bkz. Samsun @kaynak, s. 3] burada.",
        "[Samsun Beyi]{.person key=mk}.",
        "- heading: SAMSUN VE ÖTESİ",
        "- heading: Samsun Kongresi",
    ):
        assert piece in after, piece
    assert f"{src}:{at(before, 'Sonra Mustafa', skip=6)}: tagged 'Mustafa Kemal Paşa' as [Mustafa Kemal Paşa]{{.person key=mk}}" in out
    assert f"{src}: added 7 tags (person mk ×2, place samsun ×5); 4 occurrences left for you" in out
    assert "at the start of an unquoted value: put the value in quotes" in out
    left = [o.format() for o in find_untagged(load(src))]
    assert [l.split(": ", 1)[1] for l in left] == [
        "place 'samsun': untagged 'SAMSUN'",
        "person 'ali1' or 'ali2': ambiguous 'Ali Bey'",
        "place 'samsun': untagged 'Samsun' (inside a person tag)",
        "place 'samsun': untagged 'Samsun'",
    ]


# the tags taken out of a copy of the sample: (tag as written, what is left, kind, key, form)
STRIPPED = [
    ("[Kazım Karabekir Paşa]{.person key=karabekir}", "Kazım Karabekir Paşa", "person", "karabekir", "Kazım Karabekir Paşa"),  # abstract
    ("[KAZIM KARABEKİR PAŞA’NIN]{.person key=karabekir}", "KAZIM KARABEKİR PAŞA’NIN", "person", "karabekir", "KAZIM KARABEKİR PAŞA’NIN"),  # heading
    ("[Samsun’a]{.place key=samsun}", "Samsun’a", "place", "samsun", "Samsun’a"),  # text
    ("[Alfred Bilinski]{.person key=rustem}", "Alfred Bilinski", "person", "rustem", "Alfred Bilinski"),  # footnote
    ("[[Samsun’un]{.place key=samsun} da]", "[Samsun’un da]", "place", "samsun", "Samsun’un"),  # apparatus lemma
]
MARK = "\u0000"


@pytest.fixture
def stripped_sample(tmp_path):
    """A copy of the sample with the STRIPPED tags taken out: (path, original text, expected lines)."""
    folder = tmp_path / "sample"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    path = str(folder / "edition.yaml")
    original = open(path, encoding="utf-8").read()
    text = original
    for tag, bare, _kind, _key, form in STRIPPED:
        assert tag in text, tag
        form_at = bare.index(form)
        text = text.replace(tag, bare[:form_at] + MARK + bare[form_at:], 1)
    expected = []
    while MARK in text:
        i = text.index(MARK)
        text = text[:i] + text[i + 1 :]
        _, _, kind, key, form = next(s for s in STRIPPED if text.startswith(s[4], i))
        line, col = text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)
        expected.append(f"{path}:{line}:{col}: {kind} '{key}': untagged '{form}'")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path, original, expected



def test_the_sample_has_no_untagged_names(capsys):
    assert find_untagged(load(SAMPLE)) == []
    assert main(["register", "untagged", SAMPLE]) == 0
    assert capsys.readouterr().out == ""


def test_finder_finds_the_tags_taken_out_of_the_sample(stripped_sample):
    path, _, expected = stripped_sample
    assert len(expected) == len(STRIPPED)
    assert [o.format() for o in find_untagged(load(path))] == expected


def test_cli_lists_then_apply_puts_the_tags_back(stripped_sample, capsys):
    path, original, expected = stripped_sample
    tags_before = {(t.kind, t.key, t.loc.line) for t in load(SAMPLE).tags}
    assert main(["register", "untagged", path]) == 1
    assert capsys.readouterr().out.splitlines() == expected
    assert main(["register", "untagged", path, "--apply"]) == 0
    out = capsys.readouterr().out
    assert f"added {len(STRIPPED)} tags" in out
    assert open(path, encoding="utf-8").read() == original  # the very text the editor had
    ed = load(path)
    assert {(t.kind, t.key, t.loc.line) for t in ed.tags} == tags_before
    assert main(["register", "untagged", path]) == 0
    assert [f for f in os.listdir(os.path.dirname(path)) if f.startswith(".")] == []  # no temporary files left


def test_cli_refuses_a_broken_source(write_source, capsys):
    src = write_source("edition: {title: x, language: tr}\nbody:\n  - text: |\n      [a]{.place key=nowhere}\n")
    assert main(["register", "untagged", src, "--apply"]) == 1
    err = capsys.readouterr().err
    assert f"{src}:4:7: error: unknown place key 'nowhere'" in err


def test_english_terms_and_cross_register_references(write_source):
    """In an English edition the terms are 'see' / 'see also'; kind:key reaches another register."""
    from edition.writers.html import HTMLWriter

    src = write_source("""
        edition: {title: x, language: en}
        persons:
          mk: {name: Mustafa Kemal, see-also: [subject:war]}
          ataturk: {name: Atatürk, see: [mk]}
        subjects:
          war: {name: War of Independence}
        body:
          - text: |
              [Mustafa Kemal]{.person} and the [war]{.subject key=war}.
        """)
    html = HTMLWriter(load(src)).render()
    assert '<span class="hw">Atatürk</span>, <span class="ix-see"><span class="ix-term">see</span> <a class="ix-xref" href="#ixe-person-mk">Mustafa Kemal</a>' in html
    assert '<span class="ix-see-also"><span class="ix-term">see also</span> <a class="ix-xref" href="#ixe-subject-war">War of Independence</a>' in html
    assert 'id="ixe-subject-war"' in html


def test_a_name_of_two_registers_is_left_to_the_editor(write_source, capsys):
    src = write_source("""
        edition: {title: x, language: tr}
        persons:
          karsli: {name: Kars, description: "a person called Kars"}
        places:
          kars: {name: Kars}
        body:
          - text: |
              Kars ve Kars’a.
        """)
    found = [o.format().split(": ", 1)[1] for o in find_untagged(load(src))]
    assert found == ["person 'karsli': untagged 'Kars'", "place 'kars': untagged 'Kars'"] * 2
    before = open(src, encoding="utf-8").read()
    assert main(["register", "untagged", src, "--apply"]) == 1
    assert open(src, encoding="utf-8").read() == before
    assert capsys.readouterr().out.count("also a place name: tag it as the one meant") == 2
