"""Themes: the Jinja template and the stylesheet that give an edition its page structure and look.

A theme is a folder of this package, ``edition/themes/<name>/``, holding :data:`TEMPLATE`
(the HTML of the whole document, rendered by :class:`~edition.writers.html.HTMLWriter`) and
:data:`STYLESHEET` (its CSS, put into the document's ``<style>``).  The folder is reached
through :mod:`importlib.resources`, not through a path computed from this file, so that a
theme is found wherever the package is: a checkout, an editable install, or a wheel installed
into site-packages (``pip install .``; the wheel carries the theme files as package data,
see ``pyproject.toml``).

Three things are read from a theme, each in one place here:

* :func:`environment` - a Jinja environment loading the theme's templates, cached per process
  (templates compile once; Jinja reloads a template whose file changed);
* :func:`stylesheet` - the CSS text, read again on every call, so that ``edition watch`` sees
  an edited stylesheet on its next build;
* :func:`theme_files` - the theme's files as real paths: inputs of every build, which no
  output may overwrite (:func:`edition.core.build_inputs`) and which ``edition watch``
  follows.

An unknown theme name is a :class:`ThemeError` naming the themes there are.

A theme is also found in the edition's own folder, ``themes/<name>/`` beside the source
(``settings: theme: <name>``; :func:`resolve` turns the name into that folder's real path,
which every function here takes in place of a name): a user adds one without touching the
package.  A theme that has no :data:`TEMPLATE` of its own extends the default theme: the
default template, the default stylesheet and then its own, so that it says only what it
changes (a page, a type size); a theme with its template is whole.
"""

from __future__ import annotations

import os
import pathlib
from importlib import resources
from typing import TYPE_CHECKING

import jinja2

from ..diagnostics import did_you_mean

if TYPE_CHECKING:  # Python 3.11 (3.10: importlib.abc)
    from importlib.resources.abc import Traversable

__all__ = ["TEMPLATE", "STYLESHEET", "ThemeError", "names", "folder", "environment", "template", "stylesheet", "theme_files"]

#: The template of the whole document, in every theme.
TEMPLATE = "edition.html.j2"
#: The stylesheet of the document, in every theme.
STYLESHEET = "edition.css"

_environments: dict[str, jinja2.Environment] = {}


class ThemeError(LookupError):
    """No theme of that name."""


def _package() -> Traversable:
    return resources.files(__name__)


def names() -> list[str]:
    """The themes there are: folders of this package that hold a :data:`STYLESHEET`.

    >>> names()
    ['book', 'default', 'journal']
    """
    return sorted(entry.name for entry in _package().iterdir() if entry.is_dir() and entry.joinpath(STYLESHEET).is_file())


def _is_path(theme: str) -> bool:
    return os.path.isabs(theme)


def resolve(name: str, base_dir: str) -> str:
    """The theme ``name`` of an edition in ``base_dir``: the real path of its folder's
    ``themes/<name>/`` when that holds a :data:`STYLESHEET`, else a package theme's name.

    >>> resolve("default", "/nowhere")
    'default'
    >>> resolve("joural", "/nowhere")
    Traceback (most recent call last):
    ...
    edition.themes.ThemeError: unknown theme 'joural': did you mean 'journal'?
    """
    if name and "/" not in name and "\\" not in name and not name.startswith("."):
        own = os.path.join(base_dir, "themes", name)
        if os.path.isfile(os.path.join(own, STYLESHEET)):
            return os.path.realpath(own)
    folder(name)  # a package theme, or the error naming them
    return name


def extends_default(theme: str) -> bool:
    """A theme without its own template extends the default theme."""
    return theme != "default" and not folder(theme).joinpath(TEMPLATE).is_file()


def folder(theme: str = "default") -> Traversable:
    """The folder of a theme.

    >>> folder().joinpath(STYLESHEET).is_file()
    True
    >>> folder("defualt")
    Traceback (most recent call last):
    ...
    edition.themes.ThemeError: unknown theme 'defualt': did you mean 'default'?
    >>> folder("../citations")
    Traceback (most recent call last):
    ...
    edition.themes.ThemeError: unknown theme '../citations': the themes are book, default, journal
    """
    if _is_path(theme):
        path = pathlib.Path(theme)
        if not path.joinpath(STYLESHEET).is_file():
            raise ThemeError(f"the theme folder {theme} holds no {STYLESHEET}")
        return path
    there = names()
    if theme not in there:
        if not there:  # a wheel built without its package data
            raise ThemeError(f"no theme is installed (edition/themes/ holds no {TEMPLATE}): reinstall edition")
        hint = did_you_mean(theme, there) or "the themes are " + ", ".join(there)
        raise ThemeError(f"unknown theme {theme!r}: {hint}")
    return _package().joinpath(theme)


def environment(theme: str = "default") -> jinja2.Environment:
    """A cached Jinja environment for a theme (templates compile once per process)."""
    if theme not in _environments:
        where = folder(theme)  # an unknown theme is an error here, not a missing template later
        own = jinja2.FileSystemLoader(str(where)) if _is_path(theme) else jinja2.PackageLoader(__name__, theme)
        loader = jinja2.ChoiceLoader([own, jinja2.PackageLoader(__name__, "default")]) if extends_default(theme) else own
        _environments[theme] = jinja2.Environment(
            loader=loader,
            autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _environments[theme]


def template(theme: str = "default") -> jinja2.Template:
    """The theme's :data:`TEMPLATE`, compiled."""
    return environment(theme).get_template(TEMPLATE)


def stylesheet(theme: str = "default") -> str:
    """The theme's CSS, read on every call (``edition watch`` sees a changed stylesheet);
    a theme that extends the default comes after the default's stylesheet."""
    own = folder(theme).joinpath(STYLESHEET).read_text(encoding="utf-8")
    if extends_default(theme):
        return stylesheet("default") + f"\n/* theme {os.path.basename(theme.rstrip(os.sep))} */\n" + own
    return own


def theme_files(theme: str = "default") -> list[str]:
    """The real paths of a theme's files (templates, stylesheet, anything else in its folder
    but Python caches and hidden files), sorted.  A theme read from a zip archive has no
    file an output could overwrite: it lists nothing.

    >>> [os.path.relpath(p, os.path.realpath(os.path.dirname(__file__))) for p in theme_files()]
    ['default/edition.css', 'default/edition.html.j2']
    """
    out: list[str] = theme_files("default") if extends_default(theme) else []
    todo = [folder(theme)]
    while todo:
        for entry in todo.pop().iterdir():
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            if entry.is_dir():
                todo.append(entry)
            elif isinstance(entry, pathlib.Path):
                out.append(os.path.realpath(entry))
    return sorted(out)
