"""Reading a witness's transcription into a token stream.

Two formats (``format:`` of a witness in the source, ``--witness-format`` on the command line):

- ``text``: a plain UTF-8 transcription, read as it is; a line end is a space, a blank line
  too (the paragraphs of a transcription need not be the edition's), a run of spaces inside
  a line is the witness's spacing.  Footnotes, if the witness has them, are transcribed
  where the reader meets them (at their call), as the edition reads them.
- ``pdftext``: text extracted from the PDF of a print (``pdftotext``): the importer
  (:mod:`edition.readers.rawtext`) unwraps its lines, rejoins words hyphenated at line ends,
  drops page furniture and link residue and moves each footnote to its call; its draft is
  read back as the print has it (each of the importer's own entries by the print's reading),
  and where the importer evened out the spacing between two words that stand side by side
  on one line of the file, the file's spacing is put back (a double space is a variant).
"""

from __future__ import annotations

from .align import align
from .profile import Profile
from .streams import BOUNDARY, RUN_END, Stream, base_stream, text_stream

FORMATS = ("text", "pdftext")


class WitnessError(Exception):
    """A transcription that cannot be read; the message names the file and what to do."""


def read_witness(path: str, fmt: str, profile: Profile) -> Stream:
    """The token stream of one transcription (module docstring)."""
    if fmt == "pdftext":
        return _pdftext(path, profile)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise WitnessError(f"{path}: not UTF-8 text (byte {exc.start}); save the transcription as UTF-8") from None
    return text_stream(text.lstrip("\ufeff").replace(BOUNDARY, "\n").replace(RUN_END, "\n"), profile)


def _pdftext(path: str, profile: Profile) -> Stream:
    from ..readers.rawtext import RawTextError, import_draft

    try:
        draft, _comments, _report = import_draft(path, profile.language)
    except RawTextError as exc:
        raise WitnessError(f"{path}: {exc}") from None
    stream = base_stream(draft, profile, reading_of=draft.base_witness or "J", skip_editor_note=False)
    with open(path, encoding="utf-8", errors="replace") as fh:
        raw = text_stream(fh.read(), profile)
    restore_spacing(stream, raw)
    return stream


def restore_spacing(stream: Stream, raw: Stream) -> int:
    """Put the file's spacing back between two tokens that the file has side by side on one
    line, exactly as the stream has them; returns how many separators changed."""
    changed = 0
    prev = None
    for i0, i1, j0, j1 in align(stream.keys, raw.keys):
        exact = i1 - i0 == 1 and j1 - j0 == 1 and stream.token(i0) == raw.token(j0)
        if exact and prev == (i0 - 1, j0 - 1) and not stream.edge(i0):
            gap = raw.gap(j0)
            if "\n" not in gap and gap != stream.sep(i0):
                stream.seps[i0] = gap
                changed += 1
        prev = (i0, j0) if exact else None
    return changed
