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

.PHONY: install run code demo test browser lint format check bench messages lock clean

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

# The current two-factor code of a demo user (Communicatie, Beheerder, admin):
# make code USER=communicatie
code: install
	@$(MANAGE) demo_code $(USER)

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --if-empty

# Settings come from pyproject.toml (buurtplein.settings.test); the database from
# DATABASE_URL when set, SQLite otherwise. The browser tests drive Debian's
# Chromium: installed here when missing and we may (root with apt-get); without
# it those tests skip and say why.
# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in one
# process), each worker with its own test database.
TEST_WORKERS ?= auto
test: install browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --durations=30 $(PYTEST_ARGS)

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is missing (apt-get install chromium): the browser tests will skip"; \
	  fi; \
	}

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# The sociale kaart benchmark (bench/README.md): 10,000 organisations in a database
# of its own (SQLite in a temporary folder, or BENCH_DATABASE_URL), served by
# gunicorn. Options in BENCH_ARGS, e.g. BENCH_ARGS="--organisations 1000".
BENCH_ARGS ?=
bench: install
	$(BIN)/python bench/socialmap.py $(BENCH_ARGS)

# Needs GNU gettext (Debian: apt-get install gettext). The compiled .mo files
# are committed, so `make run` does not need it.
messages: install
	$(MANAGE) makemessages -l nl -l en --ignore=.venv --ignore=tests --ignore=examples
	$(MANAGE) compilemessages --ignore=.venv

lock: install
	$(PIP_COMPILE) -o requirements/base.txt pyproject.toml
	$(PIP_COMPILE) --extra dev -o requirements/dev.txt pyproject.toml

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-journal db.sqlite3-wal db.sqlite3-shm media/ staticfiles/
