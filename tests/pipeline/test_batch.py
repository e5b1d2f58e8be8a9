"""Batch builds (edition/batch.py), the Dask scheduler, `edition watch`, and the bench generator.

Small editions only; no timed assertions (timings depend on the machine).
"""

from __future__ import annotations

import io
import os
import sys
import threading
import time

import pytest

from edition.batch import build_many, find_sources, output_paths
from edition.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

GOOD = """\
edition:
  title: {title}
  language: tr
places:
  ankara: {{name: Ankara}}
body:
  - heading: BİR
    text: |
      {title} metni [Ankara]{{.place key=ankara}} şehrinde yazıldı^[Bir dipnot.].
"""

BROKEN = """\
edition:
  title: Bozuk
  language: tr
places:
  ankara: {name: Ankara}
body:
  - heading: BİR
    text: |
      Bu metin [Ankara]{.place key=ankra} şehrinde yazıldı.
"""


@pytest.fixture
def library(tmp_path):
    """Three editions in folders a/, b/, nested/c/; b is broken (unknown place key at 9:16)."""
    paths = {}
    for name, text in (("a", GOOD.format(title="Birinci")), ("b", BROKEN), ("nested/c", GOOD.format(title="Üçüncü"))):
        folder = tmp_path / "lib" / name
        folder.mkdir(parents=True)
        (folder / "edition.yaml").write_text(text, encoding="utf-8")
        paths[name] = str(folder / "edition.yaml")
    return tmp_path / "lib", paths


def run_cli(argv, capsys):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.err + captured.out


# --------------------------------------------------------------------------- finding and naming


def test_find_sources_walks_folders_and_skips_build_and_hidden(tmp_path):
    for rel in ("x/edition.yaml", "y/z/edition.yaml", "build/q/edition.yaml", ".hidden/edition.yaml", "x/notes.yaml"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("edition: {title: t}\n", encoding="utf-8")
    sources, problems = find_sources([str(tmp_path), str(tmp_path / "x" / "edition.yaml")])
    assert [os.path.relpath(s, tmp_path) for s in sources] == ["x/edition.yaml", "y/z/edition.yaml"]
    assert problems == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert find_sources([str(empty)]) == ([], [f"{empty}: no edition.yaml below this folder"])


def test_output_names_follow_the_folder_and_never_clash(tmp_path):
    sources = ["p/a/x/edition.yaml", "p/b/x/edition.yaml", "p/c/edition.yaml", "p/c/draft.yaml"]
    names = [os.path.basename(o) for o in output_paths(sources, "out")]
    assert names == ["a-x.pdf", "b-x.pdf", "c.pdf", "c-draft.pdf"]
    assert all(os.path.dirname(o) == "out" for o in output_paths(sources, "out"))


# --------------------------------------------------------------------------- local processes


def test_build_folder_in_parallel_reports_failure_and_builds_the_rest(library, tmp_path, capsys):
    lib, paths = library
    out_dir = tmp_path / "pdfs"
    code, err = run_cli(["build", str(lib), "--out-dir", str(out_dir), "-j", "2"], capsys)
    assert code == 1
    assert sorted(os.listdir(out_dir)) == ["a.pdf", "c.pdf"]
    for pdf in ("a.pdf", "c.pdf"):
        assert (out_dir / pdf).read_bytes().startswith(b"%PDF")
    assert "building 3 editions" in err
    assert err.count("] ok ") == 2 and err.count("] FAILED ") == 1
    assert "built 2, failed 1 of 3 editions" in err
    located = f"{paths['b']}:9:16: error: unknown place key 'ankra'"
    assert f"  failed: {paths['b']}\n    {located}\n    hint: " in err


def test_several_sources_and_the_batch_command(library, tmp_path, capsys):
    lib, paths = library
    code, err = run_cli(["batch", paths["a"], paths["nested/c"], "--out-dir", str(tmp_path / "o"), "-j", "1"], capsys)
    assert code == 0, err
    assert "built 2, failed 0 of 2 editions" in err
    assert sorted(os.listdir(tmp_path / "o")) == ["a.pdf", "c.pdf"]


def test_output_option_needs_a_single_source(library, capsys):
    lib, paths = library
    code, err = run_cli(["build", paths["a"], paths["nested/c"], "-o", "x.pdf"], capsys)
    assert code == 2
    assert "-o/--output and --html need a single source" in err
    code, err = run_cli(["build", str(lib), "-o", "x.pdf"], capsys)
    assert code == 2


def test_folder_without_editions_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, err = run_cli(["build", str(tmp_path / "empty"), str(tmp_path / "empty")], capsys)
    assert code == 2
    assert "no edition.yaml below this folder" in err and "no edition to build" in err


# --------------------------------------------------------------------------- Dask


def test_dask_cluster_builds_the_good_and_reports_the_broken(library, tmp_path, capsys):
    distributed = pytest.importorskip("dask.distributed", reason="pip install -e '.[cluster]'")
    lib, paths = library
    sources, _ = find_sources([str(lib)])
    outputs = output_paths(sources, str(tmp_path / "dask"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            seen = []
            results = build_many(sources, outputs, scheduler=client, on_result=seen.append)
            assert len(seen) == 3
            by_source = {r["source"]: r for r in results}
            assert [r["source"] for r in results] == sources
            assert by_source[paths["a"]]["ok"] and by_source[paths["nested/c"]]["ok"]
            bad = by_source[paths["b"]]
            assert not bad["ok"]
            assert bad["error"] == f"{os.path.abspath(paths['b'])}:9:16: error: unknown place key 'ankra'"
            assert sorted(os.listdir(tmp_path / "dask")) == ["a.pdf", "c.pdf"]
            # the command line, given the scheduler's address
            code, err = run_cli(["build", str(lib), "--out-dir", str(tmp_path / "cli"), "--scheduler", cluster.scheduler_address], capsys)
    assert code == 1
    assert "built 2, failed 1 of 3 editions" in err
    assert "unknown place key 'ankra'" in err
    assert sorted(os.listdir(tmp_path / "cli")) == ["a.pdf", "c.pdf"]


# --------------------------------------------------------------------------- watch


def _wait(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_watch_rebuilds_when_the_source_changes(tmp_path):
    from edition.watch import watch

    source = tmp_path / "ed" / "edition.yaml"
    source.parent.mkdir()
    source.write_text(GOOD.format(title="Gözlem"), encoding="utf-8")
    output = tmp_path / "out.pdf"
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(str(source), str(output)),
                              kwargs={"interval": 0.1, "say": lines.append, "stop": stop}, daemon=True)
    thread.start()
    try:
        assert _wait(lambda: any(line.startswith("watching") for line in lines)), lines
        first = output.read_bytes()
        assert first.startswith(b"%PDF")
        # a saved change: a new word in the text
        source.write_text(GOOD.format(title="Gözlem").replace("yazıldı", "yazılmıştı"), encoding="utf-8")
        assert _wait(lambda: any(line.startswith("rebuilt") for line in lines)), lines
        assert output.read_bytes() != first
        # an error keeps the previous PDF and the watcher alive
        second = output.read_bytes()
        source.write_text(BROKEN, encoding="utf-8")
        assert _wait(lambda: any("nothing written" in line for line in lines)), lines
        assert output.read_bytes() == second
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    builds = [line.split(" in ")[0] for line in lines if line.startswith(("built", "rebuilt"))]
    assert builds[0] == f"built {output}" and builds[1] == f"rebuilt {output}"
    assert any("(edition.yaml changed)" in line for line in lines)


def test_watch_follows_files_the_build_reads(tmp_path):
    """Registers in their own file are watched, the output PDF is not."""
    from edition.watch import _Recorder, watched_files

    folder = tmp_path / "ed"
    folder.mkdir()
    (folder / "registers.yaml").write_text("places:\n  ankara: {name: Ankara}\n", encoding="utf-8")
    source = folder / "edition.yaml"
    source.write_text(GOOD.format(title="Dizin").replace("places:\n  ankara: {name: Ankara}\n", "registers: registers.yaml\n"), encoding="utf-8")
    from edition.core import build_pdf

    opened = _Recorder.start()
    try:
        build_pdf(str(source), str(folder / "out.pdf"))
    finally:
        _Recorder.stop()
    files = watched_files(str(source), opened, {os.path.realpath(folder / "out.pdf")})
    assert os.path.realpath(folder / "registers.yaml") in files
    assert os.path.realpath(source) in files
    assert not any(f.endswith((".pdf", ".py", ".pyc")) for f in files)


# --------------------------------------------------------------------------- bench generator


def test_bench_generator_is_deterministic_and_valid(tmp_path):
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    try:
        from generate import Corpus, generate
    finally:
        sys.path.remove(os.path.join(ROOT, "bench"))
    from edition.core import load

    corpus = Corpus()
    one = generate(4, str(tmp_path / "one"), seed=3, corpus=corpus)
    two = generate(4, str(tmp_path / "two"), seed=3, corpus=corpus)
    for name in ("edition.yaml", "registers.yaml", "references.bib"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    ed = load(one["source"])  # raises EditionError listing every problem
    c = one["counts"]
    assert len(ed.notes) == c["notes"] > 0
    assert len(ed.apparatus) == c["apps"] > 0
    assert len(ed.tags) == c["tags"] > 0
    assert ed.cited_keys


def test_the_summary_lists_every_error_of_a_broken_edition(tmp_path, capsys):
    """Issue 24: a batch showed only the first error of a broken edition; the editor fixes
    them all in one go only when all are listed, each with its hint."""
    lib = tmp_path / "lib"
    for name, text in (("a", GOOD.format(title="Birinci")), ("b", BROKEN.replace("şehrinde", "[İzmir]{.place key=izmr} şehrinde"))):
        (lib / name).mkdir(parents=True)
        (lib / name / "edition.yaml").write_text(text, encoding="utf-8")
    code, err = run_cli(["build", str(lib), "--out-dir", str(tmp_path / "pdfs"), "-j", "1"], capsys)
    summary = err[err.index("built 1, failed 1"):]
    assert code == 1 and "unknown place key 'ankra'" in summary and "unknown place key 'izmr'" in summary, summary
    assert summary.count("    hint: ") == 2
