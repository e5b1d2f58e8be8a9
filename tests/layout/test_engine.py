"""The WeasyPrint boundary (edition/engine.py): the only module that uses WeasyPrint, and
the guard that keeps the speedups written for one WeasyPrint off any other."""

from __future__ import annotations

import ast
import pathlib

from edition import engine
from edition.core import build_pdf
from edition.diagnostics import Reporter
from edition.layout import speedups

from ..conftest import SAMPLE

PACKAGE = pathlib.Path(engine.__file__).parent


def imported_modules(path: pathlib.Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_only_the_boundary_imports_weasyprint():
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == "weasyprint" for name in imported_modules(path))
    )
    # the two modules that patch WeasyPrint internals (its line breaking and footnote
    # areas; its tagger while a tagged PDF is written), both called only through engine.py
    assert users == ["engine.py", "layout/speedups.py", "pdf/tagging.py"], users


def test_another_weasyprint_turns_the_speedups_off_with_one_warning(tmp_path, monkeypatch):
    """A WeasyPrint that is not the one the speedups were written for: the build runs
    without them (no line break answered from memory), and says so once."""
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    monkeypatch.setenv("EDITION_JOBS", "1")  # every layout in this process, where it is counted
    monkeypatch.setattr(engine, "version", lambda: "71.0")
    reporter = Reporter()
    with engine.faster_layout(reporter):
        assert inline.split_first_line is line_break.split_first_line
    assert [d.message for d in reporter.diagnostics if "speedups" in d.message] != []
    before = dict(speedups._stats)
    result = build_pdf(SAMPLE, str(tmp_path / "out.pdf"))
    assert speedups._stats == before
    said = [w.message for w in result.warnings if "WeasyPrint 71.0" in w.message]
    assert len(said) == 1 and "70.0" in said[0], said


def test_the_speedups_run_on_the_weasyprint_they_were_written_for(monkeypatch):
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    monkeypatch.setattr(engine, "version", lambda: engine.TESTED)
    reporter = Reporter()
    with engine.faster_layout(reporter):
        assert inline.split_first_line is not line_break.split_first_line
    assert inline.split_first_line is line_break.split_first_line
    assert reporter.diagnostics == []


def test_a_document_without_a_folder_reads_no_file(tmp_path):
    (tmp_path / "a.css").write_text("p { color: red }")
    fetch = engine.safe_fetcher(None).fetch
    assert fetch("data:text/plain,bir").read() == b"bir"
    try:
        fetch((tmp_path / "a.css").as_uri())
    except ValueError as exc:
        assert "refused" in str(exc)
    else:
        raise AssertionError("a file was served to a document without a folder")
