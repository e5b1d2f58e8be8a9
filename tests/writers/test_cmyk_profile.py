"""The default CMYK output profile of ``--print`` (edition/pdf/cmyk.py), read by LittleCMS
(Pillow's ImageCms) as a colour-managed workflow would: sRGB -> the profile (the separation,
BToA) and the profile -> Lab (the ink model, AToB).  Its bytes are pinned by a digest: a
change of the model is a change of every print file, made on purpose."""

from __future__ import annotations

import hashlib
import io
import struct

import pytest
from PIL import Image, ImageCms

from edition.pdf import cmyk

DIGEST = "35ec41792e8dd3b9a9f544c5e92729aa7cb7748ebf2cd4f69f17b78fd92df312"


@pytest.fixture(scope="module")
def data():
    return cmyk.profile()


@pytest.fixture(scope="module")
def icc(data):
    return ImageCms.ImageCmsProfile(io.BytesIO(data))


def to_cmyk(icc, *colours, intent=ImageCms.Intent.RELATIVE_COLORIMETRIC):
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), icc, "RGB", "CMYK", renderingIntent=intent)
    image = Image.new("RGB", (len(colours), 1))
    image.putdata(colours)
    out = ImageCms.applyTransform(image, transform)
    return [out.getpixel((x, 0)) for x in range(len(colours))]


def to_lab(icc, *inks):
    """Lab (L 0..100, a b signed) of CMYK tone values (0..255)."""
    transform = ImageCms.buildTransform(icc, ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    image = Image.new("CMYK", (len(inks), 1))
    image.putdata(inks)
    out = ImageCms.applyTransform(image, transform)
    return [(L * 100 / 255, a - 128, b - 128) for L, a, b in (out.getpixel((x, 0)) for x in range(len(inks)))]


def test_littlecms_reads_an_output_profile(data, icc):
    p = icc.profile
    assert (p.device_class, p.xcolor_space.strip(), p.connection_space.strip()) == ("prtr", "CMYK", "Lab")
    assert p.version == 2.4 and struct.unpack(">I", data[:4])[0] == len(data)
    assert p.profile_description == cmyk.NAME and "CC0" in p.copyright
    (xyz, xy) = p.media_white_point  # the paper: L* 95, slightly bluer than D50 (x 0.3457, y 0.3585)
    assert xyz[1] == pytest.approx(0.8762, abs=1e-3) and xy[:2] == pytest.approx((0.3425, 0.3552), abs=5e-4)
    for intent in (0, 1, 2):
        assert p.is_intent_supported(intent, ImageCms.Direction.INPUT) and p.is_intent_supported(intent, ImageCms.Direction.OUTPUT)


def tags(data) -> dict:
    (count,) = struct.unpack(">I", data[128:132])
    return {data[132 + 12 * n:136 + 12 * n]: struct.unpack(">II", data[136 + 12 * n:144 + 12 * n]) for n in range(count)}


def test_the_tags_of_an_icc_v2_output_profile(data):
    """ICC.1 (v2.4) requires of an output profile: desc, cprt, wtpt, A2B0-2, B2A0-2, gamt;
    each tag within the file, on a 4-byte boundary, of the type it must be."""
    table = tags(data)
    assert set(table) == {b"desc", b"cprt", b"wtpt", b"A2B0", b"A2B1", b"A2B2", b"B2A0", b"B2A1", b"B2A2", b"gamt"}
    for signature, (offset, size) in table.items():
        assert offset % 4 == 0 and offset + size <= len(data), signature
        kind = data[offset:offset + 4]
        assert kind == {b"desc": b"desc", b"cprt": b"text", b"wtpt": b"XYZ "}.get(signature, b"mft2"), signature
    assert table[b"A2B0"] == table[b"A2B1"] == table[b"A2B2"] and table[b"B2A0"] == table[b"B2A1"]  # stored once
    assert data[24:36] == struct.pack(">6H", *cmyk.DATE) and data[36:40] == b"acsp"


def test_the_bytes_are_stable(data, monkeypatch):
    """Made again in a fresh cache, at another SOURCE_DATE_EPOCH: the same bytes, those
    whose digest is recorded here."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    cmyk.profile.cache_clear()
    try:
        again = cmyk.profile()
    finally:
        cmyk.profile.cache_clear()
    assert again == data
    assert hashlib.sha256(data).hexdigest() == DIGEST


def test_white_is_no_ink_and_greys_are_black_alone(icc):
    """Every grey lighter than solid black (L* 14; sRGB 51 is L* 21): K alone, up to
    LittleCMS's rounding; a darker one is full K with C, M, Y added."""
    levels = (250, 230, 200, 128, 119, 85, 51)
    white, *greys, darker = to_cmyk(icc, (255, 255, 255), *((v, v, v) for v in levels), (20, 20, 20))
    assert white == (0, 0, 0, 0)
    for (c, m, y, k), level in zip(greys, levels):
        assert max(c, m, y) <= 1 and k > 0, (level, (c, m, y, k))
    ks = [k for *_, k in greys]
    assert ks == sorted(ks) and ks[-1] > 180  # darker greys, more black
    assert darker[3] == 255 and min(darker[:3]) > 0


def test_black_stays_black_ink_first(icc):
    (black,) = to_cmyk(icc, (0, 0, 0))
    c, m, y, k = black
    assert k == 255 and max(c, m, y) < k
    assert (c + m + y + k) / 255 <= cmyk.TOTAL_INK + 0.05  # the total ink limit


def test_primaries_are_plausible(icc):
    red, green, blue, yellow = to_cmyk(icc, (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0))
    assert red[1] > 200 and red[2] > 200 and red[0] < 30 and red[3] < 30
    assert green[0] > 200 and green[2] > 200 and green[1] < 30
    assert blue[0] > 150 and blue[1] > 100 and blue[2] < 30
    assert yellow[2] > 200 and max(yellow[0], yellow[1], yellow[3]) < 30


def test_the_inks_in_lab(icc):
    paper, cyan, magenta, yellow, black, half = to_lab(icc, (0, 0, 0, 0), (255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0),
                                                       (0, 0, 0, 255), (0, 0, 0, 128))
    assert paper == pytest.approx((100, 0, 0), abs=0.5)
    assert cyan[2] < -30 and cyan[1] < 0
    assert magenta[1] > 50 and 40 < magenta[0] < 65
    assert yellow[2] > 60 and yellow[0] > 85
    assert black[0] < 20 and abs(black[1]) <= 1 and abs(black[2]) <= 1
    assert black[0] < half[0] < 60 and abs(half[1]) <= 1 and abs(half[2]) <= 1  # 50 % K, with dot gain: darker than mid-way


def test_the_model_round_trips_inside_its_gamut():
    """A Lab the separation reaches prints back as itself; one beyond the inks is flagged."""
    for lab in ((60, -20, -30), (50, 40, 0), (80, 0, 60), (30, 0, 0), (70, 10, 10)):
        coverages, clipped = cmyk.separate(lab)
        assert not clipped and cmyk.printed(coverages) == pytest.approx(lab, abs=1e-6)
    assert cmyk.separate((50, 0, 0))[0][:3] == (0.0, 0.0, 0.0)
    assert cmyk.separate((50, 0, 120))[1] and cmyk.separate((98, 90, 0))[1]
