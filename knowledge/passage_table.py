"""What the search needs to know about every passage, without holding the passages: one row per passage with
its vector and the fields the filters look at. Saved beside the keyword index of the same store generation, so
a new process loads it from disk (the vectors memory-mapped) instead of reading every passage back out of
Chroma, which took ~10 s at 50k passages. Full passages are fetched by id for the few hits that need them."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path

import numpy as np

from knowledge.translations import TRANSLATION_FLOOR, translation_rows
from knowledge.types import Filters, Passage

VECTORS_FILE = "vectors.npy"
TABLE_FILE = "passages.json"
# Bump when the saved columns change: a table of another format refuses to load and is rebuilt.
TABLE_FORMAT = 2
MASKS_KEPT = 32  # filter masks kept per table (see PassageTable.admitted)


class PassageTable:
    def __init__(
        self,
        ids: Sequence[str],
        doc_ids: Sequence[str],
        languages: Sequence[str],
        kinds: Sequence[str],
        categories: Sequence[str],
        contains: Sequence[Collection[str]],
        vectors: np.ndarray,
    ) -> None:
        if not len(ids) == len(doc_ids) == len(languages) == len(kinds) == len(categories) == len(contains) == (
            vectors.shape[0]
        ):
            raise ValueError("every column of a passage table needs one value per passage")
        self.ids = list(ids)
        self.rows = {pid: i for i, pid in enumerate(self.ids)}
        self.doc_ids, self.languages, self.kinds = list(doc_ids), list(languages), list(kinds)
        # `contains`: the categories of the passage's label and of its factors.
        self.categories = list(categories)
        self.contains = [frozenset(c) for c in contains]
        self.vectors = vectors
        self._kind_rows: dict[str, np.ndarray] = {}
        self._admitted: dict[Filters, np.ndarray] = {}

    @classmethod
    def from_passages(cls, passages: Sequence[Passage], vectors: np.ndarray) -> PassageTable:
        return cls(
            [p.id for p in passages], [p.doc_id for p in passages], [p.language for p in passages],
            [p.kind for p in passages], [p.category for p in passages],
            [p.categories() for p in passages], vectors,
        )

    def __len__(self) -> int:
        return len(self.ids)

    def language(self, pid: str) -> str:
        return self.languages[self.rows[pid]]

    def doc_id(self, pid: str) -> str:
        return self.doc_ids[self.rows[pid]]

    def similarity(self, pids: Sequence[str], vector: np.ndarray) -> list[float]:
        """Cosine of each passage's stored (normalised) vector with the question's."""
        if not pids:
            return []
        return [float(s) for s in np.asarray(self.vectors[[self.rows[p] for p in pids]]) @ vector]

    def nearest(self, vector: np.ndarray, n: int, filters: Filters = Filters()) -> list[tuple[str, float]]:
        """The ``n`` passages the filters admit whose vectors lie nearest the question's: (id, cosine), best first
        (ties by table order). Exact, over every stored vector: ~1 ms at 10k passages, where Chroma's filtered
        query took ~25 ms of a question's ~120 on a two-core machine without AVX-512, and its HNSW graph is an
        approximation."""
        if n <= 0 or not self.ids:
            return []
        sims = np.asarray(self.vectors, dtype=np.float32) @ np.asarray(vector, dtype=np.float32)
        mask = self.admitted(filters)
        rows = np.arange(len(sims)) if mask is None else np.flatnonzero(mask)
        if len(rows) > n:
            rows = rows[np.argpartition(-sims[rows], n - 1)[:n]]
        rows = rows[np.lexsort((rows, -sims[rows]))]
        return [(self.ids[i], float(sims[i])) for i in rows]

    def admitted(self, filters: Filters) -> np.ndarray | None:
        """A mask of the rows the filters admit; None when they admit every row. Kept per filters: a session asks
        with a handful (the documents chosen, a category), and at 50k passages a mask takes ~16 ms."""
        if filters == Filters():
            return None
        mask = self._admitted.get(filters)
        if mask is None:
            mask = np.fromiter((self._admits(i, filters) for i in range(len(self.ids))), dtype=bool,
                               count=len(self.ids))
            if len(self._admitted) >= MASKS_KEPT:
                self._admitted.clear()
            self._admitted[filters] = mask
        return mask

    def translations(self, pids: Sequence[str], floor: float = TRANSLATION_FLOOR) -> dict[str, str]:
        """Each passage's translation anywhere in the store, where it has one (knowledge.translations): passage
        id -> its translation's id."""
        rows = [self.rows[p] for p in pids if p in self.rows]
        pairs = translation_rows(rows, self.vectors, self.languages, floor)
        return {self.ids[i]: self.ids[j] for i, j in pairs.items()}

    def kind_rows(self, kind: str) -> np.ndarray:
        """A mask of the passages of one kind, in table order (the keyword index's order too)."""
        if kind not in self._kind_rows:
            self._kind_rows[kind] = np.array([k == kind for k in self.kinds], dtype=bool)
        return self._kind_rows[kind]

    def allows(self, pid: str, filters: Filters) -> bool:
        i = self.rows.get(pid)
        return i is not None and self._admits(i, filters)

    def _admits(self, i: int, filters: Filters) -> bool:
        return filters.admits(self.doc_ids[i], self.languages[i], self.kinds[i], self.categories[i], self.contains[i])

    # -- persistence (into a folder the caller replaces atomically) ---------------------------------------
    def write(self, folder: Path) -> None:
        np.save(folder / VECTORS_FILE, np.ascontiguousarray(self.vectors, dtype=np.float32))
        columns = {"format": TABLE_FORMAT, "ids": self.ids, "doc_ids": self.doc_ids, "languages": self.languages,
                   "kinds": self.kinds, "categories": self.categories,
                   "contains": [sorted(c) for c in self.contains]}
        (folder / TABLE_FILE).write_text(json.dumps(columns, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> PassageTable:
        columns = json.loads((folder / TABLE_FILE).read_text(encoding="utf-8"))
        if columns.get("format") != TABLE_FORMAT:
            raise ValueError(f"{folder / TABLE_FILE} is of another format: rebuild it")
        # Memory-mapped: a question touches only the rows of its keyword-only candidates.
        vectors = np.load(folder / VECTORS_FILE, mmap_mode="r")
        return cls(columns["ids"], columns["doc_ids"], columns["languages"], columns["kinds"],
                   columns["categories"], columns["contains"], vectors)
