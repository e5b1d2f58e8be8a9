"""The final layout in chunks: pages rendered in parallel processes, one PDF in the end.

A layout that holds its page breaks (:mod:`.breaks`) is page-exact: every page of the edited
text begins at a known (block, offset), and what a page holds does not depend on the pages
before it.  So the document can be cut at some of those page starts and each chunk laid out
on its own, as its own HTML document: the blocks before its first page start are left out
(the one just before it is written but hidden, so that ``h2 + p`` still applies), its first
page is not broken before, its folio counts on from the pages before it, its first page is
a verso or a recto as in the whole document, and its running heads start from the title and
the section in force there (the default theme's, as the one-page rebuild gives it: patch.py).  The
front matter goes with the first chunk, the back matter with the last.

Chunks are laid out in forked processes (``EDITION_JOBS``, default the CPU count; 1: one after
the other in this process).  How the document is cut depends on its pages only, never on the
number of processes, so every machine writes the same bytes.  Each chunk writes its own PDF
(with the build's PDF options: edition/engine.py) and the page facts the merge needs (its
anchors, bookmarks, the stand-in anchors of its links to other chunks); the finishing stage
puts them together (edition/pdf/merge.py).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import math
import os
import pickle
import select
import sys
import time
import traceback
from dataclasses import dataclass, field, replace
from typing import Callable, Optional

CHUNK_PAGES = 50  # text pages per chunk (at least two chunks from MIN_PAGES on)
MIN_PAGES = 6
MAX_CHUNKS = 8


def jobs() -> int:
    """Processes a layout may use: EDITION_JOBS, else the CPUs this process may run on (on
    Linux; elsewhere 1 unless EDITION_JOBS says more: forking a process that has loaded
    macOS system frameworks is not safe)."""
    try:
        return max(1, int(os.environ.get("EDITION_JOBS", "")))
    except ValueError:
        pass
    if not sys.platform.startswith("linux"):
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def css_string(text: str) -> str:
    """``text`` as a CSS string.

    >>> css_string('a "b" \\\\ c')
    '"a \\\\"b\\\\" \\\\\\\\ c"'
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def start_selector(start: tuple[str, int]) -> str:
    """The CSS selector of the part of a block that begins at a page start."""
    block, k = start
    return f'main.text [data-b="{block}"][data-k="{k}"]' if k else f'main.text [data-b="{block}"]:not([data-k])'


def back_matter_pages(html: str, text_pages: int) -> float:
    """About how many pages the back matter of ``html`` fills (its share of the HTML against
    the edited text's, which fills ``text_pages``): to balance the chunks.

    >>> back_matter_pages('<main class="text">' + 'x' * 1000 + '</main>' + 'y' * 250, 8)
    2.0
    """
    start, end = html.find('<main class="text">'), html.rfind("</main>")
    if start < 0 or end < start:
        return 0.0
    return text_pages * (len(html) - end - len("</main>")) / max(1, end - start - len('<main class="text">'))


def later_pages_css(title: str, first_folio: int, section: str = "", first: str = "", head: str = "") -> str:
    """Page rules of a document that shows pages from ``first_folio`` on (not the first):
    its first page a verso when its folio is even, with the running head of its side (the
    title; on a recto ``head``, the section as the whole document's first page would show
    it), and the heads' strings as the pages before left them (the title, the section in
    force), set by its ``first`` element (a selector; the root would set them on every page)."""
    verso = first_folio % 2 == 0
    running = f"@top-center {{ content: {css_string(title if verso else head or section)}; }}"
    side = "html { break-before: left; }\n" if verso else ""
    strings = f"{first} {{ string-set: title {css_string(title)}, section {css_string(section)}; }}\n" if first else ""
    return f"{side}{strings}@page :first {{ counter-reset: page {first_folio}; {running} }}\n"


def _sections(edition) -> list[tuple[tuple[int, int], str]]:
    """(block, 0) and heading text of every top-level section, in order."""
    from ..model import Section, plain_text
    from ..transforms.blocks import numbered_blocks
    from ..writers.html import curly_apostrophes

    return [((b.block, 0), curly_apostrophes(plain_text(b.heading))) for b in numbered_blocks(edition)
            if isinstance(b, Section) and b.level == 1 and b.heading]


def section_at(edition, block: str) -> str:
    """The heading of the top-level section in force at numbered block ``block``."""
    heading = ""
    for key, text in _sections(edition):
        if key[0] > int(block):
            break
        heading = text
    return heading


def page_head(edition, start: tuple[str, int], end) -> str:
    """The recto running head of the page from ``start`` to ``end`` (page starts; None: the
    end), as ``string(section)`` gives it in the whole layout: the first section that begins
    on the page, else the one in force."""
    lo = (int(start[0]), start[1])
    hi = (int(end[0]), end[1]) if end is not None else None
    for key, text in _sections(edition):
        if key >= lo and (hi is None or key < hi):
            return text
    return section_at(edition, start[0])


def chunk_html(writer, title: str) -> str:
    """The HTML of the chunk ``writer`` writes (its ``chunk`` and ``page_offset`` set): the
    blocks it writes only for sibling selectors stay hidden whatever a theme says, its first
    page is not broken before, numbers on from the pages before it and has the title as
    running head."""
    start = writer.chunk[0]
    extra = "main.text [hidden] { display: none !important; }\n"
    if start is not None:
        section = section_at(writer.ed, start[0])
        pages = {page: key for key, page in (getattr(writer.plan, "start_page", None) or {}).items()}
        head = page_head(writer.ed, start, pages.get(writer.page_offset + 1))
        extra += f"{start_selector(start)} {{ break-before: auto !important; }}\n" + later_pages_css(title, writer.page_offset + 1, section, start_selector(start), head)
    return writer.render().replace("</style>", extra + "</style>", 1)


def cuts(plan, quoted: set[str], back_pages: float = 0.0) -> list[tuple[int, tuple[str, int]]]:
    """The page starts (page, (block, offset)) where chunks begin, after the first: about
    CHUNK_PAGES text pages per chunk; never inside a block quote (its margins would open the
    chunk).  ``back_pages``: about how many pages the back matter adds to the last chunk
    (the chunks are cut so that each has about as much to lay out)."""
    starts = {page: start for start, page in plan.start_page.items()}
    if not starts:
        return []
    pages = max(starts) + 1
    if pages < MIN_PAGES:
        return []
    n = min(MAX_CHUNKS, max(2, math.ceil(pages / CHUNK_PAGES)))
    eligible = sorted(p for p, (block, _k) in starts.items() if block not in quoted)
    out: list[int] = []
    for i in range(1, n):
        target = i * (pages + back_pages) / n
        candidates = [p for p in eligible if not out or p > out[-1]]
        if candidates:
            out.append(min(candidates, key=lambda p: (abs(p - target), p)))
    return [(p, starts[p]) for p in out]


@dataclass
class PageFacts:
    """What the layout needs of a page laid out in another process."""

    anchors: dict
    width: float
    height: float
    bookmarks: list


@dataclass
class ChunkResult:
    pages: list[PageFacts]
    profile: object  # breaks.PageProfile, first page included
    text_lines: Optional[list]
    pdf: bytes
    warnings: list[str] = field(default_factory=list)
    seconds: tuple = ()  # layout, page facts, PDF
    line_ends: list = field(default_factory=list)  # layout/hyphens.py, first page included


def lay_out_chunk(html: str, render: Callable, with_lines: bool) -> ChunkResult:
    """Render one chunk, read its page facts and write its PDF."""
    from .. import engine
    from .breaks import page_profile
    from .hyphens import line_ends
    from .lines import text_lines

    t0 = time.perf_counter()
    with kept_messages(engine.log) as messages:
        document = render(html)
        t1 = time.perf_counter()
        pages = [PageFacts(dict(p.anchors), p.width, p.height, list(p.bookmarks)) for p in document.pages]
        profile = page_profile(document, first_page=True)
        lines = text_lines(document) if with_lines else None
        ends = line_ends(document)
        own = {name for page in pages for name in page.anchors}
        stand_ins = document.pages[0].anchors
        for page in document.pages:
            for kind, target, _rect, _box in page.links:
                if kind == "internal" and target not in own:
                    stand_ins.setdefault(target, (0, 0, 0, 0))  # replaced in pdf/merge.py
        t2 = time.perf_counter()
        pdf = engine.write_pdf(document)
    return ChunkResult(pages, profile, lines, pdf, messages, (t1 - t0, t2 - t1, time.perf_counter() - t2), ends)


@contextlib.contextmanager
def kept_messages(logger: logging.Logger):
    """The warnings ``logger`` is told within the block, as a list (a process sends them to
    its parent, which tells them again)."""
    messages: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    keep = Keep(logging.WARNING)
    logger.addHandler(keep)
    try:
        yield messages
    finally:
        logger.removeHandler(keep)


def run_all(tasks: list[Callable[[], ChunkResult]], processes: int) -> list[ChunkResult]:
    """Run the tasks in forked children, ``processes`` at a time, the last task first (the
    last chunk carries the back matter: the longest); results in the order of ``tasks``.
    A child that fails is run again here.  With one process, or no fork, all run here."""
    n = len(tasks)
    if processes <= 1 or n <= 1 or not hasattr(os, "fork"):
        return [task() for task in tasks]
    results: list[Optional[ChunkResult]] = [None] * n
    running: dict[int, tuple[int, int]] = {}  # task -> (pid, read end of its pipe)
    todo = [n - 1] + list(range(n - 1))

    def collect(i: int) -> None:
        status, value = _receive(*running.pop(i))
        if status == "ok":
            results[i] = value
        else:  # a crash in a child: do it again here, where an error can be seen
            logging.getLogger("edition").debug("chunk %d failed in its process: %s", i, value)
            results[i] = tasks[i]()

    try:
        while todo or running:
            while todo and len(running) < processes:
                i = todo.pop(0)
                running[i] = _fork(tasks[i])
            # a child writes its result only when it is done
            ready = select.select([fd for _pid, fd in running.values()], [], [])[0]
            collect(next(i for i, (_pid, fd) in running.items() if fd in ready))
    finally:
        for pid, fd in running.values():  # interrupted: leave no child behind
            try:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                os.close(fd)
            except OSError:
                pass
    return results  # type: ignore[return-value]


def run_in_child(task: Callable, logger: logging.Logger):
    """``task()`` in a forked child (what ``logger`` is told there is told here too); in this
    process if there is no fork or the child fails."""
    if not hasattr(os, "fork"):
        return task()

    def told():
        with kept_messages(logger) as messages:
            return task(), messages

    status, value = _receive(*_fork(told))
    if status != "ok":  # a crash in the child: do it again here, where an error can be seen
        logging.getLogger("edition").debug("failed in its process: %s", value)
        return task()
    result, messages = value
    for message in messages:
        logger.warning(message)
    return result


def _receive(pid: int, fd: int) -> tuple[str, object]:
    """A child's ("ok", result) or ("error", what went wrong)."""
    chunks = []
    while True:
        data = os.read(fd, 1 << 20)
        if not data:
            break
        chunks.append(data)
    os.close(fd)
    os.waitpid(pid, 0)
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:
        return "error", "the process died"


def _fork(task: Callable) -> tuple[int, int]:
    """Fork a child that runs ``task``.  The parent's objects are frozen across the fork
    (``gc.freeze``): the child's collections then never visit them, so the pages of the
    parent's heap stay shared instead of being copied by the child's reference writes; the
    parent unfreezes them at once (its garbage is still collected)."""
    read, write = os.pipe()
    gc.freeze()
    pid = os.fork()
    if pid != 0:
        gc.unfreeze()
    if pid == 0:  # the child: run, send the result, leave without cleaning up the parent's state
        code = 0
        try:
            os.close(read)
            try:
                data = pickle.dumps(("ok", task()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                data = pickle.dumps(("error", traceback.format_exc()))
                code = 1
            with os.fdopen(write, "wb") as out:
                out.write(data)
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


class ChunkedDocument:
    """A layout rendered in chunks: the page facts the layout loop reads (``pages`` with
    their anchors, ``profile``, ``text_lines``), and each chunk's PDF (``results``), which
    edition/pdf/ merges."""

    def __init__(self, results: list[ChunkResult], offsets: list[int]):
        from .breaks import PageProfile
        from .lines import PageLines

        self.results, self.offsets = results, offsets
        self.pages: list[PageFacts] = [page for r in results for page in r.pages]
        starts, lines, blocks, tops = {}, {}, {}, {}
        self.text_lines: Optional[list] = [] if all(r.text_lines is not None for r in results) else None
        for r, offset in zip(results, offsets):
            p = r.profile
            starts.update({page + offset: start for page, start in p.starts.items() if page + offset > 0})
            lines.update({page + offset: n for page, n in p.lines.items()})
            tops.update({page + offset: t for page, t in p.tops.items()})
            for block, on in p.blocks.items():
                blocks.setdefault(block, set()).update(page + offset for page in on)
            if self.text_lines is not None:
                for page in r.text_lines:
                    for line in page.lines:
                        line.page += offset
                    self.text_lines.append(PageLines(page.lines))
        self.profile = PageProfile(starts, lines, blocks, tops)
        self.line_ends = [replace(end, page=end.page + offset) for r, offset in zip(results, offsets) for end in r.line_ends]
