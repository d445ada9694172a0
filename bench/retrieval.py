"""Retrieval latency: ``Store.search_posts`` / ``Store.search_guide`` vs a raw Chroma query, same filter and k.

One embedded store grows through the sizes (20 creators, each with an equal share of the posts, so a
creator filter keeps 5% of the collection at every size) and holds the three demo voice guides. The raw side
queries the same collection through the same client with the same embedding function, so the ratio is the cost
of our wrapper (count check, filter building, SearchHit records) and nothing else. Ours and raw alternate query
by query, after a warm-up, so load on the machine falls on both.
"""

from __future__ import annotations

import random
import time

from bench.common import MISS, NOT_YET, OK, Row, Scale, percentile
from bench.datagen import as_records, generate_posts, niches, vocabulary

NAME = "retrieval"
CREATORS = 20
POST_K = 8  # Store.search_posts' default
GUIDE_K = 6  # Store.search_guide's default
TARGET_RATIO = 1.2
WARM_UP = 5


def creator_handles() -> list[str]:
    return [f"bench.creator{i:02d}" for i in range(CREATORS)]


def queries(n: int, seed: int) -> list[str]:
    """Short searches a marketer might type: a topic, sometimes with a mood."""
    rng = random.Random(f"queries:{seed}")
    vocab = vocabulary()["niches"]
    out = []
    for _ in range(n):
        words = vocab[rng.choice(niches())]
        query = rng.choice(words["topics"])
        if rng.random() < 0.5:
            query += " " + rng.choice(words["feelings"]).rstrip(".").lower()
        out.append(query)
    return out


def run(scale: Scale) -> list[Row]:
    try:
        from assistant.config import Settings
        from assistant.ingest import read_guide
        from assistant.models import InfluencerProfile
        from assistant.resources import voice_guides_dir
        from assistant.store import Store
        from assistant.store.embeddings import HashingEmbeddingFunction
    except ImportError as exc:
        return [Row(NAME, "-", "latency", status=NOT_YET, note=str(exc))]

    store = Store(Settings(data_dir=scale.workdir / NAME))
    brands = []
    for path in sorted(voice_guides_dir().glob("*.md")):
        guide = read_guide(path)
        store.add_guide(guide)
        brands.append(guide.brand)
    handles = creator_handles()
    all_niches = niches()
    raw_posts = None
    rows: list[Row] = []
    have = 0
    for size in sorted(scale.sizes):
        per_creator = max(1, (size - have) // CREATORS)
        for i, handle in enumerate(handles):
            generated = generate_posts(per_creator, seed=scale.seed, niche=all_niches[i % len(all_niches)],
                                       prefix=f"s{size}c{i}-")
            store.add_posts(InfluencerProfile(handle=handle), as_records(generated, handle))
        have = store.counts()["posts"]
        if raw_posts is None:
            raw_posts = store.client.get_collection("posts", embedding_function=HashingEmbeddingFunction())
        rng = random.Random(f"filters:{scale.seed}:{size}")
        cases = [(q, rng.choice(handles)) for q in queries(scale.queries, scale.seed)]

        def ours(query: str, handle: str) -> int:
            return len(store.search_posts(query, influencer=handle, k=POST_K))

        def raw(query: str, handle: str) -> int:
            got = raw_posts.query(query_texts=[query], n_results=POST_K, where={"influencer": handle},
                                  include=["documents", "metadatas", "distances"])
            return len(got["ids"][0])

        ours_ms, raw_ms = _interleaved(ours, raw, cases)
        rows += _latency_rows(f"post search, {have:,} posts, 1 of {CREATORS} creators, k={POST_K}", ours_ms, raw_ms)

    raw_guide = store.client.get_collection("guide_sections", embedding_function=HashingEmbeddingFunction())
    rng = random.Random(f"brands:{scale.seed}")
    # Twice the queries: guide searches take ~2 ms, where a p95 over few samples is mostly noise.
    guide_cases = [(q, rng.choice(brands)) for q in queries(2 * scale.queries, scale.seed + 1)]

    def ours_guide(query: str, brand: str) -> int:
        return len(store.search_guide(query, brand=brand, k=GUIDE_K))

    def raw_guide_query(query: str, brand: str) -> int:
        got = raw_guide.query(query_texts=[query], n_results=GUIDE_K, where={"brand": brand},
                              include=["documents", "metadatas", "distances"])
        return len(got["ids"][0])

    sections = store.counts()["guide_sections"]
    ours_ms, raw_ms = _interleaved(ours_guide, raw_guide_query, guide_cases)
    rows += _latency_rows(f"guide search, {sections} sections, 1 of {len(brands)} brands, k={GUIDE_K}", ours_ms, raw_ms)
    return rows


def _interleaved(ours, raw, cases: list[tuple[str, str]]) -> tuple[list[float], list[float]]:  # noqa: ANN001
    for query, key in cases[:WARM_UP]:
        ours(query, key)
        raw(query, key)
    ours_ms, raw_ms = [], []
    for n, (query, key) in enumerate(cases):
        # Alternate which side goes first, so neither always gets the warmer cache.
        order = ((ours, ours_ms), (raw, raw_ms)) if n % 2 == 0 else ((raw, raw_ms), (ours, ours_ms))
        for fn, sink in order:
            start = time.perf_counter()
            hits = fn(query, key)
            sink.append((time.perf_counter() - start) * 1000)
            if hits == 0:
                raise RuntimeError(f"no hits for {query!r} filtered on {key!r}")
    return ours_ms, raw_ms


def _latency_rows(case: str, ours_ms: list[float], raw_ms: list[float]) -> list[Row]:
    rows = []
    for q in (50, 95):
        ours_v, raw_v = percentile(ours_ms, q), percentile(raw_ms, q)
        ratio = ours_v / raw_v
        rows.append(Row(NAME, case, f"p{q} latency", ours_v, "ms", raw_v, ratio, f"<= {TARGET_RATIO}x raw",
                        OK if ratio <= TARGET_RATIO else MISS, note=f"{len(ours_ms)} queries"))
    return rows
