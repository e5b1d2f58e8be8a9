"""PDF variants of the sample (edition/pdf/variants.py): PDF/A-3b with its sources attached,
PDF/UA-1, both at once; ``edition extract`` and the rebuild from what it wrote.

No PDF/A or PDF/UA validator runs here (veraPDF is not installable): the files are checked on
their structure, with pikepdf, qpdf, pdffonts, pdftotext and pdfplumber.  Each variant of the
sample is built once per module and read by many tests:

- ``archival``: apparatus by line (line numbers drawn over the pages, layout in chunks),
  ``--pdf-variant pdf/a-3b`` on the command line;
- ``accessible``: apparatus by line, ``build_pdf(pdf_variant="pdf/ua-1")``;
- ``both``: the sample's own marker apparatus, ``settings: pdf-variant: pdf/a-3b+ua`` in the
  source, with metadata the sample lacks (a DOI, a licence, an English title, an author),
  SOURCE_DATE_EPOCH set.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess

import pikepdf
import pytest
from lxml import etree

from edition import cli
from edition.core import build_pdf, load
from edition.pdf import Attachment, finish

from ..conftest import SAMPLE

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS = {"rdf": RDF, "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
ENGLISH_TITLE = "Azerbaijan and Bolshevism through the Eyes of Mustafa Kemal Pasha and Kazim Karabekir Pasha"


@contextlib.contextmanager
def source_date(value: str):
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def copy_sample(folder, *edits: tuple[str, str]) -> str:
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    text = src.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    src.write_text(text, encoding="utf-8")
    return str(src)


LINE = ("apparatus: marker", "apparatus: line")


@pytest.fixture(scope="module")
def archival(tmp_path_factory):
    """(folder, pdf path) of the sample by line, built as PDF/A-3b by the command line."""
    folder = tmp_path_factory.mktemp("archival") / "edition"
    src = copy_sample(folder, LINE)
    out = str(folder.parent / "archival.pdf")
    with source_date(EPOCH):
        assert cli.main(["build", src, "-o", out, "--pdf-variant", "pdf/a-3b", "-q"]) == 0
    return folder, out


@pytest.fixture(scope="module")
def accessible(tmp_path_factory):
    folder = tmp_path_factory.mktemp("accessible") / "edition"
    src = copy_sample(folder, LINE)
    result = build_pdf(src, str(folder.parent / "accessible.pdf"), pdf_variant="pdf/ua-1")
    assert result.chunks > 1  # the structure trees of the chunks were merged
    return result


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("both") / "edition"
    src = copy_sample(
        folder,
        ("page-size: A4", "page-size: A4\n  pdf-variant: pdf/a-3b+ua"),
        ("  language: tr\n  abstracts:", "  language: tr\n  doi: 10.5555/edition.2023.1\n  licence: CC BY 4.0\n"
                                           "  authors:\n    - name: Ayşe Yılmaz\n  abstracts:"),
        ("      heading: ABSTRACT\n", f"      heading: ABSTRACT\n      title: {ENGLISH_TITLE}\n"),
    )
    with source_date(EPOCH):
        result = build_pdf(src, str(folder.parent / "both.pdf"))
    return result, load(src)


def qpdf_check(path):
    run = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def xmp_of(pdf):
    return etree.fromstring(pdf.Root.Metadata.read_bytes())


def values(tree, path: str) -> list[str]:
    return [e.text for e in tree.iterfind(f".//{path}", NS)]


# --------------------------------------------------------------------------- choosing a variant
def test_a_bad_variant_in_the_settings_is_a_located_error(write_source, capsys):
    src = write_source("""
        edition: {title: T, language: tr}
        settings:
          pdf-variant: pdf/a-2b
        body:
          - text: metin
        """)
    assert cli.main(["check", src]) == 1
    err = capsys.readouterr().err
    assert re.search(r"edition\.yaml:3:16: error: pdf-variant must be 'pdf/a-3b', 'pdf/ua-1' or 'pdf/a-3b\+ua', not 'pdf/a-2b'", err), err
    assert "hint: did you mean 'pdf/a-3b'?" in err


def test_the_command_line_refuses_an_unknown_variant_and_a_variant_for_a_batch(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["build", SAMPLE, "-o", str(tmp_path / "x.pdf"), "--pdf-variant", "pdf/x-4"])
    assert exit_.value.code == 2 and "invalid choice: 'pdf/x-4'" in capsys.readouterr().err
    assert cli.main(["build", SAMPLE, SAMPLE, "--pdf-variant", "pdf/a-3b"]) == 2
    assert "--pdf-variant needs a single source" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


# --------------------------------------------------------------------------- identification, XMP
def test_pdf_a_3b_identifies_itself_and_has_an_srgb_output_intent(archival):
    _folder, out = archival
    qpdf_check(out)
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.7"
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1" and "sRGB" in str(intents[0].OutputConditionIdentifier)
        assert intents[0].DestOutputProfile.read_bytes()[36:40] == b"acsp"
        xmp = xmp_of(pdf)
        assert values(xmp, "pdfaid:part") == ["3"] and values(xmp, "pdfaid:conformance") == ["B"]
        assert values(xmp, "pdfuaid:part") == [] and "/StructTreeRoot" not in pdf.Root  # not tagged
        assert values(xmp, "xmp:CreateDate") == ["2023-11-14T22:13:20Z"] == values(xmp, "xmp:ModifyDate")
        assert str(pdf.docinfo.CreationDate).startswith("D:20231114221320")


def test_the_xmp_says_what_the_source_says(both):
    result, edition = both
    qpdf_check(result.output)
    with pikepdf.open(result.output) as pdf:
        xmp = xmp_of(pdf)
        assert values(xmp, "pdfaid:part") == ["3"] and values(xmp, "pdfuaid:part") == ["1"]
        # PDF/A-3 knows the pdfuaid schema only from an extension schema description
        assert "http://www.aiim.org/pdfua/ns/id/" in values(xmp, "{http://www.aiim.org/pdfa/ns/schema#}namespaceURI")
        titles = {li.get("{http://www.w3.org/XML/1998/namespace}lang"): li.text for li in xmp.iterfind(".//dc:title/rdf:Alt/rdf:li", NS)}
        full = f"{edition.meta.title}: {edition.meta.subtitle}"
        assert titles == {"x-default": full, "tr": full, "en": ENGLISH_TITLE}
        assert str(pdf.docinfo.Title) == full
        assert values(xmp, "dc:creator/rdf:Seq/rdf:li") == ["Ayşe Yılmaz"] == [str(pdf.docinfo.Author)]
        assert values(xmp, "dc:language/rdf:Bag/rdf:li") == ["tr", "en"]
        keywords = [k for a in edition.meta.abstracts for k in a.keywords]
        assert values(xmp, "dc:subject/rdf:Bag/rdf:li") == keywords
        assert values(xmp, "dc:rights/rdf:Alt/rdf:li") == ["CC BY 4.0"]
        assert values(xmp, "dc:identifier") == ["doi:10.5555/edition.2023.1"]
        assert values(xmp, "pdf:Keywords") == [str(pdf.docinfo.Keywords)]
        assert values(xmp, "dc:description/rdf:Alt/rdf:li") == [str(pdf.docinfo.Subject)]
        assert values(xmp, "xmp:CreatorTool") == [str(pdf.docinfo.Creator)]
        assert values(xmp, "pdf:Producer") == [str(pdf.docinfo.Producer)]
        assert values(xmp, "xmp:CreateDate") == ["2023-11-14T22:13:20Z"]
        assert pdf.Root.MarkInfo.Marked and pdf.Root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.Root.Lang) == "tr"


def test_fonts_are_embedded_once_each_after_the_merge(archival, accessible):
    for path in (archival[1], accessible.output):
        rows = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        names = [row.split()[0] for row in rows]
        assert names and len(names) == len(set(names)), rows  # one subset per tag
        assert all(re.match(r"[A-Z]{6}\+", n) for n in names)
        assert all(" yes yes yes " in row for row in rows), rows  # embedded, subset, with a Unicode map


# --------------------------------------------------------------------------- attachments, extract
def test_the_sources_are_attached_as_associated_files(archival):
    folder, out = archival
    with pikepdf.open(out) as pdf:
        specs = {str(spec.F): spec for spec in pdf.Root.AF}
        expected = {"edition.yaml", "references.bib", "registers.yaml"}
        assert set(specs) == expected | {"edition.tei.xml"}
        for name in expected:
            assert specs[name].AFRelationship == "/Source"
            assert pdf.attachments[name].get_file().read_bytes() == (folder / name).read_bytes()
        assert str(pdf.attachments["edition.yaml"].get_file().mime_type) == "application/yaml"
        # the build's date (SOURCE_DATE_EPOCH) as each file's modification date
        assert all(str(pdf.attachments[n].get_file().obj.Params.ModDate) == "D:20231114221320Z" for n in expected)
        # the TEI export travels as data, naming the .bib beside it (where `edition extract` puts it)
        tei = pdf.attachments["edition.tei.xml"].get_file().read_bytes()
        assert specs["edition.tei.xml"].AFRelationship == "/Data"
        assert b"http://www.tei-c.org/ns/1.0" in tei and b'href="references.bib"' in tei


def test_the_print_pdf_has_no_attachments_and_no_xmp(sample_build):
    with pikepdf.open(sample_build[0]) as plain:
        assert "/AF" not in plain.Root and "/Metadata" not in plain.Root and "/StructTreeRoot" not in plain.Root


def test_extract_gives_the_sources_back_and_they_rebuild_the_same_bytes(archival, tmp_path, capsys):
    folder, out = archival
    target = tmp_path / "back"
    assert cli.main(["extract", out, "-o", str(target)]) == 0
    for name in ("edition.yaml", "references.bib", "registers.yaml"):
        assert (target / name).read_bytes() == (folder / name).read_bytes()
    # a second extraction keeps what is there, unless --force
    (target / "registers.yaml").write_bytes(b"changed")
    assert cli.main(["extract", out, "-o", str(target)]) == 1
    assert "exists: not overwritten" in capsys.readouterr().err and (target / "registers.yaml").read_bytes() == b"changed"
    assert cli.main(["extract", out, "-o", str(target), "--force"]) == 0
    assert (target / "registers.yaml").read_bytes() == (folder / "registers.yaml").read_bytes()
    rebuilt = str(tmp_path / "rebuilt.pdf")
    with source_date(EPOCH):
        assert cli.main(["build", str(target / "edition.yaml"), "-o", rebuilt, "--pdf-variant", "pdf/a-3b", "-q"]) == 0
    with open(rebuilt, "rb") as a, open(out, "rb") as b:
        assert a.read() == b.read()


def test_extract_refuses_names_that_leave_the_folder_and_pdfs_without_files(tmp_path, capsys):
    from edition import engine

    document = engine.render('<html lang="tr"><title>T</title><p>metin</p></html>')
    for name in ("../evil.yaml", "/etc/evil", "a/../../evil"):
        path = tmp_path / "hostile.pdf"
        path.write_bytes(finish(document, attachments=(Attachment("ok.yaml", b"x"), Attachment(name, b"evil"))))
        target = tmp_path / "out"
        assert cli.main(["extract", str(path), "-o", str(target)]) == 1
        assert "would be written outside" in capsys.readouterr().err
        assert not target.exists() and not (tmp_path / "evil.yaml").exists()
    (tmp_path / "plain.pdf").write_bytes(finish(document))
    assert cli.main(["extract", str(tmp_path / "plain.pdf"), "-o", str(tmp_path / "none")]) == 1
    assert "no embedded files" in capsys.readouterr().err
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    assert cli.main(["extract", str(tmp_path / "broken.pdf"), "-o", str(tmp_path / "none")]) == 1
    assert "not a readable PDF" in capsys.readouterr().err


# --------------------------------------------------------------------------- the structure tree
def walk_elements(root):
    seen, stack = set(), list(root.K)
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") == "/OBJR" or element.objgen in seen:
            continue
        seen.add(element.objgen)
        yield element
        kids = element.get("/K")
        stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if isinstance(kids, pikepdf.Dictionary) else [])


def marked_content(page):
    """(tag, mcid or None) of every marked-content sequence of a page, and the number of
    text-showing operators outside any tagged (MCID) or artifact sequence."""
    sequences, stack, untagged = [], [], 0
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" else None
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            stack.append((str(operands[0]), mcid))
            sequences.append(stack[-1])
        elif op == "EMC":
            stack.pop()
        elif op in ("Tj", "TJ", "'", '"'):
            untagged += not any(tag == "/Artifact" or mcid is not None for tag, mcid in stack)
    assert not stack
    return sequences, untagged


@pytest.mark.parametrize("which", ["accessible", "both"])
def test_every_marked_content_sequence_is_in_the_tree_or_an_artifact(which, accessible, both):
    check_structure(accessible.output if which == "accessible" else both[0].output)


def check_structure(path) -> None:
    """Every page's marked content is mapped by the parent tree to an element of the tree
    on that page; no text outside tagged content and artifacts; qpdf finds no error."""
    qpdf_check(path)
    with pikepdf.open(path) as pdf:
        root = pdf.Root.StructTreeRoot
        reachable = {e.objgen for e in walk_elements(root)}
        nums = root.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        assert int(root.ParentTreeNextKey) == max(tree) + 1
        total = 0
        for i, page in enumerate(pdf.pages):
            sequences, untagged = marked_content(page)
            assert untagged == 0, f"page {i + 1}: text outside tagged content and artifacts"
            mapped = tree[int(page.obj.StructParents)]
            mcids = [m for _tag, m in sequences if m is not None]
            assert mcids and sorted(mcids) == list(range(len(mcids))) == list(range(len(mapped))), i
            for mcid in mcids:
                element = mapped[mcid]
                assert element.objgen in reachable, f"page {i + 1}: MCID {mcid} is in no element of the tree"
                assert element.Pg.objgen == page.obj.objgen
            assert ("/Artifact", None) in sequences  # running head / folio
            total += len(mcids)
        assert total > 2000


def test_notes_entries_lists_and_the_english_abstract_have_their_structure(both):
    result, edition = both
    with pikepdf.open(result.output) as pdf:
        elements = list(walk_elements(pdf.Root.StructTreeRoot))
        kinds = [str(e.S) for e in elements]
        notes = [e for e in elements if e.S == "/Note"]
        # every footnote and every apparatus entry is a Note with its number or key as Lbl
        assert len(notes) == len(edition.notes) + len(edition.apparatus)
        ids = [str(n.ID) for n in notes]
        assert len(set(ids)) == len(ids) and {f"fn{n.n}" for n in edition.notes} <= set(ids)
        assert all(any(isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Lbl" for k in n.K) for n in notes)
        lists = [e for e in elements if e.S == "/L"]
        items = [e for e in elements if e.S == "/LI"]
        assert lists and all(item.P.S == "/L" for item in items)
        assert all(any(k.get("/S") == "/LBody" for k in item.K if isinstance(k, pikepdf.Dictionary)) for item in items)
        assert len(items) >= len(edition.bibliography_entries) + sum(1 for ix in edition.indexes for g in ix.groups for _ in g.entries)
        english = [e for e in elements if str(e.get("/Lang", "")) == "en"]
        assert len(english) == 1 and english[0].S == "/Sect"
        assert kinds.count("/H1") == 1 and "/H2" in kinds and "/Link" in kinds


def test_running_heads_folios_page_marks_and_line_numbers_are_artifacts(accessible):
    import pdfplumber

    with pdfplumber.open(accessible.output) as pdf:
        page = pdf.pages[2]
        height = float(page.height)
        artifact = "".join(c["text"] for c in page.chars if c.get("tag") == "Artifact")
        tagged = [c for c in page.chars if c.get("mcid") is not None]
        assert tagged and all(c.get("tag") != "Artifact" for c in tagged)
        head = [c for c in page.chars if c["top"] < 0.08 * height]
        folio = [c for c in page.chars if c["top"] > 0.92 * height]
        assert head and folio and all(c.get("tag") == "Artifact" for c in head + folio)
        assert "|J" in artifact.replace(" ", "")  # a witness page mark of J
        numbers = [c for c in page.chars if c["x1"] < 0.1 * float(page.width) and c["text"].isdigit()]
        assert numbers and all(c.get("tag") == "Artifact" for c in numbers)  # margin line numbers


def without_actual_text(path, out) -> str:
    """A copy of the PDF at ``path`` whose marked content has no /ActualText."""
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            ops = []
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/ActualText" in operands[1]:
                    del operands[1].ActualText
                ops.append((operands, op))
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        pdf.save(out)
    return str(out)


def test_hyphenated_words_read_whole_in_extracted_text(accessible, tmp_path):
    """Text extracted through the /ActualText (pdftotext) has each word broken at a line
    end whole on the first line, where the glyphs alone give its first half and a hyphen."""
    def lines(path):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout
        return re.sub(r"[ \xa0]+", " ", out).splitlines()  # a no-break space reads as one, or as a space

    text, glyphs = lines(accessible.output), lines(without_actual_text(accessible.output, tmp_path / "glyphs.pdf"))
    broken = [line[:-1] for line in glyphs if line.endswith("\u2010") and line[-2:-1].isalpha()]
    assert len(broken) > 10  # the print hyphenates
    assert not [line for line in text if line.endswith("\u2010")]
    for half in broken:
        # the same line read through the actual text (its own first word may be the end of
        # a word broken on the line before, which the line before then has)
        body = half if len(half) < 12 or half.count(" ") < 2 else half.split(" ", 1)[1]
        found = [line for line in text if body in line]  # (a reference may be in a note and the bibliography)
        assert found, half
        after = [line[line.index(body) + len(body):] for line in found]
        assert any(a[:1].isalpha() for a in after), (half, found)  # the word goes on, on the same line


# --------------------------------------------------------------------------- links both ways
def dests_by_page(path):
    with pikepdf.open(path) as pdf:
        out = []
        for i, page in enumerate(pdf.pages):
            out += [(i, str(a.Dest)) for a in page.obj.get("/Annots", ()) if "/Dest" in a]
        return out


def test_note_calls_and_notes_apparatus_markers_and_lemmas_link_both_ways(sample_build, both):
    _path, _result, edition = sample_build
    for path in (sample_build[0], both[0].output):
        links = dests_by_page(path)
        targets = {dest for _page, dest in links}
        for note in edition.notes:
            assert note.id in targets and f"fnref{note.n}" in targets, note.n
        at_foot = [a for a in edition.apparatus if not a.in_note]
        for app in edition.apparatus:
            assert f"lem{app.n}" in targets, app.n  # the entry's key -> its lemma
        assert all(a.id in targets for a in at_foot)  # the marker in the text -> the entry
        # a call and its note are on one page: each link stays on it
        pages = {}
        for page, dest in links:
            pages.setdefault(dest, set()).add(page)
        assert all(pages[f"fnref{n.n}"] == pages[n.id] for n in edition.notes)


def test_a_page_patched_into_a_variant_keeps_the_file_whole(both, tmp_path):
    """edition watch: an edit inside one page lays that page out alone and puts it into the
    PDF/A-3b+UA; its structure elements replace the page's in the tree, the parent tree
    covers its marked content and links, its fonts are the file's, the attached source is
    the edited one."""
    from edition.core import rebuild_page

    result, _edition = both
    folder = tmp_path / "w"
    shutil.copytree(os.path.join(os.path.dirname(result.output), "edition"), folder)
    src = folder / "edition.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("Bu durumu İngilizler", "Bu durumu da İngilizler", 1), encoding="utf-8")
    out = folder / "out.pdf"
    shutil.copy(result.output, out)
    with source_date(EPOCH):
        patched = rebuild_page(str(src), str(out), result.plan)
    assert patched is not None and patched.patched_page is not None
    page = patched.patched_page
    check_structure(str(out))
    with pikepdf.open(out) as pdf:
        assert pdf.attachments["edition.yaml"].get_file().read_bytes() == src.read_bytes()
        assert values(xmp_of(pdf), "pdfuaid:part") == ["1"]
        root = pdf.Root.StructTreeRoot
        reachable = {e.objgen for e in walk_elements(root)}
        nums = root.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        target = pdf.pages[page]
        sequences, untagged = marked_content(target)
        mapped = tree[int(target.obj.StructParents)]
        mcids = [m for _t, m in sequences if m is not None]
        assert not untagged and sorted(mcids) == list(range(len(mapped)))
        assert all(mapped[m].objgen in reachable and mapped[m].Pg.objgen == target.obj.objgen for m in mcids)
        annots = {a.objgen for a in target.obj.get("/Annots", ())}
        assert annots
        for annot in target.obj.Annots:  # each link's key leads to its element, which names it
            element = tree[int(annot.StructParent)]
            assert element.objgen in reachable
            refs = [k.Obj.objgen for k in element.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            assert annot.objgen in refs
        keys = sorted(tree)
        assert len(keys) == len(set(keys)) and int(root.ParentTreeNextKey) > keys[-1]
    text = subprocess.run(["pdftotext", "-f", str(page + 1), "-l", str(page + 1), str(out), "-"], capture_output=True, text=True).stdout
    assert "Bu durumu da İngilizler" in text.replace("\n", " ")
    rows = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len({r.split()[0] for r in rows}) == len(rows)
