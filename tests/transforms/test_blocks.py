"""Block identity is the model's (transforms/blocks.py): the writer prints each heading's and
paragraph's number as data-b, in reading order, and reads it from the model, not a counter."""

from __future__ import annotations

import re

from edition.core import load
from edition.layout.printwriter import print_writer
from edition.transforms.blocks import numbered_blocks

from ..conftest import SAMPLE


def test_the_writer_prints_the_models_block_numbers():
    edition = load(SAMPLE)
    blocks = list(numbered_blocks(edition))
    assert [b.block for b in blocks] == list(range(1, len(blocks) + 1))
    html = print_writer(edition, None).render()
    printed = [int(n) for n in re.findall(r'data-b="(\d+)"', html)]
    assert printed == [b.block for b in blocks]
    quoted = [int(n) for q in re.findall(r'data-q="([\d ]+)"', html) for n in q.split()]
    assert all(n in printed for n in quoted)


def test_a_block_keeps_its_number_whatever_the_order_it_is_written_in():
    edition = load(SAMPLE)
    paragraph = [b for b in numbered_blocks(edition) if hasattr(b, "content")][3]
    paragraph.block = 999
    html = print_writer(edition, None).render()
    assert 'data-b="999"' in html
