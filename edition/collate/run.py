"""The collation of an edition with its witnesses: the base stream and each witness aligned
with it (:class:`Collation`); the stages are described in :mod:`edition.collate`."""


from __future__ import annotations

from dataclasses import dataclass, field

from .place import Placed, place_all
from .profile import Profile
from .streams import Stream, base_stream
from .variants import Alignment, align_witness, group
from .witnesses import FORMATS, WitnessError, read_witness



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
