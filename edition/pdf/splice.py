"""Step ``patch``: one page of a finished PDF replaced by a new layout of it (``edition
watch``, layout/patch.py decides when a page may be laid out alone).

The page keeps its place (its object, so the outline, destinations and links that point at
it still do); its content, resources and links come from the new layout, and the named
destinations on it move to where the new layout puts them.  The result is a preview: its
bytes differ from a full build's (the page brings its own font subset).
"""

from __future__ import annotations

import io


def splice(work, opened: list):
    """``work.previous`` (opened) with page ``work.page``'s content, resources and links
    from ``work.pdf``'s only page."""
    import pikepdf

    old = pikepdf.open(io.BytesIO(work.previous))
    opened.append(old)
    new = work.pdf
    target, source = old.pages[work.page].obj, new.pages[0].obj

    def foreign(obj):
        return old.copy_foreign(obj if obj.is_indirect else new.make_indirect(obj))

    target.Contents = foreign(source.Contents)
    target.Resources = foreign(source.Resources)
    if "/Annots" in source:
        annots = pikepdf.Array([foreign(annot) for annot in source.Annots])
        for annot in annots:
            annot.P = target
        target.Annots = annots
    elif "/Annots" in target:
        del target.Annots
    moved = dests(new)
    names = old.Root.Names.Dests.Names if "/Names" in old.Root and "/Dests" in old.Root.Names else None
    if names is not None and "/Names" in old.Root.Names.Dests:
        for i in range(0, len(names), 2):
            name = str(names[i])
            if name in moved and names[i + 1][0].objgen == target.objgen:
                x, y = moved[name]
                names[i + 1] = pikepdf.Array([target, pikepdf.Name.XYZ, x, y, 0])
    return old


def dests(pdf) -> dict[str, tuple]:
    """Named destination -> (x, y) in a PDF written by WeasyPrint."""
    out: dict[str, tuple] = {}
    root = pdf.Root
    if "/Names" not in root or "/Dests" not in root.Names or "/Names" not in root.Names.Dests:
        return out
    names = root.Names.Dests.Names
    for i in range(0, len(names), 2):
        dest = names[i + 1]
        out[str(names[i])] = (dest[2], dest[3])
    return out
