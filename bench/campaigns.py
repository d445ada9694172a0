"""Campaigns: import a results file (100 creators, 10,000 rows) into the history database and report on it.

The target (issue #13): import and report in under 2 s. Timed in this process from a fresh database: read and
validate the CSV, write it in one transaction, then build the report (per creator, total, week by week, KPIs
of the campaign's briefs). A second import of the same file (all rows unchanged) is timed too.
"""

from __future__ import annotations

import csv
import random
import resource
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from bench.common import NOT_YET, Row, Scale, Timing, child_env, time_row, timed

NAME = "campaigns"
TARGET_S = 2.0
FIGURES = ("impressions", "reach", "views", "likes", "comments", "shares", "saves", "clicks", "new_followers",
           "conversions")


def sizes(scale: Scale) -> tuple[int, int]:
    """(creators, rows): the issue's size, except at smoke scale."""
    return (5, 60) if scale.name == "smoke" else (100, 10_000)


def write_results(path: Path, creators: int, rows: int, seed: int) -> Path:
    """A results CSV with one row per creator and post; about 5% of cells blank (unknown)."""
    rng = random.Random(seed)
    start = date(2027, 3, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["influencer", "date", "platform", "post_id", "cost", *FIGURES, "revenue"])
        for i in range(rows):
            creator = i % creators
            impressions = rng.randint(1_000, 200_000)
            values = {
                "impressions": impressions, "reach": int(impressions * rng.uniform(0.5, 0.9)),
                "views": rng.randint(0, impressions), "likes": rng.randint(10, 8_000), "comments": rng.randint(0, 600),
                "shares": rng.randint(0, 400), "saves": rng.randint(0, 500), "clicks": rng.randint(0, 3_000),
                "new_followers": rng.randint(0, 300), "conversions": rng.randint(0, 80),
            }
            cells = ["" if rng.random() < 0.05 else values[f] for f in FIGURES]
            day = start + timedelta(days=rng.randrange(84))
            out.writerow([f"creator{creator:03d}", day.isoformat(), rng.choice(["instagram", "tiktok", "youtube"]),
                          f"p{i}", f"{rng.uniform(50, 2_500):.2f}", *cells, f"{rng.uniform(0, 5_000):.2f}"])
    return path


def run(scale: Scale) -> list[Row]:
    try:
        from assistant.config import Settings
        from assistant.services import Services
    except ImportError as exc:
        return [Row(NAME, "-", "time", status=NOT_YET, note=str(exc))]
    if not hasattr(Services, "ingest_results"):
        return [Row(NAME, "-", "time", status=NOT_YET, note="no results import yet")]
    creators, rows = sizes(scale)
    workdir = Path(scale.workdir) / "campaigns"
    workdir.mkdir(parents=True, exist_ok=True)
    path = write_results(workdir / "results.csv", creators, rows, scale.seed)
    services = Services(Settings(data_dir=workdir / "data", llm_provider="offline"))
    services.history  # open (and migrate) the database outside the timing

    def import_and_report() -> None:
        services.ingest_results(path, "bench campaign")
        services.campaign_report("bench campaign")

    first = timed(import_and_report)
    report = services.campaign_report("bench campaign")
    again = timed(lambda: services.ingest_results(path, "bench campaign"))
    only_report = timed(lambda: services.campaign_report("bench campaign"))
    case = f"{creators} creators, {rows:,} rows (CSV)"
    cli = _through_cli(path, workdir / "cli-data")
    return [
        time_row(NAME, f"results import + report, {case}", first, target_s=TARGET_S,
                 note=f"fresh database; {len(report.creators)} creators, {len(report.weeks)} weeks reported"),
        time_row(NAME, f"re-import (all unchanged), {case}", again, note="idempotent: nothing rewritten"),
        time_row(NAME, f"report only, {case}", only_report),
        time_row(NAME, f"CLI: results ingest + report --json, {case}", cli,
                 note="two `assistant` processes, start-up included; CPU of the children"),
    ]


def _through_cli(path: Path, data_dir: Path) -> Timing:
    """`assistant results ingest` then `assistant report --json`, as a user runs them."""
    exe = Path(sys.executable).with_name("assistant")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "assistant"]
    env = child_env(ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_CONFIG_FILE=str(data_dir / "none.toml"))

    def both() -> None:
        for args in (["results", "ingest", str(path), "--campaign", "bench campaign"],
                     ["report", "bench campaign", "--json"]):
            subprocess.run([*command, *args], env=env, check=True, capture_output=True, timeout=300)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(both).wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Timing(wall, cpu)
