"""SWOT overview: the 2×2 matrix of the knowledge base (or one document), each factor with its citations,
and a chart of factor counts per category and document. The overview itself comes from Kawan.swot_overview."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.common import escape_md, get_kawan, kawan_ready, language_switch, t
from app_pages.render import factor_counts, factor_refs, overview_sources, split_study_findings
from knowledge.embedder import ModelUnavailableError
from knowledge.store import StoreError, UnknownDocumentError
from knowledge.strings import category_label
from knowledge.types import CATEGORIES

lang = language_switch()
st.title(t("overview_title", lang))
st.caption(t("overview_intro", lang))
try:
    if not kawan_ready():
        with st.spinner(t("loading_model", lang)):
            get_kawan()
    kawan = get_kawan()
    docs = kawan.store.documents()
except (StoreError, ModelUnavailableError) as err:
    st.error(t("error_store", lang, error=err))
    st.stop()
if not hasattr(kawan, "swot_overview"):
    st.info(t("overview_unavailable", lang))
    st.stop()

titles = {d.id: f"{d.title} ({d.file})" for d in docs}
doc_id = st.selectbox(t("overview_document", lang), ["", *titles],
                      format_func=lambda i: titles.get(i, t("overview_all", lang)), key="overview_doc")
try:
    with st.spinner(t("overview_building", lang)):
        overview = kawan.swot_overview(document=doc_id or None, language=lang)
except UnknownDocumentError as err:  # the chosen document was removed meanwhile
    st.error(str(err))
    st.stop()
except (StoreError, ModelUnavailableError) as err:
    st.error(t("error_store", lang, error=err))
    st.stop()

labels = {c: category_label(c, lang) for c in CATEGORIES}
categories = overview.get("categories") or {}


def show_category(category: str) -> None:
    factors = categories.get(category) or []
    st.markdown(f"#### {labels[category]} ({len(factors)})")
    if not factors:
        st.caption(t("overview_none", lang))
    # The study's own findings first; what only other documents state comes under a caption saying that its
    # category is the classifier's reading, not the study's ("Kawasaki was Japan's first eco-town": strength?).
    study, others = split_study_findings(factors)
    for factor in study:
        show_factor(factor)
    if others:
        st.caption(t("overview_other_documents", lang))
        for factor in others:
            show_factor(factor)


def show_factor(factor: dict) -> None:
    # A compact mark per factor: the sources (often one long title cited many times) are listed once below.
    refs = factor_refs(factor, lang)
    text = escape_md(str(factor.get("factor") or factor.get("text") or ""))
    other = factor.get("other_partnership")  # the notes' Bandung–Suwon barriers are no weakness of this partnership
    mark = f" · *{t('other_partnership_label', lang)}: {escape_md(other)}*" if other else ""
    st.markdown(f"- {text}" + (f" {refs}" if refs else "") + mark)


for row in (("strength", "weakness"), ("opportunity", "threat")):
    for column, category in zip(st.columns(2), row, strict=True):
        with column.container(border=True):
            show_category(category)
if categories.get("other"):
    with st.expander(labels["other"]):
        show_category("other")
sources = overview_sources(overview, lang)
if sources:
    with st.expander(f"{t('sources', lang)} ({len(sources)})"):
        for line in sources:
            st.markdown(line)

rows = factor_counts(overview, labels)
if rows:
    st.markdown(f"#### {t('overview_chart', lang)}")
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=alt.X("category:N", sort=[labels[c] for c in CATEGORIES], title=t("overview_category", lang)),
            y=alt.Y("sum(factors):Q", title=t("overview_count", lang)),
            color=alt.Color("document:N", title=t("col_title", lang)),
            tooltip=["category", "document", "factors"],
        )
    )
    st.altair_chart(chart, width="stretch")
