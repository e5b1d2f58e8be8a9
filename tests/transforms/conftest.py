"""Transform tests: load a small source (read + every transform) and dump the nodes made."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from edition.model import Inline, plain_text


def dump(obj):
    """Model nodes as plain data (inline content as its text; register entries by key)."""
    from edition.model import RegisterEntry

    if isinstance(obj, RegisterEntry):
        return f"{obj.kind}:{obj.key}"
    if isinstance(obj, list) and obj and all(isinstance(o, Inline) for o in obj):
        return plain_text(obj)
    if isinstance(obj, list):
        return [dump(o) for o in obj]
    if dataclasses.is_dataclass(obj):
        return {f.name: dump(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.repr}
    return obj


@pytest.fixture
def load_source(tmp_path):
    """Write a source (and extra files) and load it; returns the transformed Edition."""
    from edition.core import load

    def run(text: str, **files: str):
        for name, content in files.items():
            (tmp_path / name.replace("__", ".")).write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        path = tmp_path / "edition.yaml"
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return load(str(path))

    return run
