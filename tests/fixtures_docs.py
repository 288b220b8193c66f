"""Builders for test documents: real PDFs (text, encrypted, blank, broken) and text files, made on the fly.

PDFs are drawn with reportlab when it is installed, else written with pypdf's own objects, so the
tests never depend on binary files checked into the repository.
"""

from __future__ import annotations

import importlib.util
import io
import random
import textwrap
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

_PAGE_WIDTH, _PAGE_HEIGHT = 595, 842  # A4 in points
_MARGIN, _LEADING, _FONT_SIZE = 72, 14, 11
_WRAP = 90  # characters per drawn line


def make_text_pdf(
    path: Path, pages: list[str], title: str | None = None, password: str | None = None
) -> Path:
    """A PDF with one page per string (long lines wrapped), AES-256 encrypted when `password` is given."""
    data = _reportlab_pdf(pages, title) if _has_reportlab() else pypdf_text_pdf(pages, title)
    if password is not None:
        data = encrypt_pdf(data, password)
    path.write_bytes(data)
    return path


def make_article_pdf(path: Path, lines: list[str], pages: int, header: str, footer: str) -> Path:
    """A journal-style PDF as pypdf reads a real one: `lines` drawn one per line (no blank lines) over `pages`
    pages, each with a running `header` and a `footer` ending in its page number (from 41)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(_PAGE_WIDTH, _PAGE_HEIGHT))
    per_page = -(-len(lines) // pages)
    for n in range(pages):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, 810, header)
        pdf.drawString(60, 40, f"{footer}   {n + 41}")
        pdf.setFont("Helvetica", 9)
        for i, text in enumerate(lines[n * per_page : (n + 1) * per_page]):
            pdf.drawString(40, 780 - 18 * i, text)
        pdf.showPage()
    pdf.save()
    return path


def make_blank_pdf(path: Path, n: int) -> Path:
    """A valid PDF of `n` empty pages: what a scan without OCR looks like to a text extractor."""
    writer = PdfWriter()
    for _ in range(n):
        writer.add_blank_page(width=_PAGE_WIDTH, height=_PAGE_HEIGHT)
    path.write_bytes(_written(writer))
    return path


def make_truncated_pdf(path: Path, source: Path, keep: float = 0.5) -> Path:
    """The first `keep` share of `source`'s bytes, as an interrupted download leaves them."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def make_random_file(path: Path, size: int = 4096, seed: int = 7) -> Path:
    """`size` random bytes (deterministic for a seed), whatever the file name claims."""
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def make_text_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """A text file in the given encoding (e.g. "latin-1", "utf-8-sig" for a BOM)."""
    path.write_bytes(text.encode(encoding))
    return path


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """`data` re-written with AES-256 encryption; the password is needed to open it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    return _written(writer)


def pypdf_text_pdf(pages: list[str], title: str | None = None) -> bytes:
    """A text PDF written with pypdf only (Helvetica, WinAnsi): the fallback when reportlab is missing."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(font)
    for text in pages:
        page = writer.add_blank_page(width=_PAGE_WIDTH, height=_PAGE_HEIGHT)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
        stream = StreamObject()
        stream.set_data(_content_stream(_wrapped_lines(text)))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if title is not None:
        writer.add_metadata({"/Title": title})
    return _written(writer)


def _reportlab_pdf(pages: list[str], title: str | None) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(_PAGE_WIDTH, _PAGE_HEIGHT))
    if title is not None:
        pdf.setTitle(title)
    for text in pages:
        drawn = pdf.beginText(_MARGIN, _PAGE_HEIGHT - _MARGIN)
        drawn.setFont("Helvetica", _FONT_SIZE, leading=_LEADING)
        for line in _wrapped_lines(text):
            drawn.textLine(line)
        pdf.drawText(drawn)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _content_stream(lines: list[str]) -> bytes:
    commands = [f"BT /F1 {_FONT_SIZE} Tf {_LEADING} TL {_MARGIN} {_PAGE_HEIGHT - _MARGIN} Td".encode()]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(b"(" + escaped.encode("cp1252", errors="replace") + b") Tj T*")
    commands.append(b"ET")
    return b"\n".join(commands)


def _wrapped_lines(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, _WRAP) or [""])
    return lines


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _has_reportlab() -> bool:
    return importlib.util.find_spec("reportlab") is not None
