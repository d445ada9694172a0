"""Fit: one assessment (``assess_fit``) as the feed grows, and a shortlist (``rank_creators``) over many creators.

The guide is the demo Northwind guide; feeds are generated outdoor posts (mostly on-topic, as a creator a
marketer would consider). ``now`` is fixed so recency is judged the same way every run. The rank is timed
twice: the pure analysis over records in memory, and ``Services.rank`` as the CLI runs it (store reads
included), over an embedded store holding the same creators.
"""

from __future__ import annotations

import math
import time
from datetime import datetime, timezone

from bench.common import MISS, NOT_YET, OK, Row, Scale, best_of
from bench.datagen import as_records, generate_posts, niches

NAME = "fit"
NOW = datetime(2027, 1, 1, tzinfo=timezone.utc)
ONE_ASSESSMENT_TARGET_S = 0.5  # "one assessment over 1,000 posts well under a second"
TARGET_AT = 1_000
RANK_TARGET_S = 10.0  # "rank in seconds"
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
    rows: list[Row] = []
    timings: list[tuple[int, float]] = []
    for n in scale.fit_sizes:
        posts = as_records(generate_posts(n, seed=scale.seed, niche="outdoors"), profile.handle)
        repeats = scale.repeats if n <= TARGET_AT else 1
        seconds = best_of(lambda: assess_fit(guide, profile, posts, now=NOW), repeats)
        timings.append((n, seconds))
        judged = n == TARGET_AT
        rows.append(Row(NAME, f"assess_fit, {n:,} posts", "time", seconds, "s",
                        target=f"< {ONE_ASSESSMENT_TARGET_S:g} s" if judged else "",
                        status=(OK if seconds < ONE_ASSESSMENT_TARGET_S else MISS) if judged else "",
                        note=f"{seconds / n * 1e6:.0f} µs per post"))
    if len(timings) >= 2:
        (n0, t0), (n1, t1) = timings[0], timings[-1]
        exponent = math.log(t1 / t0) / math.log(n1 / n0)
        rows.append(Row(NAME, f"assess_fit, {n0:,} -> {n1:,} posts", "growth exponent", exponent,
                        note="time ~ posts^b; 1.0 is linear"))

    creators = _creators(scale)
    records = [(p, as_records(g, p.handle, platform=p.platform or "instagram")) for p, g in creators]
    total_posts = sum(len(r) for _, r in records)
    seconds = best_of(lambda: rank_creators(guide, records, now=NOW), min(scale.repeats, 2))
    case = f"{len(records)} creators x {scale.rank_posts} posts"
    rows.append(Row(NAME, f"rank_creators, {case}", "time", seconds, "s", target=f"< {RANK_TARGET_S:g} s",
                    status=OK if seconds < RANK_TARGET_S else MISS, note=f"{total_posts:,} posts in memory"))
    rows += _through_services(scale, guide, records, case)
    return rows


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
    """`assistant fit` and `assistant rank` as the CLI runs them: posts read from the store, then analysed."""
    from assistant.config import Settings
    from assistant.models import InfluencerProfile
    from assistant.services import Services

    services = Services(Settings(data_dir=scale.workdir / f"{NAME}-services"))
    services.store.add_guide(guide)
    for profile, posts in records:
        services.store.add_posts(profile, posts)
    n = TARGET_AT if TARGET_AT in scale.fit_sizes else scale.fit_sizes[0]
    single = InfluencerProfile(handle="bench.single", followers=24_000, platform="instagram", niche="hiking and gear")
    services.store.add_posts(single, as_records(generate_posts(n, seed=scale.seed, niche="outdoors"), single.handle))

    start = time.perf_counter()
    assessment = services.fit(BRAND, single.handle)
    fit_s = time.perf_counter() - start
    if assessment.posts_analysed != n:
        raise RuntimeError(f"assessed {assessment.posts_analysed} of {n} posts")
    start = time.perf_counter()
    ranked = services.rank(BRAND)
    rank_s = time.perf_counter() - start
    if len(ranked) != len(records) + 1:
        raise RuntimeError(f"ranked {len(ranked)} of {len(records) + 1} creators")
    judged = n == TARGET_AT
    return [
        Row(NAME, f"Services.fit, {n:,} posts", "time", fit_s, "s",
            target=f"< {ONE_ASSESSMENT_TARGET_S:g} s" if judged else "",
            status=(OK if fit_s < ONE_ASSESSMENT_TARGET_S else MISS) if judged else "",
            note="store read included (`assistant fit`)"),
        Row(NAME, f"Services.rank, {case} + 1 x {n:,}", "time", rank_s, "s", target=f"< {RANK_TARGET_S:g} s",
            status=OK if rank_s < RANK_TARGET_S else MISS, note="store reads included (`assistant rank`)"),
    ]
