"""Regenerate the flat `parameters` cells of the papermill templates from the configs (names, types, defaults, help).

    .venv/bin/python scripts/template_params.py           # rewrite nbs/templates/{train,eval}.ipynb's parameter cells
    .venv/bin/python scripts/template_params.py --check   # exit 1 if a cell is out of date
"""
import dataclasses, json, sys
from pathlib import Path
from divwork.config import EvalConfig, SamplingConfig, TrainConfig, flat_params

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = {ROOT / "nbs" / "templates" / "train.ipynb": TrainConfig, ROOT / "nbs" / "templates" / "eval.ipynb": EvalConfig}
RUN_HELP = {"arm": "zero_shot | few_shot", "seed": "seed of the run: few-shot examples and sampling"}   # an evaluation run's own arm and seed

def _line(name: str, default, help: str) -> str:
    typ = "float" if isinstance(default, float) else type(default).__name__
    return f"{f'{name}: {typ} = {default!r}':<45} # {help}"

def _helps(cls) -> dict:
    "Help text of every flat parameter of `cls`."
    helps = {f.name: f.metadata.get("help", "") for f in dataclasses.fields(cls) if f.name != "sampling"}
    prefix = "validation/test sampling: " if cls is TrainConfig else "sampling: "
    return helps | RUN_HELP | {f"sampling_{f.name}": prefix + f.metadata.get("help", "") for f in dataclasses.fields(SamplingConfig)}

def parameter_cell(cls) -> str:
    "The cell's source: `#| eval: true`, then one typed literal per flat parameter (default from the config) with its help."
    run = {"arm": EvalConfig().arms[0], "seed": EvalConfig().seeds[0]} if cls is EvalConfig else {}
    helps = _helps(cls)
    return "\n".join(["#| eval: true", *(_line(k, v, helps[k]) for k, v in flat_params(cls(), **run).items())])

if __name__ == "__main__":
    stale = []
    for path, cls in TEMPLATES.items():
        nb = json.loads(path.read_text())
        cell = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
        want = parameter_cell(cls)
        if "".join(cell["source"]) == want: continue
        if "--check" in sys.argv: stale.append(f"{path}: the parameter cell is out of date with {cls.__name__}"); continue
        cell["source"] = want.splitlines(keepends=True)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    if stale: sys.exit("\n".join(stale) + "\nrun scripts/template_params.py")
