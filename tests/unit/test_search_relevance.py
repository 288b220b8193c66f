"""Searcher lets the fitted relevance model decide whether a question is answered, where it can (real embedded
Chroma, fake embedders and a hand-made model), and the plain rule everywhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.config import DEFAULT_MODEL, Settings
from knowledge.fusion import AbstainParams, MatchRerank
from knowledge.relevance_model import FEATURES, TENTATIVE_MARGIN, RelevanceModel, Tree
from knowledge.search import Searcher, SearchResult
from knowledge.store import ModelRecord, Store
from knowledge.types import DocumentRecord, Passage
from tests.fakes import FakeEmbedder

FILLER = [f"catatan rapat nomor {i} tentang jadwal kunjungan dan logistik delegasi" for i in range(70)]
ANSWER = "Leuwigajah adalah lokasi TPA yang longsor pada tahun 2005"
QUESTION = "Leuwigajah adalah lokasi TPA yang longsor pada tahun berapa, 2005?"
MATCH = FEATURES.index("match")
# Answered exactly when the token match exceeds 0.5, whatever else.
BY_MATCH = RelevanceModel(
    0.0, (Tree((MATCH, 0, 0), (0.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, -1.0, 1.0), (False, True, True)),), 0.0,
    Path(DEFAULT_MODEL).name,
)


class MatchingEmbedder(FakeEmbedder):
    def __init__(self, value: float | None) -> None:
        self.value = value
        self.asked: list[tuple[str, str]] = []

    def token_match(self, question: str, passage: str) -> float | None:
        self.asked.append((question, passage))
        return self.value


def _searcher(tmp_path: Path, emb: FakeEmbedder, model: RelevanceModel | None = BY_MATCH) -> Searcher:
    store = Store(Settings(store=tmp_path / "store"), ModelRecord(emb.name, emb.dimension))
    texts = [*FILLER, ANSWER]
    passages = [
        Passage(id=f"d-{i:05d}", doc_id="d", index=i, text=t, page=1, start=0, end=len(t), language="id",
                file="d.txt", title="d")
        for i, t in enumerate(texts)
    ]
    record = DocumentRecord(id="d", file="d.txt", title="d", language="id", pages=1, passages=len(passages))
    store.add_document(record, passages, emb.embed_passages(texts), {None: ""})
    return Searcher(store, emb, relevance=model)


@pytest.mark.parametrize(("match", "answered"), [(0.9, True), (0.1, False)])
def test_the_model_decides_with_the_token_match_of_the_best_passage(
    tmp_path: Path, match: float, answered: bool
) -> None:
    emb = MatchingEmbedder(match)
    got = _searcher(tmp_path, emb).search(QUESTION, "id", k=8)
    assert got.hits[0].passage.text == ANSWER
    assert emb.asked == [(QUESTION, ANSWER)]
    assert bool(got.relevant) is answered
    if answered:
        assert got.relevant[0].passage.text == ANSWER


@pytest.mark.parametrize(("over", "tentative"), [(TENTATIVE_MARGIN / 2, True), (TENTATIVE_MARGIN * 1.5, False)])
def test_an_answer_only_just_over_the_bar_is_marked_tentative(tmp_path: Path, over: float, tentative: bool) -> None:
    # Answered with a match over 0.5 either way, by `over` log-odds past the bar.
    model = RelevanceModel(
        0.0, (Tree((MATCH, 0, 0), (0.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, -1.0, over), (False, True, True)),),
        0.0, Path(DEFAULT_MODEL).name,
    )
    got = _searcher(tmp_path, MatchingEmbedder(0.9), model).search(QUESTION, "id", k=8)
    assert got.relevant and got.tentative is tentative
    refused = _searcher(tmp_path / "b", MatchingEmbedder(0.1), model).search(QUESTION, "id", k=8)
    assert not refused.relevant and refused.tentative is False


def test_without_a_token_match_the_plain_rule_decides(tmp_path: Path) -> None:
    plain = _searcher(tmp_path / "a", FakeEmbedder()).search(QUESTION, "id", k=8)
    emb = MatchingEmbedder(None)
    unmatched = _searcher(tmp_path / "b", emb).search(QUESTION, "id", k=8)
    assert emb.asked  # asked, got nothing, fell back
    assert [h.passage.id for h in unmatched.relevant] == [h.passage.id for h in plain.relevant]
    assert plain.relevant  # the answer stands far out of the filler: the plain rule answers


def test_a_model_fitted_for_another_embedding_model_is_not_used(tmp_path: Path) -> None:
    other = RelevanceModel(BY_MATCH.baseline, BY_MATCH.trees, BY_MATCH.bar, "some-other-model")
    emb = MatchingEmbedder(0.1)
    got = _searcher(tmp_path, emb, other).search(QUESTION, "id", k=8)
    assert emb.asked == []
    assert got.relevant  # the plain rule's answer, not the model's refusal


class PerPassageMatcher(FakeEmbedder):
    def __init__(self, by_text: dict[str, float]) -> None:
        self.by_text = by_text
        self.asked: list[str] = []

    def token_match(self, question: str, passage: str) -> float | None:
        self.asked.append(passage)
        return self.by_text.get(passage, 0.0)


def test_the_token_match_orders_passages_too_close_to_call(tmp_path: Path) -> None:
    # The answer's words and one more: fusion puts it just under the answer (the margin is widened to reach it).
    twin = "Pada tahun 2005 TPA Leuwigajah adalah lokasi yang longsor parah"
    emb = PerPassageMatcher({})
    searcher = _searcher(tmp_path, emb)
    record = DocumentRecord(id="e", file="e.txt", title="e", language="id", pages=1, passages=1)
    passage = Passage(id="e-00000", doc_id="e", index=0, text=twin, page=1, start=0, end=len(twin), language="id",
                      file="e.txt", title="e")
    searcher.store.add_document(record, [passage], emb.embed_passages([twin]), {None: ""})

    def ask(answer: float, other: float, weight: float = 1.0) -> SearchResult:
        emb.by_text, emb.asked = {ANSWER: answer, twin: other}, []
        searcher.rerank = MatchRerank(weight=weight, depth=3, margin=0.2)
        return searcher.search(QUESTION, "id", k=8)

    fused = ask(0.9, 0.9, weight=0.0)
    assert [h.passage.text for h in fused.hits[:2]] == [ANSWER, twin]
    assert fused.hits[0].score - fused.hits[1].score < 0.2

    got = ask(0.6, 0.9)
    assert [h.passage.text for h in got.hits[:2]] == [twin, ANSWER]
    assert got.hits[0].score >= got.hits[1].score >= got.hits[2].score  # each place keeps its fused score
    assert sorted(emb.asked) == sorted([ANSWER, twin])  # each close passage matched once, not again to decide
    assert got.relevant and got.relevant[0].passage.text == twin

    # In an answer, the passages too close to call stand with the best, whatever the plain rule thinks of them.
    searcher.abstain = AbstainParams(min_dense=0.999, sure_dense=1.0, fallback_dense=0.999)
    assert [h.passage.text for h in ask(0.6, 0.9).relevant] == [twin, ANSWER]
    searcher.abstain = AbstainParams()

    # Whether to answer is decided on the fused best (0.3: refused by BY_MATCH), not on the best of the matches.
    assert ask(0.3, 0.9).relevant == []
    assert [h.passage.text for h in ask(0.9, 0.3).hits[:2]] == [ANSWER, twin]
