"""Retrieval quality: recall@k of ``Store.search_posts`` on a small labelled set, per embedding available offline.

The set (``data/retrieval_quality.json``) is 30 queries over 120 posts by 8 creators: three relevant posts per
query and one near miss that shares the query's words but not its meaning. Half the queries are 'lexical'
(they share key words with their posts), half 'paraphrase' (written to avoid them). Searches are unfiltered,
so every other query's posts are distractors. Chance level for recall@k is k/120.

Options: ``hashing`` always; ``onnx`` only when ``ASSISTANT_ONNX_MODEL_DIR`` names a local MiniLM export (nothing
is downloaded); ``openai`` is n/a offline (the fake server's deterministic vectors carry no meaning).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from bench.common import NA, NOT_OFFLINE, NOT_YET, Row, Scale

NAME = "quality"
SET_PATH = Path(__file__).resolve().parent / "data" / "retrieval_quality.json"
KS = (3, 10)


@lru_cache(maxsize=1)
def labelled_set() -> dict[str, Any]:
    return json.loads(SET_PATH.read_text(encoding="utf-8"))


def corpus() -> tuple[dict[str, list[tuple[str, str]]], dict[str, set[str]]]:
    """Posts by creator as (source id, text), and each query's relevant source ids."""
    by_creator: dict[str, list[tuple[str, str]]] = {}
    relevant: dict[str, set[str]] = {}
    for q in labelled_set()["queries"]:
        posts = by_creator.setdefault(q["creator"], [])
        ids = [f"{q['id']}-{n}" for n in range(len(q["posts"]))]
        posts += list(zip(ids, q["posts"]))
        posts.append((f"{q['id']}-near-miss", q["near_miss"]))
        relevant[q["id"]] = set(ids)
    return by_creator, relevant


def recall_at(ranked: list[str], relevant: set[str], k: int) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant)


def evaluate(settings: Any) -> dict[str, dict[int, float]]:
    """Mean recall@k over the set, for all queries and per kind, searching a fresh store built with ``settings``."""
    from datetime import datetime, timezone

    from assistant.models import InfluencerProfile, Post
    from assistant.store import Store

    store = Store(settings)
    by_creator, relevant = corpus()
    source_of: dict[str, str] = {}
    stamp = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for handle, posts in by_creator.items():
        records = [Post(id=f"{handle}-{sid}", influencer=handle, text=text, created_at=stamp, source_id=sid)
                   for sid, text in posts]
        source_of.update({r.id: r.source_id for r in records})
        store.add_posts(InfluencerProfile(handle=handle), records)
    k_max = max(KS)
    sums: dict[str, dict[int, float]] = {}
    counts: dict[str, int] = {}
    for q in labelled_set()["queries"]:
        hits = store.search_posts(q["query"], k=k_max)
        ranked = [source_of[h.id] for h in hits]
        for group in ("all", q["kind"]):
            counts[group] = counts.get(group, 0) + 1
            for k in KS:
                sums.setdefault(group, {}).setdefault(k, 0.0)
                sums[group][k] += recall_at(ranked, relevant[q["id"]], k)
    return {group: {k: total / counts[group] for k, total in by_k.items()} for group, by_k in sums.items()}


def _onnx_dir() -> Path | None:
    from assistant.config import Settings

    model_dir = Settings().onnx_model_dir
    if model_dir and all((Path(model_dir) / "onnx" / f).exists() for f in ("model.onnx", "tokenizer.json")):
        return Path(model_dir)
    return None


def run(scale: Scale) -> list[Row]:
    try:
        from assistant.config import Settings
        from assistant.store import Store  # noqa: F401
    except ImportError as exc:
        return [Row(NAME, "-", "recall@k", status=NOT_YET, note=str(exc))]
    queries = labelled_set()["queries"]
    by_kind = {kind: sum(1 for q in queries if q["kind"] == kind) for kind in ("lexical", "paraphrase")}
    n_posts = sum(len(p) for p in corpus()[0].values())
    options: list[tuple[str, dict[str, Any] | None, str]] = [("hashing", {"embedding": "hashing"}, "")]
    onnx = _onnx_dir()
    options.append(("onnx", {"embedding": "onnx", "onnx_model_dir": onnx} if onnx else None,
                    "" if onnx else "set ASSISTANT_ONNX_MODEL_DIR to a local all-MiniLM-L6-v2 export"))
    rows: list[Row] = []
    for option, overrides, why_not in options:
        if overrides is None:
            rows.append(Row(NAME, f"{option} embedding", "recall@k", status=NOT_OFFLINE, note=why_not))
            continue
        result = evaluate(Settings(data_dir=scale.workdir / f"{NAME}-{option}", **overrides))
        case = f"{option} embedding, {len(queries)} queries / {n_posts} posts"
        for k in KS:
            rows.append(Row(NAME, case, f"recall@{k}, all", result["all"][k],
                            note=f"chance {k / n_posts:.2f}"))
        for kind, count in by_kind.items():
            rows.append(Row(NAME, case, f"recall@{max(KS)}, {kind} ({count})", result[kind][max(KS)]))
    rows.append(Row(NAME, "openai embedding", "recall@k", status=NA,
                    note="needs a real provider; the fake server's deterministic vectors carry no meaning"))
    return rows
