"""The web edition's fonts: Linux Libertine O from the system, cut down to the characters the
page uses, as WOFF2 (WOFF when the brotli module is missing), so that the page shows the
print's face with no network and little weight.

Where the faces come from.  The Debian package ``fonts-linuxlibertine`` (scripts/setup-system.sh)
puts ``LinLibertine_R.otf`` and its italic and bold beside it; :func:`find_face` looks for
those file names in the usual font folders (no program is started: a build runs none).  A
face that is not there is left out with a warning, and the page falls back to the reader's
serif face.

What is kept.  The glyphs of the characters of the page (:func:`page_characters`, the text of
the HTML with the scripts' and stylesheet's own strings), with the OpenType features that the
stylesheet asks for (kerning, ligatures, small caps, old-style and lining figures), and no
hinting.  The subset is deterministic: the same characters give the same bytes (the font's
time stamps are kept, not set to now).

>>> sorted(page_characters("<p title='x'>a&amp;b <i>ç</i></p><script>var q='z'</script>"))
[' ', '&', 'a', 'b', 'ç']
"""

from __future__ import annotations

import html
import io
import os
import re
from dataclasses import dataclass
from typing import Optional

#: The faces of the page: (file name of Linux Libertine O, CSS weight, CSS style, file written).
FACES = (
    ("LinLibertine_R.otf", 400, "normal", "libertine-r"),
    ("LinLibertine_RI.otf", 400, "italic", "libertine-ri"),
    ("LinLibertine_RB.otf", 700, "normal", "libertine-rb"),
    ("LinLibertine_RBI.otf", 700, "italic", "libertine-rbi"),
)
FAMILY = "Edition Libertine"
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts", "/Library/Fonts", "~/Library/Fonts")
FEATURES = ["kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk", "smcp", "c2sc", "onum", "lnum", "pnum", "tnum", "sups"]


@dataclass
class WebFont:
    """One subset face: its file name in the site's ``fonts/`` folder, bytes and CSS."""

    name: str
    data: bytes
    weight: int
    style: str
    format: str  # woff2 | woff

    def css(self, prefix: str = "") -> str:
        """Its ``@font-face`` rule, for a page whose assets are in ``prefix``."""
        return (f'@font-face {{ font-family: "{FAMILY}"; font-weight: {self.weight}; font-style: {self.style}; '
                f'font-display: swap; src: url("{prefix}fonts/{self.name}") format("{self.format}"); }}')


def find_face(filename: str, dirs=FONT_DIRS) -> Optional[str]:
    """The path of a font file in the font folders, the first in sorted order; None if absent."""
    for top in dirs:
        top = os.path.expanduser(top)
        for folder, subdirs, files in sorted(os.walk(top)):
            subdirs.sort()
            if filename in files:
                return os.path.join(folder, filename)
    return None


def page_characters(page: str) -> set[str]:
    """The characters a page shows: the text of its HTML outside scripts, styles and tags
    (attribute values are not shown, but ``aria-label``s are read, not drawn)."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    return set(html.unescape(text)) - {"\n", "\t", "\r"}


def woff_flavor() -> str:
    try:
        import brotli  # noqa: F401  (fontTools writes WOFF2 through it)
    except ImportError:
        return "woff"
    return "woff2"


def subset(path: str, characters: set[str], flavor: str) -> bytes:
    """The face at ``path`` with only the glyphs of ``characters``, as ``flavor``."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.flavor = flavor
    options.layout_features = FEATURES
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]  # the licence and the family's names stay in the file (OFL)
    options.notdef_outline = True
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's time stamps: nothing to show
    font = TTFont(path, recalcTimestamp=False, lazy=False)
    sub = ft_subset.Subsetter(options)
    sub.populate(unicodes=sorted(ord(c) for c in characters))
    sub.subset(font)
    font.flavor = flavor
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def web_fonts(characters: set[str], warn=lambda message: None) -> list[WebFont]:
    """The page's faces, subset to ``characters``; a face not installed is warned about and left out."""
    flavor = woff_flavor()
    out = []
    for filename, weight, style, stem in FACES:
        path = find_face(filename)
        if path is None:
            warn(f"the font {filename} (Linux Libertine O) is not installed: the web edition uses the reader's serif face")
            continue
        out.append(WebFont(f"{stem}.{flavor}", subset(path, characters | {" "}, flavor), weight, style, flavor))
    return out
