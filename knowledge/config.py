"""One typed settings object, read from KAWAN_* environment variables (and CLI flags on top)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.paths import PROJECT_ROOT, PROMPTS_DIR, SOURCES_DIR  # noqa: F401 (re-exported)

DEFAULT_MODEL = str(PROJECT_ROOT / "models" / "multilingual-e5-small")


class Settings(BaseSettings):
    """Every knob of Kawan; the CLI's --store etc. override the matching field."""

    model_config = SettingsConfigDict(env_prefix="KAWAN_", extra="ignore")

    store: Path = PROJECT_ROOT / "data" / "store"
    # Any sentence-transformers name or folder; the default is built offline by scripts/build_model.py.
    model: str = DEFAULT_MODEL
    # The model's own named prompts (config_sentence_transformers.json) win: e5 names them "query"/"passage",
    # EmbeddingGemma "query"/"document". "" for the passage name tries "document" then "passage". The literal
    # prefixes below serve models that name no prompts.
    query_prompt_name: str = "query"
    passage_prompt_name: str = ""
    query_prompt: str = "query: "
    passage_prompt: str = "passage: "
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = "kawan"
    max_file_mb: float = 50.0
    max_pdf_pages: int = 2000
    max_question_chars: int = 2000
    top_k: int = 8
    # Cosine-similarity floor under which a passage is "not relevant"; e5 scores are bunched high (0.7–0.9),
    # so the value is calibrated on the benchmark (see bench/retrieval.py), not guessed.
    min_score: float = 0.80
    batch_size: int = 8  # sentence-sized passages (~40 tokens): 8 per run was fastest on 2 cores (16: -4 %)
    # How the model runs: "openvino" (default: OpenVINO in the processor's native precision, bf16 where the CPU
    # computes it: ~2x fp32's speed, Recall@1 within 0.005 of fp32 on every benchmark file; fp32 elsewhere),
    # "onnx" (fp32 through ONNX Runtime, the same vectors as torch), "onnx-int8" (faster, but Recall@1 fell by
    # 0.012–0.029 on Tatoeba: refused) or "torch" (sentence-transformers). A backend whose exported files are
    # missing falls back to the next one (openvino → onnx → torch) unless backend_strict.
    backend: Literal["openvino", "onnx-int8", "onnx", "torch"] = "openvino"
    backend_strict: bool = False
    # Threads for embedding (OpenVINO, ONNX Runtime or torch); 0 = one per core (at most 4). On a busy shared
    # machine 1 can be far faster: spinning threads that wait for each other's core cost more than they bring.
    threads: int = 0
    # OCR of PDF pages without a text layer (Tesseract): seconds per page, pages per file, and the mean word
    # confidence (0–1) under which a page is reported as doubtful.
    ocr_page_timeout_s: float = 60.0
    ocr_max_pages: int = 100
    ocr_min_confidence: float = 0.6
    researcher_password: str | None = None
    # Optional grounded summary from an OpenAI-compatible server (e.g. http://localhost:11434/v1); off when unset.
    llm_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 20.0

    @property
    def server_mode(self) -> bool:
        return bool(self.chroma_host)


def model_identity(model: str) -> str:
    """What names a model wherever the project lies: a local folder by its own name, a hub name as written.

    The default model is a folder inside the project, recorded by its full path when a store is filled; a copied
    or moved project (another checkout, another machine, clients of one Chroma server) must still open its store:
    /srv/kawan/models/multilingual-e5-small and /home/ana/kawan/models/multilingual-e5-small are one model.
    """
    path = Path(model)
    if path.is_absolute() or model.startswith(("./", "../")) or path.is_dir():
        return f"folder:{path.name}"
    return model
