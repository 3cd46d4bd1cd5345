# vanban: one-command set-up, run, test, eval and benchmark on a fresh Debian machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared
# What the pipeline needs to run, and what the tests need beside it (browser, database, fonts).
RUN_PACKAGES  := antiword catdoc tesseract-ocr tesseract-ocr-vie poppler-utils
TEST_PACKAGES := $(RUN_PACKAGES) fonts-dejavu-core chromium chromium-driver postgresql
DEBIAN_PACKAGES ?= $(RUN_PACKAGES)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test eval eval-own eval-probes eval-scans eval-styles eval-ocr eval-legacy bench setup system-deps bytecode train train-data eval-models clean graph lock

run: setup
	$(VENV)/bin/vanban run corpus/seeds corpus/fixtures --out out || [ $$? -eq 1 ]   # 1: some fixtures are meant to fail

test:
	$(MAKE) setup DEBIAN_PACKAGES="$(TEST_PACKAGES)" LOCK=test
	$(PY) -m pytest

eval: setup
	@if [ -d "$(SHARED)/corpus/dev" ]; then \
	  { $(VENV)/bin/vanban run $(SHARED)/corpus/dev $(SHARED)/seeds --out out/dev --quiet || [ $$? -eq 1 ]; } && \
	  $(PYTHON) $(SHARED)/eval/score.py --pred out/dev/documents.jsonl --gold $(SHARED)/eval/gold; \
	else echo "make eval: $(SHARED) is absent, nothing to score (skipped)"; fi

# The project's own gold (corpus/annotations/gold), per group, issuer level and split.
eval-own: setup
	@if [ -d "$(SHARED)/corpus/wide" ]; then \
	  { $(VENV)/bin/vanban run $$($(PY) scripts/eval_own.py --sources) --out out/own --quiet || [ $$? -eq 1 ]; } && \
	  $(PY) scripts/eval_own.py --pred out/own/documents.jsonl; \
	else echo "make eval-own: $(SHARED)/corpus is absent, nothing to score (skipped)"; fi

# The probe sets of corpus/probes (corpus/probes/README.md): learn and held-out test per set
eval-probes: setup
	@{ $(VENV)/bin/vanban run $$($(PY) scripts/eval_probes.py --sources) --out out/probes --quiet || [ $$? -eq 1 ]; } && \
	  $(PY) scripts/eval_probes.py --pred out/probes/documents.jsonl

# The models learn from corpus/annotations alone (seeded; pipeline/models/MANIFEST.json lists the files
# and their hashes). train-data rewrites those files from ../shared/corpus and the own gold.
train: setup
	$(PY) scripts/train_bodies.py
	$(PY) scripts/train_targets.py
	$(PY) scripts/train_ocr_lm.py

train-data: setup
	$(PY) scripts/build_training_data.py --shared $(SHARED)
	$(PY) scripts/train_ocr_lm.py --data --shared $(SHARED)

# Rules alone, model alone and both (VANBAN_BODIES / VANBAN_TARGETS) on the own gold, per split and group.
eval-models: setup
	$(PY) scripts/eval_models.py

bench: setup
	$(PY) scripts/bench.py $(BENCH_ARGS)

# The own gold's Lâm Đồng documents as office scans, scored against their originals (cached in /tmp).
eval-scans: setup
	$(PY) scripts/eval_scans.py $(SCANS_ARGS)

# Invented documents in other offices' section styles, as text PDFs and as office scans of them (no gold).
eval-styles: setup
	$(PY) scripts/eval_style_scans.py $(STYLES_ARGS)

eval-ocr: setup
	$(PY) scripts/eval_ocr.py $(SHARED)/corpus/scans

# Diacritic accuracy on the TCVN3/VNI documents (their transcripts are not run as input).
LEGACY_FILES = $(wildcard $(SHARED)/corpus/legacy/*.doc $(SHARED)/corpus/legacy/*.rtf $(SHARED)/corpus/legacy/*.pdf)
eval-legacy: setup
	@if [ -n "$(LEGACY_FILES)" ]; then \
	  { $(VENV)/bin/vanban run $(LEGACY_FILES) --out out/legacy --quiet || [ $$? -eq 1 ]; } && \
	  $(PYTHON) $(SHARED)/eval/legacy_score.py out/legacy/documents.jsonl $(SHARED)/corpus/legacy/transcripts; \
	else echo "make eval-legacy: $(SHARED)/corpus/legacy is absent (skipped)"; fi

# The venv holds exactly the locked versions, hashes checked: `make run` and the other targets
# requirements/run.lock, `make test` requirements/test.lock (the same plus the test tools).
LOCK ?= run
setup: system-deps $(VENV)/.installed-$(LOCK) bytecode

# The package's compiled bytecode, as a regular (non-editable) install leaves it: where the environment forbids
# Python to write it at import (PYTHONDONTWRITEBYTECODE, common in containers), every `vanban` process would
# otherwise compile its hundred modules from source again (0.2-0.5 s a run). Only changed modules are rewritten.
bytecode:
	@$(PY) -m compileall -q pipeline

system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c "import ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; fi

$(VENV)/.installed-%: requirements/%.lock pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements/$*.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

# After a change to the dependencies in pyproject.toml: resolve the lock files again (needs uv on
# PATH, e.g. `pipx install uv`). Pins that still fit are kept; LOCK_ARGS=--upgrade takes the newest.
UV ?= uv
UV_COMPILE = $(UV) pip compile -q pyproject.toml --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock:
	$(UV_COMPILE) -o requirements/run.lock
	$(UV_COMPILE) --extra test -o requirements/test.lock

clean:
	rm -rf out $(VENV) *.egg-info
