"""``edition collate SOURCE [--witness B=b.txt ...] [--apply] [--diff]``.

Collates each witness's transcription (given on the command line, or named in the source by
``transcription:``) with the edition's text and prints, compiler style, what it would do::

    edition.yaml:135:40: added: [Kara Kuvvetlerine] 'KaraKuvvetlerine' B (type=spacing)
    edition.yaml:88:12: changed: entry [1948]: B '198' -> '1918'
    edition.yaml:90:3: removed: entry [devam]: C removed (read 'deva', now reads the lemma)
    edition.yaml:97:7: left: [...]: overlaps the entry at edition.yaml:97:20; merge them by hand

Nothing is written without ``--apply``; then the source is rewritten atomically, after the
new text has been read back (it must load, with the expected number of entries).  ``--diff``
also prints the change as a unified diff of the source.  Exit status: 0 when the apparatus
agrees with the transcriptions (or the changes were written), 1 when changes are pending or
some were left for the editor, or the source has errors; 2 wrong usage.
"""

from __future__ import annotations

import difflib
import os
import sys

from ..diagnostics import EditionError, Reporter


def add_parser(sub, common) -> None:
    p = sub.add_parser(
        "collate",
        help="compute the apparatus from witness transcriptions (--apply writes it into the source)",
        description="Align each witness's transcription with the edition's text and propose apparatus entries; "
        "entries already in the source are kept and updated only where a transcription changed.",
    )
    p.add_argument("source", help="the edition source (edition.yaml)")
    p.add_argument("--witness", action="append", default=[], metavar="SIGLUM=FILE",
                   help="a witness's transcription (repeatable); the siglum must be declared under witnesses:")
    p.add_argument("--witness-format", action="append", default=[], metavar="SIGLUM=FORMAT",
                   help="the format of a transcription: text (default) or pdftext (pdftotext output of a print)")
    p.add_argument("--apply", action="store_true", help="write the changes into the source")
    p.add_argument("--diff", action="store_true", help="also print the changes as a unified diff of the source")
    common(p)
    p.set_defaults(run=run)


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise ValueError(f"--{what} {v!r}: write SIGLUM={'FILE' if what == 'witness' else 'FORMAT'}")
        k, _, rest = v.partition("=")
        out[k.strip()] = rest.strip()
    return out


def run(args, out, stdout=None) -> int:
    from ..core import load
    from . import FORMATS, WitnessError, collate_edition
    from .plan import make_plan
    from ..registers import Source

    stdout = stdout or sys.stdout
    try:
        given = _pairs(args.witness, "witness")
        formats = _pairs(args.witness_format, "witness-format")
    except ValueError as exc:
        print(f"edition: {exc}", file=out.stream)
        return 2
    reporter = Reporter()
    try:
        ed = load(args.source, reporter)
    except EditionError:
        out.diagnostics(reporter.sorted())
        n = len(reporter.errors)
        print(f"{n} error{'s' if n != 1 else ''} in the source; fix them first", file=out.stream)
        return 1
    files: dict[str, tuple[str, str]] = {s: (w.path, w.format) for s, w in ed.transcriptions.items()}
    for siglum, path in given.items():
        if siglum not in ed.witnesses:
            known = ", ".join(ed.witnesses) or "none"
            print(f"edition: --witness {siglum}: '{siglum}' is not declared under witnesses: in {args.source} (declared: {known})", file=out.stream)
            return 2
        if not os.path.isfile(path):
            print(f"edition: --witness {siglum}: no file {path}", file=out.stream)
            return 2
        files[siglum] = (path, files.get(siglum, ("", "text"))[1])  # the source's format unless told
    for siglum, fmt in formats.items():
        if siglum not in files:
            print(f"edition: --witness-format {siglum}: no transcription of {siglum} is given", file=out.stream)
            return 2
        if fmt not in FORMATS:
            print(f"edition: --witness-format {siglum}={fmt}: formats are {', '.join(FORMATS)}", file=out.stream)
            return 2
        files[siglum] = (files[siglum][0], fmt)
    if not files:
        print("edition: no transcription to collate: give --witness SIGLUM=FILE, or transcription: under a witness in the source", file=out.stream)
        return 2
    try:
        collation = collate_edition(ed, files)
    except (WitnessError, UnicodeDecodeError) as exc:
        print(f"edition: {exc}", file=out.stream)
        return 1
    path = os.path.normpath(args.source)
    source = Source(path)
    plan = make_plan(ed, collation.base, collation.alignments, collation.profile, source)
    for action in plan.actions:
        print(action.format(), file=stdout)
    counts = {w: len(plan.of(w)) for w in ("added", "changed", "removed", "left")}
    summary = f"{args.source}: {counts['added']} added, {counts['changed']} changed, {counts['removed']} removed, {counts['left']} left for you; {plan.kept} entries confirmed"
    if args.diff and plan.changes:
        diff = difflib.unified_diff(source.text.splitlines(True), plan.text.splitlines(True), path, path + " (collated)")
        stdout.writelines(diff)
    if not plan.changes:
        print(summary + " (the apparatus agrees with the transcriptions)", file=out.stream)
        return 1 if counts["left"] else 0
    if not args.apply:
        print(summary + "; nothing written (--apply writes it)", file=out.stream)
        return 1
    problem = _check(path, plan.text, len(ed.apparatus) + counts["added"] - counts["removed"])
    if problem:
        print(f"{args.source}: error: the collated source would not read back ({problem}); nothing written", file=out.stream)
        return 1
    from ..core import write_atomic

    write_atomic(path, (b"\xef\xbb\xbf" if source.bom else b"") + plan.text.encode("utf-8"))
    print(summary + "; written", file=out.stream)
    return 1 if counts["left"] else 0


def _check(path: str, text: str, expected: int) -> str:
    """Read the new text back from a temporary file beside the source (so that relative
    paths resolve): '' when it loads with ``expected`` entries, else the problem."""
    from ..core import load_rewritten

    after, problem = load_rewritten(path, text, ".collate-")
    if after is None:
        return problem
    if len(after.apparatus) != expected:
        return f"expected {expected} apparatus entries, read {len(after.apparatus)}"
    return ""
