"""edition collate: the apparatus computed from witness transcriptions (docs/collate.md)."""
