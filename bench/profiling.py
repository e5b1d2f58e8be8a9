"""Where does a build's time go?  Profile one build of a generated edition.

    python bench/profiling.py 100                  # cProfile: top functions by cumulative and own time
    python bench/profiling.py 100 --pyinstrument   # a sampling call tree (pip install pyinstrument first)
    python bench/profiling.py --sample             # the sample edition instead of a generated one

The cProfile data is kept in build/bench/profile-<N>.prof (open it with ``python -m pstats`` or
snakeviz).  cProfile slows pure-Python code down more than C code, so read its seconds as shares;
pyinstrument (sampling) gives closer wall times.  The build runs in one process here
(EDITION_JOBS=1: a profiler does not follow forked processes), so the figures are CPU time
of the whole build, not its wall time on several CPUs.
"""

from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("pages", type=int, nargs="?", default=100)
    p.add_argument("--sample", action="store_true", help="profile the sample edition")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--top", type=int, default=35)
    p.add_argument("--pyinstrument", action="store_true")
    args = p.parse_args(argv)
    os.environ["EDITION_JOBS"] = "1"
    sys.path.insert(0, ROOT)
    sys.path.insert(0, HERE)
    work = os.path.join(ROOT, "build", "bench")
    if args.sample:
        source, label = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm", "edition.yaml"), "sample"
    else:
        from generate import generate

        source, label = generate(args.pages, os.path.join(work, f"n{args.pages}"), args.seed)["source"], str(args.pages)
    output = os.path.join(work, f"profile-{label}.pdf")
    from edition.core import build_pdf

    import weasyprint  # noqa: F401  (imports are not what we profile)

    if args.pyinstrument:
        from pyinstrument import Profiler

        prof = Profiler(interval=0.005)
        prof.start()
        result = build_pdf(source, output)
        prof.stop()
        print(prof.output_text(unicode=True, color=False, show_all=False))
    else:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        result = build_pdf(source, output)
        prof.disable()
        dump = os.path.join(work, f"profile-{label}.prof")
        prof.dump_stats(dump)
        stats = pstats.Stats(prof)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        print(f"profile kept in {dump}")
    print(f"{label}: {result.pages} pages, {result.passes} passes, {result.seconds:.1f} s under the profiler; "
          + ", ".join(f"{name} {secs:.1f}" for name, secs in result.timings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
