"""Sampling throughput: divwork's shared-prefill sampler vs two plain `generate` baselines.

Same model, same 5-shot prompts, same sampling settings and lengths, measured in one run:
  ours     divwork.sampling.sample_completions (prompts batched, each prompt prefilled once,
           its KV cache shared by its n samples)
  (a)      generate() one prompt and one sample at a time
  (b)      one batched generate(num_return_sequences=n) call per batch of prompts
Prints samples/s, tokens/s and the ratios ours/(a), ours/(b). Targets: >= 5x (a), >= 2x (b).

    .venv/bin/python benchmarks/sampling.py [--prompts 24] [--n 10] [--max-new-tokens 6]

Baseline (a) is slow; it runs on the first `--a-prompts` prompts only and its rate is
compared per sample.
"""
import argparse, os, time
import torch
from divwork.config import SamplingConfig
from divwork.models import load_model, render_chat
from divwork.sampling import _generation_kwargs, sample_completions
from divwork.tasks import few_shot_messages, get_task, pick_shots

def gen_tokens(tok, texts):
    "Generated tokens, counted the same way for every method."
    return sum(len(tok(t, add_special_tokens=False).input_ids) for t in texts)

@torch.no_grad()
def one_at_a_time(model, tok, texts, n, cfg):
    "Baseline (a): one generate call per (prompt, sample)."
    out = []
    for t in texts:
        enc = tok([t], return_tensors="pt", add_special_tokens=False)
        kw = _generation_kwargs(cfg, enc.input_ids.shape[1], tok, ("\n",))
        for _ in range(n):
            o = model.generate(**enc, **kw)
            out.append(tok.decode(o[0, enc.input_ids.shape[1]:], skip_special_tokens=True).split("\n")[0])
    return out

@torch.no_grad()
def num_return_sequences(model, tok, texts, n, cfg):
    "Baseline (b): batched generate(num_return_sequences=n), batch_size // n prompts per call."
    out, per = [], max(1, cfg.batch_size // n)
    for i in range(0, len(texts), per):
        enc = tok(texts[i:i + per], return_tensors="pt", padding=True, add_special_tokens=False)
        kw = _generation_kwargs(cfg, enc.input_ids.shape[1], tok, ("\n",))
        o = model.generate(**enc, num_return_sequences=n, **kw)
        out += [s.split("\n")[0] for s in tok.batch_decode(o[:, enc.input_ids.shape[1]:], skip_special_tokens=True)]
    return out

def timed(f):
    t = time.perf_counter(); r = f(); return r, time.perf_counter() - t

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prompts", type=int, default=24); ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--max-new-tokens", type=int, default=6); ap.add_argument("--a-prompts", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model, tok = load_model("smollm2-135m")
    task = get_task("category_letter"); shots = pick_shots(task, 5, seed=0)
    texts = [render_chat(tok, few_shot_messages(task, e, shots)) for e in task.split("test")[:a.prompts]]
    cfg = SamplingConfig(max_new_tokens=a.max_new_tokens)
    avg_len = sum(len(tok(t).input_ids) for t in texts) / len(texts)
    print(f"embedded model, {len(texts)} 5-shot prompts (mean {avg_len:.0f} tokens), n={a.n}, max_new_tokens={a.max_new_tokens}, "
          f"batch_size={cfg.batch_size}, {a.threads} threads")
    sample_completions(model, tok, texts[:2], a.n, cfg, progress=False)          # warm-up
    rows = {}
    ours, t = timed(lambda: sample_completions(model, tok, texts, a.n, cfg, progress=False))
    rows["ours (shared prefill)"] = (len(texts) * a.n, gen_tokens(tok, sum(ours, [])), t)
    b, t = timed(lambda: num_return_sequences(model, tok, texts, a.n, cfg))
    rows["(b) generate(num_return_sequences=n)"] = (len(b), gen_tokens(tok, b), t)
    sub = texts[:a.a_prompts]
    a_out, t = timed(lambda: one_at_a_time(model, tok, sub, a.n, cfg))
    rows["(a) one prompt, one sample at a time"] = (len(a_out), gen_tokens(tok, a_out), t)
    print(f"\n{'method':40s} {'samples':>8s} {'tokens':>7s} {'seconds':>8s} {'samples/s':>10s} {'tokens/s':>9s}")
    for k, (s, tk, sec) in rows.items(): print(f"{k:40s} {s:8d} {tk:7d} {sec:8.1f} {s / sec:10.2f} {tk / sec:9.1f}")
    rate = {k: s / sec for k, (s, tk, sec) in rows.items()}
    o = rate["ours (shared prefill)"]
    ra, rb = o / rate["(a) one prompt, one sample at a time"], o / rate["(b) generate(num_return_sequences=n)"]
    print(f"\nspeed-up in samples/s: ours / (a) = {ra:.1f}x (target >= 5x), ours / (b) = {rb:.1f}x (target >= 2x)")

if __name__ == "__main__": main()
