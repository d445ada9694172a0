"""Rebuild assistant/analysis/data/reference_feeds.json: the feeds voice fit measures a creator against.

    python scripts/build_voice_reference.py

The reference is every feed the project ships with a licence to ship: the demo cast (assistant/demo_data/feeds)
and the fictional creators of tests/eval/feeds, all written for this project (MIT). Voice fit places a creator
on each rule's measure relative to how these feeds spread on it (a z-score), so the same feed lands higher
under a guide it fits than under one it doesn't. Real posts kept for evaluation are never added here.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "assistant" / "demo_data" / "feeds", REPO / "tests" / "eval" / "feeds"]
OUT = REPO / "assistant" / "analysis" / "data" / "reference_feeds.json"


def main() -> None:
    feeds = {}
    for folder in SOURCES:
        for entry in json.loads((folder / "roster.json").read_text(encoding="utf-8")):
            posts = json.loads((folder / entry["file"]).read_text(encoding="utf-8"))
            feeds[entry["handle"]] = [p["caption"] for p in posts if p.get("caption")]
    data = {
        "_about": "Captions of the demo cast and the tests/eval creators (fictional, written for this project, MIT): "
        "the reference spread voice fit scores a feed against. Built by scripts/build_voice_reference.py.",
        "feeds": dict(sorted(feeds.items())),
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(feeds)} feeds, {sum(len(v) for v in feeds.values())} posts -> {OUT}")


if __name__ == "__main__":
    main()
