"""Step ``press``: the printer's file (``edition build --print``): PDF/X-4, bleed, crop marks,
colours in CMYK, pure K for black.

What a press asks of a book's PDF, and where each thing is done:

- **Boxes.**  The page WeasyPrint laid out is the *trim* (its TrimBox, else its MediaBox:
  the layout does not change for print).  Every page gets ``TrimBox`` = the trim, ``BleedBox``
  = the trim grown by the bleed (:class:`Press`, ``settings: print: bleed:``), ``MediaBox``
  = the bleed box grown by the mark area (the crop marks stand outside the bleed, where the
  guillotine removes them), ``ArtBox`` is not written (optional in PDF/X-4).  Nothing of the
  edition is drawn in the bleed: its themes have no background or picture that reaches the
  trim edge.  The step runs last, on the finished pages, so the boxes hold whatever rebuilt
  the pages before it (chunk merge, line-number overlay, page patch).
- **Crop marks** (``marks: crop``): eight 0.25 pt strokes per page, starting
  :data:`MARK_GAP` outside the bleed, :data:`MARK_LENGTH` long, in the registration colour
  (``/Separation /All``: they print on every plate, as a press expects).
- **Colour.**  WeasyPrint writes sRGB (``r g b rg``): black text as ``0 0 0 rg``, which a RIP
  turns into four-colour black.  The step rewrites every colour operator of every page, form
  and tiling pattern: a neutral grey ``v v v rg`` (or ``v g``) becomes the K tint
  ``0 0 0 1-v k`` (black text ``0 0 0 1 k``, the theme's #333 separators ``0 0 0 0.8 k``,
  its #777 rules ``0 0 0 0.533 k``): the theme's colours stay in its CSS, one place, and the
  print file maps them all by one rule, the line numbers (drawn over the pages) included.  A
  colour that is not grey gets the plain conversion ``k = 1 - max(r, g, b)`` (no colour
  management) and the build says so.  A raster image in DeviceRGB is given WeasyPrint's
  sRGB ICC profile (what it is in a browser); one below :data:`MIN_DPI` at its printed size
  is reported (:func:`image_resolutions`).  WeasyPrint 70 does support CSS ``device-cmyk()``
  (it writes ``/DeviceCMYK cs c m y k scn``); mapping in the PDF instead keeps the default
  build's pixels and layout untouched and needs no second stylesheet to keep in step.
- **PDF/X-4.**  An output intent ``/GTS_PDFX`` with the CMYK ICC profile (:func:`profile`:
  ``settings: print: profile:``, else the idealised coated-paper profile made in code,
  pdf/cmyk.py, CC0), PDF 1.6, the XMP
  ``pdfxid:GTS_PDFXVersion`` with ``xmpMM`` ids and ``pdf:Trapped`` (pdf/xmp.py), the
  document information's ``/Trapped /False`` and dates, no encryption; fonts are embedded
  by WeasyPrint and shared by the step ``fonts``.  Link annotations are removed (paper has
  no links; PDF/X keeps annotations out of the printed area).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Optional

MM = 72 / 25.4  # PDF points per millimetre
MARK_GAP = 1.0  # mm between the bleed edge and a crop mark
MARK_LENGTH = 5.0  # mm, each crop mark
MARK_WIDTH = 0.25  # pt
MIN_DPI = 300  # an image's resolution at its printed size, below which print is coarse
MARKS = ("crop", "none")


@dataclass(frozen=True)
class Press:
    """How the printer's file is made (``settings: print:``; the defaults are a book
    printer's usual ones)."""

    bleed: float = 3.0  # mm around the trim
    marks: str = "crop"  # crop | none
    profile: str = ""  # the CMYK ICC profile of the printing condition ("" = pdf/cmyk.py's)
    condition: str = ""  # a registered condition's name (FOGRA39...); "" = Custom

    @property
    def margin(self) -> float:
        """mm from the trim to the media edge: bleed, then the marks' area."""
        return self.bleed + (MARK_GAP + MARK_LENGTH if self.marks == "crop" else 0.0)


def length_mm(text: str) -> Optional[float]:
    """A length of ``settings: print: bleed:`` in millimetres, or None.

    >>> length_mm("3mm"), length_mm("0.125in"), length_mm("8.5pt"), length_mm("3"), length_mm("0")
    (3.0, 3.175, 2.999, None, 0.0)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*", str(text))
    if not m or (m.group(2) is None and float(m.group(1)) != 0):
        return None
    value = float(m.group(1)) * {"mm": 1, "cm": 10, "in": 25.4, "pt": 25.4 / 72, None: 0}[m.group(2)]
    return round(value, 3)


# --- colour ---------------------------------------------------------------------------

def cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    """The CMYK an sRGB colour prints as: a grey as a K tint, other colours by the plain
    (uncalibrated) conversion.

    >>> cmyk(0, 0, 0), cmyk(0.2, 0.2, 0.2), cmyk(1, 1, 1)
    ((0, 0, 0, 1), (0, 0, 0, 0.8), (0, 0, 0, 0))
    >>> cmyk(1, 0, 0)
    (0, 1, 1, 0)
    """
    if r == g == b:
        return (0, 0, 0, _tint(1 - r))
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0, 0, 0, 1)
    return tuple(_tint((1 - v - k) / (1 - k)) for v in (r, g, b)) + (_tint(k),)  # type: ignore[return-value]


def _tint(value: float) -> float:
    value = round(min(1.0, max(0.0, value)), 4)
    return int(value) if value in (0, 1) else value


def _numbers(operands) -> list[float]:
    return [float(x) for x in operands]


def to_cmyk_operators(instructions, converted: set) -> list:
    """A content stream's instructions (pikepdf) with every DeviceRGB and DeviceGray colour
    in DeviceCMYK; ``converted`` collects the colours that were not grey (as #rrggbb)."""
    import pikepdf

    out = []
    space = {"cs": None, "CS": None}  # the colour space set by cs/CS, per fill/stroke
    for operands, op in instructions:
        name = str(op)
        if name in ("rg", "RG", "g", "G"):
            rgb = _numbers(operands) * (3 if name in ("g", "G") else 1)
            if not rgb[0] == rgb[1] == rgb[2]:
                converted.add("#" + "".join(f"{round(v * 255):02x}" for v in rgb))
            out.append((list(cmyk(*rgb)), pikepdf.Operator("k" if name in ("rg", "g") else "K")))
        elif name in ("cs", "CS"):
            space[name] = str(operands[0])
            if space[name] in ("/DeviceRGB", "/DeviceGray"):
                out.append(([pikepdf.Name.DeviceCMYK], op))
            else:
                out.append((operands, op))
        elif name in ("sc", "scn", "SC", "SCN") and space["cs" if name.islower() else "CS"] in ("/DeviceRGB", "/DeviceGray"):
            values = _numbers(operands)
            values = values * 3 if len(values) == 1 else values
            if not values[0] == values[1] == values[2]:
                converted.add("#" + "".join(f"{round(v * 255):02x}" for v in values))
            out.append((list(cmyk(*values)), op))
        else:
            out.append((operands, op))
    return out


def content_holders(pdf) -> Iterator:
    """Every content stream of ``pdf``: pages, then each form XObject and tiling pattern
    they use (each once)."""
    seen: set = set()

    def nested(resources):
        for kind in ("/XObject", "/Pattern"):
            for _name, obj in (resources.get(kind) or {}).items():
                key = obj.objgen
                if key in seen or not hasattr(obj, "read_bytes"):
                    continue
                seen.add(key)
                if obj.get("/Subtype") == "/Form" or obj.get("/PatternType") == 1:
                    yield obj
                    yield from nested(obj.get("/Resources") or {})

    for page in pdf.pages:
        yield page
        yield from nested(page.obj.get("/Resources") or {})


def recolour(pdf) -> list[str]:
    """Step ``press``'s colour: every page, form and pattern in DeviceCMYK (greys as K
    tints); DeviceRGB images tagged sRGB.  The colours that were not grey, as #rrggbb."""
    import pikepdf

    converted: set = set()
    for holder in content_holders(pdf):
        rewritten = pikepdf.unparse_content_stream(to_cmyk_operators(pikepdf.parse_content_stream(holder), converted))
        if isinstance(holder, pikepdf.Page):
            holder.obj.Contents = pdf.make_stream(rewritten)
        else:
            holder.write(rewritten)
    srgb = None
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image" and obj.get("/ColorSpace") == "/DeviceRGB":
            if srgb is None:
                from ..engine import srgb_profile

                srgb = pdf.make_indirect(pikepdf.Stream(pdf, srgb_profile(), N=3))
            obj.ColorSpace = pikepdf.Array([pikepdf.Name.ICCBased, srgb])
    return sorted(converted)


# --- boxes and marks --------------------------------------------------------------------

def _box(values) -> list[float]:
    return [float(v) for v in values]


def _array(box) -> "object":
    import pikepdf

    return pikepdf.Array([Decimal(f"{v:.4f}").normalize() if v else 0 for v in box])


def grow(box, by: float) -> list[float]:
    """``box`` (x0 y0 x1 y1, points) grown by ``by`` points on every side.

    >>> grow([0, 0, 10, 20], 2)
    [-2, -2, 12, 22]
    """
    x0, y0, x1, y1 = box
    return [x0 - by, y0 - by, x1 + by, y1 + by]


def crop_marks(trim, press: Press) -> bytes:
    """The content stream of a page's eight crop marks (``/Reg``: the registration colour),
    each on the prolonged trim line, from MARK_GAP outside the bleed, MARK_LENGTH long.

    >>> marks = crop_marks([0, 0, 100, 200], Press(bleed=3)).decode()
    >>> marks.count(" m "), marks.count(" l"), "/Reg CS 1 SCN" in marks
    (8, 8, True)
    """
    x0, y0, x1, y1 = trim
    start, end = (press.bleed + MARK_GAP) * MM, (press.bleed + MARK_GAP + MARK_LENGTH) * MM
    strokes = []
    for x in (x0, x1):
        for y, sign in ((y0, -1), (y1, 1)):
            strokes.append(((x, y + sign * start), (x, y + sign * end)))  # vertical, above/below
    for y in (y0, y1):
        for x, sign in ((x0, -1), (x1, 1)):
            strokes.append(((x + sign * start, y), (x + sign * end, y)))  # horizontal, left/right
    path = " ".join(f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l" for (a, b), (c, d) in strokes)
    return f"q /Reg CS 1 SCN {MARK_WIDTH} w 0 J [] 0 d {path} S Q\n".encode("ascii")


def registration(pdf):
    """The registration colour: a separation of every colourant (``/All``)."""
    import pikepdf

    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return pdf.make_indirect(pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, tint]))


def set_boxes(pdf, press: Press, pages: Optional[list[int]] = None, boxes: bool = True) -> None:
    """Trim, bleed and media boxes (unless not ``boxes``: a patched page keeps its own), and
    the crop marks, on ``pages`` (0-based; all when None).  A page's trim is its TrimBox as
    WeasyPrint wrote it (= its MediaBox, as the layout has no CSS bleed)."""
    reg = registration(pdf) if press.marks == "crop" else None
    for index, page in enumerate(pdf.pages):
        if pages is not None and index not in pages:
            continue
        trim = _box(page.obj.get("/TrimBox", page.obj.MediaBox))
        if boxes:
            page.obj.TrimBox = _array(trim)
            page.obj.BleedBox = _array(grow(trim, press.bleed * MM))
            page.obj.MediaBox = _array(grow(trim, press.margin * MM))
            for key in ("/CropBox", "/ArtBox"):
                if key in page.obj:
                    del page.obj[key]
        if reg is not None:
            _draw_marks(page, trim, press, reg)


def _draw_marks(page, trim, press: Press, reg) -> None:
    """The crop marks drawn after the page's content, with the page's own resources
    (WeasyPrint's pages share one dictionary) naming the registration colour ``/Reg``."""
    import pikepdf

    resources = pikepdf.Dictionary({k: v for k, v in page.obj.Resources.items()})
    spaces = pikepdf.Dictionary({k: v for k, v in (resources.get("/ColorSpace") or {}).items()})
    spaces.Reg = reg
    resources.ColorSpace = spaces
    page.obj.Resources = resources
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n" + crop_marks(trim, press))
    page.contents_coalesce()


# --- identification ---------------------------------------------------------------------

def profile(press: Press) -> bytes:
    """The CMYK output profile's bytes: the printer's (``settings: print: profile:``), else
    the idealised one made in code (pdf/cmyk.py); a missing or non-CMYK file is an error
    saying what to do."""
    if not press.profile:
        from .cmyk import profile as idealised

        return idealised()
    path = press.profile
    if not os.path.exists(path):
        raise PressError(f"the CMYK ICC profile {path} is missing",
                         "give settings: print: profile: <file.icc> (your printer's), or leave profile: out for the idealised default")
    with open(path, "rb") as fh:
        data = fh.read()
    # ICC header: colour space at byte 16, device class at byte 12
    if data[16:20] != b"CMYK" or data[12:16] != b"prtr":
        raise PressError(f"{path} is not a CMYK output (printer) profile ({data[16:20].decode('latin-1').strip()}, {data[12:16].decode('latin-1')})",
                         "a PDF/X-4 output intent is the printing condition's CMYK profile: ask the printer for it")
    return data


def profile_name(data: bytes) -> str:
    """The profile's description (its 'desc' tag), else 'CMYK'."""
    try:
        import io

        from PIL import ImageCms

        return ImageCms.getOpenProfile(io.BytesIO(data)).profile.profile_description.strip() or "CMYK"
    except Exception:  # pragma: no cover - an unreadable description
        return "CMYK"


def output_intent(pdf, press: Press) -> None:
    """The catalog's one output intent: GTS_PDFX, the CMYK profile of the printing condition."""
    import pikepdf

    data = profile(press)
    name = profile_name(data)
    stream = pdf.make_indirect(pikepdf.Stream(pdf, data, N=4))
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(press.condition or "Custom"),
        OutputCondition=pikepdf.String(name), Info=pikepdf.String(name), DestOutputProfile=stream)
    if press.condition:
        intent.RegistryName = pikepdf.String("http://www.color.org")
    pdf.Root.OutputIntents = pikepdf.Array([intent])


def pdf_date(date: str) -> str:
    """A W3C date (core.source_date) as a PDF date.

    >>> pdf_date("2024-05-01T10:20:30Z"), pdf_date("2024-05-01")
    ('D:20240501102030Z', 'D:20240501000000Z')
    """
    digits = re.sub(r"\D", "", date)[:14]
    return "D:" + digits.ljust(14, "0") + "Z"


def drop_links(pdf) -> None:
    """Link annotations removed (a printed page has none; PDF/X keeps annotations off it)."""
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        kept = [a for a in annots if a.get("/Subtype") != "/Link"]
        if kept:
            page.obj.Annots = kept
        else:
            del page.obj.Annots


class PressError(Exception):
    """The printer's file cannot be made (a message and what to do)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def press(pdf, setup: Press, description, identifier: bytes = b"", pages: Optional[list[int]] = None) -> list[str]:
    """Step ``press`` on ``pdf`` (a pikepdf.Pdf): the PDF/X-4 file.  ``description``: what
    its XMP says (pdf/xmp.py), with the date; returns the non-grey colours converted."""
    import pikepdf

    from .variants import PRINT
    from .xmp import identify

    converted = recolour(pdf)
    drop_links(pdf)
    set_boxes(pdf, setup, pages)
    output_intent(pdf, setup)
    info = pdf.docinfo
    info.Trapped = pikepdf.Name("/False")
    if description.date:
        for key in ("/CreationDate", "/ModDate"):
            info[key] = pikepdf.String(pdf_date(description.date))
    info.GTS_PDFXVersion = pikepdf.String("PDF/X-4")
    identify(pdf, description, PRINT, identifier)
    for key in ("/AF", "/StructTreeRoot", "/MarkInfo"):
        if key in pdf.Root:
            del pdf.Root[key]
    return converted


def pressed(pdf) -> Optional[Press]:
    """The setup a printer's file was made with, read from its boxes (None: not one)."""
    intents = pdf.Root.get("/OutputIntents") or []
    if not any(intent.get("/S") == "/GTS_PDFX" for intent in intents) or not len(pdf.pages):
        return None
    page = pdf.pages[0].obj
    trim, bleed, media = (_box(page.get(key, page.MediaBox)) for key in ("/TrimBox", "/BleedBox", "/MediaBox"))
    marks = "crop" if bleed[0] - media[0] > 0.01 else "none"
    return Press(bleed=round((trim[0] - bleed[0]) / MM, 3), marks=marks)


def repress(pdf, pages: list[int]) -> None:
    """``pages`` of a printer's file that a patch rebuilt (pdf/splice.py keeps a page's
    object, so its boxes, and replaces its content and resources): their colours, links and
    crop marks made again as the file's other pages have them."""
    setup = pressed(pdf)
    if setup is None:
        return
    recolour(pdf)
    drop_links(pdf)
    set_boxes(pdf, setup, pages, boxes=False)


# --- checks -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Placed:
    """A raster image as printed: its page (0-based), XObject name, pixels and size."""

    page: int
    name: str
    pixels: tuple[int, int]
    size: tuple[float, float]  # points

    @property
    def dpi(self) -> float:
        """The lower of its two resolutions at the printed size."""
        return min(p / (s / 72) for p, s in zip(self.pixels, self.size) if s > 0) if all(self.size) else 0.0


def _multiply(a, b):
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def image_resolutions(pdf) -> list[Placed]:
    """Every raster image drawn on ``pdf``'s pages (directly or inside forms), with the size
    the current transformation gives it."""
    import pikepdf

    found: list[Placed] = []

    def walk(holder, resources, ctm, page, depth=0):
        stack = []
        for operands, op in pikepdf.parse_content_stream(holder):
            name = str(op)
            if name == "q":
                stack.append(ctm)
            elif name == "Q" and stack:
                ctm = stack.pop()
            elif name == "cm":
                ctm = _multiply(tuple(float(x) for x in operands), ctm)
            elif name == "Do":
                xobj = (resources.get("/XObject") or {}).get(str(operands[0]))
                if xobj is None:
                    continue
                if xobj.get("/Subtype") == "/Image":
                    width = (ctm[0] ** 2 + ctm[1] ** 2) ** 0.5
                    height = (ctm[2] ** 2 + ctm[3] ** 2) ** 0.5
                    found.append(Placed(page, str(operands[0]), (int(xobj.Width), int(xobj.Height)), (round(width, 3), round(height, 3))))
                elif xobj.get("/Subtype") == "/Form" and depth < 8:
                    matrix = tuple(float(x) for x in xobj.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                    walk(xobj, xobj.get("/Resources") or resources, _multiply(matrix, ctm), page, depth + 1)

    for index, page in enumerate(pdf.pages):
        walk(page, page.obj.get("/Resources") or {}, (1, 0, 0, 1, 0, 0), index)
    return found


def colour_operators(pdf) -> Iterator[tuple[str, tuple]]:
    """(operator, operands) of every colour-setting operator on ``pdf``'s pages, forms and
    patterns."""
    import pikepdf

    for holder in content_holders(pdf):
        for operands, op in pikepdf.parse_content_stream(holder):
            if str(op) in ("rg", "RG", "g", "G", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN"):
                yield str(op), tuple(operands)


def process_colours(pdf) -> list[str]:
    """The CMYK colours that are not a K tint (``c m y k``), each once.

    >>> process_colours(_one_page(b"0 0 0 1 k 0 0 0 0.8 K 0.1 0 0 0 k"))
    ['0.1 0 0 0']
    """
    found = {" ".join(f"{float(v):g}" for v in operands) for op, operands in colour_operators(pdf)
             if op in ("k", "K") and any(float(v) for v in operands[:3])}
    return sorted(found)


def _one_page(content: bytes):
    """A one-page PDF drawing ``content`` (doctests)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj.Contents = pdf.make_stream(content)
    return pdf


def coarse_images(pdf, minimum: float = MIN_DPI) -> list[str]:
    """A sentence for each image printed below ``minimum`` dpi."""
    return [f"page {p.page + 1}: image {p.name} prints at {p.dpi:.0f} dpi ({p.pixels[0]}×{p.pixels[1]} px at "
            f"{p.size[0] / MM:.1f}×{p.size[1] / MM:.1f} mm); print needs {minimum:.0f} dpi"
            for p in image_resolutions(pdf) if p.dpi < minimum]
