"""Regenerate the flat `parameters` cell of the papermill training template from TrainConfig.

    .venv/bin/python scripts/template_params.py           # rewrite nbs/templates/train.ipynb's parameter cell
    .venv/bin/python scripts/template_params.py --check   # exit 1 if the cell is out of date
"""
import dataclasses, json, sys
from pathlib import Path
from divwork.config import SamplingConfig, TrainConfig

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "nbs" / "templates" / "train.ipynb"

def _line(name: str, f, prefix: str = "") -> str:
    default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
    typ = "float" if isinstance(default, float) else type(default).__name__
    return f"{f'{name}: {typ} = {default!r}':<45} # {prefix}{f.metadata.get('help', '')}"

def parameter_cell() -> str:
    "The cell's source: `#| eval: true`, then one typed literal per flat parameter with its help."
    lines = ["#| eval: true"]
    for f in dataclasses.fields(TrainConfig):
        if f.name == "sampling": lines += [_line(f"sampling_{s.name}", s, "validation/test sampling: ") for s in dataclasses.fields(SamplingConfig)]
        else: lines.append(_line(f.name, f))
    return "\n".join(lines)

if __name__ == "__main__":
    nb = json.loads(TEMPLATE.read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    want = parameter_cell()
    if "--check" in sys.argv:
        if "".join(cell["source"]) != want: sys.exit(f"{TEMPLATE}: the parameter cell is out of date with TrainConfig: run scripts/template_params.py")
        sys.exit(0)
    cell["source"] = want.splitlines(keepends=True)
    TEMPLATE.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
