"""What every page shares: the cached library object, the language switch, safe display of document text."""

from __future__ import annotations

import re

import streamlit as st

from knowledge.config import Settings
from knowledge.service import Kawan
from knowledge.strings import load_json, ui

LANG_KEY = "ui_lang"


def get_kawan() -> Kawan:
    """One model and one store per server process and configuration, shared by every session."""
    return _kawan_for(Settings().model_dump_json())


@st.cache_resource(show_spinner=False)
def _kawan_for(settings_json: str) -> Kawan:
    return Kawan(Settings.model_validate_json(settings_json))


def t(key: str, lang: str, **values: object) -> str:
    return ui(key, lang, **values)


def ui_language() -> str:
    """The sidebar language switch: auto follows the last question's language (Indonesian at first)."""
    choice = st.session_state.get(LANG_KEY, "auto")
    if choice in ("id", "en"):
        return choice
    return st.session_state.get("last_question_lang", "id")


def language_switch() -> str:
    lang = ui_language()
    options = ["auto", "id", "en"]
    st.sidebar.selectbox(
        t("language_label", lang),
        options,
        format_func=lambda o: t(f"language_{o}", lang),
        key=LANG_KEY,
    )
    return ui_language()


def examples(lang: str) -> list[str]:
    return list(load_json("ui.json")["examples"][lang])


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def escape_md(text: str) -> str:
    """Document text is data: escape every Markdown/HTML-significant character so it shows literally."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
