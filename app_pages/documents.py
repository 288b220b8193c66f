"""The indexed documents with a search box (everyone); upload, remove and re-index (researchers)."""

from __future__ import annotations

import streamlit as st

from app_pages.common import escape_md, get_kawan, kawan_ready, language_switch, t
from app_pages.researcher import researcher_panel
from knowledge.embedder import ModelUnavailableError
from knowledge.store import StoreError
from knowledge.strings import language_names, provenance_line
from knowledge.types import DocumentRecord, newer_versions


def matches(d: DocumentRecord, query: str) -> bool:
    words = query.lower().split()
    origin = " ".join(value for _, value in d.provenance())
    # Languages by code and by name in both UI languages: "Jepang" and "Japanese" find a Kawasaki report.
    names = " ".join(language_names(d.language, lang) for lang in ("id", "en"))
    haystack = " ".join((d.title, d.file, d.topic, d.period, d.language, names, d.kind, origin)).lower()
    return all(w in haystack for w in words)


def show_details(d: DocumentRecord, lang: str, newer: DocumentRecord | None = None) -> None:
    """One document in full: title, file and counts, how it was read, where it comes from, its web page, and
    the ``newer`` version indexed beside it (ingest/versions.py)."""
    with st.container(border=True):
        st.markdown(f"**{escape_md(d.title)}**")
        facts = (d.file, t("kind_" + d.kind, lang), f"{t('col_language', lang)}: {language_names(d.language, lang)}",
                 t("pages_count", lang, n=d.pages), f"{t('col_passages', lang)}: {d.passages}",
                 f"{t('col_added', lang)}: {d.added}")
        st.caption(" · ".join(escape_md(fact) for fact in facts))
        if newer is not None:
            st.warning(escape_md(t("newer_version", lang, newer=f"{newer.file} ({newer.added[:10]})")))
        if d.notes:
            st.markdown(f"{t('col_notes', lang)}: {escape_md(d.notes)}")
        origin = provenance_line(d.provenance(), lang)
        if origin:
            st.markdown(f"{t('col_origin', lang)}: {escape_md(origin)}")
        address = d.web_address()
        if address:
            st.link_button(t("open_web_page", lang), address, icon=":material/open_in_new:")
        st.caption(f"id: {d.id}")


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
    newer = newer_versions(all_docs)
    st.dataframe(
        [
            {
                t("col_title", lang): d.title,
                t("col_file", lang): d.file,
                t("col_kind", lang): t("kind_" + d.kind, lang),
                # Codes fit the narrow column ("ID, EN"); the details below name the languages in full.
                t("col_language", lang): d.language.replace("+", ", ").upper(),
                t("col_pages", lang): d.pages,
                t("col_passages", lang): d.passages,
                # A document kept beside its corrected version says so first: both are cited (ingest/versions.py).
                t("col_notes", lang): "; ".join(filter(None, (
                    t("earlier_version_note", lang, newer=newer[d.id].file) if d.id in newer else "", d.notes))),
                t("col_added", lang): d.added[:10],  # the day; the details below give the time
            }
            for d in docs
        ],
        hide_index=True,
        width="stretch",
        # Every column shows beside the others without scrolling sideways (the main area is ~820 px wide at a
        # 1280 px window); a long title is cut here and shown whole in the details below.
        column_config={
            t("col_title", lang): st.column_config.TextColumn(width=150),
            t("col_file", lang): st.column_config.TextColumn(width=140),
            t("col_kind", lang): st.column_config.TextColumn(width=110),
            t("col_language", lang): st.column_config.TextColumn(width=75),
            t("col_pages", lang): st.column_config.NumberColumn(width=65),
            t("col_passages", lang): st.column_config.NumberColumn(width=60),
            t("col_notes", lang): st.column_config.TextColumn(width=120),
            t("col_added", lang): st.column_config.TextColumn(width=90),
        },
    )
    chosen = st.selectbox(
        t("documents_details", lang),
        docs,
        index=None,
        # The id tells apart two versions kept under one title and file name.
        format_func=lambda d: f"{d.title} ({d.file}) · {d.id[:12]}",
        placeholder=t("documents_details_hint", lang),
        key="documents_details",
    )
    if chosen is not None:
        show_details(chosen, lang, newer.get(chosen.id))

researcher_panel(kawan, all_docs, lang)
