"""Embedded files: an attachment is a file carried inside the PDF (the source of the
edition, its data, a bibliography), the way PDF/A-3 allows it.

Each is an embedded file stream (its MIME type, size and MD5 checksum in its /Params, no
date unless one is given: the same bytes on every build) in a file specification with its
/AFRelationship (``Source``, ``Data``, ``Alternative``, ``Supplement`` or
``Unspecified``), listed in the catalog's /Names /EmbeddedFiles (sorted by name, as a name
tree must be) and in its /AF (associated files).  Files WeasyPrint embedded stay.
"""

from __future__ import annotations

from dataclasses import dataclass

RELATIONSHIPS = ("Source", "Data", "Alternative", "Supplement", "Unspecified")


@dataclass(frozen=True)
class Attachment:
    """A file to embed: its name in the PDF, its bytes, what it is to the document.

    >>> Attachment("edition.yaml", b"x", "application/yaml", "Source").relationship
    'Source'
    >>> Attachment("a", b"", relationship="Origin")
    Traceback (most recent call last):
    ...
    ValueError: relationship 'Origin' is not one of Source, Data, Alternative, Supplement, Unspecified
    """

    name: str
    data: bytes
    mime_type: str = "application/octet-stream"
    relationship: str = "Unspecified"
    description: str = ""
    modified: str = ""  # a PDF date (D:YYYYMMDDHHmmSSZ), or none

    def __post_init__(self):
        if self.relationship not in RELATIONSHIPS:
            raise ValueError(f"relationship {self.relationship!r} is not one of {', '.join(RELATIONSHIPS)}")


def attach(pdf, attachments: list[Attachment], replace: bool = False) -> None:
    """Embed ``attachments`` in ``pdf`` (a pikepdf.Pdf); a name given twice is refused.
    With ``replace``, the files ``pdf`` carries already are removed first."""
    import pikepdf

    names = [a.name for a in attachments]
    if len(set(names)) != len(names):
        raise ValueError(f"attachments named twice: {sorted({n for n in names if names.count(n) > 1})}")
    if replace:
        for name in list(pdf.attachments):
            del pdf.attachments[name]
        if "/AF" in pdf.Root:
            del pdf.Root.AF
    af = pdf.Root.get("/AF", pikepdf.Array())
    for a in attachments:
        if a.name in pdf.attachments:
            raise ValueError(f"the PDF already has an attachment named {a.name!r}")
        spec = pikepdf.AttachedFileSpec(pdf, a.data, description=a.description, filename=a.name, mime_type=a.mime_type,
                                        mod_date=a.modified, relationship=pikepdf.Name("/" + a.relationship))
        pdf.attachments[a.name] = spec
        af.append(pdf.attachments[a.name].obj)
    if attachments:
        pdf.Root.AF = af
