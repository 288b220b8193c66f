"""Pure logic behind the app's pages: follow-ups, Markdown export, safe names, the researcher gate, highlighting."""

from __future__ import annotations

import pytest
import streamlit as st

from app_pages.auth import configured_password, delay_after, password_matches
from app_pages.filters import offered_languages
from app_pages.render import (
    citation_ref,
    factor_counts,
    factor_refs,
    highlight_md,
    overview_sources,
    split_study_findings,
)
from app_pages.researcher import upload_limit_mb
from ingest.names import safe_name
from knowledge.export import answer_to_markdown
from knowledge.followup import resolve_followup
from knowledge.strings import language_names
from knowledge.swot import question_categories

PARTNERSHIP = "Apa saja hambatan kerja sama Sister City Bandung–Kawasaki?"


@pytest.mark.parametrize(
    ("previous", "followup", "category", "language"),
    [
        (PARTNERSHIP, "dan ancamannya?", "threat", "id"),
        (PARTNERSHIP, "Bagaimana dengan peluangnya?", "opportunity", "id"),
        ("What opportunities does the partnership offer?", "and the threats?", "threat", "en"),
        ("What opportunities does the partnership offer?", "What about the weaknesses?", "weakness", "en"),
        ("What opportunities does the partnership offer?", "the strengths?", "strength", "en"),
    ],
)
def test_followup_reuses_the_previous_topic(previous: str, followup: str, category: str, language: str) -> None:
    resolved = resolve_followup(followup, previous)
    assert resolved.followup and resolved.language == language
    assert "Bandung" in resolved.question or "partnership" in resolved.question
    # Only the follow-up's category is asked, not the previous question's.
    assert question_categories(resolved.question) == [category]


@pytest.mark.parametrize(
    ("previous", "question"),
    [
        (None, "dan ancamannya?"),
        (PARTNERSHIP, "Apa metode penelitian ini?"),
        (PARTNERSHIP, "What opportunities does the partnership offer for waste management in Bandung?"),
    ],
)
def test_a_new_question_is_asked_as_it_is(previous: str | None, question: str) -> None:
    resolved = resolve_followup(question, previous)
    assert not resolved.followup and resolved.question == question


ANSWER = {
    "question": "What <b>obstacles</b>?",
    "language": "en",
    "answered": True,
    "sections": [{"category": "threat", "label": "Threats", "citations": [1, 2],
                  "factors": [{"n": 1, "text": "COVID-19 [link](javascript:alert(1))"}]}],
    "citations": [
        {"n": 1, "text": "The pandemic **halted** visits.", "document": "a.txt", "title": "<script>x</script>",
         "page": 3, "kind": "study"},
        {"n": 2, "text": "Costs $x$ rose :red[a lot].", "document": "b.md", "title": "B", "page": None,
         "kind": "upload"},
    ],
}


def test_answer_markdown_has_sections_citations_and_literal_text() -> None:
    md = answer_to_markdown(ANSWER)
    assert "## Threats" in md and "## Sources" in md
    assert "- COVID-19 \\[link\\](javascript:alert(1)) \\[1\\]" in md
    assert "- \\[2\\] Costs \\$x\\$ rose :red\\[a lot\\]." in md
    assert "1. \\<script\\>x\\</script\\> (a.txt), p. 3 — study finding" in md
    assert "2. B (b.md), no page number — uploaded document" in md
    assert "<script>" not in md and "**halted**" not in md


def test_answer_markdown_links_a_web_page_citation_to_its_address_and_nothing_else() -> None:
    page = "https://portal.bandung.go.id/berita/(kerja_sama)?a=1&b=<2>"
    citations = [{**ANSWER["citations"][0], "url": page}, {**ANSWER["citations"][1], "url": "javascript:alert(1)"}]
    md = answer_to_markdown({**ANSWER, "citations": citations})
    # Brackets and angle brackets of the address are percent-encoded: it cannot close the link or open markup.
    assert ("1. \\<script\\>x\\</script\\> (a.txt), p. 3 — study finding — "
            "<https://portal.bandung.go.id/berita/%28kerja_sama%29?a=1&b=%3C2%3E>  \n") in md
    assert "2. B (b.md), no page number — uploaded document  \n" in md


def test_answer_markdown_says_what_was_searched_for() -> None:
    notice = "Spelling corrected; searched for: “What did *Kawasaki* offer?”"
    md = answer_to_markdown({**ANSWER, "question": "What did Kawsaki offer?", "notices": [notice]})
    quoted = "> Spelling corrected; searched for: “What did \\*Kawasaki\\* offer?”"
    assert md.startswith(f"# What did Kawsaki offer?\n\n{quoted}\n")
    assert "> " not in answer_to_markdown(ANSWER).split("## ")[0]


def test_unanswered_markdown_says_so() -> None:
    md = answer_to_markdown({"question": "bread?", "language": "id", "answered": False})
    assert md.startswith("# bread?") and "Tidak ada bagian dokumen" in md


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("C:\\Users\\me\\Laporan akhir.pdf", "Laporan akhir.pdf"),
        ("../../etc/passwd", "passwd"),
        ("a\x00b\n.txt", "ab.txt"),
        ("<script>.md", "script.md"),
        ("..", "upload"),
        (".env", "env"),
    ],
)
def test_safe_name_keeps_only_a_printable_last_component(given: str, expected: str) -> None:
    assert safe_name(given) == expected


def test_safe_name_limits_length_and_keeps_the_suffix() -> None:
    name = safe_name("x" * 400 + ".pdf")
    assert name.endswith(".pdf") and len(name) <= 200


def test_researcher_password_sources_and_comparison() -> None:
    def missing() -> object:
        raise FileNotFoundError("no secrets.toml")

    assert configured_password(missing, None) is None
    assert configured_password(missing, "") is None
    assert configured_password(missing, "env-pw") == "env-pw"
    assert configured_password(lambda: "secret-pw", "env-pw") == "secret-pw"
    assert password_matches("kata sandi", "kata sandi") and not password_matches("kata", "kata sandi")
    assert [delay_after(n) for n in range(7)] == [0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_highlight_escapes_the_page_and_bolds_each_line_of_the_span() -> None:
    page = "Intro <script>alert(1)</script>.\nCited *one*\n\nline two. After [x](javascript:y)"
    start = page.index("Cited")
    md = highlight_md(page, start, page.index(" After"))
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in md
    assert "**Cited \\*one\\***" in md and "**line two\\.**" in md
    assert "\\[x\\]\\(javascript\\:y\\)" in md and "<script>" not in md


def test_overview_citations_and_counts() -> None:
    overview = {"categories": {
        "threat": [{"factor": "pandemic", "citations": [{"title": "A", "page": 1}, {"title": "B", "page": 2}]},
                   {"factor": "fire", "citations": [{"title": "A", "page": 4}]}],
        "strength": [{"factor": "commitment", "citations": [3]}],
    }}
    assert citation_ref({"title": "<b>A</b>", "page": 2, "n": 1}, "en") == "\\[1\\] \\<b\\>A\\</b\\>, p\\. 2"
    assert citation_ref(3, "id") == "\\[3\\]"
    rows = factor_counts(overview, {"threat": "Threats", "strength": "Strengths"})
    assert {"category": "Threats", "document": "A", "factors": 2} in rows
    assert {"category": "Threats", "document": "B", "factors": 1} in rows
    assert {"category": "Strengths", "document": "?", "factors": 1} in rows


def test_overview_factors_cite_numbers_and_each_source_is_listed_once() -> None:
    a = {"n": 2, "title": "Abstrak", "page": 1, "text": "Komitmen *kuat*."}
    b = {"n": 1, "title": "Kronologi", "page": None, "text": ""}
    overview = {"categories": {"strength": [{"factor": "x", "citations": [a, b, a]}],
                               "threat": [{"factor": "y", "citations": [a]}, {"factor": "z", "citations": [3]}]}}
    assert factor_refs(overview["categories"]["strength"][0]) == "\\[2, 1\\]"
    assert factor_refs({"factor": "z", "citations": [3]}) == "\\[3\\]"
    assert overview_sources(overview, "id") == [
        "**\\[1\\] Kronologi, tanpa nomor halaman**",
        "**\\[2\\] Abstrak, hlm\\. 1** — Komitmen \\*kuat\\*\\.",
    ]


def test_overview_factors_split_into_the_studys_findings_and_the_classifiers_placings() -> None:
    found = {"factor": "komitmen pemerintah daerah", "kinds": ["study"]}
    both = {"factor": "dukungan kebijakan", "kinds": ["study", "background"]}
    note = {"factor": "Kawasaki was Japan's first eco-town", "kinds": ["background"]}
    upload = {"factor": "an uploaded report's point", "kinds": ["upload"]}
    bare = {"factor": "no kinds given"}
    assert split_study_findings([note, found, upload, both, bare]) == ([found, both, bare], [note, upload])
    assert split_study_findings([]) == ([], [])


@pytest.mark.parametrize(
    ("kawan_mb", "server_mb", "stated"), [(20, 50, 20), (12.5, 50, 13), (80, 50, 50), (0.1, 50, 1)]
)
def test_the_upload_box_states_the_limit_both_sides_hold_to(
    kawan_mb: float, server_mb: int, stated: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Over the server's limit an upload fails with no reason a researcher can act on: the box says the lower one.
    monkeypatch.setattr(st, "get_option", lambda name: {"server.maxUploadSize": server_mb}[name])
    assert upload_limit_mb(kawan_mb) == stated


def test_the_language_filter_offers_japanese_and_chinese_once_indexed() -> None:
    assert offered_languages([]) == ["id", "en"]
    assert offered_languages(["en", "ja", "id"]) == ["id", "en", "ja"]
    assert offered_languages({"zh", "ja"}) == ["id", "en", "ja", "zh"]


def test_a_documents_languages_are_named_in_the_readers_language() -> None:
    assert language_names("id+en", "id") == "Bahasa Indonesia, Bahasa Inggris"
    assert language_names("en+ja", "en") == "English, Japanese"
    assert language_names("zh", "id") == "Bahasa Tionghoa"
    # A code Kawan has no name for is shown as it is, and a document with no language says so.
    assert language_names("id+xx", "en") == "Bahasa Indonesia, xx"
    assert language_names("", "en") == "—"
