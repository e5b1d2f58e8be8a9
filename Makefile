# Two commands matter (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SAMPLE := examples/azerbaycan-bolsevizm/edition.yaml

.PHONY: setup demo test bench bench-anchor versus clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/setup-system.sh
	bash scripts/setup-system.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: setup
	$(PY) build.py $(SAMPLE) -o build/azerbaycan-bolsevizm.pdf

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/run.py

# TeX for the reledmac anchor (never in CI), then paired cold builds against it
bench-anchor:
	bash scripts/setup-anchor.sh

versus: setup bench-anchor
	$(PY) bench/versus.py

clean:
	rm -rf build $(VENV) *.egg-info
