"""Fit: one assessment (``assess_fit``) as the feed grows, and a shortlist (``rank_creators``) over many creators.

The guide is the demo Northwind guide; feeds are generated outdoor posts (mostly on-topic, as a creator a
marketer would consider). ``now`` is fixed so recency is judged the same way every run. The rank is timed
twice: the pure analysis over records in memory, and ``Services.rank`` as the CLI runs it (store reads
included), over an embedded store holding the same creators.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone

from bench.common import NOT_YET, Row, Scale, Timing, best_of, fmt_seconds, time_row, timed
from bench.datagen import as_records, generate_posts, niches

NAME = "fit"
NOW = datetime(2028, 2, 1, tzinfo=timezone.utc)  # a month after the generated feeds end
ONE_ASSESSMENT_TARGET_S = 0.1  # issue #12: one fit over 1,000 posts <= 0.1 s CPU cold...
KEPT_ASSESSMENT_TARGET_S = 0.02  # ...and <= 0.02 s with features kept
TARGET_AT = 1_000
RANK_TARGET_S = 10.0  # "rank in seconds" (the pure analysis, serial)
RANK_COLD_WALL_S = 3.0  # issue #12: rank 100 creators x 200 posts <= 3 s wall cold, <= 1 s warm, on 2 cores
RANK_WARM_WALL_S = 1.0
BRAND = "northwind"


def run(scale: Scale) -> list[Row]:
    try:
        from assistant.analysis import assess_fit, rank_creators
        from assistant.ingest import read_guide
        from assistant.models import InfluencerProfile
        from assistant.resources import voice_guides_dir
    except ImportError as exc:
        return [Row(NAME, "-", "time", status=NOT_YET, note=str(exc))]
    guide = read_guide(voice_guides_dir() / f"{BRAND}.md")
    profile = InfluencerProfile(handle="bench.creator", followers=24_000, platform="instagram", niche="hiking and gear")
    from assistant.analysis import feature_cache

    rows: list[Row] = []
    timings: list[tuple[int, Timing]] = []
    for n in scale.fit_sizes:
        posts = as_records(generate_posts(n, seed=scale.seed, niche="outdoors"), profile.handle)
        repeats = scale.repeats if n <= TARGET_AT else 1
        feature_cache.disable()  # cold: nothing kept, every post read and measured
        timing = best_of(lambda: assess_fit(guide, profile, posts, now=NOW), repeats)
        timings.append((n, timing))
        rows.append(time_row(NAME, f"assess_fit, {n:,} posts, cold", timing,
                             target_s=ONE_ASSESSMENT_TARGET_S if n == TARGET_AT else None,
                             note=f"{timing.cpu / n * 1e6:.0f} µs per post; nothing kept"))
        if n == TARGET_AT or n == scale.fit_sizes[0] and TARGET_AT not in scale.fit_sizes:
            rows += _kept_rows(scale, guide, profile, posts, repeats)
    feature_cache.reset()
    if len(timings) >= 2:
        (n0, t0), (n1, t1) = timings[0], timings[-1]
        exponent = math.log(t1.cpu / t0.cpu) / math.log(n1 / n0)
        rows.append(Row(NAME, f"assess_fit, {n0:,} -> {n1:,} posts", "growth exponent", exponent,
                        note="CPU time ~ posts^b; 1.0 is linear"))

    creators = _creators(scale)
    records = [(p, as_records(g, p.handle, platform=p.platform or "instagram")) for p, g in creators]
    total_posts = sum(len(r) for _, r in records)
    case = f"{len(records)} creators x {scale.rank_posts} posts"
    feature_cache.disable()
    timing = best_of(lambda: rank_creators(guide, records, now=NOW, processes=1), min(scale.repeats, 2))
    rows.append(time_row(NAME, f"rank_creators, {case}, serial, cold", timing, target_s=RANK_TARGET_S,
                         note=f"{total_posts:,} posts in memory; one process, nothing kept"))
    feature_cache.reset()
    rows += _through_services(scale, guide, records, case)
    feature_cache.reset()
    return rows


def _kept_rows(scale: Scale, guide: object, profile: object, posts: list, repeats: int) -> list[Row]:
    """One fit again with work kept: the per-post features only (the reference time moved, so the assessment
    is measured again from kept features), and the whole assessment (nothing changed)."""
    from datetime import timedelta

    from assistant.analysis import assess_fit, feature_cache

    n = len(posts)
    feature_cache.reset()
    assess_fit(guide, profile, posts, now=NOW)
    shift = iter(range(1, 1_000))
    features = best_of(lambda: assess_fit(guide, profile, posts, now=NOW + timedelta(days=next(shift))), repeats)
    whole = best_of(lambda: assess_fit(guide, profile, posts, now=NOW), repeats)
    feature_cache.reset()
    return [
        time_row(NAME, f"assess_fit, {n:,} posts, per-post features kept", features,
                 target_s=KEPT_ASSESSMENT_TARGET_S if n == TARGET_AT else None,
                 note="same posts, new reference time: every measure re-run over kept text features"),
        time_row(NAME, f"assess_fit, {n:,} posts, assessment kept", whole,
                 target_s=KEPT_ASSESSMENT_TARGET_S if n == TARGET_AT else None,
                 note="same posts, guide and time: the kept assessment (key: analyser, rules, profile, posts, time)"),
    ]


def _creators(scale: Scale) -> list[tuple[object, list]]:
    from assistant.models import InfluencerProfile

    all_niches = niches()
    out = []
    for i in range(scale.rank_creators):
        niche = all_niches[i % len(all_niches)]
        profile = InfluencerProfile(handle=f"bench.c{i:03d}", followers=5_000 + 997 * i, platform="instagram", niche=niche)
        out.append((profile, generate_posts(scale.rank_posts, seed=scale.seed, niche=niche, prefix=f"c{i}-")))
    return out


def _through_services(scale: Scale, guide: object, records: list, case: str) -> list[Row]:
    """`assistant fit` and `assistant rank` as the CLI runs them: posts read from the store, then analysed.

    Rank is judged on wall time (it uses both cores; CPU time of this process leaves the worker's out): cold
    with nothing kept (an empty cache file), warm when nothing changed, and after one creator's feed changed."""
    import os
    from datetime import timedelta

    from assistant.analysis import feature_cache
    from assistant.config import Settings
    from assistant.models import InfluencerProfile
    from assistant.services import Services

    data_dir = scale.workdir / f"{NAME}-services"
    services = Services(Settings(data_dir=data_dir))
    services.store.add_guide(guide)
    for profile, posts in records:
        services.store.add_posts(profile, posts)
    n = TARGET_AT if TARGET_AT in scale.fit_sizes else scale.fit_sizes[0]
    single = InfluencerProfile(handle="bench.single", followers=24_000, platform="instagram", niche="hiking and gear")
    services.store.add_posts(single, as_records(generate_posts(n, seed=scale.seed, niche="outdoors"), single.handle))
    cache_file = data_dir / feature_cache.FILE_NAME

    def cold() -> None:
        feature_cache.reset()
        cache_file.unlink(missing_ok=True)

    assessment = None

    def fit() -> None:
        nonlocal assessment
        assessment = services.fit(BRAND, single.handle)

    cold()
    fit_timing = timed(fit)
    if assessment is None or assessment.posts_analysed != n:
        raise RuntimeError(f"assessed {assessment and assessment.posts_analysed} of {n} posts")
    ranked: list = []

    worker_cpu: list[float] = []

    def rank() -> None:
        before = _children_cpu()
        try:
            _rank()
        finally:
            worker_cpu.append(_children_cpu() - before)

    def _rank() -> None:
        ranked.clear()
        ranked.extend(services.rank(BRAND))
        if len(ranked) != len(records) + 1:
            raise RuntimeError(f"ranked {len(ranked)} of {len(records) + 1} creators")

    services.store.posts_by_creator()  # open the collection: the first read of a process isn't the rank's cost
    cold_runs = []
    for _ in range(max(1, min(scale.repeats, 2))):
        cold()
        cold_runs.append((timed(rank), worker_cpu[-1]))
    rank_cold, cold_workers = min(cold_runs, key=lambda t: t[0].wall)
    rank_warm = best_of(rank, scale.repeats)
    feature_cache.reset()  # a new process: only the cache file in the data dir remains
    rank_file = timed(rank)
    # One creator posts again, dated before the roster's newest post: only that creator is assessed again (and
    # only the new post read from its text). Then a post newer than every other: the reference time of the
    # ranking moves, so every assessment is combined again, from the posts' kept features.
    first, first_posts = records[0]
    newest = max(p.created_at for _, posts in records for p in posts if p.created_at is not None)

    def post_again(suffix: str, when: datetime) -> None:
        last = first_posts[-1]
        services.store.add_posts(first, [last.model_copy(update={"id": f"{last.id}-{suffix}",
                                                                 "text": f"{last.text} ({suffix})", "created_at": when})])

    post_again("again", first_posts[-1].created_at or newest)
    rank_changed = timed(rank)
    changed_workers = worker_cpu[-1]
    post_again("newest", newest + timedelta(days=1))
    rank_moved = timed(rank)
    moved_workers = worker_cpu[-1]
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return [
        time_row(NAME, f"Services.fit, {n:,} posts", fit_timing, target_s=None,
                 note="store read included (`assistant fit`), nothing kept"),
        _wall_row(f"Services.rank, {case} + 1 x {n:,}, cold", rank_cold, RANK_COLD_WALL_S,
                  f"worker processes' CPU {fmt_seconds(cold_workers)}; {cores} cores, load average {load:.1f} at the "
                  f"end; one store read; nothing kept; best of {len(cold_runs)}"),
        _wall_row(f"Services.rank, {case} + 1 x {n:,}, warm", rank_warm, RANK_WARM_WALL_S,
                  "same process, nothing written since: the ranking kept under the store's stamp, no post read"),
        _wall_row(f"Services.rank, {case} + 1 x {n:,}, warm from the data dir", rank_file, RANK_WARM_WALL_S,
                  "fresh in-memory cache (as a new `assistant rank`): the kept ranking read from the SQLite file"),
        _wall_row(f"Services.rank, {case} + 1 x {n:,}, one creator posted", rank_changed, None,
                  f"worker processes' CPU {fmt_seconds(changed_workers)}; one post older than the roster's newest: "
                  "that creator alone assessed again (its other posts' features kept); the store read is most of it"),
        _wall_row(f"Services.rank, {case} + 1 x {n:,}, reference time moved", rank_moved, None,
                  f"worker processes' CPU {fmt_seconds(moved_workers)}; one post newer than every other: every "
                  "assessment combined again, each post's text features kept (in memory, or the cache file for a worker), not measured again"),
    ]


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the rank's worker processes, once the pool has ended)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wall_row(case: str, timing: Timing, target_s: float | None, note: str) -> Row:
    from bench.common import MISS, OK

    status = "" if target_s is None else OK if timing.wall <= target_s else MISS
    return Row(NAME, case, "wall time", timing.wall, "s", target=f"<= {target_s:g} s" if target_s is not None else "",
               status=status, note=f"CPU of this process {fmt_seconds(timing.cpu)}; {note}")
