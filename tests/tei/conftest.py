"""Fixtures of the TEI tests: the schema compiled once, the sample exported once, the TEI
files of tests/data/tei read once (tests/data/tei/SOURCES.md says where each comes from)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import ROOT, SAMPLE

DATA = os.path.join(ROOT, "tests", "data", "tei")
OWN = os.path.join(DATA, "own")
REAL = os.path.join(DATA, "real")
SCHEMA = os.path.join(ROOT, "tests", "schemas", "tei_all.rng")


@pytest.fixture(scope="session")
def tei_schema():
    """tei_all (P5 4.12.0) as an lxml RelaxNG validator: ~7-13 s to compile, so once a session."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(SCHEMA))


def invalid(schema, tree) -> str:
    """'' when ``tree`` is valid, else the schema's first errors (for the assertion message)."""
    if schema.validate(tree):
        return ""
    return "\n".join(f"{e.line}: {e.message}" for e in list(schema.error_log)[:10])


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory):
    """The sample edition's files in a folder of their own (the TEI file goes beside them)."""
    folder = tmp_path_factory.mktemp("tei-sample")
    src = os.path.dirname(SAMPLE)
    for name in ("edition.yaml", "references.bib", "registers.yaml"):
        shutil.copy(os.path.join(src, name), folder / name)
    return folder


@pytest.fixture(scope="session")
def sample_tei(sample_copy):
    """(the sample as read from YAML, the TEI path, its parsed tree, the model read back from it)."""
    from lxml import etree

    from edition.core import load
    from edition.writers.tei import tei_bytes

    yaml_model = load(str(sample_copy / "edition.yaml"))
    path = sample_copy / "edition.xml"
    path.write_bytes(tei_bytes(yaml_model, out_dir=str(sample_copy)))
    return yaml_model, str(path), etree.parse(str(path)), load(str(path))


def read_tei(path: str):
    """(edition or None, diagnostics) of one TEI file, as `edition build` reads it."""
    from edition.core import load
    from edition.diagnostics import EditionError, Reporter

    reporter = Reporter()
    try:
        return load(path, reporter), reporter.diagnostics
    except EditionError:
        return None, reporter.diagnostics
