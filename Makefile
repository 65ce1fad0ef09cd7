# Claimwire: `make help` lists the targets. CI (.ci/run) calls the same ones.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CLAIMWIRE := $(BIN)/claimwire
STAMP := $(VENV)/.installed
SHARED ?= ../shared
COMPILED := .build/mypyc
ENRICH_SOURCES := $(shell find services/enrich schemas -name '*.py' -not -path '*/__pycache__/*')

.PHONY: help install up down status test test-unit lint typecheck check schemas golden demo compiled test-compiled bench chaos eval clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11+"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install Claimwire with its dev tools

up: install ## start the local Kafka and Elasticsearch (idempotent)
	$(CLAIMWIRE) stack up

down: install ## stop everything `make up` and `make demo` started
	-$(CLAIMWIRE) demo stop 2>/dev/null
	$(CLAIMWIRE) stack down

status: install ## is the local stack running?
	$(CLAIMWIRE) stack status

schemas: install ## regenerate JSON Schemas and the AsyncAPI document from the models
	$(BIN)/python -m claimwire_schemas.generate

golden: install ## re-record the extraction reference (tests/fixtures/extract_golden) on purpose
	@# by path: a dependency (spylls) installs a top-level `tests` package that -m would find first
	SHARED=$(SHARED) $(BIN)/python tests/tools/record_extract.py

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install ## mypy over every package
	$(BIN)/mypy

test: install ## every test; starts the real stack when needed and stops it again
	$(CLAIMWIRE) stack run -- $(BIN)/pytest $(PYTEST_ARGS)

test-unit: install ## unit tests only (no broker, no Elasticsearch)
	$(BIN)/pytest tests/unit $(PYTEST_ARGS)

check: lint typecheck test ## lint, typecheck, then every test

demo: install ## the main job: stack, services, ingest samples/, report and a search
	$(CLAIMWIRE) demo run

eval: install ## extraction quality: the shared seed and dev/ (real articles) and tests/gold, one table
	@if [ ! -f $(SHARED)/eval/score_extract.py ]; then \
	  echo "$(SHARED)/eval is missing: the measure and the real articles' gold live there."; exit 1; fi
	@mkdir -p .build/eval
	@echo "== seed: $(SHARED)/eval (one real article)"
	@SCORE_OUT=.build/eval/seed.json $(BIN)/python $(SHARED)/eval/score_extract.py $(SHARED)/eval
	@echo "== dev: $(SHARED)/eval/dev (real articles)"
	@SCORE_OUT=.build/eval/dev.json $(BIN)/python $(SHARED)/eval/score_extract.py $(SHARED)/eval/dev
	@echo "== project: tests/gold (fictional articles)"
	@SCORE_OUT=.build/eval/project.json $(BIN)/python $(SHARED)/eval/score_extract.py tests/gold
	@echo
	@$(BIN)/python -m bench.eval_table seed=.build/eval/seed.json dev=.build/eval/dev.json \
	  project=.build/eval/project.json

# A separate, non-editable copy: compiled modules never shadow the sources you edit.
$(COMPILED)/.built: $(STAMP) setup.py pyproject.toml $(ENRICH_SOURCES)
	rm -rf $(COMPILED)
	@echo "mypyc: compiling the enrichment core into $(COMPILED) (about a minute)"
	CLAIMWIRE_MYPYC=1 $(BIN)/pip install --quiet --no-deps --no-build-isolation --target $(COMPILED) .
	@# keep only the compiled package: everything else still comes from the sources
	find $(COMPILED) -mindepth 1 -maxdepth 1 ! -name claimwire_enrich -exec rm -rf {} +
	@touch $@

compiled: $(COMPILED)/.built ## the enrichment core compiled with mypyc, in .build/mypyc (used by bench)

test-compiled: compiled ## the enrichment core's unit tests against the compiled copy
	PYTHONPATH=$(COMPILED) $(BIN)/python -c "from claimwire_enrich.service.metrics import core_is_compiled as c; assert c(), 'not the compiled build'"
	PYTHONPATH=$(COMPILED) $(BIN)/pytest tests/unit/enrich $(PYTEST_ARGS)

# An absolute path: the services the benchmark starts run in their own working directories.
bench: compiled ## core and end-to-end benchmarks (compiled core) -> bench/results/; BENCH_ARGS='--runs 5' passes options
	PYTHONPATH=$(abspath $(COMPILED)) $(BIN)/python -m bench.core_bench
	PYTHONPATH=$(abspath $(COMPILED)) $(CLAIMWIRE) stack run -- $(BIN)/python -m bench.e2e $(BENCH_ARGS)

chaos: install ## kill, restart and rebalance the pipeline over 3,000 articles; prints lost (must be 0); CHAOS_ARGS='--articles 600'
	$(CLAIMWIRE) stack run -- $(BIN)/python -m bench.chaos $(CHAOS_ARGS)

clean: ## remove caches and the compiled copy (keeps .venv and the stack's data)
	rm -rf .pytest_cache .mypy_cache .ruff_cache .build
