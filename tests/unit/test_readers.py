"""Reading files into raw pages, and refusing bad files with a reason a person can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.readers import SUPPORTED_SUFFIXES, RawDocument, read_document
from tests.fixtures_docs import (
    make_blank_pdf,
    make_random_file,
    make_text_file,
    make_text_pdf,
    make_truncated_pdf,
    pypdf_text_pdf,
)

PAGES = [
    "Kerja sama Bandung dan Kawasaki dimulai dari forum eko-bisnis pada tahun 2007.",
    "Page two: the JICA grassroots project supported waste separation in Bandung.",
    "Halaman tiga menutup dokumen ini.",
]


def _refusal(path: Path, **kwargs: object) -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_document(path, **kwargs)  # type: ignore[arg-type]
    return caught.value


@pytest.fixture
def text_pdf(tmp_path: Path) -> Path:
    return make_text_pdf(tmp_path / "laporan.pdf", PAGES, title="Laporan Kerja Sama")


def test_supported_suffixes() -> None:
    assert frozenset({".pdf", ".txt", ".md", ".markdown", ".docx", ".pptx", ".html", ".htm", ".png", ".jpg", ".jpeg",
                      ".tif", ".tiff", ".webp", ".bmp"}) == SUPPORTED_SUFFIXES


def test_multi_page_pdf(text_pdf: Path) -> None:
    document = read_document(text_pdf)
    assert [page.number for page in document.pages] == [1, 2, 3]
    assert "eko-bisnis pada tahun 2007" in document.pages[0].text
    assert "JICA grassroots project" in document.pages[1].text
    assert document.title == "Laporan Kerja Sama"
    assert document.metadata["pages"] == "3"


def test_pdf_written_without_reportlab(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    path.write_bytes(pypdf_text_pdf(["Satu (pertama) – kota.", "Dua."], title="Polos"))
    document = read_document(path)
    assert [page.text.strip() for page in document.pages] == ["Satu (pertama) – kota.", "Dua."]
    assert document.title == "Polos"


def test_placeholder_metadata_is_dropped(tmp_path: Path) -> None:
    document = read_document(make_text_pdf(tmp_path / "x.pdf", ["Teks."]))
    assert document.title is None  # reportlab writes "untitled"
    assert "author" not in document.metadata  # and "anonymous"


def test_encrypted_pdf_without_password(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "rahasia.pdf", PAGES, password="kawan123")
    error = _refusal(path)
    assert error.code == "encrypted"
    assert str(error) == "encrypted PDF: give the password with --password"


def test_encrypted_pdf_with_wrong_password(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "rahasia.pdf", PAGES, password="kawan123")
    assert _refusal(path, password="salah").code == "wrong_password"


def test_encrypted_pdf_with_password(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "rahasia.pdf", PAGES, password="kawan123")
    document = read_document(path, password="kawan123")
    assert len(document.pages) == 3
    assert "Halaman tiga" in document.pages[2].text


def test_truncated_pdf_is_damaged(tmp_path: Path, text_pdf: Path) -> None:
    error = _refusal(make_truncated_pdf(tmp_path / "cut.pdf", text_pdf))
    assert error.code == "damaged"
    assert "damaged" in error.reason


def test_random_bytes_named_pdf_are_damaged(tmp_path: Path) -> None:
    assert _refusal(make_random_file(tmp_path / "noise.pdf")).code == "damaged"


def test_pdf_header_with_garbage_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"not really a pdf " * 100)
    assert _refusal(path).code == "damaged"


def test_pdf_of_blank_pages_has_no_text(tmp_path: Path) -> None:
    error = _refusal(make_blank_pdf(tmp_path / "scan.pdf", 3))
    assert error.code == "no_text"
    assert "OCR" in error.reason


def test_too_many_pages(tmp_path: Path) -> None:
    error = _refusal(make_blank_pdf(tmp_path / "long.pdf", 5), max_pages=4)
    assert error.code == "too_large"
    assert "5 > 4" in error.reason


def test_over_the_size_limit_is_refused_before_reading(tmp_path: Path, text_pdf: Path) -> None:
    error = _refusal(text_pdf, max_bytes=100)
    assert error.code == "too_large"
    assert error.reason.startswith("over the size limit (")
    assert "> 100 bytes" in error.reason


def test_random_bytes_over_the_limit_are_too_large_not_damaged(tmp_path: Path) -> None:
    assert _refusal(make_random_file(tmp_path / "big.pdf", size=5000), max_bytes=1000).code == "too_large"


@pytest.mark.parametrize("name", ["empty.pdf", "empty.txt", "empty.md"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    error = _refusal(path)
    assert error.code == "empty"
    assert str(error) == "empty file"


def test_whitespace_only_text_is_empty(tmp_path: Path) -> None:
    assert _refusal(make_text_file(tmp_path / "blank.txt", " \n\t\n  ")).code == "empty"


@pytest.mark.parametrize("name", ["data.xyz", "laporan.doc", "README"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = make_text_file(tmp_path / name, "isi")
    error = _refusal(path)
    assert error.code == "unsupported"
    assert "supported: .pdf, .txt, .md" in error.reason


def test_unsupported_reason_names_the_suffix(tmp_path: Path) -> None:
    error = _refusal(make_text_file(tmp_path / "data.XYZ", "isi"))
    supported = ".pdf, .txt, .md, .markdown, .docx, .pptx, .html, .htm, .png, .jpg, .jpeg, .tif, .tiff, .webp, .bmp"
    assert str(error) == f"unsupported file type '.xyz' (supported: {supported})"


@pytest.mark.parametrize(
    ("name", "advice"),
    [
        ("laporan lama.doc", "save it as .docx or PDF and add that"),
        ("paparan.PPT", "save it as .pptx or export it as PDF and add that"),
        ("anggaran.xlsx", "export the sheets as PDF and add that"),
        ("lampiran.zip", "unpack it and add the files inside"),
        ("foto.heic", "save it as JPEG or PNG and add that"),
    ],
)
def test_a_common_file_kawan_does_not_read_says_how_to_make_one_it_does(tmp_path: Path, name: str, advice: str) -> None:
    error = _refusal(make_text_file(tmp_path / name, "isi"))
    assert error.code == "unsupported" and str(error).endswith(f"): {advice}")


def test_utf8_text_is_one_page(tmp_path: Path) -> None:
    document = read_document(make_text_file(tmp_path / "catatan.txt", "Kerja sama Bandung–Kawasaki.\n"))
    assert document == RawDocument(
        pages=document.pages, title=None, metadata={"encoding": "utf-8", "pages": "1"}
    )
    assert [(p.number, p.text) for p in document.pages] == [(1, "Kerja sama Bandung–Kawasaki.\n")]


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    document = read_document(make_text_file(tmp_path / "bom.txt", "Halo Bandung.", "utf-8-sig"))
    assert document.pages[0].text == "Halo Bandung."


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    text = "Kerja sama café dan résumé: pengelolaan sampah yang naïve.\nBaris kedua à la carte."
    document = read_document(make_text_file(tmp_path / "lama.txt", text, "latin-1"))
    assert document.pages[0].text == text


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    document = read_document(make_text_file(tmp_path / "u16.txt", "Halo dari Bandung.", "utf-16"))
    assert document.pages[0].text == "Halo dari Bandung."


def test_binary_text_file_is_an_encoding_error(tmp_path: Path) -> None:
    error = _refusal(make_random_file(tmp_path / "noise.txt"))
    assert error.code == "encoding"
    assert error.reason.startswith("not valid UTF-8 text")


def test_form_feeds_separate_pages(tmp_path: Path) -> None:
    path = make_text_file(tmp_path / "pdftotext.txt", "Halaman satu.\fHalaman dua.\f\fHalaman empat.\f")
    document = read_document(path)
    assert [(p.number, p.text) for p in document.pages] == [
        (1, "Halaman satu."),
        (2, "Halaman dua."),
        (3, ""),
        (4, "Halaman empat."),
    ]


def test_markdown_title_and_light_stripping(tmp_path: Path) -> None:
    source = (
        "---\nauthor: tim\n---\n"
        "# Kerja Sama **Bandung**–Kawasaki\n\n"
        "Menurut [laporan JICA](https://example.org/jica), program ini *berhasil* dan `stabil`.\n\n"
        "## Hambatan\n\n"
        "- keterbatasan anggaran\n"
        "- minimnya SDM\n\n"
        "Nama variabel snake_case_word tetap utuh.\n"
    )
    document = read_document(make_text_file(tmp_path / "catatan.md", source))
    assert document.title == "Kerja Sama Bandung–Kawasaki"
    text = document.pages[0].text
    assert "Menurut laporan JICA, program ini berhasil dan stabil." in text
    assert "\nHambatan\n" in text
    assert "• keterbatasan anggaran" in text
    assert "snake_case_word" in text
    for markup in ("#", "**", "](", "`", "author:"):
        assert markup not in text


def test_markdown_without_heading_has_no_title(tmp_path: Path) -> None:
    document = read_document(make_text_file(tmp_path / "n.markdown", "Hanya teks.\n\nSetext\n===\n"))
    assert document.title == "Setext"
    document = read_document(make_text_file(tmp_path / "m.md", "Hanya teks biasa."))
    assert document.title is None


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_document(tmp_path / "missing.pdf")
