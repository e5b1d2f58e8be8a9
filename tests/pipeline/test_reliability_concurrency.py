"""Builds writing the same output at once (issue 15): two terminals, watch plus a manual build,
a batch naming an edition twice.  Real processes; the output is always some build's whole PDF
(write_atomic: a temporary file in the same folder and a rename, last writer wins), never a
mixed or cut file, and no temporary file is left.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pikepdf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = """edition:
  title: Eşzamanlı {name}
  language: tr
body:
  - heading: GİRİŞ
    text: |
      {name} metni^[{name} notu.] burada biter.
"""


def _edition(folder, name: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "edition.yaml"
    path.write_text(SOURCE.format(name=name), encoding="utf-8")
    return str(path)


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_four_builds_of_two_editions_into_one_pdf_at_once(tmp_path):
    """Four `edition build` processes (two sources) write out.pdf at the same time while this
    process reads it over and over: every read is a whole PDF of one of the two editions."""
    a = _edition(tmp_path / "a", "Alfa")
    b = _edition(tmp_path / "b", "Beta")
    out = tmp_path / "out" / "out.pdf"
    env = {**os.environ, "EDITION_JOBS": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "edition.cli", "build", src, "-o", str(out), "-q"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for src in (a, b, a, b)]
    seen: set[bytes] = set()
    deadline = time.monotonic() + 300
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        try:
            seen.add(out.read_bytes())
        except FileNotFoundError:
            pass
        time.sleep(0.01)
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], results
    seen.add(out.read_bytes())
    texts = set()
    for data in seen:
        with pikepdf.open(__import__("io").BytesIO(data)) as pdf:  # a cut file does not open
            assert len(pdf.pages) >= 1
        copy = tmp_path / "seen.pdf"
        copy.write_bytes(data)
        text = _pdf_text(copy)
        assert ("Alfa metni" in text) != ("Beta metni" in text), text  # one edition, not a mix
        texts.add("Alfa" if "Alfa metni" in text else "Beta")
    assert texts <= {"Alfa", "Beta"}
    assert [n for n in os.listdir(out.parent) if n != ".edition-cache"] == ["out.pdf"]  # no temporary file left (the layout cache aside)


def test_a_batch_naming_an_edition_twice_builds_it_once(tmp_path):
    """The same edition under three spellings (and through a symbolic link to its folder): one
    build, one PDF."""
    a = _edition(tmp_path / "lib" / "a", "Alfa")
    os.symlink(tmp_path / "lib" / "a", tmp_path / "lib" / "link")
    spellings = [a, str(tmp_path / "lib" / "a" / ".." / "a" / "edition.yaml"), str(tmp_path / "lib" / "link" / "edition.yaml")]
    res = subprocess.run([sys.executable, "-m", "edition.cli", "build", *spellings, "--out-dir", str(tmp_path / "build"), "-j", "2"],
                         cwd=ROOT, env={**os.environ, "EDITION_JOBS": "1"}, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "built 1, failed 0 of 1 editions" in res.stderr
    assert os.listdir(tmp_path / "build") == ["a.pdf"]
    assert "Alfa metni" in _pdf_text(tmp_path / "build" / "a.pdf")


def test_a_watch_and_a_manual_build_of_one_output(tmp_path):
    """`edition watch` running while `edition build` writes the same PDF: both succeed, the
    PDF is whole, and the watcher does not rebuild because of the other's write."""
    a = _edition(tmp_path / "a", "Alfa")
    out = tmp_path / "out.pdf"
    env = {**os.environ, "EDITION_JOBS": "1"}
    watcher = subprocess.Popen([sys.executable, "-m", "edition.cli", "watch", a, "-o", str(out), "--interval", "0.1"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert out.exists()
        res = subprocess.run([sys.executable, "-m", "edition.cli", "build", a, "-o", str(out)],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
        time.sleep(1.0)  # several polls of the watcher
    finally:
        watcher.terminate()
        said, _ = watcher.communicate(timeout=60)
    assert said.count("built ") == 1 and "rebuilt" not in said, said
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) >= 1
    assert "Alfa metni" in _pdf_text(out)
    assert sorted(n for n in os.listdir(tmp_path) if n != ".edition-cache") == ["a", "out.pdf"]  # the layout cache aside
