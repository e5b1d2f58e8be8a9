"""Untagged occurrences of known names: find them in the source, and tag them on request.

:func:`find_untagged` reads a loaded :class:`~edition.model.Edition` and the source text it
came from, and returns every place where a form of a register entry (its headword or one of
its ``variants``) is printed in the body, a heading, a footnote or an abstract without an index
tag of that kind around it.  :func:`apply_tags` wraps such occurrences in
``[...]{.kind key=...}`` and gives the new source text.

Matching rules (documented in docs/format.md, "Finding untagged names"):

- a form matches as written, or in capitals by the rules of the edition's language (a
  heading ``KAZIM KARABEKİR`` matches ``Kazım Karabekir``); ``'`` and ``’`` are the same
  apostrophe; a space in a form matches any run of spaces (and a line break of the source);
- whole words only; a form may be followed by an apostrophe suffix (``Samsun’a``,
  ``Karabekir'in``), which stays outside the new tag;
- the longest form wins where forms overlap (``Mustafa Kemal Paşa`` over ``Mustafa Kemal``);
- nothing inside a citation, a URL (``<...>``), an apparatus reading or comment (attribute
  values) is looked at; text inside an index tag of the same kind is taken as decided by the
  editor (``Anadolu`` inside ``[Doğu Anadolu]{.place key=doguanadolu}`` is not reported).
  An occurrence inside a tag of another kind is reported but left for the editor to tag.

Locations are exact: every character of a text node is aligned with the source file (line
joins of a block literal, ``\\`` escapes), so a reported ``file:line:col`` is where the name
starts and an edit lands exactly there.  Text that cannot be aligned with the file (a YAML
escape in a quoted scalar) is skipped rather than guessed.

>>> from edition.model import RegisterEntry
>>> table = form_table([RegisterEntry("karabekir", "person", "Karabekir, Kazım",
...                                   variants=["Kazım Karabekir", "Kazım Karabekir Paşa"])], "tr")
>>> [(m.group("core"), m.group("suf")) for m in table.regex("person").finditer(" KAZIM KARABEKİR PAŞA’NIN ve Kazım Karabekir'in ")]
[('KAZIM KARABEKİR PAŞA', '’NIN'), ('Kazım Karabekir', "'in")]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .collation import lower, upper
from .model import App, Cite, Edition, Link, Loc, Note, PageBreak, RegisterEntry, Tag, Text, plain_text
from .transforms import inline_runs
from .writers.yamlsrc import tag_attributes

__all__ = ["Occurrence", "find_untagged", "apply_tags", "form_table", "FormTable"]

_APOSTROPHES = "'’ʼ"
_KINDS = ("person", "place", "subject")


@dataclass(frozen=True)
class Occurrence:
    """One untagged occurrence: ``loc`` is its first character, ``end`` the column after its
    last one (on the same line); ``keys`` has several entries when the form is ambiguous;
    ``inside`` names the kind of an enclosing tag (of another kind) that keeps --apply off it."""

    loc: Loc
    end: Loc
    kind: str
    keys: tuple[str, ...]
    text: str
    inside: str = ""

    @property
    def ambiguous(self) -> bool:
        return len(self.keys) > 1

    def format(self) -> str:
        """``file:line:col: person 'karabekir': untagged 'Kazım Karabekir'``"""
        who = " or ".join(f"'{k}'" for k in self.keys)
        what = "ambiguous" if self.ambiguous else "untagged"
        extra = f" (inside a {self.inside} tag)" if self.inside else ""
        return f"{self.loc}: {self.kind} {who}: {what} '{self.text}'{extra}"

    __str__ = format


# --------------------------------------------------------------------------- forms


def _norm(form: str, language: str) -> str:
    """The comparison form: language-aware lower case, one apostrophe, single spaces."""
    form = re.sub(f"[{_APOSTROPHES}]", "’", form)
    return " ".join(lower(form, language).split())


def _pattern(form: str) -> str:
    out = []
    for ch in form:
        if ch in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        elif ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@dataclass
class FormTable:
    """Every printed form of the register entries, by kind: a regex and form -> keys."""

    language: str
    keys: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, list[str]] = field(default_factory=dict)
    _compiled: dict[str, re.Pattern] = field(default_factory=dict)

    def regex(self, kind: str) -> Optional[re.Pattern]:
        if kind not in self._compiled:
            pats = self.patterns.get(kind)
            if not pats:
                return None
            alternation = "|".join(pats)  # longest first: the longest form wins at a position
            self._compiled[kind] = re.compile(
                rf"(?<!\w)(?P<core>{alternation})(?P<suf>[{_APOSTROPHES}][^\W\d_]+)?(?!\w)"
            )
        return self._compiled[kind]

    def lookup(self, kind: str, text: str) -> tuple[str, ...]:
        return self.keys.get((kind, _norm(text, self.language)), ())


def form_table(entries: Iterable[RegisterEntry], language: str) -> FormTable:
    """Forms (headword and variants, as written and in capitals) of every entry.

    A cross-reference entry (``see: [key]`` with one target) lends its forms to its target.
    """
    table = FormTable(language)
    raw: dict[tuple[str, str], list[str]] = {}
    forms: dict[str, set[str]] = {}
    entries = list(entries)
    for entry in entries:
        if entry.see and (len(entry.see) != 1 or ":" in entry.see[0]):
            continue
        key = entry.see[0] if entry.see else entry.key
        for form in [entry.name, *entry.variants]:
            form = " ".join(form.split())
            if sum(ch.isalpha() for ch in form) < 2:
                continue
            keys = raw.setdefault((entry.kind, _norm(form, language)), [])
            if key not in keys:
                keys.append(key)
            forms.setdefault(entry.kind, set()).update({form, upper(form, language)})
    table.keys = {k: tuple(v) for k, v in raw.items()}
    for kind, fs in forms.items():
        ordered = sorted(fs, key=lambda f: (-len(f), f))
        table.patterns[kind] = list(dict.fromkeys(_pattern(f) for f in ordered))
    return table


# --------------------------------------------------------------------------- text and source


def _edge_char(node, last: bool) -> str:
    """The printed character at one edge of a node ('' when it prints nothing there)."""
    if isinstance(node, (Note, PageBreak)):
        return ""
    text = plain_text([node])
    return (text[-1:] if last else text[:1]) if text else ""


def _text_nodes(edition: Edition):
    """(Text node, char before, char after, kinds of the tags around it), in reading order,
    for the text an editor may tag: not citations, URLs or apparatus readings."""

    def walk(nodes, left: str, right: str, kinds: frozenset):
        for i, node in enumerate(nodes):
            before = _edge_char(nodes[i - 1], last=True) if i else left
            after = _edge_char(nodes[i + 1], last=False) if i + 1 < len(nodes) else right
            if isinstance(node, Text):
                yield node, before or " ", after or " ", kinds
            elif isinstance(node, (Cite, Link, PageBreak)):
                continue
            elif isinstance(node, Note):
                yield from walk(node.content, " ", " ", frozenset())  # a note is not its call's tag
            elif isinstance(node, Tag):
                yield from walk(node.content, before, after, kinds | {node.kind})
            elif isinstance(node, App):
                yield from walk(node.content, before, after, kinds)  # the lemma, not the readings
            else:
                yield from walk(node.children(), before, after, kinds)

    for run in inline_runs(edition):
        yield from walk(run, " ", " ", frozenset())


class Source:
    """The lines of a source file, and the alignment of model text with them."""

    def __init__(self, path: str, text: Optional[str] = None):
        self.path = path
        if text is None:
            with open(path, "rb") as fh:
                data = fh.read()
            self.bom = data.startswith(b"\xef\xbb\xbf")
            text = data[3:].decode("utf-8") if self.bom else data.decode("utf-8")
        else:
            self.bom = False
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def offset(self, line: int, col: int) -> int:
        """Offset in the text of a 1-based line and column."""
        return self.starts[line - 1] + col - 1

    def align(self, loc: Loc, text: str) -> Optional[list[tuple[int, int, int]]]:
        """For each character of ``text`` (a Text node starting at ``loc``): (line, col, width)
        of what the source has for it (width 2 for a backslash escape; a space joining two
        lines of a paragraph sits at the end of the first line).  None when the source does
        not hold that text there."""
        lines = self.lines
        r, c = loc.line - 1, loc.col - 1
        if not 0 <= r < len(lines):
            return None
        out: list[tuple[int, int, int]] = []
        for i, ch in enumerate(text):
            if r >= len(lines):
                return None
            line = lines[r]
            if i == 0 and not ch.isspace():
                while c < len(line) and line[c] in " \t":
                    c += 1
            if ch == " " and not line[c:].strip():
                # a line join: the rest of this line is blank; go on at the next line's text
                out.append((r + 1, c + 1, 0))
                r, c = r + 1, 0
                while r < len(lines) and not lines[r].strip():
                    return None  # a blank line ends a paragraph: not the same text
                if r >= len(lines):
                    return None
                nxt = lines[r]
                c = len(nxt) - len(nxt.lstrip(" "))
                if nxt[c:c + 1] == ">" and text[i + 1:i + 2] != ">":
                    c += 1
                    if nxt[c:c + 1] == " ":
                        c += 1
                continue
            if c < len(line) and line[c] == ch:
                out.append((r + 1, c + 1, 1))
                c += 1
            elif c + 1 < len(line) and line[c] == "\\" and line[c + 1] == ch:
                out.append((r + 1, c + 1, 2))
                c += 2
            else:
                return None
        return out


# --------------------------------------------------------------------------- the finder


def find_untagged(edition: Edition, sources: Optional[dict[str, Source]] = None,
                  kinds: Iterable[str] = _KINDS, skipped: Optional[list[Loc]] = None) -> list[Occurrence]:
    """Every untagged occurrence of a known form, in source order (see the module docstring).

    ``sources`` caches the files read (path -> :class:`Source`); the locations of text that
    could not be aligned with its file are appended to ``skipped``.
    """
    sources = sources if sources is not None else {}
    kinds = [k for k in kinds if k in _KINDS]
    table = form_table(edition.registers.values(), edition.meta.language)
    found: list[Occurrence] = []
    for node, before, after, tag_kinds in _text_nodes(edition):
        path = node.loc.file
        if not path or path.startswith("<"):
            continue
        if path not in sources:
            try:
                sources[path] = Source(path)
            except (OSError, UnicodeDecodeError):
                continue
        source = sources[path]
        aligned = None
        haystack = before[-1] + node.text + after[0]
        for kind in kinds:
            if kind in tag_kinds:
                continue  # the editor has tagged this stretch as a name of this kind
            rx = table.regex(kind)
            if rx is None:
                continue
            for m in rx.finditer(haystack):
                start, end = m.start("core") - 1, m.end("core") - 1
                if start < 0 or end > len(node.text):
                    continue
                if aligned is None:
                    aligned = source.align(node.loc, node.text) or []
                    if not aligned and skipped is not None:
                        skipped.append(node.loc)
                if not aligned:
                    break  # the source does not hold this text verbatim: leave it alone
                first, last = aligned[start], aligned[end - 1]
                keys = table.lookup(kind, m.group("core"))
                if not keys:
                    continue
                inside = next((k for k in sorted(tag_kinds) if k in _KINDS), "")
                found.append(Occurrence(
                    Loc(path, first[0], first[1]),
                    Loc(path, last[0], last[1] + max(last[2], 1)),
                    kind, keys, m.group("core"), inside,
                ))
            if aligned == []:
                break
    found.sort(key=lambda o: (o.loc.file, o.loc.line, o.loc.col, o.kind))
    return found


# --------------------------------------------------------------------------- tagging


@dataclass
class TagPlan:
    """What --apply does: the occurrences it tags and those it leaves, with the reason."""

    applied: list[Occurrence] = field(default_factory=list)
    left: list[tuple[Occurrence, str]] = field(default_factory=list)
    text: str = ""


def _unsafe_scalars(text: str) -> list[tuple[int, int, str]]:
    """(start, end, why) of the YAML scalars where brackets cannot be added safely: plain
    (unquoted) values at their first character, and plain values inside flow collections."""
    import yaml
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return [(0, len(text), "the source is not valid YAML")]
    out: list[tuple[int, int, str]] = []
    stack = [(root, False)]
    while stack:
        node, flow = stack.pop()
        if node is None:
            continue
        if isinstance(node, ScalarNode):
            if node.style is None:  # plain
                start, end = node.start_mark.index, node.end_mark.index
                if flow:
                    out.append((start, end, "in a flow collection ({...} or [...])"))
                else:
                    out.append((start, start + 1, "at the start of an unquoted value"))
            continue
        inner = flow or bool(node.flow_style)
        if isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append((v, inner))
        elif isinstance(node, SequenceNode):
            stack.extend((v, inner) for v in node.value)
    return out


def apply_tags(source: Source, occurrences: list[Occurrence]) -> TagPlan:
    """Wrap each unambiguous occurrence outside other tags in ``[...]{.kind key=...}``.

    The attributes are written by the YAML writer's :func:`~edition.writers.yamlsrc.tag_attributes`
    (the one place that knows how a tag is written); the rest of the file is left as the
    editor wrote it (layout, quoting, comments), which rewriting it from the model would lose.

    Occurrences that overlap without one holding the other are left (the first one wins);
    one inside another nests.  An occurrence where brackets would change the YAML (at the
    start of an unquoted value, or an unquoted value in a flow collection) is left with a
    hint to quote the value.  Returns the new text of the source file.
    """
    plan = TagPlan()
    spans: list[tuple[int, int, Occurrence]] = []
    unsafe = _unsafe_scalars(source.text)
    kinds_at: dict[tuple[Loc, Loc], set[str]] = {}
    for occ in occurrences:
        kinds_at.setdefault((occ.loc, occ.end), set()).add(occ.kind)
    for occ in occurrences:
        if occ.loc.file != source.path:
            continue
        if occ.ambiguous:
            plan.left.append((occ, "ambiguous: tag it with the key meant"))
            continue
        others = sorted(kinds_at[(occ.loc, occ.end)] - {occ.kind})
        if others:
            plan.left.append((occ, f"also a {' and '.join(others)} name: tag it as the one meant"))
            continue
        if occ.inside:
            plan.left.append((occ, f"inside a {occ.inside} tag: tag it by hand if it is meant"))
            continue
        a = source.offset(occ.loc.line, occ.loc.col)
        b = source.offset(occ.end.line, occ.end.col)
        bad = next((why for s, e, why in unsafe if s <= a < e), None)
        if bad:
            plan.left.append((occ, f"{bad}: put the value in quotes, then run again"))
            continue
        clash = next((s for s in spans if s[0] < b and a < s[1] and not (s[0] <= a and b <= s[1]) and not (a <= s[0] and s[1] <= b)), None)
        if clash is not None:
            plan.left.append((occ, f"overlaps {clash[2].kind} '{clash[2].text}' at {clash[2].loc}"))
            continue
        spans.append((a, b, occ))
        plan.applied.append(occ)
    # insertions: an opening bracket at each start, the attributes after each end; for nested
    # spans the outer opens first and closes last
    inserts: list[tuple[int, int, int, str]] = []
    for a, b, occ in spans:
        inserts.append((a, 1, -(b - a), "["))
        inserts.append((b, 0, (b - a), "]" + tag_attributes(occ.kind, occ.keys[0])))
    inserts.sort()
    text = source.text
    out, pos = [], 0
    for at, _order, _size, piece in inserts:
        out.append(text[pos:at])
        out.append(piece)
        pos = at
    out.append(text[pos:])
    plan.text = "".join(out)
    return plan
