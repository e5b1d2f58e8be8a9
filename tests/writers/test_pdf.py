"""The finishing stage (edition/pdf/): what WeasyPrint writes for a PDF variant survives the
merge of the chunks, the line numbers drawn over the pages and the metadata step; embedded
files carry their relationship.  Checked on the structure of the file (no PDF/A or PDF/UA
validator runs here): the output intent and its profile, the XMP's PDF/A part, qpdf's check,
the structure tree's page references."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pikepdf
import pytest

from edition import engine
from edition.core import build_pdf
from edition.pdf import Attachment, finish

from ..conftest import SAMPLE


def build(tmp_path, mode: str, options: dict):
    folder = tmp_path / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src = folder / "edition.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("apparatus: marker", mode), encoding="utf-8")
    with engine.writing(options):
        result = build_pdf(str(src), str(folder / "out.pdf"))
    subprocess.run(["qpdf", "--check", result.output], check=True, capture_output=True)
    return result


def test_pdf_a_3b_survives_chunks_and_line_numbers(tmp_path):
    result = build(tmp_path, "apparatus: line", {"pdf_variant": "pdf/a-3b"})
    assert result.chunks == 2  # the merge ran
    with pikepdf.open(result.output) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1"
        assert "sRGB" in str(intents[0].OutputConditionIdentifier)
        profile = intents[0].DestOutputProfile
        assert int(profile.N) == 3 and profile.read_bytes()[36:40] == b"acsp"  # an ICC profile, RGB
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp), xmp[:600]
        assert str(pdf.docinfo.Title) in xmp  # the information and the XMP agree
        assert {"/Lang", "/Names", "/Outlines", "/OutputIntents", "/Metadata"} <= set(pdf.Root.keys())
        assert len(pdf.pages) == result.pages and len(pdf.Root.Names.Dests.Names) > 1000
        # the line numbers (the overlay ran) are drawn as an artifact on the text pages
        numbered = [i for i, page in enumerate(pdf.pages) if b"/Artifact BMC" in page.obj.Contents.read_bytes()]
        assert len(numbered) == result.pages
        assert pdf.pdf_version >= "1.7"


def test_a_tagged_build_keeps_one_structure_tree_over_the_final_pages(tmp_path):
    result = build(tmp_path, "apparatus: line", {"pdf_variant": "pdf/ua-1"})
    assert result.chunks == 2
    with pikepdf.open(result.output) as pdf:
        for page in pdf.pages:  # the line numbers are an artifact outside the tagged content
            content = page.obj.Contents.read_bytes()
            assert content.count(b"/Artifact BMC") == 1
            assert content.count(b"BDC") + content.count(b"BMC") == content.count(b"EMC")
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        root = pdf.Root.StructTreeRoot
        assert pdf.Root.MarkInfo.Marked and "/ViewerPreferences" in pdf.Root
        on: set[int] = set()
        stack = list(root.K)
        seen = 0
        while stack:
            element = stack.pop()
            if not isinstance(element, pikepdf.Dictionary):
                continue
            seen += 1
            if "/Pg" in element:
                assert element.Pg.objgen in pages, "a structure element points at a page not in the file"
                on.add(pages[element.Pg.objgen])
            kids = element.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
        assert seen > 100 and on == set(range(result.pages)), sorted(set(range(result.pages)) - on)
        # every page points at its own entry of the parent tree
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert keys == sorted(set(keys)) and int(root.ParentTreeNextKey) == keys[-1] + 1
        values = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        page_keys = [int(p.obj.StructParents) for p in pdf.pages]
        assert len(set(page_keys)) == len(page_keys) and set(page_keys) <= set(values)
        for i, key in enumerate(page_keys):  # the elements of a page's marked content are on it
            marked = [e for e in values[key] if isinstance(e, pikepdf.Dictionary) and "/Pg" in e]
            assert marked and all(pages[e.Pg.objgen] == i for e in marked), i
        for page in pdf.pages:  # and each link's key leads to its annotation
            for annot in page.obj.get("/Annots", ()):
                assert "/StructParent" in annot, annot
                element = values[int(annot.StructParent)]
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                refs = [k.Obj.objgen for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
                assert annot.objgen in refs, (element.S, refs)
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert re.search(r'pdfuaid:part(="|>)1', xmp)


def test_attachments_are_embedded_with_their_relationship():
    document = engine.render('<html lang="tr"><title>T</title><p>metin</p></html>')
    source = Attachment("edition.yaml", b"edition:\n  title: T\n", "application/yaml", "Source", "the source")
    data = Attachment("apparatus.csv", b"n,lemma\n1,a\n", "text/csv", "Data")
    first = finish(document, b"0" * 32, attachments=(source, data))
    assert first == finish(document, b"0" * 32, attachments=(source, data))  # the same bytes
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert sorted(pdf.attachments) == ["apparatus.csv", "edition.yaml"]
        assert pdf.attachments["edition.yaml"].get_file().read_bytes() == source.data
        specs = {str(spec.F): spec for spec in pdf.Root.AF}
        assert sorted(specs) == ["apparatus.csv", "edition.yaml"]
        assert specs["edition.yaml"].AFRelationship == "/Source" and specs["apparatus.csv"].AFRelationship == "/Data"
        assert str(pdf.attachments["edition.yaml"].get_file().mime_type) == "application/yaml"
    with pytest.raises(ValueError, match="named twice"):
        finish(document, attachments=(source, source))


def test_metadata_added_to_a_pdf_a_goes_into_its_xmp_too():
    """PDF/A wants the document information and the XMP to agree: an entry the stage adds
    is in both, and no clock is read (the same bytes twice)."""
    with engine.writing({"pdf_variant": "pdf/a-3b"}):
        document = engine.render('<html lang="tr"><title>Başlık</title><p>metin</p></html>')
        first = finish(document, metadata={"/Keywords": "tarih, Azerbaycan"})
        assert first == finish(document, metadata={"/Keywords": "tarih, Azerbaycan"})
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert str(pdf.docinfo.Keywords) == "tarih, Azerbaycan" and str(pdf.docinfo.Title) == "Başlık"
        with pdf.open_metadata() as xmp:
            assert xmp["pdf:Keywords"] == "tarih, Azerbaycan" and xmp["dc:title"] == "Başlık"
            assert xmp["pdfaid:part"] == "3"


def test_line_numbers_are_drawn_the_same_on_every_build():
    """The numbers' form on each page has a name of its own, not a random one."""
    from edition.layout.lines import number_lines, text_lines
    from edition.pdf import LineNumbers

    words = " ".join(["satır"] * 400)
    document = engine.render(f'<html lang="tr"><style>@page {{ size: A6 }}</style><main class="text"><p>{words}</p></main></html>')
    lines = text_lines(document)
    number_lines(lines)
    numbers = LineNumbers(document, lines, 5, "outer")
    first = finish(document, b"1" * 32, numbers)
    assert len(document.pages) > 1 and first == finish(document, b"1" * 32, numbers)
    text = subprocess.run(["pdftotext", "-", "-"], input=first, capture_output=True, check=True).stdout.decode()
    assert "10" in text and "15" in text
