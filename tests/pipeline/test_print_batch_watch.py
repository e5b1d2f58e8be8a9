"""``--print`` (the printer's file, edition/pdf/press.py) in a batch and in ``edition watch``:
every output is a PDF/X-4 file (trim, bleed and media boxes, the GTS_PDFX output intent with
the default CMYK profile, colours in CMYK), and a page the watcher patches into one stays a
printer's page.  Read back with pikepdf, pdftotext and qpdf."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading

import pikepdf

from edition.pdf import cmyk
from edition.pdf.press import MM

from ..conftest import SAMPLE
from .test_batch import _wait, library, run_cli  # noqa: F401  (library: a fixture)

A4 = [0, 0, 210 * MM, 297 * MM]


def close(a, b, tol=0.01):
    return len(a) == len(b) and all(abs(float(x) - y) < tol for x, y in zip(a, b))


def grown(box, mm):
    return [box[0] - mm * MM, box[1] - mm * MM, box[2] + mm * MM, box[3] + mm * MM]


def assert_printers_file(path, trim=A4):
    """Every page trimmed to ``trim`` with 3 mm bleed and crop marks (the defaults), the
    PDF/X output intent with the default profile, nothing in RGB or grey."""
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.6" and len(pdf.pages)
        for n, page in enumerate(pdf.pages, 1):
            assert close(page.obj.TrimBox, trim), (path, n)
            assert close(page.obj.BleedBox, grown(trim, 3)) and close(page.obj.MediaBox, grown(trim, 9)), (path, n)
            ops = {str(op) for _, op in pikepdf.parse_content_stream(page)}
            assert not ops & {"rg", "RG", "g", "G"} and "k" in ops, (path, n)
            assert b"/Reg CS" in page.obj.Contents.read_bytes(), (path, n)
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.read_bytes() == cmyk.profile()
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout, check.stdout


def test_a_batch_writes_a_printers_file_per_edition(library, tmp_path, capsys):
    """``edition build a b --out-dir D --print`` in two worker processes, and ``edition
    batch ... --print`` in this one."""
    lib, paths = library
    for command, jobs, out in (("build", "2", tmp_path / "print"), ("batch", "1", tmp_path / "batch")):
        code, err = run_cli([command, paths["a"], paths["nested/c"], "--out-dir", str(out), "--print", "-j", jobs], capsys)
        assert code == 0, err
        assert "built 2, failed 0 of 2 editions" in err
        assert sorted(os.listdir(out)) == ["a.pdf", "c.pdf"]
        for name in ("a.pdf", "c.pdf"):
            assert_printers_file(out / name)


def test_print_with_an_output_that_is_not_a_pdf_is_refused(library, tmp_path, capsys):
    lib, paths = library
    for argv in (["build", paths["a"], paths["nested/c"], "--to", "tei"], ["batch", str(lib), "--to", "html"]):
        code, err = run_cli([*argv, "--out-dir", str(tmp_path / "out"), "--print"], capsys)
        assert code == 2, err
        assert re.search(r"--print makes a PDF for the printer; the (tei|html) writer makes no PDF", err), err
    code, err = run_cli(["watch", paths["a"], "-o", str(tmp_path / "out.xml"), "--print"], capsys)
    assert code == 2 and "the tei writer makes no PDF" in err, err
    code, err = run_cli(["build", paths["a"], "-o", str(tmp_path / "out.docx"), "--print"], capsys)
    assert code == 2 and "the docx writer makes no PDF: drop --print, or write .pdf" in err, err
    assert not os.path.exists(tmp_path / "out")


def test_the_watch_command_hands_print_to_the_watcher(tmp_path, monkeypatch, capsys):
    from edition import watch as watching

    seen = {}
    monkeypatch.setattr(watching, "watch", lambda source, output, **kw: seen.update(kw, output=output))
    code, err = run_cli(["watch", SAMPLE, "-o", str(tmp_path / "out.pdf"), "--print"], capsys)
    assert code == 0, err
    assert seen["options"]["print_file"] is True and seen["output"] == str(tmp_path / "out.pdf")
    code, err = run_cli(["watch", SAMPLE, "-o", str(tmp_path / "out.pdf")], capsys)
    assert "print_file" not in seen["options"]


def test_watch_keeps_the_printers_file_when_it_patches_a_page(tmp_path):
    """``edition watch src -o out.pdf --print``: the first build is the printer's file; an
    edit inside one page lays that page out alone, and the file stays a printer's file with
    the edit in it (the page with its K colours and crop marks again)."""
    from edition.watch import watch

    folder = tmp_path / "edition"
    shutil.copytree(os.path.dirname(SAMPLE), folder)
    src, out = folder / "edition.yaml", tmp_path / "out.pdf"
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(str(src), str(out)), daemon=True,
                              kwargs={"interval": 0.1, "say": lines.append, "stop": stop, "options": {"print_file": True}})
    thread.start()
    try:
        assert _wait(lambda: any(line.startswith("watching") for line in lines), timeout=180), lines
        assert_printers_file(out)
        text = src.read_text(encoding="utf-8")
        assert "Mütarekesi sırasında I." in text
        src.write_text(text.replace("Mütarekesi sırasında I.", "Mütarekesi zamanında I.", 1), encoding="utf-8")
        assert _wait(lambda: any("laid out again" in line for line in lines), timeout=120), lines
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive()
    assert_printers_file(out)
    pdftext = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "zamanında" in re.sub(r"\s+", "", pdftext.replace("\u2010\n", ""))


def test_a_printers_file_with_a_pdf_variant_in_its_settings_is_not_patched(tmp_path):
    """The printer's file sets a source's ``pdf-variant`` aside; a page patched in would
    bring the variant's attachments, so the watcher's one-page rebuild declines (a full
    build follows), where the ordinary PDF of the same source would be patched."""
    from edition.core import build_pdf, rebuild_page

    from ..writers.test_pdf_variants import copy_sample

    src = copy_sample(tmp_path / "edition", ("apparatus: marker", "apparatus: marker\n  pdf-variant: pdf/a-3b"))
    out = str(tmp_path / "out.pdf")
    first = build_pdf(src, out, print_file=True)
    text = open(src, encoding="utf-8").read()
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(text.replace("Mütarekesi sırasında I.", "Mütarekesi zamanında I.", 1))
    before = open(out, "rb").read()
    assert rebuild_page(src, out, first.plan, print_file=True) is None
    assert open(out, "rb").read() == before
    patched = rebuild_page(src, out, first.plan)  # not told it is the printer's file: it patches
    assert patched is not None and patched.patched_page is not None
