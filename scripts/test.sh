#!/usr/bin/env bash
# The test command (CI runs exactly this). Gates, in order:
#   1. notebooks are clean   (nbdev-clean leaves no change)
#   2. library is in sync    (nbdev-export leaves no change)
#   3. README is in sync     (README.md is rendered from nbs/index.ipynb)
#      template in sync   (nbs/templates/train.ipynb's parameter cell is generated from TrainConfig)
#   4. tests pass            (every notebook under nbs/ executed through pytest)
# `scripts/test.sh --slow` also runs cells flagged `#| slow`; other arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
export PATH="$ROOT/.venv/bin:$PATH" WANDB_MODE=disabled HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

snapshot() { find nbs divwork -type f \( -name '*.ipynb' -o -name '*.py' \) -not -path '*/.ipynb_checkpoints/*' -print0 | sort -z | xargs -0 sha256sum; }
gate() {  # gate NAME COMMAND...: fail if COMMAND changes any notebook or module
  local name="$1"; shift
  local before after; before="$(snapshot)"
  "$@"
  after="$(snapshot)"
  if [[ "$before" != "$after" ]]; then
    echo "FAILED gate '$name': it changed these files (run it, review, commit):" >&2
    diff <(echo "$before") <(echo "$after") | grep '^[<>]' | awk '{print "  " $3}' | sort -u >&2
    exit 1
  fi
  echo "gate '$name': ok"
}
gate nbdev-clean nbdev-clean
gate nbdev-export nbdev-export
python scripts/readme.py --check && echo "gate 'readme': ok"
python scripts/template_params.py --check && echo "gate 'template parameters': ok"

args=()
for a in "$@"; do
  if [[ "$a" == "--slow" ]]; then export DIVWORK_TEST_FLAGS="slow"; else args+=("$a"); fi
done
# Two workers on two cores: one torch thread each, or they fight over the cores.
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
exec pytest -n "${DIVWORK_TEST_WORKERS:-2}" --dist loadfile "${args[@]}" tests
