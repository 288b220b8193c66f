"""Every page's logic through Streamlit's AppTest with the real model and a real store: chat turns, follow-ups,
filters, the source view, the SWOT overview, documents with the researcher gate, uploads, About."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from ingest.pipeline import ingest_paths
from ingest.uploads import ingest_uploads, reindex_document, remove_stored
from knowledge.answer import render_text
from knowledge.config import Settings
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.service import Kawan
from knowledge.store import Store
from knowledge.strings import ui
from tests.fixtures_docs import make_text_pdf

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
ABSTRACT = ROOT / "knowledge" / "sources" / "study-abstract.txt"
TRICKS = "Catatan <script>alert('x')</script> **tebal** [tautan](javascript:alert(1)) $x$ :red[merah] &lt;b&gt;"


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Path:
    """The abstract and a document full of markup tricks, indexed once for this module."""
    store = tmp_path_factory.mktemp("pages") / "store"
    tricky = tmp_path_factory.mktemp("docs") / "catatan-pandemi.txt"
    tricky.write_text(f"{TRICKS}\nPandemi COVID-19 menghentikan kunjungan delegasi Bandung ke Kawasaki.\n",
                      encoding="utf-8")
    results = ingest_paths(Kawan(Settings(store=store, model=str(model_dir))), [ABSTRACT, tricky])
    assert not any(r.failed for r in results), [r.line() for r in results]
    return store


@pytest.fixture()
def app_env(shared_store: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KAWAN_STORE", str(shared_store))
    monkeypatch.setenv("KAWAN_MODEL", str(model_dir))
    return shared_store


def _app(page: str = "app.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=180)
    at.run()
    assert not at.exception
    return at


def _md(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def _understood(at: AppTest, lang: str) -> list[str]:
    """The chat's captions saying how a follow-up was read, in order."""
    prefix = ui("understood_as", lang, question="")
    return [c.value for c in at.caption if c.value.startswith(prefix)]


def test_a_followup_continues_the_last_answered_topic_not_a_refused_question(app_env: Path) -> None:
    at = _app()
    at.chat_input[0].set_value("What are the opportunities of the partnership?").run()
    at.chat_input[0].set_value("How do I bake sourdough bread at home?").run()  # refused
    at.chat_input[0].set_value("and the threats?").run()
    assert not at.exception
    understood = _understood(at, "en")
    assert understood and "partnership" in understood[-1] and "sourdough" not in understood[-1]
    md = _md(at)
    headings = [m for m in md[md.index("and the threats?"):] if m.startswith("#### ")]
    assert headings and headings[0] == "#### Threats", headings


def test_a_followup_pointing_back_is_answered_about_the_last_topic(app_env: Path) -> None:
    at = _app()
    at.chat_input[0].set_value("Bagaimana penelitian ini menganalisis datanya?").run()
    at.chat_input[0].set_value("Apa saja tahapannya?").run()
    assert not at.exception
    understood = _understood(at, "id")
    assert understood and "menganalisis" in understood[-1], understood
    md = _md(at)
    assert any("kondensasi data" in m for m in md[md.index("Apa saja tahapannya?"):])
    # A chain of follow-ups keeps the first topic, not the last joined question.
    at.chat_input[0].set_value("dan kelemahannya?").run()
    understood = _understood(at, "id")
    assert "menganalisis" in understood[-1] and "tahapannya" not in understood[-1], understood
    # A follow-up the documents do not answer is asked as typed, not answered with the topic's passages.
    at.chat_input[0].set_value("Berapa gajinya?").run()
    assert not at.exception
    assert _understood(at, "id") == understood


def test_thanks_get_a_reply_and_leave_the_topic_as_it_was(app_env: Path) -> None:
    at = _app()
    at.chat_input[0].set_value("Terima kasih!").run()
    assert not at.exception
    assert [i.value for i in at.info] == [ui("smalltalk_thanks", "id")]
    at.chat_input[0].set_value("What are the opportunities of the partnership?").run()
    at.chat_input[0].set_value("thanks a lot").run()
    at.chat_input[0].set_value("and the threats?").run()
    assert not at.exception
    assert ui("smalltalk_thanks", "en") in [i.value for i in at.info]
    understood = _understood(at, "en")
    assert understood and "partnership" in understood[-1]


def test_a_question_about_kawan_itself_gets_a_reply_saying_what_to_ask(app_env: Path) -> None:
    # "What can you do?" was searched and answered "Nothing in the documents is relevant enough".
    at = _app()
    at.chat_input[0].set_value("What can you do?").run()
    assert not at.exception
    assert [i.value for i in at.info] == [ui("smalltalk_about", "en")]


def test_chat_example_followup_and_export(app_env: Path) -> None:
    at = _app()
    # The empty chat offers examples in both languages in the page itself.
    starters = [b for b in at.button if b.key and b.key.startswith("start-")]
    assert {b.key.split("-")[1] for b in starters} == {"id", "en"}
    next(b for b in starters if b.key == "start-en-1").click().run()  # "What opportunities does the partnership…"
    assert not at.exception
    assert "#### Opportunities" in _md(at)
    at.chat_input[0].set_value("and the threats?").run()
    assert not at.exception
    understood = _understood(at, "en")
    assert understood and "partnership" in understood[0]
    md = _md(at)
    last_turn = md[md.index("and the threats?") :]
    headings = [m for m in last_turn if m.startswith("#### ")]
    assert headings[0] == "#### Threats", headings
    assert any("pandemic" in m.lower() for m in last_turn)
    # Each answer offers its Markdown (copy block) with the numbered sources.
    code = [c.value for c in at.code]
    assert len(code) == 2 and "## Threats" in code[1] and "## Sources" in code[1] and "1. " in code[1]


def test_source_view_and_filters(app_env: Path) -> None:
    at = _app()
    # An empty filter reads as what it does, in the page's language (not Streamlit's "Choose options").
    assert {m.proto.placeholder for m in at.multiselect} == {"Semua (tanpa saringan)"}
    assert len(at.multiselect) >= 3  # the documents filter joins once the model is ready
    # No Japanese passage is indexed: Japanese is not offered (a choice left from before is dropped, not an error).
    assert at.multiselect(key="filter_langs").options == ["Bahasa Indonesia", "Bahasa Inggris"]
    at.session_state["filter_langs"] = ["ja"]
    at.run()
    assert not at.exception and at.multiselect(key="filter_langs").value == []
    at.multiselect(key="filter_langs").set_value(["en"]).run()
    at.chat_input[0].set_value("Apa saja hambatan kerja sama ini?").run()
    assert not at.exception
    # Filtered to English passages: every source caption says so, the answer is still in Indonesian.
    captions = [c.value for c in at.caption if "Bahasa\\: " in c.value]
    assert captions and all("Bahasa\\: en" in c for c in captions), captions
    assert "#### Kelemahan" in _md(at)
    # The source view: title, page text with the cited passage in bold.
    labels = [e.label for e in at.expander if e.label.startswith("[1] ")]
    assert labels and "hlm. 1" in labels[0]
    assert any(m.startswith("**Hambatan dan Peluang") for m in _md(at))
    assert any(m.count("**") >= 2 and "\\." in m for m in _md(at) if not m.startswith(("**Hambatan", "- ", "####")))

    at.multiselect(key="filter_langs").set_value([]).run()
    at.multiselect(key="filter_kinds").set_value(["upload"]).run()
    at.chat_input[0].set_value("pandemi COVID-19 kunjungan delegasi").run()
    md = _md(at)
    turn = md[md.index("pandemi COVID\\-19 kunjungan delegasi") :]
    # Only the uploaded note is cited; its markup tricks are escaped, never rendered.
    assert any("\\<script\\>alert\\('x'\\)\\</script\\>" in m for m in turn)
    assert any("\\*\\*tebal\\*\\*" in m and "\\[tautan\\]\\(javascript\\:alert\\(1\\)\\)" in m for m in turn)
    assert any("\\&lt;b\\&gt;" in m for m in turn)
    assert not any("<script>" in m for m in turn)
    assert all(not m.proto.allow_html for m in at.markdown)


def test_overview_page_shows_the_matrix_and_chart(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, str]] = []

    def fake_overview(self: Kawan, document: str | None = None, language: str = "id") -> dict[str, Any]:
        calls.append((document, language))
        cite = {"title": "<b>Abstrak</b>", "document": "study-abstract.txt", "page": 1, "n": 1,
                "text": "Kekuatan berupa komitmen pemerintah daerah."}
        return {"language": language, "categories": {
            "strength": [{"factor": "komitmen pemerintah daerah", "kinds": ["study"], "citations": [cite]},
                         {"factor": "Eco-Town pertama di Jepang", "kinds": ["background"], "citations": [cite]}],
            "weakness": [{"factor": "keterbatasan **anggaran**", "citations": [cite]},
                         {"factor": "birokrasi Bandung–Suwon", "kinds": ["background"], "citations": [cite],
                          "other_partnership": "Bandung–Suwon"}],
            "opportunity": [], "threat": [{"factor": "pandemi COVID-19", "citations": [cite]}],
        }}

    monkeypatch.setattr(Kawan, "swot_overview", fake_overview, raising=False)
    at = _app("app_pages/overview.py")
    md = _md(at)
    for heading in ("#### Kekuatan (2)", "#### Kelemahan (2)", "#### Peluang (0)", "#### Ancaman (1)"):
        assert heading in md
    assert "- keterbatasan \\*\\*anggaran\\*\\* \\[1\\]" in md
    # Another partnership's barrier is marked as such, not left to read as a weakness of Bandung–Kawasaki.
    assert "- birokrasi Bandung–Suwon \\[1\\] · *kemitraan lain: Bandung–Suwon*" in md
    # What only a background note states comes after the study's findings, under a caption saying who placed it.
    note = "Dari dokumen lain: kategorinya ditentukan otomatis oleh Kawan, bukan oleh penelitian."
    assert [c.value for c in at.caption].count(note) == 2  # strengths and weaknesses each have one
    order = [m for m in md if m.startswith("- ")]
    assert order.index("- komitmen pemerintah daerah \\[1\\]") < order.index("- Eco\\-Town pertama di Jepang \\[1\\]")
    # Each source once, below the matrix, with its title, page and text.
    assert sum("\\<b\\>Abstrak\\</b\\>, hlm\\. 1" in m for m in md) == 1
    assert "**\\[1\\] \\<b\\>Abstrak\\</b\\>, hlm\\. 1** — Kekuatan berupa komitmen pemerintah daerah\\." in md
    assert len(at.get("vega_lite_chart")) == 1
    assert calls == [(None, "id")]
    # One chosen document: its id goes to the library.
    # (set_value: AppTest's select_index gives the empty choice back when the selectbox has a format_func.)
    chosen = sorted(d.id for d in Store(Settings()).documents())[0]
    at.selectbox(key="overview_doc").set_value(chosen).run()
    assert not at.exception
    assert calls[-1] == (chosen, "id")


def test_overview_page_without_the_library_method(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(Kawan, "swot_overview", raising=False)
    at = _app("app_pages/overview.py")
    assert any("belum tersedia" in i.value for i in at.info)


def test_documents_search_and_no_password_hides_upload(app_env: Path) -> None:
    at = _app("app_pages/documents.py")
    assert set(at.dataframe[0].value.iloc[:, 1]) == {"study-abstract.txt", "catatan-pandemi.txt"}
    languages = dict(zip(at.dataframe[0].value["Berkas"], at.dataframe[0].value["Bahasa"], strict=True))
    assert languages["study-abstract.txt"] == "ID, EN"
    # A language is found by its name in either UI language, and the details name it in full.
    at.text_input(key="documents_search").set_value("inggris").run()
    assert "study-abstract.txt" in list(at.dataframe[0].value["Berkas"])
    at.text_input(key="documents_search").set_value("english abstract").run()
    assert list(at.dataframe[0].value["Berkas"]) == ["study-abstract.txt"]
    at.selectbox(key="documents_details").select_index(0).run()
    captions = [c.value for c in at.caption]
    assert any("Bahasa\\: Bahasa Indonesia, Bahasa Inggris" in c for c in captions), captions
    at.text_input(key="documents_search").set_value("pandemi").run()
    assert list(at.dataframe[0].value.iloc[:, 1]) == ["catatan-pandemi.txt"]
    assert any("KAWAN_RESEARCHER_PASSWORD" in i.value for i in at.info)
    assert not at.get("file_uploader")
    assert "researcher_pw" not in [w.key for w in at.text_input]


def test_researcher_password_gate(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAWAN_RESEARCHER_PASSWORD", "rahasia-peneliti")
    at = _app("app_pages/documents.py")
    assert not at.get("file_uploader")
    at.text_input(key="researcher_pw").set_value("salah").run()
    at.button(key="researcher_login").click().run()
    assert any("salah" in e.value.lower() for e in at.error) and at.session_state["researcher_failures"] == 1
    assert not at.get("file_uploader")
    at.text_input(key="researcher_pw").set_value("rahasia-peneliti").run()
    at.button(key="researcher_login").click().run()
    assert not at.exception
    assert len(at.get("file_uploader")) == 1
    assert at.button(key="reindex") and at.button(key="remove").disabled


def test_upload_reindex_and_remove(model_dir: Path, tmp_path: Path) -> None:
    """The upload handling the page calls, with (client name, bytes) as the browser sends them."""
    embedder = SentenceTransformerEmbedder(Settings(model=str(model_dir)))
    kawan = Kawan(Settings(store=tmp_path / "store", model=str(model_dir), max_file_mb=0.05), embedder=embedder)
    pdf = make_text_pdf(tmp_path / "x.pdf", ["Laporan kunjungan: JICA berpotensi mendanai tahap berikutnya."])
    seen: list[str] = []
    results = ingest_uploads(
        kawan,
        [("C:\\Users\\peneliti\\..\\laporan\x00 kunjungan.pdf", pdf.read_bytes()),
         ("../../besar.txt", b"a" * 60_000), ("catatan.docx.exe", b"MZ"), ("same.pdf", pdf.read_bytes())],
        on_result=lambda r: seen.append(r.line()),
    )
    assert [r.status for r in results] == ["indexed", "failed", "failed", "duplicate"]
    assert seen[0].startswith("indexed   laporan kunjungan.pdf: 1 passage ")
    assert seen[1] == "FAILED    besar.txt: over the size limit (60 kB > 50 kB)"
    assert seen[2].startswith("FAILED    catatan.docx.exe: unsupported file type '.exe'")
    assert seen[3].startswith("duplicate same.pdf: same content as laporan kunjungan.pdf")
    (doc,) = kawan.store.documents()
    assert doc.file == "laporan kunjungan.pdf" and doc.kind == "upload"
    assert (kawan.store.files_dir / doc.stored_file).read_bytes() == pdf.read_bytes()
    assert not any((tmp_path / "store" / "uploads").iterdir())  # landing folders are cleaned up

    line = reindex_document(kawan, doc.id).line()
    assert line.startswith("indexed   laporan kunjungan.pdf: 1 passage "), line
    assert [d.file for d in kawan.store.documents()] == ["laporan kunjungan.pdf"]
    assert remove_stored(kawan, doc.id).line() == f"removed   laporan kunjungan.pdf (id {doc.id[:12]})"
    assert kawan.store.documents() == [] and not (kawan.store.files_dir / doc.stored_file).exists()


def test_about_page_lists_sources(app_env: Path) -> None:
    at = _app("app_pages/about.py")
    md = "\n".join(_md(at))
    assert "Bagaimana jawaban dibuat" in md and "Cara mengutip jawaban Kawan" in md
    assert "catatan\\-pandemi\\.txt" in md and "study\\-abstract\\.txt" in md
    assert "· 1 halaman" in md
    at.sidebar.selectbox(key="ui_lang").set_value("en").run()
    md = "\n".join(_md(at))
    assert "· 1 page" in md and "1 pages" not in md


def test_documents_and_source_view_say_where_a_web_page_comes_from(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.fixtures_ocr import WEB_ORIGIN, make_html

    page = make_html(tmp_path / "berita.html", head=WEB_ORIGIN)
    store = tmp_path / "store"
    kawan = Kawan(Settings(store=store, model=str(model_dir)))
    results = ingest_paths(kawan, [page])
    assert not any(r.failed for r in results), [r.line() for r in results]
    # The answer carries the page's address with each of its citations, to the terminal and the JSON alike.
    answer = kawan.ask("Apakah Bandung dan Kawasaki melanjutkan program bank sampah?")
    address = "https://portal.bandung.go.id/berita/kerja-sama-kawasaki"
    assert answer.citations and {c.url for c in answer.citations} == {address}
    assert f"(berita.html), tanpa nomor halaman — dokumen unggahan\n      {address}" in render_text(answer)
    assert answer.to_json()["citations"][0]["url"] == address
    monkeypatch.setenv("KAWAN_STORE", str(store))
    monkeypatch.setenv("KAWAN_MODEL", str(model_dir))

    at = _app("app_pages/documents.py")
    assert list(at.dataframe[0].value["Berkas"]) == ["berita.html"]
    at.text_input(key="documents_search").set_value("diskominfo portal.bandung").run()
    assert len(at.dataframe) == 0  # "Diskominfo" is not what the page says
    at.text_input(key="documents_search").set_value("komunikasi portal.bandung").run()
    assert list(at.dataframe[0].value["Berkas"]) == ["berita.html"]  # the search reads where it comes from
    # The details of the chosen document: its origin and a link to the page.
    assert not at.get("link_button")
    at.selectbox(key="documents_details").select_index(0).run()
    assert not at.exception
    assert ("Asal dokumen: Penulis\\: Dinas Komunikasi dan Informatika · Situs\\: portal\\.bandung\\.go\\.id · "
            "Terbit\\: 2024\\-05\\-06") in _md(at)
    assert at.get("link_button")[0].proto.url == address
    assert any(c.value.startswith("berita\\.html · dokumen unggahan · Bahasa\\: ") for c in at.caption)

    at = _app()
    at.chat_input[0].set_value("Apakah Bandung dan Kawasaki melanjutkan program bank sampah?").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    origin = "Penulis\\: Dinas Komunikasi dan Informatika · Situs\\: portal\\.bandung"
    assert any(c.startswith(origin) for c in captions), captions
    links = at.get("link_button")
    assert links and links[0].proto.url == address


def test_an_ocr_citation_shows_its_page_image_beside_the_text(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.fixtures_ocr import SCAN_EN, SCAN_ID, make_scanned_tiff

    scan = make_scanned_tiff(tmp_path / "notulen-2017.tiff", [SCAN_EN, SCAN_ID])
    store = tmp_path / "store"
    results = ingest_paths(Kawan(Settings(store=store, model=str(model_dir))), [scan])
    assert not any(r.failed for r in results), [r.line() for r in results]
    monkeypatch.setenv("KAWAN_STORE", str(store))
    monkeypatch.setenv("KAWAN_MODEL", str(model_dir))
    at = _app()
    at.chat_input[0].set_value("Kapan Bandung dan Kawasaki menandatangani nota kesepahaman pengelolaan sampah?").run()
    assert not at.exception
    labels = [e.label for e in at.expander if e.label.startswith("[1] ")]
    assert labels and "hlm. 2" in labels[0] and "teks hasil OCR" in labels[0], labels
    assert [tab.label for tab in at.tabs][:2] == ["Teks halaman", "Gambar halaman (periksa teks OCR)"]
    # The picture of page 2 (a PNG drawn from the TIFF's frame), in the second tab.
    assert len(at.tabs[1].get("image")) == 1 and not at.tabs[0].get("image")
    assert not [c for c in at.caption if c.value == "Gambar halaman ini tidak dapat ditampilkan; unduh berkas aslinya."]


def test_documents_page_says_which_document_is_an_earlier_version(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = ["Laporan kunjungan 2019: JICA berpotensi mendanai tahap berikutnya kerja sama.",
             "Kunjungan delegasi Bandung ke Kawasaki pada Februari 2019 membahas pengomposan sampah pasar."]
    first = make_text_pdf(tmp_path / "laporan-kunjungan.pdf", pages)
    (tmp_path / "v2").mkdir()
    second = make_text_pdf(tmp_path / "v2" / "laporan-kunjungan.pdf", [pages[0], pages[1].replace("Februari", "Maret")])
    store = tmp_path / "store"
    kawan = Kawan(Settings(store=store, model=str(model_dir)))
    (old,) = ingest_paths(kawan, [first])
    (new,) = ingest_paths(kawan, [second])  # kept beside the first, which it names as its earlier version
    assert [v.record.id for v in new.earlier] == [old.doc_id]
    monkeypatch.setenv("KAWAN_STORE", str(store))
    monkeypatch.setenv("KAWAN_MODEL", str(model_dir))
    at = _app("app_pages/documents.py")
    notes = list(at.dataframe[0].value["Catatan pembacaan"])
    assert sorted(note.startswith("Versi lama (yang lebih baru: laporan-kunjungan.pdf)") for note in notes) == [
        False, True]
    # The earlier one's details say so too, and only its.
    said = []
    for i in range(2):
        at.selectbox(key="documents_details").select_index(i).run()
        assert not at.exception
        said += [w.value.replace("\\", "") for w in at.warning]  # escaped Markdown, read as shown
    assert len(said) == 1 and said[0].startswith(
        "Versi lama: versi yang lebih baru juga terindeks, laporan-kunjungan.pdf ("), said
