"""No output is ever written over an input of the build (issue 15): the source, its
registers and bibliography, a citation style, the theme, under any spelling of the path
(the same name, `..`, a symlink, a hard link).  Each is a located error, exit status 1,
and the input keeps its bytes."""

from __future__ import annotations

import hashlib
import os

import pytest

from edition import core
from edition.cli import main

SOURCE = """\
edition:
  title: Deneme
  language: tr
bibliography: [refs.bib]
registers: registers.yaml
citation-style: mystyle.py
body:
  - heading: A
    text: |
      [Ankara]{.place key=ankara} metni [@doe2000].
"""
REGISTERS = "places:\n  ankara: {name: Ankara}\n"
BIB = "@book{doe2000, author = {Doe, Jane}, title = {A Book}, year = {2000}, publisher = {P}, address = {Ankara}}\n"
STYLE = "from edition.citations.house import HouseStyle as style\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "edition.yaml").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "registers.yaml").write_text(REGISTERS, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "mystyle.py").write_text(STYLE, encoding="utf-8")
    return tmp_path


def digests(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def refused(folder, capsys, *argv) -> str:
    before = digests(folder)
    # --to pdf: the PDF writer, whatever the suffix (without it, a suffix no writer takes is
    # a usage error before anything is read: test_an_unknown_suffix_is_refused_before)
    status = main(["build", str(folder / "edition.yaml"), "--to", "pdf", *argv])
    err = capsys.readouterr().err
    assert status == 1, err
    assert digests(folder) == before
    assert "would replace an input of the build" in err
    return err


def test_the_source_itself(folder, capsys):
    err = refused(folder, capsys, "-o", str(folder / "edition.yaml"))
    assert f"{folder / 'edition.yaml'}:1:1: error: the output" in err


def test_the_source_through_dotdot_and_a_relative_path(folder, capsys, monkeypatch):
    monkeypatch.chdir(folder)
    (folder / "sub").mkdir()
    refused(folder, capsys, "-o", "sub/../edition.yaml")


def test_a_symlink_to_the_source(folder, capsys):
    os.symlink(folder / "edition.yaml", folder / "out.pdf")
    refused(folder, capsys, "-o", str(folder / "out.pdf"))


def test_a_hard_link_to_the_registers_is_located_where_the_source_names_them(folder, capsys):
    os.link(folder / "registers.yaml", folder / "out.pdf")
    err = refused(folder, capsys, "-o", str(folder / "out.pdf"))
    # the error points at `registers: registers.yaml` in the source (line 5, column 12)
    assert f"{folder / 'edition.yaml'}:5:12: error: the output" in err
    assert "named here in edition.yaml" in err


def test_the_bibliography_and_the_citation_style(folder, capsys):
    err = refused(folder, capsys, "-o", str(folder / "refs.bib"))
    assert f"{folder / 'edition.yaml'}:4:" in err
    err = refused(folder, capsys, "-o", str(folder / "mystyle.py"))
    assert f"{folder / 'edition.yaml'}:6:" in err


def test_the_html_beside_the_pdf(folder, capsys, tmp_path):
    refused(folder, capsys, "-o", str(tmp_path / "x.pdf"), "--html", str(folder / "registers.yaml"))
    assert not (tmp_path / "x.pdf").exists()


def test_the_theme_stylesheet(folder, capsys):
    from edition.themes import theme_files

    css = next(p for p in theme_files() if p.endswith(".css"))
    with open(css, "rb") as fh:
        before = fh.read()
    status = main(["build", str(folder / "edition.yaml"), "--to", "pdf", "-o", css])
    assert status == 1
    assert "would replace an input" in capsys.readouterr().err
    with open(css, "rb") as fh:
        assert fh.read() == before


def test_a_source_with_errors_is_not_overwritten_either(folder, capsys):
    (folder / "edition.yaml").write_text(SOURCE.replace("title: Deneme", "title: [unclosed"), encoding="utf-8")
    refused(folder, capsys, "-o", str(folder / "edition.yaml"))


def test_an_unknown_suffix_is_refused_before_anything_is_read(folder, capsys):
    before = digests(folder)
    assert main(["build", str(folder / "edition.yaml"), "-o", str(folder / "refs.bib")]) == 2
    assert "no writer for '.bib' files" in capsys.readouterr().err
    assert digests(folder) == before


def test_an_output_beside_the_inputs_is_built(folder, capsys):
    """The check refuses inputs only: a new file in the same folder is written."""
    assert main(["build", str(folder / "edition.yaml"), "-o", str(folder / "edition.pdf"), "-q"]) == 0
    assert (folder / "edition.pdf").read_bytes().startswith(b"%PDF")


def test_import_never_writes_over_its_text(tmp_path, capsys):
    raw = tmp_path / "article.txt"
    raw.write_text("Başlık\n\nBir paragraf metni.\n", encoding="utf-8")
    before = raw.read_bytes()
    os.symlink(raw, tmp_path / "draft.yaml")
    for target in (raw, tmp_path / "draft.yaml"):
        assert main(["import", str(raw), "-o", str(target)]) == 1
        assert "would replace an input" in capsys.readouterr().err
        assert raw.read_bytes() == before


def test_rebuilding_one_page_checks_too(folder, capsys, monkeypatch):
    """edition watch's one-page rebuild writes into the previous PDF: never into an input."""
    from edition.diagnostics import EditionError

    with pytest.raises(EditionError):
        core.rebuild_page(str(folder / "edition.yaml"), str(folder / "refs.bib"), plan=type("P", (), {"final": object()})())
