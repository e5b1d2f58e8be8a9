"""The YAML reader and inline parser: model built right, every error located, all in one run."""

from __future__ import annotations

import pytest

from edition.core import load
from edition.diagnostics import EditionError, Reporter
from edition.model import App, Cite, Note, PageBreak, Quote, Tag, Text, plain_text
from edition.readers.inline import parse_inlines
from edition.readers.yamlsrc import read

HEADER = """
edition:
  title: Deneme
  language: tr
witnesses:
  J: the print
  ed.: the editor
base-witness: J
persons:
  mk: {name: "Mustafa Kemal Paşa", variants: [Mustafa Kemal]}
places:
  samsun: Samsun
"""


def errors_of(path):
    with pytest.raises(EditionError) as exc:
        load(path)
    return [f"{d.loc.line}:{d.loc.col}: {d.message}" for d in exc.value.diagnostics]


def test_inline_nodes_and_text():
    nodes = parse_inlines("Müfettişi^[Not *bir*.] ve [Samsun]{.place key=samsun}’a {pb n=4}geldi")
    kinds = [type(n).__name__ for n in nodes]
    assert kinds == ["Text", "Note", "Text", "Tag", "Text", "PageBreak", "Text"]
    assert plain_text(nodes) == "Müfettişi ve Samsun’a geldi"
    assert isinstance(nodes[5], PageBreak) and nodes[5].n == "4"


def test_citation_items_prefix_locator():
    nodes = parse_inlines("[@ataturk1995, I, s.171; bkz. @karabekir1988, s.114, 169]")
    (cite,) = nodes
    assert isinstance(cite, Cite)
    assert [(i.prefix, i.key, i.locator) for i in cite.items] == [("", "ataturk1995", "I, s.171"), ("bkz.", "karabekir1988", "s.114, 169")]


def test_literal_brackets_and_escapes():
    nodes = parse_inlines(r"a [sic] b \[x\] c \*d\*")
    assert plain_text(nodes) == "a [sic] b [x] c *d*"


def test_apparatus_reading_and_omission():
    rep = Reporter()
    nodes = parse_inlines('[1948]{.app J="198" type=emendation note="Milne 1948’de öldü."} [x]{.app J=""}', reporter=rep, sigla=("J", "ed."))
    assert not rep.diagnostics
    app, _, om = nodes
    assert isinstance(app, App) and app.readings[0].text == "198" and app.readings[0].wits == ["J"]
    assert app.comment == "Milne 1948’de öldü." and app.lem_wits == ["ed."]
    assert om.readings[0].text == ""


def test_reader_builds_sections_quotes_and_numbers(write_source):
    path = write_source(HEADER + """
body:
  - heading: GİRİŞ
    text: |
      İlk [Mustafa Kemal]{.person} paragraf^[Bir.] burada
      devam eder.

      > Alıntı satırı^[İki.]
      > sürer.

      Son [1948]{.app J="198"}.
""")
    ed = load(path)
    sec = ed.body[0]
    assert sec.heading_text == "GİRİŞ" and sec.id == "giris"
    assert [type(b).__name__ for b in sec.blocks] == ["Paragraph", "Quote", "Paragraph"]
    assert plain_text(sec.blocks[0].content) == "İlk Mustafa Kemal paragraf burada devam eder."
    assert isinstance(sec.blocks[1], Quote)
    assert [n.n for n in ed.notes] == [1, 2]
    assert ed.tags[0].key == "mk"  # resolved through the register's variants
    assert ed.apparatus[0].n == 1


def test_errors_are_located_and_all_reported(write_source):
    path = write_source(HEADER + """
body:
  - heading: GİRİŞ
    txet: |
      nothing
  - heading: B
    text: |
      Bir [x]{.app K="y"} iki [Samsun]{.place key=samsn} üç
      dört [@nokey, s. 3] ^[dış ^[iç]] son [y]{.app J="z" type=tpyo}.
""")
    errs = errors_of(path)
    joined = "\n".join(errs)
    assert "15:5: unknown key 'txet' in a section" in joined
    assert "19:11: 'K' is neither a declared siglum nor an apparatus attribute" in joined
    assert "19:31: unknown place key 'samsn'" in joined
    assert "20:33: a footnote inside a footnote" in joined
    assert "unknown apparatus type 'tpyo'" in joined
    assert "citations but no bibliography" in joined
    assert not any("unmatched" in e for e in errs)  # one mistake, one message
    assert len(errs) >= 6


def test_yaml_syntax_error_location(write_source):
    path = write_source("edition:\n  title: x\n  language: tr\nbody:\n  - heading: a\n    text: |\n      ok\n  - heading: [unclosed\n")
    errs = errors_of(path)
    assert errs and errs[0].startswith("9:1: YAML syntax") or errs[0].startswith("8:")


def test_tabs_duplicates_and_python_tags_refused(write_source, tmp_path):
    p1 = write_source("edition:\n\ttitle: x\n", name="tabs.yaml")
    assert errors_of(p1)[0].startswith("2:1: tab character")
    p2 = write_source("edition:\n  title: x\n  title: y\n  language: tr\nbody: []\n", name="dup.yaml")
    assert any("3:3: duplicate key 'title'" in e for e in errors_of(p2))
    p3 = write_source("edition: !!python/object/apply:os.system ['echo hacked']\nbody: []\n", name="tag.yaml")
    assert any("is not allowed" in e for e in errors_of(p3))


def test_alias_bomb_is_bounded(write_source):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]")
    path = write_source("\n".join(lines) + "\n", name="bomb.yaml")
    errs = errors_of(path)
    assert any("expands to more than" in e for e in errs)


def test_not_utf8_is_refused_with_hint(tmp_path):
    path = tmp_path / "latin5.yaml"
    path.write_bytes("edition:\n  title: Ağaç\n".encode("iso-8859-9"))
    rep = Reporter()
    assert read(str(path), rep) is None
    (d,) = rep.errors
    assert (d.loc.line, d.loc.col) == (2, 11) and "not UTF-8" in d.message and "iconv" in d.hint


def test_paths_outside_the_edition_folder_are_refused(write_source):
    path = write_source(HEADER + "bibliography: [../../etc/passwd]\nbody: []\n")
    assert any("outside the edition folder" in e for e in errors_of(path))


def test_base_witness_reading_required(write_source):
    # a lemma said to be the editor's (lem-wit=ed.) leaves the base witness's reading unknown
    path = write_source(HEADER.replace("  ed.: the editor\n", "  ed.: the editor\n  K: another\n") + """
body:
  - text: |
      Bir [x]{.app K="y" lem-wit=ed.}.
""")
    assert any("gives no reading of the base witness 'J'" in e for e in errors_of(path))


def test_base_witness_reads_the_lemma_by_default(write_source):
    # issue 24: without lem-wit=, an entry that gives no reading of the base says the base reads the lemma
    path = write_source(HEADER.replace("  ed.: the editor\n", "  ed.: the editor\n  K: another\n") + """
body:
  - text: |
      Bir [x]{.app K="y"} ve [z]{.app J="w" K="w"}.
""")
    ed = load(path)
    assert [a.lem_wits for a in ed.apparatus] == [["J"], ["ed."]]
