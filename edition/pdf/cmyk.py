"""The default CMYK output profile of ``edition build --print``: an idealised coated paper,
made here in code (ICC v2.4, device class ``prtr``, data space CMYK, PCS Lab), dedicated to
the public domain (CC0 1.0, edition/pdf/CMYK-PROFILE-LICENCE.md).

Why: a PDF/X-4 file names its printing condition by an ICC profile embedded in its output
intent.  The only CMYK profile Debian offered here was Ghostscript's (AGPL-3+), which a
publisher should not have to ship in every book; no freely licensed one was packaged.  The
pages of an edition are black and grey only, printed as K (pdf/press.py), so the profile's
work is to describe a plausible condition; the printer's own profile (``settings: print:
profile:``) replaces it for a real job (docs/print.md).

The ink model (all of it is here, in relative colorimetry: the paper is the PCS white):

- **Dot gain.**  A tone value ``a`` prints as the effective coverage
  ``a' = a + 4·DOT_GAIN·a·(1 − a)`` (DOT_GAIN at 50 %; none at 0 and 100 %).
- **Inks.**  Light is measured in three broad bands whose colours are sRGB's primaries
  (adapted to D50, scaled so that equal bands are exactly the PCS white).  An ink at full
  coverage has the optical density :data:`DENSITY` in each band (cyan absorbs mostly red,
  with some unwanted green; black is equal in all three); densities add (``D_b = Σ a'_i ·
  DENSITY[i][b]``) and a band's reflectance relative to the paper is ``10^−D_b``.  Black
  being equal in every band, any grey is exactly neutral (a* = b* = 0).
- **Separation** (BToA): from Lab to the band densities ``D``; with ``S`` the 3×3 densities
  of C, M, Y, the coverages ``S⁻¹·(D − k'·D_K)`` are non-negative for the largest ``k'``
  (≤ 1) found by :func:`separate`: *full GCR*, black replaces the grey component of every
  colour, so a neutral grey is black ink alone (C = M = Y = 0), as press.py prints greys;
  colours darker than solid black add C, M, Y; the total is held to :data:`TOTAL_INK`.
- **Gamut** (``gamt``): a Lab colour the separation cannot reach within :data:`GAMUT_DE`
  (ΔE*ab, the forward model of its separation) is out of gamut.

Tables: AToB0 = AToB1 = AToB2 (one ``mft2`` CLUT, :data:`A2B_GRID`⁴, the dot gain in its
input curves) and BToA0 = BToA1 = BToA2 (:data:`B2A_GRID`³, the inverse dot gain in its
output curves); the idealised model has no gamut mapping of its own, so perceptual and
saturation are the colorimetric tables.  The media white point is :data:`PAPER` (Lab of a
coated paper, ISO 12647-2 paper type 1).  The bytes do not depend on the clock or the
machine: the header's date is :data:`DATE` (the profile's version), and :func:`profile`
makes them once per process.
"""

from __future__ import annotations

import functools
import math
import struct

NAME = "Edition idealised coated CMYK (CC0)"
COPYRIGHT = "No copyright: dedicated to the public domain under CC0 1.0 (edition/pdf/CMYK-PROFILE-LICENCE.md)"
DATE = (2026, 12, 2, 0, 0, 0)  # the header's date: this model's version, not the build's
DOT_GAIN = 0.12  # effective coverage added at a 50 % tone value
# optical density at full coverage, in the red, green and blue bands
DENSITY = {
    "C": (1.45, 0.45, 0.12),
    "M": (0.10, 1.40, 0.55),
    "Y": (0.02, 0.08, 1.00),
    "K": (1.75, 1.75, 1.75),
}
TOTAL_INK = 3.0  # the most ink (effective coverage, 300 %) a separation lays down
PAPER = (95.0, 0.0, -2.0)  # Lab (D50, absolute) of the paper: the media white point
GAMUT_DE = 3.0  # ΔE*ab beyond which a Lab colour is out of gamut
A2B_GRID = 11
B2A_GRID = 17
D50 = (0.9642, 1.0, 0.8249)  # the PCS illuminant
MIN_REFLECTANCE = 1e-4  # a band's darkest reflectance considered (density 4)

# linear sRGB -> XYZ (D50, Bradford-adapted), each row scaled to sum to the PCS white
_SRGB_D50 = ((0.4360747, 0.3850649, 0.1430804), (0.2225045, 0.7168786, 0.0606169), (0.0139322, 0.0971045, 0.7141733))
BANDS = tuple(tuple(v * w / sum(row) for v in row) for row, w in zip(_SRGB_D50, D50))


# --- colour arithmetic -------------------------------------------------------------------

def _inverse(m):
    """The inverse of a 3×3 matrix (tuples of rows)."""
    (a, b, c), (d, e, f), (g, h, i) = m
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    return ((e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det), \
           ((f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det), \
           ((d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det)


def _apply(m, v):
    return tuple(sum(m[r][c] * v[c] for c in range(3)) for r in range(3))


_BANDS_INV = _inverse(BANDS)
_CMY = tuple(tuple(DENSITY[ink][band] for ink in "CMY") for band in range(3))  # S: rows bands, columns inks
_CMY_INV = _inverse(_CMY)
_K_AS_CMY = _apply(_CMY_INV, DENSITY["K"])  # the C, M, Y coverages whose density black matches


def _f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def _f_inv(t: float) -> float:
    return t ** 3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)


def xyz_to_lab(xyz) -> tuple[float, float, float]:
    """CIE Lab (D50) of an XYZ.

    >>> [round(v, 6) for v in xyz_to_lab(D50)]
    [100.0, 0.0, 0.0]
    """
    fx, fy, fz = (_f(v / w) for v, w in zip(xyz, D50))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab_to_xyz(lab) -> tuple[float, float, float]:
    L, a, b = lab
    fy = (L + 16) / 116
    return tuple(w * _f_inv(f) for w, f in zip(D50, (fy + a / 500, fy, fy - b / 200)))


def gain(a: float) -> float:
    """The effective coverage of tone value ``a`` (dot gain).

    >>> gain(0), round(gain(0.5), 6), gain(1)
    (0.0, 0.62, 1.0)
    """
    return a + 4 * DOT_GAIN * a * (1 - a)


def ungain(e: float) -> float:
    """The tone value that prints as effective coverage ``e`` (the inverse of :func:`gain`).

    >>> round(ungain(gain(0.3)), 9)
    0.3
    """
    g = 4 * DOT_GAIN
    return ((1 + g) - ((1 + g) ** 2 - 4 * g * e) ** 0.5) / (2 * g)


def printed(coverages) -> tuple[float, float, float]:
    """The Lab (relative to the paper) of effective coverages C, M, Y, K (0..1).

    >>> printed((0, 0, 0, 0))
    (100.0, 0.0, 0.0)
    >>> L, a, b = printed((0, 0, 0, 0.5)); round(a, 9), round(b, 9), 0 < L < 100
    (0.0, 0.0, True)
    """
    densities = [sum(c * DENSITY[ink][band] for c, ink in zip(coverages, "CMYK")) for band in range(3)]
    return xyz_to_lab(_apply(BANDS, [10 ** -d for d in densities]))


def separate(lab) -> tuple[tuple[float, float, float, float], bool]:
    """The effective coverages C, M, Y, K that print ``lab`` (relative), with full GCR, and
    whether they had to be clipped (the colour is then out of the model's reach).

    >>> separate((50, 0, 0))[0][:3]
    (0.0, 0.0, 0.0)
    """
    bands = _apply(_BANDS_INV, lab_to_xyz(lab))
    clipped = any(v < MIN_REFLECTANCE or v > 1 for v in bands)
    density = [-math.log10(min(1.0, max(MIN_REFLECTANCE, v))) for v in bands]
    cmy = _apply(_CMY_INV, density)
    k = min(1.0, max(0.0, min(c / unit for c, unit in zip(cmy, _K_AS_CMY))))
    rest = [c - k * unit for c, unit in zip(cmy, _K_AS_CMY)]
    # a grey's remainder is 0 up to rounding: keep it exactly 0 (pure K)
    rest = [0.0 if abs(c) < 1e-9 else c for c in rest]
    clipped |= any(c < 0 or c > 1 for c in rest)
    rest = [min(1.0, max(0.0, c)) for c in rest]
    total = sum(rest) + k
    if total > TOTAL_INK:
        clipped = True
        scale = (TOTAL_INK - k) / sum(rest)
        rest = [c * scale for c in rest]
    return (rest[0], rest[1], rest[2], k), clipped


# --- ICC encoding ------------------------------------------------------------------------

def _u16(v: float) -> int:
    return max(0, min(65535, round(v * 65535)))


def _lab16(lab) -> tuple[int, int, int]:
    """Lab in the 16-bit encoding of ``mft2`` (L 0..100 -> 0..0xFF00, a b + 128 times 256)."""
    L, a, b = lab
    return (max(0, min(65535, round(L * 652.8))), max(0, min(65535, round((a + 128) * 256))),
            max(0, min(65535, round((b + 128) * 256))))


def _lab_of_node(i: int, j: int, k: int, grid: int) -> tuple[float, float, float]:
    """The Lab of a node of a Lab-input CLUT with identity input curves (the inverse of
    :func:`_lab16`: node n of g encodes n/(g-1)·65535)."""
    x = [n / (grid - 1) * 65535 for n in (i, j, k)]
    return x[0] / 652.8, x[1] / 256 - 128, x[2] / 256 - 128


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _mft2(inputs: int, outputs: int, grid: int, in_curves, clut: list, out_curves) -> bytes:
    """An ICC ``lut16Type``: identity matrix, input curves, the CLUT (values 0..65535, first
    input slowest), output curves (each a list of 0..65535)."""
    n, m = len(in_curves[0]), len(out_curves[0])
    head = b"mft2" + bytes(4) + struct.pack(">BBBB", inputs, outputs, grid, 0)
    head += b"".join(_s15(1.0 if r == c else 0.0) for r in range(3) for c in range(3))
    head += struct.pack(">HH", n, m)
    body = b"".join(struct.pack(f">{n}H", *curve) for curve in in_curves)
    body += struct.pack(f">{len(clut)}H", *clut)
    body += b"".join(struct.pack(f">{m}H", *curve) for curve in out_curves)
    return head + body


def _identity(channels: int) -> list:
    return [[0, 65535]] * channels


def _curve(f, entries: int = 256) -> list:
    return [_u16(f(i / (entries - 1))) for i in range(entries)]


def a2b() -> bytes:
    """CMYK -> Lab: the dot gain in the input curves, the inks' Lab in the CLUT."""
    steps = [n / (A2B_GRID - 1) for n in range(A2B_GRID)]
    clut = []
    for c in steps:
        for m in steps:
            for y in steps:
                for k in steps:
                    clut += _lab16(printed((c, m, y, k)))
    return _mft2(4, 3, A2B_GRID, [_curve(gain)] * 4, clut, _identity(3))


def _b2a_tables() -> tuple[list, list]:
    """The separation of every Lab node (effective coverages), and its gamut flags."""
    clut, flags = [], []
    for i in range(B2A_GRID):
        for j in range(B2A_GRID):
            for k in range(B2A_GRID):
                lab = _lab_of_node(i, j, k, B2A_GRID)
                coverages, clipped = separate(lab)
                clut += [_u16(v) for v in coverages]
                out = clipped and _delta_e(printed(coverages), lab) > GAMUT_DE
                flags.append(65535 if out else 0)
    return clut, flags


def _delta_e(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5


def _text_description(text: str) -> bytes:
    """An ICC v2 ``textDescriptionType``: ASCII, no Unicode, no ScriptCode."""
    ascii_ = text.encode("ascii") + b"\0"
    return b"desc" + bytes(4) + struct.pack(">I", len(ascii_)) + ascii_ + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + bytes(67)


def _text(text: str) -> bytes:
    return b"text" + bytes(4) + text.encode("ascii") + b"\0"


def _xyz(xyz) -> bytes:
    return b"XYZ " + bytes(4) + b"".join(_s15(v) for v in xyz)


def _assemble(tags: list[tuple[bytes, bytes]]) -> bytes:
    """A profile of ``tags`` (signature, data; data given twice is stored once)."""
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    stored: dict[bytes, int] = {}
    entries, blobs = [], []
    for signature, data in tags:
        if data not in stored:
            offset += (-offset) % 4
            stored[data] = offset
            blobs.append((offset, data))
            offset += len(data)
        entries.append(struct.pack(">4sII", signature, stored[data], len(data)))
    body = bytearray(struct.pack(">I", len(tags)) + b"".join(entries))
    for at, data in blobs:
        body += bytes(at - 128 - len(body))
        body += data
    size = 128 + len(body)
    header = struct.pack(">I4sI4s4s4s6H4sI4sIIQI", size, b"\0\0\0\0", 0x02400000, b"prtr", b"CMYK", b"Lab ", *DATE,
                         b"acsp", 0, b"\0\0\0\0", 0, 0, 0, 0)
    header += b"".join(_s15(v) for v in D50) + bytes(4) + bytes(44)
    assert len(header) == 128
    return header + bytes(body)


@functools.lru_cache(maxsize=1)
def profile() -> bytes:
    """The profile's bytes (made once per process: a fraction of a second)."""
    forward = a2b()
    clut, flags = _b2a_tables()
    backward = _mft2(3, 4, B2A_GRID, _identity(3), clut, [_curve(ungain)] * 4)
    gamut = _mft2(3, 1, B2A_GRID, _identity(3), flags, _identity(1))
    return _assemble([
        (b"desc", _text_description(NAME)),
        (b"cprt", _text(COPYRIGHT)),
        (b"wtpt", _xyz(lab_to_xyz(PAPER))),
        (b"A2B0", forward), (b"A2B1", forward), (b"A2B2", forward),
        (b"B2A0", backward), (b"B2A1", backward), (b"B2A2", backward),
        (b"gamt", gamut),
    ])
