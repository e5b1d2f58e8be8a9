"""What ``edition collate`` does to the source: entries added, changed, removed, or left.

The editor's entries come first.  For each entry already in the source and each collated
witness, the witness's text over the entry's lemma is read from the alignment
(:func:`~edition.collate.place.reading_over`) and compared with the reading the entry gives:

- the same: nothing changes (the entry, its type, note and series are the editor's);
- another text: that witness's reading is changed, nothing else of the entry;
- no reading for that witness yet, and it differs: the reading is added to the entry;
- the entry gives a reading but the witness now reads the lemma: the reading is removed
  (the base witness's reading is set to the lemma instead: every entry must give it);
- an entry left with no reading at all is removed (its lemma stays in the text), unless it
  carries a ``note=``: then it is left, with a message, for the editor to delete.

A proposed entry (from :mod:`~edition.collate.variants` and :mod:`~edition.collate.place`)
inside an existing entry's lemma is that entry's business (above); one that overlaps an
existing entry without lying inside it is left for the editor with both locations; every
other one is added.

An entry whose lemma is (or holds) a citation, ``[[@key]]{.app J="..."}``, is the editor's
decision: the edited text there is the citation style's wording, which no witness prints
(J prints a bare web address), so the characters cannot be compared.  The reading the entry
gives a witness is that witness's text at the place, and is confirmed as it stands; a
proposal overlapping such an entry, or an addition at its edges (the brackets and spaces
around the lemma taken in: the witness's address spills over the parentheses), is the
entry's business and is not proposed (:func:`cited`, :func:`cited_reach`).  A witness the
entry gives no reading is collated as over any other entry.  A change in the witness's
transcription at such a place is therefore not noticed: the editor checks it by hand.

The source is edited as text, never re-serialised: an opening bracket and the attribute
list are inserted around the lemma's characters (located through the reader's exact
locations, :class:`edition.registers.Source`), an attribute ``W="..."`` is replaced, added
or removed inside an entry's list, and everything else (layout, comments, quoting) is left
as the editor wrote it.  Text in a YAML double-quoted scalar gets its YAML escapes; a
plain (unquoted) scalar is left alone (the reason says to quote it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model import App, Cite, Emph, Loc, Note, SmallCaps, Strong, Tag, Text, plain_text, walk_inlines
from ..registers import Source
from ..writers.yamlsrc import escape_attr
from .place import Placed, place_all, reading_over
from .profile import Profile
from .streams import Stream
from .variants import Alignment, group


@dataclass
class Action:
    """One change of the plan (or one thing left): ``what`` is added | changed | removed | left."""

    what: str
    loc: Loc
    text: str  # what it says, for the editor
    edits: list = field(default_factory=list)  # (start, end, replacement) in the source text

    def format(self) -> str:
        return f"{self.loc}: {self.what}: {self.text}"


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    kept: int = 0  # existing entries that the collation confirms unchanged
    text: str = ""  # the new source text

    def of(self, what: str) -> list[Action]:
        return [a for a in self.actions if a.what == what]

    @property
    def changes(self) -> list[Action]:
        return [a for a in self.actions if a.what != "left"]


# --------------------------------------------------------------------------- source syntax

_ATTR = re.compile(r"""\s*(?P<tok>(?P<name>[A-Za-z0-9_.:#-]+)(?:=(?P<val>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s}]+))?)""")


def attr_end(text: str, k: int) -> int:
    """The index of the ``}`` that closes the attribute list opening at ``text[k] == '{'``."""
    i, quote = k + 1, ""
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "}":
            return i
        i += 1
    return -1


def bracket_end(text: str, start: int) -> tuple[int, int]:
    """For a span opening at ``text[start] == '['``: (index of its ``]``, index after the
    whole span, attribute list included)."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            close = i
            if i + 1 < len(text) and text[i + 1] == "{":
                e = attr_end(text, i + 1)
                if e < 0:
                    return -1, -1
                i = e
            if depth == 0:
                return close, i + 1
        i += 1
    return -1, -1


class SourceMap:
    """Stream characters -> offsets in the source file."""

    def __init__(self, source: Source, base: Stream):
        self.source, self.base = source, base
        self._aligned: dict[int, Optional[list]] = {}

    def node_start(self, node) -> Optional[int]:
        loc = node.loc
        if loc.file != self.source.path or not loc.line:
            return None
        off = self.source.offset(loc.line, loc.col)
        return off if 0 <= off < len(self.source.text) else None

    def node_end(self, node) -> Optional[int]:
        start = self.node_start(node)
        if start is None:
            return None
        text = self.source.text
        if isinstance(node, (App, Tag, SmallCaps, Cite)) and text[start] == "[":
            _, end = bracket_end(text, start)
            return end if end > 0 else None
        if isinstance(node, (Emph, Strong)):
            last = self._last_char(node)
            if last is None:
                return None
            while last < len(text) and text[last] in "*_":
                last += 1
            return last
        return None

    def _last_char(self, node) -> Optional[int]:
        s, e, _ = self.base.spans[id(node)]
        return self.char_end(e - 1) if e > s else None

    def _align(self, node: Text):
        key = id(node)
        if key not in self._aligned:
            self._aligned[key] = self.source.align(node.loc, node.text) if node.loc.file == self.source.path else None
        return self._aligned[key]

    def char(self, c: int) -> Optional[tuple[int, int]]:
        piece = self.base.piece_at(c)
        if piece is None or not isinstance(piece.node, Text):
            return None
        aligned = self._align(piece.node)
        if not aligned:
            return None
        line, col, width = aligned[c - piece.start]
        return self.source.offset(line, col), width

    def char_end(self, c: int) -> Optional[int]:
        got = self.char(c)
        return None if got is None else got[0] + got[1]

    def point_after(self, a: int) -> tuple[Optional[int], Optional[int], str]:
        """The source point right after stream character ``a - 1``, outside the markup that
        ends there (an addition after ``[Harbord]{.person}`` goes after the tag)."""
        piece = self.base.piece_at(a - 1)
        end = None
        for node in reversed(piece.path):
            if self.base.spans[id(node)][1] == a and isinstance(node, (Tag, App, SmallCaps, Emph, Strong)):
                end = self.node_end(node)
            else:
                break
        if end is None:
            end = self.char_end(a - 1)
        return end, end, "" if end is not None else "the source does not hold this text as read"

    def span(self, a: int, b: int) -> tuple[Optional[int], Optional[int], str]:
        """The source offsets of the stream characters ``[a, b)`` at the level of markup
        they share (see place._close); an empty span: the point before character ``a``."""
        base = self.base
        if a == b and a > 0 and base.piece_at(a - 1) is not None and not base.text[a - 1].isspace():
            return self.point_after(a)
        if a == b:
            piece = base.piece_at(a)
            if piece is None:
                return None, None, "no text of the source here"
            start = None
            for node in reversed(piece.path):  # leave the markup that starts right here
                if base.spans[id(node)][0] == a and isinstance(node, (Tag, App, SmallCaps, Emph, Strong)):
                    start = self.node_start(node)
                else:
                    break
            if start is None:
                got = self.char(a)
                start = got[0] if got else None
            return start, start, "" if start is not None else "the source does not hold this text as read"
        pa, pb = base.piece_at(a).path, base.piece_at(b - 1).path
        common = 0
        while common < min(len(pa), len(pb)) and pa[common] is pb[common]:
            common += 1
        cite = next((n for n in pa[:common] if isinstance(n, Cite)), None)
        if cite is not None:  # a citation has no text of its own in the source: the lemma is all of it
            start, end = self.node_start(cite), self.node_end(cite)
            if start is None or end is None:
                return None, None, "the citation could not be found in the source"
            return start, end, ""
        if len(pa) > common:
            start = self.node_start(pa[common])
        else:
            got = self.char(a)
            start = got[0] if got else None
        if len(pb) > common:
            end = self.node_end(pb[common])
        else:
            got = self.char(b - 1)
            end = got[0] + got[1] if got else None
        if start is None or end is None:
            return None, None, "the source does not hold this text as read (a YAML escape, or markup the writer cannot close)"
        return start, end, ""


def _scalars(source: Source) -> list[tuple[int, int, str]]:
    """(start, end, style) of every scalar of the YAML text ('' plain, '"', "'", '|', '>');
    offsets from the marks' lines and columns (libyaml's, when PyYAML has it, is 20 times
    faster on a 400-page source)."""
    import yaml
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    root = yaml.compose(source.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    at = lambda mark: source.starts[mark.line] + mark.column if mark.line < len(source.starts) else len(source.text)
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if isinstance(node, ScalarNode):
            out.append((at(node.start_mark), at(node.end_mark), node.style or ""))
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(v)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    out.sort()
    return out


def _yaml_escape(style: str, s: str) -> str:
    if style == '"':
        return s.replace("\\", "\\\\").replace('"', '\\"')
    if style == "'":
        return s.replace("'", "''")
    return s


# --------------------------------------------------------------------------- attributes

def _value(text: str) -> str:
    return f'"{escape_attr(text)}"'


def new_attributes(placed: Placed, witnesses: dict, base_witness: str) -> str:
    """``{.app B="x" C="y" lem-wit=... type=...}`` for a proposed entry: readings in the
    order of the witnesses; the first reading shared by several witnesses as ``rdg= wit=``."""
    parts = [".app"]
    grouped = False
    for reading, sigla in placed.readings:
        if len(sigla) > 1 and not grouped:
            parts.append(f'rdg={_value(reading)} wit="{" ".join(sigla)}"')
            grouped = True
        else:
            parts.extend(f"{s}={_value(reading)}" for s in sigla)
    if base_witness and placed.reading_of(base_witness) is None:
        lem = (["ed."] if "ed." in witnesses else []) + [base_witness]
        parts.append(f'lem-wit="{" ".join(lem)}"')
    if placed.type:
        parts.append(f"type={placed.type}")
    return "{" + " ".join(parts) + "}"


def _edit_attributes(block: str, changes: dict[str, Optional[str]], sigla=()) -> str:
    """The inside of an attribute list with each siglum's reading set (a text) or removed
    (None); other attributes stay as written.  A siglum in a ``rdg= wit=`` group is taken
    out of the group and given its own attribute."""
    toks = [(m.start("tok"), m.end("tok"), m.group("name"), m.group("val")) for m in _ATTR.finditer(block)]
    edits = []  # (start, end, replacement) on block
    handled = set()
    readings_end = next((e for s, e, name, _ in toks if name == ".app"), 0)
    for s, e, name, val in toks:
        if name in changes:
            handled.add(name)
            new = changes[name]
            if new is None:
                ws = s
                while ws > 0 and block[ws - 1] == " ":
                    ws -= 1
                edits.append((ws, e, ""))
            else:
                edits.append((s, e, f"{name}={_value(new)}"))
            readings_end = e
        elif name == "wit" and val:
            sigla = val.strip("\"'").split()
            moved = [w for w in sigla if w in changes]
            if moved:
                keep = [w for w in sigla if w not in changes]
                edits.append((s, e, f'wit="{" ".join(keep)}"' if keep else ""))
                edits.append((e, e, "".join(f" {w}={_value(changes[w])}" for w in moved if changes[w] is not None)))
                handled.update(moved)
                if not keep:  # the group is empty: its rdg= goes too
                    edits.extend((s2, e2, "") for s2, e2, n2, _ in toks if n2 == "rdg")
            readings_end = e
        elif name == "rdg" or (name in sigla and val is not None):
            readings_end = e
    added = "".join(f" {w}={_value(new)}" for w, new in changes.items() if w not in handled and new is not None)
    if added:
        edits.append((readings_end, readings_end, added))
    out = block
    for s, e, rep in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
        out = out[:s] + rep + out[e:]
    return out


# --------------------------------------------------------------------------- the plan

def _describe(placed: Placed) -> str:
    readings = "; ".join(f"{r!r} {' '.join(w)}" if r else f"om. {' '.join(w)}" for r, w in placed.readings)
    lemma = placed.lemma if placed.lemma else "+"
    return f"[{lemma}] {readings}" + (f" (type={placed.type})" if placed.type else "")


def make_plan(edition, base: Stream, alignments: list[Alignment], profile: Profile, source: Source) -> Plan:
    """Everything ``edition collate`` would do to ``source`` (module docstring)."""
    plan = Plan()
    smap = SourceMap(source, base)
    scalars = _scalars(source)
    starts = [s for s, _, _ in scalars]
    sigla = [al.siglum for al in alignments]

    def loc_of(offset: int) -> Loc:
        import bisect

        line = bisect.bisect_right(source.starts, offset)
        return Loc(source.path, line, offset - source.starts[line - 1] + 1)

    def style_at(offset: int) -> Optional[str]:
        import bisect

        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and scalars[k][0] <= offset <= scalars[k][1]:
            return scalars[k][2]
        return None

    # existing entries
    existing = [(a, b, app) for a, b, app in base.apps if app.loc.file == source.path]
    for a, b, app in existing:
        action = _recollate(app, a, b, base, alignments, profile, edition, source, smap, style_at, loc_of)
        if action is None:
            plan.kept += 1
        else:
            plan.actions.append(action)

    # proposed entries
    import bisect

    existing.sort(key=lambda x: (x[0], x[1]))
    ex_starts = [a for a, _, _ in existing]
    longest = max((b - a for a, b, _ in existing), default=0)

    def near(placed: Placed):
        """The existing entries that may hold or overlap ``placed`` (by their start)."""
        lo = bisect.bisect_left(ex_starts, placed.a - longest - 1)
        hi = bisect.bisect_right(ex_starts, placed.b + 1)
        return existing[lo:hi]

    reaches = sorted(cited_reach(base, a, b) for a, b, app in existing if cited(app))
    reach_starts = [a for a, _ in reaches]
    widest = max((b - a for a, b in reaches), default=0)

    def by_citation(placed: Placed) -> bool:
        lo = bisect.bisect_left(reach_starts, placed.a - widest - 1)
        hi = bisect.bisect_right(reach_starts, placed.b)
        return any(cited_business(placed, r) for r in reaches[lo:hi])

    for placed in place_all(base, alignments, profile, group(base, alignments, profile)):
        around = near(placed)
        inside = next(((a, b, app) for a, b, app in around if _inside(placed, a, b)), None)
        if inside is not None:
            continue  # the existing entry's business
        if by_citation(placed):
            continue  # the cited entry's business: its readings are the editor's
        clash = next(((a, b, app) for a, b, app in around if _overlaps(placed, a, b)), None)
        start, end, problem = smap.span(placed.a, placed.b)
        where = loc_of(start) if start is not None else _loc_guess(base, placed, source)
        if clash is not None:
            plan.actions.append(Action("left", where, f"{_describe(placed)}: overlaps the entry at {clash[2].loc}; merge them by hand"))
            continue
        problem = placed.problem or problem
        if not problem:
            style = style_at(start)
            if style is None or style == "" or style_at(end) != style:
                problem = "the text is an unquoted YAML value: put it in quotes or a | block, then run again"
        if problem:
            plan.actions.append(Action("left", where, f"{_describe(placed)}: {problem}"))
            continue
        attrs = _yaml_escape(style, new_attributes(placed, edition.witnesses, edition.base_witness))
        edits = [(start, start, "[]" + attrs)] if placed.a == placed.b else [(start, start, "["), (end, end, "]" + attrs)]
        plan.actions.append(Action("added", where, _describe(placed), edits))
    plan.actions.sort(key=lambda x: (x.loc.line, x.loc.col))
    plan.text = apply_edits(source.text, [e for act in plan.actions for e in act.edits])
    return plan


def cited(app: App) -> bool:
    """The entry's lemma is (or holds) a citation: the style's wording, not the witnesses'."""
    return any(isinstance(n, Cite) for n in walk_inlines(app.content))


_OPENING, _CLOSING = "([{", ")]}"


def cited_reach(base: Stream, a: int, b: int) -> tuple[int, int]:
    """The reach of the cited entry at ``[a, b)``: its lemma with the opening brackets and
    spaces before it and the closing brackets after it (``öldü. (`` ... ``)``), where J's
    bare address spills over the lemma's edges.  Not the punctuation or the words around."""
    while a > 0 and (base.text[a - 1] in _OPENING or base.text[a - 1] in " \t\n"):
        a -= 1
    while b < len(base.text) and base.text[b] in _CLOSING:
        b += 1
    return a, b


def cited_business(placed: Placed, reach: tuple[int, int]) -> bool:
    """A proposal in the cited entry's reach: overlapping it, or an addition inside it or
    at its edges."""
    a, b = reach
    if placed.a == placed.b:
        return a <= placed.a <= b
    return placed.a < b and a < placed.b


def _inside(placed: Placed, a: int, b: int) -> bool:
    """The proposal is the existing entry's business: inside its lemma, or an addition right
    after it (an entry's reading takes in what a witness adds after its last word)."""
    if a == b:
        return placed.a == placed.b == a
    if placed.a == placed.b:
        return a < placed.a <= b
    return a <= placed.a and placed.b <= b


def _overlaps(placed: Placed, a: int, b: int) -> bool:
    if placed.a == placed.b:
        return a < placed.a < b
    if a == b:
        return placed.a < a < placed.b
    return placed.a < b and a < placed.b


def _loc_guess(base: Stream, placed: Placed, source: Source) -> Loc:
    piece = base.piece_at(placed.a)
    node = piece.node if piece else None
    return node.loc if node is not None else Loc(source.path, 1, 1)


def _recollate(app: App, a: int, b: int, base: Stream, alignments, profile, edition, source, smap, style_at, loc_of) -> Optional[Action]:
    lemma = base.text[a:b]
    changes: dict[str, Optional[str]] = {}
    said = []
    for al in alignments:
        w = al.siglum
        new = reading_over(base, al, a, b)
        old_r = next((r for r in app.readings if w in r.wits), None)
        old = None if old_r is None else (plain_text(old_r.content) if old_r.content else old_r.text)
        if old is not None and cited(app):
            continue  # the witness's text at a citation is the reading the editor gives it
        if new is None:
            return Action("left", app.loc, f"entry [{lemma}]: witness {w}'s text does not line up with the lemma's edges; check it by hand")
        if new == old:
            continue
        if new == lemma:
            if old is None:
                continue
            if w == edition.base_witness:
                changes[w] = lemma
                said.append(f"{w} now reads the lemma (was {old!r})")
            else:
                changes[w] = None
                said.append(f"{w} removed (read {old!r}, now reads the lemma)")
            continue
        if old is None and profile.ignored(lemma, new):
            continue
        changes[w] = new
        said.append(f"{w} {old!r} -> {new!r}" if old is not None else f"{w} added: {new!r}")
    if not changes:
        return None
    remaining = [r for r in app.readings if not all(x in changes and changes[x] is None for x in r.wits)]
    start = smap.node_start(app)
    if start is None or source.text[start] != "[":
        return Action("left", app.loc, f"entry [{lemma}]: {'; '.join(said)}; its source could not be found: edit it by hand")
    close, end = bracket_end(source.text, start)
    if close < 0 or end - close < 2 or source.text[close + 1] != "{":
        return Action("left", app.loc, f"entry [{lemma}]: {'; '.join(said)}; its attribute list could not be read: edit it by hand")
    style = style_at(start)
    if style not in ("|", ">"):
        return Action("left", app.loc, f"entry [{lemma}]: {'; '.join(said)}; it is in a quoted or plain YAML value: edit it by hand")
    if not remaining and not any(changes.get(x) for x in changes):
        if app.comment:
            return Action("left", app.loc, f"entry [{lemma}]: no witness differs here any more ({'; '.join(said)}); it has a note=, so it is yours to delete")
        return Action("removed", app.loc, f"entry [{lemma}]: {'; '.join(said)}", [(start, start + 1, ""), (close, end, "")])
    block = source.text[close + 2 : end - 1]
    new_block = _edit_attributes(block, changes, tuple(edition.witnesses))
    return Action("changed", app.loc, f"entry [{lemma}]: {'; '.join(said)}", [(close + 2, end - 1, new_block)])


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end, replacement) made; at one point, the end of an entry
    goes before the start of the next (an addition is planned as one insertion)."""
    order = sorted(range(len(edits)), key=lambda k: (edits[k][0], edits[k][1], 0 if edits[k][2].startswith("]") else 1, k))
    out, pos = [], 0
    for k in order:
        s, e, rep = edits[k]
        if s < pos:
            raise ValueError(f"overlapping edits at offset {s}")
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)
