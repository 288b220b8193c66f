"""What every page shares: the cached library object, the language switch, safe display of document text."""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

import streamlit as st

from knowledge.strings import load_json, ui

if TYPE_CHECKING:
    from knowledge.config import Settings
    from knowledge.service import Kawan

LANG_KEY = "ui_lang"


class _Warmup:
    """Loads the model, opens the store and builds the keyword index in a background thread, so a page can
    render (and show a status) while Kawan warms up instead of staying blank."""

    def __init__(self, settings: Settings) -> None:
        # Imported here, not at the top: the search stack (bm25s, scipy, httpx) takes a second to import, and
        # the first page must show before it has.
        from knowledge.service import Kawan

        self.kawan = Kawan(settings)
        self.ready = threading.Event()
        self.error: Exception | None = None
        threading.Thread(target=self._run, name="kawan-warmup", daemon=True).start()

    def _run(self) -> None:
        try:
            self.kawan.preload()
            self.kawan.searcher.lexical_index()
            self.kawan.embedder.embed_queries(["warm-up"])
        except Exception as exc:  # shown to the person by get_kawan(), not lost in a thread
            self.error = exc
        finally:
            self.ready.set()


@st.cache_resource(show_spinner=False)
def _warmup_for(settings_json: str) -> _Warmup:
    from knowledge.config import Settings

    return _Warmup(Settings.model_validate_json(settings_json))


def _settings_json() -> str:
    # Imported on first use, after the title is on screen (pydantic-settings alone takes ~0.15 s).
    from knowledge.config import Settings

    return Settings().model_dump_json()


_STARTED: set[str] = set()


def kawan_ready(start: bool = True) -> bool:
    """True once get_kawan() will answer without waiting. Starts the warm-up on first call, unless ``start`` is
    False: the chat page starts it only once it is drawn, because reading a large store's passages competes
    with drawing the first page for the same two cores (50k passages: first page 3.9 s instead of ~2.5 s)."""
    key = _settings_json()
    if not start and key not in _STARTED:
        return False
    _STARTED.add(key)
    return _warmup_for(key).ready.is_set()


def get_kawan() -> Kawan:
    """One model and one store per server process and configuration, shared by every session (waits for warm-up)."""
    warmup = _warmup_for(_settings_json())
    warmup.ready.wait()
    if warmup.error is not None:
        _warmup_for.clear()  # the next page run tries again (the store may be free, the model built, by then)
        raise warmup.error
    return warmup.kawan


def t(key: str, lang: str, **values: object) -> str:
    return ui(key, lang, **values)


def ui_language() -> str:
    """The sidebar language switch: auto follows the last question's language (Indonesian at first)."""
    choice = st.session_state.get(LANG_KEY, "auto")
    if choice in ("id", "en"):
        return choice
    return st.session_state.get("last_question_lang") or browser_language() or "id"


def browser_language() -> str | None:
    """'id' or 'en' from the browser's locale (before any question is asked), else None."""
    try:
        locale = (st.context.locale or "").lower()
    except Exception:  # no browser session (bare script run)
        return None
    return next((code for code in ("id", "en") if locale.startswith(code)), None)


def language_switch() -> str:
    lang = ui_language()
    options = ["auto", "id", "en"]
    # The choices read the same in both languages (each language by its own name): the browser keeps showing a
    # keyed select's first labels when "auto" switches the interface language mid-session.
    st.sidebar.selectbox(
        t("language_label", lang),
        options,
        format_func=lambda o: t(f"language_{o}", "en"),
        key=LANG_KEY,
        help=t("language_help", lang),
    )
    return ui_language()


def examples(lang: str) -> list[str]:
    return list(load_json("ui.json")["examples"][lang])


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:&=^])")


def escape_md(text: str) -> str:
    """Document text is data: escape every Markdown/HTML-significant character so it shows literally."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
