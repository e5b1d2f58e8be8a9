"""Reliability round 2 (issue 15): bounds on everything, each a located error.

Page sizes, link schemes, notes spread over many lines, register and bibliography sizes, the
depth of included files; a build run as an unprivileged user on a folder it cannot write;
and no subprocess at start-up or during a build (WeasyPrint's library lookup ran ldconfig
and gcc some 40 times per build).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from edition.citations import database
from edition.core import load
from edition.diagnostics import EditionError, Reporter
from edition.readers import yamlsrc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEAD = "edition:\n  title: Deneme\n  language: tr\n"


def _errors(path: str) -> list[str]:
    """`file:line:col: message` of every error of loading ``path`` (file as a base name)."""
    reporter = Reporter()
    with pytest.raises(EditionError):
        load(path, reporter)
    return [f"{os.path.basename(d.loc.file)}:{d.loc.line}:{d.loc.col}: {d.message}" for d in reporter.sorted() if d.level == "error"]


def _write(tmp_path, text: str, **files: str) -> str:
    for name, content in files.items():
        (tmp_path / name.replace("__", ".")).write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    path = tmp_path / "edition.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- page sizes


@pytest.mark.parametrize(
    "size, message",
    [
        ("1mm 100000mm", "page size '1mm 100000mm': a width of 1 mm, a height of 100000 mm; each side must be between 80 and 1000 mm"),
        ("0mm 0mm", "page size '0mm 0mm': a width of 0 mm, a height of 0 mm; each side must be between 80 and 1000 mm"),
        ("170mm 1.2in", "page size '170mm 1.2in': a height of 30.5 mm; each side must be between 80 and 1000 mm"),
        ("2000pt 20cm", None),
        ("170mm -240mm", "unknown page size '170mm -240mm'"),
        ("1" * 40 + "mm 20cm", "unknown page size '" + "1" * 40 + "mm 20cm'"),
    ],
)
def test_an_absurd_page_size_is_a_located_error(tmp_path, size, message):
    path = _write(tmp_path, HEAD + f"settings:\n  page-size: {size}\nbody:\n  - heading: A\n    text: Bir.\n")
    if message is None:  # 2000pt is 705.6 mm: within bounds
        assert load(path).settings.page_size == size
        return
    assert _errors(path) == [f"edition.yaml:5:14: {message}"]


def test_the_page_size_bounds_are_inclusive(tmp_path):
    path = _write(tmp_path, HEAD + "settings:\n  page-size: 80mm 1000mm\nbody:\n  - heading: A\n    text: Bir.\n")
    assert load(path).settings.page_size == "80mm 1000mm"


# --------------------------------------------------------------------------- link schemes


def test_a_javascript_autolink_is_refused_where_it_is_written(tmp_path):
    path = _write(tmp_path, HEAD + "body:\n  - heading: A\n    text: |\n      Bak <javascript:alert(1)> ve <file:///etc/passwd> ama <https://example.org/a> ve <mailto:a@b.org>.\n")
    assert _errors(path) == [
        "edition.yaml:7:12: link scheme 'javascript:' is not allowed (javascript:alert(1))",
        "edition.yaml:7:37: link scheme 'file:' is not allowed (file:///etc/passwd)",
    ]


def test_the_allowed_links_become_links_and_nothing_else_does(tmp_path):
    from edition.model import Link, walk_inlines

    path = _write(tmp_path, HEAD + "body:\n  - heading: A\n    text: |\n      <https://example.org/a> <MAILTO:a@b.org> <http://x.org> a <b> c.\n")
    edition = load(path)
    urls = [n.url for n in walk_inlines(edition.body[0].blocks[0].content) if isinstance(n, Link)]
    assert urls == ["https://example.org/a", "MAILTO:a@b.org", "http://x.org"]


def test_a_bibliography_url_with_another_scheme_is_an_error_at_its_entry(tmp_path):
    bib = "@online{ok, title = {A}, url = {https://example.org}}\n\n@online{bad, title = {B}, url = {javascript:alert(document.cookie)}}\n"
    path = _write(tmp_path, HEAD + "bibliography: refs.bib\nbody:\n  - heading: A\n    text: Bir [@ok] [@bad].\n", refs__bib=bib)
    assert _errors(path) == [
        "refs.bib:3:1: entry 'bad': link scheme 'javascript:' is not allowed (javascript:alert(document.cookie))",
        "refs.bib:3:1: entry 'bad' (online) has no 'url', which the 'house' style needs for a webpage",
    ]


def test_a_journal_url_with_another_scheme_is_an_error(tmp_path):
    path = _write(tmp_path, HEAD + "  journal:\n    name: Dergi\n    url: data:text/html,<script>\nbody:\n  - heading: A\n    text: Bir.\n")
    assert _errors(path) == ["edition.yaml:6:10: link scheme 'data:' is not allowed (data:text/html,<script>)"]


# --------------------------------------------------------------------------- counts


def test_50000_notes_on_as_many_lines_are_refused_before_the_layout(tmp_path):
    """The issue's case: the notes sat on one line and the line limit fired first. Here one
    note per line; `edition build` stops at the first note beyond the limit, writes nothing."""
    lines = "\n".join(f"      Satır {i} metin^[not {i}].\n" for i in range(50_000))
    path = tmp_path / "edition.yaml"
    path.write_text(HEAD + "body:\n  - heading: A\n    text: |\n" + lines, encoding="utf-8")
    out = tmp_path / "out.pdf"
    res = subprocess.run([sys.executable, "-m", "edition.cli", "build", str(path), "-o", str(out)],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert res.returncode == 1, res.stderr
    # the 5 001st note is on source line 7 + 2 * 5 000 (a blank line between paragraphs)
    assert "edition.yaml:10007:" in res.stderr and "more than a build lays out (5,000)" in res.stderr
    assert "Traceback" not in res.stderr and not out.exists()


def test_a_register_beyond_its_bound_is_an_error_at_the_first_entry_too_many(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsrc, "MAX_REGISTER", 5)
    regs = "persons:\n" + "".join(f"  p{i}: Kişi {i}\n" for i in range(4)) + "places:\n" + "".join(f"  y{i}: Yer {i}\n" for i in range(4))
    path = _write(tmp_path, HEAD + "registers: registers.yaml\nbody:\n  - heading: A\n    text: Bir.\n", registers__yaml=regs)
    assert _errors(path) == ["registers.yaml:8:3: more than 5 register entries: this one and the rest are not read"]


def test_a_bibliography_beyond_its_bound_is_one_error_and_no_unknown_keys(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "MAX_RECORDS", 3)
    bib = "".join(f"@book{{k{i}, title = {{T{i}}}, year = 2000}}\n" for i in range(6))
    path = _write(tmp_path, HEAD + "bibliography: refs.bib\nbody:\n  - heading: A\n    text: Bir [@k1] [@k5].\n", refs__bib=bib)
    assert _errors(path) == ["refs.bib:4:1: more than 3 bibliography entries: the rest are not read"]


def test_a_bibliography_file_beyond_its_size_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "MAX_BIB_BYTES", 100)
    bib = "".join(f"@book{{k{i}, title = {{T{i}}}, year = 2000}}\n" for i in range(6))
    path = _write(tmp_path, HEAD + "bibliography: refs.bib\nbody:\n  - heading: A\n    text: Bir [@k1].\n", refs__bib=bib)
    assert _errors(path) == ["refs.bib:0:0: bibliography file larger than 0 MiB: not read"]


def test_a_big_register_is_checked_in_linear_time(tmp_path):
    """check_references built the list of keys once per entry: quadratic (90 000 persons: over
    5 minutes).  Counted, not timed: how many times the keys are listed."""
    from edition.transforms import registers

    regs = "persons:\n" + "".join(f"  p{i}: {{name: Kişi {i}, see-also: [p{(i + 1) % 300}]}}\n" for i in range(300))
    path = _write(tmp_path, HEAD + "registers: registers.yaml\nbody:\n  - heading: A\n    text: Bir.\n", registers__yaml=regs)
    edition = load(path)
    values = []
    real = edition.registers.values

    class Counting(dict):
        def values(self):
            values.append(1)
            return real()

    edition.registers = Counting(edition.registers)
    registers.check_references(edition, Reporter())
    assert len(values) <= 2


def test_a_registers_file_cannot_include_another(tmp_path):
    """Depth of includes: the source names a registers file and bibliographies; a registers
    file names nothing (YAML's !include is refused everywhere: tests/bad_inputs)."""
    path = _write(tmp_path, HEAD + "registers: registers.yaml\nbody:\n  - heading: A\n    text: Bir.\n",
                  registers__yaml="registers: other.yaml\npersons:\n  a: A\n", other__yaml="persons:\n  b: B\n")
    assert _errors(path) == ["registers.yaml:1:1: unknown key 'registers' in the registers file"]


# --------------------------------------------------------------------------- permissions


def _nobody():
    if os.geteuid() != 0:
        return None
    try:
        import pwd

        return pwd.getpwnam("nobody")
    except KeyError:
        return None


@pytest.mark.skipif(_nobody() is None or shutil.which("setpriv") is None,
                    reason="needs root (to drop to 'nobody') and setpriv; as an ordinary user the folder test below is the same test")
def test_an_unprivileged_build_into_a_folder_it_cannot_write_says_so():
    """Run as 'nobody' (tests run as root, for whom every folder is writable): the output folder
    is root's and read-only to others; the build fails with exit 1 naming the path, no
    traceback, and the folder is left as it was."""
    import pathlib
    import tempfile

    user = _nobody()
    # pytest's own temporary folders are root's and closed to others: one under /tmp
    tmp_path = pathlib.Path(tempfile.mkdtemp(prefix="edition-nobody-"))
    try:
        _build_as(user, tmp_path)
    finally:
        os.chmod(tmp_path / "locked", 0o755)
        shutil.rmtree(tmp_path)


def _build_as(user, tmp_path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "edition.yaml").write_text(HEAD + "body:\n  - heading: A\n    text: Bir.\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "old.pdf").write_bytes(b"%PDF old")
    for p in (tmp_path, src, src / "edition.yaml"):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    os.chmod(locked, 0o555)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "EDITION_JOBS": "1",
           "PYTHONPATH": ROOT, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    cmd = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups", "--",
           sys.executable, "-m", "edition.cli", "build", str(src / "edition.yaml"), "-o", str(locked / "old.pdf")]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=str(tmp_path), env=env)
    assert res.returncode == 1, (res.returncode, res.stderr)
    assert "Permission denied" in res.stderr and str(locked) in res.stderr
    assert "Traceback" not in res.stderr
    assert sorted(os.listdir(locked)) == ["old.pdf"] and (locked / "old.pdf").read_bytes() == b"%PDF old"


# --------------------------------------------------------------------------- no subprocess


AUDIT = """
import sys
seen = []
def hook(event, args):
    if event in ("subprocess.Popen", "os.posix_spawn", "os.system", "os.exec"):
        seen.append(f"{event} {args[0]}")
sys.addaudithook(hook)
from edition.cli import main
code = main(sys.argv[1:])
print("SPAWNED", len(seen), *seen[:5], file=sys.stderr)
sys.exit(code)
"""


def test_a_build_starts_no_other_program(tmp_path):
    """ctypes.util.find_library, called by cffi for each name WeasyPrint tries, ran ldconfig and
    gcc (temporary files, slower start): a build now runs no program at all."""
    path = _write(tmp_path, HEAD + "body:\n  - heading: A\n    text: Bir^[not].\n")
    res = subprocess.run([sys.executable, "-c", AUDIT, "build", path, "-o", str(tmp_path / "out.pdf")],
                         capture_output=True, text=True, timeout=300, cwd=ROOT, env={**os.environ, "EDITION_JOBS": "1"})
    assert res.returncode == 0, res.stderr
    assert "SPAWNED 0" in res.stderr, res.stderr
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
