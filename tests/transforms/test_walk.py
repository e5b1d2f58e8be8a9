"""The one walk (edition/walk.py) on a loaded edition: reading order and contexts."""

from __future__ import annotations

from edition.model import App, Cite, Note, Tag, Text
from edition.walk import walk

SOURCE = """
edition:
  title: Yürüyüş
  language: tr
  abstracts:
    - {language: tr, heading: ÖZ, text: "Öz [a]{.app J=b}."}
  editor-note: |
    Neşir^[Not [@good1].] notu.
witnesses: {J: the print, ed.: the editor}
base-witness: J
bibliography: [refs.bib]
places: {samsun: Samsun}
body:
  - heading: GİRİŞ
    text: |
      Metin^[İkinci not.] [x]{.app J="[Samsun]{.place}"}.

      > Alıntı.
"""

BIB = """
@book{good1, author = {Arıburnu, Kemal}, title = {Sivas Kongresi}, year = {1997}}
"""


def test_reading_order_and_contexts(load_source):
    ed = load_source(SOURCE, refs__bib=BIB)
    seen = [(type(n).__name__, n.text if isinstance(n, Text) else getattr(n, "n", ""), str(w)) for n, w in walk(ed)]
    texts = [(t, w) for kind, t, w in seen if kind == "Text"]
    assert texts[:4] == [("Öz ", "abstract"), ("a", "abstract"), ("b", "abstract, reading of apparatus entry 1"), (".", "abstract")]
    assert ("Neşir", "editor-note") in texts and ("Not ", "editor-note, note 1") in texts
    assert ("İkinci not.", "text, note 2") in texts
    assert ("Samsun", "text, reading of apparatus entry 2") in texts
    assert ("GİRİŞ", "text, heading") in texts and ("Alıntı.", "text") in texts
    # the rendered citation is read right after its Cite node, inside note 1
    i = next(i for i, s in enumerate(seen) if s[0] == "Cite")
    assert seen[i + 1][2] == "editor-note, note 1, rendered citation"
    # notes at their call: note 1's text comes before the body's heading
    assert texts.index(("Not ", "editor-note, note 1")) < texts.index(("GİRİŞ", "text, heading"))


def test_numbers_follow_the_walk(load_source):
    ed = load_source(SOURCE, refs__bib=BIB)
    nodes = [n for n, _ in walk(ed)]
    assert [n.n for n in nodes if isinstance(n, Note)] == [1, 2]
    assert [n.n for n in nodes if isinstance(n, App)] == [1, 2]
    assert [(t.id, t.in_app) for t in nodes if isinstance(t, Tag)] == [("ix1", 2)]
    assert all(c.rendered for c in nodes if isinstance(c, Cite))
