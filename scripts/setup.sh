#!/usr/bin/env bash
# Installs Peer Coach into ./.venv: the CPU build of torch, llama-cpp-python built once with
# portable CPU flags (kept in a wheel cache outside the clone), then the package and dev tools.
# Re-running is cheap: a stamp of pyproject.toml and this script skips an unchanged install.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
VENV="${COACH_VENV:-.venv}"
LLAMA_VERSION="0.3.36"
# A native build (-march=native) picks up AVX-512/AMX kernels that crash in decode on these
# CPUs; AVX2 runs everywhere we deploy and is fast enough for a 135M model.
LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF"
WHEELS="${COACH_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/peer-coach/wheels}/llama-$(echo "$LLAMA_VERSION $LLAMA_CMAKE_ARGS" | sha256sum | cut -c1-12)"

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Installing Peer Coach into $VENV (first time: several minutes)…" >&2
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  # torch first and pinned: anything unpinned pulls a multi-GB CUDA build.
  "$VENV/bin/python" -m pip install --quiet "torch==2.13.0"
  if ! ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl >/dev/null 2>&1; then
    echo "Building llama-cpp-python $LLAMA_VERSION once (about 5-7 minutes)…" >&2
    mkdir -p "$WHEELS"
    CMAKE_ARGS="$LLAMA_CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
      "$VENV/bin/python" -m pip wheel --quiet --no-deps --no-cache-dir -w "$WHEELS" \
      "llama-cpp-python==$LLAMA_VERSION"
  fi
  "$VENV/bin/python" -m pip install --quiet --force-reinstall --no-deps \
    "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl
  "$VENV/bin/python" -m pip install --quiet --find-links "$WHEELS" -e ".[dev]"
  # MiniLM for ONNX Runtime, exported from the packaged weights: commands start without torch.
  "$VENV/bin/python" -m coach.components.onnx_minilm
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
