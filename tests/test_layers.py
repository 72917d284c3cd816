"The library's modules in layers: each imports divwork modules only from layers below its own (function-level imports included), so there are no cycles."
import ast
from pathlib import Path

LIB = Path(__file__).resolve().parents[1] / "divwork"
LAYERS = [                                                      # bottom first; see the notebook table in nbs/index.ipynb
    ["core", "data", "passk", "stats", "metrics", "sandbox"],   # foundations: no divwork imports but these
    ["config"],                                                 # typed settings
    ["models", "plots"],                                        # loading models and LoRA; figures (no model code)
    ["tasks", "losses", "sampling"],                            # what is asked and scored; objectives; decoding
    ["humaneval", "replies", "judge", "evaluation", "serve"],   # task kinds, judging, the evaluation job, the inference engine
    ["train"],                                                  # the training core: Trainer pieces, the rollout engine
    ["rl"],                                                     # the TRL arms built on it (found through entry points)
    ["runs", "report", "api", "adaptive"],                      # sweeps, the report, the HTTP API, the loop's parts
    ["loop"],
    ["hpo"],
    ["cli"],                                                    # parses arguments and prints
]

def divwork_imports(module: str) -> set[str]:
    "Every divwork module `module` imports, at the top or inside a function."
    out = set()
    for node in ast.walk(ast.parse((LIB / f"{module}.py").read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1: out.add((node.module or "").split(".")[0])
            elif (node.module or "").startswith("divwork."): out.add(node.module.split(".")[1])
            elif node.module == "divwork": out |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("divwork.")}
    return out - {module, "__init__", ""}

def test_every_module_has_a_layer():
    modules = {p.stem for p in LIB.glob("*.py")} - {"__init__", "_modidx"}
    listed = [m for layer in LAYERS for m in layer]
    assert sorted(listed) == sorted(set(listed)), "a module is listed twice"
    assert modules == set(listed), f"put new modules in a layer: {sorted(modules - set(listed))}; gone: {sorted(set(listed) - modules)}"

def test_imports_go_down_only():
    level = {m: i for i, layer in enumerate(LAYERS) for m in layer}
    upward = [f"{m} (layer {level[m]}) imports {t} (layer {level[t]})" for m in level for t in sorted(divwork_imports(m)) if t in level and level[t] >= level[m]]
    assert not upward, "imports that do not go down a layer:\n" + "\n".join(upward)

def test_the_checker_sees_function_level_imports(tmp_path, monkeypatch):
    (tmp_path / "low.py").write_text("def f():\n    from divwork.high import x\n    import divwork.other\n")
    monkeypatch.setattr(__import__(__name__), "LIB", tmp_path)
    assert divwork_imports("low") == {"high", "other"}
