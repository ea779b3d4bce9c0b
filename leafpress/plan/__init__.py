"""Stage 3, plan: which outputs a build has, what each is keyed by, and which of them need rendering.

Modules: `outputs` (every output the options ask for, its cache key and shard), `cache` (the
incremental build cache), `snapshot` (the no-op fast path from file metadata alone).
"""
