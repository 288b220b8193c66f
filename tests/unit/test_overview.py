"""The SWOT overview's merge logic and layout, with hand-made vectors and the fake embedder (no model)."""

from __future__ import annotations

import numpy as np

from knowledge.overview import (
    CROSS_FLOOR,
    SAME_LANGUAGE,
    build_overview,
    candidates,
    merge_groups,
    render_text,
    translated_elsewhere,
)
from knowledge.types import Factor, Passage
from tests.fakes import FakeEmbedder


def passage(pid: str, text: str, language: str, factors: list[tuple[str, str]] = (), category: str = "weakness",
            confidence: float = 0.9, kind: str = "study", doc: str = "abs") -> Passage:
    fs, pos = [], 0
    for ftext, cat in factors:
        start = text.index(ftext, pos)
        fs.append(Factor(ftext, start, start + len(ftext), cat, 0.9))
        pos = start + len(ftext)
    return Passage(id=pid, doc_id=doc, index=int(pid[-1]), text=text, page=1, start=0, end=len(text),
                   language=language, category=category, confidence=confidence, factors=tuple(fs),
                   file=f"{doc}.txt", title=doc, kind=kind)


OBST_ID = passage("p1", "Hambatannya termasuk keterbatasan anggaran, minimnya SDM, serta pandemi COVID-19.", "id",
                  [("keterbatasan anggaran", "weakness"), ("minimnya SDM", "weakness"), ("pandemi COVID-19", "threat")])
OBST_EN = passage("p2", "Obstacles included budget limitations, a lack of staff, and the COVID-19 pandemic.", "en",
                  [("budget limitations", "weakness"), ("a lack of staff", "weakness"),
                   ("the COVID-19 pandemic", "threat")])


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def with_cosine(base: np.ndarray, other: np.ndarray, cos: float) -> np.ndarray:
    """A unit vector at exactly `cos` from `base`, leaning towards `other`."""
    ortho = other - (other @ base) * base
    ortho /= np.linalg.norm(ortho)
    return cos * base + np.sqrt(1 - cos**2) * ortho


def test_candidates_take_listed_factors_and_sure_whole_passages_only() -> None:
    sure = passage("p3", "Bandung lacked a dedicated budget line for the partnership.", "en")
    unsure = passage("p4", "Some say the partnership could have had more money at some point.", "en", confidence=0.4)
    heading = passage("p5", "Obstacles in Indonesian Sister-City Partnerships", "en")
    other = passage("p6", "The study used a qualitative approach with a literature review.", "en", category="other")
    cands = candidates([OBST_ID, sure, unsure, heading, other])
    assert [c.text for c in cands] == ["keterbatasan anggaran", "minimnya SDM", "pandemi COVID-19", sure.text]
    assert [c.position for c in cands] == [0, 1, 2, -1]


def test_translations_merge_by_mutual_nearest_neighbour_and_position() -> None:
    cands = candidates([OBST_ID, OBST_EN])
    a, b, c = unit(1, 0, 0, 0), unit(0, 1, 0, 0), unit(0, 0, 1, 0)
    # budget pair: clearly similar; staff pair: below the cross-language floor, found only by its list position.
    staff_en = with_cosine(b, a, CROSS_FLOOR - 0.02)
    vectors = np.stack([a, b, c, with_cosine(a, b, 0.93), staff_en, with_cosine(c, a, 0.9)])
    groups = merge_groups(cands, vectors)
    assert [[cands[i].text for i in g] for g in groups] == [
        ["keterbatasan anggaran", "budget limitations"],
        ["minimnya SDM", "a lack of staff"],
        ["pandemi COVID-19", "the COVID-19 pandemic"],
    ]


def test_no_merge_across_categories_or_for_merely_related_factors_in_one_language() -> None:
    p = passage("p1", "Kelemahannya termasuk keterbatasan anggaran, keterbatasan dana hibah, serta krisis dana global.",
                "id", [("keterbatasan anggaran", "weakness"), ("keterbatasan dana hibah", "weakness"),
                       ("krisis dana global", "threat")])
    cands = candidates([p])
    a = unit(1, 0, 0)
    vectors = np.stack([a, with_cosine(a, unit(0, 1, 0), SAME_LANGUAGE - 0.03), with_cosine(a, unit(0, 0, 1), 0.99)])
    assert merge_groups(cands, vectors) == [[0], [1], [2]]


def test_near_identical_factors_in_two_documents_of_one_language_merge() -> None:
    other_doc = passage("q1", "Kendalanya berupa keterbatasan anggaran, minimnya SDM, serta pandemi COVID-19.", "id",
                        [("keterbatasan anggaran", "weakness"), ("minimnya SDM", "weakness"),
                         ("pandemi COVID-19", "threat")], kind="background", doc="notes")
    cands = candidates([OBST_ID, other_doc])
    vectors = FakeEmbedder().embed_passages([c.text for c in cands])  # identical words → identical vectors
    groups = merge_groups(cands, vectors)
    assert [len(g) for g in groups] == [2, 2, 2]


def test_overview_shows_the_requested_language_cites_both_and_lists_the_study_first() -> None:
    background = passage("b1", "Bandung lacked a dedicated budget line for the partnership.", "en",
                         kind="background", doc="notes")
    cands = candidates([background, OBST_ID, OBST_EN])
    a, b, c, d = unit(1, 0, 0, 0), unit(0, 1, 0, 0), unit(0, 0, 1, 0), unit(0, 0, 0, 1)
    vectors = np.stack([d, a, b, c, with_cosine(a, b, 0.93), with_cosine(b, c, 0.9), with_cosine(c, a, 0.9)])
    for lang, budget in (("en", "budget limitations"), ("id", "keterbatasan anggaran")):
        ov = build_overview(cands, vectors, lang)
        assert ov["language"] == lang and set(ov["categories"]) == {"strength", "weakness", "opportunity", "threat"}
        weak = ov["categories"]["weakness"]
        assert weak[0]["factor"] == budget
        assert weak[0]["kinds"] == ["study"] and weak[-1]["kinds"] == ["background"]
        assert {c["language"] for c in weak[0]["citations"]} == {"id", "en"}
        threat = ov["categories"]["threat"]
        assert len(threat) == 1 and len(threat[0]["citations"]) == 2
    cite = weak[0]["citations"][0]
    for key in ("n", "text", "document", "title", "page", "language", "category", "score", "kind", "factor"):
        assert key in cite
    assert cite["text"][cite["factor_start"] : cite["factor_end"]] == cite["factor"]
    text = render_text(ov)
    assert "## Kelemahan" in text and "keterbatasan anggaran [1, 2]" in text and "catatan latar belakang" in text


def test_empty_overview_says_so() -> None:
    ov = build_overview([], np.zeros((0, 4), np.float32), "en")
    assert all(v == [] for v in ov["categories"].values())
    assert "No SWOT factors" in render_text(ov)


def test_a_fact_labelled_apart_from_its_translation_is_shown_once_in_the_reader_language() -> None:
    mou_en = passage("p1", "Bandung and Kawasaki signed an MoU in 2016.", "en", category="strength", doc="en")
    mou_id = passage("p2", "Bandung dan Kawasaki menandatangani MoU pada 2016.", "id", category="opportunity", doc="id")
    only_en = passage("p3", "A zero-waste masterplan was drafted with YPBB.", "en", category="strength", doc="en")
    cands = candidates([mou_en, mou_id, only_en])
    a, c = unit(1, 0, 0), unit(0, 0, 1)
    vectors = np.stack([a, with_cosine(a, c, CROSS_FLOOR + 0.02), c])
    groups = merge_groups(cands, vectors)
    assert len(groups) == 3  # two categories: no merge
    assert translated_elsewhere(cands, vectors, groups, "id") == {0}  # the English MoU: its twin is shown
    assert translated_elsewhere(cands, vectors, groups, "en") == {1}
    ov = build_overview(cands, vectors, "id")
    shown = [f["factor"] for fs in ov["categories"].values() for f in fs]
    assert shown == ["A zero-waste masterplan was drafted with YPBB.",
                     "Bandung dan Kawasaki menandatangani MoU pada 2016."]
    # Not close enough: both stay.
    far = np.stack([a, with_cosine(a, c, CROSS_FLOOR - 0.05), c])
    assert translated_elsewhere(cands, far, merge_groups(cands, far), "id") == set()


def test_a_list_and_its_translation_stated_as_one_sentence_are_shown_once() -> None:
    # The Indonesian note lists the outputs as factors; its English translation stays one whole passage.
    listed = passage("p1", "Hasilnya meliputi kesadaran warga, pengelolaan TPS, serta rencana aksi.", "id",
                     [("kesadaran warga", "strength"), ("pengelolaan TPS", "strength"), ("rencana aksi", "strength")],
                     category="strength", doc="id")
    whole = passage("p2", "The outputs were public awareness, management of TPS and an action plan.", "en",
                    category="strength", doc="en")
    cands = candidates([listed, whole])
    assert [c.position for c in cands] == [0, 1, 2, -1]
    # Items and the whole sentence are far apart as vectors: no factor-level translation joins them.
    vectors = np.stack([unit(1, 0, 0, 0), unit(0, 1, 0, 0), unit(0, 0, 1, 0), unit(0, 0, 0, 1)])
    groups = merge_groups(cands, vectors)
    assert len(groups) == 4 and translated_elsewhere(cands, vectors, groups, "en") == set()
    twins = {"p1": "p2", "p2": "p1"}
    hidden_en = translated_elsewhere(cands, vectors, groups, "en", twins)
    assert {i for g in hidden_en for i in groups[g]} == {0, 1, 2}
    hidden_id = translated_elsewhere(cands, vectors, groups, "id", twins)
    assert {i for g in hidden_id for i in groups[g]} == {3}
    shown = [f["factor"] for fs in build_overview(cands, vectors, "en", twins)["categories"].values() for f in fs]
    assert shown == [whole.text]


def test_a_whole_passage_a_heading_opens_shows_its_statement_in_the_matrix() -> None:
    titled = passage("p7", "Hambatan\n\nBandung lacked a dedicated budget line for the partnership.", "en")
    ov = build_overview(candidates([titled]), unit(1, 0, 0, 0).reshape(1, 4), "en")
    assert [f["factor"] for f in ov["categories"]["weakness"]] == [
        "Bandung lacked a dedicated budget line for the partnership."]


def test_a_factor_about_another_partnership_comes_after_this_one_s_and_says_which() -> None:
    suwon = passage("b1", "In the Bandung–Suwon sister-city partnership, the barriers were bureaucracy and budget.",
                    "en", kind="background", doc="notes")
    ours = passage("b2", "Coordination between Bandung's agencies on the Kawasaki project was slow.", "en",
                   kind="background", doc="notes")
    cands = candidates([suwon, ours])
    ov = build_overview(cands, np.stack([unit(1, 0), unit(0, 1)]), "en")
    weak = ov["categories"]["weakness"]
    # Stated first, the other partnership's barriers used to lead the matrix's weaknesses as if they were ours.
    assert [w["other_partnership"] for w in weak] == [None, "Bandung–Suwon"]
    assert render_text(ov).count("(another partnership: Bandung–Suwon)") == 1
