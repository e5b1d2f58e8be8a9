"""The pipeline: read -> transform -> lay out -> write, with located errors and atomic output.

``load`` gives a checked, transformed :class:`~edition.model.Edition` (or raises
:class:`~edition.diagnostics.EditionError` with every problem found); ``build_pdf`` lays it
out and writes the PDF through a temporary file and a rename, so a failed build never
leaves a half-written file and never destroys the last good PDF.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from .diagnostics import EditionError, Reporter
from .model import Edition


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
    """Read, validate and transform a source; raise EditionError listing every problem."""
    from .readers.yamlsrc import read
    from .transforms import apply_transforms

    reporter = reporter if reporter is not None else Reporter()
    edition = read(path, reporter)
    if edition is not None:
        apply_transforms(edition, reporter)
    reporter.raise_if_errors()
    assert edition is not None
    return edition


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.splitext(path)[1], dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
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


def build_pdf(
    path: str,
    output: str,
    progress: Callable[[str], None] = lambda _msg: None,
    reporter: Optional[Reporter] = None,
    html_output: Optional[str] = None,
) -> BuildResult:
    """Build the PDF of the edition at ``path`` into ``output``."""
    from .layout import lay_out

    t0 = time.perf_counter()
    reporter = reporter if reporter is not None else Reporter()
    progress(f"[1/3] reading {path}")
    edition = load(path, reporter)
    t1 = time.perf_counter()
    progress(f"      {len(edition.notes)} notes, {len(edition.apparatus)} apparatus entries, {len(edition.tags)} index tags, {len(edition.cited_keys)} works cited")
    progress("[2/3] laying out")
    date = source_date(edition)
    result = lay_out(edition, reporter, date, progress=lambda m: progress("      " + m))
    progress(f"[3/3] writing {output}")
    t2 = time.perf_counter()
    pdf = result.pdf(edition, _identifier(path, result.html))
    write_atomic(output, pdf)
    if html_output:
        write_atomic(html_output, result.html.encode("utf-8"))
    t3 = time.perf_counter()
    timings = [("read+transforms", t1 - t0), *result.timings, ("pdf write", t3 - t2)]
    return BuildResult(
        output=output,
        pages=len(result.document.pages),
        passes=result.passes,
        seconds=t3 - t0,
        timings=timings,
        warnings=[d for d in reporter.diagnostics if d.level == "warning"],
        notes=len(edition.notes),
        apparatus=len(edition.apparatus),
        tags=len(edition.tags),
    )


def _identifier(path: str, html: str) -> bytes:
    """A PDF file identifier derived from the content (deterministic builds)."""
    import hashlib

    return hashlib.md5(html.encode("utf-8")).hexdigest().encode("ascii")


__all__ = ["load", "build_pdf", "write_atomic", "EditionError", "BuildResult"]
