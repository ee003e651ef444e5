# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench programme clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,distributed]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/planner

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# Rebuild the embedded programme from the book of abstracts and its timetable template.
programme: $(STAMP)
	$(BIN)/planner import programme/sources/ml4astro-2022-book-of-abstracts.txt \
		--timetable programme/sources/ml4astro-2022.timetable.yaml -o programme/ml4astro-2022.yaml --force

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
