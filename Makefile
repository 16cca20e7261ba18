# One environment (.venv), installed from the lock file constraints.txt.
# `make lab` opens the course; `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LAB_ARGS ?=
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
PYTEST_ARGS ?=
CHROMIUM := /usr/bin/chromium

.PHONY: lab test execute html bench lock

$(INSTALLED): pyproject.toml constraints.txt binder/overrides.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp binder/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(INSTALLED)

lab: $(INSTALLED)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port_retries=0 \
		--ServerApp.root_dir=. $(AS_ROOT) $(LAB_ARGS) notebooks/00_start_here.ipynb

test: $(INSTALLED) $(CHROMIUM)
	$(BIN)/python -m pytest --nbval tests notebooks $(PYTEST_ARGS)

# The browser tests drive Debian's chromium (playwright cannot download browsers here).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Regenerate badges, then re-execute every notebook in place so stored outputs match.
execute: $(INSTALLED)
	$(BIN)/python -m helpers.launch
	COURSE_ANSWERS_DIR=$$(mktemp -d) COURSE_STUDENT=nbval $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
		notebooks/*.ipynb

# Static HTML for a course website: interactive figures, no CDN, no kernel.
html: $(INSTALLED)
	$(BIN)/python -m helpers.html_export build/site

# Benchmarks print tables of ratios measured in the same run; they are not pass/fail tests.
bench: $(INSTALLED)
	$(BIN)/python benchmarks/notebook_execution.py --install
	$(BIN)/python benchmarks/timeline_scale.py
	$(BIN)/python benchmarks/widget_latency.py
	$(BIN)/python benchmarks/browser_open.py

# Re-pin the whole stack after a deliberate upgrade; then run `make execute` and `make test`.
lock:
	rm -rf /tmp/course-lock && $(PYTHON) -m venv /tmp/course-lock
	/tmp/course-lock/bin/python -m pip install --quiet --upgrade "pip>=24"
	/tmp/course-lock/bin/python -m pip install --quiet -e ".[test]"
	/tmp/course-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt
