# The two commands: `make run` (the demo) and `make test` (the whole suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lock run test lint format messages bench vendor worker

# The locked versions, every file checked against its hash; then the project itself.
$(STAMP): pyproject.toml requirements-dev.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Refresh the locks from pyproject.toml's ranges, from PyPI (requirements.lock for a site,
# requirements-dev.lock for development and CI), then commit both. Pins that are still in
# range are kept; `make lock LOCK_ARGS=--upgrade` moves every pin to the newest version.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" --quiet $(LOCK_ARGS)
lock:
	test -x $(BIN)/uv || $(MAKE) install
	$(UV_COMPILE) -o requirements.lock
	$(UV_COMPILE) --extra dev -o requirements-dev.lock

# The demo: embedded SQLite, demo logins printed, then the server and a Celery worker with
# beat (Procfile.dev) on a folder as the broker (kombu's filesystem transport: no Redis).
# One Ctrl+C stops both.
run: export DEBUG ?= true
run: export DATABASE_URL ?= sqlite:///$(CURDIR)/db.sqlite3
run: export CELERY_BROKER_DIR ?= $(CURDIR)/.run/broker
run: export PATH := $(CURDIR)/$(BIN):$(PATH)
run: install
	mkdir -p "$$CELERY_BROKER_DIR"
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/honcho --procfile Procfile.dev start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The whole suite twice. First every test but the browser and migration tests, with the
# clock moved to 00:10 on 1 January of next year in the estates' zone (Asia/Shanghai): the
# turn of a month and of a year (`make test CLOCK=2027-03-01T00:10+08:00` moves it elsewhere).
# Then at the real date with every test (Chromium keeps the real clock, so the browser
# tests run only here; the migration tests' data holds no "now"); it reuses the first pass's
# databases (`--create-db` applies to the first only; --reuse-db is in pyproject's addopts),
# and its last lines name what it could not run here. DATABASE_URL / REDIS_URL unset: the
# machine's PostgreSQL and Redis when they answer, else SQLite and in-process tasks
# (tests/machine.py). bin/ensure-browser installs Chromium and a CJK font where it may.
MIGRATION_TESTS = tests/complaints/test_migrations.py tests/complaints/test_phone_migration.py \
	tests/workorders/test_migrations.py tests/desk/test_estate_move.py
NEW_YEAR = $(shell echo $$(( $$(TZ=Asia/Shanghai date +%Y) + 1 ))-01-01T00:10+08:00)
CLOCK ?= $(NEW_YEAR)
# The suite's settings (tests/settings.py: a test-only SECRET_KEY, in-process tasks when no
# REDIS_URL is set) serve the migration check too; production settings refuse to start without.
test: export DJANGO_SETTINGS_MODULE := tests.settings
test: lint
	bin/ensure-browser
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 -q --durations=10 --clock=$(CLOCK) --ignore=tests/e2e $(MIGRATION_TESTS:%=--ignore=%) $(PYTEST_ARGS)
	$(BIN)/pytest -n 2 --durations=10 $(filter-out --create-db,$(PYTEST_ARGS))

# Update the translation catalogue after changing strings, then fill in zh_Hans.
messages: export DEBUG ?= true
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
