"""Property-based robustness tests (issue 9): whatever the input, a located error or a result.

Random inline strings (rich in the syntax's special characters, with Turkish letters), random
small sources generated as structures and serialised with PyYAML, and random byte-level
mutations of the sample's first 60 lines either load or raise :class:`EditionError` whose
diagnostics all lie inside the file they name (line >= 1, column >= 1, both within bounds);
no other exception ever escapes.  Text without special characters survives the round trip
parse -> plain_text unchanged.

Bounded: every property has ``max_examples`` (a quarter when ``CI`` is set; more with
``EDITION_PROPERTY_SCALE``) and no deadline; the file runs in well under 30 s.  Hypothesis keeps no example database in the repository, and a
failure prints the reproducing ``@reproduce_failure`` blob.
"""

from __future__ import annotations

import os
import re
import tempfile

import pytest
import yaml

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from edition.core import load  # noqa: E402
from edition.diagnostics import EditionError, Reporter  # noqa: E402
from edition.model import plain_text  # noqa: E402
from edition.readers.inline import ESCAPABLE, parse_inlines  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE_DIR = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm")

CI = bool(os.environ.get("CI"))
# a longer hunt: EDITION_PROPERTY_SCALE=20 .venv/bin/python -m pytest tests/pipeline/test_properties.py
SCALE = float(os.environ.get("EDITION_PROPERTY_SCALE", "1"))


def examples(n: int) -> int:
    return max(int(n * SCALE) // (4 if CI else 1), 10)


COMMON = dict(
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

SPECIAL = '[]{}^*@<>\\"=.'
TURKISH = "çğıöşüÇĞİÖŞÜ"
LETTERS = "aeknpJyz"
ALPHABET = SPECIAL + TURKISH + LETTERS + "  "
# pieces of real syntax, so that random strings also build (and break) real constructs
TOKENS = [
    "^[", "]", "[", "]{", "{.app J=\"", "{.app rdg=x wit=J}", "\" type=typo}", "{.person key=mk}",
    "{.place}", "{.sc}", "{.plce}", "{#id .app J='a'}", "{pb n=5}", "{pb", "[@k]", "[@k, s. 12; @m]",
    "@", "**", "*", "\\", "\\[", "\\*", "<https://example.org/a>", "<http://x", "note=\"a}b\"", "=",
    "\"", "'", " ", "İzmir", "Kazım", "\n", "\n\n", "> ", "\t",
]

inline_text = st.lists(
    st.one_of(st.text(alphabet=ALPHABET, min_size=1, max_size=6), st.sampled_from(TOKENS)),
    max_size=30,
).map("".join)

# YAML's line breaks (PyYAML's marks count lines so): the bounds of a diagnostic are checked on these
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _file_lines(path: str) -> list:
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return _BREAKS.split(data.decode("utf-8"))
    except UnicodeDecodeError:
        return data.split(b"\n")


def check_located(exc: EditionError) -> None:
    """Every diagnostic names an existing file, a line in it and a column in that line."""
    assert exc.diagnostics, "an EditionError without diagnostics"
    cache: dict[str, list] = {}
    for d in exc.diagnostics:
        loc = d.loc
        assert os.path.isfile(loc.file), f"{d} names no file"
        lines = cache.setdefault(loc.file, _file_lines(loc.file))
        assert 1 <= loc.line <= len(lines), f"{d}: line outside the file ({len(lines)} lines)"
        assert 1 <= loc.col <= len(lines[loc.line - 1]) + 1, f"{d}: column outside line {loc.line} ({len(lines[loc.line - 1])} characters)"


def load_or_located(path: str):
    """Load ``path``: the edition, or None after checking the error's diagnostics."""
    try:
        return load(path)
    except EditionError as exc:
        check_located(exc)
        return None


BIB = """@book{k,
  author = {Karabekir, Kazım},
  title = {İstiklal Harbimiz},
  year = {1988},
}

@article{m,
  author = {Türkmen, Zekeriya},
  title = {Mütareke},
  journal = {Belleten},
  year = {2001},
}
"""
# the keys the sample's first lines and SAMPLE_TAIL use (the sample's own files are slow to read)
REGISTERS = """persons:
  mkemal: {name: Mustafa Kemal Paşa, variants: [Mustafa Kemal]}
  karabekir: {name: "Karabekir, Kazım"}
places:
  turkiye: Türkiye
  azerbaycan: Azerbaycan
  izmir: İzmir
"""


@pytest.fixture(scope="module")
def folder():
    """A folder with small companion files: references.bib and registers.yaml."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in (("references.bib", BIB), ("registers.yaml", REGISTERS)):
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as fh:
                fh.write(text)
        yield tmp


HEAD = """edition:
  title: Deneme
  language: tr
witnesses: {J: the print, ed.: the editor}
base-witness: J
bibliography: [references.bib]
registers: registers.yaml
persons:
  mk: {name: Mustafa Kemal, variants: [Kazım]}
places:
  izmir: İzmir
"""


def _block(text: str, indent: int = 6) -> str:
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text.split("\n"))


# --------------------------------------------------------------------------- inline strings


@settings(max_examples=examples(800), **COMMON)
@given(text=inline_text)
def test_random_inline_text_loads_or_is_located(folder, text):
    """The string as a paragraph, inside a footnote and in an abstract: load or located error."""
    source = (
        HEAD.replace("  language: tr\n", "  language: tr\n  abstracts:\n    - heading: ÖZ\n      text: |\n" + _block(text, 8) + "\n")
        + "body:\n  - heading: Başlık\n    text: |\n"
        + _block(text)
        + "\n\n      Not^["
        + text.replace("\n", " ")
        + "] sonu.\n"
    )
    path = os.path.join(folder, "inline.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(source)
    load_or_located(path)


@settings(max_examples=examples(500), **COMMON)
@given(text=inline_text.filter(lambda t: "\n" not in t and "\t" not in t))
def test_random_inline_text_in_quoted_heading(folder, text):
    """The same strings as a double-quoted heading (escapes shift columns) and a plain one."""
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    source = HEAD + f"body:\n  - heading: {quoted}\n  - heading: x {text}\n    text: |\n      {text}\n"
    path = os.path.join(folder, "heading.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(source)
    load_or_located(path)


@settings(max_examples=examples(1500), **COMMON)
@given(text=inline_text)
def test_parse_inlines_never_raises(text):
    """The inline parser alone: only diagnostics, each inside the string."""
    rep = Reporter()
    nodes = parse_inlines(text, reporter=rep, sigla=("J", "ed."))
    assert isinstance(nodes, list)
    for d in rep.diagnostics:
        assert d.loc.line == 1 and 1 <= d.loc.col <= len(text) + 1, d


PLAIN = TURKISH + "abcdefghijklmnoprstuvyzABCKMZ0123456789,;:!?'’“”()-–/%&+=." + " "


@settings(max_examples=examples(500), **COMMON)
@given(text=st.text(alphabet=PLAIN, max_size=80))
def test_plain_text_round_trip(text):
    """Text without special characters parses to one Text node with the same characters."""
    rep = Reporter()
    nodes = parse_inlines(text, reporter=rep)
    assert not rep.diagnostics
    assert plain_text(nodes) == text
    assert len(nodes) <= 1


@settings(max_examples=examples(500), **COMMON)
@given(text=st.text(alphabet=ALPHABET + "_`~#", max_size=60))
def test_escaped_text_round_trip(text):
    """Every special character escaped with a backslash reads back as itself."""
    escaped = "".join("\\" + c if c in ESCAPABLE else c for c in text)
    rep = Reporter()
    nodes = parse_inlines(escaped, reporter=rep)
    assert not rep.diagnostics, rep.diagnostics
    assert plain_text(nodes) == text


words = st.text(alphabet=PLAIN.replace(" ", ""), min_size=1, max_size=12)
plain_lines = st.lists(words, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=examples(200), **COMMON)
@given(paragraphs=st.lists(st.lists(plain_lines, min_size=1, max_size=4), min_size=1, max_size=4))
def test_plain_paragraphs_round_trip_through_the_reader(folder, paragraphs):
    """Lines of a paragraph join with one space; blank lines separate paragraphs."""
    text = "\n\n".join("\n".join(p) for p in paragraphs)
    source = "edition:\n  title: T\n  language: tr\nbody:\n  - heading: A\n    text: |\n" + _block(text) + "\n"
    path = os.path.join(folder, "plain.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(source)
    ed = load(path)
    got = [plain_text(b.content) for b in ed.body[0].blocks]
    assert got == [" ".join(p) for p in paragraphs]


# --------------------------------------------------------------------------- structured sources

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.sampled_from(["tr", "en", "A4", "J", "ed.", "marker", "line", "house", "references.bib"]),
    inline_text,
)


def _values(depth: int):
    if depth <= 0:
        return scalars
    inner = _values(depth - 1)
    return st.one_of(scalars, st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["name", "text", "key", "x", "J", "heading"]), inner, max_size=3))


sections = st.recursive(
    st.fixed_dictionaries(
        {},
        optional={
            "heading": st.one_of(inline_text, st.integers(), st.none()),
            "id": st.one_of(st.text(alphabet="abc-", max_size=5), st.integers()),
            "text": st.one_of(inline_text, st.lists(inline_text, max_size=2)),
            "bogus": _values(1),
        },
    ),
    lambda children: st.fixed_dictionaries(
        {"heading": inline_text}, optional={"sections": st.lists(children, max_size=3), "text": inline_text}
    ),
    max_leaves=6,
)

meta = st.fixed_dictionaries(
    {},
    optional={
        "title": st.one_of(inline_text, st.lists(st.text(max_size=3), max_size=2)),
        "language": st.sampled_from(["tr", "en", "Turkish", "", "de-DE"]),
        "authors": st.one_of(st.lists(st.one_of(inline_text, st.fixed_dictionaries({"name": inline_text}, optional={"orcid": st.sampled_from(["0000-0002-1825-0097", "12"])})), max_size=2), inline_text),
        "abstracts": st.lists(st.fixed_dictionaries({}, optional={"text": inline_text, "keywords": st.lists(inline_text, max_size=2), "heading": inline_text}), max_size=2),
        "editor-note": inline_text,
        "date": st.one_of(st.dates().map(str), inline_text),
        "langauge": st.just("tr"),
    },
)

documents = st.fixed_dictionaries(
    {"body": st.one_of(st.lists(sections, max_size=3), _values(1))},
    optional={
        "edition": st.one_of(meta, _values(1)),
        "witnesses": st.one_of(st.dictionaries(st.sampled_from(["J", "ed.", "K", "x y"]), st.one_of(inline_text, st.lists(st.integers(), max_size=2)), max_size=3), _values(1)),
        "base-witness": st.sampled_from(["J", "K", "ed.", ""]),
        "settings": st.one_of(
            st.fixed_dictionaries({}, optional={"page-size": st.sampled_from(["A4", "A9", "170mm 240mm", ""]), "apparatus": st.sampled_from(["marker", "line", "margin"]), "line-numbers": _values(1)}),
            _values(1),
        ),
        "persons": st.one_of(st.dictionaries(st.sampled_from(["mk", "kk", "x"]), _values(1), max_size=3), _values(1)),
        "places": _values(2),
        "bibliography": st.one_of(st.just(["references.bib"]), _values(1)),
        "citation-style": st.sampled_from(["house", "isnad", "chicago", "harvard", "../evil.py", "style.py"]),
        "registers": st.sampled_from(["registers.yaml", "missing.yaml", "/etc/passwd", "http://example.org/r.yaml"]),
        "witneses": st.just({}),
    },
)


@settings(max_examples=examples(600), **COMMON)
@given(doc=documents)
def test_random_structured_sources(folder, doc):
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=60)
    path = os.path.join(folder, "structured.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    load_or_located(path)


# --------------------------------------------------------------------------- byte mutations of the sample

with open(os.path.join(SAMPLE_DIR, "edition.yaml"), "rb") as _fh:
    _SAMPLE_LINES = _fh.read().split(b"\n")
# the metadata and settings up to the page size (the tail below goes on from there)
SAMPLE_HEAD = b"\n".join(_SAMPLE_LINES[: _SAMPLE_LINES.index(b"  page-size: A4") + 1]) + b"\n"
# the rest of the source reduced to one short section, so that the unmutated file loads
SAMPLE_TAIL = (
    "  apparatus: marker\n\nbody:\n  - heading: GİRİŞ\n    text: |\n      [İzmir]{.place key=izmir} işgal edildi^[Bir not.].\n"
).encode("utf-8")

INTERESTING = list(b"[]{}^*@<>\\\"'=.:-#|>&!%` \t\n\r") + [0x00, 0x85, 0xC3, 0xC4, 0xE2, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF]

mutation = st.tuples(
    st.sampled_from(["set", "insert", "delete", "duplicate", "swap"]),
    st.floats(0, 1, exclude_max=True),
    st.one_of(st.sampled_from(INTERESTING), st.integers(0, 255)),
    st.integers(1, 40),
)


def mutate(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for op, where, byte, size in ops:
        if not buf:
            buf.append(byte)
            continue
        i = int(where * len(buf))
        if op == "set":
            buf[i] = byte
        elif op == "insert":
            buf[i:i] = bytes([byte])
        elif op == "delete":
            del buf[i : i + size]
        elif op == "duplicate":
            buf[i:i] = buf[i : i + size]
        else:  # swap two neighbouring chunks
            a, b = buf[i : i + size], buf[i + size : i + 2 * size]
            buf[i : i + len(a) + len(b)] = b + a
    return bytes(buf)


def test_sample_head_loads_unmutated(folder):
    path = os.path.join(folder, "mutated.yaml")
    with open(path, "wb") as fh:
        fh.write(SAMPLE_HEAD + SAMPLE_TAIL)
    assert load(path).meta.title == "Azerbaycan ve Bolşevizm"


@settings(max_examples=examples(1500), **COMMON)
@given(ops=st.lists(mutation, min_size=1, max_size=6))
def test_byte_mutations_of_the_sample(folder, ops):
    data = mutate(SAMPLE_HEAD, ops) + SAMPLE_TAIL
    path = os.path.join(folder, "mutated.yaml")
    with open(path, "wb") as fh:
        fh.write(data)
    load_or_located(path)
