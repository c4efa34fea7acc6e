# Boardpapers: the two commands a newcomer needs are `make run` and `make test`.
# Both set everything up from scratch (virtual environment, packages, the embedded
# PostgreSQL when DATABASE_URL is unset, migrations, demo data) and are safe to repeat.

SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
HOST  ?= 127.0.0.1
PORT  ?= 8000

# Django 6 needs Python 3.12+. Prefer the newest interpreter on PATH (pyenv's shims honour
# .python-version); PY=/path/to/python3.13 overrides.
PY ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

# make is developer tooling: allow the development secret key even with a DATABASE_URL.
export BOARDPAPERS_DEV ?= true

SYSTEM_PACKAGES := chromium fonts-liberation2 fonts-dejavu-core poppler-utils

.PHONY: help run test install system-deps db demo serve worker bench-pack bench-search bench-pages bench-web archive lint format migrations-check pytest ci clean stop-db

help:
	@echo "make run    set up and serve the portal with the demo data on http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite (lint, migrations check, pytest)"

run: install demo serve

test: install system-deps lint migrations-check pytest

ci: test

$(BIN)/.installed: pyproject.toml
	@if [ -z "$(PY)" ]; then \
	  echo "Boardpapers needs Python 3.12 or newer (Django 6). Found: $$(python3 --version 2>&1)."; \
	  echo "Install it (e.g. 'pyenv install 3.13.0' or your system's python3.13 package), or run 'make PY=/path/to/python3.13 ...'."; \
	  exit 1; fi
	@echo "Using $$($(PY) --version) ($(PY))"
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/.installed

# Browser tests drive Debian's Chromium; PDF tests read pages back with poppler.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	fc-list 2>/dev/null | grep -qi "Liberation Sans" || missing="$$missing fonts-liberation2"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages: $(SYSTEM_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing. Run: sudo apt-get install -y $(SYSTEM_PACKAGES)"; exit 1; \
	  fi; \
	fi

db: install
	$(BIN)/python manage.py migrate --no-input

demo: db
	$(BIN)/python manage.py load_demo --users

# The pack builder (a procrastinate worker) runs beside the web server and stops with it.
serve:
	@$(BIN)/python manage.py procrastinate worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install
	$(BIN)/python manage.py procrastinate worker

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks print medians; figures go in the issue notes.
bench-pack: install
	$(BIN)/python bench/pack.py --runs 3

# The search and meeting-page benchmarks read a synthetic archive (~3,000 meetings, 60,000
# documents) kept in a database of its own on the same server, never the demo's.
# `make archive ARCHIVE_ARGS=--reset` regenerates it; ARCHIVE_ARGS="--meetings 300" for a small one.
ARCHIVE_DB   ?= boardpapers_archive
ARCHIVE_ARGS ?=
archive: install
	BOARDPAPERS_DB_NAME=$(ARCHIVE_DB) $(BIN)/python manage.py shell -v 0 -c \
	  "from django.db import connection; from boardpapers.devdb import ensure_database; \
	   ensure_database(connection.settings_dict) and print('Created database $(ARCHIVE_DB).')"
	BOARDPAPERS_DB_NAME=$(ARCHIVE_DB) $(BIN)/python manage.py migrate --no-input -v 0
	BOARDPAPERS_DB_NAME=$(ARCHIVE_DB) $(BIN)/python manage.py make_archive $(ARCHIVE_ARGS)

# 100 varied queries as the public and as a member, the whole search page each time.
bench-search: install
	BOARDPAPERS_DB_NAME=$(ARCHIVE_DB) $(BIN)/python bench/search.py --runs 3

# Every public page type on the archive: status, size, queries, median time; fails on non-200.
bench-pages: install
	BOARDPAPERS_DB_NAME=$(ARCHIVE_DB) $(BIN)/python bench/pages.py --runs 5

# The meeting page under load (gunicorn + wrk), with and without the anonymous page cache,
# on the archive above (`make archive` first). Installs wrk when missing (as root).
bench-web: install
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing wrk"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "wrk is missing. Run: sudo apt-get install -y wrk"; exit 1; \
	  fi; }
	BOARDPAPERS_DB_NAME=$(ARCHIVE_DB) $(BIN)/python bench/meeting_page.py $(BENCH_ARGS)

stop-db: install
	$(BIN)/python -c "from boardpapers import devdb; print('stopped' if devdb.stop() else 'not running')"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
