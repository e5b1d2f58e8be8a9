"""The presentation stage (transforms/present.py and the keyed bibliography): the nodes it
makes, dumped, on small sources; and the transforms table of transforms/__init__.py."""

from __future__ import annotations

import re

import edition.transforms as transforms
from edition.transforms import DEFAULT_TRANSFORMS

from .conftest import dump

APPARATUS = """
edition:
  title: Aparat
  language: tr
witnesses: {J: the print, K: a copy, ed.: the editor}
base-witness: J
body:
  - heading: GİRİŞ
    text: |
      Bir [çiftçi]{.app J="çitçi" K="çiftci" type=typo} ve
      [bir iki üç dört beş]{.app J="" type=omission} ile
      [ ]{.app J="fazla" note="tekrar"} son^[Notta [kelime]{.app J="kelme"}.].
"""


def test_apparatus_entries(load_source):
    ed = load_source(APPARATUS)
    assert [dump(a.entry) for a in ed.apparatus] == [
        {"lemma": "çiftçi", "readings": [
            {"kind": "reading", "wits": ["J"], "content": "çitçi", "label": ""},
            {"kind": "reading", "wits": ["K"], "content": "çiftci", "label": ""}],
         "note": "dizgi hatası", "note_kind": "type", "lemma_label": ""},
        {"lemma": "bir … beş", "readings": [{"kind": "omission", "wits": ["J"], "content": [], "label": "om."}],
         "note": "eksik", "note_kind": "type", "lemma_label": ""},
        {"lemma": "", "readings": [{"kind": "addition", "wits": ["J"], "content": "fazla", "label": "add."}],
         "note": "tekrar", "note_kind": "comment", "lemma_label": ""},
        {"lemma": "kelime", "readings": [{"kind": "reading", "wits": ["J"], "content": "kelme", "label": ""}],
         "note": "", "note_kind": "", "lemma_label": ""},
    ]


INDEXED = """
edition:
  title: Dizin
  language: tr
  editor-note: |
    Neşirde [Moda]{.place key=moda} anılır.
witnesses: {J: the print, ed.: the editor}
base-witness: J
persons:
  cem: {name: "Cem Sultan", dates: "1459-1495"}
  sukru: {name: "Şükrü Bey", see-also: [cem, ghost]}
  ataturk: {name: "Atatürk", see: [mkemal]}
  mkemal: {name: "Mustafa Kemal Paşa"}
  ghost: {name: "Hayalet"}
  nobody: {name: "Hiç Anılmayan", see: [ghost]}
places:
  istanbul: {name: "İstanbul"}
  moda: {name: "Moda", parent: istanbul}
  sisli: {name: "Şişli", parent: istanbul}
body:
  - heading: GİRİŞ
    text: |
      [Şükrü Bey]{.person key=sukru} ve [Cem Sultan]{.person key=cem}^[Notta [Cem]{.person key=cem}.]
      [x]{.app J="[Mustafa Kemal Paşa]{.person key=mkemal}"} [Şişli]{.place key=sisli}.
"""


def test_index_tree(load_source):
    ed = load_source(INDEXED)
    got = {ix.kind: [(g.letter, dump(g.entries)) for g in ix.groups] for ix in ed.indexes}
    row = lambda entry, anchor, occ=(), see=(), see_also=(), children=(), level=0: {
        "entry": entry, "anchor": anchor, "occurrences": list(occ), "see": list(see), "see_also": list(see_also),
        "children": list(children), "level": level}
    occ = lambda tag_id, where: {"tag_id": tag_id, "where": where}
    ref = lambda name, anchor: {"name": name, "anchor": anchor}
    assert got == {
        "person": [
            ("A", [row("person:ataturk", "ixe-person-ataturk", see=[ref("Mustafa Kemal Paşa", "ixe-person-mkemal")])]),
            ("C", [row("person:cem", "ixe-person-cem", [occ("ix3", "text"), occ("ix4", "note")])]),
            ("M", [row("person:mkemal", "ixe-person-mkemal", [occ("ix5", "app")])]),
            ("Ş", [row("person:sukru", "ixe-person-sukru", [occ("ix2", "text")], see_also=[ref("Cem Sultan", "ixe-person-cem")])]),
        ],
        "place": [
            ("İ", [row("place:istanbul", "ixe-place-istanbul", children=[
                row("place:moda", "ixe-place-moda", [occ("ix1", "text")], level=1),
                row("place:sisli", "ixe-place-sisli", [occ("ix6", "text")], level=1)])]),
        ],
    }


def test_bibliography_keeps_its_keys(load_source):
    ed = load_source("""
        edition: {title: Kaynak, language: tr}
        bibliography: [refs.bib]
        body:
          - heading: GİRİŞ
            text: |
              Metin^[[@zeki2001].] ve^[[@ali1990].].
        """, refs__bib="""
        @book{zeki2001, author = {Zeki, Ahmet}, title = {Son}, year = {2001}}
        @book{ali1990, author = {Ali, Veli}, title = {İlk}, year = {1990}}
        """)
    assert [(e.key, dump(e.content)) for e in ed.bibliography_entries] == [
        ("ali1990", "Ali, Veli, İlk, y.y., 1990."), ("zeki2001", "Zeki, Ahmet, Son, y.y., 2001.")]
    assert ed.bibliography_rendered == [e.content for e in ed.bibliography_entries]


def test_the_docstring_table_is_the_default_list():
    rows = re.findall(r"^(\d+)\s+(\w+):", transforms.__doc__, re.M)
    assert rows == [(str(cls.default_priority), cls.__name__) for cls in DEFAULT_TRANSFORMS]
    priorities = [cls.default_priority for cls in DEFAULT_TRANSFORMS]
    assert priorities == sorted(priorities), "the list is in the order apply_transforms runs it"
