"The library's modules in layers: each imports divwork modules only from layers below its own (function-level imports included), so there are no cycles."
import ast
from pathlib import Path

LIB = Path(__file__).resolve().parents[1] / "divwork"
LAYERS = [                                                      # bottom first; see the notebook table in nbs/index.ipynb
    ["core", "data", "passk", "stats", "metrics", "sandbox"],   # foundations: no divwork imports but these
    ["config"],                                                 # typed settings
    ["models", "plots"],                                        # loading models and LoRA; figures (no model code)
    ["tasks", "losses", "sampling"],                            # what is asked and scored; objectives; decoding
    ["humaneval", "replies", "judge", "evaluation", "serve.engine"],  # task kinds, judging, the evaluation job, the inference engine
    ["train"],                                                  # the training core: Trainer pieces, the rollout engine
    ["rl"],                                                     # the TRL arms built on it (found through entry points)
    ["runs", "report", "serve.api", "loop.store", "loop.rewards"],  # sweeps, the report, the HTTP API, the feedback store, rewards
    ["loop.selection"],                                         # what a round trains on
    ["loop.augment"],                                           # augmented examples
    ["loop.rounds"],                                            # the adaptive loop
    ["loop.hpo"],                                               # its hyperparameter search
    ["cli", "testing"],                                         # parses arguments and prints; fixtures for tests (no module imports them)
]

def module_names(lib: Path = None) -> set[str]:
    "Every module of the library as a dotted name under divwork (`runs`, `loop.store`); a package's `__init__` is left out."
    lib = lib or LIB
    return {".".join(p.relative_to(lib).with_suffix("").parts) for p in lib.rglob("*.py")
            if p.stem not in {"__init__", "_modidx"} and "__pycache__" not in p.parts}

def _resolve(module: str, node: ast.ImportFrom, known: set[str]) -> set[str]:
    "The divwork modules one `from ... import ...` names, relative or absolute."
    if node.level:
        base = module.split(".")[:-node.level] if node.level <= module.count(".") + 1 else []
        parts = base + ((node.module or "").split(".") if node.module else [])
    elif (node.module or "") == "divwork" or (node.module or "").startswith("divwork."):
        parts = node.module.split(".")[1:]
    else: return set()
    stem = ".".join(p for p in parts if p)
    found = {f"{stem}.{a.name}" if stem else a.name for a in node.names}    # `from .loop import store` names a module
    return {m for m in found if m in known} or ({stem} if stem else set())

def divwork_imports(module: str, lib: Path = None) -> set[str]:
    "Every divwork module `module` imports, at the top or inside a function."
    lib = lib or LIB
    known, out = module_names(lib), set()
    path = lib.joinpath(*module.split(".")).with_suffix(".py")
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom): out |= _resolve(module, node, known)
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".", 1)[1] for a in node.names if a.name.startswith("divwork.")}
    return out - {module, "__init__", "", "_modidx"}

def _layer_of(name: str, level: dict) -> int | None:
    "A module's layer: its own entry, else its package's (`loop` covers `loop.store` unless listed itself)."
    while name:
        if name in level: return level[name]
        name = name.rpartition(".")[0]
    return None

def test_every_module_has_a_layer():
    listed = [m for layer in LAYERS for m in layer]
    assert sorted(listed) == sorted(set(listed)), "a module is listed twice"
    level = {m: i for i, layer in enumerate(LAYERS) for m in layer}
    unplaced = sorted(m for m in module_names() if _layer_of(m, level) is None)
    assert not unplaced, f"put new modules in a layer: {unplaced}"
    gone = sorted(m for m in listed if not any(n == m or n.startswith(m + ".") for n in module_names()))
    assert not gone, f"listed but gone: {gone}"

def test_imports_go_down_only():
    level = {m: i for i, layer in enumerate(LAYERS) for m in layer}
    upward = []
    for m in sorted(module_names()):
        for t in sorted(divwork_imports(m)):
            lm, lt = _layer_of(m, level), _layer_of(t, level)
            if lt is not None and lt >= lm: upward.append(f"{m} (layer {lm}) imports {t} (layer {lt})")
    assert not upward, "imports that do not go down a layer:\n" + "\n".join(upward)

def test_the_checker_sees_function_level_and_relative_imports(tmp_path):
    (tmp_path / "pkg").mkdir()
    for m in ["high", "other", "pkg/__init__", "pkg/a", "pkg/b"]: (tmp_path / f"{m}.py").write_text("")
    (tmp_path / "low.py").write_text("def f():\n    from divwork.high import x\n    import divwork.other\n")
    (tmp_path / "pkg" / "a.py").write_text("from .b import y\nfrom ..high import z\nfrom divwork.pkg import b\n")
    assert divwork_imports("low", tmp_path) == {"high", "other"}
    assert divwork_imports("pkg.a", tmp_path) == {"pkg.b", "high"}
    assert module_names(tmp_path) == {"high", "other", "low", "pkg.a", "pkg.b"}
