"""What the deposit writers (JATS, Crossref, the metadata sheet) read the same way: an
author's name split into given and family names, the licence's URL, the date's parts, the
first and last page, the bibliography's records, and what a deposit cannot be made without.
"""

from __future__ import annotations

import re
from typing import Optional

from ..diagnostics import Reporter
from ..model import Author, Edition, Loc

# licence names as sources write them -> the licence's canonical URL
LICENCES = {
    f"cc {kind}".replace("-", " ") + f" {v}": f"https://creativecommons.org/licenses/{kind}/{v}/"
    for kind in ("by", "by-sa", "by-nc", "by-nc-sa", "by-nd", "by-nc-nd") for v in ("4.0", "3.0")
}
LICENCES["cc0"] = LICENCES["cc0 1.0"] = "https://creativecommons.org/publicdomain/zero/1.0/"


def licence_url(licence: str) -> str:
    """The URL of a licence named as people write it ("CC BY-NC 4.0"), or the URL given, or ''.

    >>> licence_url("CC BY-NC 4.0"), licence_url("https://example.org/l"), licence_url("all rights reserved")
    ('https://creativecommons.org/licenses/by-nc/4.0/', 'https://example.org/l', '')
    """
    if re.match(r"https?://", licence):
        return licence
    return LICENCES.get(re.sub(r"[\s-]+", " ", licence.strip().lower()), "")


def name_parts(author: Author) -> tuple[str, str]:
    """(given names, surname) of an author (``Family, Given`` or ``Given Family``).

    >>> name_parts(Author("Ayşe Nur Demir")), name_parts(Author("Demir, Ayşe Nur"))
    (('Ayşe Nur', 'Demir'), ('Ayşe Nur', 'Demir'))
    """
    from ..citations.names import Name

    n = Name.parse(author.name)
    return n.given, " ".join(p for p in (n.particle, n.family) if p)


def date_parts(date: str) -> tuple[str, str, str]:
    """(year, month, day) of an ISO date, '' for the parts it lacks.

    >>> date_parts("2024-06-30"), date_parts("2024"), date_parts("")
    (('2024', '06', '30'), ('2024', '', ''), ('', '', ''))
    """
    parts = (date.split("T")[0].split("-") + ["", "", ""])[:3] if date else ["", "", ""]
    return parts[0], parts[1], parts[2]


def page_range(pages: str) -> tuple[str, str]:
    """(first page, last page) of ``45-67`` or ``45``.

    >>> page_range("45–67"), page_range("12"), page_range("")
    (('45', '67'), ('12', ''), ('', ''))
    """
    bits = [b.strip() for b in re.split(r"[-–]", pages) if b.strip()]
    return (bits[0] if bits else "", bits[1] if len(bits) > 1 else "")


def orcid_url(orcid: str) -> str:
    return f"https://orcid.org/{orcid}"


def records(edition: Edition) -> dict:
    """The bibliography database's records of the works the edition cites, by key (read
    again here: the model keeps only their rendered form)."""
    if not edition.bibliography:
        return {}
    from ..citations import load_database

    db = load_database(edition.bibliography, Reporter())
    return {k: db[k] for k in edition.cited_keys if k in db}


def require(edition: Edition, reporter: Reporter, what: str, needs: list[tuple[str, str, str]]) -> bool:
    """Report each missing field a deposit needs (located at the metadata, with the key to
    add); True when none is missing.  ``needs``: (value, key, example)."""
    where = edition.meta.loc if edition.meta.loc.line else Loc(edition.source, 1, 1)
    missing = [(key, example) for value, key, example in needs if not value]
    for key, example in missing:
        reporter.error(where, f"{what} needs {key} in edition: (nothing is invented for it)", f"add it, e.g. {example}")
    return not missing


def journal(edition: Edition, key: str) -> str:
    return edition.meta.journal.get(key, "") or ""


def issue_year(edition: Edition, source_date: Optional[str]) -> str:
    """The year of publication: the journal issue's, else the edition's date, else none."""
    return journal(edition, "year") or date_parts(edition.meta.date)[0]
