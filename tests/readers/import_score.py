"""Score an import against the truth of the corpus (tests/data/import/corpus/*.truth.json).

``python -m tests.readers.import_score [NAME ...]`` (``--help``: the options) prints one line per document and route:
notes found, notes attached to the right word, body words kept (%), against the truth
its generator wrote (tests/data/import/corpus/make_corpus.py).  Routes: ``pdf`` (the PDF read
directly: ``edition import x.pdf``) and ``text`` (``pdftotext x.pdf`` then ``edition import
x.txt``).

How the draft is read: the YAML the importer wrote is loaded by the project's YAML reader
(``edition.core.load``, not the importer), every apparatus entry replaced by its J reading
(the print), and flattened into words; a note is carried by the word before it.  The truth's
words and the draft's words are aligned (difflib, words compared without punctuation and
case); a note is *found* when its text matches a truth note's (similarity >= 0.9; among
equal texts, the truth note nearest to where the draft puts it), *attached* when its word
aligns with the word the truth puts it on; *kept* is the share of
truth words aligned with a draft word.  Headings and the title are not counted as body.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(HERE, "data", "import", "corpus")
REAL = os.path.join(HERE, "data", "import", "real")  # published articles (tests/data/import/real/SOURCES.md)
PROSE = os.path.join(HERE, "data", "import", "prose")  # longer documents of real prose (tests/data/import/prose/make_prose.py)
FOLDERS = (CORPUS, REAL, PROSE)
NOTE_RE = re.compile(r"⟦(\d+)⟧")


@dataclass
class Score:
    name: str
    route: str
    notes: int
    found: int
    attached: int
    words: int
    kept: int
    suspects: int = 0
    unsure: int = 0
    paragraphs: int = 0  # the truth's
    paragraphs_found: int = 0  # the draft's
    paragraphs_right: int = 0  # the truth's paragraphs the draft starts at the same word

    def pct(self, a: int, b: int) -> float:
        return 100.0 * a / b if b else 100.0

    @property
    def found_pct(self) -> float:
        return self.pct(self.found, self.notes)

    @property
    def attached_pct(self) -> float:
        return self.pct(self.attached, self.notes)

    @property
    def kept_pct(self) -> float:
        return self.pct(self.kept, self.words)

    def row(self) -> str:
        return (f"| {self.name} | {self.route} | {self.notes} | {self.found} ({self.found_pct:.1f} %) | "
                f"{self.attached} ({self.attached_pct:.1f} %) | {self.words} | {self.kept_pct:.2f} % | "
                f"{self.paragraphs_found}/{self.paragraphs} ({self.paragraphs_right} right) | {self.unsure} | {self.suspects} |")


HEADER = ("| document | route | notes | found | attached | body words | kept | paragraphs (draft/truth, starts right) | unsure markers | suspects |\n"
          "|---|---|---|---|---|---|---|---|---|---|")


def norm(word: str) -> str:
    return re.sub(r"[^\w]", "", word.casefold())


# --------------------------------------------------------------------------- the truth


def truth_tokens(truth: dict, starts: list[int] | None = None) -> tuple[list[str], dict[int, int], list[str]]:
    """(words, note k -> index of its word, note texts); the index of each paragraph's first
    word into ``starts`` when given."""
    words: list[str] = []
    where: dict[int, int] = {}
    for item in truth["body"]:
        if starts is not None and item.get("words"):
            starts.append(len(words))
        for w in item.get("words", []):
            m = NOTE_RE.search(w)
            if m:
                where[int(m.group(1))] = len(words)
            words.append(NOTE_RE.sub("", w))
    return words, where, truth["notes"]


# --------------------------------------------------------------------------- the draft


def _flat(nodes, words: list[str], notes: list[tuple[int, str]], glue: list[bool]) -> None:
    from edition.model import App, Container, Note, PageBreak, Text, plain_text

    for n in nodes:
        if isinstance(n, Text):
            text = n.text
            parts = text.split()
            if parts and words and not text[:1].isspace() and glue[0]:
                words[-1] += parts.pop(0)
            words.extend(parts)
            glue[0] = bool(text) and not text[-1:].isspace()
        elif isinstance(n, Note):
            notes.append((len(words) - 1, plain_text(n.content, with_notes=False)))
        elif isinstance(n, PageBreak):
            continue
        elif isinstance(n, App):
            j = next((r for r in n.readings if "J" in r.wits), None)
            _flat(j.content if j else n.content, words, notes, glue)
        elif isinstance(n, Container):
            _flat(n.content, words, notes, glue)


def draft_tokens(yaml_text: str, paragraphs: list | None = None) -> tuple[list[str], list[tuple[int, str]]]:
    """(words, [(index of the carrying word, note text)]) of a draft's body; the body's
    paragraphs' first words (their indices) are put into ``paragraphs`` when given."""
    from edition.core import load

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "edition.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(yaml_text)
        edition = load(path)
    words: list[str] = []
    notes: list[tuple[int, str]] = []
    for a in edition.meta.abstracts:
        for p in a.paragraphs:
            _flat(p.content, words, notes, [False])
    for p in edition.all_paragraphs():
        if paragraphs is not None:
            paragraphs.append(len(words))  # the index of its first word
        _flat(p.content, words, notes, [False])
    return words, notes


# --------------------------------------------------------------------------- the score


def score(name: str, route: str, yaml_text: str, truth: dict, report=None) -> Score:
    tstarts: list[int] = []
    twords, twhere, tnotes = truth_tokens(truth, tstarts)
    paras: list = []
    dwords, dnotes = draft_tokens(yaml_text, paras)
    sm = difflib.SequenceMatcher(None, [norm(w) for w in twords], [norm(w) for w in dwords], autojunk=False)
    to_truth: dict[int, int] = {}
    kept = 0
    for a, b, size in sm.get_matching_blocks():
        kept += size
        for k in range(size):
            to_truth[b + k] = a + k
    found = attached = 0
    free = set(range(len(tnotes)))
    for pos, text in dnotes:
        # the draft note is the truth note of similar text nearest to where it stands
        here = to_truth.get(pos, _nearest(to_truth, pos))
        cands = [k for k in free if _similar(text, tnotes[k])]
        if not cands:
            continue
        k = min(cands, key=lambda k: abs(twhere.get(k + 1, 10**9) - here))
        free.discard(k)
        found += 1
        if to_truth.get(pos) == twhere.get(k + 1):
            attached += 1
    s = Score(name, route, len(tnotes), found, attached, len(twords), kept,
              paragraphs=len(tstarts), paragraphs_found=len(paras),
              paragraphs_right=len(set(tstarts) & {to_truth[b] for b in paras if b in to_truth}))
    if report is not None:
        s.suspects = sum(report.suspects_by_kind.values())
        s.unsure = len(report.unsure_markers)
    return s


def _nearest(to_truth: dict[int, int], pos: int) -> int:
    """The truth index of the aligned draft word nearest to ``pos``."""
    if not to_truth:
        return 0
    return to_truth[min(to_truth, key=lambda b: abs(b - pos))]


def _similar(a: str, b: str) -> bool:
    a, b = " ".join(a.split()), " ".join(b.split())
    if 2 * min(len(a), len(b)) < 0.9 * (len(a) + len(b)):
        return False  # the lengths alone bound the ratio below 0.9
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sm.real_quick_ratio() >= 0.9 and sm.quick_ratio() >= 0.9 and sm.ratio() >= 0.9  # the bounds first: cheap


def documents(folder: str | None = None) -> list[str]:
    """The documents of one folder (the generated corpus, the published articles), or of both."""
    folders = (folder,) if folder else FOLDERS
    return sorted(f[: -len(".truth.json")] for d in folders for f in os.listdir(d) if f.endswith(".truth.json"))


def path(name: str, ext: str) -> str:
    """The file ``name + ext`` in whichever folder holds it."""
    for d in FOLDERS:
        p = os.path.join(d, name + ext)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(name + ext)


def truth(name: str) -> dict:
    """What the generator or the hand-checked extraction knows of ``name`` (its ``.truth.json``)."""
    with open(path(name, ".truth.json"), encoding="utf-8") as fh:
        return json.load(fh)


def run_pdf(name: str) -> tuple[str, object]:
    from edition.readers.pdfimport import import_pdf

    return import_pdf(path(name, ".pdf"))


def run_text(name: str) -> tuple[str, object]:
    from edition.readers.rawtext import import_text

    raw = subprocess.run(["pdftotext", path(name, ".pdf"), "-"], check=True, capture_output=True, text=True).stdout
    return import_text(raw, source_name=name + ".txt")


def run_layout(name: str) -> tuple[str, object]:
    """The text route on ``pdftotext -layout`` output (columns kept apart by position)."""
    from edition.readers.rawtext import import_text

    raw = subprocess.run(["pdftotext", "-layout", path(name, ".pdf"), "-"], check=True, capture_output=True, text=True).stdout
    return import_text(raw, source_name=name + ".txt")


ROUTES = {"pdf": run_pdf, "text": run_text, "layout": run_layout}


def score_all(names=None, routes=tuple(ROUTES)) -> list[Score]:
    out = []
    for name in names or documents():
        known = truth(name)
        for route in routes:
            yaml_text, report = ROUTES[route](name)
            out.append(score(name, route, yaml_text, known, report))
    return out


def total(scores: list[Score], route: str) -> Score:
    rows = [s for s in scores if s.route == route]
    return Score("**all**", route, *(sum(getattr(s, f) for s in rows) for f in
                                     ("notes", "found", "attached", "words", "kept", "suspects", "unsure", "paragraphs", "paragraphs_found",
                                      "paragraphs_right")))


def diff(name: str, route: str = "pdf") -> str:
    """The words of the truth the draft lost or changed, and the notes it did not find
    (``--diff NAME [ROUTE]``)."""
    known = truth(name)
    yaml_text, _ = ROUTES[route](name)
    twords, _, _ = truth_tokens(known)
    dwords, _ = draft_tokens(yaml_text)
    sm = difflib.SequenceMatcher(None, [norm(w) for w in twords], [norm(w) for w in dwords], autojunk=False)
    out = [f"{op}: {' '.join(twords[a:b])!r} -> {' '.join(dwords[c:d])!r}" for op, a, b, c, d in sm.get_opcodes() if op != "equal"]
    _, dnotes = draft_tokens(yaml_text)
    for k, text in enumerate(known["notes"], 1):
        if not any(_similar(d, text) for _, d in dnotes):
            best = max(dnotes, key=lambda d: difflib.SequenceMatcher(None, d[1], text).ratio(), default=(0, ""))[1]
            out.append(f"note {k} not found: {text[:60]!r}… nearest draft note: {best[:60]!r}…")
    return "\n".join(out)


def _parser():
    import argparse

    ap = argparse.ArgumentParser(prog="python -m tests.readers.import_score",
                                 description="Score the importer's drafts against the truth of the corpus: one row per "
                                             "document and route (found, attached, kept), then the totals per route.")
    ap.add_argument("names", nargs="*", metavar="NAME", help="documents to score (default: all of them), e.g. prose-de-pandoc")
    ap.add_argument("--diff", nargs="+", metavar=("NAME", "ROUTE"),
                    help=f"print the truth's words NAME's draft lost or changed and the notes it missed; ROUTE one of "
                         f"{', '.join(ROUTES)} (default pdf)")
    return ap


def main(argv=None) -> int:
    ap = _parser()
    args = ap.parse_args(argv)
    known = set(documents())
    for name in (args.diff or [])[:1] + args.names:
        if name not in known:
            ap.error(f"no document {name!r} in the corpus (one of: {', '.join(sorted(known))})")
    if args.diff:
        if len(args.diff) > 2 or args.diff[1:2] and args.diff[1] not in ROUTES:
            ap.error(f"--diff NAME [ROUTE]: ROUTE one of {', '.join(ROUTES)}")
        print(diff(*args.diff))
        return 0
    scores = score_all(args.names or None)
    print(HEADER)
    for s in scores:
        print(s.row())
    for route in dict.fromkeys(s.route for s in scores):
        print(total(scores, route).row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
