"""Self-BLEU speed: divwork's linear-time exact Self-BLEU vs the straightforward nltk computation and fast-bleu.

Same texts, same variant (Texygen: each text against all the others, uniform weights up to
3-grams, nltk smoothing method1, wordpunct tokens), measured in one run:
  divwork    divwork.metrics.self_bleu_scores (each n-gram's top-two counts, counted once)
  nltk       nltk.translate.bleu_score.sentence_bleu per text, all other texts as references
  fast-bleu  fast_bleu.SelfBLEU (multithreaded C++ port of nltk BLEU; install with
             `.venv/bin/pip install -e ".[bench]"`; skipped with a note when missing)
Two settings: all texts as one set (--texts, default 1,000: each against 999 others) and
100 prompts x 10 samples (each sample against its prompt's 9 others). Prints seconds, the
ratios and the largest absolute difference from nltk. Targets: identical values (< 1e-12),
>= 50x faster than nltk at 1,000 texts, and faster than fast-bleu.

The texts are real samples of the embedded model: 100 open prompts ("Write one sentence
about a fox.") x 10 samples of up to 40 tokens, generated on first use (a few minutes) and
cached in .cache/benchmarks/self_bleu_texts.json.

    .venv/bin/python benchmarks/metrics.py [--texts 1000] [--repeat 3]
"""
import argparse, json, os, time
import numpy as np
from nltk.tokenize import wordpunct_tokenize
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu
from divwork.core import atomic_write_json, cache_dir
from divwork.metrics import self_bleu_scores

def real_texts(n_prompts=100, n=10):
    "n_prompts x n real samples of the embedded model (cached)."
    path = cache_dir() / "benchmarks" / "self_bleu_texts.json"
    if path.exists(): return json.loads(path.read_text())
    from divwork.config import SamplingConfig
    from divwork.models import load_model, render_chat
    from divwork.sampling import sample_completions
    from divwork.tasks import category_lexicon
    lex = category_lexicon()
    topics = [w for cat in sorted(lex) for w in lex[cat]["words"][:3]][:n_prompts]
    model, tok = load_model()
    prompts = [render_chat(tok, [{"role": "user", "content": f"Write one sentence about a {t}."}]) for t in topics]
    print(f"generating {n_prompts} x {n} texts with the embedded model (once; cached at {path})...", flush=True)
    sets = sample_completions(model, tok, prompts, n, SamplingConfig(max_new_tokens=40), seed=0, progress=True)
    atomic_write_json(path, sets)
    return sets

def nltk_self_bleu(texts, max_n=3):
    "The straightforward computation: nltk sentence BLEU of each text against all the others."
    tok, w, sm = [wordpunct_tokenize(t) for t in texts], tuple(1 / max_n for _ in range(max_n)), SmoothingFunction().method1
    return np.array([sentence_bleu(tok[:i] + tok[i + 1:], tok[i], weights=w, smoothing_function=sm) for i in range(len(tok))])

def fast_bleu_self_bleu(texts, max_n=3):
    "fast-bleu's multithreaded C++ Self-BLEU on the same tokens."
    from fast_bleu import SelfBLEU
    return np.array(SelfBLEU([wordpunct_tokenize(t) for t in texts], {"b": tuple(1 / max_n for _ in range(max_n))}).get_score()["b"])

def timed(fn, *args, repeat=1):
    "Best wall time of `repeat` calls, and the last result."
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter(); out = fn(*args); best = min(best, time.perf_counter() - t0)
    return best, out

def compare(label, groups, repeat):
    "Time the three methods over `groups` (lists of texts), each text against the others of its group."
    def run(f): return np.concatenate([f(g) for g in groups])
    t_ours, ours = timed(run, self_bleu_scores, repeat=repeat)
    t_nltk, ref = timed(run, nltk_self_bleu)
    print(f"\n{label}")
    print(f"  divwork    {t_ours:9.3f} s")
    print(f"  nltk       {t_nltk:9.3f} s   divwork is {t_nltk / t_ours:8.1f}x faster   max |diff| = {np.abs(ours - ref).max():.2e}")
    try: t_fb, fb = timed(run, fast_bleu_self_bleu, repeat=repeat)
    except ImportError: print("  fast-bleu  not installed (.venv/bin/pip install -e '.[bench]')"); return
    print(f"  fast-bleu  {t_fb:9.3f} s   divwork is {t_fb / t_ours:8.1f}x faster   max |diff| vs nltk = {np.abs(fb - ref).max():.2e}")

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=int, default=1000, help="texts in the one-set setting (at most 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="repeats for the fast methods (best time is kept)")
    a = ap.parse_args()
    sets = real_texts()
    flat = [t for s in sets for t in s][: a.texts]
    lens = [len(wordpunct_tokenize(t)) for t in flat]
    print(f"texts: {len(flat)} real samples, {np.mean(lens):.1f} tokens on average; {os.cpu_count()} CPU cores")
    compare(f"one set of {len(flat)} texts (each against {len(flat) - 1} others)", [flat], a.repeat)
    compare(f"{len(sets)} prompts x {len(sets[0])} samples (each against its prompt's {len(sets[0]) - 1} others)", sets, a.repeat)

if __name__ == "__main__": main()
