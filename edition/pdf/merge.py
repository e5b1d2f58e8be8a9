"""Step ``merge``: the PDFs of the chunks of a layout (layout/chunks.py) as one file.

The first chunk's file is the base: its catalog (output intents, XMP, language, viewer
preferences, mark info: what WeasyPrint wrote for the PDF variant of the build) is the
merged file's.  The other chunks' pages are added to it, and what spans chunks is rebuilt:
the named destinations (the first chunk that has an anchor gives it, as WeasyPrint takes an
anchor's first occurrence), links to anchors in other chunks (a chunk gives them a stand-in
anchor so that WeasyPrint keeps them; a link whose anchor is nowhere is removed, as
WeasyPrint does), the outline (from every page's bookmarks, with WeasyPrint's own nesting
rules) and, in a tagged build, the structure tree: every chunk's top-level elements go under
the first chunk's /Document element, and the parent tree is numbered again (pages, then
annotations, chunk after chunk), each page and annotation pointing at its new key.  Each
chunk embeds its own subset of each font; :func:`share_fonts` makes them one program
(WeasyPrint keeps glyph ids when it subsets, so the subsets of a font differ only in which
glyphs they carry): the merged file is about as large as a one-process build's, and
:func:`share_font_dictionaries` leaves one font dictionary per font (both run in the step
``fonts``, after the line numbers, which bring subsets of their own).  A layout in one piece
is opened as it is.
"""

from __future__ import annotations

import io
import logging
import warnings
from typing import Optional


def merge(work, opened: list):
    """The parts of ``work`` as one pikepdf.Pdf (``opened``: every file opened, to close)."""
    import pikepdf

    from ..engine import log

    for data in work.parts:
        opened.append(pikepdf.open(io.BytesIO(data)))
    base = opened[0]
    if len(opened) == 1:
        return base
    parts = opened
    counts = [len(pdf.pages) for pdf in parts]
    offsets = [sum(counts[:i]) for i in range(len(parts))]
    # named destinations, each from the first chunk whose layout has the anchor
    dests: dict[str, tuple[int, object, object]] = {}
    for pdf, own, offset in zip(parts, work.anchors, offsets):
        index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        for name, dest in _named_dests(pdf):
            if name in own and name not in dests:
                dests[name] = (offset + index[dest[0].objgen], dest[2], dest[3])
    with warnings.catch_warnings():  # named destinations are rebuilt below
        warnings.simplefilter("ignore")
        for pdf in parts[1:]:
            base.pages.extend(pdf.pages)
    _structure(base, parts, offsets, counts)
    names = pikepdf.Array()
    for name in sorted(dests):
        page, x, y = dests[name]
        names.append(pikepdf.String(name))
        names.append(pikepdf.Array([base.pages[page].obj, pikepdf.Name.XYZ, x, y, 0]))
    if "/Names" not in base.Root:
        base.Root.Names = pikepdf.Dictionary()
    if dests:
        base.Root.Names.Dests = base.make_indirect(pikepdf.Dictionary(Names=names))
    elif "/Dests" in base.Root.Names:
        del base.Root.Names.Dests
    # links to an anchor no chunk has: removed, as WeasyPrint removes them
    for page in base.pages:
        if "/Annots" not in page.obj:
            continue
        kept = pikepdf.Array()
        for annot in page.obj.Annots:
            target = annot.get("/Dest")
            if isinstance(target, pikepdf.String) and str(target) not in dests:
                log.error("No anchor #%s for internal URI reference", str(target))
                continue
            kept.append(annot)
        page.obj.Annots = kept
    _outline(base, work.pages)
    return base


def _structure(base, parts: list, offsets: list[int], counts: list[int]) -> None:
    """One structure tree of the chunks' (tagged builds): see the module's docstring."""
    import pikepdf

    if "/StructTreeRoot" not in base.Root:
        return
    root = base.Root.StructTreeRoot
    document = root.K[0]
    nums = pikepdf.Array()
    key = 0
    for n, (pdf, offset, count) in enumerate(zip(parts, offsets, counts)):
        if "/StructTreeRoot" not in pdf.Root:
            continue
        theirs = pdf.Root.StructTreeRoot
        old = theirs.ParentTree.Nums
        values = {int(old[i]): old[i + 1] for i in range(0, len(old), 2)}
        new_key: dict[int, int] = {}
        for i in range(count):  # pages first, then annotations, as WeasyPrint numbers them
            new_key[int(pdf.pages[i].obj.get("/StructParents", i))] = key
            key += 1
        for old_key in sorted(k for k in values if k not in new_key):
            new_key[old_key] = key
            key += 1
        for i in range(count):
            page = base.pages[offset + i].obj
            if "/StructParents" in page:
                page.StructParents = new_key[int(page.StructParents)]
            for annot in page.get("/Annots", ()):
                if "/StructParent" in annot:
                    annot.StructParent = new_key[int(annot.StructParent)]

        def foreign(obj, pdf=pdf):
            return base.copy_foreign(obj if obj.is_indirect else pdf.make_indirect(obj))

        if n:  # the chunk's elements, under the first chunk's /Document
            for kid in theirs.K[0].K:
                kid = foreign(kid)
                kid.P = document
                document.K.append(kid)
        for old_key in sorted(values):
            nums.append(new_key[old_key])
            nums.append(foreign(values[old_key]) if n else values[old_key])
    root.ParentTree = base.make_indirect(pikepdf.Dictionary(Nums=_sorted_nums(nums)))
    root.ParentTreeNextKey = key


def _sorted_nums(nums):
    """A number tree's /Nums array in key order."""
    import pikepdf

    pairs = sorted(((int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)), key=lambda p: p[0])
    return pikepdf.Array([x for k, v in pairs for x in (k, v)])


def _named_dests(pdf):
    root = pdf.Root
    if "/Names" not in root or "/Dests" not in root.Names or "/Names" not in root.Names.Dests:
        return
    names = root.Names.Dests.Names
    for i in range(0, len(names), 2):
        yield str(names[i]), names[i + 1]


def _outline(pdf, pages: list) -> None:
    """The document outline from every page's bookmarks, nested as WeasyPrint nests them."""
    import pikepdf

    from ..engine import bookmark_tree

    if "/Outlines" in pdf.Root:
        del pdf.Root.Outlines
    root = bookmark_tree(pages)
    if not root:
        return

    def add(bookmarks, parent):
        items, count = [], len(bookmarks)
        for title, (number, x, y), children, state in bookmarks:
            item = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title), Dest=pikepdf.Array([pdf.pages[number].obj, pikepdf.Name.XYZ, x, y, 0])))
            kids, kids_count = add(children, item)
            item.Count = -kids_count if state == "closed" else kids_count
            if state != "closed":
                count += kids_count
            if items:
                item.Prev = items[-1]
                items[-1].Next = item
            if kids:
                item.First, item.Last = kids[0], kids[-1]
            item.Parent = parent
            items.append(item)
        return items, count

    outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    items, count = add(root, outlines)
    outlines.Count, outlines.First, outlines.Last = count, items[0], items[-1]
    pdf.Root.Outlines = outlines


def share_fonts(pdf) -> None:
    """One embedded program per font: the chunks' subsets of a font (same name, same glyph
    ids) merged into one, which every chunk's font descriptor then uses.  Each chunk's font
    dictionary keeps its own widths and Unicode map (of the glyphs its pages use)."""
    import pikepdf

    groups: dict[str, list] = {}
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile3", "/FontFile2"):
                if key in obj:
                    groups.setdefault(f"{obj.FontName}{key}", []).append((obj, key))
    for members in groups.values():
        if len(members) < 2:
            continue
        programs = [obj[key].read_bytes() for obj, key in members]
        try:
            merged = _merged_font(programs)
        except Exception as exc:  # a font fontTools cannot take apart: each chunk keeps its subset
            logging.getLogger("edition").debug("font %s not merged: %s", members[0][0].FontName, exc)
            merged = None
        if merged is None:
            continue
        first, key = members[0]
        stream = first[key]
        extra = {k: v for k, v in stream.items() if k in ("/Subtype", "/Length1")}
        shared = pikepdf.Stream(pdf, merged, **{k[1:]: v for k, v in extra.items()})
        if "/Length1" in extra:
            shared.Length1 = len(merged)
        shared = pdf.make_indirect(shared)
        for obj, key in members:
            obj[key] = shared


def share_font_dictionaries(pdf) -> None:
    """One font dictionary per font: the chunks' (and the line numbers') dictionaries of a
    font whose program :func:`share_fonts` made one become the first of them, with the
    union of their widths and Unicode maps; every resource dictionary then names that one
    (a validator, or ``pdffonts``, sees one subset per tag)."""
    import pikepdf

    groups: dict[str, list] = {}
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and obj.get("/Subtype") == "/Type0":
            groups.setdefault(str(obj.BaseFont), []).append(obj)
    replace: dict = {}
    for members in groups.values():
        if len(members) < 2 or not _shareable(members):
            continue
        first = members[0]
        widths: dict[int, object] = {}
        unicode: dict[int, str] = {}
        for font in members:
            widths.update(_widths(font.DescendantFonts[0].W))
            if "/ToUnicode" in font:
                unicode.update(_to_unicode(font.ToUnicode.read_bytes()))
        first.DescendantFonts[0].W = _width_array(widths)
        first.ToUnicode = pdf.make_indirect(pikepdf.Stream(pdf, _unicode_cmap(unicode)))
        for font in members[1:]:
            replace[font.objgen] = first
    if not replace:
        return

    def renamed(resources, depth=0):
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(fonts, pikepdf.Dictionary):
            for name in list(fonts.keys()):
                if fonts[name].objgen in replace:
                    fonts[name] = replace[fonts[name].objgen]
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(xobjects, pikepdf.Dictionary) and depth < 8:
            for name in list(xobjects.keys()):
                if xobjects[name].get("/Subtype") == "/Form" and "/Resources" in xobjects[name]:
                    renamed(xobjects[name].Resources, depth + 1)

    for page in pdf.pages:
        renamed(page.obj.get("/Resources"))


def _shareable(fonts) -> bool:
    """Dictionaries of one font that can be one: identity encoding and glyph map, one program."""
    descendants = [f.DescendantFonts[0] for f in fonts]
    programs = {d.FontDescriptor.get("/FontFile3", d.FontDescriptor.get("/FontFile2")).objgen
                for d in descendants if "/FontDescriptor" in d}
    return (all(f.get("/Encoding") == "/Identity-H" for f in fonts) and len(programs) == 1
            and all(d.get("/CIDToGIDMap", "/Identity") == "/Identity" for d in descendants)
            and all("/CIDSet" not in d.FontDescriptor for d in descendants))


def _widths(array) -> dict[int, object]:
    """CID -> width of a /W array (``c [w1 w2 ...]`` and ``c1 c2 w`` forms)."""
    import pikepdf

    out: dict[int, object] = {}
    i = 0
    while i < len(array):
        start = int(array[i])
        if isinstance(array[i + 1], pikepdf.Array):
            for k, w in enumerate(array[i + 1]):
                out[start + k] = w
            i += 2
        else:
            for cid in range(start, int(array[i + 1]) + 1):
                out[cid] = array[i + 2]
            i += 3
    return out


def _width_array(widths: dict[int, object]):
    """A /W array of runs of consecutive CIDs (as WeasyPrint writes it)."""
    import pikepdf

    out = pikepdf.Array()
    run = None
    for cid in sorted(widths):
        if run is None or cid - 1 not in widths:
            run = pikepdf.Array()
            out.append(cid)
            out.append(run)
        run.append(widths[cid])
    return out


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """CID -> text of a ToUnicode CMap's ``bfchar`` (and ``bfrange``) entries.

    >>> _to_unicode(b"2 beginbfchar <0046> <0065> <0001> <0020> endbfchar 1 beginbfrange <0010> <0011> <0041> endbfrange")
    {70: 'e', 1: ' ', 16: 'A', 17: 'B'}
    """
    import re

    out: dict[int, str] = {}
    text = cmap.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            out[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            base = bytes.fromhex(uni).decode("utf-16-be", "replace")
            for k, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[cid] = base[:-1] + chr(ord(base[-1]) + k)
    return out


def _unicode_cmap(unicode: dict[int, str]) -> bytes:
    """A ToUnicode CMap of ``unicode`` (CID -> text), in WeasyPrint's form."""
    head = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<< /Registry (Adobe)\n"
            "/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n")
    items = sorted(unicode.items())
    body = []
    for i in range(0, len(items), 100):
        batch = items[i:i + 100]
        body.append(f"{len(batch)} beginbfchar\n")
        body += [f"<{cid:04x}> <{text.encode('utf-16-be').hex()}>\n" for cid, text in batch]
        body.append("endbfchar\n")
    tail = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    return (head + "".join(body) + tail).encode("ascii")


def _merged_font(programs: list[bytes]) -> Optional[bytes]:
    """The union of font subsets that keep their glyph ids (OpenType CFF or TrueType), or
    None when they do not have the same glyphs in the same order."""
    from fontTools.ttLib import TTFont

    # no new timestamp (the same bytes on every build), bounding boxes kept (the union of
    # subsets of one font has the font's)
    fonts = [TTFont(io.BytesIO(p), recalcBBoxes=False, recalcTimestamp=False) for p in programs]
    base = fonts[0]
    order = base.getGlyphOrder()
    widest = max(fonts, key=lambda f: len(f.getGlyphOrder()))
    if widest.getGlyphOrder()[: len(order)] != order:
        return None
    if widest is not base:  # the subsets are cut after their last used glyph: start from the longest
        fonts.remove(widest)
        fonts.insert(0, widest)
        base, order = widest, widest.getGlyphOrder()
    metrics = base["hmtx"].metrics
    if "CFF " in base:
        charstrings = base["CFF "].cff.topDictIndex[0].CharStrings
        for other in fonts[1:]:
            theirs = other["CFF "].cff.topDictIndex[0].CharStrings
            for name in other.getGlyphOrder():
                glyph, mine = theirs[name], charstrings[name]
                if glyph.bytecode is not None and glyph.bytecode == mine.bytecode:
                    continue  # the same in both (most often: in neither)
                if _drawn(glyph) and not _drawn(mine):
                    charstrings[name].program = list(glyph.program)
                    metrics[name] = other["hmtx"].metrics[name]
    elif "glyf" in base:
        glyphs = base["glyf"]
        for other in fonts[1:]:
            for name in other.getGlyphOrder():
                glyph = other["glyf"][name]
                if glyph.numberOfContours != 0 and glyphs[name].numberOfContours == 0:
                    glyphs[name] = glyph
                    metrics[name] = other["hmtx"].metrics[name]
    else:
        return None
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


def _drawn(charstring) -> bool:
    """A CFF glyph with an outline (a subset leaves the glyphs it does not keep empty: at
    most a width, then ``endchar``); ``endchar`` with four operands is an accented letter
    made of two others (seac)."""
    charstring.decompile()
    program = charstring.program
    operators = [op for op in program if isinstance(op, str)]
    return operators != ["endchar"] or len(program) - 1 >= 4
