"""Themes (edition.themes): found inside the package, an unknown name is a clear error, the
stylesheet is read on every pass and watched by ``edition watch``."""

from __future__ import annotations

import os
import shutil

import pytest

import edition.themes as themes
from edition.core import build_inputs, load
from edition.formats import writer_for
from edition.themes import ThemeError
from edition.watch import watched_files
from edition.writers.html import HTMLWriter

from ..conftest import SAMPLE


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


def test_the_theme_lives_in_the_package_and_every_build_reads_it(sample):
    package = os.path.realpath(os.path.dirname(themes.__file__))
    files = themes.theme_files()
    assert [os.path.basename(f) for f in files] == [themes.STYLESHEET, themes.TEMPLATE]
    assert all(f.startswith(package + os.sep) and os.path.isfile(f) for f in files)
    assert set(files) <= set(build_inputs(sample, writer_for("x.pdf")))
    html = HTMLWriter(sample).render()
    with open(files[0], encoding="utf-8") as fh:
        assert fh.read() in html  # the stylesheet, put into <style> as written


def test_an_unknown_theme_is_an_error_naming_the_themes(sample):
    with pytest.raises(ThemeError, match="unknown theme 'nope': the themes are book, default, journal"):
        HTMLWriter(sample, theme="nope").render()
    with pytest.raises(ThemeError, match="did you mean 'default'"):
        themes.stylesheet("Default")


@pytest.fixture
def theme_copy(tmp_path, monkeypatch):
    """The package's themes copied to a folder of the test, which edition.themes then reads
    (so that a test may edit a stylesheet without touching the package's)."""
    copy = tmp_path / "themes"
    shutil.copytree(os.path.dirname(themes.__file__), copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(themes, "_package", lambda: copy)
    return copy


def test_watch_follows_the_stylesheet_and_a_pass_reads_its_edit(sample, theme_copy, tmp_path):
    css = theme_copy / "default" / themes.STYLESHEET
    assert str(css.resolve()) in watched_files(SAMPLE, set(), {str(tmp_path / "out.pdf")})
    writer = HTMLWriter(sample)
    before = writer.stylesheet()
    css.write_text(before + "\n.edited-by-the-test { color: red }\n", encoding="utf-8")
    assert writer.stylesheet() == before + "\n.edited-by-the-test { color: red }\n"
