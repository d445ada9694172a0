"""The same inputs give the same assessment in every process (set order changes with PYTHONHASHSEED)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import json
from pathlib import Path
from assistant.ingest import read_guide, read_posts
from assistant.analysis import assess_fit
from assistant.models import InfluencerProfile
root = Path(%r)
for gdir, fdir in [(root / "voice_guides", root / "assistant/demo_data/feeds"),
                   (root / "tests/eval/guides", root / "tests/eval/feeds")]:
    roster = json.loads((fdir / "roster.json").read_text())
    guides = [read_guide(g) for g in sorted(gdir.glob("*.md"))]
    for e in roster:
        profile = InfluencerProfile(handle=e["handle"], followers=e.get("followers"), niche=e.get("niche"))
        posts = read_posts(fdir / e["file"], e["handle"], fmt="json")
        for guide in guides:
            print(assess_fit(guide, profile, posts).model_dump_json())
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", SCRIPT % str(REPO)], capture_output=True, text=True, env=env,
                         check=True, timeout=300)
    return out.stdout


def test_assessments_do_not_depend_on_hash_seed() -> None:
    first, second = _run("1"), _run("2")
    assert first.count("\n") > 50
    assert first == second
