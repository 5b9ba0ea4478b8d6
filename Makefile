# The two commands: `make run` (demo server) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD_FILE := .demo-password

.PHONY: help install run test test-fast lint format check-deploy bench cluster-proof reliability clean messages

help:
	@echo "make run          install, migrate, load the 2021 demo, serve on http://$(HOST):$(PORT)"
	@echo "make test         the whole test suite (SQLite unless DATABASE_URL is set; XDIST=0: serially)"
	@echo "make test-fast    the suite without the browser tests"
	@echo "make lint         ruff check and format check"
	@echo "make messages     gather the interface's strings into locale/*/django.po, and compile them"
	@echo "make bench        load-test every page under gunicorn on PostgreSQL (SIZES=1000 quick)"
	@echo "make cluster-proof  two gunicorns behind nginx sharing PostgreSQL and Redis (~1.5 min)"
	@echo "make reliability  load, then stop and stall PostgreSQL and Redis under it (root, ~5 min)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV): on Debian/Ubuntu run 'sudo apt install python3-venv'."; exit 1; }

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

# The interface's translations (README, "Languages"): each .po compiled to the .mo Django reads,
# again whenever the .po changes; .mo files are not kept in git, so they are never stale.
LANGUAGES := fr es
CATALOGUES := $(foreach language,$(LANGUAGES),locale/$(language)/LC_MESSAGES/django.mo)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null || \
		{ echo "msgfmt is missing: on Debian/Ubuntu run 'sudo apt install gettext'."; exit 1; }
	msgfmt --check -o $@ $<

install: $(VENV)/.installed $(CATALOGUES)

# Every marked string of the code and templates into the catalogues (new ones untranslated,
# changed ones fuzzy: tests/i18n/test_catalogues.py fails until they are translated).
MESSAGES_IGNORE := .venv node_modules bench tests staticfiles media '*.egg-info'
messages: $(VENV)/.installed
	DJANGO_DEBUG=true $(BIN)/python manage.py makemessages $(foreach language,$(LANGUAGES),-l $(language)) \
		--add-location file $(foreach pattern,$(MESSAGES_IGNORE),--ignore=$(pattern))
	$(MAKE) --always-make $(CATALOGUES)

$(DEMO_PASSWORD_FILE): | $(BIN)/python
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(12))" > $@

# The demo server runs in debug mode, with the checkout's own key (.dev-secret-key, made by the
# settings on first use); production never inherits either.
run: export DJANGO_DEBUG = true
# Links in the demo's output and e-mails name the address the server runs on.
run: export PLP_SITE_URL ?= http://$(HOST):$(PORT)
run: install $(DEMO_PASSWORD_FILE)
	$(BIN)/python manage.py migrate --noinput
	@DEMO_PASSWORD="$${DEMO_PASSWORD:-$$(cat $(DEMO_PASSWORD_FILE))}" $(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Tests run in parallel, one pytest-xdist worker per core (`-n auto`); XDIST=0 runs them in one
# process, XDIST=4 in four.
XDIST ?= auto
test: install
	$(BIN)/python -m pytest -n $(XDIST)

test-fast: install
	$(BIN)/python -m pytest -n $(XDIST) -m "not browser"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=plp.example.org \
	DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

# The benchmark's server is installed as in production, without the development tools.
PRODUCTION_VENV := .venv-production
$(PRODUCTION_VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PYTHON) -m venv $(PRODUCTION_VENV)
	$(PRODUCTION_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PRODUCTION_VENV)/bin/python -m pip install --quiet -e .
	@touch $@

# Needs PostgreSQL on 127.0.0.1:5432, Redis and wrk; writes docs/performance.md (~25 min).
SIZES ?= 1000 10000 100000
bench: install $(PRODUCTION_VENV)/.installed
	$(BIN)/python -m bench.run --sizes "$(SIZES)" $(if $(REGENERATE),--regenerate)

# Needs root, Debian's PostgreSQL tools (pg_createcluster), redis-server and wrk; makes its own
# PostgreSQL cluster and Redis on loopback (FAULTS_PG_PORT, FAULTS_REDIS_PORT, FAULTS_PORT),
# never touching the shared ones; writes docs/reliability.md (~5 min).
reliability: install
	$(BIN)/python -m bench.faults

# Needs PostgreSQL on 127.0.0.1:5432, Redis, nginx and wrk; loopback only, about a minute and a
# half; writes docs/reliability.md ("Two servers behind nginx"). Not part of CI.
CLUSTER_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/plp_cluster
CLUSTER_REDIS_URL ?= redis://127.0.0.1:6379/6
cluster-proof: install
	$(BIN)/python -m bench.cluster --database-url "$(CLUSTER_DATABASE_URL)" --redis-url "$(CLUSTER_REDIS_URL)"

clean:
	rm -rf $(VENV) .venv-production staticfiles .pytest_cache .ruff_cache
