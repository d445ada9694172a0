"""Embedding: throughput of the offline hashing embedding (``HashingEmbeddingFunction``), in documents a second.

Measured on generated captions (~170 characters): a fresh instance (cold word cache, what one ingest sees),
the same instance again (warm cache), and the batch split over every core with a process pool (what the
machine could do if ingestion embedded in parallel; Chroma calls the function in one thread).
"""

from __future__ import annotations

import os
import time

from bench.common import MISS, NOT_YET, OK, Row, Scale, timed
from bench.datagen import generate_posts

NAME = "embedding"
# embeddings.py promises "tens of thousands of posts a second on 2 cores".
TARGET_DOCS_PER_S = 10_000


def _embed_chunk(texts: list[str]) -> int:
    from assistant.store.embeddings import HashingEmbeddingFunction

    return len(HashingEmbeddingFunction()(texts))


def run(scale: Scale) -> list[Row]:
    try:
        from assistant.store.embeddings import HashingEmbeddingFunction
    except ImportError as exc:
        return [Row(NAME, "-", "docs/s", status=NOT_YET, note=str(exc))]
    texts = [p.caption for p in generate_posts(scale.embed_docs, seed=scale.seed)]
    n = len(texts)
    chars = sum(len(t) for t in texts) / n

    cold, warm = [], []
    for _ in range(scale.repeats):
        ef = HashingEmbeddingFunction()
        cold.append(timed(lambda: ef(texts)))
        warm.append(timed(lambda: ef(texts)))
    target = f">= {TARGET_DOCS_PER_S:,} docs/s"
    rows = []
    for label, runs, note in (("cold cache", cold, f"one thread; {chars:.0f} chars/doc"), ("warm cache", warm, "one thread")):
        rate = n / min(r.cpu for r in runs)
        wall_rate = n / min(r.wall for r in runs)
        rows.append(Row(NAME, f"hashing, {n:,} docs, {label}", "throughput (CPU time)", rate, "docs/s", target=target,
                        status=OK if rate >= TARGET_DOCS_PER_S else MISS, note=f"{note}; {wall_rate:,.0f}/s by wall time"))
    cores = os.cpu_count() or 1
    if cores > 1 and n >= 2 * cores:
        rows.append(_parallel_row(texts, cores, target))
    return rows


def _parallel_row(texts: list[str], cores: int, target: str) -> Row:
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(texts) // cores)
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(_embed_chunk, [c[:10] for c in chunks]))  # start the workers and import before timing
        start = time.perf_counter()
        done = sum(pool.map(_embed_chunk, chunks))
        seconds = time.perf_counter() - start
    rate = done / seconds
    return Row(NAME, f"hashing, {done:,} docs, {cores} processes", "throughput (wall)", rate, "docs/s", target=target,
               status=OK if rate >= TARGET_DOCS_PER_S else MISS,
               note="cold caches; what embedding in parallel would give (wall time: sensitive to other load)")
