"""Token match: how well a passage's tokens answer each of the question's tokens, from the encoder's states.

The pooled cosine says a passage is *about* the same thing; an off-topic question often still finds a passage
about something close. Token by token, a passage that answers the question holds a counterpart for each of its
informative words (in either language: the states are multilingual). For every question token, the best
cosine against the passage's tokens, averaged with weights that favour rare pieces (−log-probability of the
piece in the tokenizer's own model, an IDF that needs no statistics of the store). States are centred on the
model's mean token state first: raw token states share one large common direction that makes every pair look
alike (measured: AUC on-topic vs off-topic 0.979 raw, 0.982 centred; the pooled cosine's lead 0.975).
"""

from __future__ import annotations

import numpy as np


def _unit_rows(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def prepared(states: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """What the match reads of a text's states: each centred on the model's mean state, at unit length."""
    return _unit_rows(np.asarray(states, dtype=np.float32) - centre).astype(np.float32)


def token_match(query: np.ndarray, passage: np.ndarray, weights: np.ndarray, centre: np.ndarray) -> float:
    """Weighted mean over the question's tokens of their best centred cosine with any passage token.

    query: (n, d) states of the question's own tokens; passage: (m, d); weights: (n,), negative ones count 0.
    """
    return match_prepared(prepared(query, centre), prepared(passage, centre), weights)


def match_prepared(query: np.ndarray, passage: np.ndarray, weights: np.ndarray) -> float:
    """token_match on states already prepared (knowledge.token_states keeps passages' states so)."""
    if len(query) == 0 or len(passage) == 0:
        return 0.0
    best = (query @ passage.T).max(axis=1)
    w = np.maximum(np.asarray(weights, dtype=np.float64), 0.0)
    if w.sum() <= 0:
        return float(best.mean())
    return float((best * w).sum() / w.sum())
