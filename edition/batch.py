"""Batch builds: many editions at once, in parallel processes or on a Dask cluster.

``edition build a.yaml b.yaml ...`` and ``edition build DIR`` (every ``edition.yaml`` below DIR)
come here, as does ``edition batch``.  Each edition is built by :func:`build_one` in its own
worker process (:class:`concurrent.futures.ProcessPoolExecutor`, ``-j N``, default the number
of CPUs), or, with ``--scheduler tcp://host:port``, as one task on a Dask cluster.  A line is
printed as each edition finishes; a failure does not stop the others; the summary lists every
failure with all its located errors (as `edition check` prints them, up to MAX_SHOWN), and the exit
status is 1 when any edition failed.  ``--print`` makes every output the printer's file (PDF/X-4:
pdf/press.py), each with its own ``settings: print:``.

On a cluster, the workers must see the sources and the output folder at the same paths as the
machine that submits (a shared file system): a task sends paths, not files, and gets back a
small dict (:func:`build_one`).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, Iterable, Optional

SOURCE_NAME = "edition.yaml"
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", "build"}


# --------------------------------------------------------------------------- finding sources


def find_sources(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """Sources named by ``paths``: files as given, folders searched for ``edition.yaml``.

    Returns (sources, problems); a folder with no edition.yaml below it is a problem.
    Hidden folders, virtual environments and ``build/`` folders are not searched.
    """
    sources: list[str] = []
    problems: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                if SOURCE_NAME in files:
                    found.append(os.path.join(folder, SOURCE_NAME))
            if not found:
                problems.append(f"{path}: no {SOURCE_NAME} below this folder")
            sources += found
        else:
            sources.append(path)
    unique, seen = [], set()
    for s in sources:
        key = os.path.realpath(s)
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique, problems


def output_paths(sources: list[str], out_dir: str, suffix: str = ".pdf") -> list[str]:
    """One output per source in ``out_dir``: <folder><suffix> as ``edition build`` names it
    (the suffix of the format written, ``/`` for a folder: the web edition).

    ``a/x/edition.yaml`` -> ``x.pdf``; a source not called edition.yaml adds its stem
    (``x/draft.yaml`` -> ``x-draft.pdf``); names that would clash take more of the path
    (``a/x`` and ``b/x`` -> ``a-x.pdf``, ``b-x.pdf``).

    >>> output_paths(["a/x/edition.yaml", "b/x/edition.yaml"], "out", "/")
    ['out/a-x/', 'out/b-x/']
    """

    def parts(src: str) -> list[str]:
        full = os.path.abspath(src)
        folders = [p for p in os.path.dirname(full).split(os.sep) if p]
        stem = os.path.splitext(os.path.basename(full))[0]
        return folders + ([] if os.path.basename(full) == SOURCE_NAME else [stem])

    split = [parts(s) for s in sources]
    depth = [1 if os.path.basename(s) == SOURCE_NAME else min(2, len(p)) for s, p in zip(sources, split)]
    while True:
        names = ["-".join(p[-d:]) if p else "edition" for p, d in zip(split, depth)]
        clashes = {n for n in names if names.count(n) > 1}
        grow = [i for i, n in enumerate(names) if n in clashes and depth[i] < len(split[i])]
        if not grow:
            break
        for i in grow:
            depth[i] += 1
    # identical full paths cannot reach here (sources are unique); anything left gets a number
    final, used = [], set()
    for name in names:
        candidate, k = name, 2
        while candidate in used:
            candidate, k = f"{name}-{k}", k + 1
        used.add(candidate)
        final.append(os.path.join(out_dir, candidate + suffix))
    return final


# --------------------------------------------------------------------------- one edition


# errors listed per failed edition at the end of a batch (a broken source may have hundreds)
MAX_SHOWN = 50


def build_one(source: str, output: str, to: Optional[str] = None, options: Optional[dict] = None) -> dict:
    """Build one edition with the writer ``to`` (else the output's suffix's; ``options``: the
    keywords of core.build for it, such as web_downloads); never raises.  Returns a small
    picklable dict (also a Dask task's result).

    Keys: source, output, ok, seconds, and either pages/passes/warnings or
    errors (count), error (the first located error, ``file:line:col: error: message``), hint.
    """
    from .core import build
    from .diagnostics import EditionError, Reporter

    t0 = time.perf_counter()
    reporter = Reporter()
    res = {"source": source, "output": output, "ok": False}
    try:
        result = build(source, output, to or "pdf", reporter=reporter, **(options or {}))
    except EditionError as exc:
        diags = reporter.sorted() or list(exc.diagnostics)
        errors = [d for d in diags if d.level == "error"] or diags
        first = errors[0] if errors else None
        res.update(
            errors=len(exc.diagnostics) or len(errors),
            error=f"{first.loc}: error: {first.message}" if first else "error",
            hint=(first.hint or "") if first else "",
            # every error, as `edition check` prints them: the editor fixes all in one go
            diagnostics=[(f"{d.loc}: error: {d.message}", d.hint or "") for d in errors[:MAX_SHOWN]],
        )
    except Exception as exc:  # a bug in edition or a library: report it, go on with the others
        res.update(errors=1, error=f"{source}: internal error: {type(exc).__name__}: {exc}", hint="run `edition build --traceback` on it and report it")
    else:
        res.update(ok=True, pages=result.pages, passes=result.passes, warnings=len(result.warnings))
    res["seconds"] = time.perf_counter() - t0
    return res


def build_one_alone(source: str, output: str, to: Optional[str] = None, options: Optional[dict] = None) -> dict:
    """:func:`build_one` in a worker of a batch: the edition's layout stays in this process
    (the batch already keeps every CPU busy, and a Dask worker runs threads, which do not
    mix with forking).  The PDF is the same: chunks do not depend on the processes."""
    os.environ["EDITION_JOBS"] = "1"
    return build_one(source, output, to, options)


# --------------------------------------------------------------------------- many editions


def _pool_context():
    """forkserver where there is one (safe with threads in the parent), else the default."""
    import multiprocessing as mp

    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        try:
            ctx.set_forkserver_preload(["edition.core", "edition.batch"])
        except Exception:  # pragma: no cover
            pass
        return ctx
    return mp.get_context()


def build_many(
    sources: list[str],
    outputs: list[str],
    jobs: Optional[int] = None,
    scheduler: Optional[str] = None,
    on_result: Callable[[dict], None] = lambda _r: None,
    to: Optional[str] = None,
    options: Optional[dict] = None,
) -> list[dict]:
    """Build every source into its output, with the writer ``to`` (default the PDF's) and the
    keywords ``options`` of core.build; call ``on_result`` as each one finishes.

    ``scheduler``: the address of a Dask scheduler (``tcp://host:port``) or a
    ``dask.distributed.Client``; otherwise local processes (``jobs`` of them, default the CPU count;
    with jobs=1 the editions are built one after another in this process).
    Results come back in the order of ``sources``.
    """
    pairs = list(zip(sources, outputs))
    results: dict[int, dict] = {}
    extra = (to, options or {})

    def done(i: int, res: dict) -> None:
        results[i] = res
        on_result(res)

    if scheduler is not None:
        _build_on_cluster(pairs, scheduler, done, extra)
    else:
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(pairs) or 1))
        if jobs == 1:
            for i, (src, out) in enumerate(pairs):
                done(i, build_one(src, out, *extra))
        else:
            _build_in_processes(pairs, jobs, done, extra)
    return [results[i] for i in range(len(pairs))]


def _build_in_processes(pairs, jobs: int, done, extra=(None, None)) -> None:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context()) as pool:
        futures = {pool.submit(build_one_alone, src, out, *extra): i for i, (src, out) in enumerate(pairs)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                res = fut.result()
            except BrokenProcessPool as exc:  # a worker died (killed, out of memory, a crash in C)
                res = _failed(pairs[i], f"the worker building it died ({exc})")
            except Exception as exc:  # pragma: no cover - build_one does not raise
                res = _failed(pairs[i], f"{type(exc).__name__}: {exc}")
            done(i, res)


def _build_on_cluster(pairs, scheduler, done, extra=(None, None)) -> None:
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise RuntimeError("--scheduler needs dask.distributed: pip install 'edition[cluster]'") from exc

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        # absolute paths: the workers' working folder is not ours
        futures = [client.submit(build_one_alone, os.path.abspath(src), os.path.abspath(out), *extra, pure=False) for src, out in pairs]
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in as_completed(futures):
            i = index[fut.key]
            try:
                res = fut.result()
                res["source"], res["output"] = pairs[i]
            except Exception as exc:  # the task itself failed (worker lost, cannot unpickle, ...)
                res = _failed(pairs[i], f"cluster task failed: {type(exc).__name__}: {exc}")
            done(i, res)
    finally:
        if client is not scheduler:
            client.close()


def _failed(pair, message: str) -> dict:
    src, out = pair
    return {"source": src, "output": out, "ok": False, "errors": 1, "error": f"{src}: internal error: {message}", "hint": "", "seconds": 0.0}


# --------------------------------------------------------------------------- command line


def add_parser(sub, common) -> None:
    b = sub.add_parser(
        "batch",
        help="build many editions in parallel (files, or folders holding edition.yaml files)",
        description="Build many editions in parallel; the same as `edition build` with several sources or a folder.",
    )
    b.add_argument("source", nargs="+", help="edition sources, or folders searched for edition.yaml")
    b.add_argument("--to", metavar="FORMAT", help="the output format (a name `edition formats` lists; default: pdf)")
    from .cli import add_print_option, add_web_options

    add_print_option(b)
    add_web_options(b)
    add_batch_options(b)
    common(b)
    b.set_defaults(run=run)


def add_batch_options(p) -> None:
    p.add_argument("--out-dir", default="build", metavar="DIR", help="folder for the outputs of several editions, in the format of --to (default: build/)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="editions built at once (default: the number of CPUs)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="build on a Dask cluster (tcp://host:port; sources and --out-dir on a shared file system)")


def run(args, out) -> int:
    """Build ``args.source`` (several files and/or folders) into ``args.out_dir``."""
    sources, problems = find_sources(args.source)
    stream = out.stream
    for problem in problems:
        print(f"edition: {problem}", file=stream)
    if not sources:
        print("edition: no edition to build", file=stream)
        return 2
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        print("edition: -j/--jobs must be at least 1", file=stream)
        return 2
    from .cli import print_refusal, web_kwargs
    from .formats import FormatError, default_suffix, writer_for

    to = getattr(args, "to", None)
    try:
        writer = writer_for("x" + default_suffix(to), to)
        options = web_kwargs(args)  # each writer takes what concerns it (formats.WriteOptions)
    except FormatError as exc:
        print(f"edition: {exc}" + (f"\n    hint: {exc.hint}" if exc.hint else ""), file=stream)
        return 2
    refused = print_refusal(args, writer)
    if refused:
        print(f"edition: {refused}", file=stream)
        return 2
    if getattr(args, "print_file", False):
        options["print_file"] = True  # every edition's printer's file, with its own settings: print:
    outputs = output_paths(sources, args.out_dir, default_suffix(writer.name))
    total = len(sources)
    where = f"on {args.scheduler}" if args.scheduler else f"{max(1, min(args.jobs or os.cpu_count() or 1, total))} at a time"
    out.progress(f"building {total} edition{'s' if total != 1 else ''} into {args.out_dir}/ ({where})")
    t0 = time.perf_counter()
    finished = [0]

    def on_result(res: dict) -> None:
        finished[0] += 1
        tag = f"[{finished[0]}/{total}]"
        if res["ok"]:
            warn = f", {res['warnings']} warning{'s' if res['warnings'] != 1 else ''}" if res.get("warnings") else ""
            laid = f"{res['pages']} pages, {res['passes']} layout passes, " if res.get("pages") else ""
            out.progress(f"{tag} ok     {res['source']} -> {res['output']}: {laid}{res['seconds']:.1f} s{warn}")
        else:
            n = res.get("errors", 1)
            print(f"{tag} FAILED {res['source']}: {n} error{'s' if n != 1 else ''}; first: {res['error']}", file=stream, flush=True)

    try:
        results = build_many(sources, outputs, jobs=args.jobs, scheduler=args.scheduler, on_result=on_result, to=writer.name, options=options)
    except RuntimeError as exc:
        print(f"edition: {exc}", file=stream)
        return 2
    except OSError as exc:  # cannot reach the scheduler
        print(f"edition: cannot use the scheduler {args.scheduler}: {exc}", file=stream)
        return 2
    failed = [r for r in results if not r["ok"]]
    built = len(results) - len(failed)
    print(f"built {built}, failed {len(failed)} of {total} editions in {time.perf_counter() - t0:.1f} s", file=stream)
    for r in failed:
        print(f"  failed: {r['source']}", file=stream)
        for error, hint in r.get("diagnostics") or [(r["error"], r.get("hint", ""))]:
            print(f"    {error}", file=stream)
            if hint:
                print(f"    hint: {hint}", file=stream)
        if r.get("errors", 1) > MAX_SHOWN:
            print(f"    ... and {r['errors'] - MAX_SHOWN} more: `edition check {r['source']}` lists them all", file=stream)
    return 1 if failed or problems else 0


if __name__ == "__main__":  # pragma: no cover
    from .cli import main

    sys.exit(main(["batch", *sys.argv[1:]]))
