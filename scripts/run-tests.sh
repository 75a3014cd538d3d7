#!/usr/bin/env bash
# Install (first time only) and run the whole test suite, offline:
#   1. everything on the default back-ends (SQLite + embedded Chroma), including the browser
#      test in headless Chromium;
#   2. again on the team back-ends: a real PostgreSQL and a Chroma server on loopback.
# Extra arguments go to pytest (e.g. -x, -k NAME). As root, missing Debian packages
# (chromium, postgresql) are installed; elsewhere those parts are skipped with a notice,
# except under CI, where they must run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
VENV="${COACH_VENV:-.venv}"

# Test tools, and the optional `local` extra (llama-cpp-python, built once with portable CPU
# flags and kept in a wheel cache outside the clone, because pip's own cache ignores
# CMAKE_ARGS) when a C/C++ compiler is present; without one, the tests of the in-process
# model are skipped.
LLAMA_VERSION="0.3.36"
# A native build (-march=native) picks up AVX-512/AMX kernels that crash in decode on these
# CPUs; AVX2 runs everywhere we deploy and is fast enough for a 135M model.
LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF"
WHEELS="${COACH_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/peer-coach/wheels}/llama-$(echo "$LLAMA_VERSION $LLAMA_CMAKE_ARGS" | sha256sum | cut -c1-12)"
have_compiler() { command -v "${CXX:-c++}" >/dev/null 2>&1 && command -v "${CC:-cc}" >/dev/null 2>&1; }
extras="dev"
have_compiler && extras="dev,local"
stamp="$VENV/.tests-$extras-$(cat pyproject.toml scripts/run-tests.sh | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  if [ "$extras" = "dev,local" ]; then
    if ! ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl >/dev/null 2>&1; then
      echo "Building llama-cpp-python $LLAMA_VERSION once for the local-model tests (about 5-7 minutes)…" >&2
      mkdir -p "$WHEELS"
      CMAKE_ARGS="$LLAMA_CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
        "$VENV/bin/python" -m pip wheel --quiet --no-deps --no-cache-dir -w "$WHEELS" \
        "llama-cpp-python==$LLAMA_VERSION"
    fi
    "$VENV/bin/python" -m pip install --quiet --no-deps "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl
  else
    echo "No C compiler: the tests of the in-process local model will be skipped." >&2
  fi
  "$VENV/bin/python" -m pip install --quiet --find-links "$WHEELS" -e ".[$extras]"
  rm -f "$VENV"/.tests-*
  touch "$stamp"
fi

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser test…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# axe-core (from the npm registry) for the browser test's accessibility check; kept in .cache.
if [ ! -f .cache/npm/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "Installing axe-core for the accessibility check…" >&2
    npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@4 >/dev/null \
      || echo "Could not install axe-core; the accessibility check will be skipped." >&2
  else
    echo "npm is missing: the accessibility check will be skipped." >&2
  fi
fi

echo "== Default back-ends (SQLite + embedded Chroma) ==" >&2
"$VENV/bin/python" -m pytest "$@"

echo "== Team back-ends (PostgreSQL + Chroma server) ==" >&2
status=0
bash scripts/test-servers.sh -m "not browser and not local_only" -q "$@" || status=$?
if [ "$status" = 3 ] && [ -z "${CI:-}" ]; then
  echo "Skipped the team back-ends (see above)." >&2
  exit 0
fi
exit "$status"
