"""The token match of the exported model: a passage that answers the question matches it better, token by
token, than one on a neighbouring subject, in either language and across them; the centre it needs is written
by `make model`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.onnx_embedder import CENTRE_FILE, OnnxEmbedder

pytestmark = pytest.mark.integration

CASES = [
    # (question, answering passage, a passage on a neighbouring subject)
    ("Kapan TPA Leuwigajah longsor?",
     "TPA Leuwigajah longsor pada 21 Februari 2005 dan menewaskan lebih dari 140 orang.",
     "Kota Bandung menghasilkan sekitar 1.500 ton sampah setiap hari."),
    ("Which agency could fund the waste projects?",
     "Opportunities also emerged through technology transfer and potential funding from JICA.",
     "Kawasaki hosts an eco-town of recycling plants near its port."),
    ("Which agency could fund the waste projects?",
     "Peluang juga muncul melalui alih teknologi dan potensi pendanaan dari JICA untuk proyek sampah.",
     "Kawasaki memiliki kawasan eco-town berisi pabrik daur ulang di dekat pelabuhannya."),
]


@pytest.fixture(scope="module")
def embedder(model_dir: Path) -> OnnxEmbedder:
    return OnnxEmbedder(model_dir, backend="openvino")


def test_make_model_wrote_the_token_centre(model_dir: Path, embedder: OnnxEmbedder) -> None:
    assert (model_dir / CENTRE_FILE).is_file()
    assert embedder.token_centre is not None and embedder.token_centre.shape == (384,)


def test_token_states_are_the_texts_own_tokens(embedder: OnnxEmbedder) -> None:
    ids, states = embedder.token_states("Leuwigajah", query=True)
    assert len(ids) == len(states) >= 1
    assert states.shape[1] == 384
    # The same text as a passage has the same own pieces, whatever prompt comes before it.
    assert embedder.token_states("Leuwigajah", query=False)[0] == ids


@pytest.mark.parametrize(("question", "answer", "neighbour"), CASES)
def test_the_answering_passage_matches_better(embedder: OnnxEmbedder, question: str, answer: str,
                                              neighbour: str) -> None:
    good, other = embedder.token_match(question, answer), embedder.token_match(question, neighbour)
    assert good is not None and other is not None
    assert -1.0 <= other < good <= 1.0, (good, other)


def test_without_a_centre_there_is_no_match(model_dir: Path, tmp_path: Path) -> None:
    from tests.integration.model_folders import copy_without

    folder = copy_without(model_dir, tmp_path / "m", CENTRE_FILE)
    assert OnnxEmbedder(folder, backend="openvino").token_match("a", "b") is None


def test_a_question_just_embedded_is_not_run_through_the_model_again(embedder: OnnxEmbedder) -> None:
    question = "Kapan TPA Leuwigajah longsor?"
    fresh_ids, fresh = embedder.token_states(question, query=True)
    embedder.embed_queries([question])
    calls: list[int] = []
    run = embedder._run
    embedder._run = lambda ids, mask: calls.append(1) or run(ids, mask)  # type: ignore[method-assign]
    try:
        ids, states = embedder.token_states(question, query=True)
        assert calls == []
        embedder.token_states("Kapan TPA Sarimukti dibuka?", query=True)  # another question: run
        assert calls == [1]
    finally:
        embedder._run = run  # type: ignore[method-assign]
    assert ids == fresh_ids
    assert np.allclose(states, fresh, atol=1e-3)


def test_a_passage_matched_again_is_not_run_through_the_model_again(embedder: OnnxEmbedder) -> None:
    question, passage = CASES[0][0], CASES[0][1]
    first = embedder.token_match(question, passage)
    embedder.embed_queries([question])  # as the app does before a search: the question's states are kept
    calls: list[int] = []
    run = embedder._run
    embedder._run = lambda ids, mask: calls.append(1) or run(ids, mask)  # type: ignore[method-assign]
    try:
        again = embedder.token_match(question, passage)
        assert calls == []
        embedder.token_match(question, "Kota Kawasaki membuka pusat kompos baru.")  # not matched before: one run
        assert calls == [1]
        embedder.forget_passage_states()
        assert embedder.token_match(question, passage) == first
        assert calls == [1, 1]  # forgotten: run again, to the same match
    finally:
        embedder._run = run  # type: ignore[method-assign]
    assert again == first
    rows = embedder.passage_rows(passage)
    with pytest.raises(ValueError):
        rows[0, 0] = 0.0  # the kept states are shared: nobody may change them


def test_states_kept_at_embedding_spare_the_run_and_match_as_it_does(model_dir: Path, tmp_path: Path) -> None:
    question, passage = CASES[1][0], CASES[1][1]
    embedder = OnnxEmbedder(model_dir, backend="openvino")
    embedder.embed_queries([question])
    live = embedder.token_match(question, passage)
    embedder.forget_passage_states()
    embedder.keep_passage_states(tmp_path)
    assert embedder.missing_passage_states([passage]) == [passage]
    embedder.embed_passages([passage, CASES[1][2]])  # as ingest embeds a document's passages
    assert embedder.missing_passage_states([passage, "never embedded"]) == ["never embedded"]
    # Another process (the app after ingest) that keeps states in the same folder reads them: no passage run.
    later = OnnxEmbedder(model_dir, backend="openvino")
    later.keep_passage_states(tmp_path)
    later.embed_queries([question])
    calls: list[tuple[int, ...]] = []
    run = later._run
    later._run = lambda ids, mask: calls.append(ids.shape) or run(ids, mask)  # type: ignore[method-assign]
    kept = later.token_match(question, passage)
    assert calls == []
    assert live is not None and kept == pytest.approx(live, abs=2e-3)
    # A passage stored before states were kept: one run, and kept from then on.
    later.token_match(question, "Kota Kawasaki membuka pusat kompos baru.")
    assert len(calls) == 1 and later.missing_passage_states(["Kota Kawasaki membuka pusat kompos baru."]) == []
