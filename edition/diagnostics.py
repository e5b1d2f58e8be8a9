"""Located diagnostics: collect every problem of a run, then report them together.

One :class:`Reporter` per build.  Stages call ``reporter.error(loc, message, hint=...)`` and
go on; the pipeline stops before writing anything when ``reporter.has_errors``.  Messages
print compiler-style (``file:line:col: error: message``) with an optional hint line.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .model import NOWHERE, Loc

ERROR = "error"
WARNING = "warning"


@dataclass
class Diagnostic:
    level: str
    loc: Loc
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.loc}: {self.level}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    __str__ = format


class EditionError(Exception):
    """Raised when a run cannot go on; carries every diagnostic collected so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


@dataclass
class Reporter:
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, loc: Optional[Loc], message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(ERROR, loc or NOWHERE, message, hint))

    def warning(self, loc: Optional[Loc], message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(WARNING, loc or NOWHERE, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == ERROR]

    @property
    def has_errors(self) -> bool:
        return any(d.level == ERROR for d in self.diagnostics)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise EditionError(sorted(self.errors, key=_order))

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=_order)


def _order(d: Diagnostic):
    return (d.loc.file, d.loc.line, d.loc.col)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or '' when nothing is close.

    >>> did_you_mean("witnesess", ["witnesses", "body"])
    "did you mean 'witnesses'?"
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
