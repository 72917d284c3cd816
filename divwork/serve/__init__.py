"""Serving a trained adapter.

- `divwork.serve.engine`: the inference engine (`Engine`, `Request`): per-request settings and seeds in true batches,
  best-of-n, per-response quality (nbs/60_serve_engine).
- `divwork.serve.api`: the HTTP API on FastAPI, the `InferenceAPI` client and `serve`, behind `divwork serve`
  (nbs/61_serve_api).

Nothing is re-exported here, so importing the engine does not import FastAPI."""
