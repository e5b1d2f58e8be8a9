"""``edition new NAME`` and ``edition schema``: a first edition in a minute, and the format's schema.

``edition new NAME [--lang en|tr|de]`` writes a folder NAME/ holding a small working edition
in that language (edition.yaml with a footnote, a citation, an apparatus entry, a second
witness's page break, index tags and a dateline; registers.yaml; references.bib; a README of
the format; edition.schema.json for the editor's YAML language server).  It builds at once,
with no edits.  The files come from ``edition/starters/<lang>/`` (package data); ``{{title}}``
in them becomes the title, made from NAME.  An existing, non-empty folder is refused: nothing
is ever overwritten.

``edition schema [-o FILE]`` prints or writes the JSON Schema of the source format
(:mod:`edition.schema`).
"""

from __future__ import annotations

import os
from importlib import resources

from .core import write_atomic
from .schema import schema_text

LANGUAGES = ("en", "tr", "de")
SCHEMA_FILE = "edition.schema.json"


def starter_files(lang: str) -> dict[str, str]:
    """The starter edition's files in ``lang``: name -> text (with ``{{title}}`` left in)."""
    folder = resources.files("edition") / "starters" / lang
    return {f.name: f.read_text(encoding="utf-8") for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.is_file()}


def title_of(name: str) -> str:
    """A title from a folder name.

    >>> title_of("letters-of-1851"), title_of("/tmp/my_edition/")
    ('Letters of 1851', 'My edition')
    """
    base = os.path.basename(os.path.normpath(name)).replace("-", " ").replace("_", " ").strip()
    return (base[:1].upper() + base[1:]) or "A new edition"


def new(folder: str, lang: str = "en", title: str = "") -> list[str]:
    """Write a new edition into ``folder`` (created; must not exist or be empty); return the paths."""
    if os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
        raise FileExistsError(folder)
    os.makedirs(folder, exist_ok=True)
    title = title or title_of(folder)
    files = {name: text.replace("{{title}}", title.replace('"', "'")) for name, text in starter_files(lang).items()}
    files[SCHEMA_FILE] = schema_text()
    written = []
    for name, text in files.items():
        path = os.path.join(folder, name)
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written


def add_parser(sub, common) -> None:
    n = sub.add_parser("new", help="start a new edition: a small working source, registers, bibliography, README")
    n.add_argument("name", help="the folder to create (its name gives the title)")
    n.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the edition and its sample text (default en)")
    n.add_argument("--title", default="", help="the edition's title (default: from the folder name)")
    common(n)
    n.set_defaults(run=run_new)
    s = sub.add_parser("schema", help="print or write the JSON Schema of the source format")
    s.add_argument("-o", "--output", help=f"write it here (e.g. {SCHEMA_FILE}) instead of printing it")
    common(s)
    s.set_defaults(run=run_schema)


def run_new(args, out) -> int:
    try:
        paths = new(args.name, args.lang, args.title)
    except FileExistsError:
        print(f"edition: '{args.name}' exists and is not an empty folder: nothing written\n    hint: choose a new name", file=out.stream)
        return 1
    out.progress(f"wrote a new edition in {args.name}/: " + ", ".join(os.path.basename(p) for p in paths))
    out.progress(f"build it: edition build {os.path.join(args.name, 'edition.yaml')} -o {os.path.join(args.name, 'edition.pdf')}")
    return 0


def run_schema(args, out) -> int:
    text = schema_text()
    if args.output:
        write_atomic(args.output, text.encode("utf-8"))
        out.progress(f"wrote {args.output}")
    else:
        print(text, end="")
    return 0
