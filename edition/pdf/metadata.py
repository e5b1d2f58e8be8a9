"""The document information of the finished file.

WeasyPrint writes it from the HTML head (edition.html.j2: the title and subtitle, the
authors, the keywords, the generator, the created and modified dates, which are
SOURCE_DATE_EPOCH or the source's date) into the Info dictionary and, for a PDF/A, PDF/UA
or PDF/X variant, into the XMP as well; the merged file keeps the first chunk's (the same
head in every chunk).  :func:`set_metadata` adds or replaces entries (``/Title`` -> text)
and keeps the XMP in agreement, as PDF/A asks.  The file identifier is qpdf's
content-derived one (``deterministic_id``): the same source gives the same /ID.
"""

from __future__ import annotations


def set_metadata(pdf, entries: dict) -> None:
    """Set ``entries`` in ``pdf``'s document information (and XMP, when it has one)."""
    import pikepdf

    changed = {k: v for k, v in entries.items() if str(pdf.docinfo.get(k, "")) != v}
    if not changed:
        return
    for key, value in changed.items():
        pdf.docinfo[key] = pikepdf.String(value)
    if "/Metadata" in pdf.Root:
        # no editor stamp: it would write the time of the build
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp.load_from_docinfo(pdf.docinfo)
