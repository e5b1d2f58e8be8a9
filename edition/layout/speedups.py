"""Layout work WeasyPrint repeats, done once per build: line breaking, the footnote area, and
computed styles asked for a property no declaration sets.

WeasyPrint breaks a text into lines one line at a time (``split_first_line``: Pango lays out
the rest of the text box at the available width and the first line is kept).  A build asks
the same question many times: the footnote area is laid out again each time a note joins
a page (every note above it is broken into lines again), the measuring documents set the
same notes and entries, and the final layout breaks every paragraph where the first layout
broke it.  The answer depends only on the text, the width and the style properties Pango
and WeasyPrint read for it (listed in KEY_PROPERTIES), so it is kept for the rest of the
build (the forked processes of a chunked layout inherit it).

WeasyPrint computes styles lazily, one property at a time, through ``ComputedStyle.__missing__``
(about 250 000 questions for the sample); most of them are about a property that no rule sets
for the element, whose answer is the parent's value or the initial one, but each goes through
the whole method (cascade, logical properties, variables, math functions, special cases).
:func:`quick_styles` answers those the short way and leaves every other one to WeasyPrint.

What is kept is WeasyPrint's own result: the first line's Pango layout after WeasyPrint has
released its Pango objects (it keeps the line's text and metrics; drawing sets it up again
from the box's own style), its length, where the next line resumes, and its size.  Pinned
to WeasyPrint 70.0 (pyproject.toml): ``weasyprint.layout.inline`` and ``.preferred`` call
``split_first_line`` through their module globals, which :func:`remembered_lines` replaces
while a build lays out and restores afterwards.
"""

from __future__ import annotations

import contextlib
import functools
import weakref
from typing import Optional

# every style property split_first_line reads, directly or through the Pango layout it sets
# up (font description and features, language, direction, decorations, spacing, breaking)
KEY_PROPERTIES = (
    "white_space", "font_size", "font_family", "font_style", "font_stretch", "font_weight",
    "font_variant_ligatures", "font_variant_position", "font_variant_caps", "font_variant_numeric",
    "font_variant_alternates", "font_variant_east_asian", "font_feature_settings",
    "font_variation_settings", "font_language_override", "font_kerning", "lang", "direction",
    "text_decoration_line", "letter_spacing", "word_spacing", "tab_size", "hyphens",
    "hyphenate_character", "hyphenate_limit_chars", "hyphenate_limit_zone", "overflow_wrap",
    "word_break",
)

_stats = {"hits": 0, "misses": 0}


def _style_key(style) -> str:
    return repr(tuple(style[name] for name in KEY_PROPERTIES))


@contextlib.contextmanager
def remembered_lines():
    """Within the block, WeasyPrint's line breaking answers a repeated question from memory."""
    from weasyprint.layout import inline, preferred
    from weasyprint.text import line_break

    original = line_break.split_first_line
    if inline.split_first_line is not original:  # nested: already remembering
        yield
        return
    global _memory
    memory: dict = {}
    _memory = memory
    styles: dict = {}  # id(style) -> (weak reference, key): computed styles are shared by many boxes

    @functools.wraps(original)
    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False):
        entry = styles.get(id(style))
        if entry is None or entry[0]() is not style:
            entry = styles[id(style)] = (weakref.ref(style), _style_key(style))
        key = (hash(text), len(text), text[:48], entry[1], max_width, justification_spacing, is_line_start, minimum)
        found = memory.get(key)
        if found is None:
            _stats["misses"] += 1
            found = memory[key] = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        else:
            _stats["hits"] += 1
        return found

    inline.split_first_line = preferred.split_first_line = split_first_line
    try:
        yield
    finally:
        inline.split_first_line = preferred.split_first_line = original
        _memory = None
        memory.clear()
        styles.clear()


_memory: Optional[dict] = None  # the memory of the build laying out now


def remembered() -> dict:
    """What the line-breaking memory holds (to send it from a child process to its parent:
    string hashes in the keys are those of forked processes, which share the hash seed)."""
    return dict(_memory or {})


def remember(lines: dict) -> None:
    """Add what another process of this build remembered."""
    if _memory is not None:
        _memory.update(lines)


@contextlib.contextmanager
def quick_footnote_area():
    """Within the block, a footnote area's height is the sum of its notes' heights (each
    laid out once per build), when its notes have no vertical margins."""
    from math import inf

    from weasyprint.formatting_structure import build
    from weasyprint.layout import LayoutContext
    from weasyprint.layout.block import block_level_layout

    original = LayoutContext._update_footnote_area
    if getattr(original, "quick", False):  # nested
        yield
        return
    heights: dict = {}  # id(note box) -> (weak reference, area width, margin height or None)

    def note_height(context, area, note):
        found = heights.get(id(note))
        if found is not None and found[0]() is note and found[1] == area.width:
            return found[2]
        alone = build.create_anonymous_boxes(area.copy_with_children([note]).deepcopy())
        alone = block_level_layout(context, alone, -inf, None, area.page)[0]
        child = alone.children[0] if len(alone.children) == 1 else None
        simple = child is not None and child.margin_top == 0 and child.margin_bottom == 0
        height = alone.height if simple else None
        heights[id(note)] = (weakref.ref(note), area.width, height)
        return height

    def _update_footnote_area(self):
        area = self.current_footnote_area
        notes = self.current_page_footnotes
        if self.in_column or not notes:
            return original(self)
        sizes = [note_height(self, area, note) for note in notes]
        if any(size is None for size in sizes):
            return original(self)
        if area.height != "auto":
            self.page_bottom += area.margin_height()
        area.children = notes
        top = area.position_y + area.margin_top + area.border_top_width + area.padding_top
        bottom = top
        for size in sizes:  # as block layout stacks them, one after the other
            bottom += size
        area.height = bottom - top
        self.page_bottom -= area.margin_height()
        return bottom > area.position_y + area.margin_height() - area.margin_bottom

    _update_footnote_area.quick = True
    LayoutContext._update_footnote_area = _update_footnote_area
    try:
        yield
    finally:
        LayoutContext._update_footnote_area = original
        heights.clear()


def _logical_names(physical) -> frozenset:
    """The logical properties WeasyPrint may read for a physical one (either direction)."""
    return frozenset(physical(block="ttb", inline=inline) for inline in ("ltr", "rtl"))


@contextlib.contextmanager
def quick_styles():
    """Within the block, a computed style finds a property that no declaration sets (the
    most common question: WeasyPrint computes styles lazily, property by property) by the
    short way WeasyPrint's own ``ComputedStyle.__missing__`` takes for it in the end: the
    parent's computed value for an inherited property, else the initial value (computed when
    WeasyPrint computes it).  Every other question (a declared property, a logical one
    declared, the root element, custom properties, the properties computed from others:
    display, float, position, page, text decorations, a value holding a math function) goes
    to WeasyPrint's own code."""
    from weasyprint.css import ComputedStyle
    from weasyprint.css.computed_values import COMPUTER_FUNCTIONS, PHYSICAL_FUNCTIONS
    from weasyprint.css.functions import check_math
    from weasyprint.css.properties import INHERITED, INITIAL_NOT_COMPUTED, INITIAL_VALUES

    original = ComputedStyle.__missing__
    if getattr(original, "quick", False):  # nested
        yield
        return
    slow = frozenset(("float", "display", "position", "page"))
    logical = {name: _logical_names(function) for name, function in PHYSICAL_FUNCTIONS.items()}

    def __missing__(self, key):
        cascaded = self.cascaded
        parent = self.parent_style
        if key in cascaded or key in slow or parent is None or key[:2] == "__" or key[:16] == "text_decoration_":
            return original(self, key)
        names = logical.get(key)
        if names is not None:
            self["direction"]  # as WeasyPrint reads it
            if not names.isdisjoint(cascaded):
                return original(self, key)
        if key in INHERITED:
            value = parent[key]
            if check_math(value):
                return original(self, key)
        else:
            value = INITIAL_VALUES[key]
            if key in INITIAL_NOT_COMPUTED and key in COMPUTER_FUNCTIONS:
                value = COMPUTER_FUNCTIONS[key](self, key, value)
        self[key] = value
        return value

    __missing__.quick = True
    ComputedStyle.__missing__ = __missing__
    try:
        yield
    finally:
        ComputedStyle.__missing__ = original


@contextlib.contextmanager
def faster_layout():
    """All of them: line breaking remembered, quick footnote areas, quick styles."""
    with remembered_lines(), quick_footnote_area(), quick_styles():
        yield
