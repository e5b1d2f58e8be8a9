"""The pipeline: read -> transform -> write, with located errors and atomic output.

``load`` gives a checked, transformed :class:`~edition.model.Edition` (read by the reader of
the source's type, edition/formats.py; or raises :class:`~edition.diagnostics.EditionError`
with every problem found); ``build`` hands it to the writer of the output's suffix (or the
one named), after refusing an output that is one of the build's inputs; ``build_pdf`` is
``build`` with the PDF writer.  Writers write through :func:`write_atomic` (a temporary file
and a rename), so a failed build never leaves a half-written file and never destroys the
last good output.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import os
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from .diagnostics import EditionError, Reporter
from .model import App, Edition, Loc, Note

# A build lays out at most this many footnotes + apparatus entries: layout time grows faster
# than their number (400 take 20 s, 1 600 over 3 minutes, 5 000 would take about half an
# hour).  EDITION_MAX_NOTES=n changes it, 0 lifts it; `check` has no such limit.
MAX_NOTES = 5_000


def source_date(edition: Edition) -> Optional[str]:
    """The date written into outputs: SOURCE_DATE_EPOCH, else the edition's date, else none."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            stamp = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
            return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        except (ValueError, OverflowError):
            pass
    return edition.meta.date or None


def load(path: str, reporter: Optional[Reporter] = None) -> Edition:
    """Read (with the reader of the source's type: edition/formats.py), validate and
    transform a source; raise EditionError listing every problem."""
    from .formats import reader_for
    from .transforms import apply_transforms

    read = reader_for(path).read

    reporter = reporter if reporter is not None else Reporter()
    # the model is millions of small objects without cycles: the cyclic GC only slows reading
    # (2 to 3 times, and more than linearly: 100 000 notes took 12 s instead of 4.5)
    paused = gc.isenabled()
    gc.disable()
    try:
        edition = read(path, reporter)
        if edition is not None:
            apply_transforms(edition, reporter)
    finally:
        if paused:
            gc.enable()
    reporter.raise_if_errors()
    assert edition is not None
    return edition


def load_rewritten(path: str, text: str, prefix: str) -> tuple[Optional[Edition], str]:
    """A rewrite of the source ``path`` (``edition register untagged --apply``, ``edition
    collate --apply``) read back before it replaces the source: loaded from a temporary file
    beside it (so that relative paths resolve), then removed.  The edition, or None and the
    first problem (``message at line N``)."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".yaml", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            return load(tmp, Reporter()), ""
        except EditionError as exc:
            first = exc.diagnostics[0] if exc.diagnostics else None
            return None, f"{first.message} at line {first.loc.line}" if first else "errors"
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file: the same path, or a symlink, hard link, ``..`` or
    other spelling (case, on a case-insensitive file system) of it."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_overwriting_inputs(outputs: list[str], inputs: dict[str, Loc], reporter: Reporter, what: str = "output") -> None:
    """A located error for every output that is one of the build's inputs (the source, its
    registers, bibliographies, citation style, theme files): writing it would destroy the
    file the build reads.  ``inputs``: real path -> where the source names it."""
    for out in outputs:
        if not out:
            continue
        for path, loc in inputs.items():
            if same_file(out, path):
                named = "" if same_file(path, loc.file) else f" (named here in {os.path.basename(loc.file)})"
                reporter.error(
                    loc,
                    f"the {what} '{out}' is this file{named}: writing it would replace an input of the build",
                    f"write the {what} elsewhere, e.g. -o build/{os.path.splitext(os.path.basename(path))[0]}.pdf",
                )
                break
    reporter.raise_if_errors()


def build_inputs(edition: Edition, writer) -> dict[str, Loc]:
    """Every file a build of ``edition`` with ``writer`` reads: what the reader and
    transforms recorded, and the files the writer reads (the print theme's template and
    stylesheet)."""
    inputs = dict(edition.inputs)
    for path in writer.inputs():
        inputs.setdefault(os.path.realpath(path), Loc(path, 0, 0))
    return inputs


def _remove_stale_temps(folder: str, prefix: str) -> None:
    """Remove temporary files of earlier writes to the same target whose process is gone
    (a build killed during its final write cannot clean up after itself)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not name.startswith(prefix):
            continue
        pid = name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    prefix = f".tmp-{os.path.basename(path)}-"
    _remove_stale_temps(folder, prefix)
    fd, tmp = tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}-", suffix=os.path.splitext(path)[1], dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not exc.filename:
            exc.filename = path  # "No space left on device" says where
        raise


@dataclass
class BuildResult:
    output: str
    pages: int
    passes: int
    seconds: float
    timings: list[tuple[str, float]] = field(default_factory=list)
    warnings: list = field(default_factory=list)
    notes: int = 0
    apparatus: int = 0
    tags: int = 0
    plan: object = None  # the layout plan, a hint for the next build of the same edition
    patched_page: Optional[int] = None  # rebuild_page: the one page laid out again (0-based)
    chunks: int = 1  # the final layout was rendered in this many chunks (layout/chunks.py)


def build(
    path: str,
    output: str,
    to: Optional[str] = None,
    progress: Callable[[str], None] = lambda _msg: None,
    reporter: Optional[Reporter] = None,
    html_output: Optional[str] = None,
    hint=None,
    reference_docx: Optional[str] = None,
    anonymise: bool = False,
    mask_self_citations: bool = False,
    pdf_variant: Optional[str] = None,
    print_file: bool = False,
    web_pages: Optional[str] = None,
    web_downloads: Optional[tuple[str, ...]] = None,
) -> BuildResult:
    """Build the edition at ``path`` into ``output``: read with the reader of the source's
    type, transform, write with the writer of the output's suffix or the one named ``to``
    (edition/formats.py).

    ``hint``: the ``plan`` of an earlier BuildResult of this edition (``edition watch``) to
    start the layout from; builds without it are the reference (deterministic) ones.
    ``anonymise``: a review copy (transforms/anonymise.py: the model without its authors,
    whatever the writer) and, beside it, its title page written by the same writer.
    ``pdf_variant``: the PDF variant (edition/pdf/variants.py) instead of the source's;
    ``print_file``: the printer's file, PDF/X-4 (edition/pdf/press.py);
    ``web_pages``, ``web_downloads``: the web edition's pages and downloads (writers/web/)."""
    from .formats import WriteOptions, writer_for
    from .transforms.anonymise import anonymise as strip_authors, titlepage_path

    t0 = time.perf_counter()
    reporter = reporter if reporter is not None else Reporter()
    writer = writer_for(output, to)
    steps = 3 if writer.paginated else 2  # reading, (laying out,) writing
    progress(f"[1/{steps}] reading {path}")
    # before reading anything: the source itself (a broken source is never rewritten either)
    refuse_overwriting_inputs([output, html_output], {os.path.realpath(path): Loc(path, 1, 1)}, reporter)
    edition = load(path, reporter)
    titlepage = titlepage_path(output, writer.suffixes) if anonymise else None
    inputs = build_inputs(edition, writer)
    if reference_docx:
        inputs.setdefault(os.path.realpath(reference_docx), Loc(reference_docx, 0, 0))
    refuse_overwriting_inputs([output, html_output, titlepage], inputs, reporter)
    page = strip_authors(edition, mask_self_citations, reporter) if anonymise else None
    if writer.paginated:
        _refuse_too_many_notes(edition, reporter)
    t1 = time.perf_counter()
    progress(f"      {len(edition.notes)} notes, {len(edition.apparatus)} apparatus entries, {len(edition.tags)} index tags, {len(edition.cited_keys)} works cited")
    options = WriteOptions(source_date=source_date(edition), progress=progress, hint=hint, html_output=html_output,
                           reference_docx=reference_docx, anonymise=anonymise, mask_self_citations=mask_self_citations,
                           pdf_variant=pdf_variant, print_file=print_file, web_pages=web_pages, web_downloads=web_downloads)
    written = writer.write(edition, output, reporter, options)
    reporter.raise_if_errors()
    if page is not None:
        progress(f"      title page: {titlepage}")
        writer_for(titlepage, writer.name).write(page.edition, titlepage, reporter, WriteOptions(
            source_date=options.source_date, reference_docx=reference_docx))
        reporter.raise_if_errors()
    return BuildResult(
        plan=written.plan,
        output=written.output,
        pages=written.pages,
        passes=written.passes,
        chunks=written.chunks,
        seconds=time.perf_counter() - t0,
        timings=[("read+transforms", t1 - t0), *written.timings],
        warnings=[d for d in reporter.diagnostics if d.level == "warning"],
        notes=len(edition.notes),
        apparatus=len(edition.apparatus),
        tags=len(edition.tags),
    )


def build_pdf(
    path: str,
    output: str,
    progress: Callable[[str], None] = lambda _msg: None,
    reporter: Optional[Reporter] = None,
    html_output: Optional[str] = None,
    hint=None,
    pdf_variant: Optional[str] = None,
    print_file: bool = False,
) -> BuildResult:
    """:func:`build` with the PDF writer, whatever the output's suffix."""
    return build(path, output, "pdf", progress, reporter, html_output, hint, pdf_variant=pdf_variant, print_file=print_file)


def rebuild_page(path: str, output: str, plan, reporter: Optional[Reporter] = None, print_file: bool = False) -> Optional[BuildResult]:
    """After an edit inside one page's text, lay out that page alone and put it into the
    previous PDF at ``output`` (``edition watch``; see edition/layout/patch.py).  None when
    the edit is not of that kind, or ``output`` is missing: then build as usual.  The result
    is a preview: its bytes differ from a full build's.  ``print_file``: ``output`` is the
    printer's file (``--print``), whose patched page the step ``repress`` gives its K colours
    and crop marks again (pdf/press.py); it has no PDF variant, so a source that names one
    is built in full."""
    from . import engine
    from .formats import writer_for
    from .layout.patch import patch_page

    if plan is None or getattr(plan, "final", None) is None or not os.path.exists(output):
        return None
    t0 = time.perf_counter()
    reporter = reporter if reporter is not None else Reporter()
    edition = load(path, reporter)
    refuse_overwriting_inputs([output], build_inputs(edition, writer_for(output, "pdf")), reporter)
    base_dir = os.path.dirname(os.path.abspath(path))
    with open(output, "rb") as fh:
        previous = fh.read()
    from .pdf.variants import variant

    if print_file and edition.settings.pdf_variant:  # the page would bring the variant's attachments
        return None
    chosen = variant(edition.settings.pdf_variant)  # the page is written as the file was
    with engine.reporting(reporter, None), engine.writing(chosen.weasyprint()) if chosen else contextlib.nullcontext():
        got = patch_page(edition, plan, previous, lambda html: engine.render(html, base_dir), source_date(edition))
    if got is None:
        return None
    data, page, digests = got
    write_atomic(output, data)
    plan.final.digests = digests
    return BuildResult(
        output=output,
        pages=plan.final.pages,
        passes=1,
        seconds=time.perf_counter() - t0,
        timings=[("one page", time.perf_counter() - t0)],
        warnings=[d for d in reporter.diagnostics if d.level == "warning"],
        notes=len(edition.notes),
        apparatus=len(edition.apparatus),
        tags=len(edition.tags),
        plan=plan,
        patched_page=page,
    )


def max_notes() -> int:
    """The number of footnotes + apparatus entries a build accepts (0: no limit)."""
    try:
        return max(int(os.environ.get("EDITION_MAX_NOTES", MAX_NOTES)), 0)
    except ValueError:
        return MAX_NOTES


def _refuse_too_many_notes(edition: Edition, reporter: Reporter) -> None:
    """Stop before the layout when the edition has more notes than a build can lay out."""
    from .walk import walk

    limit = max_notes()
    total = len(edition.notes) + len(edition.apparatus)
    if not limit or total <= limit:
        return
    seen, loc = 0, None
    for node, _ in walk(edition):
        if isinstance(node, (Note, App)):
            seen += 1
            if seen > limit:
                loc = node.loc
                break
    reporter.error(
        loc,
        f"{len(edition.notes)} footnotes and {len(edition.apparatus)} apparatus entries: more than a build lays out ({limit:,}); "
        "this is the first beyond the limit",
        f"split the edition into several sources, or raise the limit: EDITION_MAX_NOTES={total} edition build ...",
    )
    reporter.raise_if_errors()


__all__ = ["load", "build", "build_pdf", "write_atomic", "EditionError", "BuildResult"]
