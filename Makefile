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

.PHONY: run test eval eval-own eval-ocr eval-legacy bench setup system-deps train clean graph

run: setup
	$(VENV)/bin/vanban run corpus/seeds corpus/fixtures --out out
	$(VENV)/bin/vanban graph out

test:
	$(MAKE) setup DEBIAN_PACKAGES="$(TEST_PACKAGES)"
	$(PY) -m pytest

eval: setup
	@if [ -d "$(SHARED)/corpus/dev" ]; then \
	  $(VENV)/bin/vanban run $(SHARED)/corpus/dev $(SHARED)/seeds --out out/dev --quiet && \
	  $(PYTHON) $(SHARED)/eval/score.py --pred out/dev/documents.jsonl --gold $(SHARED)/eval/gold; \
	else echo "make eval: $(SHARED) is absent, nothing to score (skipped)"; fi

# The project's own gold (corpus/annotations/gold), per group, issuer level and split.
eval-own: setup
	@if [ -d "$(SHARED)/corpus/wide" ]; then \
	  $(VENV)/bin/vanban run $$($(PY) scripts/eval_own.py --sources) --out out/own --quiet && \
	  $(PY) scripts/eval_own.py --pred out/own/documents.jsonl; \
	else echo "make eval-own: $(SHARED)/corpus is absent, nothing to score (skipped)"; fi

train: setup
	$(PY) scripts/train_bodies.py $(if $(wildcard $(SHARED)/corpus/dev),$(SHARED)/corpus/dev) corpus/seeds

bench: setup
	$(PY) scripts/bench.py $(BENCH_ARGS)

eval-ocr: setup
	$(PY) scripts/eval_ocr.py $(SHARED)/corpus/scans

# Diacritic accuracy on the TCVN3/VNI documents (their transcripts are not run as input).
LEGACY_FILES = $(wildcard $(SHARED)/corpus/legacy/*.doc $(SHARED)/corpus/legacy/*.rtf $(SHARED)/corpus/legacy/*.pdf)
eval-legacy: setup
	@if [ -n "$(LEGACY_FILES)" ]; then \
	  $(VENV)/bin/vanban run $(LEGACY_FILES) --out out/legacy --quiet && \
	  $(PYTHON) $(SHARED)/eval/legacy_score.py out/legacy/documents.jsonl $(SHARED)/corpus/legacy/transcripts; \
	else echo "make eval-legacy: $(SHARED)/corpus/legacy is absent (skipped)"; fi

setup: system-deps $(VENV)/.installed

system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c "import ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf out $(VENV) *.egg-info
