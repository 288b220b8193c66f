"""Chat: ask in Indonesian or English, get cited passages grouped under SWOT headings."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.common import escape_md, examples, get_kawan, language_switch, t
from knowledge.embedder import ModelUnavailableError
from knowledge.service import QuestionError
from knowledge.store import StoreError

lang = language_switch()
st.title(t("app_title", lang))
st.caption(t("app_tagline", lang))

if "messages" not in st.session_state:
    st.session_state.messages = []


def render_answer(answer: dict[str, Any], key: str) -> None:
    alang = answer["language"]
    for notice in answer.get("notices", []):
        st.warning(notice)
    if not answer["answered"]:
        st.info(t("no_answer", alang))
        return
    by_n = {c["n"]: c for c in answer["citations"]}
    for section in answer["sections"]:
        st.markdown(f"#### {section['label']}")
        factor_ns = {f["n"] for f in section["factors"]}
        for f in section["factors"]:
            st.markdown(f"- {escape_md(f['text'])} **\\[{f['n']}\\]**")
        for n in section["citations"]:
            if n in factor_ns:
                continue
            st.markdown(f"**\\[{n}\\]** {escape_md(by_n[n]['text'])}")
    st.markdown(f"**{t('sources', alang)}**")
    for c in answer["citations"]:
        page = f"{t('page', alang)} {c['page']}" if c["page"] is not None else t("no_page", alang)
        label = f"[{c['n']}] {c['title']} — {page} · {t('kind_' + c['kind'], alang)}"
        with st.expander(label):
            st.caption(f"{c['document']} · {c['language']} · {c['category']}")
            show_context(c, alang)


def show_context(c: dict[str, Any], lang: str) -> None:
    try:
        pages = get_kawan().store.page_texts(c["doc_id"])
    except StoreError:
        pages = {}
    page_text = pages.get(c["page"], "")
    if not page_text:
        st.markdown(escape_md(c["text"]))
        return
    start, end = c["start"], c["end"]
    before = page_text[max(0, start - 400) : start]
    after = page_text[end : end + 400]
    st.markdown(
        ("… " if start > 400 else "")
        + escape_md(before)
        + " **"
        + escape_md(page_text[start:end])
        + "** "
        + escape_md(after)
        + (" …" if end + 400 < len(page_text) else "")
    )


def ask(question: str) -> None:
    st.session_state.messages.append({"role": "user", "content": question})
    choice = st.session_state.get("ui_lang", "auto")
    try:
        with st.spinner(t("searching", lang)):
            answer = get_kawan().ask(question, language=choice).to_json()
    except (QuestionError, StoreError, ModelUnavailableError) as err:
        st.session_state.messages.append({"role": "assistant", "error": str(err)})
        return
    st.session_state.last_question_lang = answer["language"]
    st.session_state.messages.append({"role": "assistant", "answer": answer})


with st.sidebar:
    st.markdown(f"**{t('examples', lang)}**")
    for i, q in enumerate(examples("id") + examples("en")):
        if st.button(q, key=f"example-{i}", use_container_width=True):
            st.session_state.pending = q
    if st.button(t("clear_chat", lang), key="clear"):
        st.session_state.messages = []

prompt = st.chat_input(t("chat_placeholder", lang), key="chat_input")
pending = st.session_state.pop("pending", None)
if prompt or pending:
    ask(prompt or pending)

for i, msg in enumerate(st.session_state.messages):
    with st.chat_message(msg["role"]):
        if msg["role"] == "user":
            st.markdown(escape_md(msg["content"]))
        elif "error" in msg:
            st.error(msg["error"])
        else:
            render_answer(msg["answer"], key=f"m{i}")
