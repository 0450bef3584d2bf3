"""Attachments are an allow-list checked by content: each hostile file names why it is refused,
each real file of an allowed type passes. Files are built here byte by byte (or with openpyxl,
a real XLSX writer), so the expected answer never comes from the checker."""

from __future__ import annotations

import io
import zipfile
import zlib

import openpyxl
import pytest

from generator.load.attachment_types import MAX_ATTACHMENT_BYTES, attachment_reasons

from .conftest import ROOT

SHIPPED = sorted((ROOT / "content" / "files").rglob("*.*"))

MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
               b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def zip_of(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if (stored_first and i == 0) else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def docx(*extra: tuple[str, bytes]) -> bytes:
    return zip_of([("[Content_Types].xml", b"<Types/>"), ("_rels/.rels", b"<Relationships/>"),
                   ("word/document.xml", b"<w:document/>"), *extra])


def odt(mimetype: bytes = b"application/vnd.oasis.opendocument.text", *extra: tuple[str, bytes]) -> bytes:
    return zip_of([("mimetype", mimetype), ("content.xml", b"<office:document-content/>"),
                   ("META-INF/manifest.xml", b"<manifest/>"), *extra], stored_first=True)


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "申请材料"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_shipped_attachment_is_allowed(path):
    assert attachment_reasons(path.name, path.read_bytes()) == []


@pytest.mark.parametrize("name, data", [
    ("申请书.pdf", MINIMAL_PDF),
    ("申请书.docx", docx()),
    ("清单.xlsx", xlsx()),
    ("清单.XLSX", xlsx()),  # the extension's case does not matter
    ("章程.odt", odt()),
    ("表.ods", odt(b"application/vnd.oasis.opendocument.spreadsheet")),
    ("旧表.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le")),
    ("材料.csv", "材料,份数\n申请书,1\n".encode()),
    ("材料.txt", "\ufeff申请书\t一份\r\n".encode()),
    ("照片.png", b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 20),
    ("照片.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0" + b"\0" * 20),
    ("图.gif", b"GIF89a\x01\0\x01\0\0\0\0;"),
])
def test_allowed_types_pass(name, data):
    assert attachment_reasons(name, data) == []


def english(name: str, data: bytes) -> str:
    reasons = attachment_reasons(name, data)
    assert len(reasons) == 1, reasons
    zh, en = reasons[0]
    assert zh and en and zh != en
    return en


@pytest.mark.parametrize("name, data, expected", [
    ("page.html", b"<script>alert(1)</script>", "this type of attachment (.html) may not be published"),
    ("logo.svg", b"<svg onload=alert(1)/>", "this type of attachment (.svg) may not be published"),
    ("data.xml", b"<?xml version='1.0'?><a/>", "this type of attachment (.xml) may not be published"),
    ("page.md", b"# <script>alert(1)</script>", "this type of attachment (.md) may not be published"),
    ("htaccess", b"Options +Indexes", "this type of attachment (no extension) may not be published"),
    ("run.js", b"alert(1)", "this type of attachment (.js) may not be published"),
    ("a.pdf.html", b"<b>x</b>", "this type of attachment (.html) may not be published"),
])
def test_types_that_a_browser_runs_are_refused(name, data, expected):
    assert english(name, data).startswith(expected)


@pytest.mark.parametrize("name, data, expected", [
    ("申请书.pdf", b"<html><script>alert(1)</script></html>", "the content is not PDF, as its extension .pdf says"),
    ("照片.png", b"<svg onload=alert(1)>", "the content is not PNG, as its extension .png says"),
    ("照片.jpg", b"GIF89a", "the content is not JPEG, as its extension .jpg says"),
    ("清单.xlsx", docx(), "the content is not Excel (XLSX), as its extension .xlsx says"),
    ("申请书.docx", b"PK\x03\x04 not really a zip", "the content is not Word (DOCX), as its extension .docx says"),
    ("章程.odt", odt(b"application/vnd.oasis.opendocument.spreadsheet"),
     "the content is not OpenDocument 文本, as its extension .odt says"),
    ("旧表.xls", b"<table><tr><td>1</td></tr></table>", "the content is not Excel 97-2003, as its extension .xls says"),
])
def test_content_must_match_the_extension(name, data, expected):
    assert english(name, data) == expected


@pytest.mark.parametrize("name, data, expected", [
    ("申请书.pdf", MINIMAL_PDF.replace(b"/Pages 2 0 R", b"/Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
     "the PDF holds a script"),
    ("申请书.pdf", MINIMAL_PDF.replace(b"/Pages 2 0 R", b"/Pages 2 0 R /OpenAction << /S /Launch /F (cmd.exe) >>"),
     "the PDF holds a script"),
    # The same action inside a compressed object stream.
    ("申请书.pdf", MINIMAL_PDF + b"3 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length 40 >>\nstream\n"
     + zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>") + b"\nendstream\nendobj\n",
     "the PDF holds a script"),
    ("申请书.docx", docx(("word/vbaProject.bin", b"\0" * 10)), "the document contains macros (vbaProject.bin)"),
    ("章程.odt", odt(b"application/vnd.oasis.opendocument.text", ("Basic/Standard/Module1.xml", b"<x/>")),
     "the document contains macros or scripts"),
    ("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "_VBA_PROJECT".encode("utf-16-le"), "the document contains macros"),
    ("照片.gif", b"GIF89a/*<script>alert(1)</script>*/", "the image carries HTML or script markup"),
    ("照片.png", b"\x89PNG\r\n\x1a\n<HTML><body onload=alert(1)>", "the image carries HTML or script markup"),
    ("材料.txt", b"<!doctype html><script>alert(1)</script>", "the text starts with markup"),
    ("材料.csv", b"  <svg onload=alert(1)>,x", "the text starts with markup"),
    ("材料.txt", "申请书\x1b[31m".encode(), "the text contains the control character U+001B (line 1)"),
    ("材料.csv", b"a,b\nc,\x00d", "the text contains the control character U+0000 (line 2)"),
    ("材料.txt", "申请书".encode("gb18030"), "a TXT file must be UTF-8 text"),
    ("空.pdf", b"", "the attachment is empty"),
])
def test_active_or_broken_content_is_refused(name, data, expected):
    assert english(name, data).startswith(expected)


def test_size_limit():
    big = MINIMAL_PDF + b"%" * (MAX_ATTACHMENT_BYTES - len(MINIMAL_PDF) + 1)
    assert english("大.pdf", big) == (f"the attachment is too large ({MAX_ATTACHMENT_BYTES + 1} bytes, "
                                      f"the limit is {MAX_ATTACHMENT_BYTES})")
    assert attachment_reasons("刚好.pdf", big[:MAX_ATTACHMENT_BYTES]) == []
    assert MAX_ATTACHMENT_BYTES == 10 * 1024 * 1024  # documented in CONTRIBUTING.md
