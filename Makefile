# Buurtplein developer commands. GNU make; recipes are indented with tabs.
#
#   make run       install, migrate, load the demo town once, serve on 127.0.0.1:8000
#   make test      the test suite (SQLite; set DATABASE_URL for PostgreSQL)
#   make lint      ruff lint and format check, as CI runs them

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=

# Lock files resolve from PyPI only, whatever local indexes pip is configured with.
PIP_COMPILE := env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile \
	--quiet --strip-extras \
	--index-url https://pypi.org/simple --no-emit-index-url --no-emit-find-links

.DEFAULT_GOAL := install

.PHONY: install run demo test lint format check messages lock clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

# Settings default to buurtplein.settings.dev (see manage.py).
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --if-empty
	$(MANAGE) runserver 127.0.0.1:8000

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --if-empty

# Settings come from pyproject.toml (buurtplein.settings.test); the database from
# DATABASE_URL when set, SQLite otherwise.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Needs GNU gettext (Debian: apt-get install gettext). The compiled .mo files
# are committed, so `make run` does not need it.
messages: install
	$(MANAGE) makemessages -l nl -l en --ignore=.venv --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

lock: install
	$(PIP_COMPILE) -o requirements/base.txt pyproject.toml
	$(PIP_COMPILE) --extra dev -o requirements/dev.txt pyproject.toml

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-journal db.sqlite3-wal db.sqlite3-shm media/ staticfiles/
