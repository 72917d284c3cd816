#!/usr/bin/env bash
# The main job: the default experiment (experiments/default.yaml) on the embedded model, 5 seeds:
# zero-shot, SFT (standard LoRA), then from each seed's SFT adapter the same number of steps of
# SFT-continued, quality-only RL and polychromic RL; run as papermill jobs two at a time (parents
# first), then the report: the pre-registered verdict (polychromic vs quality-only RL on Pass@16),
# Table 1 and the figures under paper/, and the paper (paper/paper.md) rebuilt with them as
# paper/paper.built.md. Re-running skips finished runs; a crashed run resumes.
# Extra arguments go to `divwork run`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
"$ROOT/.venv/bin/divwork" run experiments/default.yaml --workers 2 "$@"
exec "$ROOT/.venv/bin/divwork" report default
