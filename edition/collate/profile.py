"""The normalisation profile: what counts as the same word, and what kind a difference is.

Two functions carry the profile, both on plain strings:

- :meth:`Profile.key` is the *alignment key* of a token: the loosest form under which two
  tokens are taken to be the same word (case folded by the edition's language, punctuation
  and apostrophes dropped, circumflexes folded, the profile's orthographic equivalences
  applied).  The aligner matches keys, so ``Nihâd`` lines up with ``Nihad`` and ``Başkanı,``
  with ``Başkanı`` and the difference is still seen, as a variant of a known kind.
- :meth:`Profile.kind` names the kind of a difference between a lemma and a reading, from
  the least to the most substantive: ``spacing`` (the same once spaces are removed),
  ``punctuation``, ``case``, ``orthography`` (same key), ``transposition`` (the same words
  in another order), ``omission`` (empty reading), ``addition`` (empty lemma), else
  ``substantive``.  :meth:`Profile.type` turns the kind into the apparatus ``type=`` the
  entry is proposed with (``case`` is an ``orthography`` entry; a substantive reading gets
  no type: typo or emendation is the editor's call).

The edition configures it under ``collation:`` (docs/format.md)::

    collation:
      profile: tr            # default | tr (Turkish casing, Ottoman spellings: Mehmed/Mehmet)
      ignore: [case]         # kinds of difference not recorded at all
      equivalents:           # more orthographic equivalences: regex -> replacement on the key
        - ["ğ", "g"]

>>> p = Profile.named("tr")
>>> p.key("Başkanı,"), p.key("İzzet"), p.key("Nihâd"), p.key("Mehmed’in")
('başkanı', 'izzet', 'nihat', 'mehmetin')
>>> [p.kind(a, b) for a, b in [("kişiyle 19", "kişiyle19"), ("Başkanı,", "Başkanı"), ("İzzet", "izzet"),
...   ("Kemal’in", "Kemalin"), ("iki büyük", "büyük iki"), ("devam", ""), ("", "ve"), ("devam", "deva")]]
['spacing', 'punctuation', 'case', 'orthography', 'transposition', 'omission', 'addition', 'substantive']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..collation import is_turkic, lower

KINDS = ("spacing", "punctuation", "case", "orthography", "transposition", "omission", "addition", "substantive")
#: the apparatus type each kind is proposed with ('' = left for the editor)
TYPES = {
    "spacing": "spacing",
    "punctuation": "punctuation",
    "case": "orthography",
    "orthography": "orthography",
    "transposition": "transposition",
    "omission": "omission",
    "addition": "addition",
    "substantive": "",
}
# circumflexes and other marks a print may add or drop (â î û, Ottoman transliteration)
_FOLD = str.maketrans({"â": "a", "î": "i", "û": "u", "ô": "o", "ê": "e", "Â": "a", "Î": "i", "Û": "u"})
_APOSTROPHES = "'’ʼ`´‘"
_NOT_WORD = re.compile(r"[\W_]+")
# Ottoman-Turkish spellings of the same word, as they meet modern ones in prints: final
# voiced consonants (Mehmed/Mehmet, Ahmed/Ahmet, Reşid/Reşit, kitab/kitap), doubled
# consonants of Arabic loans (Muhammed/Muhamed is rare; left out), ğ/k before a vowel is not
# folded (it changes words)
_TURKISH_EQUIVALENTS = (
    (r"d\b", "t"),
    (r"b\b", "p"),
    (r"c\b", "ç"),
)
PROFILES = {
    "default": (),
    "tr": _TURKISH_EQUIVALENTS,
}
SETTINGS_KEYS = ("profile", "ignore", "equivalents")


@dataclass(frozen=True)
class Profile:
    name: str = "default"
    language: str = "en"
    equivalents: tuple[tuple[str, str], ...] = ()
    ignore: frozenset = frozenset()
    _compiled: tuple = field(default=(), repr=False, compare=False)

    @classmethod
    def named(cls, name: str, language: str = "", equivalents=(), ignore=()) -> "Profile":
        """A built-in profile (``default`` or ``tr``) with the edition's additions."""
        language = language or ("tr" if name == "tr" else "en")
        pairs = tuple(PROFILES.get(name, ())) + tuple(tuple(p) for p in equivalents)
        compiled = tuple((re.compile(a), b) for a, b in pairs)
        return cls(name, language, pairs, frozenset(ignore), compiled)

    @classmethod
    def of(cls, edition) -> "Profile":
        """The profile an edition's ``collation:`` asks for (``tr`` for a Turkish edition by default)."""
        conf = edition.collation or {}
        language = edition.meta.language
        name = conf.get("profile") or ("tr" if is_turkic(language) else "default")
        return cls.named(name, language, conf.get("equivalents", ()), conf.get("ignore", ()))

    # -- forms -------------------------------------------------------------
    def fold_case(self, s: str) -> str:
        return lower(s, self.language)

    def key(self, token: str) -> str:
        """The alignment key of a token (see the module docstring); a token of punctuation
        only is its own key."""
        s = unicodedata.normalize("NFC", token)
        k = self.fold_case(s).translate(_FOLD)
        for rx, rep in self._compiled:
            k = rx.sub(rep, k)
        return _NOT_WORD.sub("", k) or s

    def words_key(self, text: str) -> list[str]:
        return [self.key(t) for t in text.split()]

    # -- kinds -------------------------------------------------------------
    def kind(self, lemma: str, reading: str) -> str:
        """The kind of the difference between a lemma and a reading (module docstring)."""
        if not reading.strip():
            return "omission"
        if not lemma.strip():
            return "addition"
        bare_l, bare_r = "".join(lemma.split()), "".join(reading.split())
        if bare_l == bare_r:
            return "spacing"
        unpunct = lambda s: "".join(c for c in s if c.isalnum())
        if unpunct(bare_l) == unpunct(bare_r) and not _apostrophe_only(bare_l, bare_r):
            return "punctuation"
        if self.fold_case(bare_l) == self.fold_case(bare_r):
            return "case"
        keys_l, keys_r = self.words_key(lemma), self.words_key(reading)
        if "".join(keys_l) == "".join(keys_r):
            return "orthography"
        if len(keys_l) > 1 and Counter(keys_l) == Counter(keys_r):
            return "transposition"
        return "substantive"

    def type(self, lemma: str, reading: str) -> str:
        return TYPES[self.kind(lemma, reading)]

    def ignored(self, lemma: str, reading: str) -> bool:
        """The difference is of a kind the edition does not record (``ignore:``)."""
        return bool(self.ignore) and self.kind(lemma, reading) in self.ignore


def _apostrophe_only(a: str, b: str) -> bool:
    """The two differ only in apostrophes (an orthographic matter in Turkish: Kemal’in)."""
    strip = lambda s: "".join(c for c in s if c not in _APOSTROPHES)
    return strip(a) == strip(b) and a != b


def read_profile_settings(ctx, node) -> dict:
    """The ``collation:`` mapping of a source, checked (located errors), as a plain dict."""
    m = ctx.mapping(node, "collation", SETTINGS_KEYS)
    out: dict = {}
    if "profile" in m:
        value = m["profile"][1]
        name = ctx.scalar(value, "collation profile")
        if name not in PROFILES:
            from ..diagnostics import did_you_mean

            ctx.rep.error(ctx.loc(value), f"unknown collation profile '{name}'", did_you_mean(name, list(PROFILES)) or "profiles: " + ", ".join(PROFILES))
        out["profile"] = name
    if "ignore" in m:
        value = m["ignore"][1]
        kinds = ctx.strings(value, "collation ignore")
        for k in kinds:
            if k not in KINDS:
                from ..diagnostics import did_you_mean

                ctx.rep.error(ctx.loc(value), f"unknown kind of difference '{k}' in ignore", did_you_mean(k, KINDS) or "kinds: " + ", ".join(KINDS))
        out["ignore"] = [k for k in kinds if k in KINDS]
    if "equivalents" in m:
        from yaml.nodes import SequenceNode

        value = m["equivalents"][1]
        pairs = []
        for item in value.value if isinstance(value, SequenceNode) else []:
            pair = ctx.strings(item, "an equivalence")
            if len(pair) != 2:
                ctx.rep.error(ctx.loc(item), "an equivalence is a pair: [pattern, replacement]", 'e.g. ["ğ", "g"]')
                continue
            try:
                re.compile(pair[0])
            except re.error as exc:
                ctx.rep.error(ctx.loc(item), f"the pattern '{pair[0]}' is not a regular expression: {exc}", "escape special characters with \\")
                continue
            pairs.append((pair[0], pair[1]))
        if not isinstance(value, SequenceNode):
            ctx.rep.error(ctx.loc(value), "collation equivalents must be a list of pairs", 'e.g. equivalents: [["ğ", "g"]]')
        out["equivalents"] = pairs
    return out
