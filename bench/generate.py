"""Synthetic editions of N pages with the densities of the sample (for benchmarks).

    python bench/generate.py 400 -o build/bench/n400          # edition.yaml, registers.yaml, references.bib
    python bench/generate.py 15 -o /tmp/e15 --seed 7

The text is Turkish and comes from the sample edition itself
(examples/azerbaycan-bolsevizm): half of the sentences are the sample's own sentences, the other
half are drawn from a word-bigram chain over the sample's text, so words, word lengths,
hyphenation points and punctuation are those of a real Turkish article.  Per page of output
(calibrated on the default A4 layout) the generator places, on average:

    ~2.4 footnotes, ~3.6 apparatus entries, ~13 index tags, ~1 citation, ~1 {pb} of the base witness

as in the seed article (15 printed pages: 36 footnotes, 54 apparatus entries, ...).  A quarter
of the apparatus entries and a third of the index tags sit inside footnotes, as in the sample.
The registers grow with N (60 + N persons and places) and so does the bibliography
(10 + N/2 works), so the index and the bibliography have realistic sizes.

The edition is built as the model (edition/model.py) and written by the YAML writer
(edition/writers/yamlsrc.py), registers.yaml included: the generator knows no syntax.
Everything is deterministic for a given (N, seed): the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE_DIR = os.path.join(ROOT, "examples", "azerbaycan-bolsevizm")
sys.path.insert(0, ROOT)

from edition.model import (  # noqa: E402  (the edition is built as the model, written by the YAML writer)
    Abstract, App, Author, Cite, CiteItem, Edition, Loc, Meta, Note, PageBreak, Paragraph, Quote, Reading,
    RegisterEntry, Section, Tag, Text,
)
from edition.readers.rawtext_model import extend, strip  # noqa: E402
from edition.writers.yamlsrc import Comments, escape_text, registers_text, source_text  # noqa: E402

# Per output page (A4, default style); the text volume is calibrated so that an edition
# generated for N pages lays out in about N pages (see bench/RESULTS.md for the real counts).
BODY_WORDS_PER_PAGE = 450
NOTES_PER_PAGE = 2.4
APPS_PER_PAGE = 3.6
TAGS_PER_PAGE = 13.0
CITES_PER_PAGE = 1.0
PAGES_PER_SECTION = 6
# pages taken by the title page/abstracts/editor's note and by bibliography + indexes are
# counted in N: the body is shortened by this many pages plus a share for the back matter
FRONT_PAGES = 0.5
BACK_PAGES_SHARE = 0.04
TAGS_IN_NOTES = 1 / 3
APPS_IN_NOTES = 1 / 4
CITE_ONLY_NOTES = 0.55  # of the notes that cite: "^[[@key, s.12].]" and nothing else

APP_TYPES = ["typo", "spacing", "punctuation", "orthography", "typo", "emendation"]
SUFFIXES = ["", "", "", "’da", "’nın", "’a", "’dan", "’ın", "’e", "’de", "’ya"]
UNSAFE = re.compile(r"[\[\]{}\\*^<>@\"`|#]")


# --------------------------------------------------------------------------- corpus


class Corpus:
    """Sentences, words and names taken from the sample edition."""

    def __init__(self, sample_dir: str = SAMPLE_DIR):
        from edition.diagnostics import Reporter
        from edition.readers.yamlsrc import read

        edition = read(os.path.join(sample_dir, "edition.yaml"), Reporter())
        if edition is None:  # pragma: no cover - the sample is tested elsewhere
            raise SystemExit("cannot read the sample edition")
        body, notes = [], []
        for section in _sections(edition.body):
            for para in _paragraphs(section):
                body.append(_plain(para.content, notes))
        self.body_sentences = _sentences(body)
        self.note_sentences = [s for s in _sentences(notes) if len(s.split()) >= 4] or self.body_sentences
        self.headings = [s.heading_text for s in _sections(edition.body) if s.heading_text]
        self.chain = _bigrams(self.body_sentences + self.note_sentences)
        self.starts = [s.split()[0] for s in self.body_sentences if s.split()]
        words = {w.strip(".,;:()“”\"'’") for s in self.body_sentences for w in s.split()}
        self.words = sorted(w for w in words if len(w) >= 4 and w.isalpha() and w.islower())
        self.given, self.family, self.places = _names(os.path.join(sample_dir, "registers.yaml"))


def _sections(sections):
    for s in sections:
        yield s
        yield from _sections(s.sections)


def _paragraphs(section):
    from edition.model import Paragraph, Quote

    for block in section.blocks:
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Quote):
            yield from block.paragraphs


def _plain(nodes, notes: list) -> str:
    from edition.model import Cite, Note, PageBreak, Text

    out = []
    for n in nodes:
        if isinstance(n, Text):
            out.append(n.text)
        elif isinstance(n, Note):
            notes.append(_plain(n.content, notes))
        elif isinstance(n, (Cite, PageBreak)):
            continue
        elif hasattr(n, "content"):
            out.append(_plain(n.content, notes))
    return "".join(out)


def _sentences(paragraphs: list[str]) -> list[str]:
    out = []
    for p in paragraphs:
        p = UNSAFE.sub("", re.sub(r"\s+", " ", p)).strip()
        p = re.sub(r"\(\s*\.?\s*\)", "", p)  # what is left of a citation in brackets
        for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÇĞİÖŞÜ“0-9])", p):
            s = s.strip()
            if len(s.split()) >= 3 and not s.startswith(("http", "www")) and "http" not in s:
                out.append(s)
    return out


def _bigrams(sentences: list[str]) -> dict[str, list[str]]:
    chain: dict[str, list[str]] = {}
    for s in sentences:
        words = s.split()
        for a, b in zip(words, words[1:] + ["<end>"]):
            chain.setdefault(a, []).append(b)
    return chain


def _names(path: str):
    import yaml

    with open(path, encoding="utf-8") as fh:
        regs = yaml.safe_load(fh)
    given, family = set(), set()
    for entry in (regs.get("persons") or {}).values():
        for variant in entry.get("variants") or []:
            words = [w for w in re.split(r"\s+", re.sub(r"[’'].*", "", variant)) if w.isalpha() and w[0].isupper()]
            if len(words) >= 2:
                given.add(words[0])
                family.add(words[-1])
    places = set()
    for entry in (regs.get("places") or {}).values():
        name = UNSAFE.sub("", str(entry.get("name", ""))).split("(")[0].strip()
        if name and "," not in name:
            places.add(name)
    titles = {"Paşa", "Bey", "Efendi", "Han", "Hanım", "Ağa"}
    return sorted(given - titles), sorted(family - titles), sorted(places)


# --------------------------------------------------------------------------- generator


class Generator:
    def __init__(self, pages: int, seed: int = 1, corpus: Corpus | None = None):
        self.pages = max(1, int(pages))
        self.rng = random.Random(f"edition-bench:{pages}:{seed}")
        self.c = corpus or Corpus()
        self.persons = self._persons(40 + self.pages // 2)
        self.places = self._places(20 + self.pages // 2)
        self.works = self._works(10 + self.pages // 2)
        self.counts = {"notes": 0, "apps": 0, "tags": 0, "cites": 0, "pb": 0, "words": 0}

    # -- registers and bibliography

    def _persons(self, n: int) -> list[tuple[str, str]]:
        rng, seen, out = self.rng, set(), []
        while len(out) < n:
            given, family = rng.choice(self.c.given), rng.choice(self.c.family)
            title = rng.choice(["", "", " Paşa", " Bey", " Efendi"])
            shown = f"{given} {family}{title}"
            if shown in seen:
                shown = f"{given} {rng.choice(self.c.given)} {family}{title}"
                if shown in seen:
                    continue
            seen.add(shown)
            out.append((f"p{len(out) + 1:04d}", shown))
        return out

    def _places(self, n: int) -> list[tuple[str, str]]:
        rng, seen, out = self.rng, set(), []
        base = self.c.places
        prefixes = ["", "", "Yeni ", "Eski ", "Büyük ", "Küçük ", "Aşağı ", "Yukarı "]
        suffixes = ["", "", " Köyü", " Kalesi", " Ovası", " Kazası", " Sancağı"]
        while len(out) < n:
            name = rng.choice(prefixes) + rng.choice(base) + rng.choice(suffixes)
            if name in seen:
                continue
            seen.add(name)
            out.append((f"y{len(out) + 1:04d}", name))
        return out

    def _works(self, n: int) -> list[dict]:
        rng, out = self.rng, []
        for i in range(n):
            family, given = rng.choice(self.c.family), rng.choice(self.c.given)
            year = rng.randint(1920, 2018)
            title_words = [rng.choice(self.c.words).capitalize() for _ in range(rng.randint(2, 7))]
            kind = rng.choices(["book", "article", "incollection"], [6, 3, 1])[0]
            work = {
                "key": f"{_ascii(family)}{year}{chr(97 + i % 26)}{i}",
                "type": kind,
                "author": f"{family}, {given}",
                "title": " ".join(title_words),
                "year": str(year),
            }
            if kind == "book":
                work["location"] = rng.choice(["Ankara", "İstanbul", "İzmir", "Bakü", "Erzurum"])
            elif kind == "article":
                work["journal"] = rng.choice(["Atatürk Araştırma Merkezi Dergisi", "Türk Kültürü", "Belleten", "Tarih Dergisi", "Yakın Dönem Türkiye Araştırmaları"])
                work["volume"] = str(rng.randint(1, 60))
                first = rng.randint(1, 400)
                work["pages"] = f"{first}-{first + rng.randint(5, 40)}"
            else:
                work["booktitle"] = " ".join(rng.choice(self.c.words).capitalize() for _ in range(4))
                work["location"] = "Ankara"
                first = rng.randint(1, 400)
                work["pages"] = f"{first}-{first + rng.randint(5, 30)}"
            out.append(work)
        return out

    # -- inline pieces

    def sentence(self, pool: list[str]) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return rng.choice(pool)
        words = [rng.choice(self.c.starts)]
        limit = rng.randint(8, 28)
        while len(words) < limit:
            nxt = rng.choice(self.c.chain.get(words[-1], ["<end>"]))
            if nxt == "<end>":
                break
            words.append(nxt)
        s = " ".join(words).rstrip(",;:")
        return s if s.endswith((".", "!", "?", "”", ".”")) else s + "."

    def tag(self) -> list:
        self.counts["tags"] += 1
        if self.rng.random() < 0.65:
            key, name = self.rng.choice(self.persons)
            kind = "person"
        else:
            key, name = self.rng.choice(self.places)
            kind = "place"
        suffix = self.rng.choice(SUFFIXES)
        return [Tag([Text(name + suffix)], kind=kind, key=key)]

    def app(self, word: str) -> list:
        """An apparatus entry on ``word``: the base witness J has a plausible slip."""
        rng = self.rng
        self.counts["apps"] += 1
        kind = rng.choice(APP_TYPES)
        core = word.rstrip(".,;:")
        tail = word[len(core):]
        if kind == "punctuation" or len(core) < 3:
            reading, kind = core + tail + (" ." if tail == "." else ","), "punctuation"
        elif kind == "spacing":
            reading = core[: len(core) // 2] + " " + core[len(core) // 2:] + tail
        elif kind == "orthography":
            reading = core.replace("ı", "i").replace("ş", "s").replace("ğ", "g")
            if reading == core:
                reading = core + core[-1]
            reading += tail
        else:
            i = rng.randrange(1, len(core) - 1)
            reading = core[:i] + core[i + 1:] + tail if rng.random() < 0.5 else core[:i] + core[i + 1] + core[i] + core[i + 2:] + tail
            if reading == word:
                reading = core + core[-1] + tail
        note = ""
        if rng.random() < 0.25:
            note = rng.choice(["baskı hatası", "harf eksik", "fazladan harf", "noktalama düzeltildi", "J’nin okuması", "boşluk eksik"])
        return [App([Text(word)], readings=[Reading(escape_text(reading), ["J"], [Text(reading)])], lem_wits=["ed."], type=kind, comment=note)]

    def cite(self) -> Cite:
        self.counts["cites"] += 1
        work = self.rng.choice(self.works)
        return Cite([CiteItem(work["key"], f"s.{self.rng.randint(1, 700)}")])

    def decorate(self, sentence: str, tags: float, apps: float) -> list:
        """A sentence as inline nodes, with index tags and apparatus entries (expected counts)."""
        words = [[Text(w)] if w else [] for w in sentence.split(" ")]
        rng = self.rng
        n_apps = _draw(rng, apps)
        n_tags = _draw(rng, tags)
        spots = list(range(len(words)))
        rng.shuffle(spots)
        for i in spots[:n_apps]:
            if words[i] and not words[i][0].text.startswith("["):
                words[i] = self.app(words[i][0].text)
        for _ in range(n_tags):
            i = rng.randrange(len(words))
            words.insert(i, self.tag())
        return _join(words, " ")

    def note(self, with_cite: bool) -> Note:
        """A footnote: a bare citation, or a few sentences (with tags, apparatus, maybe a citation)."""
        rng = self.rng
        self.counts["notes"] += 1
        if with_cite and rng.random() < CITE_ONLY_NOTES:
            return Note([self.cite(), Text(".")])
        sentences = [self.sentence(self.c.note_sentences) for _ in range(rng.choice([1, 1, 2, 2, 3, 4]))]
        content = self.decorate(" ".join(sentences), tags=self.note_tags, apps=self.note_apps)
        if with_cite:
            content = extend(content, [Text(" ("), self.cite(), Text(".)")])
        return Note(content)

    # -- document

    def body_pages(self) -> float:
        return max(0.5, self.pages - FRONT_PAGES - max(1.5, self.pages * BACK_PAGES_SHARE))

    def sections(self) -> list[Section]:
        rng = self.rng
        pages = self.body_pages()
        words_total = int(pages * BODY_WORDS_PER_PAGE)
        total = self.pages  # densities are per page of the whole edition
        notes = NOTES_PER_PAGE * total
        text_notes = notes * (1 - min(1.0, CITES_PER_PAGE / NOTES_PER_PAGE) * CITE_ONLY_NOTES)
        self.cite_share = min(1.0, CITES_PER_PAGE / NOTES_PER_PAGE)
        self.note_tags = TAGS_PER_PAGE * total * TAGS_IN_NOTES / text_notes
        self.note_apps = APPS_PER_PAGE * total * APPS_IN_NOTES / text_notes
        per_word = {
            "notes": notes / words_total,
            "apps": APPS_PER_PAGE * total * (1 - APPS_IN_NOTES) / words_total,
            "tags": TAGS_PER_PAGE * total * (1 - TAGS_IN_NOTES) / words_total,
        }
        n_sections = max(1, round(pages / PAGES_PER_SECTION))
        words_per_section = words_total / n_sections
        out, written, pb = [], 0, 1
        next_pb = BODY_WORDS_PER_PAGE * 0.7
        for s in range(n_sections):
            heading = rng.choice(self.c.headings)
            paras, para, sec_words = [], [], 0
            while sec_words < words_per_section:
                raw = self.sentence(self.c.body_sentences)
                n = len(raw.split())
                sentence = self.decorate(raw, tags=per_word["tags"] * n, apps=per_word["apps"] * n)
                for _ in range(_draw(rng, per_word["notes"] * n)):
                    note = self.note(rng.random() < self.cite_share)
                    # the call goes after a word, before the final punctuation when there is one
                    last = sentence[-1] if sentence else None
                    if isinstance(last, Text) and last.text.endswith("."):
                        sentence[-1] = Text(last.text[:-1])
                        sentence = extend(strip(sentence), [note, Text(".")])
                    else:
                        sentence.append(note)
                if written + sec_words >= next_pb:
                    pb += 1
                    self.counts["pb"] += 1
                    sentence = [PageBreak(n=str(pb))] + sentence
                    next_pb += BODY_WORDS_PER_PAGE
                para.append(sentence)
                sec_words += n
                if len(para) >= rng.randint(4, 9):
                    paras.append(para)
                    para = []
            if para:
                paras.append(para)
            written += sec_words
            self.counts["words"] += sec_words
            quote_at = rng.randrange(len(paras)) if rng.random() < 0.3 and len(paras) > 2 else -1
            blocks = []
            for i, p in enumerate(paras):
                paragraph = Paragraph(strip(_join(p, " ")))
                blocks.append(Quote([paragraph]) if i == quote_at else paragraph)
            title = f"{s + 1}. {heading}"
            out.append(Section(heading=[Text(title)], heading_text=title, id=f"b{s + 1}", blocks=blocks))
        return out

    def edition(self, out_dir: str) -> Edition:
        """The synthetic edition, as the reader would give it from ``out_dir``."""
        rng = self.rng
        sections = self.sections()
        abstract = " ".join(self.sentence(self.c.body_sentences) for _ in range(6))
        keywords = [w.capitalize() for w in rng.sample(self.c.words, 5)]
        editor_note = " ".join(self.sentence(self.c.body_sentences) for _ in range(4))
        meta = Meta(
            title=f"Sentetik Edisyon {self.pages}",
            subtitle="Azerbaycan ve Bolşevizm Örneğinden Üretilmiş Metin",
            language="tr",
            authors=[Author("Deneme Yazarı")],
            date="2019-06-30",
            abstracts=[Abstract("tr", "ÖZ", [Paragraph([Text(abstract)])], "Anahtar Kelimeler", keywords)],
            editor_note=[Paragraph([Text(editor_note)])],
        )
        registers_file = Loc(os.path.join(out_dir, "registers.yaml"), 1, 1)
        registers = {}
        for kind, entries in (("person", self.persons), ("place", self.places)):
            for key, name in entries:
                registers[f"{kind}:{key}"] = RegisterEntry(key, kind, name, variants=[name], loc=registers_file)
        return Edition(
            source=os.path.join(out_dir, "edition.yaml"),
            meta=meta,
            witnesses={"J": "Basılı metin; temel tanık", "ed.": "Bu edisyonun editörü"},
            base_witness="J",
            bibliography=[os.path.join(out_dir, "references.bib")],
            registers=registers,
            body=sections,
        )

    def bib(self) -> str:
        out = ["% Bibliography of a synthetic edition (bench/generate.py).", ""]
        for w in self.works:
            fields = [(k, v) for k, v in w.items() if k not in ("key", "type")] + [("langid", "turkish")]
            out.append(f"@{w['type']}{{{w['key']},")
            out += [f"  {k:<9} = {{{v}}}," for k, v in fields]
            out += ["}", ""]
        return "\n".join(out)


def _draw(rng: random.Random, expected: float) -> int:
    """An integer with the given expectation (floor + Bernoulli of the fraction)."""
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _ascii(s: str) -> str:
    """A citation key from a name: ASCII letters only (Şaiq -> saiq)."""
    s = s.translate(str.maketrans("çğıöşüÇĞİÖŞÜâîûÂÎÛ", "cgiosuCGIOSUaiuAIU")).lower()
    return re.sub(r"[^a-z]", "", s) or "anon"


def _join(pieces: list[list], sep: str) -> list:
    """Lists of inline nodes joined by ``sep`` into one list (texts merged)."""
    out: list = []
    for k, piece in enumerate(pieces):
        extend(out, ([Text(sep)] if k else []) + piece)
    return out


def generate(pages: int, out_dir: str, seed: int = 1, corpus: Corpus | None = None) -> dict:
    """Write edition.yaml, registers.yaml and references.bib for ~``pages`` pages; return counts."""
    gen = Generator(pages, seed, corpus)
    os.makedirs(out_dir, exist_ok=True)
    edition = gen.edition(out_dir)
    header = Comments(header=[f"Synthetic edition of about {gen.pages} pages generated by bench/generate.py (do not edit)."])
    files = {
        "edition.yaml": source_text(edition, out_dir, header),
        "registers.yaml": registers_text(edition.registers.values(), ["Registers of a synthetic edition (bench/generate.py)."]),
        "references.bib": gen.bib(),
    }
    for name, text in files.items():
        path = os.path.join(out_dir, name)
        data = text.encode("utf-8")
        try:
            with open(path, "rb") as fh:
                if fh.read() == data:  # keep mtimes when nothing changed
                    continue
        except FileNotFoundError:
            pass
        with open(path, "wb") as fh:
            fh.write(data)
    counts = dict(gen.counts)
    counts.update(persons=len(gen.persons), places=len(gen.places), works=len(gen.works))
    return {"source": os.path.join(out_dir, "edition.yaml"), "counts": counts}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("pages", type=int, help="target number of pages")
    p.add_argument("-o", "--out-dir", help="folder to write (default build/bench/n<pages>)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    out = args.out_dir or os.path.join(ROOT, "build", "bench", f"n{args.pages}")
    info = generate(args.pages, out, args.seed)
    c = info["counts"]
    print(f"{info['source']}: {c['words']} body words, {c['notes']} notes, {c['apps']} apparatus entries, "
          f"{c['tags']} index tags, {c['cites']} citations, {c['pb']} page breaks; "
          f"{c['persons']} persons, {c['places']} places, {c['works']} works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
