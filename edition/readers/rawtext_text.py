"""Character classes, sentinels and small text helpers shared by the raw-text importer.

The importer works on plain strings.  Things that are not text -- a page break of the print,
the place of a footnote marker -- travel inside those strings as *sentinels*: characters of
the Unicode private use area that never occur in ``pdftotext`` output.  The emitter turns them
into ``{pb n=..}`` and ``^[...]`` at the very end, so every rule in between can use ordinary
regular expressions and offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

PB_OPEN, PB_CLOSE = "\ue000", "\ue001"  # PB_OPEN + page number + PB_CLOSE
NOTE_OPEN, NOTE_CLOSE = "\ue002", "\ue003"  # NOTE_OPEN + note number + NOTE_CLOSE
# Styles of the print (read from a PDF's fonts): one character opens, the next closes
# (italic, small capitals, bold); they stand at word edges.
STYLE_OPEN = {"emph": "\ue004", "sc": "\ue006", "strong": "\ue008"}
STYLE_CLOSE = {k: chr(ord(v) + 1) for k, v in STYLE_OPEN.items()}
SENTINEL_RE = re.compile("[\ue000\ue002][^\ue001\ue003]*[\ue001\ue003]|[\ue004-\ue009]")
PB_RE = re.compile(PB_OPEN + r"(\d+)" + PB_CLOSE)
NOTE_RE = re.compile(NOTE_OPEN + r"(\d+)" + NOTE_CLOSE)

OPEN_QUOTES = "“„«‹\"‘‚"
CLOSE_QUOTES = "”»›\"’'"
SENTENCE_END = ".!?…"
TERMINAL = SENTENCE_END + ":;"  # punctuation that may end a paragraph
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
# note signs in the order printers use them (LaTeX's \fnsymbol, Word's "* † ‡"): the n-th
# counts as note n of its page (both routes: pdfimport_page, rawtext_signs)
NOTE_SIGNS = ("*", "†", "‡", "§", "¶", "‖", "**", "††", "‡‡")
SIGN_GLYPHS = {"∗": "*", "*": "*", "†": "†", "‡": "‡", "§": "§", "¶": "¶", "‖": "‖"}
APOSTROPHES = "'’`"

URL_RE = re.compile(r"(?:https?|ftp)://[^\s<>\"“”]+|www\.[^\s<>\"“”]+\.[^\s<>\"“”]+", re.I)
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’`][^\W\d_]+)*")


def pb(n: int | str) -> str:
    return f"{PB_OPEN}{n}{PB_CLOSE}"


def note_mark(n: int) -> str:
    return f"{NOTE_OPEN}{n}{NOTE_CLOSE}"


def strip_sentinels(s: str) -> str:
    return SENTINEL_RE.sub("", s)


def clean_url(url: str) -> str:
    """A URL as found in running text, without the punctuation that closes the sentence."""
    while url and url[-1] in ".,;:!?”’\"'»":
        url = url[:-1]
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def url_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of every URL in ``s`` (trailing sentence punctuation excluded)."""
    spans = []
    for m in URL_RE.finditer(s):
        url = clean_url(m.group())
        if len(url) > 8:
            spans.append((m.start(), m.start() + len(url)))
    return spans


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def lower(word: str, language: str = "") -> str:
    """Lower-case with the Turkish dotted/dotless i rules when the language asks for them."""
    if language in ("tr", "az"):
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower()


def capitalise(word: str, language: str = "") -> str:
    if not word:
        return word
    first = word[0]
    if language in ("tr", "az") and first == "i":
        first = "İ"
    elif language in ("tr", "az") and first == "ı":
        first = "I"
    else:
        first = first.upper()
    return first + word[1:]


def fold(word: str, language: str = "") -> str:
    """A key for counting words: lower case, NFC, typographic apostrophes unified."""
    word = unicodedata.normalize("NFC", word)
    for a in APOSTROPHES[1:]:
        word = word.replace(a, "'")
    return lower(word, language)


def stem(word: str) -> str:
    """The part of a word before an apostrophe suffix (``Azerbaycan’ın`` -> ``Azerbaycan``)."""
    for i, ch in enumerate(word):
        if ch in APOSTROPHES and i > 0:
            return word[:i]
    return word


def word_counts(text: str, language: str = "") -> Counter:
    """Frequencies of the folded words of ``text`` (URLs left out)."""
    text = URL_RE.sub(" ", strip_sentinels(text))
    return Counter(fold(w, language) for w in WORD_RE.findall(text))


def excerpt(s: str, pos: int, width: int = 30) -> str:
    """A short one-line excerpt of ``s`` around ``pos`` for reports and comments."""
    a, b = max(0, pos - width), min(len(s), pos + width)
    text = strip_sentinels(s[a:b]).replace("\n", " ")
    return ("…" if a > 0 else "") + text.strip() + ("…" if b < len(s) else "")


DAY_MONTH_YEAR_RE = re.compile(r"(?<!\d)\d{1,2}\.?\s+([^\W\d_]{3,})\s+\d{4}(?!\d)")
DATE_AFTER_RE = re.compile(r"^\.?\s+([^\W\d_]+)\.?,?\s+\d{3,4}(?!\d)")


def months_of(text: str, language: str = "") -> set[str]:
    """Words the text puts between a day number and a year: its month names, learned."""
    text = URL_RE.sub(" ", strip_sentinels(text))
    return {fold(m.group(1), language) for m in DAY_MONTH_YEAR_RE.finditer(text)}


def date_follows(after: str, months: set[str], language: str = "") -> bool:
    """Does ``after`` (the text after a number) read as the rest of a date: `` Mayıs 1919``?"""
    m = DATE_AFTER_RE.match(after)
    if not m:
        return False
    word = m.group(1)
    return fold(word, language) in months or (not months and word[0].isupper())
