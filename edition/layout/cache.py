"""The layout cache: what a WeasyPrint render gave, kept beside the output for the next build.

A build lays out many HTML documents: the measuring documents of layout/feet.py, the first
(free) layout, and the chunks of the held layouts (layout/chunks.py).  Each is a pure
function of its inputs: the HTML text, the files WeasyPrint fetches for it (fonts and
pictures of the edition folder, through engine.safe_fetcher), the system's fonts, the PDF
options of the build, WeasyPrint and Pango, and this tool's own code.  So what was read from a
render (a chunk's page facts and PDF, a measuring document's heights) can be kept under the
hash of all of those, and a later build that asks the same question takes the answer instead
of laying out again.  After a one-word change only the chunk that holds the word (and the
documents that depend on its pages) is laid out again; the rest comes from the cache.  The
result is the same bytes as a cold build, because an answer is only ever reused for the very
question it answered: nothing is predicted, nothing is patched.

Representation.  A cache is a folder, ``.edition-cache/<output file name>/`` beside the
output (:func:`folder_for`).  Each answer is one file, ``<kind>-<key>.pickle``:

- ``kind``: what was computed (``chunk``, ``first`` for a free layout's facts, the first's or a
  restart's: layout.Passes.first_layout, or the name of the measuring function), for people;
- ``key``: the SHA-256 (hex) of :func:`environment`, ``kind``, the edition folder (where the
  HTML's relative URLs point), the build's PDF options and the HTML (:func:`key`); the tool's code is in :func:`environment` (the bytes of every file of the
  ``edition`` package), so a changed tool never reads an older tool's answers;
- the file: :data:`MAGIC`, then the SHA-256 of the payload, then the payload, a pickle of
  ``(fetched, value)``: ``fetched`` the files of the edition folder the render read, each with
  the SHA-256 of its bytes then, checked again before the answer is used (a font replaced
  under the same name is a miss); ``value`` what was read from the render.

A file whose magic, checksum or pickle is wrong, whose fetched files changed, or that cannot
be read, is a miss: the question is laid out again and the file written again.  Files are
written atomically (a temporary file in the same folder, then ``os.replace``), so a build
killed while writing leaves no half answer.  A build that used the cache removes the answers
it did not use (:func:`using`), so the folder holds one build's answers.  The pickles are as
trusted as the output folder (whoever can write there can replace the PDF itself).

The cache is used only within :func:`using` (``edition build``, unless ``--no-cache``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
import time
from typing import Callable, Optional, Sequence

MAGIC = b"edition layout cache 1\n"
FOLDER = ".edition-cache"
# where the system's fonts are (fontconfig's usual folders): a font added, removed or
# replaced there changes every key (by name, size and modification time)
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts", "/etc/fonts")

_active: Optional["Cache"] = None
_environment: Optional[bytes] = None


class Cache:
    """One output's cache folder, with what this build read (hits) and wrote (stores)."""

    def __init__(self, folder: str, source: Optional[str] = None):
        self.folder, self.hits, self.misses, self.started = folder, 0, 0, time.time_ns()
        # the edition folder: relative URLs of the HTML are files there
        self.base = os.path.dirname(os.path.realpath(source)) if source else ""
        self.used: set[str] = set()  # answers this process read or wrote
        self.kinds: list[str] = []  # the kind of each answer this process read

    def path(self, kind: str, digest: str) -> str:
        return os.path.join(self.folder, f"{kind}-{digest}.pickle")

    def get(self, kind: str, digest: str):
        """The answer kept under ``digest``, or None (a miss, whatever went wrong)."""
        path = self.path(kind, digest)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            fetched, value = decode(data)
            if any(file_digest(name) != sha for name, sha in fetched):
                raise ValueError("a file the render read has changed")
            os.utime(path)  # used by this build (perhaps in a forked process): kept (see prune)
            self.used.add(path)
        except Exception:  # noqa: BLE001 - missing, truncated, corrupt, stale: lay out again
            self.misses += 1
            return None
        self.hits += 1
        self.kinds.append(kind)
        return value

    def put(self, kind: str, digest: str, fetched: Sequence[str], value) -> None:
        """Keep ``value`` (atomically; a cache that cannot be written is no cache)."""
        try:
            data = encode([(name, file_digest(name)) for name in sorted(set(fetched))], value)
            os.makedirs(self.folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.path(kind, digest))
            self.used.add(self.path(kind, digest))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)

    def prune(self) -> None:
        """Remove the answers this build neither used nor wrote (and stray temporary files):
        those not touched since it started (the processes it forked touch what they use)."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.is_file() and entry.path not in self.used and entry.stat().st_mtime_ns < self.started:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def encode(fetched: list, value) -> bytes:
    """A cache file's bytes.

    >>> decode(encode([("a.ttf", "00")], {"x": 1}))
    ([('a.ttf', '00')], {'x': 1})
    """
    payload = pickle.dumps((fetched, value), protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC + hashlib.sha256(payload).digest() + payload


def decode(data: bytes):
    """``(fetched, value)`` from a cache file's bytes; ValueError if they are not whole.

    >>> decode(encode([], 1)[:-1])
    Traceback (most recent call last):
    ...
    ValueError: not a whole cache file
    """
    head = len(MAGIC) + 32
    payload = data[head:]
    if not data.startswith(MAGIC) or hashlib.sha256(payload).digest() != data[len(MAGIC):head]:
        raise ValueError("not a whole cache file")
    return pickle.loads(payload)


def file_digest(path: str) -> str:
    """SHA-256 of a file's bytes ("" if it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return ""


def folder_for(output: str) -> str:
    """The cache folder of an output: ``.edition-cache/<name>/`` beside it.

    >>> folder_for("out/edition.pdf").replace(os.sep, "/")
    'out/.edition-cache/edition.pdf'
    """
    return os.path.join(os.path.dirname(output), FOLDER, os.path.basename(output))


@contextlib.contextmanager
def using(folder: Optional[str], source: Optional[str] = None):
    """Within the block, renders of the edition ``source`` are answered from and kept in
    ``folder`` (None: no cache).
    Processes forked within the block use it too.  A build that ends without an error
    removes the answers it did not use."""
    global _active
    before = _active
    _active = Cache(folder, source) if folder else None
    try:
        yield _active
        if _active is not None:
            _active.prune()
    finally:
        _active = before


def active() -> Optional[Cache]:
    return _active


def environment() -> bytes:
    """What every render depends on besides its HTML: this tool's code (every file of the
    package, by content), Python, WeasyPrint and Pango, whether the speedups are on, the
    system's fonts, ``SOURCE_DATE_EPOCH``.  Computed once per process (about 10 ms)."""
    global _environment
    if _environment is None:
        from .. import engine

        h = hashlib.sha256()
        h.update(code_digest().encode())
        h.update(repr((sys.version, engine.version(), engine.pango_version(), engine.version() == engine.TESTED,
                       os.environ.get("SOURCE_DATE_EPOCH"))).encode())
        h.update(fonts_digest().encode())
        _environment = h.digest()
    return _environment


def code_digest(root: Optional[str] = None) -> str:
    """SHA-256 over the names and bytes of every file of the ``edition`` package (the tool's
    version, to the byte: a changed line of code is another tool)."""
    from .. import __version__

    root = root or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    h = hashlib.sha256(__version__.encode())
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            h.update(os.path.relpath(path, root).encode() + b"\0" + file_digest(path).encode())
    return h.hexdigest()


def fonts_digest(folders: Sequence[str] = FONT_FOLDERS) -> str:
    """SHA-256 over the name, size and modification time of every file in the font folders."""
    h = hashlib.sha256()
    for top in folders:
        for folder, dirs, files in os.walk(os.path.expanduser(top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    st = os.stat(path)
                    h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def key(kind: str, html: str) -> str:
    """The key of the answer to laying out ``html`` for ``kind`` in this build.

    >>> key("chunk", "<p>a</p>") == key("chunk", "<p>a</p>") != key("chunk", "<p>b</p>")
    True
    """
    from .. import engine

    h = hashlib.sha256(environment())
    base = _active.base if _active is not None else ""
    h.update(repr((kind, base, sorted(engine.pdf_options().items()))).encode())
    h.update(html.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def recorded(task: Callable[[], object]) -> Callable[[], tuple]:
    """``task`` made to return ``(its value, the files its renders fetched)``."""

    def run():
        from .. import engine

        with engine.fetch_record() as fetched:
            value = task()
        return value, sorted(fetched)

    return run


def rendered(render: Callable, html: str, extract: Callable):
    """``extract(render(html))``, from the cache when this build has one and it knows it
    (with what WeasyPrint said while rendering it, told again: the build's warnings are a
    cold build's)."""
    from .. import engine
    from .chunks import kept_messages

    cache = _active
    if cache is None:
        return extract(render(html))
    kind = extract.__name__.strip("_")
    digest = key(kind, html)
    found = cache.get(kind, digest)
    if found is not None:
        value, messages = found
        for message in messages:
            engine.log.warning(message)
        return value
    with kept_messages(engine.log) as messages:
        value, fetched = recorded(lambda: extract(render(html)))()
    cache.put(kind, digest, fetched, (value, list(messages)))
    return value


def run_cached(kind: str, texts: Sequence[str], tasks: Sequence[Callable], run: Callable[[list], list]) -> list:
    """The results of ``tasks`` (task i lays out ``texts[i]``): those the cache knows from it,
    the others by ``run`` (a list of tasks -> their results, e.g. chunks.run_all), then kept."""
    cache = _active
    if cache is None:
        return run(list(tasks))
    digests = [key(kind, text) for text in texts]
    results = [cache.get(kind, d) for d in digests]
    todo = [i for i, r in enumerate(results) if r is None]
    for i, (value, fetched) in zip(todo, run([recorded(tasks[i]) for i in todo])):
        cache.put(kind, digests[i], fetched, value)
        results[i] = value
    return results
