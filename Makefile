# The two commands a new user needs: `make briefing WEEK=2025-47` and `make test`.
# Each creates the virtual environment and installs what it needs by itself.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
WEEK   ?=
PORT   ?= 8000

.PHONY: briefing test bench golden reference-docx system clean help approve send preview bench-preview check-templates template-docs test-system eval eval-real
.DEFAULT_GOAL := help

help:
	@echo "make briefing WEEK=2025-47   build output/2025-47/ (HTML, PDF, DOCX, charts, items.json)"
	@echo "make approve WEEK=2025-47    record the built PDF as the one to send"
	@echo "make send WEEK=2025-47       email the approved PDF to every active subscriber, exactly once"
	@echo "make test                    run the test suite"
	@echo "make bench                   time each stage (medians over several runs); large weeks and files"
	@echo "                             (BENCH_SCALE=--quick: smaller cases, to check the bench itself)"
	@echo "make eval                    parser precision and recall on the labelled fixtures"
	@echo "make eval-real               the same on the labelled real pages (ARGS=-v every miss, ARGS=--record, ARGS=--extra the hold-out, ARGS='--only 3' pages whose names start so)"
	@echo "make golden                  regenerate tests/golden/ from seeds/ (review the diff)"
	@echo "make reference-docx          rewrite templates/reference.docx (the Word styles)"
	@echo "make preview WEEK=2025-47    serve the week on http://127.0.0.1:$(PORT)/, rebuilt on every save"
	@echo "make check-templates         list template variables the briefing does not provide"
	@echo "make template-docs           regenerate docs/templates.md from the data model"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing briefing and its dependencies into $(VENV) ..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]' 2>&1 \
		| { grep -v '^WARNING: Location' || true; }
	@touch $@

system:
	@sh scripts/check-system

briefing: $(STAMP) system
	@$(BIN)/briefing build --week "$(WEEK)"

# Delivery reads the built files and never builds; building never sends.
approve: $(STAMP)
	@$(BIN)/briefing approve --week "$(WEEK)"

send: $(STAMP)
	@$(BIN)/briefing send --week "$(WEEK)"

test: $(STAMP) system test-system
	@$(BIN)/python -m pytest

bench: $(STAMP) system
	@$(BIN)/python bench/bench.py
	@$(BIN)/python bench/bench_parse.py
	@$(BIN)/python bench/bench_dedup.py
	@$(BIN)/python bench/bench_week.py
	@$(BIN)/python bench/bench_scale.py $(BENCH_SCALE)

eval: $(STAMP)
	@$(BIN)/python -m briefing.evaluate

# The real-page corpus (../shared/realworld) against tests/realworld/labels; --record writes tests/realworld/scores.json.
eval-real: $(STAMP)
	@$(BIN)/python -m briefing.realeval $(ARGS)

golden: $(STAMP) system
	@$(BIN)/python tests/regenerate_golden.py

reference-docx: $(STAMP)
	@$(BIN)/python -c "from pathlib import Path; from briefing import wordstyles; wordstyles.make_reference(Path('templates/reference.docx'))"
	@echo "wrote templates/reference.docx"

# Programs the tests drive for real (headless Chromium, LibreOffice); installed once.
test-system:
	@sh scripts/test-system

bench-preview: $(STAMP) system
	@$(BIN)/python bench/preview_bench.py $(or $(WEEK),2025-47)

preview: $(STAMP) system
	@$(BIN)/briefing preview --week "$(WEEK)" --port "$(PORT)"

check-templates: $(STAMP)
	@$(BIN)/briefing check-templates

template-docs: $(STAMP)
	@$(BIN)/briefing template-docs --write

clean:
	rm -rf output/* .pytest_cache .cache
