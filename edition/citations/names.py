"""Personal and corporate names: parts in, the orders and short forms citation styles need out.

A :class:`Name` keeps the parts BibTeX distinguishes (given, particle, family, suffix) as clean
Unicode, plus a ``literal`` flag for corporate authors written in braces in the ``.bib`` file
(``author = {{T.C. Genelkurmay Harp Tarihi Başkanlığı}}``), which are never split or inverted.

>>> n = Name(given="Mustafa Kemal", family="Atatürk")
>>> n.full(), n.inverted(), n.initials_family(), n.short()
('Mustafa Kemal Atatürk', 'Atatürk, Mustafa Kemal', 'M. K. Atatürk', 'Atatürk')
>>> corp = Name(family="T.C. Genelkurmay Harp Tarihi Başkanlığı", literal=True)
>>> corp.full() == corp.inverted() == corp.initials_family() == corp.short()
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Name", "initials"]


def initials(given: str) -> str:
    """Abbreviate given names to initials, keeping existing initials and hyphens.

    >>> initials("Eric Jan"), initials("M. Tayyip"), initials("İsmail Hakkı")
    ('E. J.', 'M. T.', 'İ. H.')
    >>> initials("Jean-Paul"), initials("Şevket Süreyya"), initials("")
    ('J.-P.', 'Ş. S.', '')

    A lower-case piece of a hyphenated name is an article and gives no initial:

    >>> initials("Ebû İshâk ez-Zâhid")
    'E. İ. Z.'
    """
    out = []
    for word in given.split():
        parts = []
        pieces = word.split("-")
        for i, piece in enumerate(pieces):
            letters = [c for c in piece if c.isalpha()]
            if not letters or (letters[0].islower() and i + 1 < len(pieces)):
                continue
            parts.append(letters[0] + ".")
        if parts:
            out.append("-".join(parts))
    return " ".join(out)


@dataclass(frozen=True)
class Name:
    """One person (or body) named in an entry."""

    given: str = ""
    family: str = ""
    particle: str = ""  # "van", "de", "el-" (BibTeX's "von" part)
    suffix: str = ""  # "Jr.", "III"
    literal: bool = False  # corporate author: print as is

    @property
    def family_with_particle(self) -> str:
        """The family name with its particle, as printed in running order.

        >>> Name(given="Ludwig", particle="van", family="Beethoven").family_with_particle
        'van Beethoven'
        >>> Name(given="Muvaffak", particle="el-", family="Mekkî").family_with_particle
        'el-Mekkî'
        """
        if not self.particle:
            return self.family
        joiner = "" if self.particle.endswith(("-", "’", "'")) else " "
        return f"{self.particle}{joiner}{self.family}"

    def full(self) -> str:
        """Given names first: 'Kazım Karabekir'.

        >>> Name(given="Martin Luther", family="King", suffix="Jr.").full()
        'Martin Luther King Jr.'
        """
        if self.literal:
            return self.family
        return " ".join(p for p in (self.given, self.family_with_particle, self.suffix) if p)

    def inverted(self) -> str:
        """Family name first, for bibliographies: 'Karabekir, Kazım'.

        A lower-case particle follows the given names (as CSL's default "demote" rule does):

        >>> Name(given="Ludwig", particle="van", family="Beethoven").inverted()
        'Beethoven, Ludwig van'
        >>> Name(given="Martin Luther", family="King", suffix="Jr.").inverted()
        'King, Martin Luther, Jr.'
        >>> Name(family="Ömer Seyfettin").inverted()
        'Ömer Seyfettin'
        """
        if self.literal:
            return self.family
        family = self.family
        given = self.given
        if self.particle:
            if self.particle[:1].islower() and not self.particle.endswith(("-", "’", "'")):
                given = f"{given} {self.particle}".strip()
            else:
                family = self.family_with_particle
        parts = [family] + [p for p in (given, self.suffix) if p]
        return ", ".join(parts)

    def initials_family(self) -> str:
        """Initials and family name: 'K. Karabekir', 'E. J. Zürcher'.

        >>> Name(given="Hüseyin", family="Baykara").initials_family()
        'H. Baykara'
        """
        if self.literal:
            return self.family
        return " ".join(p for p in (initials(self.given), self.family_with_particle) if p)

    def short(self) -> str:
        """The family name alone, as short notes use it: 'Karabekir'."""
        if self.literal:
            return self.family
        return self.family_with_particle

    def sort_text(self) -> str:
        """The text a bibliography sorts this name by (family, then given names).

        >>> Name(given="Ludwig", particle="van", family="Beethoven").sort_text()
        'Beethoven Ludwig van'
        """
        if self.literal:
            return self.family
        return " ".join(p for p in (self.family, self.given, self.particle, self.suffix) if p)

    @classmethod
    def parse(cls, text: str) -> "Name":
        """Parse 'Family, Given' or 'Given Family' (used for YAML databases and tests).

        >>> Name.parse("Karabekir, Kazım")
        Name(given='Kazım', family='Karabekir', particle='', suffix='', literal=False)
        >>> Name.parse("Eric Jan Zürcher").initials_family()
        'E. J. Zürcher'
        >>> Name.parse("{Türk Tarih Kurumu}").literal
        True
        """
        text = re.sub(r"\s+", " ", text.strip())
        if text.startswith("{") and text.endswith("}"):
            return cls(family=text[1:-1].strip(), literal=True)
        if "," in text:
            parts = [p.strip() for p in text.split(",")]
            family, given = parts[0], parts[1] if len(parts) > 1 else ""
            suffix = parts[2] if len(parts) > 2 else ""
            if len(parts) == 3:  # "King, Jr., Martin" (BibTeX order)
                family, suffix, given = parts
            return cls(given=given, family=family, suffix=suffix)
        words = text.split(" ")
        if len(words) == 1:
            return cls(family=words[0])
        return cls(given=" ".join(words[:-1]), family=words[-1])
