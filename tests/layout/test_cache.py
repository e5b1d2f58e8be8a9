"""The layout cache (edition/layout/cache.py) never gives a wrong PDF.

The sample, in a folder of its own with a theme of its own that loads a font file of the
folder, is built once with the cache; then each kind of input is changed in turn (nothing,
text, note, setting, theme, font, bibliography, register, an uncited bibliography entry, an
apparatus reading, text that moves every later page break, the tool's version) and the edition
is built twice: with the cache the previous build left, and cold.  The two PDFs must be the same
bytes, and the cache must have been used where it can be (else these comparisons prove nothing):
the first layout's facts are reused exactly when its HTML is unchanged.  Checked by hand that
the comparisons can fail: cached apparatus marker widths scaled by 1.001 on reading
(layout.kept_first) make the "nothing", "register", "uncited" and "corrupt" rebuilds differ.
A truncated or foreign cache file is a miss, never an error; ``--no-cache`` writes none.
"""

from __future__ import annotations

import glob
import os
import shutil

import pytest
from hypothesis import given, settings, strategies as st

import edition
from edition import cli
from edition.core import build_pdf
from edition.layout import cache, chunks

from ..conftest import SAMPLE

FONT_DIR = "/usr/share/fonts/opentype"  # fonts-linuxlibertine and fonts-junicode (scripts/setup-system.sh)
THEME = """@font-face { font-family: "Cache Test"; src: url(fonts/face.otf); }
main.text h2, main.text h3 { font-family: "Cache Test"; }
"""


def font(pattern: str) -> str:
    found = sorted(glob.glob(os.path.join(FONT_DIR, pattern)))
    assert found, f"no font {pattern} under {FONT_DIR} (scripts/setup-system.sh installs it)"
    return found[0]


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_version(_folder, monkeypatch):
    monkeypatch.setattr(edition, "__version__", edition.__version__ + "+cache-test")
    monkeypatch.setattr(cache, "_environment", None)


UNCITED = """
@book{uncitedcachetest,
  title        = {Hiç Anılmayan Kitap},
  author       = {Deneme, Yazar},
  date         = {1990},
  langid       = {turkish},
}
"""


def add_uncited(folder, _m) -> None:
    with open(folder / "references.bib", "a", encoding="utf-8") as fh:
        fh.write(UNCITED)


# kind -> the change (a function of the edition folder); applied in this order, each on the last
CHANGES = {
    "nothing": lambda f, _m: None,
    "text": lambda f, _m: edit(f / "edition.yaml", "Kongrede [Mustafa", "Kongrede de [Mustafa"),
    "note": lambda f, _m: edit(f / "edition.yaml", "Birinci Dünya Savaşı’ndan önce", "Birinci Dünya Savaşı’ndan hemen önce"),
    "setting": lambda f, _m: edit(f / "edition.yaml", "apparatus: marker", "apparatus: marker\n  line-numbers: {every: 5}"),
    "theme": lambda f, _m: (f / "themes" / "mine" / "edition.css").write_text(THEME + "main.text h2 { font-size: 1.4em; }\n", encoding="utf-8"),
    "font": lambda f, _m: shutil.copyfile(font("junicode/JunicodeTwoBeta-Regular.otf"), f / "fonts" / "face.otf"),
    "bibliography": lambda f, _m: edit(f / "references.bib", "Ordunun Durumu", "Ordunun Genel Durumu"),
    "register": lambda f, _m: edit(f / "registers.yaml", 'name: "Mustafa Kemal Paşa', 'name: "Gazi Mustafa Kemal Paşa'),
    "uncited": add_uncited,
    "apparatus": lambda f, _m: edit(f / "edition.yaml", 'J="kişiyle19"', 'J="kişiyle19 (sic)"'),
    # two lines of text on the first page: every later page break moves
    "breaks": lambda f, _m: edit(f / "edition.yaml", "Bu doğrultuda 15 Mayıs 1919’da", "Bu doğrultuda, " + "uzun bir aradan sonra ve " * 8 + "15 Mayıs 1919’da"),
    "version": change_version,
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """kind -> (cached PDF bytes, cold PDF bytes, the cache's hits and misses)."""
    folder = tmp_path_factory.mktemp("cache") / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    (folder / "themes" / "mine").mkdir(parents=True)
    (folder / "themes" / "mine" / "edition.css").write_text(THEME, encoding="utf-8")
    (folder / "fonts").mkdir()
    shutil.copyfile(font("linux-libertine/LinBiolinum_R.otf"), folder / "fonts" / "face.otf")
    edit(folder / "edition.yaml", "  apparatus: marker", "  apparatus: marker\n  theme: mine")
    shorten(folder / "edition.yaml")
    src, out, cold = str(folder / "edition.yaml"), str(folder / "out" / "edition.pdf"), str(folder / "cold" / "edition.pdf")
    found = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        # four pages in two chunks (a small edition, to keep the test quick)
        monkeypatch.setattr(chunks, "MIN_PAGES", 2)
        monkeypatch.setattr(chunks, "CHUNK_PAGES", 2)
        with cache.using(cache.folder_for(out), src):
            build_pdf(src, out)
        for kind, change in CHANGES.items():
            change(folder, monkeypatch)
            with cache.using(cache.folder_for(out), src) as used:
                build_pdf(src, out)
            if kind != "version":  # the code is the same: the last cold build is still the reference
                assert cli.main([src, "-o", cold, "-q", "--no-cache"]) == 0
            found[kind] = (read(out), read(cold), used.hits, used.misses)
            found["first " + kind] = used.kinds.count("first")
        corrupt(cache.folder_for(out))
        with cache.using(cache.folder_for(out), src) as used:
            build_pdf(src, out)
        found["corrupt"] = (read(out), read(cold), used.hits, used.misses)
        found["first corrupt"] = used.kinds.count("first")
    found["no-cache folder"] = os.path.exists(os.path.dirname(cache.folder_for(cold)))
    found["entries"] = sorted(os.listdir(cache.folder_for(out)))
    return found


def shorten(source) -> None:
    """The sample's introduction and conclusion only (four pages)."""
    text = source.read_text(encoding="utf-8")
    start, end = text.index('  - heading: "A- '), text.index("  - heading: SONUÇ")
    source.write_text(text[:start] + text[end:], encoding="utf-8")


def read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def corrupt(folder: str) -> None:
    """Cut every chunk's answer and the first layout's in half and add a file that is no
    answer at all."""
    for path in glob.glob(os.path.join(folder, "chunk-*.pickle")) + glob.glob(os.path.join(folder, "first-*.pickle")):
        data = read(path)
        with open(path, "wb") as fh:
            fh.write(data[: len(data) // 2])
    with open(os.path.join(folder, "chunk-" + "0" * 64 + ".pickle"), "wb") as fh:
        fh.write(b"not a cache file")


@pytest.mark.parametrize("kind", [*CHANGES, "corrupt"])
def test_cached_rebuild_is_the_cold_build(runs, kind):
    cached, cold, _hits, _misses = runs[kind]
    assert cached[:5] == b"%PDF-" and cached == cold


def test_the_cache_is_used_where_it_can_be(runs):
    # the text change is on the last pages: the first chunk comes from the cache
    assert runs["text"][2] >= 1 and runs["text"][3] >= 1
    # a font file replaced under the same name: every render that read it is laid out again
    assert runs["font"][3] >= 2
    # the register is printed in the index, at the end: the first chunk comes from the cache
    # (the bibliography's title is also in a note of the first page: nothing is reused)
    counts = {kind: runs[kind][2:] for kind in CHANGES}
    assert runs["register"][2] >= 1, counts


# what changes only the back matter (or nothing) leaves the first layout's HTML as it was
FIRST_KEPT = {"nothing", "register", "uncited"}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_the_first_layout_is_taken_from_the_cache_exactly_when_its_html_is_unchanged(runs, kind):
    assert runs["first " + kind] == (kind in FIRST_KEPT)


def test_another_version_of_the_tool_reads_nothing(runs):
    assert runs["version"][2] == 0 and runs["version"][3] >= 2


def test_a_corrupt_answer_is_a_miss_and_is_written_again(runs):
    _cached, _cold, hits, misses = runs["corrupt"]
    assert misses >= 3 and runs["first corrupt"] == 0  # two chunks and the first layout
    assert "chunk-" + "0" * 64 + ".pickle" not in runs["entries"]  # not used: pruned
    assert not [name for name in runs["entries"] if name.startswith(".tmp-")]


def test_no_cache_writes_no_cache(runs):
    assert runs["no-cache folder"] is False


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200), st.data())
def test_a_cut_cache_file_is_refused(payload, data):
    whole = cache.encode([], payload)
    assert cache.decode(whole) == ([], payload)
    cut = data.draw(st.integers(min_value=0, max_value=len(whole) - 1))
    with pytest.raises(ValueError):
        cache.decode(whole[:cut])


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=100), st.data())
def test_the_key_changes_with_every_character_of_the_html(html, data):
    changed = html + data.draw(st.characters(blacklist_categories=("Cs",)))
    assert cache.key("chunk", html) != cache.key("chunk", changed)
    assert cache.key("chunk", html) != cache.key("measured", html)


def test_a_no_change_rebuild_of_an_edition_that_restarts_lays_out_no_free_layout(tmp_path):
    """The 30-page bench edition of seed 1 restarts (its held breaks move: a second free
    layout, written with the breaks refused so far, Passes.next_plan): a rebuild with no
    change takes both free layouts' facts from the cache (kind ``first``, keyed by their
    HTML and the line control they were written with) and lays out neither (no
    ``measure feet``, which only follows a free layout laid out), and its PDF is the cold
    build's bytes (the build that filled the cache laid out everything)."""
    import re

    from .test_hyphens import bench_source

    src = bench_source(tmp_path, 30, 1)
    out, again = str(tmp_path / "out" / "edition.pdf"), str(tmp_path / "again" / "edition.pdf")
    messages: list[str] = []
    with cache.using(cache.folder_for(out), src):
        build_pdf(src, out, progress=messages.append)
    assert any("held page breaks moved" in m for m in messages), "the edition no longer restarts: pick another seed"
    with cache.using(cache.folder_for(out), src) as used:
        result = build_pdf(src, again, progress=messages.append)
    assert used.kinds.count("first") == 2, result.timings  # the first's and the restart's
    assert not [stage for stage, _s in result.timings if stage.startswith("measure feet")], result.timings
    kept = [stage for stage, _s in result.timings if stage.startswith("free layout (kept")]
    free = {re.search(r"pass (\d+)", stage).group(1) for stage in kept}
    assert len(free) == 2 and not [stage for stage, _s in result.timings if stage in {f"layout (pass {n})" for n in free}]
    assert read(again)[:5] == b"%PDF-" and read(again) == read(out)
