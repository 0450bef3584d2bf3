"""Which attachment files may be published: an allow-list of types, checked by content.

Takes a file's name and bytes; gives the reasons it may not be published (empty when it
may). The site serves attachments from its own origin, so a file that a browser would
run (HTML, SVG, XML, a Markdown page for the site engine) must never get through, and
the extension alone proves nothing: each allowed type is recognised by its magic bytes
or its ZIP structure, and must match its extension.

Allowed: PDF (no JavaScript, launch actions or embedded files), Word / Excel 97-2003
(no macros), DOCX / XLSX (no macros), OpenDocument text / spreadsheet / presentation
(no Basic scripts), CSV and TXT (UTF-8 text, no markup at the start, no control
characters), PNG / JPEG / GIF (no markup inside, so no HTML polyglot).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

# 10 MiB: a form, a template or a scanned sample is far smaller; a larger file would
# weigh on every mirror of the site and on phones.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
PNG = b"\x89PNG\r\n\x1a\n"

# Extension -> the name of its type, for messages.
ALLOWED = {
    ".pdf": "PDF", ".doc": "Word 97-2003", ".xls": "Excel 97-2003",
    ".docx": "Word (DOCX)", ".xlsx": "Excel (XLSX)",
    ".odt": "OpenDocument 文本", ".ods": "OpenDocument 表格", ".odp": "OpenDocument 演示",
    ".csv": "CSV", ".txt": "TXT", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF",
}
ALLOWED_LIST = "PDF、DOC、DOCX、XLS、XLSX、ODT、ODS、ODP、CSV、TXT、PNG、JPG、GIF"

_ODF_MIMETYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
    ".odp": b"application/vnd.oasis.opendocument.presentation",
}
_OOXML_MAIN = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
# PDF names of actions that run something or carry a file inside (PDF 1.7, 12.6 and 7.11).
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData)"
                         rb"(?![A-Za-z0-9])")
_PDF_FLATE_STREAM = re.compile(rb"/FlateDecode.*?stream\r?\n", re.S)
# Markup a browser would render if it ever sniffed the file as HTML or SVG.
_MARKUP = re.compile(rb"<\s*(?:script|html|svg|iframe|object|embed|body|!doctype|\?xml)", re.I)
# Text files: C0 controls other than tab, line feed and carriage return, DEL, and C1.
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Reason = tuple[str, str]  # (中文, English)


def extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def attachment_reasons(name: str, data: bytes) -> list[Reason]:
    """Why the file `name` with bytes `data` may not be published (empty: it may)."""
    ext = extension(name)
    if ext not in ALLOWED:
        shown = ext or "（无扩展名）"
        return [(f"不允许发布这种类型的附件（{shown}）；只允许 {ALLOWED_LIST}",
                 f"this type of attachment ({ext or 'no extension'}) may not be published; "
                 f"allowed: {ALLOWED_LIST}")]
    if len(data) > MAX_ATTACHMENT_BYTES:
        return [(f"附件过大（{len(data)} 字节，上限 {MAX_ATTACHMENT_BYTES} 字节）",
                 f"the attachment is too large ({len(data)} bytes, the limit is {MAX_ATTACHMENT_BYTES})")]
    if not data:
        return [("附件是空文件", "the attachment is empty")]
    return _CHECKERS[ext](ext, data)


def _not_the_type(ext: str) -> list[Reason]:
    kind = ALLOWED[ext]
    return [(f"文件内容不是 {kind}，与扩展名 {ext} 不符", f"the content is not {kind}, as its extension {ext} says")]


def _pdf(ext: str, data: bytes) -> list[Reason]:
    if not data.startswith(b"%PDF-"):
        return _not_the_type(ext)
    if _PDF_ACTIVE.search(data) or any(_PDF_ACTIVE.search(text) for text in _inflated_streams(data)):
        return [("PDF 含有脚本、启动操作或内嵌文件（/JavaScript、/Launch、/EmbeddedFile 等），不能发布",
                 "the PDF holds a script, a launch action or an embedded file (/JavaScript, /Launch, "
                 "/EmbeddedFile…) and may not be published")]
    return []


def _inflated_streams(data: bytes, budget: int = 4 * MAX_ATTACHMENT_BYTES):
    """The decompressed Flate streams of a PDF (object streams can hide dictionaries),
    at most `budget` bytes in all, so a compression bomb costs nothing."""
    for match in _PDF_FLATE_STREAM.finditer(data):
        if budget <= 0:
            return
        inflater = zlib.decompressobj()
        try:
            text = inflater.decompress(data[match.end():match.end() + MAX_ATTACHMENT_BYTES], budget)
        except zlib.error:
            continue
        budget -= len(text)
        yield text


def _ole2(ext: str, data: bytes) -> list[Reason]:
    if not data.startswith(OLE2):
        return _not_the_type(ext)
    # A VBA project is a storage named _VBA_PROJECT (or Macros in Word), in UTF-16 names.
    if "_VBA_PROJECT".encode("utf-16-le") in data or "Macros".encode("utf-16-le") in data:
        return [("文档含有宏，不能发布", "the document contains macros and may not be published")]
    return []


def _zip_names(data: bytes) -> list[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None


def _ooxml(ext: str, data: bytes) -> list[Reason]:
    names = _zip_names(data) if data.startswith(ZIP) else None
    if names is None or "[Content_Types].xml" not in names or _OOXML_MAIN[ext] not in names:
        return _not_the_type(ext)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return [("文档含有宏（vbaProject.bin），不能发布", "the document contains macros (vbaProject.bin) "
                 "and may not be published")]
    return []


def _odf(ext: str, data: bytes) -> list[Reason]:
    # ODF 1.2 part 3, 3.3: the first entry is "mimetype", stored, holding the media type.
    expected = _ODF_MIMETYPES[ext]
    names = _zip_names(data) if data.startswith(ZIP) else None
    if names is None or not names or names[0] != "mimetype" or data[30:38] != b"mimetype" \
            or data[38:38 + len(expected)] != expected:
        return _not_the_type(ext)
    if any(name.startswith(("Basic/", "Scripts/")) for name in names):
        return [("文档含有宏或脚本（Basic/、Scripts/），不能发布",
                 "the document contains macros or scripts (Basic/, Scripts/) and may not be published")]
    return []


def _text(ext: str, data: bytes) -> list[Reason]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [(f"{ALLOWED[ext]} 文件须为 UTF-8 编码的文本", f"a {ALLOWED[ext]} file must be UTF-8 text")]
    control = _TEXT_CONTROL.search(text)
    if control:
        return [(f"文本含控制字符 U+{ord(control.group()):04X}（第 {text.count(chr(10), 0, control.start()) + 1} 行）",
                 f"the text contains the control character U+{ord(control.group()):04X} "
                 f"(line {text.count(chr(10), 0, control.start()) + 1})")]
    if text.lstrip().startswith("<"):
        return [("文本以标记（<…）开头，浏览器可能把它当作网页，不能发布",
                 "the text starts with markup (<…), which a browser might render as a page")]
    return []


def _image(kind: bytes | tuple[bytes, ...]):
    def check(ext: str, data: bytes) -> list[Reason]:
        if not data.startswith(kind):
            return _not_the_type(ext)
        if _MARKUP.search(data):
            return [("图片中夹带网页或脚本标记，不能发布", "the image carries HTML or script markup and may "
                     "not be published")]
        return []
    return check


_CHECKERS = {
    ".pdf": _pdf, ".doc": _ole2, ".xls": _ole2, ".docx": _ooxml, ".xlsx": _ooxml,
    ".odt": _odf, ".ods": _odf, ".odp": _odf, ".csv": _text, ".txt": _text,
    ".png": _image(PNG), ".jpg": _image(b"\xff\xd8\xff"), ".jpeg": _image(b"\xff\xd8\xff"),
    ".gif": _image((b"GIF87a", b"GIF89a")),
}
