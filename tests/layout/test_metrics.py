"""The lengths the layout computes the foot with (edition/layout/metrics.py) are the theme's:
read from its stylesheet, equal to what WeasyPrint draws, and changed with it."""

from __future__ import annotations

import pytest

from edition.core import load
from edition.layout.metrics import metrics_of
from edition.layout.printwriter import print_writer

from ..conftest import SAMPLE


@pytest.fixture(scope="module")
def writer():
    return print_writer(load(SAMPLE), None)


def _boxes(document, match):
    from edition.engine import element_boxes

    return list(element_boxes(document, match))


def test_the_metrics_are_what_weasyprint_draws(writer):
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    css = writer.stylesheet()
    m = writer.metrics
    html = (
        f"<html><head><style>{css}</style></head><body><main class='text'><section><p>Text"
        "<span class='foot-block fl'><span class='fn-series'><span class='footnote'>a note</span></span>"
        "<span class='app-series series-A'><span class='app-entry'>x</span></span></span></p></section></main></body></html>"
    )
    document = HTML(string=html).render()
    series = _boxes(document, lambda box, el: isinstance(box, boxes.BlockBox) and "app-series" in (el.get("class") or ""))
    assert series, "no apparatus series laid out"
    box = series[0]
    assert box.margin_top + box.border_top_width + box.padding_top == pytest.approx(m.rule_pt * 4 / 3)
    assert box.height == pytest.approx(m.app_line_pt * 4 / 3)  # one line
    area = next(c for c in document.pages[0]._page_box.children if isinstance(c, boxes.FootnoteAreaBox))
    chrome = area.margin_top + area.border_top_width + area.padding_top + area.padding_bottom
    assert chrome == pytest.approx(m.foot_chrome_px)


def test_changing_the_stylesheet_changes_the_metrics(writer):
    css = writer.stylesheet()
    m = metrics_of(css)
    series = css.index(".app-series {")
    wider = css[:series] + css[series:].replace("margin-top: 2pt", "margin-top: 5pt", 1)
    assert metrics_of(wider).rule_pt == pytest.approx(m.rule_pt + 3)
    assert metrics_of(wider).reserve_pt == pytest.approx(m.reserve_pt + 3)
    padded = css.replace("padding-bottom: 0.5px;", "padding-bottom: 2px;", 1)
    assert metrics_of(padded).foot_pad_px == 2
    assert metrics_of(padded).foot_chrome_px == pytest.approx(m.foot_chrome_px + 1.5)


def test_the_first_layout_reserves_what_the_stylesheet_says(writer):
    css = writer.layout_css()
    n = writer.series_count()
    assert n >= 1
    assert f"calc({writer.metrics.reserve_pt * n:g}pt + {writer.metrics.foot_pad_px:g}px)" in css


def test_a_theme_without_a_length_is_told_which(writer):
    css = writer.stylesheet().replace("line-height: 1.25; text-align: justify; border-top: 0.3pt", "text-align: justify; border-top: 0.3pt", 1)
    with pytest.raises(ValueError, match="line-height for .app-series"):
        metrics_of(css)
