"""Model -> HTML for WeasyPrint (and for the web), through Jinja templates.

The writer is a visitor (``visit_<Node>`` methods) for inline nodes and a Jinja template
(``templates/<theme>/edition.html.j2``) for the page structure.  What depends on the layout
(page of each note, letters of apparatus markers, index page numbers) comes in a
:class:`~edition.layout.plan.LayoutPlan` computed from the previous layout pass; with no plan
(the first pass) every note and apparatus entry floats to the foot on its own, so the first
layout reserves their space where their calls fall.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from html import escape
from typing import Optional

import jinja2

from .. import __version__
from ..collation import group_letter, sort_key
from ..hyphenate import soft_hyphenate
from ..model import (
    App,
    Cite,
    Edition,
    Emph,
    Inline,
    Link,
    Note,
    PageBreak,
    Section,
    SmallCaps,
    Strong,
    Tag,
    Text,
    plain_text,
    walk_inlines,
)
from ..terms import term
from ..transforms.blocks import numbered_blocks

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATES = os.path.join(ROOT, "templates")
STYLES = os.path.join(ROOT, "styles")

_env_cache: dict[str, jinja2.Environment] = {}

# height of the rule before an apparatus series at the foot of the page (styles: .app-series)
RULE_PT = 4.0
# line height of an apparatus series (styles: .app-series, 8pt x 1.25)
APP_LINE_PT = 10.0
# what the first layout reserves under every foot, per apparatus series: its rule, and the
# last line of a run-in series, which its entries' shares do not fill
RESERVE_PT = RULE_PT + APP_LINE_PT


def environment(theme: str = "default") -> jinja2.Environment:
    """A cached Jinja environment for a theme (templates compile once per process)."""
    if theme not in _env_cache:
        _env_cache[theme] = jinja2.Environment(
            loader=jinja2.FileSystemLoader(os.path.join(TEMPLATES, theme)),
            autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _env_cache[theme]


def theme_files(theme: str = "default") -> list[str]:
    """The files of a theme (templates and stylesheet) that a build reads."""
    out = []
    for folder in (os.path.join(TEMPLATES, theme), os.path.join(STYLES, theme)):
        for base, _dirs, names in os.walk(folder):
            out.extend(os.path.join(base, name) for name in sorted(names))
    return out


def letters(i: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa.

    >>> [letters(i) for i in (0, 1, 25, 26, 27)]
    ['a', 'b', 'z', 'aa', 'ab']
    """
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(97 + r) + s
    return s


def abbreviate_lemma(text: str, max_words: int = 4) -> str:
    """Long lemmas print as their first and last words.

    >>> abbreviate_lemma("Mondros Mütarekesi’nin 7. Maddesi’ni uygulamaya")
    'Mondros … uygulamaya'
    """
    words = text.split()
    if len(words) <= max_words:
        return text
    return f"{words[0]} … {words[-1]}"


class HTMLWriter:
    """Write one edition as one HTML document for one layout pass."""

    def __init__(
        self,
        edition: Edition,
        plan=None,
        theme: str = "default",
        hyphenate: bool = True,
        source_date: Optional[str] = None,
        entry_heights: Optional[dict[int, float]] = None,
        back_matter: bool = True,
    ):
        # first layout: apparatus entry -> height (px) of its share of a run-in apparatus
        # (edition/layout/feet.py); the entry floats as an empty block that tall
        self.entry_heights = entry_heights or {}
        # the back matter (endnotes, bibliography, indexes); the first layout leaves it out
        # (edition/layout: it follows the text and cannot move its page breaks)
        self.back_matter = back_matter
        self.apps_in_note: dict[int, list[App]] = {}
        for a in edition.apparatus:
            if a.in_note:
                self.apps_in_note.setdefault(a.in_note, []).append(a)
        self.ed = edition
        self.plan = plan
        self.theme = theme
        self.lang = edition.meta.language
        self.hyphenate = hyphenate
        self.source_date = source_date
        self._in_note = False
        self._in_heading = False
        # the number of each block of the edited text (data-b="1"...: page starts), as the
        # model gives it (transforms/blocks.py), by the inline list the template passes
        self._block_of = {id(b.heading if isinstance(b, Section) else b.content): b.block for b in numbered_blocks(edition)}
        self._pending_foot = ""  # the foot of a page that began with a heading
        self.digests: dict[str, str] = {}  # block id -> digest of what its lines are made of
        # one chunk of a page-exact layout, rendered on its own (edition/layout/chunks.py):
        # the (block, offset) page starts where it begins and where the next chunk begins
        # (None: the document's start, its end), and the number of pages before it
        self.chunk: Optional[tuple] = None
        self.page_offset = 0
        self.quoted: set[str] = set()  # blocks inside block quotes (not chunk starts)
        self._in_front = False
        # apparatus entries in the front matter (abstracts) sit outside the numbered lines
        self.front_apps: set[int] = {
            n.n for ab in edition.meta.abstracts for p in ab.paragraphs for n in walk_inlines(p.content) if isinstance(n, App)
        }

    # ------------------------------------------------------------------ inline visitor
    def inlines(self, nodes: list[Inline]) -> str:
        out = []
        for i, node in enumerate(nodes):
            if isinstance(node, Text) and i + 1 < len(nodes) and isinstance(nodes[i + 1], PageBreak) and node.text.endswith(" "):
                # a milestone never stands alone on a line: tie it to the word before it
                node = Text(node.text.rstrip() + "\u00a0", loc=node.loc)
            out.append(self.visit(node))
        return "".join(out)

    def front_inlines(self, nodes: list[Inline]) -> str:
        """Front matter (abstracts): outside the numbered lines, so apparatus keys by letter."""
        was = self._in_front
        self._in_front = True
        try:
            return self.inlines(nodes)
        finally:
            self._in_front = was

    def visit(self, node: Inline) -> str:
        return getattr(self, "visit_" + type(node).__name__)(node)

    def text(self, s: str) -> str:
        if self.hyphenate and not self._in_heading:
            s = soft_hyphenate(s, self.lang)
        return escape(s, quote=False)

    def visit_Text(self, node: Text) -> str:
        return self.text(node.text)

    def visit_Emph(self, node: Emph) -> str:
        return f"<em>{self.inlines(node.content)}</em>"

    def visit_Strong(self, node: Strong) -> str:
        return f"<strong>{self.inlines(node.content)}</strong>"

    def visit_SmallCaps(self, node: SmallCaps) -> str:
        return f'<span class="sc">{self.inlines(node.content)}</span>'

    def visit_Link(self, node: Link) -> str:
        # URLs print as written, with break opportunities after slashes
        label = escape(plain_text(node.content), quote=False).replace("/", "/\u200b")
        return f'<a class="url" href="{escape(node.url)}">{label}</a>'

    def visit_Cite(self, node: Cite) -> str:
        keys = " ".join(i.key for i in node.items)
        return f'<span class="cite" data-keys="{escape(keys)}">{self.inlines(node.rendered)}</span>'

    def visit_Tag(self, node: Tag) -> str:
        inner = self.inlines(node.content)
        if not node.id:
            return inner
        return f'<span class="tag {node.kind}" id="{node.id}">{inner}</span>'

    def visit_PageBreak(self, node: PageBreak) -> str:
        label = escape(f"{self.ed.base_witness or ''} {node.n}".strip())
        return f'<span class="pb" title="{escape(term(self.lang, "page_of_witness"))} {label}">|<span class="pb-n">{label}</span></span>'

    def visit_Note(self, node: Note) -> str:
        call = f'<sup class="fn-call" id="fnref{node.n}">{node.n}</sup>'
        if self.plan is None:
            return call + self.note_body(node) + self.note_apps_floating(node)
        return call + self.foot_block_at(("fn", node.n))

    def visit_App(self, node: App) -> str:
        lemma = self.inlines(node.content)
        line_mode = self.ed.settings.apparatus == "line" and not node.in_note and not self._in_front
        mark = "" if line_mode else self.app_mark(node)
        call = f'<span class="app-call" id="appref{node.n}"{self.mark_room(node, mark)}>{mark}</span>'
        html = f'<span class="lem" id="lem{node.n}">{lemma}</span>{call}'
        if node.in_note or self.ed.settings.apparatus_place == "end":
            return html  # its entry travels with the note, or goes to the critical endnotes
        if self.plan is None:
            return html + self.floating_entry(node)
        return html + self.foot_block_at(("app", node.n))

    # ------------------------------------------------------------------ blocks of the text
    def _next_block(self, content: list[Inline]) -> tuple[str, list[int]]:
        ident = str(self._block_of[id(content)])
        breaks = getattr(self.plan, "breaks", None) or {}
        return ident, breaks.get(ident, [])

    def _digest(self, ident: str, inner: str) -> None:
        from ..layout.breaks import running_html

        self.digests[ident] = hashlib.md5(running_html(inner).encode("utf-8")).hexdigest()

    def quote_attrs(self, paragraphs: list) -> Optional[str]:
        """A block quote names the blocks it holds (data-q), so that CSS can show or hide it
        with them (edition/layout/patch.py).  None: a chunk leaves the quote out."""
        ids = [str(p.block) for p in paragraphs]
        self.quoted.update(ids)
        if self.chunk is not None:
            states = {self.part_state(b, 0) for b in ids} | {self.part_state(b, 1 << 30) for b in ids}
            if states == {"drop"}:
                return None
            if "keep" not in states:
                return jinja2.utils.markupsafe.Markup(f' data-q="{" ".join(ids)}" hidden')
        return jinja2.utils.markupsafe.Markup(f' data-q="{" ".join(ids)}"')

    def part_state(self, ident: str, k: int) -> str:
        """Whether the part of block ``ident`` that begins at offset ``k`` is in this chunk
        ("keep"), is the part just before it, written but hidden so that sibling selectors
        (``h2 + p``) still apply ("hide"), or is left out ("drop")."""
        if self.chunk is None:
            return "keep"
        start, end = self.chunk
        key = (int(ident), k)
        if end is not None and key >= (int(end[0]), end[1]):
            return "drop"
        if start is None or key >= (int(start[0]), start[1]):
            return "keep"
        if int(ident) == int(start[0]) or int(ident) == int(start[0]) - 1:
            return "hide"
        return "drop"

    @property
    def front_matter(self) -> bool:
        """The title block, abstracts and editor's note (not in a later chunk)."""
        return self.chunk is None or self.chunk[0] is None

    def heading(self, level: int, content: list[Inline]) -> str:
        ident, breaks = self._next_block(content)
        state = self.part_state(ident, 0)
        if state == "drop":
            return ""
        was = self._in_heading
        self._in_heading = True
        try:
            inner = self.inlines(content)
        finally:
            self._in_heading = was
        cls = "heading brk" if 0 in breaks else "heading"
        self._digest(ident, inner)
        if state == "hide":
            return f'<h{level} class="{cls}" data-b="{ident}" hidden>{inner}</h{level}>'
        # a page that begins with a heading takes its foot from its first paragraph: a
        # float in the heading's line would change that line's height
        self._pending_foot = self.page_foot(ident, 0) or self._pending_foot
        return f'<h{level} class="{cls}" data-b="{ident}">{inner}</h{level}>'

    def paragraph(self, content: list[Inline]) -> str:
        """A paragraph of the edited text; split where a page of the layout began in it
        (:mod:`edition.layout.breaks`), each later part starting a new page."""
        from ..layout.breaks import split_html

        ident, breaks = self._next_block(content)
        if self.part_state(ident, 0) == self.part_state(ident, 1 << 30) == "drop":
            return ""
        inner = self.inlines(content)
        self._digest(ident, inner)
        inner = self._pending_foot + inner
        self._pending_foot = ""
        if not breaks:
            state = self.part_state(ident, 0)
            if state == "hide":
                return f'<p data-b="{ident}" hidden>{inner}</p>'
            return f'<p data-b="{ident}">{self.page_foot(ident, 0)}{inner}</p>'
        starts = [0] + [k for k in breaks if k > 0]
        parts = split_html(inner, [k for k in breaks if k > 0])
        if 0 in breaks:
            parts = [""] + parts
            starts = [0] + starts
        kept = [(k, part) for k, part in zip(starts, parts) if _has_content(part)]
        out = []
        for i, (k, part) in enumerate(kept):
            state = self.part_state(ident, k)
            if state == "drop":
                continue
            cls = []
            if k > 0 or (0 in breaks and i == 0):
                cls.append("brk")
            if k > 0:
                cls.append("cont")
            if i + 1 < len(kept):
                cls.append("split-head")
            ids = f'data-b="{ident}"' + (f' data-k="{k}"' if k else "")
            attr = f' class="{" ".join(cls)}"' if cls else ""
            if state == "hide":
                out.append(f"<p {ids}{attr} hidden>{part}</p>")
            else:
                out.append(f"<p {ids}{attr}>{self.page_foot(ident, k)}{part}</p>")
        return "".join(out)

    # ------------------------------------------------------------------ foot of the page
    def app_mark(self, node: App) -> str:
        if self.plan is not None and node.n in self.plan.app_letter:
            return self.plan.app_letter[node.n]
        return letters((node.n - 1) % 26)

    def mark_room(self, node: App, mark: str) -> str:
        """A marker's letter is known only after the first layout: a later pass gives it the
        width its first-layout letter had (a margin makes up the difference), so that the
        lines break where the first layout broke them."""
        widths = getattr(self.plan, "mark_width", None)
        if not mark or not widths or node.n not in widths:
            return ""
        letter = self.plan.letter_width
        if any(c not in letter for c in mark):
            return ""
        room = widths[node.n] - sum(letter[c] for c in mark)
        return f' style="margin-right: {room:.4f}px"' if abs(room) > 1e-4 else ""

    def note_body(self, node: Note, floating: bool = True) -> str:
        was = self._in_note
        self._in_note = True
        inner = self.inlines(node.content)
        self._in_note = was
        cls = "footnote fl" if floating else "footnote"
        return f'<span class="{cls}" id="{node.id}"><span class="fn-num">{node.n}</span> {inner}</span>'

    def note_apps_floating(self, node: Note) -> str:
        """First pass: the entries of apparatus lemmas inside a note float with the note."""
        if self.ed.settings.apparatus_place == "end":
            return ""
        return "".join(
            self.floating_entry(a) for a in self.apps_in_note.get(node.n, ())
        )

    def floating_entry(self, node: App) -> str:
        """First layout: an apparatus entry as a float of its own: the height of its share of
        the page's run-in apparatus when that was measured, else the entry itself."""
        height = self.entry_heights.get(node.n)
        if height is not None:
            return f'<span class="app-entry fl share" id="{node.id}" style="height: {height:.3f}px"></span>'
        return f'<span class="app-entry fl" id="{node.id}">{self.app_entry(node)}</span>'

    def app_key(self, node: App) -> str:
        """How an entry is keyed to the text: a letter, a line (range) or the note's number."""
        if self.ed.settings.apparatus != "line" or node.n in self.front_apps:
            return f'<span class="app-mark">{self.app_mark(node)}</span>'
        if node.in_note:
            return f'<span class="app-line">{node.in_note}n</span>'
        if self.plan is None:  # first pass: lines unknown; a two-digit stand-in keeps the width
            return '<span class="app-line">00</span>'
        first, last = self.plan.app_lines.get(node.n, (0, 0))
        label = str(first) if first == last else f"{first}–{last}"
        return f'<span class="app-line">{label}</span>'

    def app_entry(self, node: App, key: bool = True) -> str:
        lemma_text = plain_text(node.content).strip()
        parts = [self.app_key(node)] if key else []
        readings = []
        for r in node.readings:
            sig = " ".join(f'<span class="sig">{escape(w)}</span>' for w in r.wits)
            if not r.text:
                readings.append(f'<span class="om">{escape(term(self.lang, "om."))}</span> {sig}')
            elif not lemma_text:
                readings.append(f'+ <span class="rdg">{self.plain_inlines(r.content)}</span> {sig}')
            else:
                readings.append(f'<span class="rdg">{self.plain_inlines(r.content)}</span> {sig}')
        if lemma_text:
            parts.append(f'<span class="lemma">{escape(abbreviate_lemma(lemma_text))}</span>]')
        parts.append("; ".join(readings))
        if node.comment:
            parts.append(f'<span class="app-note">{escape(node.comment)}</span>')
        elif node.type:
            parts.append(f'<span class="app-type">{escape(term(self.lang, "type:" + node.type))}</span>')
        return " ".join(parts)

    def series_entries(self, apps: list[App]) -> str:
        """One page's entries of one series, run in. Keyed by line, they are ordered by line
        (entries in notes after the text's, by note) and a repeated line number prints as
        '|', as critical editions do."""
        if self.ed.settings.apparatus != "line" or self.plan is None:
            return "\u2003".join(f'<span class="app-entry" id="{a.id}">{self.app_entry(a)}</span>' for a in apps)

        def order(a: App):
            if a.n in self.front_apps:
                return (-1, 0, a.n)
            return (1, a.in_note, a.n) if a.in_note else (0, *self.plan.app_lines.get(a.n, (0, 0)), a.n)

        out, previous = [], None
        for a in sorted(apps, key=order):
            key = (a.in_note, self.plan.app_lines.get(a.n)) if not a.in_note else (a.in_note, None)
            if key == previous:
                out.append(f'<span class="app-sep">|</span> <span class="app-entry" id="{a.id}">{self.app_entry(a, key=False)}</span>')
            else:
                out.append(("\u2003" if out else "") + f'<span class="app-entry" id="{a.id}">{self.app_entry(a)}</span>')
            previous = key
        return " ".join(out)

    def endnotes(self) -> list[tuple[str, str]]:
        """Critical endnotes: (page label, that page's entries) in page order."""
        if self.ed.settings.apparatus_place != "end" or not self.ed.apparatus:
            return []
        by_page: dict[int, list[App]] = {}
        for a in self.ed.apparatus:
            page = self.plan.app_page.get(a.n, -1) if self.plan is not None else -1
            by_page.setdefault(page, []).append(a)
        label = self.plan.page_label if self.plan is not None else (lambda p: "?")
        return [(label(p), self.series_entries(apps)) for p, apps in sorted(by_page.items())]

    def plain_inlines(self, nodes: list[Inline]) -> str:
        was = self.hyphenate
        self.hyphenate = False
        out = self.inlines(nodes)
        self.hyphenate = was
        return out

    def series_count(self) -> int:
        """Apparatus series printed at the foot of the page."""
        if self.ed.settings.apparatus_place != "foot":
            return 0
        return len({a.series for a in self.ed.apparatus})

    def foot_block_at(self, call: tuple[str, int]) -> str:
        """Later passes: the whole foot of a page floats from the page's first call (pages
        that do not begin at a held break)."""
        page = self.plan.block_at.get(call)
        return "" if page is None else self.foot_block(page)

    def page_foot(self, ident: str, offset: int) -> str:
        """The foot of the page that begins at ``offset`` in block ``ident``, if one does."""
        starts = getattr(self.plan, "start_page", None) or {}
        page = starts.get((ident, offset))
        return "" if page is None else self.foot_block(page)

    def foot_block(self, page: int, notes_text: bool = True) -> str:
        """A page's author's notes, then its apparatus series, as one float.  Without
        ``notes_text`` the notes' series is left empty (to measure the rest of the foot)."""
        notes = [n for n in self.ed.notes if self.plan.note_page.get(n.n) == page]
        at_foot = self.ed.settings.apparatus_place == "foot"
        apps = [a for a in self.ed.apparatus if at_foot and self.plan.app_page.get(a.n) == page]
        if not notes and not apps:
            return ""
        series = sorted({a.series for a in apps})
        rules = len(series) - (0 if notes else 1) if series else 0
        # give back what the first layout reserved for series this page does not print, and
        # for the rule a first series under no notes does not draw (see RESERVE_PT)
        spare = RESERVE_PT * (self.series_count() - len(series)) + RULE_PT * (len(series) - rules)
        style = f' style="padding-bottom: {spare:g}pt"' if spare > 0 else ""
        html = [f'<span class="foot-block fl"{style}>']
        if notes:
            # measured without its text, the notes' series keeps 1px, so that the margin of
            # the series under it does not collapse through it (feet.py takes the 1px off)
            html.append('<span class="fn-series">' if notes_text else '<span class="fn-series" style="height: 1px">')
            if notes_text:
                html.extend(self.note_body(n, floating=False) for n in notes)
            html.append("</span>")
        by_series: dict[str, list[App]] = {}
        for a in apps:
            by_series.setdefault(a.series, []).append(a)
        for series in series:
            html.append(f'<span class="app-series series-{escape(series)}">{self.series_entries(by_series[series])}</span>')
        html.append("</span>")
        return "".join(html)

    # ------------------------------------------------------------------ back matter
    def index_groups(self, kind: str):
        """The index of one register: letter groups of top-level rows (:class:`IndexRow`).

        An entry prints when it is tagged, when one of its sub-entries prints (``parent:``),
        or when it is a cross-reference (``see:``) to an entry that prints.  Page references
        come from the layout plan (none in the first pass); see/see-also targets that do
        not print are left out.
        """
        plan = self.plan
        label = plan.page_label if plan else (lambda p: str(p + 1))
        occ: dict[str, list] = {}
        for tag in self.ed.tags:
            if tag.kind != kind:
                continue
            occ.setdefault(tag.key, [])
            if plan is not None and tag.id in plan.tag_page:
                where = 2 if tag.in_app else 1 if tag.in_note else 0
                line = plan.tag_line.get(tag.id, 0) if self.ed.settings.index_refs == "page.line" else 0
                occ[tag.key].append((plan.tag_page[tag.id], where, tag.id, line) if line else (plan.tag_page[tag.id], where, tag.id))
        entries = {e.key: e for e in self.ed.registers.values() if e.kind == kind}
        printed: set[str] = set()

        def add(key: str) -> None:  # an entry and the chain of its parents
            while key in entries and key not in printed:
                printed.add(key)
                key = entries[key].parent

        for key in occ:
            add(key)
        for key, entry in entries.items():
            if entry.see and any(self._ref_target(entry, ref) is not None for ref in entry.see):
                add(key)

        rows: dict[str, IndexRow] = {}
        for key in printed:
            entry = entries[key]
            rows[key] = IndexRow(
                entry,
                anchor=index_anchor(entry),
                pages=(line_refs if self.ed.settings.index_refs == "page.line" else page_refs)(occ.get(key, []), label) if not entry.see else [],
                see=[t for t in (self._ref_target(entry, r) for r in entry.see) if t],
                see_also=[t for t in (self._ref_target(entry, r) for r in entry.see_also) if t],
            )
        top: list[IndexRow] = []
        for key, row in rows.items():
            parent = row.entry.parent
            (rows[parent].children if parent in rows and parent != key else top).append(row)
        order = lambda r: sort_key(r.entry.name, self.lang)

        def settle(row_list: list, level: int) -> None:
            row_list.sort(key=order)
            for r in row_list:
                r.level = level
                settle(r.children, level + 1) if level < 10 else r.children.clear()

        settle(top, 0)
        groups: list[tuple[str, list]] = []
        for row in top:
            letter = group_letter(row.entry.name, self.lang)
            if not groups or groups[-1][0] != letter:
                groups.append((letter, []))
            groups[-1][1].append(row)
        return groups

    def _ref_target(self, entry, ref: str):
        """(headword, anchor) of a see/see-also target that the index prints, else None."""
        from ..transforms.registers import resolve_ref

        target = resolve_ref(self.ed, entry, ref)
        if target is None or target.see:
            return None
        if not any(t.kind == target.kind and t.key == target.key for t in self.ed.tags) and not self._has_tagged_child(target):
            return None
        name = target.name
        parent = self.ed.register(target.kind, target.parent) if target.parent else None
        if parent is not None:
            name = f"{parent.name}: {name}"
        return name, index_anchor(target)

    def _has_tagged_child(self, entry) -> bool:
        keys = {t.key for t in self.ed.tags if t.kind == entry.kind}
        seen, todo = set(), [entry.key]
        while todo:
            key = todo.pop()
            for e in self.ed.registers.values():
                if e.kind == entry.kind and e.parent == key and e.key not in seen:
                    if e.key in keys:
                        return True
                    seen.add(e.key)
                    todo.append(e.key)
        return False

    def keywords(self) -> list[str]:
        """Keywords for the PDF metadata: those of the edition's language first, then the rest."""
        abstracts = sorted(self.ed.meta.abstracts, key=lambda a: a.language != self.lang)
        out: list[str] = []
        for ab in abstracts:
            out.extend(k for k in ab.keywords if k not in out)
        return out

    # ------------------------------------------------------------------ the document
    def layout_css(self) -> str:
        """CSS that depends on the pass: the first layout reserves room under every foot
        (RESERVE_PT per series); later passes let a page's foot run into the bottom margin
        as far as it was measured to need (edition/layout/feet.py)."""
        if self.plan is None:
            if not self.series_count():
                return ""
            return f"@page {{ @footnote {{ padding-bottom: calc({RESERVE_PT * self.series_count():g}pt + 0.5px); }} }}"
        drops = getattr(self.plan, "foot_drop", None) or {}
        first = self.page_offset  # a chunk's pages are counted from its first
        return "\n".join(
            f"@page :nth({page + 1 - first}) {{ @footnote {{ margin-bottom: -{px:.3f}px; }} }}" for page, px in sorted(drops.items()) if page >= first
        )

    def stylesheet(self) -> str:
        """The theme's CSS (read on every pass: ``edition watch`` sees a changed stylesheet)."""
        with open(os.path.join(STYLES, self.theme, "edition.css"), encoding="utf-8") as fh:
            return fh.read()

    def render(self) -> str:
        ed = self.ed
        template = environment(self.theme).get_template("edition.html.j2")
        css = self.stylesheet()
        return template.render(
            ed=ed,
            meta=ed.meta,
            w=self,
            css=css,
            page_size=ed.settings.page_size,
            t=lambda key: term(self.lang, key),
            version=__version__,
            source_date=self.source_date,
            keywords=self.keywords(),
            layout_css=self.layout_css(),
            description=" ".join(plain_text(p.content) for p in ed.meta.abstracts[0].paragraphs) if ed.meta.abstracts else "",
            indexes=[(k, self.index_groups(k)) for k in ("person", "place", "subject") if any(t.kind == k for t in ed.tags)] if self.back_matter else [],
            markup=lambda s: jinja2.utils.markupsafe.Markup(s),
        )


def _has_content(part: str) -> bool:
    """A split part that prints something (text, or a float such as a page's foot)."""
    return bool(re.sub(r"<[^>]*>", "", part).strip()) or 'class="foot-block' in part or " fl" in part


@dataclass
class IndexRow:
    """One printed index entry: its register entry, page references, cross-references
    ((headword, anchor) pairs) and sub-entries."""

    entry: object
    anchor: str = ""
    pages: list = field(default_factory=list)
    see: list = field(default_factory=list)
    see_also: list = field(default_factory=list)
    children: list = field(default_factory=list)
    level: int = 0


def index_anchor(entry) -> str:
    """The id of an entry's line in the index (target of see/see-also links).

    >>> from edition.model import RegisterEntry
    >>> index_anchor(RegisterEntry("mkemal", "person", "Mustafa Kemal")), index_anchor(RegisterEntry("a b/ç", "place", "x"))
    ('ixe-person-mkemal', 'ixe-place-a_20b_2f_e7')
    """
    key = "".join(c if c.isascii() and (c.isalnum() or c in "-.") else f"_{ord(c):02x}" for c in entry.key)
    return f"ixe-{entry.kind}-{key}"


_WHERE = {"body": 0, "note": 1, "app": 2}
_MARK = {0: "", 1: "n", 2: "a"}


def line_refs(occ: list[tuple], label) -> list[dict]:
    """Index references by page and line ("14.12"), for editions that cite lines; an
    occurrence outside the numbered text prints by page ("23n", "23a", or "23").

    >>> [r["label"] for r in line_refs([(13, 0, "a", 12), (13, 0, "b", 12), (13, 0, "c", 30), (22, 1, "d")], lambda p: str(p + 1))]
    ['14.12', '14.30', '23n']
    """
    out: list[dict] = []
    seen: set[str] = set()
    for item in sorted(occ, key=lambda o: (o[0], int(o[1]) if not isinstance(o[1], str) else 0, o[3] if len(o) > 3 else 0)):
        page, where, anchor = item[0], item[1], item[2]
        rank = _WHERE.get(where, 0) if isinstance(where, str) else int(where)
        text = label(page) + (f".{item[3]}" if len(item) > 3 and rank == 0 else _MARK.get(rank, ""))
        if text in seen:
            continue
        seen.add(text)
        out.append({"page": page, "last": page, "anchor": anchor, "body": rank == 0, "where": rank, "label": text})
    return out


def page_refs(occ: list[tuple], label) -> list[dict]:
    """Page references of one index entry: sorted, de-duplicated, ranges merged, 'n' for notes.

    ``occ`` holds (page index, where, anchor id) in reading order; ``where`` is 0 (or False)
    for the text, 1 (or True) for a footnote, 2 for an apparatus reading.  Consecutive text
    pages merge into a range ("12–14"); a page where the entry occurs only in notes prints
    as "23n", only in the apparatus as "23a" (notes before apparatus).  Each reference links
    to the first occurrence of its kind on its first page.

    >>> [r["label"] for r in page_refs([(3, False, "a"), (4, False, "b"), (5, False, "c"), (9, True, "d")], lambda p: str(p + 1))]
    ['4–6', '10n']
    >>> [(r["label"], r["anchor"]) for r in page_refs([(6, 2, "x"), (2, 1, "n1"), (2, 0, "b1"), (2, 0, "b2"), (3, 1, "n2"), (6, 1, "n3")], str)]
    [('2', 'b1'), ('3n', 'n2'), ('6n', 'n3')]
    """
    by_page: dict[int, dict] = {}
    for page, where, anchor in occ:
        rank = _WHERE.get(where, 0) if isinstance(where, str) else int(where)
        ref = by_page.get(page)
        if ref is None or rank < ref["rank"]:
            by_page[page] = {"page": page, "rank": rank, "anchor": anchor}
    out: list[dict] = []
    for page in sorted(by_page):
        ref = by_page[page]
        body = ref["rank"] == 0
        prev = out[-1] if out else None
        if prev and body and prev["body"] and page == prev["last"] + 1:
            prev["last"] = page
            prev["label"] = f"{label(prev['page'])}\u2013{label(page)}"
            continue
        out.append(
            {
                "page": page,
                "last": page,
                "anchor": ref["anchor"],
                "body": body,
                "where": ref["rank"],
                "label": label(page) + _MARK.get(ref["rank"], ""),
            }
        )
    return out
