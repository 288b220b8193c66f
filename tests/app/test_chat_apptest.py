"""The chat page through Streamlit's AppTest, with the real model and a seeded store."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.pipeline import ingest_paths
from knowledge.config import Settings
from knowledge.service import Kawan

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
ABSTRACT = ROOT / "knowledge" / "sources" / "study-abstract.txt"


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Path:
    """The abstract, indexed once for this module (the tests only read the store)."""
    store = tmp_path_factory.mktemp("chat") / "app-store"
    results = ingest_paths(Kawan(Settings(store=store, model=str(model_dir))), [ABSTRACT])
    assert not any(r.failed for r in results)
    return store


@pytest.fixture()
def seeded(seeded_store: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KAWAN_STORE", str(seeded_store))
    monkeypatch.setenv("KAWAN_MODEL", str(model_dir))
    return seeded_store


def _texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _texts_in(block: object) -> str:
    return "\n".join(m.value for m in block.markdown)  # type: ignore[attr-defined]


def test_chat_turns_show_swot_sections_and_citations(seeded: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    at.chat_input[0].set_value("What obstacles did the cooperation face?").run()
    assert not at.exception
    text = _texts(at)
    assert "#### Weaknesses" in text and "#### Threats" in text
    assert "budget limitations" in text
    labels = [e.label for e in at.expander]
    assert any(label.startswith("[1] ") and "p. 1" in label for label in labels), labels

    at.chat_input[0].set_value("Apa peluang kerja sama ini?").run()
    text = _texts(at)
    assert "#### Peluang" in text
    # History stays for the session: both questions are still shown.
    assert len(at.chat_message) == 4


def test_a_message_of_two_questions_is_answered_twice_each_under_its_question(seeded: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.chat_input[0].set_value("What obstacles did the cooperation face? How did the study analyse its data?").run()
    assert not at.exception
    # The question, then one answer per question, each headed by which of the two it answers.
    assert len(at.chat_message) == 3
    first, second = (_texts_in(at.chat_message[i]) for i in (1, 2))
    # (Markdown-escaped: a colon would start an emoji code.)
    assert "##### Question 1 of 2\\: What obstacles did the cooperation face?" in first
    assert "#### Weaknesses" in first
    assert "##### Question 2 of 2\\: How did the study analyse its data?" in second and "data condensation" in second
    # The next message continues from the last question answered.
    at.chat_input[0].set_value("What are its steps?").run()
    assert "data condensation" in _texts_in(at.chat_message[4])


def test_off_topic_question_says_nothing_relevant(seeded: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.chat_input[0].set_value("How do I bake sourdough bread at home?").run()
    assert any("Nothing in the documents" in i.value for i in at.info)


def test_an_empty_store_says_nothing_is_indexed_yet(
    tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAWAN_STORE", str(tmp_path / "empty-store"))
    monkeypatch.setenv("KAWAN_MODEL", str(model_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.chat_input[0].set_value("What obstacles did the cooperation face?").run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any("No documents are indexed yet, so there is nothing to search" in i for i in infos), infos
    assert not any("Nothing in the documents" in i for i in infos)


def test_documents_page_lists_the_indexed_file(seeded: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app_pages" / "documents.py"), default_timeout=60)
    at.run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert "study-abstract.txt" in set(frame.iloc[:, 1])


def test_question_sent_as_the_warm_up_ends_is_answered(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up may end while the page runs with a question just sent: the page saw it not ready (and drew
    the loading status), and it is ready a moment later. The question must still be asked, not dropped by the
    rerun that takes the status away (a chat submission lives for one script run only)."""
    import app_pages.common as common

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    # Wait for the real warm-up (started by the first run); each run of a waiting page shows the status.
    deadline = time.monotonic() + 120
    while at.status and time.monotonic() < deadline:
        time.sleep(0.5)
        at.run()
    assert not at.status, "the warm-up did not end"

    real = common.kawan_ready
    looks: list[bool] = []

    def ends_during_this_run(start: bool = True) -> bool:
        # The page's first look says "not ready", every later one the truth (ready): the warm-up ended mid-run.
        looks.append(start)
        return len(looks) > 1 and real(start)

    monkeypatch.setattr(common, "kawan_ready", ends_during_this_run)
    at.chat_input[0].set_value("What obstacles did the cooperation face?").run()
    assert not at.exception
    assert len(looks) > 1
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    assert at.chat_message[0].markdown[0].value == "What obstacles did the cooperation face?"
    assert "#### Weaknesses" in _texts(at)
    assert not at.status  # the status went with the warm-up


def _asked(store: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch, question: str) -> AppTest:
    """The chat page over ``store``, after one question."""
    monkeypatch.setenv("KAWAN_STORE", str(store))
    monkeypatch.setenv("KAWAN_MODEL", str(model_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.chat_input[0].set_value(question).run()
    assert not at.exception
    return at


def test_a_sentence_two_documents_say_word_for_word_is_cited_once_with_both(
    tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    kawan = Kawan(Settings(store=store, model=str(model_dir)))
    assert not any(r.failed for r in ingest_paths(kawan, [ABSTRACT]))
    passages, _ = kawan.store.get_passages()
    quoted = next(p.text for p in passages if p.language == "en" and "budget limitations" in p.text)
    # Meeting notes that quote the study's sentence on obstacles whole, beside a line of their own.
    note = tmp_path / "notulen-rapat.md"
    note.write_text(f"# Notulen Rapat Evaluasi\n\n{quoted}\n\nRapat berikutnya dijadwalkan pada bulan Juli.\n",
                    encoding="utf-8")
    assert not any(r.failed for r in ingest_paths(kawan, [note]))
    at = _asked(store, model_dir, monkeypatch, "What obstacles did the cooperation face?")
    # Cited once, under the source that came first, with the other place named: not once per document.
    labels = [e.label for e in at.expander if e.label.startswith("[")]
    (label,) = [lb for lb in labels if "also in 1 other place" in lb]
    assert not any("Notulen Rapat" in lb for lb in labels), labels
    (source,) = [e for e in at.expander if e.label == label]
    # The study's own passage leads; the notes that quote it are named under it (captions are escaped Markdown).
    assert label.startswith("[") and "Obstacles and Opportunities" in label, label
    captions = [c.value.replace("\\", "") for c in source.caption]
    assert "Word for word also in: Notulen Rapat Evaluasi (notulen-rapat.md), p. 1" in captions, captions


def test_a_citation_of_an_earlier_version_is_labelled_and_names_the_newer_one(
    tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    kawan = Kawan(Settings(store=store, model=str(model_dir)))
    paragraphs = [
        "Pelatihan petugas kebersihan Bandung oleh tenaga ahli Kawasaki berlangsung selama dua minggu penuh.",
        "Anggaran pelatihan petugas kebersihan ditanggung sepenuhnya oleh hibah dari Pemerintah Kota Kawasaki.",
        "Peserta pelatihan petugas kebersihan berasal dari dinas lingkungan hidup dan perusahaan daerah kebersihan.",
    ]
    for folder, weeks in (("v1", "dua"), ("v2", "tiga")):
        report = tmp_path / folder / "laporan-pelatihan.md"
        report.parent.mkdir()
        report.write_text("# Laporan Pelatihan\n\n" + "\n\n".join(p.replace("dua minggu", f"{weeks} minggu")
                                                                  for p in paragraphs) + "\n", encoding="utf-8")
        assert not any(r.failed for r in ingest_paths(kawan, [report]))  # the second keeps the first beside it
    at = _asked(store, model_dir, monkeypatch, "Berapa lama pelatihan petugas kebersihan berlangsung?")
    sources = [e for e in at.expander if e.label.startswith("[")]
    old = [e for e in sources if e.label.endswith("· versi lama")]
    assert old and len(old) < len(sources), [e.label for e in sources]
    warnings = [w.value.replace("\\", "") for w in old[0].warning]
    said = "Versi lama: versi yang lebih baru juga terindeks, laporan-pelatihan.md ("
    assert any(w.startswith(said) for w in warnings), warnings


def test_a_citation_about_another_partnership_is_labelled_and_the_answer_says_so(
    tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    kawan = Kawan(Settings(store=store, model=str(model_dir)))
    note = ROOT / "knowledge" / "sources" / "background-sister-city-obstacles.id.md"
    assert not any(r.failed for r in ingest_paths(kawan, [ABSTRACT, note]))
    at = _asked(store, model_dir, monkeypatch, "Kapan MoU diperpanjang?")
    # A passage about no other partnership leads; those about other partnerships follow, each labelled.
    labels = [e.label for e in at.expander if e.label.startswith("[")]
    assert "kemitraan lain" not in labels[0], labels
    labelled = [e for e in at.expander if e.label.startswith("[") and "kemitraan lain: Semarang–Brisbane" in e.label]
    assert labelled, labels
    inside = [w.value.replace("\\", "") for w in labelled[0].warning]
    assert "Tentang kemitraan lain (Semarang–Brisbane), bukan Bandung–Kawasaki" in inside, inside
