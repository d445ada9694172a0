"""Fit: one assessment (``assess_fit``) as the feed grows, and a shortlist (``rank_creators``) over many creators.

The guide is the demo Northwind guide; feeds are generated outdoor posts (mostly on-topic, as a creator a
marketer would consider). ``now`` is fixed so recency is judged the same way every run. The rank is timed
twice: the pure analysis over records in memory, and ``Services.rank`` as the CLI runs it (store reads
included), over an embedded store holding the same creators.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone

from bench.common import NOT_YET, Row, Scale, Timing, best_of, time_row, timed
from bench.datagen import as_records, generate_posts, niches

NAME = "fit"
NOW = datetime(2028, 2, 1, tzinfo=timezone.utc)  # a month after the generated feeds end
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
    timings: list[tuple[int, Timing]] = []
    for n in scale.fit_sizes:
        posts = as_records(generate_posts(n, seed=scale.seed, niche="outdoors"), profile.handle)
        repeats = scale.repeats if n <= TARGET_AT else 1
        timing = best_of(lambda: assess_fit(guide, profile, posts, now=NOW), repeats)
        timings.append((n, timing))
        rows.append(time_row(NAME, f"assess_fit, {n:,} posts", timing,
                             target_s=ONE_ASSESSMENT_TARGET_S if n == TARGET_AT else None,
                             note=f"{timing.cpu / n * 1e6:.0f} µs per post"))
    if len(timings) >= 2:
        (n0, t0), (n1, t1) = timings[0], timings[-1]
        exponent = math.log(t1.cpu / t0.cpu) / math.log(n1 / n0)
        rows.append(Row(NAME, f"assess_fit, {n0:,} -> {n1:,} posts", "growth exponent", exponent,
                        note="CPU time ~ posts^b; 1.0 is linear"))

    creators = _creators(scale)
    records = [(p, as_records(g, p.handle, platform=p.platform or "instagram")) for p, g in creators]
    total_posts = sum(len(r) for _, r in records)
    timing = best_of(lambda: rank_creators(guide, records, now=NOW), min(scale.repeats, 2))
    case = f"{len(records)} creators x {scale.rank_posts} posts"
    rows.append(time_row(NAME, f"rank_creators, {case}", timing, target_s=RANK_TARGET_S,
                         note=f"{total_posts:,} posts in memory"))
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

    assessment = None

    def fit() -> None:
        nonlocal assessment
        assessment = services.fit(BRAND, single.handle)

    fit_timing = timed(fit)
    if assessment is None or assessment.posts_analysed != n:
        raise RuntimeError(f"assessed {assessment and assessment.posts_analysed} of {n} posts")
    ranked: list = []
    rank_timing = timed(lambda: ranked.extend(services.rank(BRAND)))
    if len(ranked) != len(records) + 1:
        raise RuntimeError(f"ranked {len(ranked)} of {len(records) + 1} creators")
    return [
        time_row(NAME, f"Services.fit, {n:,} posts", fit_timing,
                 target_s=ONE_ASSESSMENT_TARGET_S if n == TARGET_AT else None,
                 note="store read included (`assistant fit`)"),
        time_row(NAME, f"Services.rank, {case} + 1 x {n:,}", rank_timing, target_s=RANK_TARGET_S,
                 note="store reads included (`assistant rank`)"),
    ]
