"""``edition collate``: the apparatus computed from witness transcriptions, written into the
source, with the editor's entries kept (docs/collate.md).

The stages, one module each:

- :mod:`.profile` — the normalisation profile: alignment keys and kinds of difference;
- :mod:`.streams` — the base text and transcriptions as token streams (with the origin of
  every character of the base); :mod:`.witnesses` reads the transcription formats;
- :mod:`.align` — the alignment of a witness with the base (the edition's own; CollateX is
  measured against it in ``bench/collate.py``);
- :mod:`.variants` — differences per witness, grouped over witnesses into entries;
- :mod:`.place` — each entry on the characters an editor would mark, readings read again;
- :mod:`.plan` — the editor's entries re-collated, new ones added, the source edited as text;
- :mod:`.cli` — the command.

>>> from edition.collate.profile import Profile
>>> from edition.collate.run import Collation
>>> from edition.collate.streams import text_stream
>>> p = Profile.named("tr")
>>> c = Collation(text_stream("Mustafa Kemal Paşa Samsun’a çıktı.", p),
...               {"B": text_stream("Mustafa Kemal Samsun'a çıktı", p)}, p)
>>> [(e.lemma, e.readings, e.type) for e in c.proposals()]
[('Paşa', [('', ['B'])], 'omission'), ('Samsun’a', [("Samsun'a", ['B'])], 'orthography'), ('çıktı.', [('çıktı', ['B'])], 'punctuation')]
"""

from __future__ import annotations

__all__ = ["Collation", "collate_edition", "Profile", "WitnessError", "FORMATS"]


def __getattr__(name: str):
    # the command line imports edition.collate.cli for every command: keep the package light
    if name in ("Collation", "collate_edition"):
        from . import run

        return getattr(run, name)
    if name == "Profile":
        from .profile import Profile

        return Profile
    if name in ("WitnessError", "FORMATS"):
        from . import witnesses

        return getattr(witnesses, name)
    raise AttributeError(name)
