"""Searcher lets the fitted relevance model decide whether a question is answered, where it can (real embedded
Chroma, fake embedders and a hand-made model), and the plain rule everywhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.config import DEFAULT_MODEL, Settings
from knowledge.relevance_model import FEATURES, RelevanceModel, Tree
from knowledge.search import Searcher
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
