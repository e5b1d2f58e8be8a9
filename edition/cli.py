"""Command line: ``edition build|check|import`` (``build.py`` calls :func:`main`).

Exit status: 0 success, 1 the source has errors (nothing written), 2 wrong usage,
3 an internal error (a bug: please report it with ``--traceback`` output).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from . import __version__
from .diagnostics import EditionError, Reporter

EXAMPLES = """examples:
  edition build examples/azerbaycan-bolsevizm/edition.yaml -o build/sample.pdf
  edition check examples/azerbaycan-bolsevizm/edition.yaml
  edition formats                                  (what edition reads and writes)
  edition import article.pdf -o draft/edition.yaml   (or article.txt from pdftotext)
  edition collate edition.yaml --witness B=b.txt   (propose apparatus entries; --apply writes them)
  python build.py edition.yaml -o edition.pdf      (same as 'edition build')

exit status: 0 ok, 1 errors in the source (nothing written), 2 usage, 3 internal error
"""


class _Out:
    """Terminal output: colour only on a terminal, quiet/verbose levels."""

    def __init__(self, quiet: bool = False, verbose: bool = False, stream=None):
        self.stream = stream or sys.stderr
        self.quiet, self.verbose = quiet, verbose
        self.colour = hasattr(self.stream, "isatty") and self.stream.isatty() and not os.environ.get("NO_COLOR")

    def _c(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text

    def progress(self, msg: str) -> None:
        if not self.quiet:
            print(msg, file=self.stream, flush=True)

    def diagnostics(self, diags) -> None:
        for d in diags:
            if d.level == "warning" and self.quiet:
                continue
            level = self._c("1;31", "error") if d.level == "error" else self._c("1;33", "warning")
            print(f"{d.loc}: {level}: {d.message}", file=self.stream)
            if d.hint:
                print(f"    hint: {d.hint}", file=self.stream)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="edition",
        description="Turn an annotated YAML edition source into a print-ready critical edition (PDF).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"edition {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp):
        sp.add_argument("-q", "--quiet", action="store_true", help="print errors only")
        sp.add_argument("-v", "--verbose", action="store_true", help="print timings of every stage")
        sp.add_argument("--traceback", action="store_true", help="show the Python traceback of an internal error")

    b = sub.add_parser("build", help="build the PDF of an edition", epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("source", nargs="+", help="the edition source (edition.yaml); several sources or a folder (every edition.yaml below it) build in parallel")
    b.add_argument("-o", "--output", help="the file to write, in the format of its suffix (.pdf ...; `edition formats` lists them; default: build/<source folder>.pdf); one source only")
    b.add_argument("--to", metavar="FORMAT", help="the output format, whatever the output's suffix (a name `edition formats` lists)")
    b.add_argument("--html", metavar="FILE", help="also write the HTML that was laid out; one source only")
    add_pdf_variant_option(b)
    add_print_option(b)
    add_web_options(b)
    add_cache_option(b)
    add_journal_options(b)
    try:
        from .batch import add_batch_options
    except ImportError:  # pragma: no cover - batch builds not installed
        pass
    else:
        add_batch_options(b)
    common(b)

    c = sub.add_parser("check", help="check a source without building: all problems, compiler style")
    c.add_argument("source", nargs="?", help="the edition source (with --outputs: the reference the outputs are compared with)")
    c.add_argument("--outputs", nargs="+", metavar="FILE",
                   help="check that these outputs (.pdf .docx .jats.xml .crossref.xml) agree on title, authors, abstract, keywords, notes and references")
    common(c)

    f = sub.add_parser("formats", help="list the formats edition reads and writes")
    common(f)

    i = sub.add_parser("import", help="turn a PDF article (or the text pdftotext made of it) into a draft edition source")
    i.add_argument("raw", help="the article: a PDF, or its text (UTF-8) from pdftotext")
    i.add_argument("-o", "--output", required=True, help="the draft edition.yaml to write")
    i.add_argument("--language", help="language of the text (detected when absent)")
    common(i)
    for module in _plugin_modules():
        module.add_parser(sub, common)
    return p


# Further commands live in their own modules; each has add_parser(sub, common) that adds
# its subparser (with set_defaults(run=...)) and a run(args, out) -> int.
PLUGINS = ("edition.register_cli", "edition.batch", "edition.watch", "edition.scaffold", "edition.journal", "edition.collate.cli",
           "edition.extract_cli", "edition.proof")


def _plugin_modules():
    import importlib

    mods = []
    for name in PLUGINS:
        try:
            mods.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return mods


def add_journal_options(p) -> None:
    """The options of a journal submission (formats.WriteOptions: reference_docx, anonymise)."""
    p.add_argument("--reference-docx", metavar="FILE", help="DOCX: take styles and page setup from this Word document (a journal's template)")
    p.add_argument("--anonymise", "--anonymize", action="store_true",
                   help="a review copy: no authors, affiliations, ORCID, e-mail, acknowledgements, funding; the title page beside it (NAME.titlepage.SUFFIX)")
    p.add_argument("--mask-self-citations", action="store_true", help="with --anonymise: the authors' own works cited as [Yazar], 2019")


def journal_kwargs(args) -> dict:
    return {"reference_docx": getattr(args, "reference_docx", None), "anonymise": getattr(args, "anonymise", False),
            "mask_self_citations": getattr(args, "mask_self_citations", False)}


def default_output(source: str, to: str = None) -> str:
    from .formats import default_suffix

    folder = os.path.basename(os.path.dirname(os.path.abspath(source))) or "edition"
    return os.path.join("build", folder + default_suffix(to))


def cmd_build(args, out: _Out) -> int:
    from .core import build
    from .formats import FormatError, writer_for

    if isinstance(args.source, list):  # several sources or a folder: a batch build (edition/batch.py)
        if len(args.source) > 1 or os.path.isdir(args.source[0]):
            if args.output or args.html:
                print("edition: -o/--output and --html need a single source; several editions go to --out-dir (default build/)", file=out.stream)
                return 2
            if args.pdf_variant:
                print("edition: --pdf-variant needs a single source; in a batch, give each source settings: pdf-variant", file=out.stream)
                return 2
            from .batch import run as run_batch

            return run_batch(args, out)
        args.source = args.source[0]
    try:
        output = args.output or default_output(args.source, args.to)
        writer = writer_for(output, args.to)
    except FormatError as exc:
        return _usage(out, exc)
    refused = print_refusal(args, writer)
    if refused:
        print(f"edition: {refused}", file=out.stream)
        return 2
    if args.html and not writer.paginated:
        print(f"edition: --html is the HTML the PDF was laid out from; the {writer.name} writer lays nothing out", file=out.stream)
        return 2
    reporter = Reporter()
    t0 = time.perf_counter()
    try:
        if args.mask_self_citations and not args.anonymise:
            print("edition: --mask-self-citations masks the authors' works in a review copy: add --anonymise", file=out.stream)
            return 2
        with layout_cache(args, output, writer) as cache:
            result = build(args.source, output, args.to, progress=out.progress, reporter=reporter, html_output=args.html,
                           pdf_variant=args.pdf_variant, print_file=args.print_file, **journal_kwargs(args), **web_kwargs(args))
    except FormatError as exc:
        return _usage(out, exc)
    except EditionError as exc:
        out.diagnostics(reporter.sorted())
        n = len(exc.diagnostics)
        print(f"{n} error{'s' if n != 1 else ''}; nothing written{' (the previous ' + output + ' is kept)' if os.path.exists(output) else ''}", file=out.stream)
        return 1
    out.diagnostics(result.warnings)
    if args.verbose:
        for stage, secs in result.timings:
            out.progress(f"      {stage:<22} {secs * 1000:8.0f} ms")
        if cache is not None:
            out.progress(f"      layout cache: {cache.hits} layouts reused, {cache.misses} laid out ({cache.folder})")
    laid = f"{result.pages} pages, {result.passes} layout passes, " if writer.paginated else ""
    out.progress(f"wrote {output}: {laid}{time.perf_counter() - t0:.2f} s")
    return 0


def add_cache_option(parser) -> None:
    """``--no-cache``: lay everything out again (edition/layout/cache.py)."""
    parser.add_argument("--no-cache", action="store_true",
                        help="do not use or keep the layout cache (.edition-cache/ beside the output: what the last build laid out)")


def layout_cache(args, output: str, writer):
    """The layout cache of a paginated build of ``output`` (none with ``--no-cache``)."""
    from .layout.cache import folder_for, using

    return using(folder_for(output) if writer.paginated and not args.no_cache else None, args.source)


def add_pdf_variant_option(parser) -> None:
    """``--pdf-variant NAME``: an archival or accessible PDF (edition/pdf/variants.py)."""
    from .pdf.variants import VARIANTS

    parser.add_argument("--pdf-variant", choices=list(VARIANTS), metavar="VARIANT",
                        help=f"write a {' | '.join(VARIANTS)} PDF (PDF/A-3b carries the sources: `edition extract`); "
                             "default: the source's settings: pdf-variant, else the print PDF")


def add_print_option(parser) -> None:
    """``--print``: the printer's file, PDF/X-4 with bleed and crop marks (edition/pdf/press.py)."""
    parser.add_argument("--print", dest="print_file", action="store_true",
                        help="write the printer's file: PDF/X-4 (CMYK output intent, black text in pure K), bleed and crop marks "
                             "(settings: print: {bleed: 3mm, marks: crop}); docs/print.md")


def print_refusal(args, writer) -> str:
    """Why ``--print`` cannot be done with these options ("" when it can): ``edition
    build``, a batch and ``edition watch`` ask the same."""
    if not getattr(args, "print_file", False):
        return ""
    if writer.name != "pdf":
        return (f"--print makes a PDF for the printer; the {writer.name} writer makes no PDF: "
                "drop --print, or write .pdf (--to pdf)")
    if getattr(args, "pdf_variant", None):
        return (f"--print (PDF/X-4) and --pdf-variant {args.pdf_variant} cannot be one file here: "
                "build the printer's file and the archival or accessible PDF in two builds")
    return ""


def add_web_options(parser, downloads: str = "default") -> None:
    """The web edition's options (edition/writers/web/): its pages and its downloads."""
    from .writers.web.site import PAGES

    parser.add_argument("--web-pages", choices=PAGES, help="web edition: one page, or a page per section (a book; default: "
                        "the source's settings: web-pages, else section for the book theme)")
    parser.add_argument("--web-downloads", default=downloads, metavar="FORMATS",
                        help="web edition: the formats it builds for download into downloads/, by name (pdf,tei,docx), "
                             f"or none for a quick build (default: {downloads})")


def web_kwargs(args) -> dict:
    """The web options of ``args`` for core.build (a FormatError for an unknown format)."""
    from .writers.web.downloads import check_downloads, parse_downloads

    names = parse_downloads(getattr(args, "web_downloads", None) or "default")
    check_downloads(names, "html")
    return {"web_pages": getattr(args, "web_pages", None), "web_downloads": names}


def _usage(out: _Out, exc) -> int:
    print(f"edition: {exc}" + (f"\n    hint: {exc.hint}" if exc.hint else ""), file=out.stream)
    return 2


def cmd_formats(args, out: _Out) -> int:
    """``edition formats``: every reader and writer, with its suffixes."""
    from .formats import readers, writers

    for title, table in (("reads", readers()), ("writes", writers())):
        print(f"edition {title}:")
        for cls in sorted(table.values(), key=lambda c: c.name):
            paged = " (laid out in pages)" if getattr(cls, "paginated", False) else ""
            print(f"  {cls.name:<8} {' '.join(cls.suffixes):<14} {cls.description}{paged}")
    return 0


def cmd_check(args, out: _Out) -> int:
    from .core import load
    from .formats import FormatError

    if args.outputs:
        return cmd_check_outputs(args, out)
    if not args.source:
        print("edition check: give a source (edition.yaml), or --outputs FILE ...", file=out.stream)
        return 2
    reporter = Reporter()
    try:
        ed = load(args.source, reporter)
    except FormatError as exc:
        return _usage(out, exc)
    except EditionError:
        out.diagnostics(reporter.sorted())
        errors = len(reporter.errors)
        warnings = len(reporter.diagnostics) - errors
        print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}", file=out.stream)
        return 1
    out.diagnostics(reporter.sorted())
    out.progress(f"{args.source}: ok ({len(ed.notes)} notes, {len(ed.apparatus)} apparatus entries, {len(ed.tags)} index tags, {len(ed.cited_keys)} works cited)")
    return 0


def cmd_check_outputs(args, out: _Out) -> int:
    """``edition check [SOURCE] --outputs FILE ...``: the outputs agree with each other (and
    with the source, when given) on what every deliverable shares (edition/consistency.py)."""
    from .consistency import check_outputs
    from .core import load
    from .formats import FormatError

    reporter = Reporter()
    try:
        edition = load(args.source, reporter) if args.source else None
    except FormatError as exc:
        return _usage(out, exc)
    except EditionError:
        out.diagnostics(reporter.sorted())
        return 1
    sides = check_outputs(args.outputs, reporter, edition, args.source or "")
    out.diagnostics(reporter.sorted())
    if reporter.errors:
        n = len(reporter.errors)
        print(f"{n} disagreement{'s' if n != 1 else ''} or unreadable output{'s' if n != 1 else ''}", file=out.stream)
        return 1
    out.progress(f"{len(sides)} sides agree: " + ", ".join(s.side for s in sides))
    return 0


def cmd_import(args, out: _Out) -> int:
    from .core import refuse_overwriting_inputs, write_atomic
    from .model import Loc

    try:
        from .readers.rawtext import RawTextError, import_file
    except ImportError:  # pragma: no cover
        print("edition: the importer is not available in this installation", file=out.stream)
        return 3
    reporter = Reporter()
    try:
        refuse_overwriting_inputs([args.output], {os.path.realpath(args.raw): Loc(args.raw, 1, 1)}, reporter)
    except EditionError:
        out.diagnostics(reporter.sorted())
        return 1
    try:
        yaml_text, report = _importer(args.raw)(args.raw, language=args.language)
    except RawTextError as exc:
        print(f"{args.raw}: error: {exc}", file=out.stream)
        return 1
    write_atomic(args.output, yaml_text.encode("utf-8"))
    out.progress(report.format())
    out.progress(f"wrote {args.output}")
    return 0


def _importer(path: str):
    """The draft maker of the reader registered for the file's suffix (``.pdf``: the PDF
    itself), else the text importer (any other file is read as pdftotext output)."""
    from .formats import FormatError, reader_for
    from .readers.rawtext import import_file

    try:
        return getattr(reader_for(path), "draft", None) or import_file
    except FormatError:
        return import_file


COMMANDS = {"build": cmd_build, "check": cmd_check, "import": cmd_import, "formats": cmd_formats}


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `build.py edition.yaml -o x.pdf`: build is the default command
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-") and os.path.exists(argv[0]):
        argv.insert(0, "build")
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    out = _Out(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    run = COMMANDS.get(args.command) or getattr(args, "run", None)
    try:
        return run(args, out)
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=out.stream)
        return 130
    except OSError as exc:  # disk full, no permission ...: the machine's problem, not a bug
        if getattr(args, "traceback", False):
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"edition: {where}{exc.strerror or exc}; nothing was written", file=out.stream)
        return 1
    except Exception as exc:  # a bug: say so plainly
        if getattr(args, "traceback", False):
            raise
        print(f"edition: internal error: {type(exc).__name__}: {exc}\n    run again with --traceback and report it", file=out.stream)
        return 3


def run() -> None:
    """The command line's entry point: :func:`main`, then leave without tearing the heap
    down object by object (4 s after a 400-page build; the outputs are written and closed,
    and nothing else needs to run at exit)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
