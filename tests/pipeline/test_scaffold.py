"""``edition new`` and the source format's JSON Schema (issue 24).

A new edition in each language builds with no edits; the schema shipped in the package is the
one the reader's tables generate; it accepts every example and starter, and whatever it
refuses, ``edition check`` refuses too (on the bad-inputs corpus and on mutations of the sample).
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess

import jsonschema
import pytest
import yaml

from edition.cli import main
from edition.core import build_pdf
from edition.schema import schema_text, source_schema

from .test_editor_side import margin_labels

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm", "edition.yaml")
VALIDATOR = jsonschema.Draft202012Validator(source_schema())


class _Yaml12(yaml.SafeLoader):
    """YAML as the language server reads it (1.2 core schema): a date is a string."""


_Yaml12.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                   for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _load(text: str):
    return yaml.load(text, Loader=_Yaml12)


def _check(path: str, capsys) -> int:
    code = main(["check", path])
    capsys.readouterr()
    return code


@pytest.mark.parametrize("lang,expected", [
    ("en", ["Introduction", "this word] that word B", "Dickens, Charles"]),
    ("tr", ["GİRİŞ", "bu kelime] şu kelime B", "Namık Kemal"]),
    ("de", ["Einleitung", "dieses Wort] jenes Wort B", "Goethe, Johann Wolfgang von", "Personenregister"]),
])
def test_a_new_edition_builds_with_no_edits(tmp_path, capsys, lang, expected):
    folder = tmp_path / f"letters-of-{lang}"
    assert main(["new", str(folder), "--lang", lang]) == 0
    assert sorted(os.listdir(folder)) == ["README.md", "edition.schema.json", "edition.yaml", "references.bib", "registers.yaml"]
    result = build_pdf(str(folder / "edition.yaml"), str(tmp_path / "out.pdf"))
    assert not result.warnings and result.notes == 2 and result.apparatus == 1
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True).stdout)
    assert text.startswith(f"Letters of {lang}"), text[:80]
    for words in expected:
        assert words in text, (words, text)
    assert margin_labels(str(tmp_path / "out.pdf")) == ["B 2"], "B's page break prints in the margin with B's siglum"
    assert json.loads((folder / "edition.schema.json").read_text(encoding="utf-8")) == source_schema()
    assert not list(VALIDATOR.iter_errors(_load((folder / "edition.yaml").read_text(encoding="utf-8"))))


def test_new_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "edition.yaml").write_text("mine", encoding="utf-8")
    assert main(["new", str(folder)]) == 1
    assert "exists and is not an empty folder" in capsys.readouterr().err
    assert (folder / "edition.yaml").read_text(encoding="utf-8") == "mine" and os.listdir(folder) == ["edition.yaml"]


def test_the_packaged_schema_is_the_generated_one():
    with open(os.path.join(ROOT, "edition", "schemas", "edition.schema.json"), encoding="utf-8") as fh:
        assert fh.read() == schema_text(), "regenerate it: edition schema -o edition/schemas/edition.schema.json"


def test_the_schema_accepts_every_example():
    for path in glob.glob(os.path.join(ROOT, "examples", "*", "edition.yaml")):
        with open(path, encoding="utf-8") as fh:
            errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in VALIDATOR.iter_errors(_load(fh.read()))]
        assert not errors, (path, errors)


MUTATIONS = [  # (old, new) in the sample: each a mistake of shape that both must refuse
    ("settings:\n", "settings:\n  colour: red\n"),
    ("  apparatus: marker\n", "  apparatus: margin\n"),
    ("base-witness: J\n", "base-witness: J\nwitnessess: {}\n"),
    ("  language: tr\n", "  language: Turkish\n"),
    ("  page-size: A4\n", "  page-size: A9\n"),
]


@pytest.mark.parametrize("old,new", MUTATIONS)
def test_what_the_schema_refuses_check_refuses(tmp_path, capsys, old, new):
    folder = tmp_path / "sample"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    text = (folder / "edition.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / "edition.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    assert list(VALIDATOR.iter_errors(_load(text.replace(old, new, 1)))), new
    assert _check(str(folder / "edition.yaml"), capsys) == 1, new


def test_on_the_bad_inputs_corpus_the_schema_is_never_stricter_than_check(tmp_path, capsys):
    refused = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "bad_inputs", "*", "edition.yaml"))):
        if "bomb" in path:  # PyYAML would expand the aliases the reader refuses
            continue
        try:
            with open(path, encoding="utf-8") as fh:
                data = _load(fh.read())
        except Exception:  # not YAML, not UTF-8, a tag: the schema never sees it
            continue
        try:
            errors = list(VALIDATOR.iter_errors(data))
        except RecursionError:  # sections nested thousands deep: the reader refuses them itself
            continue
        if errors:
            refused += 1
            assert _check(path, capsys) == 1, path
    assert refused >= 10
