"""Large exports: fast enough for a progress bar to be a nicety, and progress reported as promised."""

from __future__ import annotations

import csv
import json
import time

from assistant.ingest import read_posts

ROWS = 50_000


def test_large_csv_is_fast_and_reports_progress(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "caption", "likes", "comments", "views", "timestamp", "sponsored"])
        for i in range(ROWS):
            caption = f"Post {i}: trail run before work,\nthen coffee. #run" if i % 7 == 0 else f"Post {i} about kit"
            writer.writerow([f"id{i}", caption, f"{i % 5000:,}", i % 300, "" if i % 3 else "1.2k",
                             f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T12:00:00Z", "yes" if i % 50 == 0 else ""])
    calls: list[tuple[int, int]] = []
    started = time.perf_counter()
    posts = read_posts(path, "ann", progress=lambda done, total: calls.append((done, total)))
    elapsed = time.perf_counter() - started
    assert len(posts) == ROWS
    assert elapsed < 10, f"{ROWS} rows took {elapsed:.1f}s"
    assert calls[0] == (1000, ROWS) and calls[-1] == (ROWS, ROWS)
    assert len(calls) == ROWS // 1000 + 1
    assert posts[7].text == "Post 7: trail run before work,\nthen coffee. #run"
    assert posts[4321].likes == 4321 and posts[4321].views is None
    assert sum(p.sponsored is True for p in posts) == ROWS // 50


def test_large_json_reports_progress(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"text": f"post {i}", "likes": i} for i in range(5_500)], indent=1), encoding="utf-8")
    calls: list[tuple[int, int]] = []
    posts = read_posts(path, "ann", progress=lambda done, total: calls.append((done, total)))
    assert len(posts) == 5_500
    assert [done for done, _ in calls] == [1000, 2000, 3000, 4000, 5000, 5500]
    assert {total for _, total in calls} == {5_500}
