"""Hyphenation by soft hyphens: a Turkish syllabifier (pyphen has no Turkish dictionary).

Turkish syllables are regular: each holds one vowel, a single consonant between vowels
starts the next syllable (ka-pı), two consonants split (Türk-çe), three split after the
second (Türk-le). :func:`soft_hyphenate` inserts U+00AD at the allowed breaks of long
words; WeasyPrint (``hyphens: manual``) breaks there and prints a hyphen.  Words with an
apostrophe are broken only in their stem, never next to the apostrophe; URLs, numbers and
words in capitals are left alone.  Other languages are passed through pyphen when it
knows them.
"""

from __future__ import annotations

import re
from functools import lru_cache

SHY = "\u00ad"
TR_VOWELS = set("aeıioöuüâîûAEIİOÖUÜÂÎÛ")
_WORD = re.compile(r"[^\W\d_]+", re.U)
MIN_WORD = 6
LEFT, RIGHT = 2, 3  # the shortest fragments a break leaves: 2 letters before, 3 after


def tr_syllables(word: str) -> list[str]:
    """Split a Turkish word into syllables.

    >>> tr_syllables("Müfettişliği")
    ['Mü', 'fet', 'tiş', 'li', 'ği']
    >>> tr_syllables("Türkçe")
    ['Türk', 'çe']
    >>> tr_syllables("İstanbul")
    ['İs', 'tan', 'bul']
    >>> tr_syllables("Bolşevizm")
    ['Bol', 'şe', 'vizm']
    """
    vowels = [i for i, c in enumerate(word) if c in TR_VOWELS]
    if len(vowels) < 2:
        return [word]
    cuts = []
    for a, b in zip(vowels, vowels[1:]):
        between = b - a - 1  # consonants between two vowels
        if between == 0:
            cuts.append(b)  # hiatus: sa-at
        elif between == 1:
            cuts.append(b - 1)
        elif between == 2:
            cuts.append(b - 1)
        else:
            cuts.append(b - 1 if between == 3 else a + 3)
    out, prev = [], 0
    for c in cuts:
        out.append(word[prev:c])
        prev = c
    out.append(word[prev:])
    return out


@lru_cache(maxsize=65536)
def _hyphenate_tr_word(word: str) -> str:
    if len(word) < MIN_WORD or word.isupper():
        return word
    sylls = tr_syllables(word)
    if len(sylls) < 2:
        return word
    out = sylls[0]
    pos = len(sylls[0])
    for s in sylls[1:]:
        if pos >= LEFT and len(word) - pos >= RIGHT:
            out += SHY
        out += s
        pos += len(s)
    return out


@lru_cache(maxsize=8)
def _pyphen(lang: str):
    try:
        import pyphen
    except ImportError:  # pragma: no cover
        return None
    if lang in pyphen.LANGUAGES or pyphen.language_fallback(lang):
        return pyphen.Pyphen(lang=lang, left=LEFT, right=RIGHT)
    return None


def soft_hyphenate(text: str, lang: str) -> str:
    """Insert soft hyphens into the long words of ``text``.

    >>> soft_hyphenate("Mondros Mütarekesi’nin 7. Maddesi", "tr").replace(SHY, "-")
    'Mond-ros Mü-ta-re-kesi’nin 7. Mad-desi'
    """
    base = lang.split("-")[0].lower()
    if base == "tr":
        fn = _hyphenate_tr_word
    else:
        dic = _pyphen(lang)
        if dic is None:
            return text
        def fn(w: str) -> str:
            return dic.inserted(w, hyphen=SHY) if len(w) >= MIN_WORD and not w.isupper() else w
    return _WORD.sub(lambda m: fn(m.group(0)), text)
