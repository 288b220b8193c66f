"""The summary's place in the app, through AppTest and a real chat-completions server on loopback: checked
sentences above the cited sections, made once per answer, and a small notice when the model fails."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from tests.chat_server import Script, chat_server

ANSWER = {
    "question": "What obstacles did the cooperation face?",
    "language": "en",
    "answered": True,
    "citations": [
        {"n": 1, "text": "Budget limitations slowed the cooperation.", "document": "a.txt", "page": 1},
        {"n": 2, "text": "Youth exchanges are an opportunity.", "document": "a.txt", "page": 2},
    ],
}


def page(answer: dict) -> None:
    import streamlit as st

    from app_pages.summary_view import render_summary

    if "answer" not in st.session_state:
        st.session_state.answer = answer
    finish = render_summary(st.session_state.answer, "en")
    st.markdown("#### Weaknesses")  # stands for the cited sections, which must not wait for the model
    finish()


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Script]:
    with chat_server() as (url, script):
        monkeypatch.setenv("KAWAN_LLM_URL", url)
        monkeypatch.setenv("KAWAN_LLM_TIMEOUT_S", "0.6")
        yield script


def _text(at: AppTest) -> list[str]:
    return [c.value for c in at.caption] + [m.value for m in at.markdown]


def test_summary_streams_above_the_sections_once(server: Script) -> None:
    at = AppTest.from_function(page, args=(dict(ANSWER),), default_timeout=30)
    at.run()
    assert not at.exception
    markdown = [m.value for m in at.markdown]
    # Shown above the sections, checked, escaped ("\[1\]" renders as [1]), under a heading that says what it is.
    assert "limited budgets \\[1\\]" in markdown[0] and markdown[1] == "#### Weaknesses"
    assert at.caption[0].value.startswith("Summary (written by a language model")
    assert len(server.requests) == 1 and server.requests[0]["stream"] is True
    at.run()
    assert len(server.requests) == 1 and "limited budgets \\[1\\]" in at.markdown[0].value


def test_failed_model_leaves_a_small_notice_and_the_sections(server: Script) -> None:
    server.mode = "error500"
    at = AppTest.from_function(page, args=(dict(ANSWER),), default_timeout=30)
    at.run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["#### Weaknesses"]
    assert any("HTTP 500" in c.value for c in at.caption)


def test_no_model_configured_shows_nothing_extra() -> None:
    at = AppTest.from_function(page, args=(dict(ANSWER),), default_timeout=30)
    at.run()
    assert not at.exception and _text(at) == ["#### Weaknesses"]
