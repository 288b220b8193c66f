"""Running headers and footers, and sentences cut by a page break (ingest/page_flow.py): in a journal PDF the
journal's name was quoted as a passage on every page, the author's name was glued to each page's last
sentence, and a sentence running over a page was cited as two fragments."""

from __future__ import annotations

from pathlib import Path

from ingest.clean import clean_text
from ingest.page_flow import with_sentences_rejoined, without_running_lines
from ingest.pipeline import build_passages
from ingest.readers import read_document
from tests.fixtures_docs import make_article_pdf

HEADER = "Jurnal Hubungan Internasional Vol. 9 No. 1 (2021)"
# Body lines differ from page to page in their words, as a document's do (digits alone do not tell lines apart).
BODIES = ["Kawasaki mengirim tenaga ahli.\nPelatihan berlangsung di Jepang.",
          "Bandung memilah sampah di tingkat RW.\nBank sampah bertambah.",
          "Anggaran kerja sama terbatas.\nKoordinasi antarinstansi belum optimal.",
          "Pandemi menghentikan kunjungan.\nKegiatan beralih ke daring.",
          "Peluang pendanaan datang dari JICA.\nJejaring internasional meluas.",
          "Komitmen pemerintah daerah kuat.\nKebijakan nasional mendukung."]
FOOTER = "Siti Rahma — Kerja Sama Bandung–Kawasaki"


def _page(n: int, body: str) -> str:
    return f"{HEADER}\nHalaman {n}\n{body}\n{FOOTER}\n{n + 100}"


def test_running_headers_footers_and_page_numbers_go_from_every_page() -> None:
    pages = [_page(n, BODIES[n]) for n in range(4)]
    assert without_running_lines(pages) == BODIES[:4]


def test_the_same_words_in_the_body_stay() -> None:
    middle = "\n".join(f"Baris isi nomor {i} yang cukup panjang." for i in range(8))
    pages = [_page(n, f"{BODIES[n]}\n{middle}\n{HEADER}\n{middle}\n{BODIES[n + 1]}") for n in range(4)]
    out = without_running_lines(pages)
    assert all(o.count(HEADER) == 1 and FOOTER not in o for o in out)


def test_alternating_headers_go_and_two_pages_are_too_few_to_tell() -> None:
    pages = [f"{'Siti Rahma' if n % 2 else 'Kerja Sama Bandung–Kawasaki'}\n{BODIES[n]}" for n in range(6)]
    assert without_running_lines(pages) == BODIES
    two = [f"{HEADER}\n{BODIES[n]}" for n in (1, 2)]
    assert without_running_lines(two) == two


def test_a_short_page_keeps_its_text_even_when_every_page_is_alike() -> None:
    # One templated line per page ("Halaman 3: …"), or a page of three lines: the middle is never running.
    pages = [f"Halaman {n}: kegiatan nomor {n} selesai." for n in range(12)]
    assert without_running_lines(pages) == pages
    short = [f"{HEADER}\nBaris isi yang sama {n}.\n{FOOTER}" for n in range(4)]
    assert without_running_lines(short) == [f"Baris isi yang sama {n}." for n in range(4)]


def test_a_range_split_over_two_lines_is_not_a_page_number() -> None:
    pages = [f"Judul berjalan\n{BODIES[n]} Periode 2017–\n{2020 + n}" for n in range(3)]
    assert without_running_lines(pages) == [f"{BODIES[n]} Periode 2017–\n{2020 + n}" for n in range(3)]


def test_a_sentence_cut_by_the_page_is_carried_back_whole() -> None:
    pages = ["Kalimat pertama selesai.\nKota Kawasaki mengirim tenaga ahli dengan hasil yang",
             "cukup baik bagi Bandung. Kalimat berikutnya tetap di sini.\nBaris lain."]
    out = with_sentences_rejoined(pages)
    assert clean_text(out[0]).endswith("Kota Kawasaki mengirim tenaga ahli dengan hasil yang cukup baik bagi Bandung.")
    assert clean_text(out[1]) == "Kalimat berikutnya tetap di sini. Baris lain."


def test_a_word_hyphenated_over_the_page_is_joined_as_over_a_line() -> None:
    out = with_sentences_rejoined(["Fokus kerja sama adalah pengelo-", "laan sampah. Sisa halaman."])
    assert clean_text(out[0]) == "Fokus kerja sama adalah pengelolaan sampah."
    assert clean_text(out[1]) == "Sisa halaman."


def test_nothing_is_carried_where_no_sentence_was_cut() -> None:
    ended = ["Kalimat selesai.", "lanjutan yang bukan sambungan."]
    capital = ["Judul bagian tanpa titik", "Bab baru dimulai di sini."]
    numbered = ["kalimat terputus\n12", "lanjutan kalimat."]
    endless = ["kalimat terputus", "\n".join(["baris tanpa akhir"] * 8)]
    for pages in (ended, capital, numbered, endless):
        assert with_sentences_rejoined(pages) == pages


def test_a_journal_pdf_gives_passages_without_running_lines_or_fragments(tmp_path: Path) -> None:
    actors = ["Pemerintah Kota Kawasaki", "Dinas Lingkungan Hidup Bandung", "Tim ahli JICA", "Pengurus bank sampah",
              "Aparatur kelurahan", "Warga RW percontohan"]
    acts = ["melatih petugas pemilahan sampah", "menyusun rencana pengomposan kawasan",
            "mengevaluasi pengurangan plastik sekali pakai", "memperluas jejaring bank sampah",
            "mendampingi pengelolaan TPS terpadu", "menyiapkan laporan kemajuan program"]
    sentences = [f"{a} {b} pada tahun {2015 + (i + j) % 7} dengan hasil yang {'baik' if (i * j) % 2 else 'terbatas'}."
                 for i, a in enumerate(actors) for j, b in enumerate(acts)]
    lines, line = [], ""
    for word in " ".join(sentences).split():
        if len(line) + len(word) > 90:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    path = make_article_pdf(tmp_path / "jurnal.pdf", lines, 4, HEADER, FOOTER)
    raw = read_document(path)
    passages, pages, _ = build_passages("d" * 24, raw, "jurnal.pdf", "Jurnal", "upload")
    assert len(pages) == 4 and {p.page for p in passages} == {1, 2, 3, 4}
    # Every passage is one whole sentence of the body: no running line, none cut at a page break.
    assert [p.text for p in passages] == sentences
    assert all(pages[p.page][p.start : p.end] == p.text for p in passages)
