"""Apparatus conventions as data: the labels an apparatus prints, how it sets sigla and comments.

Editions of different languages and traditions write the same apparatus facts differently:
an omission is ``om.`` in a Latin-abbreviation apparatus (the international habit, and what
Turkish editions of texts commonly print), ``fehlt`` in a German one; a conjecture is
``conj.`` in English, ``coni.`` in Latin.  A :class:`Conventions` value holds one such
choice: the ten labels (:data:`LABELS`), the style of the sigla (italic, small capitals or
roman) and how an editor's comment is set apart from the sigla before it (in parentheses or
after a colon, always in roman).  :data:`TRADITIONS` gives the built-in tables;
``settings: apparatus-style:`` picks one and overrides single labels::

    settings:
      apparatus-style:
        labels: la            # en | la | de | tr (default: by the edition's language)
        sigla: smallcaps      # italic (default) | smallcaps | roman
        comments: colon       # parens (default) | colon
        terms: {"conj.": "coniecit"}

Which label an entry prints follows from its ``type`` (:data:`TYPE_LABELS`): an emendation
or a conjecture labels the lemma (``Freedom] em.``), a transposition, deletion, illegible
reading or lacuna labels the reading (``transp. P``), an omission or addition is told by its
empty side; the other types (typo, spacing, ...) are descriptions, printed as a comment.

>>> c = conventions("de")
>>> c.label("om."), c.sigla, c.comments
('fehlt', 'italic', 'parens')
>>> conventions("tr").label("om.")                 # the Latin abbreviations, as the sample prints
'om.'
>>> conventions("en", labels="tr").label("in marg.")
'derkenar'
>>> conventions("la", terms={"conj.": "coniecit"}).label("conj.")
'coniecit'
"""

from __future__ import annotations

from dataclasses import dataclass, field

# the labels an apparatus prints, by their English-Latin name
LABELS = ("om.", "add.", "conj.", "em.", "transp.", "del.", "corr.", "illeg.", "lac.", "in marg.")

TRADITIONS: dict[str, dict[str, str]] = {
    "en": dict(zip(LABELS, ("om.", "add.", "conj.", "em.", "transp.", "del.", "corr.", "illeg.", "lac.", "in marg."))),
    "la": dict(zip(LABELS, ("om.", "add.", "coni.", "em.", "transp.", "del.", "corr.", "illeg.", "lac.", "in marg."))),
    "de": dict(zip(LABELS, ("fehlt", "erg.", "Konj.", "Em.", "umgestellt", "gestr.", "korr.", "unleserlich", "Lücke", "am Rand"))),
    "tr": dict(zip(LABELS, ("eksik", "ilave", "tahmin", "tashih", "yer değiştirmiş", "silinmiş", "düzeltilmiş", "okunamıyor", "boşluk", "derkenar"))),
}
# the table an edition gets when it names none: by its language; Latin abbreviations otherwise
BY_LANGUAGE = {"en": "en", "de": "de", "la": "la"}
DEFAULT_TRADITION = "la"
SIGLA_STYLES = ("italic", "smallcaps", "roman")
COMMENT_STYLES = ("parens", "colon")

# type -> (label, where it is printed: "lemma" after the lemma's bracket, "reading" before a reading)
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "emendation": ("em.", "lemma"),
    "conjecture": ("conj.", "lemma"),
    "correction": ("corr.", "lemma"),
    "transposition": ("transp.", "reading"),
    "deletion": ("del.", "reading"),
    "illegible": ("illeg.", "reading"),
    "lacuna": ("lac.", "reading"),
    "marginal": ("in marg.", "reading"),
}


@dataclass(frozen=True)
class Conventions:
    labels: dict[str, str] = field(default_factory=lambda: dict(TRADITIONS[DEFAULT_TRADITION]))
    sigla: str = "italic"
    comments: str = "parens"

    def label(self, name: str) -> str:
        return self.labels.get(name, name)

    def set_apart(self, comment: str) -> str:
        """A comment as the convention sets it after the sigla.

        >>> Conventions().set_apart("so M"), Conventions(comments="colon").set_apart("so M")
        ('(so M)', ': so M')
        """
        return f"({comment})" if self.comments == "parens" else f": {comment}"


def conventions(language: str, labels: str = "", sigla: str = "italic", comments: str = "parens",
                terms: dict[str, str] | None = None) -> Conventions:
    """The conventions of an edition in ``language`` with the choices of its settings."""
    tradition = labels or BY_LANGUAGE.get(language.split("-")[0].lower(), DEFAULT_TRADITION)
    table = dict(TRADITIONS[tradition])
    table.update(terms or {})
    return Conventions(table, sigla, comments)


def of(edition) -> Conventions:
    """The conventions an edition's settings choose."""
    st = edition.settings
    return conventions(edition.meta.language, st.apparatus_labels, st.sigla_style, st.apparatus_comments, st.apparatus_terms)
