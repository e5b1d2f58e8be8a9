"""Localised fixed words of the printed edition (headings of back matter, apparatus terms)."""

from __future__ import annotations

TERMS: dict[str, dict[str, str]] = {
    "tr": {
        "bibliography": "KAYNAKÇA",
        "endnotes": "ELEŞTİREL APARAT",
        "page_abbr": "s.",
        "index:person": "Kişiler Dizini",
        "index:place": "Yer Adları Dizini",
        "index:subject": "Kavramlar Dizini",
        "indexes": "DİZİN",
        "runhead:indexes": "Dizin",
        "see": "bkz.",
        "see_also": "ayrıca bkz.",
        "editor_note": "Neşre Dair",
        "sigla": "Kısaltmalar ve Nüsha İşaretleri",
        "apparatus_key": "Aparat: lemma] tanık okuması Siglum; harfler metindeki yerini gösterir.",
        "om.": "om.",
        "page_of_witness": "baskının sayfası",
        "contents": "İçindekiler",
        "doi": "DOI",
        "orcid": "ORCID",
        "type:emendation": "düzeltme",
        "type:typo": "dizgi hatası",
        "type:spacing": "boşluk hatası",
        "type:punctuation": "noktalama",
        "type:orthography": "imla",
        "type:omission": "eksik",
        "type:addition": "fazlalık",
        "type:conjecture": "tahmin",
        "type:normalisation": "tekdüzeleştirme",
        "type:suspect": "şüpheli",
    },
    "en": {
        "bibliography": "BIBLIOGRAPHY",
        "endnotes": "CRITICAL APPARATUS",
        "page_abbr": "p.",
        "index:person": "Index of Persons",
        "index:place": "Index of Places",
        "index:subject": "Index of Subjects",
        "indexes": "INDEXES",
        "runhead:indexes": "Indexes",
        "see": "see",
        "see_also": "see also",
        "editor_note": "About this Edition",
        "sigla": "Sigla",
        "apparatus_key": "Apparatus: lemma] witness reading Siglum; letters key entries to the text.",
        "om.": "om.",
        "page_of_witness": "page of the print",
        "contents": "Contents",
        "doi": "DOI",
        "orcid": "ORCID",
        "type:emendation": "emendation",
        "type:typo": "typo",
        "type:spacing": "spacing",
        "type:punctuation": "punctuation",
        "type:orthography": "orthography",
        "type:omission": "omission",
        "type:addition": "addition",
        "type:conjecture": "conjecture",
        "type:normalisation": "normalisation",
        "type:suspect": "suspect",
    },
}


def term(lang: str, key: str) -> str:
    """The word for ``key`` in ``lang`` (falling back to English, then to the key).

    >>> term("tr", "bibliography"), term("de", "bibliography")
    ('KAYNAKÇA', 'BIBLIOGRAPHY')
    """
    base = lang.split("-")[0].lower()
    return TERMS.get(base, {}).get(key) or TERMS["en"].get(key, key)
