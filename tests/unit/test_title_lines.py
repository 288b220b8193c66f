"""A passage that is only the document's title is not kept: it states nothing, yet it was quoted as an answer
and labelled a SWOT factor (the shipped background notes' H1 lines came out as "strengths")."""

from __future__ import annotations

from ingest.document import PageText, RawDocument
from ingest.markdown import markdown_to_text
from ingest.pipeline import build_passages

BODY = ("Kota Bandung menghasilkan sekitar 1.500 ton sampah per hari, dan sebagian besar diangkut ke TPA "
        "Sarimukti.")


def _texts(source: str, title: str) -> list[str]:
    text, heading = markdown_to_text(source)
    passages = build_passages("d" * 24, RawDocument([PageText(1, text)], heading), "x.md", title, "upload").passages
    return [p.text for p in passages]


def test_the_title_heading_is_not_a_passage() -> None:
    got = _texts(f"# Sampah Kota Bandung\n\n{BODY}\n", "Sampah Kota Bandung")
    assert got == [BODY]


def test_a_title_given_apart_from_the_heading_is_matched_too_ignoring_case_and_spacing() -> None:
    got = _texts(f"SAMPAH   KOTA BANDUNG:\n\n{BODY}\n", "Sampah Kota Bandung")
    assert got == [BODY]


def test_other_headings_and_a_document_that_is_only_its_title_are_kept() -> None:
    assert _texts(f"# Sampah\n\n## Hambatan\n\n{BODY}\n", "Sampah") == ["Hambatan", BODY]
    assert _texts("# Sampah Kota Bandung\n", "Sampah Kota Bandung") == ["Sampah Kota Bandung"]
