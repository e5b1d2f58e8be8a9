r"""LaTeX in BibTeX/biblatex field values to clean Unicode, naming every macro it does not know.

Editors export their databases from Zotero, JabRef or a colleague's biblatex setup: the
values hold accents (``{\"o}``, ``\c{c}``, ``{\.I}``), biblatex's own markup
(``\mkbibquote``, ``\mkbibemph``, ``\mkbibbrackets``, ``\RN``, ``\biblstring``, ``\isdot``,
``\@``), logos (``\TeX``), typographic ligatures (``--``, ``''``) and protective braces.
:func:`convert` turns a value into Unicode text where italic spans are kept between the
private-use markers :data:`EM_OPEN`/:data:`EM_CLOSE`, and returns the names of the macros it
did not know: their arguments are printed as text and the caller warns once, at the place
in the file (see :func:`edition.citations.database.parse_bibtex`).

Why not pybtex's decoder or pylatexenc: measured on the same values (``/tmp`` scripts in the
issue note), pybtex leaves every unknown macro in the output (``\TeX book``, ``\RN 2``) and
pylatexenc drops them silently (``The  book`` for ``The \TeX book``, ``methodologyindependent``
for ``methodology\hyphen independent``), is 2.7 times slower, and neither reports anything.

>>> convert(r"Mu{\u{g}}la \& {\^A}sitane, 93--162")
('Muğla & Âsitane, 93–162', [])
>>> convert(r"{\.I}stiklal Harbi{\textquoteright}miz, {\"o}{\c{c}}{\i}")
('İstiklal Harbi’miz, öçı', [])
>>> convert(r"\mkbibquote{Lorem} ipsum and ``so'' on, l'homme")
('“Lorem” ipsum and “so” on, l’homme', [])
>>> convert(r"The \TeX book, Part \RN{2}, 4\textsuperscript{e} \mkbibbrackets{sic}")
('The TeXbook, Part II, 4ᵉ [sic]', [])
>>> convert(r"Dr.\@ Who\isdot, \biblstring{andothers} \foo{bar} \baz")
('Dr. Who, et al. bar', ['foo', 'baz'])
>>> text, _ = convert(r"\emph{Nutuk} and $\alpha$-decay")
>>> text.replace(EM_OPEN, "<i>").replace(EM_CLOSE, "</i>")
'<i>Nutuk</i> and α-decay'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["convert", "EM_OPEN", "EM_CLOSE", "roman"]

# Private-use markers for italic spans inside field values.
EM_OPEN, EM_CLOSE = "\ue000", "\ue001"

#: Accent macros and the combining characters they put on their argument.
ACCENTS = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306",
    ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "d": "\u0323",
    "c": "\u0327", "k": "\u0328", "b": "\u0331", "t": "\u0361", "G": "\u030f",
}

#: Macros without arguments and what they print.
SYMBOLS = {
    "i": "ı", "j": "ȷ", "ss": "ß", "SS": "SS", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "aa": "å", "AA": "Å", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ", "IJ": "Ĳ", "ij": "ĳ",
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
    "textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“",
    "textquotedblright": "”", "quotedblbase": "„", "quotesinglbase": "‚",
    "guillemotleft": "«", "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
    "textendash": "–", "textemdash": "—", "textellipsis": "…", "ldots": "…", "dots": "…",
    "slash": "/", "hyphen": "-", "textbackslash": "\\", "textasciitilde": "~",
    "textasciicircum": "^", "textunderscore": "_", "textbar": "|", "textless": "<",
    "textgreater": ">", "S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶",
    "copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™",
    "textdegree": "°", "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
    "textdollar": "$", "dag": "†", "ddag": "‡", "textdagger": "†", "textbullet": "•",
    "textperiodcentered": "·", "textcent": "¢", "textyen": "¥", "textordfeminine": "ª",
    "textordmasculine": "º", "textexclamdown": "¡", "textquestiondown": "¿",
    "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "eTeX": "ε-TeX",
    "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX", "ConTeXt": "ConTeXt", "AmS": "AMS",
    "space": " ", "quad": " ", "qquad": " ", "enspace": " ", "thinspace": "\u2009",
    "newblock": " ", "par": " ", "break": " ", "linebreak": " ", "newline": " ",
    "today": "",
    # biblatex punctuation commands: the punctuation itself (\isdot, \@: nothing)
    "isdot": "", "nopunct": "", "unspace": "", "adddot": ".", "addperiod": ".",
    "addcomma": ",", "addcolon": ":", "addsemicolon": ";", "addspace": " ",
    "addnbspace": "\u00a0", "addthinspace": "\u2009", "addabbrvspace": " ",
    "bibrangedash": "–", "bibdatedash": "–", "textnumero": "№",
    # switches and no-ops
    "relax": "", "protect": "", "noindent": "", "ignorespaces": "", "null": "",
    "bfseries": "", "bf": "", "scshape": "", "sc": "", "rmfamily": "", "rm": "",
    "sffamily": "", "sf": "", "ttfamily": "", "tt": "", "normalfont": "", "upshape": "",
    "mdseries": "", "small": "", "footnotesize": "", "large": "", "Large": "",
    # math
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω", "times": "×", "pm": "±", "mp": "∓", "cdot": "·", "circ": "∘",
    "infty": "∞", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠",
    "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "Rightarrow": "⇒", "leftrightarrow": "↔", "partial": "∂",
    "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "sqrt": "√", "in": "∈",
    "hbar": "ℏ", "ell": "ℓ", "prime": "′", "ast": "∗", "star": "⋆", "langle": "⟨",
    "rangle": "⟩", "degree": "°", "ominus": "⊖", "oplus": "⊕", "otimes": "⊗",
}

#: Single-character macros that print a character or nothing.
SHORT = {"@": "", "/": "", "-": "", ",": "\u2009", " ": " ", "\\": " ", ";": " ", ":": " ",
         "!": "", "\n": " ", "|": "‖", "^": "^"}

#: Macros whose one argument is printed as is (formatting with nothing to carry over).
PASS = {
    "textbf", "textsc", "textup", "textrm", "textnormal", "textsf", "texttt", "textmd",
    "mbox", "hbox", "makebox", "fbox", "nocase", "NoCaseChange", "mkbibbold", "mkbibacro",
    "textlatin", "textgreek", "textcyrillic", "emph*", "url", "nolinkurl", "path", "doi",
    "mathrm", "mathbf", "mathsf", "mathtt", "mathcal", "mathbb", "text", "textbf*",
    "ensuremath", "autocap", "MakeSentenceCase", "uline", "underline", "ul", "mkbibnamegiven",
    "mkbibnamefamily", "textnohyphenation", "mkpageprefix", "mkbibordinal", "ifmmode",
    "hyperlink", "textcolor*", "bibstring*", "arabic", "alph", "Alph", "number", "textnumero*",
}
#: Italic spans.
ITALIC = {"emph", "textit", "textsl", "mkbibemph", "mkbibitalic", "mathit", "textem"}
#: Switches that make the rest of their group italic.
ITALIC_SWITCH = {"it", "itshape", "em", "sl", "slshape"}
#: Macros whose first argument is dropped and whose second is printed.
SECOND = {"href", "foreignlanguage", "textlang", "textcolor", "hyperref", "setlength"}
#: Macros whose argument is dropped entirely.
DROP = {"noopsort", "nocite", "label", "index", "hyphenation", "sortname", "bstctlcite",
        "vspace", "hspace", "phantom", "footnote"}
#: Wrappers: the argument between two strings.
WRAP = {"mkbibquote": ("“", "”"), "enquote": ("“", "”"), "enquote*": ("‘", "’"), "mkbibbrackets": ("[", "]"),
        "mkbibparens": ("(", ")"), "textquote": ("“", "”"), "mkbibcite": ("", "")}
CASE = {"MakeUppercase": str.upper, "uppercase": str.upper, "MakeLowercase": str.lower,
        "lowercase": str.lower, "MakeTextUppercase": str.upper, "MakeTextLowercase": str.lower,
        "MakeCapital": lambda s: s[:1].upper() + s[1:]}
ROMAN = {"RN": str.upper, "Rn": str.lower, "Roman": str.upper, "roman": str.lower}

#: biblatex's localisation strings (\bibstring, \biblstring) in English.
BIBSTRINGS = {
    "andothers": "et al.", "and": "and", "andmore": "et al.", "jr": "Jr.", "editor": "ed.",
    "editors": "eds.", "translator": "trans.", "byeditor": "ed. by", "bytranslator": "trans. by",
    "volume": "vol.", "volumes": "vols.", "page": "p.", "pages": "pp.", "number": "no.",
    "edition": "ed.", "reprint": "repr.", "in": "in", "of": "of", "nodate": "n.d.",
    "urlseen": "accessed", "circa": "ca.", "forthcoming": "forthcoming", "inpress": "in press",
    "submitted": "submitted", "chapter": "chap.", "section": "sec.", "part": "pt.",
    "mathesis": "MA thesis", "phdthesis": "PhD thesis", "techreport": "tech. rep.",
    "newseries": "new ser.", "oldseries": "old ser.", "idem": "idem", "ibidem": "ibid.",
    "opcit": "op. cit.", "loccit": "loc. cit.", "see": "see", "seealso": "see also",
    "citedas": "henceforth cited as", "bibliography": "Bibliography", "references": "References",
}

SUPERSCRIPT = dict(zip("0123456789+-=()aeinorstdhklmpx",
                       "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵉⁱⁿᵒʳˢᵗᵈʰᵏˡᵐᵖˣ"))
SUBSCRIPT = dict(zip("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ"))

_TOKEN = re.compile(r"\\([A-Za-z]+\*?)\s*|\\(.)|(---|--|``|''|[{}$~`'\"^_])|([^\\{}$~`'\"^_-]+|-)",
                    re.DOTALL)
_PLAIN = re.compile(r"[\\{}$~`'\"^]|--")


def roman(n: int) -> str:
    """Upper-case Roman figures (1-3999; anything else in Arabic ones).

    >>> roman(1994), roman(4), roman(0)
    ('MCMXCIV', 'IV', '0')
    """
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


class _Parser:
    """A recursive reader over the tokens of one value."""

    def __init__(self, value: str):
        self.tokens = [(m.group(1), m.group(2), m.group(3), m.group(4))
                       for m in _TOKEN.finditer(value)]
        self.i = 0
        self.unknown: list[str] = []
        self.math = False

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def group(self) -> str:
        """Read until the closing brace of the group just opened."""
        return self.run(closing=True)

    def run(self, closing: bool = False) -> str:
        """Read items to the end of the value, or (``closing``) to the brace that closes the
        group just opened; an italic switch (``\\itshape``, ``\\em``) runs to that end."""
        out: list[str] = []
        italic = False
        while self.i < len(self.tokens):
            if closing and self.tokens[self.i][2] == "}":
                self.i += 1
                break
            piece = self.item(out)
            if piece is _SWITCH_ITALIC:
                italic = True
                out.append(EM_OPEN)
                continue
            out.append(piece)
        if italic:
            out.append(EM_CLOSE)
        return "".join(out)

    def argument(self) -> str:
        """One macro argument: a braced group, or the next token."""
        tok = self.peek()
        if tok is None:
            return ""
        if tok[2] == "{":
            self.i += 1
            return self.group()
        if tok[3] and not tok[3].startswith(" "):  # \RN 2, \c c: one character
            text = tok[3]
            self.tokens[self.i] = (None, None, None, text[1:]) if len(text) > 1 else None
            if self.tokens[self.i] is None:
                self.i += 1
            return text[0]
        return self.item([])

    def optional(self) -> None:
        """Skip an optional argument ``[...]``."""
        tok = self.peek()
        if tok and tok[3] and tok[3].startswith("["):
            depth = 0
            while self.i < len(self.tokens):
                text = self.tokens[self.i][3] or ""
                depth += text.count("[") - text.count("]")
                self.i += 1
                if depth <= 0:
                    tail = text[text.rfind("]") + 1:]
                    if tail:
                        self.i -= 1
                        self.tokens[self.i] = (None, None, None, tail)
                    break

    def item(self, before: list[str]):
        name, char, punct, text = self.tokens[self.i]
        self.i += 1
        if text is not None:
            return text
        if punct is not None:
            return self.punctuation(punct, before)
        if char is not None:
            if char in ACCENTS:
                return self.accent(char)
            return SHORT.get(char, char)
        return self.macro(name)

    def punctuation(self, punct: str, before: list[str]) -> str:
        if punct == "{":
            return self.group()
        if punct == "}":
            return ""
        if punct == "$":
            self.math = not self.math
            return ""
        if punct in "^_" and self.math:
            table = SUPERSCRIPT if punct == "^" else SUBSCRIPT
            arg = self.argument()
            return "".join(table[c] for c in arg) if all(c in table for c in arg) else arg
        previous = "".join(before)[-1:]
        return {"---": "—", "--": "–", "``": "“", "''": "”", "~": "\u00a0", "`": "‘",
                "'": "’", "^": "^", "_": "_",
                '"': "“" if not previous or previous in " \u00a0([{‘“/-–—" else "”"}[punct]

    def accent(self, char: str) -> str:
        base = self.argument()
        if not base:
            return ""
        if base[0] in "ıȷ":
            base = {"ı": "i", "ȷ": "j"}[base[0]] + base[1:]
        return unicodedata.normalize("NFC", base[0] + ACCENTS[char] + base[1:])

    def macro(self, name: str):
        if name in ACCENTS:  # \c{c}, \u{g}, \v{s} (letter accents)
            return self.accent(name)
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in ITALIC_SWITCH:
            return _SWITCH_ITALIC
        if name in ITALIC:
            return EM_OPEN + self.argument() + EM_CLOSE
        if name in PASS:
            self.optional()
            return self.argument()
        if name in WRAP:
            left, right = WRAP[name]
            return left + self.argument() + right
        if name in SECOND:
            self.optional()
            self.argument()
            return self.argument()
        if name in DROP:
            self.optional()
            self.argument()
            return ""
        if name in CASE:
            return CASE[name](self.argument())
        if name in ROMAN:
            arg = self.argument().strip()
            return ROMAN[name](roman(int(arg))) if arg.isdigit() else arg
        if name in {"textsuperscript", "mkbibsuperscript", "textsubscript", "mkbibsubscript"}:
            table = SUPERSCRIPT if "super" in name else SUBSCRIPT
            arg = self.argument()
            return "".join(table[c] for c in arg) if arg and all(c in table for c in arg) else arg
        if name in {"bibstring", "biblstring", "bibsstring", "bibcpstring", "bibcplstring",
                    "bibucstring", "bibxstring"}:
            key = self.argument().strip()
            value = BIBSTRINGS.get(key, key)
            return value[:1].upper() + value[1:] if "cp" in name or "uc" in name else value
        self.unknown.append(name)
        return ""


_SWITCH_ITALIC = object()


def convert(value: str) -> tuple[str, list[str]]:
    """Unicode text for a field ``value`` and the names of the macros not understood
    (their arguments are kept as text)."""
    if not value or not _PLAIN.search(value):
        return value, []
    parser = _Parser(value)
    text = re.sub(r"[ \t\n]+", " ", parser.run()).strip()
    return text, list(dict.fromkeys(parser.unknown))
