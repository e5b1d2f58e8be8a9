"""Step ``patch``: one page of a finished PDF replaced by a new layout of it (``edition
watch``, layout/patch.py decides when a page may be laid out alone).

The page keeps its place (its object, so the outline, destinations and links that point at
it still do); its content, resources and links come from the new layout, and the named
destinations on it move to where the new layout puts them.  In a tagged file the page's
structure elements are replaced by the new layout's, at the same place in the tree, and
its parent tree entries (the page's marked content, its links) by the new ones
(:func:`splice_structure`).  The result is a preview: its
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
    old_links = {int(a.StructParent) for a in target.get("/Annots", ()) if "/StructParent" in a}

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
    if "/StructTreeRoot" in old.Root and "/StructTreeRoot" in new.Root:
        splice_structure(old, new, target, old_links)
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


def splice_structure(old, new, target, old_links: set) -> None:
    """Put the structure elements of ``new``'s only page in place of those of page
    ``target`` of ``old`` (``old_links``: the parent tree keys of the links the page had;
    WeasyPrint builds each page's elements on their own, under the
    /Document element: the page's are the /Document kids whose /Pg is the page)."""
    import pikepdf

    from .tagged import elements

    page = new.pages[0].obj
    theirs = new.Root.StructTreeRoot
    for element in list(elements(theirs)):  # no reference back to the new file's page or tree
        if "/Pg" in element:
            del element.Pg
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and "/Pg" in kid:
                del kid.Pg
    top = list(theirs.K[0].K)
    for kid in top:
        del kid.P
    nums = theirs.ParentTree.Nums
    values = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    copied = [old.copy_foreign(kid if kid.is_indirect else new.make_indirect(kid)) for kid in top]
    marked = old.copy_foreign(new.make_indirect(values.pop(int(page.get("/StructParents", 0)))))
    links = {key: old.copy_foreign(value if value.is_indirect else new.make_indirect(value)) for key, value in values.items()}

    root = old.Root.StructTreeRoot
    document = root.K[0]
    kept, at = pikepdf.Array(), None
    for kid in document.K:
        if isinstance(kid, pikepdf.Dictionary) and "/Pg" in kid and kid.Pg.objgen == target.objgen:
            at = len(kept) if at is None else at
            continue
        kept.append(kid)
    if at is None:  # the page had no element: after the last element of an earlier page
        order = {p.objgen: i for i, p in enumerate(old.pages)}
        mine = order[target.objgen]
        at = sum(1 for kid in kept if "/Pg" in kid and order.get(kid.Pg.objgen, -1) < mine)
    for i, kid in enumerate(copied):
        kid.P = document
        kept.insert(at + i, kid)
    document.K = kept
    for element in _below(copied):
        element.Pg = target
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                kid.Pg = target
    old_nums = root.ParentTree.Nums
    tree = {int(old_nums[i]): old_nums[i + 1] for i in range(0, len(old_nums), 2)}
    tree[int(target.StructParents)] = marked
    gone = set(old_links)  # the replaced page's links: gone with them
    next_key = int(root.get("/ParentTreeNextKey", max(tree) + 1))
    for annot in target.get("/Annots", ()):
        if "/StructParent" in annot and int(annot.StructParent) in links:
            tree[next_key] = links[int(annot.StructParent)]  # a new link: a key of its own
            annot.StructParent = next_key
            next_key += 1
    flat = pikepdf.Array()
    for key in sorted(k for k in tree if k not in gone):
        flat.append(key)
        flat.append(tree[key])
    root.ParentTree = old.make_indirect(pikepdf.Dictionary(Nums=flat))
    root.ParentTreeNextKey = next_key


def _below(tops):
    """The structure elements ``tops`` and all under them."""
    import pikepdf

    stack, seen = list(tops), set()
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") == "/OBJR" or element.objgen in seen:
            continue
        seen.add(element.objgen)
        yield element
        kids = element.get("/K")
        stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if isinstance(kids, pikepdf.Dictionary) else [])
