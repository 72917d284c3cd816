"""What the kernel layers of the sandbox cost: HumanEval throughput (problems/s) over the 164
canonical solutions with every layer on (Landlock, seccomp, uid, namespaces, rlimits, audit
hook), the same without namespaces, and the unsafe paths: the sandbox before the kernel layers (audit hook, namespaces,
rlimits) and a bare process (rlimits only). The configurations alternate round by round in
one run, so they share the machine's state; every canonical solution must pass under each.

    .venv/bin/python benchmarks/sandbox.py [--rounds 3] [--workers N]
"""
import argparse, statistics, time
from divwork.humaneval import humaneval_problems, test_program
from divwork.sandbox import Limits, run_programs, sandbox_layers

CONFIGS = {
    "all layers": Limits(),
    "kernel layers, no namespaces": Limits(namespaces=False),
    "before (hook + namespaces)": Limits(landlock=False, seccomp=False, drop_root=False, unsafe_exec=True),
    "bare (rlimits only)": Limits(landlock=False, seccomp=False, drop_root=False, policy=False, namespaces=False, unsafe_exec=True),
}

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds per configuration (alternating)")
    ap.add_argument("--workers", type=int, default=None, help="programs at once (default: the CPU count)")
    a = ap.parse_args()
    progs = [test_program(p, p["prompt"] + p["canonical_solution"]) for p in humaneval_problems()]
    rates = {c: [] for c in CONFIGS}
    run_programs(progs[:8], CONFIGS["all layers"], a.workers)                      # warm the page cache
    for _ in range(a.rounds):
        for name, lim in CONFIGS.items():
            t0 = time.perf_counter(); rs = run_programs(progs, lim, a.workers); dt = time.perf_counter() - t0
            bad = [i for i, r in enumerate(rs) if not r.passed]
            assert not bad, f"{name}: canonical solutions {bad[:5]} failed: {rs[bad[0]].reason} {rs[bad[0]].detail}"
            rates[name].append(len(progs) / dt)
    base = statistics.median(rates["all layers"])
    print(f"{len(progs)} canonical solutions, {a.rounds} rounds, median problems/s (all passed in every round):")
    for name, lim in CONFIGS.items():
        m = statistics.median(rates[name])
        print(f"  {name:28s} {m:6.1f}/s  (rounds: {', '.join(f'{r:.1f}' for r in rates[name])})  "
              f"all layers at {base / m:.2f}x this  layers: {','.join(sandbox_layers(lim))}")

if __name__ == "__main__":
    main()
