"""Suspected author errors: one small, explainable, dictionary-free rule per kind.

The only knowledge used is the text itself: how often each word occurs, which words occur
capitalised in mid-sentence, which words stand between a day number and a year (the
month names).  Each rule returns :class:`Suspect` entries: the span of the print, the print's
reading, a proposed lemma (the print itself when no correction can be proposed) and the kind.

Kinds:

``glued-words``
    a lower-case letter followed by a capital inside a word (``GenelKurmay``);
``glued-digits``
    a word glued to digits that are not a footnote marker (``dolayı1911’de``);
``doubled-punctuation``
    the same mark twice (``. .``, ``,,``), an ellipsis excepted;
``unbalanced-bracket``
    a closing parenthesis without an opening one in its paragraph, or the reverse;
``year-digit``
    a three-digit number after a day and a month name (``23 Mart 198’de``);
``missing-space``
    no space after a comma between letters (``Rezulzade,Türk``) or after a sentence period
    (``idi.IX.``, ``katıldı.Ahmet``);
``letter-case``
    a lower-case word after a capitalised one whose capitalised form the text uses
    elsewhere in mid-sentence (``Ahmet izzet`` / ``İzzet``), Turkish i/İ casing respected;
``spelling-variant``
    a rare word one letter away (inside the word, not in its ending) from a word the text
    uses at least three times as often (``Azerbacan`` / ``Azerbaycan``, ``Kazim`` / ``Kazım``);
``joined-words``
    a word met once that splits into two words the text also writes apart, or, in Turkish,
    into two words of the text (``olacakolan``, ``hasımbir``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .rawtext_text import (
    SENTENCE_END,
    SENTINEL_RE,
    WORD_RE,
    capitalise,
    fold,
    in_spans,
    months_of,
    stem,
    url_spans,
)

KINDS = {
    "glued-words": "a lower-case letter is followed by a capital inside the word",
    "glued-digits": "a word is glued to digits that are not a note marker",
    "doubled-punctuation": "the same punctuation mark twice",
    "unbalanced-bracket": "a bracket without its partner in the paragraph",
    "year-digit": "a three-digit year after a day and a month: a digit is missing",
    "missing-space": "no space after the punctuation mark",
    "letter-case": "lower-case here, capitalised elsewhere in the text",
    "spelling-variant": "one letter away from a much more frequent word of the text",
    "joined-words": "a word met once that splits into two words of the text",
}
CIRCUMFLEX_PAIRS = {frozenset(p) for p in ("aâ", "iî", "uû", "AÂ", "IÎ", "UÛ")}


@dataclass
class Suspect:
    start: int
    end: int
    reading: str  # the print
    lemma: str  # proposed correction (the print when none can be proposed)
    kind: str
    detail: str = ""

    @property
    def comment(self) -> str:
        return f"{self.kind}: {self.detail or KINDS[self.kind]}"


@dataclass
class Context:
    """What the rules know about the whole text."""

    language: str
    counts: Counter  # folded word -> frequency
    stems: Counter  # folded stem (before an apostrophe) -> frequency
    cap_mid: Counter  # exact capitalised word seen in mid-sentence -> frequency
    lower_exact: Counter  # exact lower-case word -> frequency
    months: set[str] = field(default_factory=set)  # folded words seen between a day and a year
    exact: Counter = field(default_factory=Counter)  # word exactly as printed -> frequency
    bigrams: Counter = field(default_factory=Counter)  # (stem, stem) of adjacent words -> frequency
    _deletions: dict = field(default_factory=dict, repr=False)  # built on first use
    _endings: dict = field(default_factory=dict, repr=False)
    _apart: Counter = field(default_factory=Counter, repr=False)  # the bigrams folded, built on first use

    @classmethod
    def of(cls, texts: list[str], language: str) -> "Context":
        counts, stems, cap_mid, lower_exact, months = Counter(), Counter(), Counter(), Counter(), set()
        exact, bigrams = Counter(), Counter()
        for text in texts:
            text = _blank_urls(SENTINEL_RE.sub(" ", text))
            words = list(WORD_RE.finditer(text))
            for w in words:
                exact[w.group()] += 1
            for w1, w2 in zip(words, words[1:]):
                if text[w1.end():w2.start()].isspace():
                    bigrams[(stem(w1.group()), stem(w2.group()))] += 1
            prev_end = True
            for m in re.finditer(r"\S+", text):
                tok = m.group()
                for w in WORD_RE.findall(tok):
                    counts[fold(w, language)] += 1
                    stems[fold(stem(w), language)] += 1
                word = WORD_RE.match(tok.lstrip("“\"'‘(«„["))
                if word:
                    w = word.group()
                    if w[0].isupper() and not prev_end and not w.isupper():
                        cap_mid[stem(w)] += 1
                    elif w.islower():
                        lower_exact[stem(w)] += 1
                prev_end = tok.rstrip("”’\"')»]0123456789")[-1:] in SENTENCE_END + ":"
            months |= months_of(text, language)
        return cls(language, counts, stems, cap_mid, lower_exact, months, exact, bigrams)


    def neighbours(self, key: str) -> set[str]:
        """Stems met three times or more that may be one edit away from ``key``
        (symmetric-deletion index, built on first use)."""
        index = self._deletions
        if not index:
            for other, m in self.stems.items():
                if m >= 3:
                    for d in _deletions(other) | {other}:
                        index.setdefault(d, set()).add(other)
        out: set[str] = set()
        for d in _deletions(key) | {key}:
            out |= index.get(d, set())
        return out


    def apart(self, a: str, b: str) -> int:
        """How often the folded words ``a`` and ``b`` stand side by side, in this order."""
        if not self._apart:
            for (x, y), n in self.bigrams.items():
                self._apart[(fold(x, self.language), fold(y, self.language))] += n
        return self._apart[(a, b)]

    def endings(self, part: str) -> int:
        """How many words of the text end with ``part`` (and are longer by 3 letters or more)."""
        if part not in self._endings:
            self._endings[part] = sum(1 for w in self.counts if w.endswith(part) and len(w) > len(part) + 2)
        return self._endings[part]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _blank_urls(text: str) -> str:
    for a, b in url_spans(text):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def find_suspects(text: str, ctx: Context) -> list[Suspect]:
    """Every suspect of one paragraph or note, non-overlapping, in text order."""
    urls = url_spans(text)
    found: list[Suspect] = []
    for rule in RULES:
        for s in rule(text, ctx):
            if in_spans(s.start, urls) or in_spans(s.end - 1, urls):
                continue
            if SENTINEL_RE.search(text, s.start, s.end) or any(_overlap(s, f) for f in found):
                continue
            found.append(s)
    return sorted(found, key=lambda s: s.start)


def _overlap(a: Suspect, b: Suspect) -> bool:
    return a.start < b.end and b.start < a.end


def _token_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the whitespace-delimited token holding ``pos``, sentinels as spaces."""
    a = pos
    while a > 0 and not text[a - 1].isspace() and not _is_sentinel_end(text[a - 1]):
        a -= 1
    b = pos
    while b < len(text) and not text[b].isspace() and text[b] not in "\ue000\ue002":
        b += 1
    return a, b


def _is_sentinel_end(ch: str) -> bool:
    return ch in "\ue001\ue003"


# --------------------------------------------------------------------------- rules


def glued_words(text: str, ctx: Context) -> list[Suspect]:
    out = []
    for m in re.finditer(r"[^\W\d_]+", text):
        word = m.group()
        for i in range(2, len(word) - 1):
            if word[i - 1].islower() and word[i].isupper() and word[i + 1:i + 2].islower():
                left, right = word[:i], word[i:]
                if ctx.exact[word] >= 3:
                    break  # a name written so on purpose (McDonald, YouTube)
                a = m.start()
                out.append(Suspect(a, m.end(), word, f"{left} {right}", "glued-words"))
                break
    return out


def glued_digits(text: str, ctx: Context) -> list[Suspect]:
    out = []
    for m in re.finditer(r"(?<![^\W\d_])([^\W\d_]{3,})(\d+)", text):
        letters, digits = m.group(1), m.group(2)
        if not letters[-1].islower():
            continue
        out.append(Suspect(m.start(), m.end(), m.group(), f"{letters} {digits}", "glued-digits"))
    return out


def doubled_punctuation(text: str, ctx: Context) -> list[Suspect]:
    out = []
    for m in re.finditer(r"([.,;:])(\s*)\1", text):
        a, b = m.start(), m.end()
        if m.group(1) == "." and (re.search(r"\.\s*$", text[:a]) or re.match(r"\s*\.", text[b:])):
            continue  # an ellipsis written with periods
        if text[a - 1:a].isdigit() and text[b:b + 1].isdigit():
            continue
        ta = _token_at(text, a)[0]
        out.append(Suspect(ta, b, text[ta:b], text[ta:a + 1], "doubled-punctuation", f"'{m.group(1)}' twice"))
    return out


def unbalanced_brackets(text: str, ctx: Context) -> list[Suspect]:
    out = []
    names = {"(": "an opening parenthesis", ")": "a closing parenthesis", "[": "an opening square bracket", "]": "a closing square bracket"}
    for open_, close in ("()", "[]"):
        stack = []
        for i, ch in enumerate(text):
            if ch == open_:
                stack.append(i)
            elif ch == close:
                if stack:
                    stack.pop()
                    continue
                a, b = _token_at(text, i)
                token = text[a:b]
                if re.fullmatch(r"[(\[]?[0-9a-zA-Zivx]{1,3}[)\]][.,:;]?", token):
                    continue  # an enumeration: a) 1) iv)
                out.append(Suspect(a, b, token, token.replace(close, "", 1), "unbalanced-bracket", f"{names[close]} without {names[open_]}"))
        for i in stack:
            a, b = _token_at(text, i)
            out.append(Suspect(a, b, text[a:b], text[a:b], "unbalanced-bracket", f"{names[open_]} that is never closed"))
    return out


def year_digit(text: str, ctx: Context) -> list[Suspect]:
    out = []
    for m in re.finditer(r"(?<!\d)(\d{1,2})\.?\s+([^\W\d_]{3,})\s+(\d{3})(?!\d)", text):
        if fold(m.group(2), ctx.language) not in ctx.months:
            continue
        a, b = _token_at(text, m.start(3))
        token = text[a:b]
        out.append(Suspect(a, b, token, token, "year-digit", f"three-digit year in the date '{m.group()}'; a digit is missing"))
    return out


def missing_space(text: str, ctx: Context) -> list[Suspect]:
    out = []
    for m in re.finditer(r"(?<=[^\W\d_])([,;])(?=[^\W\d_])", text):
        a, b = _token_at(text, m.start())
        token = text[a:b]
        i = m.start() - a
        out.append(Suspect(a, b, token, token[:i + 1] + " " + token[i + 1:], "missing-space", f"no space after '{m.group(1)}'"))
    for m in re.finditer(r"(?<![^\W\d_])([^\W\d_]{3,})\.(?=[^\W\d_\s]|\d)", text):
        word = m.group(1)
        nxt = text[m.end():m.end() + 1]
        if not word.islower() or not (nxt.isupper() or nxt.isdigit()):
            continue
        a, b = _token_at(text, m.start())
        token = text[a:b]
        i = m.end() - a
        out.append(Suspect(a, b, token, token[:i] + " " + token[i:], "missing-space", "no space after the sentence period"))
    return out


def letter_case(text: str, ctx: Context) -> list[Suspect]:
    out = []
    words = list(WORD_RE.finditer(text))
    for w1, w2 in zip(words, words[1:]):
        prev, word = stem(w1.group()), stem(w2.group())
        if not text[w1.end():w2.start()].isspace() or not prev[0].isupper() or prev.isupper() or not word.islower():
            continue
        cap = capitalise(word, ctx.language)
        if ctx.bigrams[(prev, cap)] > ctx.bigrams[(prev, word)]:
            token = w2.group()
            proposal = capitalise(token, ctx.language)
            out.append(Suspect(w2.start(), w2.end(), token, proposal, "letter-case", f"'{prev} {cap}' elsewhere in the text"))
    return out


def spelling_variant(text: str, ctx: Context) -> list[Suspect]:
    out = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        s = stem(word)
        key = fold(s, ctx.language)
        n = ctx.stems[key]
        if len(key) < 4 or n > 3:
            continue
        best = _variant_of(key, n, ctx)
        if not best:
            continue
        proposal = _match_case(s, best) + word[len(s):]
        out.append(Suspect(m.start(), m.end(), word, proposal, "spelling-variant", f"'{_match_case(s, best)}' {ctx.stems[best]} times in the text"))
    return out


def _variant_of(key: str, n: int, ctx: Context) -> str:
    """A word of the text that ``key`` (met ``n`` times) looks like a misspelling of.

    One edit inside a word of eight letters or more (not in its last two letters, where
    inflection lives), the other word at least three times as frequent.  In shorter words,
    which differ by one letter all the time, only the swap of dotted and dotless i counts
    (``Kazim``/``Kazım``).
    """
    best = ""
    for other in ctx.neighbours(key):
        m = ctx.stems[other]
        if m < 3 * n or other == key:
            continue
        pos = _one_edit(key, other)
        if pos is None or pos < 1:
            continue
        swap = frozenset((key[pos], other[pos])) if len(key) == len(other) else frozenset()
        if swap in CIRCUMFLEX_PAIRS:
            continue
        dotless = swap == frozenset("iı")
        if not dotless and (len(key) < 8 or pos >= min(len(key), len(other)) - 2):
            continue
        if not best or m > ctx.stems[best]:
            best = other
    return best


def _one_edit(a: str, b: str) -> int | None:
    """Position of the single substitution, insertion or deletion turning ``a`` into ``b``."""
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return diffs[0] if len(diffs) == 1 else None
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if a[:i] == b[:i] and a[i:] == b[i + 1:]:
            return i
    return None


def _match_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return capitalise(word, "tr" if "ı" in word or "i" in word else "")
    return word


def joined_words(text: str, ctx: Context) -> list[Suspect]:
    out = []
    for m in re.finditer(r"(?<![\w'’-])([^\W\d_]{7,})(?![\w'’-])", text):
        word = m.group()
        key = fold(word, ctx.language)
        if not word.islower() or ctx.counts[key] != 1:
            continue
        split = _best_split(key, ctx)
        if split:
            i = split
            out.append(Suspect(m.start(), m.end(), word, word[:i] + " " + word[i:], "joined-words", f"'{word[:i]}' + '{word[i:]}'"))
    return out


# languages that write their words apart and build few closed compounds: there a word met
# once that ends in a frequent function word (``olacakolan``, ``hasımbir``) is a lost space;
# in German, English or French it is usually a compound (``dennoch``, ``without``, ``parfois``)
WORDS_APART = {"tr"}


def _best_split(key: str, ctx: Context) -> int:
    """Where ``key`` splits into two words of the text; 0 when it does not.

    The second part must be a frequent word that hardly ever ends other words (so it is no
    suffix).  Then the evidence must be real: the two words stand apart, in this order, elsewhere in
    the text; or, in a language that writes its words apart (:data:`WORDS_APART`), the first
    part is a word of the text too, or -- when the second part is very frequent -- at least
    four letters long.  Two words of the text written as one are otherwise a compound
    (``par|fois``, ``with|out``, ``gegen|über``), not a lost space.
    """
    best, score = 0, 0
    for i in range(3, len(key) - 2):
        a, b = key[:i], key[i:]
        nb = ctx.counts[b]
        if nb < 3 or ctx.endings(b) - 1 > 1:  # the word itself ends with b
            continue
        if ctx.apart(a, b) >= 1:
            s = 3
        elif ctx.language not in WORDS_APART:
            continue
        elif ctx.counts[a] >= 1 and len(b) >= 4:
            s = 2
        elif len(a) >= 4 and nb >= 8:
            s = 1
        else:
            continue
        if s > score:
            best, score = i, s
    return best


RULES = [
    glued_digits,
    glued_words,
    doubled_punctuation,
    unbalanced_brackets,
    year_digit,
    missing_space,
    letter_case,
    spelling_variant,
    joined_words,
]
