"""One harness for every reader: a corpus of inputs, mutations of them, and what each run did.

A reader is registered once (:func:`register`, duplicates refused) as a :class:`Reader`: a
name, the file name its input is written to, and ``run(folder, path)``, which reads the input
the way the command line does and returns the diagnostics (or raises what it raises).
:func:`try_input` writes one input into a fresh folder, runs the reader, and sorts the run
into an :class:`Outcome`:

* ``ok``: no error;  ``located``: errors, each naming a file (and a line where it has one);
  ``refused``: a clear refusal of the whole file (a reader with no lines to point at: the
  raw-text importer says "the file is binary, run pdftotext first");
* ``unlocated``: an error without a file;  ``traceback``: any other exception (target: none);
* ``written``: files created, changed or removed anywhere but the reader's own output
  (target: none) -- the folder is compared before and after, and the working directory is
  the folder.

The corpus is ``tests/corpus/<reader>/`` (seed files, good and broken, each a whole input),
the sample edition's own file for that reader, and, for the YAML reader,
``tests/bad_inputs/*/edition.yaml``.  :func:`mutations` makes
hostile variants of a seed (cuts, byte flips, repeated slices, inserted hostile tokens)
from a :class:`random.Random`, so a run is repeated exactly from its seed.

A new reader (TEI, PDF import, DOCX/JATS/Crossref, collation) plugs in with a ``register``
call, a corpus folder and its hostile tokens (``Reader.tokens``: for XML, entity bombs,
``<!DOCTYPE x SYSTEM "http://...">``): ``tests/pipeline/test_reliability_fuzz.py`` then runs it
under hypothesis in CI and ``scripts/fuzz.py`` by hand.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import tempfile
import traceback
from dataclasses import dataclass, field
from typing import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
ROOT = os.path.dirname(HERE)


@dataclass(frozen=True)
class Reader:
    name: str
    filename: str  # the input is written to this name in the run's folder
    run: Callable[[str, str], list]  # (folder, input path) -> diagnostics; raises on refusal
    refusals: tuple = ()  # exception types that are a clear refusal of the whole input
    tokens: tuple = ()  # hostile fragments mutations insert
    outputs: tuple = ()  # files the reader itself may write in the folder
    extra: dict = field(default_factory=dict)  # companion files written beside the input


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    if reader.name in READERS:
        raise ValueError(f"reader {reader.name!r} is registered twice")
    READERS[reader.name] = reader
    return reader


@dataclass
class Outcome:
    kind: str  # ok, located, refused, unlocated, traceback, timeout
    errors: int = 0
    written: list = field(default_factory=list)  # paths written outside the reader's outputs
    detail: str = ""


# --------------------------------------------------------------------------- the readers


def _diagnostics_of(call) -> list:
    from edition.diagnostics import EditionError, Reporter

    reporter = Reporter()
    try:
        call(reporter)
    except EditionError:
        pass
    return reporter.diagnostics


def _yaml(folder: str, path: str) -> list:
    from edition.core import load

    return _diagnostics_of(lambda rep: load(path, rep))


def _bib(folder: str, path: str) -> list:
    from edition.citations.database import load_database

    return _diagnostics_of(lambda rep: load_database([path], rep))


def _rawtext(folder: str, path: str) -> list:
    from edition.readers.rawtext import import_file

    import yaml

    draft, _report = import_file(path)
    yaml.safe_load(draft)  # the draft is YAML (the importer checks it too)
    return []


YAML_TOKENS = ("&a [*a, *a, *a]", "!!python/object/apply:os.system ['touch pwned']", "!include x.yaml", "\t", "\0",
               "{pb n=", "^[", "[x]{.app J=", "<javascript:alert(1)>", "[@", "\u2028", "]" * 50, "*" * 60,
               "page-size: 1mm 100000mm", "registers: /etc/passwd", "bibliography: ../../x.bib", "\ufeff")
BIB_TOKENS = ("@string{a = a # a # a}", "{" * 60, "}", "@book{", "url = {javascript:alert(1)}", "\\c{", "@comment{",
              "author = {and and and}", "\0", "year = 99999999999999999999", "@preamble{\\input{/etc/passwd}}")
RAW_TOKENS = ("\f", "\0", "%PDF-1.7", "\ufeff", "_" * 40, "\n" * 100, "1 2 3 4 5 6 7 8 9", "\u00ad", "\x1b[31m")

register(Reader("yaml", "edition.yaml", _yaml, tokens=YAML_TOKENS, extra={"references.bib": "@book{k, title={T}}\n"}))
register(Reader("bib", "references.bib", _bib, tokens=BIB_TOKENS))
register(Reader("registers", "registers.yaml", lambda folder, path: _yaml(folder, os.path.join(folder, "edition.yaml")),
                tokens=YAML_TOKENS,
                extra={"edition.yaml": "edition:\n  title: T\n  language: tr\nregisters: registers.yaml\nbody:\n"
                                       "  - heading: A\n    text: |\n      [Mustafa Kemal]{.person key=mk} geldi.\n"}))


def _rawtext_reader() -> Reader:
    from edition.readers.rawtext import RawTextError

    return Reader("rawtext", "raw.txt", _rawtext, refusals=(RawTextError,), tokens=RAW_TOKENS)


register(_rawtext_reader())


def _pdfimport(folder: str, path: str) -> list:
    from edition.readers.pdfimport import import_pdf

    import yaml

    draft, _report = import_pdf(path)
    yaml.safe_load(draft)
    return []


PDF_TOKENS = ("%%EOF", "endobj", "/Encrypt 1 0 R", "/Length 999999999", "stream\n", "<< /Type /Page /Parent 1 0 R >>",
              "/FontName /X+Bold-Italic", "\0", "(\\u0000)", "[" * 40)


def _pdfimport_reader() -> Reader:
    from edition.readers.rawtext import RawTextError

    return Reader("pdf", "article.pdf", _pdfimport, refusals=(RawTextError,), tokens=PDF_TOKENS)


register(_pdfimport_reader())


# --------------------------------------------------------------------------- the corpus and mutations


# the sample edition's file each reader also starts from
SAMPLE_FILES = {"bib": "references.bib", "registers": "registers.yaml", "rawtext": "print-J.txt"}


def corpus(name: str) -> list[tuple[str, bytes]]:
    """(label, bytes) of every seed of reader ``name``."""
    out = []
    folder = os.path.join(CORPUS, name)
    for entry in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, entry), "rb") as fh:
            out.append((f"{name}/{entry}", fh.read()))
    sample = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm", SAMPLE_FILES.get(name, "-"))
    if os.path.isfile(sample):
        with open(sample, "rb") as fh:
            out.append((f"sample/{os.path.basename(sample)}", fh.read()))
    if name == "yaml":
        bad = os.path.join(HERE, "bad_inputs")
        for case in sorted(os.listdir(bad)):
            path = os.path.join(bad, case, "edition.yaml")
            if os.path.isfile(path):
                with open(path, "rb") as fh:
                    out.append((f"bad_inputs/{case}", fh.read()))
    return out


def mutations(data: bytes, rng: random.Random, tokens: tuple = (), n: int = 1) -> bytes:
    """``data`` changed ``n`` times: cut, a byte flipped, a slice repeated, a token inserted."""
    for _ in range(n):
        pos = rng.randrange(len(data) + 1)
        kind = rng.randrange(5 if tokens else 4)
        if kind == 0:
            data = data[:pos]
        elif kind == 1 and data:
            i = min(pos, len(data) - 1)
            data = data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]
        elif kind == 2:
            end = min(len(data), pos + rng.randrange(1, 400))
            data = data[:pos] + data[pos:end] * rng.randrange(2, 40) + data[end:]
        elif kind == 3:
            data = data[:pos] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8))) + data[pos:]
        else:
            data = data[:pos] + rng.choice(tokens).encode("utf-8") + data[pos:]
    return data


# --------------------------------------------------------------------------- one run


def _snapshot(folder: str) -> dict:
    state = {}
    for base, _dirs, names in os.walk(folder):
        for n in names:
            p = os.path.join(base, n)
            with open(p, "rb") as fh:
                state[p] = hashlib.sha256(fh.read()).hexdigest()
    return state


@contextlib.contextmanager
def _time_limit(seconds: float):
    if not seconds or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(*_):
        raise TimeoutError(f"more than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def try_input(reader: Reader, data: bytes, limit: float = 0) -> Outcome:
    """Run ``reader`` on ``data`` in a fresh folder (the working directory during the run),
    itself in a private folder: a write beside the edition folder (``../x``) is seen too."""
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{reader.name}-") as outer:
        folder = os.path.join(outer, "edition")
        os.mkdir(folder)
        for name, text in reader.extra.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
                fh.write(text)
        path = os.path.join(folder, reader.filename)
        with open(path, "wb") as fh:
            fh.write(data)
        before = _snapshot(outer)
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with _time_limit(limit):
                diags = reader.run(folder, path)
            outcome = _sort(diags)
        except reader.refusals as exc:
            outcome = Outcome("refused", 1, detail=str(exc))
        except TimeoutError as exc:
            outcome = Outcome("timeout", detail=str(exc))
        except Exception:  # what the harness is here to find
            outcome = Outcome("traceback", detail=traceback.format_exc())
        finally:
            os.chdir(cwd)
        after = _snapshot(outer)
        allowed = {os.path.join(folder, o) for o in reader.outputs}
        outcome.written = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p) and p not in allowed)
    return outcome


def _sort(diags: list) -> Outcome:
    errors = [d for d in diags if d.level == "error"]
    if not errors:
        return Outcome("ok")
    unlocated = [d for d in errors if d.loc is None or not d.loc.file]
    if unlocated:
        return Outcome("unlocated", len(errors), detail=unlocated[0].message)
    return Outcome("located", len(errors))
