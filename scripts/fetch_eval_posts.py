"""Rebuild the real-post ranking set outside the repo (issue #10: >= 8 real accounts under >= 4 real guides).

    python scripts/fetch_eval_posts.py [--out /work/eval_data/real_posts] [--source URL-or-git-dir] [--per-account 40]

The posts are public tweets of twelve accounts of different kinds, as archived in the public repository
github.com/sxywu/tweety (Shirley Wu's "tweety" visualisation; its data/<handle>.csv files hold each account's
last ~3,200 tweets, collected with the Twitter API in late 2015). That repository has no licence and the tweets
belong to their authors (NASA's and the White House's are US federal works, public domain), so the set is not
shipped: this script rebuilds it from pinned commits of that repository, byte for byte the same every time.

Per account it keeps the most recent ``--per-account`` original posts (no retweets, no replies that start with
an @-mention), unescapes HTML entities, and writes the layout scripts/eval_real_posts.py reads (the experts'
orders are in the repo, tests/data/real_posts/expert_orders.json):

    <out>/roster.json          [{"handle", "platform", "followers", "niche", "file"}]
    <out>/<handle>.json        [{"id", "caption", "created_at", "likes", "comments", "shares", "views", "url",
                                 "sponsored"}]  (likes = favourites, shares = retweets, comments unknown)

``--source`` is a clone of the repository (a git dir) or its URL (cloned into a temporary folder; needs the network).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE_URL = "https://github.com/sxywu/tweety.git"
HEAD = "96c15c9390f0908e031fe9ad8c8b4a76b2a4c741"  # 2016-10-13, newest
OLDER = "5e560615d96e24615faceb5751f4570a5a2efc2a"  # 2015-12-15, still holds data/elonmusk.csv

# handle -> (commit holding data/<handle>.csv, kind of account; the kind is the roster's "niche")
ACCOUNTS: dict[str, tuple[str, str]] = {
    "NASA": (HEAD, "US space agency (government)"),
    "WhiteHouse": (HEAD, "US White House (government)"),
    "RealGrumpyCat": (HEAD, "pet / humour"),
    "Oreo": (HEAD, "snack brand"),
    "elonmusk": (OLDER, "celebrity tech CEO / hype"),
    "flowingdata": (HEAD, "data visualisation educator"),
    "mbostock": (HEAD, "developer (D3.js)"),
    "eatyourkimchi": (HEAD, "food and travel vloggers"),
    "TheOnion": (HEAD, "satire / news parody"),
    "BillNye": (HEAD, "science educator / celebrity"),
    "twitter": (HEAD, "tech platform brand"),
    "nytimes": (HEAD, "news publisher"),
}


def git_show(git_dir: Path, commit: str, path: str) -> str:
    out = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"], capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def feed(handle: str, text: str, per_account: int) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(text)))
    own = [r for r in rows if not r["text"].startswith(("RT @", "@"))]
    own.sort(key=lambda r: (int(r["time"]), r["tweet_id"]), reverse=True)
    out = []
    for r in own[:per_account]:
        when = datetime.fromtimestamp(int(r["time"]), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(
            {
                "id": r["tweet_id"],
                "caption": html.unescape(r["text"]),
                "created_at": when,
                "likes": int(r["faves"]) if r["faves"].strip().isdigit() else None,
                "comments": None,
                "shares": int(r["retweets"]) if r["retweets"].strip().isdigit() else None,
                "views": None,
                "url": f"https://twitter.com/{handle}/status/{r['tweet_id']}",
                "sponsored": None,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/work/eval_data/real_posts"))
    parser.add_argument("--source", default=SOURCE_URL, help="git dir of a clone, or the repository URL")
    parser.add_argument("--per-account", type=int, default=40)
    args = parser.parse_args()

    tmp = None
    git_dir = Path(args.source)
    if not git_dir.exists():
        tmp = tempfile.mkdtemp()
        subprocess.run(["git", "clone", "--bare", "--quiet", args.source, tmp], check=True)
        git_dir = Path(tmp)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        roster = []
        for handle, (commit, kind) in ACCOUNTS.items():
            posts = feed(handle, git_show(git_dir, commit, f"data/{handle}.csv"), args.per_account)
            (args.out / f"{handle}.json").write_text(json.dumps(posts, indent=1, ensure_ascii=False), encoding="utf-8")
            roster.append({"handle": handle, "platform": "twitter", "followers": None, "niche": kind, "file": f"{handle}.json"})
            print(f"{handle}: {len(posts)} posts", file=sys.stderr)
        (args.out / "roster.json").write_text(json.dumps(roster, indent=1), encoding="utf-8")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(args.out)


if __name__ == "__main__":
    main()
