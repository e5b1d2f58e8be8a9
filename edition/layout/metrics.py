"""The theme's measurements the layout computes with, read from the theme's stylesheet.

The layout reserves room at the foot of pages before WeasyPrint sets it (the first layout
reserves, per apparatus series, its rule and one line; later passes give back what a page
does not use) and measures feet against that room (:mod:`.feet`).  It needs a few lengths
of the foot as the theme draws it.  They are read here, from the CSS the writer puts in the
document (``HTMLWriter.stylesheet()``), so that one place holds each fact: a theme that
changes the apparatus's rule or the foot's padding changes the layout's arithmetic with it.

Read (the last declaration of a property wins, as in the cascade; lengths in pt or px):

- ``.app-series``: ``margin-top``, ``border-top`` (its width), ``padding-top`` -> the rule
  before a series (:attr:`Metrics.rule_pt`); ``font-size`` x ``line-height`` -> one line of a
  run-in series (:attr:`Metrics.app_line_pt`);
- ``@page { @footnote { } }``: ``margin-top``, ``border-top``, ``padding-top`` -> what the
  foot area adds above its content (:attr:`Metrics.foot_chrome_pt`), ``padding-bottom`` below
  it (:attr:`Metrics.foot_pad_px`).

>>> m = metrics_of('.app-series { font-size: 8pt; line-height: 1.25; border-top: 0.3pt solid #777; margin-top: 2pt; padding-top: 1.7pt; }'
...                '@page { margin: 1cm; @footnote { border-top: 0.4pt solid; padding-top: 3pt; margin-top: 8pt; padding-bottom: 0.5px; } }')
>>> m.rule_pt, m.app_line_pt, m.reserve_pt, round(m.foot_chrome_px, 4)
(4.0, 10.0, 14.0, 15.7)
>>> metrics_of('.app-series { font-size: 8pt }')
Traceback (most recent call last):
ValueError: the theme's stylesheet gives no line-height for .app-series (the layout computes the foot of the page with it: edition/layout/metrics.py)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

PX_PER_PT = 4 / 3  # CSS: 1pt = 4/3 px


@dataclass(frozen=True)
class Metrics:
    rule_pt: float  # the rule before an apparatus series: margin + border + padding above it
    app_line_pt: float  # one line of a run-in apparatus series
    foot_chrome_pt: float  # the foot area above its content: margin + rule + padding
    foot_pad_px: float  # the foot area's padding under its content
    foot_margin_pt: float = 0.0  # the foot area's margin above its rule (part of foot_chrome_pt)

    @property
    def reserve_pt(self) -> float:
        """What the first layout reserves under every foot per apparatus series: the rule,
        and the last line of a run-in series, which its entries' shares do not fill."""
        return self.rule_pt + self.app_line_pt

    @property
    def foot_chrome_px(self) -> float:
        """The foot area's own height when a page has one (px)."""
        return self.foot_chrome_pt * 4 / 3 + self.foot_pad_px


@functools.lru_cache(maxsize=8)
def metrics_of(css: str) -> Metrics:
    """The :class:`Metrics` of a stylesheet (see the module's docstring)."""
    series = _declarations(css, ".app-series")
    foot = _declarations(css, "@footnote")
    need = lambda where, decls, name: _require(decls, name, where)
    size = _pt(need(".app-series", series, "font-size"), 0)
    height = need(".app-series", series, "line-height")
    line = size * height[0].value if height[0].type == "number" else _pt(height, size)
    rule = _pt(need(".app-series", series, "margin-top"), size) + _pt(need(".app-series", series, "border-top"), size)
    rule += _pt(need(".app-series", series, "padding-top"), size)
    margin = _pt(need("@footnote", foot, "margin-top"), 0)
    chrome = margin + _pt(need("@footnote", foot, "border-top"), 0) + _pt(need("@footnote", foot, "padding-top"), 0)
    return Metrics(rule, line, chrome, _px(need("@footnote", foot, "padding-bottom")), margin)


def _declarations(css: str, where: str) -> dict[str, list]:
    """Property -> value tokens of the rules for ``where`` (a selector written alone, or
    ``@footnote``: the one of ``@page`` rules for every page), the last declaration of a
    property winning."""
    import tinycss2

    out: dict[str, list] = {}
    items = lambda content: tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)

    def take(content) -> None:
        for item in items(content):
            if item.type == "declaration":
                out[item.lower_name] = [t for t in item.value if t.type not in ("whitespace", "comment")]

    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if where == "@footnote":
            if rule.type == "at-rule" and rule.lower_at_keyword == "page" and not tinycss2.serialize(rule.prelude).strip() and rule.content:
                for item in items(rule.content):
                    if item.type == "at-rule" and item.lower_at_keyword == "footnote" and item.content:
                        take(item.content)
        elif rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == where:
            take(rule.content)
    return out


def _require(decls: dict[str, list], name: str, where: str) -> list:
    if not decls.get(name):
        raise ValueError(f"the theme's stylesheet gives no {name} for {where} (the layout computes the foot of the page with it: edition/layout/metrics.py)")
    return decls[name]


def _pt(tokens: list, em: float) -> float:
    """The first length of a value in pt (``em``: the font size, for em lengths)."""
    for t in tokens:
        if t.type == "dimension":
            unit = t.lower_unit
            if unit == "pt":
                return t.value
            if unit == "px":
                return t.value * 0.75
            if unit == "em" and em:
                return t.value * em
        if t.type == "number" and t.value == 0:
            return 0.0
    raise ValueError(f"the theme's stylesheet gives {''.join(t.serialize() for t in tokens)!r} where the layout needs a length in pt or px (edition/layout/metrics.py)")


def _px(tokens: list) -> float:
    """The first length of a value in px."""
    for t in tokens:
        if t.type == "dimension" and t.lower_unit == "px":
            return t.value
    return _pt(tokens, 0) * PX_PER_PT
