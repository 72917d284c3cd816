#!/usr/bin/env bash
# The main job: the default experiment (experiments/default.yaml): zero-shot, few-shot, standard
# LoRA and polychromic LoRA on the embedded model, 5 seeds, run as papermill jobs two at a time,
# then the report (Table 1, Figure 1 and the other figures under paper/). Re-running skips
# finished runs; a crashed run resumes. Extra arguments go to `divwork run`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
"$ROOT/.venv/bin/divwork" run experiments/default.yaml --workers 2 "$@"
exec "$ROOT/.venv/bin/divwork" report default
