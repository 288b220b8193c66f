"""Keyword (BM25) search over passages written in Indonesian or English.

Passages in both languages share one bm25s index of the tokens of knowledge/tokens.py (each passage stemmed by
its own language), so names and numbers ("kawasaki", "2016") match across languages as they are. A query is
parsed into terms (knowledge/query_terms.py): a term's score is the best of its alternatives (so variants never
add up), and the index score is the sum over terms. ``matched_terms`` counts the terms a passage contains
completely (the abstention's word coverage); ``weight_share`` is the share of the query's idf it holds (the
fusion's trust in the score).

``LexicalIndex.corrected`` respells a query's typos before anything searches: a word that no passage holds in
any form and no dictionary knows becomes the passages' own word spelled within one edit of it (two for long
words), or the stop word so spelled ("Kawsaki" -> "Kawasaki", "dngan" -> "dengan"); failing that, two words
typed without the space between them are split ("yangdimaksud" -> "yang dimaksud").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import bm25s
import numpy as np

from knowledge.atomic import write_folder
from knowledge.informal import formal_form
from knowledge.query_terms import QueryTerm, held_in, parse_query, query_names
from knowledge.spelling import is_common_word, max_typos, near_words
from knowledge.tokens import (
    fingerprint,
    index_token,
    learn_id_stems,
    learned_id_stems,
    pipeline,
    split_words,
    stem,
    stopwords,
)

# A synonym or other-stemmer form scores a little below the query's own words, so exact wording wins ties.
ALTERNATIVE_WEIGHT = 0.9

_LETTERS = re.compile(r"[^\W\d_]+")


class LexicalIndexMismatch(ValueError):
    """A saved index was made by another tokenizer or stop-word list: rebuild it."""


def is_real_word(word: str) -> bool:
    """A common word of either language, or an Indonesian one with affixes on a common root ("latinnya"):
    absent from the passages, but no typo."""
    if is_common_word(word):
        return True
    root = stem(word, "id")
    return root != word and len(root) >= 4 and is_common_word(root)  # a short "root" is often a mis-stemmed typo


def _by_initial(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Words of three letters or more by their first letter, which a typo keeps (``LexicalIndex.near_spelling``)."""
    out: dict[str, list[str]] = {}
    for word in words:
        if len(word) >= 3:
            out.setdefault(word[0], []).append(word)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _stop_by_initial() -> dict[str, tuple[str, ...]]:
    return _by_initial(sorted(stopwords()))


def _respell(query: str, pick: Callable[[str, str], str | None]) -> str:
    """``query`` with each word that ``pick`` (given the word as written and folded) gives a new spelling for
    replaced by it, capitalised where the word was; everything else stays as written."""

    def respell(match: re.Match[str]) -> str:
        raw = match.group(0)
        folded = split_words(raw)
        new = pick(raw, folded[0]) if len(folded) == 1 else None
        if new is None:
            return raw
        return new[:1].upper() + new[1:] if raw[:1].isupper() else new

    return _LETTERS.sub(respell, query)


# -- the index ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LexicalHit:
    id: str
    score: float
    matched_terms: int
    query_terms: int
    # The share of the query's keyword weight (each term's BM25 idf) that the passage holds: in a corpus about
    # one partnership, "Bandung", "Kawasaki" and "kerja sama" are in most passages and say little.
    weight_share: float = 0.0


def term_idf(passages: int, holding: int) -> float:
    """BM25's idf: a term in every passage weighs ~0, one in none the most (an unknown query word)."""
    return float(np.log1p((passages - holding + 0.5) / (holding + 0.5)))


def _token_ids(
    texts: Sequence[str], languages: Sequence[str], vocab: dict[str, int],
    memo: dict[str, dict[str, int]] | None = None,
) -> list[list[int]]:
    """``tokenize`` for a whole corpus, straight to vocabulary ids (one dict look-up per word). ``memo`` is
    filled with pipeline -> word -> token id (-1 if dropped): the corpus's own spellings."""
    memo = {} if memo is None else memo
    corpus: list[list[int]] = []
    for text, language in zip(texts, languages, strict=True):
        pipe = pipeline(language)
        seen = memo.setdefault(pipe, {})
        doc: list[int] = []
        for word in split_words(text):
            tid = seen.get(word)
            if tid is None:
                term = index_token(word, pipe)
                tid = seen[word] = vocab.setdefault(term, len(vocab)) if term else -1
            if tid >= 0:
                doc.append(tid)
        corpus.append(doc)
    return corpus


def _order(scores: np.ndarray, cand: np.ndarray, limit: int) -> np.ndarray:
    """The best ``limit`` candidates, by score then position (deterministic ties)."""
    if len(cand) > limit:
        cand = cand[np.argpartition(-scores[cand], limit - 1)[:limit]]
    return cand[np.lexsort((cand, -scores[cand]))]


class LexicalIndex:
    """BM25 over passages of both languages; derived data, rebuilt whole when passages change."""

    def __init__(
        self, ids: Sequence[str], languages: Sequence[str], bm25: bm25s.BM25 | None,
        spellings: dict[str, list[str]] | Path | None = None,
    ) -> None:
        self._ids = list(ids)
        self._languages = list(languages)
        self._bm25 = bm25
        self._vocab: dict[str, int] = bm25.vocab_dict if bm25 is not None else {}
        self._spellings_from = spellings  # the mapping, or the saved file it is read from (``_spellings``)
        if bm25 is not None:  # bm25s keeps each token's postings as a CSC column
            self._data = np.asarray(bm25.scores["data"], dtype=np.float32)
            self._indices = np.asarray(bm25.scores["indices"])
            self._indptr = np.asarray(bm25.scores["indptr"])

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._ids)

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str], languages: Sequence[str]) -> LexicalIndex:
        if not len(ids) == len(texts) == len(languages):
            raise ValueError("ids, texts and languages must have the same length")
        if len(set(ids)) != len(ids):
            raise ValueError("passage ids must be unique")
        vocab: dict[str, int] = {}
        memo: dict[str, dict[str, int]] = {}
        corpus = _token_ids(texts, languages, vocab, memo)
        if not vocab:  # no passages, or nothing but stop words: nothing can ever match
            return cls(ids, languages, None)
        bm25 = bm25s.BM25()
        # Token ids straight from our own vocabulary: skips bm25s' second pass over the tokens.
        bm25.index((corpus, vocab), create_empty_token=False, show_progress=False)
        names = {tid: token for token, tid in vocab.items()}
        words: dict[str, list[str]] = {}
        for seen in memo.values():
            for word, tid in seen.items():
                if tid >= 0 and len(word) >= 3 and word.isalpha() and names[tid] not in words.get(word, ()):
                    words.setdefault(word, []).append(names[tid])
        return cls(ids, languages, bm25, words)

    # -- search --------------------------------------------------------------------------------------
    def _term_scores(self, term: QueryTerm) -> tuple[np.ndarray, np.ndarray] | None:
        """Per passage: the term's best alternative score, and whether some alternative is complete."""
        n = len(self._ids)
        best: np.ndarray | None = None
        present = np.zeros(n, dtype=bool)
        for j, tokens in enumerate((term.own, *term.alternatives, *self._fallback(term))):
            tids = [self._vocab[t] for t in tokens if t in self._vocab]
            if not tids or (j > 0 and len(tids) < len(tokens)):
                continue
            if best is None:
                best = np.zeros(n, dtype=np.float32)
            total = np.zeros(n, dtype=np.float32)
            count = np.zeros(n, dtype=np.int32)
            for tid in tids:  # postings hold each passage once, so fancy-index += is exact
                lo, hi = self._indptr[tid], self._indptr[tid + 1]
                docs = self._indices[lo:hi]
                total[docs] += self._data[lo:hi]
                count[docs] += 1
            full = count == len(tokens)
            if j > 0:
                total *= ALTERNATIVE_WEIGHT
                if len(tokens) > 1:
                    total[~full] = 0.0
            np.maximum(best, total, out=best)
            present |= full
        return None if best is None else (best, present)

    @cached_property
    def _spellings(self) -> dict[str, list[str]]:
        """The passages' own spellings: word -> its index tokens (one per stemmer that met it), what a typo in a
        query is checked against. A saved index reads them at the first unknown word, not at load (~36 ms per
        3,000 passages); if the file has gone since (a newer index replaced it), respelling stops, searching
        does not."""
        source = self._spellings_from
        if not isinstance(source, Path):
            return source or {}
        try:
            return json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    @cached_property
    def _initials(self) -> dict[str, tuple[str, ...]]:
        """The passages' words by first letter: made on the first typo, not at load."""
        return _by_initial(self._spellings)

    def near_spelling(self, word: str) -> str | None:
        """The passages' word or the stop word an unknown lower-case word most likely misspells (within
        ``max_typos`` by knowledge.spelling.slip_cost, same first letter: typos rarely hit it): the fewest
        edits, then a stop word, then the word more passages hold. None when nothing is near, or the word is a
        real one (``is_real_word``)."""
        limit = max_typos(word)
        if not limit or self._bm25 is None:
            return None
        candidates = (*_stop_by_initial().get(word[0], ()), *self._initials.get(word[0], ()))
        # (slip cost, -passages holding it, word): among equal costs a stop word first, then the most widely held.
        found = [(cost, -self._spread(near), near) for cost, near in near_words(word, candidates, limit)]
        # The dictionary last: most unknown words (names) have no near spelling, and its first use loads it.
        if not found or is_real_word(word):
            return None
        return min(found)[2]

    def split_spelling(self, word: str) -> str | None:
        """Two words typed without the space between them ("yangdimaksud", "legoknangka"): the split whose both
        halves are stop words (three letters or more) or the passages' words (four or more: short ones make
        chance splits, "sontek" into "son tek"), the one whose rarer half more passages hold. None when there
        is no such split, or the word is a real one."""
        if len(word) < 6 or not word.isalpha():
            return None
        def held(part: str) -> int | None:
            known = part in stopwords() or (len(part) >= 4 and part in self._spellings)
            return self._spread(part) if known else None

        best: tuple[int, str] | None = None
        for i in range(3, len(word) - 2):
            left, right = held(word[:i]), held(word[i:])
            if left is not None and right is not None and (best is None or min(left, right) > best[0]):
                best = (min(left, right), f"{word[:i]} {word[i:]}")
        if best is None or is_real_word(word):
            return None
        return best[1]

    def _spread(self, word: str) -> int:
        """How many passages hold a word of theirs (through its most widely held token); a stop word, which the
        index drops, counts as held by more than all."""
        if word in stopwords():
            return len(self._ids) + 1
        return max(self._held(token) for token in self._spellings[word])

    def _held(self, token: str) -> int:
        tid = self._vocab[token]
        return int(self._indptr[tid + 1] - self._indptr[tid])

    def search(
        self,
        query: str,
        language: str,
        k: int = 50,
        allowed: Callable[[str], bool] | None = None,
    ) -> list[LexicalHit]:
        """Best passages for a query, score descending; only passages that share a term with it."""
        if k <= 0 or self._bm25 is None:
            return []
        terms = parse_query(query, language)
        n = len(self._ids)
        scores = np.zeros(n, dtype=np.float32)
        matched = np.zeros(n, dtype=np.int32)
        held = np.zeros(n, dtype=np.float64)  # idf of the terms each passage holds (some of a term's tokens)
        total = 0.0
        for term in terms:
            got = self._term_scores(term)
            if got is None:
                total += term_idf(n, 0)
                continue
            scores += got[0]
            matched += got[1]
            holds = got[0] > 0  # BM25 scores are positive wherever a token is held
            weight = term_idf(n, int(holds.sum()))
            held[holds] += weight
            total += weight
        cand = np.flatnonzero(scores > 0)
        if not len(cand):
            return []
        picked = self._pick(scores, cand, k, allowed)
        share = held / total if total > 0 else held
        return [
            LexicalHit(self._ids[i], float(scores[i]), int(matched[i]), len(terms), float(share[i])) for i in picked
        ]

    def unknown_terms(self, query: str, language: str) -> list[str]:
        """The query's terms that no passage contains in any form: words the knowledge base has never seen."""
        return self._absent(parse_query(query, language))

    def formalised(self, query: str, language: str) -> str:
        """In an Indonesian query, each chat word no passage holds in its standard form ("brp" -> "berapa",
        knowledge/informal.py); the query itself when it has none or is in another language."""
        if pipeline(language) != "id":
            return query
        chat = {w for w in self.unknown_terms(query, language) if " " not in w and formal_form(w) is not None}
        # formal_form reads the word as typed: one in capitals is an acronym ("BRT"), left alone.
        return _respell(query, lambda raw, word: formal_form(raw) if word in chat else None) if chat else query

    def corrected(self, query: str, language: str) -> str:
        """The query formalised (``formalised``) and each typo respelled (see the module's docstring); the query
        itself when it has neither. Other words, spacing and punctuation stay as written; a respelled
        capitalised word stays capitalised."""
        query = self.formalised(query, language)
        fixes = {}
        for word in self.unknown_terms(query, language):
            near = None if " " in word else self.near_spelling(word) or self.split_spelling(word)
            if near is not None:
                fixes[word] = near
        return _respell(query, lambda raw, word: fixes.get(word)) if fixes else query

    def absent_names(self, query: str, language: str, rows: np.ndarray) -> list[str]:
        """The query's names (query_names) that no passage among ``rows`` (a mask in index order) contains."""
        return self._absent(query_names(query, language), rows)

    def _absent(self, terms: list[QueryTerm], rows: np.ndarray | None = None) -> list[str]:
        """The labels of the terms no passage (among ``rows``, when given) contains in any form."""
        out = []
        for term in terms:
            if rows is None:  # the vocabulary alone says it, without scoring every passage (as _term_scores does)
                if not self._known(term):
                    out.append(term.label)
                continue
            got = None if self._bm25 is None else self._term_scores(term)
            if got is None or not (got[1] & rows).any():
                out.append(term.label)
        return out

    def _known(self, term: QueryTerm) -> bool:
        """Whether some passage holds the term: one of its own tokens, or all of an alternative's (its fallback
        counts only where its own tokens are unknown, as in _fallback, which held_in checks last)."""
        return held_in(term, self._vocab)

    def _fallback(self, term: QueryTerm) -> tuple[tuple[str, ...], ...]:
        """The term's fallback as one more alternative, when no passage holds its own tokens."""
        if not term.fallback or any(t in self._vocab for t in term.own):
            return ()
        return (term.fallback,)

    def _pick(
        self, scores: np.ndarray, cand: np.ndarray, k: int, allowed: Callable[[str], bool] | None
    ) -> list[int]:
        if allowed is None:
            return [int(i) for i in _order(scores, cand, k)]
        # The filter is a Python call per passage: ask it about the best few first, all only if needed.
        first = _order(scores, cand, max(4 * k, 256))
        out: list[int] = []
        asked: set[int] = set()
        for batch in (first, _order(scores, cand, len(cand)) if len(first) < len(cand) else first[:0]):
            for i in map(int, batch):
                if len(out) == k:
                    return out
                if i not in asked:
                    asked.add(i)
                    if allowed(self._ids[i]):
                        out.append(i)
        return out

    # -- persistence ---------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write the index to ``folder`` atomically: readers see the old folder or the new one whole."""
        write_folder(Path(folder), self.write)

    def write(self, folder: Path) -> None:
        """The index's files, into an existing folder (see write_folder for the atomic swap)."""
        if self._bm25 is not None:
            self._bm25.save(str(folder / "bm25"), show_progress=False)
        meta = {"tokenizer": fingerprint(), "ids": self._ids, "languages": self._languages}
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        (folder / "words.json").write_text(json.dumps(self._spellings, ensure_ascii=False), encoding="utf-8")
        # Saves the slow Sastrawi calls when a fresh process rebuilds after its next ingest.
        stems = json.dumps(learned_id_stems(), ensure_ascii=False)
        (folder / "stems-id.json").write_text(stems, encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        folder = Path(folder)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("tokenizer") != fingerprint():
            raise LexicalIndexMismatch(f"{folder} was built by another tokenizer or stop-word list")
        ids, languages = list(meta["ids"]), list(meta["languages"])
        bm25 = None
        if (folder / "bm25").is_dir():
            bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
            if bm25.scores["num_docs"] != len(ids):
                raise ValueError(f"{folder}: the bm25 index and the passage ids disagree")
        stems = folder / "stems-id.json"
        if stems.exists():
            learn_id_stems(json.loads(stems.read_text(encoding="utf-8")))
        spellings = folder / "words.json"
        if not spellings.is_file():
            raise ValueError(f"{folder}: the passages' spellings (words.json) are missing")
        return cls(ids, languages, bm25, spellings)

