"""Sampling speed of divwork's sampler against three references, measured side by side in one run.

Two shapes (embedded model, category_letter chat prompts, the task's stop strings):
  eval     48 prompts x 16 samples x 16 new tokens, temperature 0.7, batches of `batch_size`
           sequences as `sample_completions` packs them (default 40, and --eval-batch-sizes more)
  rollout  4 prompts x 8 samples x 12 new tokens, temperature 1.0, one `sample_batch` call (as
           the Polychromic trainer samples)
References, each printed as a ratio to divwork's sampler:
  (a) floor     the bare cached forward passes: prefill once, then one model forward per new token
                for every row (no sampling logic, no early stop)
  (b) ceiling   the model's FLOPs per token divided by the machine's measured fp32 matmul GFLOP/s
  (c) baseline  the sampler before issue 20 (`baseline_sample_batch` below: shared prefill, then
                transformers' `generate`)
Variants are interleaved (repeat r runs every variant once) and medians reported. Also: the rollout
shape with bfloat16 weights (speed and the next-token total-variation distance to float32), and the
fixed costs of a run (model load, encoder load, kernel start, metrics).

    .venv/bin/python benchmarks/sampling.py [--threads 2] [--repeats 3] [--shapes eval,rollout]
    .venv/bin/python benchmarks/sampling.py --legacy    # the shared-prefill vs generate comparison
    .venv/bin/python benchmarks/sampling.py --layouts   # runs at once x threads each: how a sweep splits the cores
"""
import argparse, os, statistics, subprocess, sys, time
import torch
from divwork.config import SamplingConfig
from divwork.models import load_model, render_chat
from divwork.sampling import (cut_at_stop, _generation_kwargs, _prefill_shared, end_token_ids, sample_batch,
                              sample_completions, sampled_tokens)
from divwork.tasks import few_shot_messages, get_task, pick_shots, task_stop, zero_shot_messages

def cpu_line() -> str:
    "CPU model, the flags that decide fp32/bf16 speed, and torch's thread count."
    info = open("/proc/cpuinfo").read() if os.path.exists("/proc/cpuinfo") else ""
    model = next((l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("model name")), "unknown CPU")
    flags = set(next((l.split(":", 1)[1].split() for l in info.splitlines() if l.startswith("flags")), []))
    has = " ".join(f for f in ("avx2", "avx512f", "avx512_bf16", "amx_bf16") if f in flags)
    return f"[{model}; {has or 'no avx2'}; {os.cpu_count()} cores; {torch.get_num_threads()} threads]"

def baseline_prefill_shared(model, ids, mask, n):
    "The baseline's prefill, copied unchanged: the KV cache of all but the last prompt token (with logits for every position)."
    pos = (mask.long().cumsum(-1) - 1).clamp(min=0)
    cache = model(input_ids=ids[:, :-1], attention_mask=mask[:, :-1], position_ids=pos[:, :-1], use_cache=True).past_key_values
    cache.batch_repeat_interleave(n)
    return cache

@torch.no_grad()
def baseline_sample_batch(model, tok, texts, n, cfg, stop=(), return_ids=False, return_logprobs=False):
    "Baseline (c): divwork's sample_batch before issue 20 (shared prefill, then `generate`), copied unchanged."
    enc = tok(texts, return_tensors="pt", padding=True, add_special_tokens=not getattr(tok, "chat_template", None))
    ids, mask = enc.input_ids.to(model.device), enc.attention_mask.to(model.device)
    kw = _generation_kwargs(cfg, ids.shape[1], tok, stop)
    if ids.shape[1] > 1 and n > 1: kw["past_key_values"] = baseline_prefill_shared(model, ids, mask, n)
    if return_logprobs: kw.update(output_scores=True, return_dict_in_generate=True)
    out = model.generate(input_ids=ids.repeat_interleave(n, 0), attention_mask=mask.repeat_interleave(n, 0), **kw)
    seqs = out.sequences if return_logprobs else out
    gen = seqs[:, ids.shape[1]:]
    done = [cut_at_stop(t, stop).strip() for t in tok.batch_decode(gen, skip_special_tokens=True)]
    group = lambda xs: [xs[i * n:(i + 1) * n] for i in range(len(texts))]
    if not (return_ids or return_logprobs): return group(done)
    end = end_token_ids(model, tok)
    toks = [sampled_tokens(tok, g, stop, end) for g in gen.tolist()]
    if not return_logprobs: return group(done), group(toks)
    lp = torch.stack([torch.log_softmax(s.float(), -1) for s in out.scores], 1).gather(-1, gen[..., None])[..., 0]
    return group(done), group(toks), group([lp[i, :len(t)].tolist() for i, t in enumerate(toks)])

@torch.no_grad()
def floor_batch(model, tok, texts, n, cfg, stop=(), return_ids=True):
    "Reference (a): prefill once, then one cached forward per new token for every row; argmax feeds the next step."
    enc = tok(texts, return_tensors="pt", padding=True, add_special_tokens=not getattr(tok, "chat_template", None))
    ids, mask = enc.input_ids, enc.attention_mask
    cache = _prefill_shared(model, ids, mask, n)
    mask, x = mask.repeat_interleave(n, 0), ids[:, -1:].repeat_interleave(n, 0)
    pos = mask.sum(-1, keepdim=True) - 1
    for _ in range(cfg.max_new_tokens):
        out = model(input_ids=x, attention_mask=mask, position_ids=pos, past_key_values=cache, use_cache=True, logits_to_keep=1)
        x, pos, mask = out.logits[:, -1].argmax(-1, keepdim=True), pos + 1, torch.cat([mask, torch.ones_like(mask[:, :1])], 1)
    return None, [[[0] * cfg.max_new_tokens] * n for _ in texts]

def run_batches(fn, model, tok, texts, n, cfg, stop, seed=0):
    "Samples of every prompt in batches as `sample_completions` packs them; (texts per prompt, tokens sampled)."
    lengths = [len(tok(t).input_ids) for t in texts]
    order, per = sorted(range(len(texts)), key=lambda i: lengths[i]), max(1, cfg.batch_size // n)
    out, tokens = [None] * len(texts), 0
    for b, start in enumerate(range(0, len(order), per)):
        idx = order[start:start + per]
        torch.manual_seed(seed * 1_000_003 + b)
        comps, ids = fn(model, tok, [texts[i] for i in idx], n, cfg, stop, return_ids=True)
        tokens += sum(len(t) for row in ids for t in row)
        for i, c in zip(idx, comps or [None] * len(idx)): out[i] = c
    return out, tokens

def matmul_gflops(repeats=5, size=1024) -> float:
    "The machine's fp32 matmul GFLOP/s at the current thread count (median of `repeats`)."
    a = torch.randn(size, size); a @ a
    ts = []
    for _ in range(repeats):
        t = time.perf_counter(); a @ a; ts.append(time.perf_counter() - t)
    return 2 * size ** 3 / statistics.median(ts) / 1e9

def flops_per_token(model, context: int) -> float:
    "Forward FLOPs per new token: 2 per weight of every matrix product (input embedding excluded) plus attention over `context`."
    c = model.config
    weights = sum(p.numel() for n, p in model.named_parameters() if p.dim() == 2 and "embed_tokens" not in n)
    if model.config.tie_word_embeddings: weights += model.lm_head.weight.numel()
    return 2 * weights + 4 * c.num_hidden_layers * c.num_attention_heads * (c.hidden_size // c.num_attention_heads) * context

def measure(variants: dict, repeats: int) -> dict:
    "{name: (median seconds, tokens, texts)} with the variants interleaved, `repeats` rounds."
    times, res = {k: [] for k in variants}, {}
    for r in range(repeats):
        for k, f in variants.items():
            t = time.perf_counter(); out, tokens = f(); times[k].append(time.perf_counter() - t); res[k] = (tokens, out)
    return {k: (statistics.median(times[k]), res[k][0], res[k][1], times[k]) for k in variants}

def report(title, rows, ours, ceiling_tps, cpu):
    "One table: median seconds, tokens sampled, tokens/s, ours/x in tokens/s and x/ours in seconds."
    print(f"\n{title}\n{'variant':44s} {'seconds':>8s} {'tokens':>7s} {'tokens/s':>9s} {'ours/x tok/s':>12s} {'x/ours s':>9s}   runs (s)")
    o, o_s = rows[ours][1] / rows[ours][0], rows[ours][0]
    for k, (sec, tk, _, ts) in rows.items():
        print(f"{k:44s} {sec:8.2f} {tk:7d} {tk / sec:9.1f} {o / (tk / sec):11.2f}x {sec / o_s:8.2f}x   {' '.join(f'{t:.2f}' for t in ts)}  {cpu}")
    print(f"{'(b) arithmetic ceiling (fp32 matmul peak)':44s} {'':8s} {'':7s} {ceiling_tps:9.1f} {o / ceiling_tps:11.2f}x  {cpu}")

def prompts(tok, task, k, few_shot):
    shots = pick_shots(task, 5, seed=0) if few_shot else None
    return [render_chat(tok, few_shot_messages(task, e, shots) if few_shot else zero_shot_messages(task, e)) for e in task.split("test")[:k]]

def tv_distance(m32, m16, tok, texts) -> float:
    "Mean total-variation distance between the float32 and bfloat16 models' next-token distributions after `texts`."
    enc = tok(texts, return_tensors="pt", padding=True, add_special_tokens=False)
    with torch.no_grad():
        a, b = m32(**enc).logits[:, -1].float().softmax(-1), m16(**enc).logits[:, -1].float().softmax(-1)
    return (a - b).abs().sum(-1).mul(0.5).mean().item()

def fixed_costs(tok, eval_out, task, cpu):
    "Seconds of the fixed costs of a run."
    from divwork.metrics import load_encoder, text_metrics
    t = time.perf_counter(); load_model("smollm2-135m"); model_s = time.perf_counter() - t
    t = time.perf_counter(); enc = load_encoder(); enc_s = time.perf_counter() - t
    t = time.perf_counter(); subprocess.run([sys.executable, "-c", "import divwork.train"], check=True); kernel_s = time.perf_counter() - t
    refs = [e.references for e in task.split("test")[:len(eval_out)]]
    t = time.perf_counter(); text_metrics(eval_out, refs, enc); met_s = time.perf_counter() - t
    print(f"\nfixed costs of a run")
    for k, s in [("model load (load_model('smollm2-135m'))", model_s), ("sentence encoder load (load_encoder())", enc_s),
                 ("kernel start (python -c 'import divwork.train')", kernel_s),
                 (f"metrics (text_metrics, {len(eval_out)} prompts x {len(eval_out[0])} samples)", met_s)]:
        print(f"{k:60s} {s:7.2f} s  {cpu}")

def layout_child(a):
    "One process of a layout: load, warm up, say 'ready', wait for 'go', then print the rollout shape's tokens/s."
    model, tok = load_model("smollm2-135m"); task = get_task("category_letter"); stop = task_stop(task)
    texts, cfg = prompts(tok, task, 4, a.few_shot), SamplingConfig(temperature=1.0, max_new_tokens=12, batch_size=32)
    run_batches(sample_batch, model, tok, texts, 8, cfg, stop)
    print("ready", flush=True); sys.stdin.readline()
    t, tokens = time.perf_counter(), 0
    for r in range(a.repeats): tokens += run_batches(sample_batch, model, tok, texts, 8, cfg, stop, seed=r)[1]
    print(f"tokens/s {tokens / (time.perf_counter() - t):.2f}", flush=True)

def layouts_main(a):
    ("Runs at once x torch threads each, every split of the cores: the rollout shape in every process at the same time "
     "(started together after loading); the aggregate tokens/s decides how a sweep should split the machine.")
    cores, rows = os.cpu_count() or 1, []
    for w in [d for d in range(1, cores + 1) if cores % d == 0]:
        t = cores // w
        env = {**os.environ, "OMP_NUM_THREADS": str(t), "MKL_NUM_THREADS": str(t)}
        cmd = [sys.executable, __file__, "--layout-child", "--threads", str(t), "--repeats", str(a.repeats)]
        procs = [subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True) for _ in range(w)]
        for p in procs: assert p.stdout.readline().strip() == "ready"
        for p in procs: p.stdin.write("go\n"); p.stdin.flush()
        rates = [float(p.stdout.readline().split()[1]) for p in procs]
        for p in procs: p.wait()
        rows.append((w, t, rates))
    best = max(sum(r) for _, _, r in rows)
    print(f"\nlayouts: rollout shape (4 x 8 x <=12 tokens) in every process at once, {a.repeats} repeats each  {cpu_line()}")
    print(f"{'runs at once':>12s} {'threads each':>12s} {'tokens/s per run':>24s} {'total tokens/s':>15s} {'of best':>8s}")
    for w, t, r in rows:
        print(f"{w:12d} {t:12d} {' '.join(f'{x:.1f}' for x in r):>24s} {sum(r):15.1f} {sum(r) / best:7.2f}x")

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=os.cpu_count()); ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--shapes", default="eval,rollout"); ap.add_argument("--eval-batch-sizes", default="128")
    ap.add_argument("--few-shot", action="store_true", help="5-shot chat prompts instead of zero-shot")
    ap.add_argument("--no-bf16", action="store_true"); ap.add_argument("--no-fixed", action="store_true")
    ap.add_argument("--legacy", action="store_true", help="the earlier shared-prefill vs generate benchmark")
    ap.add_argument("--layouts", action="store_true", help="runs at once x threads each, every split of the cores")
    ap.add_argument("--layout-child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.legacy: return legacy_main(a)
    if a.layout_child: return layout_child(a)
    if a.layouts: return layouts_main(a)
    cpu = cpu_line()
    model, tok = load_model("smollm2-135m")
    task = get_task("category_letter"); stop = task_stop(task)
    gf = matmul_gflops()
    print(f"embedded model, category_letter {'5-shot' if a.few_shot else 'zero-shot'} chat prompts, stop={stop!r}, "
          f"{a.repeats} interleaved repeats, fp32 matmul {gf:.1f} GFLOP/s  {cpu}")
    eval_out = None
    if "eval" in a.shapes:
        texts = prompts(tok, task, 48, a.few_shot)
        cfg = SamplingConfig(temperature=0.7, max_new_tokens=16)
        ctx = sum(len(tok(t).input_ids) for t in texts) / len(texts) + 8
        v = {"ours (batch_size 40)": lambda: run_batches(sample_batch, model, tok, texts, 16, cfg, stop),
             "(a) floor: cached forwards, all rows, bs 40": lambda: run_batches(floor_batch, model, tok, texts, 16, cfg, stop),
             "(c) baseline sampler (batch_size 40)": lambda: run_batches(baseline_sample_batch, model, tok, texts, 16, cfg, stop)}
        for bs in [int(x) for x in a.eval_batch_sizes.split(",") if x]:
            c2 = SamplingConfig(temperature=0.7, max_new_tokens=16, batch_size=bs)
            v[f"ours (batch_size {bs})"] = lambda c2=c2: run_batches(sample_batch, model, tok, texts, 16, c2, stop)
        rows = measure(v, a.repeats)
        eval_out = rows["ours (batch_size 40)"][2]
        report(f"eval shape: 48 prompts x 16 samples x <=16 new tokens, temperature 0.7 (mean context {ctx:.0f} tokens)",
               rows, "ours (batch_size 40)", gf * 1e9 / flops_per_token(model, ctx), cpu)
    if "rollout" in a.shapes:
        texts = prompts(tok, task, 4, a.few_shot)
        cfg = SamplingConfig(temperature=1.0, max_new_tokens=12, batch_size=32)
        ctx = sum(len(tok(t).input_ids) for t in texts) / len(texts) + 6
        v = {"ours": lambda: run_batches(sample_batch, model, tok, texts, 8, cfg, stop),
             "(a) floor: cached forwards, all rows": lambda: run_batches(floor_batch, model, tok, texts, 8, cfg, stop),
             "(c) baseline sampler": lambda: run_batches(baseline_sample_batch, model, tok, texts, 8, cfg, stop)}
        if not a.no_bf16:
            m16, _ = load_model("smollm2-135m", dtype=torch.bfloat16)
            v["ours, bfloat16 weights"] = lambda: run_batches(sample_batch, m16, tok, texts, 8, cfg, stop)
        rows = measure(v, a.repeats)
        report("rollout shape: 4 prompts x 8 samples x <=12 new tokens, temperature 1.0", rows, "ours",
               gf * 1e9 / flops_per_token(model, ctx), cpu)
        if not a.no_bf16:
            print(f"bfloat16 vs float32 next-token distribution: mean total-variation distance "
                  f"{tv_distance(model, m16, tok, prompts(tok, task, 16, a.few_shot)):.4f} over 16 prompts")
    if not a.no_fixed and eval_out: fixed_costs(tok, eval_out, task, cpu)

# ---- legacy: the shared-prefill sampler vs two plain `generate` baselines (before issue 20) ----

def gen_tokens(tok, texts):
    "Generated tokens, counted the same way for every method."
    return sum(len(tok(t, add_special_tokens=False).input_ids) for t in texts)

@torch.no_grad()
def one_at_a_time(model, tok, texts, n, cfg):
    "Legacy baseline (a): one generate call per (prompt, sample)."
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
    "Legacy baseline (b): batched generate(num_return_sequences=n), batch_size // n prompts per call."
    out, per = [], max(1, cfg.batch_size // n)
    for i in range(0, len(texts), per):
        enc = tok(texts[i:i + per], return_tensors="pt", padding=True, add_special_tokens=False)
        kw = _generation_kwargs(cfg, enc.input_ids.shape[1], tok, ("\n",))
        o = model.generate(**enc, num_return_sequences=n, **kw)
        out += [s.split("\n")[0] for s in tok.batch_decode(o[:, enc.input_ids.shape[1]:], skip_special_tokens=True)]
    return out

def timed(f):
    t = time.perf_counter(); r = f(); return r, time.perf_counter() - t

def legacy_main(a, n_prompts=24, n=10, max_new_tokens=6, a_prompts=3):
    model, tok = load_model("smollm2-135m")
    task = get_task("category_letter")
    texts = prompts(tok, task, n_prompts, True)
    cfg = SamplingConfig(max_new_tokens=max_new_tokens)
    print(f"embedded model, {len(texts)} 5-shot prompts, n={n}, max_new_tokens={max_new_tokens}  {cpu_line()}")
    sample_completions(model, tok, texts[:2], n, cfg, progress=False)          # warm-up
    rows = {}
    ours, t = timed(lambda: sample_completions(model, tok, texts, n, cfg, progress=False))
    rows["ours (shared prefill)"] = (len(texts) * n, gen_tokens(tok, sum(ours, [])), t)
    b, t = timed(lambda: num_return_sequences(model, tok, texts, n, cfg))
    rows["(b) generate(num_return_sequences=n)"] = (len(b), gen_tokens(tok, b), t)
    a_out, t = timed(lambda: one_at_a_time(model, tok, texts[:a_prompts], n, cfg))
    rows["(a) one prompt, one sample at a time"] = (len(a_out), gen_tokens(tok, a_out), t)
    print(f"\n{'method':40s} {'samples':>8s} {'tokens':>7s} {'seconds':>8s} {'samples/s':>10s} {'tokens/s':>9s}")
    for k, (s, tk, sec) in rows.items(): print(f"{k:40s} {s:8d} {tk:7d} {sec:8.1f} {s / sec:10.2f} {tk / sec:9.1f}")
    rate = {k: s / sec for k, (s, tk, sec) in rows.items()}
    o = rate["ours (shared prefill)"]
    print(f"\nspeed-up in samples/s: ours / (a) = {o / rate['(a) one prompt, one sample at a time']:.1f}x, "
          f"ours / (b) = {o / rate['(b) generate(num_return_sequences=n)']:.1f}x")

if __name__ == "__main__": main()
