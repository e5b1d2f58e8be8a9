"""Reader stage: what the YAML reader makes of small sources, as a dump of the model
(edition/dump.py), before any transform.  Each case is (inline text, expected dump of the
paragraph's content); the witnesses J and B are declared."""

from __future__ import annotations

import textwrap

import pytest

from edition.diagnostics import Reporter
from edition.dump import dump
from edition.formats import reader_for

CASES = {
    "note with citation": (
        "Metin^[Bkz. [@doe2000, s. 12].] sonu.",
        """
        'Metin'
        Note
          'Bkz. '
          Cite
            items:
              CiteItem key='doe2000' locator='s. 12'
          '.'
        ' sonu.'
        """,
    ),
    "apparatus with two readings and a type": (
        '[1948]{.app J="198" B="1948" type=emendation note="Milne 1948’de öldü."}',
        """
        App type='emendation' comment='Milne 1948’de öldü.'
          '1948'
          readings:
            Reading text='198' wits=['J']
              '198'
            Reading text='1948' wits=['B']
              '1948'
        """,
    ),
    "omission and page break": (
        'bir [iki]{.app J=""} {pb n=9} üç',
        """
        'bir '
        App
          'iki'
          readings:
            Reading text='' wits=['J']
        ' '
        PageBreak n='9'
        ' üç'
        """,
    ),
    "index tags, emphasis, small caps, link": (
        "[Ankara]{.place key=ankara} *vurgu* **güçlü** [*sc*]{.sc} <https://example.org/a>",
        """
        Tag kind='place' key='ankara'
          'Ankara'
        ' '
        Emph
          'vurgu'
        ' '
        Strong
          'güçlü'
        ' '
        SmallCaps
          Emph
            'sc'
        ' '
        Link url='https://example.org/a'
          'https://example.org/a'
        """,
    ),
    "escaped specials": (
        r"\[not a span\] \*no emphasis\* 5 \^ 2",
        """
        '[not a span] *no emphasis* 5 ^ 2'
        """,
    ),
}

HEAD = """\
edition:
  title: Deneme
  language: tr
witnesses: {J: the print, B: a manuscript}
base-witness: J
persons: {}
places:
  ankara: {name: Ankara}
body:
  - heading: A
    text: |
"""


@pytest.mark.parametrize("name", sorted(CASES))
def test_reader_dump(name, tmp_path):
    text, expected = CASES[name]
    src = tmp_path / "edition.yaml"
    src.write_text(HEAD + "      " + text + "\n", encoding="utf-8")
    reporter = Reporter()
    edition = reader_for(str(src)).read(str(src), reporter)
    assert not reporter.errors, [str(d.loc) + " " + d.message for d in reporter.errors]
    paragraph = edition.body[0].blocks[0]
    assert dump(paragraph.content) == textwrap.dedent(expected).strip("\n")
