"""The printer's file (``edition build --print``, edition/pdf/press.py): PDF/X-4, bleed and
crop marks, CMYK with black text in pure K.

No PDF/X validator runs here (veraPDF is not installable): the files are checked on their
structure with pikepdf (boxes, output intent, XMP, the colour operators of every content
stream), qpdf --check, pdffonts and a picture of a page corner (pdftoppm).  Built once per
module:

- ``book``: the sample in the book theme (B5), keyed by line with outer line numbers drawn
  over the pages (the overlay), laid out in chunks (merged), ``--print`` on the command line;
- ``a4``: the sample as it is (A4, marker apparatus) with ``settings: print: {bleed: 0.125in,
  marks: none}``, through ``build_pdf``, built twice (the same bytes).
"""

from __future__ import annotations

import io
import os
import subprocess

import pikepdf
import pytest
from lxml import etree

from edition import cli
from edition.core import build_pdf, load
from edition.diagnostics import EditionError
from edition.pdf import cmyk
from edition.pdf.press import MM, Press, coarse_images, content_holders, crop_marks, image_resolutions

from ..conftest import SAMPLE
from ..reference.pixels import sample_in_mode
from .test_pdf_variants import EPOCH, copy_sample, source_date

B5 = (176 * MM, 250 * MM)
A4 = (210 * MM, 297 * MM)
XMP = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfxid": "http://www.npes.org/pdfx/ns/id/",
       "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "pdf": "http://ns.adobe.com/pdf/1.3/", "xmp": "http://ns.adobe.com/xap/1.0/"}


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    src = sample_in_mode(str(tmp_path_factory.mktemp("print") / "book"), "book")
    out = os.path.join(os.path.dirname(src), "book.pdf")
    with source_date(EPOCH):
        assert cli.main(["build", src, "-o", out, "--print", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def a4(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print-a4") / "edition"
    src = copy_sample(folder, ("apparatus: marker", "apparatus: marker\n  print: {bleed: 0.125in, marks: none}"))
    outs = [str(folder.parent / f"a4-{n}.pdf") for n in (1, 2)]
    with source_date(EPOCH):
        for out in outs:
            build_pdf(src, out, print_file=True)
    return outs


def boxes(page) -> dict:
    return {key: [float(v) for v in page.obj[key]] for key in ("/MediaBox", "/BleedBox", "/TrimBox") if key in page.obj}


def grown(box, mm):
    d = mm * MM
    return [box[0] - d, box[1] - d, box[2] + d, box[3] + d]


def close(a, b, tol=0.01):
    return all(abs(x - y) < tol for x, y in zip(a, b))


def test_every_page_has_trim_bleed_and_media_boxes(book):
    with pikepdf.open(book) as pdf:
        assert len(pdf.pages) > 10
        for n, page in enumerate(pdf.pages, 1):
            b = boxes(page)
            trim = b["/TrimBox"]
            assert close(trim, [0, 0, *B5]), f"page {n}: trim {trim} is not B5"
            assert close(b["/BleedBox"], grown(trim, 3)), f"page {n}: bleed box {b['/BleedBox']}"
            # bleed 3 mm + 1 mm gap + 5 mm crop marks
            assert close(b["/MediaBox"], grown(trim, 9)), f"page {n}: media box {b['/MediaBox']}"
            assert "/CropBox" not in page.obj and "/ArtBox" not in page.obj


def test_output_intent_is_pdfx_with_a_cmyk_profile(book):
    with pikepdf.open(book) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "Custom"
        profile = intent.DestOutputProfile
        data = profile.read_bytes()
        assert int(profile.N) == 4 and data[16:20] == b"CMYK" and data[12:16] == b"prtr"
        # the default: the idealised profile made in code (pdf/cmyk.py, CC0), no system file
        assert data == cmyk.profile() and str(intent.Info) == cmyk.NAME == str(intent.OutputCondition)
        assert pdf.pdf_version == "1.6" and not pdf.is_encrypted


def test_xmp_and_document_information_say_pdfx4(book):
    with pikepdf.open(book) as pdf:
        xmp = etree.fromstring(pdf.Root.Metadata.read_bytes())
        info = pdf.docinfo

        def one(path):
            found = xmp.xpath(f"//{path}/text()", namespaces=XMP)
            assert len(found) == 1, path
            return found[0]

        assert one("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        assert one("pdf:Trapped") == "False" and info.Trapped == "/False"
        assert one("xmpMM:DocumentID").startswith("uuid:") and one("xmpMM:VersionID") == "1"
        assert one("xmpMM:RenditionClass") == "default"
        assert one("xmp:CreateDate") == "2023-11-14T22:13:20Z" == one("xmp:ModifyDate")
        assert str(info.CreationDate) == "D:20231114221320Z" == str(info.ModDate)
        assert str(info.GTS_PDFXVersion) == "PDF/X-4" and str(info.Title)
        assert not xmp.xpath("//*[local-name()='part']")  # no pdfaid/pdfuaid claim
        for key in ("/AF", "/StructTreeRoot", "/Encrypt"):
            assert key not in pdf.Root and key not in pdf.trailer


def colour_walk(holder):
    """(operator, fill colour, stroke colour) for each painting or text operator of a
    content stream, following q/Q; colours as (space, values)."""
    fill = stroke = ("/DeviceGray", (0.0,))
    stack = []
    for operands, op in pikepdf.parse_content_stream(holder):
        name = str(op)
        if name == "q":
            stack.append((fill, stroke))
        elif name == "Q":
            fill, stroke = stack.pop()
        elif name in ("rg", "g", "k"):
            fill = ({"rg": "/DeviceRGB", "g": "/DeviceGray", "k": "/DeviceCMYK"}[name], tuple(float(v) for v in operands))
        elif name in ("RG", "G", "K"):
            stroke = ({"RG": "/DeviceRGB", "G": "/DeviceGray", "K": "/DeviceCMYK"}[name], tuple(float(v) for v in operands))
        elif name == "cs":
            fill = (str(operands[0]), ())
        elif name == "CS":
            stroke = (str(operands[0]), ())
        elif name in ("sc", "scn"):
            fill = (fill[0], tuple(float(v) for v in operands))
        elif name in ("SC", "SCN"):
            stroke = (stroke[0], tuple(float(v) for v in operands))
        elif name in ("TJ", "Tj", "'", '"', "f", "f*", "F", "B", "B*", "b", "b*", "S", "s"):
            yield name, fill, stroke


def test_text_is_pure_black_and_rules_are_k_tints(book):
    text, shapes, rgb_ops = [], [], []
    with pikepdf.open(book) as pdf:
        holders = list(content_holders(pdf))
        assert len(holders) > len(pdf.pages)  # the line-number forms are walked too
        for holder in holders:
            rgb_ops += [str(op) for _, op in pikepdf.parse_content_stream(holder) if str(op) in ("rg", "RG", "g", "G")]
            for name, fill, stroke in colour_walk(holder):
                (text if name in ("TJ", "Tj", "'", '"') else shapes).append((name, fill, stroke))
    assert not rgb_ops, f"RGB or grey operators left: {set(rgb_ops)}"
    assert len(text) > 2000
    fills = {fill for _, fill, _ in text}
    # every text run in DeviceCMYK, with no C, M or Y; body text 0 0 0 1
    assert all(space == "/DeviceCMYK" and values[:3] == (0, 0, 0) for space, values in fills), fills
    black = sum(1 for _, fill, _ in text if fill == ("/DeviceCMYK", (0, 0, 0, 1)))
    assert black / len(text) > 0.9
    assert ("/DeviceCMYK", (0, 0, 0, 0.8)) in fills  # the theme's #333 separators: a K tint
    rules = {fill for name, fill, _ in shapes if name.startswith("f")}
    assert ("/DeviceCMYK", (0, 0, 0, 0.5333)) in rules  # the apparatus series' #777 rule
    assert all(space == "/DeviceCMYK" and values[:3] == (0, 0, 0) for space, values in rules), rules
    marks = {stroke for name, _, stroke in shapes if name == "S"}
    assert marks == {("/Reg", (1.0,))}  # crop marks in the registration colour


def test_crop_marks_stand_outside_the_trim(book, tmp_path):
    """A picture of page 2's top-left corner at 150 dpi: the marks prolong the trim lines
    from 4 mm to 9 mm outside the trim, nothing is drawn inside the bleed, the text starts
    inside the trim."""
    from PIL import Image

    dpi = 150
    px = dpi / 25.4  # pixels a millimetre
    size = int(30 * px)
    stem = str(tmp_path / "corner")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "2", "-l", "2", "-x", "0", "-y", "0", "-W", str(size), "-H", str(size),
                    "-png", "-singlefile", book, stem], check=True)
    img = Image.open(stem + ".png").convert("L")
    trim = 9 * px  # the trim's corner, from the media's

    def dark(x, y):
        return img.getpixel((int(x), int(y))) < 128

    # the vertical mark above the trim's left edge, the horizontal one left of its top edge
    assert any(dark(trim + dx, 2 * px) for dx in (-1, 0, 1)) and any(dark(2 * px, trim + dy) for dy in (-1, 0, 1))
    inside_bleed = [(x, y) for x in range(int(trim - 3 * px) + 1, int(trim + 15 * px)) for y in range(int(trim - 3 * px) + 1, int(trim + 3 * px))]
    assert not any(dark(x, y) for x, y in inside_bleed)
    assert not any(dark(x, y) for x in range(int(trim + 2), size) for y in range(0, int(trim - 4 * px) - 2))


def test_fonts_embedded_once_and_qpdf_clean(book):
    fonts = subprocess.run(["pdffonts", book], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    names = [line.split()[0] for line in fonts]
    assert names and len(names) == len(set(names)), names
    assert all(" yes yes yes " in line for line in fonts), fonts
    check = subprocess.run(["qpdf", "--check", book], capture_output=True, text=True)
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout


def test_no_link_annotations_outline_kept(book):
    with pikepdf.open(book) as pdf:
        assert not any("/Annots" in page.obj for page in pdf.pages)
        assert "/Outlines" in pdf.Root


def test_settings_bleed_without_marks_and_same_bytes(a4):
    first, second = a4
    with open(first, "rb") as a, open(second, "rb") as b:
        assert a.read() == b.read()
    with pikepdf.open(first) as pdf:
        for page in pdf.pages:
            b = boxes(page)
            assert close(b["/TrimBox"], [0, 0, *A4])
            assert close(b["/BleedBox"], grown(b["/TrimBox"], 3.175)) and close(b["/MediaBox"], b["/BleedBox"])
            assert b"/Reg" not in page.obj.Contents.read_bytes()


@pytest.mark.parametrize("value, message", [
    ("{bleed: 3}", "2:27: error: bleed must be a length"),
    ("{bleed: 3mm, marks: trim}", "2:39: error: marks must be 'crop' or 'none', not 'trim'"),
    ("{profile: press.icc}", "2:29: error: no ICC profile press.icc beside the edition"),
])
def test_bad_print_settings_are_located_errors(write_source, value, message):
    src = write_source(f"""
        edition: {{title: T, language: tr}}
        settings: {{print: {value}}}
        body:
          - heading: A
            text: x
        """)
    with pytest.raises(EditionError) as exc:
        load(src)
    assert any(message in str(d) for d in exc.value.diagnostics), [str(d) for d in exc.value.diagnostics]


def test_print_with_a_pdf_variant_is_refused(tmp_path, capsys):
    assert cli.main(["build", SAMPLE, "-o", str(tmp_path / "x.pdf"), "--print", "--pdf-variant", "pdf/a-3b"]) == 2
    assert "--print (PDF/X-4) and --pdf-variant pdf/a-3b cannot be one file" in capsys.readouterr().err
    assert cli.main(["build", SAMPLE, "-o", str(tmp_path / "x.yaml"), "--print"]) == 2
    assert not os.listdir(tmp_path)


def test_a_page_patched_into_the_printers_file_gets_its_colours_and_marks(book):
    """``edition watch`` puts a page laid out alone into the previous file (pdf/splice.py
    keeps the page object, replaces its content): the step ``repress`` gives it back the K
    colours and crop marks; its boxes stay the file's."""
    from edition.engine import render
    from edition.pdf import finish_page

    with open(book, "rb") as fh:
        previous = fh.read()
    page = render("<style>@page { size: 176mm 250mm; margin: 20mm }</style><p style='color: #555'>patched</p>")
    patched = finish_page(previous, page, 3)
    with pikepdf.open(io.BytesIO(patched)) as pdf, pikepdf.open(book) as before:
        assert boxes(pdf.pages[3]) == boxes(before.pages[3])
        ops = [(str(op), [float(v) for v in operands] if str(op) in ("k", "K") else [])
               for operands, op in pikepdf.parse_content_stream(pdf.pages[3])]
        names = {op for op, _ in ops}
        assert not names & {"rg", "RG", "g", "G"}
        assert ("k", [0, 0, 0, pytest.approx(0.6667, abs=1e-3)]) in ops
        assert b"/Reg CS" in pdf.pages[3].obj.Contents.read_bytes()


def one_image_pdf(pixels: int, inches: float, in_form: bool) -> pikepdf.Pdf:
    """A page drawing a ``pixels``² grey image ``inches`` wide (in a form scaled by 2 when
    ``in_form``: the image is drawn at half, then the form doubles it)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    image = pikepdf.Stream(pdf, bytes(pixels * pixels), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=pixels, Height=pixels, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
    points = inches * 72
    page = pdf.pages[0]
    if in_form:
        form = pikepdf.Stream(pdf, f"q {points / 2} 0 0 {points / 2} 0 0 cm /Im0 Do Q".encode(), Type=pikepdf.Name.XObject,
                              Subtype=pikepdf.Name.Form, BBox=[0, 0, 612, 792], Matrix=[2, 0, 0, 2, 0, 0],
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)))
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
        page.obj.Contents = pdf.make_stream(b"q 1 0 0 1 50 50 cm /Fm0 Do Q")
    else:
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.obj.Contents = pdf.make_stream(f"q {points} 0 0 {points} 50 50 cm /Im0 Do Q".encode())
    return pdf


def test_image_resolution_at_printed_size():
    """The sample has no images (the model has none: only a theme could bring one), so the
    check runs on PDFs made here: 600 px at 2 in is 300 dpi, at 4 in 150 dpi."""
    fine = one_image_pdf(600, 2, in_form=False)
    (placed,) = image_resolutions(fine)
    assert placed.dpi == pytest.approx(300) and coarse_images(fine) == []
    coarse = one_image_pdf(600, 4, in_form=True)
    assert image_resolutions(coarse)[0].size == (pytest.approx(288), pytest.approx(288))
    (sentence,) = coarse_images(coarse)
    assert sentence.startswith("page 1: image /Im0 prints at 150 dpi (600×600 px at 101.6×101.6 mm)")


def test_crop_marks_geometry():
    marks = crop_marks([0, 0, 100, 200], Press(bleed=3)).decode()
    start, end = 4 * MM, 9 * MM
    assert f"0.000 {-start:.3f} m 0.000 {-end:.3f} l" in marks  # below the bottom-left corner
    assert f"{100 + start:.3f} 200.000 m {100 + end:.3f} 200.000 l" in marks  # right of the top-right


def test_a_profile_that_is_not_cmyk_is_refused_before_any_layout(write_source, tmp_path):
    from edition.engine import srgb_profile

    (tmp_path / "screen.icc").write_bytes(srgb_profile())
    src = write_source("""
        edition: {title: T, language: tr}
        settings: {print: {profile: screen.icc}}
        body:
          - heading: A
            text: x
        """)
    with pytest.raises(EditionError) as exc:
        build_pdf(src, str(tmp_path / "x.pdf"), print_file=True)
    (message,) = [str(d) for d in exc.value.diagnostics]
    assert "screen.icc is not a CMYK output (printer) profile (RGB, mntr)" in message
    assert not (tmp_path / "x.pdf").exists()


def test_a_registered_condition_names_its_registry():
    from edition.pdf.press import output_intent

    pdf = pikepdf.new()
    output_intent(pdf, Press(condition="FOGRA39"))
    (intent,) = pdf.Root.OutputIntents
    assert str(intent.OutputConditionIdentifier) == "FOGRA39" and str(intent.RegistryName) == "http://www.color.org"


def test_the_printers_profile_replaces_the_default(tmp_path):
    """``settings: print: profile:`` (a real path once read): its bytes, not the default's;
    a profile gone since is an error that says what to do."""
    from edition.pdf.press import PressError, profile

    given = tmp_path / "press.icc"
    theirs = cmyk.profile()[:-2] + b"\0\1"  # a CMYK printer profile other than the default
    given.write_bytes(theirs)
    assert profile(Press(profile=str(given))) == theirs != profile(Press())
    with pytest.raises(PressError) as exc:
        profile(Press(profile=str(tmp_path / "gone.icc")))
    assert "gone.icc is missing" in str(exc.value) and "leave profile: out" in exc.value.hint
