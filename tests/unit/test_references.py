"""A paper's reference list is left out of its passages (ingest/references.py): its entries are other works'
titles, and an answer quoted one as if it stated a finding."""

from __future__ import annotations

from pathlib import Path

from ingest.document import PageText, RawDocument
from ingest.pipeline import build_passages
from ingest.readers import read_document
from ingest.references import reference_list
from tests.fixtures_docs import make_article_pdf

BODY = [f"Temuan nomor {i} tentang kerja sama Bandung dan Kawasaki dalam pengelolaan sampah kota." for i in range(6)]
ENTRY = "Rahma, S. (2020). Hambatan Kerja Sama Sister City Bandung–Kawasaki. Jurnal Hubungan Internasional, 9(1)."


def test_the_list_runs_from_its_heading_to_an_appendix_or_the_end() -> None:
    texts = [*BODY, "DAFTAR PUSTAKA", ENTRY, ENTRY]
    assert reference_list(texts) == range(6, 9)
    appendix = ["Lampiran 1: Pedoman wawancara", "Pertanyaan pertama kepada informan."]
    assert reference_list([*texts, *appendix]) == range(6, 9)
    assert reference_list([*BODY, "VI. References", ENTRY]) == range(6, 8)
    assert reference_list([*BODY, "BAB 6 Daftar Pustaka:", ENTRY]) == range(6, 8)


def test_no_list_where_no_heading_names_one_in_the_second_half() -> None:
    assert reference_list(BODY) == range(0)
    # The same words in a table of contents, or in a sentence, are not the list's heading.
    assert reference_list(["Daftar Pustaka", *BODY, *BODY]) == range(0)
    assert reference_list([*BODY, "The references in this report follow the APA style."]) == range(0)
    assert reference_list(["References"]) == range(0)


def test_passages_leave_the_list_out_and_say_so_while_the_page_keeps_it() -> None:
    pages = [PageText(1, "\n\n".join(BODY)), PageText(2, "\n\n".join(["DAFTAR PUSTAKA", ENTRY]))]
    passages, page_texts, notes = build_passages("d" * 24, RawDocument(pages, "Laporan"), "laporan.pdf",
                                                 "Laporan", "upload")
    assert [p.text for p in passages] == BODY
    assert notes == ("1 passage of the reference list from page 2 left out of the answers",)  # heading + entry
    assert ENTRY in page_texts[2]


def test_a_pdf_article_loses_its_reference_list_and_nothing_else(tmp_path: Path) -> None:
    # As pypdf reads a real article: no blank lines, a running header and footer, the heading on a line of its own.
    body = [f"Temuan {w} tentang kerja sama Bandung dan Kawasaki dalam pengelolaan sampah kota." for w in
            ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan",
             "kesepuluh", "kesebelas", "kedua belas", "ketiga belas", "keempat belas", "kelima belas")]
    lines = [*body, "Kesimpulan", "Kerja sama perlu anggaran rutin dan petugas tetap.", "DAFTAR PUSTAKA", ENTRY,
             "Yamada, K. (2018). Community Composting in Kawasaki City. Journal of Urban Environment, 4(2)."]
    path = make_article_pdf(tmp_path / "artikel.pdf", lines, 3, "Jurnal Kajian Perkotaan Vol. 3 No. 2 (2021)",
                            "Pelatihan Pengomposan Aparatur Bandung")  # three pages: a running line needs them
    passages, _, notes = build_passages("d" * 24, read_document(path), "artikel.pdf", "Artikel", "upload")
    # The conclusion's heading opens its passage; the list's heading its first entry's, left out with it.
    assert [p.text for p in passages] == [*body, "Kesimpulan\n\nKerja sama perlu anggaran rutin dan petugas tetap."]
    assert notes == ("2 passages of the reference list from page 3 left out of the answers",)
