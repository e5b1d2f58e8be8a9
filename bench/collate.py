"""Benchmarks of ``edition collate`` (figures printed; nothing is asserted here).

    python bench/collate.py selfcheck           # the sample's print against its edited text
    python bench/collate.py quality [--seed 1] [--collatex]
                                                # synthetic witnesses B C D E: precision/recall
                                                # per kind, own aligner (and CollateX 2.3)
    python bench/collate.py scale --pages 400   # a generated 400-page edition, 3 witnesses:
                                                # wall, CPU, peak RSS of the whole collation

``--collatex`` needs the ``bench`` extra (``pip install -e '.[bench]'``).  Timings on a
shared machine are noisy: run twice and take the lower.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

from edition.collate import Collation  # noqa: E402
from edition.collate.profile import Profile  # noqa: E402
from edition.collate.streams import base_stream  # noqa: E402
from edition.collate.variants import Alignment  # noqa: E402
from edition.core import load  # noqa: E402
from edition.diagnostics import Reporter  # noqa: E402

SAMPLE = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm", "edition.yaml")
PRINT = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm", "print-J.txt")


def self_check(path: str = SAMPLE, print_path: str = PRINT) -> dict:
    """The print J collated with the edited text read without its apparatus: the proposals
    against the editor's entries (lemma characters and J's reading).

    An entry whose lemma is (or holds) a citation is not comparable by lemma: the edited text
    there is the citation style's wording, J's reading the print's own (a bare web address).
    Such entries are counted apart (``cited``), and so are the proposals that re-collation
    leaves to them (overlapping or touching them: :func:`edition.collate.plan.cited_business`);
    ``cited_same`` says how many of them came back identical all the same.  ``variants``,
    ``same``, ``differ``, ``extra`` and ``missed`` are over the comparable entries."""
    from edition.collate import collate_edition
    from edition.collate.plan import cited, cited_business, cited_reach
    from edition.model import plain_text

    ed = load(path, Reporter())
    col = collate_edition(ed, {"J": (print_path, "pdftext")}, without_apparatus=True)
    proposals = col.proposals()
    apps = col.base.apps
    by_span = {(a, b): app for a, b, app in apps}
    cited_apps = [(a, b, app) for a, b, app in apps if cited(app)]
    reaches = [cited_reach(col.base, a, b) for a, b, _ in cited_apps]
    comparable = [(a, b, app) for a, b, app in apps if not cited(app)]

    def identical(p, app) -> bool:
        return app is not None and any(plain_text(r.content) == p.reading_of("J") for r in app.readings if "J" in r.wits)

    same, differ, extra, at_cited, cited_same = [], [], [], [], []
    for p in proposals:
        app = by_span.get((p.a, p.b))
        if any(cited_business(p, r) for r in reaches):
            at_cited.append(p)
            if app is not None and cited(app) and identical(p, app):
                cited_same.append((p, app))
        elif identical(p, app):
            same.append((p, app))
        elif any(a < p.b and p.a < b or a == b == p.a for a, b, _ in comparable):
            differ.append(p)
        else:
            extra.append(p)
    got = {(p.a, p.b) for p, _ in same}
    missed = [(a, b, app) for a, b, app in comparable if (a, b) not in got]
    variants = [app for _, _, app in comparable if any(plain_text(r.content) != plain_text(app.content) for r in app.readings if "J" in r.wits)]
    return {"entries": len(apps), "cited": [app for _, _, app in cited_apps], "comparable": len(comparable),
            "variants": len(variants), "same": same, "differ": differ, "extra": extra, "at_cited": at_cited,
            "cited_same": cited_same, "missed": missed, "collation": col}


def cmd_selfcheck(args) -> int:
    from edition.model import plain_text

    t0 = time.perf_counter()
    r = self_check()
    secs = time.perf_counter() - t0
    n, c, v, s = r["entries"], r["comparable"], r["variants"], len(r["same"])
    k = len(r["cited"])
    print(f"sample: {n} hand-made entries; {k} with a citation as lemma (the style's wording against the "
          f"print's: not comparable by lemma, counted apart); of the other {c}, {v} where J differs from "
          f"the edited text ({c - v} where J agrees: the editor's type=suspect notes)")
    print(f"proposed {s + len(r['differ']) + len(r['extra'])} away from the cited entries: {s} identical to the editor's "
          f"(lemma and reading) = {100 * s / v:.1f}% of the {v} variants, {100 * s / c:.1f}% of the {c} comparable; "
          f"{len(r['differ'])} on an entry but different, {len(r['extra'])} where the editor has none ({secs:.2f} s)")
    print(f"at the {k} cited entries: {len(r['at_cited'])} proposed, left to the entries on re-collation "
          f"({len(r['cited_same'])} of the entries came back identical all the same)")
    for p in r["differ"]:
        print(f"  differs: proposed [{p.lemma}] J={p.reading_of('J')!r}")
    for p in r["extra"]:
        print(f"  extra: proposed [{p.lemma}] J={p.reading_of('J')!r}")
    for a, b, app in r["missed"]:
        print(f"  not proposed: [{plain_text(app.content)}] {', '.join(f'{w}={r.text!r}' for r in app.readings for w in r.wits)} type={app.type}")
    return 0


def collatex_alignments(base, witnesses: dict) -> list[Alignment]:
    """Each witness aligned with the base by CollateX 2.3 (its edit-graph aligner, on our
    tokens and keys as CollateX's normalised form 'n'), as units for the same later stages."""
    from collatex import collate

    out = []
    for siglum, wit in witnesses.items():
        data = {"witnesses": [
            {"id": "base", "tokens": [{"t": base.token(i), "n": base.keys[i]} for i in range(len(base.tokens))]},
            {"id": siglum, "tokens": [{"t": wit.token(j), "n": wit.keys[j]} for j in range(len(wit.tokens))]},
        ]}
        table = collate(data, output="table", segmentation=False)
        units, i, j = [], 0, 0
        for col in table.columns:
            have = col.tokens_per_witness
            a, b = len(have.get("base", []) or []), len(have.get(siglum, []) or [])
            units.append((i, i + a, j, j + b))
            i, j = i + a, j + b
        out.append(Alignment(siglum, wit, units))
    return out


def truncate(stream, n: int):
    """The first ``n`` tokens of a base stream (a shorter base for a slow aligner)."""
    from edition.collate.streams import Stream

    if n >= len(stream.tokens):
        return stream
    end = stream.tokens[n - 1][1]
    return Stream(stream.text[:end], stream.tokens[:n], stream.keys[:n],
                  [p for p in stream.pieces if p.start < end], [a for a in stream.apps if a[1] <= end],
                  {k: v for k, v in stream.spans.items() if v[1] <= end or v[0] < end})


def cmd_quality(args) -> int:
    from witnesses import make_witnesses, score
    from edition.collate.streams import text_stream

    ed = load(SAMPLE, Reporter())
    profile = Profile.of(ed)
    base = base_stream(ed, profile, without_apparatus=True)
    if args.tokens:
        base = truncate(base, args.tokens)
    wits = make_witnesses(base, profile, seed=args.seed, density=args.density, gap=args.gap)
    streams = {w.siglum: text_stream(w.text, profile) for w in wits}
    print(f"base: the sample's edited text, {len(base.tokens)} tokens; witnesses {' '.join(streams)}, "
          f"{sum(len(w.truth) for w in wits)} variants made (seed {args.seed}, density {args.density}, gap {args.gap})\n")
    t0 = time.perf_counter()
    own = Collation(base, streams, profile)
    proposals = own.proposals()
    secs = time.perf_counter() - t0
    print(score(base, wits, proposals).table(f"edition collate (own aligner): {secs:.2f} s"))
    if args.collatex:
        t0 = time.perf_counter()
        try:
            als = collatex_alignments(base, streams)
        except ImportError:
            print("\nCollateX is not installed: pip install -e '.[bench]'")
            return 1
        cx = Collation(base, streams, profile, alignments=als)
        proposals = cx.proposals()
        secs = time.perf_counter() - t0
        print()
        print(score(base, wits, proposals).table(f"CollateX 2.3 alignment, same later stages: {secs:.2f} s"))
    return 0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cmd_scale(args) -> int:
    from generate import generate
    from witnesses import make_witnesses
    from edition.collate import collate_edition

    out = os.path.join(ROOT, "build", "bench", f"collate-n{args.pages}")
    info = generate(args.pages, out, seed=1)
    ed = load(info["source"], Reporter())
    profile = Profile.of(ed)
    base = base_stream(ed, profile)
    files = {}
    for w in make_witnesses(base, profile, seed=2, sigla=("B", "C", "D")):
        path = os.path.join(out, f"{w.siglum.lower()}.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(w.text)
        files[w.siglum] = os.path.basename(path)
    # the witnesses declared in the source with their transcriptions, as an editor would
    with open(info["source"], encoding="utf-8") as fh:
        text = fh.read()
    declared = "".join(f"  {s}: {{description: synthetic witness {s}, transcription: {f}}}\n" for s, f in files.items())
    with open(info["source"], "w", encoding="utf-8") as fh:
        fh.write(text.replace("\nwitnesses:\n", "\nwitnesses:\n" + declared, 1))
    del base
    rss0 = _rss_mb()
    c0, t0 = time.process_time(), time.perf_counter()
    ed = load(info["source"], Reporter())
    t_load = time.perf_counter() - t0
    col = collate_edition(ed, {s: (w.path, w.format) for s, w in ed.transcriptions.items()})
    t_align = time.perf_counter() - t0 - t_load
    from edition.collate.plan import make_plan
    from edition.registers import Source

    plan = make_plan(ed, col.base, col.alignments, col.profile, Source(info["source"]))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    from edition.collate.cli import _check

    t1 = time.perf_counter()
    expected = len(ed.apparatus) + len(plan.of("added")) - len(plan.of("removed"))
    problem = _check(info["source"], plan.text, expected)
    t_check = time.perf_counter() - t1
    print(f"{info['source']}: {args.pages} pages, {len(col.base.tokens)} base tokens, witnesses "
          + ", ".join(f"{s} {len(w.tokens)} tokens" for s, w in col.witnesses.items()))
    print(f"plan: {len(plan.of('added'))} added, {len(plan.of('changed'))} changed, {len(plan.of('left'))} left, {plan.kept} kept")
    print(f"wall {wall:.1f} s (load {t_load:.1f} s, read+align {t_align:.1f} s, plan {wall - t_load - t_align:.1f} s), "
          f"cpu {cpu:.1f} s, peak RSS {_rss_mb():.0f} MB (before the run {rss0:.0f} MB)")
    print(f"the collated source read back (what --apply checks before writing): {problem or 'ok'}, {t_check:.1f} s")
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="what", required=True)
    sub.add_parser("selfcheck")
    q = sub.add_parser("quality")
    q.add_argument("--seed", type=int, default=1)
    q.add_argument("--collatex", action="store_true")
    q.add_argument("--density", type=float, default=1.0, help="multiply the witnesses' rates of variants")
    q.add_argument("--gap", type=int, default=4, help="least distance between two variants of one witness")
    q.add_argument("--tokens", type=int, default=0, help="only the first N tokens of the base (CollateX is slow)")
    s = sub.add_parser("scale")
    s.add_argument("--pages", type=int, default=400)
    args = p.parse_args(argv)
    return {"selfcheck": cmd_selfcheck, "quality": cmd_quality, "scale": cmd_scale}[args.what](args)


if __name__ == "__main__":
    sys.exit(main())
