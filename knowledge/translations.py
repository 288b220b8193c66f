"""Which passages (or factors) are translations of each other, from their vectors. Pure.

A translation is each other's closest text in the other language (Indonesian and English: passages in any
other language have none), and close: cosine >= TRANSLATION_FLOOR.
"Closest both ways" matters because a different statement on the same subject can be close too. Measured with
multilingual-e5-small (passage prompt): the abstract's 11 Indonesian/English factor pairs, lowest 0.846, while a
non-pair of the same category reaches 0.876; the shipped notes' translations 0.845–0.96 (median 0.93), other
passage pairs across the two languages a median of 0.83.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

TRANSLATION_FLOOR = 0.84
_BLOCK = 1024  # rows per cosine block: against a 10k-passage document, 40 MB


# Translations pair the two answer languages only. A Japanese report is the source an English note cites, not a
# version to show in its place; pairing it would also take the English note from its Indonesian translation.
_TWIN_LANGUAGE = {"id": "en", "en": "id"}


def twin_language(language: str) -> str | None:
    """The language a passage's translation is looked for in: the other answer language, or None."""
    return _TWIN_LANGUAGE.get(language)


def _closest_row(sims: np.ndarray, langs: np.ndarray, language: str) -> tuple[int, float] | None:
    others = np.flatnonzero(langs == twin_language(language))
    if not len(others):
        return None
    j = int(others[int(sims[others].argmax())])
    return j, float(sims[j])


def mutual_twins(
    vectors: np.ndarray, languages: Sequence[str], floor: float = TRANSLATION_FLOOR, sims: np.ndarray | None = None
) -> dict[int, int]:
    """Row index -> the row of its translation, both ways: rows in different languages that are each other's
    closest row in another language, with a cosine (unit vectors) of at least ``floor``. Ties go to the first.
    ``sims``: the rows' cosines when the caller already has them."""
    n = len(languages)
    if n < 2:
        return {}
    if sims is None:
        vecs = np.asarray(vectors)
        sims = vecs @ vecs.T
    langs = np.asarray(languages)
    closest = {i: c[0] for i in range(n) if (c := _closest_row(sims[i], langs, langs[i])) is not None}
    return {i: j for i, j in closest.items() if closest.get(j) == i and sims[i, j] >= floor}


def translation_rows(
    rows: Sequence[int], vectors: np.ndarray, languages: Sequence[str], floor: float = TRANSLATION_FLOOR
) -> dict[int, int]:
    """Each of ``rows`` (a few, against all rows: a whole store's vectors, memory-mapped) -> the row of its
    translation, for those that have one: ``mutual_twins``, and where the closest row on one side is a hair
    nearer a row already paired closer with its own translation, the next one. "Perda Kota Bandung 9/2018
    melarang …" stands 0.9020 from the English note before "… 9/2018 bans …" (0.9016), which is its own
    Indonesian twin's at 0.96: mutual-nearest alone made the two no pair, and one answer cited both."""
    langs = np.asarray(languages)
    if not len(rows) or len(langs) < 2:
        return {}
    vecs = np.asarray(vectors)  # a view: a memory-mapped table is not copied
    near: dict[int, list[tuple[int, float]]] = {}  # row -> its two closest rows in its twin language

    def look(wanted: Iterable[int]) -> None:
        # All rows still unknown in one product: one pass over the (memory-mapped) vectors, not one each.
        todo = sorted({i for i in wanted if i not in near})
        if todo:
            for i, row in zip(todo, vecs[todo] @ vecs.T, strict=True):
                near[i] = _two_closest(row, langs, langs[i])

    def first(x: int) -> int | None:
        return near[x][0][0] if near.get(x) else None

    def paired(x: int) -> bool:  # x and its closest row are each other's closest: a translation pair
        y = first(x)
        return y is not None and first(y) == x

    look(rows)
    look(j for i in rows for j, _ in near[i])  # each row's two candidates
    look(b for i in rows for j, _ in near[i] if (b := first(j)) is not None)  # their own first choices
    look(k for i in rows for j, _ in near[i] if (b := first(j)) is not None and (k := first(b)) is not None)
    pairs: dict[int, int] = {}
    for i in rows:
        if not near[i]:
            continue
        (j1, s1), *rest = near[i]
        b = first(j1)
        second = near[j1][1][0] if len(near[j1]) > 1 else None
        if s1 >= floor and (b == i or (second == i and b is not None and first(b) != j1 and paired(b))):
            pairs[i] = j1  # each other's closest, or i is j1's next and j1's closest is paired with another
        elif rest and b is not None and b != i and paired(j1) and rest[0][1] >= floor and first(rest[0][0]) == i:
            pairs[i] = rest[0][0]  # i's closest is paired with another, and i's next has i as its closest
    return pairs


def _two_closest(sims: np.ndarray, langs: np.ndarray, language: str) -> list[tuple[int, float]]:
    """The two rows closest to a row among those in its twin language, closest first, with their cosines. Not
    _closest_row's way: that runs on every row of a document being ingested, where an argmax beats a sort."""
    others = np.flatnonzero(langs == twin_language(language))
    top = others[np.argsort(-sims[others], kind="stable")[:2]]
    return [(int(j), float(sims[j])) for j in top]


# For each row of a matrix (with its language), the stored passage closest to it among those in another
# language than the row's: (id, cosine), or None when the store holds none.
NearestStored = Callable[[np.ndarray, Sequence[str]], list[tuple[str, float] | None]]
# Stored passages by id -> their vectors (rows in the order asked) and languages.
StoredVectors = Callable[[Sequence[str]], tuple[np.ndarray, list[str]]]


def translations_with_stored(
    vectors: np.ndarray,
    languages: Sequence[str],
    nearest: NearestStored,
    stored: StoredVectors,
    floor: float = TRANSLATION_FLOOR,
) -> dict[int, int | str]:
    """New row -> its translation: another new row (int) or a stored passage (its id). The rule of
    ``mutual_twins`` over the new rows and the stored passages together, without reading the whole store:
    the store is asked only for each row's closest passage in another language, and again for the stored
    passages that came out closest (does one of the new rows beat their own closest stored passage?)."""
    vecs = np.asarray(vectors, dtype=np.float32)
    langs = np.asarray(list(languages))
    if not len(langs):
        return {}

    def closest(own: tuple[int, float] | None, outside: tuple[str, float] | None) -> tuple[int | str, float] | None:
        options = [o for o in (own, outside) if o is not None]
        return max(options, key=lambda o: o[1]) if options else None

    found = nearest(vecs, list(langs))
    choice: list[tuple[int | str, float] | None] = []
    for lo in range(0, len(langs), _BLOCK):  # a long document's cosines a block of rows at a time
        for i, row in enumerate(vecs[lo : lo + _BLOCK] @ vecs.T, start=lo):
            choice.append(closest(_closest_row(row, langs, langs[i]), found[i]))
    wanted = {i: c for i, c in enumerate(choice) if c is not None and c[1] >= floor}
    stored_ids = sorted({c[0] for c in wanted.values() if isinstance(c[0], str)})
    back: dict[str, int | str | None] = {}
    if stored_ids:
        svecs, slangs = stored(stored_ids)
        svecs = np.asarray(svecs, dtype=np.float32)
        outside = nearest(svecs, slangs)
        for lo in range(0, len(stored_ids), _BLOCK):
            for k, row in enumerate(svecs[lo : lo + _BLOCK] @ vecs.T, start=lo):
                c = closest(_closest_row(row, langs, slangs[k]), outside[k])
                back[stored_ids[k]] = None if c is None else c[0]
    out: dict[int, int | str] = {}
    for i, (target, _) in wanted.items():
        if isinstance(target, str):
            mutual = back.get(target) == i
        else:
            theirs = choice[target]
            mutual = theirs is not None and theirs[0] == i
        if mutual:
            out[i] = target
    return out
