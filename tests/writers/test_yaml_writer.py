"""The YAML writer (edition/writers/yamlsrc.py) is the reader's inverse.

The sample is read, written and read again: the two models are equal (dataclass equality;
locations do not take part, ``Edition.source`` is the path read and is set equal), and
writing the second gives the bytes of the first.  Generated inline content with the
characters the syntax gives a meaning to goes through the writer and the inline parser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from edition import formats
from edition.diagnostics import Reporter
from edition.model import (
    App,
    Cite,
    CiteItem,
    Edition,
    Emph,
    Meta,
    Note,
    PageBreak,
    Paragraph,
    Quote,
    Reading,
    RegisterEntry,
    Section,
    SmallCaps,
    Strong,
    Tag,
    Text,
)
from edition.readers.inline import parse_inlines
from edition.writers.yamlsrc import escape_text, inline_text, source_text, wrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm")


def read(path: str) -> Edition:
    rep = Reporter()
    ed = formats.reader_for(path).read(path, rep)
    assert not rep.has_errors, "\n".join(d.format() for d in rep.errors)
    return ed


def copy_sample(tmp_path) -> str:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    return str(folder)


def test_sample_read_written_read_gives_an_equal_model_and_the_same_bytes(tmp_path):
    folder = copy_sample(tmp_path)
    first = read(os.path.join(folder, "edition.yaml"))
    text = source_text(first, folder)
    out = os.path.join(folder, "written.yaml")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text)
    second = read(out)
    assert second.source == out
    second.source = first.source
    assert second == first
    assert sum(1 for _ in second.all_paragraphs()) > 20 and len(second.registers) > 50
    assert source_text(second, folder) == text
    # readable: registers stay in their file, block literals wrapped, no line far over 100
    assert "registers: registers.yaml" in text and "bibliography: [references.bib]" in text
    assert "text: |" in text and max(len(line) for line in text.splitlines()) < 140
    assert "settings:\n  page-size" not in text  # A4 is the default: not written


def test_a_transformed_edition_writes_what_the_reader_gave(tmp_path):
    """`edition build SRC -o out.yaml` writes the transformed model: no numbers, no rendered
    citations, no tag ids come into the file."""
    from edition.core import build

    folder = copy_sample(tmp_path)
    src = os.path.join(folder, "edition.yaml")
    out = os.path.join(folder, "rebuilt.yaml")
    build(src, out)
    with open(out, encoding="utf-8") as fh:
        text = fh.read()
    assert text == source_text(read(src), folder)
    assert "#fn" not in text and "#ix" not in text and "#app" not in text
    data = yaml.safe_load(text)
    assert data["registers"] == "registers.yaml"


def test_build_refuses_to_write_the_source_over_itself(tmp_path):
    folder = copy_sample(tmp_path)
    src = os.path.join(folder, "edition.yaml")
    before = open(src, "rb").read()
    run = subprocess.run([sys.executable, os.path.join(ROOT, "build.py"), src, "-o", src], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode != 0 and "replace an input" in run.stdout + run.stderr
    assert open(src, "rb").read() == before


def test_registers_of_another_folder_and_settings_are_written_inline(tmp_path):
    ed = read(os.path.join(SAMPLE, "edition.yaml"))
    ed.settings.apparatus, ed.settings.line_numbers, ed.settings.line_every = "line", True, 10
    ed.bibliography = []
    out = tmp_path / "elsewhere.yaml"
    out.write_text(source_text(ed, str(tmp_path)), encoding="utf-8")
    again = read(str(out))
    assert again.registers == ed.registers and again.settings == ed.settings
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "registers" not in data and data["persons"]["mkemal"]["name"]
    assert data["settings"] == {"apparatus": "line", "line-numbers": {"every": 10}}


def test_a_model_built_by_a_program_round_trips(tmp_path):
    """Every node type, quotes, nested sections, a note in a heading, a name-only entry."""
    para = Paragraph([
        Text("Ein *Stern* [x] {pb} <a> \\ ^ \"q\" "), Emph([Text("em")]), Text(" "), Strong([Text("strong")]),
        Note([Text("note "), Cite([CiteItem("k1", "s. 12"), CiteItem("k2", prefix="see")])]),
        Tag([Text("Kazım")], kind="person", key="karabekir"), PageBreak(n="12"),
        App([Text("lem")], readings=[Reading('a "[b', ["J"], [Text('a "[b')]), Reading("", ["K", "L"])], lem_wits=["ed."],
            type="typo", comment='say "why" [here]', series="B"),
        SmallCaps([Text("sc")]),
    ])
    ed = Edition(
        meta=Meta(title="T: a title", language="de"),
        witnesses={"J": "print", "K": "copy", "L": "other", "ed.": "editor"},
        base_witness="J",
        registers={"person:karabekir": RegisterEntry("karabekir", "person", "Karabekir")},
        body=[
            Section(heading=[Text("Head"), Note([Text("n")])], heading_text="Head", id="head", blocks=[
                Paragraph([Text("> not a quote")]), Quote([Paragraph([Text("q1")]), Paragraph([Text("q2")])]), para],
                sections=[Section(blocks=[Paragraph([Text("sub")])], level=2)]),
        ],
    )
    path = tmp_path / "made.yaml"
    path.write_text(source_text(ed, str(tmp_path)), encoding="utf-8")
    again = read(str(path))
    again.source = ""
    # the reader's Reading.content of a witness without text is empty, as here
    assert again == ed


def test_wrap_breaks_only_at_single_spaces():
    text = "word " * 30 + "two  spaces " + "x " * 60 + ">quote"
    lines = wrap(text.strip(), 40)
    assert " ".join(lines) == text.strip()
    assert all(len(line) <= 40 for line in lines) and not any(line.startswith(">") for line in lines)


# --------------------------------------------------------------------------- properties

PIECES = list("[]*^{}<>\\\" @\nab.,:-#|'") + ["pb", "{pb n=1}", "[@k]", "^[", "]{.app}", "<http://x>", "> "]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
WORD = st.text(alphabet="abcçğ[]{}^<\\\"@:", min_size=1, max_size=8).filter(lambda s: not s.endswith("\\"))


def _text(s: str) -> Text:
    return Text(s)


def _inlines(depth: int):
    leaf = st.one_of(
        HOSTILE.map(_text),
        WORD.map(lambda w: Emph([Text(w)])),
        WORD.filter(lambda w: "*" not in w).map(lambda w: Strong([Text(w)])),
        st.sampled_from(["1", "12a", "x y", 'q"'] ).map(lambda n: PageBreak(n=n)),
        st.builds(lambda k, loc: Cite([CiteItem(k, loc)]), st.sampled_from(["k1", "a:b"]), st.sampled_from(["", "s. 12", "I, 3"])),
    )
    if depth == 0:
        return st.lists(leaf, max_size=4).filter(_no_adjacent_emphasis)
    inner = _inlines(depth - 1)
    node = st.one_of(
        leaf,
        inner.map(lambda c: Tag(c, kind="place", key="k")),
        inner.map(lambda c: SmallCaps(c)),
        st.builds(lambda c, r, note: App(c, readings=[Reading(escape_text(r), ["J"], [])], lem_wits=["ed."], comment=note),
                  inner, HOSTILE.filter(str.strip), HOSTILE),
    )
    return st.lists(node, max_size=4).filter(_no_adjacent_emphasis)


def _no_adjacent_emphasis(nodes) -> bool:
    """``*a**b*`` cannot say two emphases side by side: the syntax has no way to."""
    nodes = [n for n in nodes if not (isinstance(n, Text) and not n.text)]
    return not any(isinstance(a, (Emph, Strong)) and isinstance(b, (Emph, Strong)) for a, b in zip(nodes, nodes[1:]))


def _normal(nodes, in_note=False):
    """The nodes as the parser gives them: adjacent texts joined, empty ones dropped, a
    reading's content left to the parser (compared through its text)."""
    out = []
    for n in nodes:
        if isinstance(n, Text):
            if not n.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + n.text)
                continue
            out.append(Text(n.text))
        elif isinstance(n, App):
            out.append(App(_normal(n.content), readings=[Reading(r.text, r.wits) for r in n.readings], lem_wits=n.lem_wits, comment=n.comment))
        elif isinstance(n, (Tag, SmallCaps, Emph, Strong, Note)):
            copy = type(n)(_normal(n.content))
            if isinstance(n, Tag):
                copy.kind, copy.key = n.kind, n.key
            out.append(copy)
        else:
            out.append(n)
    return out


@settings(max_examples=150, deadline=2000)
@given(_inlines(2), st.booleans())
def test_inline_content_written_and_parsed_is_unchanged(nodes, in_note):
    nodes = [Note(nodes)] if in_note else nodes
    rep = Reporter()
    written = inline_text(nodes, ("J", "ed."))
    back = parse_inlines(written, None, rep, ("J", "ed."))
    assert not rep.has_errors, (written, [d.message for d in rep.errors])
    for app in (n for n in _walk(back) if isinstance(n, App)):
        for r in app.readings:
            r.content = []
    assert _normal(back) == _normal(nodes), written


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n.children())


@settings(max_examples=40, deadline=5000)
@given(st.lists(st.lists(HOSTILE, min_size=1, max_size=4), min_size=1, max_size=4))
def test_paragraphs_of_hostile_text_survive_the_yaml(tmp_path_factory, paragraphs):
    """Through the whole file: block literal, wrapping, quoting (a line break in a
    paragraph is written as a space, as the reader joins lines)."""
    texts = [" ".join(" ".join(p).replace("\n", " ").split()) for p in paragraphs]
    texts = [t for t in texts if t]
    ed = Edition(meta=Meta(title="x", language="en"), body=[Section(blocks=[Paragraph([Text(t)]) for t in texts])])
    path = tmp_path_factory.mktemp("p") / "e.yaml"
    path.write_text(source_text(ed, str(path.parent)), encoding="utf-8")
    rep = Reporter()
    again = formats.reader_for(str(path)).read(str(path), rep)
    assert not rep.has_errors, [d.format() for d in rep.errors]
    assert [p.content for p in again.all_paragraphs()] == [[Text(t)] for t in texts]


def test_the_bench_generator_writes_its_model(tmp_path):
    """bench/generate.py builds the model and the writer writes it: reading the files back
    gives the generator's model (registers from registers.yaml, bibliography beside it)."""
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    try:
        from generate import Generator, generate
    finally:
        sys.path.remove(os.path.join(ROOT, "bench"))
    info = generate(3, str(tmp_path), seed=5)
    made = Generator(3, seed=5).edition(str(tmp_path))
    again = read(info["source"])
    assert again == made
    assert {e.loc.file for e in again.registers.values()} == {str(tmp_path / "registers.yaml")}
    from edition.model import walk_inlines

    nodes = [n for p in again.all_paragraphs() for n in walk_inlines(p.content)]
    assert sum(isinstance(n, Note) for n in nodes) == info["counts"]["notes"] > 0
    assert sum(isinstance(n, App) for n in nodes) == info["counts"]["apps"] > 0
