"""Step ``structure``: a tagged file's structure tree, finished after the chunks are merged.

WeasyPrint builds each page's elements on their own (pdf/tagging.py says what they are); the
items of a bibliography or an index come out as ``LI`` elements side by side in their
section.  Here every run of adjacent ``LI`` siblings that is not in a list already is put
into an ``L`` (one list per run: a list that goes on over a page is a list per page, as
each page's elements are their own).
"""

from __future__ import annotations


def elements(root):
    """Every structure element under ``root`` (a StructTreeRoot), each once."""
    import pikepdf

    seen: set = set()
    stack = list(root.K) if isinstance(root.K, pikepdf.Array) else [root.K]
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") == "/OBJR" or element.objgen in seen:
            continue
        if element.is_indirect:
            seen.add(element.objgen)
        yield element
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)


def group_list_items(pdf) -> int:
    """Put each run of adjacent LI siblings outside a list into an L; how many lists."""
    import pikepdf

    made = 0
    for element in list(elements(pdf.Root.StructTreeRoot)):
        kids = element.get("/K")
        if str(element.get("/S")) == "/L" or not isinstance(kids, pikepdf.Array):
            continue
        if not any(isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/LI" for k in kids):
            continue
        out, run = pikepdf.Array(), []

        def close():
            nonlocal made
            if run:
                lst = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.L, P=element,
                                                           K=pikepdf.Array(run)))
                if "/Pg" in run[0]:
                    lst.Pg = run[0].Pg
                for item in run:
                    item.P = lst
                out.append(lst)
                run.clear()
                made += 1

        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/LI":
                run.append(kid)
            else:
                close()
                out.append(kid)
        close()
        element.K = out
    return made
