"""The indexed documents with a search box (everyone); upload, remove and re-index (researchers)."""

from __future__ import annotations

import streamlit as st

from app_pages.common import get_kawan, kawan_ready, language_switch, t
from app_pages.researcher import researcher_panel
from knowledge.embedder import ModelUnavailableError
from knowledge.store import StoreError
from knowledge.strings import provenance_line
from knowledge.types import DocumentRecord


def matches(d: DocumentRecord, query: str) -> bool:
    words = query.lower().split()
    origin = " ".join(value for _, value in d.provenance())
    haystack = " ".join((d.title, d.file, d.topic, d.period, d.language, d.kind, origin)).lower()
    return all(w in haystack for w in words)


lang = language_switch()
st.title(t("documents_title", lang))
try:
    if not kawan_ready():
        with st.spinner(t("loading_model", lang)):
            get_kawan()
    kawan = get_kawan()
    all_docs = kawan.store.documents()
except (StoreError, ModelUnavailableError) as err:
    st.error(t("error_store", lang, error=err))
    st.stop()
query = st.text_input(t("documents_search", lang), key="documents_search", placeholder=t("documents_search_hint", lang))
docs = [d for d in all_docs if matches(d, query)]
if not all_docs:
    st.info(t("documents_empty", lang))
elif not docs:
    st.info(t("documents_no_match", lang))
else:
    st.dataframe(
        [
            {
                t("col_title", lang): d.title,
                t("col_file", lang): d.file,
                t("col_kind", lang): t("kind_" + d.kind, lang),
                t("col_language", lang): d.language,
                t("col_pages", lang): d.pages,
                t("col_passages", lang): d.passages,
                t("col_notes", lang): d.notes,
                t("col_origin", lang): provenance_line(d.provenance(), lang),
                t("col_web", lang): d.web_address(),
                t("col_added", lang): d.added,
                "id": d.id[:12],
            }
            for d in docs
        ],
        hide_index=True,
        width="stretch",
        # Narrow columns for the short values, so that pages, passages and how a file was read show beside the
        # title without scrolling sideways.
        column_config={
            t("col_title", lang): st.column_config.TextColumn(width="large"),
            t("col_file", lang): st.column_config.TextColumn(width="medium"),
            t("col_kind", lang): st.column_config.TextColumn(width="small"),
            t("col_language", lang): st.column_config.TextColumn(width="small"),
            t("col_pages", lang): st.column_config.NumberColumn(width="small"),
            t("col_passages", lang): st.column_config.NumberColumn(width="small"),
            t("col_notes", lang): st.column_config.TextColumn(width="medium"),
            t("col_origin", lang): st.column_config.TextColumn(width="medium"),
            # Where a saved web page came from, as a link an official can follow to check it.
            t("col_web", lang): st.column_config.LinkColumn(width="medium"),
            t("col_added", lang): st.column_config.TextColumn(width="small"),
            "id": st.column_config.TextColumn(width="small"),
        },
    )

researcher_panel(kawan, all_docs, lang)
