# One entry per habit; README, CI and the pre-commit hook use the same commands.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCALE_DIRS := $(sort $(dir $(wildcard locales/*/LC_MESSAGES/)))

.PHONY: install system-deps serve test lint typecheck bench locales locales-extract locales-update locales-check test-models clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

# torch comes first: argostranslate pulls it in through stanza, and the CPU build lies on this
# machine's disk (pip would otherwise fetch a multi-GB CUDA build).
install: $(BIN)/python
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e '.[dev]'

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser),
# with CJK and Thai fonts so screenshots show buyers' text instead of boxes; Dovecot for the
# IMAP poller tests (started by the tests themselves, never as a system service).
SYSTEM_PACKAGES := chromium fonts-noto-cjk fonts-thai-tlwg dovecot-imapd
system-deps:
	@{ command -v chromium >/dev/null 2>&1 && { command -v dovecot || test -x /usr/sbin/dovecot; } >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q "Noto Sans CJK" \
	   && fc-list 2>/dev/null | grep -q "Loma"; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); fi; }

serve: install
	$(BIN)/kakehashi serve

test: install system-deps
	$(BIN)/pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench:
	$(BIN)/python bench/run_all.py

# gettext catalogs: extract from code and templates, merge into every locale, compile to check.
locales: locales-extract locales-update locales-check

locales-extract:
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext_lazy -k N_ --sort-by-file \
	  --project kakehashi --copyright-holder "Kakehashi" -o locales/kakehashi.pot .

locales-update:
	$(BIN)/pybabel update -D kakehashi -i locales/kakehashi.pot -d locales --ignore-obsolete --no-fuzzy-matching

locales-check:
	$(BIN)/pytest -q tests/test_locales.py

test-models:
	$(BIN)/python scripts/build_test_model.py

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache test-output
