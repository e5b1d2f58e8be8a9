"""Step ``lines``: margin line numbers drawn over the finished pages, so the layout cannot
move because of them.

The numbers are laid out by WeasyPrint as a document of their own (one absolutely positioned
number per counted line, every ``every``-th line, on pages of the same size) and stamped on
the edition's pages with pikepdf, each page's numbers as one marked-content artifact (a
tagged PDF stays valid: the numbers are not part of its structure).  Each number sits on the baseline of the line it counts:
the baseline offset of the number's own line box is measured once per process.
"""

from __future__ import annotations

import io
from functools import lru_cache

NUMBER_CSS = "font-family: 'Linux Libertine O', serif; font-size: 7.5pt; line-height: 12px; font-variant-numeric: lining-nums;"
GAP = 12.0  # CSS px between a number and the text column
WIDTH = 30.0


@lru_cache(maxsize=1)
def _baseline_offset() -> float:
    """Distance from the top of a number's box to its baseline (CSS px)."""
    from ..engine import box_types, page_box, render

    doc = render(f'<style>@page {{ margin: 0 }} body {{ margin: 0 }}</style><div style="position:absolute; top:100px; left:0; {NUMBER_CSS}">5</div>')
    line = box_types().line
    stack = [page_box(doc.pages[0])]
    while stack:
        box = stack.pop()
        if isinstance(box, line):
            return box.position_y + box.baseline - 100
        stack.extend(getattr(box, "children", ()))
    return 9.0  # pragma: no cover


def margin_side(side: str, page_index: int) -> str:
    """'left' or 'right' for a page: 'outer' is right on recto (odd) pages, left on verso.

    >>> [margin_side("outer", i) for i in range(3)], margin_side("left", 1)
    (['right', 'left', 'right'], 'left')
    """
    if side == "outer":
        return "right" if page_index % 2 == 0 else "left"
    return side


def overlay_html(document, pages, every: int, side: str = "left") -> str:
    offset = _baseline_offset()
    parts = []
    for index, page in enumerate(document.pages):
        width, height = page.width, page.height
        marks = []
        on_right = margin_side(side, index) == "right"
        for line in pages[index].lines:
            if line.n % every:
                continue
            left = line.right + GAP if on_right else line.left - GAP - WIDTH
            align = "left" if on_right else "right"
            top = line.baseline - offset
            marks.append(
                f'<span class="ln" style="left:{left:.3f}px; top:{top:.3f}px; text-align:{align}">{line.n}</span>'
            )
        parts.append(f'<div class="pg" style="width:{width:.3f}px; height:{height:.3f}px">{"".join(marks)}</div>')
    return (
        "<html><head><style>"
        f"@page {{ size: {document.pages[0].width:.3f}px {document.pages[0].height:.3f}px; margin: 0 }}"
        "body { margin: 0 } .pg { position: relative; break-after: page; overflow: hidden }"
        f".ln {{ position: absolute; width: {WIDTH}px; {NUMBER_CSS} }}"
        "</style></head><body>" + "".join(parts) + "</body></html>"
    )


def draw_line_numbers(pdf, numbers, opened: list) -> None:
    """Stamp every ``numbers.every``-th line number in the margin (left, right or outer) of
    each page of ``pdf`` (a pikepdf.Pdf), as an artifact: ``q <the page> Q /Artifact BMC
    <the numbers> EMC``.  ``opened``: files opened here, closed by the caller."""
    import pikepdf

    from ..engine import render, write_plain_pdf

    stamp = write_plain_pdf(render(overlay_html(numbers.document, numbers.pages, numbers.every, numbers.side)))
    opened.append(pikepdf.open(io.BytesIO(stamp)))
    for index, (page, overlay) in enumerate(zip(pdf.pages, opened[-1].pages)):
        formx = pdf.copy_foreign(overlay.as_form_xobject())
        # a name of its own on every page (WeasyPrint's pages share one resource dictionary),
        # never a random one (the same bytes on every build)
        name = page.add_resource(formx, pikepdf.Name.XObject, pikepdf.Name(f"/LineNumbers{index}"))
        placed = page.calc_form_xobject_placement(formx, name, pikepdf.Rectangle(page.trimbox), allow_shrink=True, allow_expand=True)
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"Q\n/Artifact BMC\n" + placed + b"\nEMC\n")
        page.contents_coalesce()
