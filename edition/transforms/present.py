"""The presentation stage: what every writer prints, computed once as model nodes.

:class:`PrintApparatus` gives each apparatus entry its printed content (``App.entry``, an
:class:`~edition.model.AppEntry`); :class:`BuildIndexes` builds the index of each register
kind (``Edition.indexes``, :class:`~edition.model.Index`).  The bibliography with its keys
(``Edition.bibliography_entries``) comes from the citation transform, which renders it.

Writers render these nodes and add only what depends on their own layout: the print writer
keys an apparatus entry to the page (a letter, a line, ``3n``) and turns an index entry's
occurrences into page references; a TEI writer would key them by id instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..collation import group_letter, sort_key
from ..conventions import TYPE_LABELS, Conventions
from ..conventions import of as conventions_of
from ..model import App, AppEntry, Index, IndexEntry, IndexGroup, IndexRef, Occurrence, PrintedReading, Text, plain_text
from ..terms import term
from . import Transform
from .registers import KINDS
MAX_LEVEL = 10  # deeper sub-entries are not printed


def abbreviate_lemma(text: str, max_words: int = 4) -> str:
    """Long lemmas print as their first and last words.

    >>> abbreviate_lemma("Mondros Mütarekesi’nin 7. Maddesi’ni uygulamaya")
    'Mondros … uygulamaya'
    """
    words = text.split()
    if len(words) <= max_words:
        return text
    return f"{words[0]} … {words[-1]}"


def app_entry(app: App, language: str, conv: Conventions = Conventions()) -> AppEntry:
    """An entry's printed content, in the edition's apparatus conventions.

    >>> from edition.model import Reading, Text
    >>> a = App([Text("bir iki üç dört beş")], readings=[Reading("", ["J"])], type="omission")
    >>> app_entry(a, "en")
    AppEntry(lemma='bir … beş', readings=[PrintedReading(kind='omission', wits=['J'], content=[], label='om.')], note='omission', note_kind='type', lemma_label='')
    >>> app_entry(App([], readings=[Reading("ve", ["J"], [Text("ve")])], comment="dittography"), "en").readings[0].label
    'add.'

    Witnesses that agree are one reading, however the source wrote them; an emendation labels
    the lemma, a transposition the reading:

    >>> e = app_entry(App([Text("x")], readings=[Reading("y", ["M"]), Reading("y", ["P"])], type="emendation"), "en")
    >>> [r.wits for r in e.readings], e.lemma_label, e.note
    ([['M', 'P']], 'em.', '')
    >>> from edition.conventions import conventions
    >>> app_entry(App([Text("a b")], readings=[Reading("b a", ["P"])], type="transposition"), "de", conventions("de")).readings[0].label
    'umgestellt'
    """
    raw = plain_text(app.content)
    lemma = raw.strip()
    spacing = bool(lemma) and any(r.text and spacing_only(raw, r.text) for r in app.readings)
    label, where = TYPE_LABELS.get(app.type, ("", ""))
    readings: list[_Printed] = []
    for r in app.readings:
        same = next((p for p in readings if p.text == r.text), None) if r.wits else None
        if same is not None:
            same.reading.wits += [w for w in r.wits if w not in same.reading.wits]
            continue
        if not r.text:
            printed = PrintedReading("omission", list(r.wits), [], conv.label("om."))
        elif not lemma:
            printed = PrintedReading("addition", list(r.wits), r.content, conv.label("add."))
        elif spacing and spacing_only(raw, r.text):
            printed = PrintedReading("reading", list(r.wits), [Text(visible_spaces(r.text))])
        else:
            printed = PrintedReading("reading", list(r.wits), r.content, conv.label(label) if where == "reading" else "")
        readings.append(_Printed(r.text, printed))
    if app.comment:
        note, kind = app.comment, "comment"
    elif app.type and not label:  # a description (typo, spacing ...), not a label
        named = term(language, "type:" + app.type)  # a type no language names prints as given
        note, kind = (app.type if named == "type:" + app.type else named), "type"
    else:
        note, kind = "", ""
    printed_lemma = visible_spaces(raw) if spacing else abbreviate_lemma(lemma) if lemma else ""  # spaces shown, never abbreviated
    return AppEntry(printed_lemma, [p.reading for p in readings], note, kind, conv.label(label) if where == "lemma" else "")


@dataclass
class _Printed:
    text: str
    reading: PrintedReading


VISIBLE_SPACE = "\u2423"  # ␣, OPEN BOX: a space shown as a character


def spacing_only(lemma: str, reading: str) -> bool:
    """The lemma and the reading differ in their spaces only (a spacing error of the
    witness: a missing, doubled, or misplaced space).

    >>> spacing_only("kişiyle 19", "kişiyle19"), spacing_only(" Mustafa", "Mustafa"), spacing_only("a b", "a c")
    (True, True, False)
    """
    return lemma != reading and "".join(lemma.split()) == "".join(reading.split())


def visible_spaces(text: str) -> str:
    """A spacing entry's text with every space printed as ␣, leading and trailing ones
    included, so that ``kişiyle␣19] kişiyle19`` shows what differs (a blank would not).

    >>> visible_spaces(" Mustafa Kemal"), visible_spaces("yenilmesine  çok")
    ('␣Mustafa␣Kemal', 'yenilmesine␣␣çok')
    """
    return "".join(VISIBLE_SPACE if c.isspace() else c for c in text)


class PrintApparatus(Transform):
    default_priority = 400

    def apply(self, edition, reporter) -> None:
        conv = conventions_of(edition)
        for app in edition.apparatus:
            app.entry = app_entry(app, edition.meta.language, conv)


def index_anchor(entry) -> str:
    """The id of an entry's line in the index (target of see/see-also links).

    >>> from edition.model import RegisterEntry
    >>> index_anchor(RegisterEntry("mkemal", "person", "Mustafa Kemal")), index_anchor(RegisterEntry("a b/ç", "place", "x"))
    ('ixe-person-mkemal', 'ixe-place-a_20b_2f_e7')
    """
    key = "".join(c if c.isascii() and (c.isalnum() or c in "-.") else f"_{ord(c):02x}" for c in entry.key)
    return f"ixe-{entry.kind}-{key}"


def occurrence(tag) -> Occurrence:
    return Occurrence(tag.id, "app" if tag.in_app else "note" if tag.in_note else "text")


class IndexBuilder:
    """The index of one register kind.

    An entry prints when it is tagged, when one of its sub-entries prints (``parent:``), or
    when it is a cross-reference (``see:``) to an entry that prints; see/see-also targets
    that do not print are left out.  Entries sort by headword (ties in register order).
    """

    def __init__(self, edition, kind: str):
        self.ed, self.kind, self.lang = edition, kind, edition.meta.language
        self.entries = {e.key: e for e in edition.registers.values() if e.kind == kind}
        self.occ: dict[str, list[Occurrence]] = {}
        for tag in edition.tags:
            if tag.kind == kind:
                self.occ.setdefault(tag.key, []).append(occurrence(tag))

    def printed(self) -> set[str]:
        printed: set[str] = set()

        def add(key: str) -> None:  # an entry and the chain of its parents
            while key in self.entries and key not in printed:
                printed.add(key)
                key = self.entries[key].parent

        for key in self.occ:
            add(key)
        for key, entry in self.entries.items():
            if entry.see and any(self.target(entry, ref) is not None for ref in entry.see):
                add(key)
        return printed

    def target(self, entry, ref: str):
        """The :class:`IndexRef` of a see/see-also target that the index prints, else None."""
        from .registers import resolve_ref

        target = resolve_ref(self.ed, entry, ref)
        if target is None or target.see or not self.is_tagged(target):
            return None
        name = target.name
        parent = self.ed.register(target.kind, target.parent) if target.parent else None
        if parent is not None:
            name = f"{parent.name}: {name}"
        return IndexRef(name, index_anchor(target), target)

    def is_tagged(self, entry) -> bool:
        """The entry or one of its sub-entries (at any depth) is tagged."""
        keys = {t.key for t in self.ed.tags if t.kind == entry.kind}
        if entry.key in keys:
            return True
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

    def build(self) -> Index:
        printed = self.printed()
        rows: dict[str, IndexEntry] = {}
        for key, entry in self.entries.items():
            if key in printed:
                rows[key] = IndexEntry(
                    entry,
                    index_anchor(entry),
                    sort_key(entry.name, self.lang),
                    [] if entry.see else self.occ.get(key, []),
                    [t for t in (self.target(entry, r) for r in entry.see) if t],
                    [t for t in (self.target(entry, r) for r in entry.see_also) if t],
                )
        top: list[IndexEntry] = []
        for key, row in rows.items():
            parent = row.entry.parent
            (rows[parent].children if parent in rows and parent != key else top).append(row)
        settle(top, 0)
        groups: list[IndexGroup] = []
        for row in top:
            letter = group_letter(row.entry.name, self.lang)
            if not groups or groups[-1].letter != letter:
                groups.append(IndexGroup(letter))
            groups[-1].entries.append(row)
        return Index(self.kind, groups)


def settle(rows: list[IndexEntry], level: int) -> None:
    """Sort entries by headword and give each its level; below MAX_LEVEL none prints."""
    rows.sort(key=lambda r: r.sort_key)
    for r in rows:
        r.level = level
        if level < MAX_LEVEL:
            settle(r.children, level + 1)
        else:
            r.children.clear()


class BuildIndexes(Transform):
    default_priority = 410

    def apply(self, edition, reporter) -> None:
        edition.indexes = [IndexBuilder(edition, k).build() for k in KINDS if any(t.kind == k for t in edition.tags)]
