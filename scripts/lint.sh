#!/usr/bin/env bash
# Lint and type-check the package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# ruff and mypy come with the dev extra (the run command installs only what the app needs).
[ -x .venv/bin/ruff ] && [ -x .venv/bin/mypy ] || .venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/ruff check coach tests bench app.py
.venv/bin/ruff format --check coach tests bench app.py
.venv/bin/mypy coach
