"""Assessing a whole roster for one brand: kept assessments first, then the rest on every core when it's worth it.

Serial below `PARALLEL_MIN_POSTS` posts still to analyse (or with one creator, or one core): a worker process
costs about 0.3 s to start (a fresh interpreter importing the analysis), which pays off only once the work to
share is a second or more of CPU time. Above it, the creators are shared among `os.cpu_count()` processes (at
most `MAX_PROCESSES`): the caller's process takes chunks itself while `spawn`ed workers take the others, so
the two cores of a small machine are both used and a chunk no worker has started yet is done locally.

Each creator is assessed inside its own try/except, in a worker as in the caller: one creator's bad data is
reported as (handle, why) and never stops the others. A worker that dies takes no creator with it: what it
didn't return is assessed in the caller's process. The scores are the same serial or parallel (pure functions
of the same inputs); a test compares them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.analysis import feature_cache
from assistant.analysis.fit import measure_with_rules
from assistant.models.fit import FitAssessment, VoiceRules
from assistant.models.records import InfluencerProfile, Post

PARALLEL_MIN_POSTS = 4_000  # ~0.8 s of analysis serial at ~200 µs a post: worth a 0.3 s worker start
MAX_PROCESSES = 8
CHUNKS_PER_PROCESS = 4  # small chunks balance the load (creators' feeds differ in length)

Creator = tuple[InfluencerProfile, list[Post]]
Outcome = tuple[str, FitAssessment | None, str | None]  # handle, assessment or None, why it failed


def failure_reason(exc: BaseException) -> str:
    return f"couldn't be assessed ({type(exc).__name__}: {str(exc)[:200]})"


def assess_roster(
    rules: VoiceRules,
    pool: Sequence[Creator],
    now: datetime | None,
    *,
    processes: int | None = None,
) -> tuple[list[FitAssessment], list[tuple[str, str]]]:
    """Every creator in `pool` assessed with `rules` (in pool order), and (handle, why) for each that failed.

    `processes`: None decides from the work and the machine; 1 forces serial; n > 1 forces up to n processes
    (above the threshold or not: the tests use it to compare serial and parallel)."""
    cache = feature_cache.current()
    keys = [feature_cache.assessment_key(rules, profile, posts, now) for profile, posts in pool]
    kept = cache.get_assessments(keys)
    todo = [i for i, key in enumerate(keys) if key not in kept]

    n = _process_count(processes, [pool[i] for i in todo])
    if n > 1:
        outcomes = _assess_parallel(rules, [pool[i] for i in todo], now, n)
    else:
        outcomes = _assess_chunk(rules, [pool[i] for i in todo], now)

    fresh: dict[str, FitAssessment] = {}
    by_index: dict[int, Outcome] = dict(zip(todo, outcomes))
    assessments: list[FitAssessment] = []
    failed: list[tuple[str, str]] = []
    for i, key in enumerate(keys):
        if key in kept:
            assessments.append(kept[key])
            continue
        handle, assessment, why = by_index[i]
        if assessment is None:
            failed.append((handle, why or "couldn't be assessed"))
        else:
            assessments.append(assessment)
            fresh[key] = assessment
    cache.put_assessments(fresh)
    return assessments, failed


def _process_count(asked: int | None, todo: Sequence[Creator]) -> int:
    if len(todo) < 2:
        return 1
    if asked is not None:
        return max(1, min(asked, len(todo)))
    if sum(len(posts) for _, posts in todo) < PARALLEL_MIN_POSTS:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSES, len(todo)))


def _assess_chunk(rules: VoiceRules, chunk: Sequence[Creator], now: datetime | None) -> list[Outcome]:
    """The per-creator try/except: a creator whose assessment raises is reported, the others go on."""
    out: list[Outcome] = []
    for profile, posts in chunk:
        try:
            out.append((profile.handle, measure_with_rules(rules, profile, posts, now), None))
        except Exception as exc:  # noqa: BLE001 - reported on the creator's row, the others go on
            out.append((profile.handle, None, failure_reason(exc)))
    return out


def _worker(rules_json: str, packed: list[tuple[dict[str, Any], list[tuple]]], now: datetime | None,
            cache_path: str | None) -> list[Outcome]:
    """In a worker process: rebuild the records (already validated by the caller) and assess them, reading and
    keeping post features in the same cache file as the caller."""
    feature_cache.configure(Path(cache_path) if cache_path else None)
    rules = VoiceRules.model_validate_json(rules_json)
    names = list(Post.model_fields)
    chunk = [
        (InfluencerProfile.model_construct(**profile), [Post.model_construct(**dict(zip(names, row))) for row in rows])
        for profile, rows in packed
    ]
    return _assess_chunk(rules, chunk, now)


def _pack(chunk: Sequence[Creator]) -> list[tuple[dict[str, Any], list[tuple]]]:
    # Plain tuples cross the process boundary several times faster than pickled pydantic models.
    names = list(Post.model_fields)
    return [(dict(profile.__dict__), [tuple(getattr(p, f) for f in names) for p in posts]) for profile, posts in chunk]


def _chunks(todo: Sequence[Creator], parts: int) -> list[list[int]]:
    """Indices of `todo` in `parts` chunks of similar post counts, biggest feeds first (they start earliest)."""
    order = sorted(range(len(todo)), key=lambda i: -len(todo[i][1]))
    total = sum(len(todo[i][1]) for i in order) or 1
    target = total / parts
    chunks: list[list[int]] = [[]]
    size = 0
    for i in order:
        if size >= target and len(chunks) < parts:
            chunks.append([])
            size = 0
        chunks[-1].append(i)
        size += len(todo[i][1])
    return [c for c in chunks if c]


def _assess_parallel(rules: VoiceRules, todo: Sequence[Creator], now: datetime | None, processes: int) -> list[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = _chunks(todo, processes * CHUNKS_PER_PROCESS)
    results: dict[int, Outcome] = {}
    rules_json = rules.model_dump_json()
    path = feature_cache.current().path
    cache_path = str(path) if path is not None else None
    # spawn, not fork: the caller may hold threads (Chroma's, the chat's workers) that a forked child can't trust.
    context = multiprocessing.get_context("spawn")
    futures: list[tuple[list[int], Future]] = []
    try:
        executor = ProcessPoolExecutor(max_workers=processes - 1, mp_context=context)
    except Exception:  # noqa: BLE001 - no pool at all (no semaphores, a sandbox): serial below
        executor = None
    if executor is not None:
        try:
            for chunk in chunks:
                futures.append((chunk, executor.submit(_worker, rules_json, _pack([todo[i] for i in chunk]), now, cache_path)))
            # This process works too: from the last chunk back, each one no worker has started is done here.
            for chunk, future in reversed(futures):
                if future.cancel():
                    results.update(zip(chunk, _assess_chunk(rules, [todo[i] for i in chunk], now)))
            for chunk, future in futures:
                if future.cancelled():
                    continue
                try:
                    results.update(zip(chunk, future.result()))
                except Exception:  # noqa: BLE001 - a dead worker: its creators are assessed below, here
                    pass
        except Exception:  # noqa: BLE001 - a pool that broke (a worker couldn't start): the rest is done here
            _stop(executor)
        except BaseException:
            # Interrupted (Ctrl+C, the chat closing): stop the workers now rather than wait for their queue.
            _stop(executor)
            raise
        else:
            executor.shutdown(wait=True)
    missing = [i for i in range(len(todo)) if i not in results]
    if missing:
        results.update(zip(missing, _assess_chunk(rules, [todo[i] for i in missing], now)))
    return [results[i] for i in range(len(todo))]


def _stop(executor: Any) -> None:
    processes = list((getattr(executor, "_processes", None) or {}).values())  # shutdown forgets them
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=2)
