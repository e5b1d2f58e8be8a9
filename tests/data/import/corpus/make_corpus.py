"""Build the importer's test corpus: PDFs whose truth is known, with that truth beside them.

``python tests/data/import/corpus/make_corpus.py [--only NAME]`` writes, for every document
of :data:`DOCS`, ``NAME.pdf`` and ``NAME.truth.json`` in this folder.  The text is made from
the sentences of :data:`SENTENCES` (hand-written, one set per language) by a seeded random
choice, so the same command gives the same documents.  Each document is printed by one of:

* ``edition`` -- the project's own PDF writer (``edition build``): the truth is the model;
* ``libreoffice`` -- LibreOffice (if installed): a flat ODT with real footnotes converted to a
  DOCX (Word footnotes), and that DOCX to PDF; the DOCX is kept beside the PDF;
* ``latex`` -- ``xelatex`` with fontspec (DejaVu Serif) and polyglossia (TeX Live, if installed; not needed by the tests, which read the
  committed PDFs): rule or no rule above the notes, notes numbered per page
  (``footmisc`` ``perpage``), two columns, running heads and folios (``fancyhdr``).

The truth (``NAME.truth.json``) holds the body paragraphs as word lists in which a note's
place is written ``⟦k⟧`` glued to the word carrying it, the notes' texts, the headings, the
first printed page number and the language.  tests/data/import/score.py compares an import
with it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(HERE))))

SENTENCES = {
    "en": [
        "The correspondence between the ministries reveals a remarkable uncertainty about the intentions of the neighbouring governments.",
        "Historians have long underestimated the administrative continuity that connected the provincial authorities with the capital.",
        "In the following years the commission published several reports on the reorganisation of the educational institutions.",
        "Nevertheless, the parliamentary opposition questioned the constitutionality of the emergency regulations.",
        "The archival documents show that the negotiations were interrupted twice before the final agreement was signed.",
        "Contemporary newspapers described the demonstrations as spontaneous, although the organisers had prepared them for weeks.",
        "This interpretation is supported by the testimony of several officials who witnessed the conference.",
        "The economic consequences of the blockade were felt most strongly in the industrial districts of the northern provinces.",
        "A comprehensive understanding of these developments requires a comparison with the experience of other countries.",
        "The representatives of the merchants demanded compensation for the losses they had suffered during the occupation.",
        "It is therefore necessary to distinguish between the official declarations and the actual policy of the government.",
        "Unfortunately, most of the correspondence of the later period has not been preserved in the national archives.",
    ],
    "de": [
        "Die Auseinandersetzung zwischen den Regierungsparteien bestimmte die innenpolitische Entwicklung der folgenden Jahrzehnte.",
        "Besonders aufschlussreich sind die Sitzungsprotokolle der Landesversammlung, die erst kürzlich veröffentlicht wurden.",
        "Die Wirtschaftskrise verschärfte die gesellschaftlichen Spannungen in den Industriestädten erheblich.",
        "Nach der Unterzeichnung des Friedensvertrages begann eine Phase der vorsichtigen Annäherung.",
        "Die Verwaltungsbehörden reagierten auf die Forderungen der Bevölkerung mit bemerkenswerter Zurückhaltung.",
        "In der Forschungsliteratur wird diese Entscheidung häufig als Wendepunkt der Außenpolitik bezeichnet.",
        "Die Zeitungen berichteten ausführlich über die Verhandlungen, obwohl die Zensur weiterhin bestand.",
        "Eine vergleichende Untersuchung der Gewerkschaftsbewegungen steht bis heute noch aus.",
        "Die Abgeordneten verlangten eine gründliche Überprüfung der Haushaltsführung des Ministeriums.",
        "Zahlreiche Flüchtlinge fanden in den Grenzgebieten eine vorläufige Unterkunft.",
        "Diese Darstellung widerspricht jedoch den Erinnerungen mehrerer Zeitgenossen.",
        "Die Bildungsreform sollte die Verwaltung modernisieren und die Schulpflicht durchsetzen.",
    ],
    "fr": [
        "La correspondance diplomatique révèle une inquiétude croissante à l'égard des intentions des puissances voisines.",
        "Les historiens ont longtemps sous-estimé la continuité administrative entre les provinces et la capitale.",
        "Au cours des années suivantes, la commission publia plusieurs rapports sur la réorganisation des établissements scolaires.",
        "Néanmoins, l'opposition parlementaire contesta la constitutionnalité des mesures exceptionnelles.",
        "Les documents d'archives montrent que les négociations furent interrompues à deux reprises.",
        "Les journaux de l'époque décrivirent les manifestations comme spontanées, bien que les organisateurs les aient préparées.",
        "Cette interprétation est confirmée par le témoignage de plusieurs fonctionnaires présents à la conférence.",
        "Les conséquences économiques du blocus se firent sentir surtout dans les régions industrielles du nord.",
        "Une compréhension approfondie de ces événements exige une comparaison avec l'expérience des autres pays.",
        "Les représentants des commerçants réclamèrent une indemnisation pour les pertes subies pendant l'occupation.",
        "Il faut donc distinguer les déclarations officielles de la politique effectivement menée par le gouvernement.",
        "Malheureusement, la plupart des lettres de la période ultérieure n'ont pas été conservées.",
    ],
    "tr": [
        "Bakanlıklar arasındaki yazışmalar, komşu hükümetlerin niyetleri konusunda büyük bir belirsizlik olduğunu göstermektedir.",
        "Tarihçiler, taşra yönetimi ile başkent arasındaki idari sürekliliği uzun süre göz ardı etmişlerdir.",
        "Sonraki yıllarda komisyon, eğitim kurumlarının yeniden düzenlenmesi hakkında birkaç rapor yayımladı.",
        "Bununla birlikte meclisteki muhalefet, olağanüstü düzenlemelerin anayasaya uygunluğunu sorguladı.",
        "Arşiv belgeleri, görüşmelerin nihai antlaşma imzalanmadan önce iki kez kesintiye uğradığını ortaya koymaktadır.",
        "Dönemin gazeteleri gösterileri kendiliğinden gelişmiş olarak tanımlamış, oysa düzenleyiciler haftalarca hazırlanmıştı.",
        "Bu yorum, konferansta bulunan birçok memurun tanıklığıyla da desteklenmektedir.",
        "Ablukanın iktisadi sonuçları en çok kuzey vilayetlerinin sanayi bölgelerinde hissedildi.",
        "Bu gelişmelerin kapsamlı bir şekilde anlaşılması, başka ülkelerin tecrübeleriyle karşılaştırılmasını gerektirir.",
        "Tüccarların temsilcileri, işgal sırasında uğradıkları zararların karşılanmasını talep ettiler.",
        "Dolayısıyla resmî beyanlar ile hükümetin fiilî siyasetini birbirinden ayırmak gerekmektedir.",
        "Ne yazık ki sonraki döneme ait yazışmaların çoğu millî arşivlerde muhafaza edilmemiştir.",
    ],
}

HEADINGS = {
    "en": ["Introduction", "The Negotiations", "Consequences", "Conclusion"],
    "de": ["Einleitung", "Die Verhandlungen", "Folgen", "Schluss"],
    "fr": ["Introduction", "Les négociations", "Conséquences", "Conclusion"],
    "tr": ["Giriş", "Görüşmeler", "Sonuçlar", "Sonuç"],
}
TITLES = {
    "en": "Ministries and Provinces in a Time of Crisis",
    "de": "Verwaltung und Gesellschaft in der Krise",
    "fr": "Ministères et provinces en temps de crise",
    "tr": "Bunalım Döneminde Bakanlıklar ve Vilayetler",
}
NOTE_LEADS = {
    "en": ["See", "Compare", "Quoted in", "On this point see"],
    "de": ["Vgl.", "Siehe", "Zitiert nach", "Dazu ausführlich"],
    "fr": ["Voir", "Cf.", "Cité dans", "Sur ce point, voir"],
    "tr": ["Bkz.", "Krş.", "Aktaran", "Bu konuda bkz."],
}
SOURCES = ["Archives, Box 12, file 3, p. 14.", "Smith 1998, p. 211.", "Karabekir 1960, s. 45.", "Müller 2004, S. 77."]


YEARS = {"de": "Im Jahr {y} zählte man {n} Abgeordnete.", "en": "In {y} there were {n} deputies.",
         "fr": "En {y}, on comptait {n} députés.", "tr": "{y} yılında {n} milletvekili vardı."}


def make_truth(lang: str, seed: int, sections: int = 4, paras: int = 3, density: float = 0.22, long_notes: int = 2,
               years: bool = False) -> dict:
    """Headings, paragraphs (sentences with notes after chosen words) and notes; ``years``
    adds sentences with plain numbers (which must stay text)."""
    rnd = random.Random(seed)
    sents = SENTENCES[lang]
    if years:
        sents = sents + [YEARS[lang].format(y=1900 + k * 7, n=k + 3) for k in range(4)]
    body, notes = [], []
    for s in range(sections):
        body.append({"heading": HEADINGS[lang][s % len(HEADINGS[lang])]})
        for _ in range(paras):
            words: list[str] = []
            for sentence in rnd.sample(sents, rnd.randint(3, 5)):
                ws = sentence.split()
                if rnd.random() < density * 2:
                    k = rnd.randrange(1, len(ws))
                    notes.append(_note_text(rnd, lang, len(notes) < long_notes and rnd.random() < 0.6))
                    w = ws[k - 1]
                    ws[k - 1] = w + f"⟦{len(notes)}⟧"
                words += ws
            body.append({"words": words})
    return {"language": lang, "title": TITLES[lang], "body": body, "notes": notes}


def truth_from_edition(path: str) -> dict:
    """The truth of a real article: the body of an edition source as its model reads it
    (lemmas, not the print's readings; citations and styles left out), to be printed again
    by the project's writer from that text alone."""
    sys.path.insert(0, ROOT)
    from edition.core import load
    from edition.model import Note, Paragraph, Quote, Section
    from edition.walk import text_of

    edition = load(path)
    notes: list[str] = []
    body: list[dict] = []

    def words_of(content) -> list[str]:
        s = ""
        for node in content:
            if isinstance(node, Note):
                notes.append(" ".join(text_of(node.content).split()))
                s = s.rstrip() + f"⟦{len(notes)}⟧"
            else:
                s += text_of([node])
        words = s.split()
        out: list[str] = []
        for w in words:
            if w.startswith("⟦") and out:
                out[-1] += w
            else:
                out.append(w)
        return out

    def walk(section: Section):
        if section.heading_text:
            body.append({"heading": section.heading_text})
        for b in section.blocks:
            if isinstance(b, Section):
                walk(b)
            elif isinstance(b, Quote):
                for p in b.paragraphs:
                    body.append({"words": words_of(p.content)})
            elif isinstance(b, Paragraph):
                body.append({"words": words_of(b.content)})

    for section in edition.body:
        walk(section)
    return {"language": edition.meta.language, "title": edition.meta.title, "body": body, "notes": notes}


def _note_text(rnd: random.Random, lang: str, long: bool) -> str:
    lead = rnd.choice(NOTE_LEADS[lang])
    text = f"{lead} {rnd.choice(SOURCES)}"
    if long:
        text += " " + " ".join(rnd.sample(SENTENCES[lang], 4))
    elif rnd.random() < 0.4:
        text += " " + rnd.choice(SENTENCES[lang])
    return text


def _split_note(word: str) -> tuple[str, str, str]:
    """'word.⟦3⟧' -> ('word.', '3', ''); punctuation after the word stays before the call."""
    if "⟦" not in word:
        return word, "", ""
    a, rest = word.split("⟦", 1)
    n, after = rest.split("⟧", 1)
    return a, n, after


# --------------------------------------------------------------------------- edition (YAML)


def _yaml_inline(s: str) -> str:
    for c in "\\[]*^{<":
        s = s.replace(c, "\\" + c)
    return s


def to_yaml(truth: dict, first_page: int = 1) -> str:
    import yaml

    notes = truth["notes"]
    body = []
    cur = None
    for item in truth["body"]:
        if "heading" in item:
            cur = {"heading": item["heading"], "text": ""}
            body.append(cur)
            continue
        out = []
        for w in item["words"]:
            a, n, after = _split_note(w)
            out.append(_yaml_inline(a) + (f"^[{_yaml_inline(notes[int(n) - 1])}]" if n else "") + after)
        cur["text"] += " ".join(out) + "\n\n"
    doc = {
        "edition": {"title": truth["title"], "language": truth["language"]},
        "body": body,
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)


def build_edition(name: str, truth: dict, out_dir: str = HERE) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "edition.yaml")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(to_yaml(truth))
        out = os.path.join(out_dir, name + ".pdf")
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        subprocess.run([sys.executable, "-m", "edition.cli", "build", src, "-o", out], check=True, cwd=ROOT, env=env)


# --------------------------------------------------------------------------- LaTeX


TEX_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
               "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(s: str) -> str:
    return "".join(TEX_ESCAPES.get(c, c) for c in s)


def to_latex(truth: dict, *, rule: bool = True, perpage: bool = False, twocolumn: bool = False,
             first_page: int = 1, runhead: str = "", italic_every: int = 0, sc_every: int = 0, folio_in_head: bool = False, quote_every: int = 0,
             symbols: bool = False, paper: str = "a5paper", **_) -> str:
    lang = truth["language"]
    poly = {"tr": "turkish", "en": "english", "de": "german", "fr": "french"}[lang]
    opts = "twocolumn," if twocolumn else ""
    head = [
        f"\\documentclass[{opts}10pt,{paper}]{{article}}",
        "\\usepackage{fontspec}\\setmainfont{DejaVu Serif}", "\\usepackage{polyglossia}", f"\\setdefaultlanguage{{{poly}}}",
        "\\usepackage[margin=18mm]{geometry}",
        "\\usepackage{fancyhdr}\\pagestyle{fancy}\\fancyhf{}",
        f"\\fancyhead[C]{{\\small\\itshape {_tex(runhead)}}}" if runhead and not folio_in_head else "",
        f"\\fancyhead[L]{{\\small\\itshape {_tex(runhead)}}}\\fancyhead[R]{{\\small\\thepage}}" if folio_in_head else "\\fancyfoot[C]{\\thepage}",
        "\\renewcommand{\\headrulewidth}{0pt}",
        f"\\usepackage[{','.join(o for o, on in (('perpage', perpage), ('symbol*', symbols)) if on)}]{{footmisc}}" if perpage or symbols else "",  # symbol*: * † ‡ § ...
        "" if rule else "\\renewcommand{\\footnoterule}{}",
        "\\begin{document}", f"\\setcounter{{page}}{{{first_page}}}", "\\thispagestyle{fancy}",
        f"\\begin{{center}}\\Large\\bfseries {_tex(truth['title'])}\\end{{center}}",
    ]
    notes = truth["notes"]
    out = []
    count = paras = 0
    for item in truth["body"]:
        if "heading" in item:
            out.append(f"\\section*{{{_tex(item['heading'])}}}")
            continue
        ws = []
        for w in item["words"]:
            a, n, after = _split_note(w)
            count += 1
            t = _tex(a)
            if italic_every and count % italic_every == 0 and a.isalpha():
                t = f"\\textit{{{t}}}"
            elif sc_every and count % sc_every == 0 and a.isalpha():
                t = f"\\textsc{{{t}}}"
            ws.append(t + (f"\\footnote{{{_tex(notes[int(n) - 1])}}}" if n else "") + _tex(after))
        para = " ".join(ws)
        paras += 1
        if quote_every and paras % quote_every == 0:
            para = f"\\begin{{quote}}\\small {para}\\end{{quote}}"
        out.append(para + "\n")
    return "\n".join([h for h in head if h] + out + ["\\end{document}\n"])


def build_latex(name: str, truth: dict, out_dir: str = HERE, **kw) -> None:
    if not shutil.which("xelatex"):
        print(f"{name}: xelatex not installed, skipped", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tex = os.path.join(tmp, "doc.tex")
        with open(tex, "w", encoding="utf-8") as fh:
            fh.write(to_latex(truth, **kw))
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FORCE_SOURCE_DATE="1")
        for _ in range(3):  # perpage numbering needs the later runs (a note moved to the next page moves the numbers)
            subprocess.run(["xelatex", "-interaction=batchmode", "doc.tex"], cwd=tmp, env=env, check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "doc.pdf"), os.path.join(out_dir, name + ".pdf"))


# --------------------------------------------------------------------------- LibreOffice


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_fodt(truth: dict, *, perpage: bool = False, first_page: int = 1, runhead: str = "", italic_every: int = 0) -> str:
    """A flat OpenDocument text with real footnotes (text:note), for LibreOffice."""
    notes = truth["notes"]
    paras = [f'<text:p text:style-name="Title">{_xml(truth["title"])}</text:p>']
    count = 0
    for item in truth["body"]:
        if "heading" in item:
            paras.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{_xml(item["heading"])}</text:h>')
            continue
        ws = []
        for w in item["words"]:
            a, n, after = _split_note(w)
            count += 1
            t = _xml(a)
            if italic_every and count % italic_every == 0 and a.isalpha():
                t = f'<text:span text:style-name="Ital">{t}</text:span>'
            if n:
                t += (f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
                      f'<text:note-body><text:p text:style-name="Footnote">{_xml(notes[int(n) - 1])}</text:p></text:note-body></text:note>')
            ws.append(t + _xml(after))
        paras.append(f'<text:p text:style-name="Body">{" ".join(ws)}</text:p>')
    restart = ' text:start-numbering-at="page"' if perpage else ' text:start-numbering-at="document"'
    lang = {"tr": ("tr", "TR"), "de": ("de", "DE"), "en": ("en", "GB"), "fr": ("fr", "FR")}[truth["language"]]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="DejaVu Serif" fo:font-size="10pt" fo:language="{lang[0]}" fo:country="{lang[1]}" fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="0.5cm" fo:margin-bottom="0cm"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-left="0.4cm" fo:text-indent="-0.4cm"/><style:text-properties fo:font-size="8pt"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt" fo:font-style="italic"/></style:style>
 <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
 <text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page"{restart}/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Ital" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="First" style:family="paragraph" style:parent-style-name="Title" style:master-page-name="Standard"><style:paragraph-properties style:page-number="{first_page}"/></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"/>
  <style:footnote-sep style:width="0.018cm" style:rel-width="25%" style:adjustment="left" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
 {f'<style:header><text:p text:style-name="Header">{_xml(runhead)}</text:p></style:header>' if runhead else ''}
 <style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current"/></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(paras).replace('text:style-name="Title"', 'text:style-name="First"', 1)}
</office:text></office:body></office:document>
"""


def build_libreoffice(name: str, truth: dict, out_dir: str = HERE, **kw) -> None:
    """FODT -> DOCX (real Word footnotes) -> PDF, both by LibreOffice; the DOCX is kept."""
    soffice = shutil.which("soffice")
    if not soffice:
        print(f"{name}: LibreOffice not installed, skipped", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, name + ".fodt")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(to_fodt(truth, **kw))
        env = dict(os.environ, HOME=tmp)
        run = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to"]
        subprocess.run(run + ["docx:MS Word 2007 XML", "--outdir", tmp, src], check=True, env=env, stdout=subprocess.DEVNULL)
        docx = os.path.join(tmp, name + ".docx")
        subprocess.run(run + ["pdf", "--outdir", tmp, docx], check=True, env=env, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(out_dir, name + ".pdf"))
        shutil.copy(docx, os.path.join(out_dir, name + ".docx"))


# --------------------------------------------------------------------------- the documents

# name -> (language, seed, printer, options)
DOCS = {
    "edition-tr": ("tr", 1, "edition", {}),
    "edition-de": ("de", 2, "edition", {}),
    # a real article (the sample edition's text: tests/data/import/SOURCES.md), printed again
    "edition-tr-article": ("tr", 0, "edition", {"source": "examples/azerbaycan-bolsevizm/edition.yaml"}),
    "latex-en-rule": ("en", 3, "latex", {"rule": True, "first_page": 117, "runhead": "Journal of Test Studies 12 (2024)", "italic_every": 23,
                                         "quote_every": 4}),
    "latex-de-norule": ("de", 4, "latex", {"rule": False, "first_page": 41, "runhead": "Zeitschrift für Testgeschichte"}),
    "latex-fr-perpage": ("fr", 5, "latex", {"rule": True, "perpage": True, "first_page": 9, "runhead": "Revue d'histoire des essais"}),
    "latex-tr-twocol": ("tr", 6, "latex", {"rule": True, "twocolumn": True, "first_page": 201, "runhead": "Tarih Araştırmaları Dergisi"}),
    "latex-en-norule-perpage": ("en", 7, "latex", {"rule": False, "perpage": True, "first_page": 3}),
    # everything at once: two columns, no rule, notes per page, small capitals, numbers in the text
    "latex-de-twocol-norule-perpage": ("de", 8, "latex", {"rule": False, "perpage": True, "twocolumn": True, "first_page": 77,
                                                        "runhead": "Beiträge 5", "sc_every": 17, "years": True, "long_notes": 4}),
    "latex-fr-years-italic": ("fr", 9, "latex", {"rule": True, "first_page": 63, "italic_every": 11, "years": True,
                                                 "runhead": "Cahiers d'essais 4 (2023)", "folio_in_head": True}),
    "libreoffice-de": ("de", 10, "libreoffice", {"first_page": 41, "runhead": "Zeitschrift für Testgeschichte", "italic_every": 19}),
    "libreoffice-tr-perpage": ("tr", 11, "libreoffice", {"perpage": True, "first_page": 7}),
    "libreoffice-en-years": ("en", 12, "libreoffice", {"first_page": 301, "years": True}),
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", action="append")
    args = ap.parse_args(argv)
    for name, (lang, seed, printer, opts) in DOCS.items():
        if args.only and name not in args.only:
            continue
        if "source" in opts:
            truth = truth_from_edition(os.path.join(ROOT, opts["source"]))
        else:
            truth = make_truth(lang, seed, sections=3 if opts.get("twocolumn") else 4, years=opts.get("years", False),
                               long_notes=opts.get("long_notes", 2))
        truth["first_page"] = opts.get("first_page", 1)
        truth["printer"] = printer
        if printer == "edition":
            build_edition(name, truth)
        elif printer == "libreoffice":
            build_libreoffice(name, truth, **{k: v for k, v in opts.items() if k in ("perpage", "first_page", "runhead", "italic_every")})
        else:
            build_latex(name, truth, **opts)
        with open(os.path.join(HERE, name + ".truth.json"), "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print(name, os.path.getsize(os.path.join(HERE, name + ".pdf")), "bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
