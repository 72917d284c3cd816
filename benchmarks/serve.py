"""HTTP serving throughput and latency: `divwork serve` with request coalescing vs without.

The same requests (messages, seeds, settings) go, over real HTTP, to two servers of the embedded
model run one after the other:
  coalesced   --batch-rows 32: concurrent requests are decoded together in one pass
  one-by-one  --batch-rows 1:  every request is decoded alone (no coalescing)
each with 1 client (sequential requests) and 16 concurrent clients. Prints requests/s, tokens/s and
p50/p95 latency per case, the coalesced/one-by-one ratios, and checks that both servers gave
identical answers (each answer depends only on its request and seed, not on its batch).

A second case (`--cases burst`) measures recovery from clients that go away: one server with the
default limits gets a burst of 200 concurrent /generate requests (n=16, 64 new tokens) from
clients that give up after 5 s, then 3,000 connections that send half a request and stop.
Prints how long a fresh request takes before the burst, right after it, and while the half-sent
connections are open; how long the server still held abandoned requests; and how long the
half-sent connections stayed open.

    .venv/bin/python benchmarks/serve.py [--cases throughput,burst] [--requests 64] [--max-new-tokens 32] [--model smollm2-135m]
"""
import argparse, socket, statistics, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import httpx

TOPICS = ["the sea", "a city at night", "bread", "a lost key", "winter", "a library", "trains", "a garden",
          "the moon", "coffee", "a storm", "bicycles", "an old map", "music", "a mountain", "rain"]

def start(model: str, batch_rows: int, max_n: int, *extra: str) -> tuple[subprocess.Popen, str]:
    "A `divwork serve` process on a free port, once it reports ready: (process, url)."
    exe = Path(sys.executable).with_name("divwork")
    proc = subprocess.Popen([str(exe), "serve", model, "--port", "0", "--batch-rows", str(batch_rows), "--max-n", str(max_n),
                             "--log-level", "warning", *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = proc.stdout.readline().split()[2]
    deadline = time.time() + 300
    while True:
        try:
            if httpx.get(url + "/health").json()["ready"]: return proc, url
        except httpx.TransportError: pass
        if proc.poll() is not None or time.time() > deadline: raise RuntimeError(f"server did not start: {proc.stdout.read()}")
        time.sleep(0.2)

def stop(proc: subprocess.Popen) -> None:
    proc.terminate(); proc.wait(60)

def call(url: str, i: int, max_new_tokens: int) -> tuple[float, dict]:
    "One request; (seconds, answer)."
    body = {"message": f"Write two sentences about {TOPICS[i % len(TOPICS)]}.", "seed": i, "temperature": 0.7,
            "max_new_tokens": max_new_tokens}
    t = time.perf_counter()
    r = httpx.post(url + "/generate", json=body, timeout=600)
    r.raise_for_status()
    return time.perf_counter() - t, r.json()

def load(url: str, clients: int, n_requests: int, max_new_tokens: int) -> dict:
    "`n_requests` requests from `clients` concurrent clients; throughput and latency."
    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        res = list(pool.map(lambda i: call(url, i, max_new_tokens), range(n_requests)))
    wall = time.perf_counter() - t
    lat = sorted(s for s, _ in res)
    toks = sum(a["usage"]["completion_tokens"] for _, a in res)
    return {"clients": clients, "requests": n_requests, "seconds": wall, "req_s": n_requests / wall, "tok_s": toks / wall,
            "p50": statistics.median(lat), "p95": lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))],
            "batch_requests": statistics.mean(a["batch"]["requests"] for _, a in res), "texts": [a["text"] for _, a in res]}

def fresh(url: str) -> float:
    "Seconds for a new one-message request (16 tokens) to be answered."
    return call(url, 0, 16)[0]

def impatient(url: str, i: int, n: int, max_new_tokens: int, give_up: float) -> str:
    "One request from a client that gives up after `give_up` seconds: answered, refused (429) or gave up."
    body = {"message": f"Write a paragraph about {TOPICS[i % len(TOPICS)]}.", "seed": i, "n": n, "max_new_tokens": max_new_tokens}
    try: r = httpx.post(url + "/generate", json=body, timeout=give_up)
    except httpx.TimeoutException: return "gave up"
    return "answered" if r.status_code == 200 else str(r.status_code)

def half_sent(url: str, count: int) -> list[socket.socket]:
    "`count` connections that send the first half of a request's headers and then nothing."
    host, port = url.removeprefix("http://").rsplit(":", 1)
    socks = []
    for _ in range(count):
        s = socket.create_connection((host, int(port))); s.sendall(b"POST /generate HTTP/1.1\r\nHost: x\r\nContent-Ty"); socks.append(s)
    return socks

def burst(model: str, clients: int, n: int, max_new_tokens: int, give_up: float, n_half: int) -> dict:
    "Fresh-request latency before and after a burst of abandoned requests, and with `n_half` half-sent requests open."
    proc, url = start(model, 64, n)                                  # the default limits: 64 rows a pass, 64 requests in flight
    try:
        call(url, 0, 4)                                              # warm-up
        out = {"before": fresh(url)}
        t = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            outcomes = list(pool.map(lambda i: impatient(url, i, n, max_new_tokens, give_up), range(clients)))
        out["burst_s"] = time.perf_counter() - t
        out["outcomes"] = {k: outcomes.count(k) for k in sorted(set(outcomes))}
        t = time.perf_counter()
        out["after"] = fresh(url)                                    # right after the last client gave up
        while (s := httpx.get(url + "/health").json()["served"])["in_flight"] or s["pending"]: time.sleep(0.05)
        out["idle_s"] = time.perf_counter() - t                      # until nothing is queued or in flight
        out["served"] = httpx.get(url + "/health").json()["served"]
        t = time.perf_counter()
        socks = half_sent(url, n_half)
        out["with_half_sent"] = fresh(url)
        for s in socks:                                              # each until the server closes it
            s.settimeout(120)
            while s.recv(4096): pass
        out["half_open_s"] = time.perf_counter() - t
        for s in socks: s.close()
        out["after_half_sent"] = fresh(url)
    finally: stop(proc)
    return out

def throughput(a) -> None:
    "Coalesced vs one-by-one: throughput, latency, identical answers."
    rows = {}
    for name, batch_rows in (("coalesced", 32), ("one-by-one", 1)):
        proc, url = start(a.model, batch_rows, max_n=1)
        try:
            call(url, 0, 4)                                              # warm-up
            rows[name, 1] = load(url, 1, a.sequential_requests, a.max_new_tokens)
            rows[name, 16] = load(url, 16, a.requests, a.max_new_tokens)
        finally: stop(proc)
    print(f"\n{a.model}, max_new_tokens={a.max_new_tokens}, temperature 0.7, one request = one message (n=1)\n")
    print(f"| server | clients | requests | req/s | tokens/s | p50 s | p95 s | requests per batch |\n|---|--:|--:|--:|--:|--:|--:|--:|")
    for (name, c), r in rows.items():
        print(f"| {name} | {c} | {r['requests']} | {r['req_s']:.2f} | {r['tok_s']:.1f} | {r['p50']:.2f} | {r['p95']:.2f} | {r['batch_requests']:.1f} |")
    co, one = rows["coalesced", 16], rows["one-by-one", 16]
    print(f"\n16 clients, coalesced / one-by-one: throughput {co['req_s'] / one['req_s']:.2f}x, "
          f"p50 latency {co['p50'] / one['p50']:.2f}x, p95 latency {co['p95'] / one['p95']:.2f}x")
    print(f"1 client, coalesced / one-by-one: throughput {rows['coalesced', 1]['req_s'] / rows['one-by-one', 1]['req_s']:.2f}x "
          f"(the batching wait costs a single client little)")
    same = all(rows["coalesced", c]["texts"] == rows["one-by-one", c]["texts"] for c in (1, 16))
    print(f"identical answers from both servers: {same}")
    if not same: sys.exit(1)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default="throughput,burst", help="throughput, burst or both")
    ap.add_argument("--model", default="smollm2-135m"); ap.add_argument("--requests", type=int, default=64)
    ap.add_argument("--sequential-requests", type=int, default=8); ap.add_argument("--max-new-tokens", type=int, default=32)
    ap.add_argument("--burst", type=int, default=200, help="clients in the burst"); ap.add_argument("--burst-n", type=int, default=16)
    ap.add_argument("--burst-tokens", type=int, default=64); ap.add_argument("--give-up", type=float, default=5.0, help="seconds a burst client waits")
    ap.add_argument("--half-sent", type=int, default=3000, help="half-sent requests opened after the burst")
    a = ap.parse_args()
    if "burst" in a.cases:
        b = burst(a.model, a.burst, a.burst_n, a.burst_tokens, a.give_up, a.half_sent)
        print(f"\n{a.model}: {a.burst} concurrent clients (n={a.burst_n}, {a.burst_tokens} new tokens) that give up after {a.give_up:g} s: "
              f"{b['outcomes']} in {b['burst_s']:.1f} s")
        print(f"fresh request (1 message, 16 tokens): {b['before']:.2f} s before the burst, {b['after']:.2f} s right after it; "
              f"nothing queued or in flight {b['idle_s']:.2f} s after the burst")
        print(f"served: {b['served']}")
        print(f"{a.half_sent} half-sent requests: a fresh request took {b['with_half_sent']:.2f} s while they were open, "
              f"{b['after_half_sent']:.2f} s after; the server closed them all within {b['half_open_s']:.1f} s (header_timeout 10 s)")
    if "throughput" in a.cases: throughput(a)

if __name__ == "__main__":
    main()
