"""Chroma store: passages (vectors + citation metadata) and the document registry, embedded or server.

A document becomes visible only when its registry record is written, and that happens after all of its
passages are stored; passages without a record are partial ingests and are swept by `repair()`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.config import Settings, model_identity
from knowledge.token_states import STATES_FOLDER, forget_texts
from knowledge.translations import twin_language
from knowledge.types import SWOT, DocumentRecord, Factor, Passage, same_words

log = logging.getLogger(__name__)

GENERATION_ID = "__generation__"
# Test-only hook (documented in README): after a document's passages are stored and before its registry record,
# write this process's id to the file named here and sleep KAWAN_TEST_PAUSE_SECONDS, so a test can kill it there.
PAUSE_ENV = "KAWAN_TEST_PAUSE_AFTER_PASSAGES"
_BATCH = 1000  # Chroma caps the size of one add; stay well under it.
GET_PAGE = 2000
# One text embedded twice gives the same vector (up to the index's float error); anything under this is not it.
SAME_TEXT_COSINE = 0.98



def _records(got: Any) -> dict[str, DocumentRecord]:
    """The document records of a get() on the documents collection, by id (the generation marker is none)."""
    return {
        i: DocumentRecord(**json.loads(str(m["record"])))
        for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)
        if i != GENERATION_ID and m and "record" in m
    }


class StoreError(RuntimeError):
    """A store problem a person can act on (server down, wrong model, …); the message says what to do."""


class UnknownDocumentError(LookupError):
    """A document id or prefix that names no stored document (or, a prefix, more than one)."""


class ModelMismatchError(StoreError):
    pass


@dataclass(frozen=True)
class ModelRecord:
    name: str
    dimension: int


def _unreachable(settings: Settings, exc: BaseException) -> StoreError:
    return StoreError(
        f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} ({type(exc).__name__}). "
        "Start it (`chroma run --path DIR --host HOST --port PORT`), or unset KAWAN_CHROMA_HOST to use the local store."
    )


def _is_connection_error(exc: BaseException) -> bool:
    import httpx

    if isinstance(exc, httpx.TransportError | ConnectionError | TimeoutError):
        return True
    # chromadb's own wording when a client cannot reach its server.
    return isinstance(exc, ValueError) and "Could not connect to a Chroma server" in str(exc)


class _Guarded:
    """A Chroma collection whose every call turns a lost server connection into a StoreError, so a server that
    goes down after start-up is reported like one that was never up, and the next call works once it is back."""

    def __init__(self, collection: Any, settings: Settings) -> None:
        self._collection = collection
        self._settings = settings

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._collection, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return attr(*args, **kwargs)
            except Exception as exc:
                if _is_connection_error(exc):
                    raise _unreachable(self._settings, exc) from exc
                if type(exc).__name__ == "NotFoundError":
                    raise StoreError(
                        "the index this process opened is gone (rebuilt by `kawan reindex` or deleted): "
                        "restart to open the current one"
                    ) from exc
                raise

        return call


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(float(os.environ.get("KAWAN_TEST_PAUSE_SECONDS", "600")))


def import_client() -> None:
    """Import Chroma's client library now (~0.6 s), e.g. while the model loads in another thread."""
    import chromadb  # noqa: F401


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.server_mode:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host or "localhost", port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as exc:  # the client raises bare exceptions when the server is unreachable
            raise _unreachable(settings, exc) from exc
    path = settings.store / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def _passage_metadata(p: Passage) -> dict[str, Any]:
    return {
        "doc_id": p.doc_id,
        "index": p.index,
        "page": -1 if p.page is None else p.page,
        "start": p.start,
        "end": p.end,
        "language": p.language,
        "category": p.category,
        "confidence": float(p.confidence),
        "factors": json.dumps([f.__dict__ for f in p.factors], ensure_ascii=False),
        "file": p.file,
        "title": p.title,
        "kind": p.kind,
        "ocr": p.ocr,
        "ocr_confidence": -1.0 if p.ocr_confidence is None else float(p.ocr_confidence),  # Chroma has no None
        # Flags let a search ask for "passages holding a threat factor" with a plain metadata filter.
        **{f"has_{c}": c in p.categories() for c in SWOT},
    }


def passage_from_chroma(pid: str, text: str, meta: dict[str, Any]) -> Passage:
    page = int(meta.get("page", -1))
    factors = tuple(Factor(**f) for f in json.loads(str(meta.get("factors") or "[]")))
    return Passage(
        id=pid,
        doc_id=str(meta["doc_id"]),
        index=int(meta.get("index", 0)),
        text=text,
        page=None if page < 0 else page,
        start=int(meta.get("start", 0)),
        end=int(meta.get("end", 0)),
        language=str(meta.get("language", "en")),
        category=str(meta.get("category", "other")),
        confidence=float(meta.get("confidence", 0.0)),
        factors=factors,
        file=str(meta.get("file", "")),
        title=str(meta.get("title", "")),
        kind=str(meta.get("kind", "upload")),
        ocr=bool(meta.get("ocr", False)),
        ocr_confidence=None if float(meta.get("ocr_confidence", -1.0)) < 0 else float(meta["ocr_confidence"]),
    )


class Store:
    """One code path over an embedded PersistentClient or an HttpClient to a Chroma server."""

    def __init__(self, settings: Settings, model: ModelRecord | None = None, suffix: str | None = None) -> None:
        """With model=None the store is opened for reading the registry or removing (no model needed).

        The active pair of collections is named by a pointer record (`kawan reindex` builds a new pair with
        another suffix and moves the pointer only when it is complete); `suffix` opens a given pair instead.
        """
        self.settings = settings
        self.model = model
        self.files_dir = settings.store / "files"
        try:
            self._client = _client(settings)
            self._pointer = _Guarded(
                self._client.get_or_create_collection(f"{settings.collection}_pointer", embedding_function=None),
                settings,
            )
            self.suffix = self._active_suffix() if suffix is None else suffix
            self._docs = _Guarded(
                self._client.get_or_create_collection(self.documents_name, embedding_function=None), settings
            )
            self._passages = _Guarded(
                self._client.get_or_create_collection(
                    self.passages_name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
                ),
                settings,
            )
        except StoreError:
            raise
        except Exception as exc:
            if settings.server_mode and _is_connection_error(exc):
                raise _unreachable(settings, exc) from exc
            raise
        self._check_model()

    # -- which collections are active ---------------------------------------------------------------
    @property
    def documents_name(self) -> str:
        return f"{self.settings.collection}_documents{self.suffix}"

    @property
    def passages_name(self) -> str:
        return f"{self.settings.collection}_passages{self.suffix}"

    def _active_suffix(self) -> str:
        return str((self._pointer.metadata or {}).get("suffix", ""))

    def new_staging(self, model: ModelRecord) -> Store:
        """An empty pair of collections beside the active one, for a rebuild; its generation continues ours so a
        keyword index cached for an older generation is never mistaken for the new one."""
        staging = Store(self.settings, model, suffix=f"_r{time.time_ns()}")
        staging._set_generation(self.generation() + 1)
        return staging

    def activate(self) -> list[str]:
        """Point the store at this pair (one metadata write), then drop the pair that was active before."""
        current = Store(self.settings, None)
        self._pointer.modify(metadata={"suffix": self.suffix or "", "switched": time.time()})
        dropped = []
        if current.suffix != self.suffix:
            for name in (current.documents_name, current.passages_name):
                self._drop(name)
                dropped.append(name)
        return dropped

    def stray_collections(self) -> list[str]:
        """Collections of this store that are not the active pair: left by an interrupted rebuild."""
        prefixes = (f"{self.settings.collection}_documents", f"{self.settings.collection}_passages")
        names = [getattr(c, "name", c) for c in _Guarded(self._client, self.settings).list_collections()]
        active = {self.documents_name, self.passages_name}
        return sorted(n for n in names if n.startswith(prefixes) and n not in active)

    def drop_collection(self, name: str) -> None:
        if name in (self.documents_name, self.passages_name):
            raise ValueError(f"refusing to drop the active collection {name}")
        self._drop(name)

    def _drop(self, name: str) -> None:
        try:
            _Guarded(self._client, self.settings).delete_collection(name)
        except StoreError:
            raise
        except Exception:  # already gone
            log.debug("collection %s absent", name)

    # -- model record -------------------------------------------------------------------------------
    def _check_model(self) -> None:
        if self.model is None:
            return
        meta = self._passages.metadata or {}
        name, dim = meta.get("kawan_model"), meta.get("kawan_dim")
        if name is None:
            # A new (or never-filled) collection takes the model that fills it.
            if self._passages.count() == 0:
                self._passages.modify(metadata={"kawan_model": self.model.name, "kawan_dim": self.model.dimension})
            return
        # By identity: the same model folder in another place (a moved project) is the same model.
        if model_identity(str(name)) != model_identity(self.model.name) or int(dim or 0) != self.model.dimension:
            raise ModelMismatchError(
                f"the store at {self.settings.store} was built with model '{name}' (dimension {dim}), "
                f"but the configured model is '{self.model.name}' (dimension {self.model.dimension}). "
                "Vectors of two models never mix: set KAWAN_MODEL back, or rebuild the index with "
                "`kawan reindex` (re-embeds every stored original with the configured model)."
            )

    def recorded_model(self) -> ModelRecord | None:
        meta = self._passages.metadata or {}
        if "kawan_model" not in meta:
            return None
        return ModelRecord(str(meta["kawan_model"]), int(meta.get("kawan_dim", 0)))

    # -- documents ----------------------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        records = list(_records(self._docs.get(include=["metadatas"])).values())
        # The study the product is built on leads every list of sources; the rest in the order they came.
        return sorted(records, key=lambda r: (r.kind != "study", r.added, r.file))

    def document(self, doc_id: str) -> DocumentRecord | None:
        return self.documents_by_id([doc_id]).get(doc_id)

    def documents_by_id(self, ids: Collection[str]) -> dict[str, DocumentRecord]:
        """The records of ``ids`` in one store call, by id (an id not stored is left out)."""
        return _records(self._docs.get(ids=list(ids), include=["metadatas"])) if ids else {}

    def find_document(self, prefix: str) -> DocumentRecord | None:
        """A document by its full id or an unambiguous id prefix (ids are long sha256 hashes)."""
        exact = self.document(prefix)
        if exact:
            return exact
        matches = [d for d in self.documents() if d.id.startswith(prefix)]
        return matches[0] if len(matches) == 1 else None

    def require_document(self, prefix: str) -> DocumentRecord:
        """``find_document``, or UnknownDocumentError saying where the ids are listed."""
        record = self.find_document(prefix)
        if record is None:
            raise UnknownDocumentError(f"no document with id {prefix!r} (see `kawan docs`)")
        return record

    def page_texts(self, doc_id: str) -> dict[int | None, str]:
        got = self._docs.get(ids=[doc_id], include=["documents"])
        if not got["ids"] or not got["documents"]:
            return {}
        raw = json.loads(got["documents"][0] or "{}")
        return {(None if k == "null" else int(k)): v for k, v in raw.items()}

    def generation(self) -> int:
        got = self._docs.get(ids=[GENERATION_ID], include=["metadatas"])
        if not got["ids"]:
            return 0
        return int(got["metadatas"][0].get("generation", 0))

    def _bump_generation(self) -> None:
        self._set_generation(self.generation() + 1)

    def _set_generation(self, value: int) -> None:
        self._docs.upsert(ids=[GENERATION_ID], embeddings=[[1.0]], metadatas=[{"generation": value}], documents=[""])

    # -- writing ------------------------------------------------------------------------------------
    def add_document(
        self,
        record: DocumentRecord,
        passages: Sequence[Passage],
        embeddings: np.ndarray,
        page_texts: dict[int | None, str],
    ) -> None:
        """Passages first, the registry record last: a crash in between leaves only an invisible orphan."""
        for lo in range(0, len(passages), _BATCH):
            chunk = passages[lo : lo + _BATCH]
            self._passages.upsert(
                ids=[p.id for p in chunk],
                embeddings=embeddings[lo : lo + _BATCH].tolist(),
                documents=[p.text for p in chunk],
                metadatas=[_passage_metadata(p) for p in chunk],
            )
        _pause_for_tests()
        pages_json = json.dumps({"null" if k is None else str(k): v for k, v in page_texts.items()},
                                ensure_ascii=False)
        self._docs.upsert(
            ids=[record.id],
            embeddings=[[1.0]],
            metadatas=[{"record": json.dumps(record.to_json(), ensure_ascii=False)}],
            documents=[pages_json],
        )
        self._bump_generation()

    def update_labels(self, passages: Sequence[Passage]) -> None:
        """Store new SWOT labels of stored passages (their text and vector stay): a translation added later
        is labelled together with them."""
        if not passages:
            return
        for lo in range(0, len(passages), _BATCH):
            chunk = passages[lo : lo + _BATCH]
            self._passages.update(ids=[p.id for p in chunk], metadatas=[_passage_metadata(p) for p in chunk])
        self._bump_generation()

    def remove_document(self, doc_id: str) -> DocumentRecord | None:
        """Registry record first (the document disappears at once), then passages and the stored file."""
        record = self.document(doc_id)
        if record is not None:
            self._docs.delete(ids=[doc_id])
        self._delete_passages(doc_id)
        if record is not None and record.stored_file:
            (self.files_dir / record.stored_file).unlink(missing_ok=True)
        self._bump_generation()
        return record

    def store_original(self, doc_id: str, source: Path) -> str:
        """Keep the original bytes (for download, re-index and export) under a safe, content-derived name."""
        self.files_dir.mkdir(parents=True, exist_ok=True)
        name = doc_id + source.suffix.lower()
        target = self.files_dir / name
        if not target.exists():
            tmp = target.with_suffix(target.suffix + ".part")
            shutil.copyfile(source, tmp)
            tmp.replace(target)
        return name

    # -- reading passages ---------------------------------------------------------------------------
    def count_passages(self) -> int:
        return int(self._passages.count())

    def nearest_in_other_language(
        self, vectors: np.ndarray, languages: Sequence[str]
    ) -> list[tuple[str, float] | None]:
        """For each vector, the stored passage closest to it among those in the language its translation
        would be in (knowledge.translations.twin_language): (id, cosine), or None. One store query per language
        (and per thousand vectors)."""
        out: list[tuple[str, float] | None] = [None] * len(languages)
        for language in sorted(set(languages)):
            if (other := twin_language(language)) is None:
                continue
            same = [i for i, lang in enumerate(languages) if lang == language]
            found = self.nearest(np.asarray(vectors)[same], 1, where={"language": other})
            for i, hits in zip(same, found, strict=True):
                out[i] = hits[0] if hits else None
        return out

    def nearest(
        self, vectors: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[list[tuple[str, float]]]:
        """For each vector, the ``n`` stored passages closest to it (id, cosine), best first; by the store's own
        index, in requests of at most a thousand vectors."""
        out: list[list[tuple[str, float]]] = [[] for _ in range(len(vectors))]
        if not len(vectors) or n <= 0 or self.count_passages() == 0:
            return out
        for lo in range(0, len(vectors), _BATCH):  # a long document's vectors in requests of bounded size
            res = self._passages.query(
                query_embeddings=np.asarray(vectors)[lo : lo + _BATCH].tolist(), n_results=n,
                where=where or None, include=["distances"],
            )
            for i, (ids, dists) in enumerate(zip(res["ids"], res["distances"], strict=True), start=lo):
                out[i] = [(pid, 1.0 - float(d)) for pid, d in zip(ids, dists, strict=True)]
        return out

    def same_text(self, texts: Sequence[str], vectors: np.ndarray, n: int = 3) -> list[list[Passage]]:
        """For each text, the stored passages (among the ``n`` nearest its vector) that say exactly it, spaces
        aside. The same text has the same vector, so the store's index finds it without reading every passage."""
        near = self.nearest(vectors, n)
        candidates = sorted({pid for hits in near for pid, sim in hits if sim >= SAME_TEXT_COSINE})
        stored = {p.id: p for p in self.get_passages(ids=candidates)[0]}
        return [
            [stored[pid] for pid, _ in hits if pid in stored and same_words(stored[pid].text) == same_words(text)]
            for text, hits in zip(texts, near, strict=True)
        ]

    def get_passages(
        self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None, with_vectors: bool = False
    ) -> tuple[list[Passage], np.ndarray | None]:
        include = ["documents", "metadatas"] + (["embeddings"] if with_vectors else [])
        if ids is not None and not ids:
            return [], None
        passages: list[Passage] = []
        blocks: list[np.ndarray] = []
        offset = 0
        while True:
            # Pages, not one call: Chroma's answer for a whole 10k store is ~300 MB of short-lived objects
            # that the allocator keeps, and the app's memory budget has no room for them.
            got = self._passages.get(
                ids=list(ids) if ids is not None else None, where=where or None, include=include,
                **({} if ids is not None else {"limit": GET_PAGE, "offset": offset}),
            )
            passages += [
                passage_from_chroma(pid, text, meta)
                for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
            ]
            if with_vectors and len(got["ids"]):
                blocks.append(np.asarray(got["embeddings"], dtype=np.float32))
            if ids is not None or len(got["ids"]) < GET_PAGE:
                break
            offset += GET_PAGE
        vectors = None
        if with_vectors:
            dim = self.model.dimension if self.model is not None else 0
            vectors = np.concatenate(blocks) if blocks else np.zeros((0, dim), dtype=np.float32)
        return passages, vectors

    def passage_doc_ids(self) -> set[str]:
        return set(self.passage_counts())

    def passage_counts(self) -> dict[str, int]:
        """Passages stored per document id (orphans included)."""
        got = self._passages.get(include=["metadatas"])
        counts: dict[str, int] = {}
        for m in got["metadatas"] or []:
            doc_id = str((m or {}).get("doc_id", ""))
            counts[doc_id] = counts.get(doc_id, 0) + 1
        return counts

    def stored_files(self) -> set[str]:
        """Names of the originals kept under files/ (including `.part` copies an interrupted ingest left)."""
        if not self.files_dir.is_dir():
            return set()
        return {p.name for p in self.files_dir.iterdir() if p.is_file()}

    def delete_passages(self, doc_id: str) -> None:
        self._delete_passages(doc_id)
        self._bump_generation()

    def _delete_passages(self, doc_id: str) -> None:
        """The document's passages, and the token states kept of them (knowledge/token_states.py), except of a
        text another document still holds (a newer version of it, a report quoting it): states are kept by text."""
        passages, vectors = self.get_passages(where={"doc_id": doc_id}, with_vectors=True)
        self._passages.delete(where={"doc_id": doc_id})
        if not passages:
            return
        assert vectors is not None
        texts = [p.text for p in passages]
        held = self.same_text(texts, vectors)
        forget_texts(self.settings.store / STATES_FOLDER,
                     [t for t, others in zip(texts, held, strict=True) if not others])

    def delete_record(self, doc_id: str) -> None:
        """The registry record alone (its passages and file stay): used by repair before a re-ingest."""
        self._docs.delete(ids=[doc_id])
        self._bump_generation()

    # -- consistency --------------------------------------------------------------------------------
    def orphan_doc_ids(self) -> set[str]:
        """Documents with passages but no registry record: left by an interrupted ingest."""
        listed = {d.id for d in self.documents()}
        return self.passage_doc_ids() - listed

    def repair(self) -> list[str]:
        orphans = sorted(self.orphan_doc_ids())
        for doc_id in orphans:
            self._delete_passages(doc_id)
        if orphans:
            self._bump_generation()
        return orphans

    def delete_collections(self) -> None:
        for name in (self.documents_name, self.passages_name):
            self._drop(name)


def iter_batches(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]
