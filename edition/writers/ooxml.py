"""The WordprocessingML package around the DOCX writer's document: parts, styles, template.

A ``.docx`` is a zip of XML parts (ECMA-376): ``word/document.xml`` (the text),
``word/footnotes.xml`` and ``word/endnotes.xml`` (the two note series), ``word/styles.xml``,
``word/settings.xml``, the core and app properties, the relationships between them and
``[Content_Types].xml``.  :class:`Package` collects the parts and writes the zip the same way
every time (fixed order, fixed timestamps: the same edition gives the same bytes).

Styles are named as Word names its built-in ones ("heading 1", "footnote text", "Quote"):
a journal template (``--reference-docx``) is matched by those names, not by style ids, which
a localised Word writes differently ("Balk1" in a Turkish Word).  The template's styles,
theme, fonts, numbering and page setup (its last section's page size, margins and columns)
are kept; the edition's styles the template lacks are added.  Headers and footers of the
template come with it: the parts its last section names, their relationships and images.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass
from typing import Optional

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
NSMAP = {"w": W_NS, "r": R_NS}
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries' timestamp: none of the build's time in the file


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML element or attribute.

    >>> w("p")
    '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p'
    """
    return f"{{{W_NS}}}{tag}"


def el(tag: str, attrs: Optional[dict] = None, *children, **kw) -> etree._Element:
    """A w: element with w: attributes (``el("pStyle", {"val": "Quote"})``) and children."""
    e = etree.Element(w(tag), nsmap=kw.get("nsmap"))
    for k, v in (attrs or {}).items():
        e.set(k if k.startswith("{") else w(k), str(v))
    for c in children:
        if c is not None:
            e.append(c)
    return e


# --------------------------------------------------------------------------- styles
@dataclass(frozen=True)
class StyleDef:
    """One style the writer uses: its id, Word's name for it, type, the style it is based on,
    and its paragraph and run properties (XML fragments in the w: namespace)."""

    id: str
    name: str
    type: str = "paragraph"
    based_on: str = "Normal"
    ppr: str = ""
    rpr: str = ""
    next: str = ""


STYLES = (
    StyleDef("Normal", "Normal", based_on="", ppr='<w:spacing w:after="120" w:line="276" w:lineRule="auto"/><w:jc w:val="both"/>'),
    StyleDef("Title", "Title", ppr='<w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>', rpr='<w:b/><w:sz w:val="32"/>', next="Normal"),
    StyleDef("Subtitle", "Subtitle", ppr='<w:spacing w:after="240"/><w:jc w:val="center"/>', rpr='<w:i/><w:sz w:val="26"/>', next="Normal"),
    *(StyleDef(f"Heading{n}", f"heading {n}", ppr=f'<w:keepNext/><w:spacing w:before="{360 - 60 * n}" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="{n - 1}"/>',
               rpr=f'<w:b/><w:sz w:val="{28 - 2 * n}"/>', next="Normal") for n in range(1, 7)),
    StyleDef("Quote", "Quote", ppr='<w:ind w:left="709" w:right="709"/>', rpr='<w:sz w:val="22"/>'),
    StyleDef("FootnoteText", "footnote text", ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>', rpr='<w:sz w:val="20"/>'),
    StyleDef("FootnoteReference", "footnote reference", type="character", based_on="", rpr='<w:vertAlign w:val="superscript"/>'),
    StyleDef("EndnoteText", "endnote text", ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>', rpr='<w:sz w:val="20"/>'),
    StyleDef("EndnoteReference", "endnote reference", type="character", based_on="", rpr='<w:vertAlign w:val="superscript"/>'),
    StyleDef("Hyperlink", "Hyperlink", type="character", based_on="", rpr='<w:color w:val="0563C1"/>'),
    StyleDef("Bibliography", "Bibliography", ppr='<w:ind w:left="567" w:hanging="567"/><w:jc w:val="left"/>'),
    StyleDef("IndexHeading", "index heading", ppr='<w:keepNext/><w:spacing w:before="120"/>', rpr='<w:b/>', next="Index1"),
    *(StyleDef(f"Index{n}", f"index {n}", ppr=f'<w:spacing w:after="0"/><w:ind w:left="{240 * n}" w:hanging="240"/><w:jc w:val="left"/>') for n in range(1, 4)),
    StyleDef("EdAuthor", "Author", ppr='<w:spacing w:after="60"/><w:jc w:val="center"/>'),
    StyleDef("EdArticleInfo", "Article Info", ppr='<w:spacing w:after="60"/><w:jc w:val="center"/>', rpr='<w:sz w:val="20"/>'),
    StyleDef("EdAbstractHeading", "Abstract Heading", ppr='<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>', rpr='<w:b/>'),
    StyleDef("EdTranslatedTitle", "Translated Title", ppr='<w:keepNext/><w:jc w:val="center"/>', rpr='<w:b/><w:i/>'),
    StyleDef("EdAbstract", "Abstract", ppr='<w:ind w:left="567" w:right="567"/>', rpr='<w:sz w:val="22"/>'),
    StyleDef("EdKeywords", "Keywords", ppr='<w:spacing w:after="240"/><w:ind w:left="567" w:right="567"/>', rpr='<w:sz w:val="22"/>'),
    StyleDef("EdApparatusInNote", "Apparatus in Note", based_on="FootnoteText", rpr='<w:sz w:val="18"/>'),
    StyleDef("EdWitnessPage", "Witness Page", type="character", based_on="", rpr='<w:color w:val="767676"/><w:sz w:val="16"/><w:vertAlign w:val="superscript"/>'),
)
BY_ID = {s.id: s for s in STYLES}


def _style_xml(s: StyleDef, ids: dict[str, str]) -> etree._Element:
    based = f'<w:basedOn w:val="{ids.get(s.based_on, s.based_on)}"/>' if s.based_on else ""
    nxt = f'<w:next w:val="{ids.get(s.next, s.next)}"/>' if s.next else ""
    default = ' w:default="1"' if s.id == "Normal" else ""
    ppr = f"<w:pPr>{s.ppr}</w:pPr>" if s.ppr and s.type == "paragraph" else ""
    rpr = f"<w:rPr>{s.rpr}</w:rPr>" if s.rpr else ""
    return etree.fromstring(
        f'<w:style xmlns:w="{W_NS}" w:type="{s.type}"{default} w:styleId="{ids[s.id]}"><w:name w:val="{s.name}"/>'
        f'{based}{nxt}<w:qFormat/>{ppr}{rpr}</w:style>'
    )


def default_styles(lang: str) -> etree._Element:
    """The writer's own styles.xml (no template): Times New Roman 12 pt, notes 10 pt."""
    root = etree.fromstring(
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>'
        f'<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults></w:styles>'
    )
    ids = {s.id: s.id for s in STYLES}
    for s in STYLES:
        root.append(_style_xml(s, ids))
    return root


def merge_styles(template: etree._Element) -> tuple[etree._Element, dict[str, str]]:
    """The template's styles.xml with the edition's styles it lacks added; and the id each of
    the writer's styles has in it (matched by Word's style name, case-insensitively)."""
    root = copy.deepcopy(template)
    by_name, taken = {}, set()
    for st in root.iter(w("style")):
        taken.add(st.get(w("styleId")))
        name = st.find(w("name"))
        if name is not None:
            by_name.setdefault((name.get(w("val")) or "").casefold(), st.get(w("styleId")))
    ids = {}
    for s in STYLES:
        found = by_name.get(s.name.casefold())
        if found:
            ids[s.id] = found
        else:
            ids[s.id] = s.id if s.id not in taken else "Ed" + s.id
    for s in STYLES:
        if s.name.casefold() not in by_name:
            root.append(_style_xml(s, ids))
    return root, ids


# --------------------------------------------------------------------------- the template
PAGE_SIZES = {"A4": (11906, 16838), "A5": (8391, 11906), "A3": (16838, 23811), "B5": (9979, 14175), "B4": (14175, 20013),
              "letter": (12240, 15840), "legal": (12240, 20160), "ledger": (15840, 24480)}
MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif", "emf": "image/x-emf", "wmf": "image/x-wmf",
               "svg": "image/svg+xml", "tif": "image/tiff", "tiff": "image/tiff"}
COPIED_PARTS = {  # template parts the package keeps: relationship type -> content type
    "theme": MAIN_CT.replace("wordprocessingml.", "") + "theme+xml",
    "fontTable": MAIN_CT + "fontTable+xml",
    "numbering": MAIN_CT + "numbering+xml",
}


class Template:
    """A journal's reference document (``--reference-docx``): its styles, page setup and the
    parts they need.  Raises ValueError for a file that is not a readable .docx."""

    def __init__(self, path: str):
        try:
            with zipfile.ZipFile(path) as z:
                self.parts = {n: z.read(n) for n in z.namelist()}
        except (zipfile.BadZipFile, OSError) as exc:
            raise ValueError(f"not a .docx (a zip of Word parts): {exc}") from exc
        if "word/styles.xml" not in self.parts or "word/document.xml" not in self.parts:
            raise ValueError("has no word/styles.xml or word/document.xml: not a Word document")
        try:
            self.styles = etree.fromstring(self.parts["word/styles.xml"])
            document = etree.fromstring(self.parts["word/document.xml"])
            rels = etree.fromstring(self.parts.get("word/_rels/document.xml.rels", f'<Relationships xmlns="{REL_NS}"/>'.encode()))
        except etree.XMLSyntaxError as exc:
            raise ValueError(f"a broken part: {exc}") from exc
        body = document.find(w("body"))
        sect = body.find(w("sectPr")) if body is not None else None
        self.sect_pr = copy.deepcopy(sect) if sect is not None else None
        self.extra = []  # (part name, relationship type, content type, bytes)
        targets = {}
        for rel in rels:
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = "word/" + rel.get("Target", "").lstrip("/").removeprefix("word/")
            targets[rel.get("Id")] = (kind, target)
            if kind in COPIED_PARTS and target in self.parts:
                self.extra.append((target, kind, COPIED_PARTS[kind], self.parts[target]))
        # the page's header and footer: their parts, their own relationships and what those
        # name inside the package (the journal's logo); a reference to a missing part is dropped
        self.headers = {}  # relationship id in the template -> (kind, part name)
        self.files = {}  # further parts copied as they are (header rels, images): name -> bytes
        for ref in self.sect_pr.findall(w("headerReference")) + self.sect_pr.findall(w("footerReference")) if self.sect_pr is not None else ():
            rid = ref.get(f"{{{R_NS}}}id")
            kind, target = targets.get(rid, ("", ""))
            if kind not in ("header", "footer") or target not in self.parts:
                self.sect_pr.remove(ref)
                continue
            self.headers[rid] = (kind, target)
            own = target.replace("word/", "word/_rels/", 1) + ".rels"
            if own in self.parts:
                self.files[own] = self.parts[own]
                for r in etree.fromstring(self.parts[own]):
                    name = "word/" + r.get("Target", "").lstrip("/").removeprefix("word/")
                    if r.get("TargetMode") != "External" and name in self.parts:
                        self.files[name] = self.parts[name]


def section_properties(page_size: str, template: Optional[Template]) -> etree._Element:
    """The document's page setup: the template's, else the edition's page size with 2.5 cm
    margins; endnotes (the apparatus) numbered a, b, c."""
    if template is not None and template.sect_pr is not None:
        sect = copy.deepcopy(template.sect_pr)
    else:
        width, height = PAGE_SIZES.get(page_size, PAGE_SIZES["A4"])
        sect = el("sectPr", None, el("pgSz", {"w": width, "h": height}),
                  el("pgMar", {"top": 1417, "right": 1417, "bottom": 1417, "left": 1417, "header": 708, "footer": 708, "gutter": 0}))
    for old in sect.findall(w("endnotePr")):
        sect.remove(old)
    endnote_pr = el("endnotePr", None, el("numFmt", {"val": "lowerLetter"}))
    after = [c for c in sect if c.tag in (w("headerReference"), w("footerReference"), w("footnotePr"))]
    sect.insert(sect.index(after[-1]) + 1 if after else 0, endnote_pr)
    return sect


def settings_xml() -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
        '<w:defaultTabStop w:val="708"/>'
        '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        '<w:endnotePr><w:numFmt w:val="lowerLetter"/><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        "</w:settings>"
    ).encode("utf-8")


def notes_root(kind: str) -> etree._Element:
    """``w:footnotes`` or ``w:endnotes`` with Word's separator and continuation separator."""
    root = el(kind + "s", nsmap=NSMAP)
    for nid, sep in (("-1", "separator"), ("0", "continuationSeparator")):
        root.append(el(kind, {"type": sep, "id": nid}, el("p", None, el("pPr", None, el("spacing", {"after": 0, "line": 240, "lineRule": "auto"})),
                                                            el("r", None, el(sep)))))
    return root


# --------------------------------------------------------------------------- the package
def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Package:
    """The parts of one .docx; :meth:`bytes` writes the zip (deterministic)."""

    def __init__(self):
        self.parts: dict[str, bytes] = {}
        self.types: dict[str, str] = {}  # part name -> content type
        self.doc_rels: list[tuple[str, str, str, bool]] = []  # (id, type, target, external)
        # a part's relationships are its own: a hyperlink in footnotes.xml resolves its r:id
        # in word/_rels/footnotes.xml.rels, not in the document's
        self.part_rels: dict[str, list[tuple[str, str, str, bool]]] = {}

    def add(self, name: str, data: bytes, content_type: Optional[str], rel_type: Optional[str] = None) -> str:
        """Add a part (``content_type`` None: a file typed by its extension, an image); the id
        of its relationship from the document when ``rel_type`` is given."""
        self.parts[name] = data
        if content_type:
            self.types[name] = content_type
        if rel_type:
            rid = f"rId{len(self.doc_rels) + 1}"
            self.doc_rels.append((rid, OFFICE_REL + rel_type, name.removeprefix("word/"), False))
            return rid
        return ""

    def external(self, url: str, part: str = "document") -> str:
        """The relationship id of a hyperlink to ``url`` from ``part`` (``document``,
        ``footnotes``, ``endnotes``; one per distinct URL and part)."""
        rels = self.doc_rels if part == "document" else self.part_rels.setdefault(part, [])
        for rid, kind, target, ext in rels:
            if ext and target == url:
                return rid
        rid = f"rId{len(rels) + 1}"
        rels.append((rid, OFFICE_REL + "hyperlink", url, True))
        return rid

    def _rels(self, rels: list[tuple[str, str, str, bool]]) -> bytes:
        root = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
        for rid, kind, target, ext in rels:
            r = etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=rid, Type=kind, Target=target)
            if ext:
                r.set("TargetMode", "External")
        return xml_bytes(root)

    def bytes(self) -> bytes:
        types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension="rels", ContentType="application/vnd.openxmlformats-package.relationships+xml")
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension="xml", ContentType="application/xml")
        for ext in sorted({n.rsplit(".", 1)[-1].lower() for n in self.parts if n not in self.types and "." in n} - {"rels", "xml"}):
            etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=ext, ContentType=MEDIA_TYPES.get(ext, "application/octet-stream"))
        for name in sorted(self.types):
            etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=self.types[name])
        root_rels = [
            ("rId1", OFFICE_REL + "officeDocument", "word/document.xml", False),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml", False),
            ("rId3", OFFICE_REL + "extended-properties", "docProps/app.xml", False),
        ]
        files = [("[Content_Types].xml", xml_bytes(types)), ("_rels/.rels", self._rels(root_rels)),
                 ("word/_rels/document.xml.rels", self._rels(self.doc_rels))]
        files += [(f"word/_rels/{part}.xml.rels", self._rels(rels)) for part, rels in sorted(self.part_rels.items()) if rels]
        files += sorted(self.parts.items())
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, data in files:
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                z.writestr(info, data, compresslevel=9)
        return buf.getvalue()
