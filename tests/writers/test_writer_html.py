"""The HTML writer renders the presentation nodes (tests/transforms/ checks the nodes)."""

from __future__ import annotations

from edition.layout import LayoutPlan
from edition.layout.printwriter import print_writer
from edition.writers.html import HTMLWriter

from ..transforms.conftest import load_source  # noqa: F401 (fixture)
from ..transforms.test_present import APPARATUS, INDEXED


def test_apparatus_entries_render_their_printed_content(load_source):
    ed = load_source(APPARATUS)
    w = HTMLWriter(ed, hyphenate=False)
    html = [w.app_entry(a, key=False) for a in ed.apparatus]
    assert html == [
        '<span class="lemma">çiftçi</span>] <span class="rdg">çitçi</span> <span class="sig">J</span>; '
        '<span class="rdg">çiftci</span> <span class="sig">K</span> <span class="app-type">(dizgi hatası)</span>',
        '<span class="lemma">bir … beş</span>] <span class="om">om.</span> <span class="sig">J</span> <span class="app-type">(eksik)</span>',
        '<span class="app-label">add.</span> <span class="rdg">fazla</span> <span class="sig">J</span> <span class="app-note">(tekrar)</span>',
        '<span class="lemma">kelime</span>] <span class="rdg">kelme</span> <span class="sig">J</span>',
    ]
    # the key is the print writer's: a letter in the text, the note's number in line mode; it
    # links to the lemma and is tied to it by a no-break space (never stranded at a line's end)
    assert w.app_entry(ed.apparatus[0]).startswith('<span class="app-mark"><a class="ref" href="#lem1">a</a></span>\u00a0<span class="lemma">')


def test_index_rows_take_their_pages_from_the_plan(load_source):
    ed = load_source(INDEXED)
    tags = {t.id: t for t in ed.tags}
    plan = LayoutPlan(tag_page={"ix1": 0, "ix2": 1, "ix3": 2, "ix4": 2, "ix5": 4, "ix6": 3})
    w = print_writer(ed, plan)  # pages come from a layout: the print writer's
    persons = {row.entry.key: row for _, rows in w.index_groups("person") for row in rows}
    assert [r["label"] for r in persons["cem"].pages] == ["3"], "text before note on one page"
    assert [r["label"] for r in persons["mkemal"].pages] == ["5a"]
    assert persons["ataturk"].pages == [] and persons["ataturk"].see == [("Mustafa Kemal Paşa", "ixe-person-mkemal")]
    assert persons["sukru"].see_also == [("Cem Sultan", "ixe-person-cem")]
    (letter, [istanbul]), = w.index_groups("place")
    assert letter == "İ" and istanbul.pages == []
    assert [(c.entry.key, c.level, [r["label"] for r in c.pages]) for c in istanbul.children] == [("moda", 1, ["1"]), ("sisli", 1, ["4"])]
    assert HTMLWriter(ed).index_groups("place")[0][1][0].children[0].pages == [], "no pages before a layout"
    assert tags["ix5"].in_app
