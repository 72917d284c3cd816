"""Training step time: standard LoRA vs Polychromic LoRA vs TRL's GRPOTrainer, measured in one run.

Same embedded model, task (category_letter), LoRA settings, prompts per step and sample
lengths for every arm:
  lora         divwork DivTrainer, SFT loss only
  polychromic  divwork DivTrainer, SFT + λ·set-level policy term, M samples per prompt, sets of n
  grpo         TRL GRPOTrainer (divwork.rl's grpo arm), group size M, same sampling length
Prints seconds per optimizer step, samples/s and tokens/s per arm, the polychromic breakdown
(sampling / scoring / policy forward / rest = SFT forward + both backwards + optimizer), the
sampler's own throughput outside training for comparison, and the ratios polychromic/lora and
polychromic/grpo.

    .venv/bin/python benchmarks/training.py [--steps 6] [--warmup 1] [--batch-size 8] [--m 6] [--n 3] [--max-new-tokens 12]
"""
import argparse, os, tempfile, time
from pathlib import Path
os.environ.setdefault("WANDB_MODE", "disabled")
import numpy as np, torch
from transformers import TrainerCallback
from divwork.config import TrainConfig
from divwork.core import RunDir
from divwork.models import load_model
from divwork.sampling import sample_completions
from divwork.tasks import get_task
from divwork.train import _builder, rollout_sampling, prepare_model, prompt_text, train_val_split

class StepTimer(TrainerCallback):
    "Wall time of every optimizer step."
    def __init__(self): self.times, self._t = [], None
    def on_step_begin(self, args, state, control, **kw): self._t = time.perf_counter()
    def on_step_end(self, args, state, control, **kw): self.times.append(time.perf_counter() - self._t)

def bench_arm(arm, a, model_tok, task, root):
    "Train `a.warmup + a.steps` steps of `arm`; (step times after warmup, log history)."
    cfg = TrainConfig(arm=arm, experiment="bench", runs_dir=str(root), max_steps=a.warmup + a.steps, batch_size=a.batch_size,
                      m_samples=a.m, n_set=a.n, rollout_max_new_tokens=a.max_new_tokens, eval_every=0, save_every=10_000,
                      wandb_mode="disabled", sampling={"max_new_tokens": a.max_new_tokens})
    model, tok = model_tok
    torch.manual_seed(0); peft = prepare_model(cfg, model)
    train, val, _ = train_val_split(task, cfg.val_fraction, 0)
    rd = RunDir(root, "bench", arm, 0)
    trainer = _builder(arm)(cfg, peft, tok, task, train, val, rd, False)
    timer = StepTimer(); trainer.add_callback(timer)
    trainer.train()
    peft.unload()                                         # give the base model back without the adapter
    return timer.times[a.warmup:], trainer.state.log_history[a.warmup:]

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", type=int, default=6); ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=8); ap.add_argument("--m", type=int, default=6); ap.add_argument("--n", type=int, default=3)
    ap.add_argument("--max-new-tokens", type=int, default=12); ap.add_argument("--arms", default="lora,polychromic,grpo")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model, tok = load_model("smollm2-135m"); task = get_task("category_letter")
    root = Path(tempfile.mkdtemp(prefix="divwork-bench-"))
    prompts = [prompt_text(tok, task, e) for e in task.split("train")[: a.batch_size]]
    p_tokens = np.mean([len(tok(p, add_special_tokens=False).input_ids) for p in prompts])
    print(f"embedded model, category_letter, {a.batch_size} prompts/step (mean {p_tokens:.0f} prompt tokens), M={a.m}, n={a.n}, "
          f"max {a.max_new_tokens} new tokens, {a.steps} timed steps after {a.warmup} warmup, {torch.get_num_threads()} threads\n")
    cfg = TrainConfig(arm="polychromic", m_samples=a.m, n_set=a.n, rollout_max_new_tokens=a.max_new_tokens)
    t = time.perf_counter()
    comps = sample_completions(model, tok, prompts, a.m, rollout_sampling(cfg), seed=0, progress=False)
    s_secs = time.perf_counter() - t
    gen = sum(len(tok(c, add_special_tokens=False).input_ids) + 1 for cs in comps for c in cs)
    print(f"sampler alone (same prompts, M={a.m}, training temperature): {a.batch_size * a.m / s_secs:.1f} samples/s, {gen / s_secs:.0f} generated tokens/s\n")
    res = {}
    for arm in a.arms.split(","):
        times, hist = bench_arm(arm, a, (model, tok), task, root)
        res[arm] = (float(np.mean(times)), hist)
        sft_tokens = a.batch_size * (p_tokens + 3)
        samples = 0 if arm == "lora" else a.batch_size * a.m
        tokens = (sft_tokens if arm != "grpo" else 0) + samples * (p_tokens + a.max_new_tokens / 2)
        line = f"{arm:12s} {np.mean(times):6.2f} s/step (sd {np.std(times):.2f})   {1 / np.mean(times):.3f} steps/s   ~{tokens / np.mean(times):.0f} tokens/s"
        if samples: line += f"   {samples / np.mean(times):.1f} samples/s"
        print(line)
        if arm == "polychromic":
            parts = {k: float(np.mean([h[k] for h in hist if k in h])) for k in ("time_sampling", "time_scoring", "time_policy_fwd")}
            rest = np.mean(times) - sum(parts.values())
            print("             breakdown: " + ", ".join(f"{k[5:]} {v:.2f}s" for k, v in parts.items()) + f", SFT fwd + backward + optimizer {rest:.2f}s")
            print(f"             in-training sampling: {a.batch_size * a.m / parts['time_sampling']:.1f} samples/s (sampler alone {a.batch_size * a.m / s_secs:.1f})")
    if "lora" in res and "polychromic" in res: print(f"\npolychromic / lora step time: {res['polychromic'][0] / res['lora'][0]:.2f}x")
    if "grpo" in res and "polychromic" in res: print(f"polychromic / TRL GRPO step time: {res['polychromic'][0] / res['grpo'][0]:.2f}x")

if __name__ == "__main__":
    main()
