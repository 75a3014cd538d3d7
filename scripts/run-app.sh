#!/usr/bin/env bash
# Install (first time only) and open Peer Coach at http://127.0.0.1:7860 .
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/coach serve "$@"
