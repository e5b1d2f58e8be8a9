"""Localised citation terms and dates, by document language.

:data:`TERMS` maps a language to the words and abbreviations notes and bibliographies use
("s." / "p.", "çev." / "trans.").  A style may override any term for any language through its
``terms`` attribute; :func:`term_table` merges the two.  Unknown languages fall back to English.

>>> t = term_table("tr")
>>> t["page"], t["editor"], t["translator"], t["no_place"], t["no_date"]
('s.', 'ed.', 'çev.', 'y.y.', 'ty.')
>>> t = term_table("en-GB")
>>> t["page"], t["translator"], t["no_place"], t["no_date"]
('p.', 'trans.', 'n.p.', 'n.d.')
>>> format_date((2018, 11, 11), "tr"), format_date((2017, 3, 8), "en")
('11 Kasım 2018', 'March 8, 2017')
"""

from __future__ import annotations

import re
from typing import Mapping, Optional

__all__ = ["TERMS", "MONTHS", "SEASONS", "term_table", "base_language", "format_date", "parse_date"]

MONTHS = {
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
           "Eylül", "Ekim", "Kasım", "Aralık"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}

#: EDTF's months 21-24 (and biblatex's ``issue = {Spring}``).
SEASONS = {
    "tr": ["İlkbahar", "Yaz", "Sonbahar", "Kış"],
    "en": ["Spring", "Summer", "Autumn", "Winter"],
}

TERMS: dict[str, dict[str, str]] = {
    "tr": {
        "page": "s.",
        "pages": "s.",
        "volume": "C.",
        "volumes": "cilt",
        "editor": "ed.",
        "editors": "ed.",
        "edited_by": "ed.",
        "translator": "çev.",
        "translated_by": "çev.",
        "bookauthor": "mlf.",
        "no_place": "y.y.",
        "no_publisher": "y.y.",
        "no_date": "ty.",
        "et_al": "vd.",
        "and": "ve",
        "in": "",
        "edition": "bs.",
        "reprint": "tıpkıbasım",
        "accessed": "Erişim Tarihi:",
        "et_seq": "vd.",
        "ibid": "a.g.e.",
        "no": "nr.",
        "mastersthesis": "Yüksek Lisans Tezi",
        "phdthesis": "Doktora Tezi",
        "thesis": "Tez",
        "circa": "yak.",
        "bc": "MÖ",
        "compiler": "der.",
        "founder": "kur.",
        "continuator": "devam ettiren",
        "redactor": "red.",
        "reviser": "gözden geçiren",
        "collaborator": "katkıda bulunan",
        "organizer": "düzenleyen",
        "director": "yön.",
        "commentator": "şerh eden",
        "annotator": "notlandıran",
        "introduction": "giriş",
        "foreword": "önsöz",
        "afterword": "sonsöz",
        "editortr": "ed. ve çev.",
        "editorco": "ed. ve şerh",
        "editortrco": "ed., çev. ve şerh",
        "review_of": "tanıtılan eser:",
        "presented_at": "sunulan bildiri:",
    },
    "en": {
        "page": "p.",
        "pages": "pp.",
        "volume": "vol.",
        "volumes": "vols.",
        "editor": "ed.",
        "editors": "eds.",
        "edited_by": "edited by",
        "translator": "trans.",
        "translated_by": "translated by",
        "bookauthor": "by",
        "no_place": "n.p.",
        "no_publisher": "n.p.",
        "no_date": "n.d.",
        "et_al": "et al.",
        "and": "and",
        "in": "in",
        "edition": "ed.",
        "reprint": "repr.",
        "accessed": "accessed",
        "et_seq": "ff.",
        "ibid": "Ibid.",
        "no": "no.",
        "mastersthesis": "master’s thesis",
        "phdthesis": "PhD diss.",
        "thesis": "thesis",
        "circa": "ca.",
        "bc": "BC",
        "compiler": "comp.",
        "founder": "founded by",
        "continuator": "continued by",
        "redactor": "red.",
        "reviser": "rev.",
        "collaborator": "in collab. with",
        "organizer": "org.",
        "director": "dir.",
        "commentator": "comm.",
        "annotator": "annot.",
        "introduction": "intro.",
        "foreword": "foreword by",
        "afterword": "afterword by",
        "editortr": "ed. and trans.",
        "editorco": "ed. and comm.",
        "editortrco": "ed., trans., and comm.",
        "review_of": "review of",
        "presented_at": "paper presented at",
    },
}


def base_language(language: str) -> str:
    """The primary subtag of a BCP 47 tag, lower-cased ('tr-TR' -> 'tr').

    >>> base_language("tr-TR"), base_language("EN_us"), base_language("")
    ('tr', 'en', 'en')
    """
    return (language or "en").replace("_", "-").split("-")[0].lower() or "en"


def term_table(language: str, overrides: Optional[Mapping[str, Mapping[str, str]]] = None
               ) -> dict[str, str]:
    """All terms for ``language``, with a style's ``overrides`` ({lang: {term: text}}) applied.

    >>> term_table("tr", {"tr": {"no_date": "ts."}})["no_date"]
    'ts.'
    >>> term_table("de")["page"]   # unknown language: English terms
    'p.'
    """
    lang = base_language(language)
    table = dict(TERMS["en"])
    table.update(TERMS.get(lang, {}))
    if overrides:
        table.update(overrides.get("*", {}))
        table.update(overrides.get(lang, {}) if lang in TERMS else overrides.get("en", {}))
    return table


def month_name(month: int, language: str) -> str:
    """The name of ``month`` (1-12) in ``language`` ('' when out of range).

    >>> month_name(6, "tr"), month_name(6, "en"), month_name(0, "tr")
    ('Haziran', 'June', '')
    >>> month_name(24, "en"), month_name(21, "tr")   # EDTF seasons (2004-24: Winter 2004)
    ('Winter', 'İlkbahar')
    """
    if month in range(21, 25):  # EDTF seasons
        return SEASONS.get(base_language(language), SEASONS["en"])[month - 21]
    names = MONTHS.get(base_language(language), MONTHS["en"])
    return names[month - 1] if 1 <= month <= 12 else ""


def parse_date(text: str) -> tuple[int, int, int]:
    """(year, month, day) from an ISO 8601 date, 'dd.mm.yyyy', or a bare year; 0 = unknown.

    >>> parse_date("2011-06"), parse_date("2018-11-11"), parse_date("11.11.2018")
    ((2011, 6, 0), (2018, 11, 11), (2018, 11, 11))
    >>> parse_date("1988"), parse_date("1401/1981"), parse_date("")
    ((1988, 0, 0), (1401, 0, 0), (0, 0, 0))
    """
    text = (text or "").strip()
    m = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", text)
    if m:
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    m = re.match(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not m:
        return 0, 0, 0
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


def format_date(date: tuple[int, int, int], language: str, form: str = "long") -> str:
    """Write a (year, month, day) date in the language's usual order.

    ``form`` is ``long`` ('11 Kasım 2018', 'March 8, 2017', 'April 2016') or ``numeric``
    ('11.11.2018').

    >>> format_date((2016, 4, 0), "en"), format_date((2011, 6, 0), "tr")
    ('April 2016', 'Haziran 2011')
    >>> format_date((2018, 11, 11), "tr", "numeric"), format_date((1988, 0, 0), "tr")
    ('11.11.2018', '1988')
    """
    year, month, day = date
    if not year:
        return ""
    if form == "numeric":
        if month and day:
            return f"{day:02d}.{month:02d}.{year}"
        if month:
            return f"{month:02d}.{year}"
        return str(year)
    name = month_name(month, language)
    if not name:
        return str(year)
    if base_language(language) == "en":
        return f"{name} {day}, {year}" if day else f"{name} {year}"
    return f"{day} {name} {year}" if day else f"{name} {year}"
