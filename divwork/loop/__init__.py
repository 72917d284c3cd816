"""The adaptive loop: feedback in, better adapters out.

One module per concept, lowest layer first. Nothing is re-exported here, so `import divwork.loop.store`
does not load torch:

- `store`: the SQLite feedback store, the event schema and its checks, JSONL import and export,
  `SUCCESS_SCORE`, the record of training rounds
- `rewards`: input difficulty, and a score as a reward weighted by age, difficulty and type balance
- `selection`: text similarity, batch sizes, the curriculum, active selection, hard negatives
- `augment`: paraphrases, context variants, permuted outputs, jittered records (train split only)
- `rounds`: `AdaptiveLoop` and `LoopConfig`: reward-weighted LoRA rounds, DPO on preference pairs,
  evaluation, keep-if-better
- `hpo`: the Optuna search of an artifact type's training settings
"""
