"""Make the first pages of articles whose front the PDF importer must read (issue 21):
a title with a smaller subtitle under it, several authors on one byline (``A and B``,
``A, B & C``) with note signs or numbers on the names (their affiliations), and numbered
notes on the same page.

Printed by WeasyPrint (the project's own dependency) from the HTML below, laid out as a
journal's first page: a rubric, the title, the subtitle, the byline, running text with
raised note numbers, and the notes under a thin rule at the page's foot (the notes on the
names first, as LaTeX's ``\\thanks`` and Word's symbol notes print them), or, for the
numbered ones, in small type under the names.  The text is
the author's own (written for this test, no source).  ``python make_front.py`` rewrites
the PDFs here; the importer is never run by it.
"""

from __future__ import annotations

import os

HERE = os.path.dirname(os.path.abspath(__file__))

PARAGRAPH = ("The archive of the ministry keeps the letters of the governors in the order in which "
             "they arrived, and the order tells a story of its own: the letters grow shorter, the "
             "requests more urgent, and the replies of the capital rarer from one month to the next.")

DOCS = {
    "front-en-two-authors": {
        "title": "Ministries and Provinces in a Time of Crisis",
        "subtitle": "The Letters of the Governors, 1919–1920",
        "byline": "Ann Smith<sup>∗</sup> and Bob Jones<sup>†</sup>",
        "front_notes": ["<sup>∗</sup> University of Vienna, ann.smith@example.org",
                        "<sup>†</sup> University of Ankara, Department of History"],
    },
    "front-en-three-authors": {
        "title": "Reading the Correspondence of a Ministry",
        "subtitle": "Sources, Methods and Limits",
        "byline": "Ann Smith<sup>1</sup>, Bob Jones<sup>2</sup> &amp; Carl Weber<sup>3</sup>",
        "front_notes": [],
        # the affiliations in small type under the names (as the Open Library of Humanities prints them)
        "under_byline": ["<sup>1</sup> University of Vienna", "<sup>2</sup> University of Ankara",
                         "<sup>3</sup> University of Hamburg"],
    },
    "front-en-title-note": {
        "title": "Ministries and Provinces in a Time of Crisis<sup>∗</sup>",
        "subtitle": "The Letters of the Governors, 1919–1920",
        "byline": "Ann Smith<sup>†</sup>",
        "front_notes": ["<sup>∗</sup> The research for this article was funded by the archive's fellowship.",
                        "<sup>†</sup> University of Vienna"],
    },
}

CSS = """
@page { size: A4; margin: 25mm 25mm 20mm 25mm; }
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; line-height: 12.5pt; margin: 0; }
.rubric { font-size: 11pt; letter-spacing: 1pt; margin: 0 0 14pt 0; }
h1 { font-size: 18pt; line-height: 22pt; font-weight: bold; margin: 0 0 6pt 0; }
h2 { font-size: 13pt; line-height: 16pt; font-weight: normal; margin: 0 0 14pt 0; }
.byline { font-size: 11pt; margin: 0 0 4pt 0; }
.under { font-size: 8pt; line-height: 10pt; }
.under:last-of-type, .byline + p { margin-top: 0; }
p.first { margin-top: 18pt; }
p { text-align: justify; margin: 0; text-indent: 1.5em; }
p.first { text-indent: 0; }
sup { font-size: 6.5pt; line-height: 0; vertical-align: 3.5pt; }
.notes { position: absolute; bottom: 0; left: 0; right: 0; font-size: 8pt; line-height: 10pt; }
.notes hr { width: 30%; margin: 0 0 4pt 0; border: 0; border-top: 0.5pt solid black; }
.notes div { margin: 0; }
.page { position: relative; height: 252mm; }
"""


def html(spec: dict) -> str:
    paras = []
    for k in range(4):
        marker = f"<sup>{k + 1}</sup>" if k < 2 else ""
        cls = " class='first'" if k == 0 else ""
        paras.append(f"<p{cls}>{PARAGRAPH} {PARAGRAPH}{marker} {PARAGRAPH}</p>")
    notes = spec["front_notes"] + [
        "<sup>1</sup> Letter of the governor of Sivas, 12 March 1920, file 14.",
        "<sup>2</sup> On the files see the inventory of the archive, vol. 2, 33–41.",
    ]
    under = "".join(f"<div class='under'>{n}</div>" for n in spec.get("under_byline", []))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
            f"<div class='page'><div class='rubric'>ARTICLE</div><h1>{spec['title']}</h1><h2>{spec['subtitle']}</h2>"
            f"<div class='byline'>{spec['byline']}</div>{under}{''.join(paras)}"
            f"<div class='notes'><hr>{''.join(f'<div>{n}</div>' for n in notes)}</div></div></body></html>")


def main() -> None:
    from weasyprint import HTML

    for name, spec in DOCS.items():
        HTML(string=html(spec)).write_pdf(os.path.join(HERE, name + ".pdf"))


if __name__ == "__main__":
    main()
