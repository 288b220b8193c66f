"""Sidebar filters of the chat: document, language, SWOT category and kind → knowledge.search.Filters."""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st

from app_pages.common import get_kawan, kawan_ready, t
from knowledge.search import Filters
from knowledge.store import StoreError
from knowledge.strings import category_label
from knowledge.types import CATEGORIES, KINDS, LANGUAGES, PASSAGE_LANGUAGES


def offered_languages(held: Collection[str]) -> list[str]:
    """The passage languages to filter by: Indonesian and English always, Japanese or Chinese once a passage in
    it is indexed (a Kawasaki report), in that order."""
    return [code for code in PASSAGE_LANGUAGES if code in LANGUAGES or code in held]


def sidebar_filters(lang: str) -> Filters:
    with st.sidebar.expander(t("filters", lang), expanded=False):
        doc_ids: list[str] = []
        held: set[str] = set()
        if kawan_ready(start=False):
            try:
                docs = {d.id: d.title for d in get_kawan().store.documents()}
                held = set(get_kawan().searcher.table.languages)
            except StoreError:
                docs = {}
            doc_ids = st.multiselect(t("filter_documents", lang), list(docs), format_func=lambda i: docs.get(i, i),
                                     key="filter_docs", placeholder=t("filter_all", lang))
        else:
            st.caption(t("filters_wait", lang))
        languages = st.multiselect(t("filter_languages", lang), offered_languages(held),
                                   format_func=lambda code: t(f"language_{code}", lang), key="filter_langs",
                                   placeholder=t("filter_all", lang))
        categories = st.multiselect(t("filter_categories", lang), list(CATEGORIES),
                                    format_func=lambda c: category_label(c, lang), key="filter_cats",
                                    placeholder=t("filter_all", lang))
        kinds = st.multiselect(t("filter_kinds", lang), list(KINDS), format_func=lambda k: t("kind_" + k, lang),
                               key="filter_kinds", placeholder=t("filter_all", lang))
    return Filters(doc_ids=tuple(doc_ids), languages=tuple(languages), kinds=tuple(kinds),
                   categories=tuple(categories))
