#!/usr/bin/env bash
# Lint and type-check the package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check coach tests bench app.py
.venv/bin/ruff format --check coach tests bench app.py
.venv/bin/mypy coach
