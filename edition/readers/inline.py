"""Inline syntax -> model nodes: footnotes, citations, spans (apparatus, tags), emphasis, links.

The syntax follows pandoc Markdown where pandoc has a convention (see docs/format.md).
:func:`parse_inlines` takes a string and a function mapping an offset in that string to a
source :class:`~edition.model.Loc`; problems go to the Reporter with their exact location and
the parser goes on, so one run reports every problem.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Optional

from ..diagnostics import Reporter, did_you_mean
from ..model import (
    App,
    Cite,
    CiteItem,
    Emph,
    Inline,
    Link,
    Loc,
    Note,
    PageBreak,
    Reading,
    SmallCaps,
    Strong,
    Tag,
    Text,
    plain_text,
)

LocFn = Callable[[int], Loc]

SPAN_CLASSES = ("app", "person", "place", "subject", "sc")
APP_TYPES = (
    "emendation",
    "typo",
    "spacing",
    "punctuation",
    "orthography",
    "omission",
    "addition",
    "conjecture",
    "normalisation",
    "suspect",
    # labelled types (edition/conventions.py TYPE_LABELS)
    "correction",
    "transposition",
    "deletion",
    "illegible",
    "lacuna",
    "marginal",
)
APP_KEYS = ("rdg", "wit", "lem-wit", "type", "note", "series")
EDITOR_NOTE = "{.editor}"  # after a footnote's ']': the note is the editor's, not the author's
MAX_NESTING = 50  # spans, notes and emphasis inside one another (real texts need 3 or 4)
MAX_TEXT_ERRORS = 50  # errors reported for one paragraph; a paragraph of ']' gave millions
ESCAPABLE = set("[]*^{}<>\\@_`~#")
_KEY = r"[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?~/-]*[A-Za-z0-9_]|[A-Za-z0-9_]"
_CITE_ITEM = re.compile(r"^(?P<prefix>(?:.*?\s)?)-?@(?P<key>" + _KEY + r")(?P<rest>.*)$", re.S)
# an autolink <scheme:...>; only LINK_SCHEMES become links, any other scheme is an error
_URL = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):([^\s<>]+)>")
#: the schemes a link of the text or the bibliography may have (a '#' link is the writer's own)
LINK_SCHEMES = ("http", "https", "mailto")
# runs of characters the main loop has nothing to do with, consumed at once (linear time)
_PLAIN = re.compile(r"[^\\^\[\]*<{]+")
# the specials of a bracket scan: an escape, a bracket, an attribute list after ']'
_BRACKET_SPECIAL = re.compile(r"\\|\[|\]|(?<=\])\{")
# the specials of an attribute-list scan
_ATTR_SPECIAL = re.compile(r"""[{}\\"']""")
# a '*' that may close emphasis: after a non-space that is not a backslash, not part of '**'
_EMPH_CLOSE = re.compile(r"(?<=[^\s\\])\*(?!\*)")
_ATTR = re.compile(
    r"""\s*(?:
        \.(?P<cls>[A-Za-z][\w-]*)
      | \#(?P<id>[A-Za-z][\w:.-]*)
      | (?P<key>[A-Za-z][\w.:-]*)=(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^'\\]|\\.)*)'|(?P<bare>[^\s"'}]+))
    )""",
    re.X,
)


class _CappedReporter:
    """The reporter of one text: its first MAX_TEXT_ERRORS errors, then one that says so."""

    def __init__(self, reporter: Reporter):
        self.reporter = reporter
        self.diagnostics = reporter.diagnostics
        self.count = 0

    def error(self, loc: Loc, message: str, hint: str = "") -> None:
        self.count += 1
        if self.count <= MAX_TEXT_ERRORS:
            self.reporter.error(loc, message, hint)
        elif self.count == MAX_TEXT_ERRORS + 1:
            self.reporter.error(loc, f"more than {MAX_TEXT_ERRORS} errors in this paragraph; the rest are not shown", "fix these first and check again")

    def warning(self, loc: Loc, message: str, hint: str = "") -> None:
        self.reporter.warning(loc, message, hint)


class Sigla(tuple):
    """The declared sigla in their order, and which of them is the base witness.

    The inline parser needs both: a siglum is checked against the declared ones, and an entry's
    lemma is, by default, what the base witness reads (:func:`default_lem_wits`).

    >>> s = Sigla(("M", "P"), base="M")
    >>> "P" in s, s.base, list(s)
    (True, 'M', ['M', 'P'])
    """

    base: str

    def __new__(cls, sigla=(), base: str = ""):
        obj = super().__new__(cls, sigla)
        obj.base = base
        return obj


def default_lem_wits(sigla: tuple[str, ...], readings: list[Reading]) -> list[str]:
    """Who supports a lemma when the entry does not say (``lem-wit=``): the base witness, unless
    the entry gives the base witness's own reading (then the lemma is the editor's: ``ed.``
    when declared).  One rule for the reader and the YAML writer.

    >>> r = lambda *w: Reading("x", list(w))
    >>> default_lem_wits(Sigla(("M", "P"), "M"), [r("P")])           # M reads the lemma
    ['M']
    >>> default_lem_wits(Sigla(("ed.", "J"), "J"), [r("J")])         # J is corrected by the editor
    ['ed.']
    >>> default_lem_wits(("J",), [r("J")])                            # no base declared, no ed.
    []
    """
    base = getattr(sigla, "base", "")
    if base and not any(base in r.wits for r in readings):
        return [base]
    return ["ed."] if "ed." in sigla else []


class _Parser:
    def __init__(self, text: str, locfn: LocFn, reporter: Reporter, sigla: tuple[str, ...]):
        self.s = text
        self.locfn = locfn
        self.rep = reporter if isinstance(reporter, _CappedReporter) else _CappedReporter(reporter)
        self.sigla = sigla
        self.depth = 0
        self.too_deep = False
        self.misplaced = False  # attributes after a note's ']' were reported (misplaced_attributes)
        # tables computed once per text on first use, so that every scan stays linear
        self._match: Optional[dict[int, int]] = None  # '[' offset -> its ']' (-1: never closed)
        self._aclose: dict[int, int] = {}  # attribute list start -> its '}' (-1: none)
        self._emph: Optional[list[int]] = None  # offsets of the '*' that may close emphasis
        self._braces: Optional[list[int]] = None  # offsets of every '}'

    # -- helpers -------------------------------------------------------------
    def loc(self, i: int) -> Loc:
        return self.locfn(i)

    def find_close(self, i: int, open_: str = "[", close: str = "]") -> int:
        """Index of the bracket closing the one just before ``i``; -1 when unbalanced.

        Attribute lists of nested spans are skipped whole, so a bracket inside a quoted
        value (``J="a [b"``) does not count.  The brackets of the whole text are matched
        in one pass (a scan per bracket was quadratic: 20 000 '[' took minutes).
        """
        if open_ == "[" and close == "]":
            if self._match is None:
                self._match = self._match_brackets()
            found = self._match.get(i - 1)
            if found is not None:
                return found
        # a bracket the one-pass table skipped (it lies inside an attribute list)
        depth = 1
        s = self.s
        n = len(s)
        while i < n:
            c = s[i]
            if c == "\\":
                i += 2
                continue
            if c == "{" and i > 0 and s[i - 1] == "]":
                end = self.attr_close(i + 1)
                if end > 0:
                    i = end + 1
                    continue
            if c == open_:
                depth += 1
            elif c == close:
                depth -= 1
                if depth == 0:
                    return i
            i += 1
        return -1

    def _match_brackets(self) -> dict[int, int]:
        """'[' offset -> offset of its ']' (-1 when never closed), as find_close scans."""
        s = self.s
        match: dict[int, int] = {}
        stack: list[int] = []
        search = _BRACKET_SPECIAL.search
        m = search(s, 0)
        while m:
            j = m.start()
            c = s[j]
            nxt = j + 1
            if c == "\\":
                nxt = j + 2
            elif c == "[":
                stack.append(j)
            elif c == "]":
                if stack:
                    match[stack.pop()] = j
            else:  # an attribute list after ']' is skipped whole
                k = self.attr_close(j + 1)
                if k > 0:
                    nxt = k + 1
            m = search(s, nxt)
        for j in stack:
            match[j] = -1
        return match

    def attr_close(self, start: int) -> int:
        """Offset of the '}' ending the attribute list that starts at ``start``; -1 when none.

        Braces inside quoted values (``note="a}b"``) do not count.  Results are kept, and a
        scan that reaches the start of another list outside quotes ends there with that
        list's answer: it goes on exactly as that list's own scan, so many unclosed lists
        cost one pass, not one pass each.
        """
        known = self._aclose.get(start)
        if known is not None:
            return known
        s = self.s
        search = _ATTR_SPECIAL.search
        quote = ""
        passed: list[int] = [start]
        result = -1
        i = start
        while True:
            m = search(s, i)
            if m is None:
                break
            i = m.start()
            c = s[i]
            if c == "\\":
                if not quote and s[i + 1 : i + 2] == "}":
                    result = i + 1  # as before: an escaped '}' outside quotes ends the list
                    break
                i += 2
                continue
            if quote:
                if c == quote:
                    quote = ""
            elif c == "}":
                result = i
                break
            elif c == "{":  # outside quotes, the start of another list: same scan from here
                known = self._aclose.get(i + 1)
                if known is not None:
                    result = known
                    break
                passed.append(i + 1)
            elif i > start and s[i - 1] == "=":
                quote = c
            i += 1
        for p in passed:
            self._aclose[p] = result
        return result

    # -- main loop ------------------------------------------------------------
    def parse(self, start: int, end: int, in_note: bool = False) -> list[Inline]:
        if self.depth > MAX_NESTING:  # the rest is kept as text (no recursion without end)
            if not self.too_deep:
                self.too_deep = True  # once per text
                self.rep.error(
                    self.loc(max(start - 1, 0)),
                    f"inline markup nested more than {MAX_NESTING} levels deep",
                    "close spans, notes or emphasis sooner (texts need three or four levels at most)",
                )
            return [Text(self.s[start:end], loc=self.loc(start))] if start < end else []
        self.depth += 1
        try:
            return self._parse(start, end, in_note)
        finally:
            self.depth -= 1

    def _parse(self, start: int, end: int, in_note: bool) -> list[Inline]:
        s = self.s
        out: list[Inline] = []
        buf: list[str] = []
        buf_start = start

        def flush():
            nonlocal buf
            if buf:
                out.append(Text("".join(buf), loc=self.loc(buf_start)))
                buf = []

        i = start
        plain = _PLAIN.match
        while i < end:
            c = s[i]
            if c not in "\\^[]*<{":
                m = plain(s, i, end)
                if not buf:
                    buf_start = i
                buf.append(m.group())
                i = m.end()
                continue
            if c == "\\" and i + 1 < end and s[i + 1] in ESCAPABLE:
                if not buf:
                    buf_start = i
                buf.append(s[i + 1])
                i += 2
                continue
            node, j = None, i
            if c == "^" and i + 1 < end and s[i + 1] == "[":
                node, j = self.note(i, end, in_note)
            elif c == "[":
                node, j = self.bracket(i, end, in_note)
            elif c == "*":
                node, j = self.emphasis(i, end, in_note)
            elif c == "<":
                m = _URL.match(s, i, end)
                if m and m.group(1).lower() in LINK_SCHEMES:
                    url = m.group(1) + ":" + m.group(2)
                    node, j = Link([Text(url, loc=self.loc(i + 1))], url=url, loc=self.loc(i)), m.end()
                elif m:
                    self.rep.error(self.loc(i + 1), *link_problem(m.group(1) + ":" + m.group(2)))
                    node, j = Text(m.group(0), loc=self.loc(i)), m.end()
            elif c == "{" and s.startswith("{pb", i):
                node, j = self.pagebreak(i, end)
            elif c == "]" and self.misplaced:  # the bracket of a span reported by misplaced_attributes
                self.misplaced = False
            elif c == "]":
                self.rep.error(self.loc(i), "unmatched ']'", "write \\] for a literal bracket")
            if node is not None:
                flush()
                if isinstance(node, list):
                    out.extend(node)
                else:
                    out.append(node)
                i = j
                buf_start = i
                continue
            if not buf:
                buf_start = i
            buf.append(c)
            i += 1
        flush()
        return _merge_text(out)

    def note(self, i: int, end: int, in_note: bool):
        close = self.find_close(i + 2)
        if close < 0 or close >= end:
            self.rep.error(self.loc(i), "footnote '^[' is never closed", "add the closing ']' at the end of the note")
            return Text(self.s[i:end], loc=self.loc(i)), end
        if in_note:
            self.rep.error(self.loc(i), "a footnote inside a footnote", "notes cannot nest: move this note's text into its parent note")
            return self.parse(i + 2, close, in_note=True), close + 1
        content = self.parse(i + 2, close, in_note=True)
        after, kind = close + 1, ""
        if self.s.startswith(EDITOR_NOTE, after) and after + len(EDITOR_NOTE) <= end:  # ^[...]{.editor}
            after, kind = after + len(EDITOR_NOTE), "editor"
        elif after < end and self.s[after] == "{" and not self.s.startswith("{pb", after):
            after = self.misplaced_attributes(after, end)
        return Note(content, kind=kind, loc=self.loc(i)), after

    def misplaced_attributes(self, at: int, end: int) -> int:
        """``{...}`` right after a footnote's ``]``: a span (a lemma, a tag) that opened in the
        text and was closed inside the note.  Reported here, once: the text's own ``]`` that
        follows would otherwise be reported as unmatched, far from the cause."""
        aclose = self.attr_close(at + 1)
        self.rep.error(
            self.loc(at),
            "attributes after the closing ']' of a footnote: a span that opens in the text cannot end inside a note",
            "close the lemma before the note, as in [died]{.app P=\"\"}^[note], or put the whole entry inside the note",
        )
        self.misplaced = True
        return aclose + 1 if 0 <= aclose < end else at

    def bracket(self, i: int, end: int, in_note: bool):
        s = self.s
        close = self.find_close(i + 1)
        if close < 0 or close >= end:
            self.rep.error(self.loc(i), "'[' is never closed", "close it with ']' or write \\[ for a literal bracket")
            return Text("[", loc=self.loc(i)), i + 1
        if close + 1 < end and s[close + 1] == "{" and not s.startswith("{pb", close + 1):  # [@k]{pb n=2}: a page break
            aclose = self.attr_close(close + 2)
            if aclose >= end:
                aclose = -1
            if aclose < 0:
                self.rep.error(self.loc(close + 1), "attribute list '{' is never closed", "end the attributes with '}'")
                return self.parse(i + 1, close, in_note), close + 1
            node = self.span(i, close, aclose, in_note)
            if node is None:  # attributes unreadable (reported): keep the text, drop the list
                node = self.parse(i + 1, close, in_note)
            return node, aclose + 1
        inner = s[i + 1 : close]
        if "@" in inner and _looks_like_citation(inner):
            return self.citation(i, close), close + 1
        return None, i  # a literal bracket

    def span(self, i: int, close: int, aclose: int, in_note: bool):
        attrs = self.attributes(close + 2, aclose)
        if attrs is None:
            return None
        classes, kv, ident = attrs
        content = self.parse(i + 1, close, in_note)
        loc = self.loc(i)
        kinds = [c for c in classes if c in SPAN_CLASSES]
        for c in classes:
            if c not in SPAN_CLASSES:
                self.rep.error(
                    self.loc(close + 2),
                    f"unknown span class '.{c}'",
                    did_you_mean(c, SPAN_CLASSES) or "known classes: " + ", ".join("." + k for k in SPAN_CLASSES),
                )
        if not kinds:
            return content
        if len(kinds) > 1:
            self.rep.error(loc, f"a span can have one of {', '.join('.' + k for k in kinds)}, not several", "nest two spans instead")
        kind = kinds[0]
        if kind == "app":
            return self.app(content, kv, loc, self.s[i + 1 : close])
        if kind == "sc":
            return SmallCaps(content, loc=loc)
        for k in kv:
            if k != "key":
                self.rep.error(loc, f"unknown attribute '{k}' on a .{kind} tag", "a tag takes only key=...")
        return Tag(content, kind=kind, key=kv.get("key", ""), id=ident, loc=loc)

    def app(self, content: list[Inline], kv: dict, loc: Loc, raw_lemma: str) -> App:
        readings: list[Reading] = []
        reported = False  # a faulty attribute was reported: "no reading" would only repeat it
        example = next((s for s in self.sigla if s != "ed."), "J")  # a siglum for the hints
        for k, v in kv.items():
            if k in APP_KEYS:
                continue
            if k in self.sigla:
                readings.append(Reading(v, [k], self.reading_content(v, loc)))
            else:
                reported = True
                hint = did_you_mean(k, list(self.sigla) + list(APP_KEYS))
                self.rep.error(
                    loc,
                    f"'{k}' is neither a declared siglum nor an apparatus attribute",
                    hint or f"declare it under witnesses: (known sigla: {', '.join(self.sigla) or 'none'})",
                )
        if "rdg" in kv:
            wits = kv.get("wit", "").split()
            if not wits:
                self.rep.error(loc, "rdg= without wit=", f"name the witness(es) that read it: wit={example}")
            for w in wits:
                if w not in self.sigla:
                    self.rep.error(loc, f"undeclared siglum '{w}'", did_you_mean(w, self.sigla) or "declare it under witnesses:")
            readings.append(Reading(kv["rdg"], wits, self.reading_content(kv["rdg"], loc)))
        elif "wit" in kv:
            self.rep.error(loc, "wit= without rdg=", f'give the reading: rdg="..." wit={example}')
            reported = True
        if not readings and not reported:
            self.rep.error(loc, "apparatus entry without a reading", f'add the witness reading, e.g. {example}="..."')
        type_ = kv.get("type", "")
        if type_ and type_ not in APP_TYPES:
            self.rep.error(loc, f"unknown apparatus type '{type_}'", did_you_mean(type_, APP_TYPES) or "types: " + ", ".join(APP_TYPES))
        lem_wits = kv["lem-wit"].split() if "lem-wit" in kv else default_lem_wits(self.sigla, readings)
        for w in lem_wits:
            if w not in self.sigla:
                self.rep.error(loc, f"undeclared siglum '{w}' in lem-wit", did_you_mean(w, self.sigla) or "declare it under witnesses:")
        if not raw_lemma and not any(r.text for r in readings):
            self.rep.error(loc, "empty lemma and empty reading", "an apparatus entry needs text on one side")
        return App(
            content,
            readings=readings,
            lem_wits=lem_wits,
            type=type_,
            comment=kv.get("note", ""),
            series=kv.get("series", "A"),
            loc=loc,
        )

    def reading_content(self, text: str, loc: Loc) -> list[Inline]:
        # readings are plain text; inline markup inside is parsed for emphasis only
        # a witness's reading is what the print has: a lone bracket in it is literal
        rep = Reporter()
        sub = _Parser(text, lambda _i: loc, rep, self.sigla)
        nodes = sub.parse(0, len(text), in_note=True)
        for d in rep.diagnostics:
            if "unmatched" not in d.message and "never closed" not in d.message:
                self.rep.diagnostics.append(d)
        return nodes

    def attributes(self, start: int, end: int):
        s = self.s
        classes, kv, ident = [], {}, ""
        i = start
        while i < end:
            if s[i].isspace():
                i += 1
                continue
            m = _ATTR.match(s, i, end)
            if not m or m.end() == i:
                self.rep.error(
                    self.loc(i),
                    f"cannot read attribute at '{s[i:min(end, i + 20)]}'",
                    'attributes are .class, #id or key=value (quote values with spaces: note="...")',
                )
                return None
            if m.group("cls"):
                classes.append(m.group("cls"))
            elif m.group("id"):
                ident = m.group("id")
            else:
                key = m.group("key")
                val = m.group("dq") if m.group("dq") is not None else m.group("sq") if m.group("sq") is not None else m.group("bare")
                val = re.sub(r"\\(.)", r"\1", val)
                if key in kv:
                    self.rep.error(self.loc(i), f"attribute '{key}' given twice", "keep one")
                kv[key] = val
            i = m.end()
        return classes, kv, ident

    def citation(self, i: int, close: int) -> Cite:
        items = []
        pos = i + 1
        for part in _split_top(self.s[i + 1 : close], ";"):
            m = _CITE_ITEM.match(part)
            loc = self.loc(pos)
            if not m:
                self.rep.error(loc, f"cannot read citation item '{part.strip()}'", "write [@key] or [@key, s. 12]; several: [@a, s. 1; @b]")
            else:
                rest = m.group("rest")
                locator, suffix = "", ""
                if rest.startswith(","):
                    locator = rest[1:].strip()
                elif rest.strip():
                    suffix = rest.strip()
                items.append(CiteItem(m.group("key"), locator, m.group("prefix").strip(), suffix, loc=loc))
            pos += len(part) + 1
        return Cite(items, loc=self.loc(i))

    def emphasis(self, i: int, end: int, in_note: bool):
        s = self.s
        if s.startswith("**", i):
            j = s.find("**", i + 2, end)
            if j > i + 2:
                return Strong(self.parse(i + 2, j, in_note), loc=self.loc(i)), j + 2
            return None, i
        if i + 1 < end and not s[i + 1].isspace():
            # the first '*' after a non-space (not escaped, not '**'): from a table made once
            if self._emph is None:
                self._emph = [m.start() for m in _EMPH_CLOSE.finditer(s)]
            k = bisect.bisect_left(self._emph, i + 1)
            if k == len(self._emph) or self._emph[k] >= end:
                return None, i
            j = self._emph[k]
            return Emph(self.parse(i + 1, j, in_note), loc=self.loc(i)), j + 1
        return None, i

    def pagebreak(self, i: int, end: int):
        if self._braces is None:
            self._braces = [m.start() for m in re.finditer(r"\}", self.s)]
        k = bisect.bisect_left(self._braces, i)
        close = self._braces[k] if k < len(self._braces) and self._braces[k] < end else -1
        if close < 0:
            self.rep.error(self.loc(i), "'{pb' is never closed", "write {pb n=5}")
            return None, i
        attrs = self.attributes(i + 3, close)
        if attrs is None:
            return None, close + 1
        _classes, kv, _ident = attrs
        if "n" not in kv:
            self.rep.error(self.loc(i), "page break without a page number", "write {pb n=5}")
        for k in kv.keys() - {"n", "ed"}:
            self.rep.error(self.loc(i), f"unknown attribute '{k}' on a page break", "a page break takes n= and, for a witness other than the base, ed=")
        ed = kv.get("ed", "")
        if ed and ed not in self.sigla:
            self.rep.error(self.loc(i), f"page break of an undeclared witness '{ed}'",
                           did_you_mean(ed, self.sigla) or f"declared sigla: {', '.join(self.sigla) or 'none'}")
        # the base witness's breaks carry no siglum: {pb n=2} and {pb n=2 ed=M} are one break
        return PageBreak(n=kv.get("n", ""), ed="" if ed == self.sigla.base else ed, loc=self.loc(i)), close + 1


def _split_top(s: str, sep: str) -> list[str]:
    parts, depth, cur = [], 0, []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            cur.append(s[i : i + 2])
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        if c == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur))
    return parts


def _looks_like_citation(inner: str) -> bool:
    return all(_CITE_ITEM.match(p) for p in _split_top(inner, ";"))


def link_problem(url: str) -> Optional[tuple[str, str]]:
    """Why ``url`` may not be a link target (message, hint), or None: a scheme outside
    LINK_SCHEMES (``javascript:`` runs code in a PDF viewer; ``file:`` reads the reader's disk).

    >>> link_problem("https://example.org/a") is None, link_problem("MAILTO:a@b.org") is None
    (True, True)
    >>> link_problem("javascript:alert(1)")[0]
    "link scheme 'javascript:' is not allowed (javascript:alert(1))"
    >>> link_problem("www.example.org")[0]
    "a link needs a scheme: 'www.example.org'"
    """
    hint = f"links may be {', '.join(s + ':' for s in LINK_SCHEMES)}; otherwise write it as plain text (in the text, \\< is a literal '<')"
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url.strip())
    if not scheme:
        return f"a link needs a scheme: '{url[:80]}'", "write it in full: https://..."
    if scheme.group(1).lower() not in LINK_SCHEMES:
        return f"link scheme '{scheme.group(1)}:' is not allowed ({url[:80]})", hint
    return None


def _merge_text(nodes: list[Inline]) -> list[Inline]:
    """Adjacent Text nodes joined into one (each run joined once: linear time)."""
    out: list[Inline] = []
    run = -1  # index in out of the first Text of the current run

    def join():
        if len(out) - run > 1:
            out[run:] = [Text("".join(t.text for t in out[run:]), loc=out[run].loc)]

    for n in nodes:
        if isinstance(n, Text):
            if run < 0:
                run = len(out)
        elif run >= 0:
            join()
            run = -1
        out.append(n)
    if run >= 0:
        join()
    return out


def parse_inlines(
    text: str,
    locfn: Optional[LocFn] = None,
    reporter: Optional[Reporter] = None,
    sigla: tuple[str, ...] = (),
) -> list[Inline]:
    """Parse one paragraph's inline text; ``sigla`` are the declared witnesses (a :class:`Sigla`
    also says which is the base witness).

    >>> from edition.model import plain_text
    >>> nodes = parse_inlines("Müfettişi^[Birinci *Dünya*.] [Samsun]{.place key=samsun}'a")
    >>> [type(n).__name__ for n in nodes]
    ['Text', 'Note', 'Text', 'Tag', 'Text']
    >>> plain_text(nodes)
    "Müfettişi Samsun'a"
    """
    rep = reporter if reporter is not None else Reporter()
    locfn = locfn or (lambda i: Loc("<string>", 1, i + 1))
    return _Parser(text, locfn, rep, sigla if isinstance(sigla, Sigla) else Sigla(sigla)).parse(0, len(text))


__all__ = ["parse_inlines", "APP_TYPES", "SPAN_CLASSES", "plain_text"]
