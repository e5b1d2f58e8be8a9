"""`edition watch` under hostile editing (issue 15): a half-written save, a YAML error mid-edit,
a file deleted and written again, a rename over the source (vim's way of saving), a burst of
50 saves.  The good PDF is never replaced by a broken one, each broken state is reported once,
and the next good save is built.

The watcher runs in a thread of this process (as `edition watch` runs it), polling every
0.05 s; the waits are bounds, not timings.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

GOOD = """edition:
  title: Gözlem
  language: tr
registers: registers.yaml
body:
  - heading: GİRİŞ
    text: |
      [Mustafa Kemal]{{.person key=mk}} Samsun'a çıktı; {word}.
"""
REGISTERS = "persons:\n  mk: Mustafa Kemal Paşa\n"


def _wait(predicate, timeout=90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


class Watcher:
    """`watch` in a thread; ``lines`` is what it said."""

    def __init__(self, source, output):
        from edition.watch import watch

        self.lines: list[str] = []
        self.output = output
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch, args=(str(source), str(output)),
                                       kwargs={"interval": 0.05, "say": self.lines.append, "stop": self.stop}, daemon=True)

    def count(self, word: str) -> int:
        return sum(word in line for line in self.lines)

    def errors(self) -> int:
        return self.count("nothing written")

    def builds(self) -> int:
        return sum(line.startswith(("built", "rebuilt")) for line in self.lines)

    def settle(self) -> None:
        """Wait until the watcher has said nothing new for 20 polls."""
        n = -1
        while n != len(self.lines):
            n = len(self.lines)
            time.sleep(1.0)


@pytest.fixture
def watching(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITION_JOBS", "1")
    folder = tmp_path / "ed"
    folder.mkdir()
    source = folder / "edition.yaml"
    source.write_text(GOOD.format(word="bir"), encoding="utf-8")
    (folder / "registers.yaml").write_text(REGISTERS, encoding="utf-8")
    w = Watcher(source, tmp_path / "out.pdf")
    w.thread.start()
    assert _wait(lambda: any(line.startswith("watching") for line in w.lines)), w.lines
    yield w, source
    w.stop.set()
    w.thread.join(timeout=60)
    assert not w.thread.is_alive()
    assert "internal error" not in "\n".join(w.lines)
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".tmp-")]


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_half_written_save_keeps_the_pdf_and_is_reported_once(watching):
    w, source = watching
    good = w.output.read_bytes()
    text = GOOD.format(word="iki")
    source.write_text(text[: text.index("body:") + 8], encoding="utf-8")  # cut inside 'body:'
    assert _wait(lambda: w.errors() == 1), w.lines
    w.settle()
    assert w.errors() == 1 and w.output.read_bytes() == good  # once for this state, PDF kept
    # a YAML error in the middle of an edit: a new state, reported once more
    source.write_text(text.replace("title: Gözlem", "title: [Gözlem"), encoding="utf-8")
    assert _wait(lambda: w.errors() == 2), w.lines
    w.settle()
    assert w.errors() == 2 and w.output.read_bytes() == good
    source.write_text(text, encoding="utf-8")
    assert _wait(lambda: w.builds() == 2), w.lines
    assert "çıktı; iki" in _pdf_text(w.output)


def test_a_file_deleted_and_written_again_is_built_again(watching):
    """The registers file (not the source) deleted: the failed build did not read it, yet it
    is still watched, and writing it again rebuilds."""
    w, source = watching
    good = w.output.read_bytes()
    registers = source.parent / "registers.yaml"
    registers.unlink()
    assert _wait(lambda: w.errors() == 1), w.lines
    assert w.output.read_bytes() == good
    w.settle()
    registers.write_text(REGISTERS.replace("Paşa", "Paşa (Atatürk)"), encoding="utf-8")
    assert _wait(lambda: w.builds() == 2), w.lines
    assert "Atatürk" in _pdf_text(w.output)
    # the source itself deleted and written again
    source.unlink()
    assert _wait(lambda: w.errors() == 2), w.lines
    source.write_text(GOOD.format(word="üç"), encoding="utf-8")
    assert _wait(lambda: w.builds() == 3), w.lines
    assert "çıktı; üç" in _pdf_text(w.output)


def test_a_rename_over_the_source_is_seen(watching):
    """vim: the old file moved to a backup, the new text written to another name and renamed
    over the source (a new inode)."""
    w, source = watching
    backup, swap = source.with_name("edition.yaml~"), source.with_name(".edition.yaml.swp")
    os.replace(source, backup)
    swap.write_text(GOOD.format(word="dört"), encoding="utf-8")
    os.replace(swap, source)
    assert _wait(lambda: w.builds() == 2), w.lines
    assert "çıktı; dört" in _pdf_text(w.output)


def test_a_burst_of_50_saves_ends_in_the_last_one(watching):
    """50 saves in about a second, some of them broken: the PDF is never a broken build's,
    the watcher does not build each save, and the last save is the PDF."""
    w, source = watching
    pdfs = [w.output.read_bytes()]
    for i in range(50):
        text = GOOD.format(word=f"kayıt{i}")
        source.write_text(text if i % 3 else text[: len(text) // 2], encoding="utf-8")
        time.sleep(0.02)
        if w.output.read_bytes() != pdfs[-1]:
            pdfs.append(w.output.read_bytes())
    source.write_text(GOOD.format(word="son"), encoding="utf-8")
    assert _wait(lambda: "çıktı; son" in _pdf_text(w.output)), w.lines
    w.settle()
    assert w.builds() < 20, w.lines  # not one per save
    assert all(p.startswith(b"%PDF") and p.rstrip().endswith(b"%%EOF") for p in pdfs)
