"""Ranking on real public posts against hand-written expert orders (issue #10: >= 8 accounts, >= 4 real guides).

    python scripts/fetch_eval_posts.py                                   # rebuilds the posts outside the repo
    ASSISTANT_REAL_POSTS_DIR=/work/eval_data/real_posts python scripts/eval_real_posts.py

Real posts mostly can't ship with the repo (their licence keeps them out), so the feeds live outside it, in a
folder laid out like tests/eval/feeds:

    roster.json            [{"handle", "platform", "followers", "niche", "file"}]
    <handle>.json          [{"id", "caption", "created_at", "likes", "comments", ...}]  (tests/eval/README.md)

The experts' orders are in the repo, tests/data/real_posts/expert_orders.json (a folder may bring its own
expert_orders.json instead):

    {"guides": {"<guide>": "repo-relative path of the guide"},
     "split": {"<guide>": "dev" | "test"}, "account_split": {"dev": [handles], "test": [handles]},
     "orders": {"<guide>": ["best handle", "next", ...]}}     written before any run

Prints, per guide, Spearman between the experts' order and (a) the voice dimension, (b) the overall fit score
(the total `rank` sorts by), then the mean per split, and the test guides on the test accounts only.
Without the feeds it says so and exits 0.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from statistics import mean

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "scripts"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

ORDERS = REPO / "tests" / "data" / "real_posts" / "expert_orders.json"


def orders_file(folder: Path) -> Path:
    own = folder / "expert_orders.json"
    return own if own.exists() else ORDERS


def available(folder: str | None) -> bool:
    return bool(folder) and (Path(folder) / "roster.json").exists()


def load(folder: Path):
    from eval_voice import load_feed_dir

    from assistant.ingest import read_guide

    meta = json.loads(orders_file(folder).read_text(encoding="utf-8"))
    creators = load_feed_dir(folder)
    guides = {}
    for name in meta["orders"]:
        rel = meta.get("guides", {}).get(name)
        path = REPO / rel if rel else folder / "guides" / f"{name}.md"
        if not path.exists():
            path = REPO / "tests" / "data" / "real_voice_guides" / f"{name}.md"
        guides[name] = read_guide(path, brand=name)
    return meta, creators, guides


def _rho(order: list[str], scores: dict[str, float]) -> float | None:
    from eval_voice import spearman

    expert = [len(order) - i for i in range(len(order))]  # higher = better
    return spearman([scores[h] for h in order], expert)


def evaluate(folder: Path) -> dict[str, dict]:
    """Per guide: split, Spearman of the experts' order against `rank`'s order (assess_many: score, then the
    score before caps, then topic) and against the voice dimension alone, on all accounts and on the test
    accounts only; and the scores themselves."""
    from assistant.analysis import assess_many

    meta, creators, guides = load(folder)
    test_accounts = {h.lower() for h in meta.get("account_split", {}).get("test", [])}
    out = {}
    for name, order in meta["orders"].items():
        order = [h.lower() for h in order]  # handles are stored lower-cased
        pool = [(p, posts) for p, posts in creators if p.handle.lower() in order]
        missing = sorted(set(order) - {p.handle.lower() for p, _ in pool})
        if missing:
            raise SystemExit(f"{name}: no feed for {', '.join(missing)} in {folder}")
        ranked = assess_many(guides[name], pool)
        position = {a.influencer.lower(): len(ranked) - i for i, a in enumerate(ranked)}  # higher = better
        voice = {a.influencer.lower(): float(a.dimension("voice").score or 0) for a in ranked}
        fits = {a.influencer.lower(): a for a in ranked}
        sub = [h for h in order if h in test_accounts]
        out[name] = {
            "split": meta.get("split", {}).get(name, "dev"),
            "overall": _rho(order, {h: float(v) for h, v in position.items()}),
            "voice": _rho(order, voice),
            "overall_test_accounts": _rho(sub, {h: float(position[h]) for h in sub}) if len(sub) >= 3 else None,
            "voice_test_accounts": _rho(sub, voice) if len(sub) >= 3 else None,
            "scores": {h: (fits[h].score, fits[h].raw_score or 0, voice[h]) for h in order},
            "tool_order": [a.influencer for a in ranked],
        }
    return out


def split_means(rows: dict[str, dict], key: str) -> dict[str, float | None]:
    out = {}
    for split in ("dev", "test"):
        vals = [r[key] for r in rows.values() if r["split"] == split and r[key] is not None]
        out[split] = mean(vals) if vals else None
    return out


def main() -> None:
    folder = os.environ.get("ASSISTANT_REAL_POSTS_DIR")
    print("## Ranking on real posts\n")
    if not available(folder):
        print("No real-post feeds (run scripts/fetch_eval_posts.py, then set ASSISTANT_REAL_POSTS_DIR to its folder).\n")
        return
    rows = evaluate(Path(folder))
    fmt = lambda x: "n/a" if x is None else f"{x:.2f}"  # noqa: E731
    print("| guide | split | Spearman (overall) | Spearman (voice) | overall, test accounts | voice, test accounts |")
    print("|---|---|---|---|---|---|")
    for name, row in rows.items():
        print(
            f"| {name} | {row['split']} | {fmt(row['overall'])} | {fmt(row['voice'])} "
            f"| {fmt(row['overall_test_accounts'])} | {fmt(row['voice_test_accounts'])} |"
        )
    print()
    for key in ("overall", "voice", "overall_test_accounts", "voice_test_accounts"):
        m = split_means(rows, key)
        print(f"mean {key}: dev {fmt(m['dev'])}, test {fmt(m['test'])}")
    print("\nScores (overall / before caps / voice), experts' order, then the tool's order:")
    for name, row in rows.items():
        print(f"- {name}: " + ", ".join(f"{h} {o:.0f}/{r:.0f}/{v:.0f}" for h, (o, r, v) in row["scores"].items()))
        print(f"  tool: {', '.join(row['tool_order'])}")
    print()


if __name__ == "__main__":
    main()
