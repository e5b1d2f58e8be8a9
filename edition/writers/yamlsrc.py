"""Model -> the YAML edition source of docs/format.md: the one place that writes that format.

The importer's drafts, the benchmark generator's synthetic editions and ``edition build
SRC -o out.yaml`` all go through :func:`source_text`; the register tagger writes its tags
with :func:`tag_attributes`.  Reading what this module writes gives the model it was given
(tests/writers/test_yaml_writer.py): the writer is the reader's inverse.

What is written.  Only what a reader sets, never what the transforms derive: note and
apparatus numbers, ids and ``in_note``/``in_app``, rendered citations, ``Edition.notes`` and
the like are left out, so a transformed edition and the edition as read give the same file
(a tag's key found from a register variant is the one exception: it is written, which makes
the source say what the build understood).  Defaults are left out too (settings, ``series=A``,
``lem-wit`` when it is the default, a section id that the heading gives): a source says what
its editor chose, and a default that changes reaches every edition that never chose.

Files the source names.  Bibliographies are written as paths relative to the output's
folder.  Register entries read from a registers file stay there: the source names that
file (relative to the output's folder) when it lies inside that folder, and the entries are
written inline otherwise; entries of the source itself, or made by a program (no location),
are written inline.  :func:`registers_text` writes a registers file.

Inline text (:func:`inline_text`) is escaped for docs/format.md (:func:`escape_text`); a
paragraph is one block-literal scalar wrapped at :data:`WRAP` columns, broken only at a single
space (the reader joins lines with one space), never before a word starting with ``>`` (a
quotation line) nor inside ``{pb n=..}``.  A text holding a character that a block literal
cannot carry (control characters, odd line breaks) is written double-quoted.  The inline
syntax cannot say everything the model can: emphasis must start and end with a non-space
(and not end with a backslash), strong emphasis cannot hold ``*``, a link prints its URL,
a paragraph holds no line break (one is written as a space); such content is written as
near as the syntax allows.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..diagnostics import Reporter
from ..formats import Writer, WriteOptions, WriteResult, register_writer
from ..readers.inline import EDITOR_NOTE, Sigla, default_lem_wits
from ..model import (
    App,
    Cite,
    Edition,
    Emph,
    Inline,
    Link,
    Loc,
    Note,
    PageBreak,
    Paragraph,
    Quote,
    RegisterEntry,
    Section,
    Settings,
    SmallCaps,
    Strong,
    Tag,
    Text,
)

WRAP = 100
INLINE_SPECIAL = re.compile(r"([\\\[\]*^{<])")
_ATTR_SPECIAL = re.compile(r'([\\"\[\]])')
_BARE_VALUE = re.compile(r"""[^\s"'{}\[\]\\]+""")  # a value without quotes: the parser's, less brackets and backslash
_ATTR_NAME = re.compile(r"[A-Za-z][\w.:-]*")
APP_KEYS = ("rdg", "wit", "lem-wit", "type", "note", "series")
PLAIN_SCALAR = re.compile(r"[^\W\d_][\w .’'()\-–/]*[\w.)’']|[^\W\d_]")
YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
# what a YAML file may hold raw (PyYAML's printable set) less the line breaks the reader refuses
_RAW_OK = re.compile("[\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
_REGISTER_KINDS = (("persons", "person"), ("places", "place"), ("subjects", "subject"))


# --------------------------------------------------------------------------- inline


def escape_text(s: str) -> str:
    r"""Plain text -> inline syntax that prints as ``s``.

    >>> escape_text("a [b] *c* ^d {e} <f> \\g")
    'a \\[b\\] \\*c\\* \\^d \\{e} \\<f> \\\\g'
    """
    return INLINE_SPECIAL.sub(r"\\\1", s)


def escape_attr(s: str) -> str:
    r"""Plain text -> the inside of a double-quoted attribute value (a reading, a note=).

    The value is unescaped once as an attribute (``\x`` -> ``x``) and then read as inline
    text, so a special character needs an escaped backslash before its own escape:
    ``[`` -> ``\\\[``.  An odd number of backslashes before a bracket also keeps the brackets
    of the enclosing note or span balanced for a reader that counts them.

    >>> print(escape_attr('a "b" [c] *d*'))
    a \"b\" \\\[c\\\] \\*d\\*
    """
    return quote_attr(escape_text(s))


def quote_attr(s: str) -> str:
    r"""Inline syntax -> the inside of a double-quoted attribute value: ``\``, ``"`` and the
    brackets escaped (an escaped bracket of the inline text gets an odd number of backslashes).

    >>> quote_attr(r'*x* \[y] "z"')
    '*x* \\\\\\[y\\] \\"z\\"'
    """
    return _ATTR_SPECIAL.sub(r"\\\1", s)


def _value(s: str) -> str:
    return s if _BARE_VALUE.fullmatch(s) else f'"{quote_attr(s)}"'


def tag_attributes(kind: str, key: str = "") -> str:
    """The attribute list of an index tag: what follows ``[text]``.

    >>> tag_attributes("person", "mkemal"), tag_attributes("place", "a b"), tag_attributes("subject")
    ('{.person key=mkemal}', '{.place key="a b"}', '{.subject}')
    """
    return "{." + kind + (f" key={_value(key)}" if key else "") + "}"


def inline_text(nodes: Iterable[Inline], sigla: tuple[str, ...] = ()) -> str:
    r"""Inline nodes -> inline syntax; ``sigla`` (the declared witnesses) decide the
    default ``lem-wit``.

    >>> from edition.readers.inline import parse_inlines
    >>> print(inline_text(parse_inlines(r'a^[n *x*] [b]{.app J="c\\\[d" type=typo} [@k, s. 2]', sigla=("J",)), ("J",)))
    a^[n *x*] [b]{.app J="c\\\[d" type=typo} [@k, s. 2]
    """
    return "".join(_inline(n, sigla) for n in nodes)


def _inline(node: Inline, sigla: tuple[str, ...]) -> str:
    inner = lambda: inline_text(node.children(), sigla)  # noqa: E731
    if isinstance(node, Text):
        return escape_text(node.text)
    if isinstance(node, Note):
        return f"^[{inner()}]" + (EDITOR_NOTE if node.kind == "editor" else "")
    if isinstance(node, App):
        return f"[{inner()}]{_app_attributes(node, sigla)}"
    if isinstance(node, Tag):
        return f"[{inner()}]{tag_attributes(node.kind, node.key)}"
    if isinstance(node, SmallCaps):
        return f"[{inner()}]{{.sc}}"
    if isinstance(node, Strong):
        return f"**{inner()}**"
    if isinstance(node, Emph):
        return f"*{inner()}*"
    if isinstance(node, Link):
        return f"<{node.url}>"
    if isinstance(node, Cite):
        return "[" + "; ".join(_cite_item(i) for i in node.items) + "]"
    if isinstance(node, PageBreak):
        return f"{{pb n={_value(node.n)}" + (f" ed={_value(node.ed)}" if node.ed else "") + "}"
    name = type(node).__name__
    if name in _AS_TEXT:  # transcription nodes (TEI imports) the syntax has no markup for
        before, after = _AS_TEXT[name]
        return escape_text(before) + inner() + escape_text(after)
    return inline_text(node.children(), sigla)  # an unknown container: its content


# transcription nodes written as the text they print (the source keeps the marks, not the
# markup): YamlWriter warns once, naming them
_AS_TEXT = {"Gap": ("[…]", ""), "Supplied": ("⟨", "⟩"), "Addition": ("⸌", "⸍"), "Deletion": ("⟦", "⟧"),
            "InlineQuote": ("“", "”")}


def unexpressed(edition: Edition) -> dict[str, int]:
    """What of a model the source format cannot say, by node name and count: transcription
    nodes (written as their printed text), verse groups (written as block quotes, one
    paragraph a line, without their numbers), notes placed elsewhere than the foot."""
    from ..walk import walk

    counts: dict[str, int] = {}
    plain = {"Text", "Note", "App", "Tag", "Cite", "Emph", "Strong", "SmallCaps", "Link", "PageBreak"}
    for node, _where in walk(edition):
        name = type(node).__name__
        if name not in plain or (name == "Note" and getattr(node, "place", "")):
            label = f"Note place={node.place}" if name == "Note" else name
            counts[label] = counts.get(label, 0) + 1
    for section in edition.all_sections():
        for b in section.blocks:
            if type(b).__name__ == "Verse":
                counts["Verse"] = counts.get("Verse", 0) + 1
    return counts


def _cite_item(item) -> str:
    text = (item.prefix + " " if item.prefix else "") + "@" + item.key
    if item.locator:
        text += ", " + item.locator
    return text + (" " + item.suffix if item.suffix else "")


def _app_attributes(app: App, sigla: tuple[str, ...]) -> str:
    parts = [".app"]
    grouped = []
    for r in app.readings:
        w = r.wits[0] if len(r.wits) == 1 else ""
        if w and _ATTR_NAME.fullmatch(w) and w not in APP_KEYS:
            parts.append(f'{w}="{quote_attr(r.text)}"')
        else:
            grouped.append(r)
    for r in grouped[:1]:  # the syntax has one rdg= per entry
        parts.append(f'rdg="{quote_attr(r.text)}" wit={_value(" ".join(r.wits))}')
    if app.lem_wits != default_lem_wits(sigla, app.readings):
        parts.append(f"lem-wit={_value(' '.join(app.lem_wits))}")
    if app.type:
        parts.append(f"type={_value(app.type)}")
    if app.comment:
        parts.append(f'note="{quote_attr(app.comment)}"')
    if app.series != "A":
        parts.append(f"series={_value(app.series)}")
    return "{" + " ".join(parts) + "}"


# --------------------------------------------------------------------------- YAML scalars and text


def scalar(s: str) -> str:
    """A YAML scalar for one value: plain when unambiguous, else double-quoted.

    >>> scalar("GİRİŞ"), scalar("yes"), scalar("a: b"), scalar("")
    ('GİRİŞ', '"yes"', '"a: b"', '""')
    """
    if PLAIN_SCALAR.fullmatch(s) and s.lower() not in YAML_WORDS and ": " not in s and " #" not in s:
        return s
    return quoted(s)


def quoted(s: str) -> str:
    r"""A double-quoted YAML scalar; characters a file may not hold raw are escaped.

    >>> quoted('a "b"\n\u2028')
    '"a \\"b\\"\\n\\u2028"'
    """
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\t" or not _RAW_OK.fullmatch(c):
            o = ord(c)
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


_SHORT_ATTRS = re.compile(r"\{[^{}\n]{0,%d}\}" % (WRAP // 2))


def _break_points(text: str) -> list[int]:
    """Where a line may break: single spaces, not before '>' (a quotation line) nor inside
    an attribute list of less than half a line (``{.place key=x}``, ``{pb n=5}``)."""
    keep = [(m.start(), m.end()) for m in _SHORT_ATTRS.finditer(text)]
    points, k = [], 0
    for m in re.finditer(r"(?<! ) (?![ >])", text):
        p = m.start()
        while k < len(keep) and keep[k][1] <= p:
            k += 1
        if not (k < len(keep) and keep[k][0] < p):
            points.append(p)
    return points


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Break a paragraph's inline text into lines of at most ``width`` (but whole words).

    >>> wrap("aaa bbb ccc  ddd >e", 7)
    ['aaa bbb', 'ccc  ddd >e']
    """
    lines, start, cand = [], 0, None
    for p in _break_points(text) + [len(text)]:
        if p - start > width and cand is not None and cand > start:
            lines.append(text[start:cand])
            start = cand + 1
        cand = p
    lines.append(text[start:])
    return lines


def paragraph_text(p: Paragraph, sigla: tuple[str, ...]) -> str:
    """A paragraph's inline text on one line; a leading '>' escaped (not a quotation)."""
    text = (f"{{.{p.kind}}} " if p.kind else "") + inline_text(p.content, sigla).replace("\n", " ")
    return "\\" + text if text.startswith(">") else text


def text_scalar(blocks: list, sigla: tuple[str, ...], indent: str) -> list[str]:
    """Paragraphs and quotes -> the lines of a ``|`` block literal (the first is ``|``)."""
    chunks: list[list[str]] = []
    for b in blocks:
        if isinstance(b, Quote):
            quote: list[str] = []
            for k, p in enumerate(b.paragraphs):
                quote += [">"] * bool(k) + ["> " + line for line in wrap(paragraph_text(p, sigla), WRAP - 2)]
            chunks.append(quote)
        else:
            chunks.append(wrap(paragraph_text(b, sigla)))
    flat = [line for c in chunks for line in c]
    if not flat or not any(flat):
        return ['""']
    if not all(_RAW_OK.fullmatch(line) and "\t" not in line for line in flat):
        return [quoted("\n\n".join("\n".join(c) for c in chunks))]
    out = ["|"]
    for k, c in enumerate(chunks):
        out += [""] * bool(k) + [indent + line for line in c]
    return out


def _key_value(indent: str, key: str, lines: list[str]) -> list[str]:
    return [f"{indent}{key}: {lines[0]}"] + lines[1:]


# --------------------------------------------------------------------------- comments


@dataclass
class Comments:
    """``# ...`` lines to write: a header at the top, and lines before a node's YAML (the
    metadata, an abstract, a section), keyed by the node itself.  The model has no place
    for them: they are what a program (the importer) has to say about what it made."""

    header: list[str] = field(default_factory=list)
    before: dict[int, list[str]] = field(default_factory=dict)

    def add(self, node, text: str) -> None:
        self.before.setdefault(id(node), []).append(text)

    def of(self, node, indent: str) -> list[str]:
        return [f"{indent}# {' '.join(c.split())}".rstrip() for c in self.before.get(id(node), [])]


# --------------------------------------------------------------------------- the source


def source_text(edition: Edition, out_dir: str = ".", comments: Optional[Comments] = None) -> str:
    """The YAML source of ``edition``; file references relative to ``out_dir``."""
    comments = comments or Comments()
    sigla = Sigla(edition.witnesses, edition.base_witness)
    out = [f"# {' '.join(h.split())}".rstrip() for h in comments.header]
    out += _meta(edition, sigla, comments)
    if edition.witnesses:
        out += ["", "witnesses:"] + [f"  {scalar(k)}: {_witness(edition, k, v, out_dir)}" for k, v in edition.witnesses.items()]
    if edition.base_witness:
        out.append(f"base-witness: {scalar(edition.base_witness)}")
    out += _files(edition, out_dir)
    out += _settings(edition.settings, edition.source, out_dir)
    out += ["", "body:"]
    for s in edition.body:
        out += _section(s, sigla, comments, "  ")
    return "\n".join(out) + "\n"


def _witness(ed: Edition, siglum: str, description: str, out_dir: str) -> str:
    """A witness's description, or its mapping when it names a transcription (edition collate)."""
    w = ed.transcriptions.get(siglum)
    if w is None or not _inside(w.path, out_dir):  # the written source could not read it
        return scalar(description)
    rel = _relative(w.path, out_dir)
    fmt = f", format: {scalar(w.format)}" if w.format != "text" else ""
    return f"{{description: {quoted(description)}, transcription: {quoted(rel)}{fmt}}}"


def _meta(ed: Edition, sigla, comments: Comments) -> list[str]:
    m = ed.meta
    out = ["edition:"] + comments.of(m, "  ") + [f"  title: {scalar(m.title)}"]
    out += [f"  subtitle: {scalar(m.subtitle)}"] * bool(m.subtitle)
    out.append(f"  language: {scalar(m.language)}")
    if m.authors:
        out.append("  authors:")
        for a in m.authors:
            fields = [("name", a.name), ("affiliation", a.affiliation), ("orcid", a.orcid), ("email", a.email)]
            lines = [f"{k}: {scalar(v)}" for k, v in fields if v or k == "name"]
            out += ["    - " + lines[0]] + ["      " + line for line in lines[1:]]
    if m.journal:
        out.append("  journal:")
        out += [f"    {scalar(k)}: {scalar(v)}" for k, v in m.journal.items()]
    for key, value in (("doi", m.doi), ("licence", m.licence), ("date", m.date)):
        out += [f"  {key}: {scalar(value)}"] * bool(value)
    if m.abstracts:
        out.append("  abstracts:")
        for a in m.abstracts:
            out += [f"    - language: {scalar(a.language)}", f"      heading: {scalar(a.heading)}"]
            if a.title:
                out.append(f"      title: {scalar(a.title)}")
            out += comments.of(a, "      ")
            out += _key_value("      ", "text", text_scalar(a.paragraphs, sigla, "        "))
            if a.keywords_label:
                out.append(f"      keywords-label: {scalar(a.keywords_label)}")
            if a.keywords:
                out.append(f"      keywords: {_flow(a.keywords)}")
    if m.editor_note:
        out += _key_value("  ", "editor-note", text_scalar(m.editor_note, sigla, "    "))
    for key in ("acknowledgements", "funding"):  # the importer reads a note on a print's title so
        if getattr(m, key):
            out += _key_value("  ", key, text_scalar(getattr(m, key), sigla, "    "))
    return out


def _relative(path: str, out_dir: str) -> str:
    return os.path.relpath(path, os.path.abspath(out_dir)).replace(os.sep, "/")


def _inside(path: str, out_dir: str) -> bool:
    """Whether a source written in ``out_dir`` can read ``path``: the reader's own rule."""
    from ..readers.yamlsrc import inside_folder

    return inside_folder(out_dir, _relative(path, out_dir)) is not None


def _files(ed: Edition, out_dir: str) -> list[str]:
    out = [""]
    if ed.bibliography:
        out.append(f"bibliography: {_flow([_relative(b, out_dir) for b in ed.bibliography])}")
    # the registers file the entries were read from, when it lies inside the output's folder
    source = os.path.abspath(ed.source) if ed.source else ""
    files = {os.path.abspath(e.loc.file) for e in ed.registers.values() if e.loc.line} - {source}
    kept = next(iter(files)) if len(files) == 1 and _inside(next(iter(files)), out_dir) else ""
    if kept:
        out.append(f"registers: {scalar(_relative(kept, out_dir))}")
    out += _register_lines([e for e in ed.registers.values() if not (kept and e.loc.line and os.path.abspath(e.loc.file) == kept)])
    return out if len(out) > 1 else []


def registers_text(entries: Iterable[RegisterEntry], header: Iterable[str] = ()) -> str:
    """A registers file (``persons:``, ``places:``, ``subjects:``) holding ``entries``."""
    lines = [f"# {h}".rstrip() for h in header] + _register_lines(list(entries))
    return "\n".join(lines).lstrip("\n") + "\n"


def _register_lines(entries: list[RegisterEntry]) -> list[str]:
    out = []
    for group, kind in _REGISTER_KINDS:
        of_kind = [e for e in entries if e.kind == kind]
        if of_kind:
            out += ["", f"{group}:"]
            for e in of_kind:
                out += _entry(e)
    return out


def _entry(e: RegisterEntry) -> list[str]:
    fields = [("dates", e.dates), ("description", e.description)]
    lists = [("variants", e.variants), ("see", e.see), ("see-also", e.see_also)]
    if not any(v for _, v in fields) and not any(v for _, v in lists) and not e.parent and not e.authority:
        return [f"  {scalar(e.key)}: {scalar(e.name)}"]
    out = [f"  {scalar(e.key)}:", f"    name: {scalar(e.name)}"]
    out += [f"    {k}: {scalar(v)}" for k, v in fields if v]
    out += [f"    {k}: {_flow(v)}" for k, v in lists if v]
    out += [f"    parent: {scalar(e.parent)}"] * bool(e.parent)
    out += [f"    {k}: {scalar(v)}" for k, v in sorted(e.authority.items())]
    return out


def _settings(st: Settings, source: str, out_dir: str) -> list[str]:
    default = Settings()
    out = []
    if st.citation_style != default.citation_style:
        style = st.citation_style
        if style.endswith(".py") and source:
            style = _relative(os.path.join(os.path.dirname(os.path.abspath(source)), style), out_dir)
        out.append(f"citation-style: {scalar(style)}")
    pairs = [("page-size", "page_size"), ("apparatus", "apparatus"), ("apparatus-place", "apparatus_place"), ("index-refs", "index_refs"), ("pdf-variant", "pdf_variant")]
    lines = [f"  {key}: {scalar(getattr(st, attr))}" for key, attr in pairs
             if getattr(st, attr) != getattr(default, attr) or (attr == "page_size" and st.page_size_given and st.theme != default.theme)]  # it wins over the theme's
    if st.theme != default.theme:  # a folder theme by its name (themes/<name>/ beside the source)
        lines.append(f"  theme: {scalar(os.path.basename(st.theme.rstrip(os.sep)))}")
    if st.line_numbers:
        sub = [f"every: {st.line_every}"]
        sub += [f"restart: {scalar(st.line_restart)}"] * (st.line_restart != default.line_restart)
        sub += [f"side: {scalar(st.line_side)}"] * (st.line_side != default.line_side)
        lines.append("  line-numbers: {" + ", ".join(sub) + "}")
    notes = [(k, getattr(st, f"editor_{k}")) for k in ("numbering", "series", "mark")]
    notes = [f"{k}: {scalar(v)}" for k, v in notes if v != getattr(default, f"editor_{k}")]
    if notes:  # edition/notekinds.py
        lines.append("  editor-notes: {" + ", ".join(notes) + "}")
    if st.fonts:
        lines.append("  fonts: {" + ", ".join(f"{k}: {scalar(v)}" for k, v in st.fonts.items()) + "}")
    if st.extra_css:
        lines.append("  css: " + _flow([_relative(p, out_dir) for p in st.extra_css]))
    if lines:
        out += ["", "settings:"] + lines
    return out


def _section(s: Section, sigla, comments: Comments, indent: str) -> list[str]:
    from ..readers.yamlsrc import slugify

    keys = indent + "  "
    lines = []
    if s.heading:
        lines.append(f"{keys}heading: {scalar(inline_text(s.heading, sigla))}")
    if s.id != (slugify(s.heading_text) if s.heading_text else ""):
        lines.append(f"{keys}id: {scalar(s.id)}")
    if s.blocks or not (s.heading or s.sections):
        lines += _key_value(keys, "text", text_scalar(s.blocks, sigla, keys + "  "))
    if s.sections:
        lines.append(f"{keys}sections:")
        for sub in s.sections:
            lines += _section(sub, sigla, comments, keys)
    return comments.of(s, indent) + [f"{indent}- {lines[0][len(keys):]}"] + lines[1:]


# --------------------------------------------------------------------------- the format


@register_writer
class YamlWriter(Writer):
    """The edition source format itself: a model (from any reader) written back as YAML."""

    name = "yaml"
    suffixes = (".yaml", ".yml")
    description = "edition source: YAML with inline markup (docs/format.md)"

    def write(self, edition: Edition, output: str, reporter: Reporter, options: WriteOptions) -> WriteResult:
        from ..core import write_atomic

        options.progress(f"[2/2] writing {output}")
        out_dir = os.path.dirname(os.path.abspath(output))
        for path in edition.bibliography:
            if not _inside(path, out_dir):
                reporter.warning(Loc(output, 0, 0), f"the bibliography {path} lies outside the folder of {os.path.basename(output)}: that source cannot read it",
                                 "write the output beside the source, or copy the file next to it")
        lost = unexpressed(edition)
        if lost:
            listed = ", ".join(f"{name} ×{n}" for name, n in sorted(lost.items()))
            reporter.warning(Loc(output, 0, 0), f"the source format has no markup for {listed}: written as the text they print",
                             "keep the TEI file as the source of such an edition (edition build edition.xml)")
        write_atomic(output, source_text(edition, out_dir).encode("utf-8"))
        return WriteResult(output)


__all__ = [
    "Comments", "YamlWriter", "escape_attr", "escape_text", "inline_text", "quote_attr", "quoted", "registers_text",
    "scalar", "source_text", "tag_attributes", "wrap",
]
