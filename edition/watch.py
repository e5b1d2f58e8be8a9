"""``edition watch edition.yaml -o out.pdf``: rebuild the output whenever a file of the edition changes.

Any registered format: the output's suffix or ``--to`` chooses the writer, as for ``edition
build`` (``-o site/`` the web edition, without its downloads unless ``--web-downloads`` asks:
a preview).  What follows about layouts and pages concerns the PDF (a paginated writer); any
other writer simply writes again.

The process stays alive between builds, so a rebuild skips what a new ``edition build`` pays
again: interpreter start and imports (WeasyPrint, Pango, fontconfig), the Jinja templates
(cached by :mod:`edition.themes`), and parsed bibliographies (cached here by path, mtime and size).

Which files are watched: the source, the theme's template and stylesheet
(:func:`edition.themes.theme_files`: they live in the package, whose files are otherwise not
watched), and every file the last build read for itself (registers, bibliographies, a
citation style), found by recording the files the building thread opened (a
``sys.addaudithook`` hook), less Python's and the libraries' own files.  Files are polled
every 0.3 s (``--interval``): no extra dependency, and it works on network and container
file systems where inotify does not.

A failed build prints its errors and keeps the previous PDF; the next save tries again.

After an edit that stays inside one page's text, only that page is laid out again and put
into the previous PDF (:func:`edition.core.rebuild_page`, edition/layout/patch.py): a preview
in well under a second at any length, pixel for pixel the page a full build makes, though
not byte for byte the file.  Any other edit rebuilds from the last layout plan.  With
``--print`` the output is the printer's file (pdf/press.py), and so is the preview: the
patched page gets its K colours and crop marks again.
"""

from __future__ import annotations

import os
import site
import sys
import threading
import time
from typing import Callable, Optional

DEFAULT_INTERVAL = 0.3


# --------------------------------------------------------------------------- which files a build reads


class _Recorder:
    """Files opened for reading by one thread while recording (a process-wide audit hook)."""

    _installed = False
    _active: dict[int, set] = {}
    _lock = threading.Lock()

    @classmethod
    def _hook(cls, event: str, args) -> None:
        if event != "open" or not cls._active:
            return
        files = cls._active.get(threading.get_ident())
        if files is None:
            return
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        if isinstance(path, int):
            return
        if isinstance(mode, str):
            if any(c in mode for c in "wax+"):
                return
        elif isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR):
            return
        try:
            files.add(os.fsdecode(path))
        except (TypeError, ValueError):
            pass

    @classmethod
    def start(cls) -> set:
        with cls._lock:
            if not cls._installed:
                sys.addaudithook(cls._hook)
                cls._installed = True
        files: set = set()
        cls._active[threading.get_ident()] = files
        return files

    @classmethod
    def stop(cls) -> None:
        cls._active.pop(threading.get_ident(), None)


def _ignored_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.abspath(__file__))}
    try:
        roots.update(site.getsitepackages())
    except AttributeError:  # pragma: no cover - some virtualenvs
        pass
    roots.add(site.getusersitepackages() if hasattr(site, "getusersitepackages") else "")
    roots.update({"/proc", "/sys", "/dev", "/etc", "/usr", "/var/cache"})
    return [os.path.realpath(r) for r in roots if r]


def watched_files(source: str, opened: set, exclude: set, writer_inputs=()) -> set:
    """The source, the theme's files, the writer's own files (``Writer.inputs``), and the
    regular files a build read, less library files and our outputs (a folder output: all
    below it)."""
    from .themes import theme_files

    roots = _ignored_roots()
    files = {os.path.realpath(source), *theme_files(), *(os.path.realpath(p) for p in writer_inputs)}
    for path in opened:
        full = os.path.realpath(path)
        if full in exclude or full.endswith((".pyc", ".pyo")) or os.path.basename(full).startswith(".tmp-"):
            continue
        if any(full.startswith(e + os.sep) for e in exclude):
            continue
        if any(full == r or full.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            continue
        if os.path.isfile(full):
            files.add(full)
    return files


def signature(files) -> dict:
    """path -> (mtime_ns, size, inode); a missing file -> None."""
    sig = {}
    for f in files:
        try:
            st = os.stat(f)
            sig[f] = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            sig[f] = None
    return sig


# --------------------------------------------------------------------------- warm caches


class _BibCache:
    """Parsed bibliographies kept between builds, keyed by (path, mtime, size) of every file."""

    def __init__(self):
        self.entries: dict = {}
        self.original = None

    def install(self) -> None:
        import edition.citations as citations

        self.original = citations.load_database

        def load_database(paths, reporter):
            paths = [os.fspath(p) for p in paths]
            key = tuple(sorted(signature(paths).items(), key=lambda kv: kv[0]))
            key = (tuple(paths), key)
            hit = self.entries.get(key)
            if hit is None:
                from .diagnostics import Reporter

                own = Reporter()
                db = self.original(paths, own)
                hit = (db, list(own.diagnostics))
                self.entries = {key: hit}  # one edition per watch: keep the last only
            db, diags = hit
            reporter.diagnostics.extend(diags)
            return db

        citations.load_database = load_database

    def uninstall(self) -> None:
        import edition.citations as citations

        if self.original is not None:
            citations.load_database = self.original
            self.original = None


# --------------------------------------------------------------------------- the loop


def watch(
    source: str,
    output: str,
    *,
    interval: float = DEFAULT_INTERVAL,
    html_output: Optional[str] = None,
    say: Callable[[str], None] = print,
    diagnostics: Callable[[list], None] = lambda diags: None,
    stop: Optional[threading.Event] = None,
    max_builds: Optional[int] = None,
    to: Optional[str] = None,
    options: Optional[dict] = None,
) -> int:
    """Build ``source`` into ``output`` (with the writer ``to``, else the output's suffix's;
    ``options``: the keywords of core.build for it; ``print_file``: the printer's file,
    pdf/press.py), then rebuild on every change until ``stop`` is set.

    ``say`` prints a line (one per build, with its time); ``diagnostics`` receives the
    warnings and errors of each build.  Returns the number of builds done.
    """
    from .core import build, build_pdf, rebuild_page
    from .diagnostics import EditionError, Reporter
    from .formats import writer_for

    writer = writer_for(output, to)
    print_file = bool((options or {}).get("print_file"))  # the printer's file (``--print``: a PDF)
    stop = stop or threading.Event()
    exclude = {os.path.realpath(p) for p in (output, html_output) if p}
    cache = _BibCache()
    cache.install()
    builds, watched, reason = 0, {os.path.realpath(source)}, None
    hint = None  # the last good layout plan: a small change often needs only one layout
    try:
        while not stop.is_set():
            before = signature(watched)
            opened = _Recorder.start()
            reporter = Reporter()
            t0 = time.perf_counter()
            try:
                if writer.paginated:
                    # an edit inside one page's text: lay out that page alone (a preview)
                    result = rebuild_page(source, output, hint, reporter, print_file) if hint is not None and not html_output else None
                    if result is None:
                        reporter = Reporter()
                        result = build_pdf(source, output, reporter=reporter, html_output=html_output, hint=hint, print_file=print_file)
                    hint = result.plan
                else:
                    result = build(source, output, writer.name, reporter=reporter, **(options or {}))
            except EditionError as exc:
                ok = False
                diagnostics(reporter.sorted())
                n = len(exc.diagnostics)
                say(f"{n} error{'s' if n != 1 else ''} after {time.perf_counter() - t0:.2f} s; nothing written"
                    + (f" (the previous {output} is kept)" if os.path.exists(output) else ""))
            except Exception as exc:  # a bug: say so, keep watching (the next save may avoid it)
                ok = False
                say(f"edition: internal error: {type(exc).__name__}: {exc}")
            else:
                ok = True
                diagnostics(result.warnings)
                verb = "rebuilt" if builds else "built"
                because = f" ({reason} changed)" if reason else ""
                what = (f"page {result.patched_page + 1} laid out again (a preview: `edition build` writes the reference PDF)"
                        if result.patched_page is not None else f"{result.passes} layout passes")
                laid = f": {result.pages} pages, {what}" if writer.paginated else ""
                say(f"{verb} {output} in {time.perf_counter() - t0:.2f} s{laid}{because}")
            finally:
                _Recorder.stop()
            builds += 1
            new = watched_files(source, opened, exclude, writer.inputs())
            # files first seen in this build: compare them with their state now
            before.update({f: s for f, s in signature(new - set(before)).items()})
            # a failed build may not have reached (or found) a file the good one read, e.g. a
            # registers file deleted to be written again: keep watching it
            watched = new if ok else new | watched
            if builds == 1:
                say(f"watching {len(watched)} file{'s' if len(watched) != 1 else ''} (Ctrl-C to stop)")
            if max_builds is not None and builds >= max_builds:
                break
            reason = _wait_for_change(watched, before, interval, stop)
    finally:
        cache.uninstall()
    return builds


def _wait_for_change(watched: set, before: dict, interval: float, stop: threading.Event) -> Optional[str]:
    """Poll until a watched file differs from ``before`` and has stopped changing; its name."""
    while not stop.wait(interval):
        now = signature(watched)
        changed = [f for f in watched if now.get(f) != before.get(f)]
        if changed:
            # an editor may write in several steps: wait until two polls agree
            while not stop.wait(interval):
                later = signature(watched)
                if later == now:
                    break
                now = later
            return ", ".join(sorted(os.path.basename(f) for f in changed))
    return None


# --------------------------------------------------------------------------- command line


def add_parser(sub, common) -> None:
    from .cli import add_print_option, add_web_options

    w = sub.add_parser("watch", help="rebuild the PDF (or any output) whenever the source (or its registers, bibliography, style) changes")
    w.add_argument("source", help="the edition source (edition.yaml)")
    w.add_argument("-o", "--output", help="the file to write, in the format of its suffix (default: build/<source folder>.pdf; a folder/: the web edition)")
    w.add_argument("--to", metavar="FORMAT", help="the output format, whatever the output's suffix (a name `edition formats` lists)")
    add_print_option(w)
    add_web_options(w, downloads="none")
    w.add_argument("--html", metavar="FILE", help="also write the HTML that was laid out")
    w.add_argument("--interval", type=float, default=DEFAULT_INTERVAL, metavar="SECONDS", help=f"how often files are checked (default {DEFAULT_INTERVAL})")
    common(w)
    w.set_defaults(run=run)


def run(args, out) -> int:
    from .cli import _usage, default_output, print_refusal, web_kwargs
    from .formats import FormatError, writer_for

    if args.interval <= 0:
        print("edition: --interval must be positive", file=out.stream)
        return 2
    output = args.output or default_output(args.source, args.to)
    try:
        writer = writer_for(output, args.to)
        options = web_kwargs(args)
    except FormatError as exc:
        return _usage(out, exc)
    if args.html and not writer.paginated:
        print(f"edition: --html is the HTML the PDF was laid out from; the {writer.name} writer lays nothing out", file=out.stream)
        return 2
    refused = print_refusal(args, writer)
    if refused:
        print(f"edition: {refused}", file=out.stream)
        return 2
    if args.print_file:
        options["print_file"] = True
    try:
        watch(
            args.source,
            output,
            interval=args.interval,
            html_output=args.html,
            say=lambda msg: print(msg, file=out.stream, flush=True),
            diagnostics=out.diagnostics,
            to=args.to,
            options=options,
        )
    except KeyboardInterrupt:
        print("stopped watching", file=out.stream)
    return 0
