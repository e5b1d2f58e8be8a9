"""``edition proof``: pages of a built edition as PNG pictures."""

from __future__ import annotations

import struct

from edition.cli import main


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


SOURCE = """
edition: {title: Deneme, language: tr}
settings: {page-size: A5}
body:
  - heading: GİRİŞ
    text: |
""" + "".join(f"      Bu, sınama için yazılmış {i}. cümledir ve sayfaları doldurur.\n" for i in range(400))


def test_proof_writes_the_pages_asked_for(write_source, tmp_path, capsys):
    src = write_source(SOURCE)
    out = tmp_path / "proof"
    assert main(["proof", src, "--pages", "2-3", "-o", str(out), "--dpi", "50", "-q"]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == ["page-02.png", "page-03.png"]
    # A5 at 50 dpi: 148 x 210 mm
    w, h = png_size(str(out / "page-02.png"))
    assert abs(w - 148 / 25.4 * 50) < 1.5 and abs(h - 210 / 25.4 * 50) < 1.5, (w, h)
    assert str(out / "page-03.png") in capsys.readouterr().out
    # nothing but the pictures is written (the PDF was a temporary file)
    assert not list(tmp_path.glob("*.pdf"))


def test_proof_refuses_a_bad_range(write_source, tmp_path, capsys):
    src = write_source(SOURCE)
    assert main(["proof", src, "--pages", "5-2", "-o", str(tmp_path / "p")]) == 2
    assert "the first page comes after the last" in capsys.readouterr().err
    assert main(["proof", src, "--pages", "90", "-o", str(tmp_path / "p")]) == 2
    assert "no page 90" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()
