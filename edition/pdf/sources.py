"""The edition's sources inside its PDF/A-3 (attachments), and ``edition extract`` to get them back.

A PDF/A-3b build carries every file the build read from the edition's folder
(``Edition.inputs``: the YAML source, the registers, the ``.bib`` files, a citation style of
its own) as an associated file with ``AFRelationship /Source``, named by its path relative
to the source's folder, and the edition's TEI export as ``/Data`` when a TEI writer is
registered (formats.writers()).  The PDF alone is then enough to rebuild the edition:
``edition extract x.pdf -o dir/`` writes the sources back, and ``edition build
dir/edition.yaml`` makes the same PDF (the same bytes: tests/writers/test_pdf_variants.py).

Extraction trusts no name it reads: a name that is absolute, climbs out with ``..``, or holds
a drive, NUL or backslash is refused, as is a file already there (unless ``force``).
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
from typing import Optional

from .attach import Attachment

MIME = {".yaml": "application/yaml", ".yml": "application/yaml", ".bib": "application/x-bibtex",
        ".py": "text/x-python", ".xml": "application/tei+xml", ".csl": "application/vnd.citationstyles.style+xml"}
TEI_NAME = "edition.tei.xml"


def mime_type(name: str) -> str:
    """The MIME type an attachment is declared with.

    >>> mime_type("a/references.bib"), mime_type("x.unknownsuffix")
    ('application/x-bibtex', 'application/octet-stream')
    """
    suffix = os.path.splitext(name)[1].lower()
    return MIME.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def source_files(edition) -> list[tuple[str, str]]:
    """(name in the PDF, real path) of every file of the edition's folder the build read,
    the source first, then by name."""
    if not edition.source:
        return []
    main = os.path.realpath(edition.source)
    base = os.path.dirname(main)
    out = []
    for path in edition.inputs:
        real = os.path.realpath(path)
        if os.path.commonpath([real, base]) != base or not os.path.isfile(real):
            continue
        out.append((os.path.relpath(real, base).replace(os.sep, "/"), real))
    return sorted(set(out), key=lambda item: (item[1] != main, item[0]))


def source_attachments(edition, options=None) -> list[Attachment]:
    """The attachments of an archival build: the sources, then the TEI export
    (edition/writers/tei.py), its files named relative to the source's folder: beside the
    sources ``edition extract`` writes, so its bytes do not depend on where the edition was built."""
    from ..writers.tei import tei_bytes

    source_date = options.source_date if options is not None else None
    date = pdf_date(source_date)
    out = []
    for name, path in source_files(edition):
        with open(path, "rb") as fh:
            data = fh.read()
        what = "the edition's source" if path == os.path.realpath(edition.source) else "a file the edition's source reads"
        out.append(Attachment(name, data, mime_type(name), "Source", what, date))
    if TEI_NAME not in {a.name for a in out}:
        out.append(Attachment(TEI_NAME, tei_bytes(edition, source_date), MIME[".xml"], "Data", "the edition as TEI P5 XML", date))
    return out


def pdf_date(date: Optional[str]) -> str:
    """The build's date (core.source_date: W3C) as a PDF date, the attachments' /ModDate
    (PDF/A-3 validators ask for one); none without a date (no clock: the same bytes).

    >>> pdf_date("2023-11-14T22:13:20Z"), pdf_date("2019-06-30"), pdf_date("1990"), pdf_date(None)
    ('D:20231114221320Z', 'D:20190630', 'D:1990', '')
    """
    if not date:
        return ""
    digits = "".join(c for c in date if c.isdigit())
    return f"D:{digits}" + ("Z" if date.endswith("Z") else "")


class ExtractError(Exception):
    """An attachment that cannot be written back (a name that climbs out, a file there)."""


def safe_name(name: str) -> Optional[str]:
    """``name`` as a relative path inside the target folder, or None when it would leave it.

    >>> [safe_name(n) for n in ("edition.yaml", "data/r.yaml", "../x", "/etc/passwd", "a/../../b", "c:x", "a\\\\b", "")]
    ['edition.yaml', 'data/r.yaml', None, None, None, None, None, None]
    """
    if not name or "\\" in name or "\x00" in name or ":" in name or name.startswith("/"):
        return None
    norm = posixpath.normpath(name)
    if norm in (".", "..") or norm.startswith("../") or norm.startswith("/"):
        return None
    return norm


def attachments_of(path: str) -> list[tuple[str, bytes, str]]:
    """(name, bytes, relationship) of every file embedded in the PDF at ``path``."""
    import pikepdf

    out = []
    with pikepdf.open(path) as pdf:
        for name, spec in sorted(pdf.attachments.items()):
            relation = str(spec.obj.get("/AFRelationship", "/Unspecified"))[1:]
            out.append((name, spec.get_file().read_bytes(), relation))
    return out


def extract(path: str, folder: str, force: bool = False) -> list[str]:
    """Write the files embedded in ``path`` into ``folder``; the paths written.  Nothing is
    written when one name is unsafe or (without ``force``) one file exists already."""
    from ..core import write_atomic

    files = attachments_of(path)
    plan = []
    for name, data, _relation in files:
        rel = safe_name(name)
        if rel is None:
            raise ExtractError(f"the attachment name {name!r} would be written outside {folder}: refused")
        target = os.path.join(folder, *rel.split("/"))
        if os.path.lexists(target) and not force:
            raise ExtractError(f"{target} exists: not overwritten (use --force to replace it)")
        plan.append((target, data))
    base = os.path.realpath(folder)
    for target, data in plan:
        parent = os.path.realpath(os.path.dirname(target))
        if os.path.commonpath([parent, base]) != base:  # a symlinked folder on the way
            raise ExtractError(f"{target} is outside {folder} (through a symbolic link): refused")
        write_atomic(target, data)
    return [target for target, _ in plan]
