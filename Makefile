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

test: $(BIN)/omc
	$(BIN)/python -m pytest

lint: $(BIN)/omc
	$(BIN)/ruff check omc tests
	$(BIN)/ruff format --check omc tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
