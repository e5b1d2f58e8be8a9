"""The ``chicago`` style: *The Chicago Manual of Style*, 17th edition, notes and bibliography.

Rules followed (chapter 14 of the manual; the examples behind the tests are cited in
``tests/transforms/test_citations.py``):

* notes: ``Zadie Smith, Swing Time (New York: Penguin Press, 2016), 315–16``; bibliography:
  ``Smith, Zadie. Swing Time. New York: Penguin Press, 2016.``;
* article, chapter, thesis and web-page titles in quotation marks with commas and periods
  inside them (US usage); ``in`` before the book of a chapter; ``ed.``/``trans.`` in notes,
  ``edited by``/``Translated by`` in the bibliography;
* journal volume and issue as ``111, no. 2 (April 2016): 170``; volume and page of a
  multivolume work as ``3:45``; page ranges abbreviated (9.64: ``315–16``, ``1496–1504``);
* short notes: surname, short title (``shorttitle`` or the main title), locator (14.29-33);
  ibid. is discouraged (14.34): a note citing the work of the note just before it gives the
  surname and locator only (``Morrison, 18``);
* one to three authors in notes, four or more: first author *et al.* (14.76); up to ten in the
  bibliography, then seven and *et al.*;
* reprints: ``(1938; repr., New York: Harcourt Brace Jovanovich, 1970)`` (14.114);
* theses: ``(PhD diss., University of Chicago, 2008)`` (14.224).
"""

from __future__ import annotations

import re

from ..model import Inline, Text, plain_text
from . import rich as R
from .database import Record
from .locators import Locator, volume_number
from .style import Style, register_style

__all__ = ["ChicagoStyle"]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


@register_style("chicago", "chicago-notes", "chicago17")
class ChicagoStyle(Style):
    """Chicago 17th notes and bibliography."""

    name = "chicago"
    repeat = "author"
    #: The processor's caller should move a period typed after a citation inside a closing
    #: quotation mark (see :func:`edition.citations.rich.american_punctuation`).
    punctuation_inside_quotes = True
    terms = {
        # "c. 2" mid-note: the Turkish volume abbreviation is capitalised only at the start
        # of a bibliography sentence (as "Vol." in English)
        "tr": {"volume": "c.", "edited_by": "ed.", "translated_by": "çev.", "last_modified": "son güncelleme",
               "accessed": "erişim", "reprint": "tıpkıbasım"},
        "en": {"last_modified": "last modified", "accessed": "accessed", "reprint": "repr.",
               "reprint_long": "Reprint"},
    }

    def finalize(self, nodes):
        return R.no_double_periods(R.american_punctuation(nodes))

    def short_title(self, record: Record) -> list[Inline]:
        """The main title without an initial article (14.33: "Culture of Cities")."""
        nodes = super().short_title(record)
        if (not record.get("shorttitle") and nodes and isinstance(nodes[0], Text)
                and self.lang == "en"):
            first = re.sub(r"^(?:The|An|A)\s+(?=\S)", "", nodes[0].text)
            nodes = [Text(first), *nodes[1:]]
        return nodes

    def title_part(self, record: Record, short: bool = False) -> list[Inline]:
        """Theses are unpublished: their titles go in quotation marks (14.224)."""
        if record.kind == "thesis":
            return R.quoted(self.short_title(record) if short else self.title(record), *self.quotes)
        return super().title_part(record, short)

    # ------------------------------------------------------------------ names

    def _names(self, names, form: str, *, bib: bool = False, others: bool = False) -> str:
        """Chicago name lists: 'A, B, and C'; four or more in notes: 'A et al.' (14.76)."""
        if bib:
            if len(names) > 10:
                return self.name_list(names[:7], form, and_word="", others=True)
            return self.name_list(names, form, and_word=self.t["and"], serial_comma=True,
                                  others=others)
        return self.name_list(names, form, and_word=self.t["and"], serial_comma=True,
                              et_al_min=4, others=others)

    def note_names(self, record: Record) -> list[Inline]:
        if record.names("author"):
            return R.text(self._names(record.names("author"), "full",
                                      others=record.others.get("author", False)))
        editors = record.names("editor")
        if not editors:
            return []
        return R.text(f"{self._names(editors, 'full')}, {self._editor_term(record, editors)}")

    def _editor_term(self, record: Record, editors) -> str:
        if record.get("editortype") or editors == record.names("translator"):
            return self.role_term(record, "editor", "editor")
        return self.t["editors"] if len(editors) > 1 else self.t["editor"]

    def short_names(self, record: Record) -> list[Inline]:
        names = self.creators(record)
        if not names and record.kind == "webpage":
            return R.text(record.get("owner"))
        return R.text(self._names(names, "short", others=record.others.get("author", False)))

    def bib_names(self, record: Record) -> list[Inline]:
        if record.names("author"):
            return R.text(self._names(record.names("author"), "inverted-first", bib=True,
                                      others=record.others.get("author", False)))
        editors = record.names("editor")
        if not editors:
            return []
        return R.text(f"{self._names(editors, 'inverted-first', bib=True)}, "
                      f"{self._editor_term(record, editors)}")

    # ------------------------------------------------------------------ pieces

    def volume_pages(self, record: Record, locator: Locator) -> list[Inline]:
        """'3:45', '45' or 'vol. 3'."""
        volume = locator.volume_number or (
            volume_number(record.get("volume")) if record.kind in {"encyclopedia", "chapter"} else 0)
        pages = self.locator_pages(locator, "chicago", "–")
        if volume and pages:
            return R.text(f"{volume}:{pages}")
        if volume:
            return R.text(f"{self.t['volume']} {volume}")
        return R.text(pages)

    def publication(self, record: Record) -> list[Inline]:
        """'New York: Penguin Press, 2016' (with '1938; repr., ' before a reprint)."""
        place, publisher = self.place(record, default=False), record.get("publisher")
        year = self.year(record)
        if place and publisher:
            where = f"{place}: {publisher}"
        elif publisher:
            where = f"{self.t['no_place']}: {publisher}"
        else:
            where = place
        body = R.join([R.text(where), R.text(year)])
        if record.orig_year:
            return R.join([R.text(record.orig_year), R.prefix(f"{self.t['reprint']},", body)], "; ")
        return body

    def note_contributors(self, record: Record) -> list[Inline]:
        return R.join([self.role_names(record, "editor", "editor"),
                       self.role_names(record, "translator", "translator"),
                       self.other_roles(record)])

    def bib_contributors(self, record: Record) -> list[Inline]:
        parts = []
        for role, term in (("editor", "edited_by"), ("translator", "translated_by")):
            names = record.names(role)
            if names and not (role == "editor" and not record.names("author")):
                if role == "translator" and names == record.names("editor") and record.names("author"):
                    continue
                label = self.t[term]
                if role == "editor" and (record.get("editortype") or names == record.names("translator")
                                         or names == record.names("commentator")):
                    label = self.role_term(record, "editor", "editor")
                parts.append(R.prefix(_capitalize(label), R.text(self._names(names, "full"))))
        others = self.other_roles(record)
        return R.sentence(parts + ([R.text(_capitalize(plain_text(others)))] if others else []))

    def link(self, record: Record) -> list[Inline]:
        doi = record.get("doi")
        if doi:
            return R.link(doi if doi.startswith("http") else f"https://doi.org/{doi}")
        return R.link(record.get("url"))

    def issue(self, record: Record) -> list[Inline]:
        """'Classical Philology 111, no. 2 (April 2016)'."""
        volume, number = record.get("volume"), record.get("number")
        numbers = ", ".join(p for p in (volume, f"{self.t['no']} {number}" if number else "") if p)
        date = self.date_text(record) or self.year(record)
        return R.join([R.emph(record.rich("journal")), R.text(numbers), R.wrap(date)], " ")

    # ------------------------------------------------------------------ notes

    def full_book(self, record: Record, locator: Locator) -> list[Inline]:
        volumes = "" if locator.volume else (
            f"{self.t['volume']} {record.get('volume')}" if record.get("volume") else "")
        head = R.join([self.note_names(record), self.title_part(record),
                       R.text(self.edition(record)), self.note_contributors(record),
                       R.text(volumes)])
        return R.join([R.join([head, R.wrap(self.publication(record))], " "),
                       self.volume_pages(record, locator)])

    def full_article(self, record: Record, locator: Locator) -> list[Inline]:
        head = R.join([self.note_names(record), self.title_part(record)])
        body = R.join([head, self.issue(record)], ", ")
        return R.join([body, self.volume_pages(record, locator)], ": ")

    def full_newspaper(self, record: Record, locator: Locator) -> list[Inline]:
        return R.join([self.note_names(record), self.title_part(record),
                       R.emph(record.rich("journal")), R.text(self.date_text(record)),
                       self.volume_pages(record, locator), self.link(record)])

    def full_chapter(self, record: Record, locator: Locator) -> list[Inline]:
        editors = record.names("editor")
        book = R.join([
            R.join([R.prefix(self.t["in"], R.emph(self.title(record, "booktitle"))),
                    self.role_names(record, "bookauthor", "bookauthor")], " "),
            R.prefix(self.t["editors"] if len(editors) > 1 else self.t["editor"],
                     R.text(self._names(editors, "full",
                                        others=record.others.get("editor", False)))),
            self.role_names(record, "translator", "translator"),
        ])
        return R.join([self.note_names(record), self.title_part(record),
                       R.join([book, R.wrap(self.publication(record))], " "),
                       self.volume_pages(record, locator)])

    full_encyclopedia = full_chapter

    def full_thesis(self, record: Record, locator: Locator) -> list[Inline]:
        data = R.join([R.text(self.thesis_type(record)), R.text(record.get("school")),
                       R.text(self.year(record))])
        return R.join([self.note_names(record),
                       R.join([self.title_part(record), R.wrap(data)], " "),
                       self.volume_pages(record, locator), self.link(record)])

    def _revision(self, record: Record, bib: bool) -> list[Inline]:
        if record.year:
            text = f"{self.t['last_modified']} {self.date_text(record)}"
        elif record.get("urldate"):
            text = f"{self.t['accessed']} {self.date_text(record, 'urldate')}"
        else:
            return []
        return R.text(_capitalize(text) if bib else text)

    def full_webpage(self, record: Record, locator: Locator) -> list[Inline]:
        return R.join([self.note_names(record), self.title_part(record),
                       R.text(record.get("sitename")),
                       R.text(record.get("owner")) if record.names("author") or record.get(
                           "owner") != record.get("sitename") else [],
                       self._revision(record, False), self.link(record)])

    def full_archival(self, record: Record, locator: Locator) -> list[Inline]:
        return R.join([self.note_names(record), self.title_part(record),
                       R.text(record.get("shorttitle")), R.text(record.get("archive_location")),
                       self.volume_pages(record, locator), R.text(record.get("archive"))])

    def short_archival(self, record: Record, locator: Locator) -> list[Inline]:
        return R.join([self.short_names(record),
                       R.text(record.get("shorttitle")) or self.title_part(record),
                       R.text(record.get("archive_location")), self.volume_pages(record, locator)])

    # ------------------------------------------------------------------ bibliography

    def _range(self, record: Record) -> str:
        return self.pages_text(record.get("pages"), "chicago", "–")

    def bib_book(self, record: Record) -> list[Inline]:
        volumes, volume = record.get("volumes"), record.get("volume")
        publication = self.publication(record)
        if record.orig_year:  # "1938. Reprint, New York: Harcourt Brace Jovanovich, 1970."
            publication = R.sentence([R.text(record.orig_year), R.prefix(
                f"{self.t.get('reprint_long', _capitalize(self.t['reprint']))},",
                R.join([R.text(f"{record.get('location')}: {record.get('publisher')}"
                               if record.get("publisher") else self.place(record, False)),
                        R.text(self.year(record))]))])
        return R.sentence([
            self.bib_names(record), self.title_part(record), R.text(_capitalize(self.edition(record))),
            self.bib_contributors(record),
            R.text(f"{volumes} {self.t['volumes']}") if volumes else [],
            R.text(_capitalize(f"{self.t['volume']} {volume}")) if volume and not volumes else [],
            publication, self.link(record),
        ])

    def bib_article(self, record: Record) -> list[Inline]:
        issue = R.join([self.issue(record), R.text(self._range(record))], ": ")
        return R.sentence([self.bib_names(record), self.title_part(record), issue,
                           self.link(record)])

    def bib_newspaper(self, record: Record) -> list[Inline]:
        return R.sentence([self.bib_names(record), self.title_part(record),
                           R.join([R.emph(record.rich("journal")), R.text(self.date_text(record))]),
                           self.link(record)])

    def bib_chapter(self, record: Record) -> list[Inline]:
        editors = record.names("editor")
        volume, pages = record.get("volume"), self._range(record)
        locus = f"{volume}:{pages}" if volume and pages else pages or (
            f"{self.t['volume']} {volume}" if volume else "")
        book = R.join([
            R.join([R.prefix(_capitalize(self.t["in"]), R.emph(self.title(record, "booktitle"))),
                    self.role_names(record, "bookauthor", "bookauthor")], " "),
            R.prefix(self.t["edited_by"], R.text(self._names(
                editors, "full", others=record.others.get("editor", False)))),
            R.prefix(self.t["translated_by"],
                     R.text(self._names(record.names("translator"), "full"))),
            R.text(locus),
        ])
        return R.sentence([self.bib_names(record), self.title_part(record), book,
                           self.publication(record), self.link(record)])

    bib_encyclopedia = bib_chapter

    def bib_thesis(self, record: Record) -> list[Inline]:
        data = R.join([R.text(_capitalize(self.thesis_type(record))), R.text(record.get("school")),
                       R.text(self.year(record))])
        return R.sentence([self.bib_names(record), self.title_part(record), data,
                           self.link(record)])

    def bib_webpage(self, record: Record) -> list[Inline]:
        head = self.bib_names(record) or R.text(record.get("owner"))
        return R.sentence([head, self.title_part(record), R.text(record.get("sitename")),
                           self._revision(record, True), self.link(record)])

    def bib_archival(self, record: Record) -> list[Inline]:
        return R.sentence([self.bib_names(record),
                           R.join([self.title_part(record), R.text(record.get("shorttitle")),
                                   R.text(record.get("archive_location"))]),
                           R.text(record.get("archive")), self.link(record)])
