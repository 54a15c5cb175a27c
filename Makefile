# The two Quick start commands, and the chores around them.
#   make demo   install omc in .venv, then run the office's main job on data/
#   make test   install omc and its test tools, then run the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= data
OUT    ?= build

.PHONY: demo test lint bench clean

$(BIN)/omc: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

demo: $(BIN)/omc
	$(BIN)/omc --data-dir $(DATA) validate
	$(BIN)/omc --data-dir $(DATA) status
	$(BIN)/omc --data-dir $(DATA) -q render site --out $(OUT)/site > /dev/null
	@# build/packets is the demo's own; --force takes over packets that an omc
	@# from before packets kept a manifest left there.
	$(BIN)/omc --data-dir $(DATA) -q render packet --all --force --out $(OUT)/packets > /dev/null
	$(BIN)/omc --data-dir $(DATA) -q render packet --all --force --format pdf --out $(OUT)/packets > /dev/null
	@echo "The public site:  $(OUT)/site/index.html (open it in a browser)"
	@echo "Review packets:   $(OUT)/packets/index.html (HTML, PDF and one agenda per review stage)"

test: $(BIN)/omc
	scripts/install-test-tools
	$(BIN)/python -m pytest

lint: $(BIN)/omc
	$(BIN)/ruff check omc tests
	$(BIN)/ruff format --check omc tests
	$(BIN)/mypy

# Offices of 1,000 and 10,000 records, omc measured against the floor and
# check-jsonschema; the table lands in bench/out/results.md (about 12 minutes).
bench: $(BIN)/omc
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
