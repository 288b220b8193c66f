"""The researcher's part of the Documents page: log in, upload (many files), remove and re-index, with a
message per file in the page's language (app_pages/file_results.py). Everyone else never sees these controls."""

from __future__ import annotations

import math
import time

import streamlit as st

from app_pages.auth import configured_password, delay_after, password_matches
from app_pages.common import escape_md, t
from app_pages.file_results import busy_message, result_message, upload_types
from ingest.pipeline import FileResult, StoreBusyError
from ingest.uploads import ingest_uploads, reindex_document, remove_stored
from knowledge.service import Kawan
from knowledge.types import DocumentRecord

ROLE_KEY = "researcher"
FAILURES_KEY = "researcher_failures"
RESULTS_KEY = "researcher_results"


def researcher_password(kawan: Kawan) -> str | None:
    return configured_password(lambda: st.secrets["researcher_password"], kawan.settings.researcher_password)


def researcher_panel(kawan: Kawan, docs: list[DocumentRecord], lang: str) -> None:
    st.divider()
    st.subheader(t("researcher_title", lang))
    expected = researcher_password(kawan)
    if expected is None:
        st.info(t("researcher_disabled", lang))
        return
    if not st.session_state.get(ROLE_KEY):
        login(expected, lang)
        return
    st.button(t("researcher_logout", lang), key="researcher_logout", on_click=st.session_state.pop, args=(ROLE_KEY,))
    for result in st.session_state.pop(RESULTS_KEY, []):
        show_result(result, lang)
    upload_form(kawan, lang)
    if docs:
        manage(kawan, docs, lang)


_BOXES = {"success": st.success, "warning": st.warning, "error": st.error}
_MARKS = {"success": "✅", "warning": "⚠️", "error": "❌"}


def show_result(result: FileResult, lang: str, boxed: bool = True) -> None:
    """One file's result: a coloured box, or a marked line inside the running upload's status box."""
    kind, text = result_message(result, lang)
    if boxed:
        _BOXES[kind](text)
    else:
        st.markdown(f"{_MARKS[kind]} {text}")


def login(expected: str, lang: str) -> None:
    given = st.text_input(t("researcher_password", lang), type="password", key="researcher_pw")
    if st.button(t("researcher_login", lang), key="researcher_login") and given:
        if password_matches(given, expected):
            st.session_state[ROLE_KEY] = True
            st.session_state[FAILURES_KEY] = 0
            st.rerun()
        failures = st.session_state.get(FAILURES_KEY, 0) + 1
        st.session_state[FAILURES_KEY] = failures
        time.sleep(delay_after(failures))  # each wrong try in a row waits longer
        st.error(t("researcher_wrong", lang))


def upload_limit_mb(kawan_mb: float) -> int:
    """The limit the upload box states and holds to before sending a file: Kawan's own (KAWAN_MAX_FILE_MB), or
    the server's where that is lower, since the server refuses a bigger upload with no reason a researcher
    could act on (server.maxUploadSize, 50 in .streamlit/config.toml)."""
    server_mb = int(st.get_option("server.maxUploadSize"))
    return max(1, min(math.ceil(kawan_mb), server_mb))


def upload_form(kawan: Kawan, lang: str) -> None:
    types = upload_types()
    with st.form("upload_form", clear_on_submit=True):
        files = st.file_uploader(t("upload_files", lang), type=types, accept_multiple_files=True, key="upload_files",
                                 max_upload_size=upload_limit_mb(kawan.settings.max_file_mb))
        password = st.text_input(t("upload_pdf_password", lang), type="password", key="upload_pdf_password")
        replace = st.checkbox(t("upload_replace", lang), key="upload_replace", help=t("upload_replace_help", lang))
        submitted = st.form_submit_button(t("upload_submit", lang))
    st.caption(t("upload_limit", lang, mb=f"{kawan.settings.max_file_mb:g}", types=", ".join(types)))
    if submitted and files:
        run_with_progress(kawan, [(f.name, f.getvalue()) for f in files], password, lang, replace=replace)


def run_with_progress(
    kawan: Kawan, items: list[tuple[str, bytes]], password: str | None, lang: str, replace: bool = False
) -> None:
    progress = st.progress(0.0)
    done: list[FileResult] = []
    with st.status(t("upload_running", lang, n=len(items)), expanded=True) as status:

        def on_result(result: FileResult) -> None:
            done.append(result)
            show_result(result, lang, boxed=False)
            progress.progress(len(done) / len(items), text=f"{len(done)} / {len(items)}")

        ocr_note = st.empty()

        def on_ocr_page(name: str, done: int, total: int) -> None:
            # Scanned pages take seconds each: say which page of which file is being read.
            ocr_note.caption(t("ocr_progress", lang, name=escape_md(name), done=done, total=total))

        try:
            results = ingest_uploads(
                kawan, items, password=password or None, on_result=on_result, on_ocr_page=on_ocr_page,
                earlier="replace" if replace else "keep",
            )
        except StoreBusyError as err:
            status.update(label=t("store_busy", lang), state="error")
            st.error(busy_message(err, lang))
            return
        failed = sum(r.failed for r in results)
        status.update(label=t("upload_done", lang, n=len(results), failed=failed),
                      state="error" if failed else "complete")
    st.session_state[RESULTS_KEY] = done
    st.rerun()  # the list above shows the new documents


def manage(kawan: Kawan, docs: list[DocumentRecord], lang: str) -> None:
    st.markdown(f"**{t('manage_title', lang)}**")
    names = {d.id: f"{d.title} — {d.file} ({d.id[:12]})" for d in docs}
    doc_id = st.selectbox(t("manage_document", lang), list(names), format_func=names.__getitem__, key="manage_doc",
                          placeholder=t("manage_document_hint", lang))
    password = st.text_input(t("upload_pdf_password", lang), type="password", key="reindex_pw")
    confirm = st.checkbox(t("remove_confirm", lang), key="remove_confirm")
    left, right = st.columns(2)
    done: list[FileResult] = []
    try:
        if left.button(t("reindex", lang), key="reindex"):
            with st.spinner(t("reindex_running", lang)):
                done.append(reindex_document(kawan, doc_id, password=password or None))
        if right.button(t("remove", lang), key="remove", disabled=not confirm):
            done.append(remove_stored(kawan, doc_id))
    except StoreBusyError as err:
        st.error(busy_message(err, lang))
        return
    if done:
        st.session_state[RESULTS_KEY] = done
        st.rerun()
