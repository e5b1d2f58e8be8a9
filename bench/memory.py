"""Memory of a cold build: the first layout's process and all processes together.

    python bench/memory.py 15 100 400            # generated editions (bench/generate.py N)
    python bench/memory.py 100 --no-freeze       # the same without gc.freeze before each fork

For each size, a cold build (a new process, no layout cache) of the generated edition, with:
the peak RSS of the process that laid out the first layout (the forked child of
``Passes.cold_first_layout``: its ``ru_maxrss``), the peak RSS of the build process, and the
peak of the summed PSS of the build process and all its descendants (bench/run.py's sampler:
a page shared by forked processes counts once), then the growth of that sum per 100 pages
between successive sizes.  ``--no-freeze`` makes ``gc.freeze`` a no-op in the build
(layout/chunks.py ``_fork``), to measure what it saves.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def child(source: str, output: str, freeze: bool) -> None:
    """In the fresh process: one cold build; a JSON line with its memory figures."""
    import resource

    sys.path.insert(0, ROOT)
    from edition.core import build_pdf
    from edition.layout import Passes, chunks

    if not freeze:
        class NoFreeze:  # gc as chunks.py sees it, without freeze
            def __getattr__(self, name):
                import gc
                return getattr(gc, name)

            freeze = unfreeze = staticmethod(lambda: None)

        chunks.gc = NoFreeze()
    first_rss = {}
    cold, take = Passes.cold_first_layout, Passes.take_first

    def measured_cold(self, *args):
        facts = cold(self, *args)
        facts["bench_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return facts

    def noted_take(self, first):
        first_rss["kb"] = first.get("bench_maxrss_kb")
        return take(self, first)

    Passes.cold_first_layout, Passes.take_first = measured_cold, noted_take
    result = build_pdf(source, output)
    print("MEMORY " + json.dumps({
        "pages": result.pages if hasattr(result, "pages") else None,
        "passes": getattr(result, "passes", None),
        "first_layout_rss_kb": first_rss.get("kb"),
        "main_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "children_max_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }), flush=True)


def measure(n: int, freeze: bool) -> dict:
    """One cold build of the generated N edition in a new process, sampled."""
    sys.path.insert(0, HERE)
    from run import PeakMemory

    folder = os.path.join(ROOT, "build", "bench", f"n{n}")
    source = os.path.join(folder, "edition.yaml")
    if not os.path.exists(source):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), "-o", folder], check=True, cwd=ROOT)
    output = os.path.join(ROOT, "build", "bench", f"memory-n{n}.pdf")
    cmd = [sys.executable, os.path.abspath(__file__), "--child", source, output] + ([] if freeze else ["--no-freeze"])
    t = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=dict(os.environ, PYTHONHASHSEED="0"))
    peak = PeakMemory(proc.pid)
    peak.start()
    out, err = proc.communicate()
    peak.stop.set()
    peak.join()
    if proc.returncode:
        raise RuntimeError(f"build of N={n} failed:\n{err[-2000:]}")
    rec = json.loads(next(line[7:] for line in out.splitlines() if line.startswith("MEMORY ")))
    rec.update(n=n, pss_peak_kb=peak.peak_kb, wall=time.time() - t, freeze=freeze)
    return rec


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", type=int, nargs="*", default=[15, 100])
    p.add_argument("--no-freeze", action="store_true", help="gc.freeze off (before/after figures)")
    p.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(*args.child, freeze=not args.no_freeze)
        return 0
    with open("/proc/loadavg") as fh:
        print(f"load average: {' '.join(fh.read().split()[:3])}; gc.freeze {'off' if args.no_freeze else 'on'}")
    print("| N | pages | passes | first layout's process, peak RSS MB | build process, peak RSS MB | all processes, peak PSS MB | wall s |")
    print("|---|---|---|---|---|---|---|")
    recs = []
    for n in args.sizes:
        r = measure(n, not args.no_freeze)
        recs.append(r)
        first = f"{r['first_layout_rss_kb'] / 1024:.0f}" if r["first_layout_rss_kb"] else "-"
        print(f"| {n} | {r['pages']} | {r['passes']} | {first} | {r['main_rss_kb'] / 1024:.0f} | {r['pss_peak_kb'] / 1024:.0f} | {r['wall']:.1f} |", flush=True)
    for a, b in zip(recs, recs[1:]):
        if a["pages"] and b["pages"] and b["pages"] != a["pages"]:
            grow = (b["pss_peak_kb"] - a["pss_peak_kb"]) / 1024 / (b["pages"] - a["pages"]) * 100
            print(f"growth N={a['n']} -> N={b['n']}: {grow:.0f} MB (all processes, PSS) per 100 pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
