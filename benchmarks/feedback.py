"""Recording feedback as the stream grows: `AdaptiveLoop.record_feedback` per event with the store
already holding N events, its batch decision from SQL aggregates (`FeedbackStore.type_summary`)
vs the same decision from reading every stored event back into Python (what the loop did
before). Same store, same events, measured in one run; the decisions must be identical.

No model is loaded (auto_train=False: recording never trains). Target: the per-event cost
grows far slower than the store (reading every event grows linearly).

    .venv/bin/python benchmarks/feedback.py [--sizes 1000 10000 50000] [--events 50]
"""
import argparse, random, tempfile, time
from pathlib import Path
import numpy as np
from divwork.loop.rounds import AdaptiveLoop, LoopConfig
from divwork.loop.selection import BatchConfig, score_trend
from divwork.loop.store import training_target

def decision_by_full_read(loop: AdaptiveLoop, artifact_type: str) -> dict:
    "The batch decision computed from every stored event in Python."
    evs = loop.store.events(augmented=False)
    mine = [e for e in evs if e["artifact_type"] == artifact_type]
    usable = [e for e in mine if e["split"] == "train" and e["used_in_round"] is None and training_target(e) is not None]
    recent = [e["score"] for e in mine][-loop.batches.cfg.trend_window:]
    return loop.batches.decide(len(usable), float(np.mean([e["score"] for e in mine])) if mine else 0.0,
                               len(mine) / max(1, len(evs)), len({e["artifact_type"] for e in evs}) or 1, score_trend(recent))

def event(rng: random.Random, i: int) -> dict:
    score = rng.choice([20.0, 45.0, 75.0, 100.0])
    fb = "success" if score >= 60 else rng.choice(["failure", "correction"])
    return {"input": f"question {i} " + "word " * rng.randrange(3, 40), "output": f"answer {i}", "artifact_type": rng.choice(["qa", "code", "json"]),
            "score": score, "feedback": fb, "corrected_output": f"fixed {i}" if fb == "correction" else None,
            "context": {"user": f"u{i % 13}"}, "timestamp": 1_764_000_000 + i}

def main(sizes: list[int], n_events: int) -> None:
    rng = random.Random(0)
    print(f"{'stored':>8} {'record_feedback':>16} {'decision (SQL)':>15} {'decision (full read)':>21} {'full/SQL':>9}")
    for size in sizes:
        folder = Path(tempfile.mkdtemp()) / "loop"
        loop = AdaptiveLoop(folder, LoopConfig(batch=BatchConfig(base_size=10**9, min_size=10**9, max_size=10**9)), auto_train=False)
        loop.store.add_many([event(rng, i) for i in range(size)])
        new = [event(rng, size + i) for i in range(n_events)]
        t0 = time.perf_counter()
        for e in new: loop.record_feedback(**e)
        record = (time.perf_counter() - t0) / n_events
        types = [e["artifact_type"] for e in new[:10]]
        t0 = time.perf_counter(); fast = [loop.batch_decision(t) for t in types]; sql = (time.perf_counter() - t0) / len(types)
        t0 = time.perf_counter(); slow = [decision_by_full_read(loop, t) for t in types]; full = (time.perf_counter() - t0) / len(types)
        assert fast == slow, (fast, slow)
        print(f"{size:>8} {record * 1e3:>13.1f} ms {sql * 1e3:>12.1f} ms {full * 1e3:>18.1f} ms {full / sql:>8.1f}x", flush=True)

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--events", type=int, default=50)
    a = ap.parse_args(); main(a.sizes, a.events)
