"""The benchmarks still run: every one at a tiny size (``--smoke``), through ``bench/run.py``'s own entry point.

Nothing here asserts on a timing: tiny sizes measure nothing. The test checks that each benchmark produced
its rows, raised nothing, and reported well-formed figures, and that the report file has the machine and the
table, so a renamed function or a changed contract breaks this test instead of the next full run.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bench import run as bench_run
from bench.common import ERROR, NOT_YET, Row, cost_ratio, markdown_table
from bench.datagen import generate_posts, write_feed
from bench.quality import corpus, labelled_set, recall_at


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    out = tmp_path_factory.mktemp("bench")
    report, rows_json = out / "BENCHMARKS.md", out / "rows.json"
    status = bench_run.main(["--smoke", "--workdir", str(out / "work"), "--write", str(report), "--json", str(rows_json)])
    return status, json.loads(rows_json.read_text(encoding="utf-8")), report.read_text(encoding="utf-8")


def test_every_benchmark_runs_without_error(smoke_run: tuple[int, dict, str]) -> None:
    status, result, _ = smoke_run
    rows = [Row(**r) for r in result["rows"]]
    errors = [f"{r.bench}: {r.note}" for r in rows if r.status == ERROR]
    assert not errors, "\n".join(errors)
    assert status == 0
    assert {r.bench for r in rows} == set(bench_run.BENCHMARKS)


def test_figures_are_well_formed(smoke_run: tuple[int, dict, str]) -> None:
    rows = [Row(**r) for r in smoke_run[1]["rows"]]
    measured = [r for r in rows if isinstance(r.ours, (int, float))]
    assert len(measured) >= 15, markdown_table(rows)
    for r in measured:
        assert math.isfinite(r.ours) and r.ours >= 0, r
        if r.raw is not None:
            expected = cost_ratio(r.ours, r.raw, higher_is_better=r.higher_is_better)
            assert r.raw > 0 and r.ratio is not None and math.isclose(r.ratio, expected, rel_tol=1e-6), r
        if r.metric.startswith("recall@"):
            assert 0 <= r.ours <= 1, r
    # Where the module under test exists, its benchmark measured something rather than skipping.
    for bench in ("ingestion", "embedding", "retrieval", "quality"):
        assert any(r.bench == bench and isinstance(r.ours, (int, float)) for r in rows), bench
    skipped = [r for r in rows if r.status == NOT_YET]
    assert all(r.note for r in skipped), "a 'not available yet' row says what is missing"


def test_report_has_machine_and_table(smoke_run: tuple[int, dict, str]) -> None:
    report = smoke_run[2]
    assert "## Machine" in report and "**cores**" in report and "chromadb" in report
    assert "| Benchmark | Case | Metric | Ours | Raw | Ratio | Target | Status |" in report
    assert report.count("\n| ingestion |") >= 2
    assert "`python bench/run.py --smoke`" in report


def test_only_and_sizes_are_validated() -> None:
    with pytest.raises(SystemExit):
        bench_run.parse_args(["--only", "nosuchbench"])
    with pytest.raises(SystemExit):
        bench_run.parse_args(["--sizes", "1000,lots"])
    args = bench_run.parse_args(["--only", "ingestion,retrieval", "--only", "fit", "--sizes", "1000,10_000"])
    assert args.only == ["ingestion", "retrieval", "fit"] and args.sizes == [1000, 10000]
    assert bench_run.reproduce_command(args) == (
        "python bench/run.py --only ingestion --only retrieval --only fit --sizes 1000,10000"
    )


def test_generated_feed_is_seeded_and_readable_by_ingest(tmp_path: Path) -> None:
    from assistant.ingest import read_posts

    first, again, other = generate_posts(50, seed=7), generate_posts(50, seed=7), generate_posts(50, seed=8)
    assert first == again and first != other
    for suffix in ("csv", "jsonl"):
        posts = read_posts(write_feed(first, tmp_path / f"feed.{suffix}"), "bench.creator")
        assert [p.text for p in posts] == [g.caption for g in first]
        assert [p.likes for p in posts] == [g.likes for g in first]


def test_labelled_set_is_consistent() -> None:
    queries = labelled_set()["queries"]
    by_creator, relevant = corpus()
    assert len(queries) == 30 and len({q["id"] for q in queries}) == 30
    assert sum(len(posts) for posts in by_creator.values()) == 120
    assert all(len(ids) == 3 for ids in relevant.values())
    assert recall_at(["q01-0", "x", "q01-2"], relevant["q01"], 3) == pytest.approx(2 / 3)
    assert recall_at(["x", "q01-0"], relevant["q01"], 1) == 0
