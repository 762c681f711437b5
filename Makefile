# One entry per habit; README, CI and the pre-commit hook use the same commands.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCALE_DIRS := $(sort $(dir $(wildcard locales/*/LC_MESSAGES/)))

.PHONY: install install-runtime install-test lock system-deps serve test lint typecheck bench locales locales-extract locales-update locales-check test-models clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

# Installs come from the lock files (pinned, reproducible; CI and the Dockerfile use them too),
# then Kakehashi itself without resolving again. `serve` needs the runtime only (no torch: Argos
# packages are read and run with CTranslate2 directly); `test` adds pytest, the browser driver
# and what `make lint` runs; `install` (development) adds pre-commit and the bench extras.
install: install-test
	$(BIN)/pip install 'pre-commit>=3.7' 'lingua-language-detector>=2.0'

install-runtime: $(BIN)/python
	$(BIN)/pip install -r requirements.lock
	$(BIN)/pip install --no-deps -e .

install-test: $(BIN)/python
	$(BIN)/pip install -r requirements-test.lock
	$(BIN)/pip install --no-deps -e .

# Regenerate the lock files after changing dependencies in pyproject.toml. Pins already in the
# files are kept (add --upgrade to UV_FLAGS to move everything to the newest releases).
UV_FLAGS ?=
lock: $(BIN)/python
	$(BIN)/pip install -q 'uv>=0.4'
	$(BIN)/uv pip compile -q pyproject.toml $(UV_FLAGS) --universal --python-version 3.11 \
	  --custom-compile-command "make lock" -o requirements.lock
	$(BIN)/uv pip compile -q pyproject.toml $(UV_FLAGS) --extra test --universal --python-version 3.11 \
	  --custom-compile-command "make lock" -c requirements.lock -o requirements-test.lock

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser),
# with CJK and Thai fonts so screenshots show buyers' text instead of boxes; Dovecot for the
# IMAP poller tests (started by the tests themselves, never as a system service); openssl makes
# their certificates. Under CI a test that skips for a missing tool fails the run.
SYSTEM_PACKAGES := chromium fonts-noto-cjk fonts-thai-tlwg dovecot-imapd openssl
system-deps:
	@{ command -v chromium >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 && { command -v dovecot || test -x /usr/sbin/dovecot; } >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q "Noto Sans CJK" \
	   && fc-list 2>/dev/null | grep -q "Loma"; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); fi; }

serve: install-runtime
	$(BIN)/kakehashi serve

test: install-test system-deps
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

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
