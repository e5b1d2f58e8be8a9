r"""Bibliography databases: ``.bib`` (BibTeX/biblatex) and pybtex ``.yaml`` files in, records out.

:func:`load_database` reads several files into one :class:`Database`.  Parsing is pybtex's;
this module adds what an edition needs on top of it:

* every record knows the file and line it came from (a :class:`~edition.model.Loc`), and every
  syntax error, undefined macro, duplicate field or duplicate key is reported through the
  :class:`~edition.diagnostics.Reporter` with its location instead of being printed or raised;
* LaTeX escapes become clean Unicode (``{\c{c}}`` -> ç, ``{\u{g}}`` -> ğ, ``{\i}`` -> ı,
  ``\"{o}`` -> ö, ``{\.I}`` -> İ), braces disappear, ``\emph{..}``/``\textit{..}`` become
  italics (:meth:`Record.rich`);
* BibTeX and biblatex field names are read alike (``address``/``location``,
  ``journal``/``journaltitle``, ``year``+``month``/``date``, ``school``/``institution``), and
  the entry type is mapped to a *kind* the styles format: book, article, chapter,
  encyclopedia, thesis, newspaper, webpage, archival.

>>> from edition.diagnostics import Reporter
>>> r = Reporter()
>>> db = parse_bibtex(r'''@book{k, author = {Karabekir, Kaz{\i}m},
...   title = {{\.I}stiklal Harbimiz}, address = {{\.I}stanbul}, year = 1988}''', "x.bib", r)
>>> rec = db["k"]
>>> rec.kind, rec.get("title"), rec.get("location"), rec.year, str(rec.loc)
('book', 'İstiklal Harbimiz', 'İstanbul', 1988, 'x.bib:1:1')
>>> rec.persons["author"][0].full(), r.diagnostics
('Kazım Karabekir', [])
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from ..diagnostics import Reporter
from ..model import Emph, Inline, Loc, Text
from .biblatex import extended_name, is_extended, parse_edtf, resolve
from .latex import EM_CLOSE, EM_OPEN, convert
from .names import Name
from .terms import parse_date

__all__ = ["Record", "Database", "load_database", "parse_bibtex", "parse_yaml", "latex_to_unicode",
           "PERSON_ROLES", "KINDS"]

#: Entries read from all the files of one edition at most (10 000 are read in about 12 s
#: and 50 MB, nearly all of it pybtex's parsing and LaTeX decoding).
MAX_RECORDS = 20_000
#: The size of one bibliography file at most (as a source: edition/readers/yamlsrc.py).
MAX_BIB_BYTES = 64 * 1024 * 1024

#: Person fields read from entries (BibTeX/biblatex names).
PERSON_ROLES = ("author", "editor", "translator", "bookauthor", "editora", "editorb", "editorc",
                "commentator", "annotator", "introduction", "foreword", "afterword", "holder")

#: The kinds of records styles format, and the entry types that map to them by default.
KINDS = {
    "book": {"book", "mvbook", "booklet", "collection", "mvcollection", "proceedings",
             "mvproceedings", "reference", "mvreference", "manual", "report", "techreport",
             "periodical", "misc", "dataset", "software"},
    "article": {"article", "suppperiodical", "review"},
    "chapter": {"incollection", "inbook", "inproceedings", "bookinbook", "suppbook",
                "suppcollection", "conference"},
    "encyclopedia": {"inreference", "encyclopedia", "encyclopediaarticle", "dictionaryentry"},
    "thesis": {"thesis", "phdthesis", "mastersthesis"},
    "newspaper": {"newspaper", "magazine"},
    "webpage": {"online", "www", "webpage", "electronic"},
    "archival": {"archival", "archive", "manuscript", "unpublished", "letter"},
    "set": {"set"},
    "talk": set(),  # @unpublished or @inproceedings with an eventtitle and no booktitle
}
_TYPE_TO_KIND = {t: kind for kind, types in KINDS.items() for t in types}

# Field aliases: canonical name -> names that may hold it (first found wins).
ALIASES = {
    "location": ("location", "address"),
    "journal": ("journaltitle", "journal"),
    "school": ("school", "institution"),
    "number": ("number",),
    "url": ("url", "howpublished_url"),
    "urldate": ("urldate", "accessed", "lastchecked"),
    "sitename": ("maintitle", "journaltitle", "journal", "howpublished", "booktitle"),
    "owner": ("organization", "publisher", "institution"),
    "archive": ("archive", "library"),
    "archive_location": ("archive_location", "archivelocation", "callnumber"),
    "origdate": ("origdate", "origyear"),
    "origlocation": ("origlocation", "origaddress"),
    "shorttitle": ("shorttitle",),
    "booktitle": ("booktitle", "maintitle"),
}

_EM_OPEN, _EM_CLOSE = EM_OPEN, EM_CLOSE


def latex_to_unicode(value: str, unknown: Optional[list] = None) -> str:
    r"""Clean Unicode from a BibTeX field value; italic spans are kept as markers.

    Macros :mod:`edition.citations.latex` does not know are appended to ``unknown`` (their
    arguments stay as text).

    >>> latex_to_unicode(r"Milli M{\"u}cadele{\textquoteright}de {\.I}ttihat{\c{c}}{\i}l{\i}k")
    'Milli Mücadele’de İttihatçılık'
    >>> latex_to_unicode(r"Mu{\u{g}}la \& {\^A}sitane, 93--162")
    'Muğla & Âsitane, 93–162'
    >>> latex_to_unicode(r"\url{https://example.org/a_b}")
    'https://example.org/a_b'
    """
    text, missing = convert(value)
    if unknown is not None:
        unknown.extend(missing)
    return text


def _rich(value: str) -> list[Inline]:
    """Model nodes for a field value with italic markers."""
    nodes: list[Inline] = []
    for i, chunk in enumerate(re.split(f"[{_EM_OPEN}{_EM_CLOSE}]", value)):
        if not chunk:
            continue
        nodes.append(Emph(content=[Text(chunk)]) if i % 2 else Text(chunk))
    return nodes


def _plain(value: str) -> str:
    return value.replace(_EM_OPEN, "").replace(_EM_CLOSE, "")


@dataclass
class Record:
    """One bibliography entry, fields in clean Unicode, with its source location."""

    key: str
    type: str  # the entry type as written, lower case ("book", "mastersthesis")
    fields: dict[str, str] = field(default_factory=dict)  # lower-case names
    persons: dict[str, list[Name]] = field(default_factory=dict)
    loc: Loc = field(default_factory=Loc)
    others: dict[str, bool] = field(default_factory=dict)  # role -> "and others" given
    broken: bool = False  # the entry had a syntax error (already reported)
    #: the entry this one inherits from (``crossref``), set by biblatex.resolve
    parent: Optional["Record"] = field(default=None, repr=False, compare=False)
    #: the members of a ``@set`` (``entryset``), in order
    members: list = field(default_factory=list, repr=False, compare=False)

    @property
    def kind(self) -> str:
        """The kind a style formats: book, article, chapter, encyclopedia, thesis,
        newspaper, webpage, archival, talk (a paper read at an event) or set."""
        sub = self.fields.get("entrysubtype", "").lower()
        if self.type == "article" and sub in {"newspaper", "magazine"}:
            return "newspaper"
        if sub in KINDS and self.type not in KINDS["thesis"]:
            return sub
        kind = _TYPE_TO_KIND.get(self.type, "book")
        if kind == "chapter" and not self.get("booktitle"):
            if self.get("eventtitle"):
                return "talk"  # a paper read at a conference, never published
            if self.type == "inbook":
                return "book"  # BibTeX's @inbook: the title is the book's, `chapter` the part
        if self.type == "unpublished" and self.get("eventtitle"):
            return "talk"
        if kind == "book" and self.type == "misc":
            if self.get("archive") or self.get("archive_location"):
                return "archival"
            if self.get("url") and not self.get("publisher"):
                return "webpage"
        if kind == "archival" and self.type in {"unpublished", "letter"} and not (
                self.get("archive") or self.get("archive_location")):
            return "book"
        return kind

    def get(self, name: str, default: str = "") -> str:
        """A field's value (plain text), following biblatex/BibTeX aliases."""
        for candidate in ALIASES.get(name, (name,)):
            value = self.fields.get(candidate)
            if value:
                return _plain(value)
        return default

    def rich(self, name: str) -> list[Inline]:
        """A field's value as model nodes (italic spans become :class:`Emph`)."""
        for candidate in ALIASES.get(name, (name,)):
            value = self.fields.get(candidate)
            if value:
                return _rich(value)
        return []

    def has(self, name: str) -> bool:
        """True when the field (or one of its aliases, or a person role) has a value."""
        return bool(self.get(name)) or bool(self.persons.get(name))

    def names(self, role: str) -> list[Name]:
        """The persons in ``role`` (author, editor, translator)."""
        return self.persons.get(role, [])

    @property
    def edtf(self):
        """``date`` read as EDTF (see :func:`edition.citations.biblatex.parse_edtf`), None
        when there is none or it is not EDTF.  A ``year`` is printed as written: '1432/2011'
        there is a Hijri and a Gregorian year, not a range."""
        return parse_edtf(self.fields.get("date", ""))

    @property
    def date(self) -> tuple[int, int, int]:
        """(year, month, day) from ``date`` or ``year``/``month``/``day`` (0 = unknown);
        of a range, its start (or its end when it is open at the start)."""
        if self.fields.get("date"):
            edtf = parse_edtf(self.fields["date"])
            if edtf:
                start, end, _ = edtf
                return start or (end if isinstance(end, tuple) else (0, 0, 0))
            return parse_date(self.fields["date"])
        year = parse_date(self.fields.get("year", ""))[0]
        month = _month_number(self.fields.get("month", ""))
        day = int(self.fields["day"]) if self.fields.get("day", "").isdigit() else 0
        return year, month, day

    @property
    def year(self) -> int:
        return self.date[0]

    @property
    def year_text(self) -> str:
        """The year as written ('1401/1981' stays), '' when unknown."""
        if self.fields.get("year"):
            return self.fields["year"]
        return str(self.year) if self.year else ""

    @property
    def season(self) -> str:
        """biblatex's ``issue`` when it names a season ('Spring'), else ''."""
        value = self.fields.get("issue", "")
        return value if value.lower() in {"spring", "summer", "autumn", "fall", "winter"} else ""

    @property
    def orig_year(self) -> str:
        value = self.get("origdate")
        return str(parse_date(value)[0] or "") if value else ""


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def _month_number(value: str) -> int:
    value = value.strip().lower()
    if value.isdigit():
        return int(value)
    return _MONTHS.get(value[:3], 0)


class Database:
    """Records from one or more files, by key, in file order."""

    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.files: list[str] = []
        #: True when a bibliography file could not be read at all (missing, not UTF-8):
        #: citations of keys not found are then not reported again, as they may be in it.
        self.incomplete = False
        self.capped = False  # more than MAX_RECORDS entries: the rest were not read

    def __contains__(self, key: str) -> bool:
        return key in self.records

    def __getitem__(self, key: str) -> Record:
        return self.records[key]

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records.values())

    def __len__(self) -> int:
        return len(self.records)

    def keys(self) -> list[str]:
        return list(self.records)

    def get(self, key: str) -> Optional[Record]:
        return self.records.get(key)

    def add(self, record: Record, reporter: Reporter) -> None:
        """Add ``record``; a key defined twice is an error at the second definition."""
        if record.key in self.records:
            first = self.records[record.key].loc
            reporter.error(record.loc, f"duplicate bibliography key '{record.key}'",
                           hint=f"first defined at {first}")
            return
        if len(self.records) >= MAX_RECORDS:
            if not self.capped:
                reporter.error(record.loc, f"more than {MAX_RECORDS:,} bibliography entries: the rest are not read",
                               hint="keep only the works the edition cites (Zotero: export the collection)")
            self.incomplete = self.capped = True
            return
        self._check_url(record, reporter)
        self.records[record.key] = record

    @staticmethod
    def _check_url(record: Record, reporter: Reporter) -> None:
        """A url a style would make a link of must have a link scheme (no ``javascript:``)."""
        from ..readers.inline import link_problem

        for name in ALIASES["url"]:
            url = record.fields.get(name)
            problem = link_problem(url) if url else None
            if problem:
                reporter.error(record.loc, f"entry '{record.key}': {problem[0]}", hint=problem[1])
                del record.fields[name]


def _loc(filename: str, text: str, offset: int) -> Loc:
    """The Loc of ``offset`` in ``text``.  The line starts of the last text are kept, so
    that locating every entry of a file is not quadratic (10 000 entries: 8 s before)."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return Loc(filename, line, offset - starts[line - 1] + 1)


@functools.lru_cache(maxsize=2)
def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def parse_bibtex(text: str, filename: str, reporter: Reporter,
                 database: Optional[Database] = None, macros=None) -> Database:
    """Parse BibTeX/biblatex ``text`` into ``database`` (a new one by default).

    ``macros`` (a pybtex ``CaseInsensitiveDict``) holds the ``@string`` definitions read so
    far: pass the same one for every file of an edition, as biber reads all the files of
    ``\addbibresource`` as one.  A LaTeX macro the reader does not know is printed as its
    argument's text and reported once per file, at its first place.
    """
    from pybtex.database import Person
    from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
    from pybtex.exceptions import PybtexError
    from pybtex.scanner import PrematureEOF, PybtexSyntaxError
    from pybtex.utils import CaseInsensitiveDict

    db = database if database is not None else Database()
    broken: set[int] = set()  # start offsets of commands that had a syntax error

    def handle_error(error: Exception) -> None:
        broken.add(parser.command_start or 0)
        line = getattr(error, "lineno", None) or 0
        col = 0
        if isinstance(error, PrematureEOF):
            # the file ended inside the entry: point at the brace (or quote) left open
            loc = _loc(filename, text, _unclosed(text, parser.command_start or 0))
            line, col = loc.line, loc.col
        elif isinstance(error, PybtexSyntaxError):
            try:
                _, line, col = error.parser.get_error_context(error.error_context_info)
                col += 1
            except Exception:
                pass
        if isinstance(error, UndefinedMacro):
            message = f"undefined @string macro {error.args[0] if error.args else ''}".strip()
            hint = "put the value in braces, or define it with @string{name = {...}}"
        else:
            detail = error.args[0] if error.args else str(error)
            key = getattr(parser, "current_entry_key", None)
            begins = _loc(filename, text, parser.command_start or 0).line
            what = f" '{key}'" if key else ""
            where = f" (the entry begins at line {begins})" if begins != line else ""
            message = f"malformed bibliography entry{what}: {detail}{where}"
            hint = "check braces, commas and '=' signs between the two lines" if where else (
                "check braces, commas and '=' signs around this line")
        reporter.error(Loc(filename, line or 0, col), message, hint=hint)

    if macros is None:
        macros = CaseInsensitiveDict(month_names)
    warned: set[str] = set()

    def decode(value: str, start: int, key: str, name: str) -> str:
        unknown: list[str] = []
        out = latex_to_unicode(value, unknown)
        for macro in unknown:
            if macro in warned:
                continue
            warned.add(macro)
            found = text.find("\\" + macro, start)
            where = _loc(filename, text, found if found >= 0 else start)
            reporter.warning(where, f"unknown LaTeX macro \\{macro} in entry '{key}' ({name}): "
                             "printed as the text of its argument",
                             hint="write the text itself, or a macro the reader knows "
                                  "(docs/citations.md, LaTeX in databases)")
        return out

    parser = LowLevelParser(text, handle_error=handle_error, filename=filename, macros=macros)
    for command in parser:
        entry_type, body = command[0], command[1]
        start = parser.command_start or 0
        loc = _loc(filename, text, start)
        if entry_type.lower() in {"string", "preamble"}:
            continue
        key, fields = body
        if not key:
            continue
        # an entry cut short by a syntax error is kept (its key is real, and dropping it
        # would turn every citation of it into a second error) but not checked further
        record = Record(key=key, type=entry_type.lower(), loc=loc, broken=start in broken)
        for name, value_parts in fields:
            lname = name.lower()
            value = re.sub(r"\s+", " ", "".join(value_parts)).strip()
            if lname in record.fields or lname in record.persons:
                reporter.warning(loc, f"entry '{key}' has field '{name}' twice; the first is used")
                continue
            if lname in PERSON_ROLES or lname in Person.valid_roles:
                try:
                    names, others = _bibtex_names(value, lambda v: decode(v, start, key, name))
                except PybtexError as error:  # "Too many commas in ..."
                    reporter.error(loc, f"entry '{key}': '{name}' is not a list of names: {str(error)[:120]}",
                                   hint="separate names with ' and ', each 'Family, Given' (one comma)")
                    continue
                record.persons[lname] = names
                if others:
                    record.others[lname] = True
            elif lname in _VERBATIM:
                record.fields[lname] = value.replace("{", "").replace("}", "")
            else:
                record.fields[lname] = decode(value, start, key, name)
        db.add(record, reporter)
    return db


#: Fields biblatex reads verbatim (no LaTeX decoding).
_VERBATIM = {"url", "doi", "eprint", "file", "verba", "verbb", "verbc", "pdf", "urlraw",
             # EDTF dates: "1723~" is approximate, not a tie
             "date", "urldate", "origdate", "eventdate"}


_FIELD_LINE = re.compile(r"\n\s*[\w:.-]+\s*=")


def _unclosed(text: str, start: int) -> int:
    r"""Where the entry starting at ``start`` was left open, for a "premature end of file".

    A brace still open inside the entry is the answer.  When only the entry's own brace is
    open, a value brace that was never closed has usually swallowed the fields after it and
    the entry's closing brace: the last value whose text holds a ``field =`` line is the
    culprit; failing that, the entry's brace.

    >>> text = '@article{x,\n  title = {Eksik\n  year = 2001\n}\n'
    >>> text[_unclosed(text, 0):_unclosed(text, 0) + 6]
    '{Eksik'
    >>> text = '@book{y,\n  year = {1988}\n'
    >>> text[_unclosed(text, 0):_unclosed(text, 0) + 3]
    '{y,'
    """
    stack: list[int] = []
    values: list[tuple[int, int]] = []  # (open, close) of braces directly inside the entry
    in_quote = -1
    for i in range(start, len(text)):
        ch = text[i]
        if ch == '"' and len(stack) == 1:
            in_quote = -1 if in_quote >= 0 else i
        elif ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            opened = stack.pop()
            if len(stack) == 1:
                values.append((opened, i))
    if in_quote >= 0:
        return in_quote
    if len(stack) > 1:
        return stack[1]
    for opened, closed in reversed(values):
        if _FIELD_LINE.search(text, opened, closed):
            return opened
    return stack[0] if stack else start


def _bibtex_names(value: str, decode=latex_to_unicode) -> tuple[list[Name], bool]:
    """Names from a BibTeX name list ('A and B and others'), in BibTeX's forms or biblatex's
    extended one (``family=Heuvel, given=Charles, prefix=van den``)."""
    from pybtex.database import Person
    from pybtex.textutils import normalize_whitespace

    try:
        from pybtex.database import split_name_list
    except ImportError:  # pragma: no cover - older pybtex
        from pybtex.bibtex.utils import split_name_list
    names, others = [], False
    for raw in split_name_list(normalize_whitespace(value)):
        if raw.strip().lower() == "others":
            others = True
            continue
        stripped = raw.strip()
        if stripped.startswith("{") and stripped.endswith("}") and _balanced(stripped[1:-1]):
            names.append(Name(family=decode(stripped[1:-1]), literal=True))
            continue
        if is_extended(stripped):
            names.append(extended_name(stripped, decode))
            continue
        person = Person(raw)
        names.append(Name(
            given=decode(" ".join(person.first_names + person.middle_names)),
            particle=decode(" ".join(person.prelast_names)),
            family=decode(" ".join(person.last_names)),
            suffix=decode(" ".join(person.lineage_names)),
        ))
    return names, others


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def parse_yaml(text: str, filename: str, reporter: Reporter,
               database: Optional[Database] = None) -> Database:
    """Parse a pybtex YAML database (``entries: {key: {type: book, author: [...], ...}}``).

    Names may be mappings (``{first: Kazım, last: Karabekir}``, pybtex's form) or strings
    (``Karabekir, Kazım``).  Values are taken as plain Unicode (no LaTeX decoding).

    >>> from edition.diagnostics import Reporter
    >>> db = parse_yaml('''entries:
    ...   karabekir1988:
    ...     type: book
    ...     author: [{first: Kazım, last: Karabekir}]
    ...     title: İstiklal Harbimiz
    ...     year: 1988
    ... ''', "refs.yaml", Reporter())
    >>> rec = db["karabekir1988"]
    >>> rec.persons["author"][0].initials_family(), rec.year, str(rec.loc)
    ('K. Karabekir', 1988, 'refs.yaml:2:3')
    """
    import yaml

    db = database if database is not None else Database()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        loc = Loc(filename, mark.line + 1, mark.column + 1) if mark else Loc(filename)
        reporter.error(loc, f"malformed YAML bibliography: {error.problem or error}")
        return db
    entries = _mapping_get(root, "entries")
    if entries is None:
        reporter.error(Loc(filename, 1, 1), "YAML bibliography has no 'entries' mapping",
                       hint="write `entries:` followed by one mapping per citation key")
        return db
    for key_node, value_node in entries.value:
        key = str(key_node.value)
        loc = Loc(filename, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(value_node, yaml.MappingNode):
            reporter.error(loc, f"malformed bibliography entry '{key}': expected a mapping")
            continue
        data = _to_python(value_node)
        entry_type = str(data.pop("type", "") or "").lower()
        if not entry_type:
            reporter.error(loc, f"malformed bibliography entry '{key}': no 'type'",
                           hint="add e.g. `type: book`")
            continue
        record = Record(key=key, type=entry_type, loc=loc)
        for name, value in data.items():
            lname = str(name).lower()
            if lname in PERSON_ROLES:
                people = value if isinstance(value, list) else [value]
                record.persons[lname] = [_yaml_name(p) for p in people if p]
            else:
                record.fields[lname] = re.sub(r"\s+", " ", str(value)).strip()
        db.add(record, reporter)
    return db


def _mapping_get(node, key: str):
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if getattr(k, "value", None) == key:
            return v if isinstance(v, yaml.MappingNode) else None
    return None


def _to_python(node):
    import yaml

    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _to_python(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(v) for v in node.value]
    return node.value


def _yaml_name(person) -> Name:
    if isinstance(person, dict):
        if "literal" in person or "name" in person:
            return Name(family=str(person.get("literal") or person.get("name")), literal=True)
        given = " ".join(str(person[k]) for k in ("first", "middle", "given") if person.get(k))
        return Name(given=given, particle=str(person.get("prelast", "") or ""),
                    family=str(person.get("last", "") or person.get("family", "")),
                    suffix=str(person.get("lineage", "") or ""))
    return Name.parse(str(person))


def load_database(paths: Iterable[str], reporter: Reporter) -> Database:
    """Read every bibliography file in ``paths`` (``.bib``, ``.yaml``/``.yml``) into one database.

    Problems are reported through ``reporter`` with file:line:column; reading goes on so that
    one run shows them all.
    """
    from pybtex.database.input.bibtex import month_names
    from pybtex.utils import CaseInsensitiveDict

    db = Database()
    macros = CaseInsensitiveDict(month_names)  # @string definitions of every file, in order
    for path in paths:
        path = os.fspath(path)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read(MAX_BIB_BYTES + 1)
            if len(text) > MAX_BIB_BYTES:
                db.incomplete = True
                reporter.error(Loc(path), f"bibliography file larger than {MAX_BIB_BYTES // 2**20} MiB: not read",
                               hint="keep only the works the edition cites, or split the file")
                continue
        except FileNotFoundError:
            db.incomplete = True
            reporter.error(Loc(path), f"bibliography file not found: {path}",
                           hint="paths in `bibliography:` are relative to the edition file")
            continue
        except UnicodeDecodeError as error:
            line = error.object[: error.start].count(b"\n") + 1
            col = error.start - (error.object.rfind(b"\n", 0, error.start) + 1) + 1
            db.incomplete = True
            reporter.error(Loc(path, line, col), f"bibliography file is not UTF-8: {error.reason}",
                           hint="re-export it as UTF-8 (Zotero/Better BibTeX: 'Unicode')")
            continue
        except OSError as error:
            db.incomplete = True
            reporter.error(Loc(path), f"cannot read bibliography file: {error.strerror}")
            continue
        db.files.append(path)
        if path.lower().endswith((".yaml", ".yml")):
            parse_yaml(text, path, reporter, db)
        elif path.lower().endswith(".json"):
            from .csljson import parse_csljson

            parse_csljson(text, path, reporter, db)
        else:
            parse_bibtex(text, path, reporter, db, macros)
    finish_database(db, reporter)
    return db


def finish_database(db: Database, reporter: Reporter) -> None:
    """What biber does after reading: inheritance (crossref, xdata), sets, and the
    normalisations every style relies on."""
    resolve(db, reporter)
    for record in db:
        _normalize(record, db, reporter)


def _normalize(record: Record, db: Database, reporter: Reporter) -> None:
    fields, persons = record.fields, record.persons
    # "Lisa Gitelman, ed., ... ed. Lisa Gitelman": an author who is the editor is the editor
    if persons.get("author") and persons.get("author") == persons.get("editor") and \
            record.kind in {"book", "set"}:
        del persons["author"]
    # an arXiv (or other) eprint is the web address of the work
    if not fields.get("url") and fields.get("eprint"):
        eprint, kind = fields["eprint"], fields.get("eprinttype", "").lower()
        prefix = {"arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
                  "hdl": "https://hdl.handle.net/", "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/",
                  "googlebooks": "https://books.google.com/books?id="}.get(kind)
        if prefix:
            fields["url"] = prefix + eprint
    if record.type == "set":
        for key in [k.strip() for k in fields.get("entryset", "").split(",") if k.strip()]:
            member = db.get(key)
            if member is None:
                reporter.error(record.loc, f"set '{record.key}': member '{key}' is not in the bibliography")
            elif member is not record:
                record.members.append(member)
