# Set-up and checks for a fresh machine. README's two commands: `make demo`, `make test`.
PYTHON ?= python3
PIP_FLAGS ?= --disable-pip-version-check --quiet

.PHONY: install browser demo test lint

install:  ## polgraph, its spaCy model (PyPI), notebook and dev tools
	$(PYTHON) -m pip install $(PIP_FLAGS) -e '.[dev]'
	$(PYTHON) -m ipykernel install --user --name python3 >/dev/null

browser:  ## Debian's Chromium for the real-browser tests of the HTML maps
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

demo: install  ## the main job on examples/: out/extraction.jsonl, graph files, map.html
	polgraph run examples/ --out out/

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy

test: install browser lint  ## the whole suite; starts its own Neo4j unless NEO4J_URI is set
	$(PYTHON) -m pytest -q
