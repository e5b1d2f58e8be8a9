"""Line facts of a laid-out document: the text lines of the edited text, page by page.

WeasyPrint has no CSS line numbering, so the lines are read from the laid-out line boxes
(WeasyPrint's box tree, read through edition/engine.py, pinned to the version in
pyproject.toml) and
numbered here.  Only lines of the edited text count (``<main class="text">``, block quotes
included), not headings, front or back matter, nor the foot of the page.  Lemmas are placed
on their line from the public ``Page.anchors`` positions of their start and end markers.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass, field

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Line:
    page: int
    top: float  # CSS px from the top of the page
    bottom: float
    baseline: float
    left: float  # left edge of the line box
    right: float = 0.0  # right edge of the column the line is set in (not of its words:
    # a paragraph's short last line ends early, its number must not follow it)
    section: str = ""
    n: int = 0  # number as printed (restart rule applied)


@dataclass
class PageLines:
    lines: list[Line] = field(default_factory=list)

    def line_at(self, y: float):
        """The line whose box holds ``y`` (or the nearest line above it)."""
        tops = [ln.top for ln in self.lines]
        i = bisect.bisect_right(tops, y + 0.5) - 1
        return self.lines[i] if i >= 0 else None


def text_lines(document) -> list[PageLines]:
    """The counted lines of every page, in reading order, not yet numbered (a document
    rendered in chunks brings them with it)."""
    from ..engine import box_types, page_box

    if getattr(document, "text_lines", None) is not None:
        return copy.deepcopy(document.text_lines)
    kinds = box_types()

    pages = []
    for index, page in enumerate(document.pages):
        found: list[Line] = []

        def walk(box, in_text: bool, section: str, right: float):
            if isinstance(box, kinds.outside_text):
                return
            element = getattr(box, "element", None)
            tag = getattr(box, "element_tag", "")
            if element is not None and box.style is not None:
                classes = (element.get("class") or "").split()
                if tag == "main" and "text" in classes:
                    in_text = True
                    # the text's column (a block quote's lines are numbered at its edge too)
                    right = box.content_box_x() + box.width
                if tag == "section" and element.get("id"):
                    section = element.get("id")
            if isinstance(box, kinds.line):
                if in_text and tag not in HEADINGS and _has_text(box):
                    top = box.position_y
                    found.append(Line(index, top, top + box.height, top + box.baseline, box.position_x, right, section))
                return
            for child in getattr(box, "children", ()):
                walk(child, in_text, section, right)

        walk(page_box(page), False, "", 0.0)
        found.sort(key=lambda ln: ln.top)
        pages.append(PageLines(found))
    return pages


def _has_text(line) -> bool:
    stack = list(line.children)
    while stack:
        box = stack.pop()
        text = getattr(box, "text", None)
        if text and text.strip():
            return True
        stack.extend(getattr(box, "children", ()))
    return False


def number_lines(pages: list[PageLines], restart: str = "page") -> None:
    """Number the lines: restart on each page, in each section, or run on ('none')."""
    n, section = 0, None
    for page in pages:
        if restart == "page":
            n = 0
        for line in page.lines:
            if restart == "section" and line.section != section:
                n, section = 0, line.section
            n += 1
            line.n = n
