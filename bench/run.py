"""Benchmark: build synthetic editions of N pages (and the sample) in fresh processes.

    python bench/run.py                      # N = 15, 100, 400 + the sample; updates bench/RESULTS.md
    python bench/run.py -n 15 100 -r 3       # choose N and repetitions (the median run is reported)
    python bench/run.py -n 15 --no-results   # print only
    python bench/run.py --rebuild 400        # "one-word change" rebuild measured at N=400 (default)
    python bench/run.py --rebuild 0          # skip it

Every build runs in a new Python process (``bench/run.py --child``), so the total wall time
includes interpreter start and imports, as an editor typing ``edition build`` experiences it.
Stage times come from :attr:`edition.core.BuildResult.timings` (read+transforms, html and layout
per pass, measure: the apparatus before the first layout and the feet before the second, pdf write).
A build forks processes (the first layout, the chunks of the second): its memory is the peak of
the summed PSS of the build process and its descendants (sampled every 250 ms from /proc; a page
forked processes share counts once); the table also gives the build process's ``ru_maxrss`` and
the largest of its children's.  Layout timings are wall times of the stage (with the second
layout's chunks laid out and written to PDF in parallel; "pdf write" is then their merge).

The rebuild measurement: build the N-page edition, change one word in the middle of its body,
build again.  It is reported twice: in the same (warm) process from the first build's layout
plan, as ``edition watch`` does, and as a new ``edition build`` process.

The generated editions live in build/bench/n<N>/ (see bench/generate.py).  The code measured is
the ``edition`` package beside this folder (the repository this file is in).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLE = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm", "edition.yaml")
RESULTS = os.path.join(HERE, "RESULTS.md")
START, END = "<!-- bench/run.py: start -->", "<!-- bench/run.py: end -->"


# --------------------------------------------------------------------------- child process


def child(source: str, output: str, rebuild: bool) -> int:
    """Runs in the fresh process: build (and maybe change one word and build again); JSON out."""
    import resource

    t0 = time.perf_counter()
    sys.path.insert(0, ROOT)
    from edition.core import build_pdf, rebuild_page

    imports = time.perf_counter() - t0

    def record(result, **extra):
        rec = {
            "pages": result.pages,
            "passes": result.passes,
            "seconds": result.seconds,
            "timings": result.timings,
            "notes": result.notes,
            "apparatus": result.apparatus,
            "tags": result.tags,
            "warnings": len(result.warnings),
            "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            # the largest process that laid out a chunk of the final layout (layout/chunks.py)
            "maxrss_children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
            "chunks": getattr(result, "chunks", 1),
            "end": time.time(),
            "imports": imports,
        }
        rec.update(extra)
        print("BENCH " + json.dumps(rec), flush=True)

    first = build_pdf(source, output)
    record(first, kind="build")
    if rebuild:
        change_one_word(source)
        t = time.perf_counter()
        page = rebuild_page(source, output, first.plan)  # edition watch tries this first
        record(page or first, kind="page rebuild", wall=time.perf_counter() - t, applied=page is not None,
               page=page.patched_page if page else None)
        t = time.perf_counter()
        result = build_pdf(source, output, hint=first.plan)  # and else this
        record(result, kind="warm rebuild", wall=time.perf_counter() - t)
    return 0


def line_keyed_sample(work: str) -> str:
    """A copy of the sample with ``apparatus: line`` (margin line numbers, entries keyed by
    line): the cost of line numbering is this row against the sample's."""
    folder = os.path.join(work, "sample-line")
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    source = os.path.join(folder, os.path.basename(SAMPLE))
    with open(source, encoding="utf-8") as fh:
        text = fh.read()
    with open(source, "w", encoding="utf-8") as fh:
        fh.write(text.replace("apparatus: marker", "apparatus: line"))
    return source


def change_one_word(source: str) -> str:
    """Replace one word in the middle of the body text; return the word replaced."""
    with open(source, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    body = next(i for i, line in enumerate(lines) if line == "body:")
    for i in range((body + len(lines)) // 2, len(lines)):
        line = lines[i]
        if not line.startswith("      ") or "{" in line or "[" in line:
            continue
        m = re.search(r"(?<= )([a-zçğıöşü]{5,})(?= )", line)
        if m:
            lines[i] = line[: m.start()] + "değiştirilmiş" + line[m.end():]
            with open(source, "w", encoding="utf-8") as fh:
                fh.write("\n".join(lines))
            return m.group(1)
    raise RuntimeError("no word to change")


# --------------------------------------------------------------------------- parent


class PeakMemory(threading.Thread):
    """The peak of the memory a process and its descendants use together: their PSS
    (proportional set size: a page shared by forked processes is counted once in the sum),
    sampled every 250 ms from /proc (Linux)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stop = pid, 0, threading.Event()

    def tree(self, pid: int) -> list[int]:
        out = [pid]
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    for child in fh.read().split():
                        out += self.tree(int(child))
        except OSError:
            pass
        return out

    @staticmethod
    def pss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def run(self):
        while not self.stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(self.pss(p) for p in self.tree(self.pid)))
            self.stop.wait(0.25)


def run_child(source: str, output: str, rebuild: bool = False) -> list[dict]:
    """One fresh process; returns its records with total wall times (spawn -> end of build/exit)."""
    cmd = [sys.executable, os.path.abspath(__file__), "--child", source, output] + (["--child-rebuild"] if rebuild else [])
    env = dict(os.environ, PYTHONHASHSEED="0")
    spawn = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    peak = PeakMemory(proc.pid)
    peak.start()
    stdout, stderr = proc.communicate()
    exited = time.time()
    peak.stop.set()
    peak.join()
    proc.stdout, proc.stderr = stdout, stderr
    if proc.returncode != 0:
        raise RuntimeError(f"build of {source} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    records = [json.loads(line[6:]) for line in proc.stdout.splitlines() if line.startswith("BENCH ")]
    first = records[0]
    first["pss_peak_kb"] = peak.peak_kb  # over every build the child made
    first["wall_to_end"] = first["end"] - spawn
    first["total"] = (exited - spawn) if len(records) == 1 else first["wall_to_end"]
    first["start"] = first["total"] - first["seconds"]
    return records


def stage(rec: dict, name: str) -> list[float]:
    return [secs for stage_name, secs in rec["timings"] if stage_name == name or stage_name.startswith(name + " ")]


def summarise(runs: list[dict]) -> dict:
    """The median run (by total wall time) with the spread of the totals."""
    ordered = sorted(runs, key=lambda r: r["total"])
    med = dict(ordered[(len(ordered) - 1) // 2])
    med["runs"] = len(runs)
    med["total_min"], med["total_max"] = ordered[0]["total"], ordered[-1]["total"]
    med["total_median"] = statistics.median(r["total"] for r in runs)
    return med


def fmt_passes(values: list[float]) -> str:
    if not values:
        return "–"
    return " + ".join(f"{v:.2f}" for v in values) + (f" = {sum(values):.2f}" if len(values) > 1 else "")


def passes_cell(rec: dict) -> str:
    """Layouts run; when the engine kept an earlier pass (no fixed point), which one."""
    run = len(stage(rec, "layout"))
    cell = str(run) if run == rec["passes"] else f"{run} (kept pass {rec['passes']})"
    if rec.get("chunks", 1) > 1:
        cell += f" (last in {rec['chunks']} chunks)"
    return cell + (f", {rec['warnings']} warnings" if rec["warnings"] else "")


def row(label: str, rec: dict) -> list[str]:
    total = rec["total"]
    spread = f" ({rec['total_min']:.1f}–{rec['total_max']:.1f})" if rec.get("runs", 1) > 1 else ""
    return [
        label,
        str(rec["pages"]),
        passes_cell(rec),
        f"{sum(stage(rec, 'read+transforms')):.2f}",
        fmt_passes(stage(rec, "html")),
        fmt_passes(stage(rec, "layout")),
        f"{sum(stage(rec, 'measure')):.2f}",
        f"{sum(stage(rec, 'pdf write')):.2f}",
        f"{rec['start']:.2f}",
        f"{total:.1f}{spread}",
        f"{rec['pss_peak_kb'] / 1024:.0f}" if rec.get("pss_peak_kb") else f"{rec['maxrss_kb'] / 1024:.0f}",
        f"{rec['maxrss_kb'] / 1024:.0f}" + (f" / {rec['maxrss_children_kb'] / 1024:.0f}" if rec.get("maxrss_children_kb") else ""),
        f"{rec['pages'] / total:.2f}",
    ]


HEADER = ["edition", "pages", "layout passes", "read+transforms s", "html s (per pass)", "layout s (per pass)",
          "measure s", "pdf write s", "start+imports+exit s", "total wall s", "peak memory MB (all processes, PSS)", "peak RSS MB (main / largest other process)", "pages/s"]


def table(rows: list[list[str]], header=HEADER) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def machine() -> dict:
    info = {"nproc": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())}
    try:
        with open("/proc/cpuinfo") as fh:
            m = re.search(r"^model name\s*:\s*(.+)$", fh.read(), re.M)
            info["cpu"] = m.group(1).strip() if m else platform.processor()
    except OSError:
        info["cpu"] = platform.processor() or "?"
    try:
        with open("/proc/meminfo") as fh:
            kb = int(re.search(r"MemTotal:\s+(\d+)", fh.read()).group(1))
            info["ram"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        info["ram"] = "?"
    info["date"] = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    info["python"] = platform.python_version()
    try:
        from importlib.metadata import version

        info["weasyprint"] = version("weasyprint")
    except Exception:  # pragma: no cover
        info["weasyprint"] = "?"
    if os.environ.get("BENCH_COMMIT"):  # measuring an exported tree (git archive): say which commit
        info["commit"] = os.environ["BENCH_COMMIT"]
        return info
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "edition"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        info["commit"] = (commit or "?") + (" + uncommitted changes in edition/ (code or theme)" if dirty else "")
    except OSError:
        info["commit"] = "?"
    return info


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Benchmark edition builds (see bench/RESULTS.md).")
    p.add_argument("-n", "--pages", type=int, nargs="+", default=[15, 100, 400], help="page counts to generate and build (default 15 100 400)")
    p.add_argument("-r", "--repeat", type=int, default=1, help="builds per N (the median is reported)")
    p.add_argument("--seed", type=int, default=1, help="seed of the generator")
    p.add_argument("--no-sample", action="store_true", help="do not build the sample edition")
    p.add_argument("--rebuild", type=int, default=400, metavar="N", help="measure a one-word-change rebuild at N pages (0: skip; default 400)")
    p.add_argument("--work", default=os.path.join(ROOT, "build", "bench"), help="where editions and PDFs go (default build/bench)")
    p.add_argument("--results", default=RESULTS, help="the Markdown file to update (default bench/RESULTS.md)")
    p.add_argument("--no-results", action="store_true", help="print, do not update RESULTS.md")
    p.add_argument("--child", nargs=2, metavar=("SOURCE", "OUTPUT"), help=argparse.SUPPRESS)
    p.add_argument("--child-rebuild", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:  # leaves as `edition build` does (edition.cli.run): no teardown of the heap
        code = child(args.child[0], args.child[1], args.child_rebuild)
        sys.stdout.flush()
        os._exit(code)

    sys.path.insert(0, HERE)
    from generate import Corpus, generate

    corpus = Corpus()
    rows, records, counts = [], {}, {}
    cases = [] if args.no_sample else [("sample", SAMPLE), ("sample, line-keyed", line_keyed_sample(args.work))]
    for n in args.pages:
        folder = os.path.join(args.work, f"n{n}")
        info = generate(n, folder, args.seed, corpus)
        counts[n] = info["counts"]
        cases.append((f"N={n}", info["source"]))
    for label, source in cases:
        runs = []
        for i in range(args.repeat):
            print(f"{label}: build {i + 1}/{args.repeat} ...", file=sys.stderr, flush=True)
            out = os.path.join(args.work, re.sub(r"\W", "", label.lower()) + ".pdf")
            runs.append(run_child(source, out)[0])
            print(f"    {runs[-1]['pages']} pages, {runs[-1]['passes']} passes, {runs[-1]['total']:.1f} s", file=sys.stderr, flush=True)
        rec = summarise(runs)
        records[label] = rec
        rows.append(row(label, rec))
    print(table(rows))

    rebuild = None
    if args.rebuild:
        n = args.rebuild
        folder = os.path.join(args.work, f"n{n}")
        source = generate(n, folder, args.seed, corpus)["source"]
        out = os.path.join(args.work, f"rebuild-n{n}.pdf")
        print(f"rebuild at N={n}: build, change one word, rebuild ...", file=sys.stderr, flush=True)
        first, page, warm = run_child(source, out, rebuild=True)
        cold = run_child(source, out)[0]
        generate(n, folder, args.seed, corpus)  # restore the edition
        rebuild = {"n": n, "first": first, "page": page, "warm": warm, "cold": cold}
        print(f"first build {first['wall_to_end']:.1f} s; after a one-word change: "
              + (f"page {page['page'] + 1} alone {page['wall']:.2f} s; " if page.get("applied") else "no page rebuild; ")
              + f"warm rebuild {warm['wall']:.1f} s "
              f"({warm['passes']} passes), new process {cold['total']:.1f} s ({cold['passes']} passes)")

    os.makedirs(args.work, exist_ok=True)
    with open(os.path.join(args.work, "last-run.json"), "w", encoding="utf-8") as fh:
        json.dump({"records": records, "counts": counts, "rebuild": rebuild}, fh, indent=1)
    if not args.no_results:
        write_results(args.results, machine(), rows, records, counts, rebuild, args)
        print(f"updated {os.path.relpath(args.results)}", file=sys.stderr)
    return 0


def write_results(path, info, rows, records, counts, rebuild, args) -> None:
    cmd = "python bench/run.py " + " ".join(
        (["-n"] + [str(n) for n in args.pages]) + (["-r", str(args.repeat)] if args.repeat != 1 else [])
        + (["--rebuild", str(args.rebuild)] if args.rebuild != 400 else []) + (["--no-sample"] if args.no_sample else []))
    out = [START, "", f"Command: `{cmd}` (`make bench`). Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; "
           f"{info['date']}; Python {info['python']}, WeasyPrint {info['weasyprint']}; code at {info['commit']}.", "",
           table(rows), ""]
    if counts:
        out += ["Generated editions (bench/generate.py, seed " + str(args.seed) + "):", "",
                table([[f"N={n}", str(c["words"]), str(c["notes"]), str(c["apps"]), str(c["tags"]), str(c["cites"]),
                        f"{c['persons'] + c['places']}", str(c["works"])] for n, c in counts.items()],
                      ["edition", "body words", "footnotes", "apparatus", "index tags", "citations", "register entries", "bib entries"]), ""]
    if rebuild:
        f, w, c, pg = rebuild["first"], rebuild["warm"], rebuild["cold"], rebuild["page"]
        out += [(f"One-word change at N={rebuild['n']}, as `edition watch` handles it: the edited page laid out alone and put "
                 f"into the previous PDF in {pg['wall']:.2f} s (page {pg['page'] + 1}; pixel for pixel the page a full build "
                 f"makes, not byte for byte the file)." if pg.get("applied") else
                 f"One-word change at N={rebuild['n']}: the edit could not be rebuilt as one page ({pg['wall']:.2f} s to find "
                 f"out); `edition watch` rebuilds from the last plan instead."), ""]
        out += [f"Rebuild after a one-word change, N={rebuild['n']} ({f['pages']} pages): first build {f['wall_to_end']:.1f} s "
                f"({f['passes']} passes); same word changed, then rebuilt in the warm process from the last "
                f"layout plan (as `edition watch` does) {w['wall']:.1f} s ({w['passes']} passes; layout "
                f"{sum(stage(w, 'layout')):.1f} s), or by a new `edition build` process {c['total']:.1f} s "
                f"({c['passes']} passes). A rebuild from the plan takes one layout when no page that holds a "
                f"page break changed its number of lines and the changed paragraph holds no break; otherwise it "
                f"starts cold.", ""]
    out.append(END)
    replace_block(path, START, END, "\n".join(out))


def replace_block(path: str, start: str, end: str, block: str, heading: str = "") -> None:
    """Put ``block`` (which begins with ``start`` and ends with ``end``) in place of the one
    between those markers in the Markdown file ``path``, or append it under ``heading``."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        text = "# Benchmarks\n"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + (heading + "\n\n" if heading else "") + block + "\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    sys.exit(main())
