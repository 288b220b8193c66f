"""Kawan's browser face: a Streamlit multipage app over knowledge/ (run with `make run`)."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import streamlit as st

from app_pages.common import t, ui_language

st.set_page_config(page_title="Kawan", page_icon=":material/handshake:", layout="wide")

lang = ui_language()
pages = [
    st.Page("app_pages/chat.py", title=t("nav_chat", lang), icon=":material/chat:", default=True, url_path="chat"),
    st.Page("app_pages/overview.py", title=t("nav_overview", lang), icon=":material/explore:", url_path="overview"),
    st.Page(
        "app_pages/documents.py", title=t("nav_documents", lang), icon=":material/description:", url_path="documents"
    ),
    st.Page("app_pages/about.py", title=t("nav_about", lang), icon=":material/info:", url_path="about"),
]
st.navigation(pages).run()
