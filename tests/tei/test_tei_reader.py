"""The TEI reader (edition/readers/tei.py) on TEI files written for these tests
(tests/data/tei/own): what each element becomes in the model, and hostile input refused
with a located error."""

from __future__ import annotations

import os

import pytest

from edition.model import (
    Addition, Choice, Deletion, Emph, Foreign, Gap, InlineQuote, Line, LineBreak, PageBreak, Paragraph,
    Quote, Rend, SmallCaps, Strong, Supplied, Unclear, Verse, plain_text,
)
from edition.walk import walk
from tests.tei.conftest import OWN, read_tei


def own(name: str):
    ed, diagnostics = read_tei(os.path.join(OWN, name))
    assert ed is not None, "\n".join(map(str, diagnostics))
    return ed, diagnostics


def nodes(ed, cls):
    return [n for n, _w in walk(ed) if isinstance(n, cls)]


def warnings(diagnostics):
    return [d for d in diagnostics if d.level == "warning"]


# --------------------------------------------------------------------------- verse and apparatus


def test_verse_lines_keep_their_numbers_and_count_on_where_they_have_none():
    ed, diagnostics = own("verse-apparatus.xml")
    assert not diagnostics
    verses = [b for s in ed.all_sections() for b in s.blocks if isinstance(b, Verse)]
    assert [v.type for v in verses] == ["stanza", "stanza"]
    assert [[line.n for line in v.paragraphs] for v in verses] == [["1", "2", "3", "4", "5"], ["6", "7", "8a", "9"]]
    assert all(isinstance(line, Line) and line.block for v in verses for line in v.paragraphs)
    assert plain_text(verses[0].paragraphs[0].content) == "Flant venti per aequora lata,"
    assert ed.meta.language == "la" and ed.witnesses == {"A": "Codex Aureus, s. xi", "B": "Codex Bruxellensis, s. xii"}


def test_parallel_segmentation_entries_lemma_readings_omissions_additions_and_comments():
    ed, _ = own("verse-apparatus.xml")
    apps = ed.apparatus
    assert [(plain_text(a.content), a.lem_wits, [(r.text, r.wits) for r in a.readings]) for a in apps] == [
        ("venti", ["A"], [("nubes", ["B"])]),
        ("saevum", ["B"], [("saevus", ["A"])]),
        ("", ["A"], [("miser", ["B"])]),  # an addition of B
        ("videt", ["A"], [("", ["B"])]),  # an omission of B
        ("undas", ["A", "B"], [("undis", [])]),
        ("Aeolus", ["A"], [("aeolus", ["B"])]),
    ]
    assert apps[0].type == "lexical" and apps[1].comment == "A's reading is a slip."
    assert [r.kind for a in apps for r in a.entry.readings][2:4] == ["addition", "omission"]
    assert apps[0].entry.note == "lexical"  # a type no language names prints as the file gives it


def test_three_witnesses_with_reading_groups():
    ed, diagnostics = own("three-witnesses.xml")
    assert not diagnostics
    king, three, youngest = ed.apparatus
    assert [(r.text, r.wits) for r in king.readings] == [("Kœnig", ["B"]), ("Koenig", ["C"])]
    assert king.type == "substantive" and king.lem_wits == ["A"]
    assert three.lem_wits == ["A", "C"] and [(r.text, r.wits) for r in three.readings] == [("zwei", ["B"])]
    # a lemma inside a reading group is the lemma all the same
    assert plain_text(youngest.content) == "die jüngste" and youngest.lem_wits == ["B"]
    assert [(r.text, r.wits) for r in youngest.readings] == [("die jüngere", ["A"]), ("die schönste", ["C"])]
    assert plain_text(ed.body[0].blocks[0].content) == "Es war einmal ein König, der hatte drei Töchter, und die jüngste war schön."


def test_choice_sic_corr_is_an_emendation_of_the_transcribed_witness():
    ed, diagnostics = own("choice-sic-corr.xml")
    assert not diagnostics
    received, three, unknown = ed.apparatus
    assert plain_text(received.content) == "received" and [(r.text, r.wits) for r in received.readings] == [("recieved", ["P"])]
    assert received.lem_wits == ["ed."] and received.type == "emendation" and "ed." in ed.witnesses
    assert three.type == "typo" and three.readings[0].text == "thre"  # corr before sic: the same
    assert unknown.lem_wits == ["P"]  # corr/@resp naming a witness
    assert [p.n for p in nodes(ed, PageBreak)] == ["12"]


# --------------------------------------------------------------------------- prose, notes, transcription


def test_notes_foot_end_margin_and_a_note_inside_a_note():
    ed, diagnostics = own("prose-nested-notes.xml")
    notes = ed.notes
    assert [(n.n, n.place) for n in notes] == [(1, ""), (2, "end"), (3, "margin")]
    assert plain_text(notes[0].content) == "The log says six o'clock [The log is lost; see the letter of 3 May.], not five."
    assert isinstance(notes[0].content[1], InlineQuote)
    nested = [d for d in warnings(diagnostics) if "inside notes" in d.message]
    assert len(nested) == 1 and nested[0].loc.line == 20


def test_transcription_elements_become_their_model_nodes():
    ed, _ = own("prose-nested-notes.xml")
    gap = nodes(ed, Gap)[0]
    assert (gap.reason, gap.extent, gap.unit) == ("illegible", "2", "words")
    assert plain_text(nodes(ed, Supplied)[0].content) == "great" and nodes(ed, Supplied)[0].reason == "omitted"
    assert plain_text(nodes(ed, Unclear)[0].content) == "strong"
    assert plain_text(nodes(ed, Deletion)[0].content) == "afraid" and nodes(ed, Deletion)[0].rend == "strikethrough"
    assert plain_text(nodes(ed, Addition)[0].content) == "calm" and nodes(ed, Addition)[0].place == "above"
    assert nodes(ed, Foreign)[0].lang == "la" and plain_text(nodes(ed, Foreign)[0].content) == "festina lente"
    orig, abbr = nodes(ed, Choice)
    assert (plain_text(orig.content), plain_text(orig.original), orig.kind) == ("ship", "shippe", "orig-reg")
    assert (plain_text(abbr.content), plain_text(abbr.original), abbr.kind) == ("Captain", "Capt.", "abbr-expan")
    assert [r.rend for r in nodes(ed, Rend)] == ["superscript"]
    assert nodes(ed, Strong) and nodes(ed, Emph) and nodes(ed, SmallCaps)
    assert [p.n for p in nodes(ed, PageBreak)] == ["2"]
    first = plain_text(ed.body[0].blocks[0].content)
    assert "the mast-head broke." in first  # lb break="no" joins the word
    assert "\n" not in first and first.count("  ") == 1  # XML whitespace is one space (the one: around the gap)
    content = ed.body[0].blocks[0].content
    at = next(i for i, n in enumerate(content) if isinstance(n, Gap))
    assert content[at - 1].text.endswith("the sea ") and content[at + 1].text.startswith(" and the men")
    assert len(nodes(ed, LineBreak)) == 1


def test_structure_header_and_the_editors_note():
    ed, _ = own("prose-nested-notes.xml")
    m = ed.meta
    assert (m.title, m.subtitle, [a.name for a in m.authors]) == ("A Journey North", "Two chapters", ["A. Traveller"])
    assert (m.doi, m.licence, m.date, m.language) == ("10.5555/journey.1", "CC BY 4.0", "1901", "en")
    assert [plain_text(p.content) for p in m.editor_note] == ["Spelling is kept; editorial additions are in angle brackets."]
    ch1, ch2 = ed.body
    assert (ch1.id, ch1.heading_text, ch2.id) == ("ch1", "Chapter One", "ch2")
    assert isinstance(ch1.heading[1], SmallCaps)
    sub = ch1.sections[0]
    assert sub.level == 2 and sub.heading_text == "A sub-section"
    assert isinstance(sub.blocks[1], Quote) and plain_text(sub.blocks[1].paragraphs[0].content).startswith("A block quotation")


def test_unknown_elements_keep_their_text_and_get_one_warning():
    ed, diagnostics = own("prose-nested-notes.xml")
    unknown = [d for d in warnings(diagnostics) if "read as their text only" in d.message]
    assert len(unknown) == 1
    message = unknown[0].message
    assert "<frobnicate> ×2 (first at prose-nested-notes.xml:28)" in message and "<widget> ×1 (first at prose-nested-notes.xml:29)" in message
    assert (unknown[0].loc.file, unknown[0].loc.line) == (os.path.join(OWN, "prose-nested-notes.xml"), 28)
    second = plain_text(ed.body[0].blocks[1].content)
    assert "an unknown element keeps its text, and so does this and that." in second


# --------------------------------------------------------------------------- names and registers


def test_a_letter_with_names_linked_to_lists_and_generated_entries():
    ed, diagnostics = own("letter.xml")
    assert not [d for d in diagnostics if d.level == "error"]
    berger = ed.register("person", "berger")
    assert (berger.name, berger.variants, berger.dates, berger.authority) == ("Berger, Anna", ["Anni"], "1860-1931", {"wikidata": "Q123456"})
    dorn = ed.register("person", "dorn")
    assert (dorn.name, dorn.description) == ("Dorn, Carl", "Verleger")  # a name in parts as the index prints it
    assert ed.register("place", "wien").authority == {"geonames": "2761369"}
    # names the lists do not have: entries made from @key, from the name, from an authority URI
    assert ed.register("person", "hofmann").name == "Hofmann"
    assert ed.register("person", "frau-weiss").name == "Frau Weiss"
    assert ed.register("place", "2778067").authority == {"geonames": "2778067"}
    tags = [(t.kind, t.key, plain_text(t.content)) for t in ed.tags]
    assert tags == [("place", "wien", "Wien"), ("person", "dorn", "Carl"), ("place", "graz", "Graz"),
                    ("person", "hofmann", "Hofmann"), ("person", "frau-weiss", "Frau Weiss"), ("place", "2778067", "Graz"),
                    ("person", "berger", "Anni")]
    assert [ix.kind for ix in ed.indexes] == ["person", "place"]
    texts = [plain_text(p.content) for p in ed.body[0].blocks if isinstance(p, Paragraph)]
    assert texts[:3] == ["Wien, 3. Mai 1890", "Lieber Carl!", texts[2]] and texts[-1] == "P.S. Das Buch ist angekommen."
    assert "Herzlich Ihre" in texts and "Anni" in texts
    kinds = [(p.kind, plain_text(p.content)[:12]) for p in ed.body[0].blocks if isinstance(p, Paragraph)]
    assert kinds == [("dateline", "Wien, 3. Mai"), ("salute", "Lieber Carl!"), ("", "Ich komme Mo"), ("closer", "Herzlich Ihr"),
                     ("signed", "Anni"), ("postscript", "P.S. Das Buc")]


# --------------------------------------------------------------------------- hostile and broken files


@pytest.mark.parametrize("name, text, message, line", [
    ("malformed.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>a</body></text></TEI>', "not well-formed XML", 2),
    ("bomb.xml", '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n <!ENTITY a "aaaaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
                 '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&b;</p></body></text></TEI>', "declares entities", 3),
    ("external.xml", '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>',
     "declares entities", 1),
    ("undefined.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>a&nbsp;b</p></body></text></TEI>', "not well-formed XML", 2),
    ("not-tei.xml", '<html><body><p>a</p></body></html>', "not a TEI document", 1),
    ("empty.xml", '', "the TEI file is empty", 1),
    ("no-text.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>', "without <text>", 1),
])
def test_broken_and_hostile_files_are_refused_with_a_located_error(tmp_path, name, text, message, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ed, diagnostics = read_tei(str(path))
    errors = [d for d in diagnostics if d.level == "error"]
    assert ed is None and errors, diagnostics
    assert message in errors[0].message
    assert errors[0].loc.file == str(path) and errors[0].loc.line == line
    assert os.listdir(tmp_path) == [name]  # nothing written, nothing fetched beside it


def test_tei_without_its_namespace_is_read_as_p5_with_a_warning(tmp_path):
    path = tmp_path / "p4.xml"
    path.write_text("<TEI><teiHeader><fileDesc><titleStmt><title>Old</title></titleStmt></fileDesc></teiHeader>"
                    "<text><body><div><head>H</head><p>Old <hi>text</hi>.</p></div></body></text></TEI>", encoding="utf-8")
    ed, diagnostics = read_tei(str(path))
    assert ed.meta.title == "Old" and plain_text(ed.body[0].blocks[0].content) == "Old text."
    assert [d.message for d in diagnostics] == ["a TEI document without the TEI namespace: read as TEI P5"]


def test_a_document_type_naming_a_remote_dtd_is_read_without_fetching_it(tmp_path):
    path = tmp_path / "remote.xml"
    path.write_text('<!DOCTYPE TEI SYSTEM "http://tei.invalid/tei.dtd">\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
                    '<titleStmt><title>T</title></titleStmt></fileDesc></teiHeader><text><body><p>Text.</p></body></text></TEI>', encoding="utf-8")
    ed, diagnostics = read_tei(str(path))
    assert ed is not None and not diagnostics and ed.meta.title == "T"


def test_the_reader_is_registered_for_xml():
    from edition.formats import reader_for
    from edition.readers.tei import TeiReader

    assert type(reader_for("x/edition.xml")) is TeiReader and type(reader_for("a.TEI")) is TeiReader


def test_the_yaml_writer_writes_transcription_nodes_as_their_text_and_says_so(tmp_path):
    from edition.core import load
    from edition.diagnostics import Reporter
    from edition.formats import WriteOptions
    from edition.writers.yamlsrc import YamlWriter

    reporter = Reporter()
    out = tmp_path / "journey.yaml"
    YamlWriter().write(load(os.path.join(OWN, "prose-nested-notes.xml")), str(out), reporter, WriteOptions())
    text = out.read_text(encoding="utf-8")
    assert "⟨great⟩" in text and "\\[…\\]" in text and "⸌calm⸍" in text and "⟦afraid⟧" in text
    (warning,) = [d for d in reporter.diagnostics if "no markup for" in d.message]
    assert "Gap ×1" in warning.message and "Note place=end ×1" in warning.message and "Supplied ×1" in warning.message
    again = load(str(out))  # what it wrote is a source that reads, and prints the marks
    assert again.body[0].heading_text == "Chapter One" and "[…]" in plain_text(again.body[0].blocks[0].content)


# --------------------------------------------------------------------------- any nesting of elements


_NAMES = ("p", "div", "head", "lg", "l", "app", "lem", "rdg", "rdgGrp", "note", "choice", "sic", "corr", "orig", "reg",
          "abbr", "expan", "hi", "persName", "placeName", "name", "rs", "gap", "supplied", "unclear", "del", "add", "pb",
          "lb", "quote", "q", "foreign", "list", "item", "sp", "speaker", "u", "seg", "ab", "opener", "closer", "table",
          "row", "cell", "figure", "bibl", "ref", "ptr", "title", "term", "space", "anchor", "mystery")
_ATTRS = ('', ' wit="#A"', ' n="3"', ' ref="#p"', ' rend="italic bold"', ' place="margin"', ' break="no"', ' type="x"',
          ' key="k"', ' ref="http://www.wikidata.org/entity/Q1"', ' target="javascript:x"', ' resp="#A"', ' source="#b"')


def _tree(draw, depth: int) -> str:
    from hypothesis import strategies as st

    name = draw(st.sampled_from(_NAMES))
    attrs = draw(st.sampled_from(_ATTRS))
    if depth <= 0 or draw(st.booleans()):
        return f"<{name}{attrs}>{draw(st.sampled_from(['', 'a', ' b ', 'c d']))}</{name}>"
    inner = "".join(_tree(draw, depth - 1) + draw(st.sampled_from(["", " ", "x", "\n  "])) for _ in range(draw(st.integers(1, 3))))
    return f"<{name}{attrs}>{inner}</{name}>"


def test_any_nesting_of_tei_elements_reads_or_is_refused_with_a_place(tmp_path_factory):
    """Well-formed files with elements where TEI does not expect them: never a traceback,
    every error located, and what reads also builds the HTML of a print."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from edition.writers.html import HTMLWriter

    folder = tmp_path_factory.mktemp("tei-nesting")

    @settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def check(data):
        body = "".join(_tree(data.draw, 4) for _ in range(data.draw(st.integers(1, 3))))
        path = folder / "x.xml"
        path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
                        '<sourceDesc><listWit><witness xml:id="A">A</witness></listWit><listBibl><bibl xml:id="b" n="B">B.</bibl></listBibl></sourceDesc>'
                        f'</fileDesc></teiHeader><standOff><listPerson><person xml:id="p"><persName>P</persName></person></listPerson></standOff>'
                        f"<text><body>{body}</body></text></TEI>", encoding="utf-8")
        ed, diagnostics = read_tei(str(path))
        assert all(d.loc.file == str(path) for d in diagnostics if d.level == "error"), diagnostics
        if ed is not None:
            HTMLWriter(ed).render()

    check()


def test_verse_prints_its_numbers_and_keys_its_apparatus_by_them(tmp_path):
    """The verse file built to PDF: numbers every fifth line (and 8a) in the margin, the
    entries at the foot keyed by verse number, no marker letters in the verse."""
    import subprocess

    from edition.core import build_pdf, load
    from edition.writers.html import HTMLWriter

    path = os.path.join(OWN, "verse-apparatus.xml")
    html = HTMLWriter(load(path)).render()
    assert html.count('<span class="l-n">') == 2 and '<span class="l-n">8a</span>' in html
    assert '<span class="app-line">5</span>' in html and 'class="app-mark"' not in html
    out = tmp_path / "verse.pdf"
    build_pdf(path, str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert "5    Sol cadit in undas rubentes." in text and "8a   versus additus in B." in text
    assert "1 venti] nubes B" in text and "5 undas] undis" in text and "7 Aeolus] aeolus B" in text and "4 videt] om. B" in text


def test_a_paragraph_of_lines_and_entries_whose_lemma_is_whole_lines():
    """A critical text's <ab> of <l>: verse; an entry whose <lem> wraps lines keeps the lines
    as verse and stands at the first, keyed by its number, naming the lines; a reading by a
    scholar (@source) takes his siglum from the bibliography."""
    ed, diagnostics = own("verse-line-apps.xml")
    assert [d.message for d in diagnostics if d.level == "error"] == []
    (verse,) = [b for b in ed.body[0].blocks if isinstance(b, Verse)]
    assert [line.n for line in verse.paragraphs] == ["1", "2", "3", "4", "5"]
    assert [plain_text(line.content) for line in verse.paragraphs][2:4] == ["tertia linea,", "quarta linea."]
    couplet = ed.apparatus[1]
    assert couplet.content == [] and couplet.comment == "ll. 3–4; B omits the couplet."
    assert [(r.text, r.wits) for r in couplet.readings] == [("", ["B"])] and couplet.lem_wits == ["A"]
    moved = ed.apparatus[3]
    assert [(r.text, r.wits) for r in moved.readings] == [("", ["Lachm."])] and ed.witnesses["Lachm."] == "Lachmann, K. (Leipzig, 1816)"
    from edition.writers.html import HTMLWriter

    html = HTMLWriter(ed).render()
    # the line key is tied to what follows by a no-break space (edition/transforms/present.py)
    assert '<span class="app-line">3</span>\u00a0<span class="om">om.</span> <span class="sig">B</span>' in html
