"""Rebuild one page: after an edit that stays inside one page's text, lay out that page alone
and put it into the previous PDF (``edition watch``).

The final layout holds every page break, so a page's content is known: the parts of blocks
between two held breaks, and the page's foot.  When an edit changes only the text of blocks
on one page (no note, apparatus entry, index tag, citation or setting changed, and no edited
block holds a page break), that page is laid out alone, as a chunk of the layout is
(:mod:`.chunks`: only its part of the text, its folio counted on, the title as running
head).  The result is used only if it is that page exactly: one page, every text line at the top it had, the same notes and entries
at its foot (and, keyed by line, on the same lines).  Its content then replaces the old
page's in the previous PDF (edition/pdf/splice.py); every other page, the index and the
destinations stay.

The patched PDF is a preview: its bytes differ from a cold build's (the page brings its
own font subset).  ``edition build`` writes the reference PDF.
"""

from __future__ import annotations

import hashlib
import json
from typing import Optional

from ..model import Edition, plain_text


def signature(edition: Edition) -> str:
    """A digest of everything in the edition but the running text of its blocks."""
    parts = {
        "meta": repr((edition.meta.title, edition.meta.subtitle, edition.meta.language)),
        "settings": repr(edition.settings),
        "notes": [plain_text(n.content) for n in edition.notes],
        "apparatus": [(plain_text(a.content), [(r.text, r.wits) for r in a.readings], a.type, a.comment, a.series, a.in_note) for a in edition.apparatus],
        "tags": [(t.id, t.kind, t.key, t.in_note, t.in_app) for t in edition.tags],
        "bibliography": [plain_text(e) for e in edition.bibliography_rendered],
    }
    return hashlib.md5(json.dumps(parts, ensure_ascii=False, default=repr).encode("utf-8")).hexdigest()


def patch_page(edition: Edition, plan, previous_pdf: bytes, render, source_date=None) -> Optional[tuple[bytes, int, dict]]:
    """The previous PDF with the one page an edit touched laid out again, that page's index
    and the blocks' new digests; None when the edit is not of that kind (build as usual)."""
    from ..pdf import LineNumbers, finish_page
    from . import anchor_boxes, uses_lines
    from .chunks import chunk_html
    from .printwriter import print_writer

    facts = getattr(plan, "final", None)
    if facts is None or signature(edition) != facts.signature:
        return None
    writer = print_writer(edition, plan, source_date=source_date, back_matter=False)
    html = writer.render()
    if set(writer.digests) != set(facts.digests):
        return None
    changed = [b for b, d in writer.digests.items() if d != facts.digests[b]]
    if not changed or any(b in plan.breaks for b in changed):
        return None
    pages = set().union(*(facts.block_pages.get(b, set()) for b in changed))
    if len(pages) != 1:
        return None
    page = pages.pop()
    starts = {p: start for start, p in plan.start_page.items()}
    if page not in starts:  # the title page: its front matter is not a numbered block
        return None
    # the page as a chunk of the layout (layout/chunks.py): from its start to the next page's
    mini = print_writer(edition, plan, source_date=source_date, back_matter=False, chunk=(starts[page], starts.get(page + 1)), page_offset=page)
    document = render(chunk_html(mini, edition.meta.title))
    if len(document.pages) != 1 or not same_lines(document, facts.tops.get(page, [])):
        return None
    boxes = anchor_boxes(edition, document)
    at_foot = edition.settings.apparatus_place == "foot"
    expected = {("note", n.n) for n in edition.notes if plan.note_page.get(n.n) == page}
    expected |= {("entry", a.n) for a in edition.apparatus if at_foot and plan.app_page.get(a.n) == page}
    present = {key for key in boxes if key[0] in ("note", "entry")}
    if expected != present:
        return None
    lines = None
    if uses_lines(edition):
        if edition.settings.line_restart == "section":  # numbering may restart inside the page
            return None
        lines = lemma_lines_hold(edition, plan, document, page)
        if lines is None:
            return None
    numbers = None if lines is None else LineNumbers(document, lines, edition.settings.line_every, side_for(edition, page))
    return finish_page(previous_pdf, document, page, numbers, variant_attachments(edition)), page, dict(writer.digests)


def variant_attachments(edition: Edition):
    """What a page patched into a PDF variant replaces the file's attachments with (the
    sources as edited; pdf/sources.py), or None for the print PDF."""
    from ..pdf.sources import source_attachments
    from ..pdf.variants import variant

    chosen = variant(edition.settings.pdf_variant)
    if chosen is None:
        return None
    return tuple(source_attachments(edition)) if chosen.archival else ()


def same_lines(document, tops: list[float]) -> bool:
    """The single page of ``document`` has text lines exactly where ``tops`` says."""
    from .breaks import page_profile

    return bool(tops) and page_profile(document).tops.get(0, []) == tops


def lemma_lines_hold(edition: Edition, plan, document, page: int):
    """Numbered lines of the page alone (numbered as in the whole document), if every lemma
    and index tag on it is on the line the plan printed; else None."""
    from . import LayoutPlan, place_lemmas

    if plan.lines is None or page >= len(plan.lines) or not plan.lines[page].lines:
        return None
    probe = LayoutPlan()
    lines = place_lemmas(edition, document, probe)  # numbered as if it were the first page
    offset = plan.lines[page].lines[0].n - 1
    for ln in lines[0].lines:
        ln.n += offset
        ln.page = page
    for n, (first, last) in probe.app_lines.items():
        if plan.app_lines.get(n) != (first + offset, last + offset):
            return None
    for tag, line in probe.tag_line.items():
        if plan.tag_line.get(tag) != line + offset:
            return None
    return lines


def side_for(edition: Edition, page: int) -> str:
    """The margin of the line numbers on ``page`` as the whole document would draw them."""
    side = edition.settings.line_side
    if side == "outer":  # the page's real parity, not the single page's
        return "right" if page % 2 == 0 else "left"
    return side
