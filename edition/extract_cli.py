"""``edition extract x.pdf -o dir/``: the files an archival PDF carries (edition/pdf/sources.py),
written back into a folder, from which ``edition build dir/edition.yaml`` rebuilds the PDF.

Existing files are kept unless ``--force``; an attachment whose name would leave the folder
is refused.  Exit status: 0 written, 1 nothing written (no attachments, a file in the way, an
unsafe name, an unreadable PDF).
"""

from __future__ import annotations


def add_parser(sub, common) -> None:
    p = sub.add_parser("extract", help="write back the sources an archival PDF (--pdf-variant pdf/a-3b) carries")
    p.add_argument("pdf", help="a PDF built with --pdf-variant pdf/a-3b or pdf/a-3b+ua")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write them into (created if needed)")
    p.add_argument("--force", action="store_true", help="replace files that exist in DIR")
    common(p)
    p.set_defaults(run=run)


def run(args, out) -> int:
    import pikepdf

    from .pdf.sources import ExtractError, attachments_of, extract

    try:
        if not attachments_of(args.pdf):
            print(f"{args.pdf}: no embedded files (build it with --pdf-variant pdf/a-3b); nothing written", file=out.stream)
            return 1
        written = extract(args.pdf, args.output, force=args.force)
    except ExtractError as exc:
        print(f"{args.pdf}: error: {exc}; nothing written", file=out.stream)
        return 1
    except pikepdf.PdfError as exc:
        print(f"{args.pdf}: error: not a readable PDF ({exc}); nothing written", file=out.stream)
        return 1
    for path in written:
        out.progress(f"wrote {path}")
    return 0
