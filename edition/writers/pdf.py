"""The print PDF: the edition laid out by edition/layout (two WeasyPrint layouts that find and
hold the page breaks; docs/layout.md) and written atomically.

This writer is *paginated*: the index's page numbers, the letters of the apparatus and the
feet of the pages come from the layout, so it runs the layout; writers of unpaginated
formats do not.
"""

from __future__ import annotations

import contextlib
import hashlib
import time

from ..diagnostics import Reporter
from ..formats import Writer, WriteOptions, WriteResult, register_writer
from ..model import Edition


@register_writer
class PdfWriter(Writer):
    name = "pdf"
    suffixes = (".pdf",)
    description = "print PDF: footnotes, apparatus at the foot of the page, indexes with page numbers"
    paginated = True

    def inputs(self) -> list[str]:
        from ..themes import theme_files

        return theme_files()

    def write(self, edition: Edition, output: str, reporter: Reporter, options: WriteOptions) -> WriteResult:
        from ..core import write_atomic
        from ..layout import chunk_count, lay_out

        from .. import engine
        from ..pdf.variants import variant as named

        progress = options.progress
        chosen = named(options.pdf_variant or edition.settings.pdf_variant)
        progress("[2/3] laying out" + (f" ({chosen.name})" if chosen else ""))
        # no variant: the PDF options already set (engine.writing) stay
        with engine.writing(chosen.weasyprint()) if chosen else contextlib.nullcontext():
            result = lay_out(edition, reporter, options.source_date, progress=lambda m: progress("      " + m), hint=options.hint)
            progress(f"[3/3] writing {output}")
            t0 = time.perf_counter()
            write_atomic(output, result.pdf(edition, identifier(result.html), *variant_parts(chosen, edition, options)))
        if options.html_output:
            write_atomic(options.html_output, result.html.encode("utf-8"))
        return WriteResult(
            output,
            pages=len(result.document.pages),
            passes=result.passes,
            chunks=chunk_count(result.document),
            timings=[*result.timings, ("pdf write", time.perf_counter() - t0)],
            plan=result.plan,
        )


def variant_parts(chosen, edition: Edition, options: WriteOptions) -> tuple:
    """What a PDF variant adds to the print PDF: the attachments (an archival one carries
    the sources: pdf/sources.py), the variant, the description its XMP gives (pdf/xmp.py)."""
    if chosen is None:
        return (), None, None
    from ..pdf.sources import source_attachments
    from ..pdf.xmp import describe

    attachments = tuple(source_attachments(edition, options)) if chosen.archival else ()
    return attachments, chosen, describe(edition, options.source_date)


def identifier(html: str) -> bytes:
    """A PDF file identifier derived from the content (deterministic builds)."""
    return hashlib.md5(html.encode("utf-8")).hexdigest().encode("ascii")
