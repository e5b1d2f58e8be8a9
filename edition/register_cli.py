"""``edition register untagged SOURCE [--apply]``: names of the registers printed without a tag.

Lists, compiler style, every occurrence of a register entry's headword or variant in the
body, headings, notes and abstracts that no index tag of its kind covers::

    edition.yaml:157:383: place 'kafkasya': untagged 'Kafkas'

With ``--apply`` the source file is rewritten (atomically) with ``[...]{.place key=...}``
around each occurrence that can be tagged safely, the result is read back to make sure it
still parses with the new tags, and every change is printed.  Exit status: 0 when nothing
is left untagged, 1 when untagged occurrences remain (or the source has errors).
"""

from __future__ import annotations

import os
import sys
from collections import Counter

from .diagnostics import Diagnostic, EditionError, Reporter

KINDS = ("person", "place", "subject")


def add_parser(sub, common) -> None:
    p = sub.add_parser("register", help="work with the registers (untagged names)")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    u = actions.add_parser(
        "untagged",
        help="list occurrences of register names that carry no index tag (--apply tags them)",
        description="List every occurrence of a register entry's headword or variant in the text "
        "(body, headings, notes, abstracts) that is not inside an index tag of its kind.",
    )
    u.add_argument("source", help="the edition source (edition.yaml)")
    u.add_argument("--apply", action="store_true", help="rewrite the source with a tag around each occurrence")
    u.add_argument("--kind", action="append", choices=KINDS, help="only this register (repeatable)")
    common(u)
    p.set_defaults(run=run, register_parser=p)


def _load(path: str, out):
    from .core import load

    reporter = Reporter()
    try:
        ed = load(path, reporter)
    except EditionError:
        out.diagnostics(reporter.sorted())
        n = len(reporter.errors)
        print(f"{n} error{'s' if n != 1 else ''} in the source; fix them first", file=out.stream)
        return None
    return ed


def run(args, out, stdout=None) -> int:
    stdout = stdout or sys.stdout
    if getattr(args, "action", None) != "untagged":
        args.register_parser.print_help(out.stream)
        return 2
    from .registers import Source, apply_tags, find_untagged

    ed = _load(args.source, out)
    if ed is None:
        return 1
    kinds = args.kind or KINDS
    sources: dict = {}
    skipped: list = []
    found = find_untagged(ed, sources, kinds, skipped)
    for loc in skipped:
        out.diagnostics([Diagnostic("warning", loc, "text not checked: it cannot be matched with the source file (YAML escapes?)")])
    if not args.apply:
        for occ in found:
            print(occ.format(), file=stdout)
        out.progress(f"{args.source}: {len(found)} untagged occurrence{'s' if len(found) != 1 else ''} of register names")
        return 1 if found else 0

    path = os.path.normpath(args.source)
    source = sources.get(path) or Source(path)
    plan = apply_tags(source, found)
    if not plan.applied:
        for occ, why in plan.left:
            print(f"{occ.format()}: left: {why}", file=stdout)
        out.progress(f"{args.source}: nothing to tag" + (f"; {len(plan.left)} left for you" if plan.left else ""))
        return 1 if plan.left else 0
    problem = _check(path, plan.text, ed, len(plan.applied))
    if problem:
        print(f"{args.source}: error: the tagged source would not read back ({problem}); nothing written", file=out.stream)
        return 1
    from .core import write_atomic

    data = plan.text.encode("utf-8")
    write_atomic(path, (b"\xef\xbb\xbf" if source.bom else b"") + data)
    for occ in plan.applied:
        print(f"{occ.loc}: tagged '{occ.text}' as [{occ.text}]{{.{occ.kind} key={occ.keys[0]}}}", file=stdout)
    for occ, why in plan.left:
        print(f"{occ.format()}: left: {why}", file=stdout)
    counts = Counter(f"{o.kind} {o.keys[0]}" for o in plan.applied)
    summary = ", ".join(f"{what} ×{n}" for what, n in sorted(counts.items()))
    print(f"{args.source}: added {len(plan.applied)} tag{'s' if len(plan.applied) != 1 else ''} ({summary})"
          + (f"; {len(plan.left)} occurrence{'s' if len(plan.left) != 1 else ''} left for you" if plan.left else ""), file=stdout)
    return 1 if plan.left else 0


def _check(path: str, text: str, before, added: int) -> str:
    """Read the new text back (from a temporary file beside the source, so that relative
    paths resolve): '' when it loads and has exactly ``added`` more tags, else the problem."""
    from .core import load_rewritten

    after, problem = load_rewritten(path, text, ".untagged-")
    if after is None:
        return problem
    if len(after.tags) != len(before.tags) + added:
        return f"expected {len(before.tags) + added} tags, read {len(after.tags)}"
    return ""
