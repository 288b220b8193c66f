"""A passage and its translation get one SWOT label, also when the translation comes in a later document.
Real model, real embedded Chroma."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import ingest_paths
from knowledge.config import Settings
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.service import Kawan
from knowledge.swot_model import PassageLabeller

# One fact of the shipped notes in both languages; labelled alone, the two versions disagree.
ENGLISH = ("TPA Sarimukti was reported to be up to 700% over capacity, based on BPS data "
           "(Source: bakabar.com, 7 Oct 2023).")
INDONESIAN = ("TPA Sarimukti dilaporkan kelebihan muatan hingga 700% dari kapasitasnya, berdasarkan data BPS "
              "(Sumber: bakabar.com, 7 Oktober 2023).")
OTHER = "The Bandung city council approved the sister-city budget for 2024."


def test_a_later_translation_is_labelled_with_the_stored_passage(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    alone = PassageLabeller(real_embedder)([ENGLISH, INDONESIAN])
    assert alone[0][0] != alone[1][0], "the pair no longer disagrees alone: pick another"
    kawan = Kawan(Settings(store=tmp_path / "store", model=real_embedder.name), embedder=real_embedder)
    (tmp_path / "id.txt").write_text(f"{INDONESIAN}\n\n{OTHER}\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(f"{ENGLISH}\n", encoding="utf-8")

    assert not any(r.failed for r in ingest_paths(kawan, [tmp_path / "id.txt"]))
    before = {p.text: p for p in kawan.store.get_passages()[0]}
    assert before[INDONESIAN].category == alone[1][0]
    assert kawan.searcher.table.categories  # the search's table, read before the translation comes

    assert not any(r.failed for r in ingest_paths(kawan, [tmp_path / "en.txt"]))
    after = {p.text: p for p in kawan.store.get_passages()[0]}
    joint = after[ENGLISH].category
    assert after[INDONESIAN].category == joint != before[INDONESIAN].category  # the stored passage's label moved
    assert after[INDONESIAN].confidence == after[ENGLISH].confidence
    assert after[OTHER] == before[OTHER]  # no translation: untouched
    # The category flags the filters use, and the search's cached table, follow the new label.
    flagged = {p.text for p in kawan.store.get_passages(where={f"has_{joint}": True})[0]}
    assert {ENGLISH, INDONESIAN} <= flagged
    old_flag = {p.text for p in kawan.store.get_passages(where={f"has_{before[INDONESIAN].category}": True})[0]}
    assert INDONESIAN not in old_flag
    table = kawan.searcher.table
    assert table.categories[table.rows[after[INDONESIAN].id]] == joint


def test_a_japanese_report_is_japanese_and_no_one_s_translation(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    # A Kawasaki City report in Japanese, beside the English note and its Indonesian translation that state the
    # same fact. It was labelled Indonesian (the language model knows two languages), so Indonesian questions
    # weighed its keywords as their own, and it could pass for the English note's translation.
    japanese = "JICA草の根技術協力事業の事業費は6000万円を上限とし、全額JICAが負担した。"
    english = "The JICA grassroots waste project for Bandung had a budget capped at ¥60 million, fully funded by JICA."
    indonesian = ("Anggaran proyek akar rumput JICA untuk persampahan Bandung dibatasi paling banyak 60 juta yen dan "
                  "seluruhnya didanai JICA.")
    kawan = Kawan(Settings(store=tmp_path / "store", model=real_embedder.name), embedder=real_embedder)
    for name, text in (("ja.txt", japanese), ("en.txt", english), ("id.txt", indonesian)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    assert not any(r.failed for r in ingest_paths(kawan, [tmp_path / n for n in ("ja.txt", "en.txt", "id.txt")]))

    documents = {d.file: d for d in kawan.store.documents()}
    assert documents["ja.txt"].language == "ja"
    passages = {p.text: p for p in kawan.store.get_passages()[0]}
    assert passages[japanese].language == "ja"
    pairs = kawan.searcher.table.translations([passages[english].id, passages[japanese].id])
    assert pairs == {passages[english].id: passages[indonesian].id}

    answer = kawan.ask("Berapa anggaran proyek JICA?")
    assert answer.answered and answer.language == "id"
    assert {c.text for c in answer.citations} >= {indonesian, japanese}
