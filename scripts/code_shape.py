"""The shape of the library: function lengths, long lines and the module layers.

    .venv/bin/python scripts/code_shape.py            # this checkout's divwork/
    .venv/bin/python scripts/code_shape.py PATH       # another copy's package folder (e.g. an older clone)

Function length counts every line of a `def`, docstring and body included. The layers are
tests/test_layers.py's, the list that test enforces.
"""
import ast, importlib.util, statistics, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINS = [(1, 5), (6, 10), (11, 20), (21, 40), (41, None)]

def sources(lib: Path) -> dict[str, str]:
    "Module name -> source of every generated module under `lib` (the nbdev index left out)."
    return {".".join(p.relative_to(lib).with_suffix("").parts): p.read_text() for p in sorted(lib.rglob("*.py"))
            if p.name != "_modidx.py" and "__pycache__" not in p.parts}

def function_lengths(src: str) -> list[tuple[str, int]]:
    "(name, lines) of every function and method in `src`."
    return [(n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(ast.parse(src))
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]

def shape(lib: Path) -> dict:
    "Function-length distribution, the longest functions and long-line counts over `lib`."
    srcs = sources(lib)
    fns = sorted(((n, m, k) for m, s in srcs.items() for n, k in function_lengths(s)), key=lambda t: -t[2])
    lens = sorted(k for *_, k in fns)
    lines = [len(l) for s in srcs.values() for l in s.splitlines()]
    return {"functions": len(lens), "median": statistics.median(lens), "p90": lens[int(0.9 * (len(lens) - 1))],
            "bins": {f"{a}-{b or ''}": sum(a <= x <= (b or 10**9) for x in lens) for a, b in BINS},
            "longest": [f"{m}.{n} {k}" for n, m, k in fns[:8]], "lines_over_120": sum(n > 120 for n in lines),
            "longest_line": max(lines)}

def layers() -> list[list[str]]:
    "The module layers, bottom first, as tests/test_layers.py enforces them."
    spec = importlib.util.spec_from_file_location("test_layers", ROOT / "tests" / "test_layers.py")
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    return mod.LAYERS

if __name__ == "__main__":
    lib = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "divwork"
    s = shape(lib)
    print(f"{s['functions']} functions: median {s['median']} lines, 90th percentile {s['p90']}; "
          + ", ".join(f"{k}: {v}" for k, v in s["bins"].items()))
    print("longest: " + ", ".join(s["longest"]))
    print(f"lines over 120 characters: {s['lines_over_120']} (longest {s['longest_line']})")
    if len(sys.argv) == 1:
        print("layers (bottom first):")
        for i, layer in enumerate(layers()): print(f"  {i:2d}  {'  '.join(layer)}")
