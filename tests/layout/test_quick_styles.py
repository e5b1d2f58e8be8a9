"""Quick computed styles (edition/layout/speedups.py: quick_styles): every property of every
box's style is what WeasyPrint's own ``ComputedStyle.__missing__`` computes, on a document
that reaches each of its special cases (inherited and initial values, logical properties in
both directions, custom properties, math functions in inherited properties, text
decorations, named pages, pseudo-elements, tables, columns, footnotes)."""

from __future__ import annotations

import pytest

HTML_TEXT = """<!DOCTYPE html><html lang="tr"><head><style>
@page { size: A6; margin: 12mm; @footnote { border-top: 0.5pt solid; } }
@page chapter { margin: 15mm 10mm; }
html { --gap: 3px; --indent: 1.5em; font-size: 10pt; line-height: 1.3; color: #222; }
body { margin: 0; }
section.chapter { page: chapter; }
p { text-indent: calc(var(--indent) + 2%); margin-inline-start: 1em; padding-block-end: var(--gap);
    text-align: justify; hyphens: auto; }
p.calc { line-height: calc(1.2em + 1px); word-spacing: calc(0.1em); letter-spacing: inherit; }
.rtl { direction: rtl; margin-inline-end: 2em; border-inline-start: 2px solid red; }
.u { text-decoration: underline dotted; }
.u .o { text-decoration-line: overline; }
.box { width: 50%; min-width: min(10em, 30%); max-width: max(5em, 80%); padding: 2% 1em;
       border: 1px solid; border-radius: 4px 10%; outline: 1px dashed blue; }
.cols { columns: 2; column-gap: 4mm; column-rule: 1px solid; }
ul { list-style: square inside; } li::marker { color: green; }
h2::before { content: "§ " counter(h); counter-increment: h; font-style: italic; }
.fn { float: footnote; font-size: 8pt; }
table { border-collapse: collapse; } td { border: 1px solid; padding: 3px; }
sup { vertical-align: super; font-size: smaller; }
.abs { position: relative; top: 2px; left: -1px; }
</style></head><body>
<section><h2>Başlık</h2>
<p>Azerbaycan Cumhuriyeti <span class="u">Bakü’de <span class="o">Kafkas</span> İslam</span> Ordusu
ile birlikte kuruldu<span class="fn">Bir not, <i>italik</i> ve <b>kalın</b>.</span> ve <sup>2</sup> yaşadı.</p>
<p class="calc">Birinci Dünya Savaşı’nın sonlarına doğru Azerbaycan’da kurulan cumhuriyet <span class="abs">kısa</span>
bir süre yaşadı.</p>
<p class="rtl">نص عربي قصير <span>مع</span> كلمات</p>
<div class="box"><p>Kutunun içinde bir paragraf.</p></div>
</section>
<section class="chapter"><h2>İkinci</h2>
<div class="cols"><p>Sütunlarda bir metin, yeterince uzun olsun diye birkaç kez yazılmış bir metin.</p>
<p>İkinci sütun için bir paragraf daha.</p></div>
<ul><li>bir</li><li>iki <em>üç</em></li></ul>
<table><tr><td>a</td><td style="padding: 5%">b</td></tr></table>
</section></body></html>"""


def value(style, name: str) -> str:
    """The repr of a property's computed value (or of the error WeasyPrint gives: it has no
    computer for a few logical properties)."""
    try:
        return repr(style[name])
    except Exception as exc:
        return type(exc).__name__


def styles_of(document) -> list:
    """Every box of every page: its type, element and the repr of every property of its style."""
    from weasyprint.css.properties import INITIAL_VALUES

    out = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            style = box.style
            out.append((type(box).__name__, getattr(box, "element_tag", None), getattr(box, "position_y", None),
                        tuple(value(style, name) for name in sorted(INITIAL_VALUES))))
            stack.extend(getattr(box, "children", ()))
    return out


@pytest.fixture(scope="module")
def both():
    """The document's styles laid out and read with WeasyPrint's own code, and with quick styles."""
    from weasyprint import HTML

    from edition.layout.speedups import quick_styles

    plain = styles_of(HTML(string=HTML_TEXT).render())
    with quick_styles():
        quick = styles_of(HTML(string=HTML_TEXT).render())  # read inside: styles are computed lazily
    return plain, quick


def test_every_property_of_every_box_is_weasyprints(both):
    plain, quick = both
    assert len(plain) > 100
    assert len(quick) == len(plain)
    for a, b in zip(plain, quick):
        assert a == b


def test_the_quick_way_is_taken_and_undone():
    """Most questions take the quick way (a property no declaration sets), and WeasyPrint's
    own method is back after the block."""
    from weasyprint import HTML
    from weasyprint.css import ComputedStyle

    from edition.layout.speedups import quick_styles

    original = ComputedStyle.__missing__
    calls = {"original": 0}

    def counting(self, key):
        calls["original"] += 1
        return original(self, key)

    ComputedStyle.__missing__ = counting
    try:
        HTML(string=HTML_TEXT).render()
        plain = calls["original"]
        calls["original"] = 0
        with quick_styles():
            HTML(string=HTML_TEXT).render()
        slow = calls["original"]
    finally:
        ComputedStyle.__missing__ = original
    assert plain > 1000 and slow < plain / 2, (plain, slow)
    with quick_styles():
        assert ComputedStyle.__missing__ is not original
        with quick_styles():  # nested: one patch
            pass
        assert ComputedStyle.__missing__ is not original
    assert ComputedStyle.__missing__ is original
