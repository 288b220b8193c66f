"""About: what the study is, how answers are made, the sources, and how to cite Kawan (texts in prompts/)."""

from __future__ import annotations

import streamlit as st

from app_pages.common import escape_md, get_kawan, kawan_ready, language_switch, t
from knowledge.config import PROMPTS_DIR
from knowledge.embedder import ModelUnavailableError
from knowledge.store import StoreError

lang = language_switch()
st.title(t("about_title", lang))
st.markdown((PROMPTS_DIR / f"about.{lang}.md").read_text(encoding="utf-8"))

st.subheader(t("about_sources", lang))
try:
    if not kawan_ready():
        with st.spinner(t("loading_model", lang)):
            get_kawan()
    docs = get_kawan().store.documents()
except (StoreError, ModelUnavailableError) as err:
    st.error(t("error_store", lang, error=err))
    st.stop()
if not docs:
    st.info(t("documents_empty", lang))
for d in docs:
    period = f" · {escape_md(d.period)}" if d.period else ""
    st.markdown(
        f"- **{escape_md(d.title)}** — {escape_md(d.file)} · {t('kind_' + d.kind, lang)} · {escape_md(d.language)}"
        f"{period} · {t('pages_count', lang, n=d.pages)}"
    )
