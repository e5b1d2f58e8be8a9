"""What WeasyPrint's tagger is told about an edition (tagged variants: PDF/UA-1, PDF/A-3b+UA).

WeasyPrint 70 tags by HTML element name alone (``p`` -> P, ``span`` -> Span, ``h2`` ->
H2...), marks the running heads and folios as content whose structure elements hang in no
tree, and knows nothing of notes.  While a tagged PDF is written (engine.write_pdf), its
tagger and its marked-content writer are wrapped so that, by the theme's class names
(:data:`ROLES`, one place):

- a note at the foot (``.footnote``) and an apparatus entry (``.app-entry``) are ``Note``
  elements with an ``/ID`` (PDF/UA asks it), their number or key (``.fn-num``,
  ``.app-mark``, ``.app-line``) a ``Lbl``; the run-in pieces of an entry set on several
  lines are one Note;
- bibliography entries and index entries are list items (``LI`` > ``LBody``; grouped into
  ``L`` lists by pdf/tagged.py), an index entry with sub-entries no extra level;
- an element with a ``lang`` other than the document's (the English abstract) has ``/Lang``;
- margin boxes (running heads, folios) and the witness page marks (``.pb``) are drawn as
  ``/Artifact`` and have no structure element;
- a word hyphenated at a line end: the text on the line before carries ``/ActualText``
  with the whole word, the rest of the word on the next line an ``/ActualText`` without it,
  so that copied or extracted text reads whole words.

The wrapped functions are WeasyPrint 70.0's (``weasyprint.pdf.tags._build_box_tree`` and
``weasyprint.pdf.stream.Stream.marked``), as layout/speedups.py's; they are restored after
the write.
"""

from __future__ import annotations

import contextlib
from typing import Optional


# theme class -> structure type (PDF 1.7 standard types)
ROLES = {
    "footnote": "Note",
    "app-entry": "Note",
    "fn-num": "Lbl",
    "app-mark": "Lbl",
    "app-line": "Lbl",
    "bib-entry": "LI",
    "ix-entry": "LI",
}
ARTIFACTS = frozenset({"pb"})  # witness page marks: pagination of another edition
TRANSPARENT = frozenset({"ix-family"})  # wrappers whose children go to the parent


def classes(element) -> set[str]:
    return set((element.get("class") or "").split()) if element is not None else set()


def hyphenated_words(document) -> dict[int, str]:
    """id(text box) -> its /ActualText, for the text boxes at either side of a word broken
    at a line end: lines of one block, and the last line of a page's text with the first of
    the next page's (a word broken across two chunks of the layout keeps its hyphen)."""
    from ..engine import box_types, page_box

    types = box_types()
    out: dict[int, str] = {}

    def text_boxes(line):
        def walk(box):
            for child in getattr(box, "children", ()):
                if isinstance(child, types.text):
                    yield child
                else:
                    yield from walk(child)

        return list(walk(line))

    def blocks(box):
        children = getattr(box, "children", ())
        lines = [c for c in children if isinstance(c, types.line)]
        if lines:
            yield lines
        for child in children:
            if not isinstance(child, types.line):
                yield from blocks(child)

    def flow_lines(box):
        for child in getattr(box, "children", ()):
            if isinstance(child, types.line):
                yield child, box.element
            elif not isinstance(child, types.outside_text):
                yield from flow_lines(child)

    def broken(end) -> Optional[str]:
        """The text before the hyphen of a text box that ends a line in a broken word."""
        hyphen = end.style["hyphenate_character"]
        text = out.get(id(end), end.text.replace("\u00ad", ""))
        if hyphen and text.endswith(hyphen) and text[: -len(hyphen)][-1:].isalpha():
            return text[: -len(hyphen)]
        return None

    pairs = []
    ends = []  # (first, last) (line, block element) of each page's flow
    for page in document.pages:
        for lines in blocks(page_box(page)):
            pairs += zip(lines, lines[1:])
        flow = [(line, block) for line, block in flow_lines(page_box(page)) if text_boxes(line)]
        ends.append((flow[0], flow[-1]) if flow else (None, None))
    pairs += [(a[1][0], b[0][0]) for a, b in zip(ends, ends[1:]) if a[1] is not None and b[0] is not None]
    for before, after in pairs:
        first, second = text_boxes(before), text_boxes(after)
        if not first or not second or id(second[0]) in out:
            continue
        head = broken(first[-1])
        rest = second[0].text.replace("\u00ad", "")
        if head is None or not word_length(rest):
            continue
        out[id(first[-1])] = head + rest[: word_length(rest)]
        out[id(second[0])] = rest[word_length(rest):].lstrip()
    if ends and ends[0][0] is not None:
        _chunk_edges(ends, text_boxes, broken, out)
    return out


def _chunk_edges(ends, text_boxes, broken, out) -> None:
    """A chunk of the layout (layout/chunks.py) that ends, or begins, inside a word: the
    other half is in the next (or the last) chunk; the print writer says what it is
    (``data-rest``, ``data-broken``: layout/printwriter.py broken_word)."""
    line, block = ends[-1][1]
    end = text_boxes(line)[-1]
    head = broken(end) if block is not None else None
    if head is not None and block.get("data-rest"):
        out[id(end)] = head + block.get("data-rest")
    line, block = ends[0][0]
    start = text_boxes(line)[0]
    if block is not None and block.get("data-broken") is not None and id(start) not in out:
        rest = start.text.replace("\u00ad", "")
        out[id(start)] = rest[word_length(rest):].lstrip()


def word_length(text: str) -> int:
    """How many characters of ``text`` are the end of a word (letters, digits, apostrophes).

    >>> word_length("baycan’a ve"), word_length(" ve")
    (8, 0)
    """
    n = 0
    while n < len(text) and (text[n].isalnum() or text[n] in "’'"):
        n += 1
    return n


def artifact_boxes(document) -> set[int]:
    """id() of the text boxes drawn as artifacts: in margin boxes and in page marks."""
    from ..engine import box_types, page_box

    types = box_types()
    margin = types.outside_text[0]
    out: set[int] = set()

    def walk(box, inside: bool):
        inside = inside or isinstance(box, margin) or bool(ARTIFACTS & classes(getattr(box, "element", None)))
        if inside and isinstance(box, types.text):
            out.add(id(box))
        for child in getattr(box, "children", ()):
            walk(child, inside)

    for page in document.pages:
        walk(page_box(page), False)
    return out


@contextlib.contextmanager
def tagging(document, lang: str = ""):
    """Within the block, WeasyPrint tags ``document`` as the module's docstring says
    (``lang``: the document's language, which elements in it do not repeat)."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import stream as wstream
    from weasyprint.pdf import tags as wtags

    artifacts = artifact_boxes(document)
    actual = hyphenated_words(document)
    build_tree, marked = wtags._build_box_tree, wstream.Stream.marked
    fragments: dict[tuple[int, int], object] = {}  # (page, id(element)) -> its Note
    used_ids: set[str] = set()

    def obj(pdf, reference):
        return pdf.objects[int(reference.split()[0])]

    def build(box, parent, pdf, page_number, nums, annotations, tags):
        inner = box._box if isinstance(box, AbsolutePlaceholder) else box
        if isinstance(inner, boxes.MarginBox):
            return  # drawn as an artifact
        element = inner.element
        names = classes(element)
        if names & ARTIFACTS:
            return
        if names & TRANSPARENT:
            for child in inner.children:
                yield from build(child, parent, pdf, page_number, nums, annotations, tags)
            return
        role = next((ROLES[c] for c in sorted(names) if c in ROLES), None)
        if role == "LI":
            item = pydyf.Dictionary({"Type": "/StructElem", "S": "/LI", "K": pydyf.Array(),
                                     "Pg": pdf.page_references[page_number], "P": parent.reference})
            pdf.add_object(item)
            for made in build_tree(box, item, pdf, page_number, nums, annotations, tags):
                made["S"] = "/LBody"
                item["K"].append(made.reference)
            yield item
            return
        key = (page_number, id(element))
        if role == "Note" and key in fragments:  # the entry's next line: into its Note
            note = fragments[key]
            for made in build_tree(box, note, pdf, page_number, nums, annotations, tags):
                for kid in made["K"]:
                    if isinstance(kid, bytes) and obj(pdf, kid).get("Type") == "/StructElem":
                        obj(pdf, kid)["P"] = note.reference
                    note["K"].append(kid)
            return
        for made in build_tree(box, parent, pdf, page_number, nums, annotations, tags):
            if role is not None and element is not None and made.get("S") in ("/Span", "/P", "/Div", "/NonStruct"):
                made["S"] = f"/{role}"
                if role == "Note":
                    fragments[key] = made
                    ident = element.get("id") or f"note-{len(used_ids) + 1}"
                    while ident in used_ids:
                        ident += "+"
                    used_ids.add(ident)
                    made["ID"] = pydyf.String(ident)
            if element is not None and element.get("lang") and element.get("lang") != lang:
                made["Lang"] = pydyf.String(element.get("lang"))
            yield made

    @contextlib.contextmanager
    def marking(self, box, tag):
        if self._tags is not None and id(box) in artifacts:
            with self.artifact():
                yield
            return
        text = actual.get(id(box))
        if self._tags is None or text is None:
            with marked(self, box, tag):
                yield
            return
        mcid = len(self._tags)
        self._tags[box] = {"tag": tag, "mcid": mcid}
        self.begin_marked_content(tag, pydyf.Dictionary({"MCID": mcid, "ActualText": pydyf.String(text)}))
        try:
            yield
        finally:
            self.end_marked_content()

    wtags._build_box_tree, wstream.Stream.marked = build, marking
    try:
        yield
    finally:
        wtags._build_box_tree, wstream.Stream.marked = build_tree, marked
