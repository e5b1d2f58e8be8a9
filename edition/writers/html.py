"""Model -> HTML for WeasyPrint (and for the web), through Jinja templates.

The writer is a visitor (``visit_<Node>`` methods) for inline nodes and a theme's Jinja
template (:mod:`edition.themes`) for the page structure.  :class:`HTMLWriter` knows
no layout: every note and apparatus entry floats at its call, markers run a..z.  What
depends on a layout (page starts, the foot of each page, letters and lines of apparatus
markers, index page numbers) is written by its subclass
:class:`edition.layout.printwriter.PrintWriter`, from a :class:`edition.layout.LayoutPlan`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Optional

import jinja2

from .. import __version__
from ..hyphenate import soft_hyphenate
from ..model import (
    Addition,
    App,
    Choice,
    Deletion,
    Foreign,
    Gap,
    InlineQuote,
    LineBreak,
    Rend,
    Supplied,
    Unclear,
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
)
from ..walk import walk
from ..terms import term
from .. import fontsettings, notekinds, themes
from ..transforms.blocks import numbered_blocks
from ..conventions import of as conventions_of
from ..transforms.present import app_entry


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def curly_apostrophes(text: str) -> str:
    """The straight apostrophe between two letters or digits printed as the typographic
    one (’): a form of the type, not a reading (the editorial principles say so); quotation
    marks and primes are left as they are.

    >>> curly_apostrophes("Mustafa Kemal Paşa'nın 1881'de 'alıntı' 5'")
    "Mustafa Kemal Paşa’nın 1881’de 'alıntı' 5'"
    """
    return _APOSTROPHE.sub("\u2019", text) if "'" in text else text


_RANGE = re.compile(r"(?<=\d)\s*-\s*(?=\d)")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def en_dash(text: str) -> str:
    """Number ranges with the en dash and no spaces, the one convention of the print
    (index dates, page ranges, locators).

    >>> en_dash("1881-1938"), en_dash("s. 61 - 66"), en_dash("Müdafaa-i Hukuk")
    ('1881–1938', 's. 61–66', 'Müdafaa-i Hukuk')

    A complete ISO date keeps its hyphens; a range of two takes the dash between them:

    >>> en_dash("1862-05-15-1931-10-21"), en_dash("1862-05-15 - 1931-10-21"), en_dash("1862-05-15–1931-10-21")
    ('1862-05-15–1931-10-21', '1862-05-15–1931-10-21', '1862-05-15–1931-10-21')
    """
    dates = [m.span() for m in _ISO_DATE.finditer(text)]
    return _RANGE.sub(lambda m: m.group() if any(a < m.start() < b for a, b in dates) else "\u2013", text)


def marks_apostrophe(app: App) -> bool:
    """An apparatus entry whose reading and lemma differ by the apostrophe's form only:
    there the source records the form, and it prints as written.

    >>> from edition.model import Reading, Text
    >>> marks_apostrophe(App([Text("Paşa'nın")], readings=[Reading("Paşa’nın", ["J"])]))
    True
    >>> marks_apostrophe(App([Text("Paşa'nın")], readings=[Reading("Paşanın", ["J"])]))
    False
    """
    lemma = plain_text(app.content)
    return any(r.text != lemma and curly_apostrophes(r.text) == curly_apostrophes(lemma) for r in app.readings)


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



def ref(target: str, inner: str) -> str:
    """A link to the element ``target`` (an id) around ``inner``: a note's call and its number
    at the foot, an apparatus entry's marker in the text and its key at the foot lead to each
    other (in every PDF; the theme prints links as plain text).

    >>> ref("fn3", "3")
    '<a class="ref" href="#fn3">3</a>'
    """
    return f'<a class="ref" href="#{target}">{inner}</a>'

class HTMLWriter:
    """Write one edition as one HTML document, without a layout (the print writer,
    :class:`edition.layout.printwriter.PrintWriter`, writes it for one layout pass)."""

    def __init__(
        self,
        edition: Edition,
        theme: Optional[str] = None,
        hyphenate: bool = True,
        source_date: Optional[str] = None,
    ):
        self.apps_in_note: dict[int, list[App]] = {}
        for a in edition.apparatus:
            if a.in_note:
                self.apps_in_note.setdefault(a.in_note, []).append(a)
        self.ed = edition
        self.theme = theme or edition.settings.theme  # the source's settings: theme (edition/themes)
        self.lang = edition.meta.language
        self.conventions = conventions_of(edition)
        self.hyphenate = hyphenate
        self.source_date = source_date
        self._in_note = False
        self._in_heading = False
        # the number of each block of the edited text (data-b="1"...: page starts), as the
        # model gives it (transforms/blocks.py), by the inline list the template passes
        self._block_of = {id(b.heading if isinstance(b, Section) else b.content): b.block for b in numbered_blocks(edition)}
        self._in_front = False
        # inside an apparatus entry whose reading differs by the apostrophe's form: the
        # source marks that form, it prints as written
        self._keep_apostrophes = False
        # apparatus entries in the front matter (abstracts, editor's note) sit outside the numbered lines
        self.front_apps: set[int] = {n.n for n, where in walk(edition) if isinstance(n, App) and where.front}
        # apparatus entries in a verse line are keyed by the line's number ("5 undas] undis A"),
        # whatever the settings: verse numbers are the edition's own, not the page's
        self.verse_keys: dict[int, str] = {
            n.n: where.block.n for n, where in walk(edition)
            if isinstance(n, App) and where.note is None and where.reading is None and getattr(where.block, "n", "")
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

    def front_inlines(self, nodes: list[Inline], language: str = "") -> str:
        """Front matter (abstracts): outside the numbered lines, so apparatus keys by letter;
        hyphenated by the rules of its ``language`` (an English abstract by English ones)."""
        was, lang = self._in_front, self.lang
        self._in_front, self.lang = True, language or self.lang
        try:
            return self.inlines(nodes)
        finally:
            self._in_front, self.lang = was, lang

    def visit(self, node: Inline) -> str:
        return getattr(self, "visit_" + type(node).__name__)(node)

    def text(self, s: str) -> str:
        if not self._keep_apostrophes:
            s = curly_apostrophes(s)
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
        if self.lang != self.ed.meta.language and node.kind in ("person", "place"):
            # a name in a text of another language (a Turkish name in the English
            # abstract): that language's rules would break it wrongly; not broken
            was, self.hyphenate = self.hyphenate, False
            try:
                inner = self.inlines(node.content)
            finally:
                self.hyphenate = was
        else:
            inner = self.inlines(node.content)
        if not node.id:
            return inner
        return f'<span class="tag {node.kind}" id="{node.id}">{inner}</span>'

    def visit_PageBreak(self, node: PageBreak) -> str:
        # a bar in the line where the witness's page turns, its siglum and page in the
        # margin (.pb-n is positioned there by the theme: out of the line, not counted)
        label = escape(f"{node.ed or self.ed.base_witness or ''}\u00a0{node.n}".strip("\u00a0 "))
        return f'<span class="pb" title="{escape(term(self.lang, "page_of_witness"))} {label}">|<span class="pb-n">{label}</span></span>'

    # the nodes of a transcription (TEI imports: edition/readers/tei.py)
    def visit_Gap(self, node: Gap) -> str:
        title = " ".join(x for x in (node.reason, node.extent, node.unit) if x)
        return f'<span class="gap" title="{escape(title)}">[…]</span>'

    def visit_Supplied(self, node: Supplied) -> str:
        return f'<span class="supplied">⟨{self.inlines(node.content)}⟩</span>'

    def visit_Unclear(self, node: Unclear) -> str:
        return f'<span class="unclear">{self.inlines(node.content)}</span>'

    def visit_Deletion(self, node: Deletion) -> str:
        return f'<del class="del">{self.inlines(node.content)}</del>'

    def visit_Addition(self, node: Addition) -> str:
        return f'<ins class="add">⸌{self.inlines(node.content)}⸍</ins>'

    def visit_Foreign(self, node: Foreign) -> str:
        lang = f' lang="{escape(node.lang)}"' if node.lang else ""
        return f'<i class="foreign"{lang}>{self.inlines(node.content)}</i>'

    def visit_Rend(self, node: Rend) -> str:
        classes = " ".join("rend-" + "".join(c for c in r if c.isalnum() or c == "-") for r in node.rend.split())
        return f'<span class="{escape(classes)}">{self.inlines(node.content)}</span>'

    def visit_InlineQuote(self, node: InlineQuote) -> str:
        return f'<q class="q">{self.inlines(node.content)}</q>'

    def visit_Choice(self, node: Choice) -> str:
        original = escape(plain_text(node.original))
        return f'<span class="choice" title="{original}">{self.inlines(node.content)}</span>'

    def visit_LineBreak(self, node: LineBreak) -> str:
        return ""

    def verse_line(self, line) -> str:
        """A line of verse: the paragraph of its content (split by a layout as any paragraph),
        its number in the margin (:func:`_shows_number`) at the start of its first part."""
        html = self.paragraph(line.content)
        if not html or not _shows_number(line.n):
            return html
        tag_end = html.index(">") + 1
        return f'{html[:tag_end]}<span class="l-n">{escape(line.n)}</span>{html[tag_end:]}'

    def visit_Note(self, node: Note) -> str:
        cls = "fn-call ed-call" if notekinds.is_editors(node) else "fn-call"
        call = f'<sup class="{cls}" id="fnref{node.n}">{ref(node.id, notekinds.label(node))}</sup>'
        if self.plan is None:
            return call + self.floating_note(node)
        return call + self.foot_block_at(("fn", node.n))

    def visit_App(self, node: App) -> str:
        lemma = self.keeping_apostrophes(node, self.inlines, node.content)
        # keyed by line, an entry of the text is found by its line and one in a note by the
        # note's number ("9n"): neither prints a letter in the text (a verse edition's
        # entries are keyed by its lines, those in notes by letter)
        line_mode = not self._in_front and (self.ed.settings.apparatus == "line" or (node.n in self.verse_keys and not node.in_note))
        mark = "" if line_mode else self.app_mark(node)
        call = f'<span class="app-call" id="appref{node.n}"{self.mark_room(node, mark)}>{ref(node.id, mark) if mark else ""}</span>'
        html = f'<span class="lem" id="lem{node.n}">{lemma}</span>{call}'
        if node.in_note or self.ed.settings.apparatus_place == "end":
            return html  # its entry travels with the note, or goes to the critical endnotes
        if self.plan is None:
            return html + self.floating_entry(node)
        return html + self.foot_block_at(("app", node.n))

    # ------------------------------------------------------------------ what a layout decides
    # A document without a layout: every note and apparatus entry floats at its call,
    # markers run a..z, no page is known.  The print writer (edition/layout/printwriter.py)
    # writes these as a layout's plan says.
    plan = None
    chunk = None  # the whole document
    front_matter = True
    back_matter = True

    def margin_class(self) -> str:
        """The body's class ``lines-left`` when margin line numbers may stand in the left
        margin (the witness's page labels then stand further out)."""
        st = self.ed.settings
        numbered = st.apparatus == "line" or st.line_numbers
        return "lines-left" if numbered and st.line_side in ("left", "outer") else ""

    def block_id(self, content: list[Inline]) -> str:
        """The number of the block whose inline list ``content`` is (transforms/blocks.py)."""
        return str(self._block_of[id(content)])

    def heading_inlines(self, content: list[Inline]) -> str:
        """A heading's inline content (headings are not hyphenated)."""
        was = self._in_heading
        self._in_heading = True
        try:
            return self.inlines(content)
        finally:
            self._in_heading = was

    def heading(self, level: int, content: list[Inline]) -> str:
        return f'<h{level} class="heading" data-b="{self.block_id(content)}">{self.heading_inlines(content)}</h{level}>'

    def paragraph(self, content: list[Inline]) -> str:
        return f'<p data-b="{self.block_id(content)}">{self.inlines(content)}</p>'

    def quote_attrs(self, paragraphs: list) -> Optional[str]:
        """A block quote names the blocks it holds (data-q)."""
        return jinja2.utils.markupsafe.Markup(f' data-q="{" ".join(str(p.block) for p in paragraphs)}"')

    def app_mark(self, node: App) -> str:
        return letters((node.n - 1) % 26)

    def mark_room(self, node: App, mark: str) -> str:
        return ""

    def floating_entry(self, node: App) -> str:
        return f'<span class="app-entry fl" id="{node.id}">{self.app_entry(node)}</span>'

    def foot_block_at(self, call: tuple[str, int]) -> str:
        return ""

    def app_key(self, node: App) -> str:
        """How an entry is keyed to the text: a letter, or (lines unknown) a two-digit stand-in
        for its line, or the number of the note it is in."""
        if node.n in self.verse_keys:
            return f'<span class="app-line">{escape(self.verse_keys[node.n])}</span>'
        if self.ed.settings.apparatus != "line" or node.n in self.front_apps:
            return f'<span class="app-mark">{ref(f"lem{node.n}", self.app_mark(node))}</span>'
        if node.in_note:
            return f'<span class="app-line">{ref(f"lem{node.n}", f"{node.in_note}n")}</span>'
        return '<span class="app-line">00</span>'

    def series_entries(self, apps: list[App]) -> str:
        """Entries of one series, run in."""
        return "\u2003".join(f'<span class="app-entry" id="{a.id}">{self.app_entry(a)}</span>' for a in apps)

    def endnotes(self) -> list[tuple[str, str]]:
        """Critical endnotes are filed by page: none without a layout."""
        return []

    def layout_css(self) -> str:
        return ""

    # ------------------------------------------------------------------ notes and entries
    def note_classes(self, node: Note) -> str:
        """A note's classes (an editor's note is told apart by a class, its own numbers and a
        mark: notekinds.py)."""
        if notekinds.is_editors(node):
            return "footnote ed-note" + (" ed-sep" if notekinds.separate(self.ed.settings) else "")
        return "footnote"

    def note_text(self, node: Note) -> tuple[str, str]:
        """A note's classes and its text (inner HTML, its number left out)."""
        was = self._in_note
        self._in_note = True
        inner = self.inlines(node.content)
        self._in_note = was
        if notekinds.is_editors(node) and notekinds.marked(self.ed.settings):
            inner += f' <span class="ed-mark">{escape(term(self.lang, "editor_mark"))}</span>'
        return self.note_classes(node), inner

    def note_body(self, node: Note, floating: bool = True, text: Optional[str] = None, extra: str = "") -> str:
        """A note as printed, with its number (``text``: only that part of its text, already
        rendered, as note_text gives it; ``extra``: more classes)."""
        cls, inner = self.note_text(node) if text is None else (self.note_classes(node), text)
        cls += (" fl" if floating else "") + (f" {extra}" if extra else "")
        return f'<span class="{cls}" id="{node.id}"><span class="fn-num">{ref(f"fnref{node.n}", notekinds.label(node))}</span> {inner}</span>'

    def floating_note(self, node: Note) -> str:
        """First pass: a note floats at its call, the entries of its apparatus with it."""
        return self.note_body(node) + self.note_apps_floating(node)

    def note_apps_floating(self, node: Note) -> str:
        """First pass: the entries of apparatus lemmas inside a note float with the note."""
        if self.ed.settings.apparatus_place == "end":
            return ""
        return "".join(
            self.floating_entry(a) for a in self.apps_in_note.get(node.n, ())
        )

    def app_entry(self, node: App, key: bool = True) -> str:
        """An entry as printed: its key (when asked), then its printed content (``App.entry``)."""
        conv = self.conventions
        entry = node.entry or app_entry(node, self.lang, conv)
        parts = []
        readings = []
        sig_class = "sig" if conv.sigla == "italic" else f"sig sig-{conv.sigla}"
        for r in entry.readings:
            sig = " ".join(f'<span class="{sig_class}">{escape(w)}</span>' for w in r.wits)
            if r.kind == "omission":
                readings.append(f'<span class="om">{escape(r.label)}</span> {sig}')
            else:
                label = f'<span class="app-label">{escape(r.label)}</span> ' if r.label else ""
                rdg = self.keeping_apostrophes(node, self.plain_inlines, r.content)
                readings.append(f'{label}<span class="rdg">{rdg}</span> {sig}')
        if entry.lemma:
            lemma = entry.lemma if marks_apostrophe(node) else curly_apostrophes(entry.lemma)
            parts.append(f'<span class="lemma">{escape(lemma)}</span>]')
        if entry.lemma_label:
            parts.append(f'<span class="app-label">{escape(entry.lemma_label)}</span>' + (";" if readings else ""))
        parts.append("; ".join(readings))
        if entry.note:
            cls = "app-note" if entry.note_kind == "comment" else "app-type"
            parts.append(f'<span class="{cls}">{escape(conv.set_apart(entry.note))}</span>')
        body = " ".join(parts)
        # the key is tied to the lemma (a no-break space): never left at a line's end
        return f"{self.app_key(node)}\u00a0{body}" if key else body

    def keeping_apostrophes(self, node: App, render, content):
        """``render(content)``, with straight apostrophes kept when ``node`` records one."""
        was = self._keep_apostrophes
        self._keep_apostrophes = was or marks_apostrophe(node)
        try:
            return render(content)
        finally:
            self._keep_apostrophes = was

    def plain_inlines(self, nodes: list[Inline]) -> str:
        was = self.hyphenate
        self.hyphenate = False
        out = self.inlines(nodes)
        self.hyphenate = was
        return out

    # ------------------------------------------------------------------ back matter
    def index_groups(self, kind: str):
        """The index of one register (``Edition.indexes``) as letter groups of top-level
        :class:`IndexRow`, with page references from the layout plan (none in the first pass)."""
        index = next((ix for ix in self.ed.indexes if ix.kind == kind), None)
        return [(g.letter, [self.index_row(e) for e in g.entries]) for g in index.groups] if index else []

    def index_row(self, ie) -> "IndexRow":
        plan = self.plan
        by_line = self.ed.settings.index_refs == "page.line"
        occ = []
        for o in ie.occurrences if plan is not None else ():
            if o.tag_id in plan.tag_page:
                line = plan.tag_line.get(o.tag_id, 0) if by_line else 0
                ref = (plan.tag_page[o.tag_id], _WHERE[o.where], o.tag_id)
                occ.append(ref + (line,) if line else ref)
        label = plan.page_label if plan else (lambda p: str(p + 1))
        return IndexRow(
            ie.entry,
            anchor=ie.anchor,
            pages=(line_refs if by_line else page_refs)(occ, label) if not ie.entry.see else [],
            see=[(r.name, r.anchor) for r in ie.see],
            see_also=[(r.name, r.anchor) for r in ie.see_also],
            children=[self.index_row(c) for c in ie.children],
            level=ie.level,
        )

    def ix_headword(self, entry, dated: bool = True) -> str:
        """An index headword with its dates, in one pair of brackets: a name that ends in
        its own bracket (another form of the name) takes the dates inside it.

        >>> from edition.model import RegisterEntry
        >>> w = HTMLWriter.__new__(HTMLWriter)
        >>> w.ix_headword(RegisterEntry("m", "person", "Mustafa Kemal Paşa (Atatürk)", dates="1881-1938"))
        'Mustafa Kemal Paşa (Atatürk; 1881–1938)'
        >>> w.ix_headword(RegisterEntry("c", "person", "Cavid, Hüseyin", dates="1882-1941"))
        'Cavid, Hüseyin (1882–1941)'
        """
        name = curly_apostrophes(entry.name)
        dates = en_dash(entry.dates or "") if dated else ""
        if not dates:
            return name
        if name.endswith(")") and "(" in name:
            return f"{name[:-1]}; {dates})"
        return f"{name} ({dates})"

    def ix_gloss(self, entry) -> str:
        """An entry's description, printed after a comma (not in a second pair of brackets)."""
        return en_dash(curly_apostrophes(entry.description or ""))

    def keywords(self) -> list[str]:
        return all_keywords(self.ed)

    # ------------------------------------------------------------------ the document
    def stylesheet(self) -> str:
        """The theme's CSS, then the fonts and CSS files of the edition's settings
        (edition/fontsettings.py; read on every pass: ``edition watch`` sees a change)."""
        return themes.stylesheet(self.theme) + fontsettings.css(self.ed.settings)

    def render(self) -> str:
        ed = self.ed
        template = themes.template(self.theme)
        css = self.stylesheet()
        return template.render(
            ed=ed,
            meta=ed.meta,
            w=self,
            css=css,
            page_size=ed.settings.page_size,
            page_size_given=ed.settings.page_size_given,
            t=lambda key: term(self.lang, key),
            version=__version__,
            source_date=self.source_date,
            keywords=self.keywords(),
            layout_css=self.layout_css(),
            description=main_abstract(ed),
            indexes=[(ix.kind, self.index_groups(ix.kind)) for ix in ed.indexes] if self.back_matter else [],
            markup=lambda s: jinja2.utils.markupsafe.Markup(s),
        )


def _shows_number(n: str) -> bool:
    """Whether a verse line prints its number: multiples of five, and numbers that are not
    plain integers (12a, a range), which a reader cannot count to.

    >>> [_shows_number(n) for n in ("1", "5", "10", "12a", "")]
    [False, True, True, True, False]
    """
    if not n:
        return False
    return not n.isdigit() or int(n) % 5 == 0


def all_keywords(edition: Edition) -> list[str]:
    """Keywords for an output's metadata (PDF /Keywords, DOCX cp:keywords): those of the
    edition's language first, then the rest, each once."""
    out: list[str] = []
    for ab in sorted(edition.meta.abstracts, key=lambda a: a.language != edition.meta.language):
        out.extend(k for k in ab.keywords if k not in out)
    return out


def main_abstract(edition: Edition) -> str:
    """The text of the abstract in the edition's language (else the first): the PDF's
    /Subject, compared with the other outputs' by ``edition check --outputs``."""
    abstracts = sorted(edition.meta.abstracts, key=lambda a: a.language != edition.meta.language)
    return " ".join(plain_text(p.content) for p in abstracts[0].paragraphs) if abstracts else ""


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


_WHERE = {"body": 0, "text": 0, "note": 1, "app": 2}
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
