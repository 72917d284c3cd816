"""Render nbs/index.ipynb to README.md (nbdev-readme needs Quarto, which divwork does not install).

Markdown cells are copied; code cells become ```python blocks with their outputs' text,
except cells marked `#| hide`. `--check` exits 1 when README.md is out of date.
"""
import os, sys, tempfile
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parents[1]

def render(nb_path: Path) -> str:
    "README text of the index notebook."
    parts = []
    for c in nbformat.read(nb_path, as_version=4).cells:
        src = c.source.strip()
        if not src or src.startswith("#| hide"): continue
        if c.cell_type == "markdown": parts.append(src)
        elif c.cell_type == "code":
            parts.append(f"```python\n{src}\n```")
            text = "".join(o.get("text", "") for o in c.get("outputs", []) if o.get("output_type") == "stream")
            if text.strip(): parts.append(f"```\n{text.rstrip()}\n```")
    return "<!-- Generated from nbs/index.ipynb by scripts/readme.py: edit the notebook, not this file. -->\n\n" + "\n\n".join(parts) + "\n"

def main(argv):
    text, dst = render(ROOT / "nbs" / "index.ipynb"), ROOT / "README.md"
    if "--check" in argv:
        if not dst.exists() or dst.read_text() != text:
            print("README.md is out of date with nbs/index.ipynb: run .venv/bin/python scripts/readme.py", file=sys.stderr); return 1
        return 0
    fd, tmp = tempfile.mkstemp(dir=ROOT, suffix=".md")
    with os.fdopen(fd, "w") as f: f.write(text)
    os.replace(tmp, dst); return 0

if __name__ == "__main__": sys.exit(main(sys.argv[1:]))
