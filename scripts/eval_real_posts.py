"""Ranking on real public posts against hand-written expert orders (issue #10: >= 8 accounts, >= 4 real guides).

    ASSISTANT_REAL_POSTS_DIR=/path/to/set python scripts/eval_real_posts.py

Real posts mostly can't ship with the repo (their licence keeps them out), so the set lives outside it, in a
folder laid out like tests/eval/feeds plus the experts' orders:

    roster.json            [{"handle", "platform", "followers", "niche", "file"}]
    <handle>.json          [{"id", "caption", "created_at", "likes", "comments", ...}]  (tests/eval/README.md)
    expert_orders.json     {"split": {"<guide>": "dev" | "test"},
                            "orders": {"<guide>": ["best handle", "next", ...]}}   written before any run
    guides/<guide>.md      the published guides (or names of tests/data/real_voice_guides/*.md)

Prints Spearman between our voice scores / overall scores and each expert order, dev and test side by side.
Without the folder it says so and exits 0. No set has been assembled yet (see EVAL.md).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "scripts"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def load(folder: Path):
    from eval_voice import load_feed_dir

    from assistant.ingest import read_guide

    meta = json.loads((folder / "expert_orders.json").read_text(encoding="utf-8"))
    creators = load_feed_dir(folder)
    guides = {}
    for name in meta["orders"]:
        path = folder / "guides" / f"{name}.md"
        if not path.exists():
            path = REPO / "tests" / "data" / "real_voice_guides" / f"{name}.md"
        guides[name] = read_guide(path, brand=name)
    return meta, creators, guides


def evaluate(folder: Path) -> dict[str, dict[str, float | None | str]]:
    from eval_voice import spearman

    from assistant.analysis import assess_fit

    meta, creators, guides = load(folder)
    out = {}
    for name, order in meta["orders"].items():
        by_handle = {p.handle: assess_fit(guides[name], p, posts) for p, posts in creators if p.handle in order}
        expert = [len(order) - order.index(h) for h in order]  # higher = better
        voice = [by_handle[h].dimension("voice").score or 0 for h in order]
        overall = [by_handle[h].score for h in order]
        out[name] = {
            "split": meta.get("split", {}).get(name, "dev"),
            "voice": spearman(voice, expert),
            "overall": spearman(overall, expert),
        }
    return out


def main() -> None:
    folder = os.environ.get("ASSISTANT_REAL_POSTS_DIR")
    print("## Ranking on real posts\n")
    if not folder or not (Path(folder) / "expert_orders.json").exists():
        print("No real-post set (set ASSISTANT_REAL_POSTS_DIR to a folder laid out as this script's docstring says).\n")
        return
    print("| guide | split | Spearman (voice) | Spearman (overall) |")
    print("|---|---|---|---|")
    for name, row in evaluate(Path(folder)).items():
        fmt = lambda x: "n/a" if x is None else f"{x:.2f}"  # noqa: E731
        print(f"| {name} | {row['split']} | {fmt(row['voice'])} | {fmt(row['overall'])} |")
    print()


if __name__ == "__main__":
    main()
