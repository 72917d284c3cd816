#!/usr/bin/env bash
# The main job: zero-shot and few-shot evaluation of the embedded model on the default
# task (Pass@1..10, results table, figure). Extra arguments go to `divwork eval`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec "$ROOT/.venv/bin/divwork" eval "$@"
