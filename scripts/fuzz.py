"""Fuzz the readers by hand: every seed of the corpus, then N mutations of seeds per reader.

    .venv/bin/python scripts/fuzz.py                 # every reader, 300 mutations each, seed 1
    .venv/bin/python scripts/fuzz.py bib -n 2000 --seed 7 --show

Prints, per reader, the inputs tried and how they ended (tests/reliability_harness.py:
ok, located errors, clear refusals, unlocated errors, tracebacks, timeouts) and the number of
files written outside the reader's own output.  Exit status 1 when any traceback, timeout,
unlocated error or outside write was found; --show prints the first of each.
A hand run, not part of the test suite (tests/pipeline/test_reliability_fuzz.py is the bounded one).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.reliability_harness import READERS, corpus, mutations, try_input  # noqa: E402

BAD = ("unlocated", "traceback", "timeout")


def fuzz(name: str, n: int, seed: int, limit: float, show: bool) -> tuple[Counter, int]:
    reader = READERS[name]
    rng = random.Random(f"{seed}-{name}")
    seeds = corpus(name)
    counts, written, shown = Counter(), 0, set()
    inputs = [(label, data) for label, data in seeds]
    inputs += [(f"{label} mutated #{i}", mutations(data, rng, reader.tokens, rng.randrange(1, 6)))
               for i, (label, data) in enumerate(rng.choice(seeds) for _ in range(n))]
    for label, data in inputs:
        out = try_input(reader, data, limit)
        counts[out.kind] += 1
        written += bool(out.written)
        if show and (out.kind in BAD or out.written) and out.kind not in shown:
            shown.add(out.kind)
            print(f"--- {name}: {label}: {out.kind} {out.written}\n{out.detail[-2000:]}", file=sys.stderr)
    return counts, written


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("readers", nargs="*", default=sorted(READERS), help=f"readers to fuzz ({', '.join(sorted(READERS))})")
    p.add_argument("-n", type=int, default=300, help="mutated inputs per reader (default 300)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--limit", type=float, default=30.0, help="seconds one input may take (default 30)")
    p.add_argument("--show", action="store_true", help="print the first bad input of each kind")
    args = p.parse_args(argv)
    bad = 0
    print(f"{'reader':10} {'inputs':>6} {'ok':>5} {'located':>7} {'refused':>7} {'unloc.':>6} {'tracebk':>7} {'timeout':>7} {'written':>7} {'seconds':>7}")
    for name in args.readers:
        t0 = time.perf_counter()
        counts, written = fuzz(name, args.n, args.seed, args.limit, args.show)
        total = sum(counts.values())
        print(f"{name:10} {total:6} {counts['ok']:5} {counts['located']:7} {counts['refused']:7} {counts['unlocated']:6} "
              f"{counts['traceback']:7} {counts['timeout']:7} {written:7} {time.perf_counter() - t0:7.1f}", flush=True)
        bad += written + sum(counts[k] for k in BAD)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
