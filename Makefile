# Proeftuin – the two commands a new machine needs:
#   make run    set everything up (Python 3.12 venv, packages, CSS build, database, demo data)
#               and serve the platform on http://127.0.0.1:8000 with its embedded defaults,
#               with the background worker beside the web server (one Ctrl+C stops both)
#   make test   run the whole test suite (set up the Python environment first if needed)

PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run dev setup test test-browser lint lint-api fuzz-api openapi openapi-check messages bench clean bench-search bench-ingest bench-portfolio bench-funding bench-awards

# The NL API Design Rules ruleset (Logius) lives in ../shared, next to this repository.
SHARED ?= ../shared
ADR_RULESET := $(SHARED)/adr/adr-2.2-linter.yaml
SPECTRAL := tools/spectral/node_modules/.bin/spectral

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --accounts
	$(PY) manage.py collectstatic --noinput -v0
	@echo "Proeftuin draait op http://$(HOST):$(PORT)/ (Ctrl+C om te stoppen)"
	$(PY) -m proeftuin.supervise \
	  "web=$(VENV)/bin/gunicorn proeftuin.wsgi -c proeftuin/gunicorn_conf.py --bind $(HOST):$(PORT) --workers 3 --access-logfile -" \
	  "worker=$(PY) manage.py worker"

dev: setup
	$(PY) manage.py migrate --noinput
	DEBUG=true $(PY) -m proeftuin.supervise \
	  "web=$(PY) manage.py runserver $(HOST):$(PORT)" "worker=$(PY) manage.py worker"

setup: $(VENV)/.installed proeftuin/static/vendor/.built .env

$(VENV)/.installed: pyproject.toml
	@command -v pyenv >/dev/null && pyenv install --skip-existing $(PYTHON_VERSION) || true
	@PYBIN=$$( (pyenv prefix $(PYTHON_VERSION) 2>/dev/null | sed 's#$$#/bin/python#') || command -v python3.12 ); \
	  test -x "$$PYBIN" || PYBIN=$$(command -v python3.12); \
	  echo "Python: $$PYBIN"; "$$PYBIN" -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	@# Pango for the casebook PDFs (WeasyPrint): Debian's packages, when missing and apt is there
	@ldconfig -p | grep -q "libpangoft2-1.0.so.0" || { command -v apt-get >/dev/null && \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends \
	  libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; } || \
	  echo "Pango ontbreekt: installeer libpango-1.0-0 en libpangoft2-1.0-0 voor casebook-PDF's."
	touch $@

proeftuin/static/vendor/.built: frontend/package.json frontend/package-lock.json frontend/build.mjs
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build
	touch $@

.env:
	@echo "# Local settings written by 'make'; see .env.example for all settings." > .env
	@echo "SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env
	@echo "ALLOWED_HOSTS=127.0.0.1,localhost" >> .env
	@echo "SECURE_COOKIES=false" >> .env
	@echo "Wrote .env with a new secret key."

test: $(VENV)/.installed
	$(VENV)/bin/pytest

# Only the real-browser tests (tests/browser: headless Chromium, axe-core), failing instead
# of skipping when Chromium or the built assets are missing. Chromium: apt-get install chromium.
test-browser: $(VENV)/.installed proeftuin/static/vendor/.built
	PROEFTUIN_BROWSER_TESTS=required $(VENV)/bin/pytest tests/browser

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Lint the committed OpenAPI spec with the NL API Design Rules; any error fails.
lint-api: $(SPECTRAL)
	@test -f $(ADR_RULESET) || { echo "NL API Design Rules ruleset not found: $(ADR_RULESET) (check out ../shared next to this repository)"; exit 1; }
	$(SPECTRAL) lint --fail-severity error --ruleset $(ADR_RULESET) docs/api/openapi.yaml

$(SPECTRAL): tools/spectral/package.json tools/spectral/package-lock.json
	cd tools/spectral && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Property-based run of the spec against a live server (schemathesis, fixed seed): prints
# N requests and the number of server errors; fails on a 5xx or a response that breaks the spec.
FUZZ_EXAMPLES ?= 10
fuzz-api: $(VENV)/.installed
	$(PY) -m tests.api.fuzz --max-examples $(FUZZ_EXAMPLES)

openapi: $(VENV)/.installed
	SECRET_KEY=openapi $(PY) manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml

openapi-check: $(VENV)/.installed
	@out=$$(mktemp --suffix=.yaml) && trap 'rm -f "$$out"' EXIT && \
	SECRET_KEY=openapi $(PY) manage.py spectacular --validate --fail-on-warn --file "$$out" && \
	diff -u docs/api/openapi.yaml "$$out" && echo "OpenAPI spec is up to date."

messages: $(VENV)/.installed
	cd proeftuin && SECRET_KEY=messages ../$(PY) ../manage.py makemessages -l nl -l en --no-obsolete --ignore='static/*'
	cd proeftuin && SECRET_KEY=messages ../$(PY) ../manage.py compilemessages -v0

bench: $(VENV)/.installed
	$(PY) bench/library.py

bench-search: $(VENV)/.installed
	$(PY) bench/search.py

# Upload to a reviewable queue for a 65-page report (built in memory from ../shared/realdocs)
# and a 300-page one: pages/s per stage beside a plain text extraction of the same pages.
bench-ingest: $(VENV)/.installed
	$(PY) bench/ingest_speed.py

# the portfolio pages at 2,000 and 20,000 initiatives (ARGS=--small: 200 and 2,000)
bench-portfolio: $(VENV)/.installed
	$(PY) bench/portfolio.py $(ARGS)

# the funding pages at 1,000 and 10,000 applications in 50 rounds (ARGS=--small: 200 and 1,000)
bench-funding: $(VENV)/.installed
	$(PY) bench/funding.py $(ARGS)

# the judging pages of an award edition, 30 judges, 100 and 1,000 nominations (ARGS=--small: 20 and 100)
bench-awards: $(VENV)/.installed
	$(PY) bench/awards.py $(ARGS)

clean:
	rm -rf $(VENV) data staticfiles proeftuin/static/vendor frontend/node_modules
