"""The indexed documents (read-only for everyone)."""

from __future__ import annotations

import streamlit as st

from app_pages.common import get_kawan, language_switch, t
from knowledge.store import StoreError

lang = language_switch()
st.title(t("documents_title", lang))
try:
    docs = get_kawan().store.documents()
except StoreError as err:
    st.error(t("error_store", lang, error=err))
    st.stop()
if not docs:
    st.info(t("documents_empty", lang))
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
                t("col_added", lang): d.added,
                "id": d.id[:12],
            }
            for d in docs
        ],
        hide_index=True,
        use_container_width=True,
    )
