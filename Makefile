# followup: two commands for a fresh machine (Python 3.11+; Java 17 for the grammar check).
#   make demo   set up, then lint the bundled example letters
#   make test   set up, provision LanguageTool, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup languagetool bench lint-code clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "followup needs Python 3.11 or newer: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# LanguageTool from Maven Central into the user cache folder (idempotent). Without Java the
# grammar check is skipped with a warning, except in CI, where it must be there.
languagetool: $(STAMP)
	@if command -v java >/dev/null 2>&1; then \
		$(BIN)/followup languagetool install; \
	elif [ -n "$$CI" ]; then \
		echo "CI needs Java 17 for LanguageTool (apt-get install openjdk-17-jre-headless)"; exit 2; \
	else \
		echo "Java not found: the grammar check (G001) will be skipped."; \
	fi

demo: languagetool
	$(BIN)/followup lint examples/acme examples/applications; \
	status=$$?; [ $$status -le 1 ] || exit $$status; \
	echo; echo "(exit status $$status: 1 means problems were found, as intended in the example)"

test: languagetool
	$(BIN)/python -m pytest

# Every figure quoted in the README, in the order of its "Measured" section.
bench: languagetool
	$(BIN)/python bench/corpus.py
	$(BIN)/python bench/corpus.py --heldout
	$(BIN)/python bench/corpus.py --dev
	$(BIN)/python bench/corpus.py --blind
	$(BIN)/python bench/tone_compare.py
	$(BIN)/python bench/shapes.py
	$(BIN)/python bench/shapes.py --blind
	$(BIN)/python bench/names.py
	$(BIN)/python bench/offline_speed.py --repeat 3
	$(BIN)/python bench/offline_speed.py --single --repeat 5
	$(BIN)/python bench/languagetool_speed.py --letters 1000
	$(BIN)/python bench/lsp_speed.py
	$(BIN)/python bench/plan.py --repeat 5
	$(BIN)/python bench/draft_all.py --sizes 1000,10000
	$(BIN)/python bench/warm_grammar.py --repeat 3

lint-code: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) dist build .pytest_cache
