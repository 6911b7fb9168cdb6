# The two commands: `make run` (the demo) and `make test` (the whole suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := desk.settings

.PHONY: install run test lint format messages bench vendor worker

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The demo: embedded SQLite, tasks in-process, demo logins printed.
run: export DEBUG ?= true
run: export DATABASE_URL ?= sqlite:///$(CURDIR)/db.sqlite3
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The whole suite twice. First without the browser tests, with the clock moved to 00:10 on
# 1 January of next year in the estates' zone (Asia/Shanghai): the turn of a month and of a
# year. Then at the real date with every test; its last lines name what it could not run
# here. DATABASE_URL / REDIS_URL unset: the machine's PostgreSQL and Redis when they answer,
# else SQLite and in-process tasks (tests/machine.py). bin/ensure-browser installs Chromium
# and a CJK font where it may.
NEW_YEAR = $(shell echo $$(( $$(TZ=Asia/Shanghai date +%Y) + 1 ))-01-01T00:10+08:00)
test: lint
	bin/ensure-browser
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 -q --clock=$(NEW_YEAR) --ignore=tests/e2e $(PYTEST_ARGS)
	$(BIN)/pytest -n 2 --durations=15 $(PYTEST_ARGS)

# Update the translation catalogue after changing strings, then fill in zh_Hans.
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore='.venv/*' --ignore='static/*' --ignore='tests/*' --ignore='bench/*'
	$(BIN)/python manage.py compilemessages -l zh_Hans --ignore='.venv/*'

# The reference-scale benchmark on PostgreSQL (see bench/README.md).
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

# Fetch the front-end assets from the npm registry into static/vendor.
vendor:
	bash bin/vendor-assets

worker: install
	$(BIN)/celery -A desk worker -l info
