r"""The biblatex data model on top of pybtex's parsing: inheritance, EDTF dates, extended names.

pybtex reads BibTeX syntax well but knows BibTeX's model only: its ``crossref`` handling
copies every field under the same name (an ``@incollection`` would get its ``@collection``'s
``title`` as its own title... if the child had none) and it knows nothing of ``xdata``,
biblatex's date ranges or Better BibTeX's extended name format.  Measured before writing
this: bibtexparser 2 has no inheritance at all, citeproc-py's BibTeX reader resolves
``crossref`` the BibTeX way (same field names) and drops unknown fields.  So this module does
what the biblatex manual (§2.4.1 and appendix B, "Default Inheritance Setup") says:

* ``xdata = {a, b}``: every field of the xdata entries is copied (recursively) into the
  entry; xdata entries are not cited themselves;
* ``crossref = {parent}``: fields the child lacks are taken from the parent, with the
  renamings of the inheritance table (``title`` of a ``@collection`` becomes the
  ``booktitle`` of an ``@incollection``, of an ``@mvbook`` the ``maintitle`` of a ``@book``;
  ``author`` of a ``@book`` is also the ``bookauthor`` of an ``@inbook``), and never the
  fields biblatex keeps to one entry (``ids``, ``crossref``, ``xref``, ``entryset``,
  ``shorthand``, ``sortkey``, ``label`` ...); the parent's own ``shorttitle`` is not
  inherited where its title is renamed;
* ``xref = {parent}``: nothing is inherited (the entry only points at its parent), but the
  parent must exist.

>>> from edition.diagnostics import Reporter
>>> from edition.citations.database import parse_bibtex
>>> r = Reporter()
>>> db = parse_bibtex(r'''@collection{c, editor = {Westfahl, Gary}, title = {Space and Beyond},
...   publisher = {Greenwood}, location = {Westport}, date = {2000}}
... @incollection{a, author = {Doe, Jane}, title = {Frontier}, crossref = {c}, pages = {55-65}}''',
...   "x.bib", r)
>>> _ = resolve(db, r)
>>> a = db["a"]
>>> a.get("booktitle"), a.get("title"), a.get("publisher"), a.year, a.names("editor")[0].full()
('Space and Beyond', 'Frontier', 'Greenwood', 2000, 'Gary Westfahl')
"""

from __future__ import annotations

import re
from typing import Optional

from ..diagnostics import Reporter
from .names import Name

__all__ = ["resolve", "INHERITANCE", "parse_edtf", "extended_name", "is_extended"]

#: Fields never inherited (biblatex manual, appendix B).
NOT_INHERITED = {"ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute",
                 "label", "options", "presort", "related", "relatedoptions", "relatedstring",
                 "relatedtype", "shorthand", "shorthandintro", "sortkey", "keywords"}

_TITLE_AS = {  # how a parent's title fields arrive in a child
    "main": {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon",
             "shorttitle": None, "sorttitle": None, "indextitle": None, "indexsorttitle": None},
    "book": {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon",
             "shorttitle": None, "sorttitle": None, "indextitle": None, "indexsorttitle": None},
    "journal": {"title": "journaltitle", "subtitle": "journalsubtitle",
                "shorttitle": None, "sorttitle": None, "indextitle": None,
                "indexsorttitle": None},
}
_BOOKPARTS = {"inbook", "bookinbook", "suppbook"}
_COLLPARTS = {"incollection", "inreference", "suppcollection"}

#: (parent types, child types) -> {parent field: child field or None}: the renamings of the
#: biblatex manual's default inheritance table.
INHERITANCE: list[tuple[set[str], set[str], dict[str, Optional[str]]]] = [
    ({"mvbook", "book"}, _BOOKPARTS, {"author": "bookauthor"}),
    ({"mvbook"}, {"book"} | _BOOKPARTS, _TITLE_AS["main"]),
    ({"mvcollection", "mvreference"}, {"collection", "reference"} | _COLLPARTS,
     _TITLE_AS["main"]),
    ({"mvproceedings"}, {"proceedings", "inproceedings"}, _TITLE_AS["main"]),
    ({"book"}, _BOOKPARTS, _TITLE_AS["book"]),
    ({"collection", "reference"}, _COLLPARTS, _TITLE_AS["book"]),
    ({"proceedings"}, {"inproceedings"}, _TITLE_AS["book"]),
    ({"periodical"}, {"article", "suppperiodical"}, _TITLE_AS["journal"]),
]
#: The ``author`` of a book also stays the child's author (biblatex: author -> author and
#: bookauthor): roles that are copied under their own name as well as renamed.
_ALSO_SAME = {"author"}


def _rules(parent_type: str, child_type: str) -> dict[str, Optional[str]]:
    rules: dict[str, Optional[str]] = {}
    for parents, children, mapping in INHERITANCE:
        if parent_type in parents and child_type in children:
            for source, target in mapping.items():
                rules.setdefault(source, target)
    return rules


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


def _copy(child, parent, rules: dict[str, Optional[str]]) -> None:
    """Copy what ``child`` lacks from ``parent``, renamed by ``rules``."""
    for name, value in parent.fields.items():
        if name in NOT_INHERITED:
            continue
        target = rules.get(name, name)
        if target and target not in child.fields:
            child.fields[target] = value
    for role, people in parent.persons.items():
        targets = [rules.get(role, role)]
        if role in _ALSO_SAME and role in rules:
            targets.append(role)
        for target in targets:
            if target and target not in child.persons:
                child.persons[target] = list(people)
                if parent.others.get(role):
                    child.others[target] = True


def resolve(db, reporter: Reporter) -> list[str]:
    """Apply xdata and crossref inheritance to every record of ``db`` in place; check xref.

    Returns the keys of xdata entries (which a bibliography never lists).  A parent that does
    not exist or a cycle is an error at the child entry.
    """
    records = db.records
    xdata_keys = [k for k, r in records.items() if r.type == "xdata"]
    done: set[str] = set()

    def inherit(key: str, trail: tuple[str, ...]) -> None:
        if key in done:
            return
        record = records[key]
        done.add(key)
        for kind in ("xdata", "crossref"):
            value = record.fields.get(kind, "")
            for parent_key in (_keys(value) if kind == "xdata" else value.split(",")[:1]):
                parent_key = parent_key.strip()
                if not parent_key:
                    continue
                parent = records.get(parent_key) or _case_insensitive(records, parent_key)
                if parent is None:
                    reporter.error(record.loc, f"entry '{key}': {kind} '{parent_key}' is not in the bibliography",
                                   hint=f"add an entry '{parent_key}' or remove the {kind} field")
                    continue
                if parent.key in trail or parent.key == key:
                    reporter.error(record.loc, f"entry '{key}': {kind} cycle through '{parent.key}'",
                                   hint=f"an entry cannot inherit from itself ({' -> '.join(trail + (key,))})")
                    continue
                inherit(parent.key, trail + (key,))
                rules = {} if kind == "xdata" else _rules(parent.type, record.type)
                _copy(record, parent, rules)
                if kind == "crossref":
                    record.parent = parent
    for key in list(records):
        inherit(key, ())
    for key, record in records.items():
        for parent_key in _keys(record.fields.get("xref", "")):
            if parent_key not in records and _case_insensitive(records, parent_key) is None:
                reporter.warning(record.loc, f"entry '{key}': xref '{parent_key}' is not in the bibliography")
    return xdata_keys


def _case_insensitive(records, key: str):
    lowered = key.lower()
    for k, r in records.items():
        if k.lower() == lowered:
            return r
    return None


# ---------------------------------------------------------------------------- dates

_EDTF_PART = re.compile(r"^(?P<y>-?y?-?\d[\dXu]{0,}|-?\d+)(?:-(?P<m>[\dXu]{2}))?(?:-(?P<d>[\dXu]{2}))?"
                        r"(?:T[\d:]+(?:Z|[+-]\d\d:?\d\d)?)?(?P<q>[?~%]*)$")

#: EDTF month codes 21-24 are the seasons.
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


def _part(text: str):
    """One side of an EDTF date: ((year, month, day), flags) or None when not a date."""
    text = text.strip()
    if text in {"", "..", "unknown", "open"}:
        return None
    m = _EDTF_PART.match(text)
    if not m:
        return False
    year_text = m.group("y").replace("y", "")
    flags = set(m.group("q"))
    unspecified = ""
    if re.search("[Xu]", year_text):
        unspecified = year_text
        year_text = re.sub("[Xu]", "0", year_text)
    try:
        year = int(year_text)
    except ValueError:
        return False
    month = m.group("m") or ""
    day = m.group("d") or ""
    month_n = int(month) if month.isdigit() else 0
    day_n = int(day) if day.isdigit() else 0
    if not (0 <= month_n <= 12 or month_n in SEASONS) or not 0 <= day_n <= 31:
        return False
    return (year, month_n, day_n), flags, unspecified


def parse_edtf(value: str):
    """An EDTF (ISO 8601-2) date or range as biblatex reads it.

    Returns ``(start, end, flags)``: ``start``/``end`` are (year, month, day) tuples (0 =
    unknown; month 21-24 = a season), ``end`` is None for a single date, ``"open"`` for an
    open range (``1988/..``), ``start`` is None for a range open at its start; ``flags``
    holds ``?`` (uncertain), ``~`` (approximate) and ``unspecified`` digits ("199X").
    Anything that is not EDTF gives None.

    >>> parse_edtf("1896/1905")
    ((1896, 0, 0), (1905, 0, 0), {})
    >>> parse_edtf("2019-05"), parse_edtf("2004-22")
    (((2019, 5, 0), None, {}), ((2004, 22, 0), None, {}))
    >>> parse_edtf("2004-01-01/.."), parse_edtf("../2004")
    (((2004, 1, 1), 'open', {}), (None, (2004, 0, 0), {}))
    >>> parse_edtf("1723?~"), parse_edtf("199u")
    (((1723, 0, 0), None, {'circa': True, 'uncertain': True}), ((1990, 0, 0), None, {'unspecified': '199u'}))
    >>> parse_edtf("-0876")[0], parse_edtf("2016-07-18T20:26:06Z")[0], parse_edtf("spring 1980")
    ((-876, 0, 0), (2016, 7, 18), None)
    """
    if not value:
        return None
    value = value.strip()
    left, sep, right = value.partition("/")
    start = _part(left)
    if start is False:
        return None
    flags: dict = {}
    if start:
        if "~" in start[1] or "%" in start[1]:
            flags["circa"] = True
        if "?" in start[1] or "%" in start[1]:
            flags["uncertain"] = True
        if start[2]:
            flags["unspecified"] = start[2]
    if not sep:
        return (start[0], None, flags) if start else None
    end = _part(right)
    if end is False:
        return None
    if start is None and end is None:
        return None
    return (start[0] if start else None, end[0] if end else "open", flags)


# ---------------------------------------------------------------------------- names

_EXTENDED = re.compile(r"^\s*(?:family|given|prefix|suffix|useprefix|juniorcomma)\s*=", re.I)


def is_extended(raw: str) -> bool:
    """True for biblatex's extended name format (Better BibTeX writes it for particles).

    >>> is_extended("family=Heuvel, given=Charles, prefix=van den, useprefix=false")
    True
    >>> is_extended("Heuvel, Charles van den")
    False
    """
    return bool(_EXTENDED.match(raw))


def extended_name(raw: str, decode) -> Name:
    """A :class:`Name` from ``family=..., given=..., prefix=...`` (``decode``: LaTeX to text).

    >>> extended_name("family=Heuvel, given=Charles, prefix=van den, useprefix=false", str)
    Name(given='Charles', family='Heuvel', particle='van den', suffix='', literal=False)
    """
    parts: dict[str, str] = {}
    depth, start, chunks = 0, 0, []
    for i, ch in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            chunks.append(raw[start:i])
            start = i + 1
    chunks.append(raw[start:])
    for chunk in chunks:
        key, _, value = chunk.partition("=")
        value = value.strip()
        if value.startswith("{") and value.endswith("}"):
            value = value[1:-1]
        parts[key.strip().lower()] = decode(value)
    return Name(given=parts.get("given", ""), family=parts.get("family", ""),
                particle=parts.get("prefix", ""), suffix=parts.get("suffix", ""))
