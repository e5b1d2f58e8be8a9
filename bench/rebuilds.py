"""Cold build against rebuilds with the layout cache, each an ``edition build`` process.

    python bench/rebuilds.py sample 100 -r 3

For each edition (``sample``: the example; a number N: bench/generate.py N), copied to
build/bench/rebuilds/<name>/, the cache is filled by one build, then ``-r`` rounds of, in
turn (alternated, so that the machine's load falls on all alike):

- cold: ``edition build --no-cache`` to another output (nothing reused);
- nothing: ``edition build`` again, no input changed (every layout from the cache);
- register: the first register entry's name changed (printed only in the index);
- word: one word in the middle of the body changed (bench/run.py's change_one_word; the
  next round changes it back).

Each is a new process; its wall time and CPU time (user + system, its children included:
the forked layouts) are read from ``os.wait4``.  Medians are printed, with the load average
before and after.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KINDS = ("cold", "nothing", "register", "word")


def prepare(name: str) -> str:
    """The edition's source, copied to a folder of its own."""
    work = os.path.join(ROOT, "build", "bench", "rebuilds", name)
    shutil.rmtree(work, ignore_errors=True)
    if name == "sample":
        shutil.copytree(os.path.join(ROOT, "examples", "azerbaycan-bolsevizm"), work)
    else:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), name, "-o", work], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    return os.path.join(work, "edition.yaml")


def toggle(path: str, pattern: str, changed: str) -> None:
    """Change the first match of ``pattern`` (group 1) to ``changed``, or change it back."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if changed in text:
        text = text.replace(changed, "", 1)
    else:
        m = re.search(pattern, text, re.M)
        text = text[: m.end(1)] + changed + text[m.end(1):]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def word_toggle(source: str) -> None:
    """One word in the middle of the body: changed (odd calls), back (even calls)."""
    sys.path.insert(0, HERE)
    from run import change_one_word

    kept = source + ".orig"
    if os.path.exists(kept):
        os.replace(kept, source)
    else:
        shutil.copyfile(source, kept)
        change_one_word(source)


def build(source: str, output: str, *extra: str) -> tuple[float, float]:
    """(wall s, cpu s) of one ``edition build`` process."""
    cmd = [sys.executable, "-c", "import sys; from edition.cli import main; sys.exit(main(sys.argv[1:]))",
           "build", source, "-o", output, "-q", *extra]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT, SOURCE_DATE_EPOCH="1700000000"))
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if status:
        raise RuntimeError(f"{cmd} failed ({status})")
    return wall, usage.ru_utime + usage.ru_stime


def load() -> str:
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


def run(name: str, rounds: int) -> dict[str, list[tuple[float, float]]]:
    source = prepare(name)
    folder = os.path.dirname(source)
    out, cold = os.path.join(folder, "out", "edition.pdf"), os.path.join(folder, "cold", "edition.pdf")
    build(source, out)  # fills the cache
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in KINDS}
    for _ in range(rounds):
        for kind in KINDS:
            if kind == "register":
                toggle(os.path.join(folder, "registers.yaml"), r"^\s+name: \"?([^\"\n]+)", " (bench)")
            elif kind == "word":
                word_toggle(source)
            times[kind].append(build(source, cold, "--no-cache") if kind == "cold" else build(source, out))
    return times


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("editions", nargs="*", default=["sample", "100"])
    p.add_argument("-r", "--rounds", type=int, default=3)
    args = p.parse_args(argv)
    print(f"load average before: {load()}")
    print("| edition | " + " | ".join(f"{k} wall s | {k} cpu s" for k in KINDS) + " | rebuild / cold (wall, cpu) |")
    print("|---" * (2 * len(KINDS) + 2) + "|")
    for name in args.editions:
        times = run(name, args.rounds)
        med = {k: (statistics.median(w for w, _c in v), statistics.median(c for _w, c in v)) for k, v in times.items()}
        ratios = ", ".join(f"{k} {med[k][0] / med['cold'][0]:.2f} / {med[k][1] / med['cold'][1]:.2f}" for k in KINDS[1:])
        print(f"| {name} | " + " | ".join(f"{med[k][0]:.2f} | {med[k][1]:.2f}" for k in KINDS) + f" | {ratios} |", flush=True)
        print(f"  raw {name}: " + "; ".join(f"{k} " + " ".join(f"{w:.1f}/{c:.1f}" for w, c in v) for k, v in times.items()), flush=True)
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
