"""Build the harder half of the importer's corpus: longer documents of real prose.

``python tests/data/import/prose/make_prose.py [--only NAME]`` writes ``NAME.pdf`` and
``NAME.truth.json`` for every document of :data:`DOCS` into this folder.

Why a second generator.  The documents of ../corpus/ are made from twelve hand-written
sentences per language: words repeat, so the document's own lexicon decides nearly every
hyphen at a line end, and the notes are short and easy to tell apart.  Here the body is
**real prose** (consecutive paragraphs of a public-domain novel per language, the extracts
``en.txt``, ``de.txt``, ``fr.txt`` in this folder; Turkish: the body of the sample article
``examples/azerbaycan-bolsevizm``; sources in SOURCES.md), about 2,400 words a document, so
the vocabulary hardly repeats and the printers hyphenate real words of four languages.
The notes are made of real sentences of the same text (taken after the body's part, so
they do not repeat it) behind a citation lead; a third of them are long (three to six
sentences), so that the printers run them over to the next page.  The layouts vary: two
columns, no rule above the notes, notes numbered per page, notes marked by symbols
(``*``, ``†``, ``‡`` ...), and four printers: the project's own writer, XeLaTeX,
LibreOffice (a DOCX with real Word footnotes, kept beside its PDF) and pandoc (Markdown
footnotes, through its LaTeX template).

Everything is seeded: the same command gives the same truth (and, with the same TeX Live,
LibreOffice and pandoc, the same PDFs).  The tests read the committed PDFs; none of the
printers is needed to run them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(HERE))))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "corpus"))

import make_corpus as mc  # noqa: E402  (the printers and the truth format of ../corpus)

SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÄÖÜÀ-ÞİĞŞÇ«„“\"'‘(—–-])")
SAMPLE = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm", "edition.yaml")


def paragraphs(lang: str) -> list[str]:
    """The prose of a language: paragraphs of running text."""
    if lang == "tr":
        truth = mc.truth_from_edition(SAMPLE)
        return [" ".join(re.sub(r"⟦\d+⟧", "", w) for w in b["words"]) for b in truth["body"] if len(b.get("words", [])) >= 40]
    with open(os.path.join(HERE, lang + ".txt"), encoding="utf-8") as fh:
        return [" ".join(p.split()) for p in fh.read().split("\n\n") if p.strip()]


def note_prose(lang: str) -> list[str]:
    """Further text for the notes: the sample article's own footnotes (Turkish)."""
    return mc.truth_from_edition(SAMPLE)["notes"] if lang == "tr" else []


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def prose_truth(lang: str, seed: int, words: int = 2400, density: float = 0.35, long_share: float = 0.33,
                max_notes: int = 0) -> dict:
    """Headings every three or four paragraphs, real paragraphs until ``words``, a note
    after a random word of a sentence with probability ``density``."""
    rnd = random.Random(seed)
    paras = paragraphs(lang)
    start = rnd.randrange(0, max(1, len(paras) // 5))
    body_paras, n = [], 0
    k = start
    while n < words and k < len(paras):
        body_paras.append(paras[k])
        n += len(paras[k].split())
        k += 1
    pool = [s for p in paras[k:] + paras[:start] + note_prose(lang) for s in sentences(p) if 6 <= len(s.split()) <= 60]
    rnd.shuffle(pool)
    body: list[dict] = []
    notes: list[str] = []
    heads = mc.HEADINGS[lang]
    for i, p in enumerate(body_paras):
        if i % rnd.choice((3, 4)) == 0 and len(body) // 4 < len(heads):
            body.append({"heading": heads[len([b for b in body if "heading" in b]) % len(heads)]})
        out: list[str] = []
        for s in sentences(p):
            ws = s.split()
            if len(ws) > 3 and rnd.random() < density and (not max_notes or len(notes) < max_notes) and pool:
                at = rnd.randrange(1, len(ws))
                long = rnd.random() < long_share
                text = f"{rnd.choice(mc.NOTE_LEADS[lang])} {rnd.choice(mc.SOURCES)} " + " ".join(
                    pool.pop() for _ in range(rnd.randint(3, 6) if long else rnd.randint(0, 1)) if pool)
                notes.append(text.strip())
                ws[at - 1] += f"⟦{len(notes)}⟧"
            out += ws
        body.append({"words": out})
    return {"language": lang, "title": mc.TITLES[lang], "body": body, "notes": notes}


# --------------------------------------------------------------------------- pandoc


def _md(s: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#+!|~^$@])", r"\\\1", s)


def to_markdown(truth: dict) -> str:
    notes = truth["notes"]
    out = [f"---\ntitle: \"{truth['title']}\"\nlang: {truth['language']}\nmainfont: DejaVu Serif\nfontsize: 10pt\n"
           "geometry: a5paper,margin=18mm\n---\n"]
    for item in truth["body"]:
        if "heading" in item:
            out.append(f"# {_md(item['heading'])} {{-}}\n")
            continue
        ws = []
        for w in item["words"]:
            a, n, after = mc._split_note(w)
            ws.append(_md(a) + (f"[^{n}]" if n else "") + _md(after))
        text = " ".join(ws)
        if text[:1] in "-–—" or re.match(r"\d+\.", text):
            text = "\\" + text  # not a list item
        out.append(text + "\n")
    out += [f"[^{k}]: {_md(t)}" for k, t in enumerate(notes, 1)]
    return "\n".join(out) + "\n"


def build_pandoc(name: str, truth: dict, out_dir: str = HERE, **_) -> None:
    if not (shutil.which("pandoc") and shutil.which("xelatex")):
        print(f"{name}: pandoc or xelatex not installed, skipped", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "doc.md")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(to_markdown(truth))
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FORCE_SOURCE_DATE="1")
        # pandoc's own LaTeX (its default template), run by xelatex; the template asks for
        # lmodern, which a minimal TeX Live lacks and which fontspec's DejaVu replaces anyway
        tex = subprocess.run(["pandoc", src, "-s", "-t", "latex"], check=True, capture_output=True, text=True).stdout
        with open(os.path.join(tmp, "doc.tex"), "w", encoding="utf-8") as fh:
            fh.write(tex.replace("\\usepackage{lmodern}", ""))
        for _ in range(2):
            subprocess.run(["xelatex", "-interaction=batchmode", "doc.tex"], cwd=tmp, env=env, stdout=subprocess.DEVNULL)
        with open(os.path.join(tmp, "doc.log"), encoding="utf-8", errors="replace") as fh:
            errors = [l for l in fh if l.startswith("!")]
        # hyperref under XeTeX asks for the pzdr font (its link boxes) even where no link is drawn
        if not os.path.exists(os.path.join(tmp, "doc.pdf")) or any("pzdr" not in e for e in errors):
            raise RuntimeError(f"{name}: xelatex failed on pandoc's LaTeX: {errors[:3]}")
        shutil.copy(os.path.join(tmp, "doc.pdf"), os.path.join(out_dir, name + ".pdf"))


# --------------------------------------------------------------------------- the documents

# name -> (language, seed, printer, options)
DOCS = {
    "prose-tr-edition": ("tr", 21, "edition", {}),
    "prose-en-latex-twocol": ("en", 22, "latex", {"twocolumn": True, "paper": "a4paper", "first_page": 233,
                                                   "runhead": "Studies in Fiction 9 (1895)"}),
    "prose-de-latex-norule-perpage": ("de", 23, "latex", {"rule": False, "perpage": True, "first_page": 12,
                                                          "runhead": "Frauenfragen"}),
    "prose-en-latex-symbols": ("en", 24, "latex", {"symbols": True, "perpage": True, "first_page": 5, "words": 1400,
                                                   "runhead": "Notes by signs"}),
    "prose-fr-libreoffice": ("fr", 25, "libreoffice", {"first_page": 45, "runhead": "Cahiers du roman", "italic_every": 29}),
    "prose-tr-libreoffice-perpage": ("tr", 26, "libreoffice", {"perpage": True, "first_page": 3}),
    "prose-de-pandoc": ("de", 27, "pandoc", {}),
    "prose-fr-latex-twocol-norule": ("fr", 28, "latex", {"twocolumn": True, "rule": False, "paper": "a4paper", "first_page": 71}),
}
PRINTERS = {"edition": mc.build_edition, "latex": mc.build_latex, "libreoffice": mc.build_libreoffice, "pandoc": build_pandoc}
LIBREOFFICE_OPTIONS = ("perpage", "first_page", "runhead", "italic_every")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", action="append")
    args = ap.parse_args(argv)
    for name, (lang, seed, printer, opts) in DOCS.items():
        if args.only and name not in args.only:
            continue
        truth = prose_truth(lang, seed, words=opts.get("words", 2400), density=0.2 if opts.get("symbols") else 0.35)
        truth["first_page"] = opts.get("first_page", 1)
        truth["printer"] = printer
        kw = {k: v for k, v in opts.items() if k in LIBREOFFICE_OPTIONS} if printer == "libreoffice" else opts
        if printer == "edition":
            kw = {}
        PRINTERS[printer](name, truth, out_dir=HERE, **kw)
        with open(os.path.join(HERE, name + ".truth.json"), "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print(name, os.path.getsize(os.path.join(HERE, name + ".pdf")), "bytes")
    shutil.rmtree(os.path.join(HERE, ".edition-cache"), ignore_errors=True)  # the project writer's layout cache
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
