"""Ingestion: posts per second through the real path vs raw Chroma ``add`` of the same documents and embedding.

Ours is ``Services.ingest_posts`` reading a generated CSV into a fresh embedded store (parse, validate, check
for existing ids, embed, add, write the profile). Raw is ``chromadb`` ``add`` of the same ids, documents and
metadata with the same ``HashingEmbeddingFunction``, in Chroma's max batch size, from lists already in memory.
Both time from "modules imported" to "stored", so client and collection creation count for both.

Every case runs in its own child process, so its peak RSS (``ru_maxrss``) is its own; the largest size runs
once, smaller sizes take the best of ``scale.repeats``.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import time
from pathlib import Path

from bench.common import ERROR, MISS, NOT_YET, OK, REPO, Row, Scale, child_env, run_child
from bench.datagen import generate_posts, write_feed

NAME = "ingestion"
HANDLE = "bench.creator"
TARGET_RATIO = 1.2
REPEAT_UP_TO = 10_000  # sizes above this run once (100k takes ~90 s a side)


def run(scale: Scale) -> list[Row]:
    try:
        import assistant.ingest  # noqa: F401
        import assistant.services  # noqa: F401
    except ImportError as exc:
        return [Row(NAME, "-", "posts/s", status=NOT_YET, note=str(exc))]
    rows: list[Row] = []
    work = scale.workdir / NAME
    work.mkdir(parents=True, exist_ok=True)
    for n in scale.sizes:
        try:
            rows += _size_rows(scale, work, n)
        except Exception as exc:  # keep the other sizes' figures (the 100k case alone takes minutes)
            rows.append(Row(NAME, f"{n:,} posts (CSV)", "-", status=ERROR, note=f"{type(exc).__name__}: {exc}"))
    if scale.cli_size:
        try:
            rows.append(_cli_row(scale, work))
        except Exception as exc:
            rows.append(Row(NAME, f"{scale.cli_size:,} posts (CLI)", "-", status=ERROR, note=f"{type(exc).__name__}: {exc}"))
    return rows


def _size_rows(scale: Scale, work: Path, n: int) -> list[Row]:
    rows: list[Row] = []
    feed = write_feed(generate_posts(n, seed=scale.seed), work / f"feed-{n}.csv")
    repeats = scale.repeats if n <= REPEAT_UP_TO else 1
    ours, raw = [], []
    for attempt in range(repeats):
        # Alternate the two so a burst of load on the machine hits both sides alike.
        ours.append(_case("ours", feed, work / f"ours-{n}-{attempt}"))
        raw.append(_case("raw", feed, work / f"raw-{n}-{attempt}"))
    best_ours, best_raw = (min(runs, key=lambda r: r["seconds"]) for runs in (ours, raw))
    if best_ours["stored"] != n or best_raw["stored"] != n:
        raise RuntimeError(f"stored {best_ours['stored']} (ours) / {best_raw['stored']} (raw) of {n} posts")
    case = f"{n:,} posts (CSV)"
    runs = f"best of {repeats}" if repeats > 1 else "one run"
    rows.append(Row(
        NAME, case, "throughput (wall)", n / best_ours["seconds"], "posts/s", n / best_raw["seconds"],
        best_ours["seconds"] / best_raw["seconds"],
        note=f"{runs}; ours: read+validate {best_ours['read_seconds']:.2f} s, store {best_ours['store_seconds']:.2f} s",
    ))
    cpu_ours = min(r["cpu_seconds"] for r in ours)
    cpu_raw = min(r["cpu_seconds"] for r in raw)
    ratio = cpu_ours / cpu_raw
    rows.append(Row(NAME, case, "CPU time", cpu_ours, "s", cpu_raw, ratio, f"<= {TARGET_RATIO}x raw",
                    OK if ratio <= TARGET_RATIO else MISS,
                    note="all threads of the child; unlike wall time, not inflated by other load"))
    rss_ours = min(r["max_rss_mb"] for r in ours)
    rss_raw = min(r["max_rss_mb"] for r in raw)
    rows.append(Row(NAME, case, "peak RSS", rss_ours, "MB", rss_raw, rss_ours / rss_raw,
                    "", "", note="whole child process (ru_maxrss), Chroma and Python included"))
    return rows


def _case(mode: str, feed: Path, data_dir: Path) -> dict:
    shutil.rmtree(data_dir, ignore_errors=True)
    result = run_child([sys.executable, "-m", "bench.ingestion", mode, str(feed), str(data_dir)],
                       env=child_env(ASSISTANT_CONFIG_FILE=str(data_dir / "none.toml")))
    shutil.rmtree(data_dir, ignore_errors=True)
    return {**result.data, "max_rss_mb": result.max_rss_mb}


def _cli_row(scale: Scale, work: Path) -> Row:
    """`assistant ingest posts FILE` as a user runs it: a fresh process, imports and progress bars included."""
    n = scale.cli_size or 0
    feed = write_feed(generate_posts(n, seed=scale.seed), work / f"cli-feed-{n}.jsonl")
    data_dir = work / "cli-data"
    shutil.rmtree(data_dir, ignore_errors=True)
    exe = Path(sys.executable).with_name("assistant")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "assistant"]
    result = run_child([*command, "ingest", "posts", str(feed), "--influencer", HANDLE, "--json"],
                       env=child_env(ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_CONFIG_FILE=str(data_dir / "none.toml")))
    shutil.rmtree(data_dir, ignore_errors=True)
    stored = result.data.get("added")
    if stored != n:
        raise RuntimeError(f"CLI stored {stored} of {n} posts: {result.stdout[-500:]}")
    return Row(NAME, f"{n:,} posts (JSONL, CLI)", "throughput", n / result.wall_s, "posts/s", target="",
               note=f"`assistant ingest posts` wall time {result.wall_s:.1f} s incl. start-up; "
                    f"peak RSS {result.max_rss_mb:.0f} MB")


# Child processes ----------------------------------------------------------------------------------------------
def _ours(feed: Path, data_dir: Path) -> dict:
    import chromadb  # noqa: F401 - imported before the clock starts, as for raw

    from assistant.config import Settings
    from assistant.services import Services
    from assistant.store.embeddings import HashingEmbeddingFunction  # noqa: F401

    marks: dict[str, float] = {}

    def read_progress(done: int, total: int) -> None:
        if done == total:
            marks.setdefault("read", time.perf_counter())

    start, cpu = time.perf_counter(), time.process_time()
    services = Services(Settings(data_dir=data_dir))
    _, result = services.ingest_posts(feed, HANDLE, progress=read_progress)
    end, cpu_end = time.perf_counter(), time.process_time()
    read_end = marks.get("read", start)
    return {"seconds": end - start, "cpu_seconds": cpu_end - cpu, "read_seconds": read_end - start,
            "store_seconds": end - read_end, "stored": result.added}


def _raw_records(feed: Path) -> tuple[list[str], list[str], list[dict]]:
    """The feed as Chroma wants it, with the metadata our store writes, built with the csv module alone."""
    from datetime import datetime

    ids, docs, metas = [], [], []
    with feed.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            created = datetime.strptime(row["created_at"], "%Y-%m-%dT%H:%M:%SZ")
            meta: dict = {"influencer": HANDLE, "created_ts": int(created.timestamp()),
                          "created_at": created.isoformat() + "+00:00"}
            for key in ("likes", "comments", "shares", "views"):
                if row[key]:
                    meta[key] = int(row[key])
            meta["url"] = row["url"]
            if row["sponsored"]:
                meta["sponsored"] = row["sponsored"] == "True"
            meta["source_id"] = row["id"]
            ids.append(f"{HANDLE}-{row['id']}")
            docs.append(row["caption"])
            metas.append(meta)
    return ids, docs, metas


def _raw(feed: Path, data_dir: Path) -> dict:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from assistant.store.embeddings import HashingEmbeddingFunction

    ids, docs, metas = _raw_records(feed)
    start, cpu = time.perf_counter(), time.process_time()
    client = chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.get_or_create_collection(
        "posts", embedding_function=HashingEmbeddingFunction(), configuration={"hnsw": {"space": "cosine"}}
    )
    batch = client.get_max_batch_size()
    for i in range(0, len(ids), batch):
        collection.add(ids=ids[i : i + batch], documents=docs[i : i + batch], metadatas=metas[i : i + batch])
    end, cpu_end = time.perf_counter(), time.process_time()
    return {"seconds": end - start, "cpu_seconds": cpu_end - cpu, "stored": collection.count()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="One ingestion case (run by bench/run.py in a child process).")
    parser.add_argument("mode", choices=["ours", "raw"])
    parser.add_argument("feed", type=Path)
    parser.add_argument("data_dir", type=Path)
    args = parser.parse_args(argv)
    result = (_ours if args.mode == "ours" else _raw)(args.feed, args.data_dir)
    print(json.dumps(result))


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
