"""edition collate: the self-check on the sample, re-collation keeping the editor's entries,
the command on a copy of the sample, synthetic witnesses scored per kind of variant."""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.cli import main
from edition.collate import Collation, collate_edition
from edition.collate.align import align
from edition.collate.profile import Profile
from edition.collate.streams import base_stream, text_stream
from edition.core import load
from edition.diagnostics import EditionError, Reporter
from edition.model import App, plain_text, walk_inlines

from ..conftest import ROOT, SAMPLE, SEED

sys.path.insert(0, os.path.join(ROOT, "bench"))
from collate import self_check  # noqa: E402
from witnesses import make_witnesses, score  # noqa: E402

sys.path.remove(os.path.join(ROOT, "bench"))

SAMPLE_ENTRIES = 72  # the sample's apparatus entries
# The entries whose lemma is a citation (by their keys): the edited text there is the
# citation style's wording, J's reading the print's own (for the four @online sources a bare
# web address in parentheses).  They are not comparable by lemma and are counted apart.
CITED = {"tbmmalbum2018": 2, "tbmmalbum2018ekim": 1, "genimilne": 1,  # J: the bare address
         "ataturk1995": 2, "malkoc2007": 1}  # J: the print's wording of the reference
CITED_SAME = 3  # of them, proposed identical all the same (the print words the reference)
# Every difference between the proposals and the editor's other entries, and why.  The test
# fails if a difference appears that is not here, or one listed here goes away.
NOT_VARIANTS = {  # type=suspect: J reads as the edited text; the editor doubts it. No
    # collation can propose these: the texts agree (and the issue forbids entries there)
    "prensipleriniz", "meşgul", "hedeflerinizi", "ishad", "cevabı",
}
EDITOR_WIDER = {  # the editor's lemma takes in a word the witness does not change
    "Meclis-i Mebusan": "Meclis-i",  # the izafet compound as a whole; only 'Meclis-i' differs
    "Kafkas engelini": "engelini",  # the phrase 'Kafkas engeli'; only 'engelini' differs
}


@pytest.fixture(scope="module")
def check():
    return self_check(SAMPLE, SEED)


def test_self_check_gives_back_the_editors_entries(check):
    """print-J.txt against the edited text (read without its apparatus): at least 95 % of
    the comparable entries where J differs come back identical (lemma characters and J's
    reading), no entry is proposed where the editor has none, every difference is explained
    above.  The entries whose lemma is a citation (CITED) are not comparable by lemma (the
    edited text there is the style's wording, J prints a bare address): they are counted
    apart, with the proposals at them, which re-collation leaves to the entries."""
    assert check["entries"] == SAMPLE_ENTRIES
    keys = {}
    for app in check["cited"]:
        for node in walk_inlines(app.content):
            for item in getattr(node, "items", []):
                keys[item.key] = keys.get(item.key, 0) + 1
    assert keys == CITED, keys
    assert check["comparable"] == SAMPLE_ENTRIES - sum(CITED.values())
    assert check["variants"] == check["comparable"] - len(NOT_VARIANTS)
    assert len(check["cited_same"]) == CITED_SAME
    assert check["at_cited"], "the print's addresses beside the cited lemmas are proposed (and set apart)"
    same = len(check["same"])
    assert same / check["variants"] >= 0.95, same
    assert check["extra"] == []  # no entry where the text agrees
    assert sorted(p.lemma for p in check["differ"]) == sorted(EDITOR_WIDER.values())
    missed = sorted(plain_text(app.content) for _, _, app in check["missed"])
    assert missed == sorted(NOT_VARIANTS | set(EDITOR_WIDER)), missed
    for _, _, app in check["missed"]:
        if plain_text(app.content) in NOT_VARIANTS:
            assert app.type == "suspect" and app.readings[0].text == plain_text(app.content)


def test_self_check_types(check):
    """The profile's types on the entries that came back: spacing and punctuation as the
    editor typed them (a reading that also differs in case is typed by its case:
    ``katıldı.Ahmet izzet``); the editor's typo/emendation are substantive readings."""
    agree = formal = 0
    for placed, app in check["same"]:
        if app.type in ("spacing", "punctuation"):
            also_case = placed.kinds["J"] == "case"
            assert placed.type == app.type or also_case, (placed.lemma, placed.type, app.type)
        if app.type in ("typo", "emendation"):
            assert placed.type in ("", "orthography", "punctuation"), (placed.lemma, placed.type)
        if app.type in ("spacing", "punctuation", "orthography"):
            formal += 1
            agree += placed.type == app.type
    print(f"formal types as the editor's: {agree} of {formal}")
    assert formal >= 30 and agree >= 0.8 * formal


def test_recollation_keeps_every_entry(tmp_path):
    """The source as it is, collated with J again: all the sample's entries confirmed, nothing
    else; the entries whose lemma is a citation too (J's reading there is the editor's, and
    nothing is proposed around them, though J's bare address differs from the style's words)."""
    from edition.collate.plan import make_plan
    from edition.registers import Source

    ed = load(SAMPLE, Reporter())
    col = collate_edition(ed, {"J": (SEED, "pdftext")})
    plan = make_plan(ed, col.base, col.alignments, col.profile, Source(SAMPLE))
    assert [a.format() for a in plan.actions] == []
    assert plan.kept == SAMPLE_ENTRIES
    assert plan.text == Source(SAMPLE).text


# --------------------------------------------------------------------------- the command

def _copy_sample(tmp_path) -> str:
    src = os.path.dirname(SAMPLE)
    for name in ("edition.yaml", "references.bib", "registers.yaml"):
        shutil.copy(os.path.join(src, name), tmp_path / name)
    return str(tmp_path / "edition.yaml")


def _transcription(path: str, edits: list[tuple[str, str]]) -> str:
    """The edited text as a plain transcription, with some words changed."""
    ed = load(path, Reporter())
    text = base_stream(ed, Profile.of(ed)).text.replace("\u2029", "\n").replace("\u2028", "\n\n")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def command(tmp_path_factory):
    """A copy of the sample with witnesses B (named in the source) and C (on the command
    line); the command run without --apply, with --apply, again, and after B changed."""
    tmp = tmp_path_factory.mktemp("collate")
    path = _copy_sample(tmp)
    b = _transcription(path, [("iki önemli ismidir", "iki mühim ismidir"), ("Bu iki büyük komutan", "Bu büyük iki komutan"),
                              ("Bunun en önemli sebebi", "Bunun önemli sebebi"), ("olacak olan", "olacak olan ve"),
                              ("Mondros Mütarekesi sırasında", "Mondros Mütârekesi sırasında")])
    c = _transcription(path, [("iki önemli ismidir", "iki mühim ismidir"), ("Bu iki büyük komutan", "Bu büyük iki komutan")])
    (tmp / "b.txt").write_text(b, encoding="utf-8")
    (tmp / "c.txt").write_text(c, encoding="utf-8")
    text = open(path, encoding="utf-8").read()
    text = text.replace('  "ed.": Bu edisyonun editörü\n',
                        '  "ed.": Bu edisyonun editörü\n  B: {description: ikinci baskı, transcription: b.txt}\n  C: üçüncü baskı\n')
    open(path, "w", encoding="utf-8").write(text)
    return tmp, path


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_collate_proposes_and_writes_only_with_apply(command, capsys):
    tmp, path = command
    before = open(path, "rb").read()
    code, out, err = _run(capsys, "collate", path, "--witness", f"C={tmp / 'c.txt'}")
    assert code == 1 and "nothing written" in err
    assert open(path, "rb").read() == before
    lines = out.splitlines()
    # compiler style, at the lemma: file:line:col
    added = [l for l in lines if ": added: " in l]
    assert any(l.endswith("[önemli] 'mühim' B C") for l in added), added  # agreement grouped
    assert any("[iki büyük] 'büyük iki' B C (type=transposition)" in l for l in added)
    assert any("[en] om. B (type=omission)" in l for l in added)
    assert any("changed: entry [olacak olan]: B added: 'olacak olan ve'" in l for l in lines)  # an addition after an entry
    assert any("'Mütârekesi' B (type=orthography)" in l for l in added)
    line = next(l for l in added if "mühim" in l)
    file, ln, col = line.split(":")[:3]
    assert file == path
    assert open(path, encoding="utf-8").read().split("\n")[int(ln) - 1][int(col) - 1:].startswith("önemli")
    # the editor's entry where B adds a word after its lemma ('olacak olan' + 've')
    code, out, err = _run(capsys, "collate", path, "--witness", f"C={tmp / 'c.txt'}", "--apply")
    assert code == 0 and "written" in err
    ed = load(path, Reporter())
    apps = {plain_text(a.content): a for a in ed.apparatus}
    shared = apps["önemli"]
    assert [(r.text, r.wits) for r in shared.readings] == [("mühim", ["B", "C"])]
    assert shared.lem_wits == ["ed.", "J"]  # the base witness agrees with the lemma
    olacak = apps["olacak olan"]
    assert olacak.type == "spacing" and {w: r.text for r in olacak.readings for w in r.wits} == {"J": "olacakolan", "B": "olacak olan ve"}
    assert len(ed.apparatus) == SAMPLE_ENTRIES + len(added)
    # the editor's formatting is kept: only the changed lines differ
    new = open(path, encoding="utf-8").read().split("\n")
    old = before.decode("utf-8").split("\n")
    assert len(new) == len(old)
    assert sum(a != b for a, b in zip(old, new)) == 5  # three lines of the abstract, two of the text


def test_collate_again_confirms_then_updates_only_what_changed(command, capsys):
    tmp, path = command
    if len(load(path, Reporter()).apparatus) == SAMPLE_ENTRIES:
        pytest.skip("runs after the --apply test")
    code, out, err = _run(capsys, "collate", path, "--witness", f"C={tmp / 'c.txt'}")
    assert code == 0 and out == "" and "agrees with the transcriptions" in err
    # the editor types and comments an entry, then B's transcription is corrected
    text = open(path, encoding="utf-8").read()
    text = text.replace('[önemli]{.app rdg="mühim" wit="B C" lem-wit="ed. J"}',
                        '[önemli]{.app rdg="mühim" wit="B C" lem-wit="ed. J" type=emendation note="bkz. C"}')
    open(path, "w", encoding="utf-8").write(text)
    b = (tmp / "b.txt").read_text(encoding="utf-8")
    (tmp / "b.txt").write_text(b.replace("iki mühim ismidir", "iki büyük ismidir").replace("Bu büyük iki komutan", "Bu iki büyük komutan"), encoding="utf-8")
    code, out, err = _run(capsys, "collate", path, "--witness", f"C={tmp / 'c.txt'}", "--apply", "--diff")
    assert code == 0
    report = [l for l in out.splitlines() if ": changed: " in l or ": removed: " in l or ": added: " in l]
    assert len(report) == 2, report
    assert any("changed: entry [önemli]: B 'mühim' -> 'büyük'" in l for l in report)
    assert any("changed: entry [iki büyük]: B removed" in l for l in report)
    assert "--- " in out and "+++ " in out  # the unified diff
    ed = load(path, Reporter())
    apps = {plain_text(a.content): a for a in ed.apparatus}
    kept = apps["önemli"]
    assert (kept.type, kept.comment) == ("emendation", "bkz. C")  # the editor's decisions
    assert {w: r.text for r in kept.readings for w in r.wits} == {"C": "mühim", "B": "büyük"}
    assert {w: r.text for r in apps["iki büyük"].readings for w in r.wits} == {"C": "büyük iki"}


def test_collate_usage_errors(command, capsys, tmp_path):
    tmp, path = command
    code, _, err = _run(capsys, "collate", path, "--witness", f"Q={tmp / 'c.txt'}")
    assert code == 2 and "'Q' is not declared under witnesses" in err
    code, _, err = _run(capsys, "collate", path, "--witness", "C=/nonexistent.txt")
    assert code == 2 and "no file" in err
    code, _, err = _run(capsys, "collate", path, "--witness", f"C={tmp / 'c.txt'}", "--witness-format", "C=docx")
    assert code == 2 and "formats are text, pdftext" in err
    code, _, err = _run(capsys, "collate", SAMPLE)
    assert code == 2 and "no transcription to collate" in err


@pytest.mark.parametrize("witness, message", [
    ("B: {description: x, transcription: nothere.txt}", "transcription of witness B file 'nothere.txt' not found"),
    ("B: {description: x, transcription: b.txt, format: docx}", "unknown transcription format 'docx'"),
    ("B: {descripton: x}", "unknown key 'descripton' in witness B"),
])
def test_witness_keys_are_checked(write_source, witness, message):
    path = write_source(f"""
        edition: {{title: T, language: tr}}
        witnesses:
          J: print
          {witness}
        base-witness: J
        body:
          - text: Bir iki üç.
        """, b__txt="Bir iki üç.")
    with pytest.raises(EditionError) as exc:
        load(path, Reporter())
    found = [f"{d.loc.line}:{d.loc.col}: {d.message}" for d in exc.value.diagnostics]
    assert any(message in f and f.startswith("4:") for f in found), found


def test_collation_profile_is_checked_and_used(write_source, capsys):
    bad = write_source("""
        edition: {title: T, language: tr}
        collation: {profile: ottoman, ignore: [punctuations]}
        body:
          - text: Bir iki üç.
        """)
    with pytest.raises(EditionError) as exc:
        load(bad, Reporter())
    messages = [d.message for d in exc.value.diagnostics]
    assert "unknown collation profile 'ottoman'" in messages and "unknown kind of difference 'punctuations' in ignore" in messages
    path = write_source("""
        edition: {title: T, language: tr}
        witnesses: {J: print, B: copy}
        base-witness: J
        collation: {ignore: [punctuation, case]}
        body:
          - heading: "Giriş"
            text: |
              Mehmet Paşa geldi, sonra gitti.
        """, b__txt="giriş Mehmed Paşa geldi sonra gitti.")
    code, out, _ = _run(capsys, "collate", path, "--witness", f"B={os.path.join(os.path.dirname(path), 'b.txt')}")
    assert code == 1
    assert out.splitlines() == [f"{path}:8:7: added: [Mehmet] 'Mehmed' B (type=orthography)"]


def test_long_omission_prints_first_and_last_word(write_source, capsys):
    """A long variant is one entry on all its words; the apparatus prints it `first … last`."""
    path = write_source("""
        edition: {title: T, language: tr}
        witnesses: {J: print, B: copy}
        base-witness: J
        body:
          - text: |
              Bu iki büyük komutan Milli Mücadele döneminde sadece Türkiye ile ilgilenmedi.
        """, b__txt="Bu iki büyük komutan ilgilenmedi.")
    assert _run(capsys, "collate", path, "--witness", f"B={os.path.join(os.path.dirname(path), 'b.txt')}", "--apply")[0] == 0
    ed = load(path, Reporter())
    (app,) = ed.apparatus
    assert plain_text(app.content) == "Milli Mücadele döneminde sadece Türkiye ile"
    assert app.entry.lemma == "Milli … ile" and app.type == "omission"


def test_quoted_heading_gets_yaml_escapes(write_source, capsys):
    path = write_source("""
        edition: {title: T, language: tr}
        witnesses: {J: print, B: copy}
        base-witness: J
        body:
          - heading: "A- [Mustafa Kemal Paşa’nın]{.sc} Görüşleri"
            text: |
              Bir iki üç.
          - heading: Plain Heading
            text: |
              Dört beş.
        """, b__txt='A- Mustafa Kemal Paşa’nın "Görüşleri" Bir iki üç. Plain Headings Dört beş.')
    code, out, _ = _run(capsys, "collate", path, "--witness", f"B={os.path.join(os.path.dirname(path), 'b.txt')}", "--apply")
    assert "left: [Heading]" in out and "unquoted YAML value" in out  # a plain scalar is not touched
    ed = load(path, Reporter())
    (app,) = ed.apparatus
    assert plain_text(app.content) == "Görüşleri" and app.readings[0].text == '"Görüşleri"'
    assert '[Görüşleri]{.app B=\\"\\\\\\"Görüşleri\\\\\\"\\"' in open(path, encoding="utf-8").read()


# --------------------------------------------------------------------------- synthetic witnesses

@pytest.fixture(scope="module")
def synthetic():
    ed = load(SAMPLE, Reporter())
    profile = Profile.of(ed)
    base = base_stream(ed, profile, without_apparatus=True)
    wits = make_witnesses(base, profile, seed=1)
    streams = {w.siglum: text_stream(w.text, profile) for w in wits}
    return base, wits, streams, profile, Collation(base, streams, profile).proposals()


def test_synthetic_witnesses_precision_and_recall(synthetic):
    base, wits, streams, profile, proposals = synthetic
    sc = score(base, wits, proposals)
    kinds = ("spacing", "punctuation", "case", "orthography", "transposition", "omission", "addition", "substantive")
    assert all(sc.truths.get(k, 0) >= 15 for k in kinds), sc.truths
    for k in kinds:
        assert sc.recall(k) >= 0.9, (k, sc.table("x"))
        assert sc.precision(k) >= 0.9, (k, sc.table("x"))
    assert sc.kind_agrees >= 0.9 * sum(sc.found.values())
    assert sc.agreements >= 10 and sc.grouped >= 0.9 * sc.agreements


def test_the_score_can_fail(synthetic):
    """The scorer is not blind: readings given to the wrong witness are wrong, and a
    witness left out of the collation loses its variants."""
    base, wits, streams, profile, proposals = synthetic
    swapped = []
    for p in proposals:
        q = type(p)(p.a, p.b, p.lemma, [(r, ["D" if s == "B" else "B" if s == "D" else s for s in sig]) for r, sig in p.readings], p.type, p.kinds)
        swapped.append(q)
    assert score(base, wits, swapped).precision() < 0.8
    without_c = Collation(base, {s: w for s, w in streams.items() if s != "C"}, profile).proposals()
    sc = score(base, wits, without_c)
    assert sc.recall() < 0.85


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("a b c d e ab abc".split()), max_size=30), st.lists(st.sampled_from("a b c d e ab bc".split()), max_size=30))
def test_units_cover_both_sequences_in_order(a, b):
    units = align(a, b)
    i = j = 0
    for i0, i1, j0, j1 in units:
        assert (i0, j0) == (i, j) and i1 >= i0 and j1 >= j0 and (i1 > i0 or j1 > j0)
        i, j = i1, j1
    assert (i, j) == (len(a), len(b))


def test_every_apparatus_type_has_a_printed_label():
    """Every type prints as a word, not as 'type:transposition': a label of the apparatus
    conventions (``conventions.TYPE_LABELS``: em., transp., del., ...) or a description in
    ``terms.py`` (typo, spacing, ...)."""
    from edition.conventions import TYPE_LABELS, conventions
    from edition.readers.inline import APP_TYPES
    from edition.terms import term

    for lang in ("tr", "en"):
        c = conventions(lang)
        unlabelled = [t for t in APP_TYPES
                      if not (t in TYPE_LABELS and c.label(TYPE_LABELS[t][0]))
                      and term(lang, f"type:{t}") == f"type:{t}"]
        assert unlabelled == [], (lang, unlabelled)
