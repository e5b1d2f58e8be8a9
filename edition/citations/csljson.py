"""CSL-JSON databases (Zotero's "CSL JSON" export, Better CSL JSON, pandoc's ``.json``) in.

Each item becomes a :class:`~edition.citations.database.Record` with biblatex field names,
so every style (ours and CSL ones) reads it like a ``.bib`` entry: ``container-title``
becomes ``journaltitle``/``booktitle``/``maintitle`` by type, ``issued`` becomes an EDTF
``date`` (ranges too), ``accessed`` ``urldate``, ``publisher-place`` ``location``.  Values are
plain text; the few HTML tags CSL allows in titles (``<i>``) become italics.

>>> from edition.diagnostics import Reporter
>>> db = parse_csljson('''[{"id": "lahiri2016", "type": "book", "title": "In Other Words",
...   "author": [{"family": "Lahiri", "given": "Jhumpa"}], "translator": [{"family": "Goldstein",
...   "given": "Ann"}], "publisher": "Knopf", "publisher-place": "New York",
...   "issued": {"date-parts": [[2016]]}}]''', "refs.json", Reporter())
>>> r = db["lahiri2016"]
>>> r.kind, r.get("location"), r.year, r.names("translator")[0].full(), str(r.loc)
('book', 'New York', 2016, 'Ann Goldstein', 'refs.json:1:2')
"""

from __future__ import annotations

import json
import re
from typing import Optional

from ..diagnostics import Reporter
from ..model import Loc
from .latex import EM_CLOSE, EM_OPEN
from .names import Name

__all__ = ["parse_csljson"]

#: CSL item types as biblatex entry types.
TYPES = {
    "book": "book", "article-journal": "article", "article-magazine": "article",
    "article-newspaper": "article", "chapter": "incollection", "paper-conference": "inproceedings",
    "entry-encyclopedia": "inreference", "entry-dictionary": "inreference", "entry": "inreference",
    "thesis": "thesis", "webpage": "online", "post-weblog": "online", "post": "online",
    "manuscript": "unpublished", "speech": "unpublished", "report": "report",
    "review": "review", "review-book": "review", "dataset": "dataset", "software": "software",
    "personal_communication": "letter", "interview": "misc", "map": "misc", "motion_picture": "misc",
    "legal_case": "misc", "legislation": "misc", "patent": "patent", "periodical": "periodical",
    "article": "article", "collection": "collection", "document": "misc",
}
ROLES = {"author": "author", "editor": "editor", "translator": "translator",
         "container-author": "bookauthor", "editorial-director": "editora",
         "collection-editor": "editora", "compiler": "editor", "contributor": "commentator"}
FIELDS = {"title": "title", "title-short": "shorttitle", "shortTitle": "shorttitle",
          "collection-title": "series", "collection-number": "number", "publisher": "publisher",
          "publisher-place": "location", "volume": "volume", "number-of-volumes": "volumes",
          "issue": "number", "page": "pages", "edition": "edition", "URL": "url", "DOI": "doi",
          "ISBN": "isbn", "archive": "archive", "archive_location": "archive_location",
          "event-title": "eventtitle", "event": "eventtitle", "event-place": "venue",
          "genre": "type", "note": "note", "language": "langid"}


def _loc(text: str, key: str, filename: str) -> Loc:
    m = re.search(r'"id"\s*:\s*"?' + re.escape(key), text)
    if not m:
        return Loc(filename)
    start = text.rfind("{", 0, m.start())
    start = start if start >= 0 else m.start()
    line = text.count("\n", 0, start) + 1
    return Loc(filename, line, start - (text.rfind("\n", 0, start) + 1) + 1)


def _edtf(value) -> str:
    """A CSL date as EDTF ('1896/1905', '2019-05', 'circa' as '~')."""
    if not isinstance(value, dict):
        return str(value or "")
    if value.get("raw") or value.get("literal"):
        return str(value.get("raw") or value.get("literal"))
    parts = value.get("date-parts") or []
    sides = []
    for side in parts[:2]:
        numbers = [int(p) for p in side if str(p).lstrip("-").isdigit()]
        if numbers:
            sides.append("-".join([f"{numbers[0]:04d}" if numbers[0] >= 0 else str(numbers[0])]
                                  + [f"{n:02d}" for n in numbers[1:3]]))
    if not sides:
        return ""
    text = "/".join(sides)
    if value.get("season") and len(sides) == 1 and len(sides[0]) == 4:
        text += f"-{20 + int(value['season']) if str(value['season']).isdigit() else 21}"
    return text + ("~" if value.get("circa") else "")


def _name(person) -> Name:
    if isinstance(person, str):
        return Name.parse(person)
    if person.get("literal"):
        return Name(family=str(person["literal"]), literal=True)
    particle = " ".join(p for p in (person.get("dropping-particle", ""),
                                    person.get("non-dropping-particle", "")) if p)
    return Name(given=str(person.get("given", "")), family=str(person.get("family", "")),
                particle=particle, suffix=str(person.get("suffix", "")))


def _html(value: str) -> str:
    value = re.sub(r"<(i|em)>", EM_OPEN, value)
    value = re.sub(r"</(i|em)>", EM_CLOSE, value)
    return re.sub(r"</?[a-z][^>]*>", "", value)


def parse_csljson(text: str, filename: str, reporter: Reporter, database=None):
    """Read CSL-JSON ``text`` (a list of items, or ``{"items": [...]}``) into ``database``."""
    from .database import Database, Record

    db = database if database is not None else Database()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        reporter.error(Loc(filename, error.lineno, error.colno), f"malformed CSL-JSON: {error.msg}")
        return db
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        reporter.error(Loc(filename, 1, 1), "CSL-JSON bibliography is not a list of items",
                       hint="export the collection as 'CSL JSON' (a list of objects with an id)")
        return db
    for index, item in enumerate(items):
        key = str(item.get("id") or item.get("citation-key") or "") if isinstance(item, dict) else ""
        if not key:
            reporter.error(Loc(filename), f"CSL-JSON item {index + 1} has no 'id'",
                           hint="every item needs an id: the key citations use")
            continue
        loc = _loc(text, key, filename)
        kind = str(item.get("type", "book"))
        record = Record(key=key, type=TYPES.get(kind, "misc"), loc=loc)
        if kind in {"article-newspaper", "article-magazine"}:
            record.fields["entrysubtype"] = kind.split("-")[1]
        for variable, role in ROLES.items():
            people = item.get(variable)
            if isinstance(people, list) and people and role not in record.persons:
                record.persons[role] = [_name(p) for p in people if p]
                if variable == "compiler":
                    record.fields["editortype"] = "compiler"
        for variable, name in FIELDS.items():
            value = item.get(variable)
            if value not in (None, "") and name not in record.fields:
                record.fields[name] = _html(str(value))
        if record.type == "thesis" and "publisher" in record.fields:
            record.fields["institution"] = record.fields.pop("publisher")
        container = item.get("container-title")
        if container:
            target = {"article": "journaltitle", "online": "maintitle"}.get(record.type, "booktitle")
            record.fields[target] = _html(str(container))
        for variable, name in (("issued", "date"), ("accessed", "urldate"),
                               ("original-date", "origdate"), ("event-date", "eventdate")):
            date = _edtf(item.get(variable))
            if date:
                record.fields[name] = date
        db.add(record, reporter)
    return db
