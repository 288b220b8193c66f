"""The optional model summary above the cited sections: its place is kept at once, the cited sections show
without waiting, and the checked sentences stream in afterwards. Made once per answer, then shown as stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import streamlit as st

from app_pages.common import escape_md, t
from knowledge.config import Settings
from knowledge.summary import SummaryStream


def _nothing() -> None:
    return None


def render_summary(answer: dict[str, Any], lang: str) -> Callable[[], None]:
    """Call before the cited sections; call what it returns after them (it streams the summary, if any)."""
    if not answer.get("answered"):
        return _nothing
    if "summary" in answer:  # made on an earlier run: show it as it was, never ask the model twice
        _show_stored(st.empty(), answer, lang)
        return _nothing
    # Only settings are needed: the summary never waits for the embedding model or the store.
    settings = Settings()
    if not settings.llm_url:
        return _nothing
    box = st.empty()
    box.caption(t("summary_heading", lang) + " …")

    def fill() -> None:
        run = SummaryStream(settings, answer)

        def sentences() -> Iterator[str]:
            # Only checked sentences ever reach the page; escaped, since model text may carry markup or links.
            for sentence in run:
                yield escape_md(sentence) + " "

        with box.container():
            st.caption(t("summary_heading", lang))
            st.write_stream(sentences())
        result = run.result
        answer["summary"] = result.text if result else None
        answer["summary_notice"] = result.notice(lang, settings.llm_timeout_s) if result else None
        _show_stored(box, answer, lang)

    return fill


def _show_stored(box: Any, answer: dict[str, Any], lang: str) -> None:
    if answer.get("summary"):
        with box.container():
            st.caption(t("summary_heading", lang))
            st.markdown(escape_md(answer["summary"]))
    elif answer.get("summary_notice"):
        box.caption(answer["summary_notice"])
    else:
        box.empty()
