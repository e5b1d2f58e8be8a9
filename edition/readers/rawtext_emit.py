"""Writing the draft: inline syntax for one paragraph, and the YAML file, by hand.

The YAML is written by hand so that the editor gets a readable file: block literals
(``text: |``) wrapped at about 100 columns, comments (``# CHECK: ...``) in front of the text
they concern.  Text is escaped for the inline syntax of docs/format.md (``[ ] * ^ { < \\``);
values inside ``key="..."`` attributes escape ``\\`` and ``"`` on top of that.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .rawtext_suspects import Suspect
from .rawtext_text import NOTE_RE, PB_RE, SENTINEL_RE, url_spans

INLINE_SPECIAL = re.compile(r"([\\\[\]*^{<])")
PLAIN_SCALAR = re.compile(r"[^\W\d_][\w .’'()\-–/]*[\w.)’']|[^\W\d_]")
YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
WRAP = 100


def escape_text(s: str) -> str:
    """Plain text -> inline syntax that prints as ``s``."""
    return INLINE_SPECIAL.sub(r"\\\1", s)


def escape_attr(s: str) -> str:
    r"""Plain text -> the inside of a double-quoted attribute value.

    The value is unescaped once as an attribute (``\\x`` -> ``x``) and then read as inline
    text, so a special character needs an escaped backslash before its own escape:
    ``[`` -> ``\\\[``.  An odd number of backslashes before a bracket also keeps the brackets
    of the enclosing note or span balanced for a reader that counts them.
    """
    out = []
    for c in s:
        if c == "\\":
            out.append("\\" * 4)
        elif INLINE_SPECIAL.match(c):
            out.append("\\" * 3 + c)
        elif c == '"':
            out.append('\\"')
        else:
            out.append(c)
    return "".join(out)


def app_markup(s: Suspect, base: str = "J") -> str:
    return f'[{escape_text(s.lemma)}]{{.app {base}="{escape_attr(s.reading)}" type=suspect note="{escape_attr(s.comment)}"}}'


def render_inline(text: str, suspects: list[Suspect], notes: dict[int, str], base: str = "J", labels: dict | None = None) -> str:
    """Text with sentinels -> inline syntax: notes, page breaks, suspects, autolinks, escapes.

    ``notes`` maps a note number to its text already rendered; ``labels`` maps the page
    index of a page-break sentinel to the printed page number.
    """
    events: list[tuple[int, int, str]] = [(s.start, s.end, app_markup(s, base)) for s in suspects]
    for m in SENTINEL_RE.finditer(text):
        pb, note = PB_RE.fullmatch(m.group()), NOTE_RE.fullmatch(m.group())
        if pb:
            n = (labels or {}).get(int(pb.group(1))) or pb.group(1)
            events.append((m.start(), m.end(), f"{{pb n={n}}}"))
        elif note:
            events.append((m.start(), m.end(), f"^[{notes.get(int(note.group(1)), '')}]"))
    taken = [(a, b) for a, b, _ in events]
    for a, b in url_spans(text):
        url = text[a:b]
        if re.match(r"(?:https?|ftp)://", url, re.I) and not any(x < b and a < y for x, y in taken):
            events.append((a, b, f"<{url}>"))
    events.sort()
    out, pos = [], 0
    for a, b, markup in events:
        if a < pos:
            continue
        out.append(escape_text(text[pos:a]))
        out.append(markup)
        pos = b
    out.append(escape_text(text[pos:]))
    return re.sub(r"[ \t]{2,}", " ", "".join(out)).strip()


# --------------------------------------------------------------------------- YAML


def scalar(s: str) -> str:
    """A YAML scalar for one line of text: plain when unambiguous, else double-quoted."""
    if PLAIN_SCALAR.fullmatch(s) and s.lower() not in YAML_WORDS and ": " not in s and " #" not in s:
        return s
    return json.dumps(s, ensure_ascii=False)


def wrap(paragraph: str, width: int = WRAP) -> list[str]:
    """Break a paragraph at spaces; never inside ``{pb n=..}`` nor before a word starting
    with '>' (which would read as a quotation line)."""
    words = re.sub(r"\{pb n=", "{pb\0n=", paragraph).split(" ")
    words = [w.replace("\0", " ") for w in words]
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width and not w.startswith(">"):
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Para:
    text: str  # rendered inline text
    quote: bool = False


@dataclass
class SectionOut:
    heading: str = ""  # rendered inline
    paragraphs: list[Para] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass
class AbstractOut:
    language: str
    heading: str
    paragraphs: list[Para] = field(default_factory=list)
    keywords_label: str = ""
    keywords: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass
class DraftOut:
    title: str
    subtitle: str
    language: str
    source: str
    abstracts: list[AbstractOut]
    sections: list[SectionOut]
    header: list[str] = field(default_factory=list)  # comment lines at the top
    title_check: str = ""


def text_block(paragraphs: list[Para], indent: str) -> list[str]:
    out = [f"{indent}text: |"]
    body = indent + "  "
    for k, p in enumerate(paragraphs):
        if k:
            out.append("")
        text = "\\" + p.text if p.text.startswith(">") else p.text  # not a quotation line
        for line in wrap(text, WRAP - (2 if p.quote else 0)):
            out.append(f"{body}> {line}" if p.quote else f"{body}{line}")
    return out


def comments(lines: list[str], indent: str) -> list[str]:
    return [f"{indent}# {' '.join(c.split())}" for c in lines]


def emit_yaml(d: DraftOut) -> str:
    out: list[str] = [f"# {' '.join(h.split())}" if h else "#" for h in d.header]
    out.append("edition:")
    if d.title_check:
        out.extend(comments([f"CHECK: {d.title_check}"], "  "))
    out.append(f"  title: {scalar(d.title)}")
    if d.subtitle:
        out.append(f"  subtitle: {scalar(d.subtitle)}")
    out.append(f"  language: {scalar(d.language)}")
    if d.abstracts:
        out.append("  abstracts:")
        for a in d.abstracts:
            out.append(f"    - language: {scalar(a.language)}")
            out.append(f"      heading: {scalar(a.heading)}")
            out.extend(comments(a.checks, "      "))
            out.extend(text_block(a.paragraphs or [Para("")], "      "))
            if a.keywords:
                out.append(f"      keywords-label: {scalar(a.keywords_label)}")
                out.append("      keywords:")
                out.extend(f"        - {scalar(k)}" for k in a.keywords)
    out.append("")
    out.append("witnesses:")
    out.append(f"  J: {scalar('the print, as extracted to text (' + d.source + ')')}")
    out.append("  ed.: the present editor")
    out.append("base-witness: J")
    out.append("")
    out.append("body:")
    if not d.sections:
        out.append("  - text: |")
        out.append("      ")
    for s in d.sections:
        first = True
        if s.checks:
            out.extend(comments(s.checks, "  "))
        if s.heading:
            out.append(f"  - heading: {scalar(s.heading)}")
            first = False
        if s.paragraphs:
            block = text_block(s.paragraphs, "    ")
            if first:
                block[0] = "  - " + block[0].lstrip()
            out.extend(block)
        elif first:
            out.append("  - text: \"\"")
    return "\n".join(out) + "\n"
