"""Chat: ask in Indonesian or English, get cited passages grouped under SWOT headings."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.common import escape_md, examples, get_kawan, kawan_ready, language_switch, t

lang = language_switch()
st.title(t("app_title", lang))
st.caption(t("app_tagline", lang))

# The library is imported after the title is on screen: its search stack takes a second to import.
from app_pages.filters import sidebar_filters  # noqa: E402
from app_pages.source_view import show_source  # noqa: E402
from app_pages.summary_view import render_summary  # noqa: E402
from knowledge.answer import section_items  # noqa: E402
from knowledge.embedder import ModelUnavailableError  # noqa: E402
from knowledge.export import answer_to_markdown  # noqa: E402
from knowledge.search import Filters  # noqa: E402
from knowledge.service import QuestionError  # noqa: E402
from knowledge.store import StoreError  # noqa: E402

if "messages" not in st.session_state:
    st.session_state.messages = []


def render_answer(answer: dict[str, Any], key: str) -> None:
    alang = answer["language"]
    for notice in answer.get("notices", []):
        st.warning(notice)
    if not answer["answered"]:
        st.info(t(answer.get("reason") or "no_answer", alang))
        return
    finish_summary = render_summary(answer, alang)  # optional model summary: its place now, its text at the end
    by_n = {c["n"]: c for c in answer["citations"]}
    for section in answer["sections"]:
        st.markdown(f"#### {section['label']}")
        for n, factor in section_items(section["citations"], section["factors"]):
            if factor is not None:
                st.markdown(f"- {escape_md(factor)} **\\[{n}\\]**")
            else:
                st.markdown(f"**\\[{n}\\]** {escape_md(by_n[n]['text'])}")
    st.markdown(f"**{t('sources', alang)}**")
    for c in answer["citations"]:
        page = f"{t('page', alang)} {c['page']}" if c["page"] is not None else t("no_page", alang)
        label = f"[{c['n']}] {escape_md(c['title'])} — {page} · {t('kind_' + c['kind'], alang)}"
        if c.get("ocr"):
            label += f" · {t('ocr_text', alang)}"
        if c.get("also"):
            label += f" · {t('also_in_count', alang, n=len(c['also']))}"
        if c.get("newer_version"):
            label += f" · {t('earlier_version_label', alang)}"
        if c.get("other_partnership"):
            label += f" · {t('other_partnership_label', alang)}: {escape_md(c['other_partnership'])}"
        with st.expander(label):
            show_source(c, alang, key=f"{key}-{c['n']}")
    finish_summary()
    export_answer(answer, key)


def export_answer(answer: dict[str, Any], key: str) -> None:
    """The answer as Markdown with its citations: a download, and a code block with a copy button."""
    alang = answer["language"]
    markdown = answer_to_markdown(answer)
    st.download_button(t("download_answer", alang), data=markdown, file_name="kawan-answer.md",
                       mime="text/markdown", key=f"md-{key}", on_click="ignore", icon=":material/download:")
    with st.expander(t("copy_answer", alang)):
        st.code(markdown, language="markdown", wrap_lines=True)


def ask(question: str, filters: Filters) -> None:
    st.session_state.messages.append({"role": "user", "content": question})
    choice = st.session_state.get("ui_lang", "auto")
    try:
        if not kawan_ready():
            with st.spinner(t("loading_model", lang)):
                get_kawan()
        with st.spinner(t("searching", lang)):
            # "dan ancamannya?" or "Who signed it?" after a question asks about that question's topic; each
            # question of a message ("Apa itu Kang Pisman? Kapan dimulai?") is answered on its own.
            parts = get_kawan().ask_message(question, st.session_state.get("last_question"), language=choice,
                                            filters=filters)
    except (QuestionError, StoreError, ModelUnavailableError) as err:
        st.session_state.messages.append({"role": "assistant", "error": str(err)})
        return
    for part in parts:
        answer = part.answer.to_json()
        if answer["answered"]:
            # A follow-up ("dan peluangnya?") continues the last topic the documents answered: after a refused
            # question it was joined to that question and refused too, where on its own it is answered.
            st.session_state.last_question = part.resolved.carried
        st.session_state.last_question_lang = answer["language"]
        message: dict[str, Any] = {"role": "assistant", "answer": answer}
        if (shown := part.part()) is not None:
            message["part"] = shown
        if part.resolved.followup:
            message["understood_as"] = part.resolved.question
        st.session_state.messages.append(message)


def queue(question: str) -> None:
    st.session_state.pending = question


def clear_chat() -> None:
    st.session_state.messages = []
    st.session_state.pop("last_question", None)


filters = sidebar_filters(lang)
with st.sidebar:
    st.markdown(f"**{t('examples', lang)}**")
    for i, q in enumerate(examples("id") + examples("en")):
        st.button(q, key=f"example-{i}", width="stretch", on_click=queue, args=(q,))
    st.button(t("clear_chat", lang), key="clear", on_click=clear_chat)


@st.fragment(run_every=1.0)
def _wait_for_model() -> None:
    """Polls the warm-up; once it is done, runs the whole page again (the status goes, the sidebar gets its
    document filter)."""
    if kawan_ready(start=False):
        st.rerun()


# The loading status has a slot of its own, drawn on every run (empty once ready), so the elements below it keep
# their places when the status goes.
loading = st.empty()
warming_up = not kawan_ready(start=False)
if warming_up:
    # Not as a `with` block: leaving one marks the status complete (a check mark while still loading).
    loading.status(t("loading_model", lang), state="running").write(t("loading_model_detail", lang))

# Read before anything may call st.rerun(): a chat submission lives for one script run, so a rerun before this
# line drops the question (the warm-up can end between the check above and a rerun further down).
prompt = st.chat_input(t("chat_placeholder", lang), key="chat_input")
pending = st.session_state.pop("pending", None)
if prompt or pending:
    ask(prompt or pending, filters)
    if st.session_state.get("ui_lang", "auto") == "auto" and st.session_state.get("last_question_lang", lang) != lang:
        st.rerun()  # on "auto" the page's own words follow the question's language at once, not one turn later

if not st.session_state.messages:
    st.markdown(f"##### {t('examples_intro', lang)}")
    for col, qlang in zip(st.columns(2), ("id", "en"), strict=True):
        with col:
            st.caption(t(f"language_{qlang}", lang))
            for i, q in enumerate(examples(qlang)):
                st.button(q, key=f"start-{qlang}-{i}", width="stretch", on_click=queue, args=(q,))

for i, msg in enumerate(st.session_state.messages):
    with st.chat_message(msg["role"]):
        if msg["role"] == "user":
            st.markdown(escape_md(msg["content"]))
        elif "error" in msg:
            st.error(msg["error"])
        else:
            if "part" in msg:
                part = msg["part"]
                st.markdown(f"##### {escape_md(t('message_part', msg['answer']['language'], **part))}")
            if "understood_as" in msg:
                st.caption(t("understood_as", msg["answer"]["language"], question=escape_md(msg["understood_as"])))
            render_answer(msg["answer"], key=f"m{i}")

if warming_up:
    # Called last, once the question of this run (if any) is asked: a fragment's body also runs within the
    # page's run, and its st.rerun() there must not come before st.chat_input has been read.
    _wait_for_model()

# The page is drawn: now the model and the store may take the cores (see kawan_ready).
kawan_ready()
