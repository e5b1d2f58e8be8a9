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
>>> from edition.collate.streams import text_stream
>>> p = Profile.named("tr")
>>> c = Collation(text_stream("Mustafa Kemal Paşa Samsun’a çıktı.", p),
...               {"B": text_stream("Mustafa Kemal Samsun'a çıktı", p)}, p)
>>> [(e.lemma, e.readings, e.type) for e in c.proposals()]
[('Paşa', [('', ['B'])], 'omission'), ('Samsun’a', [("Samsun'a", ['B'])], 'orthography'), ('çıktı.', [('çıktı', ['B'])], 'punctuation')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .place import Placed, place_all
from .profile import Profile
from .streams import Stream, base_stream
from .variants import Alignment, align_witness, group
from .witnesses import FORMATS, WitnessError, read_witness

__all__ = ["Collation", "collate_edition", "Profile", "WitnessError", "FORMATS"]


@dataclass
class Collation:
    """The base stream and each witness aligned with it."""

    base: Stream
    witnesses: dict[str, Stream]
    profile: Profile
    alignments: list[Alignment] = field(default_factory=list)

    def __post_init__(self):
        if not self.alignments:
            self.alignments = [align_witness(self.base, s, w) for s, w in self.witnesses.items()]

    def proposals(self) -> list[Placed]:
        """Every entry the witnesses call for, placed (existing entries not considered)."""
        return place_all(self.base, self.alignments, self.profile, group(self.base, self.alignments, self.profile))


def collate_edition(edition, files: dict[str, tuple[str, str]], without_apparatus: bool = False) -> Collation:
    """Collate the transcriptions ``files`` (siglum -> (path, format)) with ``edition``'s text."""
    profile = Profile.of(edition)
    base = base_stream(edition, profile, without_apparatus=without_apparatus)
    wits = {s: read_witness(path, fmt, profile) for s, (path, fmt) in files.items()}
    return Collation(base, wits, profile)
