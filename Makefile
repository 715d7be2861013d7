# newsflow: one-machine set-up, demo, tests, embedded Airflow, backfills, benchmarks.
SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
DEMO_DATE ?= 2026-02-05
UV_VERSION := 0.13.9

# The embedded Airflow: SQLite metadata DB in .airflow/, this project's dags and plugins.
export AIRFLOW_HOME := $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__PLUGINS_FOLDER := $(CURDIR)/plugins
export AIRFLOW__CORE__LOAD_EXAMPLES := False
# SQLite serialises writers: wait for the lock instead of failing when the scheduler and
# a CLI command (backfill create) write at the same moment.
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN := sqlite:///$(AIRFLOW_HOME)/airflow.db?timeout=60
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION := True
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS := True
export AIRFLOW__API__HOST := 127.0.0.1
export AIRFLOW__API__PORT := 8080
export AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL := 10
export AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL := 10
export NEWSFLOW_HOME := $(CURDIR)
export PATH := $(BIN):$(PATH)

.PHONY: help install chromium demo test lint audit airflow airflow-cli backfill constraints bench-body bench-quotes bench-scale clean

help:
	@echo "make demo | test | airflow | airflow-cli ARGS=... | backfill FROM=YYYY-MM-DD TO=YYYY-MM-DD"
	@echo "make bench-body DATA=... | bench-quotes DATA=... | bench-scale [SIZES='10000 100000']"
	@echo "make constraints | audit | lint | clean"

# A venv with the project (editable), Airflow and the test tools, pinned by constraints.txt.
$(BIN)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(UV) || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip install --quiet --python $(BIN)/python -c constraints.txt -e '.[airflow,celery,s3,dev]'
	touch $@

install: $(BIN)/.installed

$(AIRFLOW_HOME)/airflow.db: $(BIN)/.installed
	mkdir -p $(AIRFLOW_HOME)
	$(BIN)/airflow db migrate > $(AIRFLOW_HOME)/db-migrate.log 2>&1 || (cat $(AIRFLOW_HOME)/db-migrate.log; exit 1)
	$(BIN)/airflow pools import include/pools.json >> $(AIRFLOW_HOME)/db-migrate.log 2>&1 || (cat $(AIRFLOW_HOME)/db-migrate.log; exit 1)

demo: $(AIRFLOW_HOME)/airflow.db
	@echo "== running news_ingest for $(DEMO_DATE) through Airflow (log: $(AIRFLOW_HOME)/demo.log)"
	$(BIN)/airflow dags test news_ingest $(DEMO_DATE) > $(AIRFLOW_HOME)/demo.log 2>&1 \
		|| (tail -50 $(AIRFLOW_HOME)/demo.log; exit 1)
	@grep -q "state=success" $(AIRFLOW_HOME)/demo.log || (tail -50 $(AIRFLOW_HOME)/demo.log; exit 1)
	@echo "== running news_analytics for $(DEMO_DATE) (log: $(AIRFLOW_HOME)/demo-analytics.log)"
	$(BIN)/airflow dags test news_analytics $(DEMO_DATE) > $(AIRFLOW_HOME)/demo-analytics.log 2>&1 \
		|| (tail -50 $(AIRFLOW_HOME)/demo-analytics.log; exit 1)
	@grep -q "state=success" $(AIRFLOW_HOME)/demo-analytics.log \
		|| (tail -50 $(AIRFLOW_HOME)/demo-analytics.log; exit 1)
	$(BIN)/newsflow summary --date $(DEMO_DATE)
	@echo
	@echo "catalog: $(CURDIR)/data/newsflow.duckdb   (duckdb data/newsflow.duckdb -c \"select * from speakers order by quotes desc limit 10\")"
	@echo "report:  $(CURDIR)/data/reports/dt=$(DEMO_DATE)/index.html"
	@echo "UI page: make airflow, then http://127.0.0.1:8080/plugin/newsflow"

# The UI test drives Debian's chromium (no browser downloads); install it when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "== installing Debian's chromium for the UI test"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(BIN)/.installed chromium
	$(BIN)/pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

airflow: $(AIRFLOW_HOME)/airflow.db
	@echo "Airflow UI on http://127.0.0.1:8080 (no login: local only)"
	$(BIN)/airflow pools import include/pools.json > /dev/null  # fetch lanes (idempotent)
	$(BIN)/airflow standalone

airflow-cli: $(AIRFLOW_HOME)/airflow.db
	$(BIN)/airflow $(ARGS)

# News days FROM..TO inclusive, one run each. On Airflow 3.3 `backfill create` takes the
# range as logical dates, both ends included, and a run's logical date is its news day.
backfill: $(AIRFLOW_HOME)/airflow.db
	@test -n "$(FROM)" -a -n "$(TO)" || (echo "usage: make backfill FROM=YYYY-MM-DD TO=YYYY-MM-DD"; exit 2)
	$(BIN)/airflow pools import include/pools.json > /dev/null
	$(BIN)/airflow dags unpause news_ingest
	@# SQLite can refuse the write outright while the scheduler writes (a lock upgrade that
	@# waiting would deadlock): the whole create is one transaction, so it is tried again.
	@for attempt in 1 2 3 4 5; do \
		$(BIN)/airflow backfill create --dag-id news_ingest --from-date $(FROM) --to-date $(TO) \
			--reprocess-behavior completed > $(AIRFLOW_HOME)/backfill.log 2>&1 \
			&& { sed -nE 's/.*(Created backfill Dag run).*logical_date=DateTime\(([0-9]+), ([0-9]+), ([0-9]+),.*/\1: logical date \2-\3-\4/p' \
				$(AIRFLOW_HOME)/backfill.log; exit 0; }; \
		grep -q "database is locked" $(AIRFLOW_HOME)/backfill.log \
			|| { tail -30 $(AIRFLOW_HOME)/backfill.log; exit 1; }; \
		echo "metadata database busy; trying again ($$attempt/5)"; sleep 3; \
	done; tail -30 $(AIRFLOW_HOME)/backfill.log; exit 1

# Re-resolve every dependency and pin the result.
constraints:
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp" && \
	"$$tmp/bin/python" -m pip install --quiet uv==$(UV_VERSION) && \
	"$$tmp/bin/uv" pip install --quiet --python "$$tmp/bin/python" -e '.[airflow,celery,s3,dev,bench,audit]' && \
	"$$tmp/bin/uv" pip freeze --python "$$tmp/bin/python" --exclude-editable | grep -v '^uv==' > constraints.txt

# Known-vulnerable pinned packages: pip-audit checks every pin of constraints.txt against the
# PyPI vulnerability data. It fails when vulnerabilities are found, and when a package could
# not be checked (no access to pypi.org's JSON API): nothing is reported as safe unchecked.
audit: $(BIN)/.installed
	$(UV) pip install --quiet --python $(BIN)/python -c constraints.txt -e '.[audit]'
	@$(BIN)/pip-audit --requirement constraints.txt --no-deps --disable-pip --strict \
		--progress-spinner off \
	|| { echo "make audit: FAILED: known vulnerabilities are listed above, or packages could" \
		"not be checked because the vulnerability service (https://pypi.org/pypi/<name>/<version>/json)" \
		"was not reachable from here"; exit 1; }

bench-body: $(BIN)/.installed
	@test -n "$(DATA)" || (echo "usage: make bench-body DATA=path/to/article-body"; exit 2)
	$(UV) pip install --quiet --python $(BIN)/python -c constraints.txt -e '.[bench]'
	$(BIN)/python benchmarks/article_body.py --data $(DATA) --peer trafilatura

bench-quotes: $(BIN)/.installed
	@test -n "$(DATA)" || (echo "usage: make bench-quotes DATA=path/to/quotes-polnear/dev"; exit 2)
	$(BIN)/python benchmarks/quotes.py --data $(DATA)

# Throughput, memory, file sizes, query speed and DAG parse cost on generated inboxes of
# SIZES articles (default 10,000 and 100,000); results in bench-out/throughput/.
bench-scale: $(BIN)/.installed
	$(BIN)/python benchmarks/throughput.py --work $(CURDIR)/bench-out/throughput \
		$(if $(SIZES),--sizes $(SIZES))

clean:
	rm -rf $(AIRFLOW_HOME) data bench-out .pytest_cache
