"""The source view of one citation: title, page, language, the page text with the passage highlighted, and a
download of the original file. Document text is always escaped (never unsafe_allow_html)."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages.common import escape_md, get_kawan, t
from app_pages.render import highlight_md, page_label
from ingest.ocr import page_picture
from knowledge.answer import also_in_line, other_partnership_line
from knowledge.store import StoreError
from knowledge.strings import provenance_line


@st.cache_data(max_entries=32, show_spinner=False)
def _page_picture(path: str, modified: float, page: int) -> bytes | None:
    """The page drawn once per file version (``modified`` keys the cache), not on every rerun of the chat."""
    return page_picture(Path(path).read_bytes(), Path(path).suffix, page)


def show_source(c: dict[str, Any], lang: str, key: str) -> None:
    kawan = get_kawan()
    try:
        record = kawan.store.document(c["doc_id"])
        pages = kawan.store.page_texts(c["doc_id"])
    except StoreError as err:
        st.error(t("error_store", lang, error=err))
        return
    st.markdown(f"**{escape_md(c['title'])}**")
    st.caption(
        " · ".join(
            escape_md(part)
            for part in (c["document"], page_label(c["page"], lang), f"{t('col_language', lang)}: {c['language']}",
                         t("kind_" + c["kind"], lang))
        )
    )
    if c.get("also"):  # the other places that say this passage word for word
        st.caption(escape_md(also_in_line(c["also"], lang)))
    if c.get("newer_version"):  # kept beside a corrected version (ingest/versions.py)
        st.warning(escape_md(t("newer_version", lang, newer=c["newer_version"])))
    if c.get("other_partnership"):  # knowledge/partnerships.py
        st.warning(escape_md(other_partnership_line(c["other_partnership"], lang)))
    # Where the document comes from, as the file says (author, site, dates) and its web address to check it.
    origin = provenance_line(record.provenance(), lang) if record is not None else ""
    if origin:
        st.caption(escape_md(origin))
    page_text = pages.get(c["page"], "")
    original = kawan.store.files_dir / record.stored_file if record is not None and record.stored_file else None
    # Text read by OCR may be misread: the page's picture is set beside it, for a person to check.
    scan_tab = c.get("ocr") and c.get("page") is not None and original is not None and original.is_file()
    text_tab, picture_tab = (
        st.tabs([t("page_text", lang), t("page_scan", lang)]) if scan_tab else (st.container(), None)
    )
    with text_tab, st.container(height=320, border=True):
        if page_text:
            st.markdown(highlight_md(page_text, c["start"], c["end"]))
        else:
            st.markdown(highlight_md(c["text"], 0, len(c["text"])))  # bold per line: a heading may open it
    if picture_tab is not None and original is not None:
        with picture_tab, st.container(height=480, border=True):  # a whole page scrolls, as the text does
            picture = _page_picture(str(original), original.stat().st_mtime, int(c["page"]))
            if picture is None:
                st.caption(t("page_scan_missing", lang))
            else:
                st.image(picture, width="stretch")
    address = record.web_address() if record is not None else None
    if address:
        st.link_button(t("open_web_page", lang), address, icon=":material/open_in_new:")
    if record is None or original is None or not original.is_file():
        st.caption(t("original_missing", lang))
        return
    kept = original
    st.download_button(
        t("download_original", lang),
        data=lambda: kept.read_bytes(),  # read only when clicked
        file_name=record.file or kept.name,
        mime=mimetypes.guess_type(record.file)[0] or "application/octet-stream",
        key=f"orig-{key}",
        on_click="ignore",
        icon=":material/download:",
    )
