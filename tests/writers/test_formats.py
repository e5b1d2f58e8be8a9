"""Formats as plug-ins (edition/formats.py): readers and writers found by name or suffix, a
registry that refuses duplicates, and a format added from outside the package in one class."""

from __future__ import annotations

import pytest

from edition import formats
from edition.cli import main
from edition.core import write_atomic
from edition.formats import FormatError, Reader, Writer, WriteResult, register_writer, registered
from edition.model import Note, plain_text

from ..conftest import SAMPLE


class OutlineWriter(Writer):
    """A toy format: the title, then each heading and the number and first words of each note."""

    name = "outline"
    suffixes = (".outline",)
    description = "a plain-text outline (a test's format)"

    def write(self, edition, output, reporter, options):
        lines = [edition.meta.title]
        for section in edition.all_sections():
            lines.append("#" * section.level + " " + plain_text(section.heading))
        lines += [f"{n.n}: {' '.join(plain_text(n.content).split()[:3])}" for n in edition.notes]
        write_atomic(output, ("\n".join(lines) + "\n").encode("utf-8"))
        return WriteResult(output)


@pytest.fixture
def outline():
    with registered(OutlineWriter):
        yield


def test_a_writer_registered_from_a_test_module_builds_by_suffix(outline, tmp_path, capsys):
    out = tmp_path / "sample.outline"
    assert main(["build", SAMPLE, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8").splitlines()
    assert text[0] == "Azerbaycan ve Bolşevizm"
    assert "# GİRİŞ" in text
    notes = [line for line in text if line[:1].isdigit()]
    assert [int(line.split(":")[0]) for line in notes] == list(range(1, 37))  # numbered by the transforms
    # an unpaginated writer lays nothing out: no page count is reported
    assert "pages" not in capsys.readouterr().err.splitlines()[-1]


def test_to_names_the_writer_whatever_the_suffix(outline, tmp_path):
    out = tmp_path / "sample.txt"
    assert main(["build", SAMPLE, "-o", str(out), "--to", "outline", "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith("Azerbaycan ve Bolşevizm\n")


def test_the_registration_ends_with_the_block(tmp_path, capsys):
    with registered(OutlineWriter):
        assert "outline" in formats.writers()
    assert "outline" not in formats.writers()
    assert main(["build", SAMPLE, "-o", str(tmp_path / "x.outline")]) == 2
    err = capsys.readouterr().err
    assert "no writer for '.outline' files" in err and "pdf (.pdf)" in err


def test_duplicates_are_refused(outline):
    class Another(OutlineWriter):
        pass

    with pytest.raises(FormatError, match="a writer named 'outline' is registered already"):
        register_writer(Another)

    class SameSuffix(Writer):
        name = "pdf2"
        suffixes = (".pdf",)

    with pytest.raises(FormatError, match="claims .pdf, which the writer 'pdf' handles"):
        register_writer(SameSuffix)
    assert formats.writers()["outline"] is OutlineWriter


def test_a_format_needs_a_name_and_suffixes():
    class Nameless(Reader):
        suffixes = (".x",)

    with pytest.raises(FormatError, match="has no name"):
        formats.register_reader(Nameless)


def test_unknown_format_names_and_inputs_are_usage_errors(tmp_path, capsys):
    assert main(["build", SAMPLE, "-o", str(tmp_path / "x.pdf"), "--to", "pfd"]) == 2
    assert "did you mean 'pdf'?" in capsys.readouterr().err
    odd = tmp_path / "edition.odt"
    odd.write_bytes(b"PK")
    assert main(["check", str(odd)]) == 2
    assert "no reader for '.odt' files" in capsys.readouterr().err


def test_formats_lists_readers_and_writers(outline, capsys):
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    assert "yaml     .yaml .yml" in out
    assert "pdf      .pdf" in out and "(laid out in pages)" in out
    assert "outline  .outline" in out


def test_the_reader_is_chosen_by_the_source_type():
    assert formats.reader_for("a/B.YML").name == "yaml"
    ed = formats.reader_for(SAMPLE).read(SAMPLE, __import__("edition.diagnostics", fromlist=["Reporter"]).Reporter())
    assert ed.meta.title == "Azerbaycan ve Bolşevizm"
    # a reader only reads: the transforms number the notes
    from edition.model import walk_inlines

    calls = [n for p in ed.all_paragraphs() for n in walk_inlines(p.content, into_notes=False) if isinstance(n, Note)]
    assert len(calls) == 36 and {n.n for n in calls} == {0} and ed.notes == []
