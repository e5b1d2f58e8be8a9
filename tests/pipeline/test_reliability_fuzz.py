"""Every reader fuzzed (issue 15), bounded for CI: hypothesis picks seeds of the corpus and
mutations of them (tests/reliability_harness.py); no input may end in a traceback, an error
without a place, a run past its time limit, or a file written outside the reader's output.
``scripts/fuzz.py`` runs the same harness by hand, on many more inputs.
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability_harness import READERS, Reader, corpus, mutations, try_input

BOUNDED = settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _check(reader: Reader, data: bytes) -> None:
    out = try_input(reader, data, limit=60)
    assert out.kind not in ("traceback", "unlocated", "timeout"), out.detail
    assert out.written == []


@pytest.mark.parametrize("name", sorted(READERS))
def test_every_seed_of_the_corpus(name):
    seeds = corpus(name)
    assert len(seeds) >= 2
    for _label, data in seeds:
        _check(READERS[name], data)


@pytest.mark.parametrize("name", sorted(READERS))
@BOUNDED
@given(pick=st.integers(0, 10_000), seed=st.integers(0, 2**32), changes=st.integers(1, 6))
def test_mutated_inputs(name, pick, seed, changes):
    reader = READERS[name]
    seeds = corpus(name)
    data = seeds[pick % len(seeds)][1]
    _check(reader, mutations(data, random.Random(seed), reader.tokens, changes))


@BOUNDED
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_as_a_source(data):
    _check(READERS["yaml"], data)


def test_the_harness_sees_a_traceback_and_a_write_outside():
    """A reader that writes beside its folder and then fails: both are caught."""

    def bad(folder, path):
        with open(os.path.join(folder, "..", "escaped.txt"), "w") as fh:
            fh.write("x")
        raise KeyError("boom")

    out = try_input(Reader("bad", "in.txt", bad), b"data")
    assert out.kind == "traceback" and "KeyError: 'boom'" in out.detail
    assert [os.path.basename(p) for p in out.written] == ["escaped.txt"]


def test_the_harness_refuses_a_reader_registered_twice():
    from tests.reliability_harness import register

    with pytest.raises(ValueError, match="registered twice"):
        register(READERS["bib"])
