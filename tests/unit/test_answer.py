"""Answer layout: numbering, SWOT sections led by what was asked, factors under their own heading."""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.answer import Answer, compose, in_answer_language, led_by, render_text, section_items, section_order
from knowledge.export import answer_to_markdown
from knowledge.service import Kawan
from knowledge.types import Factor, Filters, Hit, Passage


def _p(pid: str, text: str, category: str, factors: tuple[Factor, ...] = (), page: int | None = 1,
       language: str = "en") -> Passage:
    return Passage(
        id=pid, doc_id="d" * 64, index=0, text=text, page=page, start=0, end=len(text), language=language,
        category=category, confidence=0.9, factors=factors, file="study.txt", title="Study", kind="study",
    )


OBST = "Obstacles included budget limitations and the COVID-19 pandemic."
FACTORS = (
    Factor("budget limitations", 20, 38, "weakness", 0.8),
    Factor("the COVID-19 pandemic", 43, 64, "threat", 0.9),
)


def test_sections_follow_the_asked_order_and_factors_split_one_passage() -> None:
    hits = [
        Hit(_p("a", "Strength: commitment of the city.", "strength"), 0.9, 0.9),
        Hit(_p("b", OBST, "weakness", FACTORS), 0.85, 0.85),
        Hit(_p("c", "The study used a literature review.", "other", page=None), 0.8, 0.8),
    ]
    ans = compose("What obstacles?", "en", ["weakness", "threat"], hits, answered=True)
    assert [s.category for s in ans.sections] == ["weakness", "threat", "strength", "other"]
    # Numbered as read: the obstacles passage, ranked second, leads the asked sections and is [1].
    assert [(c.n, c.passage_id, c.rank) for c in ans.citations] == [(1, "b", 2), (2, "a", 1), (3, "c", 3)]
    weakness, threat = ans.sections[0], ans.sections[1]
    assert weakness.citations == [1] and threat.citations == [1]
    assert weakness.factors == [{"n": 1, "text": "budget limitations"}]
    assert threat.factors == [{"n": 1, "text": "the COVID-19 pandemic"}]
    assert ans.sections[2].citations == [2] and ans.sections[3].citations == [3]
    assert weakness.label == "Weaknesses"
    data = ans.to_json()
    assert data["citations"][2]["page"] is None and data["citations"][0]["rank"] == 2
    assert set(data["citations"][0]) >= {"n", "text", "document", "title", "page", "language", "category", "score"}


def test_whole_passages_are_shown_whole_under_their_own_label() -> None:
    hits = [Hit(_p("b", OBST, "weakness", FACTORS), 0.85, 0.85), Hit(_p("a", "A strength.", "strength"), 0.8, 0.8)]
    ans = compose("What does COVID stand for?", "en", [], hits, answered=True, whole_passages=True)
    assert [(s.category, s.citations, s.factors) for s in ans.sections] == [("weakness", [1], []),
                                                                            ("strength", [2], [])]
    assert ans.citations[0].factors  # the passage's factors are still on record


def test_a_lead_comes_first_and_its_passages_are_not_repeated() -> None:
    a, b, c = (Hit(_p(i, f"Passage {i}.", "other"), 0.8, 0.8) for i in "abc")
    assert [h.passage.id for h in led_by([c, a], [a, b, c])] == ["c", "a", "b"]
    assert led_by([], [a, b]) == [a, b]


def test_citations_are_numbered_in_the_order_they_are_read() -> None:
    # Ranked a, b, c, d; the weakness section (asked) reads b, then d's factor; strength reads a; other reads c.
    # Numbered by rank the answer read "[2] … [4] … [1] … [3]".
    d_factor = (Factor("budget limitations", 0, 18, "weakness", 0.8),)
    hits = [
        Hit(_p("a", "Strength: commitment of the city.", "strength"), 0.9, 0.9),
        Hit(_p("b", "Coordination between agencies was weak.", "weakness"), 0.88, 0.88),
        Hit(_p("c", "The study used a literature review.", "other"), 0.86, 0.86),
        Hit(_p("d", "budget limitations slowed the work.", "weakness", d_factor), 0.85, 0.85),
    ]
    ans = compose("What weaknesses?", "en", ["weakness"], hits, answered=True)
    text = render_text(ans)
    shown = [int(m) for m in re.findall(r"\[(\d+)\]", text.split("\nSources:")[0])]
    assert shown == sorted(shown) and sorted(set(shown)) == [1, 2, 3, 4]
    # The sources are listed in that order, each still knowing its place in the search.
    assert [(c.n, c.passage_id, c.rank) for c in ans.citations] == [(1, "b", 2), (2, "d", 4), (3, "a", 1),
                                                                       (4, "c", 3)]
    assert ans.sections[0].factors == [{"n": 2, "text": "budget limitations"}]
    markdown = answer_to_markdown(ans.to_json())
    assert markdown.index("1. Study") < markdown.index("2. Study") < markdown.index("4. Study")


def test_labels_are_localised() -> None:
    hits = [Hit(_p("b", OBST, "weakness", FACTORS), 0.85, 0.85)]
    ans = compose("Apa hambatannya?", "id", ["weakness", "threat"], hits, answered=True)
    assert [s.label for s in ans.sections] == ["Kelemahan", "Ancaman"]
    assert "Kelemahan" in render_text(ans)


def test_nothing_relevant_says_so() -> None:
    ans = compose("Resep roti?", "id", [], [], answered=False)
    assert not ans.answered and ans.sections == [] and ans.citations == []
    assert "Tidak ada" in render_text(ans)


def test_long_passages_are_clipped_for_citation() -> None:
    long = "word " * 300
    ans = compose("q", "en", [], [Hit(_p("x", long, "other"), 0.9, 0.9)], answered=True)
    assert len(ans.citations[0].text) <= 610


def test_section_order_puts_other_last() -> None:
    assert section_order(["opportunity"]) == ["opportunity", "strength", "weakness", "threat", "other"]
    # Asked categories keep their order whatever was cited first.
    assert section_order(["threat"], {"other": 1, "threat": 2})[0] == "threat"


def test_an_unasked_category_answer_shows_its_best_passage_first() -> None:
    hits = [
        Hit(_p("mou", "The first MoU was signed on 18 February 2016.", "other"), 0.9, 0.9),
        Hit(_p("s", "Strength: commitment of the city.", "strength"), 0.85, 0.85),
        Hit(_p("b", OBST, "weakness", FACTORS), 0.84, 0.84),
        Hit(_p("o", "Both cities attend the Eco-Business Forum.", "opportunity"), 0.83, 0.83),
    ]
    ans = compose("When was the first MoU signed?", "en", [], hits, answered=True)
    # Filed by category alone, citation 1 came last, under Other.
    assert [s.category for s in ans.sections] == ["other", "strength", "weakness", "threat", "opportunity"]
    assert ans.sections[0].citations == [1]
    text = render_text(ans)
    assert text.index("[1] The first MoU") < text.index("[2] Strength")


def test_a_finding_is_read_once_in_the_answer_language() -> None:
    far = Hit(_p("far", "The study used a literature review.", "other"), 0.9, 0.9)
    en = Hit(_p("en", "Opportunities included technology transfer.", "opportunity"), 0.805, 0.805)
    other = Hit(_p("other", "Budget limits slowed the programme.", "weakness"), 0.8, 0.8)
    id_ = Hit(_p("id", "Peluang meliputi transfer teknologi.", "opportunity", language="id"), 0.793, 0.793)
    hits = [far, en, other, id_]
    # Both versions found: the answer's language takes the better place of the two, once.
    both = {"en": id_, "id": en}
    assert [h.passage.id for h in in_answer_language(hits, "id", both)] == ["far", "id", "other"]
    assert [h.passage.id for h in in_answer_language(hits, "en", both)] == ["far", "en", "other"]
    # Only the English one found, its Indonesian translation in the store: it is read in Indonesian.
    stored = Hit(_p("id-stored", "Peluang meliputi transfer teknologi.", "opportunity", language="id"), 0.805, 0.83)
    got = in_answer_language([far, en, other], "id", {"en": stored})
    assert [h.passage.id for h in got] == ["far", "id-stored", "other"]
    # No translation (or one in yet another language): every passage stays where it is.
    assert in_answer_language(hits, "id", {}) == hits
    german = Hit(_p("de", "Chancen.", "opportunity", language="de"), 0.8, 0.8)
    assert in_answer_language([far, en], "id", {"en": german}) == [far, en]


def test_an_asked_section_leads_with_the_study_s_findings() -> None:
    note = replace(_p("note", "The Sarimukti landfill was over capacity.", "threat"), kind="background")
    note2 = replace(_p("note2", "Leadership turnover shifted priorities.", "threat"), kind="background")
    study = _p("study", "External constraints such as the COVID-19 pandemic.", "threat",
               factors=(Factor("the COVID-19 pandemic", 29, 50, "threat", 0.9),))
    other = replace(_p("other", "The study used a literature review.", "other"), kind="background")
    hits = [Hit(note, 0.9, 0.9), Hit(other, 0.89, 0.89), Hit(note2, 0.88, 0.88), Hit(study, 0.8, 0.8)]
    asked = compose("What are the threats?", "en", ["threat"], hits, answered=True)
    def read(answer: Answer) -> list[str]:
        by_n = {c.n: c.passage_id for c in answer.citations}
        return [by_n[n] for n in next(s for s in answer.sections if s.category == "threat").citations]

    threat = next(s for s in asked.sections if s.category == "threat")
    assert read(asked) == ["study", "note", "note2"]  # the study's finding is read first, and numbered [1]
    assert threat.citations == [1, 2, 3] and [f["n"] for f in threat.factors] == [1]
    # Not asked for: the section keeps the order of relevance.
    plain = compose("What happened to the landfill?", "en", [], hits, answered=True)
    assert read(plain) == ["note", "note2", "study"]
    # Asked, about something the study does not cover: the order of relevance too.
    beyond = compose("What threatens the Sarimukti landfill?", "en", ["threat"], hits, answered=True,
                     study_first=False)
    assert read(beyond) == ["note", "note2", "study"]


def test_an_asked_category_is_looked_for_in_the_study_first_unless_filtered_out() -> None:
    scopes = Kawan._category_scopes(Filters(languages=("id",)), "threat")
    assert scopes == [Filters(languages=("id",), kinds=("study",), contains="threat"),
                      Filters(languages=("id",), contains="threat")]
    notes_only = Filters(kinds=("background",))
    assert Kawan._category_scopes(notes_only, "threat") == [replace(notes_only, contains="threat")]
    # A question about something the study does not cover looks anywhere at once.
    assert Kawan._category_scopes(Filters(), "threat", study_first=False) == [Filters(contains="threat")]


def test_a_section_shows_its_items_in_citation_order_factors_in_place() -> None:
    assert section_items([1, 3, 2], [{"n": 3, "text": "budget"}, {"n": 3, "text": "staff"}]) == [
        (1, None), (3, "budget"), (3, "staff"), (2, None)]
    hits = [
        Hit(_p("eco", "The Kawasaki Eco-Town covers 2,800 hectares.", "strength"), 0.9, 0.9),
        Hit(_p("b", "Strengths: commitment and national support.", "strength",
               (Factor("commitment", 11, 21, "strength", 0.9), Factor("national support", 26, 42, "strength", 0.9))),
            0.85, 0.85),
    ]
    ans = compose("How big is the Eco-Town?", "en", [], hits, answered=True)
    # The factual answer [1] comes before the study's unrelated strength factors of [2], in every renderer.
    text = render_text(ans)
    assert text.index("[1] The Kawasaki Eco-Town") < text.index("• commitment [2]")
    markdown = answer_to_markdown(ans.to_json())
    assert markdown.index("Eco-Town covers") < markdown.index("- commitment")


def test_citations_give_a_two_language_title_in_the_answers_language() -> None:
    passage = replace(_p("a", OBST, "weakness"), title="Hambatan Kerja Sama Kota Bandung dan Kawasaki / "
                                                      "Obstacles in the Bandung and Kawasaki Cooperation")
    for lang, title in (("id", "Hambatan Kerja Sama Kota Bandung dan Kawasaki"),
                        ("en", "Obstacles in the Bandung and Kawasaki Cooperation")):
        ans = compose("q", lang, [], [Hit(passage, 0.9, 0.9)], answered=True)
        assert ans.citations[0].title == title


def test_a_passage_a_heading_opens_keeps_its_lines_in_the_terminal() -> None:
    text = "Kesimpulan\n\nThe training gave useful skills, but a yearly budget is needed."
    ans = compose("What did the article conclude?", "en", [], [Hit(_p("k", text, "other"), 0.9, 0.9)], answered=True)
    lines = render_text(ans).splitlines()
    i = lines.index("  [1] Kesimpulan")
    assert lines[i + 1] == "      The training gave useful skills, but a yearly budget is needed."


def test_a_passage_a_heading_opens_keeps_its_lines_in_the_markdown_export() -> None:
    text = "Kesimpulan\n\nThe training gave useful skills, but a yearly budget is needed."
    ans = compose("What did the article conclude?", "en", [], [Hit(_p("k", text, "other"), 0.9, 0.9)], answered=True)
    markdown = answer_to_markdown(ans.to_json())
    assert "- \\[1\\] Kesimpulan  \n  The training gave useful skills, but a yearly budget is needed." in markdown
    assert "   > Kesimpulan  \n   > The training gave useful skills, but a yearly budget is needed." in markdown


def test_the_same_sentence_from_two_documents_is_cited_once_with_both_places() -> None:
    study = _p("s", OBST, "weakness")
    # A report quoting the study word for word (its line breaks aside), on page 4.
    quoted = replace(_p("r", OBST.replace(" the ", "\n the "), "weakness", page=4), doc_id="r" * 64,
                     file="laporan_[1].pdf", title="Laporan *Akhir*", kind="upload")
    other = _p("o", "Strength: commitment of the city.", "strength")
    ans = compose("What obstacles?", "en", [], [Hit(study, 0.9, 0.9), Hit(other, 0.85, 0.85),
                                                 Hit(quoted, 0.84, 0.84)], answered=True)
    assert [c.passage_id for c in ans.citations] == ["s", "o"]
    (place,) = ans.citations[0].also
    assert (place.document, place.page, place.kind, place.passage_id) == ("laporan_[1].pdf", 4, "upload", "r")
    assert [s.citations for s in ans.sections if s.category == "weakness"] == [[1]]
    assert ans.to_json()["citations"][0]["also"][0]["title"] == "Laporan *Akhir*"
    assert "      Word for word also in: Laporan *Akhir* (laporan_[1].pdf), p. 4" in render_text(ans).splitlines()
    # In the Markdown export the place is named literally, under its source.
    markdown = answer_to_markdown(ans.to_json())
    assert ("(study.txt), p. 1 — study finding  \n"
            "   Word for word also in: Laporan \\*Akhir\\* (laporan\\_\\[1\\].pdf), p. 4  \n   > Obstacles") in markdown
    assert ans.citations[1].also == []
    # Whichever came first, the study's own passage leads and the quote is named under it.
    ans = compose("What obstacles?", "en", [], [Hit(quoted, 0.9, 0.9), Hit(study, 0.89, 0.89)], answered=True)
    assert [c.passage_id for c in ans.citations] == ["s"] and [p.passage_id for p in ans.citations[0].also] == ["r"]


def test_a_citation_of_an_earlier_version_says_a_newer_one_is_indexed() -> None:
    ans = compose("What obstacles?", "en", [], [Hit(_p("s", OBST, "weakness"), 0.9, 0.9)], answered=True)
    ans.citations[0] = replace(ans.citations[0], newer_version="laporan-rev.pdf (2026-12-01)")
    line = "      An earlier version: a newer one is indexed too, laporan-rev.pdf (2026-12-01)"
    assert line in render_text(ans).splitlines()
    assert ("   An earlier version: a newer one is indexed too, laporan-rev.pdf (2026-12-01)  \n   > Obstacles"
            in answer_to_markdown(ans.to_json()))


def test_an_earlier_versions_passage_comes_after_its_newer_versions_when_both_are_cited() -> None:
    from knowledge.answer import newest_first
    from knowledge.types import DocumentRecord

    old = replace(_p("o", "Sorting ran in 12 kelurahan.", "other"), doc_id="o" * 64)
    other = replace(_p("x", "Training took two weeks.", "other"), doc_id="x" * 64)
    new = replace(_p("n", "Sorting ran in 15 kelurahan.", "other"), doc_id="n" * 64)
    newer = {old.doc_id: DocumentRecord(id=new.doc_id, file="laporan.md", title="L", language="id", pages=1,
                                        passages=1)}
    hits = [Hit(old, 0.9, 0.9), Hit(other, 0.88, 0.88), Hit(new, 0.87, 0.87)]
    assert [h.passage.id for h in newest_first(hits, newer)] == ["x", "n", "o"]
    # Its newer version not among the hits: the earlier version keeps its place.
    assert newest_first(hits[:2], newer) == hits[:2]
