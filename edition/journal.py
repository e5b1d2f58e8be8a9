"""``edition journal SRC --out-dir DIR``: every deliverable of a journal submission from one
source, then the consistency check across them.

Written (NAME is the source folder's name unless ``--name`` is given):

- ``NAME.pdf``, ``NAME.docx`` (on ``--reference-docx`` when given), ``NAME.jats.xml``,
  ``NAME.crossref.xml``, ``NAME.metadata.txt``: the published article and its metadata;
- ``NAME.review.pdf`` and ``NAME.review.docx`` with their ``.titlepage`` files: the review
  copies (``--anonymise``; ``--mask-self-citations`` masks the authors' own works).

Each output is built as ``edition build`` would build it; one that cannot be made (a JATS
article without a journal, a deposit without a DOI) is reported with what the source lacks
and the others are still written.  Then the published outputs are compared with each other
and with the source, and the review copies with each other (edition/consistency.py): a
disagreement is an error naming both files.  Exit status 1 when anything failed.
"""

from __future__ import annotations

import os

from .diagnostics import EditionError, Reporter

PUBLISHED = (".pdf", ".docx", ".jats.xml", ".crossref.xml", ".metadata.txt")
REVIEW = (".review.pdf", ".review.docx")
COMPARED = (".pdf", ".docx", ".jats.xml", ".crossref.xml")


def add_parser(sub, common) -> None:
    from .cli import add_journal_options

    j = sub.add_parser("journal", help="write every deliverable of a journal submission (PDF, DOCX, review copies, JATS, Crossref, metadata) and check that they agree")
    j.add_argument("source", help="the edition source (edition.yaml)")
    j.add_argument("--out-dir", default="build", help="the folder to write into (default: build)")
    j.add_argument("--name", help="the outputs' name (default: the source folder's name)")
    add_journal_options(j)
    common(j)
    j.set_defaults(run=run)


def outputs(folder: str, name: str) -> tuple[list[str], list[str]]:
    """The published outputs and the review copies a journal build writes.

    >>> outputs("build", "x")[1]
    ['build/x.review.pdf', 'build/x.review.docx']
    """
    return [os.path.join(folder, name + s) for s in PUBLISHED], [os.path.join(folder, name + s) for s in REVIEW]


def run(args, out) -> int:
    from .consistency import check_outputs
    from .core import build, load

    name = args.name or os.path.basename(os.path.dirname(os.path.abspath(args.source))) or "edition"
    published, review = outputs(args.out_dir, name)
    failed, written = [], []
    for path in published + review:
        reporter = Reporter()
        anonymised = path in review
        out.progress(f"— {path}")
        try:
            build(args.source, path, progress=lambda m: out.progress("  " + m) if args.verbose else None, reporter=reporter,
                  reference_docx=args.reference_docx, anonymise=anonymised,
                  mask_self_citations=anonymised and args.mask_self_citations)
        except EditionError:
            out.diagnostics(reporter.sorted())
            failed.append(path)
            continue
        out.diagnostics([d for d in reporter.diagnostics if d.level == "warning"])
        written.append(path)
    reporter = Reporter()
    edition = load(args.source, Reporter())
    compared = [p for p in published if p in written and p.endswith(COMPARED)]
    check_outputs(compared, reporter, edition, args.source)
    reviews = [p for p in review if p in written]
    if len(reviews) > 1:
        check_outputs(reviews, reporter)
    out.diagnostics(reporter.sorted())
    out.progress(f"wrote {len(written)} of {len(published + review)} outputs to {args.out_dir}/"
                 + (f"; not written: {', '.join(os.path.basename(p) for p in failed)}" if failed else ""))
    if reporter.errors:
        out.progress(f"{len(reporter.errors)} disagreement(s) between the outputs")
    else:
        out.progress(f"the {len(compared)} published outputs agree with the source" + (f", the {len(reviews)} review copies with each other" if len(reviews) > 1 else ""))
    return 1 if failed or reporter.errors else 0
