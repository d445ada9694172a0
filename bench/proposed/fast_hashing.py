"""Checks ``fast_hashing_embed.patch`` (for ``assistant/store/embeddings.py``): same vectors, how much faster.

Why: cProfile of 10k captions shows ``_stem`` running once per token (260k calls), each word's features
appended as two small numpy arrays, each bigram turned into two one-element arrays, and every document paying
its own ``np.concatenate`` + ``np.bincount``: ~8-10k captions/s, not the "tens of thousands" the module
docstring promises. The patch caches token -> stem and bigram -> feature, keeps every word's features in one
flat table, and embeds a batch with one numpy gather and one ``bincount``. Each vector still receives its
contributions in the same order, so the float sums, and the stored vectors, are bit-identical: no reindex.

Run: ``python -m bench.proposed.fast_hashing``. It applies the patch to a temporary copy of the current
``embeddings.py`` (``git apply``, nothing in the repo changes), embeds the same texts with both, in one batch
and in uneven batches, and prints docs/s (best of 3, fresh hashers, i.e. cold caches, as one ingest sees).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import REPO

PATCH = Path(__file__).with_name("fast_hashing_embed.patch")
TARGET = "assistant/store/embeddings.py"


def _functions(source: str) -> dict[str, Any]:
    """The module's hashing code (everything before the registered class, which must not register twice)."""
    head = source.split("\n@register_embedding_function\nclass", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(head, TARGET, "exec"), namespace)  # noqa: S102 - our own file, to compare two versions of it
    return namespace


def patched_source() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / TARGET
        copy.parent.mkdir(parents=True)
        copy.write_text((REPO / TARGET).read_text(encoding="utf-8"), encoding="utf-8")
        subprocess.run(["git", "apply", str(PATCH)], cwd=tmp, check=True, capture_output=True)
        return copy.read_text(encoding="utf-8")


def sample_texts(n: int) -> list[str]:
    from assistant.resources import demo_feeds_dir
    from bench.datagen import generate_posts

    texts = [p.caption for p in generate_posts(n)]
    for feed in sorted(demo_feeds_dir().glob("*.json")):
        if feed.name != "roster.json":
            texts += [row.get("caption") or "" for row in json.loads(feed.read_text(encoding="utf-8"))]
    return texts + ["", "the and of", "!!!", "#hashtag @mention", "Ünïcödé café naïve — ok", "word " * 400]


def compare(n: int = 20_000, repeats: int = 3) -> dict[str, float | bool]:
    current = _functions((REPO / TARGET).read_text(encoding="utf-8"))
    proposed = _functions(patched_source())
    texts = sample_texts(n)
    best = {"current": float("inf"), "proposed": float("inf")}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(repeats):
        for name, module in (("current", current), ("proposed", proposed)):
            start = time.perf_counter()
            vectors[name] = module["hashing_embed"](texts, module["_FeatureHasher"](512))
            best[name] = min(best[name], time.perf_counter() - start)
    hasher = proposed["_FeatureHasher"](512)
    batched = np.concatenate([proposed["hashing_embed"](texts[i : i + 777], hasher) for i in range(0, len(texts), 777)])
    return {
        "docs": len(texts),
        "current_docs_per_s": len(texts) / best["current"],
        "proposed_docs_per_s": len(texts) / best["proposed"],
        "identical": bool(np.array_equal(vectors["current"], vectors["proposed"])),
        "identical_in_batches": bool(np.array_equal(vectors["current"], batched)),
    }


def main() -> None:
    result = compare()
    speedup = result["proposed_docs_per_s"] / result["current_docs_per_s"]
    print(f"{result['docs']:,} docs, best of 3: current {result['current_docs_per_s']:,.0f} docs/s, proposed "
          f"{result['proposed_docs_per_s']:,.0f} docs/s ({speedup:.2f}x); identical vectors: {result['identical']} "
          f"(in uneven batches: {result['identical_in_batches']})")
    if not (result["identical"] and result["identical_in_batches"]):
        raise SystemExit("the patched embedding changes vectors: do not apply it")


if __name__ == "__main__":
    main()
