# Sikker kommune — the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_PASSWORD ?= Sikker-Kommune-2026
PG_URL ?= postgres://postgres@127.0.0.1:5432/isms
REDIS_URL ?= redis://127.0.0.1:6379/15
export DEMO_PASSWORD

DEV_ENV := DEBUG=1
TEST_ENV := DEBUG=1
PROD_ENV := env -u DEBUG SECRET_KEY=ci-only-9f3b2c7e5a1d4f8b6c0e2a7d9b1f3c5e8a0d2b4f6c8e0a2c ALLOWED_HOSTS=isms.example.no

.PHONY: run test test-postgres lint vendor chromium clean serve loadtest

$(VENV)/installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/installed
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py load_kins_templates
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Sikker kommune kjører på http://127.0.0.1:$(PORT)/"
	@echo "Demo-innlogginger (passord: $(DEMO_PASSWORD)):"
	@echo "  koordinator@demo.no      koordinator (sekretariatet i Digitale Helgeland)"
	@echo "  dpo@demo.no              felles personvernombud"
	@echo "  leder.vefsn@demo.no      leder i Vefsn (signerer)"
	@echo "  redaktor.vefsn@demo.no   redaktør i Vefsn"
	@echo "  leder.<kommune>@demo.no / redaktor.<kommune>@demo.no for alle 16 kommunene (f.eks. leder.rana@demo.no)"
	@echo ""
	$(DEV_ENV) SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production server (README "Drift"): refuses unapplied migrations, collects static files, runs gunicorn
# (gunicorn.conf.py: GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_BIND).
serve: $(VENV)/installed
	@$(BIN)/python manage.py migrate --check >/dev/null || { echo "Databasen mangler migreringer: kjør 'manage.py migrate' først."; exit 1; }
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/gunicorn -c gunicorn.conf.py isms.wsgi

# The full load test against gunicorn + PostgreSQL (README "Drift"): 50 browsing, 200 registering.
loadtest: $(VENV)/installed
	./scripts/loadtest.sh 50 200 60s

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

test: $(VENV)/installed chromium
	$(TEST_ENV) $(BIN)/pytest -n 2 -m "not worker and not deploy"

test-postgres: $(VENV)/installed
	pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not running on 127.0.0.1:5432"; exit 1; }
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 -m "not browser and not worker and not deploy"
	$(TEST_ENV) DATABASE_URL=$(PG_URL) TEST_DATABASE_NAME=test_isms_worker CELERY_BROKER_URL=$(REDIS_URL) CELERY_TASK_ALWAYS_EAGER=0 \
	  $(BIN)/pytest -p no:xdist -m worker
	$(TEST_ENV) DATABASE_URL=$(PG_URL) TEST_DATABASE_NAME=test_isms_deploy CACHE_URL=$(REDIS_URL) \
	  $(BIN)/pytest -p no:xdist -m deploy

lint: $(VENV)/installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null
	$(PROD_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/bandit -c pyproject.toml -q -r isms

vendor:
	./scripts/vendor.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media
