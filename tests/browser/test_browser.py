"""The app in a real browser: `streamlit run app.py` on a free loopback port, driven by Playwright with Debian's
Chromium. Screenshots of every step go to artifacts/screenshots/ (the path is printed)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ingest.pipeline import ingest_paths
from knowledge.config import Settings
from knowledge.service import Kawan
from knowledge.strings import ui
from tests.fixtures_docs import make_text_pdf
from tests.fixtures_ocr import WEB_ORIGIN, make_html

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = [pytest.mark.browser, pytest.mark.integration]
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
SOURCES = ROOT / "knowledge" / "sources"
ABSTRACT = SOURCES / "study-abstract.txt"
PASSWORD = "peneliti-rahasia-123"
FILE_LIMIT_MB = 20  # not .streamlit/config.toml's 50: the upload box must follow KAWAN_MAX_FILE_MB
SCRIPT = "<script>alert('x')</script>"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
WAIT_MS = 180_000  # the first answer includes loading the model on a busy 2-core machine
STEP_MS = 30_000  # any other step: a rerun of the page on a loaded 2-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer at {url}")


@contextmanager
def _serving(base: Path, model_dir: Path, sources: list[Path], **env_extra: str) -> Iterator[str]:
    """`streamlit run app.py` over a fresh store of `sources` in `base`, with ``env_extra`` set; yields its URL."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/ensure_chromium.sh (make test does)")
    store = base / "store"
    results = ingest_paths(Kawan(Settings(store=store, model=str(model_dir))), sources)
    assert not any(r.failed for r in results), [r.line() for r in results]
    port = _free_port()
    env = {**os.environ, "KAWAN_STORE": str(store), "KAWAN_MODEL": str(model_dir),
           "KAWAN_RESEARCHER_PASSWORD": PASSWORD, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **env_extra}
    log = (base / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless",
         "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextmanager
def _page(locale: str) -> Iterator[Page]:
    """Chromium with one page at the tests' viewport, every step under STEP_MS; closed afterwards."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale=locale, viewport={"width": 1280, "height": 900})
            page.set_default_timeout(STEP_MS)
            expect.set_options(timeout=STEP_MS)
            yield page
        finally:
            browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    note = base / "catatan-skrip.txt"
    note.write_text(f"Catatan uji keamanan {SCRIPT} **tebal** tentang pandemi COVID-19 yang menghentikan "
                    "kunjungan delegasi Bandung ke Kawasaki.\n", encoding="utf-8")
    # A file limit other than .streamlit/config.toml's: the upload box must state Kawan's own.
    with _serving(base, model_dir, [ABSTRACT, note], KAWAN_MAX_FILE_MB=str(FILE_LIMIT_MB)) as url:
        yield url


@pytest.fixture()
def fresh_server(tmp_path: Path, model_dir: Path) -> Iterator[str]:
    """A server of its own: its warm-up (loading the model, opening the store) starts with this test's page."""
    with _serving(tmp_path, model_dir, [ABSTRACT]) as url:
        yield url


def test_chat_sources_upload_and_script_safety(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {SHOTS}")
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="id-ID", viewport={"width": 1280, "height": 900}, accept_downloads=True)
            page.set_default_timeout(STEP_MS)
            expect.set_options(timeout=STEP_MS)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

            def shot(name: str, focus: Locator | None = None) -> None:
                """The app scrolls inside its main area (a full-page shot is the viewport): show `focus` in it."""
                if focus is not None:
                    # Streamlit may redraw the message between finding the element and scrolling to it (seen
                    # on a loaded machine): find it again rather than fail a screenshot.
                    for attempt in range(3):
                        try:
                            focus.scroll_into_view_if_needed()
                            break
                        except PlaywrightError:
                            if attempt == 2:
                                raise
                            page.wait_for_timeout(500)
                page.wait_for_timeout(500)
                page.screenshot(path=str(SHOTS / name), full_page=True)

            def settle() -> None:
                """Wait until the script run has finished (Streamlit shows a Stop button while it runs)."""
                page.wait_for_timeout(300)
                expect(page.get_by_role("button", name="Stop")).to_be_hidden(timeout=WAIT_MS)

            def ask(question: str) -> Locator:
                """Sends a question; returns the chat message that will hold its answer."""
                before = page.get_by_test_id("stChatMessage").count()
                box = page.get_by_test_id("stChatInputTextArea")
                box.fill(question)
                box.press("Enter")
                return page.get_by_test_id("stChatMessage").nth(before + 1)

            def source(where: Locator, label: re.Pattern[str]) -> Locator:
                """The citation expander whose label (the text in its <summary>, after the arrow icon) matches."""
                return where.get_by_test_id("stExpander").filter(has=page.locator("summary").get_by_text(label))

            def open_source(expander: Locator) -> Locator:
                expander.locator("summary").click()
                expect(expander.locator("details")).to_have_attribute("open", "")
                details = expander.get_by_test_id("stExpanderDetails")
                expect(details).to_be_visible()
                return details

            main = page.get_by_role("main")
            page.goto(server)
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=WAIT_MS)
            expect(main.get_by_role("button", name="What obstacles did the cooperation face?")).to_be_visible()
            settle()
            shot("01-chat-empty-examples.png")

            # Indonesian question: SWOT headings and numbered sources.
            answer = ask("Apa saja hambatan kerja sama Sister City Bandung–Kawasaki?")
            expect(answer.get_by_role("heading", name="Kelemahan")).to_be_visible(timeout=WAIT_MS)
            expect(answer.get_by_role("heading", name="Ancaman")).to_be_visible()
            expect(answer.locator("strong").filter(has_text=re.compile("^Sumber$"))).to_be_visible()
            first = source(answer, re.compile(r"^\[1\] Hambatan dan Peluang .* hlm\. 1"))
            expect(first).to_have_count(1)
            settle()
            shot("02-answer-indonesian.png", answer.get_by_role("heading", name="Kelemahan"))

            # A citation opens its source view: title, page, language, highlighted passage, original download.
            details = open_source(first)
            expect(details.locator("strong").first).to_have_text(re.compile(r"^Hambatan dan Peluang"))
            expect(details.get_by_text(re.compile(r"study-abstract\.txt · hlm\. 1 · Bahasa: (id|en)"))).to_be_visible()
            # The cited passage is bold inside the page text (a second <strong>, in the scrolling page box).
            expect(details.locator("strong").nth(1)).to_be_visible()
            download = details.get_by_role("button", name="Unduh berkas asli")
            expect(download).to_be_visible()
            shot("03-source-view.png", download)
            with page.expect_download() as got:
                download.click()
            assert got.value.suggested_filename == "study-abstract.txt"
            assert Path(got.value.path()).read_bytes() == (ROOT / "knowledge/sources/study-abstract.txt").read_bytes()
            settle()

            # English question: English SWOT headings, numbered factors and their sources.
            answer = ask("What opportunities does the partnership offer?")
            expect(answer.get_by_role("heading", name="Opportunities")).to_be_visible(timeout=WAIT_MS)
            expect(answer.locator("strong").filter(has_text=re.compile("^Sources$"))).to_be_visible()
            expect(answer.locator("strong").filter(has_text=re.compile(r"^\[\d+\]$")).first).to_be_visible()
            expect(source(answer, re.compile(r"^\[1\] .* p\. \d+ · "))).to_have_count(1)
            expect(answer.get_by_role("heading", name="Peluang")).to_have_count(0)
            settle()
            shot("04-answer-english.png", answer.get_by_role("heading", name="Opportunities"))

            # A typo is respelled before the search, and the answer says what was searched for.
            answer = ask("What opportunities does the cooperatoin offer?")
            meant = "What opportunities does the cooperation offer?"
            # (The notice is in the answer's Markdown copy too, inside its closed expander.)
            alert = answer.get_by_test_id("stAlertContentWarning")
            notice = alert.get_by_text(f"Spelling corrected; searched for: “{meant}”")
            expect(notice).to_be_visible(timeout=WAIT_MS)
            expect(answer.get_by_role("heading", name="Opportunities")).to_be_visible()
            settle()
            shot("04b-typo-respelled.png", notice)

            # A chat word is read in its standard form, and said apart from a typo.
            answer = ask("gimana hambatan kerja sama Bandung–Kawasaki?")
            alert = answer.get_by_test_id("stAlertContentWarning")
            notice = alert.get_by_text("Kata tidak baku dibaca dalam bentuk bakunya; yang dicari: “bagaimana hambatan "
                                       "kerja sama Bandung–Kawasaki?”")
            expect(notice).to_be_visible(timeout=WAIT_MS)
            expect(answer.get_by_role("heading", name="Kelemahan")).to_be_visible()
            settle()
            shot("04c-informal-read.png", notice)

            # The note containing <script> is shown as text and never runs.
            answer = ask("Catatan uji keamanan pandemi COVID-19 kunjungan delegasi")
            note = source(answer, re.compile(r"^\[\d+\] Catatan skrip")).first
            expect(note).to_be_visible(timeout=WAIT_MS)
            settle()
            details = open_source(note)
            expect(details.get_by_text(SCRIPT).first).to_be_visible()
            expect(details.get_by_text("**tebal**").first).to_be_visible()
            # The text is in the page as text: no element named "script" carries it, and nothing ran.
            assert page.evaluate("[...document.scripts].some(s => s.textContent.includes(\"alert('x')\"))") is False
            expect(main.locator("script")).to_have_count(0)
            assert dialogs == []
            shot("05-script-shown-as-text.png", details)

            # Researcher: log in, upload a small PDF, see it listed.
            page.goto(f"{server}/documents")
            expect(main.get_by_role("heading", name="Dokumen yang diindeks")).to_be_visible(timeout=WAIT_MS)
            # The table is drawn on a canvas; its cells are also in an accessible <table> inside it.
            def listed(file: str) -> Locator:
                return main.get_by_test_id("stDataFrame").locator("td", has_text=re.compile(f"^{re.escape(file)}$"))

            expect(listed("study-abstract.txt")).to_be_attached()
            expect(listed("laporan-kunjungan.pdf")).to_have_count(0)
            expect(page.locator("input[type=file]")).to_have_count(0)  # nobody uploads before logging in
            page.get_by_label("Kata sandi peneliti").fill(PASSWORD)
            settle()
            page.get_by_role("button", name="Masuk sebagai peneliti").click()
            expect(page.locator("input[type=file]")).to_be_attached()
            # The box refuses what Kawan would, before sending it: it states KAWAN_MAX_FILE_MB, not config.toml's.
            expect(main.get_by_test_id("stFileUploaderDropzoneInstructions")).to_contain_text(
                re.compile(rf"\b{FILE_LIMIT_MB}\s?MB per file"))
            settle()
            shot("06-researcher-logged-in.png")
            pdf = make_text_pdf(tmp_path / "laporan-kunjungan.pdf", [VISIT_FUNDING, VISIT_TOPICS])
            # A file that cannot be used, uploaded beside it: told why, in the page's language.
            broken = tmp_path / "rusak.pdf"
            broken.write_bytes(b"%PDF-1.4\nbukan PDF yang utuh\n%%EOF\n")
            # A saved web page whose markup says where it comes from.
            web = make_html(tmp_path / "berita-kerja-sama.html", head=WEB_ORIGIN)
            page.locator("input[type=file]").set_input_files([str(pdf), str(broken), str(web)])
            expect(main.get_by_test_id("stFileChipName")).to_have_count(3)
            page.get_by_role("button", name="Unggah dan indeks").click()
            expect(main.get_by_text(re.compile(r"^laporan-kunjungan\.pdf diindeks: \d+ bagian teks\.$"))).to_be_visible(
                timeout=WAIT_MS)
            failure = main.get_by_test_id("stAlert").filter(has_text="rusak.pdf tidak dapat dipakai.")
            expect(failure).to_be_visible()
            expect(failure).to_contain_text("Berkasnya rusak")
            settle()
            shot("06b-upload-results.png", failure)
            # Listed: in the documents table (its accessible grid) and among the documents a researcher manages.
            expect(listed("laporan-kunjungan.pdf")).to_be_attached()
            expect(listed("rusak.pdf")).to_have_count(0)
            # Among the documents a researcher manages. The choice list closes when the page scrolls, so the
            # box is centred first (a click at the bottom edge scrolls the page and closes the list again).
            choice = main.get_by_role("combobox", name="Dokumen", exact=True)
            choice.evaluate("e => e.scrollIntoView({block: 'center'})")
            page.wait_for_timeout(300)
            choice.click()
            option = page.get_by_role("option", name=re.compile(r"laporan-kunjungan\.pdf"))
            expect(option).to_be_visible()
            shot("07-upload-listed.png", option)
            page.keyboard.press("Escape")
            # Every column of the table shows without scrolling sideways: the last one is in the grid.
            expect(main.get_by_test_id("stDataFrame").locator("th", has_text="Ditambahkan")).to_be_attached()
            # The web page's details: where it comes from, and a link to it.
            details_box = main.get_by_role("combobox", name="Rincian dokumen")
            details_box.evaluate("e => e.scrollIntoView({block: 'center'})")
            page.wait_for_timeout(300)
            details_box.click()
            page.get_by_role("option", name=re.compile(r"berita-kerja-sama\.html")).click()
            settle()
            expect(main.get_by_text("Asal dokumen: Penulis: Dinas Komunikasi dan Informatika · Situs: "
                                    "portal.bandung.go.id · Terbit: 2024-05-06")).to_be_visible()
            link = main.get_by_role("link", name=re.compile("Buka sumbernya di web"))
            expect(link).to_have_attribute("href", WEB_ADDRESS)
            shot("07b-document-details.png", link)
            # The report corrected, uploaded again with "replace earlier versions" ticked: it takes the place of
            # the first one, and the page says so.
            (tmp_path / "v2").mkdir()
            corrected = make_text_pdf(tmp_path / "v2" / "laporan-kunjungan.pdf", [VISIT_FUNDING, VISIT_TOPICS_FIXED])
            page.locator("input[type=file]").set_input_files([str(corrected)])
            expect(main.get_by_test_id("stFileChipName")).to_have_count(1)
            main.get_by_text("Ganti versi lama berkas ini").click()
            expect(main.get_by_role("checkbox", name="Ganti versi lama berkas ini")).to_be_checked()
            page.get_by_role("button", name="Unggah dan indeks").click()
            replaced = main.get_by_test_id("stAlert").filter(has_text="menggantikan versi lamanya")
            expect(replaced).to_be_visible(timeout=WAIT_MS)
            expect(replaced).to_contain_text("laporan-kunjungan.pdf diindeks")
            expect(listed("laporan-kunjungan.pdf")).to_have_count(1)
            settle()
            shot("07c-earlier-version-replaced.png", replaced)

            # Its citation's source view says where the page comes from and links to it.
            page.goto(server)
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=WAIT_MS)
            settle()
            answer = ask("Apakah Bandung dan Kawasaki melanjutkan program bank sampah?")
            cited = source(answer, re.compile(r"^\[\d+\] Bandung dan Kawasaki Perbarui Kerja Sama Lingkungan")).first
            expect(cited).to_be_visible(timeout=WAIT_MS)
            settle()
            details = open_source(cited)
            expect(details.get_by_text("Penulis: Dinas Komunikasi dan Informatika · Situs: portal.bandung.go.id · "
                                       "Terbit: 2024-05-06")).to_be_visible()
            link = details.get_by_role("link", name=re.compile("Buka sumbernya di web"))
            expect(link).to_have_attribute("href", WEB_ADDRESS)
            shot("08-web-page-origin.png", link)
            assert dialogs == []
        finally:
            browser.close()


WEB_ADDRESS = "https://portal.bandung.go.id/berita/kerja-sama-kawasaki"
VISIT_FUNDING = "Laporan kunjungan 2019: JICA berpotensi mendanai tahap berikutnya kerja sama."
VISIT_TOPICS = "Kunjungan delegasi Bandung ke Kawasaki pada Februari 2019 membahas pengomposan sampah pasar."
VISIT_TOPICS_FIXED = "Kunjungan delegasi Bandung ke Kawasaki pada Maret 2019 membahas pengomposan sampah pasar."

LOADING = re.compile("Menyiapkan model|Preparing the model")


@pytest.mark.parametrize("submit_at_once", [True, False], ids=["submitted", "typed"])
def test_question_during_warm_up_is_kept(fresh_server: str, submit_at_once: bool) -> None:
    """A question sent, or only typed, while the loading status shows is neither dropped nor wiped when the
    warm-up ends and the page runs again. The server is this test's own, so its warm-up starts with this page
    (about 2 s here, after the first page is drawn) while the question goes in within a tenth of a second."""
    from playwright.sync_api import expect

    question = "Apa saja hambatan kerja sama Sister City Bandung–Kawasaki?"
    with _page("id-ID") as page:
        box = page.get_by_test_id("stChatInputTextArea")
        page.goto(fresh_server)
        expect(box).to_be_visible(timeout=WAIT_MS)
        # The point of the test: the question goes in while the model and the index are still loading.
        expect(page.get_by_text(LOADING)).to_be_visible()
        box.fill(question)
        if submit_at_once:
            box.press("Enter")
        else:
            # Typed, not sent: it is still in the box after the warm-up's rerun, and can be sent then.
            expect(page.get_by_text(LOADING)).to_be_hidden(timeout=WAIT_MS)
            page.wait_for_timeout(1500)  # a late rerun (the fragment polls each second) would wipe it now
            expect(page.get_by_role("button", name="Stop")).to_be_hidden(timeout=WAIT_MS)
            expect(box).to_have_value(question)
            box.press("Enter")
        messages = page.get_by_test_id("stChatMessage")
        expect(messages.first).to_contain_text(question, timeout=WAIT_MS)
        answer = messages.nth(1)
        expect(answer.get_by_role("heading", name="Kelemahan")).to_be_visible(timeout=WAIT_MS)
        expect(answer.locator("strong").filter(has_text=re.compile("^Sumber$"))).to_be_visible()
        expect(page.get_by_text(LOADING)).to_be_hidden(timeout=WAIT_MS)
        expect(messages).to_have_count(2)  # asked once, answered once
        expect(box).to_have_value("")


def _chat_box(page: Page, url: str) -> Locator:
    """The chat's input on the app at url, once it is shown."""
    from playwright.sync_api import expect

    box = page.get_by_test_id("stChatInputTextArea")
    page.goto(url)
    expect(box).to_be_visible(timeout=WAIT_MS)
    return box


@pytest.fixture(scope="module")
def shipped_server(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Iterator[str]:
    """All the shipped sources: enough passages for the relevance model to judge (it needs a pool)."""
    with _serving(tmp_path_factory.mktemp("shipped"), model_dir, [SOURCES]) as url:
        yield url


def test_an_answer_the_documents_only_brush_says_so(shipped_server: str) -> None:
    """The documents never name the study's authors: the closest passages are shown under a warning that they
    may not answer the question. A question they do answer gets no such warning."""
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    with _page("en-GB") as page:
        box = _chat_box(page, shipped_server)
        messages = page.get_by_test_id("stChatMessage")

        box.fill("Who wrote the study?")
        box.press("Enter")
        answer = messages.nth(1)
        warning = answer.get_by_test_id("stAlertContentWarning").get_by_text(ui("tentative_answer", "en"))
        expect(warning).to_be_visible(timeout=WAIT_MS)
        expect(answer.locator("strong").filter(has_text=re.compile("^Sources$"))).to_be_visible()
        expect(page.get_by_role("button", name="Stop")).to_be_hidden(timeout=WAIT_MS)
        warning.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "09-tentative-answer.png"), full_page=True)

        box.fill("Who opposed the Gedebage incinerator?")
        box.press("Enter")
        answer = messages.nth(3)
        expect(answer.locator("strong").filter(has_text=re.compile("^Sources$"))).to_be_visible(timeout=WAIT_MS)
        expect(answer.get_by_text(ui("tentative_answer", "en"))).to_have_count(0)


def test_an_answer_about_another_partnership_says_which(shipped_server: str) -> None:
    """Meaning Bandung–Kawasaki's MoU, the one passage found is about Semarang–Brisbane's: the answer says so
    above it, and its source is labelled, with the reason inside."""
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    with _page("id-ID") as page:
        box = _chat_box(page, shipped_server)
        box.fill("Kapan MoU diperpanjang?")
        box.press("Enter")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        notice = ui("answer_other_partnership", "id", pairs="Semarang–Brisbane", ours="Bandung–Kawasaki")
        expect(answer.get_by_test_id("stAlertContentWarning").get_by_text(notice)).to_be_visible(timeout=WAIT_MS)
        expect(page.get_by_role("button", name="Stop")).to_be_hidden(timeout=WAIT_MS)
        source = answer.get_by_test_id("stExpander").filter(has_text="kemitraan lain: Semarang–Brisbane").first
        expect(source).to_be_visible()
        source.locator("summary").click()
        inside = "Tentang kemitraan lain (Semarang–Brisbane), bukan Bandung–Kawasaki"
        expect(source.get_by_test_id("stAlertContentWarning").get_by_text(inside)).to_be_visible(timeout=WAIT_MS)
        page.screenshot(path=str(SHOTS / "10-another-partnership.png"), full_page=True)


def test_a_followup_pointing_back_is_answered_about_the_last_topic(shipped_server: str) -> None:
    """"Berapa anggarannya?" after a question on the JICA project: the chat says how it read the follow-up, and
    the answer cites the project's budget (asked alone it was answered with another project's cost)."""
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    with _page("id-ID") as page:
        box = _chat_box(page, shipped_server)
        messages = page.get_by_test_id("stChatMessage")
        box.fill("Apa proyek akar rumput JICA untuk sampah di Bandung?")
        box.press("Enter")
        expect(messages.nth(1).locator("strong").filter(has_text=re.compile("^Sumber$"))).to_be_visible(
            timeout=WAIT_MS)
        expect(page.get_by_role("button", name="Stop")).to_be_hidden(timeout=WAIT_MS)
        box.fill("Berapa anggarannya?")
        box.press("Enter")
        answer = messages.nth(3)
        read_as = re.compile("^Pertanyaan lanjutan, dipahami sebagai: Berapa anggarannya: .*JICA")
        understood = answer.get_by_text(read_as)
        expect(understood).to_be_visible(timeout=WAIT_MS)
        expect(answer.get_by_text(re.compile("60 juta yen")).first).to_be_visible(timeout=WAIT_MS)
        expect(answer.get_by_text(ui("tentative_answer", "id"))).to_have_count(0)
        expect(page.get_by_role("button", name="Stop")).to_be_hidden(timeout=WAIT_MS)
        messages.nth(2).scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "11-followup-pointing-back.png"))


def test_a_message_of_two_questions_gets_an_answer_to_each(shipped_server: str) -> None:
    """"Apa itu Kang Pisman? Kapan dimulai?": each question of a message is answered under its own heading, the
    short second one about the first's subject (alone, "Kapan dimulai?" found other beginnings, tentatively)."""
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    with _page("id-ID") as page:
        box = _chat_box(page, shipped_server)
        messages = page.get_by_test_id("stChatMessage")
        box.fill("Apa itu Kang Pisman? Kapan dimulai?")
        box.press("Enter")
        first, second = messages.nth(1), messages.nth(2)
        expect(second.get_by_role("heading", name="Pertanyaan 2 dari 2: Kapan dimulai?")).to_be_visible(
            timeout=WAIT_MS)
        expect(first.get_by_role("heading", name="Pertanyaan 1 dari 2: Apa itu Kang Pisman?")).to_be_visible()
        expect(first.get_by_text(re.compile("Kurangi, Pisahkan, Manfaatkan")).first).to_be_visible()
        expect(second.get_by_text("Pertanyaan lanjutan, dipahami sebagai: Kapan dimulai: Kang Pisman")).to_be_visible()
        expect(second.get_by_text(re.compile("berjalan sejak 2018")).first).to_be_visible()
        expect(page.get_by_role("button", name="Stop")).to_be_hidden(timeout=WAIT_MS)
        page.screenshot(path=str(SHOTS / "12-two-questions-one-message.png"), full_page=True)
