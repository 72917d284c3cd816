"""Every notebook under nbs/ is a test: its cells run top to bottom through nbdev's runner.

Cells flagged with a `tst_flags` flag (`#| slow`, `#| gpu`, `#| notest`) are skipped unless
that flag is named in $DIVWORK_TEST_FLAGS (comma-separated), e.g. `scripts/test.sh --slow`.
"""
import os, pytest
from pathlib import Path
from nbdev.config import get_config
from nbdev.test import test_nb as run_notebook

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT / "nbs"

def _notebooks():
    "Library, experiment and analysis notebooks; scratch notebooks (leading `_`) are left out."
    return sorted(p for p in NBS.rglob("*.ipynb")
                  if not any(part.startswith(("_", ".")) for part in p.relative_to(NBS).parts))

def _flags():
    "Flags to skip (all tst_flags) and to force (those named in DIVWORK_TEST_FLAGS)."
    all_flags = list(get_config(ROOT).tst_flags)
    forced = [f for f in os.environ.get("DIVWORK_TEST_FLAGS", "").split(",") if f]
    return all_flags, forced

@pytest.mark.parametrize("nb", _notebooks(), ids=lambda p: str(p.relative_to(NBS)))
def test_notebook(nb):
    skip, force = _flags()
    # A cell that runs longer than this is taken for a hang. Slow cells are slow by design (the loop
    # walk-through replays a stream through four real training rounds: ~8 min alone, more beside another
    # worker), so forcing them allows 30 minutes a cell; the default run keeps nbdev's 10.
    timeout = 1800 if force else 600
    ok, secs = run_notebook(nb, skip_flags=skip, force_flags=force, basepath=ROOT, cell_timeout=timeout)
    assert ok, f"{nb.relative_to(ROOT)} failed (traceback above in captured stderr)"
