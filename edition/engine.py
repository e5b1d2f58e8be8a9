"""The one boundary with WeasyPrint: every use of it in the project goes through here.

What the rest of the project gets from WeasyPrint, and nothing else:

- :func:`render`: an HTML string laid out into a document (its ``pages``, each with
  ``anchors``, ``links``, ``bookmarks`` and its box tree), fetching only what
  :func:`safe_fetcher` serves (``data:`` URLs and files inside the edition folder);
- :func:`write_pdf`: a rendered document's PDF, with the PDF options of the build
  (:func:`pdf_options`: WeasyPrint's ``pdf_variant``, ``pdf_tags``, ``custom_metadata``...,
  set for a build with :func:`writing`; none by default); a tagged one with what
  pdf/tagging.py tells WeasyPrint's tagger (it wraps two of WeasyPrint 70.0's functions
  for the time of the write, as layout/speedups.py does for the layout);
- :func:`reporting`: what WeasyPrint logs, told to the build's Reporter (each message once);
  :data:`log` is WeasyPrint's logger, for the messages forked processes send back;
- the box tree, read through :func:`box_types`, :func:`page_box` and
  :func:`footnote_areas` (the walks of layout/breaks.py, lines.py and feet.py test boxes
  against these types) and the walks every layout step shares (:func:`element_boxes`,
  :func:`anchor_boxes`, which layout/ turns into model keys);
- :func:`bookmark_tree`: the outline of pages laid out in several documents, nested by
  WeasyPrint's own rules (pdf/merge.py);
- :func:`faster_layout`: the work WeasyPrint repeats done once (layout/speedups.py, which
  patches WeasyPrint internals).  They were written against WeasyPrint :data:`TESTED`; with
  any other version they are off, and the build says so once.

WeasyPrint is imported when one of these is called, never when this module is: reading and
checking a source does not load it.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from typing import Iterator, Optional

TESTED = "70.0"  # the WeasyPrint whose internals layout/speedups.py patches

log = logging.getLogger("weasyprint")

_pdf_options: dict = {}


def load() -> None:
    """Import WeasyPrint without the compiler and ldconfig runs of its library lookup.

    WeasyPrint asks cffi for each C library under several names (``libpango-1.0-0``, ...,
    ``libpango-1.0.so.0``); cffi tries each as a file name and, when that fails, calls
    ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and then ``gcc`` (about
    40 processes and temporary files per start, a build needs none of them).  Every name has a
    dot, so cffi has already tried it as given: on Linux the lookup is skipped while
    WeasyPrint loads, and a name that only the lookup would find is still found by the
    ``.so.N`` name that follows it.  Should the import fail that way, it is tried again with
    the lookup (a system that has only the lookup's answer)."""
    import sys

    if "weasyprint.text.ffi" in sys.modules or not sys.platform.startswith("linux"):
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda _name: None
    try:
        import weasyprint.text.ffi  # noqa: F401
    except OSError:
        pass  # imported again below, with the lookup
    finally:
        ctypes.util.find_library = search
    import weasyprint.text.ffi  # noqa: F401,F811


def version() -> str:
    """The version of the WeasyPrint installed."""
    load()
    import weasyprint

    return weasyprint.__version__


_fetched: Optional[set] = None  # the files fetched within fetch_record (layout/cache.py)


@contextlib.contextmanager
def fetch_record():
    """Within the block, the files :func:`safe_fetcher` serves are added to the set yielded
    (what a render read besides its HTML: the layout cache checks them again)."""
    global _fetched
    before, _fetched = _fetched, set()
    try:
        yield _fetched
    finally:
        if before is not None:
            before.update(_fetched)
        _fetched = before


def pango_version() -> int:
    """The version of the Pango WeasyPrint uses (an integer, as Pango gives it)."""
    load()
    from weasyprint.text.ffi import pango

    return pango.pango_version()


def safe_fetcher(base_dir: Optional[str]):
    """A WeasyPrint URL fetcher that serves only data: URLs and files inside ``base_dir``
    (no file at all when it is None)."""
    from urllib.parse import unquote, urlparse

    load()
    from weasyprint.urls import URLFetcher

    base = os.path.realpath(base_dir) if base_dir is not None else None

    class SafeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme == "file" and base is not None:
                path = os.path.realpath(unquote(parsed.path))
                if os.path.commonpath([path, base]) == base:
                    if _fetched is not None:
                        _fetched.add(path)
                    return super().fetch(url, headers)
            raise ValueError(f"refused to fetch {url}: only files inside the edition folder are used")

    return SafeFetcher()


def render(html: str, base_dir: Optional[str] = None):
    """``html`` laid out by WeasyPrint; relative URLs resolve in ``base_dir``, the only
    folder files are read from."""
    load()
    from weasyprint import HTML

    base_url = base_dir + os.sep if base_dir is not None else None
    return HTML(string=html, base_url=base_url, url_fetcher=safe_fetcher(base_dir)).render()


def pdf_options() -> dict:
    """The WeasyPrint PDF options of the build writing now (see :func:`writing`)."""
    return dict(_pdf_options)


@contextlib.contextmanager
def writing(options: Optional[dict]):
    """Within the block, every PDF WeasyPrint writes (the whole document's, each chunk's,
    a page patched in) uses ``options`` (``pdf_variant``, ``pdf_tags``...).  Processes
    forked within the block inherit them."""
    global _pdf_options
    before = _pdf_options
    _pdf_options = dict(options or {})
    try:
        yield
    finally:
        _pdf_options = before


def write_pdf(document, **options) -> bytes:
    """The PDF of a rendered document, with the build's PDF options (``options`` add to
    them); a tagged one with the edition's structure types, artifacts and actual texts
    (pdf/tagging.py)."""
    options = {**_pdf_options, **options}
    if not tagged(options):
        return document.write_pdf(**options)
    if version() != TESTED:  # the tagger wrapped is 70.0's: another one tags as it does
        log.warning("WeasyPrint %s: the PDF is tagged by WeasyPrint alone (notes, lists, artifacts and "
                    "hyphenated words are told to WeasyPrint %s's tagger only)", version(), TESTED)
        return document.write_pdf(**options)
    from .pdf.tagging import tagging

    with tagging(document, document.metadata.lang or ""):
        return document.write_pdf(**options)


def tagged(options: dict) -> bool:
    """Whether WeasyPrint writes a structure tree with these options.

    >>> tagged({}), tagged({"pdf_variant": "pdf/ua-1"}), tagged({"pdf_variant": "pdf/a-3b", "pdf_tags": True})
    (False, True, True)
    """
    variant = options.get("pdf_variant") or ""
    return bool(options.get("pdf_tags")) or variant.startswith("pdf/ua") or variant[-1:] == "a"


def srgb_profile() -> bytes:
    """The sRGB ICC profile WeasyPrint ships (what an untagged RGB image is taken to be)."""
    from importlib.resources import files

    load()
    return (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()


def write_plain_pdf(document) -> bytes:
    """The PDF of a document drawn over the pages (line numbers), without the build's
    options: it is not a document of its own (no tags, no output intent, no metadata)."""
    return document.write_pdf()


class LogToReporter(logging.Handler):
    """WeasyPrint's warnings as the build's warnings (each message once), at ``loc``."""

    def __init__(self, reporter, loc):
        super().__init__(logging.WARNING)
        self.reporter, self.loc, self.seen = reporter, loc, set()

    def emit(self, record):
        msg = record.getMessage()
        if msg not in self.seen:
            self.seen.add(msg)
            self.reporter.warning(self.loc, f"layout: {msg}")


@contextlib.contextmanager
def reporting(reporter, loc):
    """Within the block, what WeasyPrint logs is told to ``reporter``."""
    handler = LogToReporter(reporter, loc)
    log.addHandler(handler)
    try:
        yield handler
    finally:
        log.removeHandler(handler)


@dataclass(frozen=True)
class BoxTypes:
    """The kinds of box the layout's walks tell apart."""

    line: type
    text: type
    inline: type
    block: type
    footnote_area: type
    outside_text: tuple  # margin boxes (running heads, folios) and the footnote area


def box_types() -> BoxTypes:
    """WeasyPrint's box classes, for ``isinstance`` in a walk (fetch them once per walk)."""
    load()
    from weasyprint.formatting_structure import boxes

    return BoxTypes(boxes.LineBox, boxes.TextBox, boxes.InlineBox, boxes.BlockBox, boxes.FootnoteAreaBox,
                    (boxes.MarginBox, boxes.FootnoteAreaBox))


def page_box(page):
    """The root of a laid-out page's box tree."""
    return page._page_box


def footnote_areas(page) -> list:
    """The footnote areas of a laid-out page (at most one)."""
    area = box_types().footnote_area
    return [child for child in page_box(page).children if isinstance(child, area)]


def element_boxes(document, match) -> Iterator:
    """The boxes of ``document``'s pages, in order, whose element ``match(box, element)``
    accepts (the boxes inside one that matched are not looked at)."""

    def walk(box):
        element = getattr(box, "element", None)
        if element is not None and match(box, element):
            yield box
            return
        for child in getattr(box, "children", ()):
            yield from walk(child)

    for page in document.pages:
        yield from walk(page_box(page))


def anchor_boxes(document) -> dict[str, tuple[int, tuple]]:
    """Element id -> (page index, (x1, y1, x2, y2) in CSS px)."""
    out: dict[str, tuple[int, tuple]] = {}
    for i, page in enumerate(document.pages):
        for anchor, box in page.anchors.items():
            out.setdefault(anchor, (i, box))
    return out


def bookmark_tree(pages) -> list:
    """The outline of ``pages`` (each with ``bookmarks`` and ``height``, in CSS px), nested
    as WeasyPrint nests it: a list of (title, (page number, x, y), children, state), with
    x, y in PDF points."""
    load()
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.matrix import Matrix

    root: list = []
    skipped: list = []
    last_by_depth = [root]
    level = 0
    scale = 0.75  # PDF points per CSS px
    for number, page in enumerate(pages):
        level = make_page_bookmark_tree(page, skipped, last_by_depth, level, number, Matrix(a=scale, d=-scale, f=page.height * scale))
    return root


def speedups_apply(reporter=None) -> bool:
    """Whether layout/speedups.py may patch this WeasyPrint (the version it was tested on);
    if not, ``reporter`` is told once."""
    found = version()
    if found == TESTED:
        return True
    message = (f"WeasyPrint {found} is installed; the layout speedups were written for WeasyPrint {TESTED} and are off"
               " (the build is slower, its result the same)")
    if reporter is not None:
        reporter.warning(None, message)
    else:
        logging.getLogger("edition").warning(message)
    return False


@contextlib.contextmanager
def faster_layout(reporter=None):
    """Within the block, line breaking is remembered, footnote areas and computed styles are
    quick (layout/speedups.py), when this WeasyPrint is the one they were tested on."""
    if not speedups_apply(reporter):
        yield
        return
    from .layout.speedups import faster_layout as faster

    with faster():
        yield
