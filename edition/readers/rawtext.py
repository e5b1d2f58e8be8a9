"""Import a ``pdftotext`` text into a draft edition source (docs/format.md), for review.

``import_text(raw)`` returns the YAML text of the draft and an :class:`ImportReport`.
The steps, each in its own module:

1. pages and note areas (:mod:`.rawtext_pages`): separator lines, page starts, form feeds;
2. body layout (:mod:`.rawtext_layout`): lines unwrapped into headings, keyword lines,
   paragraphs and block quotes; words hyphenated at line ends rejoined;
3. footnotes (:mod:`.rawtext_notes`): notes numbered by their running sequence, continued
   across pages, link artefacts dropped; each marker found in the body by the sequence,
   the page and the note area together;
4. suspected author errors (:mod:`.rawtext_suspects`): apparatus entries of type ``suspect``;
5. the model (:mod:`.rawtext_model`): an :class:`~edition.model.Edition` like the one the
   YAML reader gives, which the YAML writer (:mod:`edition.writers.yamlsrc`) writes out.

:func:`import_draft` returns the edition, the comments for the writer and the report;
``edition import`` writes the draft with them, and the ``text`` reader (:class:`TextReader`,
``.txt``) gives the edition to a build, so ``edition build article.txt -o x.pdf`` and
``edition import`` read the text the same way.

Nothing is dropped silently: every doubtful decision becomes a ``# CHECK:`` comment in the
draft (:class:`~edition.writers.yamlsrc.Comments`) and a line of the report.  The rules are general (see each module's docstring); the
importer knows no particular file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import yaml

from ..diagnostics import Reporter
from ..formats import Reader, register_reader
from ..model import Abstract, Edition, Loc, Meta, Paragraph, Quote, Section, Text, plain_text
from ..writers.yamlsrc import Comments, source_text
from .rawtext_model import extend, inlines
from .rawtext_lang import abstract_language, detect_language
from .rawtext_layout import Block, build_blocks, join_lines
from .rawtext_notes import Candidate, apart_candidates, assign_markers, candidates_in, parse_note_areas, tail_candidates
from .rawtext_pages import merge_columns, split_pages, strip_running_lines
from .rawtext_columns import from_layout, is_layout
from .rawtext_signs import signs_as_numbers
from .rawtext_seq import merge_spread_lines, resplit
from .rawtext_suspects import KINDS, Context, Suspect, find_suspects
from .rawtext_text import PB_RE, date_follows, excerpt, months_of, note_mark, strip_sentinels, word_counts

MAX_BYTES = 32 * 1024 * 1024
ORPHAN_BASE = 100_000  # internal numbers of note-area text that has no note number


class RawTextError(ImportError):
    """The input cannot be imported (empty, binary, not UTF-8); the message says what to do."""


@dataclass
class ImportReport:
    """What the importer found and what the editor should check."""

    source: str = "<raw>"
    language: str = ""
    pages: int = 0
    paragraphs: int = 0
    footnotes_found: int = 0
    footnotes_attached: int = 0
    unsure_markers: list[tuple[int, str, str]] = field(default_factory=list)  # (page, excerpt, reason)
    suspects_by_kind: dict[str, int] = field(default_factory=dict)
    layout_problems: list[str] = field(default_factory=list)
    suspects: list[tuple[int, str, str, str]] = field(default_factory=list)  # (page, kind, print, proposal)
    headings: list[str] = field(default_factory=list)
    artifacts_dropped: int = 0

    def format(self) -> str:
        lines = [
            f"imported {self.source}: {self.pages} page(s), {self.paragraphs} paragraph(s), language {self.language}",
            f"footnotes: {self.footnotes_found} found, {self.footnotes_attached} attached to their marker"
            + (f", {self.artifacts_dropped} repeated link line(s) dropped" if self.artifacts_dropped else ""),
        ]
        if not self.footnotes_found:
            lines.append("  no footnotes recognised: the draft has no notes")
        if self.headings:
            lines.append("headings: " + " | ".join(self.headings))
        lines.append(f"unsure markers: {len(self.unsure_markers)}")
        lines += [f"  page {p}: {reason} -- {text}" for p, text, reason in self.unsure_markers]
        total = sum(self.suspects_by_kind.values())
        lines.append(f"suspected author errors: {total}" + (" (type=suspect entries in the draft)" if total else ""))
        lines += [f"  {kind}: {n}" for kind, n in sorted(self.suspects_by_kind.items())]
        lines.append(f"layout problems: {len(self.layout_problems)}")
        lines += [f"  {p}" for p in self.layout_problems]
        lines.append("review every '# CHECK:' comment and every type=suspect entry of the draft")
        return "\n".join(lines)


# --------------------------------------------------------------------------- reading files


def decode(data: bytes, name: str = "<raw>") -> str:
    """Bytes -> text: UTF-8 with or without BOM; anything else raises :class:`RawTextError`."""
    if not data.strip():
        raise RawTextError("the file is empty; run pdftotext on the PDF first")
    if data[:5] == b"%PDF-":
        raise RawTextError(f"this is a PDF, not text; extract the text first: pdftotext {name} out.txt")
    head = data[:4096]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4):
        le = head[:2] == b"\xff\xfe" or (head[:2] != b"\xfe\xff" and head[1::2].count(0) >= head[0::2].count(0))
        enc = "UTF-16LE" if le else "UTF-16BE"
        src = "UTF-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else enc
        raise RawTextError(f"the file is {enc} text, not UTF-8; convert it: iconv -f {src} -t UTF-8 {name} > out.txt")
    if b"\0" in head:
        raise RawTextError(f"the file looks binary (a NUL byte at offset {head.index(0)}), not text; run pdftotext on the PDF first")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise RawTextError(
            f"the file is not UTF-8 text (byte 0x{bad:02x} at offset {exc.start}); "
            f"convert it with iconv -f {_guess_encoding(data)} -t UTF-8 {name} > out.txt"
        ) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise RawTextError(f"the file looks binary ({controls} control characters), not text; run pdftotext on the PDF first")
    return text


def _guess_encoding(data: bytes) -> str:
    """A likely 8-bit encoding for the iconv hint (Turkish letters decide ISO-8859-9)."""
    try:
        text = data.decode("cp1254")
    except UnicodeDecodeError:
        return "LATIN1"
    return "ISO-8859-9" if any(c in text for c in "ğĞışŞİ") else "WINDOWS-1252"


def import_file(path: str, language: str | None = None) -> tuple[str, "ImportReport"]:
    """Read ``path`` (UTF-8 text) and import it: the YAML of the draft and the report;
    raises :class:`RawTextError` on bad input."""
    edition, comments, report = import_draft(path, language)
    return _yaml(edition, comments), report


def import_draft(path: str, language: str | None = None) -> tuple[Edition, Comments, "ImportReport"]:
    """Read ``path`` (UTF-8 text) and import it: the edition, its comments and the report."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RawTextError(f"cannot read the file: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise RawTextError(f"larger than {MAX_BYTES // 2**20} MiB; split it first")
    edition, comments, report = import_model(decode(data, path), source_name=os.path.basename(path), language=language)
    edition.source = path
    edition.inputs[os.path.realpath(path)] = Loc(path, 1, 1)
    return edition, comments, report


# --------------------------------------------------------------------------- the import


def normalise(raw: str, problems: list[str]) -> str:
    """Line ends, BOM, tabs; characters YAML cannot hold are removed (and reported)."""
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    bad = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ue000-\ue003\ufffe\uffff\ud800-\udfff]")
    n = len(bad.findall(raw))
    if n:
        problems.append(f"{n} control character(s) removed")
        raw = bad.sub("", raw)
    return raw


def import_text(raw: str, source_name: str = "<raw>", language: str | None = None) -> tuple[str, ImportReport]:
    """Turn ``pdftotext`` output into the YAML text of a draft edition and a report."""
    edition, comments, report = import_model(raw, source_name, language)
    return _yaml(edition, comments), report


def _yaml(edition: Edition, comments: Comments) -> str:
    """The draft, written by the YAML writer and checked with ``yaml.safe_load``."""
    text = source_text(edition, ".", comments)
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as exc:  # a bug of the writer: say so instead of writing a broken file
        raise RawTextError(f"internal error, the draft is not valid YAML ({exc}); please report") from None
    return text


def import_model(raw: str, source_name: str = "<raw>", language: str | None = None) -> tuple[Edition, Comments, ImportReport]:
    """Turn ``pdftotext`` output into a draft edition, the comments on it and a report."""
    report = ImportReport(source=source_name)
    raw = normalise(raw, report.layout_problems)
    if not raw.strip():
        raise RawTextError("the text is empty; nothing to import")
    lang = language or detect_language(raw)
    months = months_of(raw, lang)
    if is_layout(raw):
        raw, problems = from_layout(raw)
        report.layout_problems += problems
    raw, spread = merge_spread_lines(raw)
    if spread:
        report.layout_problems.append(f"{spread} justified line(s) written one word a line joined again")
    raw, problems = signs_as_numbers(raw)
    report.layout_problems += problems
    pages = split_pages(raw, frozenset(months))
    checks: dict[int, list[str]] = {}  # line number -> what the note finding was unsure of there
    if any(p.column for p in pages):  # layout text read in columns: each column's notes first
        if not any(p.separator for p in pages):
            report.layout_problems += resplit(pages, frozenset(months), checks)
        pages = merge_columns(pages)
        report.layout_problems += strip_running_lines(pages)
    else:
        report.layout_problems += strip_running_lines(pages)
        if not any(p.separator for p in pages):
            report.layout_problems += resplit(pages, frozenset(months), checks)
    return model_from_pages(pages, raw, report, language, line_checks=checks)


def model_from_pages(pages: list, raw: str, report: ImportReport, language: str | None = None,
                     superscript_only: bool = False, line_checks: dict | None = None) -> tuple[Edition, Comments, ImportReport]:
    """Pages (body and note-area lines, printed page numbers in ``label``) -> the draft.

    The text route (:func:`import_model`) and the PDF route (:mod:`.pdfimport`) both end
    here.  ``raw`` is the whole text (word counts, month names); ``superscript_only`` when
    the reader knows which digits are raised (only those can be note markers);
    ``line_checks`` maps a line number to what the reader was unsure of there (a ``# CHECK:``
    at the block holding that line)."""
    source_name = report.source
    labels = {p.n: p.label for p in pages if p.label}
    body_text = "\n".join(l.text for p in pages for l in p.body)
    lang = language or detect_language(body_text or raw)
    months = months_of(raw, lang)
    report.language = lang
    counts = word_counts(raw, lang)
    blocks, problems = build_blocks(pages, counts, lang)
    report.layout_problems += problems
    notes_res = parse_note_areas(pages, lambda ls: join_lines(ls, counts, lang))
    report.layout_problems += notes_res.problems
    report.artifacts_dropped = notes_res.dropped_artifacts
    notes = [n for n in notes_res.notes if n.n > 0]
    orphans = [n for n in notes_res.notes if n.n == 0]
    for k, o in enumerate(orphans):
        o.n = ORPHAN_BASE + k  # kept as an extra footnote at the end of its page
    checks: dict[int, list[str]] = {}  # block index -> CHECK messages
    attached = _attach_notes(blocks, notes, orphans, checks, report, months, lang, superscript_only)
    for i, b in enumerate(blocks):
        for no in b.lines:
            checks.setdefault(i, []).extend((line_checks or {}).get(no, []))
        if superscript_only:
            _left_raised(i, b, checks, report)
    report.pages = len(pages)
    report.footnotes_found = len(notes)
    report.footnotes_attached = attached
    if not notes:
        report.layout_problems.append("no footnotes recognised (no note area with numbered notes)")
    _check_sequence(notes, report)

    ctx = Context.of([b.text for b in blocks] + [n.text for n in notes], lang)
    note_text = {n.n: n.text for n in notes + orphans}
    note_page = {n.n: n.page for n in notes + orphans}
    note_nodes = {}
    for n, text in note_text.items():
        sus = find_suspects(text, ctx)
        _count(sus, note_page[n], report)
        note_nodes[n] = inlines(text, sus, {})
    edition, comments = _structure(blocks, checks, note_nodes, ctx, lang, source_name, report, labels)
    return edition, comments, report


# --------------------------------------------------------------------------- notes into the body


def _page_at(block: Block, pos: int) -> int:
    page = block.page
    for m in PB_RE.finditer(block.text, 0, pos):
        page = int(m.group(1))
    return page


def _attach_notes(blocks, notes, orphans, checks, report, months, lang, superscript_only=False) -> int:
    """Choose each note's marker and put a note sentinel there; returns how many were attached."""
    cands: list[Candidate] = []
    for i, b in enumerate(blocks):
        found = [(start, end, digits, sup, False) for start, end, digits, sup in candidates_in(b.text, superscript_only)]
        if not superscript_only:
            found += [(start, end, digits, False, True) for start, end, digits in apart_candidates(b.text)]
        for start, end, digits, sup, apart in sorted(found):
            # a raised number seen in the PDF is a marker whatever follows it
            date_like = not superscript_only and date_follows(b.text[end:], months, lang)
            cands.append(Candidate(i, start, end, digits, _page_at(b, start), sup, date_like, apart))
        if not superscript_only:
            cands += [Candidate(i, start, end, digits, _page_at(b, start), tail=True) for start, end, digits in tail_candidates(b.text)]
    by_page: dict[int, list[int]] = {}
    for n in notes:
        by_page.setdefault(n.page, []).append((n.n, n.printed))
    result = assign_markers(cands, by_page)
    edits: dict[int, list[tuple[int, int, str]]] = {}
    printed = {x.n: x.printed for x in notes}
    for n, c in result.markers.items():
        end = c.start + len(str(printed[n]))
        text = blocks[c.block].text
        if end == c.end and text[end:end + 1] == ")" and "(" not in text[text.rfind(" ", 0, c.start) + 1:c.start]:
            end += 1  # a marker written "1)" like its note
        start = c.start - 1 if c.apart and text[c.start - 1:c.start] == " " else c.start  # the call goes on the word before
        edits.setdefault(c.block, []).append((start, end, note_mark(n)))
    for page, n, reason in result.unsure:
        c = result.markers.get(n)
        where = excerpt(blocks[c.block].text, c.start) if c else ""
        report.unsure_markers.append((page, where or f"note {n}", reason))
        if c:
            checks.setdefault(c.block, []).append(f"note {n}: {reason} ({where})")
    for n in result.unplaced:
        page = next(x.page for x in notes if x.n == n)
        _place_at_page_end(blocks, page, note_mark(n), edits, checks, f"note {n}: no marker found on page {page}; placed at the end of the page's text")
    for o in orphans:
        message = f"text without a note number in the note area of page {o.page}, kept as a footnote at the end of the page's text: {o.text[:50]!r}"
        report.layout_problems.append(message)
        _place_at_page_end(blocks, o.page, note_mark(o.n), edits, checks, message)
    for i, items in edits.items():
        text = blocks[i].text
        for a, b, rep in sorted(items, reverse=True):
            text = text[:a] + rep + text[b:]
        blocks[i].text = text
    return len(result.markers)


RAISED_RE = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def _left_raised(i: int, block: Block, checks: dict, report: ImportReport) -> None:
    """A raised number of the print that no note took: say so (a marker whose note was not
    found, an exponent, an ordinal ...)."""
    for m in RAISED_RE.finditer(block.text):
        where = excerpt(block.text, m.start())
        reason = f"raised number {m.group()} is not the marker of any note found (a lost note? an exponent?)"
        report.unsure_markers.append((_page_at(block, m.start()), where, reason))
        checks.setdefault(i, []).append(f"{reason} ({where})")


def _place_at_page_end(blocks, page, mark, edits, checks, message) -> None:
    """Put ``mark`` at the end of the text of ``page`` (before the next page's break)."""
    target = None
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            continue
        if b.page <= page:
            target = i
    if target is None:
        return
    text = blocks[target].text
    m = re.search(re.escape("\ue000") + str(page + 1) + re.escape("\ue001"), text)
    pos = m.start() if m else len(text.rstrip())
    edits.setdefault(target, []).append((pos, pos, mark))
    checks.setdefault(target, []).append(message)


def _check_sequence(notes, report) -> None:
    for a, b in zip(notes, notes[1:]):
        if b.printed != a.printed + 1 and not (b.printed == 1 and b.page != a.page):
            report.layout_problems.append(f"note numbers jump from {a.printed} to {b.printed} (page {b.page})")


def _count(suspects: list[Suspect], page: int, report: ImportReport) -> None:
    for s in suspects:
        report.suspects_by_kind[s.kind] = report.suspects_by_kind.get(s.kind, 0) + 1
        report.suspects.append((page, s.kind, s.reading, s.lemma))


# --------------------------------------------------------------------------- front matter and sections


def _structure(blocks, checks, notes, ctx, lang, source, report, labels) -> tuple[Edition, Comments]:
    """Blocks -> title, abstracts and sections of the draft edition, and its comments."""
    title, subtitle, start = _title(blocks)
    comments = Comments()
    abstracts: list[Abstract] = []
    sections: list[Section] = []
    current = None  # Abstract | Section receiving paragraphs
    carry = ""  # page-break sentinels taken off a heading, for the next paragraph
    for i in range(start, len(blocks)):
        b = blocks[i]
        if b.kind == "heading":
            head = strip_sentinels(b.text).strip()
            pbs = "".join(m.group() for m in PB_RE.finditer(b.text))
            last = _last_paragraph(current)
            if pbs and last is not None:  # the page begins with this heading: break before it
                extend(last.content, [Text(" ")] + inlines(pbs, [], notes, labels=labels))
            else:
                carry += pbs
            text_no_pb = PB_RE.sub("", b.text).strip()
            alang = abstract_language(head)
            if alang and not any(s.heading for s in sections):
                if sections and not abstracts:
                    comments.add(sections[0], "CHECK: text before the abstract (authors, affiliations?): move it to edition.authors or delete it")
                current = Abstract(alang, head)
                abstracts.append(current)
            else:
                current = _section(inlines(text_no_pb, [], notes, labels=labels))
                sections.append(current)
                report.headings.append(head)
            for m in checks.get(i, []):
                comments.add(current, f"CHECK (heading): {m}")
            continue
        if b.kind == "keywords":
            kws = [k.strip().rstrip(".") for k in re.split(r"[;,]", strip_sentinels(b.text)) if k.strip()]
            target = current if isinstance(current, Abstract) else (abstracts[-1] if abstracts and not sections else None)
            if target is not None and not target.keywords:
                target.keywords_label, target.keywords = b.label, kws
                continue
            b = Block("para", f"{b.label}: {b.text}", b.lines, b.page)
        if current is None:
            current = _section([])
            sections.append(current)
        sus = find_suspects(carry + b.text, ctx)
        _count(sus, b.page, report)
        para = Paragraph(inlines(carry + b.text, sus, notes, labels=labels))
        carry = ""
        if isinstance(current, Abstract):
            current.paragraphs.append(para)  # an abstract has no block quotes
        else:
            current.blocks.append(Quote([para]) if b.quote else para)
        report.paragraphs += 1
        n = len(current.paragraphs if isinstance(current, Abstract) else current.blocks)
        for msg in checks.get(i, []):
            comments.add(current, f"CHECK (paragraph {n}): {msg}")
    if carry:
        if not sections:
            sections.append(_section([]))
        sections[-1].blocks.append(Paragraph(inlines(carry, [], notes, labels=labels)))
    for a in abstracts:
        text = " ".join(plain_text(p.content, with_notes=True) for p in a.paragraphs)
        a.language = detect_language(text, default=a.language)
    meta = Meta(title=title, subtitle=subtitle, language=lang, abstracts=abstracts)
    if not title:
        meta.title = os.path.splitext(os.path.basename(source))[0] or "Untitled"
        comments.add(meta, "CHECK: no title found at the head of the text: this is the file name; write the title")
    comments.header = [
        f"Draft edition imported from {source} by 'edition import'.",
        "Review before use: every '# CHECK:' comment and every [..]{.app ... type=suspect} entry",
        "(a suspected error of the print; the lemma is a proposed correction, J the print).",
        (f"Page breaks {{pb n=..}} carry the printed page numbers; the text starts on page {labels[1]}."
         if labels else "Page breaks {pb n=..} count the pages of the text from 1; set n to the printed page numbers."),
    ]
    edition = Edition(
        source=source,
        meta=meta,
        witnesses={"J": f"the print, as extracted to text ({source})", "ed.": "the present editor"},
        base_witness="J",
        body=sections or [_section([])],
    )
    return edition, comments


def _section(heading: list) -> Section:
    """A section as the YAML reader makes it: the heading's text and the id it gives."""
    from .yamlsrc import slugify

    text = plain_text(heading)
    return Section(heading=heading, heading_text=text, id=slugify(text) if text else "")


def _last_paragraph(current):
    if isinstance(current, Abstract):
        return current.paragraphs[-1] if current.paragraphs else None
    if isinstance(current, Section) and current.blocks:
        last = current.blocks[-1]
        return last.paragraphs[-1] if isinstance(last, Quote) else last
    return None


def _title(blocks: list[Block]) -> tuple[str, str, int]:
    """(title, subtitle, index of the first block after them) from the head of the text.

    The title is the heading line(s) at the very start when an abstract heading follows
    (after at most a few short lines: authors, affiliations) or when another heading follows.
    """
    lead = 0
    while lead < len(blocks) and blocks[lead].kind == "heading" and not _is_abstract(blocks[lead]):
        lead += 1
    k = lead
    while k < len(blocks) and k - lead < 4 and blocks[k].kind == "para" and len(blocks[k].text) < 200:
        k += 1
    abstract_follows = k < len(blocks) and _is_abstract(blocks[k])
    if not lead or not (abstract_follows or lead >= 2):
        return "", "", 0
    keep = lead if abstract_follows else lead - 1  # else the last heading opens the first section
    lines = [strip_sentinels(b.text).strip() for b in blocks[:keep]]
    caps = 1
    while caps < len(lines) and not any(c.islower() for c in lines[caps]):
        caps += 1  # a title printed in capitals over several lines
    for b in blocks[caps:keep]:
        b.kind = "para"  # author names, affiliations: kept as text before the abstract
    return lines[0], " ".join(lines[1:caps]), caps


def _is_abstract(block: Block) -> bool:
    return block.kind == "heading" and bool(abstract_language(strip_sentinels(block.text)))


def main(argv: list[str] | None = None) -> int:
    """``python -m edition.readers.rawtext RAW.txt [-o draft.yaml] [--language tr]``."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="edition import", description="pdftotext text -> draft edition YAML")
    ap.add_argument("raw", help="the text extracted from the PDF (UTF-8)")
    ap.add_argument("-o", "--output", help="the draft to write (default: standard output)")
    ap.add_argument("--language", help="BCP 47 code of the text (default: detected)")
    args = ap.parse_args(argv)
    try:
        yaml_text, report = import_file(args.raw, language=args.language)
    except RawTextError as exc:
        print(f"{args.raw}: error: {exc}", file=sys.stderr)
        return 2
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(yaml_text)
    else:
        sys.stdout.write(yaml_text)
    print(report.format(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["ImportReport", "ImportError", "RawTextError", "TextReader", "import_draft", "import_file", "import_model", "import_text", "decode", "main", "KINDS"]

# The CLI (edition/cli.py) imports the error under this name; it is RawTextError, a subclass
# of the built-in ImportError.
ImportError = RawTextError  # noqa: A001


# --------------------------------------------------------------------------- the format


@register_reader
class TextReader(Reader):
    """Text extracted from a PDF (``pdftotext``), read as ``edition import`` reads it: a
    draft to review, built like any edition (``edition build article.txt -o x.pdf``)."""

    name = "text"
    suffixes = (".txt",)
    description = "pdftotext output, imported as a draft (as edition import does)"

    @staticmethod
    def draft(path: str, language: str | None = None) -> tuple[str, ImportReport]:
        """``edition import``: the YAML of the draft and the report."""
        return import_file(path, language)

    def read(self, path: str, reporter: Reporter) -> Edition | None:
        return read_imported(path, reporter, import_draft)


def read_imported(path: str, reporter: Reporter, importer) -> Edition | None:
    """What a reader of an importer (the text's, the PDF's) gives a build: the draft's model,
    the importer's refusal as a located error, and one warning counting its doubts."""
    try:
        edition, _comments, report = importer(path)
    except RawTextError as exc:
        reporter.error(Loc(path, 0, 0), str(exc), "edition import describes what it reads")
        return None
    doubts = len(report.unsure_markers) + sum(report.suspects_by_kind.values())
    if doubts:
        reporter.warning(
            Loc(path, 1, 1),
            f"an imported draft: {len(report.unsure_markers)} unsure note marker(s), {sum(report.suspects_by_kind.values())} suspected error(s) of the print",
            f"review them: edition import {os.path.basename(path)} -o edition.yaml",
        )
    return edition
