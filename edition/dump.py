"""A readable dump of the model: one node a line, indented, as docutils' pseudo-XML is.

Reader tests compare a source's dump with the one they expect, transform tests the dump
before and after a transform, so a test says what the model *is*, not how one writer
prints it.  The dump is generic over the model's dataclasses, so a new node type dumps
without a line here:

- a node prints as its class name, then its scalar fields that differ from their defaults
  (``name=value``, strings quoted); fields that do not take part in equality (``Loc``, the
  ids of a layout) are left out, as equality leaves them out;
- a field holding nodes or a list of them prints as ``field:`` and its nodes one level
  deeper, except ``content``, the inline content every container has, which prints without
  the label;
- a ``Text`` node prints as ``'its text'``.

>>> from edition.model import Emph, Note, Paragraph, Text
>>> print(dump(Paragraph([Text("Bir "), Emph([Text("not")]), Note([Text("a")], n=1)])))
Paragraph
  'Bir '
  Emph
    'not'
  Note n=1
    'a'
>>> print(dump([Text("x")]))
'x'
"""

from __future__ import annotations

import dataclasses
from typing import Any


def dump(node: Any) -> str:
    """The dump of a node, a list of nodes, or an Edition."""
    lines: list[str] = []
    _dump(node, 0, lines)
    return "\n".join(lines)


def _is_node(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _holds_nodes(value: Any) -> bool:
    if _is_node(value):
        return True
    if isinstance(value, dict):
        return any(_is_node(v) for v in value.values())
    return isinstance(value, list) and any(_is_node(v) for v in value)


def _default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        return f.default_factory()  # type: ignore[misc]
    return dataclasses.MISSING


def _dump(node: Any, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    if isinstance(node, list):
        for item in node:
            _dump(item, depth, lines)
        return
    if isinstance(node, dict):
        for key, value in node.items():
            lines.append(f"{pad}{key}:")
            _dump(value, depth + 1, lines)
        return
    if not _is_node(node):
        lines.append(pad + repr(node))
        return
    if type(node).__name__ == "Text":
        lines.append(pad + repr(node.text))
        return
    attrs, children = [], []
    for f in dataclasses.fields(node):
        if not f.compare:
            continue
        value = getattr(node, f.name)
        if _holds_nodes(value):
            children.append((f.name, value))
        elif value != _default(f) and value != []:
            attrs.append(f"{f.name}={value!r}")
    lines.append(pad + " ".join([type(node).__name__, *attrs]))
    for name, value in children:
        if name == "content":
            _dump(value, depth + 1, lines)
        else:
            lines.append(f"{pad}  {name}:")
            _dump(value, depth + 2, lines)
