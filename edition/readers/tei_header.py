"""The TEI reader's header and registers (edition/readers/tei.py): ``teiHeader`` ->
:class:`~edition.model.Meta`, witnesses, settings; ``listPerson``/``listPlace`` (and our
export's subject taxonomy) -> register entries.

Where each field comes from: the title from ``titleStmt/title`` (``@type="main"`` or the
first; ``@type="sub"`` the subtitle), authors from ``titleStmt/author``, the language from
``TEI/@xml:lang`` (else ``text``, else ``langUsage``), the DOI from ``idno[@type="DOI"]``,
the licence from ``availability/licence`` (its text or ``@target``) or ``availability/p``,
the date from ``publicationStmt/date``, witnesses from every ``listWit//witness`` (siglum:
its ``xml:id``), the editor's note from ``editorialDecl`` when the front matter has none,
abstracts from ``profileDesc/abstract``; our export's ``xenoData`` gives the settings, the
base witness, the bibliography files and the journal.
"""

from __future__ import annotations

import os
import re

from ..model import Abstract, Author, Paragraph, RegisterEntry, Settings, Text
from .tei import XML_ID, XML_LANG, local
from .tei_body import EDITION_NS, _children, _first, _id_of, _q, authority_of, norm, text_content

_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)*")


def read_header(b, root, header, xeno) -> None:
    ed, meta = b.ed, b.ed.meta
    lang = root.get(XML_LANG) or (_first(root, "text").get(XML_LANG) if _first(root, "text") is not None else None)
    if not lang and header is not None:
        first = header.find(".//" + _q("language"))
        lang = first.get("ident") if first is not None else None
    if lang and _LANG.fullmatch(lang):
        meta.language = lang
    elif lang:
        b.rep.warning(b.loc(root), f"language '{lang}' is not a BCP 47 code: read as 'en'", "write xml:lang=\"la\", \"de\", \"en\" ...")
    if header is None:
        b.rep.warning(b.loc(root), "a TEI document without <teiHeader>: no title, authors or witnesses")
        meta.title = os.path.splitext(os.path.basename(b.path))[0]
        return
    ts = _first(header, "fileDesc/titleStmt")
    if ts is not None:
        titles = _children(ts, "title")
        # the work's own title: type main, else an analytic title (a letter in a series), else
        # one with neither type nor level, else the first
        b.translated_titles = {t.get(XML_LANG): text_content(t) for t in titles if t.get("type") == "translated" and t.get(XML_LANG)}
        titles = [t for t in titles if t.get("type") != "translated"] or titles
        main = ([t for t in titles if t.get("type") in ("main", "full")] or [t for t in titles if t.get("level") == "a"]
                or [t for t in titles if not t.get("type") and not t.get("level")] or titles)
        meta.title = text_content(main[0]) if main else ""
        subs = [t for t in titles if t.get("type") in ("sub", "subtitle")]
        meta.subtitle = text_content(subs[0]) if subs else ""
        for a in _children(ts, "author"):
            pn = _children(a, "persName", "name", "orgName")
            aff = _children(a, "affiliation")
            orcid = [i for i in _children(a, "idno") if (i.get("type") or "").upper() == "ORCID"]
            email = _children(a, "email")
            name = text_content(pn[0]) if pn else text_content(a)
            if name:
                meta.authors.append(Author(name, text_content(aff[0]) if aff else "", text_content(orcid[0]) if orcid else "",
                                           text_content(email[0]) if email else ""))
    if not meta.title:
        meta.title = os.path.splitext(os.path.basename(b.path))[0]
        b.rep.warning(b.loc(header), f"the TEI header gives no title: the file name '{meta.title}' is used", "add <titleStmt><title>")
    ps = _first(header, "fileDesc/publicationStmt")
    if ps is not None:
        for idno in _children(ps, "idno"):
            if (idno.get("type") or "").upper() == "DOI":
                meta.doi = text_content(idno)
            elif (idno.get("type") or "").upper() == "URL" and hasattr(meta, "url"):
                meta.url = text_content(idno)
        av = _children(ps, "availability")
        if av:
            lic = _children(av[0], "licence")
            meta.licence = (text_content(lic[0]) or lic[0].get("target", "")) if lic else text_content(av[0])
        dates = _children(ps, "date")
        if dates:
            meta.date = text_content(dates[0]) or dates[0].get("when", "")
    for wit in header.iter(_q("witness")):
        ident = wit.get(XML_ID)
        if not ident:
            continue
        siglum = wit.get("n") if b.ours and wit.get("n") else ident
        b.ids[ident] = siglum
        own = [wit.text or ""] + [("" if local(c) in ("witness", "listWit") else "".join(c.itertext())) + (c.tail or "") for c in wit]
        ed.witnesses[siglum] = norm("".join(own)) or siglum
    ve = header.find(".//" + _q("variantEncoding"))
    if ve is not None and ve.get("method") in ("location-referenced", "double-end-point"):
        b.rep.warning(b.loc(ve), f"the apparatus is encoded {ve.get('method')}: read at each <app>'s place, as parallel segmentation",
                      "entries without <lem> print their readings where the <app> stands")
    decl = header.find(".//" + _q("editorialDecl"))
    if decl is not None and not b.ours:
        paras = [text_content(p) for p in decl.iter(_q("p"))] or [text_content(decl)]
        meta.editor_note = [Paragraph([Text(p)], loc=b.loc(decl)) for p in paras if p]
    for ab in header.iter(_q("abstract")):
        a = Abstract(language=ab.get(XML_LANG) or meta.language, heading="", loc=b.loc(ab))
        a.paragraphs = [p for p in b.blocks(ab) if isinstance(p, Paragraph)]
        meta.abstracts.append(a)
    if xeno is not None:
        _read_xeno(b, xeno)


def _read_xeno(b, src) -> None:
    """Our export's settings, base witness, bibliography files and journal."""
    from .yamlsrc import edition_file

    E = "{%s}" % EDITION_NS
    ed = b.ed
    base = src.get("base-witness", "")
    if base:
        ed.base_witness = base
        if base not in ed.witnesses:
            b.rep.error(b.loc(src), f"base-witness '{base}' is not declared in <listWit>")
    st = src.find(E + "settings")
    defaults = Settings()
    if st is not None and hasattr(defaults, "apparatus_terms"):
        ed.settings.apparatus_terms = {t.get("label", ""): t.get("word", "") for t in st.findall(E + "term")}
    if st is not None:
        for name, value in st.attrib.items():
            field = name.replace("-", "_")
            if not hasattr(defaults, field) or field.endswith("_loc"):
                b.rep.warning(b.loc(st), f"unknown setting '{name}' in the edition's xenoData: left out")
                continue
            default = getattr(defaults, field)
            if isinstance(default, bool):
                setattr(ed.settings, field, value == "true")
            elif isinstance(default, int):
                setattr(ed.settings, field, int(value) if value.isdigit() else default)
            else:
                setattr(ed.settings, field, value)
        ed.settings.citation_style_loc = b.loc(st)
    base_dir = os.path.dirname(os.path.abspath(b.path))
    for bib in src.findall(E + "bibliography"):
        full = edition_file(base_dir, bib.get("href", ""), b.loc(bib), "bibliography", b.rep)
        if full is not None:
            ed.bibliography.append(full)
            ed.inputs.setdefault(full, b.loc(bib))
    for j in src.findall(E + "journal"):
        ed.meta.journal[j.get("key", "")] = j.get("value", "")


# --------------------------------------------------------------------------- registers


def read_registers(b, root) -> None:
    """Register entries from every ``person``/``place`` (in ``listPerson``/``listPlace``,
    wherever they are) and our export's subject taxonomy; bibliography ids of ``listBibl``."""
    kinds = (("person", ("persName", "name")), ("place", ("placeName", "name", "settlement", "country", "geogName")))
    found = []
    for kind, name_el in kinds:  # every id first: a see or parent pointer may point forward
        for el in root.iter(_q(kind)):
            ident = el.get(XML_ID)
            if ident:
                key = el.get("n") if b.ours and el.get("n") else ident
                b.entry_ids[ident] = (kind, key)
                found.append((el, kind, key, name_el))
    for el, kind, key, name_el in found:
        b.ed.registers[f"{kind}:{key}"] = _entry(b, el, kind, key, name_el)
    for cat in root.iter(_q("category")):
        ident = cat.get(XML_ID)
        if ident and b.ours:
            key = cat.get("n") or (ident[len("subject."):] if ident.startswith("subject.") else ident)
            b.entry_ids[ident] = ("subject", key)
            b.ed.registers[f"subject:{key}"] = RegisterEntry(key=key, kind="subject", name=text_content(cat), loc=b.loc(cat))
    for bibl in root.iter(_q("bibl"), _q("biblStruct")):
        ident = bibl.get(XML_ID)
        if ident:
            b.bib_keys[ident] = bibl.get("n") if b.ours and bibl.get("n") else ident
            b.bib_sigla[ident] = (bibl.get("n") or ident, text_content(bibl))


def _entry(b, el, kind: str, key: str, name_els: tuple) -> RegisterEntry:
    names = [c for c in el if local(c) in name_els]
    main = [n for n in names if n.get("type") in ("main", "reg", "full")] or names[:1]
    entry = RegisterEntry(key=key, kind=kind, name=_name_text(main[0]) if main else key, loc=b.loc(el))
    entry.variants = [_name_text(n) for n in names if n not in main]
    for idno in _children(el, "idno"):
        value, kind_of = text_content(idno), (idno.get("type") or "").lower()
        if kind_of in ("wikidata", "viaf", "geonames"):
            entry.authority[kind_of] = value
        else:
            found = authority_of(value)
            if found:
                entry.authority[found[0]] = found[1]
    dates = []
    for note in _children(el, "note", "birth", "death", "floruit", "occupation", "desc"):
        t = note.get("type", "")
        name = local(note)
        if name == "note" and t in ("see", "see-also", "parent"):
            targets = [_id_of(p.get("target", "")) for p in note.iter(_q("ptr"))]
            keys = [b.entry_ids[x][1] if x in b.entry_ids else x for x in targets]
            if t == "see":
                entry.see = keys
            elif t == "see-also":
                entry.see_also = keys
            elif keys:
                entry.parent = keys[0]
        elif name == "note" and t == "dates":
            entry.dates = text_content(note)
        elif name == "note" and t in ("description", ""):
            entry.description = text_content(note) if not entry.description else entry.description
        elif name in ("birth", "death", "floruit"):
            dates.append(_date_of(note))
        elif name in ("occupation", "desc") and not entry.description:
            entry.description = text_content(note)
    if dates and not entry.dates:
        parts = [d for d in dates if d]
        # "1860-1931", but ISO dates (1862-05-15) have hyphens of their own: an en dash then
        entry.dates = ("\u2013" if any("-" in d for d in parts) else "-").join(parts)
    return entry


def _date_of(event) -> str:
    """The date of a birth, death or floruit: its @when (or @notBefore), else that of its
    <date>, else its text without the place (a <placeName>, <location> or <geo> in it)."""
    when = event.get("when") or event.get("notBefore")
    if when:
        return when
    date = event.find(_q("date"))
    if date is not None:
        return date.get("when") or text_content(date)
    parts = [event.text or ""] + [("" if local(c) in ("placeName", "location", "settlement", "geo") else "".join(c.itertext())) + (c.tail or "") for c in event]
    return norm("".join(parts)).strip(" ,")


def _name_text(el) -> str:
    """A name's text; a name in parts as an index prints it: ``Surname, Forename`` (other
    parts in their order after the forename)."""
    parts = [c for c in el if local(c) in ("forename", "surname", "roleName", "addName", "genName", "nameLink")]
    if not parts or (el.text or "").strip():
        return text_content(el)
    surnames = [text_content(p) for p in parts if local(p) == "surname"]
    others = [text_content(p) for p in parts if local(p) != "surname"]
    if surnames and others:
        return norm(" ".join(surnames)) + ", " + norm(" ".join(others))
    return norm(" ".join(surnames + others))
