"""Language-aware sorting keys and index letter groups (Turkish collation built in).

Takes a string and a BCP 47 language tag; gives a sort key usable by ``sorted(key=...)``
and the letter-group heading an index prints above the words that start with it.

Turkish (``tr``, ``az``) sorts in the order of its alphabet::

    a b c ç d e f g ğ h ı i j k l m n o ö p r s ş t u ü v y z

(q, w and x, which occur in foreign names, sit where the Latin alphabet puts them).  Case
follows Turkish rules, so dotless ``I``/``ı`` and dotted ``İ``/``i`` are two letters, and the
circumflex letters ``â î û`` count as ``a i u``.  Every other language gets a plain Unicode
default: decompose (NFD), strip accents, casefold, Latin letter order.

In both cases the key has four levels, like the Unicode Collation Algorithm:

1. *primary*: letters (base letters only), with digit runs compared as numbers and placed
   before letters; apostrophes, hyphens and other punctuation are ignored; a space sorts
   before any letter (word-by-word order: "Ak Deniz" before "Akal");
2. *secondary*: accents (``a`` before ``â``);
3. *tertiary*: case (lower case before upper case);
4. the text itself, so that the order is total and repeatable.

>>> sorted(["şeker", "saat", "çay", "cami", "ılık", "iğne", "Irmak", "İstanbul"],
...        key=lambda w: sort_key(w, "tr"))
['cami', 'çay', 'ılık', 'Irmak', 'iğne', 'İstanbul', 'saat', 'şeker']
>>> sorted(["Zola", "Émile", "eagle", "Ångström"], key=lambda w: sort_key(w, "en"))
['Ångström', 'eagle', 'Émile', 'Zola']
>>> group_letter("ılık", "tr"), group_letter("iğne", "tr"), group_letter("âdet", "tr")
('I', 'İ', 'A')
"""

from __future__ import annotations

import unicodedata

__all__ = ["sort_key", "group_letter", "upper", "lower", "is_turkic", "DIGITS_GROUP"]

#: The letter-group heading for entries that start with a digit.
DIGITS_GROUP = "0–9"

_TURKIC = {"tr", "az", "crh", "tt", "kk", "gag"}

# Turkish alphabet with q, w, x placed as in the Latin alphabet.
_TR_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"
_LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

# Letters that are letters of their own in Turkish and must survive accent stripping.
_TR_KEEP = set("çğıöşüÇĞİÖŞÜ")

_SPACE, _DIGITS, _LETTERS = 0, 1, 100

# Latin letters that Unicode does not decompose, mapped to the base letters they sort with.
_EXTRA_BASE = {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d",
               "Ð": "d", "þ": "th", "Þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
               "ı": "i"}


def is_turkic(language: str) -> bool:
    """True when ``language`` (a BCP 47 tag) uses the Turkish i/ı casing rules.

    >>> is_turkic("tr-TR"), is_turkic("az"), is_turkic("en")
    (True, True, False)
    """
    return (language or "").replace("_", "-").split("-")[0].lower() in _TURKIC


def lower(text: str, language: str) -> str:
    """Lower-case ``text`` with the casing rules of ``language``.

    >>> lower("KAZIM KARABEKİR", "tr")
    'kazım karabekir'
    >>> lower("ISTANBUL", "en")
    'istanbul'
    """
    if is_turkic(language):
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def upper(text: str, language: str) -> str:
    """Upper-case ``text`` with the casing rules of ``language``.

    >>> upper("istiklal ılgın", "tr")
    'İSTİKLAL ILGIN'
    >>> upper("istiklal", "en")
    'ISTIKLAL'
    """
    if is_turkic(language):
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def _decompose(ch: str, turkic: bool) -> tuple[str, int]:
    """Base letter of ``ch`` (lower case) and a secondary weight for its accents."""
    if turkic:
        if ch in "Iı":
            return "ı", 0
        if ch in "İi":
            return "i", 0
        if ch in _TR_KEEP:
            return ch.lower(), 0
    if ch in _EXTRA_BASE:
        return _EXTRA_BASE[ch], 1
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    marks = "".join(c for c in decomposed if unicodedata.combining(c))
    secondary = sum(ord(m) for m in marks) if marks else 0
    base = base.casefold() if base else ch.casefold()
    return base, secondary


def _letter_weight(base: str, turkic: bool) -> int:
    alphabet = _TR_ALPHABET if turkic else _LATIN_ALPHABET
    position = alphabet.find(base)
    if position >= 0:
        return _LETTERS + position
    return _LETTERS + 1000 + ord(base[0])  # other scripts: code point order after Latin


def sort_key(text: str, language: str) -> tuple:
    """A key that sorts ``text`` in the collation order of ``language``.

    Digits come before letters and digit runs compare as numbers; punctuation is ignored
    at the primary level; accents and case only break ties.

    >>> words = ["Şahin", "saat", "Sarı", "sarı", "1919", "20", "kasa", "kaşar", "kıl", "kil"]
    >>> sorted(words, key=lambda w: sort_key(w, "tr"))
    ['20', '1919', 'kasa', 'kaşar', 'kıl', 'kil', 'saat', 'sarı', 'Sarı', 'Şahin']
    >>> sort_key("Mücadele’de", "tr")[0] == sort_key("Mücadelede", "tr")[0]
    True
    >>> sorted(["âdet", "adet", "adım"], key=lambda w: sort_key(w, "tr"))
    ['adet', 'âdet', 'adım']
    """
    turkic = is_turkic(language)
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isdigit():
            j = i
            while j < n and text[j].isdigit():
                j += 1
            primary += [_DIGITS, int("".join(str(unicodedata.digit(c, 0)) for c in text[i:j]))]
            i = j
            continue
        i += 1
        if ch.isspace():
            if primary and primary[-1] != _SPACE:
                primary.append(_SPACE)
            continue
        if not ch.isalpha():
            continue  # apostrophes, hyphens, dots, quotes: ignored
        base, accent = _decompose(ch, turkic)
        for b in base:
            if not b.isalpha():
                continue
            primary.append(_letter_weight(b, turkic))
            secondary.append(accent)
            tertiary.append(1 if ch.isupper() else 0)
    while primary and primary[-1] == _SPACE:
        primary.pop()
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


def group_letter(text: str, language: str) -> str:
    """The index heading for ``text``: its first letter, upper-cased, accents removed.

    Letters of the Turkish alphabet keep their identity (Ç, Ğ, I, İ, Ö, Ş, Ü); entries
    starting with a digit go under :data:`DIGITS_GROUP`; leading punctuation is skipped.

    >>> [group_letter(w, "tr") for w in ["çay", "Irmak", "İzmir", "’Abd", "Ömer", "1919"]]
    ['Ç', 'I', 'İ', 'A', 'Ö', '0–9']
    >>> group_letter("Émile", "fr"), group_letter("istanbul", "en")
    ('E', 'I')
    """
    turkic = is_turkic(language)
    for ch in text:
        if ch.isdigit():
            return DIGITS_GROUP
        if ch.isalpha():
            base, _ = _decompose(ch, turkic)
            return upper(base[:1], language) if base else ch.upper()
    return ""
