"""The sample YAML -> TEI -> model gives the same model, and its TEI builds the same PDF.

The one difference, justified: ``Edition.source`` is the path of the file read
(edition.yaml, then edition.xml).  Everything else compares equal through
:func:`edition.dump.dump`, which prints every field that takes part in equality: the
text and its inline nodes, numbers and ids the transforms give, registers, witnesses,
settings, the rendered citations and bibliography, the indexes.  What equality leaves out
(locations in the source, the files read) is not compared: a TEI file has other lines
than a YAML file.
"""

from __future__ import annotations

import difflib
import os
import subprocess

import pytest

from edition.dump import dump

# fields whose difference is expected, and why
JUSTIFIED = {
    "source": "the path of the file read: edition.yaml, then edition.xml",
}


def _differences(a, b) -> list[str]:
    return [line for line in difflib.unified_diff(dump(a).splitlines(), dump(b).splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_yaml_to_tei_to_model_is_the_same_model(sample_tei):
    yaml_model, _path, _tree, tei_model = sample_tei
    assert len(dump(yaml_model).splitlines()) > 5000  # the dump holds the whole edition
    differences = _differences(yaml_model, tei_model)
    assert len(differences) == 2, "\n".join(differences[:40])  # the Edition line, before and after
    assert yaml_model.source.endswith("edition.yaml") and tei_model.source.endswith("edition.xml")
    tei_model.source = yaml_model.source
    assert _differences(yaml_model, tei_model) == [], JUSTIFIED
    assert yaml_model == tei_model


def test_the_second_export_is_the_first(sample_tei, sample_copy):
    from edition.writers.tei import tei_bytes

    _yaml, path, _tree, tei_model = sample_tei
    with open(path, "rb") as fh:
        assert tei_bytes(tei_model, out_dir=str(sample_copy)) == fh.read()


def test_the_tei_file_builds_the_same_pdf_text_as_the_yaml_source(sample_tei, sample_pages, tmp_path):
    """TEI -> PDF goes through the pipeline YAML goes through: the same pages, word for word."""
    from edition.core import build_pdf

    _yaml, path, _tree, _model = sample_tei
    out = tmp_path / "from-tei.pdf"
    build_pdf(path, str(out))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    from pypdf import PdfReader

    # as many pages as the PDF has (the split is pdftotext's), as many as the YAML build's
    assert len(pages) == len(PdfReader(str(out)).pages) == len(sample_pages) > 1
    assert pages == sample_pages


@pytest.mark.parametrize("example", ["letter-bixby", "dergi-makalesi"])
def test_the_other_examples_round_trip_and_are_valid(example, tmp_path, tei_schema):
    """A letter (its parts, the editor's notes, a second witness's page breaks) and a journal
    article (translated title, acknowledgements, funding, the journal's fields, apparatus
    conventions): YAML -> TEI (valid) -> the same model."""
    import shutil

    from lxml import etree

    from edition.core import load
    from edition.writers.tei import tei_bytes
    from tests.conftest import ROOT
    from tests.tei.conftest import invalid

    folder = tmp_path / example
    shutil.copytree(os.path.join(ROOT, "examples", example), folder)
    yaml_model = load(str(folder / "edition.yaml"))
    data = tei_bytes(yaml_model)
    assert invalid(tei_schema, etree.fromstring(data).getroottree()) == ""
    (folder / "edition.xml").write_bytes(data)
    tei_model = load(str(folder / "edition.xml"))
    tei_model.source = yaml_model.source  # JUSTIFIED above
    assert _differences(yaml_model, tei_model) == []
