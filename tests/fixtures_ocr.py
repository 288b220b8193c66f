"""Builders for the documents of issue 9, made in the tests: scanned (image-only) and mixed PDFs, a Word file with
a heading, paragraphs and a captioned table, and a web page with navigation and a footer around its article.

Scans are drawn with Pillow in DejaVu Sans (Debian's fonts-dejavu-core, installed by scripts/ensure_tesseract.sh)
at 150 dpi on A4, then saved as a PDF of images: no text layer at all, as a scanner writes it.
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from tests.fixtures_docs import make_text_pdf

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
_DPI, _WIDTH, _HEIGHT = 150, 1240, 1754  # A4 at 150 dpi
_FONT_PX, _LEADING_PX, _MARGIN_PX, _WRAP = 30, 46, 110, 62

SCAN_ID = (
    "Kota Bandung dan Kota Kawasaki menandatangani nota kesepahaman kerja sama pengelolaan sampah pada tahun "
    "2017. Program ini melatih petugas kebersihan kelurahan untuk memilah sampah organik dan anorganik, lalu "
    "mengolah sampah organik menjadi kompos di bank sampah."
)
SCAN_EN = (
    "The Kawasaki Eco-Town companies shared their recycling technology with Bandung. Cement plants in Kawasaki "
    "turn waste plastic into fuel, and Bandung officials visited these plants to learn how the recycling chain works."
)


def font_path() -> str:
    for candidate in FONT_PATHS:
        if Path(candidate).is_file():
            return candidate
    raise FileNotFoundError(
        "DejaVu Sans not found: install Debian's fonts-dejavu-core (bash scripts/ensure_tesseract.sh does it)"
    )


def page_image(text: str) -> object:
    """A white A4 page at 150 dpi with `text` wrapped and drawn in black."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path(), _FONT_PX)
    image = Image.new("L", (_WIDTH, _HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    y = _MARGIN_PX
    for paragraph in text.split("\n\n"):
        for line in textwrap.wrap(paragraph, _WRAP):
            draw.text((_MARGIN_PX, y), line, font=font, fill=0)
            y += _LEADING_PX
        y += _LEADING_PX
    return image


def make_scanned_pdf(path: Path, pages: list[str]) -> Path:
    """A PDF whose pages are only images of text (no text layer), one page per string."""
    images = [page_image(text) for text in pages]
    images[0].save(path, "PDF", resolution=float(_DPI), save_all=True, append_images=images[1:])
    return path


def make_photo(path: Path, text: str, turned: bool = False) -> Path:
    """A page photographed as a JPEG or PNG (by `path`'s suffix); `turned`: the camera held sideways, so the
    pixels lie rotated and the EXIF orientation tag (6: turn 90° clockwise) says how to show them upright."""
    image = page_image(text)
    if not turned:
        image.save(path)
        return path
    rotated = image.rotate(90, expand=True).convert("RGB")
    exif = rotated.getexif()
    exif[0x0112] = 6
    rotated.save(path, exif=exif, quality=90)
    return path


def make_scanned_tiff(path: Path, pages: list[str]) -> Path:
    """A scanner's multi-page TIFF: one frame per string."""
    images = [page_image(text) for text in pages]
    images[0].save(path, save_all=True, append_images=images[1:])
    return path


def make_mixed_pdf(path: Path, text_page: str, scanned_page: str) -> Path:
    """Page 1 has a text layer; page 2 is a scan."""
    text_pdf = make_text_pdf(path.with_suffix(".text.pdf"), [text_page])
    scan_pdf = make_scanned_pdf(path.with_suffix(".scan.pdf"), [scanned_page])
    writer = PdfWriter()
    for source in (text_pdf, scan_pdf):
        for page in PdfReader(source).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    text_pdf.unlink()
    scan_pdf.unlink()
    return path


DOCX_TABLE = [
    ["Program", "Tahun", "Mitra"],
    ["Pelatihan pemilahan sampah", "2017", "JICA"],
    ["Kunjungan Eco-Town", "2018", "Kota Kawasaki"],
]


def make_docx(path: Path, title: str | None = "Laporan Kerja Sama Bandung–Kawasaki") -> Path:
    """A Word file: a heading, two paragraphs, a captioned table, a closing paragraph."""
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.add_heading("Ringkasan Kerja Sama", level=1)
    document.add_paragraph(
        "Kerja sama Sister City antara Bandung dan Kawasaki berfokus pada lingkungan hidup dan pengelolaan sampah."
    )
    document.add_paragraph("The partnership also sent Bandung officials to training courses in Kawasaki.")
    document.add_paragraph("Tabel 1. Program kerja sama", style="Caption")
    table = document.add_table(rows=0, cols=3)
    for row in DOCX_TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    document.add_paragraph("Kesimpulan: kerja sama ini perlu dilanjutkan dengan anggaran yang jelas.")
    document.save(str(path))
    return path



def _rendered_break() -> object:
    from docx.oxml import OxmlElement

    return OxmlElement("w:lastRenderedPageBreak")


def make_word_laid_out_docx(path: Path) -> Path:
    """A Word file as Word saves it after laying it out: a rendered page break where each of its four pages
    begins. Page 2 begins at a paragraph, after a hard page break (Word marks the new page once more); a
    paragraph runs from page 2 onto page 3 mid-sentence; the table's last row begins page 4, where one more
    paragraph ends the file."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.core_properties.title = "Laporan Tahunan Kerja Sama"
    document.add_heading("Pendahuluan", level=1)
    document.add_paragraph("Laporan ini merangkum kegiatan kerja sama Bandung dan Kawasaki selama tahun 2019.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    heading = document.add_heading("Kegiatan", level=1)
    heading.runs[0]._r.insert(0, _rendered_break())
    paragraph = document.add_paragraph()
    paragraph.add_run("Pelatihan pengomposan diikuti oleh empat puluh petugas kebersihan dari tiga kecamatan yang")
    # Word starts page 3 inside this run's text: the break sits between two of its text elements.
    run = paragraph.add_run(" menjadi")
    run._r.append(_rendered_break())
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rest = OxmlElement("w:t")
    rest.set(qn("xml:space"), "preserve")
    rest.text = " percontohan bank sampah. Hasilnya dibahas dalam rapat evaluasi bersama."
    run._r.append(rest)
    document.add_paragraph("Tabel 2. Jadwal kegiatan", style="Caption")
    table = document.add_table(rows=0, cols=2)
    for row in (("Kegiatan", "Bulan"), ("Pelatihan pengomposan", "Maret"), ("Rapat evaluasi", "November")):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for cell in table.rows[-1].cells:  # the last row begins page 4: each column's text starts it
        cell.paragraphs[0].runs[0]._r.insert(0, _rendered_break())
    document.add_paragraph("Kesimpulan: kerja sama perlu anggaran yang jelas untuk tahun berikutnya.")
    document.save(str(path))
    return path


def make_pptx(path: Path) -> Path:
    """A slide deck as a sister-city meeting leaves it: a title slide; bullets whose boxes were drawn bottom
    first, with a speaker's note; a table; and a slide of two grouped boxes."""
    from pptx import Presentation
    from pptx.util import Cm

    deck = Presentation()
    deck.core_properties.title = "Paparan Kerja Sama Bandung–Kawasaki 2019"
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = "Kerja Sama Sister City Bandung–Kawasaki"
    first.placeholders[1].text = "Rapat evaluasi tahunan, Bandung, November 2019"

    bullets = deck.slides.add_slide(deck.slide_layouts[5])  # title only: the boxes are placed by hand
    bullets.shapes.title.text = "Hambatan"
    lower = bullets.shapes.add_textbox(Cm(2), Cm(12), Cm(20), Cm(3)).text_frame
    lower.text = "Sumber: wawancara dengan Bappelitbang, 2019."
    upper = bullets.shapes.add_textbox(Cm(2), Cm(5), Cm(20), Cm(6)).text_frame
    upper.text = "Keterbatasan anggaran daerah"
    for line in ("Perbedaan bahasa dan budaya", "Koordinasi antarinstansi belum optimal"):
        upper.add_paragraph().text = line
    bullets.notes_slide.notes_text_frame.text = "Klik untuk menampilkan poin berikutnya."

    table_slide = deck.slides.add_slide(deck.slide_layouts[5])
    table_slide.shapes.title.text = "Program 2017–2019"
    table = table_slide.shapes.add_table(3, 2, Cm(2), Cm(5), Cm(20), Cm(4)).table
    for r, row in enumerate((("Program", "Tahun"), ("Pelatihan pengomposan", "2017"), ("Kunjungan Eco-Town", "2018"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value

    grouped = deck.slides.add_slide(deck.slide_layouts[5])
    grouped.shapes.title.text = "Peluang"
    group = grouped.shapes.add_group_shape()
    group.shapes.add_textbox(Cm(2), Cm(5), Cm(9), Cm(3)).text_frame.text = "Transfer teknologi daur ulang"
    group.shapes.add_textbox(Cm(12), Cm(5), Cm(9), Cm(3)).text_frame.text = "Pendanaan JICA"
    deck.save(str(path))
    return path

ARTICLE_PARAGRAPHS = (
    "Pemerintah Kota Bandung dan Kota Kawasaki memperbarui kerja sama sister city dalam bidang lingkungan. "
    "Kedua kota sepakat melanjutkan program bank sampah di tingkat kelurahan.",
    "Officials from both cities said the exchange of staff had improved waste collection in several districts "
    "of Bandung, although funding remained the main obstacle.",
)
NAV_WORDS = ("Beranda", "Layanan Publik", "Hubungi Kami")
FOOTER_TEXT = "Hak cipta 2024 Dinas Komunikasi dan Informatika. Semua hak dilindungi."


WEB_ORIGIN = (
    '<link rel="canonical" href="https://portal.bandung.go.id/berita/kerja-sama-kawasaki">'
    '<meta name="author" content="Dinas Komunikasi dan Informatika">'
    '<meta property="article:published_time" content="2024-05-06T10:00:00+07:00">'
)


def make_html(path: Path, head: str = "") -> Path:
    """A saved news page: navigation, an article with a table, a sidebar and a footer; `head` is added to its
    <head> (WEB_ORIGIN: the page's address, author and date, as a site's markup gives them)."""
    nav = "".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(NAV_WORDS))
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    html = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Bandung–Kawasaki perbarui kerja sama | Portal Kota</title>
<meta property="og:title" content="Bandung dan Kawasaki Perbarui Kerja Sama Lingkungan">{head}
</head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article>
<h1>Bandung dan Kawasaki Perbarui Kerja Sama</h1>
{paragraphs}
<table><caption>Tabel 1. Kegiatan 2024</caption>
<tr><th>Kegiatan</th><th>Bulan</th></tr>
<tr><td>Pelatihan bank sampah</td><td>Maret</td></tr>
<tr><td>Kunjungan pejabat</td><td>Juli</td></tr>
</table>
</article></main>
<aside><h3>Berita terpopuler</h3><ul><li><a href="/a">Jadwal car free day</a></li></ul></aside>
<footer><p>{FOOTER_TEXT}</p><p><a href="/privasi">Kebijakan privasi</a></p></footer>
</body></html>"""
    path.write_text(html, encoding="utf-8")
    return path


def words(text: str) -> list[str]:
    """Lower-case words without punctuation, for comparing recognised text with the drawn text."""
    return re.findall(r"[\w]+", text.lower())


def word_accuracy(reference: str, recognised: str) -> float:
    """1 − word error rate: word-level edit distance (substitutions, insertions, deletions) over reference words."""
    ref, hyp = words(reference), words(recognised)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i]
        for j, h in enumerate(hyp, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return 1.0 - previous[-1] / max(len(ref), 1)
